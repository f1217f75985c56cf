package graph

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	bbolt "go.etcd.io/bbolt"

	"github.com/accordkg/accord/schema"
)

// WriteStats says what one write changed.
type WriteStats struct {
	Added, Removed int
}

// DocumentQuads returns every quad labelled with the document IRI doc,
// prefixed IRIs expanded.
func (s *Store) DocumentQuads(ctx context.Context, doc string) ([]quad.Quad, error) {
	raw, err := s.rawDocumentQuads(ctx, doc)
	for i := range raw {
		raw[i] = FullQuad(raw[i])
	}
	return raw, err
}

// rawDocumentQuads returns the document's quads as the store holds them.
func (s *Store) rawDocumentQuads(ctx context.Context, doc string) ([]quad.Quad, error) {
	ref, err := s.QS.ValueOf(quad.IRI(doc))
	if err != nil || ref == nil {
		return nil, err
	}
	return s.quadsWith(ctx, quad.Label, ref)
}

// AllQuads returns every quad of the store.
func (s *Store) AllQuads(ctx context.Context) ([]quad.Quad, error) {
	return s.collect(ctx, s.QS.QuadsAllIterator())
}

// EachQuad calls fn for every quad of the store (or of one document when
// doc is not empty), with prefixed IRIs expanded, without holding them all.
func (s *Store) EachQuad(ctx context.Context, doc string, fn func(quad.Quad) error) error {
	var it iterator.Shape
	if doc != "" {
		ref, err := s.QS.ValueOf(quad.IRI(doc))
		if err != nil {
			return err
		}
		if ref == nil {
			return nil
		}
		it = s.QS.QuadIterator(quad.Label, ref)
	} else {
		it = s.QS.QuadsAllIterator()
	}
	return iterator.Iterate(ctx, it).Each(func(r refs.Ref) error {
		q, err := s.QS.Quad(r)
		if err != nil {
			return err
		}
		return fn(FullQuad(q))
	})
}

func (s *Store) collect(ctx context.Context, it iterator.Shape) ([]quad.Quad, error) {
	var out []quad.Quad
	err := iterator.Iterate(ctx, it).Each(func(r refs.Ref) error {
		q, err := s.QS.Quad(r)
		if err != nil {
			return err
		}
		out = append(out, FullQuad(q))
		return nil
	})
	return out, err
}

// Document is one document to write: its IRI and every quad labelled
// with it.
type Document struct {
	IRI   string
	Quads []quad.Quad
}

// DefaultBatchQuads is how many quads a build gathers, whole documents at
// a time, before it writes them in one transaction (WriteDocuments). On
// bolt every transaction rewrites the index entries its quads share with
// the store (the lists of quad ids under a popular entity) and syncs the
// file twice: the fewer the transactions, the less of that. Cayley's own
// loader commits every 200,000 quads. On bolt Store.BatchQuads lowers it
// as the store grows, to bound the memory of a transaction.
const DefaultBatchQuads = 200_000

// ReplaceDocument makes the quads labelled doc exactly quads: it is
// WriteDocuments for one document.
func (s *Store) ReplaceDocument(ctx context.Context, doc string, quads []quad.Quad) (WriteStats, error) {
	st, err := s.WriteDocuments(ctx, []Document{{IRI: doc, Quads: quads}})
	if err != nil {
		return WriteStats{}, err
	}
	return st[0], nil
}

// pendingDoc is a document WriteDocuments is about to write.
type pendingDoc struct {
	adds, old []quad.Quad
	stats     WriteStats
	// label is the document node's id on bolt, when it has old quads.
	label uint64
}

// WriteDocuments makes the quads labelled with each document's IRI exactly
// its quads, and returns what changed for each document, in order. A
// document is always present or absent as a whole. On memory and bolt the
// documents go in together: one transaction removes the old quads of the
// documents that were already in the store, a second writes the new
// quads of them all, so that a build killed in between leaves those
// documents absent, never half there, and the next build puts them back.
// (Cayley's kv stores lose the subject and label of a quad added in the
// same transaction that deletes other quads of the same node, so the two
// cannot share one.) A backend with its own Apply (PostgreSQL) replaces
// each document in one transaction of its own. A document whose IRI is
// no node of the store is new: the store is not read for it. An
// unchanged document writes nothing.
func (s *Store) WriteDocuments(ctx context.Context, docs []Document) ([]WriteStats, error) {
	out := make([]WriteStats, len(docs))
	pend := make([]*pendingDoc, len(docs))
	seen := make(map[string]bool, len(docs))
	var nOld, nAdds int
	for i, d := range docs {
		if seen[d.IRI] {
			return nil, fmt.Errorf("document %s given twice", d.IRI)
		}
		seen[d.IRI] = true
		p, err := s.diffDocument(ctx, d)
		if err != nil {
			return nil, err
		}
		out[i] = p.stats
		if p.stats.Added == 0 && p.stats.Removed == 0 {
			continue // unchanged
		}
		pend[i] = p
		nOld += len(p.old)
		nAdds += len(p.adds)
	}
	if s.apply != nil {
		// the batch's documents in one change (one transaction, one copy
		// of their nodes and quads): they are apart, each under its label
		adds := make([]quad.Quad, 0, nAdds)
		dels := make([]quad.Quad, 0, nOld)
		for _, p := range pend {
			if p != nil {
				adds = append(adds, p.adds...)
				dels = append(dels, p.old...)
			}
		}
		if len(adds) > 0 || len(dels) > 0 {
			if err := s.apply(ctx, s.QS, adds, dels); err != nil {
				return nil, fmt.Errorf("writing %s: %w", names(docs, pend, false), err)
			}
		}
		return out, nil
	}
	if nOld > 0 && s.bulkReads() {
		var labels []uint64
		for _, p := range pend {
			if p != nil && len(p.old) > 0 {
				labels = append(labels, p.label)
			}
		}
		if _, err := s.removeLabelsKV(labels); err != nil {
			return nil, fmt.Errorf("removing the old %s: %w", names(docs, pend, true), err)
		}
	} else if nOld > 0 {
		dels := make([]graph.Delta, 0, nOld)
		for _, p := range pend {
			if p == nil {
				continue
			}
			for _, q := range p.old {
				dels = append(dels, graph.Delta{Quad: q, Action: graph.Delete})
			}
		}
		if err := s.QS.ApplyDeltas(dels, graph.IgnoreOpts{IgnoreMissing: true}); err != nil {
			return nil, fmt.Errorf("removing the old %s: %w", names(docs, pend, true), err)
		}
	}
	var pagesBefore int64
	if s.bolt != nil {
		pagesBefore = pageAlloc(s.bolt)
	}
	if nAdds > 0 {
		if err := s.addQuads(pend, nAdds); err != nil {
			return nil, fmt.Errorf("writing %s: %w", names(docs, pend, false), err)
		}
	}
	if nOld > 0 || nAdds > 0 {
		if s.bolt != nil {
			s.tuneBatch(nAdds, pageAlloc(s.bolt)-pagesBefore)
		}
		if err := releaseMapped(s.bolt); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// addQuads writes the new quads of the pending documents in one
// transaction: on bolt with accord's bulk writer (addNewQuads: none of
// them is in the store, the documents being new or their old quads
// removed), elsewhere with Cayley's ApplyDeltas.
func (s *Store) addQuads(pend []*pendingDoc, n int) error {
	all := make([]quad.Quad, 0, n)
	for _, p := range pend {
		if p != nil {
			all = append(all, p.adds...)
		}
	}
	if s.bulkWrites() {
		_, err := s.addNewQuads(all)
		return err
	}
	ins := make([]graph.Delta, len(all))
	for i, q := range all {
		ins[i] = graph.Delta{Quad: q, Action: graph.Add}
	}
	return s.QS.ApplyDeltas(ins, graph.IgnoreOpts{IgnoreDup: true})
}

// Batch sizes on bolt (Store.BatchQuads).
const (
	// batchPageBudget is about how many bytes of pages one batch may
	// change. bbolt holds every page a transaction changes in memory
	// until the commit, twice (the decoded node and the page written),
	// and the larger the store the fewer of a batch's writes land on the
	// same page: with a fixed number of quads per batch, a build's memory
	// grew with the store.
	batchPageBudget = 64 << 20
	// minBatchQuads keeps batches of a few documents at least.
	minBatchQuads = 5_000
)

// BatchQuads returns how many quads a writer should gather, whole
// documents at a time, before it calls WriteDocuments: DefaultBatchQuads,
// or on bolt fewer once the pages the last batch changed show that a
// batch that large would change more than about 64 MB of pages.
func (s *Store) BatchQuads() int {
	if n := s.batchQuads.Load(); n > 0 {
		return int(n)
	}
	return DefaultBatchQuads
}

// DefaultAtomicQuads is how many quads of one document Store.AtomicQuads
// allows in one transaction: about 0.9 MB of Chinese text, and 400-600 MB
// of memory in a bolt write transaction.
const DefaultAtomicQuads = DefaultBatchQuads

// AtomicQuads returns the most quads of one document the store writes or
// removes in one transaction, present or absent as a whole whatever
// happens to the process: a larger document goes in several transactions
// (WriteLargeDocument, RemoveDocument), recorded in the store's journal
// meanwhile, so that a build killed in between leaves it for the next
// Open to remove (graph/journal.go). Unlike BatchQuads it does not
// shrink as the store grows, so a document that was written whole stays
// so.
func (s *Store) AtomicQuads() int {
	if s.atomicQuads > 0 {
		return s.atomicQuads
	}
	return DefaultAtomicQuads
}

// batchStoreQuads is the size of a bolt store up to which its first batch
// is DefaultBatchQuads; a larger store starts with proportionally fewer.
const batchStoreQuads = 2_000_000

// guessBatch sets the first batch size of a bolt store from its size:
// the larger the store, the more pages a batch of a given size changes
// (a build of 10,000 documents, 17 M quads, ends with batches of 18,000
// to 50,000), and a build that adds to a large store would otherwise
// hold a first transaction of DefaultBatchQuads (1.2 GB of memory on
// that store) before tuneBatch learns.
func (s *Store) guessBatch() error {
	return s.bolt.View(func(tx *bbolt.Tx) error {
		meta := tx.Bucket(kvMeta)
		if meta == nil {
			return nil
		}
		if n := metaInt(meta, kvSize); n > batchStoreQuads {
			guess := int64(DefaultBatchQuads) * batchStoreQuads / n
			s.batchQuads.Store(min(max(guess, minBatchQuads), DefaultBatchQuads))
		}
		return nil
	})
}

// tuneBatch sets the next batch size from the last batch: the quads it
// added and the bytes of pages the transaction that added them allocated.
func (s *Store) tuneBatch(quads int, pages int64) {
	if quads < minBatchQuads/5 || pages <= 0 {
		return // too small a batch to tell
	}
	n := int(float64(quads) * float64(batchPageBudget) / float64(pages))
	s.batchQuads.Store(int64(min(max(n, minBatchQuads), DefaultBatchQuads)))
}

// pageAlloc returns how many bytes of pages the store's write
// transactions have allocated since it was opened.
func pageAlloc(db *bbolt.DB) int64 {
	st := db.Stats()
	return st.TxStats.GetPageAlloc()
}

// names lists the documents of a failed write for its message: those
// with old quads when old is set, else all that were written.
func names(docs []Document, pend []*pendingDoc, old bool) string {
	var ns []string
	for i, p := range pend {
		if p != nil && (!old || len(p.old) > 0) {
			ns = append(ns, docs[i].IRI)
		}
	}
	if len(ns) > 3 {
		return fmt.Sprintf("%s and %d other documents", strings.Join(ns[:3], ", "), len(ns)-3)
	}
	return strings.Join(ns, ", ")
}

// diffDocument checks a document's quads, drops its duplicates, and
// compares them with what the store holds for it.
func (s *Store) diffDocument(ctx context.Context, d Document) (*pendingDoc, error) {
	label := quad.IRI(d.IRI)
	p := &pendingDoc{adds: make([]quad.Quad, 0, len(d.Quads))}
	for _, q := range d.Quads {
		if l, ok := q.Label.(quad.IRI); !ok || l != label {
			if q.Label == nil || q.Label.String() != label.String() {
				return nil, fmt.Errorf("quad %v is not labelled %s", q, d.IRI)
			}
		}
	}
	ref, err := s.QS.ValueOf(label)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", d.IRI, err)
	}
	if ref == nil && comparableQuads(d.Quads) {
		// a new document: nothing to read, nothing to remove; its
		// duplicates found by comparing the expanded quads themselves
		// rather than their N-Quads text
		seen := make(map[quad.Quad]bool, len(d.Quads))
		for _, q := range d.Quads {
			if k := FullQuad(q); !seen[k] {
				seen[k] = true
				p.adds = append(p.adds, q)
			}
		}
		p.stats.Added = len(p.adds)
		return p, nil
	}
	keep := make(map[string]bool, len(d.Quads))
	for _, q := range d.Quads {
		k := FullQuad(q).NQuad()
		if !keep[k] {
			keep[k] = true
			p.adds = append(p.adds, q)
		}
	}
	if ref == nil {
		p.stats.Added = len(p.adds)
		return p, nil
	}
	if id, ok := ref.(kv.Int64Value); ok {
		p.label = uint64(id)
	}
	p.old, err = s.quadsWith(ctx, quad.Label, ref)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", d.IRI, err)
	}
	had := make(map[string]bool, len(p.old))
	for _, q := range p.old {
		k := FullQuad(q).NQuad()
		had[k] = true
		if !keep[k] {
			p.stats.Removed++
		}
	}
	for k := range keep {
		if !had[k] {
			p.stats.Added++
		}
	}
	return p, nil
}

// comparableQuads reports whether every value of qs is of a kind that
// can key a map and whose equality is that of its N-Quads text (IRIs,
// blank nodes, strings, typed and language-tagged strings, integers),
// once expanded (FullQuad). The one difference: a value of one kind and a
// value of another with the same text (quad.Int(5) and
// "5"^^xsd:integer) are two keys, two quads written.
func comparableQuads(qs []quad.Quad) bool {
	for _, q := range qs {
		for _, v := range [4]quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
			if v != nil && !comparableValue(v) {
				return false
			}
		}
	}
	return true
}

// comparableValue reports whether v is of a kind that can key a map and
// whose equality is that of its N-Quads text: IRIs, blank nodes, strings,
// typed and language-tagged strings, integers.
func comparableValue(v quad.Value) bool {
	switch v.(type) {
	case quad.IRI, quad.String, quad.LangString, quad.TypedString, quad.BNode, quad.Int:
		return true
	}
	return false
}

// quadsWith returns the quads whose direction dir is the node ref, as the
// store holds them: a document's (dir Label) on a bolt store with the
// (label, subject) index read by labelQuadsKV.
func (s *Store) quadsWith(ctx context.Context, dir quad.Direction, ref graph.Ref) ([]quad.Quad, error) {
	if id, ok := ref.(kv.Int64Value); ok && dir == quad.Label && s.bulkReads() {
		return s.labelQuadsKV(ctx, uint64(id))
	}
	var out []quad.Quad
	err := iterator.Iterate(ctx, s.QS.QuadIterator(dir, ref)).Each(func(r refs.Ref) error {
		q, err := s.QS.Quad(r)
		if err != nil {
			return err
		}
		out = append(out, q)
		return nil
	})
	return out, err
}

// WriteLargeDocument makes the quads labelled doc exactly quads, as
// WriteDocuments does, but in several transactions of the size the store
// advises (BatchQuads) when quads are more than AtomicQuads: the old
// quads go first (RemoveDocument), the content hash and build fingerprint
// last. The document is in the store's journal from the first of those
// transactions to the last, so that a process killed in between leaves
// it there, and the next Open removes what was written of it (the next
// build writes it again). When ctx is cancelled between two
// transactions, what was written of the document is removed again and
// the error is ctx's.
func (s *Store) WriteLargeDocument(ctx context.Context, doc string, quads []quad.Quad) (stats WriteStats, err error) {
	if s.apply != nil || len(quads) <= s.AtomicQuads() {
		st, err := s.WriteDocuments(ctx, []Document{{IRI: doc, Quads: quads}})
		if err != nil {
			return WriteStats{}, err
		}
		return st[0], nil
	}
	// in the journal from before the removal of the old version to the
	// last transaction: if the process dies in between, the next Open
	// removes the document
	if err := s.BeginInParts(doc); err != nil {
		return stats, err
	}
	done := false // whole or absent
	defer func() { err = errors.Join(err, s.EndInParts(doc, done)) }()
	if stats.Removed, err = s.RemoveDocument(context.Background(), doc); err != nil {
		return stats, err
	}
	node := quad.IRI(doc)
	body := make([]quad.Quad, 0, len(quads))
	var marks []quad.Quad
	for _, q := range quads {
		if q.Subject == node && completionMark(q) {
			marks = append(marks, q)
		} else {
			body = append(body, q)
		}
	}
	for _, part := range [][]quad.Quad{body, marks} {
		ws, err := s.AppendDocument(ctx, doc, part)
		stats.Added += ws.Added
		if err != nil {
			if _, rerr := s.RemoveDocument(context.Background(), doc); rerr != nil {
				return stats, fmt.Errorf("%w (and removing what was written of it: %v)", err, rerr)
			}
			done = true
			return stats, err
		}
	}
	done = true
	return stats, nil
}

// completionMark reports whether q is one of the quads that mark a
// document as whole: its content hash and its build fingerprint, written
// last and removed first when a document goes in several transactions.
func completionMark(q quad.Quad) bool {
	p := iriString(FullQuad(q).Predicate)
	return p == schema.ContentHash || p == schema.Fingerprint
}

// RemoveDocument deletes every quad labelled doc: in one transaction,
// or, for a document of more than AtomicQuads quads on a bolt store, in
// several, its content hash and fingerprint first (removeInChunks).
func (s *Store) RemoveDocument(ctx context.Context, doc string) (int, error) {
	if n, handled, err := s.removeInChunks(ctx, doc); handled || err != nil {
		return n, err
	}
	st, err := s.ReplaceDocument(ctx, doc, nil)
	return st.Removed, err
}

// Fingerprints returns the build fingerprint of every document in the
// store, by document IRI (an empty fingerprint for a document that has
// two: an interrupted replace, to build again).
func (s *Store) Fingerprints(ctx context.Context) (map[string]string, error) {
	out := map[string]string{}
	fp, err := s.QS.ValueOf(quad.IRI(schema.Fingerprint))
	if err != nil || fp == nil {
		return out, err
	}
	add := func(q quad.Quad) {
		q = FullQuad(q)
		doc := string(q.Subject.(quad.IRI))
		if _, dup := out[doc]; dup {
			out[doc] = "" // two fingerprints: an interrupted replace, build again
			return
		}
		if v, ok := q.Object.(quad.String); ok {
			out[doc] = string(v)
		}
	}
	if s.bolt == nil {
		err = iterator.Iterate(ctx, s.QS.QuadIterator(quad.Predicate, fp)).Each(func(r refs.Ref) error {
			q, err := s.QS.Quad(r)
			if err != nil {
				return err
			}
			add(q)
			return nil
		})
		return out, err
	}
	// Cayley's kv stores have no index that starts with the predicate: a
	// look-up by predicate reads every quad of the store. Find the
	// documents by the (object, predicate, subject) index instead (their
	// rdf:type acc:Document), then each one's fingerprint by the (subject,
	// predicate) index.
	typ, err := s.QS.ValueOf(quad.IRI(schema.Type))
	if err != nil || typ == nil {
		return out, err
	}
	class, err := s.QS.ValueOf(quad.IRI(schema.Document))
	if err != nil || class == nil {
		return out, err
	}
	var docs []graph.Ref
	seen := map[any]bool{}
	err = iterator.Iterate(ctx, s.QS.QuadIterator(quad.Object, class)).Each(func(r refs.Ref) error {
		if p, err := s.QS.QuadDirection(r, quad.Predicate); err != nil || p == nil || p.Key() != typ.Key() {
			return err
		}
		d, err := s.QS.QuadDirection(r, quad.Subject)
		if err != nil || d == nil || seen[d.Key()] {
			return err
		}
		seen[d.Key()] = true
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i, d := range docs {
		// the look-ups read pages all over the file, and the kernel maps
		// the pages around each: hand them back now and then
		if i%500 == 499 {
			if err := releaseMapped(s.bolt); err != nil {
				return nil, err
			}
		}
		err := iterator.Iterate(ctx, s.QS.QuadIterator(quad.Subject, d)).Each(func(r refs.Ref) error {
			if p, err := s.QS.QuadDirection(r, quad.Predicate); err != nil || p == nil || p.Key() != fp.Key() {
				return err
			}
			q, err := s.QS.Quad(r)
			if err != nil {
				return err
			}
			add(q)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// DocumentsIssuedAt returns the documents of the store issued at the
// meeting (acc:issuedAt), by the object index, sorted: the candidates
// TranslationLinks compares a document with.
func (s *Store) DocumentsIssuedAt(ctx context.Context, meeting string) ([]string, error) {
	var out []string
	err := s.eachQuadWith(ctx, quad.Object, quad.IRI(meeting), func(q quad.Quad) error {
		if q = FullQuad(q); iriString(q.Predicate) == schema.IssuedAt {
			out = append(out, iriString(q.Subject))
		}
		return nil
	})
	sort.Strings(out)
	return out, err
}

// AppendDocument adds quads to the document doc without removing any, in
// transactions of the size the store advises, each ending where the
// subject changes: the parts of a large file read in parts
// (extract.ExtractParts), and a document too large for one transaction
// (WriteLargeDocument). Quads already there are skipped. Such a document
// is whole only once its last part and its content hash are in: its
// writer records it in the store's journal meanwhile (BeginInParts), so
// that a build killed in between leaves it for the next Open to remove.
func (s *Store) AppendDocument(ctx context.Context, doc string, quads []quad.Quad) (stats WriteStats, err error) {
	if len(quads) == 0 {
		return WriteStats{}, nil
	}
	if s.apply != nil {
		if err := s.apply(ctx, s.QS, quads, nil); err != nil {
			return WriteStats{}, fmt.Errorf("writing %s: %w", doc, err)
		}
		return WriteStats{Added: len(quads)}, nil
	}
	// in transactions of the size the store advises (a write transaction
	// holds every page it changes in memory)
	for len(quads) > 0 {
		if err := ctx.Err(); err != nil {
			return stats, fmt.Errorf("writing %s: %w", doc, err)
		}
		n := min(len(quads), s.BatchQuads())
		// a transaction ends between two subjects: extraction gives each
		// statement's quads together, so a build stopped between two
		// transactions leaves no statement in part
		for n < len(quads) && quads[n].Subject == quads[n-1].Subject {
			n++
		}
		var pagesBefore int64
		if s.bolt != nil {
			pagesBefore = pageAlloc(s.bolt)
		}
		// the quads added, not those given: the parts of a document repeat
		// the type and labels of the entities they share
		added, err := s.appendQuads(ctx, quads[:n])
		if err != nil {
			return WriteStats{}, fmt.Errorf("writing %s: %w", doc, err)
		}
		if s.bolt != nil {
			s.tuneBatch(n, pageAlloc(s.bolt)-pagesBefore)
		}
		if err := releaseMapped(s.bolt); err != nil {
			return WriteStats{}, err
		}
		stats.Added += added
		quads = quads[n:]
	}
	return stats, nil
}

// appendQuads adds the quads of qs the store does not hold yet, in one
// transaction, and returns how many it added: on bolt with accord's bulk
// writer, elsewhere with Cayley's ApplyDeltas.
func (s *Store) appendQuads(ctx context.Context, qs []quad.Quad) (int, error) {
	if s.bulkWrites() {
		return s.addMissingQuads(qs)
	}
	ins := make([]graph.Delta, len(qs))
	for i, q := range qs {
		ins[i] = graph.Delta{Quad: q, Action: graph.Add}
	}
	// (Cayley's kv stores have no count before their first write: then
	// the quads given are counted)
	before, berr := s.QS.Stats(ctx, false)
	if err := s.QS.ApplyDeltas(ins, graph.IgnoreOpts{IgnoreDup: true}); err != nil {
		return 0, err
	}
	if after, err := s.QS.Stats(ctx, false); berr == nil && err == nil && before.Quads.Exact && after.Quads.Exact {
		return int(after.Quads.Value - before.Quads.Value), nil
	}
	return len(qs), nil
}
