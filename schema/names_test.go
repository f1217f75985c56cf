package schema

import (
	"testing"
	"unicode/utf8"
)

// checkPlainName checks that a name PlainName passes is one the full
// normalization leaves as it is.
func checkPlainName(t *testing.T, s string) {
	t.Helper()
	if PlainName(s) {
		if got := normalizeName(s); got != s {
			t.Fatalf("PlainName(%q), but its normal form is %q", s, got)
		}
	}
	if got, want := NormalizeName(s), normalizeName(s); got != want {
		t.Fatalf("NormalizeName(%q) = %q, want %q", s, got, want)
	}
}

func TestPlainName(t *testing.T) {
	for _, tc := range []struct {
		s     string
		plain bool
	}{
		{"", true},
		{"上海合作组织", true},
		{"G20", true},
		{"一带一路", true},
		{"丁", true},      // U+4E01, the block's start
		{"㐀", false},     // U+3400, extension A: left to NFKC
		{"上海 合作", false}, // a space
		{"《宪章》", false},
		{"上海合作组织、", false},
		{"ＳＣＯ", false}, // full-width letters NFKC folds
		{"\xe4\xb8", false},
	} {
		t.Run(tc.s, func(t *testing.T) {
			if got := PlainName(tc.s); got != tc.plain {
				t.Errorf("PlainName(%q) = %v, want %v", tc.s, got, tc.plain)
			}
			checkPlainName(t, tc.s)
		})
	}
}

func FuzzPlainName(f *testing.F) {
	for _, s := range []string{"上海合作组织", "G20", "《宪章》", "ＳＣＯ", "上海 合作"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		checkPlainName(t, s)
	})
}
