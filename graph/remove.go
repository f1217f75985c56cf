package graph

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	bbolt "go.etcd.io/bbolt"

	"github.com/accordkg/accord/schema"
)

// labelSubjectIndex is the (label, subject) index of the bolt stores
// accord makes (boltIndexes).
var labelSubjectIndex = kv.QuadIndex{Dirs: []quad.Direction{quad.Label, quad.Subject}}

// boltIndexList returns the quad indexes of a bolt store, as Cayley
// records them in its meta bucket (Cayley's two legacy indexes, by
// subject and by object, when none are recorded).
func boltIndexList(db *bbolt.DB) ([]kv.QuadIndex, error) {
	inds := []kv.QuadIndex{{Dirs: []quad.Direction{quad.Subject}}, {Dirs: []quad.Direction{quad.Object}}}
	err := db.View(func(tx *bbolt.Tx) error {
		b := tx.Bucket(boltMetaIndexes[0])
		if b == nil {
			return nil
		}
		v := b.Get(boltMetaIndexes[1])
		if v == nil {
			return nil
		}
		var list []kv.QuadIndex
		if err := json.Unmarshal(v, &list); err != nil {
			return fmt.Errorf("reading the store's indexes: %w", err)
		}
		if len(list) > 0 {
			inds = list
		}
		return nil
	})
	return inds, err
}

// hasLabelSubjectIndex reports whether indexes hold the (label, subject)
// index.
func hasLabelSubjectIndex(indexes []kv.QuadIndex) bool {
	return slices.ContainsFunc(indexes, func(in kv.QuadIndex) bool {
		return slices.Equal(in.Dirs, labelSubjectIndex.Dirs)
	})
}

// maxDeleteBatch caps the quads removeInChunks deletes in one transaction.
const maxDeleteBatch = 50_000

// removeInChunks deletes the quads labelled doc in transactions of the
// size the store advises, one subject's quads at a time, when the
// document holds more than AtomicQuads quads: a document read
// in parts from a large file can hold tens of millions, and one
// transaction deleting them all holds every page it changes, and Cayley's
// record of every quad, in memory. The document's content hash and build
// fingerprint go in the first transaction, the rest of the document
// node's quads (its type) in the last, and the document is in the
// store's journal from the first to the last, so that the next Open
// finishes a removal the process died in. It reports handled false,
// having written nothing, when one transaction will do (a small document,
// or a store without the (label, subject) index).
func (s *Store) removeInChunks(ctx context.Context, doc string) (removed int, handled bool, err error) {
	kqs, ok := s.QS.(*kv.QuadStore)
	if !ok || !s.labelSubject {
		return 0, false, nil
	}
	ref, err := s.QS.ValueOf(quad.IRI(doc))
	if err != nil || ref == nil {
		return 0, false, err
	}
	id, ok := ref.(kv.Int64Value)
	if !ok {
		return 0, false, nil
	}
	scan := func(vals ...uint64) iterator.Shape {
		return kv.IndexScan{Index: labelSubjectIndex, Values: vals}.BuildIterator(kqs)
	}
	// the subjects of the document's quads, the document node last: the
	// scan is in the order of the index's keys, so repeats are adjacent
	var subjects []uint64
	counts := map[uint64]int{} // quads by subject
	total := 0
	err = iterator.Iterate(ctx, scan(uint64(id))).Each(func(r refs.Ref) error {
		p, ok := r.(*proto.Primitive)
		if !ok {
			return fmt.Errorf("unexpected quad reference %T", r)
		}
		// the scan reads the document's every quad from the log
		if err := s.releaseEvery(&total); err != nil {
			return err
		}
		if n := len(subjects); p.Subject != uint64(id) && (n == 0 || subjects[n-1] != p.Subject) {
			subjects = append(subjects, p.Subject)
		}
		counts[p.Subject]++
		return nil
	})
	if err != nil {
		return 0, true, fmt.Errorf("reading %s: %w", doc, err)
	}
	if total <= s.AtomicQuads() {
		return 0, false, nil
	}
	// in the journal from the first transaction to the last: if the
	// process dies in between, the next Open finishes the removal
	if err := s.BeginInParts(doc); err != nil {
		return 0, true, err
	}
	removed, err = s.removeChunks(ctx, kqs, doc, uint64(id), subjects, counts, total)
	return removed, true, errors.Join(err, s.EndInParts(doc, err == nil))
}

// removeChunks is removeInChunks once the document's subjects are known:
// the content hash and fingerprint first, then about a batch of quads a
// transaction, one subject's quads at a time.
func (s *Store) removeChunks(ctx context.Context, kqs *kv.QuadStore, doc string, id uint64, subjects []uint64, counts map[uint64]int, total int) (removed int, err error) {
	// deletes touch pages all over the store (node records, reference
	// counts): smaller transactions than for writes
	batch := min(s.BatchQuads(), maxDeleteBatch)
	if s.bulkReads() {
		return s.removeChunksKV(ctx, doc, id, subjects, counts, batch)
	}
	scan := func(vals ...uint64) iterator.Shape {
		return kv.IndexScan{Index: labelSubjectIndex, Values: vals}.BuildIterator(kqs)
	}
	dels := make([]graph.Delta, 0, batch)
	flush := func() error {
		if len(dels) == 0 {
			return nil
		}
		if err := s.QS.ApplyDeltas(dels, graph.IgnoreOpts{IgnoreMissing: true}); err != nil {
			return fmt.Errorf("removing %s: %w", doc, err)
		}
		removed += len(dels)
		dels = dels[:0]
		return releaseMapped(s.bolt)
	}
	// take is the quads of one subject that keep says to delete now
	take := func(sub uint64, keep func(quad.Quad) bool) error {
		err := iterator.Iterate(ctx, scan(id, sub)).Each(func(r refs.Ref) error {
			q, err := s.QS.Quad(r)
			if err != nil {
				return err
			}
			if keep(q) {
				dels = append(dels, graph.Delta{Quad: q, Action: graph.Delete})
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("reading %s: %w", doc, err)
		}
		return nil
	}
	// the content hash and build fingerprint alone first: from then on
	// the document is no longer whole, until the end
	if err := take(id, completionMark); err != nil {
		return removed, err
	}
	if err := flush(); err != nil {
		return removed, err
	}
	for _, sub := range append(subjects, id) {
		if err := ctx.Err(); err != nil {
			return removed, fmt.Errorf("removing %s: stopped after %d of its %d quads: %w", doc, removed, total, err)
		}
		keep := func(quad.Quad) bool { return true }
		if sub == id {
			keep = func(q quad.Quad) bool { return !completionMark(q) }
		}
		if err := take(sub, keep); err != nil {
			return removed, err
		}
		if len(dels) >= batch {
			if err := flush(); err != nil {
				return removed, err
			}
		}
	}
	return removed, flush()
}

// removeChunksKV is removeInChunks with accord's own removal (removeKV):
// the document node's content hash and fingerprint first, then its other
// subjects' quads in transactions of about batch quads, the document
// node's other quads last.
func (s *Store) removeChunksKV(ctx context.Context, doc string, id uint64, subjects []uint64, counts map[uint64]int, batch int) (int, error) {
	marks := map[uint64]bool{}
	for _, iri := range []string{schema.ContentHash, schema.Fingerprint} {
		ref, err := s.QS.ValueOf(quad.IRI(iri))
		if err != nil {
			return 0, fmt.Errorf("removing %s: %w", doc, err)
		}
		if v, ok := ref.(kv.Int64Value); ok {
			marks[uint64(v)] = true
		}
	}
	removed := 0
	run := func(r kvRemoval) error {
		n, err := s.removeKV([]kvRemoval{r})
		removed += n
		if err != nil {
			return fmt.Errorf("removing %s: %w", doc, err)
		}
		return releaseMapped(s.bolt)
	}
	isMark := func(p *proto.Primitive) bool { return marks[p.Predicate] }
	if err := run(kvRemoval{label: id, subjects: []uint64{id}, keep: isMark}); err != nil {
		return removed, err
	}
	var chunk []uint64
	size := 0
	for i, sub := range subjects {
		chunk = append(chunk, sub)
		size += counts[sub]
		if size < batch && i < len(subjects)-1 {
			continue
		}
		if err := ctx.Err(); err != nil {
			return removed, fmt.Errorf("removing %s: stopped after %d of its quads: %w", doc, removed, err)
		}
		if err := run(kvRemoval{label: id, subjects: chunk}); err != nil {
			return removed, err
		}
		chunk, size = chunk[:0], 0
	}
	return removed, run(kvRemoval{label: id, subjects: []uint64{id}})
}
