package zh

import (
	"unicode/utf8"

	"github.com/accordkg/accord/extractors"
)

// runeSet holds the first runes of a word list's words in a hashed bit
// set: a walk over a clause that asks at every rune whether a word starts
// there asks the list only where the rune is in the set (a word of valid
// UTF-8 that starts at an offset starts with the rune decoded there).
type runeSet struct {
	bits [runeSetBits / 64]uint64
	// any is set when a word does not start with a valid rune: then any
	// rune may start one.
	any bool
}

// runeSetBits is the size of a runeSet's bit set.
const runeSetBits = 1024

// newRuneSet returns the set of the first runes of ws's words.
func newRuneSet(ws *words) runeSet {
	var s runeSet
	for _, w := range ws.list {
		r, n := utf8.DecodeRuneInString(w)
		if n == 0 || r == utf8.RuneError && n == 1 {
			s.any = true
			continue
		}
		h := runeSetHash(r)
		s.bits[h/64] |= 1 << (h % 64)
	}
	return s
}

// runeSetHash maps a rune to a bit of a runeSet.
func runeSetHash(r rune) uint32 {
	return uint32(r) * 2654435761 >> 22 // the top 10 bits: runeSetBits
}

// has reports whether a word may start with r: false when none does.
func (s *runeSet) has(r rune) bool {
	h := runeSetHash(r)
	return s.any || s.bits[h/64]&(1<<(h%64)) != 0
}

// maxPairRunes is how many runes after a mention inPairs reads for the
// closer of an adverbial.
const maxPairRunes = 60

// pairWords are the words that open and close an adverbial (在…框架内),
// and the first runes of the closers.
type pairWords struct {
	open, close *words
	first       runeSet
}

func newPairWords(open, close *words) pairWords {
	return pairWords{open: open, close: close, first: newRuneSet(close)}
}

// inPairs reports whether sp lies in an adverbial of a and in one of b,
// within the clause that starts at from: inPairScan of each, with one walk
// for the two closers.
func inPairs(v string, from int, sp extractors.Span, a, b *pairWords) (inA, inB bool) {
	inA, inB = closersAfter(v, sp.End, a, b)
	inA = inA && openedBefore(v, from, sp.Start, a.open)
	inB = inB && openedBefore(v, from, sp.Start, b.open)
	return inA, inB
}

// closersAfter reports whether a closer of a, and one of b, starts at
// most maxPairRunes runes after off, before a clause break or a newline:
// the closer of an adverbial that a mention ending at off may lie in. It
// walks rune by rune as inPairScan does, the three-byte runes decoded
// inline, and asks a word list only where its first runes have the rune.
func closersAfter(v string, off int, a, b *pairWords) (inA, inB bool) {
	for p, n := off, 0; p < len(v) && n < maxPairRunes; n++ {
		var r rune
		var w int
		if b0 := v[p]; b0 < utf8.RuneSelf {
			r, w = rune(b0), 1
		} else if b0 >= 0xE1 && b0 != 0xED && b0 < 0xF0 && p+2 < len(v) && v[p+1]&0xC0 == 0x80 && v[p+2]&0xC0 == 0x80 {
			// what runeAt decodes inline
			r, w = rune(b0&0x0F)<<12|rune(v[p+1]&0x3F)<<6|rune(v[p+2]&0x3F), 3
		} else {
			r, w = runeAt(v, p)
		}
		if !inA && a.first.has(r) && a.close.at(v, p) != "" {
			inA = true
		}
		if !inB && b.first.has(r) && b.close.at(v, p) != "" {
			inB = true
		}
		if inA && inB || isClauseBreak(r) || r == '\n' {
			break
		}
		p += w
	}
	return inA, inB
}

// Bits of a cueBytes table.
const (
	cueFirst = 1 << iota // a word starts with the byte
	cueThird             // a word has the byte third, or one is shorter
)

// cueBytes returns the bytes ws's words start with (cueFirst) and have
// third (cueThird), or nil when a word is empty or starts with a
// continuation byte (then clauseNegated reads rune by rune). A word that
// starts at an offset has its third byte two bytes on; a word shorter
// than three bytes marks every byte cueThird.
func cueBytes(ws *words) *[256]uint8 {
	out := new([256]uint8)
	short := false
	for _, w := range ws.list {
		if w == "" || !utf8.RuneStart(w[0]) {
			return nil
		}
		out[w[0]] |= cueFirst
		if len(w) < 3 {
			short = true
		} else {
			out[w[2]] |= cueThird
		}
	}
	if short {
		for b := range out {
			out[b] |= cueThird
		}
	}
	return out
}
