// Package acm matches a fixed list of words in UTF-8 text in one pass: an
// Aho-Corasick automaton over runes, its trie stored as a double array.
//
// It sits under the gazetteer and lexicon stages of the extractors
// (extractors/zh, extractors/en), which scan every document with a few
// automata. Taking a rune at a time instead of a byte, and a transition
// in one read of a small array instead of a 2 KB row per state, it walks
// Chinese text about twice as fast as a byte automaton (BENCHMARKS.md,
// section 1), in a few hundred KB instead of tens of MB, with the same
// hits.
package acm

import (
	"cmp"
	"slices"
	"unicode/utf8"
)

// Hit is one match of a word: the byte offsets [Start, End) of the match in
// the text (plus the base the caller gave) and the word's index in the
// list the Matcher was built from.
type Hit struct {
	Start, End, Word int
}

// cjkLo and cjkHi bound the CJK Unified Ideographs, whose alphabet ids are
// read from a flat table.
const (
	cjkLo = 0x4E00
	cjkHi = 0xA000
)

// Matcher is a compiled word list. It is read-only once built and safe for
// concurrent use.
type Matcher struct {
	// ascii and cjk give the alphabet id of a rune (0: no word has it);
	// other holds the ids of the remaining runes.
	ascii [utf8.RuneSelf]int32
	cjk   []int32
	other map[rune]int32
	// dcell is the double array: the child of state s on alphabet id c
	// is t = dcell[s].base+c if dcell[t].check == s. State 0 is the root.
	dcell []cell
	// fail is each state's failure link.
	fail []int32
	// word is the index+1 of the word ending at each state (0: none);
	// next is the nearest state on the failure chain where a word ends
	// (0: none).
	word, next []int32
	// size is each word's length in bytes.
	size []int32
}

// New builds a Matcher of words. Word i is reported with index i; empty
// words never match, and a word listed twice is reported under its first
// index. Words are runes of valid UTF-8: an invalid byte in a word makes
// the word unmatchable.
func New(words []string) *Matcher {
	m := &Matcher{other: map[rune]int32{}, size: make([]int32, len(words))}
	// The alphabet: the runes of the words, the most frequent first, so
	// that the busy states' children sit close together.
	freq := map[rune]int{}
	usable := make([]bool, len(words))
	for i, w := range words {
		m.size[i] = int32(len(w))
		usable[i] = w != "" && utf8.ValidString(w)
		if usable[i] {
			for _, r := range w {
				freq[r]++
			}
		}
	}
	alpha := make([]rune, 0, len(freq))
	for r := range freq {
		alpha = append(alpha, r)
	}
	slices.SortFunc(alpha, func(a, b rune) int {
		if c := cmp.Compare(freq[b], freq[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	for i, r := range alpha {
		id := int32(i + 1)
		switch {
		case r < utf8.RuneSelf:
			m.ascii[r] = id
		case r >= cjkLo && r < cjkHi:
			if m.cjk == nil {
				m.cjk = make([]int32, cjkHi-cjkLo)
			}
			m.cjk[r-cjkLo] = id
		default:
			m.other[r] = id
		}
	}

	// The trie, built with a map of edges, then laid out as a double
	// array in breadth-first order.
	type edge struct {
		from int32
		id   int32
	}
	edges := map[edge]int32{}
	children := [][]int32{nil} // alphabet ids of each trie node's children, in order of insertion
	ends := []int32{0}         // word index+1 ending at each trie node
	for i, w := range words {
		if !usable[i] {
			continue
		}
		n := int32(0)
		for _, r := range w {
			id := m.id(r)
			t, ok := edges[edge{n, id}]
			if !ok {
				t = int32(len(children))
				edges[edge{n, id}] = t
				children[n] = append(children[n], id)
				children = append(children, nil)
				ends = append(ends, 0)
			}
			n = t
		}
		if ends[n] == 0 {
			ends[n] = int32(i + 1)
		}
	}
	// pos[n] is trie node n's state in the double array.
	pos := make([]int32, len(children))
	base := make([]int32, 1, len(children)*2)
	check := []int32{-1}
	m.word = []int32{0}
	// after[i], for a slot i in use, is a later slot with no free slot
	// between the two (shortened as the searches pass).
	after := []int32{1}
	grow := func(n int) {
		for len(check) < n {
			after = append(after, int32(len(check)+1))
			base = append(base, 0)
			check = append(check, -1)
			m.word = append(m.word, 0)
		}
	}
	// freeFrom returns the first free slot at or after i.
	freeFrom := func(i int32) int32 {
		grow(int(i) + 1)
		j := i
		for check[j] != -1 {
			j = after[j]
			grow(int(j) + 1)
		}
		for i != j {
			i, after[i] = after[i], j
		}
		return j
	}
	queue := []int32{0}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		cs := children[n]
		if len(cs) == 0 {
			continue
		}
		slices.Sort(cs)
		// the first free slot for the first child with a base of at
		// least 1, then the next free one while another child collides
		var b int32
		for t := freeFrom(cs[0] + 1); ; t = freeFrom(t + 1) {
			b = t - cs[0]
			grow(int(b+cs[len(cs)-1]) + 1)
			ok := true
			for _, c := range cs[1:] {
				if check[b+c] != -1 {
					ok = false
					break
				}
			}
			if ok {
				break
			}
		}
		s := pos[n]
		base[s] = b
		for _, c := range cs {
			t := edges[edge{n, c}]
			pos[t] = b + c
			check[b+c] = s
			m.word[b+c] = ends[t]
			queue = append(queue, t)
		}
	}

	// Failure links and output chains, breadth first over the states.
	m.fail = make([]int32, len(check))
	m.next = make([]int32, len(check))
	queue = queue[:0]
	for _, c := range children[0] {
		queue = append(queue, pos[edges[edge{0, c}]])
	}
	nodeOf := make([]int32, len(check))
	for n, s := range pos {
		nodeOf[s] = int32(n)
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for _, c := range children[nodeOf[s]] {
			t := base[s] + c
			f := m.fail[s]
			for {
				if u := base[f] + c; int(u) < len(check) && check[u] == f {
					m.fail[t] = u
					break
				}
				if f == 0 {
					break
				}
				f = m.fail[f]
			}
			if f := m.fail[t]; m.word[f] != 0 {
				m.next[t] = f
			} else {
				m.next[t] = m.next[f]
			}
			queue = append(queue, t)
		}
	}
	m.dcell = make([]cell, len(check))
	for i := range m.dcell {
		m.dcell[i] = cell{base[i], check[i]}
	}
	return m
}

// cell is one slot of the double array: its state's base, and the parent
// state that owns the slot (-1: free). The two sit side by side so that a
// transition reads one cache line.
type cell struct{ base, check int32 }

// id returns the alphabet id of r, 0 if no word has it.
func (m *Matcher) id(r rune) int32 {
	switch {
	case r < utf8.RuneSelf:
		if r < 0 {
			return 0
		}
		return m.ascii[r]
	case r >= cjkLo && r < cjkHi:
		if m.cjk == nil {
			return 0
		}
		return m.cjk[r-cjkLo]
	}
	return m.other[r]
}

// Append appends to hits every match of a word in s, overlapping ones
// included, its offsets plus base, in order of end and, at one end,
// longest first; and returns the extended slice.
func (m *Matcher) Append(hits []Hit, s string, base int) []Hit {
	if len(m.dcell) <= 1 {
		return hits
	}
	var st int32
	for i := 0; i < len(s); {
		c := s[i]
		var id int32
		switch {
		case c < utf8.RuneSelf:
			id = m.ascii[c]
			i++
		case c >= 0xE4 && c <= 0xE9 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 && m.cjk != nil:
			// the three bytes of U+4000–U+9FFF; the table starts at U+4E00
			r := rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
			i += 3
			if r >= cjkLo {
				id = m.cjk[r-cjkLo]
			} else {
				id = m.other[r]
			}
		default:
			r, w := utf8.DecodeRuneInString(s[i:])
			i += w
			if r != utf8.RuneError || w > 1 {
				id = m.id(r)
			}
		}
		if id == 0 {
			st = 0
			continue
		}
		for {
			if t := uint(m.dcell[st].base + id); t < uint(len(m.dcell)) && m.dcell[t].check == st {
				st = int32(t)
				break
			}
			if st == 0 {
				break
			}
			st = m.fail[st]
		}
		if w := m.word[st]; w != 0 {
			hits = append(hits, Hit{Start: base + i - int(m.size[w-1]), End: base + i, Word: int(w - 1)})
		}
		for u := m.next[st]; u != 0; u = m.next[u] {
			w := m.word[u]
			hits = append(hits, Hit{Start: base + i - int(m.size[w-1]), End: base + i, Word: int(w - 1)})
		}
	}
	return hits
}
