package text

import (
	"fmt"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"
)

// Folder maps each rune of a text to the rune used for matching: full-width
// ASCII to ASCII, the ideographic and no-break spaces to a space, and, with
// traditional-to-simplified conversion on, a traditional character to its
// simplified form (one rune for one rune, so offsets stay aligned). The
// text itself is never changed: only the view the rules match on. A Folder
// is safe for concurrent use: its table is built once, then only read.
type Folder struct {
	// cjk maps the CJK blocks U+3400–U+9FFF and U+F900–U+FAFF; 0 means
	// "unchanged".
	cjk []rune
}

const (
	cjkLo, cjkHi       = 0x3400, 0x9FFF
	compatLo, compatHi = 0xF900, 0xFAFF
)

// NewFolder makes a Folder; t2s turns on traditional-to-simplified folding
// (OpenCC's t2s tables, applied character by character: ~10 ms once).
func NewFolder(t2s bool) (*Folder, error) {
	f := &Folder{}
	if !t2s {
		return f, nil
	}
	cc, err := opencc.New("t2s")
	if err != nil {
		return nil, fmt.Errorf("loading the traditional-to-simplified table: %w", err)
	}
	f.cjk = make([]rune, (cjkHi-cjkLo+1)+(compatHi-compatLo+1))
	conv := func(r rune, i int) {
		out, err := cc.Convert(string(r))
		if err == nil && utf8.RuneCountInString(out) == 1 {
			if s, _ := utf8.DecodeRuneInString(out); s != r {
				f.cjk[i] = s
			}
		}
	}
	for r := rune(cjkLo); r <= cjkHi; r++ {
		conv(r, int(r-cjkLo))
	}
	for r := rune(compatLo); r <= compatHi; r++ {
		conv(r, int(r-compatLo)+(cjkHi-cjkLo+1))
	}
	return f, nil
}

// Fold returns the matching form of r.
func (f *Folder) Fold(r rune) rune {
	switch {
	case r < 0x80:
		return r
	case r == 0x3000 || r == 0xA0 || r == 0x2002 || r == 0x2003 || r == 0x2009:
		return ' '
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFEE0
	case f.cjk == nil:
		return r
	case r >= cjkLo && r <= cjkHi:
		if s := f.cjk[r-cjkLo]; s != 0 {
			return s
		}
	case r >= compatLo && r <= compatHi:
		if s := f.cjk[int(r-compatLo)+(cjkHi-cjkLo+1)]; s != 0 {
			return s
		}
	}
	return r
}
