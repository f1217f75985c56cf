package graph

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"fmt"
	"slices"
	"time"

	"github.com/cayleygraph/cayley/graph/kv"
	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	bbolt "go.etcd.io/bbolt"
	"google.golang.org/protobuf/proto"
)

// The buckets and keys of Cayley's kv layout (graph/kv/indexing.go) that
// addNewQuads writes.
var (
	kvMeta    = []byte("meta")
	kvLog     = []byte("log")
	kvHorizon = []byte("horizon")
	kvSize    = []byte("size")
)

// addNewQuads writes quads into a bolt store, in one transaction, exactly
// as Cayley's ApplyDeltas would lay them out (the same buckets, keys and
// values, so that Cayley reads and later deletes them as its own): a node
// record, id and reference count per value, a log record per quad and
// per new node, and the quad's id appended to the list of each of the
// store's indexes. It is accord's bulk writer, and the caller's promise
// is what makes it one: no quad of quads is in the store already (a new
// document, or one whose old quads a previous transaction removed), so
// it never reads index lists to look for duplicates, which Cayley does
// for every quad whose nodes all exist. It hashes each value once per
// call, finds each node and each index list once, and writes every
// bucket in key order. Quads repeated within quads are written once. It
// returns the number of quads written.
func (s *Store) addNewQuads(quads []quad.Quad) (int, error) {
	return s.addQuadsKV(quads, false)
}

// addMissingQuads is addNewQuads for quads some of which may be in the
// store already (the parts of a large document repeat the types and
// labels of the entities they share): those are skipped, found through
// the (label, subject) index (or the store's first index, on a store
// made without it).
func (s *Store) addMissingQuads(quads []quad.Quad) (int, error) {
	return s.addQuadsKV(quads, true)
}

// bulkWrites reports whether addNewQuads and addMissingQuads can write
// to the store (a bolt store opened by accord).
func (s *Store) bulkWrites() bool {
	_, ok := s.QS.(*kv.QuadStore)
	return ok && s.bolt != nil && len(s.kvIndexes) > 0 && !s.cayleyWrites
}

// bulkReads reports whether accord can also read and remove a
// document's quads itself (labelQuadsKV, removeKV): a bolt store it
// writes with the (label, subject) index.
func (s *Store) bulkReads() bool {
	return s.bulkWrites() && s.labelSubject
}

func (s *Store) addQuadsKV(quads []quad.Quad, missing bool) (int, error) {
	w := newKVBatch(len(quads))
	w.missing = missing
	// quads already there are looked for in a document's quads about
	// one subject, or on a store without that index in the lists of
	// its first (Cayley's (subject, predicate))
	w.lookup = s.kvIndexes[0]
	if s.labelSubject {
		w.lookup = labelSubjectIndex
	}
	// the quads' nodes, each once, keyed by the value's hash
	refsOf := make([][4]int32, 0, len(quads)) // node index per direction, -1 for none
	for _, q := range quads {
		var r [4]int32
		for i, d := range quad.Directions {
			r[i] = w.node(q.Get(d))
		}
		refsOf = append(refsOf, r)
	}
	var added int
	err := s.bolt.Update(func(tx *bbolt.Tx) error {
		var err error
		added, err = w.write(tx, s.kvIndexes, refsOf)
		return err
	})
	if err != nil {
		return 0, err
	}
	return added, nil
}

// kvNode is a value addNewQuads writes quads about.
type kvNode struct {
	hash refs.ValueHash
	val  quad.Value
	refs uint64 // quads written that name it, once per direction
	id   uint64
	new  bool
}

// kvBatch gathers one addNewQuads transaction.
type kvBatch struct {
	nodes  []kvNode
	byVal  map[quad.Value]int32
	byHash map[refs.ValueHash]int32
	// arena holds the keys and values put in the transaction: bbolt keeps
	// the slices it is given until the commit, so none is reused.
	arena []byte
	// missing says that quads already in the store are to be skipped;
	// had holds the live quads the store has, by their key in the index
	// lookup (the (label, subject) index when the store has it).
	missing bool
	lookup  kv.QuadIndex
	had     map[[4]uint64]map[[4]uint64]bool
}

func newKVBatch(quads int) *kvBatch {
	return &kvBatch{
		byVal:  make(map[quad.Value]int32, quads/4),
		byHash: make(map[refs.ValueHash]int32, quads/4),
	}
}

// node returns the index in w.nodes of v's node (-1 for a nil value: a
// quad without a label).
func (w *kvBatch) node(v quad.Value) int32 {
	if v == nil {
		return -1
	}
	var i int32
	ok := false
	keyed := comparableValue(v) // then each value is hashed once
	if keyed {
		i, ok = w.byVal[v]
	}
	if !ok {
		h := refs.HashOf(v)
		// two values of different kinds may share a text, hence a hash
		if i, ok = w.byHash[h]; !ok {
			i = int32(len(w.nodes))
			w.nodes = append(w.nodes, kvNode{hash: h, val: v})
			w.byHash[h] = i
		}
		if keyed {
			w.byVal[v] = i
		}
	}
	return i
}

// bytes returns n bytes of the arena, not to be reused before the commit.
func (w *kvBatch) bytes(n int) []byte {
	if len(w.arena) < n {
		w.arena = make([]byte, max(n, 256<<10))
	}
	b := w.arena[:n:n]
	w.arena = w.arena[n:]
	return b
}

// uvarint returns x as a varint in the arena.
func (w *kvBatch) uvarint(x uint64) []byte {
	var buf [binary.MaxVarintLen64]byte
	n := binary.PutUvarint(buf[:], x)
	b := w.bytes(n)
	copy(b, buf[:n])
	return b
}

// bigEndian returns x as Cayley's 8-byte id key in the arena.
func (w *kvBatch) bigEndian(x uint64) []byte {
	b := w.bytes(8)
	binary.BigEndian.PutUint64(b, x)
	return b
}

// record marshals p into the arena.
func (w *kvBatch) record(p *cproto.Primitive) ([]byte, error) {
	b, err := proto.MarshalOptions{}.MarshalAppend(w.bytes(proto.Size(p))[:0], p)
	if err != nil {
		return nil, fmt.Errorf("encoding a log record: %w", err)
	}
	return b, nil
}

// write writes the batch's nodes and quads in tx.
func (w *kvBatch) write(tx *bbolt.Tx, indexes []kv.QuadIndex, quads [][4]int32) (int, error) {
	meta, err := tx.CreateBucketIfNotExists(kvMeta)
	if err != nil {
		return 0, err
	}
	horizon := metaInt(meta, kvHorizon)
	// ids above before are this batch's: an index key naming a node
	// made here is new, not to be looked for
	before := uint64(horizon)
	// nodes in hash order: the order of their buckets and keys
	order := make([]int32, len(w.nodes))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		return slices.Compare(w.nodes[a].hash[:], w.nodes[b].hash[:])
	})
	// each node's id, a new one for a value the store does not hold
	err = w.eachNode(tx, order, 'v', func(n *kvNode, vb *bbolt.Bucket) error {
		if v := vb.Get(n.hash[:]); len(v) > 0 {
			n.id, _ = binary.Uvarint(v)
		}
		if n.id != 0 {
			return nil
		}
		horizon++
		n.id, n.new = uint64(horizon), true
		return vb.Put(n.hash[:], w.uvarint(n.id))
	})
	if err != nil {
		return 0, err
	}
	logb, err := bucket(tx, kvLog)
	if err != nil {
		return 0, err
	}
	now := time.Now().UnixNano()
	// the log: new nodes, in id order, then the quads
	for _, i := range order {
		n := &w.nodes[i]
		if !n.new {
			continue
		}
		val, err := pquads.MarshalValue(n.val)
		if err != nil {
			return 0, fmt.Errorf("encoding %v: %w", n.val, err)
		}
		rec, err := w.record(&cproto.Primitive{ID: n.id, Value: val, Timestamp: now})
		if err != nil {
			return 0, err
		}
		if err := logb.Put(w.bigEndian(n.id), rec); err != nil {
			return 0, err
		}
	}
	// the quads, each once, with their ids; the log's keys increase
	lists := make([]map[[4]uint64][]uint64, len(indexes))
	for i := range lists {
		lists[i] = make(map[[4]uint64][]uint64)
	}
	seen := make(map[[4]uint64]bool, len(quads))
	added := 0
	for _, r := range quads {
		var ids [4]uint64 // by quad.Directions: subject, predicate, object, label
		for d, ni := range r {
			if ni >= 0 {
				ids[d] = w.nodes[ni].id
			}
		}
		if seen[ids] {
			continue
		}
		seen[ids] = true
		if w.missing && max(ids[0], ids[1], ids[2], ids[3]) <= before {
			had, err := w.stored(tx, logb, ids)
			if err != nil {
				return 0, err
			}
			if had[ids] {
				continue
			}
		}
		horizon++
		added++
		for _, ni := range r {
			if ni >= 0 {
				w.nodes[ni].refs++
			}
		}
		id := uint64(horizon)
		p := cproto.Primitive{ID: id, Subject: ids[0], Predicate: ids[1], Object: ids[2], Label: ids[3], Timestamp: now}
		rec, err := w.record(&p)
		if err != nil {
			return 0, err
		}
		if err := logb.Put(w.bigEndian(id), rec); err != nil {
			return 0, err
		}
		for x, ind := range indexes {
			var key [4]uint64
			for j, d := range ind.Dirs {
				key[j] = p.GetDirection(d)
			}
			lists[x][key] = append(lists[x][key], id)
		}
	}
	// the reference counts of the nodes of the quads written
	err = w.eachNode(tx, order, 'n', func(n *kvNode, nb *bbolt.Bucket) error {
		if n.refs == 0 {
			return nil
		}
		count := n.refs
		if !n.new {
			c, _ := binary.Uvarint(nb.Get(n.hash[:]))
			count += c
		}
		return nb.Put(n.hash[:], w.uvarint(count))
	})
	if err != nil {
		return 0, err
	}
	// each index list read and written once, in key order
	for x, ind := range indexes {
		b, err := bucket(tx, indexBucket(ind))
		if err != nil {
			return 0, err
		}
		keys := make([][4]uint64, 0, len(lists[x]))
		for k := range lists[x] {
			keys = append(keys, k)
		}
		slices.SortFunc(keys, func(a, b [4]uint64) int {
			for j := range a {
				if c := cmp.Compare(a[j], b[j]); c != 0 {
					return c
				}
			}
			return 0
		})
		for _, k := range keys {
			key := w.bytes(8 * len(ind.Dirs))
			for j := range ind.Dirs {
				binary.BigEndian.PutUint64(key[8*j:], k[j])
			}
			var old []byte
			if max(k[0], k[1], k[2], k[3]) <= before {
				old = b.Get(key)
			}
			ids := lists[x][k]
			val := w.bytes(len(old) + binary.MaxVarintLen64*len(ids))[:0]
			val = append(val, old...)
			for _, id := range ids {
				val = binary.AppendUvarint(val, id)
			}
			if err := b.Put(key, val); err != nil {
				return 0, err
			}
		}
	}
	if err := putMetaInt(w, meta, kvHorizon, horizon); err != nil {
		return 0, err
	}
	if err := putMetaInt(w, meta, kvSize, metaInt(meta, kvSize)+int64(added)); err != nil {
		return 0, err
	}
	return added, nil
}

// eachNode calls fn for the nodes in order (of their hashes) with the
// bucket of their kind ('v' for ids, 'n' for reference counts) that
// holds their hash, each bucket found once.
func (w *kvBatch) eachNode(tx *bbolt.Tx, order []int32, kind byte, fn func(n *kvNode, b *bbolt.Bucket) error) error {
	var b *bbolt.Bucket
	for k, i := range order {
		n := &w.nodes[i]
		if k == 0 || [2]byte(n.hash[:2]) != [2]byte(w.nodes[order[k-1]].hash[:2]) {
			var err error
			if b, err = bucket(tx, []byte{kind, n.hash[0], n.hash[1]}); err != nil {
				return err
			}
		}
		if err := fn(n, b); err != nil {
			return err
		}
	}
	return nil
}

// stored returns the live quads the store holds under q's key in the
// index w.lookup (for the (label, subject) index: q's subject in q's
// document), each list read once per batch.
func (w *kvBatch) stored(tx *bbolt.Tx, logb *bbolt.Bucket, q [4]uint64) (map[[4]uint64]bool, error) {
	var k [4]uint64
	for j, d := range w.lookup.Dirs {
		k[j] = q[slices.Index(quad.Directions, d)]
	}
	if m, ok := w.had[k]; ok {
		return m, nil
	}
	if w.had == nil {
		w.had = make(map[[4]uint64]map[[4]uint64]bool)
	}
	m := map[[4]uint64]bool{}
	w.had[k] = m
	name := indexBucket(w.lookup)
	key := make([]byte, 8*len(w.lookup.Dirs))
	for j := range w.lookup.Dirs {
		binary.BigEndian.PutUint64(key[8*j:], k[j])
	}
	b := tx.Bucket(name)
	if b == nil {
		return m, nil
	}
	err := liveQuads(logb, name, key, b.Get(key), func(_ []byte, p *cproto.Primitive) error {
		m[[4]uint64{p.Subject, p.Predicate, p.Object, p.Label}] = true
		return nil
	})
	return m, err
}

// liveQuads calls fn with the log record of each live quad of list, the
// index list under key in the index bucket name, and the record's key.
func liveQuads(logb *bbolt.Bucket, name, key, list []byte, fn func(rec []byte, p *cproto.Primitive) error) error {
	for len(list) > 0 {
		id, n := binary.Uvarint(list)
		if n <= 0 {
			return fmt.Errorf("a corrupt list in index %s under %x", name, key)
		}
		list = list[n:]
		rec := binary.BigEndian.AppendUint64(nil, id)
		var p cproto.Primitive
		if err := proto.Unmarshal(logb.Get(rec), &p); err != nil {
			return fmt.Errorf("reading quad %d: %w", id, err)
		}
		if p.Deleted {
			continue
		}
		if err := fn(rec, &p); err != nil {
			return err
		}
	}
	return nil
}

// indexBucket is the name of the bucket of a Cayley kv index: the prefix
// letter of each of its directions.
func indexBucket(ind kv.QuadIndex) []byte {
	name := make([]byte, len(ind.Dirs))
	for j, d := range ind.Dirs {
		name[j] = d.Prefix()
	}
	return name
}

// labelSubjectName is the bucket of the (label, subject) index.
var labelSubjectName = indexBucket(labelSubjectIndex)

// bucket returns the top-level bucket name, made if it is missing (Cayley
// makes its value buckets as their first value comes).
func bucket(tx *bbolt.Tx, name []byte) (*bbolt.Bucket, error) {
	if b := tx.Bucket(name); b != nil {
		return b, nil
	}
	return tx.CreateBucket(name)
}

// metaInt reads one of Cayley's counters (little-endian, 0 when absent).
func metaInt(meta *bbolt.Bucket, key []byte) int64 {
	v := meta.Get(key)
	if len(v) != 8 {
		return 0
	}
	return int64(binary.LittleEndian.Uint64(v))
}

// putMetaInt writes one of Cayley's counters.
func putMetaInt(w *kvBatch, meta *bbolt.Bucket, key []byte, x int64) error {
	b := w.bytes(8)
	binary.LittleEndian.PutUint64(b, uint64(x))
	return meta.Put(key, b)
}

// labelQuadsKV returns the live quads labelled with the node id, read in
// one transaction from the (label, subject) index of a bolt store: the
// lists under the label's prefix, each quad's log record, and each node's
// value once. Cayley's iterator reads the same quads decoding every
// node's value again for every quad that names it (a document restates
// its entities' types and labels in every statement about them).
func (s *Store) labelQuadsKV(ctx context.Context, label uint64) ([]quad.Quad, error) {
	var out []quad.Quad
	err := s.bolt.View(func(tx *bbolt.Tx) error {
		idx := tx.Bucket(labelSubjectName)
		logb := tx.Bucket(kvLog)
		if idx == nil || logb == nil {
			return nil
		}
		vals := map[uint64]quad.Value{}
		value := func(id uint64) (quad.Value, error) {
			if id == 0 {
				return nil, nil
			}
			if v, ok := vals[id]; ok {
				return v, nil
			}
			var p cproto.Primitive
			if err := proto.Unmarshal(logb.Get(binary.BigEndian.AppendUint64(nil, id)), &p); err != nil {
				return nil, fmt.Errorf("reading node %d: %w", id, err)
			}
			v, err := pquads.UnmarshalValue(p.Value)
			if err != nil {
				return nil, fmt.Errorf("reading node %d: %w", id, err)
			}
			vals[id] = v
			return v, nil
		}
		prefix := binary.BigEndian.AppendUint64(nil, label)
		c := idx.Cursor()
		for k, list := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, list = c.Next() {
			if err := ctx.Err(); err != nil {
				return err
			}
			err := liveQuads(logb, labelSubjectName, k, list, func(_ []byte, p *cproto.Primitive) error {
				var q quad.Quad
				for i, nid := range [4]uint64{p.Subject, p.Predicate, p.Object, p.Label} {
					v, err := value(nid)
					if err != nil {
						return err
					}
					q.Set(quad.Directions[i], v)
				}
				out = append(out, q)
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

// removeLabelsKV deletes every live quad labelled with one of the node
// ids labels from a bolt store, in one transaction (removeKV).
func (s *Store) removeLabelsKV(labels []uint64) (int, error) {
	rs := make([]kvRemoval, len(labels))
	for i, l := range labels {
		rs[i] = kvRemoval{label: l}
	}
	return s.removeKV(rs)
}

// kvRemoval selects quads for removeKV: the live quads labelled label
// (about the given subjects only, when set) that keep accepts (all, when
// nil).
type kvRemoval struct {
	label    uint64
	subjects []uint64
	keep     func(p *cproto.Primitive) bool
}

// removeKV deletes the quads rs select from a bolt store, in one
// transaction, as Cayley's ApplyDeltas deletes quads: each quad's log
// record marked dead (the index lists keep its id, which readers skip),
// the reference counts of its nodes lowered, a node left without quads
// removed (its id, count and log record), and the store's size lowered.
// The quads are found on the (label, subject) index, which the store must
// have. Cayley's quad store remembers the ids of IRIs it looked up, some
// of which may be gone, so it is opened again afterwards (reopenCayley).
// It returns the number of quads removed.
func (s *Store) removeKV(rs []kvRemoval) (int, error) {
	removed := 0
	err := s.bolt.Update(func(tx *bbolt.Tx) error {
		idx := tx.Bucket(labelSubjectName)
		logb := tx.Bucket(kvLog)
		meta := tx.Bucket(kvMeta)
		if idx == nil || logb == nil || meta == nil {
			return nil
		}
		drop := map[uint64]uint64{} // node id → references removed
		// remove marks the live quads of one index list dead
		remove := func(k, list []byte, keep func(p *cproto.Primitive) bool) error {
			return liveQuads(logb, labelSubjectName, k, list, func(key []byte, p *cproto.Primitive) error {
				if keep != nil && !keep(p) {
					return nil
				}
				p.Deleted = true
				rec, err := proto.Marshal(p)
				if err != nil {
					return fmt.Errorf("encoding quad %d: %w", p.ID, err)
				}
				if err := logb.Put(key, rec); err != nil {
					return err
				}
				for _, nid := range [4]uint64{p.Subject, p.Predicate, p.Object, p.Label} {
					if nid != 0 {
						drop[nid]++
					}
				}
				removed++
				return nil
			})
		}
		for _, r := range rs {
			prefix := binary.BigEndian.AppendUint64(nil, r.label)
			if r.subjects == nil {
				c := idx.Cursor()
				for k, list := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, list = c.Next() {
					if err := remove(k, list, r.keep); err != nil {
						return err
					}
				}
				continue
			}
			for _, sub := range r.subjects {
				k := binary.BigEndian.AppendUint64(slices.Clip(prefix), sub)
				if err := remove(k, idx.Get(k), r.keep); err != nil {
					return err
				}
			}
		}
		ids := make([]uint64, 0, len(drop))
		for id := range drop {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		for _, id := range ids {
			key := binary.BigEndian.AppendUint64(nil, id)
			var p cproto.Primitive
			if err := proto.Unmarshal(logb.Get(key), &p); err != nil {
				return fmt.Errorf("reading node %d: %w", id, err)
			}
			v, err := pquads.UnmarshalValue(p.Value)
			if err != nil {
				return fmt.Errorf("reading node %d: %w", id, err)
			}
			h := refs.HashOf(v)
			nb := tx.Bucket([]byte{'n', h[0], h[1]})
			if nb == nil {
				return fmt.Errorf("node %d (%v) has no reference count", id, v)
			}
			count, _ := binary.Uvarint(nb.Get(h[:]))
			if count > drop[id] {
				if err := nb.Put(h[:], binary.AppendUvarint(nil, count-drop[id])); err != nil {
					return err
				}
				continue
			}
			// no quad names the node any more
			if err := nb.Delete(h[:]); err != nil {
				return err
			}
			if vb := tx.Bucket([]byte{'v', h[0], h[1]}); vb != nil {
				if err := vb.Delete(h[:]); err != nil {
					return err
				}
			}
			if err := logb.Delete(key); err != nil {
				return err
			}
		}
		size := binary.LittleEndian.AppendUint64(nil, uint64(metaInt(meta, kvSize)-int64(removed)))
		return meta.Put(kvSize, size)
	})
	if err != nil {
		return 0, err
	}
	if removed > 0 {
		if err := s.reopenCayley(); err != nil {
			return removed, err
		}
	}
	return removed, nil
}
