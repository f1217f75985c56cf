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
	if err != nil {
		return err
	}
	sort.Strings(docs)
	for _, d := range docs {
		if err := s.eachQuadWith(ctx, quad.Subject, quad.IRI(d), func(q quad.Quad) error {
			return fn(FullQuad(q))
		}); err != nil {
			return err
		}
	}
	return nil
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
