package graph_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/accordkg/accord/graph"
	"github.com/accordkg/accord/graph/graphtest"
)

func TestMemory(t *testing.T) {
	graphtest.TestAll(t, func(t *testing.T) *graph.Store {
		st, err := graph.Open("memory", graph.Options{Create: true})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	})
}

func TestBolt(t *testing.T) {
	graphtest.TestAll(t, func(t *testing.T) *graph.Store {
		st, err := graph.Open(filepath.Join(t.TempDir(), "accord.db"), graph.Options{Create: true})
		if err != nil {
			t.Fatal(err)
		}
		if st.Backend != "bolt" {
			t.Fatalf("backend = %s", st.Backend)
		}
		t.Cleanup(func() {
			if err := st.Close(); err != nil {
				t.Error(err)
			}
		})
		return st
	})
}

func TestBoltReadOnlyMissing(t *testing.T) {
	_, err := graph.Open(filepath.Join(t.TempDir(), "none.db"), graph.Options{ReadOnly: true})
	if err == nil || !strings.Contains(err.Error(), "run accord build first") {
		t.Fatalf("err = %v", err)
	}
}

func TestBoltInUse(t *testing.T) {
	p := filepath.Join(t.TempDir(), "accord.db")
	st, err := graph.Open(p, graph.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := graph.Open(p, graph.Options{}); err == nil || !strings.Contains(err.Error(), "in use by another accord process") {
		t.Fatalf("second open: err = %v", err)
	}
}

func TestExportFormats(t *testing.T) {
	if _, err := graph.ExporterByName("nquads"); err != nil {
		t.Fatal(err)
	}
	if _, err := graph.ExporterByName("xml"); err == nil || !strings.Contains(err.Error(), "known: csv, dot, events, graphml, jsonld, nquads, svg") {
		t.Fatalf("err = %v", err)
	}
}

func TestBoltJournal(t *testing.T) {
	graphtest.TestJournal(t, func(t *testing.T) string { return filepath.Join(t.TempDir(), "accord.db") })
}

// TestBoltCreationKilled checks that a store is made whole or not at all:
// what a build killed while making it leaves (indexes.bolt.new) is no
// store to a reader, and the next build makes the store over it.
func TestBoltCreationKilled(t *testing.T) {
	path := filepath.Join(t.TempDir(), "accord.db")
	if err := os.MkdirAll(path, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(path, "indexes.bolt.new"), []byte("half a bbolt file"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := graph.Open(path, graph.Options{ReadOnly: true}); !errors.Is(err, graph.ErrNoStore) {
		t.Fatalf("read-only open: %v, want ErrNoStore", err)
	}
	st, err := graph.Open(path, graph.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	names, err := os.ReadDir(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != 1 || names[0].Name() != "indexes.bolt" {
		t.Errorf("the store folder holds %v, want indexes.bolt alone", names)
	}
	st, err = graph.Open(path, graph.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("the store made over a killed creation: %v", err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
}
