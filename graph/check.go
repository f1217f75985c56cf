package graph

import (
	"context"
	"fmt"
	"sort"

	"github.com/cayleygraph/quad"

	"github.com/accordkg/accord/schema"
)

// statementProps are the properties every statement node must have.
var statementProps = map[string][]string{
	schema.Statement:     {schema.Actor, schema.PredicateP, schema.Target, schema.Sentence, schema.InDocument, schema.CharStart, schema.CharEnd, schema.Rule},
	schema.FactStatement: {schema.SubjectP, schema.PredicateP, schema.ObjectP, schema.Sentence, schema.InDocument, schema.CharStart, schema.CharEnd, schema.Rule},
}

// Check verifies the store's integrity in one pass over its quads: every
// statement node is complete and lies in its own document's graph, every
// document has exactly one content hash (and at most one build
// fingerprint), and every quad's label is a document of the store. It
// returns one message per problem, sorted.
func (s *Store) Check(ctx context.Context) ([]string, error) {
	type node struct {
		class string
		props map[string]int
		label string
	}
	nodes := map[string]*node{}
	get := func(k string) *node {
		n := nodes[k]
		if n == nil {
			n = &node{props: map[string]int{}}
			nodes[k] = n
		}
		return n
	}
	labels := map[string]bool{}
	docs := map[string]*node{}
	err := s.EachQuad(ctx, "", func(q quad.Quad) error {
		subj := q.Subject.String()
		p := iriString(q.Predicate)
		n := get(subj)
		n.props[p]++
		if q.Label != nil {
			labels[iriString(q.Label)] = true
			if n.label == "" {
				n.label = iriString(q.Label)
			}
		}
		if p == schema.Type {
			o := iriString(q.Object)
			if _, ok := statementProps[o]; ok {
				n.class = o
			}
			if o == schema.Document {
				docs[iriString(q.Subject)] = n
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var out []string
	for k, n := range nodes {
		props, ok := statementProps[n.class]
		if !ok {
			continue
		}
		for _, p := range props {
			if n.props[p] != 1 {
				out = append(out, fmt.Sprintf("%s: statement has %d %s (want 1)", k, n.props[p], schema.ShortName(p)))
			}
		}
	}
	for d, n := range docs {
		if n.props[schema.ContentHash] != 1 {
			out = append(out, fmt.Sprintf("<%s>: document has %d content hashes (want 1: a replace was interrupted; build it again)", d, n.props[schema.ContentHash]))
		}
		if n.props[schema.Fingerprint] > 1 {
			out = append(out, fmt.Sprintf("<%s>: document has %d build fingerprints (a replace was interrupted; build it again)", d, n.props[schema.Fingerprint]))
		}
	}
	for l := range labels {
		// the vocabulary graph (graph/vocab.go) is the one label that is no document
		if _, ok := docs[l]; !ok && l != "" && l != schema.VocabGraph {
			out = append(out, fmt.Sprintf("<%s>: quads are labelled with it but it is no acc:Document", l))
		}
	}
	sort.Strings(out)
	return out, nil
}
