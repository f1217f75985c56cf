package graph

import (
	"context"
	"fmt"
	"sort"
	"time"

	bbolt "go.etcd.io/bbolt"
)

// The journal of documents in part.
//
// A document larger than one transaction holds (AtomicQuads) is written
// or removed in several: WriteLargeDocument, the parts of a file read in
// parts (corpus.Build), RemoveDocument. Before the first of those
// transactions the store records the document's IRI in its journal, and
// after the last it erases it. A process killed in between leaves the
// IRI there, and the next Open of the store, by any command, removes
// what was written of the document (in several transactions again,
// erasing the IRI after the last) before it returns: the document is
// then absent as a whole, its content hash gone, and the next build puts
// it back. A removal stopped halfway is finished the same way. This is
// how a database rolls back a hot journal when it is opened.
//
// On bolt the journal is a bucket of accord's own in the bbolt file
// (Cayley reads only its own buckets), and Open is the only process
// holding the file (the file lock), so that a document in the journal is
// always one whose writer has died. On PostgreSQL it is a table of
// accord's own beside Cayley's, and an advisory lock tells a live
// writer's documents from a dead one's (pgJournal). Memory stores do not
// outlive their process and keep none.

// journalBucket is the bbolt bucket of the journal: document IRI → the
// time its write in parts began (RFC 3339).
var journalBucket = []byte("accord.incomplete")

// journal records the documents being written or removed in several
// transactions.
type journal interface {
	// add records doc (again), for this store.
	add(doc string) error
	// release ends this store's record of doc, erasing it when erase is
	// set, else leaving it for the next Open.
	release(doc string, erase bool) error
	// list returns the recorded documents, sorted.
	list() ([]string, error)
	// claim returns the recorded documents whose writer has died, sorted,
	// now this store's to remove.
	claim() ([]string, error)
}

// boltJournal is the journal of a bolt store.
type boltJournal struct{ db *bbolt.DB }

// claim is list: the store's file lock keeps out every other process, so
// that a writer recorded in the journal has died.
func (j boltJournal) claim() ([]string, error) { return j.list() }

func (j boltJournal) add(doc string) error {
	return j.db.Update(func(tx *bbolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(journalBucket)
		if err != nil {
			return err
		}
		return b.Put([]byte(doc), []byte(time.Now().UTC().Format(time.RFC3339)))
	})
}

func (j boltJournal) release(doc string, erase bool) error {
	if !erase {
		return nil
	}
	return j.db.Update(func(tx *bbolt.Tx) error {
		b := tx.Bucket(journalBucket)
		if b == nil {
			return nil
		}
		return b.Delete([]byte(doc))
	})
}

func (j boltJournal) list() ([]string, error) {
	var out []string
	err := j.db.View(func(tx *bbolt.Tx) error {
		b := tx.Bucket(journalBucket)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, _ []byte) error {
			out = append(out, string(k))
			return nil
		})
	})
	sort.Strings(out)
	return out, err
}

// BeginInParts records in the store's journal that the document doc is
// about to be written or removed in several transactions: if the process
// dies before EndInParts, the next Open of the store removes what was
// written of it. A writer begins before it removes the old version, so
// that on a store several processes write (PostgreSQL) a second writer
// of the same document is refused before it touches it. Calls nest (a
// write in parts removes the old version in parts): the outermost records
// and its EndInParts erases. A store that keeps no journal (memory)
// records nothing.
func (s *Store) BeginInParts(doc string) error {
	if s.journal == nil {
		return nil
	}
	s.inPartsMu.Lock()
	defer s.inPartsMu.Unlock()
	if s.inParts[doc] == 0 {
		if err := s.journal.add(doc); err != nil {
			return fmt.Errorf("recording %s as in part: %w", doc, err)
		}
	}
	if s.inParts == nil {
		s.inParts = map[string]int{}
	}
	s.inParts[doc]++
	return nil
}

// EndInParts ends what BeginInParts began. With done (the document is
// whole, or absent: written to its end, or removed) the outermost call
// erases the document from the journal, and Open will leave it alone;
// without (a write or removal that failed halfway) it stays there, for
// the next Open to remove, or for a later write or removal in parts by
// this process to finish.
func (s *Store) EndInParts(doc string, done bool) error {
	if s.journal == nil {
		return nil
	}
	s.inPartsMu.Lock()
	defer s.inPartsMu.Unlock()
	if s.inParts[doc]--; s.inParts[doc] > 0 {
		return nil
	}
	delete(s.inParts, doc)
	if err := s.journal.release(doc, done); err != nil {
		return fmt.Errorf("recording %s as whole: %w", doc, err)
	}
	return nil
}

// InPartsDocuments returns the documents the store's journal holds: being
// written or removed in several transactions by a process that is still
// running (on a server store), or left in part by one that died, which
// Open removes.
func (s *Store) InPartsDocuments() ([]string, error) {
	if s.journal == nil {
		return nil, nil
	}
	return s.journal.list()
}

// recoverInParts removes every document the journal holds, in several
// transactions when it is large, and erases each from the journal after
// its last: what a process that died while writing or removing them
// left. It returns the documents it found quads of.
func (s *Store) recoverInParts(ctx context.Context) ([]string, error) {
	if s.journal == nil {
		return nil, nil
	}
	docs, err := s.journal.claim()
	if err != nil || len(docs) == 0 {
		return nil, err
	}
	var removed []string
	for _, doc := range docs {
		n, err := s.RemoveDocument(ctx, doc)
		if err != nil {
			return nil, fmt.Errorf("removing %s, left in part by an interrupted build: %w", doc, err)
		}
		if err := s.journal.release(doc, true); err != nil {
			return nil, fmt.Errorf("recording %s as whole: %w", doc, err)
		}
		// (none when a removal that failed was finished later by the same
		// process)
		if n > 0 {
			removed = append(removed, doc)
		}
	}
	return removed, nil
}
