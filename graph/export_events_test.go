package graph_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/google/go-cmp/cmp"

	"github.com/accordkg/accord/extractors/extract"
	"github.com/accordkg/accord/graph"
	"github.com/accordkg/accord/schema"
)

// eventsStore builds texts (id → text) into a memory store the way build
// does: the vocabulary once, each document with its detected translations.
func eventsStore(t *testing.T, docs [][2]string) *graph.Store {
	t.Helper()
	ctx := context.Background()
	r, err := schema.LoadBuiltin()
	if err != nil {
		t.Fatal(err)
	}
	x := extract.New(r)
	st, err := graph.Open("memory", graph.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.WriteVocabulary(ctx); err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		res, err := x.Extract(ctx, extract.Input{Path: d[0] + ".txt", ID: d[0], Raw: []byte(d[1])})
		if err != nil {
			t.Fatal(err)
		}
		qs := res.Quads()
		links, err := st.TranslationLinks(ctx, res.DocIRI(), qs)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.ReplaceDocument(ctx, res.DocIRI(), append(qs, links...)); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

const (
	enDecl = "Qingdao Declaration of the Council of Heads of State of the Shanghai Cooperation Organisation\n\n" +
		"The leaders of the member states of the SCO held a meeting of the Council of Heads of State in Qingdao, China, on 10 June 2018.\n\n" +
		"The Member States reaffirm their support for the United Nations and will support the Republic of Kazakhstan.\n\n" +
		"The Member States do not support the withdrawal from the NPT.\n"
	zhDecl = "上海合作组织成员国元首理事会青岛宣言\n\n" +
		"上海合作组织成员国领导人于2018年6月10日在中国青岛举行元首理事会会议。\n\n" +
		"成员国重申坚定支持联合国。\n"
)

func TestEventsExport(t *testing.T) {
	st := eventsStore(t, [][2]string{{"qd-en", enDecl}})
	var b bytes.Buffer
	if err := st.Export(context.Background(), &b, "events", ""); err != nil {
		t.Fatal(err)
	}
	var got [][]string
	for _, l := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
		cells := strings.Split(l, "\t")
		got = append(got, cells[:8]) // without the sentence text
	}
	want := [][]string{
		{"date", "source", "target", "cameo", "plover", "mode", "document", "sentence_id"},
		{"2018-06-10", "IGOASASCO", "IGOUNO", "051", "SUPPORT", "reaffirmed", "qd-en", "2:224"},
		{"2018-06-10", "IGOASASCO", "KAZ", "030", "AGREE", "future", "qd-en", "2:224"},
		{"2018-06-10", "IGOASASCO", "KAZ", "051", "SUPPORT", "future", "qd-en", "2:224"},
		{"2018-06-10", "IGOASASCO", "instrument/npt", "051", "SUPPORT", "negated", "qd-en", "3:334"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
	if !strings.Contains(b.String(), "\tThe Member States do not support the withdrawal from the NPT.\n") {
		t.Errorf("the last column is not the sentence:\n%s", b.String())
	}
}

func TestVocabulary(t *testing.T) {
	st := eventsStore(t, nil)
	ctx := context.Background()
	qs, err := st.DocumentQuads(ctx, schema.VocabGraph)
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]string{}
	for _, q := range qs {
		if string(q.Subject.(quad.IRI)) == schema.Welcomes {
			found[string(q.Predicate.(quad.IRI))] = string(q.Object.(quad.String))
		}
	}
	if diff := cmp.Diff(map[string]string{schema.CAMEO: "051", schema.PLOVER: "SUPPORT"}, found); diff != "" {
		t.Errorf("codes of acc:welcomes (-want +got):\n%s", diff)
	}
	if ws, err := st.WriteVocabulary(ctx); err != nil || ws.Added != 0 || ws.Removed != 0 {
		t.Errorf("writing the vocabulary again: %+v, %v; want nothing written", ws, err)
	}
	if probs, err := st.Check(ctx); err != nil || len(probs) != 0 {
		t.Errorf("check: %v, %v", probs, err)
	}
}

func TestTranslationLinks(t *testing.T) {
	st := eventsStore(t, [][2]string{{"qd-zh", zhDecl}, {"qd-en", enDecl}, {"other-en", strings.Replace(enDecl, "Qingdao Declaration", "Youth Appeal", 1)}})
	res, err := st.Query(context.Background(), `g.V().Tag("d").Out("<`+schema.TranslationOf+`>").Tag("of").All()`, graph.QueryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range res {
		m := r.(map[string]any)
		got = append(got, m["d"].(string)+" → "+m["of"].(string))
	}
	want := []string{"<" + schema.DocIRI("qd-en") + "> → <" + schema.DocIRI("qd-zh") + ">"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("translations (-want +got):\n%s", diff)
	}
}
