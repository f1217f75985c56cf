package graph_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/accordkg/accord/bench"
	"github.com/accordkg/accord/graph"
	"github.com/accordkg/accord/graph/pgtest"
	"github.com/accordkg/accord/schema"
)

// envInt reads a positive count from the environment, or def.
func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

var (
	corpusMu sync.Mutex
	corpora  = map[int][]bench.Extracted{}
)

// corpus returns the quads of n variants of the bundled document
// (bench.Docs), extracted once per process.
func corpus(b *testing.B, n int) []bench.Extracted {
	b.Helper()
	corpusMu.Lock()
	defer corpusMu.Unlock()
	if c, ok := corpora[n]; ok {
		return c
	}
	r, err := schema.LoadBuiltin()
	if err != nil {
		b.Fatal(err)
	}
	docs, err := bench.Docs(r, n)
	if err != nil {
		b.Fatal(err)
	}
	c, err := bench.Extract(context.Background(), r, docs)
	if err != nil {
		b.Fatal(err)
	}
	corpora[n] = c
	return c
}

func countQuads(c []bench.Extracted) int {
	n := 0
	for _, d := range c {
		n += len(d.Quads)
	}
	return n
}

// loader loads a corpus into a fresh store and says how long the load
// took (opening and closing the store excluded).
type loader func(b *testing.B, c []bench.Extracted) time.Duration

// replaceAll writes each document with ReplaceDocument, one change per
// document (Cayley's ApplyDeltas per document, the query benchmarks'
// stores).
func replaceAll(b *testing.B, st *graph.Store, c []bench.Extracted) time.Duration {
	b.Helper()
	start := time.Now()
	for _, d := range c {
		if _, err := st.ReplaceDocument(context.Background(), d.IRI, d.Quads); err != nil {
			b.Fatal(err)
		}
	}
	return time.Since(start)
}

// writeBatched writes the documents as accord build does: whole
// documents gathered into batches of graph.DefaultBatchQuads quads, each
// written by WriteDocuments.
func writeBatched(b *testing.B, st *graph.Store, c []bench.Extracted) time.Duration {
	b.Helper()
	start := time.Now()
	var batch []graph.Document
	n := 0
	flush := func() {
		if _, err := st.WriteDocuments(context.Background(), batch); err != nil {
			b.Fatal(err)
		}
		batch, n = batch[:0], 0
	}
	for _, d := range c {
		batch = append(batch, graph.Document{IRI: d.IRI, Quads: d.Quads})
		if n += len(d.Quads); n >= graph.DefaultBatchQuads {
			flush()
		}
	}
	if len(batch) > 0 {
		flush()
	}
	return time.Since(start)
}

// cayleyLoad writes the whole corpus the way `cayley load` does: Cayley's
// quad writer, in batches of quad.DefaultBatch, full IRIs.
func cayleyLoad(b *testing.B, qs cgraph.QuadStore, c []bench.Extracted) time.Duration {
	b.Helper()
	var all []quad.Quad
	for _, d := range c {
		for _, q := range d.Quads {
			all = append(all, graph.FullQuad(q))
		}
	}
	start := time.Now()
	w, err := qs.NewQuadWriter()
	if err != nil {
		b.Fatal(err)
	}
	if _, err := quad.CopyBatch(w, quad.NewReader(all), quad.DefaultBatch); err != nil {
		b.Fatal(err)
	}
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
	return time.Since(start)
}

func openStore(b *testing.B, spec string) *graph.Store {
	b.Helper()
	st, err := graph.Open(spec, graph.Options{Create: true})
	if err != nil {
		b.Fatal(err)
	}
	return st
}

func closeStore(b *testing.B, st *graph.Store) {
	b.Helper()
	if err := st.Close(); err != nil {
		b.Fatal(err)
	}
}

// runLoad runs load b.N times and reports quads per second over them,
// and the process's CPU time per load (user and system, opening and
// closing the store included): on a machine shared with other work the
// CPU time moves less than the elapsed time.
func runLoad(b *testing.B, c []bench.Extracted, load loader) {
	b.Helper()
	quads := countQuads(c)
	var total time.Duration
	cpu0 := cpuTime(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		total += load(b, c)
	}
	cpu := cpuTime(b) - cpu0
	b.ReportMetric(float64(quads)*float64(b.N)/total.Seconds(), "quads/s")
	b.ReportMetric(float64(quads), "quads/op")
	b.ReportMetric(cpu.Seconds()*1000/float64(b.N), "cpu-ms/op")
}

// cpuTime returns the CPU time the process has used.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkLoad writes ACCORD_BENCH_DOCS (default 100) variants of the
// bundled document (about 1,540 quads each) into fresh stores: accord's
// WriteDocuments (batches of graph.DefaultBatchQuads quads, as accord
// build writes) on each backend, against Cayley's own writers on the same backend:
// cayley-batch is what `cayley load` does (Cayley's quad writer, batches
// of 10,000 quads), cayley-deltas is ReplaceDocument through Cayley's
// ApplyDeltas (the SQL writer, without accord's bulk path);
// accord-fk-triggers writes as a role that is not superuser. PostgreSQL
// runs on a throwaway server with its default durability.
func BenchmarkLoad(b *testing.B) {
	c := corpus(b, envInt("ACCORD_BENCH_DOCS", 100))
	b.Run("memory/accord", func(b *testing.B) {
		runLoad(b, c, func(b *testing.B, c []bench.Extracted) time.Duration {
			st := openStore(b, "memory")
			defer closeStore(b, st)
			return writeBatched(b, st, c)
		})
	})
	b.Run("memory/cayley-batch", func(b *testing.B) {
		runLoad(b, c, func(b *testing.B, c []bench.Extracted) time.Duration {
			st := openStore(b, "memory")
			defer closeStore(b, st)
			return cayleyLoad(b, st.QS, c)
		})
	})
	b.Run("bolt/accord", func(b *testing.B) {
		runLoad(b, c, func(b *testing.B, c []bench.Extracted) time.Duration {
			st := openStore(b, filepath.Join(b.TempDir(), "accord.db"))
			defer closeStore(b, st)
			return writeBatched(b, st, c)
		})
	})
	b.Run("bolt/cayley-batch", func(b *testing.B) {
		// a store as Cayley makes and opens it (cayley init, cayley load):
		// its two default indexes, its bloom filters
		runLoad(b, c, func(b *testing.B, c []bench.Extracted) time.Duration {
			dir := filepath.Join(b.TempDir(), "cayley.db")
			if err := cgraph.InitQuadStore("bbolt", dir, nil); err != nil {
				b.Fatal(err)
			}
			qs, err := cgraph.NewQuadStore("bbolt", dir, nil)
			if err != nil {
				b.Fatal(err)
			}
			defer func() {
				if err := qs.Close(); err != nil {
					b.Fatal(err)
				}
			}()
			return cayleyLoad(b, qs, c)
		})
	})
	srv := pgtest.StartWith(b, pgtest.Options{Durable: true, Settings: benchPGSettings})
	b.Run("postgres/accord", func(b *testing.B) {
		runLoad(b, c, func(b *testing.B, c []bench.Extracted) time.Duration {
			st := openStore(b, srv.NewDatabase(b))
			defer closeStore(b, st)
			return writeBatched(b, st, c)
		})
	})
	b.Run("postgres/accord-fk-triggers", func(b *testing.B) {
		// A role that is not superuser: the foreign key triggers fire.
		runLoad(b, c, func(b *testing.B, c []bench.Extracted) time.Duration {
			st := openStore(b, srv.NewRole(b))
			defer closeStore(b, st)
			return writeBatched(b, st, c)
		})
	})
	b.Run("postgres/cayley-deltas", func(b *testing.B) {
		runLoad(b, c, func(b *testing.B, c []bench.Extracted) time.Duration {
			st := openStore(b, srv.NewDatabase(b))
			defer closeStore(b, st)
			return replaceAll(b, &graph.Store{QS: st.QS, Backend: st.Backend}, c)
		})
	})
	b.Run("postgres/cayley-batch", func(b *testing.B) {
		runLoad(b, c, func(b *testing.B, c []bench.Extracted) time.Duration {
			st := openStore(b, srv.NewDatabase(b))
			defer closeStore(b, st)
			return cayleyLoad(b, st.QS, c)
		})
	})
}

// memberStates is the actor of most stances in the benchmark corpus.
const memberStates = `"<https://w3id.org/accord/id/group/sco-member-states>"`

// queries are the Gizmo queries whose latency BenchmarkQuery measures:
// for each question the shapes that stay fast on bolt, and (trap: true)
// the shapes that do not, kept to show the difference. Every document
// restates the facts it shares with others under its own label, so a hop
// without Unique() multiplies the paths by the number of documents.
var queries = []struct {
	name, gizmo string
	trap        bool
}{
	{name: "reaffirms", gizmo: `g.V(` + memberStates + `).Out("<acc:reaffirms>").Unique().All()`},
	{name: "reaffirms-labels", gizmo: `g.V(` + memberStates + `).Out("<acc:reaffirms>").Unique().Tag("target").Out("<rdfs:label>").Unique().Tag("label").All()`},
	{name: "reaffirms-labels-save", trap: true, gizmo: `g.V(` + memberStates + `).Out("<acc:reaffirms>").Unique().Save("<rdfs:label>", "label").All()`},
	{name: "reaffirms-labels-no-unique", trap: true, gizmo: `g.V(` + memberStates + `).Out("<acc:reaffirms>").Tag("target").Out("<rdfs:label>").Tag("label").All()`},
	{name: "welcomed-by-member-states", gizmo: `g.V(` + memberStates + `).Out("<acc:welcomes>").Unique().All()`},
	{name: "welcomed-all-statements", gizmo: `g.V("<acc:welcomes>").In("<acc:predicate>").Out("<acc:target>").Unique().All()`},
	{name: "welcomed-all-scan", trap: true, gizmo: `g.V().Out("<acc:welcomes>").Unique().All()`},
	{name: "signed-in", gizmo: `g.V("<acc:Instrument>").In("<rdf:type>").Unique().Tag("instrument").Out("<acc:signedIn>").Tag("place").All()`},
	{name: "signed-in-foreach", gizmo: `g.V("<acc:Instrument>").In("<rdf:type>").Unique().ForEach(function(i) {
		g.V(i.id).Out("<acc:signedIn>").Unique().ForEach(function(p) { g.Emit({instrument: i.id, place: p.id}) })
	})`},
	{name: "signed-in-back", trap: true, gizmo: `g.V("<acc:Instrument>").In("<rdf:type>").Unique().Tag("instrument").Out("<acc:signedIn>").Tag("place").Back("instrument").All()`},
	{name: "signed-in-has-scan", trap: true, gizmo: `g.V().Has("<acc:signedIn>").Unique().Tag("instrument").Out("<acc:signedIn>").Tag("place").All()`},
}

const (
	// queryTimeout stops a trap query that would run for minutes.
	queryTimeout = 10 * time.Second
	// trapRuns is how many times at most a trap query runs, whatever b.N.
	trapRuns = 3
)

// BenchmarkQuery measures Gizmo query latency (p50 and p95 in ms over
// the b.N runs, at most 3 for a trap: use -benchtime 20x) on stores of ACCORD_BENCH_QUERY_DOCS
// (default 1,000) documents written by ReplaceDocument, on memory and
// bolt, built once per run. A query stopped after 10 s counts 10 s (and
// in the timeouts column).
func BenchmarkQuery(b *testing.B) {
	c := corpus(b, envInt("ACCORD_BENCH_QUERY_DOCS", 1000))
	for _, spec := range []string{"memory", filepath.Join(b.TempDir(), "accord.db")} {
		st := openStore(b, spec)
		replaceAll(b, st, c)
		for _, q := range queries {
			b.Run(st.Backend+"/"+q.name, func(b *testing.B) {
				lat := make([]time.Duration, 0, b.N)
				n, timeouts := 0, 0
				b.ResetTimer()
				for i := 0; i < b.N && (!q.trap || i < trapRuns); i++ {
					t0 := time.Now()
					res, err := st.Query(context.Background(), q.gizmo, graph.QueryOptions{Timeout: queryTimeout})
					lat = append(lat, time.Since(t0))
					switch {
					case errors.Is(err, context.DeadlineExceeded) || err != nil && strings.Contains(err.Error(), "timed out"):
						timeouts++
					case err != nil:
						b.Fatal(err)
					}
					n = len(res)
				}
				sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
				b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
				b.ReportMetric(ms(lat[(len(lat)*95)/100]), "p95-ms")
				b.ReportMetric(float64(n), "results")
				b.ReportMetric(float64(timeouts), "timeouts")
			})
		}
		closeStore(b, st)
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// benchPGSettings tune the benchmarks' PostgreSQL for a machine of 24 GiB
// as one would for any bulk load (the same for accord and Cayley).
var benchPGSettings = []string{"shared_buffers = 1GB", "max_wal_size = 4GB", "checkpoint_timeout = 30min"}
