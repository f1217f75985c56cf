package zh

import (
	"unicode/utf8"

	"github.com/accordkg/accord/extractors"
)

// maxPairRunes is how many runes after a mention inPairs reads for the
// closer of an adverbial.
const maxPairRunes = 60

// pairWords are the words that open and close an adverbial (在…框架内),
// and the closers' bytes (cueBytes; every bit set when they are no
// guide).
type pairWords struct {
	open, close *words
	bytes       [256]uint8
}

func newPairWords(open, close *words) pairWords {
	pw := pairWords{open: open, close: close}
	if cb := cueBytes(close); cb != nil {
		pw.bytes = *cb
	} else {
		for b := range pw.bytes {
			pw.bytes[b] = cueFirst | cueThird
		}
	}
	return pw
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
// walks rune by rune as inPairScan does, the three-byte runes read
// inline, and asks a word list only where the bytes of its words stand
// (their first byte, and at a three-byte rune their third two bytes on).
func closersAfter(v string, off int, a, b *pairWords) (inA, inB bool) {
	for p, n := off, 0; p < len(v) && n < maxPairRunes; n++ {
		c := v[p]
		if c >= 0xE1 && c != 0xED && c < 0xF0 && p+2 < len(v) && v[p+1]&0xC0 == 0x80 && v[p+2]&0xC0 == 0x80 {
			// a whole three-byte rune (as runeAt reads it)
			c2 := v[p+2]
			if !inA && a.bytes[c]&cueFirst != 0 && a.bytes[c2]&cueThird != 0 && a.close.at(v, p) != "" {
				inA = true
			}
			if !inB && b.bytes[c]&cueFirst != 0 && b.bytes[c2]&cueThird != 0 && b.close.at(v, p) != "" {
				inB = true
			}
			if inA && inB || c == 0xE3 && v[p+1] == 0x80 && c2 == 0x82 { // 。
				break
			}
			p += 3
			continue
		}
		if !inA && a.bytes[c]&cueFirst != 0 && a.close.at(v, p) != "" {
			inA = true
		}
		if !inB && b.bytes[c]&cueFirst != 0 && b.close.at(v, p) != "" {
			inB = true
		}
		r, w := runeAt(v, p)
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
