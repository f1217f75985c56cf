// Package lex holds the word-list matching that every language recipe
// needs: a Dict compiles a list of words into one Aho-Corasick automaton,
// each word carrying the payloads (rule or entry indexes) of the rules that
// listed it, and LeftmostLongest picks the non-overlapping matches a
// gazetteer keeps. Name lists are matched with it, never with regular
// expressions. (The Chinese recipe keeps its own copy in extractors/zh;
// it can switch to this package without changing behaviour.)
package lex

import (
	"sort"
	"unsafe"

	ahocorasick "github.com/BobuSumisu/aho-corasick"
)

// Dict is a compiled word list: an Aho-Corasick automaton over the words,
// each word carrying the payloads of the rules that listed it.
type Dict struct {
	trie  *ahocorasick.Trie
	words []string
	index map[string]int
	vals  [][]int
}

// Hit is one match of a Dict word in a text.
type Hit struct {
	// Start and End are byte offsets (offset by the base given to All).
	Start, End int
	// Word is the index of the word in the Dict.
	Word int
}

// NewDict returns an empty Dict.
func NewDict() *Dict { return &Dict{index: map[string]int{}} }

// Add lists word with payload v; the same word may carry several payloads.
func (d *Dict) Add(word string, v int) {
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

// Compile builds the automaton; Add must not be called after it.
func (d *Dict) Compile() {
	d.trie = ahocorasick.NewTrieBuilder().AddStrings(d.words).Build()
}

// Len returns the number of distinct words.
func (d *Dict) Len() int { return len(d.words) }

// Word returns word i.
func (d *Dict) Word(i int) string { return d.words[i] }

// Payloads returns the payloads of word i, in the order they were added.
func (d *Dict) Payloads(i int) []int { return d.vals[i] }

// All returns every match in s, overlapping ones included, offset by base,
// ordered by start and then longest first.
func (d *Dict) All(s string, base int) []Hit {
	if d.trie == nil || len(d.words) == 0 {
		return nil
	}
	var out []Hit
	if s == "" {
		return out
	}
	// Walk over the string's bytes, not a copy (MatchString copies the
	// text and allocates every match); the automaton only reads them
	d.trie.Walk(unsafe.Slice(unsafe.StringData(s), len(s)), func(end, n, pattern int64) bool {
		e := base + int(end) + 1
		out = append(out, Hit{Start: e - int(n), End: e, Word: int(pattern)})
		return true
	})
	sortHits(out)
	return out
}

// Longest returns the leftmost-longest non-overlapping matches in s.
func (d *Dict) Longest(s string, base int) []Hit {
	return LeftmostLongest(d.All(s, base))
}

func sortHits(hs []Hit) {
	sort.SliceStable(hs, func(i, j int) bool {
		if hs[i].Start != hs[j].Start {
			return hs[i].Start < hs[j].Start
		}
		return hs[i].End > hs[j].End
	})
}

// LeftmostLongest keeps, scanning left to right, the longest hit at each
// start that does not overlap one already kept.
func LeftmostLongest(hs []Hit) []Hit {
	hs = append([]Hit(nil), hs...)
	sortHits(hs)
	var out []Hit
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
