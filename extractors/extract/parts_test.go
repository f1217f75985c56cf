package extract_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/accordkg/accord/extractors"
	"github.com/accordkg/accord/extractors/extract"
	"github.com/accordkg/accord/schema"
)

// bigText repeats the development text's body n times under its title.
func bigText(t *testing.T, n int) string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dataset, "qingdao-2018.zh.txt"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(raw), "\n")
	// the body without the web page's trailer (which ends the text)
	head, body := strings.Join(lines[:4], "\n"), strings.Join(lines[4:], "\n")
	if i := strings.Index(body, "预览已结束"); i > 0 {
		body = body[:i]
	}
	// and without the title and date lines it repeats (repeated, they
	// would be page furniture, which a part may see fewer times)
	var keep []string
	for _, l := range strings.Split(body, "\n") {
		if l != lines[2] && !strings.HasPrefix(l, "2018-06-11") {
			keep = append(keep, l)
		}
	}
	body = strings.Join(keep, "\n")
	return head + "\n" + strings.Repeat(body+"\n\n", n)
}

// statementNodes returns the statement nodes of quads: IRI → predicate →
// object.
func statementNodes(qs []quad.Quad) map[string]map[string]quad.Value {
	out := map[string]map[string]quad.Value{}
	for _, q := range qs {
		s, ok := q.Subject.(quad.IRI)
		if !ok || !strings.Contains(string(s), "/s/") {
			continue
		}
		if out[string(s)] == nil {
			out[string(s)] = map[string]quad.Value{}
		}
		out[string(s)][string(q.Predicate.(quad.IRI))] = q.Object
	}
	return out
}

// TestExtractParts reads a text in parts of 64 KiB and checks that the parts
// make one document: the document node once, every statement's offsets
// and paragraph number those of the whole text (its evidence is the whole
// text at its offsets), and nearly every statement the whole text yields
// is there under the same IRI.
func TestExtractParts(t *testing.T) {
	ctx := context.Background()
	x := newExtractor(t)
	big := bigText(t, 30)
	partSize := 16 << 10
	path := filepath.Join(t.TempDir(), "big.zh.txt")
	if err := os.WriteFile(path, []byte(big), 0o644); err != nil {
		t.Fatal(err)
	}
	whole, err := x.ExtractFile(ctx, path, extract.Input{})
	if err != nil {
		t.Fatal(err)
	}
	var parts []*extractors.Result
	var qs []quad.Quad
	hash, err := x.ExtractParts(ctx, path, extract.Input{}, extract.PartOptions{PartSize: partSize}, func(r *extractors.Result) error {
		parts = append(parts, r)
		qs = append(qs, r.Quads()...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(parts) < 4 {
		t.Fatalf("%d parts of a %d-byte text, want at least 4", len(parts), len(big))
	}
	if len(hash) != 64 {
		t.Errorf("hash %q", hash)
	}
	docNodes := 0
	for _, q := range qs {
		if q.Subject.String() == "<"+whole.DocIRI()+">" && string(q.Predicate.(quad.IRI)) == schema.Type {
			docNodes++
		}
		if string(q.Predicate.(quad.IRI)) == schema.ContentHash {
			t.Errorf("a part wrote its own content hash: %v", q)
		}
	}
	if docNodes != 1 {
		t.Errorf("the document node typed %d times, want once", docNodes)
	}
	runes := []rune(big)
	got, want := statementNodes(qs), statementNodes(whole.Quads())
	for iri, p := range got {
		start, end := int(p[schema.CharStart].(quad.Int)), int(p[schema.CharEnd].(quad.Int))
		sent := string(p[schema.Sentence].(quad.LangString).Value)
		if start < 0 || end > len(runes) || string(runes[start:end]) != sent {
			t.Fatalf("%s: the text at [%d, %d) is not its sentence %q", iri, start, end, sent)
		}
		if w, ok := want[iri]; ok && w[schema.Paragraph] != p[schema.Paragraph] {
			t.Errorf("%s: paragraph %v, %v read whole", iri, p[schema.Paragraph], w[schema.Paragraph])
		}
	}
	found := 0
	for iri := range want {
		if got[iri] != nil {
			found++
		}
	}
	if share := float64(found) / float64(len(want)); share < 0.95 {
		t.Errorf("%d of the %d statements of the whole text found in the parts (%.3f)", found, len(want), share)
	}
	t.Logf("%d parts, %d of %d statements of the whole text, %d in all", len(parts), found, len(want), len(got))
}

func TestExtractPartsErrors(t *testing.T) {
	ctx := context.Background()
	x := newExtractor(t)
	dir := t.TempDir()
	for _, c := range []struct {
		name string
		data []byte
		want error
	}{
		{"utf-16", append([]byte("\xff\xfe"), []byte("a\x00\n\x00")...), extract.ErrNotPartable},
		{"one long line", []byte(strings.Repeat("成员国支持", 20000)), extract.ErrLineTooLong},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(dir, c.name+".txt")
			if err := os.WriteFile(path, c.data, 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := x.ExtractParts(ctx, path, extract.Input{}, extract.PartOptions{PartSize: 16 << 10, MaxLine: 32 << 10}, func(*extractors.Result) error { return nil })
			var ie *extract.InputError
			if !errors.Is(err, c.want) || !errors.As(err, &ie) || ie.Path != path {
				t.Fatalf("err = %v, want %v naming %s", err, c.want, path)
			}
		})
	}
}
