// Package extractors is accord's rule-based extraction pipeline: it turns the
// bytes of a declaration into a Document carrying positioned mentions,
// dates, stance statements and facts, ready to be turned into quads.
//
// The pipeline is a list of small stages (see Stage) run in order over one
// Document; a language is a recipe of stages registered by name (see
// Register). Reading and structure live in extractors/text, the Chinese rules
// in extractors/zh, gold scoring in extractors/eval. Every position is a byte
// offset into Document.View, which has the same runes as Document.Text (the
// normalized text) folded for matching; evidence is always exact.
package extractors

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/accordkg/accord/schema"
)

// Span is a half-open byte range [Start, End) in Document.View.
type Span struct {
	Start, End int
}

// Len returns the span's length in bytes.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether o lies inside s.
func (s Span) Contains(o Span) bool { return o.Start >= s.Start && o.End <= s.End }

// Overlaps reports whether s and o share a byte.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

// Compare orders s and o as mentions are ordered: by start, then the
// longer first. It returns -1, 0 or +1, as cmp.Compare does.
func (s Span) Compare(o Span) int {
	if c := cmp.Compare(s.Start, o.Start); c != 0 {
		return c
	}
	return cmp.Compare(o.End, s.End)
}

// ParaKind says what a paragraph (a line) of the text is.
type ParaKind int

// Paragraph kinds.
const (
	// Body is an ordinary paragraph of the declaration.
	Body ParaKind = iota
	// Title is the document's title line.
	Title
	// DateLine is a line holding only a date (and time).
	DateLine
	// SectionMark is a section marker line (一, 二, —, （一）).
	SectionMark
	// Boilerplate is web-page furniture: not extracted, kept for offsets.
	Boilerplate
)

// Paragraph is one line-level block of the text.
type Paragraph struct {
	Span
	Kind ParaKind
	// N is the paragraph number, 1-based, counting Body paragraphs only (0
	// for other kinds).
	N int
	// Line is the 1-based line of the text where the paragraph starts.
	Line int
	// Section is the number of section markers seen before it.
	Section int
}

// Sentence is a sentence of a Title or Body paragraph.
type Sentence struct {
	Span
	// Para is the index of its paragraph in Document.Paragraphs.
	Para int
	// Truncated is set on a final sentence cut off by the end of the text.
	Truncated bool
}

// Mention is a recognized entity mention.
type Mention struct {
	Span
	// Class is the entity class.
	Class schema.Class
	// Entry is the gazetteer entry, nil for an entity only the text names.
	Entry *schema.Entry
	// Key is the entity's identity within its class: the gazetteer id, or a
	// key built by the rule (usually the normalized name). Resolve fills
	// IRI from it.
	Key string
	// Label is the canonical name in the document's language (normalized).
	Label string
	// Alt are further labels the rule built (X决议 for 《X》决议).
	Alt []string
	// Surface is the text as written (brackets stripped, normalized form).
	Surface string
	// Rule names the rule that found it.
	Rule string
	// Nested marks a mention inside another entity's description (an
	// initiative, a protocol's treaty): an entity, but never an actor or a
	// target.
	Nested bool
	// Contextual marks a mention that stands for the document's
	// organization's group or the issuing meeting (成员国, 本组织, 本次峰会).
	Contextual string
	// Org is the organization a meeting mention belongs to (M1 patterns).
	Org *schema.Entry
	// IRI is set by the resolver.
	IRI string
	// Sent is the index of its sentence in Document.Sentences.
	Sent int
}

// Precision of a date.
const (
	Day = iota
	Month
	Year
)

// Date is a calendar date known to a day, a month or a year.
type Date struct {
	Year, Month, Day int
	Precision        int
}

// Lexical returns the date in its XSD lexical form (2018-06-10, 2017-09, 2017).
func (d Date) Lexical() string {
	b := make([]byte, 0, len("2018-06-10"))
	b = appendPad(b, d.Year, 4)
	if d.Precision == Year {
		return string(b)
	}
	b = appendPad(append(b, '-'), d.Month, 2)
	if d.Precision == Month {
		return string(b)
	}
	return string(appendPad(append(b, '-'), d.Day, 2))
}

// Datatype returns the XSD datatype IRI of the date's lexical form.
func (d Date) Datatype() string {
	switch d.Precision {
	case Year:
		return schema.XSDGYear
	case Month:
		return schema.XSDGYearMonth
	}
	return schema.XSDDate
}

// appendPad appends n's decimal digits to b, with leading zeros to w
// digits. A negative n, which no date parser makes, gives one byte.
func appendPad(b []byte, n, w int) []byte {
	var digits [24]byte
	i := len(digits)
	for n > 0 || i == len(digits) {
		i--
		digits[i] = byte('0' + n%10)
		n /= 10
	}
	for len(digits)-i < w && i > 0 {
		i--
		digits[i] = '0'
	}
	return append(b, digits[i:]...)
}

// DateMention is a date or a date range found in the text.
type DateMention struct {
	Span
	From Date
	// To is the last day of a range; zero Year when the date is not a range.
	To Date
}

// IsRange reports whether the mention is a range (2018年5月3日至4日).
func (d DateMention) IsRange() bool { return d.To.Year != 0 }

// Statement is one stance: an actor says predicate about a target.
type Statement struct {
	// Actor and Target are indexes into Document.Mentions.
	Actor, Target int
	// Predicate is the stance predicate IRI.
	Predicate string
	// Trigger is the span of the main verb.
	Trigger Span
	// Sent is the sentence index.
	Sent int
	// Negated is set where the text negates the statement.
	Negated bool
	// Edge says whether the direct actor–target edge holds (false when the
	// verb itself is negated: 不支持).
	Edge bool
	// Rule is the trigger rule's id.
	Rule string
	// Code is the statement's CAMEO code and PLOVER category and Modes its
	// PLOVER-style modes (negated, future, reaffirmed, hypothetical); both
	// set by CodeEvents after the recipe ran.
	Code  schema.EventCode
	Modes []string
}

// Fact is a stated fact about an entity: signedIn, heldOn, memberOf…
type Fact struct {
	// Subject is an index into Document.Mentions.
	Subject int
	// Predicate is the fact predicate IRI.
	Predicate string
	// Object is an index into Document.Mentions, or -1 for a date.
	Object int
	// Date is the object when Object is -1.
	Date Date
	// Sent is the sentence index.
	Sent int
	// Rule names the pattern.
	Rule string
	// Cue is the span of the words that state the fact (签署, 举行, 加入,
	// "held in"); empty where the pattern is the names' order alone
	// (中国青岛).
	Cue Span
	// DateSpan is the span of the date when Object is -1.
	DateSpan Span
}

// Document is one text going through the pipeline.
type Document struct {
	// ID is the document id (its IRI ends with it).
	ID string
	// Path is the file it was read from ("-" for standard input).
	Path string
	// Lang is the language code of the recipe that reads it.
	Lang string
	// Raw is the content as read.
	Raw []byte
	// Encoding names the encoding Raw was decoded from.
	Encoding string
	// Text is the normalized text: decoded to UTF-8, line ends as \n.
	Text string
	// View is Text folded for matching, rune for rune (traditional to
	// simplified, full-width to half-width). Every Span points into View.
	View string
	// shifts maps View offsets to Text offsets where byte lengths differ.
	shifts []shift
	// runeMarks are checkpoints for rune offsets.
	runeMarks []runeMark

	Paragraphs []Paragraph
	Sentences  []Sentence
	Mentions   []Mention
	Dates      []DateMention
	Statements []Statement
	Facts      []Fact

	// TitleText is the title as written (from Text, not the view).
	TitleText string
	// Published is the date of the date line, if any.
	Published *Date
	// Org is the gazetteer entry of the organization the document speaks
	// for (from its title), nil when unknown.
	Org *schema.Entry
	// IssuedAt is the index of the mention of the meeting that issued the
	// document, -1 when unknown.
	IssuedAt int
	// TranslationOf is the id of the document this one translates (or is
	// translated by), when given (extract/build --translation-of).
	TranslationOf string

	// Notes explain what each rule matched and why matches were
	// discarded; collected only after Explain.
	Notes []Note

	index      *mentionIndex
	explain    bool
	lineStarts []int
	// carried holds what stages left for later stages (Carry).
	carried []carried
}

// carried is one value a stage left for a later one.
type carried struct {
	key, val any
}

// Carry stores val under key for a later stage of the same pipeline: what
// one stage computed and another needs too (the hits of one automaton
// pass over the text that two stages read). key is a value of a type the
// stage's package does not export, as context.WithValue's keys are; a
// second Carry under the same key replaces the value.
func (d *Document) Carry(key, val any) {
	for i := range d.carried {
		if d.carried[i].key == key {
			d.carried[i].val = val
			return
		}
	}
	d.carried = append(d.carried, carried{key, val})
}

// Carried returns what Carry stored under key, or nil.
func (d *Document) Carried(key any) any {
	for _, c := range d.carried {
		if c.key == key {
			return c.val
		}
	}
	return nil
}

type shift struct {
	view  int // first View offset at which delta applies
	delta int // Text offset minus View offset from here on
}

type runeMark struct {
	text, runes int
}

// Layout says which parts of the normalized text the view leaves out:
// page headers and footers, and the line breaks of hard-wrapped lines
// (text.Analyze finds them). Offsets are byte offsets into the text.
type Layout struct {
	// Drop are byte ranges of the text that the view omits.
	Drop []Span
	// Space are offsets of line breaks that the view reads as one space.
	Space []int
}

// NewDocument makes a Document over a normalized text; fold maps each rune
// of the text to the rune used for matching (a function of the rune alone:
// it may be called once per distinct rune rather than per occurrence),
// and layout (optional) leaves page furniture and hard line breaks out of
// the view. FoldSet.NewDocument does the same faster for many documents.
func NewDocument(id, path, lang string, raw []byte, encoding, text string, fold func(rune) rune, layout *Layout) *Document {
	return newDocument(id, path, lang, raw, encoding, text, fold, nil, layout)
}

// newDocument is NewDocument; changed, when not nil, is the set of the
// runes fold changes (FoldSet).
func newDocument(id, path, lang string, raw []byte, encoding, text string, fold func(rune) rune, changed *runeBits, layout *Layout) *Document {
	d := &Document{ID: id, Path: path, Lang: lang, Raw: raw, Encoding: encoding, Text: text, IssuedAt: -1}
	if len(text) > 0 {
		// a rune mark every 128 runes, and a rune takes at least a byte
		d.runeMarks = make([]runeMark, 0, len(text)/128+1)
	}
	b := viewBuilder{d: d, text: text, view: make([]byte, 0, len(text)), fold: fold, changed: changed}
	if layout != nil {
		b.drops = layout.Drop
		b.space = sortedOffsets(layout.Space)
	}
	b.build()
	// the builder's bytes become the view without a copy: nothing
	// writes to them after build
	d.View = unsafe.String(unsafe.SliceData(b.view), len(b.view))
	return d
}

// FoldSet is a fold (a Pipeline's Fold) with the set of the runes of the
// Basic Multilingual Plane it changes: made once, it lets the view of
// every document be built without asking the fold about the runes it
// leaves alone. It is read only, safe for concurrent use.
type FoldSet struct {
	fold    func(rune) rune
	changed runeBits
}

// runeBits is a set of the runes below U+10000, one bit each (8 KiB).
type runeBits [1 << 16 / 64]uint64

// has reports whether r, below U+10000, is in the set.
func (s *runeBits) has(r rune) bool {
	return s[r>>6&(1<<10-1)]&(1<<(r&63)) != 0
}

// NewFoldSet asks fold (nil: the identity) about every rune below
// U+10000, once (about a millisecond).
func NewFoldSet(fold func(rune) rune) *FoldSet {
	s := &FoldSet{fold: fold}
	for r := rune(0); r < 1<<16; r++ {
		// utf8.RuneError is in the set whatever the fold: the builder
		// always writes it out itself (an invalid byte decodes to it)
		if r == utf8.RuneError || fold != nil && fold(r) != r {
			s.changed[r>>6] |= 1 << (r & 63)
		}
	}
	return s
}

// NewDocument is NewDocument with the set's fold.
func (s *FoldSet) NewDocument(id, path, lang string, raw []byte, encoding, text string, layout *Layout) *Document {
	return newDocument(id, path, lang, raw, encoding, text, s.fold, &s.changed, layout)
}

// viewBuilder makes a Document's View, shifts and rune marks in one pass
// over the text: runs of runes that the fold leaves alone are copied as
// they are, and only the runes it changes (or the layout drops or turns
// into a space) are handled one by one.
type viewBuilder struct {
	d    *Document
	text string
	view []byte
	fold func(rune) rune
	// changed is the set of the runes fold changes; nil: fold is asked
	// about every rune but ASCII
	changed *runeBits
	drops   []Span
	space   []int // sorted, distinct
	delta   int
}

// build fills in the view, the shifts and the rune marks.
func (b *viewBuilder) build() {
	text := b.text
	var ascii [utf8.RuneSelf]rune
	// same[c]: the fold leaves ASCII c alone
	var same [utf8.RuneSelf]bool
	for c := range ascii {
		ascii[c] = rune(c)
		if b.fold != nil {
			ascii[c] = b.fold(rune(c))
		}
		same[c] = ascii[c] == rune(c)
	}
	changed := b.changed
	const never = int(^uint(0) >> 1)
	di, si := 0, 0
	// dropAt is where the next drop can start to matter: its start, or its
	// end when a malformed drop ends before it starts (then it is passed).
	dropAt, spaceAt := never, never
	if len(b.drops) > 0 {
		dropAt = min(b.drops[0].Start, b.drops[0].End)
	}
	if len(b.space) > 0 {
		spaceAt = b.space[0]
	}
	marks := b.d.runeMarks
	run := 0 // start of the bytes of text still to copy to the view
	runes := 0
	for i := 0; i < len(text); {
		// the runes before the next drop or space that the fold leaves
		// alone: ASCII, and the three-byte sequences that need no range
		// check (CJK, the full-width forms) when the set of the runes the
		// fold changes is known; they stay in the run
		if changed != nil {
			i, runes, marks = unchangedRun(text, i, min(len(text), dropAt, spaceAt), runes, marks, &same, changed)
			if i >= len(text) {
				break
			}
		}
		// one rune, whatever it is
		if runes%128 == 0 {
			marks = append(marks, runeMark{text: i, runes: runes})
		}
		runes++
		// the rune at i, as a range loop decodes it (an invalid byte is
		// RuneError of width 1); the three-byte sequences that need no
		// range check (CJK, the full-width forms) without a call
		var r rune
		var n int
		switch c := text[i]; {
		case c < utf8.RuneSelf:
			r, n = rune(c), 1
		case i+2 < len(text) && c >= 0xE1 && c != 0xED && c <= 0xEF && text[i+1]&0xC0 == 0x80 && text[i+2]&0xC0 == 0x80:
			r, n = rune(c&0x0F)<<12|rune(text[i+1]&0x3F)<<6|rune(text[i+2]&0x3F), 3
		default:
			r, n = utf8.DecodeRuneInString(text[i:])
		}
		if i >= dropAt {
			for di < len(b.drops) && b.drops[di].End <= i {
				di++
			}
			if di < len(b.drops) && b.drops[di].Start <= i {
				b.view = append(b.view, text[run:i]...)
				b.delta += n
				b.shift()
				i += n
				run = i
				continue
			}
			dropAt = never
			if di < len(b.drops) {
				dropAt = min(b.drops[di].Start, b.drops[di].End)
			}
		}
		var f rune
		switch {
		case r < utf8.RuneSelf:
			f = ascii[r]
		case b.fold != nil:
			f = b.fold(r)
		default:
			f = r
		}
		if i >= spaceAt {
			for si < len(b.space) && b.space[si] < i {
				si++
			}
			if si < len(b.space) && b.space[si] == i {
				f = ' '
				si++
			}
			spaceAt = never
			if si < len(b.space) {
				spaceAt = b.space[si]
			}
		}
		if f == r && r != utf8.RuneError {
			i += n // unchanged: stays in the run
			continue
		}
		b.view = append(b.view, text[run:i]...)
		b.view = utf8.AppendRune(b.view, f)
		if m := utf8.RuneLen(f); m != n {
			b.delta += n - m
			b.shift()
		}
		i += n
		run = i
	}
	b.view = append(b.view, text[run:]...)
	b.d.runeMarks = marks
}

// unchangedRun returns the end of the runes of text from i on, up to stop,
// that the fold leaves alone by same (ASCII) and changed (the others), and
// the rune count and marks with those runes': ASCII and the three-byte
// sequences that need no range check (CJK, the full-width forms); any
// other rune ends the run. A function of its own, so that its loop keeps
// what it reads in registers.
func unchangedRun(text string, i, stop, runes int, marks []runeMark, same *[utf8.RuneSelf]bool, changed *runeBits) (int, int, []runeMark) {
	stop = min(stop, len(text))
	for i < stop {
		// the rune that opens a run of 128 has a mark, if it is taken
		if runes%128 == 0 {
			n := unchangedAt(text, i, same, changed)
			if n == 0 {
				break
			}
			marks = append(marks, runeMark{text: i, runes: runes})
			runes++
			i += n
		}
		// the others of the run
		for end := runes + 128 - runes%128; i < stop && runes < end; runes++ {
			if c := text[i]; c < utf8.RuneSelf {
				if !same[c] {
					return i, runes, marks
				}
				i++
				continue
			} else if len(text)-i >= 3 {
				s := text[i : i+3]
				c1, c2 := s[1], s[2]
				if c-0xE1 <= 0xEF-0xE1 && c != 0xED && (uint16(c1)|uint16(c2)<<8)&0xC0C0 == 0x8080 &&
					changed[int(c&0x0F)<<6|int(c1&0x3F)]&(1<<(c2&0x3F)) == 0 {
					i += 3
					continue
				}
			}
			return i, runes, marks
		}
	}
	return i, runes, marks
}

// unchangedAt returns the width of the rune at i of text if unchangedRun
// takes it (its loop's test), 0 if not.
func unchangedAt(text string, i int, same *[utf8.RuneSelf]bool, changed *runeBits) int {
	if c := text[i]; c < utf8.RuneSelf {
		if same[c] {
			return 1
		}
	} else if len(text)-i >= 3 {
		s := text[i : i+3]
		if c-0xE1 <= 0xEF-0xE1 && c != 0xED && s[1]&0xC0 == 0x80 && s[2]&0xC0 == 0x80 &&
			!changed.has(rune(c&0x0F)<<12|rune(s[1]&0x3F)<<6|rune(s[2]&0x3F)) {
			return 3
		}
	}
	return 0
}

// shift records that from the view's current end on, Text offsets are View
// offsets plus the current delta.
func (b *viewBuilder) shift() {
	if k := len(b.d.shifts); k > 0 && b.d.shifts[k-1].view == len(b.view) {
		// TextOffset reads the last shift at an offset: the one before it
		// says nothing
		b.d.shifts[k-1].delta = b.delta
		return
	}
	b.d.shifts = append(b.d.shifts, shift{view: len(b.view), delta: b.delta})
}

// sortedOffsets returns offs sorted, each once (offs is not changed).
func sortedOffsets(offs []int) []int {
	if len(offs) == 0 {
		return nil
	}
	out := append([]int(nil), offs...)
	sort.Ints(out)
	k := 1
	for _, o := range out[1:] {
		if o != out[k-1] {
			out[k] = o
			k++
		}
	}
	return out[:k]
}

// firstPast returns the index of the first of xs (sorted by key) whose key
// is past v, len(xs) when none is: sort.Search written out, which inlines
// with its key (this runs for every span of every mention).
func firstPast[E any](xs []E, v int, key func(*E) int) int {
	i, j := 0, len(xs)
	for i < j {
		h := int(uint(i+j) >> 1)
		if key(&xs[h]) > v {
			j = h
		} else {
			i = h + 1
		}
	}
	return i
}

// TextOffset maps a View offset to the Text offset of the same rune boundary.
func (d *Document) TextOffset(v int) int {
	i := firstPast(d.shifts, v, func(s *shift) int { return s.view })
	if i == 0 {
		return v
	}
	return v + d.shifts[i-1].delta
}

// TextOf returns the text as written (from Text) of a span.
func (d *Document) TextOf(s Span) string {
	return d.Text[d.TextOffset(s.Start):d.TextOffset(s.End)]
}

// RuneOffset returns the rune offset in Text of View offset v.
func (d *Document) RuneOffset(v int) int {
	t := d.TextOffset(v)
	i := sort.Search(len(d.runeMarks), func(i int) bool { return d.runeMarks[i].text > t })
	if i == 0 {
		return utf8.RuneCountInString(d.Text[:t])
	}
	m := d.runeMarks[i-1]
	return m.runes + utf8.RuneCountInString(d.Text[m.text:t])
}

// LineOf returns the 1-based line of Text at View offset v.
func (d *Document) LineOf(v int) int {
	if d.lineStarts == nil {
		d.lineStarts = make([]int, 1, strings.Count(d.Text, "\n")+1)
		for i := 0; i < len(d.Text); {
			j := strings.IndexByte(d.Text[i:], '\n')
			if j < 0 {
				break
			}
			i += j + 1
			d.lineStarts = append(d.lineStarts, i)
		}
	}
	return firstPast(d.lineStarts, d.TextOffset(v), func(o *int) int { return *o })
}

// SentenceAt returns the index of the sentence containing View offset v, or -1.
func (d *Document) SentenceAt(v int) int {
	i := firstPast(d.Sentences, v, func(s *Sentence) int { return s.End })
	if i < len(d.Sentences) && d.Sentences[i].Start <= v {
		return i
	}
	return -1
}

// ParagraphOf returns the paragraph of sentence s.
func (d *Document) ParagraphOf(s int) *Paragraph { return &d.Paragraphs[d.Sentences[s].Para] }

// AddMention appends a mention, setting its sentence, and returns its index.
func (d *Document) AddMention(m Mention) int {
	m.Sent = d.SentenceAt(m.Start)
	d.Mentions = append(d.Mentions, m)
	return len(d.Mentions) - 1
}

// SortMentions orders mentions by position (start, then longer first),
// stably: mentions at the same span keep their order.
func (d *Document) SortMentions() {
	d.index = nil
	ms := d.Mentions
	// the mentions up to sorted are in order already
	sorted := min(1, len(ms))
	for sorted < len(ms) && ms[sorted-1].Span.Compare(ms[sorted].Span) <= 0 {
		sorted++
	}
	if sorted >= len(ms) {
		return // a stable sort would change nothing
	}
	// a stage appends a few mentions to sorted ones: sort those apart and
	// merge them in from the back, moving only the mentions after the
	// first of them to its place
	if k := len(ms) - sorted; k <= smallTail || k*8 <= len(ms) {
		tail := slices.Clone(ms[sorted:])
		slices.SortStableFunc(tail, func(a, b Mention) int { return a.Span.Compare(b.Span) })
		i, w := sorted-1, len(ms)-1
		for j := len(tail) - 1; j >= 0; w-- {
			// on a tie the sorted mention, appended before, stays first
			if i >= 0 && ms[i].Span.Compare(tail[j].Span) > 0 {
				ms[w] = ms[i]
				i--
			} else {
				ms[w] = tail[j]
				j--
			}
		}
		return
	}
	// else sort small keys rather than the mentions (on a tie the earlier
	// mention stays first: the order of a stable sort), then move the
	// mentions into place along the permutation's cycles
	type key struct {
		sp Span
		i  int
	}
	keys := make([]key, len(ms))
	for i := range ms {
		keys[i] = key{ms[i].Span, i}
	}
	slices.SortFunc(keys, func(a, b key) int {
		if c := a.sp.Compare(b.sp); c != 0 {
			return c
		}
		return cmp.Compare(a.i, b.i)
	})
	// place j takes the mention at idx[j]; a place filled is marked
	// idx[j] = j: no second slice of mentions
	idx := make([]int, len(keys))
	for j, ky := range keys {
		idx[j] = ky.i
	}
	for start := range idx {
		if idx[start] == start {
			continue
		}
		tmp := ms[start]
		for j := start; ; {
			k := idx[j]
			idx[j] = j
			if k == start {
				ms[j] = tmp
				break
			}
			ms[j] = ms[k]
			j = k
		}
	}
}

// smallTail is how many unsorted mentions SortMentions merges in place
// whatever the number of sorted ones before them.
const smallTail = 64

// mentionIndex makes position look-ups on the (sorted) mentions cheap.
type mentionIndex struct {
	n int // len(Mentions) when built
	// starts and ends are the mentions' offsets when built.
	starts, ends []int
	// byStart and byEnd are the mention indexes ordered by start (end) and
	// then by index: the mentions at one offset are a run of them;
	// startOrder and endOrder are their offsets in that order (starts
	// itself when the mentions are sorted), searched without going
	// through byStart and byEnd.
	byStart, byEnd       []int
	startOrder, endOrder offsetIndex
	// sorted: the mentions were in order (startOrder is starts).
	sorted   bool
	enclosed []bool
	maxLen   int
}

// offsetIndex is a sorted list of offsets and, for every 64 bytes
// of the text, the place in it of the first offset at or past the
// bucket's start: a search looks at the few offsets of one bucket, not at
// all of them.
type offsetIndex struct {
	offs []int
	// buckets[b] is the place of the first offset at least
	// b*bucketSize; the last entry is len(offs). nil when the offsets
	// are none or start below zero (then search is a binary search).
	buckets []int32
}

// bucketShift makes the buckets of an offsetIndex 1<<bucketShift = 64
// bytes of the view: a few mentions start in so many bytes, and a table
// of one int32 per 64 bytes is small.
const bucketShift = 6

// newOffsetIndex indexes offs, sorted.
func newOffsetIndex(offs []int) offsetIndex {
	x := offsetIndex{offs: offs}
	if len(offs) == 0 || offs[0] < 0 || len(offs) > 1<<31-1 {
		return x
	}
	x.buckets = make([]int32, offs[len(offs)-1]>>bucketShift+2)
	k := 0
	for b := range x.buckets {
		for start := b << bucketShift; k < len(offs) && offs[k] < start; {
			k++
		}
		x.buckets[b] = int32(k)
	}
	return x
}

// search returns the place of the first offset at least v, len(offs) when
// none is, as firstAtLeast(offs, v) does: the offsets before bucket b's
// place are below its start, at most v, and those from bucket b+1's on
// are at or past its start, past v.
func (x *offsetIndex) search(v int) int {
	if x.buckets == nil {
		return firstAtLeast(x.offs, v)
	}
	if v <= x.offs[0] {
		return 0
	}
	b := v >> bucketShift
	if b >= len(x.buckets)-1 {
		return len(x.offs) // past the last offset
	}
	lo, hi := int(x.buckets[b]), int(x.buckets[b+1])
	return lo + firstAtLeast(x.offs[lo:hi], v)
}

// IndexMentions (re)builds the position index of the mentions; stages that
// add mentions call it after sorting them. Look-ups rebuild it when the
// mentions changed.
func (d *Document) IndexMentions() {
	n := len(d.Mentions)
	// the int arrays in one allocation
	buf := make([]int, 6*n)
	ix := &mentionIndex{n: n, starts: buf[:n:n], ends: buf[n : 2*n : 2*n], byStart: buf[2*n : 3*n : 3*n], byEnd: buf[3*n : 4*n : 4*n],
		enclosed: make([]bool, n)}
	startOrder, endOrder := buf[4*n:5*n:5*n], buf[5*n:6*n:6*n]
	maxEnd := -1
	var maxSpan Span
	for i := range d.Mentions {
		m := &d.Mentions[i]
		ix.starts[i], ix.ends[i] = m.Start, m.End
		ix.byStart[i], ix.byEnd[i] = i, i
		if m.Len() > ix.maxLen {
			ix.maxLen = m.Len()
		}
		if maxEnd >= m.End && maxSpan != m.Span {
			ix.enclosed[i] = true
		}
		if m.End > maxEnd {
			maxEnd, maxSpan = m.End, m.Span
		}
	}
	// sorted mentions leave byStart as it is; ends are nearly sorted
	if ix.sorted = slices.IsSorted(ix.starts); ix.sorted {
		startOrder = ix.starts
	} else {
		sortByOffset(ix.starts, ix.byStart, startOrder)
	}
	sortByOffset(ix.ends, ix.byEnd, endOrder)
	ix.startOrder, ix.endOrder = newOffsetIndex(startOrder), newOffsetIndex(endOrder)
	d.index = ix
}

// sortByOffset orders the indexes of offs by offset, then by index, into
// order, and their offsets in that order into sorted. Offsets and indexes
// below 1<<31 (any text accord reads) are sorted as one int each, offset
// then index: a sort of ints, done in sorted itself.
func sortByOffset(offs, order, sorted []int) {
	const wide = ^uint(0)>>63 == 1 // an int holds 64 bits
	packed := wide && uint64(len(offs)) <= 1<<31
	for _, o := range offs {
		if uint64(o) >= 1<<31 { // or below zero
			packed = false
			break
		}
	}
	if !packed {
		slices.SortFunc(order, func(a, b int) int {
			if c := cmp.Compare(offs[a], offs[b]); c != 0 {
				return c
			}
			return cmp.Compare(a, b)
		})
		for k, i := range order {
			sorted[k] = offs[i]
		}
		return
	}
	for i, o := range offs {
		sorted[i] = int(uint64(o)<<32 | uint64(i))
	}
	slices.Sort(sorted)
	for k, key := range sorted {
		order[k], sorted[k] = int(uint64(key)&(1<<32-1)), int(uint64(key)>>32)
	}
}

// at returns the run of order (mention indexes ordered by offset, then by
// index; offs their offsets in that order) whose offset is o; nil when
// there is none.
func at(order []int, x *offsetIndex, o int) []int {
	lo := x.search(o)
	hi := lo
	for offs := x.offs; hi < len(offs) && offs[hi] == o; {
		hi++
	}
	if lo == hi {
		return nil
	}
	return order[lo:hi:hi]
}

// firstAtLeast returns the index of the first of the sorted xs that is at
// least v, len(xs) when none is: slices.BinarySearch's index written out
// for ints, which inlines (the look-ups run for every mention and clause).
func firstAtLeast(xs []int, v int) int {
	i, j := 0, len(xs)
	for i < j {
		h := int(uint(i+j) >> 1)
		if xs[h] < v {
			i = h + 1
		} else {
			j = h
		}
	}
	return i
}

func (d *Document) idx() *mentionIndex {
	if d.index == nil || d.index.n != len(d.Mentions) {
		d.IndexMentions()
	}
	return d.index
}

// MentionRange returns the index range [lo, hi) of the mentions that start
// in [from, to). Mentions must be sorted (SortMentions).
func (d *Document) MentionRange(from, to int) (int, int) {
	ix := d.idx()
	if !ix.sorted {
		// unsorted mentions (which callers must not ask about): what a
		// binary search of their starts finds
		lo := firstAtLeast(ix.starts, from)
		return lo, lo + firstAtLeast(ix.starts[lo:], to)
	}
	// the first start at least to is at or past lo unless to < from:
	// then the range is empty at lo
	lo := ix.startOrder.search(from)
	return lo, max(lo, ix.startOrder.search(to))
}

// MentionsStartingAt returns the indexes of the mentions starting at off.
func (d *Document) MentionsStartingAt(off int) []int {
	ix := d.idx()
	return at(ix.byStart, &ix.startOrder, off)
}

// MentionsEndingAt returns the indexes of the mentions ending at off.
func (d *Document) MentionsEndingAt(off int) []int {
	ix := d.idx()
	return at(ix.byEnd, &ix.endOrder, off)
}

// Enclosed reports whether mention i lies inside another, longer mention.
func (d *Document) Enclosed(i int) bool { return d.idx().enclosed[i] }

// Covering returns the indexes of the mentions that contain sp.
func (d *Document) Covering(sp Span) []int {
	ix := d.idx()
	lo, hi := d.MentionRange(sp.Start-ix.maxLen, sp.Start+1)
	var out []int
	// the index's offsets, not the mentions: a dense text has many
	// mentions within maxLen, and a Mention is 224 bytes
	for i, end := range ix.ends[lo:hi] {
		if end >= sp.End && ix.starts[lo+i] <= sp.Start {
			out = append(out, lo+i)
		}
	}
	return out
}

// Note is one line of an extraction's explanation: a rule's match, kept or
// discarded, and why.
type Note struct {
	// Sent is the sentence index (-1 when outside every sentence).
	Sent int
	// Rule is the rule id (or "target" for the target filters).
	Rule string
	Span
	// Kept says whether the match made it into the result.
	Kept bool
	// Why says what became of it.
	Why string
}

// Explain turns on the collection of Notes (accord extract --explain).
func (d *Document) Explain() { d.explain = true }

// Explaining reports whether notes are being collected.
func (d *Document) Explaining() bool { return d.explain }

// Note records a note when explanations are on.
func (d *Document) Note(rule string, sp Span, kept bool, format string, a ...any) {
	if !d.explain {
		return
	}
	d.Notes = append(d.Notes, Note{Sent: d.SentenceAt(sp.Start), Rule: rule, Span: sp, Kept: kept, Why: fmt.Sprintf(format, a...)})
}

// NoteFact records, when the document is being explained, that fact x was
// kept: "subject predicate object" at the subject's span.
func (d *Document) NoteFact(x Fact) {
	if !d.explain {
		return
	}
	o := x.Date.Lexical()
	if x.Object >= 0 {
		o = d.TextOf(d.Mentions[x.Object].Span)
	}
	subj := d.Mentions[x.Subject]
	d.Note(x.Rule, subj.Span, true, "%s %s %s", d.TextOf(subj.Span), schema.ShortName(x.Predicate), o)
}

// DateStartingAt returns the date mention that starts at view offset off,
// or nil (Dates are in text order).
func (d *Document) DateStartingAt(off int) *DateMention {
	k := sort.Search(len(d.Dates), func(k int) bool { return d.Dates[k].Start >= off })
	if k < len(d.Dates) && d.Dates[k].Start == off {
		return &d.Dates[k]
	}
	return nil
}
