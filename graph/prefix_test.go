package graph_test

import (
	"context"
	"path/filepath"
	"sort"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/google/go-cmp/cmp"

	"github.com/accordkg/accord/graph"
	"github.com/accordkg/accord/graph/graphtest"
	"github.com/accordkg/accord/schema"
)

// resultIDs returns the sorted "id" of each result.
func resultIDs(t *testing.T, res []any) []string {
	t.Helper()
	out := []string{}
	for _, r := range res {
		m, ok := r.(map[string]any)
		if !ok {
			t.Fatalf("result %v is not a map", r)
		}
		out = append(out, m["id"].(string))
	}
	sort.Strings(out)
	return out
}

// backendStore returns a store of the named backend holding the bundled
// document.
func backendStore(t *testing.T, backend string) *graph.Store {
	t.Helper()
	spec := "memory"
	if backend == "bolt" {
		spec = filepath.Join(t.TempDir(), "accord.db")
	}
	st, err := graph.Open(spec, graph.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := st.Close(); err != nil {
			t.Error(err)
		}
	})
	res := graphtest.Extract(t, "qingdao-2018", "")
	if _, err := st.ReplaceDocument(context.Background(), res.DocIRI(), res.Quads()); err != nil {
		t.Fatal(err)
	}
	return st
}

// TestQueryCount counts edges a node has and lacks on both backends (a
// missing one made Cayley's bolt index scan fail with "kv: not found").
func TestQueryCount(t *testing.T) {
	const fc = "<https://w3id.org/accord/id/org/unga-first-committee>"
	for _, bname := range []string{"memory", "bolt"} {
		t.Run(bname, func(t *testing.T) {
			st := backendStore(t, bname)
			for _, tt := range []struct {
				q    string
				want []any
			}{
				{`g.Emit(g.V("` + fc + `").Out("<acc:adopts>").Count())`, []any{int64(1)}},
				{`g.Emit(g.V("` + fc + `").Out("<acc:reaffirms>").Count())`, []any{int64(0)}},
				{`g.Emit(g.V("` + fc + `").Out("<https://w3id.org/accord/ns#reaffirms>").Count())`, []any{int64(0)}},
				{`g.Emit(g.V("` + fc + `").Out("<acc:reaffirms>").ToArray().length)`, []any{int64(0)}},
			} {
				got, err := st.Query(context.Background(), tt.q, graph.QueryOptions{})
				if err != nil {
					t.Errorf("%s: %v", tt.q, err)
					continue
				}
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("%s (-want +got):\n%s", tt.q, diff)
				}
			}
		})
	}
}

// TestQueryPrefixes runs queries written with prefixes and with full IRIs
// on both backends: they must find the same nodes.
func TestQueryPrefixes(t *testing.T) {
	tests := []struct {
		name      string
		prefixed  string
		full      string
		wantCount int
	}{
		{
			name:      "V and Out",
			prefixed:  `g.V("<https://w3id.org/accord/id/group/sco-member-states>").Out("<acc:reaffirms>").All()`,
			full:      `g.V("<https://w3id.org/accord/id/group/sco-member-states>").Out("<https://w3id.org/accord/ns#reaffirms>").All()`,
			wantCount: 3,
		},
		{
			name:      "Has with two prefixed IRIs (an index scan on bolt)",
			prefixed:  `g.V().Has("<rdf:type>", "<acc:City>").All()`,
			full:      `g.V().Has("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<https://w3id.org/accord/ns#City>").All()`,
			wantCount: 9,
		},
		{
			name:      "g.IRI",
			prefixed:  `g.V(g.IRI("acc:Instrument")).In(g.IRI("rdf:type")).All()`,
			full:      `g.V("<https://w3id.org/accord/ns#Instrument>").In("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>").All()`,
			wantCount: 20,
		},
		{
			name:      "typed literal with a prefixed datatype",
			prefixed:  `g.V().Has("<acc:signedOn>", typed("2007-08-16", "xsd:date")).All()`,
			full:      `g.V().Has("<https://w3id.org/accord/ns#signedOn>", "\"2007-08-16\"^^<http://www.w3.org/2001/XMLSchema#date>").All()`,
			wantCount: 1,
		},
		{
			name:      "typed literal written out",
			prefixed:  `g.V().Has("<acc:signedOn>", "\"2007-08-16\"^^<xsd:date>").All()`,
			full:      `g.V().Has("<https://w3id.org/accord/ns#signedOn>", "\"2007-08-16\"^^<http://www.w3.org/2001/XMLSchema#date>").All()`,
			wantCount: 1,
		},
		{
			name:      "a string that merely looks prefixed is left alone",
			prefixed:  `g.V().Has("<rdfs:label>", "acc:State").All()`,
			full:      `g.V().Has("<http://www.w3.org/2000/01/rdf-schema#label>", "acc:State").All()`,
			wantCount: 0,
		},
		{
			name:      "an unknown prefix finds nothing, without error",
			prefixed:  `g.V("<foo:bar>").Out().All()`,
			full:      `g.V("<foo:bar>").Out().All()`,
			wantCount: 0,
		},
	}
	for _, bname := range []string{"memory", "bolt"} {
		t.Run(bname, func(t *testing.T) {
			st := backendStore(t, bname)
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					p, err := st.Query(context.Background(), tt.prefixed, graph.QueryOptions{})
					if err != nil {
						t.Fatal(err)
					}
					f, err := st.Query(context.Background(), tt.full, graph.QueryOptions{})
					if err != nil {
						t.Fatal(err)
					}
					if diff := cmp.Diff(resultIDs(t, f), resultIDs(t, p)); diff != "" {
						t.Errorf("prefixed query differs (-full +prefixed):\n%s", diff)
					}
					if len(p) != tt.wantCount {
						t.Errorf("%d results, want %d", len(p), tt.wantCount)
					}
				})
			}
		})
	}
}

func TestCompactIRI(t *testing.T) {
	tests := []struct{ in, want string }{
		{schema.Reaffirms, "acc:reaffirms"},
		{schema.Type, "rdf:type"},
		{schema.Label, "rdfs:label"},
		{schema.XSDDate, "xsd:date"},
		{"http://www.wikidata.org/entity/Q9361", "wd:Q9361"},
		{"https://schema.org/datePublished", "schema:datePublished"},
		{"https://w3id.org/accord/id/city/bishkek", "https://w3id.org/accord/id/city/bishkek"},
		{"https://schema.org/a/b", "https://schema.org/a/b"},
		{schema.NS, schema.NS},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := graph.CompactIRI(tt.in); got != tt.want {
				t.Errorf("CompactIRI(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if got := schema.ExpandIRI(graph.CompactIRI(tt.in)); got != tt.in {
				t.Errorf("ExpandIRI(CompactIRI(%q)) = %q", tt.in, got)
			}
		})
	}
}

func TestExpandValue(t *testing.T) {
	tests := []struct {
		name string
		in   quad.Value
		want quad.Value
	}{
		{"prefixed IRI", quad.IRI("acc:reaffirms"), quad.IRI(schema.Reaffirms)},
		{"full IRI", quad.IRI(schema.Reaffirms), quad.IRI(schema.Reaffirms)},
		{"unknown prefix", quad.IRI("foo:bar"), quad.IRI("foo:bar")},
		{"typed literal", quad.TypedString{Value: "2018", Type: "xsd:gYear"}, quad.TypedString{Value: "2018", Type: quad.IRI(schema.XSDGYear)}},
		{"string", quad.String("acc:reaffirms"), quad.String("acc:reaffirms")},
		{"language string", quad.LangString{Value: "成员国", Lang: "zh"}, quad.LangString{Value: "成员国", Lang: "zh"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := graph.ExpandValue(tt.in); got != tt.want {
				t.Errorf("ExpandValue(%#v) = %#v, want %#v", tt.in, got, tt.want)
			}
		})
	}
}

func TestLabels(t *testing.T) {
	st := smallStore(t)
	got, err := st.Labels(context.Background(), []string{msIRI, initIRI, meetIRI, "https://example.org/none", msIRI})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{msIRI: "上海合作组织成员国", initIRI: `The "X" & <Y> initiative`}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("labels (-want +got):\n%s", diff)
	}
}

func BenchmarkQueryPrefixed(b *testing.B) {
	st, err := graph.Open("memory", graph.Options{Create: true})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	res := graphtest.Extract(b, "qingdao-2018", "")
	if _, err := st.ReplaceDocument(context.Background(), res.DocIRI(), res.Quads()); err != nil {
		b.Fatal(err)
	}
	for _, q := range []struct{ name, q string }{
		{"prefixed", `g.V().Has("<rdf:type>", "<acc:Instrument>").Out("<acc:signedIn>").All()`},
		{"full", `g.V().Has("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<https://w3id.org/accord/ns#Instrument>").Out("<https://w3id.org/accord/ns#signedIn>").All()`},
	} {
		b.Run(q.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := st.Query(context.Background(), q.q, graph.QueryOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
