package extract_test

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/google/go-cmp/cmp"

	"github.com/accordkg/accord/extractors"
	"github.com/accordkg/accord/extractors/extract"
	"github.com/accordkg/accord/schema"
)

// nonEmptyLines returns the lines of a file that hold text.
func nonEmptyLines(t *testing.T, path string, upTo int) []string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for i, l := range strings.Split(string(raw), "\n") {
		if upTo > 0 && i >= upTo {
			break
		}
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

// interleave makes a bilingual page as news sites publish one: each Chinese
// paragraph followed by its English translation, blank lines between.
func interleave(zh, en []string) string {
	var b strings.Builder
	for i := 0; i < len(zh) || i < len(en); i++ {
		if i < len(zh) {
			b.WriteString(zh[i] + "\n\n")
		}
		if i < len(en) {
			b.WriteString(en[i] + "\n\n")
		}
	}
	return b.String()
}

// edgesOf returns the stance and fact edges of a result as sorted
// "subject predicate object" lines, and its entity IRIs.
func edgesOf(res *extractors.Result) (edges, entities []string) {
	for _, q := range res.Quads() {
		p := q.Predicate.(quad.IRI)
		if schema.IsScoredPredicate(string(p)) {
			edges = append(edges, q.Subject.String()+" "+q.Predicate.String()+" "+q.Object.String())
		}
	}
	for _, e := range res.Entities {
		entities = append(entities, e.IRI)
	}
	sort.Strings(edges)
	sort.Strings(entities)
	return dedupe(edges), entities
}

func dedupe(s []string) []string {
	var out []string
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// TestBilingualPage reads a page that interleaves the Chinese development
// text's first sections with their English rendering, paragraph by
// paragraph, and checks that each language's rules read only its own
// paragraphs: the page yields exactly what the two texts yield read apart,
// every evidence sentence of a language comes from that language's text,
// and the document carries both languages.
func TestBilingualPage(t *testing.T) {
	ctx := context.Background()
	x := newExtractor(t)
	zhLines := nonEmptyLines(t, filepath.Join(dataset, "qingdao-2018.zh.txt"), sharedUpToLine)
	enLines := nonEmptyLines(t, englishRendering, 0)
	zhText, enText := strings.Join(zhLines, "\n\n")+"\n", strings.Join(enLines, "\n\n")+"\n"
	page := interleave(zhLines, enLines)

	zh, err := x.Extract(ctx, extract.Input{Path: "qingdao-2018.zh.txt", ID: "page", Raw: []byte(zhText)})
	if err != nil {
		t.Fatal(err)
	}
	en, err := x.Extract(ctx, extract.Input{Path: "qingdao-2018.en.txt", ID: "page", Raw: []byte(enText)})
	if err != nil {
		t.Fatal(err)
	}
	both, err := x.Extract(ctx, extract.Input{Path: "qingdao-2018.html.txt", ID: "page", Raw: []byte(page)})
	if err != nil {
		t.Fatal(err)
	}
	parts := both.Each()
	if len(parts) != 2 {
		t.Fatalf("%d language parts, want 2 (zh and en)", len(parts))
	}
	byLang := map[string]*extractors.Result{}
	for _, p := range parts {
		byLang[p.Doc.Lang] = p
	}
	if byLang["zh"] == nil || byLang["en"] == nil {
		t.Fatalf("parts in %s and %s, want zh and en", parts[0].Doc.Lang, parts[1].Doc.Lang)
	}

	t.Run("each language yields what it yields alone", func(t *testing.T) {
		for _, c := range []struct {
			lang  string
			alone *extractors.Result
		}{{"zh", zh}, {"en", en}} {
			wantE, wantN := edgesOf(c.alone)
			gotE, gotN := edgesOf(byLang[c.lang])
			if len(wantE) < 10 {
				t.Fatalf("%s alone: only %d edges", c.lang, len(wantE))
			}
			if diff := cmp.Diff(wantE, gotE); diff != "" {
				t.Errorf("%s edges (-alone +in the page):\n%s", c.lang, diff)
			}
			if diff := cmp.Diff(wantN, gotN); diff != "" {
				t.Errorf("%s entities (-alone +in the page):\n%s", c.lang, diff)
			}
			if got, want := len(byLang[c.lang].Doc.Statements), len(c.alone.Doc.Statements); got != want {
				t.Errorf("%s: %d statements in the page, %d alone", c.lang, got, want)
			}
		}
	})
	t.Run("no sentence reaches the other language's rules", func(t *testing.T) {
		for lang, own := range map[string]string{"zh": zhText, "en": enText} {
			d := byLang[lang].Doc
			for i, s := range d.Sentences {
				if sent := d.TextOf(s.Span); !strings.Contains(own, sent) {
					t.Errorf("%s sentence %d is not from the %s text: %q", lang, i, lang, sent)
				}
			}
		}
	})
	t.Run("one document in two languages", func(t *testing.T) {
		var langs, labels []string
		for _, q := range both.Quads() {
			if q.Subject.String() != "<"+both.DocIRI()+">" {
				continue
			}
			switch q.Predicate.(quad.IRI) {
			case schema.Language:
				langs = append(langs, q.Object.String())
			case schema.Label:
				labels = append(labels, q.Object.(quad.LangString).Lang)
			}
		}
		sort.Strings(langs)
		sort.Strings(labels)
		if diff := cmp.Diff([]string{`"en"`, `"zh"`}, langs); diff != "" {
			t.Errorf("acc:language (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]string{"en", "zh"}, labels); diff != "" {
			t.Errorf("languages of the title labels (-want +got):\n%s", diff)
		}
		wantE, _ := edgesOf(zh)
		enE, _ := edgesOf(en)
		wantE = append(wantE, enE...)
		sort.Strings(wantE)
		gotE, _ := edgesOf(both)
		if diff := cmp.Diff(dedupe(wantE), gotE); diff != "" {
			t.Errorf("edges of the page (-zh∪en +page):\n%s", diff)
		}
	})
	t.Run("a forced language reads only its paragraphs", func(t *testing.T) {
		forced, err := x.Extract(ctx, extract.Input{Path: "p.txt", ID: "page", Lang: "zh", Raw: []byte(page)})
		if err != nil {
			t.Fatal(err)
		}
		if n := len(forced.Each()); n != 1 || forced.Doc.Lang != "zh" {
			t.Fatalf("%d parts in %s, want the zh part only", n, forced.Doc.Lang)
		}
		wantE, _ := edgesOf(zh)
		gotE, _ := edgesOf(forced)
		if diff := cmp.Diff(wantE, gotE); diff != "" {
			t.Errorf("edges (-zh alone +page read as zh):\n%s", diff)
		}
	})
}

// TestSplitLanguages checks which texts count as bilingual.
func TestSplitLanguages(t *testing.T) {
	zh := "上海合作组织成员国元首理事会青岛宣言\n\n成员国重申恪守《上海合作组织宪章》宗旨和任务，支持联合国在国际事务中的中心协调作用。\n"
	en := "The Member States reaffirm their commitment to the purposes and tasks of the SCO Charter and support the central coordinating role of the United Nations.\n"
	wrapped := "The Member States reaffirm their commitment to the purposes and\ntasks of the SCO Charter and support the central coordinating\nrole of the United Nations in international affairs.\n"
	for _, c := range []struct {
		name, text string
		want       []string // languages, main first; nil: one language
	}{
		{"Chinese only", zh + zh, nil},
		{"English only", en + en, nil},
		{"a short English footer under Chinese", zh + zh + zh + "Copyright Xinhua 2018\n", nil},
		{"a Chinese line quoted in long English", strings.Repeat(en, 30) + "成员国重申恪守宪章。\n", nil},
		{"paragraph by paragraph", zh + en + zh + en, []string{"zh", "en"}},
		{"English first and longer", en + en + en + zh, []string{"en", "zh"}},
		{"hard-wrapped English lines", zh + wrapped + zh + wrapped, []string{"zh", "en"}},
		{"numbers and dates are neutral", "1.\n2018-06-10\n" + zh + "(2)\n" + en, []string{"zh", "en"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			parts := extractors.SplitLanguages(c.text)
			var got []string
			for _, p := range parts {
				got = append(got, p.Lang)
				// every line it leaves out is in another language
				for _, s := range p.Other {
					for _, l := range strings.Split(strings.TrimSuffix(c.text[s.Start:s.End], "\n"), "\n") {
						if l == "1." || l == "(2)" || l == "2018-06-10" {
							t.Errorf("%s leaves out the neutral line %q", p.Lang, l)
						}
					}
				}
			}
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("languages (-want +got):\n%s", diff)
			}
		})
	}
}
