// Package graphtest is the conformance suite every accord store backend
// runs (memory, bolt, and any backend added later): build, rebuild,
// replace, remove, query, export and stats must behave the same on all.
package graphtest

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
	"github.com/google/go-cmp/cmp"

	"github.com/accordkg/accord/extractors"
	"github.com/accordkg/accord/extractors/extract"
	"github.com/accordkg/accord/graph"
	"github.com/accordkg/accord/schema"
)

// Opener opens a fresh, empty store for one test.
type Opener func(t *testing.T) *graph.Store

// Dataset returns the path of the bundled development document.
func Dataset() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "datasets", "qingdao-2018", "qingdao-2018.zh.txt")
}

// Extract extracts the bundled document, or text when it is not empty.
func Extract(t testing.TB, id, text string) *extractors.Result {
	t.Helper()
	r, err := schema.LoadBuiltin()
	if err != nil {
		t.Fatal(err)
	}
	raw := []byte(text)
	if text == "" {
		if raw, err = os.ReadFile(Dataset()); err != nil {
			t.Fatal(err)
		}
	}
	res, err := extract.New(r).Extract(context.Background(), extract.Input{Path: id + ".txt", ID: id, Raw: raw})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// Lines returns quads as sorted N-Quads lines with full IRIs.
func Lines(qs []quad.Quad) []string {
	out := make([]string, 0, len(qs))
	for _, q := range qs {
		out = append(out, graph.FullQuad(q).NQuad())
	}
	sort.Strings(out)
	return out
}

// TestAll runs the whole suite against stores made by open.
func TestAll(t *testing.T, open Opener) {
	t.Run("BuildExport", func(t *testing.T) { testBuildExport(t, open) })
	t.Run("Rebuild", func(t *testing.T) { testRebuild(t, open) })
	t.Run("Replace", func(t *testing.T) { testReplace(t, open) })
	t.Run("Remove", func(t *testing.T) { testRemove(t, open) })
	t.Run("Query", func(t *testing.T) { testQuery(t, open) })
	t.Run("Stats", func(t *testing.T) { testStats(t, open) })
	t.Run("Documents", func(t *testing.T) { testDocuments(t, open) })
}

func write(t *testing.T, st *graph.Store, res *extractors.Result) graph.WriteStats {
	t.Helper()
	ws, err := st.ReplaceDocument(context.Background(), res.DocIRI(), res.Quads())
	if err != nil {
		t.Fatal(err)
	}
	return ws
}

// build → export → parse gives the same quads.
func testBuildExport(t *testing.T, open Opener) {
	st := open(t)
	res := Extract(t, "qingdao-2018", "")
	ws := write(t, st, res)
	if ws.Added != len(res.Quads()) || ws.Removed != 0 {
		t.Errorf("write = %+v, want %d added", ws, len(res.Quads()))
	}
	var buf bytes.Buffer
	if err := st.Export(context.Background(), &buf, "nquads", ""); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "^^<xsd:") {
		t.Error("export holds prefixed datatype IRIs")
	}
	r := nquads.NewReader(&buf, false)
	var back []quad.Quad
	for {
		q, err := r.ReadQuad()
		if err != nil {
			break
		}
		back = append(back, q)
	}
	if diff := cmp.Diff(Lines(res.Quads()), Lines(back)); diff != "" {
		t.Errorf("export differs from what was written (-written +exported):\n%s", diff)
	}
}

func testRebuild(t *testing.T, open Opener) {
	st := open(t)
	res := Extract(t, "qingdao-2018", "")
	write(t, st, res)
	if ws := write(t, st, res); ws != (graph.WriteStats{}) {
		t.Errorf("rebuilding an unchanged document wrote %+v", ws)
	}
}

func testReplace(t *testing.T, open Opener) {
	st := open(t)
	write(t, st, Extract(t, "d", "宣言\n\n成员国重申恪守《联合国宪章》。成员国欢迎2018年3月15日在阿斯塔纳举行的首次中亚国家元首峰会成果。"))
	changed := Extract(t, "d", "宣言\n\n成员国重申恪守《联合国宪章》。")
	ws := write(t, st, changed)
	if ws.Removed == 0 {
		t.Errorf("replacing removed nothing: %+v", ws)
	}
	got, err := st.DocumentQuads(context.Background(), changed.DocIRI())
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(Lines(changed.Quads()), Lines(got)); diff != "" {
		t.Errorf("after replace (-want +got):\n%s", diff)
	}
}

func testRemove(t *testing.T, open Opener) {
	st := open(t)
	a := Extract(t, "a", "宣言\n\n成员国重申恪守《联合国宪章》。")
	b := Extract(t, "b", "宣言\n\n成员国支持《联合国宪章》。")
	write(t, st, a)
	write(t, st, b)
	n, err := st.RemoveDocument(context.Background(), b.DocIRI())
	if err != nil || n != len(b.Quads()) {
		t.Fatalf("removed %d, %v; want %d", n, err, len(b.Quads()))
	}
	all, err := st.AllQuads(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(Lines(a.Quads()), Lines(all)); diff != "" {
		t.Errorf("after removing b (-want +got):\n%s", diff)
	}
}

func testQuery(t *testing.T, open Opener) {
	st := open(t)
	write(t, st, Extract(t, "qingdao-2018", ""))
	res, err := st.Query(context.Background(),
		`g.V("<https://w3id.org/accord/id/group/sco-member-states>").Out("<https://w3id.org/accord/ns#reaffirms>").All()`,
		graph.QueryOptions{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range res {
		got = append(got, r.(map[string]any)["id"].(string))
	}
	sort.Strings(got)
	want := []string{
		"<https://w3id.org/accord/id/instrument/sco-charter>",
		"<https://w3id.org/accord/id/instrument/sco-treaty-good-neighbourliness>",
		"<https://w3id.org/accord/id/org/un>",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("what the member states reaffirm (-want +got):\n%s", diff)
	}
	if _, err := st.Query(context.Background(), `g.V(.All()`, graph.QueryOptions{}); err == nil {
		t.Error("a syntax error gave no error")
	}
}

func testStats(t *testing.T, open Opener) {
	st := open(t)
	res := Extract(t, "qingdao-2018", "")
	write(t, st, res)
	s, err := st.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if s.Documents != 1 || s.Quads != len(res.Quads()) || s.Entities["State"] != 7 || s.Relations["reaffirms"] != 3 {
		t.Errorf("stats = %+v", s)
	}
}

// EachDocumentNodeQuad gives the document nodes' own quads, in document
// order, and nothing else; QuadCount counts the store's quads.
func testDocuments(t *testing.T, open Opener) {
	ctx := context.Background()
	st := open(t)
	a := Extract(t, "a", "甲宣言\n\n成员国重申恪守《联合国宪章》。")
	b := Extract(t, "b", "乙宣言\n\n成员国支持《联合国宪章》。")
	write(t, st, b)
	write(t, st, a)
	var want []quad.Quad
	for _, res := range []*extractors.Result{a, b} {
		for _, q := range res.Quads() {
			if q.Subject == quad.IRI(res.DocIRI()) {
				want = append(want, q)
			}
		}
	}
	var got []quad.Quad
	var order []string
	if err := st.EachDocumentNodeQuad(ctx, func(q quad.Quad) error {
		got = append(got, q)
		if s := string(q.Subject.(quad.IRI)); len(order) == 0 || order[len(order)-1] != s {
			order = append(order, s)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(want) < 4 {
		t.Fatalf("the documents have %d quads of their own: the test needs their titles, types and languages", len(want))
	}
	if diff := cmp.Diff(Lines(want), Lines(got)); diff != "" {
		t.Errorf("document nodes' quads (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{a.DocIRI(), b.DocIRI()}, order); diff != "" {
		t.Errorf("document order (-want +got):\n%s", diff)
	}
	n, err := st.QuadCount(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// PostgreSQL's count is the planner's estimate until the table is
	// analysed; the other backends count exactly
	if total := int64(len(a.Quads()) + len(b.Quads())); n != total && !strings.HasPrefix(st.Spec, "postgres") {
		t.Errorf("QuadCount = %d, want %d", n, total)
	}
}

// NewSpec returns the --db value of a fresh, empty store of a backend
// whose stores outlive the process (bolt, PostgreSQL).
type NewSpec func(t *testing.T) string

// TestJournal is the conformance test of the journal of documents in part
// (graph/journal.go), for backends whose stores outlive the process: a
// writer that appends a document in parts and dies before the end (its
// store closed without EndInParts, as the process's death does) leaves a
// document the next open removes, and says so; one that reaches the end
// leaves nothing to remove.
func TestJournal(t *testing.T, newSpec NewSpec) {
	ctx := context.Background()
	a := Extract(t, "a", "宣言\n\n成员国重申恪守《联合国宪章》。")
	big := Extract(t, "big", "宣言\n\n成员国支持《联合国宪章》。成员国欢迎2018年3月15日在阿斯塔纳举行的首次中亚国家元首峰会成果。")
	open := func(t *testing.T, spec string, o graph.Options) *graph.Store {
		t.Helper()
		st, err := graph.Open(spec, o)
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	export := func(t *testing.T, st *graph.Store) string {
		t.Helper()
		var b bytes.Buffer
		if err := st.Export(ctx, &b, "nquads", ""); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	for _, tc := range []struct {
		name string
		// dies: the writer stops after the first half of the document
		dies bool
	}{{name: "died halfway", dies: true}, {name: "to the end"}} {
		t.Run(tc.name, func(t *testing.T) {
			spec := newSpec(t)
			st := open(t, spec, graph.Options{Create: true})
			write(t, st, a)
			before := export(t, st)
			qs := big.Quads()
			if err := st.BeginInParts(big.DocIRI()); err != nil {
				t.Fatal(err)
			}
			for i, part := range [][]quad.Quad{qs[:len(qs)/2], qs[len(qs)/2:]} {
				if tc.dies && i == 1 {
					break
				}
				if _, err := st.AppendDocument(ctx, big.DocIRI(), part); err != nil {
					t.Fatal(err)
				}
			}
			if !tc.dies {
				if err := st.EndInParts(big.DocIRI(), true); err != nil {
					t.Fatal(err)
				}
			}
			if docs, err := st.InPartsDocuments(); err != nil || len(docs) != map[bool]int{true: 1}[tc.dies] {
				t.Errorf("journal before the close: %q, %v", docs, err)
			}
			if err := st.Close(); err != nil {
				t.Fatal(err)
			}
			// the next process, a reader
			st = open(t, spec, graph.Options{ReadOnly: true})
			defer st.Close()
			var want []string
			if tc.dies {
				want = []string{big.DocIRI()}
			}
			if diff := cmp.Diff(want, st.Recovered); diff != "" {
				t.Errorf("documents the open removed (-want +got):\n%s", diff)
			}
			if tc.dies {
				if diff := cmp.Diff(before, export(t, st)); diff != "" {
					t.Errorf("store after the open (-before the write +after):\n%s", diff)
				}
			} else {
				got, err := st.DocumentQuads(ctx, big.DocIRI())
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(Lines(qs), Lines(got)); diff != "" {
					t.Errorf("the document written to its end (-want +got):\n%s", diff)
				}
			}
			if docs, err := st.InPartsDocuments(); err != nil || len(docs) > 0 {
				t.Errorf("journal after the open: %q, %v", docs, err)
			}
		})
	}
}
