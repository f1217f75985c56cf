package graph

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/memstore"
	"github.com/cayleygraph/cayley/query"
	_ "github.com/cayleygraph/cayley/query/gizmo" // registers "gizmo"
	"github.com/cayleygraph/quad"
)

// QueryOptions bound a query.
type QueryOptions struct {
	// Language is a Cayley query language; "gizmo" when empty.
	Language string
	// Limit caps the number of results (0: no cap).
	Limit int
	// Timeout stops a query that runs longer (0: none).
	Timeout time.Duration
	// Source names the query in error messages (a file name; "query" when
	// empty).
	Source string
}

// QueryError is a query that did not compile or failed while running,
// with the place in the query where the JavaScript engine saw the problem.
type QueryError struct {
	Source       string // the file, or "query"
	Line, Column int    // 1-based; 0 when unknown
	Msg          string
	Err          error
}

func (e *QueryError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", e.Source, e.Line, e.Column, e.Msg)
	}
	return e.Source + ": " + e.Msg
}
func (e *QueryError) Unwrap() error { return e.Err }

var (
	syntaxPos  = regexp.MustCompile(`^SyntaxError: \(anonymous\): Line (\d+):(\d+) (.*?)(?: \(and \d+ more errors?\))?$`)
	runtimePos = regexp.MustCompile(`^(.*) at <eval>:(\d+):(\d+)\(\d+\)`)
)

// queryError places a Gizmo error in the query text.
func queryError(source string, err error) *QueryError {
	qe := &QueryError{Source: source, Msg: err.Error(), Err: err}
	msg := strings.SplitN(err.Error(), "\n", 2)[0]
	if m := syntaxPos.FindStringSubmatch(msg); m != nil {
		qe.Line, _ = strconv.Atoi(m[1])
		qe.Column, _ = strconv.Atoi(m[2])
		qe.Msg = "syntax error: " + m[3]
	} else if m := runtimePos.FindStringSubmatch(msg); m != nil {
		qe.Line, _ = strconv.Atoi(m[2])
		qe.Column, _ = strconv.Atoi(m[3])
		qe.Msg = m[1]
	}
	return qe
}

// Query runs a query in a fresh session (a Gizmo session cannot be reused
// once its iterator is closed) and returns the results collated as JSON,
// the shape of Cayley's HTTP API v2 "result".
func (s *Store) Query(ctx context.Context, q string, o QueryOptions) ([]any, error) {
	lang := o.Language
	if lang == "" {
		lang = "gizmo"
	}
	l := query.GetLanguage(lang)
	if l == nil || l.Session == nil {
		return nil, fmt.Errorf("unknown query language %q", lang)
	}
	if o.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, o.Timeout)
		defer cancel()
	}
	// Prefixed IRIs in the query (<acc:reaffirms>) are expanded on lookup.
	source := o.Source
	if source == "" {
		source = "query"
	}
	qs := s.QS
	if s.Backend != "postgres" {
		// prefixed IRIs; not on Cayley's SQL stores, whose optimizer only
		// compiles shapes built on its own type (tagged hops break)
		qs = PrefixedQuadStore(s.QS)
	}
	ses := l.Session(qs)
	it, err := ses.Execute(ctx, q, query.Options{Collation: query.JSON, Limit: o.Limit})
	if err != nil {
		return nil, queryError(source, err)
	}
	defer it.Close()
	out := []any{}
	for it.Next(ctx) {
		out = append(out, it.Result())
		if o.Limit > 0 && len(out) >= o.Limit {
			break
		}
	}
	if err := it.Err(); err != nil {
		return nil, queryError(source, err)
	}
	if err := ctx.Err(); err != nil && errors.Is(err, context.DeadlineExceeded) {
		err := fmt.Errorf("timed out after %s", o.Timeout)
		return out, &QueryError{Source: source, Msg: err.Error(), Err: err}
	}
	return out, nil
}

// MemoryBytesPerQuad is about what CopyToMemory's copy takes in memory
// per quad of the store: Cayley's memstore keeps each quad with its four
// index entries and a share of the values, 350–370 bytes of live heap
// (measured on accord's stores of 1,000 and 10,000 documents; the Go
// runtime may hold twice the live heap between collections).
const MemoryBytesPerQuad = 375

// MemoryEstimate returns about how many bytes of heap CopyToMemory's copy
// of s would take (the store's quads times MemoryBytesPerQuad) and the
// number of quads.
func (s *Store) MemoryEstimate(ctx context.Context) (bytes, quads int64, err error) {
	n, err := s.QuadCount(ctx)
	if err != nil {
		return 0, 0, fmt.Errorf("counting the quads of %s: %w", s.Spec, err)
	}
	return n * MemoryBytesPerQuad, n, nil
}

// copyBatch is how many quads CopyToMemory reads before it looks up the
// values they name that it has not seen yet, in one batch.
const copyBatch = 4096

// CopyToMemory returns an in-memory copy of s (Cayley's memstore): every
// quad with its label, so that queries answer as they do on s, only
// faster (on bbolt a hop that Cayley cannot answer from an index scan
// reads each quad by id; the memstore has it at hand). The copy is a
// snapshot: writes to either store are not seen by the other. It reads
// past s's read cache.
func (s *Store) CopyToMemory(ctx context.Context) (*Store, error) {
	if s.readCache != nil {
		// every record read once: past the read cache
		s.readCache.off.Store(true)
		defer s.readCache.off.Store(false)
	}
	mem := memstore.New()
	names := map[any]quad.Value{} // the values of the refs seen, by ref key
	var (
		pending []cgraph.Ref     // quads read, their values not all known yet
		unknown []cgraph.Ref     // refs of values to look up
		asked   = map[any]bool{} // keys in unknown
	)
	flush := func() error {
		if len(unknown) > 0 {
			vals, err := cgraph.ValuesOf(ctx, s.QS, unknown)
			if err != nil {
				return fmt.Errorf("copying %s into memory: %w", s.Spec, err)
			}
			for i, r := range unknown {
				if vals[i] == nil {
					return fmt.Errorf("copying %s into memory: a quad names value %v, which the store lacks", s.Spec, r.Key())
				}
				names[r.Key()] = vals[i]
			}
			unknown, asked = unknown[:0], map[any]bool{}
		}
		for _, r := range pending {
			var q quad.Quad
			for _, d := range quad.Directions {
				v, err := s.QS.QuadDirection(r, d)
				if err != nil {
					return fmt.Errorf("copying %s into memory: %w", s.Spec, err)
				}
				if v != nil {
					q.Set(d, names[v.Key()])
				}
			}
			mem.AddQuad(q)
		}
		pending = pending[:0]
		return nil
	}
	it := s.QS.QuadsAllIterator().Iterate()
	defer it.Close()
	for it.Next(ctx) {
		r := it.Result()
		for _, d := range quad.Directions {
			v, err := s.QS.QuadDirection(r, d)
			if err != nil {
				return nil, fmt.Errorf("copying %s into memory: %w", s.Spec, err)
			}
			if v == nil {
				continue
			}
			if k := v.Key(); names[k] == nil && !asked[k] {
				asked[k] = true
				unknown = append(unknown, v)
			}
		}
		pending = append(pending, r)
		if len(pending) >= copyBatch {
			if err := flush(); err != nil {
				return nil, err
			}
		}
	}
	if err := it.Err(); err != nil {
		return nil, fmt.Errorf("copying %s into memory: %w", s.Spec, err)
	}
	if err := flush(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("copying %s into memory: %w", s.Spec, err)
	}
	cp := &Store{QS: mem, Backend: "memory", Spec: s.Spec}
	cp.CacheHops()
	return cp, nil
}

// CacheHops makes the queries on s remember the distinct nodes at the end
// of each hop from fixed nodes that ends in Unique() (g.V(x).Out(p).Unique(),
// g.V(class).In("<rdf:type>").Unique(), g.V(x).OutPredicates(), and from
// several nodes or along several predicates, g.V(a, b).Out([p, q]).Unique(),
// one node and predicate at a time), the first time a query makes it: every document restates the facts it shares with
// others, so such a hop reads one quad per document that states them, and
// then costs only what its answer does. Only for a store that is not
// written while open (accord serve and accord query open it read-only;
// CopyToMemory's copies cache their hops): a write is not seen by the
// hops remembered. The cache holds at most a few million nodes. It does
// nothing on a PostgreSQL store, whose queries Cayley's SQL optimizer
// compiles whole. The values a query names and the values of the nodes it
// returns are remembered too (on bbolt each lookup is a read transaction).
func (s *Store) CacheHops() {
	if s.Backend == "postgres" {
		return
	}
	p, ok := s.QS.(prefixedStore)
	if !ok {
		p = PrefixedQuadStore(s.QS).(prefixedStore)
	}
	if p.hops == nil {
		p.hops = newHopCache()
	}
	s.QS = p
}
