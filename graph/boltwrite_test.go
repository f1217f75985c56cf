package graph

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/cayleygraph/cayley/graph/kv"
	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	"github.com/google/go-cmp/cmp"
	bbolt "go.etcd.io/bbolt"
	"google.golang.org/protobuf/proto"

	"github.com/accordkg/accord/schema"
)

// kvDump is what a bolt store holds in Cayley's kv layout, with every id
// replaced by the value or quad it names, so that two stores written by
// different writers compare equal when Cayley would read them alike.
type kvDump struct {
	Horizon, Size int64
	// Nodes maps each node's value to its reference count; a node whose
	// value key, log record or count is missing or wrong is listed in
	// Broken.
	Nodes  map[string]uint64
	Broken []string
	// Quads are the quad records of the log, live and dead.
	Quads map[string]bool
	// Lists maps an index and its key to the quads of its list, in order.
	Lists map[string][]string
	// Counted is what Nodes should be: for each value, the live quads
	// that name it, once per direction.
	Counted map[string]uint64
}

// dumpKV reads a bolt store's whole kv layout.
func dumpKV(t *testing.T, s *Store) kvDump {
	t.Helper()
	d := kvDump{Nodes: map[string]uint64{}, Quads: map[string]bool{}, Lists: map[string][]string{}, Counted: map[string]uint64{}}
	err := s.bolt.View(func(tx *bbolt.Tx) error {
		meta := tx.Bucket(kvMeta)
		d.Horizon, d.Size = metaInt(meta, kvHorizon), metaInt(meta, kvSize)
		vals := map[uint64]string{}
		type link struct {
			ids  [4]uint64
			dead bool
		}
		links := map[uint64]link{}
		err := tx.Bucket(kvLog).ForEach(func(k, v []byte) error {
			var p cproto.Primitive
			if err := proto.Unmarshal(v, &p); err != nil {
				return err
			}
			if binary.BigEndian.Uint64(k) != p.ID {
				d.Broken = append(d.Broken, fmt.Sprintf("log key %x holds record %d", k, p.ID))
			}
			if p.IsNode() {
				val, err := pquads.UnmarshalValue(p.Value)
				if err != nil {
					return err
				}
				vals[p.ID] = quad.StringOf(val)
				// the value's key and count
				h := refs.HashOf(val)
				id, _ := binary.Uvarint(tx.Bucket([]byte{'v', h[0], h[1]}).Get(h[:]))
				if id != p.ID {
					d.Broken = append(d.Broken, fmt.Sprintf("value %v: key says %d, log %d", val, id, p.ID))
				}
				n, _ := binary.Uvarint(tx.Bucket([]byte{'n', h[0], h[1]}).Get(h[:]))
				d.Nodes[quad.StringOf(val)] = n
				return nil
			}
			links[p.ID] = link{[4]uint64{p.Subject, p.Predicate, p.Object, p.Label}, p.Deleted}
			return nil
		})
		if err != nil {
			return err
		}
		str := func(ids [4]uint64) string {
			return fmt.Sprintf("%s %s %s %s", vals[ids[0]], vals[ids[1]], vals[ids[2]], vals[ids[3]])
		}
		for _, l := range links {
			d.Quads[str(l.ids)+map[bool]string{false: "", true: " (dead)"}[l.dead]] = true
			for _, id := range l.ids {
				if id != 0 && !l.dead {
					d.Counted[vals[id]]++
				}
			}
		}
		for _, ind := range s.kvIndexes {
			name := indexBucket(ind)
			b := tx.Bucket(name)
			if b == nil {
				continue
			}
			err := b.ForEach(func(k, v []byte) error {
				key := string(name)
				for j := 0; j+8 <= len(k); j += 8 {
					key += " " + vals[binary.BigEndian.Uint64(k[j:])]
				}
				var list []string
				for len(v) > 0 {
					id, n := binary.Uvarint(v)
					v = v[n:]
					l := links[id]
					list = append(list, str(l.ids)+map[bool]string{false: "", true: " (dead)"}[l.dead])
				}
				d.Lists[key] = list
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestAddNewQuads writes, replaces and removes documents in two bolt
// stores, one with accord's bulk writer and one with Cayley's
// ApplyDeltas, and compares their whole kv layout after each step (node
// records, log records, every index list), then what Cayley reads from
// them; the reference counts are checked against the quads that name
// each node, and a store emptied of its documents holds no node.
func TestAddNewQuads(t *testing.T) {
	for _, tc := range []struct {
		name    string
		indexes []kv.QuadIndex // nil: those of a new store
	}{
		{"accord's indexes", nil},
		// a store made before accord added the (label, subject) index
		{"Cayley's indexes", kv.DefaultQuadIndexes},
	} {
		t.Run(tc.name, func(t *testing.T) { testAddNewQuads(t, tc.indexes) })
	}
}

func testAddNewQuads(t *testing.T, indexes []kv.QuadIndex) {
	ctx := context.Background()
	open := func(name string, cayley bool) *Store {
		var meta []byte // the store's recorded indexes, when not accord's
		if indexes != nil {
			var err error
			if meta, err = json.Marshal(indexes); err != nil {
				t.Fatal(err)
			}
		}
		st := openWithMeta(t, name, boltMetaIndexes[1], meta)
		if indexes != nil && (len(st.kvIndexes) != len(indexes) || st.labelSubject) {
			t.Fatalf("reopened with indexes %v", st.kvIndexes)
		}
		st.cayleyWrites = cayley
		return st
	}
	bulk, cay := open("bulk.db", false), open("cayley.db", true)
	a, b, c, d := checkDoc("a", 30), checkDoc("b", 12), checkDoc("c", 5), checkDoc("d", 20)
	// b names a, so a's node outlives a's old quads when a changes, and
	// the dead quads stay in the lists under its label
	b.Quads = append(b.Quads, quad.Quad{Subject: b.Quads[0].Subject, Predicate: quad.IRI(schema.NS + "translationOf"), Object: a.Quads[0].Subject, Label: b.Quads[0].Label})
	changed := checkDoc("a", 40)
	changed.Quads[1].Object = quad.String("h-a2")
	// a quad given twice, and two values of different kinds with one text
	// (one node in Cayley's store)
	dup := c.Quads[4]
	c.Quads = append(c.Quads, dup,
		quad.Quad{Subject: c.Quads[3].Subject, Predicate: quad.IRI("https://w3id.org/accord/ns#n"), Object: quad.Int(5), Label: c.Quads[0].Label},
		quad.Quad{Subject: c.Quads[3].Subject, Predicate: quad.IRI("https://w3id.org/accord/ns#n"), Object: quad.TypedString{Value: "5", Type: "http://www.w3.org/2001/XMLSchema#integer"}, Label: c.Quads[0].Label})
	steps := []struct {
		name string
		run  func(s *Store) error
	}{
		{"two new documents", func(s *Store) error { _, err := s.WriteDocuments(ctx, []Document{a, b}); return err }},
		{"one changed", func(s *Store) error { _, err := s.WriteDocuments(ctx, []Document{changed}); return err }},
		{"one changed again, one new", func(s *Store) error { _, err := s.WriteDocuments(ctx, []Document{a, c}); return err }},
		{"one removed", func(s *Store) error { _, err := s.RemoveDocument(ctx, b.IRI); return err }},
		{"written again", func(s *Store) error { _, err := s.WriteDocuments(ctx, []Document{b}); return err }},
		// the parts of a large document repeat quads of the parts before
		{"a document in parts", func(s *Store) error {
			for _, part := range [][]quad.Quad{d.Quads[:60], d.Quads[40:130], append([]quad.Quad{d.Quads[0]}, d.Quads[100:]...)} {
				if _, err := s.AppendDocument(ctx, d.IRI, part); err != nil {
					return err
				}
			}
			return nil
		}},
		{"everything removed", func(s *Store) error {
			for _, doc := range []Document{a, b, c, d} {
				if _, err := s.RemoveDocument(ctx, doc.IRI); err != nil {
					return err
				}
			}
			return nil
		}},
	}
	for _, step := range steps {
		t.Run(step.name, func(t *testing.T) {
			for _, s := range []*Store{bulk, cay} {
				if err := step.run(s); err != nil {
					t.Fatal(err)
				}
			}
			got, want := dumpKV(t, bulk), dumpKV(t, cay)
			if len(want.Broken) > 0 {
				t.Fatalf("Cayley's store is broken: %v", want.Broken)
			}
			if diff := cmp.Diff(got.Counted, got.Nodes); diff != "" {
				t.Errorf("reference counts (-live quads +stored):\n%s", diff)
			}
			// Cayley counts a reference for every quad it is given, also
			// those it skips as already there (its ApplyDeltas counts
			// before it looks): after parts that repeat quads its counts
			// are too high, and their nodes outlive their quads
			want.Nodes, got.Nodes = nil, nil
			if step.name == "everything removed" {
				// dead quad records name nodes that are gone, in accord's
				// store, and live on in Cayley's
				if got.Size != 0 || len(got.Counted) > 0 || want.Size != 0 {
					t.Errorf("an emptied store holds %d quads (Cayley's %d) and nodes %v", got.Size, want.Size, got.Counted)
				}
				return
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("kv layout (-Cayley's writer +accord's):\n%s", diff)
			}
			if diff := cmp.Diff(exportAll(t, cay), exportAll(t, bulk)); diff != "" {
				t.Errorf("export (-Cayley's writer +accord's):\n%s", diff)
			}
			// a document's quads, read by accord (labelQuadsKV) where the
			// store has the (label, subject) index, and by Cayley
			for _, doc := range []string{a.IRI, b.IRI, c.IRI, d.IRI} {
				if diff := cmp.Diff(docQuads(t, cay, doc), docQuads(t, bulk, doc)); diff != "" {
					t.Errorf("quads of %s (-Cayley's reader +accord's):\n%s", doc, diff)
				}
			}
			rep, err := bulk.Check(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(rep) > 0 {
				t.Errorf("Check: %q", rep)
			}
		})
	}
}

// TestGuessBatch opens bolt stores that Cayley's size counter says are
// small, large and very large, and checks the first batch size each
// advises.
func TestGuessBatch(t *testing.T) {
	for _, tc := range []struct {
		name  string
		quads int64
		want  int
	}{
		{"empty", 0, DefaultBatchQuads},
		{"small", batchStoreQuads, DefaultBatchQuads},
		{"10,000 documents", 17_229_750, 23_215},
		{"huge", 1 << 40, minBatchQuads},
	} {
		t.Run(tc.name, func(t *testing.T) {
			size := binary.LittleEndian.AppendUint64(nil, uint64(tc.quads))
			st := openWithMeta(t, "s.db", kvSize, size)
			if got := st.BatchQuads(); got != tc.want {
				t.Errorf("BatchQuads() = %d, want %d", got, tc.want)
			}
		})
	}
}

// openWithMeta makes a bolt store, sets key of Cayley's meta bucket to
// val (when val is not nil), and opens the store again, as accord opens a
// store another version made.
func openWithMeta(t *testing.T, name string, key, val []byte) *Store {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	st, err := Open(path, Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	if val != nil {
		err := st.bolt.Update(func(tx *bbolt.Tx) error {
			return tx.Bucket(kvMeta).Put(key, val)
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := st.Close(); err != nil {
			t.Fatal(err)
		}
		if st, err = Open(path, Options{}); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// docQuads returns the quads of doc in s, as sorted N-Quads lines.
func docQuads(t *testing.T, s *Store, doc string) []string {
	t.Helper()
	qs, err := s.DocumentQuads(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.NQuad()
	}
	slices.Sort(out)
	return out
}
