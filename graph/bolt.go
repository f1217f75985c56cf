package graph

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"
	hbolt "github.com/hidal-go/hidalgo/kv/bbolt"
	bbolt "go.etcd.io/bbolt"
)

// boltFile is the file of a bbolt store inside its folder (Cayley's layout).
const boltFile = "indexes.bolt"

// boltIndexes are the quad indexes of a bolt store accord makes: Cayley's
// two defaults, (subject, predicate) and (object, predicate, subject), and
// one on (label, subject), so that a document's quads are found without
// reading every quad of the store (Cayley falls back to a full scan for a
// direction no index starts with; a label alone is a prefix scan of this
// one). The subject is in its key because Cayley reads the list of every
// index, decoded whole, to tell whether a quad it is given is already in
// the store: a list keyed by the label alone holds every quad of the
// document, so adding to a large document cost time in the square of its
// size (a 3.8 MB document written in 1 MiB parts took 221 s; keyed by
// label and subject, a list holds one node's quads in one document).
// Cayley reads the list of indexes from the store, so its own tools use
// and maintain this index too. Stores made before keep the indexes they
// were made with: Cayley's two (and full scans for a document), or the
// label alone (appends to one large document slow down as it grows).
var boltIndexes = append(append([]kv.QuadIndex(nil), kv.DefaultQuadIndexes...),
	kv.QuadIndex{Dirs: []quad.Direction{quad.Label, quad.Subject}})

// Keys of Cayley's kv metadata (graph/kv/indexing.go).
var (
	boltMetaIndexes = hkv.Key{[]byte("meta"), []byte("indexes")}
)

// openBolt opens a bbolt store: a folder holding indexes.bolt.
func openBolt(path string, o Options) (graph.QuadStore, error) {
	qs, _, _, err := openBoltDB(path, o)
	return qs, err
}

// openBoltDB opens a bbolt store and returns its bbolt handle too, and
// for a store it made what it made (the folder, or the file in a folder
// that was there). A new store gets the label index (boltIndexes). Cayley's bloom filters are
// off (kv.OptNoBloom), for writers too: the filter of existing quads is
// built by reading every quad of the store at each open (seconds for
// millions of quads) and only spares an index look-up when a quad is
// added to a document that was already in the store; on an empty store
// Cayley adds three more, of 100 million entries each, that spare the
// reads of index keys and values not written yet. Together they are
// about 310 MB of memory for the whole build, for the same load time.
func openBoltDB(path string, o Options) (qs graph.QuadStore, bdb *bbolt.DB, made string, err error) {
	file := filepath.Join(path, boltFile)
	_, err = os.Stat(file)
	switch {
	case errors.Is(err, os.ErrNotExist) && o.Create:
		// what Discard would remove: the folder if this makes it, else
		// only the file (a folder of the user's own stays)
		made = file
		if _, derr := os.Stat(path); errors.Is(derr, os.ErrNotExist) {
			made = path
		}
		if err := os.MkdirAll(path, 0o700); err != nil {
			return nil, nil, "", err
		}
		if err := createBoltFile(file, o); err != nil {
			return nil, nil, "", err
		}
	case errors.Is(err, os.ErrNotExist):
		return nil, nil, "", ErrNoStore
	case err != nil:
		return nil, nil, "", err
	}
	// bbolt waits for its file lock without end: ask for the lock first, so
	// that a store another process holds is reported at once.
	if made == "" {
		if err := tryLock(file); err != nil {
			return nil, nil, "", err
		}
	}
	db, err := hbolt.Open(file, boltOptions())
	if errors.Is(err, bbolt.ErrTimeout) {
		return nil, nil, "", fmt.Errorf("%s is in use by another accord process", path)
	}
	if err != nil {
		return nil, nil, "", err
	}
	qs, err = newBoltQuadStore(db, o)
	if err != nil {
		if cerr := db.Close(); cerr != nil {
			err = errors.Join(err, cerr)
		}
		return nil, nil, "", err
	}
	return qs, db.DB(), made, nil
}

// boltOptions are the bbolt options of a store's file.
func boltOptions() *bbolt.Options {
	return &bbolt.Options{
		Timeout: openTimeout,
		// The map freelist finds free pages in constant time; the default
		// array scans a list that grows with the file.
		FreelistType: bbolt.FreelistMapType,
		// bbolt maps the file again whenever it outgrows the mapping
		// (doubling it up to 1 GiB), and a remap in a write transaction
		// copies every page the transaction changed onto the heap: map
		// 1 GiB of address space from the start (not memory: only the
		// pages read are resident).
		InitialMmapSize: 1 << 30,
	}
}

// createBoltFile makes a new store's file whole or not at all: Cayley's
// buckets and accord's label index are written to file+".new", which is
// then renamed to file. A build killed while it made the store (before,
// between the file's creation and its initialization) left a file that
// every later command but a build took for no store at all.
func createBoltFile(file string, o Options) (err error) {
	tmp := file + ".new"
	if err := os.Remove(tmp); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err // one left by a creation that was killed
	}
	db, err := hbolt.Open(tmp, boltOptions())
	if err != nil {
		return err
	}
	o.ReadOnly = false
	qs, err := newBoltQuadStore(db, o)
	if err == nil {
		err = qs.Close() // closes db
	} else if cerr := db.Close(); cerr != nil {
		err = errors.Join(err, cerr)
	}
	if err != nil {
		return fmt.Errorf("making the store %s: %w", file, err)
	}
	if err := os.Rename(tmp, file); err != nil {
		return err
	}
	return syncDir(filepath.Dir(file))
}

// syncDir flushes a folder's entries (a rename into it) to disk.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}

// newBoltQuadStore makes Cayley's buckets in a new bbolt file, and opens
// Cayley's kv quad store on it.
func newBoltQuadStore(db *hbolt.DB, o Options) (graph.QuadStore, error) {
	ctx := context.Background()
	if !o.ReadOnly {
		err := graph.ErrDatabaseExists
		if o.Create {
			err = kv.Init(db, graph.Options{})
		}
		switch {
		case err == nil:
			// a new store: record the label index before any quad is written
			data, err := json.Marshal(boltIndexes)
			if err != nil {
				return nil, err
			}
			err = hkv.Update(ctx, db, func(tx hkv.Tx) error {
				return tx.Put(ctx, boltMetaIndexes, data)
			})
			if err != nil {
				return nil, fmt.Errorf("recording the indexes: %w", err)
			}
		case !errors.Is(err, graph.ErrDatabaseExists):
			return nil, err
		}
	}
	qs, err := kv.New(db, graph.Options{kv.OptNoBloom: true})
	if errors.Is(err, graph.ErrNotInitialized) {
		return nil, ErrNoStore
	}
	return qs, err
}

// reopenCayley replaces the store's Cayley quad store by a new one on
// the same bbolt file, forgetting what the old one remembered (the ids of
// IRIs it looked up) after accord removed nodes itself (removeLabelsKV).
// The old one is dropped, not closed: it would close the file.
func (s *Store) reopenCayley() error {
	return s.openCayley(hbolt.New(s.bolt))
}

// openCayley replaces the store's Cayley quad store by a new one over db,
// the store's bbolt file (or a wrapper of it: cachedKV).
func (s *Store) openCayley(db hkv.KV) error {
	qs, err := kv.New(db, graph.Options{kv.OptNoBloom: true})
	if err != nil {
		return fmt.Errorf("opening the store again: %w", err)
	}
	s.QS = qs
	return nil
}

// openTimeout bounds the wait for a store whose lock another process took
// after tryLock found it free.
const openTimeout = 2 * time.Minute

// tryLock reports whether another process holds the bbolt file's lock.
func tryLock(file string) error {
	f, err := os.OpenFile(file, os.O_RDWR, 0)
	if err != nil {
		return nil // let bbolt report it
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return fmt.Errorf("%s is in use by another accord process", filepath.Dir(file))
		}
		return nil
	}
	return syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
}

// releaseEvery hands a bolt store's mapped pages back (releaseMapped) at
// every releaseStride-th call, *n counting the calls: for the long reads
// (whole store, whole document) during which no transaction ends.
func (s *Store) releaseEvery(n *int) error {
	if *n++; *n%releaseStride == 0 {
		return releaseMapped(s.bolt)
	}
	return nil
}

// releaseStride is how many quads a long read takes between two
// releaseMapped.
const releaseStride = 1 << 20

// releaseMapped drops the process's mappings of the bbolt file's pages
// (madvise MADV_DONTNEED over bbolt's read-only shared mmap) once a write
// has committed. bbolt reads the file through that mmap, so every page a
// write looked at stayed counted in the process's resident memory until
// bbolt remapped, and a build's resident memory grew with the size of the
// store. The pages stay in the kernel's page cache (bbolt writes with
// pwrite, never through the mapping) and are mapped again on the next
// read. It runs inside a read transaction, which keeps bbolt from
// remapping the file meanwhile.
func releaseMapped(db *bbolt.DB) error {
	if db == nil {
		return nil
	}
	return db.View(func(tx *bbolt.Tx) error {
		size := tx.Size()
		size -= size % int64(os.Getpagesize())
		if size <= 0 {
			return nil
		}
		_, _, errno := syscall.Syscall(syscall.SYS_MADVISE, tx.DB().Info().Data, uintptr(size), uintptr(syscall.MADV_DONTNEED))
		if errno != 0 {
			return fmt.Errorf("releasing the mapped store: %w", errno)
		}
		return nil
	})
}
