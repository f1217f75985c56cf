// Package en holds accord's English recipe: the stages that recognize
// entities, dates, stance statements and facts in English declarations,
// compiled once from the rule data in schema/data (the gazetteers' en and
// en_alt names, lexicon/en-triggers.yaml, lexicon/en-cues.yaml) and then
// only matching. It registers itself as the language "en".
//
// Matching runs on tokens (extractors/en/tokens.go), made once per
// document: every word list is matched on the tokens' keys (lower case,
// British and American spellings folded together; dict.go), so a name
// always starts and ends on a word boundary ("US" never matches inside
// "USA") and case is checked where it matters (an acronym must be written
// in capitals, a capitalized word of a name must be capitalized in the
// text).
package en

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/accordkg/accord/extractors"
	"github.com/accordkg/accord/extractors/text"
	"github.com/accordkg/accord/schema"
)

func init() {
	extractors.Register(extractors.Language{
		Name:   "en",
		Detect: Detect,
		New:    New,
	})
}

// Detect scores how likely a text is English: the share of Latin letters
// among its visible characters, less the share of CJK characters.
func Detect(s string) float64 {
	if len(s) > 1<<16 {
		s = s[:1<<16]
	}
	var latin, all int
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			i++
			switch {
			case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
				all++
				latin++
			case asciiSpace(c) || asciiPunct(c) || c >= '0' && c <= '9':
			default:
				all++
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsDigit(r) {
			continue
		}
		all++
		if r < 0x250 && unicode.IsLetter(r) {
			latin++
		}
	}
	if all == 0 {
		return 0
	}
	return float64(latin)/float64(all) - text.CJKRatio(s)
}

// RuleKinds are the ids of the rule kinds written in Go in this package;
// schema/data/lexicon/en-patterns.yaml documents each with examples.
var RuleKinds = []string{
	"en/gazetteer/state", "en/gazetteer/organization", "en/gazetteer/group",
	"en/gazetteer/city", "en/gazetteer/instrument", "en/gazetteer/meeting", "en/gazetteer/initiative",
	"en/instrument/title", "en/instrument/quoted", "en/instrument/protocol", "en/instrument/derived",
	"en/organization/title", "en/instrument/resolution", "en/city/of-state",
	"en/meeting/organization", "en/meeting/title", "en/meeting/held", "en/meeting/quoted",
	"en/initiative/proposer", "en/initiative/title", "en/initiative/proposal",
	"en/entity/defined-alias", "en/entity/anaphor", "en/entity/this-organization", "en/entity/this-meeting",
	"en/entity/we",
	"en/fact/signed", "en/fact/held", "en/fact/adopted-at", "en/fact/proposed-by", "en/fact/proposed-at",
	"en/fact/admitted", "en/fact/joined", "en/fact/city-of-state",
	"en/stance/adopt-nominal",
}

func knownKind(id string) bool {
	for _, k := range RuleKinds {
		if k == id {
			return true
		}
	}
	return false
}

// cues are the compiled cue lists of schema.Cues.
type cues struct {
	adverbs, negators, negationCues, coordinators      phrases
	framingOpen, framingClose, basisOpen               phrases
	locatives, modifierTails, partners, eventVerbs     phrases
	holdVerbs, signVerbs, proposeVerbs, adoptVerbs     phrases
	joinVerbs, admitVerbs, meetingHeads, orgMeetHeads  phrases
	instrumentHeads, protocolHeads, genreHeads         phrases
	derivedHeads, derivedLinks, initiativeHeads, about phrases
	thisOrganization, thisMeeting, anaphors, outcome   phrases
	aliasIntro, shadows, ordinals, conjunctions, roles phrases
	proposalVerbs, joinBlockers, clauseVerbs, orgHeads phrases
	resolutionHeads, genericWords, contraryTo          phrases
}

func compileCues(c *schema.Cues) *cues {
	return &cues{
		adverbs: newPhrases(c.Adverbs), negators: newPhrases(c.Negators),
		negationCues: newPhrases(c.NegationCues), coordinators: newPhrases(c.Coordinators),
		framingOpen: newPhrases(c.FramingOpen), framingClose: newPhrases(c.FramingClose),
		basisOpen: newPhrases(c.BasisOpen), locatives: newPhrases(c.Locatives),
		modifierTails: newPhrases(c.ModifierTails), partners: newPhrases(c.Partners),
		eventVerbs: newPhrases(c.EventVerbs), holdVerbs: newPhrases(c.HoldVerbs),
		signVerbs: newPhrases(c.SignVerbs), proposeVerbs: newPhrases(c.ProposeVerbs),
		adoptVerbs: newPhrases(c.AdoptVerbs), joinVerbs: newPhrases(c.JoinVerbs),
		admitVerbs: newPhrases(c.AdmitVerbs), meetingHeads: newPhrases(c.MeetingHeads),
		orgMeetHeads: newPhrases(c.OrgMeetingHeads), instrumentHeads: newPhrases(c.InstrumentHeads),
		protocolHeads: newPhrases(c.ProtocolHeads), genreHeads: newPhrases(c.GenreHeads),
		derivedHeads: newPhrases(c.DerivedHeads), derivedLinks: newPhrases(c.DerivedLinks),
		initiativeHeads: newPhrases(c.InitiativeHeads), about: newPhrases(c.About),
		thisOrganization: newPhrases(c.ThisOrganization), thisMeeting: newPhrases(c.ThisMeeting),
		anaphors: newPhrases(c.Anaphors), outcome: newPhrases(c.OutcomeNouns),
		aliasIntro: newPhrases(c.AliasIntro), shadows: newPhrases(c.Shadows),
		ordinals: newPhrases(c.Ordinals), conjunctions: newPhrases(c.Conjunctions),
		roles: newPhrases(c.MeetingRoles), proposalVerbs: newPhrases(c.ProposalVerbs),
		joinBlockers: newPhrases(c.JoinBlockers), clauseVerbs: newPhrases(c.ClauseVerbs),
		orgHeads: newPhrases(c.OrganizationHeads), resolutionHeads: newPhrases(c.ResolutionHeads),
		genericWords: newPhrases(c.GenericWords), contraryTo: newPhrases(c.ContraryTo),
	}
}

// trigger is a compiled stance trigger word: its rule and its tokens.
type trigger struct {
	rule *schema.Trigger
	toks []token
}

// New compiles the rule data into the English pipeline: structure →
// entities → context → dates → relations → facts, the stages after
// text.Structure sharing one tokenization of the document (recipe).
func New(r *schema.Rules) (*extractors.Pipeline, error) {
	cueData, ok := r.Cues["en"]
	if !ok {
		return nil, fmt.Errorf("no English cue file (lexicon/en-cues.yaml) in the rules")
	}
	for _, p := range r.Patterns["en"] {
		if p.Compiled == nil && !knownKind(p.ID) {
			return nil, fmt.Errorf("%s: pattern %s: the English recipe has no rule kind of that id (known: %s)", p.Source, p.ID, strings.Join(RuleKinds, ", "))
		}
	}
	c := compileCues(cueData)
	trig := newDict()
	var trigs []trigger
	for _, t := range r.Triggers["en"] {
		if !r.Enabled(t.ID) {
			continue
		}
		for _, w := range t.Words {
			f := foldString(w)
			ts := tokenize(f, 0, len(f))
			if len(ts) == 0 {
				continue
			}
			trigs = append(trigs, trigger{rule: t, toks: ts})
			trig.add(joinKeys(ts), len(trigs)-1)
		}
	}
	trig.compile()
	ents, err := newEntities(r, c, trig, trigs)
	if err != nil {
		return nil, err
	}
	return &extractors.Pipeline{
		Lang: "en",
		Fold: foldRune,
		Stages: []extractors.Stage{
			&text.Structure{Boilerplate: cueData.Boilerplate, SentenceEnds: "!?."},
			&recipe{stages: []stage{
				structure{},
				ents,
				neutral{&extractors.Context{Rules: r}},
				dates{},
				&relations{triggers: trig, trigs: trigs, c: c, rules: r},
				&facts{c: c},
			}},
			extractors.DropDisabled{Rules: r},
		},
	}, nil
}

// stage is a stage of the English recipe. It reads the state the recipe
// keeps for the document.
type stage interface {
	process(d *extractors.Document, st *state) error
}

// recipe is the extractors.Stage that runs the English stages over a
// document with one tokenization of its view, which no stage changes.
type recipe struct {
	stages []stage
}

// Process implements extractors.Stage.
func (r *recipe) Process(d *extractors.Document) error {
	st := &state{ts: newTokens(d.View)}
	for _, s := range r.stages {
		if err := s.process(d, st); err != nil {
			return err
		}
	}
	return nil
}

// state is what the English stages share about one document: its tokens
// and what they look up in them. No stage changes the view; only the
// structure stage, the first, changes the sentences.
type state struct {
	ts *tokens
	// sentLo and sentHi are the token range of each sentence.
	sentLo, sentHi []int
	// rd and rdMentions are the mention look-ups of relations and facts
	// and the number of mentions they were made for.
	rd         *rdoc
	rdMentions int
}

// sentences returns the token range of each sentence of d.
func (st *state) sentences(d *extractors.Document) (lo, hi []int) {
	if st.sentLo == nil || len(st.sentLo) != len(d.Sentences) {
		st.sentLo, st.sentHi = make([]int, len(d.Sentences)), make([]int, len(d.Sentences))
		for si, s := range d.Sentences {
			st.sentLo[si], st.sentHi[si] = st.ts.first(s.Start), st.ts.last(s.End)
		}
	}
	return st.sentLo, st.sentHi
}

// rdoc returns the mention look-ups of d (made again when the mentions
// changed in number).
func (st *state) rdoc(d *extractors.Document) *rdoc {
	if st.rd == nil || st.rdMentions != len(d.Mentions) {
		st.rd, st.rdMentions = newRdoc(d, st.ts), len(d.Mentions)
		st.rd.sentLo, st.rd.sentHi = st.sentences(d)
	}
	return st.rd
}

// neutral runs a stage that needs no tokens (extractors.Context) in the
// recipe.
type neutral struct {
	extractors.Stage
}

func (n neutral) process(d *extractors.Document, _ *state) error {
	return n.Process(d)
}

func joinKeys(ts []token) string {
	ks := make([]string, len(ts))
	for i, t := range ts {
		ks[i] = t.Key
	}
	return strings.Join(ks, " ")
}
