package extractors

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/accordkg/accord/schema"
)

// Context is the stage that finds what a document speaks for: its
// organization (the first organization, or group like BRICS, named in its
// title, or that body's parent: 上海合作组织成员国元首理事会 → 上海合作组织) and the meeting that
// issued it (the first meeting named in its first body paragraph). Later
// stages resolve 成员国, 本组织 and 本次峰会 against them.
type Context struct {
	Rules *schema.Rules
}

// Process implements Stage.
func (c *Context) Process(d *Document) error {
	firstBody := -1
	for i, p := range d.Paragraphs {
		if p.Kind == Body {
			firstBody = i
			break
		}
	}
	for pass := 0; pass < 2 && d.Org == nil; pass++ {
		for i := range d.Mentions {
			m := &d.Mentions[i]
			if m.Class.Name != "Organization" && m.Class.Name != "Group" || m.Entry == nil || m.Entry.Contextual || m.Sent < 0 {
				continue
			}
			kind := d.Paragraphs[d.Sentences[m.Sent].Para].Kind
			if pass == 0 && kind == Title || pass == 1 && d.Sentences[m.Sent].Para == firstBody && c.ownsMembers(d, i) {
				d.Org = c.owner(m.Entry)
				break
			}
		}
		if pass == 0 && d.Org == nil {
			// a title naming a body's meeting (金砖国家领导人第十四次会晤…宣言)
			for i := range d.Mentions {
				m := &d.Mentions[i]
				if m.Class.Name == "Meeting" && m.Org != nil && m.Sent >= 0 && d.Paragraphs[d.Sentences[m.Sent].Para].Kind == Title {
					d.Org = m.Org
					break
				}
			}
		}
	}
	for d.Org != nil && d.Org.Parent != "" {
		p := c.Rules.Entry(d.Org.Class.Name, d.Org.Parent)
		if p == nil {
			break
		}
		d.Org = p
	}
	dropNonSpeakers(d)
	d.IssuedAt = c.issuingMeeting(d, firstBody)
	c.speakers(d)
	return nil
}

// isSpeakers reports whether m names those who speak in a meeting's text:
// the gazetteer's contextual group "speakers" (the Ministers, 外长们).
func isSpeakers(m *Mention) bool {
	return m.Entry != nil && m.Entry.ID == "speakers" && m.Entry.Contextual
}

// speakerBefore matches what may stand before the speakers in their
// sentence: nothing, a paragraph number, "The".
var speakerBefore = regexp.MustCompile(`^(?:[0-9]+[.、．)]?\s*)?(?:[Tt]he)?$`)

// dropNonSpeakers removes the speakers' mentions that are not the subject
// of their sentence or clause: "the Ministers" inside "the meeting of BRICS
// Ministers of Foreign Affairs" or a title's "BRICS Leaders … Declaration"
// names no one who speaks.
func dropNonSpeakers(d *Document) {
	first := -1
	for i := range d.Mentions {
		if m := &d.Mentions[i]; isSpeakers(m) && !d.speaking(m) {
			first = i
			break
		}
	}
	if first < 0 {
		return // the usual case: nothing to move
	}
	keep := d.Mentions[:first]
	for i := first + 1; i < len(d.Mentions); i++ {
		if m := &d.Mentions[i]; !isSpeakers(m) || d.speaking(m) {
			keep = append(keep, *m)
		}
	}
	d.Mentions = keep
	d.index = nil
}

// speaking reports whether the speakers' mention m opens its sentence or
// clause and no "of", "的" or possessive follows it.
func (d *Document) speaking(m *Mention) bool {
	if m.Sent < 0 || d.Paragraphs[d.Sentences[m.Sent].Para].Kind == Title {
		return false
	}
	before := d.View[d.Sentences[m.Sent].Start:m.Start]
	if i := strings.LastIndexAny(before, ",，;；:："); i >= 0 {
		before = before[i:]
		_, w := utf8.DecodeRuneInString(before)
		before = before[w:]
	}
	if !speakerBefore.MatchString(strings.TrimSpace(before)) {
		return false
	}
	after := strings.TrimLeft(d.View[m.End:min(len(d.View), m.End+8)], " ")
	for _, w := range []string{"of ", "'s", "’s", "的", "and ", "、", "和"} {
		if strings.HasPrefix(after, w) {
			return false
		}
	}
	return true
}

// speakers makes the mentions of those who speak in a meeting's text
// the body that met: the organizer of the issuing meeting (the Council of
// Ministers of Foreign Affairs), else the document's member states.
func (c *Context) speakers(d *Document) {
	var body *schema.Entry
	if d.IssuedAt >= 0 {
		body = d.Mentions[d.IssuedAt].Org
	}
	members := c.Rules.Entry("Group", "member-states")
	for i := range d.Mentions {
		m := &d.Mentions[i]
		if !isSpeakers(m) {
			continue
		}
		switch {
		case body != nil:
			m.Class, m.Entry, m.Key, m.Contextual = body.Class, body, body.ID, ""
		case members != nil:
			m.Class, m.Entry, m.Key = members.Class, members, members.ID
		default:
			continue
		}
		m.Label = m.Surface // the speakers' words, an alternative label of the body
	}
}

// issuingMeeting returns the meeting of the first body paragraph that
// issued the document: the one the title names (a text may welcome a
// forum before it names its own summit), else the first of the document's
// organization, else the first; -1 when the paragraph names none.
func (c *Context) issuingMeeting(d *Document, firstBody int) int {
	titled := map[string]bool{}
	var cands []int
	for i := range d.Mentions {
		m := &d.Mentions[i]
		if m.Sent >= 0 && d.Sentences[m.Sent].Para > firstBody && firstBody >= 0 {
			break // mentions are in text order: the rest lie further on
		}
		if m.Class.Name != "Meeting" || m.Contextual != "" || m.Nested || m.Sent < 0 {
			continue
		}
		switch para := d.Sentences[m.Sent].Para; {
		case d.Paragraphs[para].Kind == Title:
			titled[m.Label] = true
		case para == firstBody:
			cands = append(cands, i)
		}
	}
	for _, i := range cands {
		if titled[d.Mentions[i].Label] {
			return i
		}
	}
	for _, i := range cands {
		if m := d.Mentions[i]; d.Org != nil && m.Org != nil && m.Org.ID == d.Org.ID {
			return i
		}
	}
	if len(cands) > 0 {
		return cands[0]
	}
	return -1
}

// owner returns the organization a named set of its members stands for
// (English titles name "the Member States of the Shanghai Cooperation
// Organisation": the group sco-member-states is <org id>-<contextual id>,
// and the document speaks for the SCO), or the entry itself.
func (c *Context) owner(en *schema.Entry) *schema.Entry {
	if en.Class.Name != "Group" {
		return en
	}
	for _, ctx := range c.Rules.Entries {
		if !ctx.Contextual || ctx.Class.Name != "Group" {
			continue
		}
		org, ok := strings.CutSuffix(en.ID, "-"+ctx.ID)
		if !ok || org == "" {
			continue
		}
		if o := c.Rules.Entry("Organization", org); o != nil {
			return o
		}
		if o := c.Rules.Entry("Group", org); o != nil {
			return o
		}
	}
	return en
}

// ownsMembers reports whether mention i is followed by the member states it
// speaks for: 上海合作组织（以下称…）成员国, nothing but a parenthesis between.
func (c *Context) ownsMembers(d *Document, i int) bool {
	if i+1 >= len(d.Mentions) || d.Mentions[i+1].Contextual != "group" {
		return false
	}
	between := strings.TrimSpace(d.View[d.Mentions[i].End:d.Mentions[i+1].Start])
	return between == "" || strings.HasPrefix(between, "(") && strings.HasSuffix(between, ")") && !strings.Contains(between[1:len(between)-1], ")")
}

// Entity is a resolved entity of a document, with every label it was met under.
type Entity struct {
	IRI      string
	Class    schema.Class
	Label    string   // canonical label in the document's language
	English  string   // English label from the gazetteer
	Alt      []string // other surface forms, in the document's language
	AltEn    []string // other English names from the gazetteer (shared by the documents naming the entry: read only)
	Wikidata string
}

// Resolver resolves documents' mentions against one set of rules,
// remembering what it derives from gazetteer entries (their IRIs and label
// forms) across documents: a corpus names the same entries in document
// after document. It is safe for concurrent use; what it remembers is
// bounded by the gazetteer (and the kinds of up to maxSuffixes meeting
// labels).
type Resolver struct {
	rules *schema.Rules
	// kinds tells a meeting's kind by its head word (schema/data/align).
	kinds *schema.Kinds
	// index numbers the gazetteer's entries (read only once made);
	// forms[2*index+l] holds an entry's form in its own class in
	// language l (0 zh, 1 en), made at its first use.
	index map[*schema.Entry]int32
	forms []atomic.Pointer[entryForm]
	// Each entry's entity in its own class, numbered once: slot[i] is
	// the first entry whose IRI is entry i's (an entity per IRI), iris[k]
	// a slot's IRI, slotOf the slots by IRI, and rank[k] the place of
	// slot k's IRI among the slots' IRIs sorted (the entities of a
	// document are sorted by IRI: the entities of slots by rank).
	slot   []int32
	iris   []string
	rank   []int32
	slotOf map[string]int32
	// byID finds the first entry of a class name and id (Rules.Entry,
	// which reads the list), made once.
	byID map[classKey]*schema.Entry
	// suffixes holds kindSuffix's answers by meeting label (a corpus
	// names the same meetings in document after document; Kinds.Of
	// compares a name with every head), nSuffixes counts them (up to
	// maxSuffixes).
	suffixes  sync.Map
	nSuffixes atomic.Int32
	// scratch holds *resolveScratch: the maps and entities a Resolve
	// call works with, cleared and kept for the next call (one per
	// concurrent call).
	scratch sync.Pool
}

// NewResolver returns a Resolver over rules.
func NewResolver(rules *schema.Rules) *Resolver {
	kinds, err := schema.LoadKinds()
	if err != nil {
		panic(err) // embedded at build time; schema's tests load it
	}
	r := &Resolver{rules: rules, kinds: kinds, index: make(map[*schema.Entry]int32, len(rules.Entries))}
	for i, en := range rules.Entries {
		r.index[en] = int32(i)
	}
	r.forms = make([]atomic.Pointer[entryForm], 2*len(rules.Entries))
	n := len(rules.Entries)
	r.slot, r.iris, r.rank = make([]int32, n), make([]string, n), make([]int32, n)
	r.slotOf = make(map[string]int32, n)
	r.byID = make(map[classKey]*schema.Entry, n)
	for i, en := range rules.Entries {
		iri := schema.EntityIRI(en.Class, en.ID)
		k, ok := r.slotOf[iri]
		if !ok {
			k = int32(i)
			r.slotOf[iri] = k
		}
		r.slot[i], r.iris[i] = k, iri
		if key := (classKey{en.Class.Name, en.ID}); r.byID[key] == nil {
			r.byID[key] = en
		}
	}
	sorted := make([]int32, 0, len(r.slotOf))
	for _, k := range r.slotOf {
		sorted = append(sorted, k)
	}
	slices.SortFunc(sorted, func(a, b int32) int { return strings.Compare(r.iris[a], r.iris[b]) })
	for place, k := range sorted {
		r.rank[k] = int32(place)
	}
	return r
}

// entry returns the first entry of the rules of class name c and id
// (Rules.Entry), or nil.
func (r *Resolver) entry(c, id string) *schema.Entry {
	return r.byID[classKey{c, id}]
}

// entryForm is an entry's IRI and label form in a class and language, the
// label forms of all its names in that language (the label's first), and
// its English names other than its English label, sorted and each once
// (to be read only: every entity of the entry shares them).
type entryForm struct {
	iri, label string
	names      []string
	altEn      []string
}

// form returns en's IRI in class c and its label forms in lang: made once
// for an entry of the rules in its own class and a language of accord's;
// made each time otherwise (an entry from elsewhere, another class), which
// no recipe asks for.
func (r *Resolver) form(en *schema.Entry, c schema.Class, lang string) *entryForm {
	l := -1
	switch lang {
	case "zh":
		l = 0
	case "en":
		l = 1
	}
	i, ok := r.index[en]
	if !ok || l < 0 || c.Path != en.Class.Path {
		return newEntryForm(en, c, lang)
	}
	slot := &r.forms[2*int(i)+l]
	if f := slot.Load(); f != nil {
		return f
	}
	f := newEntryForm(en, c, lang)
	slot.Store(f) // a worker storing the same form meanwhile is harmless
	return f
}

// newEntryForm makes en's form in class c and language lang.
func newEntryForm(en *schema.Entry, c schema.Class, lang string) *entryForm {
	names := en.Names(lang)
	f := &entryForm{iri: schema.EntityIRI(c, en.ID), label: schema.LabelForm(lang, first(names)),
		altEn: slices.Clip(uniqueExcept(slices.Clone(en.ENAlt), en.EN))}
	f.names = make([]string, len(names))
	for i, n := range names {
		f.names[i] = schema.LabelForm(lang, n)
	}
	return f
}

// kindSuffix is what a meeting of no known body adds to its city and date
// in its key: nothing for a summit or a meeting (the usual case, and the
// key texts in every language share), "-forum" or "-exercise" for the
// other kinds, so that a forum and a conference held in one city on one
// day stay two nodes.
func (r *Resolver) kindSuffix(label string) string {
	if suf, ok := r.suffixes.Load(label); ok {
		return suf.(string)
	}
	suf := ""
	if ks := r.kinds.Of(label); len(ks) > 0 && !slices.Contains(ks, "summit") && !slices.Contains(ks, "meeting") {
		suf = "-" + ks[0]
	}
	if r.nSuffixes.Load() < maxSuffixes && r.nSuffixes.Add(1) <= maxSuffixes {
		r.suffixes.Store(label, suf)
	}
	return suf
}

// maxSuffixes bounds the labels whose kind suffix a Resolver remembers.
const maxSuffixes = 1 << 14

// classKey is a class (by its IRI path, or by its name) and a key in it.
type classKey struct {
	path, key string
}

// entryClass is a gazetteer entry read as a class (by its IRI path).
type entryClass struct {
	en   *schema.Entry
	path string
}

// resolveScratch is what one Resolve call works with. Resolver keeps it
// for the next call (cleared, its maps' room and its entities' label
// slices kept): a corpus of small documents would otherwise make them
// again for every document.
type resolveScratch struct {
	// byIRI holds the entities by IRI; byEntry the entity of a gazetteer
	// entry's mentions, found once per entry and class.
	byIRI   map[string]*resolved
	byEntry map[entryClass]*resolved
	// byKey holds the entities by class (its IRI path) and key, each
	// found once by its IRI (made then): a map of keys per class, the
	// classes few.
	byKey []classEntities
	// bySlot holds the entity of each entry slot (Resolver.slot) met,
	// byEntryIndex the entity each entry's mentions in its own class
	// resolve to, and touched the indexes set in either, to clear.
	bySlot, byEntryIndex []*resolved
	touched              []int32
	// chunks hold the entities, chunkSize to a chunk (a pointer to one
	// stays valid while more are added); used counts those in use.
	chunks [][]resolved
	used   int
	// groups are the entities of the contextual groups met (group).
	groups []groupEntity
	// ranked and others are the entities in use, to sort by IRI: those
	// of entries as rank and place, the others by pointer.
	ranked []uint64
	others []*resolved
}

// chunkSize is how many entities a chunk of resolveScratch holds.
const chunkSize = 64

// Limits on what a resolveScratch keeps for the next document: a large
// document's maps and entities are dropped rather than kept (and cleared)
// for the small documents that follow.
const (
	keepEntities = 16 * chunkSize
	keepMapLen   = 4096
)

// getScratch returns a cleared resolveScratch.
func (r *Resolver) getScratch(mentions int) *resolveScratch {
	if s, ok := r.scratch.Get().(*resolveScratch); ok {
		return s
	}
	return &resolveScratch{
		byIRI:        make(map[string]*resolved, min(mentions/2, 1024)),
		byEntry:      make(map[entryClass]*resolved, min(mentions/4, 512)),
		bySlot:       make([]*resolved, len(r.rules.Entries)),
		byEntryIndex: make([]*resolved, len(r.rules.Entries)),
	}
}

// putScratch clears s and keeps it for the next Resolve call.
func (r *Resolver) putScratch(s *resolveScratch) {
	for _, m := range []int{len(s.byIRI), len(s.byEntry), len(s.touched)} {
		if m > keepMapLen {
			return // a large document's: let it go
		}
	}
	clear(s.byIRI)
	clear(s.byEntry)
	for _, c := range s.byKey {
		if len(c.byKey) > keepMapLen {
			return
		}
	}
	for i := range s.byKey {
		clear(s.byKey[i].byKey)
	}
	for _, i := range s.touched {
		s.bySlot[i], s.byEntryIndex[i] = nil, nil
	}
	s.touched = s.touched[:0]
	clear(s.groups)
	s.groups = s.groups[:0]
	if len(s.chunks)*chunkSize > keepEntities {
		s.chunks = s.chunks[:keepEntities/chunkSize]
	}
	for i := 0; i < s.used && i < len(s.chunks)*chunkSize; i++ {
		e := &s.chunks[i/chunkSize][i%chunkSize]
		// the strings of a document are let go; the room of its slices
		// (emptied by Resolve) is kept
		*e = resolved{Entity: Entity{Alt: e.Alt[:0]}, more: e.more[:0]}
	}
	s.used = 0
	r.scratch.Put(s)
}

// slotIRI is an IRI and its entry slot, -1 when no entry has it.
type slotIRI struct {
	iri  string
	slot int32
}

// get returns the entity of iri, made in class c if new: the entity of
// its entry slot when an entry has it, so that whichever way a mention
// comes to an entry's IRI it finds the one entity.
func (s *resolveScratch) get(r *Resolver, iri string, c schema.Class) *resolved {
	k, ok := r.slotOf[iri]
	if !ok {
		k = -1
	}
	return s.getSlot(r, slotIRI{iri, k}, c)
}

// getSlot is get of an IRI whose slot is known.
func (s *resolveScratch) getSlot(r *Resolver, x slotIRI, c schema.Class) *resolved {
	if x.slot >= 0 {
		e := s.bySlot[x.slot]
		if e == nil {
			e = s.add(x.iri, c, r.rank[x.slot])
			s.bySlot[x.slot] = e
			s.touched = append(s.touched, x.slot)
		}
		return e
	}
	e := s.byIRI[x.iri]
	if e == nil {
		e = s.add(x.iri, c, -1)
		s.byIRI[x.iri] = e
	}
	return e
}

// lookup returns the entity of iri, nil when there is none yet.
func (s *resolveScratch) lookup(r *Resolver, iri string) *resolved {
	if k, ok := r.slotOf[iri]; ok {
		return s.bySlot[k]
	}
	return s.byIRI[iri]
}

// add returns a new entity of iri in class c, with the rank of its
// entry slot's IRI (-1: no entry has it).
func (s *resolveScratch) add(iri string, c schema.Class, rank int32) *resolved {
	k := s.used / chunkSize
	if k == len(s.chunks) {
		s.chunks = append(s.chunks, make([]resolved, chunkSize))
	}
	e := &s.chunks[k][s.used%chunkSize]
	s.used++
	// the rest cleared by putScratch, or never used
	e.IRI, e.Class, e.rank = iri, c, rank
	return e
}

// classEntities are the entities of a class (by its IRI path) by key.
type classEntities struct {
	path  string
	byKey map[string]*resolved
}

// entity returns the entity of key in class c (get of its IRI), made in
// class c if new.
func (s *resolveScratch) entity(r *Resolver, c schema.Class, key string) *resolved {
	var byKey map[string]*resolved
	for i := range s.byKey {
		if s.byKey[i].path == c.Path {
			byKey = s.byKey[i].byKey
			break
		}
	}
	if byKey == nil {
		byKey = map[string]*resolved{}
		s.byKey = append(s.byKey, classEntities{c.Path, byKey})
	}
	e := byKey[key]
	if e == nil {
		e = s.get(r, schema.EntityIRI(c, key), c)
		byKey[key] = e
	}
	return e
}

// entryNames gives e the names of entry en, once per entity and entry (an
// entity is met at every mention of it).
func (r *Resolver) entryNames(e *resolved, en *schema.Entry, lang string) {
	if en == nil || e.entry == en || slices.Contains(e.more, en) {
		return
	}
	f := r.form(en, en.Class, lang)
	if l := f.label; l != "" {
		old := e.Label
		e.Label = l
		if e.labelMet && old != l {
			// the old label was met as another label and not kept
			e.labelMet = false
			e.addAlt(old)
		}
	}
	e.English = en.EN
	if e.entry == nil {
		// one entry's English names, already deduplicated
		e.entry, e.AltEn, e.altEnDone = en, f.altEn, true
	} else {
		if e.altEnDone {
			e.AltEn, e.altEnDone = slices.Clone(e.entry.ENAlt), false
		}
		e.more = append(e.more, en)
		e.AltEn = append(e.AltEn, en.ENAlt...)
	}
	e.Wikidata = en.Wikidata
}

// Resolve gives every mention its IRI and returns the document's entities,
// sorted by IRI. Contextual mentions are resolved against the document's
// organization and issuing meeting; a meeting of a known body with a known
// date is keyed by both (sco-chs-2018-06-10), so every text that names it
// shares its node.
func (r *Resolver) Resolve(d *Document) []*Entity {
	s := r.getScratch(len(d.Mentions))
	defer r.putScratch(s)
	heldOn := map[int]Date{}
	for _, f := range d.Facts {
		if f.Predicate == schema.HeldOn {
			heldOn[f.Subject] = f.Date
		}
	}
	// A meeting of a known body is keyed, in this order, by its number
	// (第72次会议 → unga-72), its date (sco-chs-2018-06-10), or its name;
	// mentions with the same name in one document share the best key.
	meetingKeys := map[string]string{}
	rank := map[string]int{}
	// A meeting of no known body held in a known city on a known date is
	// keyed by both (astana-2018-03-15), so that texts in every language
	// that name it share its node.
	heldIn := map[int]*schema.Entry{}
	for _, f := range d.Facts {
		if f.Predicate == schema.HeldIn && f.Object >= 0 && d.Mentions[f.Object].Entry != nil {
			heldIn[f.Subject] = d.Mentions[f.Object].Entry
		}
	}
	orgOf := map[string]*schema.Entry{} // label → body
	// A mention dated otherwise than its label's key, a meeting of the
	// same name on another day (the 2019 Bishkek meeting of the council in
	// the declaration of its 2022 meeting), keeps its own dated key.
	var ownKeys map[int]string
	ownKey := func(i int, label, key string) {
		if meetingKeys[label] == key {
			return
		}
		if ownKeys == nil {
			ownKeys = map[int]string{}
		}
		ownKeys[i] = key
	}
	for i := range d.Mentions {
		m := &d.Mentions[i]
		if m.Class.Name != "Meeting" || m.Contextual != "" || m.Entry != nil {
			continue
		}
		if m.Org == nil {
			if city, ok := heldIn[i]; ok {
				if dt, ok := heldOn[i]; ok {
					key := city.ID + "-" + dt.Lexical() + r.kindSuffix(m.Label)
					if old, ok := rank[m.Label]; !ok || old < 1 {
						meetingKeys[m.Label], rank[m.Label] = key, 1
					} else if old == 1 {
						ownKey(i, m.Label, key)
					}
				}
			}
			continue
		}
		orgOf[m.Label] = m.Org
		// the key of the best rank: its number, else its date, else its
		// own; made only when it is the label's best so far
		n := OrdinalIn(m.Label)
		dt, dated := heldOn[i]
		rk := 0
		switch {
		case n > 0:
			rk = 2
		case dated:
			rk = 1
		}
		if old, ok := rank[m.Label]; ok && rk == 1 && old == 1 {
			ownKey(i, m.Label, m.Org.ID+"-"+dt.Lexical()+r.kindSuffix(m.Label))
		} else if !ok || rk > old {
			key := m.Key
			switch rk {
			// a body's forum or exercise is no session of the body
			// itself: the 8th BRICS Academic Forum is brics-8-forum,
			// not brics-8 (the 8th summit)
			case 2:
				key = m.Org.ID + "-" + strconv.Itoa(n) + r.kindSuffix(m.Label)
			case 1:
				key = m.Org.ID + "-" + dt.Lexical() + r.kindSuffix(m.Label)
			}
			meetingKeys[m.Label], rank[m.Label] = key, rk
		}
	}
	// A body's meeting named without its date or number (in the title, say)
	// is the one meeting of that body the document dates, when there is
	// exactly one.
	type bodyKey struct{ body, key string }
	var dated []bodyKey // each body's dated keys, each once
	for label, org := range orgOf {
		if rank[label] > 0 {
			if k := (bodyKey{org.ID, meetingKeys[label]}); !slices.Contains(dated, k) {
				dated = append(dated, k)
			}
		}
	}
	for label, org := range orgOf {
		if rank[label] != 0 {
			continue
		}
		key, n := "", 0
		for _, k := range dated {
			if k.body == org.ID {
				key = k.key
				n++
			}
		}
		if n == 1 {
			meetingKeys[label] = key
		}
	}
	// A body's meeting named without date or number in the title is the
	// meeting that issued the document, when that is one of the same body.
	if d.IssuedAt >= 0 {
		im := d.Mentions[d.IssuedAt]
		for i := range d.Mentions {
			m := &d.Mentions[i]
			if m.Class.Name == "Meeting" && m.Org != nil && im.Org != nil && m.Org.ID == im.Org.ID && rank[m.Label] == 0 &&
				m.Sent >= 0 && d.Paragraphs[d.Sentences[m.Sent].Para].Kind == Title {
				meetingKeys[m.Label] = meetingKeys[im.Label]
			}
		}
	}
	lang := d.Lang
	// meetings and plain mentions first, contextual ones after
	for pass := 0; pass < 2; pass++ {
		for i := range d.Mentions {
			m := &d.Mentions[i]
			if (m.Contextual == "meeting") != (pass == 1) {
				continue
			}
			var e *resolved
			switch {
			case m.Contextual == "organization" && d.Org != nil:
				e = s.entity(r, d.Org.Class, d.Org.ID)
				r.entryNames(e, d.Org, lang)
			case m.Contextual == "group" && d.Org != nil:
				e = r.group(s, d, m)
			case m.Contextual == "meeting" && d.IssuedAt >= 0:
				im := d.Mentions[d.IssuedAt]
				e = s.lookup(r, im.IRI)
			case m.Class.Name == "Meeting" && m.Org != nil:
				key, own := ownKeys[i]
				if !own {
					key = meetingKeys[m.Label]
				}
				e = s.entity(r, m.Class, key)
				if e.Label == "" {
					e.Label = m.Label
					if f := r.form(m.Org, m.Org.Class, lang); f.label != "" {
						for _, n := range f.names {
							if rest, ok := strings.CutPrefix(m.Label, n); ok {
								e.Label = f.label + rest
								break
							}
						}
					}
				}
			case m.Entry != nil:
				if i, ok := r.index[m.Entry]; ok && m.Class.Path == m.Entry.Class.Path {
					// an entry of the rules in its own class: its
					// entity by its number, no IRI made or hashed
					if e = s.byEntryIndex[i]; e == nil {
						k := r.slot[i]
						e = s.getSlot(r, slotIRI{r.iris[k], k}, m.Class)
						r.entryNames(e, m.Entry, lang)
						s.byEntryIndex[i] = e
						s.touched = append(s.touched, i)
					}
					break
				}
				k := entryClass{m.Entry, m.Class.Path}
				if e = s.byEntry[k]; e == nil {
					e = s.get(r, r.form(m.Entry, m.Class, lang).iri, m.Class)
					r.entryNames(e, m.Entry, lang)
					s.byEntry[k] = e
				}
			case m.Class.Name == "Meeting" && m.Contextual == "" && ownKeys[i] != "":
				e = s.entity(r, m.Class, ownKeys[i])
			case m.Class.Name == "Meeting" && m.Contextual == "" && meetingKeys[m.Label] != "":
				e = s.entity(r, m.Class, meetingKeys[m.Label])
			}
			if e == nil && m.Contextual == "meeting" {
				continue // 本次峰会 in a text that names no issuing meeting: nothing
			}
			if e == nil {
				e = s.entity(r, m.Class, m.Key)
			}
			if e.Label == "" {
				e.Label = m.Label
			}
			m.IRI = e.IRI
			e.addNames(m)
			for _, a := range m.Alt {
				e.addAlt(a)
			}
		}
	}
	return s.entities()
}

// group returns the entity of a contextual group mention m (成员国) of a
// document whose organization is known: the group's key is the
// organization's id, then the group's. It is found once per document and
// mention class and key: a text names its member states in most of its
// sentences, and what the first mention did (the entry's names, the
// label) the next ones would do again to no effect.
func (r *Resolver) group(s *resolveScratch, d *Document, m *Mention) *resolved {
	for _, g := range s.groups {
		if g.key == m.Key && g.class == m.Class {
			if !g.entry && g.e.Label == "" {
				// no label yet (the organization's label form and the
				// mentions' were empty): this mention's, as for the first
				g.e.Label = r.form(d.Org, d.Org.Class, d.Lang).label + m.Label
			}
			return g.e
		}
	}
	key := d.Org.ID + "-" + m.Key
	e := s.entity(r, m.Class, key)
	en := r.entry(m.Class.Name, key)
	if en != nil {
		r.entryNames(e, en, d.Lang)
	} else if e.Label == "" {
		e.Label = r.form(d.Org, d.Org.Class, d.Lang).label + m.Label
	}
	s.groups = append(s.groups, groupEntity{m.Class, m.Key, e, en != nil})
	return e
}

// groupEntity is the entity of the contextual group mentions of a class
// and key (resolveScratch.groups).
type groupEntity struct {
	class schema.Class
	key   string
	e     *resolved
	// entry: a gazetteer entry has the group's key (its names are the
	// entity's)
	entry bool
}

// entities returns the entities of s sorted by IRI, in one allocation
// (their other labels in another): s keeps its own for the next document.
func (s *resolveScratch) entities() []*Entity {
	// the entities of entries sort by rank as their IRIs do: a sort of
	// integers (rank, then place); the others by IRI; the two runs are
	// merged (no IRI is in both: an entry's IRI is its slot's)
	alts := 0
	ranked, others := s.ranked[:0], s.others[:0]
	for i := 0; i < s.used; i++ {
		e := s.at(i)
		e.Alt = uniqueExcept(e.Alt, e.Label)
		if !e.altEnDone {
			e.AltEn = uniqueExcept(e.AltEn, e.English)
		}
		alts += len(e.Alt)
		if e.rank >= 0 {
			ranked = append(ranked, uint64(e.rank)<<32|uint64(i))
		} else {
			others = append(others, e)
		}
	}
	slices.Sort(ranked)
	slices.SortFunc(others, func(a, b *resolved) int { return strings.Compare(a.IRI, b.IRI) })
	ents := make([]Entity, s.used)
	out := make([]*Entity, s.used)
	buf := make([]string, alts)
	for i, j, k := 0, 0, 0; k < len(ents); k++ {
		var e *resolved
		if j == len(others) || i < len(ranked) && s.at(int(uint32(ranked[i]))).IRI < others[j].IRI {
			e = s.at(int(uint32(ranked[i])))
			i++
		} else {
			e = others[j]
			j++
		}
		ents[k] = e.Entity
		if n := len(e.Alt); n > 0 {
			// the entity's own (capacity its length: an append copies)
			ents[k].Alt = buf[:n:n]
			copy(buf, e.Alt)
			buf = buf[n:]
			clear(e.Alt)
		}
		out[k] = &ents[k]
	}
	clear(others)
	s.ranked, s.others = ranked, others[:0]
	return out
}

// at returns the i-th entity in use.
func (s *resolveScratch) at(i int) *resolved {
	return &s.chunks[i/chunkSize][i%chunkSize]
}

// resolved is an Entity while Resolve builds it.
type resolved struct {
	Entity
	// entry and more are the gazetteer entries whose names it has taken.
	entry *schema.Entry
	more  []*schema.Entry
	// altEnDone: AltEn is entry's English names as Resolver.form
	// deduplicated them, shared across documents.
	altEnDone bool
	// labelMet: the label was among the other labels added (which are
	// kept without it).
	labelMet bool
	alts     altSet
	// rank is the place of its IRI among the entries' (Resolver.rank),
	// -1 when no entry has it.
	rank int32
}

// addNames adds a mention's surface form and label to the entity's other
// labels.
func (e *resolved) addNames(m *Mention) {
	set := &e.alts
	if set.added && set.surface == m.Surface && set.label == m.Label {
		return
	}
	e.addAlt(m.Surface)
	e.addAlt(m.Label)
	set.added, set.surface, set.label = true, m.Surface, m.Label
}

// altScan is how many other labels an entity holds before a map, rather
// than the list itself, tells which it has.
const altScan = 8

// addAlt adds s to the entity's other labels, each kept once (uniqueExcept
// sorts them and drops the label at the end).
func (e *resolved) addAlt(s string) {
	set := &e.alts
	if s == "" {
		return // dropped at the end
	}
	if s == e.Label {
		// dropped at the end too, unless the label changes
		e.labelMet = true
		return
	}
	if set.seen != nil {
		if set.seen[s] {
			return
		}
		set.seen[s] = true
	} else if slices.Contains(e.Alt, s) {
		return
	}
	if e.Alt == nil {
		e.Alt = make([]string, 0, 4) // one allocation for most entities
	}
	e.Alt = append(e.Alt, s)
	if set.seen == nil && len(e.Alt) > altScan {
		set.seen = make(map[string]bool, 2*len(e.Alt))
		for _, a := range e.Alt {
			set.seen[a] = true
		}
	}
}

// altSet keeps an entity's other labels once each.
type altSet struct {
	// seen holds the labels of an entity with many (made past altScan);
	// fewer are looked for in Entity.Alt itself
	seen map[string]bool
	// the last surface and label added (if added): most mentions of an
	// entity repeat them
	added          bool
	surface, label string
}

func first(ss []string) string {
	if len(ss) == 0 {
		return ""
	}
	return ss[0]
}

// uniqueExcept returns ss sorted, each string once, without except and the
// empty string. It sorts ss in place: the caller gives it up.
func uniqueExcept(ss []string, except string) []string {
	slices.Sort(ss)
	ss = slices.Compact(ss)
	ss = slices.DeleteFunc(ss, func(s string) bool { return s == except || s == "" })
	if len(ss) == 0 {
		return nil
	}
	return ss
}

// DropDisabled is the last stage of a recipe: it removes the statements and
// facts made by rules that a pack switched off (pack.yaml: disable).
type DropDisabled struct {
	Rules *schema.Rules
}

// Process implements Stage.
func (s DropDisabled) Process(d *Document) error {
	if len(s.Rules.Disabled) == 0 {
		return nil
	}
	st := d.Statements[:0]
	for _, x := range d.Statements {
		if s.Rules.Enabled(x.Rule) {
			st = append(st, x)
		}
	}
	d.Statements = st
	fs := d.Facts[:0]
	for _, x := range d.Facts {
		if s.Rules.Enabled(x.Rule) {
			fs = append(fs, x)
		}
	}
	d.Facts = fs
	return nil
}

// OrdinalIn returns N of the first 第N次 or 第N届 in a Chinese name (Arabic
// digits or Chinese numerals up to 999), or of the first English ordinal
// (72nd, Ninth, seventy-second) in an English one, or 0.
func OrdinalIn(s string) int {
	i := strings.Index(s, "第")
	if i < 0 {
		if !hasASCIILetter(s) {
			// a Chinese name: no English ordinal (strings.ToLower
			// makes ASCII letters of none of the ordinals' from
			// other letters: only K, the Kelvin sign, and İ turn
			// into ASCII, and no ordinal word has a k or an i with
			// a combining dot)
			return 0
		}
		return englishOrdinal(s)
	}
	// read rune by rune in place (an invalid byte is utf8.RuneError, as
	// in a []rune conversion); the digits are ASCII bytes
	rest := s[i+len("第"):]
	n, digits := 0, 0
	j := 0
	for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
		n = n*10 + int(rest[j]-'0')
		digits++
		j++
	}
	if digits == 0 {
		// 七十二, 十四, 一百零五
		total, cur := 0, 0
	numerals:
		for j < len(rest) {
			r, w := utf8.DecodeRuneInString(rest[j:])
			if v := chineseDigit(r); v >= 0 {
				cur = v
				digits++
				j += w
				continue
			}
			switch r {
			case '十':
				if cur == 0 {
					cur = 1
				}
				total += cur * 10
			case '百':
				total += cur * 100
			default:
				break numerals
			}
			cur = 0
			digits++
			j += w
		}
		n = total + cur
	}
	if digits == 0 || j >= len(rest) {
		return 0
	}
	if r, _ := utf8.DecodeRuneInString(rest[j:]); r != '次' && r != '届' {
		return 0
	}
	return n
}

// RomanNumeral returns the value of s written as an upper-case Roman
// numeral in canonical form (XV, IX, XLII), up to 399, or 0. A single
// letter counts only for V and X: I is a pronoun, L and C are initials
// more often than numbers.
func RomanNumeral(s string) int {
	if s == "" || len(s) > 9 || len(s) == 1 && s != "V" && s != "X" {
		return 0
	}
	val := map[byte]int{'I': 1, 'V': 5, 'X': 10, 'L': 50, 'C': 100}
	n := 0
	for i := 0; i < len(s); i++ {
		v := val[s[i]]
		if v == 0 {
			return 0
		}
		if i+1 < len(s) && val[s[i+1]] > v {
			n -= v
		} else {
			n += v
		}
	}
	if n <= 0 || n > 399 || roman(n) != s {
		return 0 // IIII, VX, IC: no canonical numeral
	}
	return n
}

// roman writes n (1 to 399) as a canonical Roman numeral.
func roman(n int) string {
	var b strings.Builder
	for _, p := range []struct {
		v int
		s string
	}{{100, "C"}, {90, "XC"}, {50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}} {
		for n >= p.v {
			b.WriteString(p.s)
			n -= p.v
		}
	}
	return b.String()
}

// hasASCIILetter reports whether s has a letter of a to z or A to Z.
func hasASCIILetter(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c >= 'a' && c <= 'z' {
			return true
		}
	}
	return false
}

// chineseDigit returns the value of a Chinese digit (〇 and 零 to 九), or -1.
func chineseDigit(r rune) int {
	switch r {
	case '〇', '零':
		return 0
	case '一':
		return 1
	case '二':
		return 2
	case '三':
		return 3
	case '四':
		return 4
	case '五':
		return 5
	case '六':
		return 6
	case '七':
		return 7
	case '八':
		return 8
	case '九':
		return 9
	}
	return -1
}

var (
	ordinalUnits = map[string]int{"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
		"seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
		"fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
		"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
		"eightieth": 80, "ninetieth": 90}
	ordinalTens = map[string]int{"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
		"seventy": 70, "eighty": 80, "ninety": 90}
)

// englishOrdinal returns the value of the first ordinal word of an English
// name (72nd, Ninth, seventy-second, XV), or 0.
func englishOrdinal(s string) int {
	for _, w := range strings.Fields(s) {
		w = strings.Trim(w, ",.;:()\"'")
		if v := RomanNumeral(w); v > 0 {
			return v
		}
		w = strings.ToLower(w)
		for _, suf := range []string{"st", "nd", "rd", "th"} {
			if n, ok := strings.CutSuffix(w, suf); ok {
				if v, err := strconv.Atoi(n); err == nil && v > 0 {
					return v
				}
			}
		}
		if v, ok := ordinalUnits[w]; ok {
			return v
		}
		if t, u, ok := strings.Cut(w, "-"); ok {
			if tv, ok := ordinalTens[t]; ok {
				if uv, ok := ordinalUnits[u]; ok && uv < 10 {
					return tv + uv
				}
			}
		}
	}
	return 0
}
