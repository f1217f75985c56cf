package graph_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"sort"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/google/go-cmp/cmp"

	"github.com/accordkg/accord/graph"
)

// TestCacheHops checks that a store whose hops are cached (Store.CacheHops)
// and its in-memory copy (Store.CopyToMemory) answer every query as the
// store itself does, the first time and again: hops that end in Unique()
// (which the cache answers), from one node or several, along one
// predicate or several, hops without it, tagged hops (which it leaves
// alone), counts, hops that find nothing, and unions of hops intersected
// with a set (the path recipe's meeting of two frontiers). Two documents restate the
// same facts under their own labels, as accord's documents do.
func TestCacheHops(t *testing.T) {
	const (
		x, y = "<https://w3id.org/accord/id/state/X>", "<https://w3id.org/accord/id/state/Y>"
		a, b = "<https://w3id.org/accord/id/org/A>", "<https://w3id.org/accord/id/org/B>"
	)
	var quads []quad.Quad
	for _, doc := range []string{"https://w3id.org/accord/id/doc/one", "https://w3id.org/accord/id/doc/two"} {
		for _, q := range [][3]string{
			{x, "https://w3id.org/accord/ns#supports", a},
			{x, "https://w3id.org/accord/ns#supports", b},
			{y, "https://w3id.org/accord/ns#supports", a},
			{a, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "https://w3id.org/accord/ns#Organization"},
			{b, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "https://w3id.org/accord/ns#Organization"},
		} {
			quads = append(quads, quad.Make(iriOrNot(q[0]), quad.IRI(q[1]), iriOrNot(q[2]), quad.IRI(doc)))
		}
	}
	queries := []string{
		`g.V("` + x + `").Out("<acc:supports>").Unique().All()`,
		`g.V("` + x + `").Out("<acc:supports>").All()`,
		`g.V("` + x + `").Out("<acc:supports>").Unique().Count()`,
		`g.Emit(g.V("` + x + `").Out("<acc:supports>").Unique().Count())`,
		`g.V("` + x + `").Tag("s").Out("<acc:supports>").Unique().All()`,
		`g.V("` + x + `", "` + y + `").Out("<acc:supports>").Unique().All()`,
		`g.V("<acc:Organization>").In("<rdf:type>").Unique().All()`,
		`g.V("<acc:Organization>").In("<rdf:type>").Unique().In("<acc:supports>").Unique().All()`,
		`g.V("` + a + `").In("<acc:supports>").Unique().Has("<acc:supports>", "` + b + `").All()`,
		`g.V("` + x + `").OutPredicates().All()`,
		`g.V("` + x + `", "` + y + `", "` + a + `").Out(["<acc:supports>", "<rdf:type>"]).Unique().All()`,
		`g.V("` + x + `", "<https://w3id.org/accord/id/state/none>").Out("<acc:supports>").Unique().All()`,
		`g.V("` + x + `", "` + y + `").Out(["<acc:supports>", "<acc:none>"]).Unique().Count()`,
		`g.V("` + x + `", "` + y + `").Tag("s").Out("<acc:supports>").Unique().All()`,
		`g.V("` + x + `").Out("<acc:opposes>").Unique().All()`,
		`g.V("` + a + `").Labels().All()`,
		// a union of hops (remembered with its index) met by a set, and
		// met again from the other side
		`g.V("` + x + `", "` + y + `").Out(["<acc:supports>", "<rdf:type>"]).Unique().Intersect(g.V("` + b + `", "` + x + `")).All()`,
		`g.V("` + a + `", "` + b + `").In("<acc:supports>").Unique().Intersect(g.V("` + y + `")).All()`,
	}
	for _, spec := range []string{"memory", filepath.Join(t.TempDir(), "accord.db")} {
		st, err := graph.Open(spec, graph.Options{Create: true})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		for i := 0; i < len(quads); i += 5 {
			doc := quads[i].Label.(quad.IRI)
			if _, err := st.ReplaceDocument(context.Background(), string(doc), quads[i:i+5]); err != nil {
				t.Fatal(err)
			}
		}
		cached := &graph.Store{QS: st.QS, Backend: st.Backend, Spec: st.Spec}
		cached.CacheHops()
		copied, err := st.CopyToMemory(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range queries {
			want, err := st.Query(context.Background(), q, graph.QueryOptions{})
			if err != nil {
				t.Fatalf("%s: %s: %v", spec, q, err)
			}
			for run := 1; run <= 2; run++ {
				for name, s := range map[string]*graph.Store{"cached": cached, "copied": copied} {
					got, err := s.Query(context.Background(), q, graph.QueryOptions{})
					if err != nil {
						t.Fatalf("%s %s: %s: %v", spec, name, q, err)
					}
					if diff := cmp.Diff(sortedResults(want), sortedResults(got)); diff != "" {
						t.Errorf("%s %s (run %d): %s (-store +%s):\n%s", spec, name, run, q, name, diff)
					}
				}
			}
		}
	}
}

// iriOrNot returns the IRI written s, with or without angle brackets.
func iriOrNot(s string) quad.Value {
	if len(s) > 1 && s[0] == '<' {
		return quad.IRI(s[1 : len(s)-1])
	}
	return quad.IRI(s)
}

// sortedResults returns the results' JSON forms, sorted, so that two
// stores that return them in different orders compare equal.
func sortedResults(res []any) []string {
	out := make([]string, len(res))
	for i, r := range res {
		b, err := json.Marshal(r)
		if err != nil {
			panic(err)
		}
		out[i] = string(b)
	}
	sort.Strings(out)
	return out
}
