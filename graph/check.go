package graph

import (
	"context"
	"fmt"
	"sort"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"

	"github.com/accordkg/accord/schema"
)

// statementProps are the properties every statement node must have.
var statementProps = map[string][]string{
	schema.Statement:     {schema.Actor, schema.PredicateP, schema.Target, schema.Sentence, schema.InDocument, schema.CharStart, schema.CharEnd, schema.Rule},
	schema.FactStatement: {schema.SubjectP, schema.PredicateP, schema.ObjectP, schema.Sentence, schema.InDocument, schema.CharStart, schema.CharEnd, schema.Rule},
}

// checkedProps are the properties Check counts, each at its place in a
// checkNode's counts.
var checkedProps = func() map[string]int {
	m := map[string]int{schema.ContentHash: 0, schema.Fingerprint: 1}
	for _, ps := range statementProps {
		for _, p := range ps {
			if _, ok := m[p]; !ok {
				m[p] = len(m)
			}
		}
	}
	if len(m) > len(checkNode{}.counts) {
		panic("graph: checkNode.counts is too short for the checked properties")
	}
	return m
}()

// checkNode is what Check gathers of one node in one document's graph.
type checkNode struct {
	class  string // its statement class, if it is a statement
	counts [16]int
}

func (n *checkNode) add(pred, object func() string) {
	p := pred()
	if i, ok := checkedProps[p]; ok {
		n.counts[i]++
	}
	if p == schema.Type {
		if o := object(); statementProps[o] != nil {
			n.class = o
		}
	}
}

// problems are the node's, subject naming it as it is printed.
func (n *checkNode) problems(subject func() string, isDoc bool, doc string) []string {
	var out []string
	for _, p := range statementProps[n.class] {
		if c := n.counts[checkedProps[p]]; c != 1 {
			out = append(out, fmt.Sprintf("%s: statement has %d %s (want 1)", subject(), c, schema.ShortName(p)))
		}
	}
	if isDoc {
		if c := n.counts[checkedProps[schema.ContentHash]]; c != 1 {
			out = append(out, fmt.Sprintf("<%s>: document has %d content hashes (want 1: a replace was interrupted; build it again)", doc, c))
		}
		if c := n.counts[checkedProps[schema.Fingerprint]]; c > 1 {
			out = append(out, fmt.Sprintf("<%s>: document has %d build fingerprints (a replace was interrupted; build it again)", doc, c))
		}
	}
	return out
}

// Check verifies the store's integrity: every statement node is complete
// within its own document's graph, every document has exactly one content
// hash (and at most one build fingerprint), every quad's label is a
// document of the store, and no document is in the store's journal (in
// part). It returns one message per problem, sorted. Its
// memory is bounded by the labels and documents of the store, not its
// quads: the labels are read by reference in one pass, then each
// document's graph on its own, one subject at a time where the store
// keeps the (label, subject) index, else one document at a time.
func (s *Store) Check(ctx context.Context) ([]string, error) {
	var out []string
	iris, err := s.documentIRIs(ctx)
	if err != nil {
		return nil, err
	}
	docs := make(map[string]bool, len(iris))
	for _, d := range iris {
		docs[d] = true
	}
	labels, err := s.labelsInUse(ctx)
	if err != nil {
		return nil, err
	}
	for _, l := range labels {
		// the vocabulary graph (graph/vocab.go) is the one label that is no document
		if !docs[l] && l != "" && l != schema.VocabGraph {
			out = append(out, fmt.Sprintf("<%s>: quads are labelled with it but it is no acc:Document", l))
		}
	}
	inUse := map[string]bool{}
	for _, l := range labels {
		inUse[l] = true
	}
	for d := range docs {
		if !inUse[d] {
			// typed acc:Document under another label only: its own graph is empty
			out = append(out, fmt.Sprintf("<%s>: document has 0 content hashes (want 1: a replace was interrupted; build it again)", d))
			continue
		}
		probs, err := s.checkDocument(ctx, d)
		if err != nil {
			return nil, err
		}
		if err := releaseMapped(s.bolt); err != nil {
			return nil, err
		}
		out = append(out, probs...)
	}
	// (Open removes what a dead process left in the journal: a document
	// still there is being written by a live one, on a server store)
	inParts, err := s.InPartsDocuments()
	if err != nil {
		return nil, err
	}
	for _, d := range inParts {
		out = append(out, fmt.Sprintf("<%s>: document is being written or removed in several transactions (the store's journal holds it)", d))
	}
	sort.Strings(out)
	return out, nil
}

// labelsInUse returns the labels of the store's quads, read by reference
// (one value look-up per distinct label).
func (s *Store) labelsInUse(ctx context.Context) ([]string, error) {
	seen := map[any]graph.Ref{}
	n := 0
	err := iterator.Iterate(ctx, s.QS.QuadsAllIterator()).Each(func(r refs.Ref) error {
		// the scan reads the whole file once
		if err := s.releaseEvery(&n); err != nil {
			return err
		}
		l, err := s.QS.QuadDirection(r, quad.Label)
		if err != nil {
			return err
		}
		if l != nil {
			if k := refs.ToKey(l); seen[k] == nil {
				seen[k] = l
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading the labels: %w", err)
	}
	var out []string
	for _, r := range seen {
		v, err := s.QS.NameOf(r)
		if err != nil {
			return nil, err
		}
		out = append(out, iriString(ExpandValue(v)))
	}
	sort.Strings(out)
	return out, nil
}

// checkDocument checks the nodes of one document's graph.
func (s *Store) checkDocument(ctx context.Context, doc string) ([]string, error) {
	if kqs, ok := s.QS.(*kv.QuadStore); ok && s.labelSubject {
		return s.checkDocumentBySubject(ctx, kqs, doc)
	}
	nodes := map[string]*checkNode{}
	err := s.EachQuad(ctx, doc, func(q quad.Quad) error {
		k := q.Subject.String()
		n := nodes[k]
		if n == nil {
			n = &checkNode{}
			nodes[k] = n
		}
		n.add(func() string { return iriString(q.Predicate) }, func() string { return iriString(q.Object) })
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", doc, err)
	}
	var out []string
	for k, n := range nodes {
		out = append(out, n.problems(func() string { return k }, k == quad.IRI(doc).String(), doc)...)
	}
	return out, nil
}

// checkDocumentBySubject checks a document's graph on a bolt store with
// the (label, subject) index, whose scan gives each subject's quads
// together: one node is held at a time, and values are read only for the
// predicates and classes (a few, remembered) and for the nodes reported.
func (s *Store) checkDocumentBySubject(ctx context.Context, kqs *kv.QuadStore, doc string) ([]string, error) {
	ref, err := s.QS.ValueOf(quad.IRI(doc))
	if err != nil || ref == nil {
		return nil, err
	}
	docID, ok := ref.(kv.Int64Value)
	if !ok {
		return nil, fmt.Errorf("unexpected node reference %T", ref)
	}
	names := map[uint64]string{}
	var nameErr error
	name := func(id uint64) string {
		if v, ok := names[id]; ok {
			return v
		}
		v, err := s.QS.NameOf(kv.Int64Value(id))
		if err != nil {
			nameErr = err
			return ""
		}
		names[id] = iriString(ExpandValue(v))
		return names[id]
	}
	var (
		out  []string
		cur  checkNode
		subj uint64
		read int
	)
	flush := func() {
		if subj == 0 {
			return
		}
		id := subj
		out = append(out, cur.problems(func() string {
			v, err := s.QS.NameOf(kv.Int64Value(id))
			if err != nil || v == nil {
				return fmt.Sprintf("node %d", id)
			}
			return ExpandValue(v).String()
		}, id == uint64(docID), doc)...)
		cur = checkNode{}
	}
	scan := kv.IndexScan{Index: labelSubjectIndex, Values: []uint64{uint64(docID)}}.BuildIterator(kqs)
	err = iterator.Iterate(ctx, scan).Each(func(r refs.Ref) error {
		p, ok := r.(*proto.Primitive)
		if !ok {
			return fmt.Errorf("unexpected quad reference %T", r)
		}
		if p.Subject != subj {
			flush()
			subj = p.Subject
		}
		if err := s.releaseEvery(&read); err != nil {
			return err
		}
		cur.add(func() string { return name(p.Predicate) }, func() string { return name(p.Object) })
		return nameErr
	})
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", doc, err)
	}
	flush()
	return out, nil
}
