package graph

import (
	"context"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"

	"github.com/accordkg/accord/schema"
)

// Stats summarizes a store: documents, entities by class, relations by
// predicate, statements and quads.
type Stats struct {
	Documents  int            `json:"documents"`
	Entities   map[string]int `json:"entities"`
	Relations  map[string]int `json:"relations"`
	Statements int            `json:"statements"`
	Quads      int            `json:"quads"`
}

// Stats counts the store's content in one pass over its quads, read by
// reference: no value is read but those of the classes and predicates it
// counts, and what it remembers are the references of entities and
// relations, not their names. Entities and relations are counted once
// however many documents state them.
func (s *Store) Stats(ctx context.Context) (*Stats, error) {
	st := &Stats{Entities: map[string]int{}, Relations: map[string]int{}}
	// the references of the terms counted, IRIs written in full or with
	// their prefix (acc:reaffirms) alike
	lookup := func(iri string) ([]any, error) {
		forms := []string{iri}
		if c := CompactIRI(iri); c != iri {
			forms = append(forms, c)
		}
		var out []any
		for _, form := range forms {
			r, err := s.QS.ValueOf(quad.IRI(form))
			if err != nil {
				return nil, err
			}
			if r != nil {
				out = append(out, refs.ToKey(r))
			}
		}
		return out, nil
	}
	types, err := lookup(schema.Type)
	if err != nil {
		return nil, err
	}
	isType := map[any]bool{}
	for _, k := range types {
		isType[k] = true
	}
	classOf := map[any]string{} // class reference → class IRI
	for _, c := range append([]string{schema.Document, schema.Statement}, classIRIs()...) {
		ks, err := lookup(c)
		if err != nil {
			return nil, err
		}
		for _, k := range ks {
			classOf[k] = c
		}
	}
	predOf := map[any]string{} // scored predicate reference → short name
	for _, name := range schema.PredicateNames() {
		iri, _ := schema.PredicateByName(name)
		ks, err := lookup(iri)
		if err != nil {
			return nil, err
		}
		for _, k := range ks {
			predOf[k] = name
		}
	}
	typed := map[[2]any]bool{} // (node, class IRI)
	rels := map[[3]any]bool{}  // (subject, predicate name, object)
	dir := func(r graph.Ref, d quad.Direction) (any, error) {
		v, err := s.QS.QuadDirection(r, d)
		if err != nil || v == nil {
			return nil, err
		}
		return refs.ToKey(v), nil
	}
	err = iterator.Iterate(ctx, s.QS.QuadsAllIterator()).Each(func(r refs.Ref) error {
		// counts the quad; a bolt store's mapped pages go back now and then
		if err := s.releaseEvery(&st.Quads); err != nil {
			return err
		}
		p, err := dir(r, quad.Predicate)
		if err != nil || p == nil {
			return err
		}
		name, scored := predOf[p]
		if !isType[p] && !scored {
			return nil
		}
		subj, err := dir(r, quad.Subject)
		if err != nil {
			return err
		}
		obj, err := dir(r, quad.Object)
		if err != nil {
			return err
		}
		if scored {
			rels[[3]any{subj, name, obj}] = true
			return nil
		}
		class, ok := classOf[obj]
		if !ok || typed[[2]any{subj, class}] {
			return nil
		}
		typed[[2]any{subj, class}] = true
		if c, ok := schema.ClassByIRI(class); ok {
			st.Entities[c.Name]++
		}
		switch class {
		case schema.Document:
			st.Documents++
		case schema.Statement:
			st.Statements++
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for k := range rels {
		st.Relations[k[1].(string)]++
	}
	return st, nil
}

// classIRIs are the IRIs of the entity classes.
func classIRIs() []string {
	out := make([]string, len(schema.Classes))
	for i, c := range schema.Classes {
		out[i] = c.IRI
	}
	return out
}

func iriString(v quad.Value) string {
	if i, ok := v.(quad.IRI); ok {
		return string(i)
	}
	return ""
}
