package zh

import (
	"strings"
	"testing"

	"github.com/accordkg/accord/extractors"
)

// checkInPairs asks inPairs, and inPairScan of each pair, whether each
// span qs picks (triples of offsets: clause start, span start, span end;
// moved to rune starts for the first two pairs of word lists, where
// mentions lie, and left where they are for the other two) lies in a pair
// of each, and fails when they differ.
func checkInPairs(t *testing.T, s string, qs []byte) {
	t.Helper()
	lists := [][2][]string{
		{{"在", "以"}, {"框架内", "框架下", "为基础", "形式"}},
		{{"在"}, {"基础上"}},
		{{"a", "在"}, {"b", "bc", "基础上", "\xbc", "\ufffd", "。"}},
		{{"c"}, {"c", "框架内"}},
	}
	for k := 0; k < len(lists); k += 2 {
		var ws [4]words
		for j := range ws {
			ws[j] = newWordList(lists[k+j/2][j%2])
		}
		a, b := newPairWords(&ws[0], &ws[1]), newPairWords(&ws[2], &ws[3])
		for i := 0; i+2 < len(qs); i += 3 {
			at := func(c byte) int {
				if k > 0 {
					return int(c) % (len(s) + 1)
				}
				return runeStart(s, int(c)%(len(s)+1))
			}
			from, x, y := at(qs[i]), at(qs[i+1]), at(qs[i+2])
			if x > y {
				x, y = y, x
			}
			sp := extractors.Span{Start: x, End: y}
			inA, inB := inPairs(s, from, sp, &a, &b)
			wantA, wantB := inPairScan(s, from, sp, a.open, a.close), inPairScan(s, from, sp, b.open, b.close)
			if inA != wantA || inB != wantB {
				t.Fatalf("inPairs(%q, %d, %v) with %q = %v, %v, want %v, %v", s, from, sp, lists[k:k+2], inA, inB, wantA, wantB)
			}
		}
	}
}

func TestInPairs(t *testing.T) {
	long := "在" + strings.Repeat("国", 70) + "框架内"
	// the closer 59 and 60 runes after the mention: found, not found
	edge := "在国" + strings.Repeat("国", 59) + "框架内,在国" + strings.Repeat("x", 60) + "框架内"
	for _, c := range []struct {
		s  string
		qs []byte
	}{
		{"在上海合作组织框架内,在b", []byte{0, 3, 9, 0, 9, 21, 0, 3, 6, 0, 21, 27, 27, 30, 31}},
		{"在上海合作组织基础上和框架内,在c", []byte{0, 3, 9, 0, 9, 21, 0, 3, 6, 0, 21, 27, 27, 30, 31}},
		{"在上海框架内和基础上,在cc", []byte{0, 3, 9, 0, 3, 6, 30, 31, 32}},
		{"在上海。框架内\n基础上;在上海", []byte{0, 3, 9, 0, 12, 21}},
		{long, []byte{0, 3, 6, 0, 3, 9, 0, 3, 30, 0, 3, 200, 0, 3, 3}},
		{edge, []byte{0, 3, 6, 190, 196, 199}},
		{"a\xe4bc\n在xb", []byte{0, 1, 1, 0, 0, 2, 0, 3, 3, 5, 6, 7, 0, 0, 0}},
	} {
		checkInPairs(t, c.s, c.qs)
	}
}

// FuzzInPairs checks inPairs, which walks once for two closers and asks
// them only after the runes they start with, against inPairScan of each,
// which asks at every rune, on any text.
func FuzzInPairs(f *testing.F) {
	f.Add("在上海合作组织框架内,在b", []byte{0, 3, 9, 0, 9, 21, 0, 3, 6, 0, 21, 27})
	f.Add("在上海合作组织基础上和框架内,在c", []byte{0, 3, 9, 0, 9, 21, 0, 3, 6, 0, 21, 27})
	f.Add("在上海框架内和基础上,在cc", []byte{0, 3, 9, 0, 3, 6, 30, 31, 32})
	f.Add("在"+strings.Repeat("国", 70)+"框架内", []byte{0, 3, 6, 0, 3, 9, 0, 3, 30, 0, 3, 200})
	f.Add("a\xe4bc\n在xbab,b", []byte{0, 1, 1, 0, 0, 2, 0, 3, 3, 5, 6, 7})
	f.Fuzz(func(t *testing.T, s string, qs []byte) {
		if len(s) > 255 {
			s = s[:255]
		}
		checkInPairs(t, s, qs)
	})
}
