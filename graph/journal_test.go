package graph

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestJournal stops writes and removals of a document larger than a
// transaction between two of their transactions, as a process killed
// there would, then opens the store again: the open must remove what was
// written of the document, say so, and leave the store as one that never
// held it (or held it whole, for writes that ended), passing its check.
func TestJournal(t *testing.T) {
	ctx := context.Background()
	big, small := checkDoc("big", 500), checkDoc("small", 20)
	// stopRemoval writes big whole, then stops its removal in parts
	// after three subjects
	stopRemoval := func(t *testing.T, st *Store) {
		t.Helper()
		if _, err := st.WriteDocuments(ctx, []Document{big}); err != nil {
			t.Fatal(err)
		}
		st.batchQuads.Store(100) // the write tuned it
		if _, _, err := st.removeInChunks(&stopAfter{Context: ctx, n: 3}, big.IRI); err == nil {
			t.Fatal("the stopped removal returned no error")
		}
	}
	for _, tc := range []struct {
		name string
		// run writes to the store (transactions of 100 quads) and returns
		// without ending what it began, as a killed process would
		run func(t *testing.T, st *Store)
		// want are the documents the store holds after the reopen
		want []Document
		// recovered are the documents the reopen removes
		recovered []string
	}{
		{
			name: "appended in parts, died before the end",
			run: func(t *testing.T, st *Store) {
				if err := st.BeginInParts(big.IRI); err != nil {
					t.Fatal(err)
				}
				if _, err := st.AppendDocument(ctx, big.IRI, big.Quads[3:len(big.Quads)/2]); err != nil {
					t.Fatal(err)
				}
			},
			want:      []Document{small},
			recovered: []string{big.IRI},
		},
		{
			name: "replacing a large document, died in the removal",
			run: func(t *testing.T, st *Store) {
				if _, err := st.WriteLargeDocument(ctx, big.IRI, big.Quads); err != nil {
					t.Fatal(err)
				}
				st.batchQuads.Store(100)
				// the write of a new version stops inside the removal of the old
				// version, which (as a killed process) does not clean up
				if _, _, err := st.removeInChunks(&stopAfter{Context: ctx, n: 2}, big.IRI); err == nil {
					t.Fatal("the stopped removal returned no error")
				}
			},
			want:      []Document{small},
			recovered: []string{big.IRI},
		},
		{
			name: "removal in parts stopped",
			run: func(t *testing.T, st *Store) {
				stopRemoval(t, st)
			},
			want:      []Document{small},
			recovered: []string{big.IRI},
		},
		{
			name: "written in parts to the end",
			run: func(t *testing.T, st *Store) {
				if _, err := st.WriteLargeDocument(ctx, big.IRI, big.Quads); err != nil {
					t.Fatal(err)
				}
			},
			want: []Document{small, big},
		},
		{
			name: "removed in parts to the end",
			run: func(t *testing.T, st *Store) {
				if _, err := st.WriteDocuments(ctx, []Document{big}); err != nil {
					t.Fatal(err)
				}
				if _, err := st.RemoveDocument(ctx, big.IRI); err != nil {
					t.Fatal(err)
				}
			},
			want: []Document{small},
		},
		{
			name: "removal stopped, then a removal to the end",
			run: func(t *testing.T, st *Store) {
				stopRemoval(t, st)
				if _, err := st.RemoveDocument(ctx, big.IRI); err != nil {
					t.Fatal(err)
				}
			},
			want: []Document{small},
		},
		{
			name: "removal stopped, then a write in parts to the end",
			run: func(t *testing.T, st *Store) {
				stopRemoval(t, st)
				if _, err := st.WriteLargeDocument(ctx, big.IRI, big.Quads); err != nil {
					t.Fatal(err)
				}
			},
			want: []Document{small, big},
		},
		{
			name: "nested: the outer write died after the inner removal ended",
			run: func(t *testing.T, st *Store) {
				if _, err := st.WriteDocuments(ctx, []Document{big}); err != nil {
					t.Fatal(err)
				}
				st.batchQuads.Store(100)
				if err := st.BeginInParts(big.IRI); err != nil {
					t.Fatal(err)
				}
				// the removal of the old version, in parts, ends; the
				// document must stay in the journal for the outer write
				if _, err := st.RemoveDocument(ctx, big.IRI); err != nil {
					t.Fatal(err)
				}
				if _, err := st.AppendDocument(ctx, big.IRI, big.Quads[3:200]); err != nil {
					t.Fatal(err)
				}
			},
			want:      []Document{small},
			recovered: []string{big.IRI},
		},
		{
			name: "write stopped between transactions",
			run: func(t *testing.T, st *Store) {
				if _, err := st.WriteLargeDocument(&stopAfter{Context: ctx, n: 2}, big.IRI, big.Quads); err == nil {
					t.Fatal("the stopped write returned no error")
				}
			},
			want: []Document{small},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			want, err := Open(filepath.Join(dir, "want.db"), Options{Create: true})
			if err != nil {
				t.Fatal(err)
			}
			defer want.Close()
			if _, err := want.WriteDocuments(ctx, tc.want); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, "got.db")
			st, err := Open(path, Options{Create: true})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := st.WriteDocuments(ctx, []Document{small}); err != nil {
				t.Fatal(err)
			}
			st.batchQuads.Store(100)
			st.atomicQuads = 100
			tc.run(t, st)
			inParts, err := st.InPartsDocuments()
			if err != nil {
				t.Fatal(err)
			}
			if len(tc.recovered) > 0 && len(inParts) == 0 {
				t.Errorf("the store's journal is empty after the interrupted write")
			}
			if err := st.Close(); err != nil {
				t.Fatal(err)
			}
			// the next process: a read-only open, as accord query's
			st, err = Open(path, Options{ReadOnly: true})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			if diff := cmp.Diff(tc.recovered, st.Recovered); diff != "" {
				t.Errorf("documents the open removed (-want +got):\n%s", diff)
			}
			if left, err := st.InPartsDocuments(); err != nil || len(left) > 0 {
				t.Errorf("journal after the open: %q %v", left, err)
			}
			if diff := cmp.Diff(exportAll(t, want), exportAll(t, st)); diff != "" {
				t.Errorf("store after the open (-want +got):\n%s", diff)
			}
			if probs, err := st.Check(ctx); err != nil || len(probs) > 0 {
				t.Errorf("check: %q %v", probs, err)
			}
		})
	}
	t.Run("memory keeps none", func(t *testing.T) {
		st, err := Open("memory", Options{Create: true})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		if err := st.BeginInParts(big.IRI); err != nil {
			t.Errorf("BeginInParts on memory: %v", err)
		}
		if docs, err := st.InPartsDocuments(); len(docs) > 0 || err != nil {
			t.Errorf("InPartsDocuments on memory: %q %v", docs, err)
		}
	})
}
