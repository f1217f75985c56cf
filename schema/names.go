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

// LabelForm is the form in which a label is stored: for Chinese, the
// normalized name; for other languages, white space collapsed and brackets
// and quotation marks stripped, words kept apart.
func LabelForm(lang, s string) string {
	if lang == "zh" {
		return NormalizeName(s)
	}
	s = norm.NFKC.String(s)
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(nameStrip, r) {
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

const (
	nameStrip = "《》〈〉「」『』“”‘’\"'"
	nameTrail = "、，。；：,.;:"
)
