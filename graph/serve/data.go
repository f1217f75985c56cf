package serve

import (
	"context"
	"sort"
	"strconv"

	"github.com/cayleygraph/quad"

	"github.com/accordkg/accord/graph"
	"github.com/accordkg/accord/schema"
)

// Data is the relations page's view of a store, served as /graph.json: the
// entities of the scored classes, the stance and fact edges between them,
// and the statements (sentences) behind each edge. docs/serve.md documents
// the shape.
type Data struct {
	// Version is the version of this shape (1).
	Version int `json:"version"`
	// Documents are the documents the store holds, by IRI.
	Documents []Document `json:"documents"`
	// Classes are the entity classes, in schema order, with how many nodes
	// each has.
	Classes []Count `json:"classes"`
	// Predicates are the stance and fact predicates that have at least one
	// edge, sorted by name, with how many edges each has.
	Predicates []Count `json:"predicates"`
	// Nodes are the entities (every node typed with one of the classes),
	// sorted by IRI.
	Nodes []Node `json:"nodes"`
	// Edges are the distinct (source, predicate, target) triples between
	// two nodes, sorted by source, predicate and target.
	Edges []Edge `json:"edges"`
	// Statements are the acc:Statement and acc:FactStatement nodes, sorted
	// by IRI.
	Statements []Statement `json:"statements"`
	// Partial is set when the store is too large to give whole: Documents
	// lists every document and the other lists are empty; the data of
	// one document is at /graph.json?doc=ID.
	Partial *Partial `json:"partial,omitempty"`
}

// Partial says why Data holds only the documents of a store.
type Partial struct {
	// Quads is how many quads the store holds.
	Quads int64 `json:"quads"`
	// Limit is the most the page data is made of (Options.MaxGraphQuads).
	Limit int64 `json:"limit"`
}

// Document is one document node.
type Document struct {
	ID       string `json:"id"`
	Label    string `json:"label,omitempty"`
	Date     string `json:"date,omitempty"`
	Language string `json:"language,omitempty"`
	// IssuedAt is the meeting that issued the document.
	IssuedAt string `json:"issuedAt,omitempty"`
}

// Count is a class or predicate with its short name, IRI and how many
// nodes or edges have it.
type Count struct {
	Name string `json:"name"`
	IRI  string `json:"iri"`
	// Kind is "stance" or "fact" for a predicate, empty for a class.
	Kind  string `json:"kind,omitempty"`
	Count int    `json:"count"`
}

// Node is one entity.
type Node struct {
	ID string `json:"id"`
	// Class is the short name of its class (State, Organization…).
	Class string `json:"class"`
	// Label is the display name: the Chinese label, else the English, else
	// any (the smallest when there are several).
	Label string `json:"label"`
	// Labels are its rdfs:label values by language tag ("" when untagged).
	Labels map[string]string `json:"labels"`
	// AltLabels are its skos:altLabel values, sorted.
	AltLabels []string `json:"altLabels,omitempty"`
	// SameAs are its owl:sameAs IRIs (Wikidata), sorted.
	SameAs []string `json:"sameAs,omitempty"`
	// Documents are the documents that name it.
	Documents []string `json:"documents"`
	// Facts are its edges to literals (signedOn, heldOn, endedOn dates).
	Facts []Fact `json:"facts,omitempty"`
}

// Fact is an edge from a node to a literal.
type Fact struct {
	Predicate  string   `json:"predicate"`
	Value      string   `json:"value"`
	Datatype   string   `json:"datatype,omitempty"`
	Documents  []string `json:"documents"`
	Statements []string `json:"statements,omitempty"`
}

// Edge is one direct edge between two nodes.
type Edge struct {
	// ID is "e" followed by the edge's index in Edges.
	ID        string `json:"id"`
	Source    string `json:"source"`
	Predicate string `json:"predicate"`
	Target    string `json:"target"`
	// Kind is "stance" or "fact".
	Kind string `json:"kind"`
	// Documents are the documents that state it (the quads' labels).
	Documents []string `json:"documents"`
	// Statements are the IRIs of the statement nodes behind it.
	Statements []string `json:"statements"`
}

// Statement is one statement node: a stance (acc:actor, acc:target,
// acc:trigger…) or a fact (acc:subject, acc:object), with the sentence it
// was read from. Offsets are in runes (code points) of the document's
// normalized text; the sentence starts at CharStart.
type Statement struct {
	ID string `json:"id"`
	// Kind is "stance" (acc:Statement) or "fact" (acc:FactStatement).
	Kind     string `json:"kind"`
	Document string `json:"document"`
	// Subject is the acc:actor of a stance, the acc:subject of a fact.
	Subject   string `json:"subject"`
	Predicate string `json:"predicate"`
	// Object is the acc:target of a stance, the acc:object of a fact (an
	// IRI, or a literal's lexical form).
	Object       string `json:"object"`
	Sentence     string `json:"sentence"`
	Paragraph    int    `json:"paragraph,omitempty"`
	CharStart    *int   `json:"charStart,omitempty"`
	CharEnd      *int   `json:"charEnd,omitempty"`
	Trigger      string `json:"trigger,omitempty"`
	TriggerStart *int   `json:"triggerStart,omitempty"`
	TargetStart  *int   `json:"targetStart,omitempty"`
	TargetEnd    *int   `json:"targetEnd,omitempty"`
	SubjectStart *int   `json:"subjectStart,omitempty"`
	Negated      bool   `json:"negated,omitempty"`
	Rule         string `json:"rule,omitempty"`
}

// Build reads the whole store in one pass and returns the page's data.
func Build(ctx context.Context, st *graph.Store) (*Data, error) {
	return BuildDocument(ctx, st, "")
}

// BuildDocument returns the page's data of one document's quads (its
// entities, relations and statements, as that document states them), or
// of the whole store when doc is empty. doc is the document's IRI; for a
// document the store does not hold, the data is empty.
func BuildDocument(ctx context.Context, st *graph.Store, doc string) (*Data, error) {
	b := newBuilder()
	if err := st.EachQuad(ctx, doc, b.add); err != nil {
		return nil, err
	}
	return b.data(), nil
}

// BuildLimited returns the page's data of the whole store when it holds
// at most limit quads (any size when limit is negative), else its
// overview (BuildOverview).
func BuildLimited(ctx context.Context, st *graph.Store, limit int64) (*Data, error) {
	if limit >= 0 {
		n, err := st.QuadCount(ctx)
		if err != nil {
			return nil, err
		}
		if n > limit {
			return BuildOverview(ctx, st, n, limit)
		}
	}
	return Build(ctx, st)
}

// BuildOverview returns the page's data of a store too large to draw
// whole: its documents, read from the document nodes alone, and Partial
// with the store's quad count and limit.
func BuildOverview(ctx context.Context, st *graph.Store, quads, limit int64) (*Data, error) {
	b := newBuilder()
	if err := st.EachDocumentNodeQuad(ctx, b.add); err != nil {
		return nil, err
	}
	docs := b.data().Documents
	return &Data{Version: 1, Documents: docs, Classes: []Count{}, Predicates: []Count{}, Nodes: []Node{}, Edges: []Edge{},
		Statements: []Statement{}, Partial: &Partial{Quads: quads, Limit: limit}}, nil
}

type tripleKey struct{ s, p, o string }

type nodeAcc struct {
	types     map[string]bool
	labels    map[string][]string
	altLabels map[string]bool
	sameAs    map[string]bool
	docs      map[string]bool
}

type stmtAcc struct {
	types map[string]bool
	props map[string]quad.Value
}

type litAcc struct {
	value, datatype string
	docs            map[string]bool
}

type builder struct {
	nodes  map[string]*nodeAcc
	stmts  map[string]*stmtAcc
	edges  map[tripleKey]map[string]bool // → documents
	lits   map[tripleKey]*litAcc         // subject, predicate, literal N-Quads form
	docs   map[string]bool
	docRaw map[string]map[string]quad.Value
}

func newBuilder() *builder {
	return &builder{
		nodes:  map[string]*nodeAcc{},
		stmts:  map[string]*stmtAcc{},
		edges:  map[tripleKey]map[string]bool{},
		lits:   map[tripleKey]*litAcc{},
		docs:   map[string]bool{},
		docRaw: map[string]map[string]quad.Value{},
	}
}

func (b *builder) node(iri string) *nodeAcc {
	n := b.nodes[iri]
	if n == nil {
		n = &nodeAcc{types: map[string]bool{}, labels: map[string][]string{}, altLabels: map[string]bool{}, sameAs: map[string]bool{}, docs: map[string]bool{}}
		b.nodes[iri] = n
	}
	return n
}

func (b *builder) stmt(iri string) *stmtAcc {
	s := b.stmts[iri]
	if s == nil {
		s = &stmtAcc{types: map[string]bool{}, props: map[string]quad.Value{}}
		b.stmts[iri] = s
	}
	return s
}

func iriOf(v quad.Value) (string, bool) {
	i, ok := v.(quad.IRI)
	return string(i), ok
}

// add files one quad (prefixed IRIs already expanded by EachQuad).
func (b *builder) add(q quad.Quad) error {
	s, ok := iriOf(q.Subject)
	if !ok {
		return nil
	}
	p, _ := iriOf(q.Predicate)
	doc, _ := iriOf(q.Label)
	switch p {
	case schema.Type:
		o, _ := iriOf(q.Object)
		switch o {
		case schema.Statement, schema.FactStatement:
			b.stmt(s).types[o] = true
			return nil
		case schema.Document:
			b.docs[s] = true
			return nil
		}
		n := b.node(s)
		n.types[o] = true
		if doc != "" {
			n.docs[doc] = true
		}
		return nil
	case schema.Actor, schema.SubjectP, schema.PredicateP, schema.Target, schema.ObjectP,
		schema.Sentence, schema.Paragraph, schema.CharStart, schema.CharEnd, schema.TriggerP,
		schema.TriggerStart, schema.TargetStart, schema.TargetEnd, schema.SubjectStart,
		schema.Negated, schema.Rule, schema.InDocument:
		b.stmt(s).props[p] = q.Object
		return nil
	case schema.Label, schema.AltLabel, schema.SameAs:
		n := b.node(s)
		switch p {
		case schema.Label:
			lang := ""
			if ls, ok := q.Object.(quad.LangString); ok {
				lang = ls.Lang
			}
			n.labels[lang] = append(n.labels[lang], literal(q.Object))
		case schema.AltLabel:
			n.altLabels[literal(q.Object)] = true
		case schema.SameAs:
			if o, ok := iriOf(q.Object); ok {
				n.sameAs[o] = true
			}
		}
		return nil
	case schema.DatePublished, schema.Language, schema.IssuedAt:
		if b.docRaw[s] == nil {
			b.docRaw[s] = map[string]quad.Value{}
		}
		b.docRaw[s][p] = q.Object
		return nil
	}
	if !schema.IsScoredPredicate(p) {
		return nil
	}
	if o, ok := iriOf(q.Object); ok {
		k := tripleKey{s, p, o}
		if b.edges[k] == nil {
			b.edges[k] = map[string]bool{}
		}
		if doc != "" {
			b.edges[k][doc] = true
		}
		return nil
	}
	k := tripleKey{s, p, q.Object.String()}
	l := b.lits[k]
	if l == nil {
		l = &litAcc{value: literal(q.Object), docs: map[string]bool{}}
		if ts, ok := q.Object.(quad.TypedString); ok {
			l.datatype = string(ts.Type)
		}
		b.lits[k] = l
	}
	if doc != "" {
		l.docs[doc] = true
	}
	return nil
}

// literal returns a value's lexical form (an IRI without its brackets).
func literal(v quad.Value) string {
	switch x := v.(type) {
	case quad.IRI:
		return string(x)
	case quad.String:
		return string(x)
	case quad.LangString:
		return string(x.Value)
	case quad.TypedString:
		return string(x.Value)
	case nil:
		return ""
	}
	return quad.StringOf(v)
}

func intOf(v quad.Value) *int {
	if v == nil {
		return nil
	}
	n, err := strconv.Atoi(literal(v))
	if err != nil {
		return nil
	}
	return &n
}

// sortedKeys returns the keys of m sorted, nil when there are none.
func sortedKeys(m map[string]bool) []string {
	if len(m) == 0 {
		return nil
	}
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// classOf returns the first class of schema.Classes among types.
func classOf(types map[string]bool) (schema.Class, bool) {
	for _, c := range schema.Classes {
		if types[c.IRI] {
			return c, true
		}
	}
	return schema.Class{}, false
}

func predicateKind(p string) string {
	if _, ok := schema.StancePredicates[schema.ShortName(p)]; ok {
		return "stance"
	}
	return "fact"
}

func (b *builder) data() *Data {
	d := &Data{Version: 1, Documents: []Document{}, Nodes: []Node{}, Edges: []Edge{}, Statements: []Statement{}}

	for _, id := range sortedKeys(b.docs) {
		raw := b.docRaw[id]
		doc := Document{ID: id, Date: literal(raw[schema.DatePublished]), Language: literal(raw[schema.Language])}
		if n := b.nodes[id]; n != nil {
			labels := map[string]string{}
			for lang, ls := range n.labels {
				sort.Strings(ls)
				labels[lang] = ls[0]
			}
			doc.Label = displayLabel(labels, id)
		}
		if m, ok := iriOf(raw[schema.IssuedAt]); ok {
			doc.IssuedAt = m
		}
		d.Documents = append(d.Documents, doc)
	}

	// Statements, and the statements behind each edge or literal fact.
	behind := map[tripleKey][]string{}
	for _, id := range sortedKeys(mapKeys(b.stmts)) {
		s := b.stmts[id]
		kind := ""
		switch {
		case s.types[schema.Statement]:
			kind = "stance"
		case s.types[schema.FactStatement]:
			kind = "fact"
		default:
			continue
		}
		p := s.props
		st := Statement{
			ID: id, Kind: kind, Document: literal(p[schema.InDocument]),
			Predicate: schema.ShortName(literal(p[schema.PredicateP])),
			Sentence:  literal(p[schema.Sentence]), Rule: literal(p[schema.Rule]),
			Trigger:   literal(p[schema.TriggerP]),
			CharStart: intOf(p[schema.CharStart]), CharEnd: intOf(p[schema.CharEnd]),
			TriggerStart: intOf(p[schema.TriggerStart]),
			TargetStart:  intOf(p[schema.TargetStart]), TargetEnd: intOf(p[schema.TargetEnd]),
			SubjectStart: intOf(p[schema.SubjectStart]),
			Negated:      literal(p[schema.Negated]) == "true",
		}
		if n := intOf(p[schema.Paragraph]); n != nil {
			st.Paragraph = *n
		}
		subj, obj := p[schema.Actor], p[schema.Target]
		if kind == "fact" {
			subj, obj = p[schema.SubjectP], p[schema.ObjectP]
		}
		st.Subject, st.Object = literal(subj), literal(obj)
		d.Statements = append(d.Statements, st)
		pred := literal(p[schema.PredicateP])
		if _, isIRI := obj.(quad.IRI); isIRI || obj == nil {
			k := tripleKey{st.Subject, pred, st.Object}
			behind[k] = append(behind[k], id)
		} else {
			k := tripleKey{st.Subject, pred, obj.String()}
			behind[k] = append(behind[k], id)
		}
	}

	// Nodes.
	classCount := map[string]int{}
	nodeClass := map[string]string{}
	for _, id := range sortedKeys(mapKeys(b.nodes)) {
		n := b.nodes[id]
		c, ok := classOf(n.types)
		if !ok {
			continue
		}
		nodeClass[id] = c.Name
		classCount[c.Name]++
		node := Node{ID: id, Class: c.Name, Labels: map[string]string{}, AltLabels: sortedKeys(n.altLabels), SameAs: sortedKeys(n.sameAs), Documents: orEmpty(sortedKeys(n.docs))}
		for lang, ls := range n.labels {
			sort.Strings(ls)
			node.Labels[lang] = ls[0]
		}
		node.Label = displayLabel(node.Labels, id)
		d.Nodes = append(d.Nodes, node)
	}
	nodeIndex := map[string]int{}
	for i, n := range d.Nodes {
		nodeIndex[n.ID] = i
	}

	// Literal facts, attached to their nodes.
	litKeys := make([]tripleKey, 0, len(b.lits))
	for k := range b.lits {
		litKeys = append(litKeys, k)
	}
	sortTriples(litKeys)
	for _, k := range litKeys {
		i, ok := nodeIndex[k.s]
		if !ok {
			continue
		}
		l := b.lits[k]
		d.Nodes[i].Facts = append(d.Nodes[i].Facts, Fact{
			Predicate: schema.ShortName(k.p), Value: l.value, Datatype: l.datatype,
			Documents: orEmpty(sortedKeys(l.docs)), Statements: behind[k],
		})
	}

	// Edges between two nodes.
	edgeKeys := make([]tripleKey, 0, len(b.edges))
	for k := range b.edges {
		if _, ok := nodeClass[k.s]; !ok {
			continue
		}
		if _, ok := nodeClass[k.o]; !ok {
			continue
		}
		edgeKeys = append(edgeKeys, k)
	}
	sortTriples(edgeKeys)
	predCount := map[string]int{}
	for _, k := range edgeKeys {
		name := schema.ShortName(k.p)
		predCount[k.p]++
		st := behind[k]
		if st == nil {
			st = []string{}
		}
		d.Edges = append(d.Edges, Edge{
			ID: "e" + strconv.Itoa(len(d.Edges)), Source: k.s, Predicate: name, Target: k.o,
			Kind: predicateKind(k.p), Documents: orEmpty(sortedKeys(b.edges[k])), Statements: st,
		})
	}

	for _, c := range schema.Classes {
		d.Classes = append(d.Classes, Count{Name: c.Name, IRI: c.IRI, Count: classCount[c.Name]})
	}
	d.Predicates = []Count{}
	for _, name := range schema.PredicateNames() {
		iri, _ := schema.PredicateByName(name)
		if predCount[iri] == 0 {
			continue
		}
		d.Predicates = append(d.Predicates, Count{Name: name, IRI: iri, Kind: predicateKind(iri), Count: predCount[iri]})
	}
	return d
}

// displayLabel picks the Chinese label, else the English, else any, else
// the IRI's last segment.
func displayLabel(labels map[string]string, id string) string {
	for _, lang := range []string{"zh", "en", ""} {
		if l, ok := labels[lang]; ok {
			return l
		}
	}
	langs := sortedKeys(mapKeys(labels))
	if len(langs) > 0 {
		return labels[langs[0]]
	}
	for i := len(id) - 1; i >= 0; i-- {
		if id[i] == '/' || id[i] == '#' {
			return id[i+1:]
		}
	}
	return id
}

// orEmpty returns ss, or an empty slice for nil (a JSON [] not null).
func orEmpty(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}

func sortTriples(ks []tripleKey) {
	sort.Slice(ks, func(i, j int) bool {
		a, b := ks[i], ks[j]
		if a.s != b.s {
			return a.s < b.s
		}
		if a.p != b.p {
			return a.p < b.p
		}
		return a.o < b.o
	})
}

func mapKeys[V any](m map[string]V) map[string]bool {
	out := make(map[string]bool, len(m))
	for k := range m {
		out[k] = true
	}
	return out
}
