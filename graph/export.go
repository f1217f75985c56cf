package graph

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"

	"github.com/cayleygraph/quad"
	_ "github.com/cayleygraph/quad/nquads" // registers the "nquads" format

	"github.com/accordkg/accord/schema"
)

// Exporter writes quads in one format.
type Exporter struct {
	// Name is the format's registered name (--format).
	Name string
	// Ext is the usual file extension, with its dot.
	Ext string
	// Write writes every quad that each yields.
	Write func(w io.Writer, each func(fn func(quad.Quad) error) error) error
}

var (
	exportersMu sync.RWMutex
	exporters   = map[string]Exporter{}
)

// RegisterExporter adds an export format; a duplicate name panics.
func RegisterExporter(e Exporter) {
	exportersMu.Lock()
	defer exportersMu.Unlock()
	if _, dup := exporters[e.Name]; dup {
		panic("graph: export format registered twice: " + e.Name)
	}
	exporters[e.Name] = e
}

// ExportFormats returns the registered export formats, sorted.
func ExportFormats() []string {
	exportersMu.RLock()
	defer exportersMu.RUnlock()
	var out []string
	for n := range exporters {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// ExporterByName returns a registered export format.
func ExporterByName(name string) (Exporter, error) {
	exportersMu.RLock()
	defer exportersMu.RUnlock()
	e, ok := exporters[name]
	if !ok {
		return Exporter{}, fmt.Errorf("unknown export format %q (known: %s)", name, strings.Join(ExportFormats(), ", "))
	}
	return e, nil
}

// NoDocumentError is returned for a document the store does not hold.
type NoDocumentError struct {
	Doc string // the document's IRI
}

func (e *NoDocumentError) Error() string {
	return fmt.Sprintf("no document %s in the store (accord stats lists them)", strings.TrimPrefix(e.Doc, schema.DocIRI("")))
}

// Export writes the store's quads (one document's when doc is an id or IRI)
// in the named format, sorted so that the same graph gives the same bytes.
func (s *Store) Export(ctx context.Context, w io.Writer, format, doc string) error {
	e, err := ExporterByName(format)
	if err != nil {
		return err
	}
	doc = schema.DocRef(doc)
	var qs []quad.Quad
	if err := s.EachQuad(ctx, doc, func(q quad.Quad) error { qs = append(qs, q); return nil }); err != nil {
		return err
	}
	if doc != "" && len(qs) == 0 {
		return &NoDocumentError{Doc: doc}
	}
	SortQuads(qs)
	return e.Write(w, func(fn func(quad.Quad) error) error {
		for _, q := range qs {
			if err := fn(q); err != nil {
				return err
			}
		}
		return nil
	})
}

// SortQuads orders quads by their N-Quads form.
func SortQuads(qs []quad.Quad) {
	keys := make([]string, len(qs))
	idx := make([]int, len(qs))
	for i, q := range qs {
		keys[i] = q.NQuad()
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return keys[idx[a]] < keys[idx[b]] })
	sorted := make([]quad.Quad, len(qs))
	for i, j := range idx {
		sorted[i] = qs[j]
	}
	copy(qs, sorted)
}

// WriteNQuads writes quads as N-Quads with full IRIs, through the quad
// library's registered N-Quads writer.
func WriteNQuads(w io.Writer, each func(fn func(quad.Quad) error) error) error {
	nw := quad.FormatByName("nquads").Writer(w)
	err := each(func(q quad.Quad) error { return nw.WriteQuad(FullQuad(q)) })
	if cerr := nw.Close(); err == nil {
		err = cerr
	}
	return err
}

func init() {
	RegisterExporter(Exporter{Name: "nquads", Ext: ".nq", Write: WriteNQuads})
}
