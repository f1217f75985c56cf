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
