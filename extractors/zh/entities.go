package zh

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/accordkg/accord/extractors"
	"github.com/accordkg/accord/schema"
)

type payloadKind int

const (
	pEntry payloadKind = iota
	pShadow
	pThisOrg
	pThisMeeting
)

type payload struct {
	kind payloadKind
	// tmpl is the mention of a hit, but for its span, surface, sentence
	// and nesting (and its label, when it has none: the surface); made
	// once.
	tmpl extractors.Mention
	// flags are the payload's gazFlags.
	flags uint8
}

// Flags of a gazetteer payload, copied into its words' and candidates'
// (compact arrays the hot loops read instead of the payloads of some 250
// bytes each).
const (
	// gazShadow: a shadow, no mention itself.
	gazShadow uint8 = 1 << iota
	// gazOrg and gazGroup: an organization's or a group's entry, which
	// the meeting and convention patterns are built on.
	gazOrg
	gazGroup
	// gazActor: of a class that can be an actor.
	gazActor
)

// cues are the compiled cue lists of schema.Cues.
type cues struct {
	adverbs, negators, negationCues, coordinators         words
	framingOpen, framingClose, basisOpen, basisClose      words
	locatives, modifierTails, partners, eventVerbs        words
	holdVerbs, signVerbs, proposeVerbs, adoptVerbs        words
	joinVerbs, admitVerbs, meetingHeads, orgMeetingHeads  words
	instrumentHeads, protocolHeads, genreHeads            words
	derivedHeads, derivedLinks, conventionHeads           words
	initiativeHeads, about, anaphors, bareAnaphors        words
	anaphorVerbs, outcomeNouns, aliasIntro, ordinals      words
	thisOrganization, thisMeeting, shadows, proposalVerbs words
	conjunctions, meetingRoles, joinBlockers, wishVerbs   words
	hostBlockers, instrumentMeetingHeads                  words
	contraryTo, separateConjuncts, placeBlockers          words
	resolutionLinks                                       words
}

func compileCues(c *schema.Cues, fold func(string) string) *cues {
	newWords := func(ws []string) words {
		out := make([]string, len(ws))
		for i, w := range ws {
			out[i] = fold(w)
		}
		return newWordList(out)
	}
	return &cues{
		adverbs: newWords(c.Adverbs), negators: newWords(c.Negators),
		negationCues: newWords(c.NegationCues), coordinators: newWords(c.Coordinators),
		framingOpen: newWords(c.FramingOpen), framingClose: newWords(c.FramingClose),
		basisOpen: newWords(c.BasisOpen), basisClose: newWords(c.BasisClose),
		locatives: newWords(c.Locatives), modifierTails: newWords(c.ModifierTails),
		partners: newWords(c.Partners), eventVerbs: newWords(c.EventVerbs),
		holdVerbs: newWords(c.HoldVerbs), signVerbs: newWords(c.SignVerbs),
		proposeVerbs: newWords(c.ProposeVerbs), adoptVerbs: newWords(c.AdoptVerbs),
		joinVerbs: newWords(c.JoinVerbs), admitVerbs: newWords(c.AdmitVerbs),
		meetingHeads: newWords(c.MeetingHeads), orgMeetingHeads: newWords(c.OrgMeetingHeads),
		instrumentHeads: newWords(c.InstrumentHeads), protocolHeads: newWords(c.ProtocolHeads),
		genreHeads: newWords(c.GenreHeads), derivedHeads: newWords(c.DerivedHeads),
		derivedLinks: newWords(c.DerivedLinks), conventionHeads: newWords(c.ConventionHeads),
		initiativeHeads: newWords(c.InitiativeHeads), about: newWords(c.About),
		anaphors: newWords(c.Anaphors), bareAnaphors: newWords(c.BareAnaphors),
		anaphorVerbs: newWords(c.AnaphorVerbs), outcomeNouns: newWords(c.OutcomeNouns),
		aliasIntro: newWords(c.AliasIntro), ordinals: newWords(c.Ordinals),
		thisOrganization: newWords(c.ThisOrganization), thisMeeting: newWords(c.ThisMeeting),
		shadows: newWords(c.Shadows), proposalVerbs: newWords(c.ProposalVerbs),
		conjunctions: newWords(c.Conjunctions), meetingRoles: newWords(c.MeetingRoles),
		joinBlockers: newWords(c.JoinBlockers), wishVerbs: newWords(c.WishVerbs),
		hostBlockers: newWords(c.HostBlockers), instrumentMeetingHeads: newWords(c.InstrumentMeetingHeads),
		contraryTo: newWords(c.ContraryTo), separateConjuncts: newWords(c.SeparateConjuncts),
		placeBlockers: newWords(c.PlaceBlockers), resolutionLinks: newWords(c.ResolutionLinks),
	}
}

// Entities is the stage that recognizes entity mentions: gazetteer names
// (leftmost-longest, Aho-Corasick), then the pattern rule kinds for names
// no list can hold (instrument titles, meetings, initiatives), then the
// aliases a text defines for itself.
type Entities struct {
	enabled func(id string) bool
	gaz     *dict
	// gazNorm holds each gazetteer word normalized (schema.NormalizeName):
	// a name written as the gazetteer has it needs no look-up.
	gazNorm []string
	// gazPay and gazFlags hold each gazetteer word's first payload (the
	// one that makes its mentions) and its flags.
	gazPay   []int32
	gazFlags []uint8
	payloads []payload
	byName   map[string]*schema.Entry
	// labels are the entries' Chinese names, normalized.
	labels   map[*schema.Entry]string
	c        *cues
	triggers *dict
	// anaDict finds anaphors (payload 0) and bare anaphors (payload 1).
	anaDict *dict
	// cueDict finds the fixed strings the patterns start from.
	cueDict *dict
	// scan matches gaz, cueDict and anaDict in one pass over the view.
	scan *multiDict
	// regexps are the packs' regexp patterns (schema.Pattern.Compiled).
	regexps []*schema.Pattern
	// scratches holds the candidate buffers of Process calls done
	// (*entScratch).
	scratches sync.Pool
}

// Indexes of the dicts in Entities.scan.
const (
	scanGaz = iota
	scanCue
	scanAna
	scanTrig
)

func newEntities(r *schema.Rules, c *cues, triggers *dict, fold func(string) string) *Entities {
	e := &Entities{enabled: r.Enabled, gaz: newDict(), byName: map[string]*schema.Entry{}, labels: map[*schema.Entry]string{}, c: c, triggers: triggers}
	for _, p := range r.Patterns["zh"] {
		if p.Compiled != nil {
			e.regexps = append(e.regexps, p)
		}
	}
	for _, en := range r.Entries {
		e.labels[en] = schema.NormalizeName(en.ZH)
		for _, n := range en.Names("zh") {
			m := extractors.Mention{Class: en.Class, Entry: en, Key: en.ID, Label: e.labels[en], Rule: "zh/gazetteer/" + strings.ToLower(en.Class.Name)}
			if en.Contextual {
				m.Contextual = "group"
			}
			var f uint8
			switch en.Class.Name {
			case "Organization":
				f = gazOrg
			case "Group":
				f = gazGroup
			}
			e.payloads = append(e.payloads, payload{kind: pEntry, tmpl: m, flags: f})
			e.gaz.add(fold(n), len(e.payloads)-1)
			e.byName[schema.NormalizeName(fold(n))] = en
		}
	}
	for _, w := range c.shadows.list {
		e.payloads = append(e.payloads, payload{kind: pShadow, flags: gazShadow})
		e.gaz.add(w, len(e.payloads)-1)
	}
	for _, w := range c.thisOrganization.list {
		e.payloads = append(e.payloads, payload{kind: pThisOrg, tmpl: extractors.Mention{Class: mustClass("Organization"), Rule: "zh/entity/this-organization", Contextual: "organization"}})
		e.gaz.add(w, len(e.payloads)-1)
	}
	for _, w := range c.thisMeeting.list {
		e.payloads = append(e.payloads, payload{kind: pThisMeeting, tmpl: extractors.Mention{Class: mustClass("Meeting"), Rule: "zh/entity/this-meeting", Contextual: "meeting"}})
		e.gaz.add(w, len(e.payloads)-1)
	}
	for i := range e.payloads {
		if p := &e.payloads[i]; p.kind != pShadow && p.tmpl.Class.Actor {
			p.flags |= gazActor
		}
	}
	e.gaz.compile()
	e.gazNorm = make([]string, len(e.gaz.words))
	e.gazPay = make([]int32, len(e.gaz.words))
	e.gazFlags = make([]uint8, len(e.gaz.words))
	for i, w := range e.gaz.words {
		e.gazNorm[i] = schema.NormalizeName(w)
		// a word's first payload makes its mentions
		e.gazPay[i] = int32(e.gaz.vals[i][0])
		e.gazFlags[i] = e.payloads[e.gazPay[i]].flags
	}
	e.anaDict = newDict()
	for _, w := range c.anaphors.list {
		e.anaDict.add(w, 0)
	}
	for _, w := range c.bareAnaphors.list {
		e.anaDict.add(w, 1)
	}
	e.anaDict.compile()
	e.cueDict = newDict()
	for _, w := range c.about.list {
		e.cueDict.add(w, cueAbout)
	}
	for _, w := range c.holdVerbs.list {
		e.cueDict.add(w+"的", cueHold)
		e.cueDict.add(w, cueHost)
	}
	for _, w := range c.ordinals.list {
		e.cueDict.add(w, cueOrdinal)
	}
	for _, w := range c.instrumentMeetingHeads.list {
		e.cueDict.add(w, cueInstrumentMeeting)
	}
	for _, w := range c.initiativeHeads.list {
		e.cueDict.add("的"+w, cueInitiative)
	}
	e.cueDict.compile()
	e.scan = newMultiDict(e.gaz, e.cueDict, e.anaDict, e.triggers)
	return e
}

// Kinds of the fixed strings that the pattern rules start from, found in
// one Aho-Corasick pass (strings.Index over CJK is slow: their first bytes
// are everywhere).
const (
	cueAbout = iota
	cueHold
	cueHost
	cueOrdinal
	cueInitiative
	cueInstrumentMeeting
	cueKinds
)

// cueHits sorts the hits of cueDict (hs, as its all returns them) by cue
// kind, each kind in text order.
func (e *Entities) cueHits(hs []hit) [cueKinds][]hit {
	var out [cueKinds][]hit
	for _, h := range hs {
		for _, k := range e.cueDict.vals[h.Word] {
			out[k] = append(out[k], h)
		}
	}
	for k := range out {
		sort.Slice(out[k], func(i, j int) bool { return out[k][i].Start < out[k][j].Start })
	}
	return out
}

// nameMemo remembers schema.NormalizeName over one document: the same
// names come back many times. It lives for one Process call.
type nameMemo map[string]string

// of returns schema.NormalizeName(s). A plain name (schema.PlainName) is its own
// normal form: checking that reads its bytes once, cheaper than hashing
// them for the map.
func (n nameMemo) of(s string) string {
	if schema.PlainName(s) {
		return s
	}
	if out, ok := n[s]; ok {
		return out
	}
	out := schema.NormalizeName(s)
	n[s] = out
	return out
}

// ofSpan returns the normal forms (schema.NormalizeName) of the view's
// and the text's sp: the text's is the view's when the two are written
// alike, as they mostly are, and then it is not normalized again.
func (n nameMemo) ofSpan(d *extractors.Document, sp extractors.Span) (view, text string) {
	vs, ts := d.View[sp.Start:sp.End], d.TextOf(sp)
	view = n.of(vs)
	if ts == vs {
		return view, view
	}
	return view, n.of(ts)
}

// entScratch holds the candidate buffers of a Process call, reused by
// the next one: a document's candidates would grow new ones hit by hit.
type entScratch struct {
	pats []cand
	gaz  []gazCand
}

// maxScratch bounds the pattern candidates an entScratch keeps between
// documents (a large document's buffers are left to the collector).
const maxScratch = 1 << 14

// scratch returns buffers for a Process call.
func (e *Entities) scratch() *entScratch {
	if sc, ok := e.scratches.Get().(*entScratch); ok {
		return sc
	}
	return &entScratch{}
}

// release clears sc (it keeps no document's strings alive) and keeps it
// for a later Process call, unless it has grown large.
func (e *Entities) release(sc *entScratch) {
	if cap(sc.pats) > maxScratch || cap(sc.gaz) > 4*maxScratch {
		return
	}
	clear(sc.pats)
	clear(sc.gaz)
	sc.pats, sc.gaz = sc.pats[:0], sc.gaz[:0]
	e.scratches.Put(sc)
}

// cand is a mention candidate with its role in overlap resolution.
type cand struct {
	m extractors.Mention
	// name: mentions inside are part of this name and dropped.
	name bool
	// nest: mentions inside are kept but nested.
	nest bool
	// keep: survives inside a name span (the treaty of 《X》议定书).
	keep bool
	// none: suppresses names inside but is no mention itself (shadows,
	// quoted concepts).
	none bool
}

// gazCand is a candidate mention the gazetteer found: its span,
// sentence, payload and surface. Its mention is made from the payload's
// template only when it is kept: a cand is some 230 bytes, and most of a
// document's candidates are the gazetteer's.
type gazCand struct {
	extractors.Span
	surface string
	sent    int32
	p       int32
	flags   uint8
	// nested: inside a pattern mention that nests what it holds; drop:
	// inside or across another (resolveOverlaps sets both).
	nested, drop bool
}

// Process implements extractors.Stage.
func (e *Entities) Process(d *extractors.Document) error {
	v := d.View
	names := nameMemo{}
	sc := e.scratch()
	defer e.release(sc)
	pats := sc.pats[:0]
	sents := newSentCursor(d)
	pass := e.scan.pass(v)
	defer e.scan.done(pass)
	scan := pass.hits
	// the trigger hits, for Relations (which would scan for them again):
	// a copy, which outlives the pass
	d.Carry(triggerHitsKey{}, &triggerHits{dict: e.triggers, hits: ownHits(scan[scanTrig])})
	gazHits := leftmostLongest(scan[scanGaz])
	gaz := slices.Grow(sc.gaz[:0], len(gazHits))
	for _, h := range gazHits {
		sp := extractors.Span{Start: h.Start, End: h.End}
		// the hits are in text order, as the cursor needs
		si := sents.at(sp.Start)
		if si < 0 || d.Sentences[si].End < sp.End {
			continue // not in the text's sentences
		}
		if e.gazFlags[h.Word]&gazShadow != 0 {
			pats = append(pats, cand{m: extractors.Mention{Span: sp}, none: true, name: true})
			continue
		}
		var surface string
		if text := d.TextOf(sp); text == e.gaz.words[h.Word] {
			surface = e.gazNorm[h.Word]
		} else {
			surface = names.of(text)
		}
		gaz = append(gaz, gazCand{Span: sp, surface: surface, sent: int32(si), p: e.gazPay[h.Word], flags: e.gazFlags[h.Word]})
	}
	cues := e.cueHits(scan[scanCue])
	// each pattern kind appends its candidates to pats
	pats = e.quotes(pats, d, names)
	pats = e.titles(pats, d, names)
	pats = e.conventions(pats, d, names, gaz, cues[cueAbout])
	pats = e.meetings(pats, d, names, gaz, cues)
	pats = e.instrumentMeetings(pats, d, names, cues[cueInstrumentMeeting])
	if heads := cues[cueInitiative]; len(heads) > 0 {
		pats = e.initiatives(pats, d, names, outside(gaz, pats), heads)
	}
	pats = e.regexpMentions(pats, d, names)
	pats = e.resolutions(pats, d, names, gaz)
	pats = e.placesOfState(pats, d, names, gaz)
	for i := range pats {
		if !pats[i].none && !inText(d, pats[i].m.Span) {
			pats[i].none = true
		}
	}
	// the candidates' buffers, for the next document
	sc.pats, sc.gaz = pats, gaz
	kept := e.resolveOverlaps(d, pats, gaz)
	n := len(kept)
	for i := range gaz {
		if !gaz[i].drop {
			n++
		}
	}
	// with room for the aliases and anaphors added below
	d.Mentions = slices.Grow(d.Mentions, n+n/8)
	// the kept mentions in the order SortMentions gives, so that it has
	// nothing to move: the patterns' and the gazetteer's, each run in
	// text order, merged
	sents = newSentCursor(d)
	mergeRuns(len(kept), len(gaz), func(i, j int) int { return kept[i].m.Span.Compare(gaz[j].Span) },
		func(i int) {
			if c := kept[i]; e.keep(d, &c.m) {
				d.Mentions = append(d.Mentions, c.m)
				d.Mentions[len(d.Mentions)-1].Sent = sents.at(c.m.Start)
			}
		},
		func(j int) {
			g := &gaz[j]
			if g.drop {
				return
			}
			p := &e.payloads[g.p]
			if !e.enabled(p.tmpl.Rule) {
				d.Note(p.tmpl.Rule, g.Span, false, "%s: rule switched off", d.TextOf(g.Span))
				return
			}
			d.Mentions = append(d.Mentions, p.tmpl)
			m := &d.Mentions[len(d.Mentions)-1]
			m.Span, m.Surface, m.Nested, m.Sent = g.Span, g.surface, g.nested, int(g.sent)
			if m.Label == "" {
				m.Label = g.surface
			}
			if d.Explaining() {
				e.noteKept(d, m)
			}
		})
	d.SortMentions()
	e.aliases(d, names)
	d.SortMentions()
	e.anaphora(d, leftmostLongest(scan[scanAna]))
	d.SortMentions()
	return nil
}

// inText reports whether sp lies inside one of the text's sentences.
func inText(d *extractors.Document, sp extractors.Span) bool {
	i := d.SentenceAt(sp.Start)
	return i >= 0 && d.Sentences[i].End >= sp.End
}

// keep reports whether a kept pattern mention's rule is on, noting why
// it is or is not kept when the document is being explained.
func (e *Entities) keep(d *extractors.Document, m *extractors.Mention) bool {
	if !e.enabled(m.Rule) {
		d.Note(m.Rule, m.Span, false, "%s: rule switched off", d.TextOf(m.Span))
		return false
	}
	if d.Explaining() {
		e.noteKept(d, m)
	}
	return true
}

// noteKept notes that m is kept, and as what.
func (e *Entities) noteKept(d *extractors.Document, m *extractors.Mention) {
	why := m.Class.Name
	if m.Nested {
		why += ", nested (an entity, never a target)"
	}
	d.Note(m.Rule, m.Span, true, "%s: %s", d.TextOf(m.Span), why)
}

// sentCursor finds the sentences of offsets asked for in increasing
// order, as Document.SentenceAt does, by walking the sentences once
// instead of a binary search per offset. It falls back to SentenceAt
// when the sentences' ends are not in order (never, from text.Structure;
// the walk needs them so) or an offset is asked for after a larger one.
type sentCursor struct {
	d        *extractors.Document
	k, last  int
	unsorted bool
}

func newSentCursor(d *extractors.Document) *sentCursor {
	return &sentCursor{d: d, unsorted: !slices.IsSortedFunc(d.Sentences, func(a, b extractors.Sentence) int { return cmp.Compare(a.End, b.End) })}
}

// at returns d.SentenceAt(v).
func (c *sentCursor) at(v int) int {
	if c.unsorted || v < c.last {
		return c.d.SentenceAt(v)
	}
	c.last = v
	ss := c.d.Sentences
	// the first sentence that ends past v, as SentenceAt's binary search
	// finds it: those before it end at or before the offsets asked before
	for c.k < len(ss) && ss[c.k].End <= v {
		c.k++
	}
	if c.k < len(ss) && ss[c.k].Start <= v {
		return c.k
	}
	return -1
}

// regexpMentions appends a candidate for every match of the packs' regexp
// patterns (their group "name", else the whole match), named like the
// other patterns' names: a name the gazetteer knows lands on its entry.
func (e *Entities) regexpMentions(out []cand, d *extractors.Document, names nameMemo) []cand {
	v := d.View
	for _, p := range e.regexps {
		g := p.NameGroup()
		for _, loc := range p.Compiled.FindAllStringSubmatchIndex(v, -1) {
			sp := extractors.Span{Start: loc[2*g], End: loc[2*g+1]}
			if sp.Start < 0 || sp.End <= sp.Start {
				continue
			}
			lab, surface := names.ofSpan(d, sp)
			m := e.named(p.EntityClass.Name, lab, surface, p.ID, sp)
			out = append(out, cand{m: m, name: true})
		}
	}
	return out
}

// anaphora adds, for 该条约/上述文件 and for a bare 条约 right after an
// adherence verb (恪守条约规定), a mention of the last instrument named
// before it in the same paragraph whose title ends in the same word
// (文件, "document", takes any instrument). hits are the leftmost-longest
// matches of anaDict in the view.
func (e *Entities) anaphora(d *extractors.Document, hits []hit) {
	v := d.View
	type found struct {
		sp   extractors.Span
		head string
	}
	var fs []found
	for _, h := range hits {
		if d.SentenceAt(h.Start) < 0 {
			continue
		}
		w := e.anaDict.words[h.Word]
		if e.anaDict.vals[h.Word][0] == 0 {
			fs = append(fs, found{extractors.Span{Start: h.Start, End: h.End}, strings.TrimPrefix(strings.TrimPrefix(w, "该"), "上述")})
		} else if e.c.anaphorVerbs.before(v, h.Start) != "" {
			fs = append(fs, found{extractors.Span{Start: h.Start, End: h.End}, w})
		}
	}
	var added []extractors.Mention
	for _, f := range fs {
		if overlapsAny(d, f.sp) {
			continue
		}
		si := d.SentenceAt(f.sp.Start)
		para := d.Sentences[si].Para
		ante := -1
		lo, hi := mentionRange(d, d.Paragraphs[para].Start, f.sp.Start)
		for i := lo; i < hi; i++ {
			m := &d.Mentions[i]
			if m.End > f.sp.Start || m.Class.Name != "Instrument" {
				continue
			}
			if f.head == "文件" || strings.HasSuffix(m.Label, f.head) {
				ante = i
			}
		}
		if ante < 0 {
			continue
		}
		m := d.Mentions[ante]
		m.Span, m.Rule, m.Nested, m.Alt = f.sp, "zh/entity/anaphor", false, nil
		added = append(added, m)
	}
	for _, m := range added {
		d.AddMention(m)
	}
}

func mustClass(name string) schema.Class {
	c, ok := schema.ClassByName(name)
	if !ok {
		panic("schema: no class " + name)
	}
	return c
}

// spanSet holds candidates bucketed by start offset, for neighbourhood
// look-ups in constant time per bucket (a sorted slice with inserts in
// the middle made large documents quadratic). It holds indexes into
// cands, not copies: a candidate is a mention of some 250 bytes.
type spanSet struct {
	cands   []cand
	buckets [][]int32
	maxLen  int
	n       int
}

const spanBucket = 1024

// newSpanSet returns an empty set of candidates of cs, which must not be
// appended to while the set is used.
func newSpanSet(cs []cand) *spanSet { return &spanSet{cands: cs} }

// insert adds cands[i].
func (s *spanSet) insert(i int) {
	c := &s.cands[i]
	b := c.m.Start / spanBucket
	if b >= len(s.buckets) {
		s.buckets = slices.Grow(s.buckets, b+1-len(s.buckets))[:b+1]
	}
	s.buckets[b] = append(s.buckets[b], int32(i))
	if c.m.Len() > s.maxLen {
		s.maxLen = c.m.Len()
	}
	s.n++
}

// near appends to buf the candidates that may overlap sp, and returns it:
// pointers into cands.
func (s *spanSet) near(sp extractors.Span, buf []*cand) []*cand {
	out := buf[:0]
	lo := max((sp.Start-s.maxLen)/spanBucket, 0)
	hi := min(sp.End/spanBucket, len(s.buckets)-1)
	for b := lo; b <= hi; b++ {
		for _, i := range s.buckets[b] {
			if c := &s.cands[i]; c.m.Start < sp.End && c.m.End > sp.Start-s.maxLen {
				out = append(out, c)
			}
		}
	}
	return out
}

// all returns every candidate, sorted by span: pointers into cands.
func (s *spanSet) all() []*cand {
	ps := make([]*cand, 0, s.n)
	for _, is := range s.buckets {
		from := len(ps)
		for _, i := range is {
			ps = append(ps, &s.cands[i])
		}
		// the buckets are in order of start: sorting each sorts all. No
		// two candidates of a set share a span (resolveOverlaps drops the
		// second): the order is total, whatever the buckets' order
		slices.SortFunc(ps[from:], func(a, b *cand) int { return a.m.Span.Compare(b.m.Span) })
	}
	return ps
}

// mergeRuns merges two runs, each in order: it calls emitA(i) for the
// items i < na of the first and emitB(j) for the items j < nb of the
// second, in the order a stable sort of the first run followed by the
// second would give (on a tie, the first run's first). compare(i, j)
// compares item i of the first run with item j of the second.
func mergeRuns(na, nb int, compare func(i, j int) int, emitA, emitB func(int)) {
	i, j := 0, 0
	for i < na && j < nb {
		if compare(i, j) <= 0 {
			emitA(i)
			i++
		} else {
			emitB(j)
			j++
		}
	}
	for ; i < na; i++ {
		emitA(i)
	}
	for ; j < nb; j++ {
		emitB(j)
	}
}

// byLength returns the indexes of cs, the longest candidate's first, on
// equal length in the order of cs: what a stable sort by length gives.
// It counts the candidates of each length instead of comparing them
// (spans are short; it sorts when one is not, or has a negative length).
// FuzzByLength checks it against the stable sort.
func byLength(cs []cand) []int {
	order := make([]int, len(cs))
	longest := 0
	for i := range cs {
		n := cs[i].m.Len()
		if n < 0 || n > maxCountedLen {
			for i := range order {
				order[i] = i
			}
			slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(cs[b].m.Len(), cs[a].m.Len()) })
			return order
		}
		longest = max(longest, n)
	}
	// at[n]: where the candidates of length n go, the longer ones before
	at := make([]int, longest+1)
	for i := range cs {
		at[cs[i].m.Len()]++
	}
	next := 0
	for n := longest; n >= 0; n-- {
		at[n], next = next, next+at[n]
	}
	for i := range cs {
		n := cs[i].m.Len()
		order[at[n]] = i
		at[n]++
	}
	return order
}

// maxCountedLen is the longest span byLength counts instead of sorting.
const maxCountedLen = 1 << 16

// resolveOverlaps keeps the longer pattern mentions, nests or drops what
// lies inside them, and returns the surviving pattern mentions in text
// order (pointers into pats). It marks the gazetteer's candidates dropped
// or nested in place.
func (e *Entities) resolveOverlaps(d *extractors.Document, pats []cand, gaz []gazCand) []*cand {
	// longest first; on equal length the earlier rule wins
	order := byLength(pats)
	// a candidate's nesting is set in place: pats is not used afterwards
	kept := newSpanSet(pats)
	var near []*cand
	for _, i := range order {
		c := &pats[i]
		drop := false
		near = kept.near(c.m.Span, near)
		for _, o := range near {
			switch {
			case o.m.Span == c.m.Span:
				drop = true
			case o.m.Contains(c.m.Span):
				if o.name && !c.keep {
					drop = true
				}
				if o.nest {
					c.m.Nested = true
				}
			case o.m.Overlaps(c.m.Span):
				drop = true
			}
			if drop {
				break
			}
		}
		if !drop {
			kept.insert(i)
		} else if !c.none && d.Explaining() {
			d.Note(c.m.Rule, c.m.Span, false, "%s: overlaps a longer match", d.TextOf(c.m.Span))
		}
	}
	all := kept.all()
	// the gazetteer's candidates, in text order, against the kept patterns
	// that may overlap them: those starting less than the longest kept
	// pattern's length before them (the buckets of near give the same)
	lo := 0
	for i := range gaz {
		g := &gaz[i]
		for lo < len(all) && all[lo].m.Start < g.Start-kept.maxLen {
			lo++
		}
		for _, o := range all[lo:] {
			if o.m.Start >= g.End {
				break
			}
			if o.m.Contains(g.Span) {
				if o.name {
					g.drop = true
					break
				}
				if o.nest {
					g.nested = true
				}
			} else if o.m.Overlaps(g.Span) && !o.none {
				g.drop = true
				break
			}
		}
		if g.drop && d.Explaining() {
			d.Note(e.payloads[g.p].tmpl.Rule, g.Span, false, "%s: part of a longer name", d.TextOf(g.Span))
		}
	}
	out := all[:0]
	for _, c := range all {
		if !c.none {
			out = append(out, c)
		}
	}
	return out
}

// named returns the instrument/meeting mention for a name: the gazetteer
// entry when the name is one, else a text-only entity keyed by its label.
func (e *Entities) named(class, label, surface, rule string, sp extractors.Span) extractors.Mention {
	m := extractors.Mention{Span: sp, Class: mustClass(class), Key: label, Label: label, Surface: surface, Rule: rule}
	if en, ok := e.byName[label]; ok && en.Class.Name == class {
		m.Entry, m.Key = en, en.ID
		if z := e.zhLabel(en); z != "" {
			m.Label = z
		}
		if surface != m.Label {
			m.Alt = append(m.Alt, surface)
		}
	}
	return m
}

// zhLabel returns schema.NormalizeName(en.ZH), made once per entry.
func (e *Entities) zhLabel(en *schema.Entry) string {
	if l, ok := e.labels[en]; ok {
		return l
	}
	return schema.NormalizeName(en.ZH)
}

// closing returns the offset just past the bracket closing the one at open,
// honouring nesting, or -1 when it is not closed inside the sentence.
func closing(v string, open int, o, c rune, limit int) int {
	depth := 0
	for off := open; off < limit; {
		r, n := runeAt(v, off)
		switch {
		case r == o:
			depth++
		case r == c:
			depth--
			if depth == 0 {
				return off + n
			}
		case r == '\n':
			return -1
		}
		off += n
	}
	return -1
}

func (e *Entities) sentenceEnd(d *extractors.Document, off int) int {
	if i := d.SentenceAt(off); i >= 0 {
		return d.Sentences[i].End
	}
	return off
}

// titles finds instruments in 《》: the title, a genre head after it
// (《X》决议, one instrument), a protocol head after a treaty title
// (《X条约》议定书, two instruments), a derived instrument (《X》及其落实行动计划),
// and titles in 〈〉 inside a title.
// It appends its candidates to out and returns the extended slice.
func (e *Entities) titles(out []cand, d *extractors.Document, names nameMemo) []cand {
	v := d.View
	for off := 0; ; {
		i := strings.Index(v[off:], "《")
		if i < 0 {
			break
		}
		open := off + i
		end := closing(v, open, '《', '》', e.sentenceEnd(d, open))
		if end < 0 {
			off = open + len("《")
			continue
		}
		off = end
		inner := extractors.Span{Start: open + len("《"), End: end - len("》")}
		x, xs := names.ofSpan(d, inner)
		if x == "" {
			continue
		}
		after := skipSpace(v, end)
		titleSpan := extractors.Span{Start: open, End: end}
		if h := e.c.protocolHeads.at(v, after); h != "" && e.c.instrumentHeads.before(x, len(x)) != "" {
			sp := extractors.Span{Start: open, End: after + len(h)}
			out = append(out, cand{m: e.named("Instrument", x+h, xs+h, "zh/instrument/protocol", sp), name: true})
			inner := e.named("Instrument", x, xs, "zh/instrument/title", titleSpan)
			inner.Nested = true
			out = append(out, cand{m: inner, keep: true})
			titleSpan = sp
		} else if h := e.c.genreHeads.at(v, after); h != "" && e.c.instrumentHeads.before(x, len(x)) == "" {
			sp := extractors.Span{Start: open, End: after + len(h)}
			m := e.named("Instrument", x, xs, "zh/instrument/title-genre", sp)
			m.Alt = append(m.Alt, x+h)
			out = append(out, cand{m: m, name: true})
			titleSpan = sp
		} else {
			out = append(out, cand{m: e.named("Instrument", x, xs, "zh/instrument/title", titleSpan), name: true})
		}
		// 《X》及其落实行动计划: an instrument derived from X
		at := skipSpace(v, titleSpan.End)
		if l := e.c.derivedLinks.at(v, at); l != "" {
			hs := skipSpace(v, at+len(l))
			if h := e.c.derivedHeads.at(v, hs); h != "" {
				sp := extractors.Span{Start: at, End: hs + len(h)}
				m := extractors.Mention{Span: sp, Class: mustClass("Instrument"), Key: x + h, Label: x + h, Surface: h, Rule: "zh/instrument/derived", Alt: []string{h}}
				out = append(out, cand{m: m, name: true})
			}
		}
		// titles in 〈〉 inside the title are instruments of their own
		for o := inner.Start; ; {
			j := strings.Index(v[o:inner.End], "〈")
			if j < 0 {
				break
			}
			a := o + j
			b := closing(v, a, '〈', '〉', inner.End)
			if b < 0 {
				break
			}
			sp := extractors.Span{Start: a, End: b}
			lab, surface := names.ofSpan(d, sp)
			o = b
			if lab == "" {
				continue // 〈〉 with nothing inside names nothing
			}
			m := e.named("Instrument", lab, surface, "zh/instrument/inner-title", sp)
			m.Nested = true
			out = append(out, cand{m: m, keep: true})
			o = b
		}
	}
	return out
}

// quotes classifies “…” spans: an alias the text defines (以下称“A”), a
// meeting (“和平使命”军事反恐演习), an initiative (“一带一路”倡议), or a
// quoted concept whose words are no entity (“上海精神”).
// It appends its candidates to out and returns the extended slice.
func (e *Entities) quotes(out []cand, d *extractors.Document, names nameMemo) []cand {
	v := d.View
	for off := 0; ; {
		i := strings.Index(v[off:], "“")
		if i < 0 {
			break
		}
		open := off + i
		end := closing(v, open, '“', '”', e.sentenceEnd(d, open))
		if end < 0 {
			off = open + len("“")
			continue
		}
		off = end
		q := extractors.Span{Start: open, End: end}
		if e.isAliasDef(v, open) {
			out = append(out, cand{m: extractors.Mention{Span: q}, none: true, name: true})
			continue
		}
		if hs, he := e.headAfter(v, end, &e.c.meetingHeads, 12); he > 0 && hs >= end {
			sp := extractors.Span{Start: open, End: he}
			lab, surface := names.ofSpan(d, sp)
			m := e.named("Meeting", lab, surface, "zh/meeting/quoted", sp)
			m.Alt = append(m.Alt, names.of(v[open:end]))
			out = append(out, cand{m: m, name: true})
			continue
		}
		at := skipSpace(v, end)
		if h := e.c.initiativeHeads.at(v, at); h != "" {
			sp := extractors.Span{Start: open, End: at + len(h)}
			lab, surface := names.ofSpan(d, sp)
			m := e.named("Initiative", lab, surface, "zh/initiative/quoted", sp)
			m.Alt = append(m.Alt, names.of(v[open:end]))
			out = append(out, cand{m: m, name: true})
			continue
		}
		out = append(out, cand{m: extractors.Mention{Span: q}, none: true, name: true})
	}
	return out
}

// isAliasDef reports whether the quote at open follows an alias
// introduction inside a parenthesis: （以下称“A”或“B”）.
func (e *Entities) isAliasDef(v string, open int) bool {
	// the last ( at most 60 bytes back (a search of the whole text before
	// every quote was quadratic in a text with few parentheses)
	from := max(open-60, 0)
	p := strings.LastIndex(v[from:open], "(")
	if p < 0 {
		return false
	}
	p += from
	if strings.ContainsAny(v[p:open], ")。;") {
		return false
	}
	return e.c.aliasIntro.at(v, skipSpace(v, p+1)) != ""
}

// headAfter finds the first word of heads within max runes after off,
// outside quotes and before a clause break; it returns its span or -1s.
func (e *Entities) headAfter(v string, off int, heads *words, max int) (int, int) {
	depth := 0
	for n := 0; off < len(v) && n <= max; n++ {
		if depth == 0 {
			if h := heads.at(v, off); h != "" {
				return off, off + len(h)
			}
		}
		r, w := runeAt(v, off)
		switch {
		case r == '“' || r == '《':
			depth++
		case r == '”' || r == '》':
			depth--
		case depth == 0 && (isClauseBreak(r) || r == '\n' || r == '、' || r == '(' || r == ')'):
			return -1, -1
		}
		if depth == 0 && r == '的' {
			return -1, -1
		}
		off += w
	}
	return -1, -1
}

// conventions finds unbracketed named conventions: <organization>关于…的公约
// (联合国关于打击国际恐怖主义的全面公约), and 关于…的全面公约.
// It appends its candidates to out and returns the extended slice.
func (e *Entities) conventions(out []cand, d *extractors.Document, names nameMemo, gaz []gazCand, abouts []hit) []cand {
	v := d.View
	try := func(start, aboutAt int, needComprehensive bool) {
		a := e.c.about.at(v, aboutAt)
		if a == "" {
			return
		}
		for off, n := aboutAt+len(a), 0; off < len(v) && n < 40; n++ {
			r, w := runeAt(v, off)
			if isClauseBreak(r) || r == '《' || r == '\n' {
				return
			}
			if r == '的' {
				if h := e.c.conventionHeads.at(v, off+w); h != "" && (!needComprehensive || strings.HasPrefix(h, "全面")) {
					sp := extractors.Span{Start: start, End: off + w + len(h)}
					lab, surface := names.ofSpan(d, sp)
					out = append(out, cand{m: e.named("Instrument", lab, surface, "zh/instrument/about-convention", sp), name: true})
					return
				}
			}
			off += w
		}
	}
	for i := range gaz {
		if o := &gaz[i]; o.flags&gazOrg != 0 {
			try(o.Start, o.End, false)
		}
	}
	for _, h := range abouts {
		try(h.Start, h.Start, true)
	}
	return out
}

// meetings finds meetings: an organization's meeting or session
// (元首理事会会议, 联合国大会第72次会议), 第N届<organization>, the object of a
// holding verb (在杜尚别举行的…国际会议), and ordinal meetings (首次…峰会).
// It appends its candidates to out and returns the extended slice.
func (e *Entities) meetings(out []cand, d *extractors.Document, names nameMemo, gaz []gazCand, cues [cueKinds][]hit) []cand {
	v := d.View
	add := func(sp extractors.Span, rule string, org *schema.Entry) {
		lab, surface := names.ofSpan(d, sp)
		m := e.named("Meeting", lab, surface, rule, sp)
		m.Org = org
		out = append(out, cand{m: m, name: true})
	}
	// the organizations and groups the gazetteer found
	for i := range gaz {
		o := &gaz[i]
		if o.flags&(gazOrg|gazGroup) == 0 {
			continue
		}
		entry := e.payloads[o.p].tmpl.Entry
		off := o.End
		if r := e.c.meetingRoles.at(v, off); r != "" {
			off += len(r)
		}
		ord := ordinalLen(v, off)
		off += ord
		if h := e.c.orgMeetingHeads.at(v, off); h != "" {
			add(extractors.Span{Start: o.Start, End: off + len(h)}, "zh/meeting/organization", entry)
		} else if ord > 0 && o.flags&gazOrg != 0 {
			add(extractors.Span{Start: o.Start, End: off}, "zh/meeting/organization", entry)
		}
		// 第N届<organization>[roles]<head>: 第十届金砖国家领导人会晤
		if n := ordinalBefore(v, o.Start); n > 0 {
			end := o.End
			if r := e.c.meetingRoles.at(v, end); r != "" && e.c.orgMeetingHeads.at(v, end+len(r)) != "" {
				end += len(r)
			}
			if h := e.c.orgMeetingHeads.at(v, end); h != "" {
				end += len(h)
			}
			add(extractors.Span{Start: o.Start - n, End: end}, "zh/meeting/ordinal-organization", entry)
		}
	}
	// the organization a held event's name starts with, after its ordinal
	// if it has one, is its organizer (举办上海合作组织成员国元首理事会下次会议,
	// 第八届金砖国家学术论坛): keyed by it and its date or number; so is a
	// named group (金砖国家), not a contextual one (成员国禁毒部门领导人会议)
	bodyAt := func(off int) *schema.Entry {
		off += ordinalLen(v, off)
		i := sort.Search(len(gaz), func(i int) bool { return gaz[i].Start >= off })
		for ; i < len(gaz) && gaz[i].Start == off; i++ {
			p := &e.payloads[gaz[i].p]
			if p.flags&gazOrg != 0 || p.flags&gazGroup != 0 && p.tmpl.Contextual == "" {
				return p.tmpl.Entry
			}
		}
		return nil
	}
	for _, h := range cues[cueHold] {
		start := skipSpace(v, h.End)
		if hs, he := e.headAfter(v, start, &e.c.meetingHeads, 30); he > 0 && hs > start {
			add(extractors.Span{Start: start, End: he}, "zh/meeting/held", bodyAt(start))
		}
	}
	// the event a holding verb takes as its object (在比什凯克举办世界游牧民族
	// 运动会): named when its words before the head are a name, not a
	// description (举办各类活动, 举行部长级会议)
	for _, h := range cues[cueHost] {
		start := skipSpace(v, h.End)
		if strings.HasPrefix(v[start:], "的") {
			continue // 举行的…: the held rule's
		}
		if e.c.hostBlockers.at(v, start) != "" {
			continue
		}
		if hs, he := e.headAfter(v, start, &e.c.meetingHeads, 30); he > 0 && utf8.RuneCountInString(v[start:hs]) >= minHostedName {
			add(extractors.Span{Start: start, End: he}, "zh/meeting/held", bodyAt(start))
		}
	}
	for _, h := range cues[cueOrdinal] {
		start, next := h.Start, h.End
		if v[h.Start:h.End] == "第" {
			n := ordinalLen(v, start)
			if n == 0 {
				continue
			}
			next = start + n
		}
		// 届 counts the editions of a recurring event, whatever its head
		// (第二十四届冬季奥林匹克运动会, 首届…论坛); 次 a body's sessions
		heads := &e.c.orgMeetingHeads
		if strings.HasSuffix(v[start:next], "届") {
			heads = &e.c.meetingHeads
		}
		if hs, he := e.headAfter(v, next, heads, 15); he > 0 && hs > next {
			add(extractors.Span{Start: start, End: he}, "zh/meeting/ordinal", bodyAt(start))
		}
	}
	return out
}

// instrumentMeetings appends the meetings of an instrument's parties: a
// bracketed title, perhaps a year before it and an ordinal after it, and
// an instrument_meeting_heads word (2020年《不扩散核武器条约》审议大会,
// 《联合国气候变化框架公约》第二十六次缔约方大会). The year is part of the
// name, as in English ("the 2020 Review Conference"): without it every
// review conference of a treaty would be one node. The instrument stays a
// mention of its own, nested.
func (e *Entities) instrumentMeetings(out []cand, d *extractors.Document, names nameMemo, heads []hit) []cand {
	v := d.View
	for _, h := range heads {
		end := h.Start - ordinalEndingAt(v, h.Start)
		if !strings.HasSuffix(v[:end], "》") {
			continue
		}
		lo := max(0, end-maxInstrumentTitle)
		open := strings.LastIndex(v[lo:end], "《")
		if open < 0 {
			continue
		}
		if open += lo; strings.Contains(v[open:end-len("》")], "》") {
			continue
		}
		start := open
		if y := yearBefore(v, open); y > 0 {
			start = open - y
		}
		sp := extractors.Span{Start: start, End: h.End}
		m := e.named("Meeting", names.of(v[sp.Start:sp.End]), names.of(d.TextOf(sp)), "zh/meeting/instrument", sp)
		out = append(out, cand{m: m, nest: true})
	}
	return out
}

// ordinalEndingAt returns the length of a 第N次 or 第N届 that ends at off,
// or 0.
func ordinalEndingAt(v string, off int) int {
	lo := max(0, off-30)
	i := strings.LastIndex(v[lo:off], "第")
	if i < 0 {
		return 0
	}
	if n := ordinalLen(v, lo+i); lo+i+n == off {
		return n
	}
	return 0
}

// maxInstrumentTitle bounds, in bytes, the bracketed title before a
// meeting of its parties.
const maxInstrumentTitle = 300

// yearBefore returns the length of a YYYY年 that ends at off, or 0.
func yearBefore(v string, off int) int {
	const n = 4 + len("年")
	if off < n || v[off-len("年"):off] != "年" {
		return 0
	}
	for _, c := range []byte(v[off-n : off-len("年")]) {
		if c < '0' || c > '9' {
			return 0
		}
	}
	return n
}

// minHostedName is how many runes the name of an event hosted (举办X)
// has before its head at least.
const minHostedName = 4

// ordinalLen returns the length of 第<number>(次|届) at off, or 0.
func ordinalLen(v string, off int) int {
	if !strings.HasPrefix(v[off:], "第") {
		return 0
	}
	o := off + len("第")
	digits := 0
	for o < len(v) {
		r, w := runeAt(v, o)
		if r >= '0' && r <= '9' || strings.ContainsRune("〇零一二三四五六七八九十百", r) {
			o += w
			digits++
			continue
		}
		break
	}
	if digits == 0 {
		return 0
	}
	for _, s := range []string{"次", "届"} {
		if strings.HasPrefix(v[o:], s) {
			return o + len(s) - off
		}
	}
	return 0
}

// ordinalBefore returns the length of a 第N届 that ends at off, or 0.
func ordinalBefore(v string, off int) int {
	if !strings.HasSuffix(v[:off], "届") {
		return 0
	}
	i := strings.LastIndex(v[:off], "第")
	if i < 0 || off-i > 20 {
		return 0
	}
	if n := ordinalLen(v, i); n == off-i {
		return n
	}
	return 0
}

// initiatives finds initiatives: <proposer>(…提出的)关于…的倡议, and
// (在…)制定/建立…的倡议 right after a verb.
// It appends its candidates to out and returns the extended slice.
func (e *Entities) initiatives(out []cand, d *extractors.Document, names nameMemo, gaz []*gazCand, heads []hit) []cand {
	v := d.View
	for _, hd := range heads {
		{
			de := hd.Start // offset of 的
			end := hd.End
			// the content starts after the nearest clause break (or 关于)
			cs := de
			for cs > 0 {
				r, w := runeBefore(v, cs)
				if isClauseBreak(r) || r == '\n' || de-cs > 240 {
					break
				}
				cs -= w
			}
			seg := v[cs:de]
			if ai := strings.LastIndex(seg, "关于"); ai >= 0 && strings.Count(seg[ai:], "《") == strings.Count(seg[ai:], "》") {
				about := cs + ai
				start := about
				name, surface := names.ofSpan(d, extractors.Span{Start: about, End: end})
				label := name
				if p := e.proposer(d, gaz, cs, about); p != nil {
					start = p.Start
					label = p.surface + label
				}
				sp := extractors.Span{Start: start, End: end}
				m := extractors.Mention{Span: sp, Class: mustClass("Initiative"), Key: label, Label: label, Surface: surface, Rule: "zh/initiative/about"}
				m.Alt = append(m.Alt, name)
				out = append(out, cand{m: m, nest: true})
				continue
			}
			// no 关于: the content runs from the verb before it
			start := e.afterTrigger(v, cs, de)
			if start < 0 {
				continue
			}
			content := v[start:de]
			hasVerb := false
			for _, pv := range e.c.proposalVerbs.list {
				if strings.Contains(content, pv) {
					hasVerb = true
				}
			}
			if !hasVerb {
				continue
			}
			sp := extractors.Span{Start: start, End: end}
			label, surface := names.ofSpan(d, sp)
			m := extractors.Mention{Span: sp, Class: mustClass("Initiative"), Key: label, Label: label, Surface: surface, Rule: "zh/initiative/proposal"}
			out = append(out, cand{m: m, nest: true})
		}
	}
	return out
}

// afterTrigger returns the offset after the last stance trigger between
// from and to, or -1 when there is none.
func (e *Entities) afterTrigger(v string, from, to int) int {
	best := -1
	for _, h := range e.triggers.longest(v[from:to], from) {
		best = h.End
	}
	return best
}

// proposer finds the state or organization that proposed an initiative
// whose 关于 is at about: right before it, or before a …提出的 phrase.
func (e *Entities) proposer(d *extractors.Document, gaz []*gazCand, from, about int) *gazCand {
	v := d.View
	var best *gazCand
	lo := sort.Search(len(gaz), func(i int) bool { return gaz[i].Start >= from })
	for i := lo; i < len(gaz) && gaz[i].Start < about; i++ {
		m := gaz[i]
		if m.End > about || m.flags&gazActor == 0 {
			continue
		}
		between := strings.TrimSpace(v[m.End:about])
		if between == "" {
			best = m
			continue
		}
		ok := false
		for _, pv := range e.c.proposeVerbs.list {
			if strings.HasSuffix(between, pv+"的") {
				ok = true
			}
		}
		if ok && !strings.ContainsAny(between, ",;") && len(e.triggers.all(between, 0)) == 0 && (best == nil || strings.TrimSpace(v[best.End:about]) != "") {
			best = m // the nearest proposer wins
		}
	}
	return best
}

// aliases adds the short names a text defines (X（以下称“A”或“B”）) as
// mentions of X wherever they occur and no other mention stands.
func (e *Entities) aliases(d *extractors.Document, names nameMemo) {
	v := d.View
	type alias struct {
		name string
		of   int
	}
	var defs []alias
	for i := range d.Mentions {
		m := &d.Mentions[i]
		p := skipSpace(v, m.End)
		if !strings.HasPrefix(v[p:], "(") {
			continue
		}
		if e.c.aliasIntro.at(v, skipSpace(v, p+1)) == "" {
			continue
		}
		closeAt := strings.Index(v[p:], ")")
		if closeAt < 0 {
			continue
		}
		paren := v[p : p+closeAt]
		for o := 0; ; {
			a := strings.Index(paren[o:], "“")
			if a < 0 {
				break
			}
			b := strings.Index(paren[o+a:], "”")
			if b < 0 {
				break
			}
			name := paren[o+a+len("“") : o+a+b]
			o += a + b + len("”")
			if n := names.of(name); n != "" {
				defs = append(defs, alias{name: name, of: i})
				if n != m.Label && n != m.Surface {
					m.Alt = append(m.Alt, n)
				}
			}
		}
	}
	var added []extractors.Mention
	defer func() {
		for _, m := range added {
			d.AddMention(m)
		}
	}()
	for _, a := range defs {
		if _, known := e.byName[names.of(a.name)]; known || e.c.thisOrganization.has(a.name) {
			continue // the gazetteer finds it already
		}
		src := d.Mentions[a.of]
		for off := 0; ; {
			i := strings.Index(v[off:], a.name)
			if i < 0 {
				break
			}
			sp := extractors.Span{Start: off + i, End: off + i + len(a.name)}
			off = sp.End
			if d.SentenceAt(sp.Start) < 0 || overlapsAny(d, sp) || insideQuote(v, sp) {
				continue
			}
			m := src
			m.Span = sp
			m.Surface = names.of(d.TextOf(sp))
			m.Rule = "zh/entity/defined-alias"
			m.Nested = false
			added = append(added, m)
		}
	}
}

// mentionRange returns what d.MentionRange returns, the index range of
// the mentions (sorted) that start in [from, to), by a binary search of
// the mentions themselves instead of the document's position index:
// Entities asks between the mentions it adds, and an index built for
// those questions would be thrown away and built again at the next
// question and by the stages after.
func mentionRange(d *extractors.Document, from, to int) (int, int) {
	ms := d.Mentions
	lo := sort.Search(len(ms), func(i int) bool { return ms[i].Start >= from })
	hi := lo + sort.Search(len(ms)-lo, func(i int) bool { return ms[lo+i].Start >= to })
	return lo, hi
}

// overlapsAny reports whether sp overlaps a mention of d (sorted).
func overlapsAny(d *extractors.Document, sp extractors.Span) bool {
	lo, hi := mentionRange(d, 0, sp.End)
	for i := hi - 1; i >= lo; i-- {
		if d.Mentions[i].Overlaps(sp) {
			return true
		}
		if sp.Start-d.Mentions[i].Start > 4096 {
			break
		}
	}
	return false
}

func insideQuote(v string, sp extractors.Span) bool {
	return strings.HasSuffix(v[:sp.Start], "“") && strings.HasPrefix(v[sp.End:], "”")
}

// outside returns the gazetteer's candidates (in text order) that lie
// inside no name of pats: pointers into gaz.
func outside(gaz []gazCand, pats []cand) []*gazCand {
	var names []extractors.Span
	for i := range pats {
		if pats[i].name {
			names = append(names, pats[i].m.Span)
		}
	}
	slices.SortFunc(names, func(a, b extractors.Span) int { return cmp.Compare(a.Start, b.Start) })
	out := make([]*gazCand, 0, len(gaz))
	// reach is the furthest end of the names starting before the
	// candidate: one of them holds it if reach is past its end; of the
	// names starting where it does, one holds it if it ends later
	k, reach := 0, -1
	for i := range gaz {
		g := &gaz[i]
		for k < len(names) && names[k].Start < g.Start {
			reach = max(reach, names[k].End)
			k++
		}
		in := reach >= g.End
		for j := k; !in && j < len(names) && names[j].Start == g.Start; j++ {
			in = names[j].End > g.End
		}
		if !in {
			out = append(out, g)
		}
	}
	return out
}
