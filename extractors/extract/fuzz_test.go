package extract_test

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/accordkg/accord/extractors/extract"
)

// FuzzExtractAuto extracts any text with the language detected, line by
// line for a bilingual page: no panic; every part's mentions on rune
// boundaries of its view; every evidence sentence a substring of the text
// that overlaps no sentence another part read; the same quads twice.
func FuzzExtractAuto(f *testing.F) {
	f.Add("上海合作组织成员国元首理事会青岛宣言\n\nQingdao Declaration of the Council of Heads of State of the SCO\n\n成员国重申恪守《上海合作组织宪章》。\n\nThe Member States reaffirm their commitment to the SCO Charter.\n")
	f.Add("成员国支持联合国的中心作用，\n\nThe Member States support the central role of the United Nations\nin international affairs.\n\n以及其他公认的国际法准则。\n")
	f.Add("1.\n\n2018-06-10\n\n成员国欢迎。\n\nwelcome\n")
	x := newExtractor(f)
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		in := extract.Input{Path: "f.txt", Raw: []byte(s)}
		res, err := x.Extract(context.Background(), in)
		if err != nil {
			return
		}
		parts := res.Each()
		for pi, part := range parts {
			d := part.Doc
			for _, m := range d.Mentions {
				if m.Start < 0 || m.End > len(d.View) || m.Start >= m.End || !utf8.RuneStart(d.View[m.Start]) || m.End < len(d.View) && !utf8.RuneStart(d.View[m.End]) {
					t.Fatalf("%s: mention span %v outside the view or off rune boundaries", d.Lang, m.Span)
				}
			}
			for _, st := range d.Statements {
				sent := d.TextOf(d.Sentences[st.Sent].Span)
				if !strings.Contains(d.Text, sent) {
					t.Fatalf("%s: evidence sentence not in the text", d.Lang)
				}
				// no sentence another part read overlaps it: the languages
				// read disjoint lines of the text
				sa, sb := d.TextOffset(d.Sentences[st.Sent].Start), d.TextOffset(d.Sentences[st.Sent].End)
				for pj, other := range parts {
					if pj == pi {
						continue
					}
					od := other.Doc
					for _, os := range od.Sentences {
						oa, ob := od.TextOffset(os.Start), od.TextOffset(os.End)
						if oa < sb && sa < ob && strings.TrimSpace(od.TextOf(os.Span)) != "" {
							t.Fatalf("%s sentence %q overlaps the %s sentence %q", d.Lang, sent, od.Lang, od.TextOf(os.Span))
						}
					}
				}
			}
		}
		again, err := x.Extract(context.Background(), in)
		if err != nil {
			t.Fatalf("second run failed: %v", err)
		}
		a, b := res.Quads(), again.Quads()
		if len(a) != len(b) {
			t.Fatalf("%d quads, then %d", len(a), len(b))
		}
		for i := range a {
			if a[i] != b[i] {
				t.Fatalf("quad %d differs: %v / %v", i, a[i], b[i])
			}
		}
	})
}
