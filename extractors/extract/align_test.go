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

	"github.com/accordkg/accord/extractors/extract"
	"github.com/accordkg/accord/graph"
	"github.com/accordkg/accord/schema"
)

const (
	ms             = "https://w3id.org/accord/id/group/sco-member-states"
	customsZH      = "https://w3id.org/accord/id/instrument/上海合作组织成员国海关合作与互助协定"
	customsEN      = "https://w3id.org/accord/id/instrument/agreement-on-customs-cooperation-and-mutual-assistance-of-the-sco-member-states"
	digitalZH      = "https://w3id.org/accord/id/instrument/上合组织成员国数字经济合作构想"
	digitalEN      = "https://w3id.org/accord/id/instrument/concept-of-cooperation-of-the-sco-member-states-in-the-digital-economy"
	crosslangTexts = "testdata/crosslang"
)

// TestAlignTranslation builds a Chinese declaration and its English
// translation, both naming instruments no gazetteer knows (keyed by their
// name in each language), and checks that once build links the two texts
// the English text's instruments are the Chinese text's nodes: one node
// with a label in each language, one edge with evidence from each text. In
// the other order the Chinese text joins the English nodes; texts that are
// not translations, or whose pairing is ambiguous, stay apart.
func TestAlignTranslation(t *testing.T) {
	ctx := context.Background()
	x := newExtractor(t)
	known := x.Rules().GazetteerIRIs()
	kinds, err := schema.LoadKinds()
	if err != nil {
		t.Fatal(err)
	}
	read := func(t *testing.T, name, text string) []quad.Quad {
		t.Helper()
		in := extract.Input{Path: name}
		if text == "" {
			res, err := x.ExtractFile(ctx, filepath.Join(crosslangTexts, name), in)
			if err != nil {
				t.Fatal(err)
			}
			return res.Quads()
		}
		in.Raw = []byte(text)
		res, err := x.Extract(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		return res.Quads()
	}
	build := func(t *testing.T, docs ...[]quad.Quad) *graph.Store {
		t.Helper()
		st, err := graph.Open("memory", graph.Options{Create: true})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		for _, qs := range docs {
			doc := string(qs[0].Label.(quad.IRI))
			qs, err := st.LinkTranslations(ctx, doc, qs, graph.AlignOptions{Known: func(iri string) bool { return known[iri] }, Compatible: kinds.Compatible})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := st.ReplaceDocument(ctx, doc, qs); err != nil {
				t.Fatal(err)
			}
		}
		return st
	}
	// targets returns what the member states predicate in doc's graph.
	targets := func(t *testing.T, st *graph.Store, doc, pred string) []string {
		t.Helper()
		res, err := st.Query(ctx, `g.V("<`+ms+`>").LabelContext("<`+doc+`>").Out("<`+pred+`>").All()`, graph.QueryOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, r := range res {
			out = append(out, strings.Trim(r.(map[string]any)["id"].(string), "<>"))
		}
		sort.Strings(out)
		return out
	}
	labels := func(t *testing.T, st *graph.Store, node string) []string {
		t.Helper()
		var out []string
		if err := st.EachQuad(ctx, "", func(q quad.Quad) error {
			if q.Subject.String() == "<"+node+">" && q.Predicate.String() == "<"+schema.Label+">" {
				out = append(out, q.Object.String())
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		sort.Strings(out)
		return dedupe(out)
	}
	zhDoc, enDoc := schema.DocIRI("dushanbe-2019"), schema.DocIRI("dushanbe-2019-en")
	zh := read(t, "dushanbe-2019.zh.txt", "")
	en := read(t, "dushanbe-2019-en.en.txt", "")

	t.Run("Chinese first: the English text joins its nodes", func(t *testing.T) {
		st := build(t, zh, en)
		for _, c := range []struct{ pred, want string }{{schema.Welcomes, customsZH}, {schema.Supports, digitalZH}} {
			for _, doc := range []string{zhDoc, enDoc} {
				if diff := cmp.Diff([]string{c.want}, targets(t, st, doc, c.pred)); diff != "" {
					t.Errorf("%s in %s (-want +got):\n%s", schema.ShortName(c.pred), doc, diff)
				}
			}
		}
		want := []string{`"Agreement on Customs Cooperation and Mutual Assistance of the SCO Member States"@en`, `"上海合作组织成员国海关合作与互助协定"@zh`}
		if diff := cmp.Diff(want, labels(t, st, customsZH)); diff != "" {
			t.Errorf("labels of the merged node (-want +got):\n%s", diff)
		}
		if got := labels(t, st, customsEN); len(got) != 0 {
			t.Errorf("the English key still has a node: %v", got)
		}
		ev, err := st.Explain(ctx, ms, schema.Welcomes, customsZH)
		if err != nil {
			t.Fatal(err)
		}
		var docs []string
		for _, e := range ev {
			docs = append(docs, e.Document)
		}
		sort.Strings(docs)
		if diff := cmp.Diff([]string{zhDoc, enDoc}, dedupe(docs)); diff != "" {
			t.Errorf("documents of the evidence (-want +got):\n%s", diff)
		}
	})
	t.Run("English first: the Chinese text joins its nodes", func(t *testing.T) {
		st := build(t, en, zh)
		if diff := cmp.Diff([]string{customsEN}, targets(t, st, zhDoc, schema.Welcomes)); diff != "" {
			t.Errorf("welcomed in the Chinese text (-want +got):\n%s", diff)
		}
	})
	t.Run("not a translation: apart", func(t *testing.T) {
		// the same English text issued at another meeting
		other := read(t, "other.en.txt", strings.ReplaceAll(readFile(t, filepath.Join(crosslangTexts, "dushanbe-2019-en.en.txt")), "14 June 2019", "13 June 2020"))
		st := build(t, zh, other)
		if diff := cmp.Diff([]string{customsEN}, targets(t, st, schema.DocIRI("other"), schema.Welcomes)); diff != "" {
			t.Errorf("welcomed in the other text (-want +got):\n%s", diff)
		}
	})
	t.Run("ambiguous: apart", func(t *testing.T) {
		// the English text welcomes two unknown instruments where the
		// Chinese welcomes one: no pairing is certain
		two := strings.Replace(readFile(t, filepath.Join(crosslangTexts, "dushanbe-2019-en.en.txt")),
			"the signing of the Agreement on Customs Cooperation and Mutual Assistance of the SCO Member States",
			"the Agreement on Customs Cooperation and Mutual Assistance of the SCO Member States and the Programme of Cooperation in Tourism of the SCO Member States", 1)
		st := build(t, zh, read(t, "dushanbe-2019-en.en.txt", two))
		got := targets(t, st, enDoc, schema.Welcomes)
		if len(got) != 2 || got[0] != customsEN {
			t.Errorf("welcomed in the English text: %v, want two English-keyed nodes", got)
		}
		// the one certain pair still merges
		if diff := cmp.Diff([]string{digitalZH}, targets(t, st, enDoc, schema.Supports)); diff != "" {
			t.Errorf("supported in the English text (-want +got):\n%s", diff)
		}
	})
	t.Run("another kind of thing: apart", func(t *testing.T) {
		// one welcomed in each text, but a programme is not an agreement
		other := strings.Replace(readFile(t, filepath.Join(crosslangTexts, "dushanbe-2019-en.en.txt")),
			"the signing of the Agreement on Customs Cooperation and Mutual Assistance of the SCO Member States",
			"the Programme of Cooperation in Tourism of the SCO Member States", 1)
		st := build(t, zh, read(t, "dushanbe-2019-en.en.txt", other))
		want := []string{"https://w3id.org/accord/id/instrument/program-of-cooperation-in-tourism-of-the-sco-member-states"}
		if diff := cmp.Diff(want, targets(t, st, enDoc, schema.Welcomes)); diff != "" {
			t.Errorf("welcomed in the English text (-want +got):\n%s", diff)
		}
	})
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
