package zh

import (
	"strings"
	"testing"

	"github.com/accordkg/accord/extractors"
)

// checkInPair asks inPair and inPairScan whether each span qs picks (triples of offsets: clause
// start, span start, span end; moved to rune starts with the first of two
// word lists, where mentions lie, and left where they are with the
// second) lies in a pair of the lists, and fails when they differ.
func checkInPair(t *testing.T, s string, qs []byte) {
	t.Helper()
	lists := [][2][]string{
		{{"在", "以"}, {"框架内", "框架下", "为基础", "形式"}},
		{{"a", "在"}, {"b", "bc", "基础上", "\xbc", "\ufffd", "。"}},
	}
	for k, l := range lists {
		open, close := newWordList(l[0]), newWordList(l[1])
		first := newRuneSet(&close)
		r := &Relations{}
		for i := 0; i+2 < len(qs); i += 3 {
			at := func(b byte) int {
				if k == 1 {
					return int(b) % (len(s) + 1)
				}
				return runeStart(s, int(b)%(len(s)+1))
			}
			from, a, b := at(qs[i]), at(qs[i+1]), at(qs[i+2])
			if a > b {
				a, b = b, a
			}
			sp := extractors.Span{Start: a, End: b}
			if got, want := r.inPair(s, from, sp, &open, &close, &first), inPairScan(s, from, sp, &open, &close); got != want {
				t.Fatalf("inPair(%q, %d, %v) with %q = %v, want %v (question %d of %v)", s, from, sp, l, got, want, i/3, qs)
			}
		}
	}
}

func TestInPair(t *testing.T) {
	long := "在" + strings.Repeat("国", 70) + "框架内"
	// the closer 59 and 60 runes after the mention: found, not found
	edge := "在国" + strings.Repeat("国", 59) + "框架内,在国" + strings.Repeat("x", 60) + "框架内"
	for _, c := range []struct {
		s  string
		qs []byte
	}{
		{"在上海合作组织框架内,在b", []byte{0, 3, 9, 0, 9, 21, 0, 3, 6, 0, 21, 27, 27, 30, 31}},
		{long, []byte{0, 3, 6, 0, 3, 9, 0, 3, 30, 0, 3, 200, 0, 3, 3}},
		{edge, []byte{0, 3, 6, 190, 196, 199}},
		{"a\xe4bc\n在xb", []byte{0, 1, 1, 0, 0, 2, 0, 3, 3, 5, 6, 7, 0, 0, 0}},
	} {
		checkInPair(t, c.s, c.qs)
	}
}

// FuzzInPair checks inPair, which asks the closers only after the runes
// they start with, against inPairScan, which asks them at every rune, on
// any text.
func FuzzInPair(f *testing.F) {
	f.Add("在上海合作组织框架内,在b", []byte{0, 3, 9, 0, 9, 21, 0, 3, 6, 0, 21, 27})
	f.Add("在"+strings.Repeat("国", 70)+"框架内", []byte{0, 3, 6, 0, 3, 9, 0, 3, 30, 0, 3, 200})
	f.Add("a\xe4bc\n在xbab,b", []byte{0, 1, 1, 0, 0, 2, 0, 3, 3, 5, 6, 7})
	f.Fuzz(func(t *testing.T, s string, qs []byte) {
		if len(s) > 255 {
			s = s[:255]
		}
		checkInPair(t, s, qs)
	})
}
