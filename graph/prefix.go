package graph

import (
	"context"
	"errors"
	"sort"
	"strings"
	"sync"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/cayley/query/shape"
	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"

	"github.com/accordkg/accord/schema"
)

// PrefixedQuadStore wraps qs so that the values a query looks up may use
// the vocabulary prefixes of schema.Prefixes: a Gizmo query can write
// g.V("<acc:reaffirms>"), .Out("<rdfs:label>"), .Has("<rdf:type>",
// "<acc:State>"), g.IRI("acc:reaffirms") or typed("2015-07-10", "xsd:date")
// although the store holds full IRIs. Expansion happens on values, not on
// the query text, so strings, comments and regular expressions in the query
// are never rewritten. Everything else is passed to qs unchanged, but for
// a work-around of a Cayley bug (see missingIsEmpty).
func PrefixedQuadStore(qs graph.QuadStore) graph.QuadStore {
	if _, ok := qs.(prefixedStore); ok {
		return qs
	}
	return prefixedStore{QuadStore: qs, allMu: new(sync.Mutex)}
}

// prefixedStore is a QuadStore that expands prefixed IRIs before lookups.
type prefixedStore struct {
	graph.QuadStore
	// allMu serializes the making of all-iterators: Cayley's memstore
	// flags itself as being read without a lock there, a data race when
	// queries run concurrently (accord serve over --db memory).
	allMu *sync.Mutex
}

// NodesAllIterator returns the wrapped store's, made under allMu.
func (s prefixedStore) NodesAllIterator() iterator.Shape {
	s.allMu.Lock()
	defer s.allMu.Unlock()
	return s.QuadStore.NodesAllIterator()
}

// QuadsAllIterator returns the wrapped store's, made under allMu.
func (s prefixedStore) QuadsAllIterator() iterator.Shape {
	s.allMu.Lock()
	defer s.allMu.Unlock()
	return s.QuadStore.QuadsAllIterator()
}

// ValueOf looks v up with its prefixed IRIs expanded.
func (s prefixedStore) ValueOf(v quad.Value) (graph.Ref, error) {
	return s.QuadStore.ValueOf(ExpandValue(v))
}

// OptimizeShape lets the wrapped store optimize a query shape (kv stores
// replace quad lookups by index scans). The shapes it returns may only be
// built on the wrapped store itself, so they are bound to it.
func (s prefixedStore) OptimizeShape(ctx context.Context, sh shape.Shape) (shape.Shape, bool) {
	o, ok := s.QuadStore.(shape.Optimizer)
	if !ok {
		return sh, false
	}
	out, opt := o.OptimizeShape(ctx, sh)
	if !opt || out == nil {
		return out, opt
	}
	return boundShape{Shape: out, qs: s.QuadStore}, true
}

// boundShape is a shape that builds its iterators on one given store.
type boundShape struct {
	shape.Shape
	qs graph.QuadStore
}

// BuildIterator builds the shape on its own store, whatever qs is.
func (b boundShape) BuildIterator(graph.QuadStore) iterator.Shape {
	return missingIsEmpty{b.Shape.BuildIterator(b.qs)}
}

// missingIsEmpty works around Cayley's kv index scans (bolt), whose Stats
// fail with kv.ErrNotFound when no quad has the values scanned for, so that
// g.V(x).Out(p).Count() failed where x has no p: that is an empty set.
type missingIsEmpty struct {
	iterator.Shape
}

// Stats reports a scan of values no quad has as empty.
func (m missingIsEmpty) Stats(ctx context.Context) (iterator.Costs, error) {
	c, err := m.Shape.Stats(ctx)
	if errors.Is(err, hkv.ErrNotFound) {
		return iterator.Costs{ContainsCost: 1, NextCost: 1, Size: refs.Size{Value: 0, Exact: true}}, nil
	}
	return c, err
}

// Optimize optimizes the wrapped iterator and keeps the work-around.
func (m missingIsEmpty) Optimize(ctx context.Context) (iterator.Shape, bool) {
	s, opt := m.Shape.Optimize(ctx)
	return missingIsEmpty{s}, opt
}

// Optimize leaves a bound shape as it is: it is already optimized.
func (b boundShape) Optimize(context.Context, shape.Optimizer) (shape.Shape, bool) {
	return b, false
}

// ExpandValue expands the prefixed IRIs in v (an IRI, or a typed literal's
// datatype) to full IRIs; other values are returned as they are.
func ExpandValue(v quad.Value) quad.Value {
	switch x := v.(type) {
	case quad.IRI:
		return quad.IRI(schema.ExpandIRI(string(x)))
	case quad.TypedString:
		x.Type = quad.IRI(schema.ExpandIRI(string(x.Type)))
		return x
	}
	return v
}

// CompactIRI writes iri with the longest matching prefix of
// schema.Prefixes (https://w3id.org/accord/ns#reaffirms → acc:reaffirms);
// an IRI in no registered namespace is returned as it is.
func CompactIRI(iri string) string {
	best := -1
	for i, p := range schema.Prefixes {
		if strings.HasPrefix(iri, p.IRI) && (best < 0 || len(p.IRI) > len(schema.Prefixes[best].IRI)) {
			best = i
		}
	}
	if best < 0 {
		return iri
	}
	p := schema.Prefixes[best]
	rest := iri[len(p.IRI):]
	if rest == "" || strings.ContainsAny(rest, "/#?") {
		return iri
	}
	return p.Prefix + rest
}

// Labels returns the display name of each of iris that has an rdfs:label:
// the Chinese label when there is one, else the English one, else any;
// among several labels in the same language the smallest. IRIs without a
// label are left out of the map.
func (s *Store) Labels(ctx context.Context, iris []string) (map[string]string, error) {
	pred, err := s.QS.ValueOf(quad.IRI(schema.Label))
	if err != nil || pred == nil {
		return map[string]string{}, err
	}
	rank := func(lang string) int {
		switch lang {
		case "zh":
			return 0
		case "en":
			return 1
		}
		return 2
	}
	out := map[string]string{}
	for _, iri := range iris {
		if _, done := out[iri]; done {
			continue
		}
		ref, err := s.QS.ValueOf(quad.IRI(iri))
		if err != nil {
			return nil, err
		}
		if ref == nil {
			continue
		}
		type cand struct {
			rank int
			text string
		}
		var cs []cand
		err = iterator.Iterate(ctx, s.QS.QuadIterator(quad.Subject, ref)).Each(func(r refs.Ref) error {
			q, err := s.QS.Quad(r)
			if err != nil {
				return err
			}
			if p, ok := FullQuad(q).Predicate.(quad.IRI); !ok || string(p) != schema.Label {
				return nil
			}
			switch o := q.Object.(type) {
			case quad.LangString:
				cs = append(cs, cand{rank(o.Lang), string(o.Value)})
			case quad.String:
				cs = append(cs, cand{2, string(o)})
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if len(cs) == 0 {
			continue
		}
		sort.Slice(cs, func(i, j int) bool {
			if cs[i].rank != cs[j].rank {
				return cs[i].rank < cs[j].rank
			}
			return cs[i].text < cs[j].text
		})
		out[iri] = cs[0].text
	}
	return out, nil
}
