package schema

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

//go:embed data/gazetteer/*.yaml data/lexicon/*.yaml
var builtin embed.FS

// Entry is one gazetteer entry: a known entity with its names.
type Entry struct {
	ID         string   `yaml:"id"`
	Wikidata   string   `yaml:"wikidata"`
	ZH         string   `yaml:"zh"`
	EN         string   `yaml:"en"`
	ZHAlt      []string `yaml:"zh_alt"`
	ENAlt      []string `yaml:"en_alt"`
	Country    string   `yaml:"country"`
	Parent     string   `yaml:"parent"`
	Contextual bool     `yaml:"contextual"`
	// Resolutions is the id prefix of an organization's numbered
	// resolutions: with unscr, "Security Council resolution 2396 (2017)"
	// and 安理会第2396号决议 are the instrument unscr-2396, whether or not
	// the gazetteer lists it.
	Resolutions string `yaml:"resolutions"`

	// Class is the entry's class (from its file).
	Class Class `yaml:"-"`
	// Source is "path:line" of the entry, for messages.
	Source string `yaml:"-"`
}

// Names returns the entry's surface forms in a language: canonical first.
func (e *Entry) Names(lang string) []string {
	switch lang {
	case "zh":
		if e.ZH == "" {
			return e.ZHAlt
		}
		return append([]string{e.ZH}, e.ZHAlt...)
	case "en":
		if e.EN == "" {
			return e.ENAlt
		}
		return append([]string{e.EN}, e.ENAlt...)
	}
	return nil
}

// Key returns the entry's IRI key: the class and id.
func (e *Entry) Key() string { return e.Class.Name + "/" + e.ID }

type gazetteerFile struct {
	Class   string      `yaml:"class"`
	Entries []yaml.Node `yaml:"entries"`
}

// Trigger is one stance trigger rule: words that, as a statement's main
// verb, give a predicate.
type Trigger struct {
	ID        string   `yaml:"id"`
	Predicate string   `yaml:"predicate"`
	Words     []string `yaml:"words"`
	// Requires lists the classes a target must have (empty: any).
	Requires []string `yaml:"requires"`
	// Circumfix is a word that opens the complement before the trigger
	// (对 … 表示担忧).
	Circumfix string `yaml:"circumfix"`
	// NotFollowedBy lists strings that, right after a word, cancel it (愿望).
	NotFollowedBy []string `yaml:"not_followed_by"`
	// Note is free text for readers.
	Note string `yaml:"note"`
	// Examples are sentences with what the rule must find in them.
	Examples []Example `yaml:"examples"`

	// PredicateIRI is the resolved predicate.
	PredicateIRI string `yaml:"-"`
	// Source is "path:line" of the rule.
	Source string `yaml:"-"`
}

// Example is a rule's test: a text and the matches the rule must make in
// it, no more and no fewer. Each expected match is written with " | "
// between its parts: "actor | predicate | target" for a stance,
// "subject | predicate | object" for a fact, "Class | label" for an entity,
// labels as written in the text (normalized: brackets and quotes
// stripped). An empty expect says the rule must match nothing.
type Example struct {
	Text   string   `yaml:"text"`
	Expect []string `yaml:"expect"`
	// Line is the example's line in its file.
	Line int `yaml:"-"`
}

// Pattern documents one of the Go rule kinds of a language (an instrument
// title, a meeting held…) by id, with its examples; or, with Regexp and
// Class, is a rule of a pack's own: every match of the regular expression
// in the text's normalized view is a mention of Class.
type Pattern struct {
	ID   string `yaml:"id"`
	Note string `yaml:"note"`
	// Regexp (Go syntax, RE2) is matched against the normalized view of
	// the text: simplified characters, half-width punctuation. Its group
	// "name", when it has one, is the mention; else the whole match is.
	Regexp string `yaml:"regexp"`
	// Class is the class of a Regexp pattern's mentions.
	Class    string    `yaml:"class"`
	Examples []Example `yaml:"examples"`
	Source   string    `yaml:"-"`
	// Compiled is Regexp compiled at load, and EntityClass its Class.
	Compiled    *regexp.Regexp `yaml:"-"`
	EntityClass Class          `yaml:"-"`
}

// NameGroup returns the index of the submatch that is a Regexp pattern's
// mention: the group "name", else 0 (the whole match).
func (p *Pattern) NameGroup() int {
	if i := p.Compiled.SubexpIndex("name"); i > 0 {
		return i
	}
	return 0
}

type patternFile struct {
	Language string      `yaml:"language"`
	Patterns []yaml.Node `yaml:"patterns"`
}

type triggerFile struct {
	Language string      `yaml:"language"`
	Triggers []yaml.Node `yaml:"triggers"`
}

// Cues are the word lists that the pattern rules of one language use. Each
// field is one list; the rule kinds in the extractors say how it is used.
type Cues struct {
	Language string `yaml:"language"`
	// Adverbs may stand between an actor and its verb (一致, 再次).
	Adverbs []string `yaml:"adverbs"`
	// Negators before a trigger negate it (不, 未).
	Negators []string `yaml:"negators"`
	// NegationCues in a complement mark the statement negated (不允许, 不能).
	NegationCues []string `yaml:"negation_cues"`
	// Coordinators join conjuncts (、 和 及 与).
	Coordinators []string `yaml:"coordinators"`
	// FramingOpen and FramingClose delimit framing adverbials (在 … 框架内)
	// whose entities are never targets.
	FramingOpen  []string `yaml:"framing_open"`
	FramingClose []string `yaml:"framing_close"`
	// BasisOpen and BasisClose delimit basis adverbials (在 … 基础上) whose
	// entities are targets only when the clause has no other.
	BasisOpen  []string `yaml:"basis_open"`
	BasisClose []string `yaml:"basis_close"`
	// Locatives are prepositions before a place (在, 于).
	Locatives []string `yaml:"locatives"`
	// ModifierTails after an entity make it a modifier of an unnamed thing
	// (地区: 上合组织地区).
	ModifierTails []string `yaml:"modifier_tails"`
	// Partners after an entity make it the subject of a joint action (同).
	Partners []string `yaml:"partners"`
	// EventVerbs after an entity make it the subject of an embedded event
	// whose object is the target (X通过《Y》 → Y).
	EventVerbs []string `yaml:"event_verbs"`
	// HoldVerbs introduce a meeting (举行, 举办, 召开).
	HoldVerbs []string `yaml:"hold_verbs"`
	// SignVerbs introduce an instrument's signing (签署, 签订).
	SignVerbs []string `yaml:"sign_verbs"`
	// ProposeVerbs introduce an initiative's proposal (提出).
	ProposeVerbs []string `yaml:"propose_verbs"`
	// AdoptVerbs introduce an adoption (通过).
	AdoptVerbs []string `yaml:"adopt_verbs"`
	// JoinVerbs state membership (加入).
	JoinVerbs []string `yaml:"join_verbs"`
	// AdmitVerbs state admission (X吸收A加入).
	AdmitVerbs []string `yaml:"admit_verbs"`
	// MeetingHeads end a meeting name (峰会, 会议, 演习).
	MeetingHeads []string `yaml:"meeting_heads"`
	// OrgMeetingHeads after an organization name make a meeting (会议).
	OrgMeetingHeads []string `yaml:"org_meeting_heads"`
	// InstrumentMeetingHeads after an instrument's title make a meeting
	// of its parties (《不扩散核武器条约》审议大会, 《联合国气候变化框架公约》
	// 第二十六次缔约方大会).
	InstrumentMeetingHeads []string `yaml:"instrument_meeting_heads"`
	// InstrumentHeads end an instrument title (条约, 公约, 协定).
	InstrumentHeads []string `yaml:"instrument_heads"`
	// ResolutionHeads, before a number, name a numbered resolution of the
	// organization before them or named earlier in the sentence
	// (resolution 2396 (2017); 第2396号决议 with 号决议).
	ResolutionHeads []string `yaml:"resolution_heads"`
	// ContraryTo before an entity make it what something else goes against,
	// not a target of the stance (反对违反世贸组织规则的措施, condemn
	// violations of the Charter).
	ContraryTo []string `yaml:"contrary_to"`
	// SeparateConjuncts join whole phrases: what stands before one never
	// modifies the head of a 的 after it (《联合国宪章》宗旨和原则以及…签署的
	// 《宣言》: two targets).
	SeparateConjuncts []string `yaml:"separate_conjuncts"`
	// PlaceBlockers, between a state and a holding verb, are no city's
	// name (在中国境内举行); what else stands there is (在南非桑顿举行).
	PlaceBlockers []string `yaml:"place_blockers"`
	// GenericWords make no name on their own: a capitalized name of only
	// these words (and link words) is a common noun ("the Purposes and
	// Principles enshrined in the Charter").
	GenericWords []string `yaml:"generic_words"`
	// ResolutionLinks may stand between an organization and the number of
	// its resolution (安理会通过的第2396号决议).
	ResolutionLinks []string `yaml:"resolution_links"`
	// OrganizationHeads end an organization's name that goes on past an
	// instrument's head (the Collective Security Treaty Organization, the
	// Comprehensive Nuclear-Test-Ban Treaty Organization): such a name is
	// the organization's, not the instrument's.
	OrganizationHeads []string `yaml:"organization_heads"`
	// ProtocolHeads after 《X》 make a separate instrument when X is itself an
	// instrument title (议定书).
	ProtocolHeads []string `yaml:"protocol_heads"`
	// GenreHeads after 《X》 name X's own genre (决议).
	GenreHeads []string `yaml:"genre_heads"`
	// DerivedHeads after 《X》及其 make a derived instrument (落实行动计划).
	DerivedHeads []string `yaml:"derived_heads"`
	// DerivedLinks join 《X》 and a derived head (及其).
	DerivedLinks []string `yaml:"derived_links"`
	// ConventionHeads end an unbracketed named convention (全面公约).
	ConventionHeads []string `yaml:"convention_heads"`
	// InitiativeHeads end an initiative (倡议).
	InitiativeHeads []string `yaml:"initiative_heads"`
	// About introduces the content of an initiative or convention (关于).
	About []string `yaml:"about"`
	// ThisOrganization refers to the document's organization (本组织).
	ThisOrganization []string `yaml:"this_organization"`
	// ThisMeeting refers to the meeting that issued the document (本次峰会).
	ThisMeeting []string `yaml:"this_meeting"`
	// Anaphors refer to the last instrument named (该条约, 该文件).
	Anaphors []string `yaml:"anaphors"`
	// BareAnaphors refer to the last instrument only right after an
	// adherence verb (恪守条约规定).
	BareAnaphors []string `yaml:"bare_anaphors"`
	// AnaphorVerbs are the adherence verbs for BareAnaphors.
	AnaphorVerbs []string `yaml:"anaphor_verbs"`
	// OutcomeNouns after a target keep the target (X的成果).
	OutcomeNouns []string `yaml:"outcome_nouns"`
	// AliasIntro introduces a defined short name (以下称, 以下简称).
	AliasIntro []string `yaml:"alias_intro"`
	// Shadows are words that are not entities but contain entity names
	// (上海精神); they hide the names inside them.
	Shadows []string `yaml:"shadows"`
	// Boilerplate lines start a web page's trailing block (预览已结束).
	Boilerplate []string `yaml:"boilerplate"`
	// Ordinals open a numbered meeting (首次, 第).
	Ordinals []string `yaml:"ordinals"`
	// Conjunctions open a new predicate like a clause break (并).
	Conjunctions []string `yaml:"conjunctions"`
	// JoinBlockers before 加入 or after its organization make the joining
	// sought or under way, not stated (申请加入, 加入…的进程).
	JoinBlockers []string `yaml:"join_blockers"`
	// MeetingRoles may stand between a body and its meeting's head
	// (金砖国家领导人第九次会晤, 中亚国家元首峰会).
	MeetingRoles []string `yaml:"meeting_roles"`
	// ProposalVerbs make "…的倡议" an initiative without 关于 (制定, 建立).
	ProposalVerbs []string `yaml:"proposal_verbs"`
	// WishVerbs are stance triggers whose complement is what the actor asks
	// for, not a fact (呼吁, 主张): a verb inside it (呼吁各方恪守…) makes no
	// statement of its own, where one after 欢迎 (欢迎X通过…) does.
	WishVerbs []string `yaml:"wish_verbs"`
	// ClauseVerbs, after "and", open a second predicate of the same
	// subject that is no stance (condemn the attacks in X and express
	// condolences to Y): they end the first verb's complement.
	ClauseVerbs []string `yaml:"clause_verbs"`
	// HostBlockers open the object of a holding verb that is no event's
	// name (举行包括…在内的演习, 举办各类活动).
	HostBlockers []string `yaml:"host_blockers"`
}

// Rules is the whole rule data of accord: gazetteers, triggers and cues.
type Rules struct {
	// Entries are all gazetteer entries, in file order.
	Entries []*Entry
	// Triggers are the stance triggers per language.
	Triggers map[string][]*Trigger
	// Cues are the pattern word lists per language.
	Cues map[string]*Cues
	// Patterns document the Go rule kinds per language, with examples.
	Patterns map[string][]*Pattern
	// Disabled holds the rule ids and entry keys that packs switched off.
	Disabled map[string]bool
	// Taken maps a trigger id to the words a later pack's trigger took from
	// it (a user rule with 欢迎 → supports takes 欢迎 from zh/stance/welcome).
	Taken map[string][]string
	// Warnings are notes from loading user packs (a rule that shadows a
	// built-in one).
	Warnings []Warning
	// Packs are the user pack folders loaded after the built-in pack.
	Packs []string

	fingerprint string
}

// Entry returns the gazetteer entry with the given class and id.
func (r *Rules) Entry(class, id string) *Entry {
	for _, e := range r.Entries {
		if e.Class.Name == class && e.ID == id {
			return e
		}
	}
	return nil
}

// GazetteerIRIs returns the set of the IRIs of every gazetteer entry
// (disabled ones included): the entities that have one IRI in every
// language, which cross-language alignment never merges.
func (r *Rules) GazetteerIRIs() map[string]bool {
	out := make(map[string]bool, len(r.Entries))
	for _, e := range r.Entries {
		out[EntityIRI(e.Class, e.ID)] = true
	}
	return out
}

// RuleError is an error in a rule file, with its place.
type RuleError struct {
	Path   string // Path is the rule file.
	Line   int    // Line is the 1-based line, 0 when unknown.
	Column int    // Column is the 1-based column, 0 when unknown.
	Msg    string // Msg says what is wrong.
}

func (e *RuleError) Error() string {
	switch {
	case e.Line > 0 && e.Column > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Column, e.Msg)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return e.Path + ": " + e.Msg
}

// LoadBuiltin loads the rule data embedded in the binary (the default pack).
func LoadBuiltin() (*Rules, error) {
	return LoadPacks(nil)
}

// BuiltinFS returns the embedded rule data, for tools that list or copy it.
func BuiltinFS() fs.FS {
	sub, err := fs.Sub(builtin, "data")
	if err != nil {
		panic(err)
	}
	return sub
}

// Load reads one pack (folders gazetteer/ and lexicon/, an optional
// pack.yaml) from fsys and validates it alone. name prefixes the paths in
// error messages.
func Load(fsys fs.FS, name string) (*Rules, error) {
	p, err := loadPack(fsys, name)
	if err != nil {
		return nil, err
	}
	r := newRules()
	if _, err := r.merge(p, false); err != nil {
		return nil, err
	}
	if err := r.validate(); err != nil {
		return nil, err
	}
	return r, nil
}

var yamlLine = regexp.MustCompile(`line (\d+): (.*)`)

// decodeStrict decodes one YAML node or document into v, rejecting unknown
// keys, and turns yaml's messages into RuleErrors with path and line.
func decodeStrict(data []byte, node *yaml.Node, v any, display string) error {
	var err error
	if node != nil {
		// Re-encode the node so that KnownFields applies to it.
		var buf bytes.Buffer
		enc := yaml.NewEncoder(&buf)
		if err = enc.Encode(node); err == nil {
			err = enc.Close()
		}
		if err != nil {
			return &RuleError{Path: display, Line: node.Line, Column: node.Column, Msg: err.Error()}
		}
		dec := yaml.NewDecoder(&buf)
		dec.KnownFields(true)
		if err = dec.Decode(v); err != nil {
			return withColumns(yamlError(display, err, node.Line-1), node)
		}
		return nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err = dec.Decode(v); err != nil && err != io.EOF {
		// the tree, for the columns (a syntax error has none)
		var root yaml.Node
		if yaml.Unmarshal(data, &root) != nil {
			return yamlError(display, err, 0)
		}
		return withColumns(yamlError(display, err, 0), &root)
	}
	return nil
}

// compile checks and compiles a Regexp pattern: the expression compiles,
// matches no empty string, and Class names a class; Class without Regexp
// is an error too.
func (p *Pattern) compile() error {
	if p.Regexp == "" {
		if p.Class != "" {
			return errors.New("class is for a pattern with a regexp")
		}
		return nil
	}
	re, err := regexp.Compile(p.Regexp)
	if err != nil {
		return fmt.Errorf("regexp does not compile: %w", err)
	}
	if re.MatchString("") {
		return fmt.Errorf("regexp %q matches the empty string", p.Regexp)
	}
	c, ok := ClassByName(p.Class)
	if !ok {
		return fmt.Errorf("a regexp pattern needs a class (%s), not %q", strings.Join(ClassNames(), ", "), p.Class)
	}
	p.Compiled, p.EntityClass = re, c
	return nil
}

// keyPosition returns the line and column of key's value in mapping n
// (n's own position when it has no such key).
func keyPosition(n *yaml.Node, key string) (int, int) {
	if v := mappingValue(n, key); v != nil {
		return v.Line, v.Column
	}
	return n.Line, n.Column
}

// withID puts "what id: " before the messages of the RuleErrors in err,
// with the id of the mapping n they come from (when it has one), so that an
// error inside an entry or a rule names it.
func withID(err error, what string, n *yaml.Node) error {
	id := mappingValue(n, "id")
	if id == nil || id.Value == "" {
		return err
	}
	eachRuleError(err, func(re *RuleError) { re.Msg = what + " " + id.Value + ": " + re.Msg })
	return err
}

// eachRuleError calls fn with each RuleError in err (one, or those an
// errors.Join holds).
func eachRuleError(err error, fn func(*RuleError)) {
	list := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		list = j.Unwrap()
	}
	for _, e := range list {
		if re, ok := e.(*RuleError); ok {
			fn(re)
		}
	}
}

// mappingValue returns the value of key in mapping node n, or nil.
func mappingValue(n *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// withColumns fills in the columns of the RuleErrors in err from the tree
// root they are about.
func withColumns(err error, root *yaml.Node) error {
	eachRuleError(err, func(re *RuleError) {
		if re.Column == 0 {
			re.Column = YAMLColumn(root, re.Line, re.Msg)
		}
	})
	return err
}

func yamlError(display string, err error, lineOffset int) error {
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		var errs []error
		for _, m := range te.Errors {
			errs = append(errs, lineError(display, m, lineOffset))
		}
		return errors.Join(errs...)
	}
	return lineError(display, strings.TrimPrefix(err.Error(), "yaml: "), lineOffset)
}

func lineError(display, msg string, lineOffset int) error {
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return &RuleError{Path: display, Line: n + lineOffset, Msg: unknownKey(m[2])}
	}
	return &RuleError{Path: display, Line: lineOffset + 1, Msg: unknownKey(msg)}
}

var fieldInTypeRE = regexp.MustCompile(`^field (\S+) not found in type [\w.]*?(\w+)$`)

// ruleTypes are the types rule files decode into, for the messages about
// unknown keys.
var ruleTypes = []reflect.Type{
	reflect.TypeOf(Entry{}), reflect.TypeOf(gazetteerFile{}), reflect.TypeOf(Trigger{}),
	reflect.TypeOf(Example{}), reflect.TypeOf(Pattern{}), reflect.TypeOf(patternFile{}),
	reflect.TypeOf(triggerFile{}), reflect.TypeOf(Cues{}), reflect.TypeOf(packFile{}),
	reflect.TypeOf(Kinds{}), reflect.TypeOf(Kind{}),
}

func unknownKey(msg string) string { return UnknownKey(msg, ruleTypes...) }

// UnknownKey rewrites yaml.v3's "field x not found in type pkg.T" as what
// the author of a YAML file can act on: `unknown key "x" (allowed here:
// a, b, c)`, the keys being the yaml tags of T, looked up by name among
// types (the types a file decodes into). Other messages are returned as
// they are.
func UnknownKey(msg string, types ...reflect.Type) string {
	m := fieldInTypeRE.FindStringSubmatch(msg)
	if m == nil {
		return msg
	}
	i := slices.IndexFunc(types, func(t reflect.Type) bool { return t.Name() == m[2] })
	if i < 0 {
		return fmt.Sprintf("unknown key %q", m[1])
	}
	t := types[i]
	var keys []string
	for i := 0; i < t.NumField(); i++ {
		tag, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		if tag != "" && tag != "-" {
			keys = append(keys, tag)
		}
	}
	sort.Strings(keys)
	return fmt.Sprintf("unknown key %q (allowed here: %s)", m[1], strings.Join(keys, ", "))
}

func (r *pack) loadGazetteer(fsys fs.FS, p, display string) error {
	data, err := fs.ReadFile(fsys, p)
	if err != nil {
		return err
	}
	var f gazetteerFile
	if err := decodeStrict(data, nil, &f, display); err != nil {
		return err
	}
	class, ok := ClassByName(f.Class)
	if !ok {
		return &RuleError{Path: display, Line: 1, Msg: fmt.Sprintf("unknown class %q (known: %s)", f.Class, strings.Join(ClassNames(), ", "))}
	}
	var errs []error
	for i := range f.Entries {
		n := &f.Entries[i]
		e := &Entry{}
		if err := decodeStrict(nil, n, e, display); err != nil {
			errs = append(errs, withID(err, "entry", n))
			continue
		}
		e.Class = class
		e.Source = fmt.Sprintf("%s:%d", display, n.Line)
		if e.ID == "" {
			errs = append(errs, &RuleError{Path: display, Line: n.Line, Column: n.Column, Msg: "entry has no id"})
			continue
		}
		if e.ZH == "" && e.EN == "" && len(e.ZHAlt) == 0 && len(e.ENAlt) == 0 {
			errs = append(errs, &RuleError{Path: display, Line: n.Line, Column: n.Column, Msg: fmt.Sprintf("entry %s has no names", e.ID)})
			continue
		}
		r.Entries = append(r.Entries, e)
	}
	return errors.Join(errs...)
}

func (r *pack) loadLexicon(fsys fs.FS, p, display string) error {
	data, err := fs.ReadFile(fsys, p)
	if err != nil {
		return err
	}
	// A lexicon file is either a trigger file or a cue file: look at its keys.
	var probe map[string]yaml.Node
	if err := yaml.Unmarshal(data, &probe); err != nil {
		return yamlError(display, err, 0)
	}
	if _, ok := probe["triggers"]; ok {
		var f triggerFile
		if err := decodeStrict(data, nil, &f, display); err != nil {
			return err
		}
		if f.Language == "" {
			return &RuleError{Path: display, Line: 1, Msg: "trigger file has no language"}
		}
		var errs []error
		for i := range f.Triggers {
			n := &f.Triggers[i]
			t := &Trigger{}
			if err := decodeStrict(nil, n, t, display); err != nil {
				errs = append(errs, withID(err, "rule", n))
				continue
			}
			t.Source = fmt.Sprintf("%s:%d", display, n.Line)
			setExampleLines(n, t.Examples)
			iri, ok := StancePredicates[t.Predicate]
			if !ok {
				errs = append(errs, &RuleError{Path: display, Line: n.Line, Column: n.Column, Msg: fmt.Sprintf("rule %s: unknown stance predicate %q", t.ID, t.Predicate)})
				continue
			}
			t.PredicateIRI = iri
			for _, c := range t.Requires {
				if _, ok := ClassByName(c); !ok {
					errs = append(errs, &RuleError{Path: display, Line: n.Line, Column: n.Column, Msg: fmt.Sprintf("rule %s: unknown class %q", t.ID, c)})
				}
			}
			if t.ID == "" {
				errs = append(errs, &RuleError{Path: display, Line: n.Line, Column: n.Column, Msg: "trigger needs an id"})
				continue
			}
			if len(t.Words) == 0 {
				errs = append(errs, &RuleError{Path: display, Line: n.Line, Column: n.Column, Msg: fmt.Sprintf("rule %s: a trigger needs words", t.ID)})
				continue
			}
			r.Triggers[f.Language] = append(r.Triggers[f.Language], t)
		}
		return errors.Join(errs...)
	}
	if _, ok := probe["patterns"]; ok {
		var f patternFile
		if err := decodeStrict(data, nil, &f, display); err != nil {
			return err
		}
		if f.Language == "" {
			return &RuleError{Path: display, Line: 1, Msg: "pattern file has no language"}
		}
		var errs []error
		for i := range f.Patterns {
			n := &f.Patterns[i]
			p := &Pattern{}
			if err := decodeStrict(nil, n, p, display); err != nil {
				errs = append(errs, withID(err, "pattern", n))
				continue
			}
			if p.ID == "" {
				errs = append(errs, &RuleError{Path: display, Line: n.Line, Column: n.Column, Msg: "pattern needs an id"})
				continue
			}
			if err := p.compile(); err != nil {
				line, col := keyPosition(n, "regexp")
				if p.Regexp == "" {
					line, col = keyPosition(n, "class")
				}
				errs = append(errs, &RuleError{Path: display, Line: line, Column: col, Msg: fmt.Sprintf("pattern %s: %v", p.ID, err)})
				continue
			}
			p.Source = fmt.Sprintf("%s:%d", display, n.Line)
			setExampleLines(n, p.Examples)
			r.Patterns[f.Language] = append(r.Patterns[f.Language], p)
		}
		return errors.Join(errs...)
	}
	c := &Cues{}
	if err := decodeStrict(data, nil, c, display); err != nil {
		return err
	}
	if c.Language == "" {
		return &RuleError{Path: display, Line: 1, Msg: "cue file has no language"}
	}
	if _, dup := r.Cues[c.Language]; dup {
		return &RuleError{Path: display, Line: 1, Msg: fmt.Sprintf("second cue file for language %s in one pack", c.Language)}
	}
	r.Cues[c.Language] = c
	return nil
}

// validate checks what no single file can: unique ids per class, unique
// trigger ids, that no surface form is claimed by two entries, and that
// resolutions prefixes are organizations' and each one's own.
func (r *Rules) validate() error {
	var errs []error
	ids := map[string]*Entry{}
	forms := map[string]*Entry{}
	prefixes := map[string]*Entry{} // resolutions
	var live []*Entry
	for _, e := range r.Entries {
		if !r.Disabled[e.Key()] {
			live = append(live, e)
		}
	}
	r.Entries = live
	for _, e := range r.Entries {
		if prev, dup := ids[e.Key()]; dup {
			errs = append(errs, fmt.Errorf("%s: duplicate id %s (first at %s)", e.Source, e.ID, prev.Source))
			continue
		}
		ids[e.Key()] = e
		if e.Resolutions != "" {
			if e.Class.Name != "Organization" {
				errs = append(errs, fmt.Errorf("%s: %s: resolutions is for an Organization, not a %s", e.Source, e.ID, e.Class.Name))
			} else if prev, dup := prefixes[e.Resolutions]; dup {
				errs = append(errs, fmt.Errorf("%s: %s: resolutions %q is also %s's (%s)", e.Source, e.ID, e.Resolutions, prev.ID, prev.Source))
			} else {
				prefixes[e.Resolutions] = e
			}
		}
		for _, lang := range []string{"zh", "en"} {
			for _, n := range e.Names(lang) {
				k := lang + "\x00" + FoldName(lang, n)
				if prev, dup := forms[k]; dup && prev != e {
					errs = append(errs, fmt.Errorf("%s: %s: name %q is also claimed by %s (%s)", e.Source, e.ID, n, prev.ID, prev.Source))
					continue
				}
				forms[k] = e
			}
		}
	}
	return errors.Join(errs...)
}

// FoldName is the key under which names are compared: for English, lower
// case without a leading "the"; other languages as they are.
func FoldName(lang, s string) string {
	s = strings.TrimSpace(s)
	if lang == "en" {
		s = strings.ToLower(s)
		s = strings.TrimPrefix(s, "the ")
	}
	return s
}

// setExampleLines copies the line of each example node of a rule node.
func setExampleLines(rule *yaml.Node, exs []Example) {
	for i := 0; i+1 < len(rule.Content); i += 2 {
		if rule.Content[i].Value != "examples" {
			continue
		}
		for j, e := range rule.Content[i+1].Content {
			if j < len(exs) {
				exs[j].Line = e.Line
			}
		}
	}
}
