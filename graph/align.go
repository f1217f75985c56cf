package graph

import (
	"context"
	"sort"

	"github.com/cayleygraph/quad"

	"github.com/accordkg/accord/schema"
)

// AlignOptions configures AlignTranslation.
type AlignOptions struct {
	// Known reports whether an entity IRI is a gazetteer entry's: such an
	// entity already has one IRI in every language and is never merged.
	// Nil: every entity may be merged.
	Known func(iri string) bool
	// Compatible reports whether two names (rdfs:label, any languages) may
	// name one thing (schema.Kinds.Compatible: of the same kind, the same
	// numbers). Nil: any two may.
	Compatible func(a, b string) bool
}

// evidence is one statement node's edge, as alignment sees it.
type evidence struct {
	key   string // what pairs it with its translation: role, predicate and the fixed end
	other string // the end that may be an entity only the text names
	pos   int    // order in the document (acc:charStart)
}

// AlignTranslation merges the entities that only the texts name (no
// gazetteer entry, so keyed by their name in each language) across a
// document and the documents it translates: qs are the quads of doc about
// to be written, with its acc:translationOf links. The statements of both
// texts are paired in order, per actor and predicate (stances) or per
// predicate and fixed end (facts); where a pair names an entity of the same
// class by two IRIs, neither known nor named by the other text, the new
// document's IRI is replaced by the earlier one's, so the two texts'
// statements meet on one node, which gains the new text's labels. Returns
// the rewritten quads and the merges made (new IRI → earlier IRI); an
// ambiguous pairing (the counts differ, an IRI paired twice) merges nothing.
func (s *Store) AlignTranslation(ctx context.Context, doc string, qs []quad.Quad, opt AlignOptions) ([]quad.Quad, map[string]string, error) {
	var others []string
	for _, q := range qs {
		if iriString(q.Subject) == doc && iriString(q.Predicate) == schema.TranslationOf {
			others = append(others, iriString(q.Object))
		}
	}
	if len(others) == 0 {
		return qs, nil, nil
	}
	known := func(iri string) bool { return opt.Known != nil && opt.Known(iri) }
	newEv, newClass, newNamed, newLabels := alignable(qs)
	var oldLabels map[string][]string
	compatible := func(a, b string) bool {
		if opt.Compatible == nil {
			return true
		}
		for _, x := range newLabels[a] {
			for _, y := range oldLabels[b] {
				if opt.Compatible(x, y) {
					return true
				}
			}
		}
		return false
	}
	merge := map[string]string{}
	conflict := map[string]bool{}
	for _, other := range others {
		oq, err := s.statementQuads(ctx, other)
		if err != nil {
			return nil, nil, err
		}
		var oldEv map[string][]evidence
		var oldClass map[string]string
		var oldNamed map[string]bool
		oldEv, oldClass, oldNamed, oldLabels = alignable(oq)
		for key, ns := range newEv {
			os := oldEv[key]
			if len(os) == 0 {
				continue
			}
			// the ends only the texts name, in order, each once
			pick := func(ev []evidence, class map[string]string, otherNamed map[string]bool) []string {
				var out []string
				seen := map[string]bool{}
				for _, e := range ev {
					if seen[e.other] || known(e.other) || class[e.other] == "" || otherNamed[e.other] {
						continue
					}
					seen[e.other] = true
					out = append(out, e.other)
				}
				return out
			}
			a := pick(ns, newClass, oldNamed)
			b := pick(os, oldClass, newNamed)
			if len(a) != len(b) {
				continue
			}
			for i := range a {
				if newClass[a[i]] != oldClass[b[i]] || !compatible(a[i], b[i]) {
					continue
				}
				if prev, ok := merge[a[i]]; ok && prev != b[i] {
					conflict[a[i]] = true
				}
				merge[a[i]] = b[i]
			}
		}
	}
	// an earlier IRI claimed by two new ones, or a new one paired twice
	// differently: leave them apart
	claimed := map[string]int{}
	for _, b := range merge {
		claimed[b]++
	}
	for a, b := range merge {
		if conflict[a] || claimed[b] > 1 {
			delete(merge, a)
		}
	}
	if len(merge) == 0 {
		return qs, nil, nil
	}
	out := make([]quad.Quad, 0, len(qs))
	seen := map[quad.Quad]bool{}
	for _, q := range qs {
		if to, ok := merge[iriString(q.Subject)]; ok {
			q.Subject = quad.IRI(to)
		}
		if to, ok := merge[iriString(q.Object)]; ok {
			q.Object = quad.IRI(to)
		}
		if !seen[q] {
			seen[q] = true
			out = append(out, q)
		}
	}
	return out, merge, nil
}

// statementQuads returns the quads of the statement nodes of a document in
// the store (found by acc:inDocument) and of the entities they name (their
// types and labels), read by the object and subject indexes.
func (s *Store) statementQuads(ctx context.Context, doc string) ([]quad.Quad, error) {
	var nodes []quad.Value
	err := s.eachQuadWith(ctx, quad.Object, quad.IRI(doc), func(q quad.Quad) error {
		q = FullQuad(q)
		if iriString(q.Predicate) == schema.InDocument && iriString(q.Label) == doc {
			nodes = append(nodes, q.Subject)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var out []quad.Quad
	ends := map[string]bool{}
	for _, n := range nodes {
		err := s.eachQuadWith(ctx, quad.Subject, n, func(q quad.Quad) error {
			q = FullQuad(q)
			if iriString(q.Label) != doc {
				return nil
			}
			out = append(out, q)
			switch iriString(q.Predicate) {
			case schema.Actor, schema.Target, schema.SubjectP, schema.ObjectP:
				if o := iriString(q.Object); o != "" {
					ends[o] = true
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	names := make([]string, 0, len(ends))
	for e := range ends {
		names = append(names, e)
	}
	sort.Strings(names)
	for _, e := range names {
		err := s.eachQuadWith(ctx, quad.Subject, quad.IRI(e), func(q quad.Quad) error {
			q = FullQuad(q)
			if p := iriString(q.Predicate); iriString(q.Label) == doc && (p == schema.Type || p == schema.Label) {
				out = append(out, q)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// alignable reads a document's statement nodes from its quads: for each
// pairing key the statements in text order, the class of every entity, and
// every entity the statements name, and the labels of every node.
func alignable(qs []quad.Quad) (map[string][]evidence, map[string]string, map[string]bool, map[string][]string) {
	type node struct {
		kind                                          string
		actor, pred, target, subject, object, object2 string
		pos                                           int
	}
	nodes := map[string]*node{}
	get := func(v quad.Value) *node {
		k := iriString(v)
		n := nodes[k]
		if n == nil {
			n = &node{}
			nodes[k] = n
		}
		return n
	}
	class := map[string]string{}
	labels := map[string][]string{}
	for _, q := range qs {
		p := iriString(q.Predicate)
		switch p {
		case schema.Label:
			k := iriString(q.Subject)
			labels[k] = append(labels[k], literal(q.Object))
		case schema.Type:
			t := iriString(q.Object)
			switch t {
			case schema.Statement, schema.FactStatement:
				get(q.Subject).kind = t
			default:
				if _, ok := schema.ClassByIRI(t); ok {
					class[iriString(q.Subject)] = t
				}
			}
		case schema.Actor:
			get(q.Subject).actor = iriString(q.Object)
		case schema.PredicateP:
			get(q.Subject).pred = iriString(q.Object)
		case schema.Target:
			get(q.Subject).target = iriString(q.Object)
		case schema.SubjectP:
			get(q.Subject).subject = iriString(q.Object)
		case schema.ObjectP:
			get(q.Subject).object = iriString(q.Object)
			if get(q.Subject).object == "" {
				get(q.Subject).object2 = q.Object.String() // a date
			}
		case schema.CharStart:
			if v, ok := q.Object.(quad.Int); ok {
				get(q.Subject).pos = int(v)
			}
		}
	}
	ev := map[string][]evidence{}
	named := map[string]bool{}
	for _, n := range nodes {
		switch n.kind {
		case schema.Statement:
			if n.actor == "" || n.target == "" {
				continue
			}
			named[n.actor], named[n.target] = true, true
			ev["s "+n.actor+" "+n.pred] = append(ev["s "+n.actor+" "+n.pred], evidence{other: n.target, pos: n.pos})
			ev["t "+n.target+" "+n.pred] = append(ev["t "+n.target+" "+n.pred], evidence{other: n.actor, pos: n.pos})
		case schema.FactStatement:
			if n.subject == "" {
				continue
			}
			named[n.subject] = true
			obj := n.object
			if obj == "" {
				obj = n.object2
			} else {
				named[obj] = true
				ev["o "+n.subject+" "+n.pred] = append(ev["o "+n.subject+" "+n.pred], evidence{other: obj, pos: n.pos})
			}
			ev["f "+n.pred+" "+obj] = append(ev["f "+n.pred+" "+obj], evidence{other: n.subject, pos: n.pos})
		}
	}
	for k, es := range ev {
		sort.SliceStable(es, func(i, j int) bool {
			if es[i].pos != es[j].pos {
				return es[i].pos < es[j].pos
			}
			return es[i].other < es[j].other
		})
		for i := range es {
			es[i].key = k
		}
	}
	return ev, class, named, labels
}

// LinkTranslations prepares the quads of a document for a store that may
// hold its translations: qs with the acc:translationOf links build finds
// (TranslationLinks) and the entities only the texts name merged with their
// counterparts in the linked documents (AlignTranslation).
func (s *Store) LinkTranslations(ctx context.Context, doc string, qs []quad.Quad, opt AlignOptions) ([]quad.Quad, error) {
	links, err := s.TranslationLinks(ctx, doc, qs)
	if err != nil {
		return nil, err
	}
	out, _, err := s.AlignTranslation(ctx, doc, append(qs, links...), opt)
	return out, err
}
