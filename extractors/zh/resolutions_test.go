package zh

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestResolutionItems(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []resolutionItem
	}{
		{"one", "第2396号决议", []resolutionItem{{0, 16, "2396"}}},
		{"year", "第2396(2017)号决议", []resolutionItem{{0, 22, "2396"}}},
		{"full-width year", "第2396（2017）号决议", []resolutionItem{{0, 26, "2396"}}},
		{"session", "第70/1号决议", []resolutionItem{{0, 16, "70/1"}}},
		{"full-width digits", "第７０号决议", []resolutionItem{{0, 18, "70"}}},
		{"list", "第1267号、第1989号和第2253号决议", []resolutionItem{{0, 10, "1267"}, {13, 23, "1989"}, {26, 42, "2253"}}},
		{"no 决议", "第1267号文件", nil},
		{"no number", "第号决议", nil},
		{"list not closed", "第1267号、有关决议", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			coordinators := newWordList([]string{"、", "和", "及", "以及"})
			got := resolutionItems(tc.text, 0, len(tc.text), &coordinators)
			if diff := cmp.Diff(tc.want, got, cmp.AllowUnexported(resolutionItem{})); diff != "" {
				t.Errorf("resolutionItems(%q) (-want +got):\n%s", tc.text, diff)
			}
		})
	}
}

// FuzzResolutionItems checks that the items lie in order inside the text
// read, each from a 第 to a 号 or 号决议.
func FuzzResolutionItems(f *testing.F) {
	for _, s := range []string{"第2396号决议", "第1267号、第1989号和第2253号决议", "第70/1(2015)号决议", "第７号", "第"} {
		f.Add(s)
	}
	coordinators := newWordList([]string{"、", "和", "及", "以及"})
	f.Fuzz(func(t *testing.T, s string) {
		items := resolutionItems(s, 0, len(s), &coordinators)
		at := 0
		for _, it := range items {
			if it.start < at || it.end > len(s) || it.start >= it.end {
				t.Fatalf("item %+v out of order or bounds in %q", it, s)
			}
			if s[it.start:it.start+len("第")] != "第" || it.num == "" {
				t.Fatalf("item %+v of %q does not start at 第 with a number", it, s)
			}
			at = it.end
		}
	})
}
