package en

import (
	"cmp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/accordkg/accord/extractors"
	"github.com/accordkg/accord/schema"
)

type payloadKind int

const (
	pEntry payloadKind = iota
	pShadow
)

// payload is what a gazetteer word stands for, with the tokens of the
// name as listed (for the case check).
type payload struct {
	kind  payloadKind
	entry *schema.Entry
	toks  []token
	// label is the entry's English label and rule the id of the rule that
	// matched it (en/gazetteer/<class>).
	label, rule string
}

// entities is the stage that recognizes entity mentions: gazetteer names
// (token-aligned, leftmost-longest, case-checked), then the pattern rule
// kinds for names no list can hold (Title Case instrument and meeting
// names, meetings of known bodies, quoted titles, initiatives with their
// proposer), the contextual mentions (the Organisation, the Summit, we),
// aliases the text defines and anaphors (the Treaty).
type entities struct {
	enabled  func(id string) bool
	gaz      *dict
	payloads []payload
	// byKey maps the abstract key of an instrument, meeting or initiative
	// name (its words with the names of other entities replaced by their
	// ids) to its entry, so that a Title Case name found in a text lands
	// on the gazetteer entry ("… of the SCO Member States" = "… of the
	// Shanghai Cooperation Organisation Member States").
	byKey        map[string]*schema.Entry
	c            *cues
	triggers     *dict
	memberStates *schema.Entry
	// instruments are the gazetteer's instruments by id (a numbered
	// resolution the gazetteer lists is its entry).
	instruments map[string]*schema.Entry
	// regexps are the packs' regexp patterns (schema.Pattern.Compiled).
	regexps []*schema.Pattern
}

func newEntities(r *schema.Rules, c *cues, triggers *dict, trigs []trigger) (*entities, error) {
	e := &entities{enabled: r.Enabled, gaz: newDict(), byKey: map[string]*schema.Entry{}, c: c, triggers: triggers,
		memberStates: r.Entry("Group", "member-states"), instruments: map[string]*schema.Entry{}}
	for _, en := range r.Entries {
		if en.Class.Name == "Instrument" {
			e.instruments[en.ID] = en
		}
	}
	for _, p := range r.Patterns["en"] {
		if p.Compiled != nil {
			e.regexps = append(e.regexps, p)
		}
	}
	type named struct {
		en   *schema.Entry
		toks []token
	}
	var names []named
	for _, en := range r.Entries {
		for _, n := range en.Names("en") {
			f := foldString(n)
			ts := tokenize(f, 0, len(f))
			if len(ts) > 1 && ts[0].Key == "the" {
				ts = ts[1:]
			}
			if len(ts) == 0 {
				continue
			}
			e.payloads = append(e.payloads, payload{kind: pEntry, entry: en, toks: ts,
				label: schema.LabelForm("en", en.EN), rule: "en/gazetteer/" + strings.ToLower(en.Class.Name)})
			e.gaz.add(joinKeys(ts), len(e.payloads)-1)
			names = append(names, named{en, ts})
		}
	}
	for _, s := range c.shadows.list {
		toks := make([]token, len(s))
		for i, k := range s {
			toks[i] = token{Key: k}
		}
		e.payloads = append(e.payloads, payload{kind: pShadow, toks: toks})
		e.gaz.add(strings.Join(s, " "), len(e.payloads)-1)
	}
	e.gaz.compile()
	for _, n := range names {
		switch n.en.Class.Name {
		case "Instrument", "Meeting", "Initiative":
			k := e.abstractKey(n.toks, 0, len(n.toks), nil)
			if _, dup := e.byKey[k]; !dup {
				e.byKey[k] = n.en
			}
		}
	}
	return e, nil
}

// caseMatches checks a gazetteer name's tokens against the text's: an
// acronym must be written as listed, a capitalized word capitalized.
func caseMatches(name, text []token) bool {
	for k := range name {
		nt, tt := name[k], text[k]
		if !nt.Word || nt.Text == "" {
			continue
		}
		switch {
		case nt.Upper:
			if tt.Text != nt.Text {
				return false
			}
		case nt.Cap:
			if !tt.Cap {
				return false
			}
		}
	}
	return true
}

// gazHit is a gazetteer match: its token range and payload.
type gazHit struct {
	i, j int
	p    *payload
}

// gazHits appends to out the case-checked, token-aligned gazetteer
// matches in the tokens [lo, hi) of ts (overlapping ones included), ordered
// by first token and then longest first; scratch is a buffer it reuses.
func (e *entities) gazHits(ts *tokens, lo, hi int, out []gazHit, scratch *[]tokHit) []gazHit {
	if lo >= hi {
		return out
	}
	*scratch = e.gaz.match(ts.t, lo, hi, (*scratch)[:0])
	for _, h := range *scratch {
		i, j := h.i, h.j
		for _, pi := range e.gaz.payloads(h.word) {
			p := &e.payloads[pi]
			if p.kind == pShadow || caseMatches(p.toks, ts.t[i:j]) {
				out = append(out, gazHit{i, j, p})
				break
			}
		}
	}
	return out
}

// longestHits keeps the leftmost-longest of hits.
func longestHits(hs []gazHit) []gazHit {
	less := func(a, b int) bool {
		if hs[a].i != hs[b].i {
			return hs[a].i < hs[b].i
		}
		return hs[a].j > hs[b].j
	}
	if !sort.SliceIsSorted(hs, less) {
		sort.SliceStable(hs, less)
	}
	var out []gazHit
	last := -1
	for _, h := range hs {
		if h.i < last {
			continue
		}
		out = append(out, h)
		last = h.j
	}
	return out
}

// abstractKey is the key of the name in tokens [i, j): word keys, with
// the other entities named inside replaced by {Class/id}. hits are the
// gazetteer matches to use (nil: match here).
func (e *entities) abstractKey(toks []token, i, j int, hits []gazHit) string {
	if hits == nil {
		ts := &tokens{t: toks[i:j]}
		var scratch []tokHit
		for _, h := range e.gazHits(ts, 0, len(ts.t), nil, &scratch) {
			h.i += i
			h.j += i
			hits = append(hits, h)
		}
	}
	var inner []gazHit
	for _, h := range hits {
		if h.i >= i && h.j <= j && !(h.i == i && h.j == j) && h.p.kind == pEntry {
			inner = append(inner, h)
		}
	}
	inner = longestHits(inner)
	var parts []string
	for k := i; k < j; {
		if len(inner) > 0 && inner[0].i == k {
			parts = append(parts, "{"+inner[0].p.entry.Key()+"}")
			k = inner[0].j
			inner = inner[1:]
			continue
		}
		if toks[k].Word {
			parts = append(parts, toks[k].Key)
		}
		k++
	}
	return strings.Join(parts, " ")
}

// cand is a mention candidate with its role in overlap resolution.
type cand struct {
	m extractors.Mention
	// name: mentions inside are part of this name and dropped.
	name bool
	// nest: mentions inside are kept but nested.
	nest bool
	// keep: survives inside a name span (the treaty of a protocol).
	keep bool
	// none: suppresses names inside but is no mention itself.
	none bool
	// gaz: a gazetteer match (patterns with the same span give way to it).
	gaz bool
	// gazOnly: like nest, but only gazetteer mentions survive inside (the
	// body of "the 10th BRICS Summit"; not the pattern "BRICS Summit").
	gazOnly bool
}

// doc is the per-document state of the entity stage.
type doc struct {
	d   *extractors.Document
	ts  *tokens
	all []gazHit // every gazetteer hit, overlapping ones included
	// hitsFrom indexes all by first token: the hits starting at token k
	// are byFirst[hitsFrom[k]:hitsFrom[k+1]], in the order of all;
	// covered marks the tokens inside some hit.
	hitsFrom []int32
	byFirst  []gazHit
	covered  []bool
	// sent gives the sentence of each token (-1 outside sentences), and
	// sentLo and sentHi the token range of each sentence.
	sent           []int
	sentLo, sentHi []int
	// scratch is the buffer of the gazetteer's matches.
	scratch []tokHit
	// labels maps texts to their label forms, names the texts of names to
	// what nameOf found for them.
	labels map[string]string
	names  map[string]nameInfo
	// quoted marks the tokens inside quotes.
	quoted []bool
}

// index builds the index by first token and covered from all.
func (x *doc) index() {
	n := len(x.ts.t)
	x.covered = make([]bool, n)
	x.hitsFrom = make([]int32, n+1)
	for _, h := range x.all {
		x.hitsFrom[h.i+1]++
		for k := h.i; k < h.j; k++ {
			x.covered[k] = true
		}
	}
	for k := 0; k < n; k++ {
		x.hitsFrom[k+1] += x.hitsFrom[k]
	}
	next := make([]int32, n)
	copy(next, x.hitsFrom[:n])
	x.byFirst = make([]gazHit, len(x.all))
	for _, h := range x.all {
		x.byFirst[next[h.i]] = h
		next[h.i]++
	}
}

// hitsAt returns the hits that start at token k.
func (x *doc) hitsAt(k int) []gazHit {
	if x.hitsFrom == nil || k < 0 || k >= len(x.ts.t) {
		return nil
	}
	return x.byFirst[x.hitsFrom[k]:x.hitsFrom[k+1]]
}

// hitsIn returns the hits inside tokens [i, j).
func (x *doc) hitsIn(i, j int) []gazHit {
	out := []gazHit{}
	for k := i; k < j; k++ {
		for _, h := range x.hitsAt(k) {
			if h.j <= j {
				out = append(out, h)
			}
		}
	}
	return out
}

func (x *doc) span(i, j int) extractors.Span {
	return extractors.Span{Start: x.ts.t[i].Start, End: x.ts.t[j-1].End}
}

// label returns the label form of the text of tokens [i, j) (names
// recur: it remembers the forms it made).
func (x *doc) label(i, j int) string {
	s := x.d.TextOf(x.span(i, j))
	if l, ok := x.labels[s]; ok {
		return l
	}
	l := schema.LabelForm("en", s)
	x.labels[s] = l
	return l
}

// key returns the identity key of a text-only name: its word keys.
func (x *doc) key(i, j int) string {
	var parts []string
	for _, t := range x.ts.t[i:j] {
		if t.Word {
			parts = append(parts, t.Key)
		}
	}
	return strings.Join(parts, " ")
}

func mustClass(name string) schema.Class {
	c, ok := schema.ClassByName(name)
	if !ok {
		panic("schema: no class " + name)
	}
	return c
}

// process implements stage.
func (e *entities) process(d *extractors.Document, st *state) error {
	x := &doc{d: d, ts: st.ts, labels: map[string]string{}, names: map[string]nameInfo{}}
	x.sent = make([]int, len(x.ts.t))
	for i := range x.sent {
		x.sent[i] = -1
	}
	x.sentLo, x.sentHi = st.sentences(d)
	for si, s := range d.Sentences {
		for k := x.sentLo[si]; k < len(x.ts.t) && x.ts.t[k].End <= s.End; k++ {
			x.sent[k] = si
		}
	}
	// the gazetteer's hits, sentence by sentence (allFrom[si] is where
	// sentence si's begin in x.all)
	allFrom := make([]int, len(d.Sentences)+1)
	for si := range d.Sentences {
		x.all = e.gazHits(x.ts, x.sentLo[si], x.sentHi[si], x.all, &x.scratch)
		allFrom[si+1] = len(x.all)
	}
	var pats []cand
	gaz := make([]cand, 0, len(x.all)+len(d.Sentences))
	gazFrom := make([]int, len(d.Sentences)+1) // gaz[gazFrom[si]:gazFrom[si+1]] are sentence si's
	for si := range d.Sentences {
		lo, hi := x.sentLo[si], x.sentHi[si]
		// (the hits come ordered as longestHits orders them: it keeps the
		// order of x.all)
		for _, h := range longestHits(x.all[allFrom[si]:allFrom[si+1]]) {
			sp := x.span(h.i, h.j)
			if h.p.kind == pShadow {
				pats = append(pats, cand{m: extractors.Mention{Span: sp}, none: true, name: true})
				continue
			}
			en := h.p.entry
			m := extractors.Mention{Span: sp, Class: en.Class, Entry: en, Key: en.ID, Label: h.p.label,
				Surface: x.label(h.i, h.j), Rule: h.p.rule}
			if m.Label == "" {
				m.Label = m.Surface
			}
			if en.Contextual {
				m.Contextual = "group"
			}
			gaz = append(gaz, cand{m: m, gaz: true})
		}
		gaz = e.contextual(x, si, lo, hi, gaz)
		gazFrom[si+1] = len(gaz)
	}
	x.index()
	var bodies []int // indexes into gaz
	for i := range gaz {
		if g := &gaz[i]; g.m.Entry != nil && (g.m.Class.Name == "Organization" || g.m.Class.Name == "Group") && g.m.Contextual == "" ||
			g.m.Contextual == "organization" {
			bodies = append(bodies, i)
		}
	}
	quoted := e.quotes(x)
	pats = append(pats, quoted...)
	pats = append(pats, e.orgMeetings(x, gaz, bodies)...)
	pats = append(pats, e.titles(x, quoted)...)
	gi := &gazIndex{x: x, all: gaz, from: gazFrom}
	pats = append(pats, e.resolutions(x, gi)...)
	pats = append(pats, e.placesOfState(x, gaz)...)
	pats = append(pats, e.heldMeetings(x, gi)...)
	pats = append(pats, e.initiatives(x, gi)...)
	pats = append(pats, e.regexpMentions(x)...)
	kept := resolveOverlaps(d, pats, gaz)
	adds := make([]extractors.Mention, 0, len(kept))
	for i := range kept {
		c := &kept[i]
		if !e.enabled(c.m.Rule) {
			if d.Explaining() {
				d.Note(c.m.Rule, c.m.Span, false, "%s: rule switched off", d.TextOf(c.m.Span))
			}
			continue
		}
		if d.Explaining() {
			why := c.m.Class.Name
			if c.m.Nested {
				why += ", nested (an entity, never a target)"
			}
			d.Note(c.m.Rule, c.m.Span, true, "%s: %s", d.TextOf(c.m.Span), why)
		}
		adds = append(adds, c.m)
	}
	addMentions(d, adds)
	e.aliases(x)
	e.anaphora(x)
	return nil
}

// addMentions adds ms to the mentions of d, which it leaves ordered as
// d.SortMentions orders them (by start, longer first, stable), as
// d.AddMention for each and d.SortMentions after would. When the mentions
// there are in that order already, it sorts ms only and merges them in.
func addMentions(d *extractors.Document, ms []extractors.Mention) {
	for i := 1; i < len(d.Mentions); i++ {
		if mentionBefore(&d.Mentions[i], &d.Mentions[i-1]) {
			for _, m := range ms {
				d.AddMention(m)
			}
			d.SortMentions()
			return
		}
	}
	if len(ms) == 0 {
		return
	}
	// ms in order (stable): by index
	order := make([]int, len(ms))
	for i := range ms {
		ms[i].Sent = d.SentenceAt(ms[i].Start)
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		switch {
		case mentionBefore(&ms[a], &ms[b]):
			return -1
		case mentionBefore(&ms[b], &ms[a]):
			return 1
		}
		return cmp.Compare(a, b)
	})
	// merge from the back; of equal mentions, those there come first
	n := len(d.Mentions)
	// (room for the mentions later stages add: aliases, anaphors)
	d.Mentions = slices.Grow(d.Mentions, len(ms)+(n+len(ms))/8)[:n+len(ms)]
	i, j := n-1, len(ms)-1
	for w := len(d.Mentions) - 1; j >= 0; w-- {
		if m := &ms[order[j]]; i >= 0 && mentionBefore(m, &d.Mentions[i]) {
			d.Mentions[w] = d.Mentions[i]
			i--
		} else {
			d.Mentions[w] = *m
			j--
		}
	}
}

// mentionBefore reports whether a comes before b in the order of
// d.SortMentions: by start, longer first.
func mentionBefore(a, b *extractors.Mention) bool {
	return a.Start < b.Start || a.Start == b.Start && a.End > b.End
}

// contextual finds the mentions that stand for the document's
// organization (the Organisation), the issuing meeting (the Summit) and
// its member states (we) in the tokens [lo, hi) of sentence si, and
// appends them to out.
func (e *entities) contextual(x *doc, si, lo, hi int, out []cand) []cand {
	ts := x.ts.t
	for k := lo; k < hi; k++ {
		t := ts[k]
		if n := e.c.thisMeeting.at(ts, k, hi); n > 0 {
			head := ts[k+n-1]
			if ts[k].Key != "the" || head.Cap {
				sp := x.span(k, k+n)
				out = append(out, cand{m: extractors.Mention{Span: sp, Class: mustClass("Meeting"), Surface: x.label(k, k+n), Label: x.label(k, k+n),
					Key: x.key(k, k+n), Rule: "en/entity/this-meeting", Contextual: "meeting"}, gaz: true})
				k += n - 1
				continue
			}
		}
		if n := e.c.thisOrganization.at(ts, k, hi); n > 0 && t.Cap && k > lo && (ts[k-1].Key == "the" || ts[k-1].Key == "this" || ts[k-1].Key == "our") {
			// not the head of a longer name: the Organisation for …
			if k+n < hi && ts[k+n].Word && (ts[k+n].Cap || nameLinks.has(ts[k+n].Key) && k+n+1 < hi && ts[k+n+1].Cap) {
				continue
			}
			out = append(out, cand{m: extractors.Mention{Span: x.span(k, k+n), Class: mustClass("Organization"), Surface: x.label(k, k+n), Label: x.label(k, k+n),
				Key: x.key(k, k+n), Rule: "en/entity/this-organization", Contextual: "organization"}, gaz: true})
			continue
		}
		if t.Key == "we" && e.memberStates != nil {
			out = append(out, cand{m: extractors.Mention{Span: x.span(k, k+1), Class: e.memberStates.Class, Entry: e.memberStates,
				Key: e.memberStates.ID, Label: schema.LabelForm("en", e.memberStates.EN), Surface: t.Text, Rule: "en/entity/we", Contextual: "group"}, gaz: true})
		}
	}
	return out
}

// named builds the mention of an instrument, meeting or initiative name in
// tokens [i, j): the gazetteer entry when its abstract key is one, else a
// text-only entity keyed by its words.
// regexpMentions returns a candidate for every match of the packs' regexp
// patterns (their group "name", else the whole match) that starts and ends
// on token boundaries, named like the other patterns' names.
func (e *entities) regexpMentions(x *doc) []cand {
	var out []cand
	v := x.d.View
	for _, p := range e.regexps {
		g := p.NameGroup()
		for _, loc := range p.Compiled.FindAllStringSubmatchIndex(v, -1) {
			i, ok := x.ts.startAt(loc[2*g])
			j, ok2 := x.ts.endAt(loc[2*g+1])
			if !ok || !ok2 || j < i || strings.Contains(v[loc[2*g]:loc[2*g+1]], "\n") {
				continue // a mention lies on word boundaries inside one line
			}
			out = append(out, cand{m: e.named(x, p.EntityClass.Name, i, j+1, p.ID), name: true})
		}
	}
	return out
}

func (e *entities) named(x *doc, class string, i, j int, rule string) extractors.Mention {
	lab := x.label(i, j)
	n := e.nameOf(x, i, j)
	m := extractors.Mention{Span: x.span(i, j), Class: mustClass(class), Key: n.key, Label: lab, Surface: lab, Rule: rule}
	if en := n.entry; en != nil && en.Class.Name == class {
		m.Entry, m.Key = en, en.ID
		if l := n.label; l != "" {
			m.Label = l
		}
		if lab != m.Label {
			m.Alt = append(m.Alt, lab)
		}
	}
	return m
}

// nameInfo is what named finds for the words of a name: their key, and
// the gazetteer entry of their abstract key (nil: none) with its label.
type nameInfo struct {
	key   string
	entry *schema.Entry
	label string
}

// nameOf returns the nameInfo of tokens [i, j) of a sentence. It depends
// on the tokens only (the gazetteer hits inside are theirs), so it is
// kept by the text of the tokens for the next time the name occurs.
func (e *entities) nameOf(x *doc, i, j int) nameInfo {
	sp := x.span(i, j)
	text := x.d.View[sp.Start:sp.End]
	if n, ok := x.names[text]; ok {
		return n
	}
	n := nameInfo{key: x.key(i, j)}
	if en, ok := e.byKey[e.abstractKey(x.ts.t, i, j, x.hitsIn(i, j))]; ok {
		n.entry, n.label = en, schema.LabelForm("en", en.EN)
	}
	x.names[text] = n
	return n
}

// sentenceRange returns the token range of the sentence holding token k.
func (x *doc) sentenceRange(k int) (int, int) {
	s := x.sent[k]
	if s < 0 {
		return k, k
	}
	return x.sentLo[s], x.sentHi[s]
}

// inTitle reports whether token k lies in the document's title line.
func (x *doc) inTitle(k int) bool {
	s := x.sent[k]
	return s >= 0 && x.d.Paragraphs[x.d.Sentences[s].Para].Kind == extractors.Title
}

// nameWord reports whether a token may be a word of a Title Case name:
// a capitalized word, an acronym or a number.
func nameWord(t token) bool {
	return t.Word && (t.Cap || t.Upper || isNumber(t.Text)) && !determiners.has(t.Key)
}

// extendLeft returns the first token of the Title Case name whose head
// starts at token i: capitalized words, acronyms, numbers, and link words
// between them, back to the sentence start lo.
func extendLeft(ts []token, lo, i int) int {
	k := i
	for k-1 >= lo {
		t := ts[k-1]
		if nameWord(t) {
			k--
			continue
		}
		// "Belt and Road": a link word between name words
		if t.Key == "and" && k-2 >= lo && nameWord(ts[k-2]) {
			k--
			continue
		}
		break
	}
	return k
}

// extendRight returns the end of the Title Case name whose head ends at
// token j: name words, link words followed by name words, and commas in a
// list of name words that ends in "and" ("Good-Neighbourliness, Friendship
// and Cooperation"), up to the sentence end hi.
func (e *entities) extendRight(x *doc, j, hi int) int {
	ts := x.ts.t
	end := j
	k := j
	linked := -1 // where the name ended before its last link word, if one was taken
	for k < hi {
		t := ts[k]
		switch {
		case nameWord(t):
			k++
			end = k
		case t.Word && nameLinks.has(t.Key):
			// a link word continues the name only before a name word, and
			// not into a place or a date ("… in New York in September")
			// or another name ("… Convention and the NPT")
			m := k
			for m < hi && ts[m].Word && nameLinks.has(ts[m].Key) {
				m++
			}
			if m >= hi || !nameWord(ts[m]) || ts[m].Key == "the" {
				return end
			}
			if frameLinks.has(t.Key) && e.startsClass(x, m, "Organization") {
				return end // "… Terrorism within the United Nations"
			}
			if locativeLinks.has(t.Key) && (monthOf(ts[m]) > 0 || yearOf(ts[m]) > 0 || dayMonth(ts, m, hi) || e.startsClass(x, m, "City", "State") ||
				e.c.meetingHeads.at(ts, m, hi) > 0 || e.c.thisMeeting.at(ts, k+1, hi) > 0) {
				return end
			}
			// "resolution 71/258 of 23 December 2016": a full date is no
			// part of a name after any link word
			if dayMonth(ts, m, hi) || monthOf(ts[m]) > 0 && m+1 < hi && yearOf(ts[m+1]) > 0 {
				return end
			}
			if (t.Key == "and" || t.Key == "or") && !e.hasWord(ts, j, k, "between") && (m > k+1 && determiners.has(ts[k+1].Key) ||
				e.startsClass(x, m, "Instrument", "Organization", "State", "Group")) {
				return end
			}
			// another instrument after a link: "the Summit of the SCO
			// Anti-Drug Strategy" is no name (a protocol "to the Treaty" is)
			if e.startsClass(x, m, "Instrument") && !(t.Key == "to" && e.c.protocolHeads.before(ts, 0, k) > 0) {
				return end
			}
			linked = end
			k = m
			continue
		case t.Text == "," || t.Text == "-" && k+1 < hi && nameWord(ts[k+1]):
			if t.Text == "-" {
				k++
				continue
			}
			// a list of name words closed by and/or
			m := k + 1
			ok := false
			for m < hi {
				if nameWord(ts[m]) {
					m++
					continue
				}
				if ts[m].Text == "," {
					m++
					continue
				}
				if (ts[m].Key == "and" || ts[m].Key == "or") && m+1 < hi && nameWord(ts[m+1]) {
					ok = true
				}
				break
			}
			if !ok || k+1 >= hi || !nameWord(ts[k+1]) || e.startsClass(x, k+1, "State", "Organization", "Instrument") {
				return end
			}
			k++
		default:
			// "the Joint Comprehensive Plan of Action on the Iranian
			// nuclear issue": a name does not go on in lower case, so a
			// link that took only up to a demonym stops short of the
			// words it qualifies, and is no part of the name
			if linked >= 0 && t.Word && !t.Cap && demonym(ts[end-1].Key) {
				return linked
			}
			return end
		}
	}
	return end
}

// demonym reports whether the lower-case word w reads as an adjective of
// a people or country (Iranian, Syrian, Chinese, Turkish): one that
// qualifies the word after it. Only the unambiguous endings count: -an
// would take Afghanistan or Japan, -ean Ocean.
func demonym(w string) bool {
	for _, suf := range []string{"ian", "ese", "ish"} {
		if len(w) > len(suf)+2 && strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// dayMonth reports whether a day of the month and a month's name start at
// token m ("22 January").
func dayMonth(ts []token, m, hi int) bool {
	if m+1 >= hi || monthOf(ts[m+1]) == 0 || len(ts[m].Text) > 2 {
		return false
	}
	d, err := strconv.Atoi(ts[m].Text)
	return err == nil && d >= 1 && d <= 31
}

// locativeLinks are the prepositions that, before a place or a date, end
// a name.
var locativeLinks = set("in", "on", "at", "during", "since", "from")

// frameLinks are the prepositions that, before an organization, end a name
// ("the Convention … within the United Nations").
var frameLinks = set("within", "under", "by", "at", "in", "among", "through", "inside")

// startsClass reports whether a gazetteer entry of one of the classes
// starts at token k (a list of states after a title is no part of it).
func (e *entities) startsClass(x *doc, k int, classes ...string) bool {
	for _, h := range x.hitsAt(k) {
		if h.p.kind == pEntry {
			for _, c := range classes {
				if h.p.entry.Class.Name == c {
					return true
				}
			}
		}
	}
	return false
}

// hasWord reports whether one of the tokens [i, j) has the key w.
func (e *entities) hasWord(ts []token, i, j int, w string) bool {
	for k := i; k < j; k++ {
		if ts[k].Key == w {
			return true
		}
	}
	return false
}

// titles finds Title Case names with an instrument, meeting or initiative
// head: "the Treaty on the Non-Proliferation of Nuclear Weapons", "the SCO
// Development Strategy until 2025", "the International Conference on
// Afghanistan", "the Belt and Road Initiative"; a protocol to another
// instrument keeps that instrument nested; an instrument derived from one
// ("… and its Action Plan") is an instrument of its own.
func (e *entities) titles(x *doc, quoted []cand) []cand {
	ts := x.ts.t
	var out []cand
	inq := make([]bool, len(ts))
	for _, q := range quoted {
		if i, ok := x.ts.startAt(q.m.Start); ok {
			for k := i; k < len(ts) && ts[k].End <= q.m.End; k++ {
				inq[k] = true
			}
		}
	}
	inQuote := func(k int) bool { return inq[k] }
	for k := 0; k < len(ts); k++ {
		if x.sent[k] < 0 || x.inTitle(k) || inQuote(k) {
			continue
		}
		lo, hi := x.sentenceRange(k)
		if !ts[k].Cap && !e.namedInitiative(x, lo, k, hi) {
			continue
		}
		var class, rule string
		h := 0
		switch {
		case e.c.instrumentHeads.at(ts, k, hi) > 0:
			h, class, rule = e.c.instrumentHeads.at(ts, k, hi), "Instrument", "en/instrument/title"
		case e.c.meetingHeads.at(ts, k, hi) > 0:
			h, class, rule = e.c.meetingHeads.at(ts, k, hi), "Meeting", "en/meeting/title"
		case e.c.initiativeHeads.at(ts, k, hi) > 0:
			h, class, rule = e.c.initiativeHeads.at(ts, k, hi), "Initiative", "en/initiative/title"
		default:
			continue
		}
		start := extendLeft(ts, lo, k)
		end := e.extendRight(x, k+h, hi)
		if class == "Meeting" {
			// ordinals before a meeting: "the first Consultative Meeting"
			for start-1 >= lo && e.c.ordinals.before(ts, lo, start) > 0 {
				start -= e.c.ordinals.before(ts, lo, start)
			}
		}
		if start == k && end == k+h {
			continue // a bare head: an anaphor or a common noun
		}
		if start > lo && (ts[start-1].Key == "a" || ts[start-1].Key == "an") {
			continue // "develop a Code of Conduct": not (yet) an instrument
		}
		if e.generic(ts, start, end) {
			continue // "the Purposes and Principles": a common noun
		}
		if class == "Initiative" && end > k+h {
			continue // "the Initiative on …" is an initiative pattern's
		}
		if class == "Instrument" && e.orgAfterHead(ts, k+h, end) {
			class, rule = "Organization", "en/organization/title"
		}
		var party []cand
		if class == "Meeting" {
			end, party = e.partiesTo(x, end, hi)
		}
		m := e.named(x, class, start, end, rule)
		out = append(out, cand{m: m, name: true})
		out = append(out, party...)
		if class == "Instrument" {
			out = append(out, e.protocol(x, start, end)...)
			out = append(out, e.derived(x, m, end, hi)...)
		}
		k = end - 1
	}
	return out
}

// generic reports whether tokens [i, j) are all generic words.
func (e *entities) generic(ts []token, i, j int) bool {
	for k := i; k < j; k++ {
		if e.c.genericWords.at(ts, k, k+1) == 0 {
			return false
		}
	}
	return true
}

// orgAfterHead reports whether the name words [j, end) after an
// instrument's head end in an organization's head with no link word
// between: "the Collective Security Treaty Organization" names the
// organization, "the Charter of the Shanghai Cooperation Organisation"
// the instrument.
func (e *entities) orgAfterHead(ts []token, j, end int) bool {
	n := e.c.orgHeads.before(ts, j, end)
	if n == 0 {
		return false
	}
	for k := j; k < end-n; k++ {
		if !nameWord(ts[k]) {
			return false
		}
	}
	return true
}

// partiesTo extends a meeting's name ending at token end over "to the
// <instrument>" when the gazetteer knows the instrument: "the 2020 Review
// Conference of the Parties to the Treaty on the Non-Proliferation of
// Nuclear Weapons" is a meeting of that treaty's parties (a name that
// stopped at "the Parties" would make every treaty's review conference of
// a year one node). The instrument is kept as a nested mention.
func (e *entities) partiesTo(x *doc, end, hi int) (int, []cand) {
	ts := x.ts.t
	if end >= hi || ts[end].Key != "to" {
		return end, nil
	}
	k := end + 1
	if k < hi && ts[k].Key == "the" {
		k++
	}
	for _, h := range x.hitsAt(k) {
		if h.p.kind == pEntry && h.p.entry.Class.Name == "Instrument" && h.j <= hi {
			m := e.named(x, "Instrument", k, h.j, "en/meeting/title")
			m.Nested = true
			return h.j, []cand{{m: m, keep: true}}
		}
	}
	return end, nil
}

// namedInitiative reports whether a lower-case initiative head at token k
// follows a Title Case name of its own ("China's Belt and Road
// initiative"; not "the SCO initiative": a name made of known entities).
func (e *entities) namedInitiative(x *doc, lo, k, hi int) bool {
	ts := x.ts.t
	if e.c.initiativeHeads.at(ts, k, hi) == 0 {
		return false
	}
	start := extendLeft(ts, lo, k)
	for p := start; p < k; p++ {
		if ts[p].Cap && !ts[p].Upper && !x.covered[p] {
			return true
		}
	}
	return false
}

// protocol keeps the instrument a protocol is to as a nested mention:
// "Protocol to the Treaty on a Nuclear-Weapon-Free Zone in Central Asia".
func (e *entities) protocol(x *doc, i, j int) []cand {
	ts := x.ts.t
	n := e.c.protocolHeads.at(ts, i, j)
	if n == 0 || i+n >= j || ts[i+n].Key != "to" {
		return nil
	}
	k := i + n + 1
	if k < j && ts[k].Key == "the" {
		k++
	}
	if k >= j {
		return nil
	}
	m := e.named(x, "Instrument", k, j, "en/instrument/protocol")
	m.Nested = true
	return []cand{{m: m, keep: true}}
}

// derived finds "… and its Action Plan" after an instrument's name.
func (e *entities) derived(x *doc, of extractors.Mention, end, hi int) []cand {
	ts := x.ts.t
	l := e.c.derivedLinks.at(ts, end, hi)
	if l == 0 {
		return nil
	}
	h := e.c.derivedHeads.at(ts, end+l, hi)
	if h == 0 || !ts[end+l].Cap {
		return nil
	}
	i, j := end+l, end+l+h
	head := x.label(i, j)
	lab := head + " of the " + of.Label
	m := extractors.Mention{Span: x.span(i, j), Class: mustClass("Instrument"), Key: x.key(i, j) + " of " + of.Key, Label: lab,
		Surface: head, Rule: "en/instrument/derived", Alt: []string{head}}
	return []cand{{m: m, name: true}}
}

// quotes classifies quoted spans: an alias the text defines (hereinafter
// referred to as "the SCO"), a meeting ("Peace Mission-2016" exercise, the
// exercise "Peace Mission"), an initiative ("Belt and Road" Initiative), an
// instrument named by a genre word (resolution 73/27 "…"), or a quoted
// concept whose words are no entity ("Shanghai Spirit").
func (e *entities) quotes(x *doc) []cand {
	ts := x.ts.t
	var out []cand
	for si := range x.d.Sentences {
		lo, hi := x.sentLo[si], x.sentHi[si]
		for k := lo; k < hi; k++ {
			open := ts[k].Text
			if open != "\"" && open != "“" {
				continue
			}
			closer := map[string]string{"\"": "\"", "“": "”"}[open]
			c := k + 1
			for c < hi && ts[c].Text != closer {
				c++
			}
			if c >= hi || c == k+1 {
				continue
			}
			q := cand{m: extractors.Mention{Span: x.span(k, c+1)}, none: true, name: true}
			inner := x.label(k+1, c)
			switch {
			case e.isAliasDef(x, lo, k):
			case e.c.meetingHeads.at(ts, c+1, hi) > 0 || c+2 < hi && ts[c+1].Word && e.c.meetingHeads.at(ts, c+2, hi) > 0:
				n := c + 1
				if e.c.meetingHeads.at(ts, n, hi) == 0 {
					n++
				}
				n += e.c.meetingHeads.at(ts, n, hi)
				m := e.named(x, "Meeting", k, n, "en/meeting/quoted")
				m.Alt = append(m.Alt, inner)
				q = cand{m: m, name: true}
			case e.c.initiativeHeads.at(ts, c+1, hi) > 0:
				n := c + 1 + e.c.initiativeHeads.at(ts, c+1, hi)
				m := e.named(x, "Initiative", k, n, "en/initiative/title")
				m.Alt = append(m.Alt, inner)
				q = cand{m: m, name: true}
			default:
				// a head before the quote: a genre word (resolution 73/27
				// "…"), or a meeting word (the joint exercise "Peace Mission")
				if g, class := e.headBefore(x, lo, k); g >= 0 {
					m := e.named(x, class, k+1, c, map[string]string{"Instrument": "en/instrument/quoted", "Meeting": "en/meeting/quoted"}[class])
					m.Span = x.span(g, c+1)
					m.Alt = append(m.Alt, x.label(g, c+1))
					q = cand{m: m, name: true}
				}
			}
			out = append(out, q)
			k = c
		}
	}
	return out
}

// headBefore finds a genre or meeting head right before a quote at token
// k (over numbers, "of the <organization>" and words of the head's noun
// phrase); it returns the start of the phrase and its class, or -1.
func (e *entities) headBefore(x *doc, lo, k int) (int, string) {
	ts := x.ts.t
	for p := k - 1; p >= lo && p >= k-10; p-- {
		t := ts[p]
		if n := e.c.genreHeads.before(ts, lo, p+1); n > 0 && !ts[p].Cap {
			return e.phraseStart(ts, lo, p+1-n), "Instrument"
		}
		if n := e.c.meetingHeads.before(ts, lo, p+1); n > 0 && !ts[p].Cap {
			return e.phraseStart(ts, lo, p+1-n), "Meeting"
		}
		// between the head and the quote: a number, "of the <body>", "No."
		if !(x.covered[p] || isNumber(t.Text) || t.Key == "of" || t.Key == "the" || t.Key == "no" || t.Text == "." ||
			t.Text == "-" || t.Text == "/" || t.Text == "(" || t.Text == ")") {
			return -1, ""
		}
	}
	return -1, ""
}

// phraseStart walks back from token k over the modifiers of a noun phrase
// (words that are no determiners, verbs or prepositions) to its start.
func (e *entities) phraseStart(ts []token, lo, k int) int {
	for k-1 >= lo {
		t := ts[k-1]
		if !t.Word && t.Text != "-" || determiners.has(t.Key) || nameLinks.has(t.Key) || e.isTriggerAt(ts, k-1) {
			break
		}
		k--
	}
	return k
}

func (e *entities) isTriggerAt(ts []token, k int) bool {
	return e.triggers.has(ts[k].Key)
}

// isAliasDef reports whether the quote at token k stands in a parenthesis
// that introduces aliases: (hereinafter referred to as "the SCO").
func (e *entities) isAliasDef(x *doc, lo, k int) bool {
	ts := x.ts.t
	for p := k - 1; p >= lo && p >= k-20; p-- {
		if ts[p].Text == ")" {
			return false
		}
		if ts[p].Text == "(" {
			return e.c.aliasIntro.at(ts, p+1, k) > 0
		}
	}
	return false
}

// orgMeetings finds the meetings of known bodies: "the meeting of the
// Council of Heads of State", "the 72nd session of the UN General
// Assembly", "the meeting of BRICS Ministers of Foreign Affairs", "the
// Ninth BRICS Summit", "the SCO Heads of State Council meeting", "the G20
// Hamburg Summit". The body stays a (nested) mention.
func (e *entities) orgMeetings(x *doc, gaz []cand, bodies []int) []cand {
	ts := x.ts.t
	var out []cand
	for _, b := range bodies {
		o := &gaz[b].m
		oi, ok1 := x.ts.startAt(o.Start)
		oj, ok2 := x.ts.endAt(o.End)
		if !ok1 || !ok2 || x.sent[oi] < 0 {
			continue
		}
		oj++
		lo, hi := x.sentenceRange(oi)
		org := o.Entry
		add := func(i, j int) {
			m := e.named(x, "Meeting", i, j, "en/meeting/organization")
			m.Org = org
			if o.Contextual == "organization" {
				m.Org = nil // resolved later through the document's organization
			}
			out = append(out, cand{m: m, gazOnly: true})
		}
		// after: <body> [roles] [Cap words] head
		k := oj
		if n := e.c.roles.at(ts, k, hi); n > 0 {
			k += n
		}
		for c := 0; c < 2 && k < hi && ts[k].Cap && e.c.orgMeetHeads.at(ts, k, hi) == 0 && ts[k].Word; c++ {
			k++
		}
		if n := e.c.orgMeetHeads.at(ts, k, hi); n > 0 {
			start := oi
			for start-1 >= lo && (e.c.ordinals.before(ts, lo, start) > 0 || ordinalToken(ts[start-1]) > 0) {
				if n := e.c.ordinals.before(ts, lo, start); n > 0 {
					start -= n
				} else {
					start--
				}
			}
			add(start, k+n)
		}
		// before: [ordinal] head of [the] [roles of [the]] <body> [of [the] <parent>]
		p := oi
		if p-1 >= lo && ts[p-1].Key == "the" {
			p--
		}
		if p-1 >= lo && ts[p-1].Key == "of" {
			q := p - 1
			// roles of the body: meeting of the Heads of State of the SCO
			if n := e.c.roles.before(ts, lo, q); n > 0 {
				q -= n
				if q-1 >= lo && ts[q-1].Key == "the" {
					q--
				}
				if q-1 >= lo && ts[q-1].Key == "of" {
					q--
				} else {
					q = -1
				}
			}
			if q > lo {
				if n := e.c.orgMeetHeads.before(ts, lo, q); n > 0 {
					start := q - n
					for start-1 >= lo {
						if n := e.c.ordinals.before(ts, lo, start); n > 0 {
							start -= n
							continue
						}
						if ordinalNumber(ts[start-1].Key) > 0 || ts[start-1].Cap && ts[start-1].Word && !determiners.has(ts[start-1].Key) {
							start--
							continue
						}
						break
					}
					end := oj
					if n := e.c.roles.at(ts, end, hi); n > 0 {
						end += n
					}
					// of the <parent>: "of the Council of Heads of State of the SCO"
					for end+1 < hi && ts[end].Key == "of" {
						q := end + 1
						if ts[q].Key == "the" {
							q++
						}
						j := e.gazEndAt(x, q)
						if j < 0 {
							break
						}
						end = j
					}
					add(start, end)
				}
			}
		}
	}
	return out
}

// gazEndAt returns the end of the longest gazetteer organization or group
// match starting at token k, or -1.
func (e *entities) gazEndAt(x *doc, k int) int {
	best := -1
	for _, h := range x.hitsAt(k) {
		if h.p.kind == pEntry && (h.p.entry.Class.Name == "Organization" || h.p.entry.Class.Name == "Group") && h.j > best {
			best = h.j
		}
	}
	return best
}

// heldMeetings finds meetings named by a noun phrase with a meeting head
// next to a holding verb: "the international conference on combating
// terrorism held in Dushanbe", "held its regular meeting in Astana".
func (e *entities) heldMeetings(x *doc, gaz *gazIndex) []cand {
	ts := x.ts.t
	var out []cand
	for k := 0; k < len(ts); k++ {
		if x.sent[k] < 0 {
			continue
		}
		n := e.c.holdVerbs.at(ts, k, len(ts))
		if n == 0 {
			continue
		}
		lo, hi := x.sentenceRange(k)
		// before the verb: [the] … head … held
		for h := k - 1; h >= lo && h >= k-14; h-- {
			t := ts[h]
			if !t.Word && t.Text != "-" || e.isTriggerAt(ts, h) {
				break
			}
			if hn := e.c.meetingHeads.at(ts, h, k); hn > 0 {
				start := h
				for start-1 >= lo {
					p := ts[start-1]
					if !p.Word || determiners.has(p.Key) || e.isTriggerAt(ts, start-1) || p.Key == "of" && start-2 >= lo && e.c.outcome.before(ts, lo, start) > 0 {
						break
					}
					start--
				}
				if start > lo && determiners.has(ts[start-1].Key) {
					m := e.named(x, "Meeting", start, k, "en/meeting/held")
					out = append(out, cand{m: m, gazOnly: true})
				}
				break
			}
		}
		// after the verb: held its (regular) meeting
		j := k + n
		if j < hi && determiners.has(ts[j].Key) {
			j++
			s := j
			for j < hi && (e.c.ordinals.at(ts, j, hi) > 0 || ordinalNumber(ts[j].Key) > 0) {
				if o := e.c.ordinals.at(ts, j, hi); o > 0 {
					j += o
				} else {
					j++
				}
			}
			if hn := e.c.orgMeetHeads.at(ts, j, hi); hn > 0 && (j+hn >= hi || ts[j+hn].Key != "of") {
				m := e.named(x, "Meeting", s, j+hn, "en/meeting/held")
				// the body that held it: right before the verb
				if b := e.actorBefore(x, gaz, k); b != nil && b.Class.Name == "Organization" {
					m.Org = b.Entry
					m.Key = b.Entry.ID + " " + m.Key
				}
				out = append(out, cand{m: m, gazOnly: true})
			}
		}
		k += n - 1
	}
	return out
}

// actorBefore returns the gazetteer mention that ends right before token
// k (over adverbs), or nil.
func (e *entities) actorBefore(x *doc, gaz *gazIndex, k int) *extractors.Mention {
	ts := x.ts.t
	lo, _ := x.sentenceRange(k)
	for k > lo {
		if n := e.c.adverbs.before(ts, lo, k); n > 0 {
			k -= n
			continue
		}
		break
	}
	if k <= lo {
		return nil
	}
	best := e.longestEnding(gaz, ts[k-1].End)
	// a body of its parent: "the Council of Heads of State of the SCO"
	// is the council
	if best != nil && best.Entry != nil {
		if s, ok := x.ts.startAt(best.Start); ok {
			p := s
			if p-1 > lo && ts[p-1].Key == "the" {
				p--
			}
			if p-1 > lo && ts[p-1].Key == "of" {
				if b := e.longestEnding(gaz, ts[p-2].End); b != nil && b.Entry != nil && b.Entry.Parent == best.Entry.ID {
					return b
				}
			}
		}
	}
	return best
}

// longestEnding returns the longest gazetteer mention with an entry that
// ends at byte end, or nil.
func (e *entities) longestEnding(gaz *gazIndex, end int) *extractors.Mention {
	var best *extractors.Mention
	for _, i := range gaz.ending(end) {
		if g := &gaz.all[i]; g.m.Entry != nil && (best == nil || g.m.Len() > best.Len()) {
			best = &g.m
		}
	}
	return best
}

// gazIndex finds the gazetteer candidates of a document by the view
// offsets where they start and end. A candidate lies in the sentence it
// was found in: the candidates of sentence si are all[from[si]:from[si+1]].
type gazIndex struct {
	x    *doc
	all  []cand
	from []int
}

// starting returns the indexes into all of the candidates that start at
// view offset off, in the order of all.
func (gi *gazIndex) starting(off int) []int {
	k, ok := gi.x.ts.startAt(off)
	if !ok {
		return nil
	}
	return gi.find(k, func(m *extractors.Mention) bool { return m.Start == off })
}

// ending returns the indexes into all of the candidates that end at view
// offset off, in the order of all.
func (gi *gazIndex) ending(off int) []int {
	k, ok := gi.x.ts.endAt(off)
	if !ok {
		return nil
	}
	return gi.find(k, func(m *extractors.Mention) bool { return m.End == off })
}

// find returns the indexes into all of the candidates of token k's
// sentence for which at holds.
func (gi *gazIndex) find(k int, at func(m *extractors.Mention) bool) []int {
	si := gi.x.sent[k]
	if si < 0 {
		return nil
	}
	var out []int
	for i := gi.from[si]; i < gi.from[si+1]; i++ {
		if at(&gi.all[i].m) {
			out = append(out, i)
		}
	}
	return out
}

// initiatives finds initiatives with their content: "Kazakhstan's
// initiative to develop a Code of Conduct …", "the initiative of the
// Kyrgyz Republic to declare …", "the proposal of Uzbekistan to establish
// …", and without a proposer "the initiative to establish …" (a proposal
// verb in the content). Mentions inside stay, nested.
func (e *entities) initiatives(x *doc, gaz *gazIndex) []cand {
	ts := x.ts.t
	var out []cand
	actorAt := func(k int) (int, int) { // gazetteer actor starting at token k: its end
		best := -1
		for _, gi := range gaz.starting(ts[k].Start) {
			if g := &gaz.all[gi]; g.m.Entry != nil && g.m.Class.Actor {
				if j, ok := x.ts.endAt(g.m.End); ok && j+1 > best {
					best = j + 1
				}
			}
		}
		return k, best
	}
	for k := 0; k < len(ts); k++ {
		if x.sent[k] < 0 {
			continue
		}
		lo, hi := x.sentenceRange(k)
		h := e.c.initiativeHeads.at(ts, k, hi)
		if h == 0 || ts[k].Cap && k > lo {
			continue
		}
		start, rule := -1, "en/initiative/proposal"
		c := k + h
		// <actor>'s initiative
		if k-2 >= lo && ts[k-1].Key == "s" && ts[k-2].Text == "'" {
			if i := e.actorEndingAt(x, gaz, k-2); i >= 0 {
				start, rule = i, "en/initiative/proposer"
			}
		}
		// the initiative of <actor> | put forward by <actor>
		if start < 0 {
			q := c
			if n := e.c.proposeVerbs.at(ts, q, hi); n > 0 && q+n < hi && ts[q+n].Key == "by" {
				q += n + 1
			} else if q < hi && ts[q].Key == "of" {
				q++
			} else {
				q = -1
			}
			if q > 0 {
				if q < hi && ts[q].Key == "the" {
					q++
				}
				if q < hi {
					if _, j := actorAt(q); j > 0 {
						start, rule, c = k, "en/initiative/proposer", j
					}
				}
			}
		}
		if start < 0 {
			start = k
		}
		// the content: about-word, then to the clause end
		a := e.c.about.at(ts, c, hi)
		if a == 0 {
			continue
		}
		end := e.contentEnd(x, c+a, hi)
		if end <= c+a {
			continue
		}
		if rule == "en/initiative/proposal" {
			has := false
			for q := c + a; q < end; q++ {
				if e.c.proposalVerbs.at(ts, q, end) > 0 {
					has = true
				}
			}
			if !has {
				continue
			}
		}
		lab := x.label(start, end)
		m := extractors.Mention{Span: x.span(start, end), Class: mustClass("Initiative"), Key: x.key(start, end), Label: lab, Surface: lab, Rule: rule}
		if start != k {
			m.Alt = append(m.Alt, x.label(k, end))
		}
		out = append(out, cand{m: m, nest: true})
		k = end - 1
	}
	return out
}

// actorEndingAt returns the first token of the gazetteer actor mention
// ending at token k (exclusive), or -1.
func (e *entities) actorEndingAt(x *doc, gaz *gazIndex, k int) int {
	end := x.ts.t[k-1].End
	best := -1
	for _, gi := range gaz.ending(end) {
		if g := &gaz.all[gi]; g.m.Entry != nil && g.m.Class.Actor {
			if i, ok := x.ts.startAt(g.m.Start); ok && (best < 0 || i < best) {
				best = i
			}
		}
	}
	return best
}

// contentEnd returns where an initiative's content that starts at token k
// ends: at a clause break (outside quotes), before a proposal participle
// (put forward at …), before "and" with a stance verb, or at hi.
func (e *entities) contentEnd(x *doc, k, hi int) int {
	ts := x.ts.t
	quote := false
	for p := k; p < hi; p++ {
		t := ts[p]
		if t.Text == "\"" || t.Text == "“" || t.Text == "”" {
			quote = !quote && t.Text != "”"
			continue
		}
		if quote {
			continue
		}
		if clausePunct.has(t.Text) || t.Text == "," || t.Text == "(" {
			return p
		}
		if p > k && e.c.proposeVerbs.at(ts, p, hi) > 0 {
			return p
		}
		if p > k && (t.Key == "and" || t.Key == "which") && p+1 < hi && e.isTriggerAt(ts, p+1) {
			return p
		}
	}
	return hi
}

// resolveOverlaps keeps the longer pattern mentions, nests or drops what
// lies inside them, and returns the surviving mentions. A pattern with the
// same span as a gazetteer match gives way to it. It marks the nested
// candidates of pats in place.
func resolveOverlaps(d *extractors.Document, pats, gaz []cand) []cand {
	gazSpans := make(map[extractors.Span]bool, len(gaz))
	for _, g := range gaz {
		gazSpans[g.m.Span] = true
	}
	order := make([]int, len(pats))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return pats[order[a]].m.Len() > pats[order[b]].m.Len() })
	names := &spanSet{} // of gaz
	for i := range gaz {
		if g := &gaz[i]; g.m.Class.Name == "Instrument" || g.m.Class.Name == "Meeting" {
			names.insert(g.m.Span, i)
		}
	}
	kept := &spanSet{} // of pats
	for _, i := range order {
		c := &pats[i]
		if !c.none && !c.keep && gazSpans[c.m.Span] {
			continue // (a kept one is the gazetteer's match, nested in its pattern)
		}
		longer := false
		for _, n := range names.near(c.m.Span) {
			g := &gaz[names.refs[n]]
			if !c.none && !c.keep && g.m.Len() > c.m.Len() && g.m.Overlaps(c.m.Span) && !c.m.Contains(g.m.Span) {
				longer = true
				break
			}
		}
		if longer {
			if d.Explaining() {
				d.Note(c.m.Rule, c.m.Span, false, "%s: inside a longer gazetteer name", d.TextOf(c.m.Span))
			}
			continue
		}
		drop := false
		for _, n := range kept.near(c.m.Span) {
			o := &pats[kept.refs[n]]
			switch {
			case o.m.Span == c.m.Span:
				drop = true
			case o.m.Contains(c.m.Span):
				if (o.name || o.gazOnly) && !c.keep {
					drop = true
				}
				if o.nest || o.name && c.keep {
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
			kept.insert(c.m.Span, i)
		} else if !c.none {
			if d.Explaining() {
				d.Note(c.m.Rule, c.m.Span, false, "%s: overlaps a longer match", d.TextOf(c.m.Span))
			}
		}
	}
	out := make([]cand, 0, len(kept.refs)+len(gaz))
	for _, n := range kept.sorted() {
		if c := &pats[kept.refs[n]]; !c.none {
			out = append(out, *c)
		}
	}
	for _, g := range gaz {
		drop := false
		for _, n := range kept.near(g.m.Span) {
			o := &pats[kept.refs[n]]
			if o.m.Contains(g.m.Span) && o.m.Span != g.m.Span {
				if o.name {
					drop = true
					break
				}
				if o.nest || o.gazOnly {
					g.m.Nested = true
				}
			} else if o.m.Overlaps(g.m.Span) && !o.m.Contains(g.m.Span) && !g.m.Contains(o.m.Span) && !o.none {
				drop = true
				break
			}
		}
		if !drop {
			out = append(out, g)
		} else {
			if d.Explaining() {
				d.Note(g.m.Rule, g.m.Span, false, "%s: part of a longer name", d.TextOf(g.m.Span))
			}
		}
	}
	return out
}

// spanSet holds spans, each standing for a candidate (an index the caller
// gives), for neighbourhood look-ups, indexed by the block of the view
// their start falls in.
type spanSet struct {
	// spans and refs are the spans and their candidates in the order
	// inserted.
	spans []extractors.Span
	refs  []int
	// blocks maps start/spanBlock to indexes into spans.
	blocks map[int][]int
	maxLen int
	// buf is the slice near returns, reused.
	buf []int
}

// spanBlock is the width in bytes of a spanSet block.
const spanBlock = 256

func (s *spanSet) insert(sp extractors.Span, ref int) {
	if s.blocks == nil {
		s.blocks = map[int][]int{}
	}
	b := sp.Start / spanBlock
	s.blocks[b] = append(s.blocks[b], len(s.spans))
	s.spans = append(s.spans, sp)
	s.refs = append(s.refs, ref)
	if sp.Len() > s.maxLen {
		s.maxLen = sp.Len()
	}
}

// near returns the indexes into spans of the spans that start less than
// the longest one's length before sp and before its end: every one that
// may overlap sp, in no particular order. The slice is valid until the
// next call.
func (s *spanSet) near(sp extractors.Span) []int {
	s.buf = s.buf[:0]
	from, to := max(sp.Start-s.maxLen, 0), sp.End
	if len(s.spans) == 0 || to <= from {
		return s.buf
	}
	for b := from / spanBlock; b <= (to-1)/spanBlock; b++ {
		for _, i := range s.blocks[b] {
			if st := s.spans[i].Start; st >= from && st < to {
				s.buf = append(s.buf, i)
			}
		}
	}
	return s.buf
}

// sorted returns the indexes into spans ordered by start, those with the
// same start in the order inserted.
func (s *spanSet) sorted() []int {
	idx := make([]int, len(s.spans))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int {
		if c := cmp.Compare(s.spans[a].Start, s.spans[b].Start); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	return idx
}

// aliases adds the short names a text defines ((hereinafter "the
// Convention")) as mentions of the entity before the parenthesis,
// wherever they occur and no other mention stands.
func (e *entities) aliases(x *doc) {
	d := x.d
	ts := x.ts.t
	type alias struct {
		key []string
		of  int
	}
	var defs []alias
	for i := range d.Mentions {
		m := &d.Mentions[i]
		j, ok := x.ts.endAt(m.End)
		if !ok || j+1 >= len(ts) || ts[j+1].Text != "(" || e.c.aliasIntro.at(ts, j+2, len(ts)) == 0 {
			continue
		}
		for p := j + 2; p < len(ts) && ts[p].Text != ")"; p++ {
			if ts[p].Text != "\"" && ts[p].Text != "“" {
				continue
			}
			q := p + 1
			for q < len(ts) && ts[q].Text != "\"" && ts[q].Text != "”" && ts[q].Text != ")" {
				q++
			}
			if q >= len(ts) || ts[q].Text == ")" {
				break
			}
			a, b := p+1, q
			if a < b && ts[a].Key == "the" {
				a++
			}
			if a < b {
				var key []string
				for _, t := range ts[a:b] {
					key = append(key, t.Key)
				}
				defs = append(defs, alias{key, i})
				if l := x.label(a, b); l != m.Label && l != m.Surface {
					m.Alt = append(m.Alt, l)
				}
			}
			p = q
		}
	}
	var added []extractors.Mention
	if len(defs) == 0 {
		return
	}
	ms := newMentionScan(d)
	// Of the definitions of the same alias (a text may define it again),
	// the first is the one used: the others match where it does and fail
	// where it does.
	byFirst := map[string][]alias{}
	seen := map[string]bool{}
	for _, a := range defs {
		if k := strings.Join(a.key, " "); !seen[k] {
			seen[k] = true
			byFirst[a.key[0]] = append(byFirst[a.key[0]], a)
		}
	}
	for k := 0; k < len(ts); k++ {
		if x.sent[k] < 0 || !ts[k].Cap && !ts[k].Upper {
			continue
		}
		for _, a := range byFirst[ts[k].Key] {
			n := len(a.key)
			if !keysAt(ts, k, len(ts), a.key) {
				continue
			}
			sp := x.span(k, k+n)
			if ms.overlapsAny(sp) {
				continue
			}
			m := d.Mentions[a.of]
			m.Span, m.Surface, m.Rule, m.Nested = sp, x.label(k, k+n), "en/entity/defined-alias", false
			added = append(added, m)
			k += n - 1
			break
		}
	}
	addMentions(d, added)
}

// anaphora adds, for "the Treaty", "this Convention", "the Initiative"
// (a capitalized head alone after a determiner), a mention of the last
// instrument (initiative) named before it whose label holds the head.
func (e *entities) anaphora(x *doc) {
	d := x.d
	ts := x.ts.t
	var added []extractors.Mention
	ms := newMentionScan(d)
	for k := 1; k < len(ts); k++ {
		if x.sent[k] < 0 || !ts[k].Cap || x.inTitle(k) {
			continue
		}
		n := e.c.anaphors.at(ts, k, len(ts))
		if n == 0 || !(ts[k-1].Key == "the" || ts[k-1].Key == "this" || ts[k-1].Key == "said" || ts[k-1].Key == "that") {
			continue
		}
		if k+n < len(ts) && (nameWord(ts[k+n]) || nameLinks.has(ts[k+n].Key) && k+n+1 < len(ts) && nameWord(ts[k+n+1])) {
			continue // the head of a longer name
		}
		sp := x.span(k, k+n)
		if ms.overlapsAny(sp) {
			continue
		}
		head := strings.ToLower(x.label(k, k+n))
		ante := -1
		hi := ms.before(sp.Start)
		for i := hi - 1; i >= 0 && i >= hi-500; i-- {
			m := &d.Mentions[i]
			if m.End > sp.Start || m.Rule == "en/entity/anaphor" || m.Contextual != "" {
				continue
			}
			if c := m.Class.Name; c != "Instrument" && c != "Organization" && c != "Initiative" {
				continue
			}
			if containsFold(m.Label, head) || containsFold(m.Surface, head) {
				ante = i
				break
			}
		}
		if ante < 0 {
			continue
		}
		m := d.Mentions[ante]
		m.Span, m.Rule, m.Nested, m.Alt = sp, "en/entity/anaphor", false, nil
		m.Surface = x.label(k, k+n)
		added = append(added, m)
	}
	addMentions(d, added)
}

// containsFold reports whether s contains the lower-case word w, ignoring
// case (ASCII).
func containsFold(s, w string) bool {
	n := len(w)
	for i := 0; i+n <= len(s); i++ {
		if strings.EqualFold(s[i:i+n], w) {
			return true
		}
	}
	return false
}

// mentionScan answers position questions about the mentions of a
// document, sorted and not changed while it is in use, without the
// document's index of them (which a stage adding mentions rebuilds).
type mentionScan struct {
	d *extractors.Document
	// starts are the mentions' starts; maxEnd[i] is the greatest end of
	// mentions 0…i; maxLen the greatest length.
	starts, maxEnd []int
	maxLen         int
	// last is before's last answer: callers mostly ask left to right.
	last int
}

func newMentionScan(d *extractors.Document) *mentionScan {
	s := &mentionScan{d: d, starts: make([]int, len(d.Mentions)), maxEnd: make([]int, len(d.Mentions))}
	end := -1
	for i := range d.Mentions {
		m := &d.Mentions[i]
		end = max(end, m.End)
		s.starts[i], s.maxEnd[i] = m.Start, end
		s.maxLen = max(s.maxLen, m.Len())
	}
	return s
}

// containing returns the index of the last mention that contains sp and
// for which ok (nil: any) holds, or -1.
func (s *mentionScan) containing(sp extractors.Span, ok func(m *extractors.Mention) bool) int {
	hi := s.before(sp.Start + 1)
	if hi == 0 || s.maxEnd[hi-1] < sp.End {
		return -1 // the mentions that start by sp's start end before its end
	}
	for i := hi - 1; i >= 0 && s.starts[i] >= sp.Start-s.maxLen; i-- {
		if m := &s.d.Mentions[i]; m.End >= sp.End && (ok == nil || ok(m)) {
			return i
		}
	}
	return -1
}

// before returns the number of mentions that start before view offset
// off.
func (s *mentionScan) before(off int) int {
	i := s.last
	if i > 0 && s.starts[i-1] >= off {
		i = sort.SearchInts(s.starts[:i], off)
	} else {
		// the answer is i or after: look at a few mentions, then search
		for n := 0; i < len(s.starts) && s.starts[i] < off; n, i = n+1, i+1 {
			if n == 8 {
				i += sort.SearchInts(s.starts[i:], off)
				break
			}
		}
	}
	s.last = i
	return i
}

// overlapsAny reports whether sp overlaps a mention starting at most 4096
// bytes before it (or the last one before those).
func (s *mentionScan) overlapsAny(sp extractors.Span) bool {
	hi := s.before(sp.End)
	// the mentions before hi start before sp ends: one overlaps sp when
	// it ends after sp starts
	if hi == 0 || s.maxEnd[hi-1] <= sp.Start {
		return false
	}
	for i := hi - 1; i >= 0; i-- {
		if s.d.Mentions[i].Overlaps(sp) {
			return true
		}
		if sp.Start-s.starts[i] > 4096 {
			break
		}
	}
	return false
}
