package extractors

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A bilingual page (a declaration's Chinese paragraphs each followed by its
// English translation, as news sites publish them) is read once per
// language: each language's rules see only the lines written in it, and the
// results are joined into one document (see JoinParts). SplitLanguages
// decides, line by line, which language each line is in.

// Thresholds of SplitLanguages.
const (
	// minJudged is the number of bytes of letters a line needs before its
	// language is judged (one CJK character, a three-letter word); lines
	// without (numbers, "1.", "2018-06-10") are neutral and every language
	// reads them. minLineLetters is what a line needs to count towards its
	// language's share.
	minJudged      = 3
	minLineLetters = 12
	// minLineScore is the Detect score a language needs to claim a line,
	// and minLineLead its lead over the runner-up.
	minLineScore = 0.3
	minLineLead  = 0.2
	// minShare is the share of the text's judged letters a language needs
	// for the text to count as bilingual, and minBytes the least it needs
	// in absolute terms (a short English footer under a Chinese text is
	// not a second language).
	minShare = 0.05
	minBytes = 60
)

// LangPart is one language of a text whose lines are in several.
type LangPart struct {
	// Lang is the registered language code.
	Lang string
	// Letters is the number of bytes of letters in its lines.
	Letters int
	// Other are the byte ranges of the lines written in the text's other
	// languages, each with its line end: what this language's view leaves
	// out. Sorted, not overlapping.
	Other []Span
}

// SplitLanguages judges the language of each line of text with the
// registered languages' Detect and returns the languages present, the one
// with the most text first, each with the lines it must not read; nil when
// the text is in one language.
func SplitLanguages(text string) []LangPart {
	if !twoScripts(text) {
		return nil
	}
	names := Names()
	var detect []func(string) float64
	var langs []string
	for _, n := range names {
		if l, _ := Lookup(n); l.Detect != nil {
			langs = append(langs, n)
			detect = append(detect, l.Detect)
		}
	}
	if len(langs) < 2 {
		return nil
	}
	type line struct {
		Span
		lang int // index into langs, -1 neutral
	}
	var lines []line
	letters := make([]int, len(langs))
	total := 0
	for start := 0; start < len(text); {
		end := strings.IndexByte(text[start:], '\n')
		next := len(text)
		if end < 0 {
			end = len(text)
		} else {
			end += start
			next = end + 1
		}
		l := line{Span: Span{start, next}, lang: -1}
		s := text[start:end]
		if n := letterBytes(s); n >= minJudged {
			best, second, bi := 0.0, 0.0, -1
			for i, f := range detect {
				sc := f(s)
				if sc > best {
					best, second, bi = sc, best, i
				} else if sc > second {
					second = sc
				}
			}
			if bi >= 0 && best >= minLineScore && best-second >= minLineLead {
				l.lang = bi
				if n >= minLineLetters {
					letters[bi] += n
					total += n
				}
			}
		}
		lines = append(lines, l)
		start = next
	}
	var present []int
	for i, n := range letters {
		if n >= minBytes && float64(n) >= minShare*float64(total) {
			present = append(present, i)
		}
	}
	if len(present) < 2 {
		return nil
	}
	sort.SliceStable(present, func(a, b int) bool { return letters[present[a]] > letters[present[b]] })
	parts := make([]LangPart, len(present))
	for k, i := range present {
		p := LangPart{Lang: langs[i], Letters: letters[i]}
		for _, l := range lines {
			if l.lang >= 0 && l.lang != i {
				p.Other = appendSpan(p.Other, l.Span)
			}
		}
		parts[k] = p
	}
	return parts
}

// twoScripts is SplitLanguages' fast path: it reports whether text has
// enough Latin letters and enough other letters (Han, mostly) for a second
// language to hold its share, counting bytes in one pass; a text in one
// script is in one language.
func twoScripts(text string) bool {
	latin, other := 0, 0
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if c|0x20 >= 'a' && c|0x20 <= 'z' {
				latin++
			}
			i++
			continue
		}
		if c == 0xe4 || c >= 0xe5 && c <= 0xe9 { // U+4000–U+9FFF: Han, mostly
			other += 3
			i += 3
			continue
		}
		// CJK punctuation and the full-width forms, most of the rest of
		// a Chinese text, decoded inline and told from letters by a table
		var r rune
		var n int
		var letter bool
		if i+2 < len(text) && (c == 0xe3 && text[i+1] == 0x80 || c == 0xef && (text[i+1] == 0xbc || text[i+1] == 0xbd)) && text[i+2]&0xc0 == 0x80 {
			r, n = rune(c&0x0f)<<12|rune(text[i+1]&0x3f)<<6|rune(text[i+2]&0x3f), 3
			letter = symbolLetters.has(r)
		} else {
			r, n = utf8.DecodeRuneInString(text[i:])
			letter = unicode.IsLetter(r)
		}
		if letter {
			if r >= 0x2E80 {
				other += n
			} else {
				latin += n
			}
		}
		i += n
	}
	least := float64(latin+other) * minShare / 2
	return latin >= minBytes/2 && other >= minBytes/2 && float64(latin) >= least && float64(other) >= least
}

// symbolLetters tells the letters (unicode.IsLetter) of U+3000–U+303F,
// CJK symbols and punctuation, and U+FF00–U+FF7F, the full-width forms:
// made once from the unicode tables, then only read.
var symbolLetters = func() (t letterTable) {
	for k := range t.bits {
		for b := range 64 {
			if unicode.IsLetter(t.rune(k, b)) {
				t.bits[k] |= 1 << b
			}
		}
	}
	return t
}()

// letterTable holds a bit per rune of U+3000–U+303F (word 0) and
// U+FF00–U+FF7F (words 1 and 2).
type letterTable struct {
	bits [3]uint64
}

// rune returns the rune of bit b of word k.
func (t *letterTable) rune(k, b int) rune {
	if k == 0 {
		return rune(0x3000 + b)
	}
	return rune(0xFF00 + 64*(k-1) + b)
}

// has reports whether r, a rune of the table's ranges, is a letter.
func (t *letterTable) has(r rune) bool {
	if r < 0xFF00 {
		return t.bits[0]>>(r-0x3000)&1 != 0
	}
	off := r - 0xFF00
	return t.bits[1+off/64]>>(off%64)&1 != 0
}

// letterBytes counts the bytes of the letters in s (a CJK character counts
// its three bytes, about what a short English word weighs).
func letterBytes(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n += utf8.RuneLen(r)
		}
	}
	return n
}

// appendSpan appends s to sorted spans, joining it to the last one when
// they touch.
func appendSpan(spans []Span, s Span) []Span {
	if k := len(spans); k > 0 && spans[k-1].End >= s.Start {
		if s.End > spans[k-1].End {
			spans[k-1].End = s.End
		}
		return spans
	}
	return append(spans, s)
}

// MaskSpans returns text with the bytes of spans, line ends excepted,
// replaced by spaces: the same offsets, the same lines, with those lines
// blank (for layout analysis of one language's lines).
func MaskSpans(text string, spans []Span) string {
	if len(spans) == 0 {
		return text
	}
	b := []byte(text)
	for _, s := range spans {
		for i := s.Start; i < s.End; i++ {
			if b[i] != '\n' {
				b[i] = ' '
			}
		}
	}
	return string(b)
}

// ExcludeLines makes a layout (found on the text with other masked, see
// MaskSpans) leave out the other languages' lines too: their byte ranges
// are dropped, and a join of hard-wrapped lines across them is undone,
// since on a bilingual page a paragraph ends where its translation starts.
func ExcludeLines(lay *Layout, other []Span) {
	if len(other) == 0 {
		return
	}
	bridges := func(d Span) bool {
		i := sort.Search(len(other), func(i int) bool { return other[i].End > d.Start })
		return i < len(other) && d.Contains(other[i])
	}
	var keep []Span
	unspace := map[int]bool{}
	for _, d := range lay.Drop {
		if bridges(d) {
			unspace[d.Start-1] = true // a join of words keeps one line end as a space
			continue
		}
		keep = append(keep, d)
	}
	if len(unspace) > 0 {
		var space []int
		for _, o := range lay.Space {
			if !unspace[o] {
				space = append(space, o)
			}
		}
		lay.Space = space
	}
	lay.Drop = MergeSpans(keep, other)
}

// MergeSpans returns the union of two sorted lists of spans, sorted, with
// overlapping or touching spans joined.
func MergeSpans(a, b []Span) []Span {
	all := make([]Span, 0, len(a)+len(b))
	all = append(append(all, a...), b...)
	sort.Slice(all, func(i, j int) bool { return all[i].Start < all[j].Start })
	var out []Span
	for _, s := range all {
		out = appendSpan(out, s)
	}
	return out
}

// JoinParts joins the results of one text read by several languages' rules
// (SplitLanguages) into one: the first part's document stands for the
// whole, the entities are the union, and Quads writes every part's graph
// under the one document IRI. One part is returned as it is.
func JoinParts(parts []*Result) *Result {
	if len(parts) == 1 {
		return parts[0]
	}
	r := &Result{Doc: parts[0].Doc, Parts: parts}
	seen := map[string]bool{}
	for _, p := range parts {
		for _, e := range p.Entities {
			if !seen[e.IRI] {
				seen[e.IRI] = true
				r.Entities = append(r.Entities, e)
			}
		}
	}
	return r
}

// Each returns the results a caller walks sentence by sentence: the parts
// of a bilingual text, or r itself.
func (r *Result) Each() []*Result {
	if len(r.Parts) > 0 {
		return r.Parts
	}
	return []*Result{r}
}
