package extract_test

import (
	"context"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/google/go-cmp/cmp"

	"github.com/accordkg/accord/extractors"
	"github.com/accordkg/accord/extractors/extract"
	"github.com/accordkg/accord/graph"
	"github.com/accordkg/accord/schema"
)

// The English rendering datasets/en-fixtures/qingdao-2018-en renders the
// Chinese development text up to this line (its first sections).
const (
	englishRendering = "../../datasets/en-fixtures/qingdao-2018-en/qingdao-2018-en.en.text"
	sharedUpToLine   = 43
)

// entityIRIs returns the IRIs of the entities mentioned in the document's
// paragraphs that start at or before line (0: every line).
func entityIRIs(res *extractors.Result, line int) []string {
	d := res.Doc
	set := map[string]bool{}
	for _, m := range d.Mentions {
		if m.IRI == "" || m.Sent < 0 {
			continue
		}
		if line > 0 && d.ParagraphOf(m.Sent).Line > line {
			continue
		}
		set[m.IRI] = true
	}
	return sortedKeys(set)
}

// TestCrossLanguage builds the Chinese development text and the English
// rendering of its first sections into one store and checks that the
// shared sections name the same entities (the same IRIs), that build links
// the two documents as translations, that a Gizmo query for the member
// states' reaffirmations returns the same nodes from either document, and
// that a stance both state is one edge with an evidence statement from
// each.
func TestCrossLanguage(t *testing.T) {
	ctx := context.Background()
	x := newExtractor(t)
	zh, err := x.ExtractFile(ctx, filepath.Join(dataset, "qingdao-2018.zh.txt"), extract.Input{})
	if err != nil {
		t.Fatal(err)
	}
	en, err := x.ExtractFile(ctx, englishRendering, extract.Input{})
	if err != nil {
		t.Fatal(err)
	}
	if en.Doc.Lang != "en" || zh.Doc.Lang != "zh" {
		t.Fatalf("languages detected: %s and %s, want zh and en", zh.Doc.Lang, en.Doc.Lang)
	}
	t.Run("same entities in the shared sections", func(t *testing.T) {
		if n := len(entityIRIs(en, 0)); n < 20 {
			t.Fatalf("only %d entities in the English rendering", n)
		}
		if diff := cmp.Diff(entityIRIs(zh, sharedUpToLine), entityIRIs(en, 0)); diff != "" {
			t.Errorf("entity IRIs (-zh +en):\n%s", diff)
		}
	})

	st, err := graph.Open("memory", graph.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, res := range []*extractors.Result{zh, en} {
		qs := res.Quads()
		links, err := st.TranslationLinks(ctx, res.DocIRI(), qs)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.ReplaceDocument(ctx, res.DocIRI(), append(qs, links...)); err != nil {
			t.Fatal(err)
		}
	}
	query := func(t *testing.T, q string) []string {
		t.Helper()
		res, err := st.Query(ctx, q, graph.QueryOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, r := range res {
			m, _ := r.(map[string]any)
			out = append(out, strings.Trim(m["id"].(string), "<>"))
		}
		sort.Strings(out)
		return out
	}
	t.Run("translation detected", func(t *testing.T) {
		got := query(t, `g.V("<`+en.DocIRI()+`>").Out("<`+schema.TranslationOf+`>").All()`)
		if diff := cmp.Diff([]string{zh.DocIRI()}, got); diff != "" {
			t.Errorf("translationOf (-want +got):\n%s", diff)
		}
	})
	t.Run("the member states reaffirm the same nodes in either document", func(t *testing.T) {
		reaffirmed := func(doc string) []string {
			return query(t, `g.V("<https://w3id.org/accord/id/group/sco-member-states>").LabelContext("<`+doc+`>").Out("<`+schema.Reaffirms+`>").All()`)
		}
		zhNodes, enNodes := reaffirmed(zh.DocIRI()), reaffirmed(en.DocIRI())
		want := []string{
			"https://w3id.org/accord/id/instrument/sco-charter",
			"https://w3id.org/accord/id/instrument/sco-treaty-good-neighbourliness",
			"https://w3id.org/accord/id/org/un",
		}
		if diff := cmp.Diff(want, zhNodes); diff != "" {
			t.Errorf("reaffirmed in the Chinese text (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(zhNodes, enNodes); diff != "" {
			t.Errorf("reaffirmed (-zh +en):\n%s", diff)
		}
	})
	t.Run("one edge, two evidence sentences", func(t *testing.T) {
		got := query(t, `g.V().Has("<`+schema.Actor+`>", "<https://w3id.org/accord/id/group/sco-member-states>").Has("<`+schema.PredicateP+`>", "<`+schema.Reaffirms+`>").Has("<`+schema.Target+`>", "<https://w3id.org/accord/id/instrument/sco-charter>").Out("<`+schema.InDocument+`>").All()`)
		if diff := cmp.Diff([]string{zh.DocIRI(), en.DocIRI()}, got); diff != "" {
			t.Errorf("documents of the evidence statements (-want +got):\n%s", diff)
		}
		var edges int
		if err := st.EachQuad(ctx, "", func(q quad.Quad) error {
			if q.Subject.String() == "<https://w3id.org/accord/id/group/sco-member-states>" && q.Predicate.String() == "<"+schema.Reaffirms+">" &&
				q.Object.String() == "<https://w3id.org/accord/id/instrument/sco-charter>" {
				edges++
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if edges != 2 { // one quad per document (label), one edge in the graph
			t.Errorf("%d quads for the edge, want one per document", edges)
		}
	})
}
