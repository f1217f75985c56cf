package graph_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/jsonld"
	"github.com/cayleygraph/quad/nquads"
	"github.com/goccy/go-graphviz"
	"github.com/google/go-cmp/cmp"

	"github.com/accordkg/accord/graph"
	"github.com/accordkg/accord/graph/graphtest"
	"github.com/accordkg/accord/schema"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/ and docs/queries.md")

const (
	smallDoc  = "https://w3id.org/accord/doc/small"
	msIRI     = "https://w3id.org/accord/id/group/sco-member-states"
	treatyIRI = "https://w3id.org/accord/id/instrument/sco-treaty-good-neighbourliness"
	cityIRI   = "https://w3id.org/accord/id/city/bishkek"
	initIRI   = "https://w3id.org/accord/id/initiative/x-and-y"
	meetIRI   = "https://w3id.org/accord/id/meeting/%E4%BC%9A%3Ax"
	stmtIRI   = smallDoc + "/s/10-abcd"
)

// smallQuads is a hand-made document: every kind of node and edge the
// graph-shaped exports treat differently, and text that needs escaping.
func smallQuads() []quad.Quad {
	iri := func(s string) quad.IRI { return quad.IRI(s) }
	zh := func(s string) quad.LangString { return quad.LangString{Value: quad.String(s), Lang: "zh"} }
	en := func(s string) quad.LangString { return quad.LangString{Value: quad.String(s), Lang: "en"} }
	typed := func(v, t string) quad.TypedString { return quad.TypedString{Value: quad.String(v), Type: quad.IRI(t)} }
	l := iri(smallDoc)
	return []quad.Quad{
		{Subject: l, Predicate: iri(schema.Type), Object: iri(schema.Document), Label: l},
		{Subject: l, Predicate: iri(schema.Label), Object: zh("小宣言"), Label: l},
		{Subject: iri(msIRI), Predicate: iri(schema.Type), Object: iri(schema.Group), Label: l},
		{Subject: iri(msIRI), Predicate: iri(schema.Label), Object: zh("上海合作组织成员国"), Label: l},
		{Subject: iri(msIRI), Predicate: iri(schema.Label), Object: en("SCO member states"), Label: l},
		{Subject: iri(msIRI), Predicate: iri(schema.AltLabel), Object: zh("成员国"), Label: l},
		{Subject: iri(treatyIRI), Predicate: iri(schema.Type), Object: iri(schema.Instrument), Label: l},
		{Subject: iri(treatyIRI), Predicate: iri(schema.Label), Object: zh("上海合作组织成员国长期睦邻友好合作条约"), Label: l},
		{Subject: iri(treatyIRI), Predicate: iri(schema.SignedIn), Object: iri(cityIRI), Label: l},
		{Subject: iri(treatyIRI), Predicate: iri(schema.SignedOn), Object: typed("2007-08-16", schema.XSDDate), Label: l},
		{Subject: iri(cityIRI), Predicate: iri(schema.Type), Object: iri(schema.City), Label: l},
		{Subject: iri(cityIRI), Predicate: iri(schema.Label), Object: zh("比什凯克"), Label: l},
		{Subject: iri(cityIRI), Predicate: iri(schema.Label), Object: en("Bishkek"), Label: l},
		{Subject: iri(cityIRI), Predicate: iri(schema.SameAs), Object: iri(schema.WikidataIRI("Q9361")), Label: l},
		{Subject: iri(initIRI), Predicate: iri(schema.Type), Object: iri(schema.Initiative), Label: l},
		{Subject: iri(initIRI), Predicate: iri(schema.Label), Object: en(`The "X" & <Y> initiative`), Label: l},
		{Subject: iri(meetIRI), Predicate: iri(schema.Type), Object: iri(schema.Meeting), Label: l},
		{Subject: iri(meetIRI), Predicate: iri(schema.HeldOn), Object: typed("2017-09", schema.XSDGYearMonth), Label: l},
		{Subject: iri(meetIRI), Predicate: iri(schema.HeldIn), Object: iri(cityIRI), Label: l},
		{Subject: iri(msIRI), Predicate: iri(schema.Reaffirms), Object: iri(treatyIRI), Label: l},
		{Subject: iri(msIRI), Predicate: iri(schema.Welcomes), Object: iri(initIRI), Label: l},
		{Subject: iri(msIRI), Predicate: iri(schema.Notes), Object: iri("https://example.org/not-an-entity"), Label: l},
		{Subject: iri(stmtIRI), Predicate: iri(schema.Type), Object: iri(schema.Statement), Label: l},
		{Subject: iri(stmtIRI), Predicate: iri(schema.Actor), Object: iri(msIRI), Label: l},
		{Subject: iri(stmtIRI), Predicate: iri(schema.PredicateP), Object: iri(schema.Reaffirms), Label: l},
		{Subject: iri(stmtIRI), Predicate: iri(schema.Target), Object: iri(treatyIRI), Label: l},
		{Subject: iri(stmtIRI), Predicate: iri(schema.Sentence), Object: zh("成员国重申恪守《上合组织成员国长期睦邻友好合作条约》。"), Label: l},
		{Subject: iri(stmtIRI), Predicate: iri(schema.Paragraph), Object: typed("1", schema.XSDInteger), Label: l},
	}
}

func smallStore(t testing.TB) *graph.Store {
	t.Helper()
	st, err := graph.Open("memory", graph.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.ReplaceDocument(context.Background(), smallDoc, smallQuads()); err != nil {
		t.Fatal(err)
	}
	return st
}

func exportBytes(t testing.TB, st *graph.Store, format string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := st.Export(context.Background(), &buf, format, ""); err != nil {
		t.Fatalf("export %s: %v", format, err)
	}
	return buf.Bytes()
}

func TestExportFormatsRegistered(t *testing.T) {
	want := []string{"csv", "dot", "graphml", "jsonld", "nquads", "svg"}
	got := graph.ExportFormats()
	for _, f := range want {
		if _, err := graph.ExporterByName(f); err != nil {
			t.Errorf("%s: %v (registered: %v)", f, err, got)
		}
	}
	_, err := graph.ExporterByName("xml")
	if err == nil || !strings.Contains(err.Error(), "known: "+strings.Join(got, ", ")) {
		t.Errorf("unknown format: err = %v", err)
	}
	if !sort.StringsAreSorted(got) {
		t.Errorf("ExportFormats() = %v, not sorted", got)
	}
}

func TestBuildEntityGraph(t *testing.T) {
	st := smallStore(t)
	got, err := st.EntityGraph(context.Background(), "small")
	if err != nil {
		t.Fatal(err)
	}
	want := &graph.EntityGraph{
		Nodes: []graph.EntityNode{
			{IRI: cityIRI, Label: "比什凯克", LabelEN: "Bishkek", Class: "City", Wikidata: "http://www.wikidata.org/entity/Q9361"},
			{IRI: msIRI, Label: "上海合作组织成员国", LabelEN: "SCO member states", Class: "Group"},
			{IRI: initIRI, Label: `The "X" & <Y> initiative`, LabelEN: `The "X" & <Y> initiative`, Class: "Initiative"},
			{IRI: treatyIRI, Label: "上海合作组织成员国长期睦邻友好合作条约", Class: "Instrument", Attrs: map[string]string{"signedOn": "2007-08-16"}},
			{IRI: meetIRI, Label: "会:x", Class: "Meeting", Attrs: map[string]string{"heldOn": "2017-09"}},
		},
		Edges: []graph.EntityEdge{
			{Source: msIRI, Target: treatyIRI, Predicate: "reaffirms", Kind: "stance", Documents: []string{smallDoc}},
			{Source: msIRI, Target: initIRI, Predicate: "welcomes", Kind: "stance", Documents: []string{smallDoc}},
			{Source: treatyIRI, Target: cityIRI, Predicate: "signedIn", Kind: "fact", Documents: []string{smallDoc}},
			{Source: meetIRI, Target: cityIRI, Predicate: "heldIn", Kind: "fact", Documents: []string{smallDoc}},
		},
		Attrs: []string{"heldOn", "signedOn"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("entity graph (-want +got):\n%s", diff)
	}
}

// TestExportGolden compares each format's export of the hand-made
// document with testdata/export/small.EXT (-update rewrites them). SVG is
// checked for its structure only (TestExportBundled): its coordinates
// belong to Graphviz.
func TestExportGolden(t *testing.T) {
	st := smallStore(t)
	for _, f := range []string{"nquads", "jsonld", "graphml", "dot", "csv"} {
		t.Run(f, func(t *testing.T) {
			e, err := graph.ExporterByName(f)
			if err != nil {
				t.Fatal(err)
			}
			got := exportBytes(t, st, f)
			if again := exportBytes(t, st, f); !bytes.Equal(got, again) {
				t.Error("two exports of the same graph differ")
			}
			checkGolden(t, filepath.Join("testdata", "export", "small"+e.Ext), string(got))
		})
	}
}

// readQuads reads every quad of an export back with a quad library reader.
func readQuads(t *testing.T, r quad.Reader) []quad.Quad {
	t.Helper()
	var out []quad.Quad
	for {
		q, err := r.ReadQuad()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatalf("reading back quad %d: %v", len(out)+1, err)
		}
		out = append(out, q)
	}
}

// entityCounts counts, independently of EntityGraph, the entities of qs
// (subjects typed with a scored class) and the distinct stance and fact
// edges between two of them.
func entityCounts(qs []quad.Quad) (nodes, edges int) {
	ent := map[string]bool{}
	for _, q := range qs {
		q = graph.FullQuad(q)
		if q.Predicate.String() == "<"+schema.Type+">" {
			if o, ok := q.Object.(quad.IRI); ok {
				if _, scored := schema.ClassByIRI(string(o)); scored {
					ent[q.Subject.String()] = true
				}
			}
		}
	}
	rel := map[string]bool{}
	for _, q := range qs {
		q = graph.FullQuad(q)
		p, _ := q.Predicate.(quad.IRI)
		if schema.IsScoredPredicate(string(p)) && ent[q.Subject.String()] && ent[q.Object.String()] {
			rel[q.Subject.String()+" "+q.Predicate.String()+" "+q.Object.String()] = true
		}
	}
	return len(ent), len(rel)
}

// TestExportBundled exports the bundled document (and, for the RDF
// formats, two documents) in every format and reads each back with a
// parser of that format.
func TestExportBundled(t *testing.T) {
	st := storeOf(t, "datasets")
	written, err := st.AllQuads(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	two := storeOf(t, "datasets", "docs/examples/second-declaration.zh.txt")
	writtenTwo, err := two.AllQuads(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	nodes, edges := entityCounts(written)
	if nodes != 63 {
		t.Errorf("the bundled document has %d entities, want 63", nodes)
	}

	t.Run("nquads", func(t *testing.T) {
		for _, s := range []struct {
			st *graph.Store
			qs []quad.Quad
		}{{st, written}, {two, writtenTwo}} {
			back := readQuads(t, nquads.NewReader(bytes.NewReader(exportBytes(t, s.st, "nquads")), false))
			if diff := cmp.Diff(graphtest.Lines(s.qs), graphtest.Lines(back)); diff != "" {
				t.Errorf("N-Quads round trip (-store +read back):\n%s", diff)
			}
		}
	})
	t.Run("jsonld", func(t *testing.T) {
		for _, s := range []struct {
			st *graph.Store
			qs []quad.Quad
		}{{st, written}, {two, writtenTwo}} {
			out := exportBytes(t, s.st, "jsonld")
			if !bytes.Contains(out, []byte(`"acc": "https://w3id.org/accord/ns#"`)) || !bytes.Contains(out, []byte(`"acc:reaffirms"`)) {
				t.Error("the JSON-LD is not compacted with the acc: prefix")
			}
			back := readQuads(t, jsonld.NewReader(bytes.NewReader(out)))
			if diff := cmp.Diff(graphtest.Lines(s.qs), graphtest.Lines(back)); diff != "" {
				t.Errorf("JSON-LD round trip (-store +read back):\n%s", diff)
			}
		}
	})
	t.Run("graphml", func(t *testing.T) {
		checkGraphML(t, exportBytes(t, st, "graphml"), nodes, edges)
	})
	t.Run("dot", func(t *testing.T) {
		g, err := graphviz.ParseBytes(exportBytes(t, st, "dot"))
		if err != nil {
			t.Fatalf("go-graphviz cannot parse the DOT: %v", err)
		}
		defer g.Close()
		n := 0
		for nd, err := g.FirstNode(); nd != nil && err == nil; nd, err = g.NextNode(nd) {
			n++
		}
		if n != nodes {
			t.Errorf("the DOT graph has %d nodes, want %d", n, nodes)
		}
	})
	t.Run("csv", func(t *testing.T) {
		g, err := st.EntityGraph(context.Background(), "")
		if err != nil {
			t.Fatal(err)
		}
		var nb, eb bytes.Buffer
		if err := graph.WriteCSV(&nb, &eb, g); err != nil {
			t.Fatal(err)
		}
		checkCSV(t, "nodes.csv", nb.Bytes(), []string{"Id", "Label", "Class", "LabelEn", "Wikidata"}, nodes)
		checkCSV(t, "edges.csv", eb.Bytes(), []string{"Source", "Target", "Type", "Label", "Predicate", "Relation", "Documents"}, edges)
		// one stream: both tables, each after its header line
		stream := string(exportBytes(t, st, "csv"))
		nodesPart, edgesPart, ok := strings.Cut(stream, "\n"+graph.CSVEdgesHeader+"\n")
		if !ok || !strings.HasPrefix(nodesPart, graph.CSVNodesHeader+"\n") {
			t.Fatalf("the csv stream is not %q, table, blank line, %q, table", graph.CSVNodesHeader, graph.CSVEdgesHeader)
		}
		checkCSV(t, "stream nodes", []byte(strings.TrimPrefix(nodesPart, graph.CSVNodesHeader+"\n")), nil, nodes)
		checkCSV(t, "stream edges", []byte(edgesPart), nil, edges)
	})
	t.Run("svg", func(t *testing.T) {
		out := exportBytes(t, st, "svg")
		dec := xml.NewDecoder(bytes.NewReader(out))
		n, svg := 0, false
		for {
			tok, err := dec.Token()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("the SVG is not well-formed XML: %v", err)
			}
			if se, ok := tok.(xml.StartElement); ok {
				svg = svg || se.Name.Local == "svg"
				for _, a := range se.Attr {
					if se.Name.Local == "g" && a.Name.Local == "class" && a.Value == "node" {
						n++
					}
				}
			}
		}
		if !svg || n != nodes {
			t.Errorf("the SVG has %d <g class=\"node\">, want %d (svg element: %v)", n, nodes, svg)
		}
	})
}

// graphML is the part of a GraphML document the tests read.
type graphML struct {
	XMLName xml.Name `xml:"graphml"`
	Keys    []struct {
		ID     string `xml:"id,attr"`
		For    string `xml:"for,attr"`
		Name   string `xml:"attr.name,attr"`
		Type   string `xml:"attr.type,attr"`
		YFiles string `xml:"yfiles.type,attr"`
	} `xml:"key"`
	Graph struct {
		EdgeDefault string `xml:"edgedefault,attr"`
		Nodes       []struct {
			ID   string        `xml:"id,attr"`
			Data []graphMLData `xml:"data"`
		} `xml:"node"`
		Edges []struct {
			Source string        `xml:"source,attr"`
			Target string        `xml:"target,attr"`
			Data   []graphMLData `xml:"data"`
		} `xml:"edge"`
	} `xml:"graph"`
}

type graphMLData struct {
	Key   string `xml:"key,attr"`
	Inner string `xml:",innerxml"`
}

// checkGraphML decodes a whole GraphML document and checks that every
// attribute used is declared by a <key> for its element, and the counts.
func checkGraphML(t *testing.T, doc []byte, nodes, edges int) {
	t.Helper()
	var g graphML
	if err := xml.Unmarshal(doc, &g); err != nil {
		t.Fatalf("the GraphML is not well-formed: %v", err)
	}
	declared := map[string]string{}
	names := map[string]string{}
	for _, k := range g.Keys {
		if k.Name == "" && k.YFiles == "" {
			t.Errorf("key %s has neither attr.name nor yfiles.type", k.ID)
		}
		if k.Name != "" && k.Type == "" {
			t.Errorf("key %s (%s) has no attr.type", k.ID, k.Name)
		}
		declared[k.ID] = k.For
		names[k.For+" "+k.Name] = k.ID
	}
	ids := map[string]bool{}
	for _, n := range g.Graph.Nodes {
		ids[n.ID] = true
		has := map[string]bool{}
		for _, d := range n.Data {
			if declared[d.Key] != "node" {
				t.Errorf("node %s uses key %q, not declared for nodes", n.ID, d.Key)
			}
			has[d.Key] = true
		}
		for _, want := range []string{"label", "class", "iri"} {
			if !has[names["node "+want]] {
				t.Errorf("node %s has no %s", n.ID, want)
			}
		}
	}
	for _, e := range g.Graph.Edges {
		if !ids[e.Source] || !ids[e.Target] {
			t.Errorf("edge %s → %s joins unknown nodes", e.Source, e.Target)
		}
		has := map[string]bool{}
		for _, d := range e.Data {
			if declared[d.Key] != "edge" {
				t.Errorf("edge %s → %s uses key %q, not declared for edges", e.Source, e.Target, d.Key)
			}
			has[d.Key] = true
		}
		if !has[names["edge predicate"]] || !has[names["edge label"]] {
			t.Errorf("edge %s → %s has no predicate or label", e.Source, e.Target)
		}
	}
	if g.Graph.EdgeDefault != "directed" || len(g.Graph.Nodes) != nodes || len(g.Graph.Edges) != edges {
		t.Errorf("GraphML: %s graph with %d nodes and %d edges, want directed with %d and %d",
			g.Graph.EdgeDefault, len(g.Graph.Nodes), len(g.Graph.Edges), nodes, edges)
	}
}

// checkCSV parses a CSV table and checks its header (when header is not
// nil) and its number of rows.
func checkCSV(t *testing.T, name string, data []byte, header []string, rows int) {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if len(recs) == 0 {
		t.Fatalf("%s is empty", name)
	}
	if header != nil {
		if diff := cmp.Diff(header, recs[0][:min(len(header), len(recs[0]))]); diff != "" {
			t.Errorf("%s header (-want +got):\n%s", name, diff)
		}
	}
	if len(recs)-1 != rows {
		t.Errorf("%s has %d rows, want %d", name, len(recs)-1, rows)
	}
}

func TestWriteTable(t *testing.T) {
	st := smallStore(t)
	tests := []struct {
		name    string
		results []any
		opts    graph.TableOptions
		want    string
	}{
		{
			name: "labels, prefixes, literals; rows sorted; wide characters aligned",
			results: []any{
				map[string]any{"id": "<" + treatyIRI + ">", "target": "<" + treatyIRI + ">", "p": "<" + schema.Reaffirms + ">"},
				map[string]any{"id": "<" + cityIRI + ">", "target": "<" + cityIRI + ">", "p": "<" + schema.SignedIn + ">", "date": `"2007-08-16"^^<http://www.w3.org/2001/XMLSchema#date>`},
			},
			opts: graph.TableOptions{Query: `g.V().Out(null, "p").Tag("target").Save("<acc:signedOn>", "date")`},
			want: "" +
				"p              target                                  date\n" +
				"-------------  --------------------------------------  ----------\n" +
				"acc:reaffirms  上海合作组织成员国长期睦邻友好合作条约\n" +
				"acc:signedIn   比什凯克                                2007-08-16\n" +
				"(2 rows)\n",
		},
		{
			name:    "no tags: the id column",
			results: []any{map[string]any{"id": "<" + msIRI + ">"}, map[string]any{"id": "<https://example.org/x>"}},
			want:    "id\n---------------------\nhttps://example.org/x\n上海合作组织成员国\n(2 rows)\n",
		},
		{
			name: "emitted objects: numbers sorted as numbers, keys in the order the query names them",
			results: []any{
				map[string]any{"step": int64(10), "to": "<" + initIRI + ">"},
				map[string]any{"step": int64(9), "to": "<" + meetIRI + ">"},
			},
			opts: graph.TableOptions{Query: "// to and step\ng.Emit({ step: 1, to: x })"},
			want: "step  to\n----  ------------------------------------------------\n9     https://w3id.org/accord/id/meeting/%E4%BC%9A%3Ax\n10    The \"X\" & <Y> initiative\n(2 rows)\n",
		},
		{
			name:    "chosen columns",
			results: []any{map[string]any{"id": "<" + cityIRI + ">", "a": "x", "b": float64(2.5)}},
			opts:    graph.TableOptions{Columns: []string{"b", "id"}},
			want:    "b    id\n---  --------\n2.5  比什凯克\n(1 row)\n",
		},
		{
			name:    "plain values",
			results: []any{"b", "a", []any{"<" + cityIRI + ">", "c"}},
			want:    "value\n-----------\na\nb\n比什凯克, c\n(3 rows)\n",
		},
		{
			name: "nothing",
			want: "(0 rows)\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := st.WriteTable(context.Background(), &buf, tt.results, tt.opts); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, buf.String()); diff != "" {
				t.Errorf("table (-want +got):\n%s", diff)
			}
		})
	}
}

func BenchmarkExport(b *testing.B) {
	st, err := graph.Open("memory", graph.Options{Create: true})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	res := graphtest.Extract(b, "qingdao-2018", "")
	if _, err := st.ReplaceDocument(context.Background(), res.DocIRI(), res.Quads()); err != nil {
		b.Fatal(err)
	}
	for _, f := range graph.ExportFormats() {
		b.Run(f, func(b *testing.B) {
			var n int64
			for i := 0; i < b.N; i++ {
				var buf bytes.Buffer
				if err := st.Export(context.Background(), &buf, f, ""); err != nil {
					b.Fatal(err)
				}
				n = int64(buf.Len())
			}
			b.SetBytes(n)
		})
	}
}
