package zh_test

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/accordkg/accord/extractors"
	"github.com/accordkg/accord/extractors/extract"
)

func TestDates(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // text → from[..to]
	}{
		{"day", "2018年6月10日", []string{"2018年6月10日 2018-06-10"}},
		{"month", "2017年9月", []string{"2017年9月 2017-09"}},
		{"year", "2017年在中国", []string{"2017年 2017"}},
		{"range of days", "2018年5月3日至4日", []string{"2018年5月3日至4日 2018-05-03..2018-05-04"}},
		{"range across months", "2018年5月30日至6月2日", []string{"2018年5月30日至6月2日 2018-05-30..2018-06-02"}},
		{"year from context", "2019年6月，6月9日至10日", []string{"2019年6月 2019-06", "6月9日至10日 2019-06-09..2019-06-10"}},
		{"Chinese numerals", "二〇一八年六月十日", []string{"二〇一八年六月十日 2018-06-10"}},
		{"Chinese numerals, twenties", "二〇一九年十二月二十三日", []string{"二〇一九年十二月二十三日 2019-12-23"}},
		{"full-width digits", "２０１８年６月１０日", []string{"２０１８年６月１０日 2018-06-10"}},
		{"not a date: a duration", "十年来", nil},
		{"到 ending a verb opens no range", "成员国注意到2018年10月在杜尚别", []string{"2018年10月 2018-10"}},
		{"not a date: month 13", "2018年13月1日", nil},
		{"years in a title are not dates", "《2018－2023年禁毒战略》", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := run(t, "某宣言\n\n"+tt.text+"。")
			d := res.Doc
			var got []string
			for _, dm := range d.Dates {
				s := d.TextOf(dm.Span) + " " + dm.From.Lexical()
				if dm.IsRange() {
					s += ".." + dm.To.Lexical()
				}
				got = append(got, s)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("dates (-want +got):\n%s", diff)
			}
		})
	}
}

// FuzzExtract runs the whole Chinese pipeline on arbitrary text: no panic;
// every mention on rune boundaries inside the text; every evidence
// sentence a substring of the text; the same input gives the same quads.
func FuzzExtract(f *testing.F) {
	f.Add("上海合作组织成员国元首理事会宣言\n\n成员国重申恪守2007年8月16日在比什凯克签署的《上合组织成员国长期睦邻友好合作条约》。")
	f.Add("宣言\n\n成员国欢迎哈萨克斯坦关于在联合国框架内制定行为准则的倡议，“和平使命”军事反恐演习")
	f.Add("《《〈〉》\n“”（以下称“A”）的倡议第十届联合国大会")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		in := extract.Input{Path: "f.txt", Lang: "zh", Raw: []byte(s)}
		res, err := extractor(t).Extract(context.Background(), in)
		if err != nil {
			return
		}
		d := res.Doc
		for _, m := range d.Mentions {
			if m.Start < 0 || m.End > len(d.View) || m.Start >= m.End || !utf8.RuneStart(d.View[m.Start]) || m.End < len(d.View) && !utf8.RuneStart(d.View[m.End]) {
				t.Fatalf("mention span %v outside the text or off rune boundaries", m.Span)
			}
		}
		for _, st := range d.Statements {
			if st.Actor < 0 || st.Actor >= len(d.Mentions) || st.Target < 0 || st.Target >= len(d.Mentions) {
				t.Fatalf("statement %+v points nowhere", st)
			}
			if !strings.Contains(d.Text, d.TextOf(d.Sentences[st.Sent].Span)) {
				t.Fatalf("evidence sentence not in the text")
			}
		}
		again, err := extractor(t).Extract(context.Background(), in)
		if err != nil {
			t.Fatalf("second run failed: %v", err)
		}
		a, b := res.Quads(), again.Quads()
		if len(a) != len(b) {
			t.Fatalf("not deterministic: %d then %d quads", len(a), len(b))
		}
		for i := range a {
			if a[i] != b[i] {
				t.Fatalf("not deterministic at quad %d: %v vs %v", i, a[i], b[i])
			}
		}
	})
}

// FuzzDates reads dates in arbitrary text around date-like seeds: no panic,
// months 1–12, days 1–31, ranges not ending before they start.
func FuzzDates(f *testing.F) {
	for _, s := range []string{"2018年6月10日", "2018年5月3日至4日", "6月9日至10日", "二〇一八年六月十日", "2017年9月", "２０１８年１３月", "2019年12月31日至2020年1月2日"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		res, err := extractor(t).Extract(context.Background(), extract.Input{Path: "d.txt", Lang: "zh", Raw: []byte("宣言\n\n" + s + "。")})
		if err != nil {
			return
		}
		for _, dm := range res.Doc.Dates {
			for _, x := range []extractors.Date{dm.From, dm.To} {
				if x.Year == 0 {
					continue
				}
				if x.Month < 0 || x.Month > 12 || x.Day < 0 || x.Day > 31 || x.Precision == extractors.Day && (x.Month == 0 || x.Day == 0) {
					t.Fatalf("bad date %+v from %q", x, s)
				}
			}
		}
	})
}

// FuzzTitles recognizes instrument titles in arbitrary bracketed text: no
// panic, every instrument has a label, and 《X》 gives an instrument whose
// label is X normalized.
func FuzzTitles(f *testing.F) {
	for _, s := range []string{"上合组织宪章", "中亚无核武器区条约》议定书", "2018 - 2023年禁毒战略", "关于〈上海合作组织宪章〉的议定书", "防止外空军备竞赛》决议"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || strings.ContainsAny(s, "\n\r") {
			return
		}
		res, err := extractor(t).Extract(context.Background(), extract.Input{Path: "t.txt", Lang: "zh", Raw: []byte("宣言\n\n成员国重申恪守《" + s + "》。")})
		if err != nil {
			return
		}
		for _, e := range res.Entities {
			if e.Label == "" {
				t.Fatalf("entity %s without a label", e.IRI)
			}
		}
	})
}
