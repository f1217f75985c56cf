package graph

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"reflect"
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
	// hops, when set, remembers the distinct ends of hops from fixed
	// nodes (see hopCache); only for a store that nobody writes to.
	hops *hopCache
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

// ValueOf looks v up with its prefixed IRIs expanded (remembered with the
// hops: on bbolt a lookup is a read transaction).
func (s prefixedStore) ValueOf(v quad.Value) (graph.Ref, error) {
	v = ExpandValue(v)
	if s.hops == nil || v == nil {
		return s.QuadStore.ValueOf(v)
	}
	k := v.String()
	s.hops.mu.Lock()
	r, ok := s.hops.refs[k]
	s.hops.mu.Unlock()
	if ok {
		return r, nil
	}
	r, err := s.QuadStore.ValueOf(v)
	if err == nil {
		s.hops.mu.Lock()
		if len(s.hops.refs) < hopCacheValues {
			s.hops.refs[k] = r
		}
		s.hops.mu.Unlock()
	}
	return r, err
}

// NameOf returns the value of r (remembered with the hops).
func (s prefixedStore) NameOf(r graph.Ref) (quad.Value, error) {
	if s.hops == nil || r == nil {
		return s.QuadStore.NameOf(r)
	}
	k := r.Key()
	s.hops.mu.Lock()
	v, ok := s.hops.names[k]
	s.hops.mu.Unlock()
	if ok {
		return v, nil
	}
	v, err := s.QuadStore.NameOf(r)
	if err == nil && v != nil {
		s.hops.mu.Lock()
		if len(s.hops.names) < hopCacheValues {
			s.hops.names[k] = v
		}
		s.hops.mu.Unlock()
	}
	return v, err
}

// OptimizeShape lets the wrapped store optimize a query shape (kv stores
// replace quad lookups by index scans). The shapes it returns may only be
// built on the wrapped store itself, so they are bound to it.
func (s prefixedStore) OptimizeShape(ctx context.Context, sh shape.Shape) (shape.Shape, bool) {
	if s.hops != nil {
		if u, ok := sh.(shape.Unique); ok {
			if ns, ok := s.hops.distinct(ctx, s.QuadStore, u); ok {
				return ns, true
			}
		}
	}
	o, ok := s.QuadStore.(shape.Optimizer)
	if !ok {
		return sh, false
	}
	out, opt := o.OptimizeShape(ctx, sh)
	if !opt || out == nil {
		return out, opt
	}
	return boundShape{Shape: out, qs: s.QuadStore, orig: sh}, true
}

// boundShape is a shape that builds its iterators on one given store.
type boundShape struct {
	shape.Shape
	qs graph.QuadStore
	// orig is the shape before the store optimized it.
	orig shape.Shape
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

// hopCache remembers, for a store that nobody writes to while it is open,
// the distinct nodes at the end of a hop from fixed nodes: the shape of
// g.V(x).Out(p).Unique(), g.V(class).In("<rdf:type>").Unique() or
// g.V(x).OutPredicates(). Every document restates under its own label the
// facts it shares with others, so such a hop reads one quad per document
// that states it (at 10,000 documents, 100,000 quads for the members of a
// class) to find a few distinct nodes; the cache reads them once, and the
// hop then costs what its answer does. The answer is the same set (in the
// same order for a hop from one node along one predicate; a hop from
// several is the union of the hops from each, see distinctMany): only hops
// without tags (Save, Tag) before the Unique are cached, whose paths carry
// nothing but their end.
type hopCache struct {
	mu   sync.Mutex
	hops map[hopKey][]graph.Ref
	// many holds the unions distinctMany made, by the hops they unite
	// (manyKey), each with its index for Contains built once: a search
	// that hops from the same few hundred nodes again, query after query,
	// neither unites nor indexes tens of thousands of nodes again.
	many  map[string]distinctNodes
	held  int                  // refs held in hops and many, at most hopCacheRefs
	refs  map[string]graph.Ref // ValueOf, by the value's String
	names map[any]quad.Value   // NameOf, by the ref's key
}

// hopCacheValues caps the values (and refs) the cache remembers.
const hopCacheValues = 1 << 20

// hopCacheRefs caps the refs the cache holds (a few hundred MB at most).
const hopCacheRefs = 8 << 20

// hopKey is a hop: the direction of its result and the fixed value (ref
// key) of each filtered direction (nil when not filtered).
type hopKey struct {
	result quad.Direction
	filter [4]any
}

func newHopCache() *hopCache {
	return &hopCache{hops: map[hopKey][]graph.Ref{}, many: map[string]distinctNodes{}, refs: map[string]graph.Ref{}, names: map[any]quad.Value{}}
}

// key returns the hop u makes when it is one the cache can answer.
func (c *hopCache) key(u shape.Unique) (hopKey, shape.Shape, bool) {
	from := u.From
	if b, ok := from.(boundShape); ok {
		from = b.orig
	}
	qa, ok := from.(shape.QuadsAction)
	if !ok || len(qa.Save) > 0 || len(qa.Filter) == 0 {
		return hopKey{}, nil, false
	}
	k := hopKey{result: qa.Result}
	for d, v := range qa.Filter {
		if v == nil || d < quad.Subject || d > quad.Label {
			return hopKey{}, nil, false
		}
		key := v.Key()
		switch key.(type) {
		case nil, map[string]any:
			return hopKey{}, nil, false
		}
		k.filter[d-1] = key
	}
	return k, u.From, true
}

// distinct returns a shape of the distinct results of u, read from qs the
// first time, when u is a hop the cache answers.
func (c *hopCache) distinct(ctx context.Context, qs graph.QuadStore, u shape.Unique) (shape.Shape, bool) {
	if nf, ok := u.From.(shape.NodesFrom); ok {
		return c.distinctMany(ctx, qs, nf)
	}
	k, from, ok := c.key(u)
	if !ok {
		return nil, false
	}
	c.mu.Lock()
	got, ok := c.hops[k]
	c.mu.Unlock()
	if ok {
		return distinctNodes{refs: got}, true
	}
	seen := map[any]bool{}
	var out []graph.Ref
	err := iterator.Iterate(ctx, from.BuildIterator(qs)).Paths(false).Each(func(r refs.Ref) error {
		if k := r.Key(); !seen[k] {
			seen[k] = true
			out = append(out, r)
		}
		return nil
	})
	if err != nil {
		return nil, false // the query meets the error itself
	}
	remember(c, c.hops, k, out, len(out))
	return distinctNodes{refs: out}, true
}

// remember keeps v, an answer of n refs, under k in one of c's maps while
// the cache holds fewer than hopCacheRefs refs.
func remember[K comparable, V any](c *hopCache, m map[K]V, k K, v V, n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.held+n+1 > hopCacheRefs {
		return
	}
	if _, dup := m[k]; !dup {
		m[k] = v
		c.held += n + 1
	}
}

// maxHops caps the one-value hops distinctMany makes of one hop.
const maxHops = 1 << 16

// distinctMany answers a hop from several fixed values in a direction
// (g.V(a, b).Out(["<p>", "<q>"]).Unique(), or a hop from a set the cache
// gave) as the union of the hops from each combination of one value per
// direction, each answered by the cache: the same set of nodes (in
// another order, which Gizmo leaves to the store).
func (c *hopCache) distinctMany(ctx context.Context, qs graph.QuadStore, nf shape.NodesFrom) (shape.Shape, bool) {
	q, ok := nf.Quads.(shape.Quads)
	if !ok || len(q) == 0 {
		return nil, false
	}
	vals := make([][]graph.Ref, len(q))
	hops, dirs := 1, map[quad.Direction]bool{}
	for i, f := range q {
		switch v := f.Values.(type) {
		case shape.Fixed:
			vals[i] = v
		case distinctNodes:
			vals[i] = v.refs
		default:
			return nil, false
		}
		if dirs[f.Dir] || f.Dir == nf.Dir || f.Dir < quad.Subject || f.Dir > quad.Label {
			return nil, false
		}
		dirs[f.Dir] = true
		for _, r := range vals[i] {
			if r == nil {
				return nil, false
			}
		}
		if hops *= len(vals[i]); hops == 0 {
			return distinctNodes{}, true // no value: no hop
		}
		if hops > maxHops {
			return nil, false
		}
	}
	mk := manyKey(nf.Dir, q, vals)
	c.mu.Lock()
	got, ok := c.many[mk]
	c.mu.Unlock()
	if ok {
		return got, true
	}
	o, _ := qs.(shape.Optimizer)
	seen := map[any]bool{}
	var out []graph.Ref
	at := make([]int, len(q))
	for {
		qa := shape.QuadsAction{Result: nf.Dir}
		for i, f := range q {
			qa.SetFilter(f.Dir, vals[i][at[i]])
		}
		var from shape.Shape = qa
		if o != nil {
			if sh, ok := o.OptimizeShape(ctx, qa); ok && sh != nil {
				from = boundShape{Shape: sh, qs: qs, orig: qa}
			}
		}
		sh, ok := c.distinct(ctx, qs, shape.Unique{From: from})
		if !ok {
			return nil, false
		}
		for _, r := range sh.(distinctNodes).refs {
			if k := r.Key(); !seen[k] {
				seen[k] = true
				out = append(out, r)
			}
		}
		i := len(at) - 1
		for ; i >= 0; i-- {
			if at[i]++; at[i] < len(vals[i]) {
				break
			}
			at[i] = 0
		}
		if i < 0 {
			break
		}
	}
	d := distinctNodes{refs: out, idx: &refIndex{}}
	remember(c, c.many, mk, d, len(out))
	return d, true
}

// manyKey names the hops distinctMany unites: the result's direction and,
// for each filtered direction, the keys of its values.
func manyKey(result quad.Direction, q shape.Quads, vals [][]graph.Ref) string {
	b := []byte{byte(result)}
	for i, f := range q {
		b = append(b, '|', byte(f.Dir))
		for _, r := range vals[i] {
			// ref keys are integers on memory and bolt (of their own types)
			switch k := reflect.ValueOf(r.Key()); k.Kind() {
			case reflect.Int, reflect.Int32, reflect.Int64:
				b = binary.AppendVarint(append(b, 'i'), k.Int())
			case reflect.Uint, reflect.Uint32, reflect.Uint64:
				b = binary.AppendUvarint(append(b, 'u'), k.Uint())
			default:
				b = fmt.Appendf(append(b, 'v'), "%T%v;", r.Key(), r.Key())
			}
		}
	}
	return string(b)
}

// distinctNodes is a shape of nodes known in advance, each once.
type distinctNodes struct {
	refs []graph.Ref
	// idx, when set, is the index over refs that every iterator built
	// from this shape shares (else each builds its own).
	idx *refIndex
}

// BuildIterator returns an iterator over the nodes.
func (d distinctNodes) BuildIterator(graph.QuadStore) iterator.Shape {
	if d.idx == nil {
		return newNodeSet(d.refs, &refIndex{})
	}
	return newNodeSet(d.refs, d.idx)
}

// refIndex maps the keys of a set of nodes to the nodes, built once.
type refIndex struct {
	once sync.Once
	keys map[any]graph.Ref
}

// Optimize returns the shape: it is as simple as it gets.
func (d distinctNodes) Optimize(context.Context, shape.Optimizer) (shape.Shape, bool) {
	if len(d.refs) == 0 {
		return nil, true
	}
	return d, false
}

// nodeSet is iterator.Fixed with a Contains that looks the node up in a
// map (Fixed compares it with each value in turn).
type nodeSet struct {
	*iterator.Fixed
	refs []graph.Ref
	idx  *refIndex
}

func newNodeSet(rs []graph.Ref, idx *refIndex) *nodeSet {
	return &nodeSet{Fixed: iterator.NewFixed(rs...), refs: rs, idx: idx}
}

// Lookup returns an index over the nodes.
func (n *nodeSet) Lookup() iterator.Index {
	if len(n.refs) <= 16 {
		return n.Fixed.Lookup()
	}
	n.idx.once.Do(func() {
		n.idx.keys = make(map[any]graph.Ref, len(n.refs))
		for _, r := range n.refs {
			n.idx.keys[r.Key()] = r
		}
	})
	return &nodeSetContains{keys: n.idx.keys}
}

// Optimize keeps the set (Fixed would return itself, losing the map).
func (n *nodeSet) Optimize(context.Context) (iterator.Shape, bool) { return n, false }

func (n *nodeSet) String() string { return fmt.Sprintf("NodeSet(%d)", len(n.refs)) }

type nodeSetContains struct {
	keys   map[any]graph.Ref
	result graph.Ref
}

func (it *nodeSetContains) Contains(_ context.Context, v graph.Ref) bool {
	r, ok := it.keys[refs.ToKey(v)]
	if ok {
		it.result = r
	}
	return ok
}
func (it *nodeSetContains) Result() graph.Ref               { return it.result }
func (it *nodeSetContains) NextPath(context.Context) bool   { return false }
func (it *nodeSetContains) TagResults(map[string]graph.Ref) {}
func (it *nodeSetContains) Err() error                      { return nil }
func (it *nodeSetContains) Close() error                    { return nil }
func (it *nodeSetContains) String() string                  { return "NodeSetContains" }

// FullIRIQuadStore wraps qs so that the quads it hands out carry full IRIs
// ("36"^^<http://www.w3.org/2001/XMLSchema#integer>, not <xsd:integer>), as
// accord export writes them: Cayley's /api/v2/read writes the quads that
// Quad returns, and a strict N-Quads reader rejects a prefixed datatype.
// For reading only: a quad it returns may no longer equal the one stored.
func FullIRIQuadStore(qs graph.QuadStore) graph.QuadStore { return fullIRIStore{qs} }

type fullIRIStore struct{ graph.QuadStore }

// Quad returns the wrapped store's quad with its IRIs expanded.
func (s fullIRIStore) Quad(r graph.Ref) (quad.Quad, error) {
	q, err := s.QuadStore.Quad(r)
	if err != nil {
		return q, err
	}
	return FullQuad(q), nil
}
