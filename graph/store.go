// Package graph is the only part of accord that talks to Cayley: it opens
// stores through a registry of backends (bbolt file, memory), writes
// documents in batches, each document present or absent as a whole, runs
// Gizmo queries, and exports the graph. It sits at the end of the
// pipeline, after extractors.Result.Quads. On a bbolt store it writes and
// removes documents' quads itself, in Cayley's own kv layout
// (boltwrite.go), so that Cayley reads the store as its own.
package graph

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	_ "github.com/cayleygraph/cayley/graph/kv/bbolt" // registers "bbolt" for Cayley's own tools
	"github.com/cayleygraph/cayley/graph/memstore"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/voc"
	hbolt "github.com/hidal-go/hidalgo/kv/bbolt"
	bbolt "go.etcd.io/bbolt"

	"github.com/accordkg/accord/schema"
)

// DefaultDB is the store used when none is named: a bbolt store in the
// working directory.
const DefaultDB = "accord.db"

// Options say how to open a store.
type Options struct {
	// ReadOnly opens for reading only: a missing or empty store is
	// ErrNoStore, never made. (No open, reading or writing, builds
	// Cayley's bloom filter of existing quads: graph/bolt.go.)
	ReadOnly bool
	// Create makes the store when it does not exist yet.
	Create bool
	// ReadCache, with ReadOnly on a bolt store, is the budget in bytes of
	// a cache of the records Cayley reads by key (graph/readcache.go);
	// 0: none. DefaultReadCache is the query commands'.
	ReadCache int
}

// Store is an open quad store.
type Store struct {
	// QS is the Cayley quad store.
	QS graph.QuadStore
	// Backend names the registered backend that opened it.
	Backend string
	// Spec is what the user named (a path, "memory", a URL).
	Spec string

	apply func(ctx context.Context, qs graph.QuadStore, adds, dels []quad.Quad) error
	// bolt is the bbolt handle of a bolt store (nil for other backends).
	bolt *bbolt.DB
	// labelSubject says the bolt store keeps the (label, subject) index,
	// which lets a large document be removed in several transactions.
	labelSubject bool
	// kvIndexes are the bolt store's quad indexes, which addNewQuads
	// maintains as Cayley does.
	kvIndexes []kv.QuadIndex
	// cayleyWrites makes bolt stores write through Cayley's ApplyDeltas
	// rather than addNewQuads (tests compare the two).
	cayleyWrites bool
	// atomicQuads overrides DefaultAtomicQuads (tests).
	atomicQuads int
	// batchQuads is the batch size BatchQuads advises (0: the default).
	batchQuads atomic.Int64
	// journal records the documents being written or removed in several
	// transactions (graph/journal.go); nil on a store that keeps none.
	journal journal
	// readCache is the read cache of a read-only bolt store (Options.ReadCache).
	readCache *readCache
	// created is what Open made of a bolt store (Created): its folder,
	// or its file in a folder that was there.
	created string
	// inParts counts this store's BeginInParts not ended yet, by document.
	inPartsMu sync.Mutex
	inParts   map[string]int
	// Recovered are the documents Open removed because a process died
	// while writing or removing them in several transactions (the store's
	// journal held them): the next build puts them back.
	Recovered []string
}

// Created reports whether Open made the store: a bolt store that did not
// exist before (a command that then writes nothing into it may remove it
// again, Discard).
func (s *Store) Created() bool { return s.created != "" }

// Discard removes what Open made of a bolt store (Created), once closed:
// its folder, or only its file when the folder was there before. It is
// for what a build that wrote no document leaves, and refuses any other
// store.
func (s *Store) Discard() error {
	if s.created == "" {
		return fmt.Errorf("%s: not a store this process made", s.Spec)
	}
	return os.RemoveAll(s.created)
}

// Close closes the store (and releases what its journal holds).
func (s *Store) Close() error {
	var err error
	if c, ok := s.journal.(io.Closer); ok {
		err = c.Close()
	}
	return errors.Join(err, s.QS.Close())
}

// Backend opens stores of one kind.
type Backend struct {
	// Name is the backend's registered name ("bolt", "memory").
	Name string
	// Match says whether a --db value names a store of this backend.
	Match func(spec string) bool
	// Open opens (and, with Create, makes) the store.
	Open func(spec string, o Options) (graph.QuadStore, error)
	// Apply, when set, replaces documents by a faster path than Cayley's
	// ApplyDeltas (e.g. COPY into the tables of Cayley's SQL backend): dels
	// are all the documents' old quads, adds all their new ones (a batch of
	// WriteDocuments: documents apart, each under its own label); they
	// must end present or absent as a whole, never in part.
	Apply func(ctx context.Context, qs graph.QuadStore, adds, dels []quad.Quad) error
}

var (
	backendsMu sync.RWMutex
	backends   = map[string]Backend{}
)

// RegisterBackend adds a backend; a duplicate name panics.
func RegisterBackend(b Backend) {
	backendsMu.Lock()
	defer backendsMu.Unlock()
	if _, dup := backends[b.Name]; dup {
		panic("graph: backend registered twice: " + b.Name)
	}
	backends[b.Name] = b
}

// BackendNames returns the registered backends, sorted.
func BackendNames() []string {
	backendsMu.RLock()
	defer backendsMu.RUnlock()
	var out []string
	for n := range backends {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// ErrNoStore is returned when a read-only open finds no store.
var ErrNoStore = errors.New("no store there (run accord build first)")

// Open opens the store that spec names: "memory" for a throwaway
// in-memory store, a URL for a server backend, anything else a bbolt path.
func Open(spec string, o Options) (*Store, error) {
	if spec == "" {
		spec = DefaultDB
	}
	backendsMu.RLock()
	var chosen *Backend
	names := make([]string, 0, len(backends))
	for n := range backends {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		b := backends[n]
		if b.Name != "bolt" && b.Match(spec) {
			chosen = &b
			break
		}
	}
	if chosen == nil {
		b := backends["bolt"]
		chosen = &b
	}
	backendsMu.RUnlock()
	var (
		qs  graph.QuadStore
		db  *bbolt.DB
		err error
	)
	created := ""
	if chosen.Name == "bolt" {
		qs, db, created, err = openBoltDB(spec, o)
	} else {
		qs, err = chosen.Open(spec, o)
	}
	if err != nil {
		return nil, fmt.Errorf("opening store %s (%s): %w", Redact(spec), chosen.Name, err)
	}
	st := &Store{QS: qs, Backend: chosen.Name, Spec: Redact(spec), apply: chosen.Apply, bolt: db, created: created}
	if db != nil {
		if st.kvIndexes, err = boltIndexList(db); err != nil {
			return nil, errors.Join(fmt.Errorf("opening store %s: %w", st.Spec, err), qs.Close())
		}
		st.labelSubject = hasLabelSubjectIndex(st.kvIndexes)
		if err := st.guessBatch(); err != nil {
			return nil, errors.Join(fmt.Errorf("opening store %s: %w", st.Spec, err), qs.Close())
		}
		st.journal = boltJournal{db}
	}
	// (on PostgreSQL, not CockroachDB: its advisory locks lock nothing)
	if pg, ok := qs.(*csql.QuadStore); ok && chosen.Name == "postgres" {
		if bulk, _ := PGBulkPath(qs); bulk && cayleyDB(pg) != nil {
			st.journal = newPGJournal(cayleyDB(pg))
		}
	}
	if st.Recovered, err = st.recoverInParts(context.Background()); err != nil {
		return nil, errors.Join(fmt.Errorf("opening store %s: %w", st.Spec, err), st.Close())
	}
	// (after the recovery, which may write: the cache starts from the
	// store as it stays)
	if db != nil && o.ReadOnly && o.ReadCache > 0 {
		st.readCache = newReadCache(o.ReadCache)
		if err := st.openCayley(cachedKV{KV: hbolt.New(db), c: st.readCache}); err != nil {
			return nil, errors.Join(fmt.Errorf("opening store %s: %w", st.Spec, err), st.Close())
		}
	}
	return st, nil
}

// Redact hides the password of a store URL (postgres://u:secret@h/db →
// postgres://u:xxxxx@h/db) for messages; other specs are returned as they are.
func Redact(spec string) string {
	u, err := url.Parse(spec)
	if err != nil || u.User == nil {
		return spec
	}
	if _, ok := u.User.Password(); !ok {
		return spec
	}
	return u.Redacted()
}

func init() {
	RegisterBackend(Backend{
		Name:  "memory",
		Match: func(spec string) bool { return spec == "memory" || spec == ":memory:" },
		Open: func(string, Options) (graph.QuadStore, error) {
			return memstore.New(), nil
		},
	})
	RegisterBackend(Backend{
		Name:  "bolt",
		Match: func(spec string) bool { return !strings.Contains(spec, "://") },
		Open:  openBolt,
	})
	for _, p := range schema.Prefixes {
		voc.RegisterPrefix(p.Prefix, p.IRI)
	}
}

// Ctx is a shorthand for a background context in callers without one.
func Ctx() context.Context { return context.Background() }

// fullIRI expands a prefixed IRI that Cayley hands back.
func fullIRI(v quad.Value) quad.Value {
	switch x := v.(type) {
	case quad.IRI:
		return quad.IRI(schema.ExpandIRI(string(x)))
	case quad.TypedString:
		x.Type = quad.IRI(schema.ExpandIRI(string(x.Type)))
		return x
	case quad.TypedStringer:
		ts := x.TypedString()
		ts.Type = quad.IRI(schema.ExpandIRI(string(ts.Type)))
		return ts
	}
	return v
}

// FullQuad expands every prefixed IRI in q (xsd:date → the full datatype IRI).
func FullQuad(q quad.Quad) quad.Quad {
	q.Subject, q.Predicate, q.Object = fullIRI(q.Subject), fullIRI(q.Predicate), fullIRI(q.Object)
	if q.Label != nil {
		q.Label = fullIRI(q.Label)
	}
	return q
}
