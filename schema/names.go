package schema

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// NormalizeName is the comparison form of a name (gold-format.md, "Normalizing
// a name"): Unicode NFKC, white space deleted, title brackets and quotation
// marks stripped, and a trailing 、，。；： dropped.
func NormalizeName(s string) string {
	if PlainName(s) {
		return s
	}
	return normalizeName(s)
}

// normalizeName is NormalizeName without the check for a plain name.
func normalizeName(s string) string {
	s = norm.NFKC.String(s)
	var b strings.Builder
	for _, r := range s {
		if unicode.IsSpace(r) || strings.ContainsRune(nameStrip, r) {
			continue
		}
		b.WriteRune(r)
	}
	out := b.String()
	for {
		trimmed := strings.TrimRightFunc(out, func(r rune) bool { return strings.ContainsRune(nameTrail, r) })
		if trimmed == out {
			return out
		}
		out = trimmed
	}
}

// PlainName reports whether NormalizeName leaves s as it is: s is only
// Chinese characters of the basic block (U+4E00–U+9FFF, which NFKC
// keeps and no strip or trail list holds) and ASCII letters and digits.
// Most names are; the check spares them NFKC and a copy (here, and in the
// extractors' memos of normalized names).
func PlainName(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
			i++
		case c >= 0xE4 && c <= 0xE9 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 && (c > 0xE4 || s[i+1] >= 0xB8):
			i += 3 // U+4E00–U+9FFF
		default:
			return false
		}
	}
	return true
}

// LabelForm is the form in which a label is stored: for Chinese, the
// normalized name; for other languages, white space collapsed and brackets
// and quotation marks stripped, words kept apart. An apostrophe inside a
// word (People's, Côte d'Ivoire) is no quotation mark: it stays, as '.
func LabelForm(lang, s string) string {
	if lang == "zh" {
		return NormalizeName(s)
	}
	rs := []rune(norm.NFKC.String(s))
	var b strings.Builder
	for i, r := range rs {
		if strings.ContainsRune(nameStrip, r) {
			if (r == '\'' || r == '’') && i > 0 && i+1 < len(rs) && unicode.IsLetter(rs[i-1]) && unicode.IsLetter(rs[i+1]) {
				b.WriteRune('\'')
			}
			continue
		}
		b.WriteRune(r)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

const (
	nameStrip = "《》〈〉「」『』“”‘’\"'"
	nameTrail = "、，。；：,.;:"
)
