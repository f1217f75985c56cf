package extract_test

import (
	"context"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/accordkg/accord/extractors"
	"github.com/accordkg/accord/extractors/extract"
)

// acrossLanguages is one text per language that names the same things.
type acrossLanguages []struct{ lang, text string }

// check extracts each text and compares what got reads from it with want.
func (tcs acrossLanguages) check(t *testing.T, want []string, got func(d *extractors.Document) []string) {
	t.Helper()
	for _, tc := range tcs {
		t.Run(tc.lang, func(t *testing.T) {
			res, err := newExtractor(t).Extract(context.Background(), extract.Input{Path: tc.lang + ".txt", Lang: tc.lang, Raw: []byte(tc.text)})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got(res.Doc)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// targets returns the IRIs of the statements' targets, in text order.
func targets(d *extractors.Document) []string {
	var out []string
	for _, s := range d.Statements {
		out = append(out, d.Mentions[s.Target].IRI)
	}
	return out
}

// factSubjects returns the IRIs of the facts' subjects, sorted, each once.
func factSubjects(d *extractors.Document) []string {
	set := map[string]bool{}
	for _, f := range d.Facts {
		set[d.Mentions[f.Subject].IRI] = true
	}
	return sortedKeys(set)
}

// sortedKeys returns the keys of set, sorted.
func sortedKeys(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestResolutionsAcrossLanguages checks that numbered resolutions the
// gazetteer does not list are one node in both languages, each number of
// a list its own, whatever the body's name or the year's brackets.
func TestResolutionsAcrossLanguages(t *testing.T) {
	const base = "https://w3id.org/accord/id/instrument/"
	acrossLanguages{
		{"zh", "上海合作组织成员国元首理事会宣言\n\n成员国支持安理会第1989号和第2617（2021）号决议以及联合国大会第75/45号决议。\n"},
		{"en", "Declaration of the Council of Heads of State\n\nThe Member States support Security Council resolutions 1989 (2011) and 2617 (2021) and General Assembly resolution 75/45.\n"},
	}.check(t, []string{base + "unscr-1989", base + "unscr-2617", base + "unga-res-75-45"}, targets)
}

// TestMeetingsAcrossLanguages checks that a body's numbered meetings are
// one node in both languages, whichever way the number is written.
func TestMeetingsAcrossLanguages(t *testing.T) {
	const base = "https://w3id.org/accord/id/meeting/"
	acrossLanguages{
		{"zh", "金砖国家领导人宣言\n\n我们欢迎第十届金砖国家领导人会晤、金砖国家领导人第十五次会晤和第八届金砖国家学术论坛取得的成果。\n"},
		{"en", "BRICS Leaders Declaration\n\nWe welcome the outcomes of the 10th BRICS Summit, the XV BRICS Summit and the 8th BRICS Academic Forum.\n"},
	}.check(t, []string{base + "brics-10", base + "brics-15", base + "brics-8-forum"}, targets)
}

// TestHeldMeetingAcrossLanguages checks that the meeting a body holds is
// keyed by the body and the date in both languages, the body named as
// "X of the Y" in English.
func TestHeldMeetingAcrossLanguages(t *testing.T) {
	acrossLanguages{
		{"zh", "上海合作组织成员国元首理事会阿斯塔纳宣言\n\n上海合作组织成员国元首理事会会议于2024年7月3日至4日在阿斯塔纳举行。\n"},
		{"en", "Astana Declaration of the Council of Heads of State of the Shanghai Cooperation Organisation\n\nThe Council of Heads of State of the SCO held its meeting in Astana on 3-4 July 2024.\n"},
	}.check(t, []string{"https://w3id.org/accord/id/meeting/sco-chs-2024-07-03"}, factSubjects)
}

// TestSameNameOtherDay checks that two meetings of one body with the same
// name, held on different days, are two nodes in both languages.
func TestSameNameOtherDay(t *testing.T) {
	const base = "https://w3id.org/accord/id/meeting/"
	acrossLanguages{
		{"zh", "上海合作组织成员国元首理事会撒马尔罕宣言\n\n上海合作组织成员国元首理事会会议于2022年9月15日至16日在撒马尔罕举行。\n\n成员国重申，2019年6月14日在比什凯克举行的上海合作组织成员国元首理事会会议具有重要意义。\n"},
		{"en", "Samarkand Declaration of the Council of Heads of State of the Shanghai Cooperation Organisation\n\nThe meeting of the SCO Council of Heads of State was held in Samarkand on 15-16 September 2022.\n\nThe Member States stressed the importance of the meeting of the SCO Council of Heads of State held in Bishkek on 14 June 2019.\n"},
	}.check(t, []string{base + "sco-chs-2019-06-14", base + "sco-chs-2022-09-15"}, factSubjects)
}
