package en

import (
	"sort"
	"strings"

	"github.com/accordkg/accord/internal/acm"
)

// dict is a compiled word list matched in a key string: an Aho-Corasick
// automaton over the words (internal/acm), each word
// carrying the payloads (rule or entry indexes) of the rules that listed
// it. It walks the key bytes in place and appends its hits to a slice the
// caller reuses, so that matching a document allocates nothing per
// sentence or per hit. (zh/lex.go has the Chinese twin over the view.)
type dict struct {
	m     *acm.Matcher
	words []string
	index map[string]int
	vals  [][]int
	// seqs are the words' keys (a word is keys joined by spaces); byFirst
	// indexes the words by first key, longest first; first is the
	// signature of the first keys.
	seqs    [][]string
	byFirst map[string][]int
	first   keySig
}

// tokHit is a match of a dict word on tokens: the token range [i, j) and
// the word's index.
type tokHit struct {
	i, j, word int
}

// dictHit is one match of a dict word: byte offsets into the key string
// and the word's index.
type dictHit = acm.Hit

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
	d.byFirst = map[string][]int{}
	for i, w := range d.words {
		seq := strings.Split(w, " ")
		d.seqs = append(d.seqs, seq)
		d.byFirst[seq[0]] = append(d.byFirst[seq[0]], i)
		d.first.add(seq[0])
	}
	for _, ws := range d.byFirst {
		sort.SliceStable(ws, func(a, b int) bool { return len(d.seqs[ws[a]]) > len(d.seqs[ws[b]]) })
	}
}

// match appends to out the words that match the tokens [lo, hi) on their
// keys, ordered by first token and then longest first. These are the hits
// in the key string of the tokens that start and end on token boundaries
// (a token's key holds no space), found without scanning the bytes.
func (d *dict) match(ts []token, lo, hi int, out []tokHit) []tokHit {
	for k := lo; k < hi; k++ {
		key := ts[k].Key
		if !d.first.may(key) {
			continue
		}
	words:
		for _, w := range d.byFirst[key] {
			seq := d.seqs[w]
			if k+len(seq) > hi {
				continue
			}
			for m := 1; m < len(seq); m++ {
				if ts[k+m].Key != seq[m] {
					continue words
				}
			}
			out = append(out, tokHit{i: k, j: k + len(seq), word: w})
		}
	}
	return out
}

// payloads returns the payloads of word i, in the order they were added.
func (d *dict) payloads(i int) []int { return d.vals[i] }

// has reports whether word is one of the words.
func (d *dict) has(word string) bool {
	_, ok := d.index[word]
	return ok
}

// hits appends to out every match in s (overlapping ones included),
// offset by base, ordered by start and then longest first.
func (d *dict) hits(s string, base int, out []dictHit) []dictHit {
	if d.m == nil {
		return out
	}
	from := len(out)
	out = d.m.Append(out, s, base)
	hs := out[from:]
	// The automaton reports matches by end; most texts have few overlaps,
	// so check the order before sorting.
	if !sort.SliceIsSorted(hs, func(i, j int) bool { return hitBefore(hs[i], hs[j]) }) {
		sort.SliceStable(hs, func(i, j int) bool { return hitBefore(hs[i], hs[j]) })
	}
	return out
}

func hitBefore(a, b dictHit) bool {
	if a.Start != b.Start {
		return a.Start < b.Start
	}
	return a.End > b.End
}

// longestTokHits keeps, scanning left to right, the longest hit at each
// start that does not overlap one already kept (hs must be ordered as
// match orders them); it filters hs in place.
func longestTokHits(hs []tokHit) []tokHit {
	out := hs[:0]
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
