package graph_test

import (
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
