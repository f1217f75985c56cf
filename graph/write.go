package graph

import (
	"context"
	"fmt"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"

	"github.com/accordkg/accord/schema"
)

// WriteStats says what one write changed.
type WriteStats struct {
	Added, Removed int
}

// DocumentQuads returns every quad labelled with the document IRI doc,
// prefixed IRIs expanded.
func (s *Store) DocumentQuads(ctx context.Context, doc string) ([]quad.Quad, error) {
	raw, err := s.rawDocumentQuads(ctx, doc)
	for i := range raw {
		raw[i] = FullQuad(raw[i])
	}
	return raw, err
}

// rawDocumentQuads returns the document's quads as the store holds them.
func (s *Store) rawDocumentQuads(ctx context.Context, doc string) ([]quad.Quad, error) {
	ref, err := s.QS.ValueOf(quad.IRI(doc))
	if err != nil || ref == nil {
		return nil, err
	}
	var out []quad.Quad
	err = iterator.Iterate(ctx, s.QS.QuadIterator(quad.Label, ref)).Each(func(r refs.Ref) error {
		q, err := s.QS.Quad(r)
		if err != nil {
			return err
		}
		out = append(out, q)
		return nil
	})
	return out, err
}

// AllQuads returns every quad of the store.
func (s *Store) AllQuads(ctx context.Context) ([]quad.Quad, error) {
	return s.collect(ctx, s.QS.QuadsAllIterator())
}

// EachQuad calls fn for every quad of the store (or of one document when
// doc is not empty), with prefixed IRIs expanded, without holding them all.
func (s *Store) EachQuad(ctx context.Context, doc string, fn func(quad.Quad) error) error {
	var it iterator.Shape
	if doc != "" {
		ref, err := s.QS.ValueOf(quad.IRI(doc))
		if err != nil {
			return err
		}
		if ref == nil {
			return nil
		}
		it = s.QS.QuadIterator(quad.Label, ref)
	} else {
		it = s.QS.QuadsAllIterator()
	}
	return iterator.Iterate(ctx, it).Each(func(r refs.Ref) error {
		q, err := s.QS.Quad(r)
		if err != nil {
			return err
		}
		return fn(FullQuad(q))
	})
}

func (s *Store) collect(ctx context.Context, it iterator.Shape) ([]quad.Quad, error) {
	var out []quad.Quad
	err := iterator.Iterate(ctx, it).Each(func(r refs.Ref) error {
		q, err := s.QS.Quad(r)
		if err != nil {
			return err
		}
		out = append(out, FullQuad(q))
		return nil
	})
	return out, err
}

// ReplaceDocument makes the quads labelled doc exactly quads. A document
// is always present or absent as a whole: a new document goes in in one
// transaction; a changed one leaves in one transaction (all its old quads)
// and comes back in a second (all its new quads), so that a build killed
// between the two leaves the document absent, never half there, and the
// next build puts it back. (Cayley's kv stores lose the subject and label
// of a quad added in the same transaction that deletes other quads of the
// same node, so the two cannot share one.) An unchanged document writes
// nothing. The stats count the quads that changed.
func (s *Store) ReplaceDocument(ctx context.Context, doc string, quads []quad.Quad) (WriteStats, error) {
	old, err := s.rawDocumentQuads(ctx, doc)
	if err != nil {
		return WriteStats{}, fmt.Errorf("reading %s: %w", doc, err)
	}
	keep := make(map[string]bool, len(quads))
	var adds []quad.Quad
	for _, q := range quads {
		if q.Label == nil || q.Label.String() != quad.IRI(doc).String() {
			return WriteStats{}, fmt.Errorf("quad %v is not labelled %s", q, doc)
		}
		k := FullQuad(q).NQuad()
		if !keep[k] {
			keep[k] = true
			adds = append(adds, q)
		}
	}
	var st WriteStats
	had := make(map[string]bool, len(old))
	for _, q := range old {
		k := FullQuad(q).NQuad()
		had[k] = true
		if !keep[k] {
			st.Removed++
		}
	}
	for k := range keep {
		if !had[k] {
			st.Added++
		}
	}
	if st.Added == 0 && st.Removed == 0 {
		return st, nil
	}
	if s.apply != nil {
		if err := s.apply(ctx, s.QS, adds, old); err != nil {
			return WriteStats{}, fmt.Errorf("writing %s: %w", doc, err)
		}
		return st, nil
	}
	if len(old) > 0 {
		dels := make([]graph.Delta, len(old))
		for i, q := range old {
			dels[i] = graph.Delta{Quad: q, Action: graph.Delete}
		}
		if err := s.QS.ApplyDeltas(dels, graph.IgnoreOpts{IgnoreMissing: true}); err != nil {
			return WriteStats{}, fmt.Errorf("removing the old %s: %w", doc, err)
		}
	}
	if len(adds) > 0 {
		ins := make([]graph.Delta, len(adds))
		for i, q := range adds {
			ins[i] = graph.Delta{Quad: q, Action: graph.Add}
		}
		if err := s.QS.ApplyDeltas(ins, graph.IgnoreOpts{IgnoreDup: true}); err != nil {
			return WriteStats{}, fmt.Errorf("writing %s: %w", doc, err)
		}
	}
	return st, nil
}

// RemoveDocument deletes every quad labelled doc in one transaction.
func (s *Store) RemoveDocument(ctx context.Context, doc string) (int, error) {
	st, err := s.ReplaceDocument(ctx, doc, nil)
	return st.Removed, err
}

// Fingerprints returns the build fingerprint of every document in the
// store, by document IRI.
func (s *Store) Fingerprints(ctx context.Context) (map[string]string, error) {
	out := map[string]string{}
	ref, err := s.QS.ValueOf(quad.IRI(schema.Fingerprint))
	if err != nil || ref == nil {
		return out, err
	}
	err = iterator.Iterate(ctx, s.QS.QuadIterator(quad.Predicate, ref)).Each(func(r refs.Ref) error {
		q, err := s.QS.Quad(r)
		if err != nil {
			return err
		}
		q = FullQuad(q)
		doc := string(q.Subject.(quad.IRI))
		if _, dup := out[doc]; dup {
			out[doc] = "" // two fingerprints: an interrupted replace, build again
			return nil
		}
		if v, ok := q.Object.(quad.String); ok {
			out[doc] = string(v)
		}
		return nil
	})
	return out, err
}
