package graph

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/google/go-cmp/cmp"
)

// stopAfter is a context whose Err reports it was cancelled from its n+1th
// call on: a removal stopped after n subjects.
type stopAfter struct {
	context.Context
	n int
}

func (c *stopAfter) Err() error {
	if c.n--; c.n < 0 {
		return context.Canceled
	}
	return nil
}

func exportAll(t *testing.T, s *Store) string {
	t.Helper()
	var b bytes.Buffer
	if err := s.Export(context.Background(), &b, "nquads", ""); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestRemoveInChunks removes a document larger than a transaction in
// several, and checks that the store ends as one that never held it, and
// that a removal stopped halfway leaves a document Check reports and a
// second removal finishes.
func TestRemoveInChunks(t *testing.T) {
	ctx := context.Background()
	open := func(t *testing.T, name string) *Store {
		st, err := Open(filepath.Join(t.TempDir(), name), Options{Create: true})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		if !st.labelSubject {
			t.Fatalf("a new bolt store has no (label, subject) index")
		}
		return st
	}
	big, small := checkDoc("big", 500), checkDoc("small", 20)
	want := open(t, "want.db")
	if _, err := want.WriteDocuments(ctx, []Document{small}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		ctx  context.Context
		// stopped: the first removal stops with an error
		stopped bool
	}{
		{name: "whole", ctx: ctx},
		{name: "stopped", ctx: &stopAfter{Context: ctx, n: 3}, stopped: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := open(t, "got.db")
			if _, err := st.WriteDocuments(ctx, []Document{big, small}); err != nil {
				t.Fatal(err)
			}
			st.batchQuads.Store(100)
			st.atomicQuads = 100
			n, handled, err := st.removeInChunks(tc.ctx, big.IRI)
			if !handled {
				t.Fatalf("a document of %d quads, transactions of 100: not removed in chunks", len(big.Quads))
			}
			if tc.stopped {
				if err == nil || n == 0 || n >= len(big.Quads) {
					t.Fatalf("stopped removal: %d quads removed, error %v", n, err)
				}
				probs, err := st.Check(ctx)
				if err != nil || len(probs) == 0 || !strings.Contains(strings.Join(probs, "\n"), big.IRI) {
					t.Fatalf("check after a stopped removal: %q, %v", probs, err)
				}
				n2, err := st.RemoveDocument(ctx, big.IRI)
				if err != nil {
					t.Fatal(err)
				}
				n += n2
			} else if err != nil {
				t.Fatal(err)
			}
			if n != len(big.Quads) {
				t.Errorf("removed %d quads, want %d", n, len(big.Quads))
			}
			if diff := cmp.Diff(exportAll(t, want), exportAll(t, st)); diff != "" {
				t.Errorf("store after the removal (-never held it +removed):\n%s", diff)
			}
			if probs, err := st.Check(ctx); err != nil || len(probs) > 0 {
				t.Errorf("check: %q %v", probs, err)
			}
		})
	}
	t.Run("small", func(t *testing.T) {
		st := open(t, "small.db")
		if _, err := st.WriteDocuments(ctx, []Document{small}); err != nil {
			t.Fatal(err)
		}
		if n, handled, err := st.removeInChunks(ctx, small.IRI); handled || n != 0 || err != nil {
			t.Errorf("a document smaller than a transaction: handled %v, %d removed, %v", handled, n, err)
		}
	})
}

// TestWriteLargeDocument writes a document larger than a transaction in
// several, a new version of it over it, and one stopped halfway, and
// compares each store with one WriteDocuments wrote in one transaction.
func TestWriteLargeDocument(t *testing.T) {
	ctx := context.Background()
	open := func(t *testing.T) *Store {
		st, err := Open(filepath.Join(t.TempDir(), "s.db"), Options{Create: true})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}
	v1, v2, other := checkDoc("big", 500), checkDoc("big", 300), checkDoc("other", 20)
	v2.Quads[1].Object = quad.String("hash-big-2")
	for _, tc := range []struct {
		name   string
		writes []Document
		// stop cancels the last write after this many checks of its context
		stop int
		want []Document
	}{
		{name: "new", writes: []Document{other, v1}, stop: -1, want: []Document{other, v1}},
		{name: "replaced", writes: []Document{other, v1, v2}, stop: -1, want: []Document{other, v2}},
		{name: "stopped", writes: []Document{other, v1}, stop: 2, want: []Document{other}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := open(t)
			if _, err := want.WriteDocuments(ctx, tc.want); err != nil {
				t.Fatal(err)
			}
			st := open(t)
			st.batchQuads.Store(100)
			st.atomicQuads = 100
			for i, d := range tc.writes {
				wctx := context.Context(ctx)
				if i == len(tc.writes)-1 && tc.stop >= 0 {
					wctx = &stopAfter{Context: ctx, n: tc.stop}
				}
				ws, err := st.WriteLargeDocument(wctx, d.IRI, d.Quads)
				if tc.stop >= 0 && i == len(tc.writes)-1 {
					if err == nil {
						t.Fatalf("a stopped write returned no error")
					}
					continue
				}
				if err != nil {
					t.Fatal(err)
				}
				if d.IRI == v1.IRI && ws.Added != len(d.Quads) {
					t.Errorf("write %d: %d quads added, want %d", i, ws.Added, len(d.Quads))
				}
				st.batchQuads.Store(100) // the writes tune it
			}
			if diff := cmp.Diff(exportAll(t, want), exportAll(t, st)); diff != "" {
				t.Errorf("store (-one transaction +several):\n%s", diff)
			}
			if probs, err := st.Check(ctx); err != nil || len(probs) > 0 {
				t.Errorf("check: %q %v", probs, err)
			}
		})
	}
}
