package graph

import (
	"context"
	"sort"

	"github.com/cayleygraph/quad"

	"github.com/accordkg/accord/schema"
)

// EachDocumentNodeQuad calls fn, document by document in IRI order, for
// every quad whose subject is a document node (rdf:type acc:Document):
// the documents' titles, dates, languages and issuing meetings, with
// prefixed IRIs expanded. It reads them by index, not the documents'
// other quads, so listing the documents of a large store costs a few
// look-ups each.
func (s *Store) EachDocumentNodeQuad(ctx context.Context, fn func(quad.Quad) error) error {
	docs, err := s.documentIRIs(ctx)
	if err != nil {
		return err
	}
	for _, d := range docs {
		if err := s.eachQuadWith(ctx, quad.Subject, quad.IRI(d), func(q quad.Quad) error {
			return fn(FullQuad(q))
		}); err != nil {
			return err
		}
	}
	return nil
}

// documentIRIs returns the IRIs of the store's document nodes (rdf:type
// acc:Document), sorted, read from the index of the type's quads.
func (s *Store) documentIRIs(ctx context.Context) ([]string, error) {
	var docs []string
	seen := map[string]bool{}
	err := s.eachQuadWith(ctx, quad.Object, quad.IRI(schema.Document), func(q quad.Quad) error {
		if q = FullQuad(q); iriString(q.Predicate) == schema.Type {
			if d := iriString(q.Subject); d != "" && !seen[d] {
				seen[d] = true
				docs = append(docs, d)
			}
		}
		return nil
	})
	sort.Strings(docs)
	return docs, err
}

// QuadCount returns about how many quads the store holds (the backend's
// own count: exact on bolt and in memory, an estimate on PostgreSQL),
// without reading them.
func (s *Store) QuadCount(ctx context.Context) (int64, error) {
	st, err := s.QS.Stats(ctx, false)
	if err != nil {
		return 0, err
	}
	return st.Quads.Value, nil
}
