package extractors

import (
	"testing"
	"unicode"
	"unicode/utf8"
)

// referenceTwoScripts is twoScripts as first written, every rune that is
// neither ASCII nor U+4000–U+9FFF decoded by the utf8 package and asked
// about by unicode.IsLetter: the oracle of the table of symbolLetters.
func referenceTwoScripts(text string) bool {
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
		if c == 0xe4 || c >= 0xe5 && c <= 0xe9 {
			other += 3
			i += 3
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if r >= 0x2E80 && unicode.IsLetter(r) {
			other += n
		} else if unicode.IsLetter(r) {
			latin += n
		}
		i += n
	}
	least := float64(latin+other) * minShare / 2
	return latin >= minBytes/2 && other >= minBytes/2 && float64(latin) >= least && float64(other) >= least
}

// TestSymbolLetters checks the table against unicode.IsLetter.
func TestSymbolLetters(t *testing.T) {
	for r := rune(0x3000); r <= 0xFF7F; r++ {
		if r == 0x3040 {
			r = 0xFF00
		}
		if got, want := symbolLetters.has(r), unicode.IsLetter(r); got != want {
			t.Errorf("symbolLetters.has(%U) = %v, want %v", r, got, want)
		}
	}
}

// FuzzTwoScripts checks twoScripts against the rune-by-rune reference on
// any text, repeated to weigh enough.
func FuzzTwoScripts(f *testing.F) {
	f.Add("上海合作组织成员国，。《》ＡＢｃ〆々 The Member States reaffirmed", 3)
	f.Add("\xef\xbc\xe3\x80\xff ａｂｃ　、。abc", 20)
	f.Add("ＳＣＯ成员国ｱｲｳ", 30)
	f.Fuzz(func(t *testing.T, s string, n int) {
		text := ""
		for range min(max(n, 1), 40) {
			text += s
		}
		if got, want := twoScripts(text), referenceTwoScripts(text); got != want {
			t.Errorf("twoScripts(%q) = %v, want %v", text, got, want)
		}
	})
}
