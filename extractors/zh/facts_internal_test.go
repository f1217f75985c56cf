package zh

import (
	"strings"
	"testing"
)

// checkStartingNear compares mentionStartingNear with mentionStartingAt
// for every mention as the hint and every offset.
func checkStartingNear(t *testing.T, n int, spans []byte) {
	t.Helper()
	d := testMentions(strings.Repeat("x", n), spans)
	for i := -1; i <= len(d.Mentions); i++ {
		for off := -1; off <= n+1; off++ {
			if got, want := mentionStartingNear(d, i, off), mentionStartingAt(d, off); got != want {
				t.Fatalf("mentionStartingNear(%d, %d) with mentions %v = %d, want %d", i, off, d.Mentions, got, want)
			}
		}
	}
}

func TestStartingNear(t *testing.T) {
	checkStartingNear(t, 0, nil)
	checkStartingNear(t, 40, []byte{0, 9, 3, 12, 3, 5, 3, 12, 30, 40, 21, 38, 9, 12})
	var many []byte
	for i := byte(0); i < 30; i++ {
		many = append(many, i, i+3)
	}
	checkStartingNear(t, 40, many)
}

// FuzzStartingNear checks mentionStartingNear, which reads the mentions
// after a hint, against the document's index, for any mentions.
func FuzzStartingNear(f *testing.F) {
	f.Add(40, []byte{0, 9, 3, 12, 3, 5, 3, 12, 30, 40, 21, 38, 9, 12})
	f.Fuzz(func(t *testing.T, n int, spans []byte) {
		checkStartingNear(t, min(max(n, 0), 64), spans)
	})
}
