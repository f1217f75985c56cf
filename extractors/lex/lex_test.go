package lex

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// matchAll is All as first written, through the library's MatchString:
// the reference the in-place walk must agree with.
func matchAll(d *Dict, s string, base int) []Hit {
	var out []Hit
	for _, m := range d.trie.MatchString(s) {
		start := int(m.Pos())
		w := int(m.Pattern())
		out = append(out, Hit{Start: base + start, End: base + start + len(d.words[w]), Word: w})
	}
	sortHits(out)
	return out
}

func TestAll(t *testing.T) {
	d := NewDict()
	for i, w := range []string{"Shanghai", "Shanghai Cooperation Organisation", "Organisation", "ai", "上海", "上海合作组织"} {
		d.Add(w, i)
	}
	d.Compile()
	tests := []struct {
		name string
		s    string
		base int
		want []Hit
	}{
		{"empty", "", 0, nil},
		{"nothing", "Beijing", 0, nil},
		{"nested", "the Shanghai Cooperation Organisation", 10, []Hit{
			{Start: 14, End: 47, Word: 1}, {Start: 14, End: 22, Word: 0}, {Start: 20, End: 22, Word: 3}, {Start: 35, End: 47, Word: 2},
		}},
		{"Chinese", "上海合作组织", 0, []Hit{{Start: 0, End: 18, Word: 5}, {Start: 0, End: 6, Word: 4}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := d.All(tc.s, tc.base)
			if diff := cmp.Diff(matchAll(d, tc.s, tc.base), got); diff != "" {
				t.Errorf("All against MatchString (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("All(%q) (-want +got):\n%s", tc.s, diff)
			}
		})
	}
}
