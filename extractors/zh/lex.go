package zh

import (
	"sort"
	"strings"
	"unicode/utf8"

	ahocorasick "github.com/BobuSumisu/aho-corasick"
)

// dict is a compiled word list: an Aho-Corasick automaton over the words,
// each word carrying the payloads of the rules that listed it.
type dict struct {
	trie  *ahocorasick.Trie
	words []string
	vals  [][]int
}

// hit is one match of a dict word in a text.
type hit struct {
	start, end int
	word       int // index into dict.words
}

func newDict() *dict { return &dict{} }

// add lists word with payload v; the same word may carry several payloads.
func (d *dict) add(word string, v int) {
	if word == "" {
		return
	}
	for i, w := range d.words {
		if w == word {
			d.vals[i] = append(d.vals[i], v)
			return
		}
	}
	d.words = append(d.words, word)
	d.vals = append(d.vals, []int{v})
}

// compile builds the automaton; add must not be called after it.
func (d *dict) compile() {
	d.trie = ahocorasick.NewTrieBuilder().AddStrings(d.words).Build()
}

// all returns every match in s, overlapping ones included, offset by base.
func (d *dict) all(s string, base int) []hit {
	if d.trie == nil || len(d.words) == 0 {
		return nil
	}
	var out []hit
	for _, m := range d.trie.MatchString(s) {
		start := int(m.Pos())
		w := int(m.Pattern())
		out = append(out, hit{start: base + start, end: base + start + len(d.words[w]), word: w})
	}
	return out
}

// longest returns the leftmost-longest non-overlapping matches in s.
func (d *dict) longest(s string, base int) []hit {
	return leftmostLongest(d.all(s, base))
}

// leftmostLongest keeps, scanning left to right, the longest match at each
// start that does not overlap one already kept.
func leftmostLongest(hs []hit) []hit {
	sort.Slice(hs, func(i, j int) bool {
		if hs[i].start != hs[j].start {
			return hs[i].start < hs[j].start
		}
		return hs[i].end > hs[j].end
	})
	var out []hit
	last := -1
	for _, h := range hs {
		if h.start < last {
			continue
		}
		out = append(out, h)
		last = h.end
	}
	return out
}

// words is a small word list matched by prefix or suffix at a position.
type words []string

func newWordList(ws []string) words {
	out := append(words(nil), ws...)
	sort.Slice(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// at returns the longest word that s starts with at off, or "".
func (ws words) at(s string, off int) string {
	if off < 0 || off > len(s) {
		return ""
	}
	for _, w := range ws {
		if strings.HasPrefix(s[off:], w) {
			return w
		}
	}
	return ""
}

// before returns the longest word that ends at off in s, or "".
func (ws words) before(s string, off int) string {
	if off < 0 || off > len(s) {
		return ""
	}
	for _, w := range ws {
		if strings.HasSuffix(s[:off], w) {
			return w
		}
	}
	return ""
}

// has reports whether w is in the list.
func (ws words) has(w string) bool {
	for _, x := range ws {
		if x == w {
			return true
		}
	}
	return false
}

// clauseBreaks end a clause in the folded view.
const clauseBreaks = ",;:。!?"

// isClauseBreak reports whether r ends a clause.
func isClauseBreak(r rune) bool { return strings.ContainsRune(clauseBreaks, r) }

// runeAt decodes the rune at off.
func runeAt(s string, off int) (rune, int) {
	if off >= len(s) {
		return utf8.RuneError, 0
	}
	return utf8.DecodeRuneInString(s[off:])
}

// runeBefore decodes the rune that ends at off.
func runeBefore(s string, off int) (rune, int) {
	if off <= 0 {
		return utf8.RuneError, 0
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
