package extractors

import "testing"

func TestRomanNumeral(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
	}{
		{"XV", 15}, {"IX", 9}, {"XIV", 14}, {"XLII", 42}, {"CCCXCIX", 399}, {"II", 2},
		{"V", 5}, {"X", 10},
		{"I", 0}, {"L", 0}, {"C", 0}, // single letters that are rarely numbers
		{"IIII", 0}, {"VX", 0}, {"IC", 0}, {"xv", 0}, {"CD", 0}, {"SCO", 0}, {"", 0}, {"CCCC", 0},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := RomanNumeral(tc.in); got != tc.want {
				t.Errorf("RomanNumeral(%q) = %d, want %d", tc.in, got, tc.want)
			}
		})
	}
	if got := OrdinalIn("XV BRICS Summit"); got != 15 {
		t.Errorf("OrdinalIn(XV BRICS Summit) = %d, want 15", got)
	}
}

// FuzzRomanNumeral checks that a numeral read back is written the same.
func FuzzRomanNumeral(f *testing.F) {
	for _, s := range []string{"XV", "IX", "IIII", "XLIX", "V"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if n := RomanNumeral(s); n > 0 && roman(n) != s {
			t.Errorf("RomanNumeral(%q) = %d, written %q", s, n, roman(n))
		}
	})
}
