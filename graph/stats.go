package graph

import (
	"context"

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

// Stats counts the store's content in one pass over its quads. Entities
// and relations are counted once however many documents state them.
func (s *Store) Stats(ctx context.Context) (*Stats, error) {
	st := &Stats{Entities: map[string]int{}, Relations: map[string]int{}}
	typed := map[string]bool{}
	rels := map[[3]string]bool{}
	err := s.EachQuad(ctx, "", func(q quad.Quad) error {
		st.Quads++
		p := iriString(q.Predicate)
		switch {
		case p == schema.Type:
			o := iriString(q.Object)
			k := q.Subject.String() + " " + o
			if typed[k] {
				return nil
			}
			typed[k] = true
			if c, ok := schema.ClassByIRI(o); ok {
				st.Entities[c.Name]++
			}
			switch o {
			case schema.Document:
				st.Documents++
			case schema.Statement:
				st.Statements++
			}
		case schema.IsScoredPredicate(p):
			k := [3]string{q.Subject.String(), p, q.Object.String()}
			if !rels[k] {
				rels[k] = true
				st.Relations[schema.ShortName(p)]++
			}
		}
		return nil
	})
	return st, err
}

func iriString(v quad.Value) string {
	if i, ok := v.(quad.IRI); ok {
		return string(i)
	}
	return ""
}
