package zh

import (
	"cmp"
	"slices"
	"sort"
	"sync"
	"unicode/utf8"

	"github.com/accordkg/accord/internal/acm"
)

// dict is a compiled word list: an Aho-Corasick automaton over the words
// (internal/acm), each word carrying the payloads of the rules that
// listed it.
type dict struct {
	m     *acm.Matcher
	words []string
	index map[string]int
	vals  [][]int
}

// hit is one match of a dict word in a text: byte offsets and the word's
// index into dict.words.
type hit = acm.Hit

func newDict() *dict { return &dict{index: map[string]int{}} }

// add lists word with payload v; the same word may carry several payloads.
func (d *dict) add(word string, v int) {
	if word == "" {
		return
	}
	if i, ok := d.index[word]; ok {
		d.vals[i] = append(d.vals[i], v)
		return
	}
	d.index[word] = len(d.words)
	d.words = append(d.words, word)
	d.vals = append(d.vals, []int{v})
}

// compile builds the automaton; add must not be called after it.
func (d *dict) compile() {
	d.m = acm.New(d.words)
}

// all returns every match in s, overlapping ones included, offset by base,
// in the automaton's order (by end, then longest first).
func (d *dict) all(s string, base int) []hit {
	return d.appendAll(nil, s, base)
}

// appendAll appends every match in s to out, as all does, and returns the
// extended slice: a caller scanning many texts reuses one buffer.
func (d *dict) appendAll(out []hit, s string, base int) []hit {
	if d.m == nil {
		return out
	}
	return d.m.Append(out, s, base)
}

// multiDict matches several dicts in one pass: one automaton over the
// union of their words, each word remembering which dicts list it and
// under which index.
type multiDict struct {
	dicts []*dict
	union *dict
	// first[w] is the first (dict, word) pair of union word w, and more[w]
	// the others (nil for most words: a word of one dict).
	first []member
	more  [][]member
	// passes holds the buffers of passes done with (*multiPass).
	passes sync.Pool
}

type member struct {
	dict, word int32
}

// multiPass holds the hits of one pass of a multiDict: the union's, and
// each dict's. Its buffers are reused by the next pass once done is
// called.
type multiPass struct {
	union []hit
	// hits[i] are dict i's hits, as its all returns them.
	hits [][]hit
}

// newMultiDict combines dicts, which need not be compiled; none may
// change afterwards.
func newMultiDict(ds ...*dict) *multiDict {
	m := &multiDict{dicts: ds, union: newDict()}
	for di, d := range ds {
		for wi, w := range d.words {
			m.union.add(w, 0)
			u := m.union.index[w]
			mb := member{dict: int32(di), word: int32(wi)}
			if u == len(m.first) {
				m.first = append(m.first, mb)
				m.more = append(m.more, nil)
			} else {
				m.more[u] = append(m.more[u], mb)
			}
		}
	}
	m.union.compile()
	return m
}

// all returns, for each dict, what its all would return on s: the same
// hits in the same order, in slices of their own.
func (m *multiDict) all(s string) [][]hit {
	p := m.pass(s)
	out := make([][]hit, len(p.hits))
	for i, hs := range p.hits {
		out[i] = ownHits(hs)
	}
	m.done(p)
	return out
}

// pass matches s: p.hits[i] holds what dict i's all would return on s,
// the same hits in the same order. The hits stay p's: the caller calls
// done when it reads them no more (and copies those it keeps longer).
// The buffers of earlier passes are reused: no counting pass sizes them,
// and no pass allocates once they have grown (the buffers of a first pass
// are counted and made at their size).
func (m *multiDict) pass(s string) *multiPass {
	p, _ := m.passes.Get().(*multiPass)
	fresh := p == nil
	if fresh {
		p = &multiPass{hits: make([][]hit, len(m.dicts))}
	}
	p.union = m.union.appendAll(p.union[:0], s, 0)
	if fresh {
		// new buffers (the first pass, or the collector emptied the
		// pool): each dict's made at its size, not grown hit by hit
		counts := make([]int, len(m.dicts))
		for _, h := range p.union {
			counts[m.first[h.Word].dict]++
			for _, mb := range m.more[h.Word] {
				counts[mb.dict]++
			}
		}
		for d, n := range counts {
			p.hits[d] = make([]hit, 0, n)
		}
	}
	for i := range p.hits {
		p.hits[i] = p.hits[i][:0]
	}
	for _, h := range p.union {
		mb := m.first[h.Word]
		p.hits[mb.dict] = append(p.hits[mb.dict], hit{Start: h.Start, End: h.End, Word: int(mb.word)})
		for _, mb := range m.more[h.Word] {
			p.hits[mb.dict] = append(p.hits[mb.dict], hit{Start: h.Start, End: h.End, Word: int(mb.word)})
		}
	}
	return p
}

// ownHits returns a copy of hs, nil if it is empty (as all returns no
// hits).
func ownHits(hs []hit) []hit {
	if len(hs) == 0 {
		return nil
	}
	return slices.Clone(hs)
}

// done gives p's buffers back to m, for a later pass.
func (m *multiDict) done(p *multiPass) {
	m.passes.Put(p)
}

// longest returns the leftmost-longest non-overlapping matches in s.
func (d *dict) longest(s string, base int) []hit {
	return leftmostLongest(d.all(s, base))
}

// leftmostLongest keeps, scanning left to right, the longest match at each
// start that does not overlap one already kept. It sorts hs and returns
// the kept hits in hs's own array: hs is not to be read afterwards.
func leftmostLongest(hs []hit) []hit {
	// a word matches once at a position: the order is total, and any sort
	// gives what slices.SortFunc gave
	sortHits(hs)
	out := hs[:0] // never ahead of the hit read
	last := -1
	for _, h := range hs {
		if h.Start < last {
			continue
		}
		out = append(out, h)
		last = h.End
	}
	return out
}

// sortHits sorts hs by byStartLongest, stably. An automaton reports its
// hits by end; a hit starts at most one word's length before it ends, so
// they come almost in start order, and an insertion sort moves each hit
// only past the few overlapping hits that end before it and start after
// it (a pattern-defeating quicksort compares each hit some log n times).
// It falls back to slices.SortStableFunc when the hits are far from that
// order (the moves so far kept the order stable, so the result is the
// same). FuzzSortHits checks it against that sort.
func sortHits(hs []hit) {
	moves, budget := 0, 4*len(hs)+64
	for i := 1; i < len(hs); i++ {
		h := hs[i]
		j := i
		for j > 0 && byStartLongest(h, hs[j-1]) < 0 {
			hs[j] = hs[j-1]
			j--
		}
		hs[j] = h
		if moves += i - j; moves > budget {
			slices.SortStableFunc(hs, byStartLongest)
			return
		}
	}
}

// byStartLongest orders hits by start, then the longest first.
func byStartLongest(a, b hit) int {
	if c := cmp.Compare(a.Start, b.Start); c != 0 {
		return c
	}
	return cmp.Compare(b.End, a.End)
}

// words is a small word list matched by prefix or suffix at a position.
// The stages ask at every rune of a clause whether a word starts or ends
// there, and almost always none does: two bit sets of the words' first
// and last bytes answer that before the list is read.
type words struct {
	// list holds the words, longest first.
	list []string
	// k is how many bytes of a word the bit sets key on: 3 (a Chinese
	// character) or the shortest word's length; 0 turns them off.
	k int
	// first and last hold a hash of each word's first and last k bytes.
	first, last [wordBits / 64]uint64
}

// wordBits is the size of a words bit set.
const wordBits = 4096

func newWordList(ws []string) words {
	out := words{list: append([]string(nil), ws...), k: 3}
	sort.Slice(out.list, func(i, j int) bool { return len(out.list[i]) > len(out.list[j]) })
	for _, w := range out.list {
		out.k = min(out.k, len(w))
	}
	if out.k > 0 {
		for _, w := range out.list {
			h := wordHash(w[:out.k])
			out.first[h/64] |= 1 << (h % 64)
			h = wordHash(w[len(w)-out.k:])
			out.last[h/64] |= 1 << (h % 64)
		}
	}
	return out
}

// wordHash maps up to 3 bytes to a bit of a words bit set.
func wordHash(b string) uint32 {
	var x uint32
	for i := 0; i < len(b); i++ {
		x = x<<8 | uint32(b[i])
	}
	return (x * 2654435761) >> 20 % wordBits
}

// at returns the longest word that s starts with at off, or "".
func (ws *words) at(s string, off int) string {
	if off < 0 || off > len(s) {
		return ""
	}
	rest := s[off:]
	if k := ws.k; k > 0 {
		if len(rest) < k {
			return ""
		}
		if h := wordHash(rest[:k]); ws.first[h/64]&(1<<(h%64)) == 0 {
			return ""
		}
	}
	for _, w := range ws.list {
		// the last bytes differ most: compare them before the rest
		if n := len(w); n <= len(rest) && (n == 0 || rest[n-1] == w[n-1]) && rest[:n] == w {
			return w
		}
	}
	return ""
}

// before returns the longest word that ends at off in s, or "".
func (ws *words) before(s string, off int) string {
	if off < 0 || off > len(s) {
		return ""
	}
	head := s[:off]
	if k := ws.k; k > 0 {
		if len(head) < k {
			return ""
		}
		if h := wordHash(head[len(head)-k:]); ws.last[h/64]&(1<<(h%64)) == 0 {
			return ""
		}
	}
	for _, w := range ws.list {
		// the last bytes differ most: compare them before the rest
		if n := len(w); n <= len(head) && (n == 0 || head[len(head)-1] == w[n-1]) && head[len(head)-n:] == w {
			return w
		}
	}
	return ""
}

// has reports whether w is in the list.
func (ws *words) has(w string) bool {
	return slices.Contains(ws.list, w)
}

// clauseBreaks end a clause in the folded view.
const clauseBreaks = ",;:。!?"

// isClauseBreak reports whether r ends a clause: whether it is in
// clauseBreaks (spelled out: this runs on every rune of a clause).
func isClauseBreak(r rune) bool {
	switch r {
	case ',', ';', ':', '。', '!', '?':
		return true
	}
	return false
}

// runeAt decodes the rune at off, as utf8.DecodeRuneInString does. The
// stages read Chinese text rune by rune: three-byte runes (every Chinese
// character and CJK punctuation mark) are decoded here, inline, and only
// the others by the utf8 package.
func runeAt(s string, off int) (rune, int) {
	if off >= len(s) {
		return utf8.RuneError, 0
	}
	if b0 := s[off]; b0 >= 0xE1 && b0 != 0xED && b0 < 0xF0 && off+2 < len(s) {
		// a lead byte whose second byte may be any continuation byte
		// (E0 and ED restrict it: overlong forms, surrogates)
		if b1, b2 := s[off+1], s[off+2]; b1&0xC0 == 0x80 && b2&0xC0 == 0x80 {
			return rune(b0&0x0F)<<12 | rune(b1&0x3F)<<6 | rune(b2&0x3F), 3
		}
	}
	return utf8.DecodeRuneInString(s[off:])
}

// runeBefore decodes the rune that ends at off, as
// utf8.DecodeLastRuneInString does, three-byte runes inline (see runeAt).
func runeBefore(s string, off int) (rune, int) {
	if off <= 0 {
		return utf8.RuneError, 0
	}
	if off >= 3 && off <= len(s) {
		if b0, b1, b2 := s[off-3], s[off-2], s[off-1]; b0 >= 0xE1 && b0 != 0xED && b0 < 0xF0 && b1&0xC0 == 0x80 && b2&0xC0 == 0x80 {
			return rune(b0&0x0F)<<12 | rune(b1&0x3F)<<6 | rune(b2&0x3F), 3
		}
	}
	return utf8.DecodeLastRuneInString(s[:off])
}

// skipSpace returns the first offset at or after off that is not a space.
func skipSpace(s string, off int) int {
	for off < len(s) && (s[off] == ' ' || s[off] == '\t') {
		off++
	}
	return off
}

// backSpace returns the offset before trailing spaces ending at off.
func backSpace(s string, off int) int {
	for off > 0 && (s[off-1] == ' ' || s[off-1] == '\t') {
		off--
	}
	return off
}
