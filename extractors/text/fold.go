package text

import (
	"fmt"
	"sync"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"
)

// Folder maps each rune of a text to the rune used for matching: full-width
// ASCII to ASCII, the ideographic and no-break spaces to a space, and, with
// traditional-to-simplified conversion on, a traditional character to its
// simplified form (one rune for one rune, so offsets stay aligned). The
// text itself is never changed: only the view the rules match on.
type Folder struct {
	cc    *opencc.OpenCC
	mu    sync.RWMutex
	cache map[rune]rune
}

// NewFolder makes a Folder; t2s turns on traditional-to-simplified folding.
func NewFolder(t2s bool) (*Folder, error) {
	f := &Folder{cache: map[rune]rune{}}
	if t2s {
		cc, err := opencc.New("t2s")
		if err != nil {
			return nil, fmt.Errorf("loading the traditional-to-simplified table: %w", err)
		}
		f.cc = cc
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
	case r == 0x2014 || r == 0x2015 || r == 0x2013 || r == 0x2212:
		// dashes: keep as they are (section markers and ranges read them)
		return r
	case f.cc == nil || r < 0x3400:
		return r
	}
	f.mu.RLock()
	s, ok := f.cache[r]
	f.mu.RUnlock()
	if ok {
		return s
	}
	s = r
	if out, err := f.cc.Convert(string(r)); err == nil && utf8.RuneCountInString(out) == 1 {
		s, _ = utf8.DecodeRuneInString(out)
	}
	f.mu.Lock()
	f.cache[r] = s
	f.mu.Unlock()
	return s
}
