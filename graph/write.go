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

// ReplaceDocument makes the quads labelled doc exactly quads: the new ones
// are added in one transaction, then the old ones that are not in the new
// set are deleted in a second; quads in both stay untouched. A document is
// never missing from the store while it is replaced.
func (s *Store) ReplaceDocument(ctx context.Context, doc string, quads []quad.Quad) (WriteStats, error) {
	old, err := s.rawDocumentQuads(ctx, doc)
	if err != nil {
		return WriteStats{}, fmt.Errorf("reading %s: %w", doc, err)
	}
	keep := make(map[string]bool, len(quads))
	for _, q := range quads {
		if q.Label == nil || q.Label.String() != quad.IRI(doc).String() {
			return WriteStats{}, fmt.Errorf("quad %v is not labelled %s", q, doc)
		}
		keep[FullQuad(q).NQuad()] = true
	}
	have := make(map[string]bool, len(old))
	var deltas []graph.Delta
	var st WriteStats
	for _, q := range old {
		k := FullQuad(q).NQuad()
		have[k] = true
		if !keep[k] {
			deltas = append(deltas, graph.Delta{Quad: q, Action: graph.Delete})
			st.Removed++
		}
	}
	for _, q := range quads {
		k := FullQuad(q).NQuad()
		if have[k] {
			continue
		}
		have[k] = true
		deltas = append(deltas, graph.Delta{Quad: q, Action: graph.Add})
		st.Added++
	}
	// Cayley's kv stores lose an added quad when the same transaction also
	// deletes one that shares its subject and predicate (seen on bbolt), so
	// the new quads go in first and the stale ones leave after: a reader may
	// briefly see both, never neither.
	var adds, dels []graph.Delta
	for _, d := range deltas {
		if d.Action == graph.Add {
			adds = append(adds, d)
		} else {
			dels = append(dels, d)
		}
	}
	if s.apply != nil {
		var aq, dq []quad.Quad
		for _, d := range adds {
			aq = append(aq, d.Quad)
		}
		for _, d := range dels {
			dq = append(dq, d.Quad)
		}
		if err := s.apply(ctx, s.QS, aq, dq); err != nil {
			return WriteStats{}, fmt.Errorf("writing %s: %w", doc, err)
		}
		return st, nil
	}
	for _, batch := range [][]graph.Delta{adds, dels} {
		if len(batch) == 0 {
			continue
		}
		if err := s.QS.ApplyDeltas(batch, graph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true}); err != nil {
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
