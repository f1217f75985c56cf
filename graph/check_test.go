package graph

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/google/go-cmp/cmp"

	"github.com/accordkg/accord/schema"
)

// checkDoc is a document of n complete stance statements.
func checkDoc(name string, n int) Document {
	doc := schema.DocIRI(name)
	l := quad.IRI(doc)
	qs := []quad.Quad{
		{Subject: l, Predicate: quad.IRI(schema.Type), Object: quad.IRI(schema.Document), Label: l},
		{Subject: l, Predicate: quad.IRI(schema.ContentHash), Object: quad.String("h-" + name), Label: l},
		{Subject: l, Predicate: quad.IRI(schema.Fingerprint), Object: quad.String("fp"), Label: l},
	}
	for i := range n {
		st := quad.IRI(fmt.Sprintf("%s/s/%d", doc, i))
		for _, po := range [][2]quad.Value{
			{quad.IRI(schema.Type), quad.IRI(schema.Statement)},
			{quad.IRI(schema.Actor), quad.IRI("https://w3id.org/accord/id/group/sco-member-states")},
			{quad.IRI(schema.PredicateP), quad.IRI(schema.NS + "reaffirms")},
			{quad.IRI(schema.Target), quad.IRI("https://w3id.org/accord/id/instrument/sco-charter")},
			{quad.IRI(schema.Sentence), quad.String(fmt.Sprintf("sentence %d", i))},
			{quad.IRI(schema.InDocument), l},
			{quad.IRI(schema.CharStart), quad.Int(10 * i)},
			{quad.IRI(schema.CharEnd), quad.Int(10*i + 5)},
			{quad.IRI(schema.Rule), quad.String("zh/stance")},
		} {
			qs = append(qs, quad.Quad{Subject: st, Predicate: po[0], Object: po[1], Label: l})
		}
	}
	return Document{IRI: doc, Quads: qs}
}

// TestCheck breaks a store in each of the ways Check looks for and compares
// its whole report, on memory and on bolt (which reads a document one
// subject at a time).
func TestCheck(t *testing.T) {
	ctx := context.Background()
	a, b := checkDoc("a", 3), checkDoc("b", 2)
	la, lb := quad.IRI(a.IRI), quad.IRI(b.IRI)
	st1 := quad.IRI(a.IRI + "/s/1")
	q := func(s quad.Value, p string, o quad.Value, l quad.Value) quad.Quad {
		return quad.Quad{Subject: s, Predicate: quad.IRI(p), Object: o, Label: l}
	}
	for _, tc := range []struct {
		name     string
		add, del []quad.Quad
		want     []string
	}{
		{name: "whole"},
		{
			name: "statement lacks a property",
			del:  []quad.Quad{q(st1, schema.Rule, quad.String("zh/stance"), la)},
			want: []string{"<" + a.IRI + "/s/1>: statement has 0 rule (want 1)"},
		},
		{
			name: "statement has a property twice",
			add:  []quad.Quad{q(st1, schema.CharStart, quad.Int(11), la)},
			want: []string{"<" + a.IRI + "/s/1>: statement has 2 charStart (want 1)"},
		},
		{
			name: "statement property under another document",
			del:  []quad.Quad{q(st1, schema.Sentence, quad.String("sentence 1"), la)},
			add:  []quad.Quad{q(st1, schema.Sentence, quad.String("sentence 1"), lb)},
			want: []string{"<" + a.IRI + "/s/1>: statement has 0 sentence (want 1)"},
		},
		{
			name: "document without its content hash",
			del:  []quad.Quad{q(lb, schema.ContentHash, quad.String("h-b"), lb)},
			want: []string{"<" + b.IRI + ">: document has 0 content hashes (want 1: a replace was interrupted; build it again)"},
		},
		{
			name: "document with two fingerprints",
			add:  []quad.Quad{q(la, schema.Fingerprint, quad.String("fp2"), la)},
			want: []string{"<" + a.IRI + ">: document has 2 build fingerprints (a replace was interrupted; build it again)"},
		},
		{
			name: "quads under a label that is no document",
			add:  []quad.Quad{q(st1, schema.Rule, quad.String("x"), quad.IRI("https://example.org/stray"))},
			want: []string{"<https://example.org/stray>: quads are labelled with it but it is no acc:Document"},
		},
	} {
		for _, backend := range []string{"memory", "bolt"} {
			t.Run(backend+"/"+tc.name, func(t *testing.T) {
				spec := "memory"
				if backend == "bolt" {
					spec = filepath.Join(t.TempDir(), "c.db")
				}
				st, err := Open(spec, Options{Create: true})
				if err != nil {
					t.Fatal(err)
				}
				defer st.Close()
				if _, err := st.WriteDocuments(ctx, []Document{a, b}); err != nil {
					t.Fatal(err)
				}
				var ds []graph.Delta
				for _, x := range tc.del {
					ds = append(ds, graph.Delta{Quad: x, Action: graph.Delete})
				}
				if len(ds) > 0 {
					if err := st.QS.ApplyDeltas(ds, graph.IgnoreOpts{}); err != nil {
						t.Fatal(err)
					}
				}
				ds = ds[:0]
				for _, x := range tc.add {
					ds = append(ds, graph.Delta{Quad: x, Action: graph.Add})
				}
				if len(ds) > 0 {
					if err := st.QS.ApplyDeltas(ds, graph.IgnoreOpts{}); err != nil {
						t.Fatal(err)
					}
				}
				got, err := st.Check(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(tc.want, got); diff != "" {
					t.Errorf("problems (-want +got):\n%s", diff)
				}
			})
		}
	}
}
