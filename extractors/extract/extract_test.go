package extract_test

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
	"github.com/google/go-cmp/cmp"

	"github.com/accordkg/accord/extractors"
	"github.com/accordkg/accord/extractors/eval"
	"github.com/accordkg/accord/extractors/extract"
	"github.com/accordkg/accord/extractors/text"
	"github.com/accordkg/accord/schema"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

const dataset = "../../datasets/qingdao-2018"

func newExtractor(t testing.TB) *extract.Extractor {
	t.Helper()
	r, err := schema.LoadBuiltin()
	if err != nil {
		t.Fatal(err)
	}
	return extract.New(r)
}

func nquadLines(qs []quad.Quad) []string {
	var out []string
	for _, q := range qs {
		out = append(out, q.NQuad())
	}
	sort.Strings(out)
	return out
}

// TestGolden compares the quads of the bundled document with
// testdata/qingdao-2018.nq; run with -update to accept a change.
func TestGolden(t *testing.T) {
	res, err := newExtractor(t).ExtractFile(context.Background(), filepath.Join(dataset, "qingdao-2018.zh.txt"), extract.Input{})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(nquadLines(res.Quads()), "\n") + "\n"
	golden := filepath.Join("testdata", "qingdao-2018.nq")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("quads differ from %s (-want +got); run go test ./extractors/extract -update if the change is right:\n%s", golden, diff)
	}
	// the golden file is valid N-Quads that reads back to the same quads
	r := nquads.NewReader(bytes.NewReader(want), false)
	var back []quad.Quad
	for {
		q, err := r.ReadQuad()
		if err != nil {
			break
		}
		back = append(back, q)
	}
	if diff := cmp.Diff(nquadLines(res.Quads()), nquadLines(back)); diff != "" {
		t.Errorf("N-Quads do not read back (-extracted +read):\n%s", diff)
	}
}

// TestQuality holds the bundled document to the bar: entities F1 ≥
// 0.95, relations F1 ≥ 0.90.
func TestQuality(t *testing.T) {
	g, err := eval.LoadGold(filepath.Join(dataset, "qingdao-2018.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := newExtractor(t).ExtractFile(context.Background(), g.Text, extract.Input{ID: g.Document})
	if err != nil {
		t.Fatal(err)
	}
	rep := eval.Score(g, res.Quads())
	if rep.Entities.F1() < 0.95 || rep.Relations.F1() < 0.90 {
		var b strings.Builder
		rep.Print(&b, true)
		t.Errorf("entities F1 %.3f (want ≥ 0.95), relations F1 %.3f (want ≥ 0.90)\n%s", rep.Entities.F1(), rep.Relations.F1(), b.String())
	}
}

// TestProvenance checks that every stance has a statement node whose
// offsets point at its sentence in the normalized text.
func TestProvenance(t *testing.T) {
	res, err := newExtractor(t).ExtractFile(context.Background(), filepath.Join(dataset, "qingdao-2018.zh.txt"), extract.Input{})
	if err != nil {
		t.Fatal(err)
	}
	runes := []rune(res.Doc.Text)
	type stmt struct {
		sentence    string
		start, end  int
		actor, pred string
	}
	nodes := map[string]*stmt{}
	edges := map[[3]string]bool{}
	doc := quad.IRI(res.DocIRI())
	for _, q := range res.Quads() {
		if q.Label != doc {
			t.Fatalf("quad %v is not labelled with the document", q)
		}
		s := q.Subject.String()
		p := string(q.Predicate.(quad.IRI))
		if schema.IsScoredPredicate(p) {
			edges[[3]string{s, p, q.Object.String()}] = true
		}
		if !strings.Contains(s, "/s/") {
			continue
		}
		if nodes[s] == nil {
			nodes[s] = &stmt{}
		}
		n := nodes[s]
		switch p {
		case schema.Sentence:
			n.sentence = string(q.Object.(quad.LangString).Value)
		case schema.CharStart:
			n.start = int(q.Object.(quad.Int))
		case schema.CharEnd:
			n.end = int(q.Object.(quad.Int))
		}
	}
	if len(nodes) < 40 {
		t.Fatalf("only %d statement nodes", len(nodes))
	}
	for iri, n := range nodes {
		if n.end <= n.start || n.end > len(runes) || string(runes[n.start:n.end]) != n.sentence {
			t.Errorf("%s: offsets %d..%d do not give its sentence %q", iri, n.start, n.end, n.sentence)
		}
	}
}

func TestInputErrors(t *testing.T) {
	x := newExtractor(t)
	tests := []struct {
		name string
		in   extract.Input
		is   error
	}{
		{"empty", extract.Input{Path: "e.txt", Raw: nil}, text.ErrEmpty},
		{"only boilerplate", extract.Input{Path: "b.txt", Raw: []byte("预览已结束\nhttps://x.org/\n")}, text.ErrEmpty},
		{"unknown language", extract.Input{Path: "l.txt", Lang: "xx", Raw: []byte("文本。")}, nil},
		{"binary", extract.Input{Path: "bin.dat", Raw: []byte{0, 1, 2, 3, 0xff, 0, 0xfe}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := x.Extract(context.Background(), tt.in)
			var ie *extract.InputError
			if !errors.As(err, &ie) || ie.Path != tt.in.Path {
				t.Fatalf("err = %v, want an InputError naming %s", err, tt.in.Path)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("err = %v, want %v", err, tt.is)
			}
			if !strings.HasPrefix(err.Error(), tt.in.Path+": ") {
				t.Errorf("message %q does not start with the file name", err)
			}
		})
	}
	var lerr *extractors.UnknownLanguageError
	_, err := x.Extract(context.Background(), extract.Input{Path: "l.txt", Lang: "xx", Raw: []byte("文本。")})
	if !errors.As(err, &lerr) {
		t.Errorf("err = %v, want UnknownLanguageError", err)
	}
}

func TestDocID(t *testing.T) {
	for in, want := range map[string]string{
		"datasets/qingdao-2018/qingdao-2018.zh.txt": "qingdao-2018",
		"a.txt": "a", "-": "stdin", "dir/.hidden": ".hidden",
	} {
		if got := extract.DocID(in); got != want {
			t.Errorf("DocID(%q) = %q, want %q", in, got, want)
		}
	}
}
