package graph_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/accordkg/accord/graph"
)

// BenchmarkCookbook measures the latency of every cookbook recipe
// (docs/examples/*.js, run as accord query runs them: limit 1000) on the
// store that ACCORD_BENCH_STORE names (a bbolt folder such as one that
// accord gen-corpus and accord build make, or any --db value), opened
// read-only, in these modes:
//
//   - plain: the store without a hop cache (Store.Query as it is);
//   - once: each run on a fresh hop cache, as a one-shot accord query;
//   - served: one hop cache for all the runs, as accord serve and
//     accord query --repl keep it (Store.CacheHops);
//   - memory: the store's in-memory copy (Store.CopyToMemory, accord
//     serve --memory), its hops cached.
//
// ACCORD_BENCH_MODES chooses some of them (plain,once,served,memory: all);
// ACCORD_BENCH_EXAMPLES names another folder of recipes (*.js) to run;
// ACCORD_BENCH_READCACHE the read cache's budget in bytes (0: none;
// default graph.DefaultReadCache, as accord query and accord serve).
// Each recipe runs b.N times (use -benchtime 20x), at most 3 times when a
// run takes over a second; a run stopped by the 10 s timeout counts 10 s
// (and in the timeouts column). It reports p50 and p95 in ms, the first
// run of all (cold-ms: the hop cache empty, before the runs the testing
// package reports), the rows of the last run, and for the copy its load
// time and the heap it added.
//
//	ACCORD_BENCH_STORE=/tmp/db10k go test ./graph -run '^$' -bench Cookbook -benchtime 20x -timeout 60m
func BenchmarkCookbook(b *testing.B) {
	var err error
	spec := os.Getenv("ACCORD_BENCH_STORE")
	if spec == "" {
		b.Skip("set ACCORD_BENCH_STORE to a store (e.g. one built by accord build from accord gen-corpus --docs 10000)")
	}
	// the read cache accord query and accord serve open a store with
	// (ACCORD_BENCH_READCACHE=0: none)
	readCache := graph.DefaultReadCache
	if v := os.Getenv("ACCORD_BENCH_READCACHE"); v != "" {
		if readCache, err = strconv.Atoi(v); err != nil {
			b.Fatal(err)
		}
	}
	st, err := graph.Open(spec, graph.Options{ReadOnly: true, ReadCache: readCache})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	names := cookbookRecipes(b)
	fresh := func() *graph.Store {
		// a new process: nothing read yet, no hop remembered
		st.DropReadCache()
		c := &graph.Store{QS: st.QS, Backend: st.Backend, Spec: st.Spec}
		c.CacheHops()
		return c
	}
	modes := map[string]bool{"plain": true, "once": true, "served": true, "memory": true}
	if m := os.Getenv("ACCORD_BENCH_MODES"); m != "" {
		modes = map[string]bool{}
		for _, k := range strings.Split(m, ",") {
			modes[strings.TrimSpace(k)] = true
		}
	}
	if modes["plain"] {
		runRecipes(b, st.Backend+"-plain", func() *graph.Store { return st }, names)
	}
	if modes["once"] {
		runRecipes(b, st.Backend+"-once", fresh, names)
	}
	if modes["served"] {
		served := fresh()
		runRecipes(b, st.Backend+"-served", func() *graph.Store { return served }, names)
	}
	if !modes["memory"] {
		return
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	t0 := time.Now()
	mem, err := st.CopyToMemory(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	load := time.Since(t0)
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.Logf("in-memory copy of %s: %s, heap %+.0f MiB (%.0f MiB in use)", spec, load.Round(time.Millisecond),
		float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/(1<<20), float64(after.HeapAlloc)/(1<<20))
	b.Run("memory/load", func(b *testing.B) {
		b.ReportMetric(float64(load)/float64(time.Second), "load-s")
		b.ReportMetric(float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/(1<<20), "heap-MiB")
	})
	runRecipes(b, "memory", func() *graph.Store { return mem }, names)
	mem.Close()
}

// recipeDir is the folder of the recipes BenchmarkCookbook runs.
func recipeDir() string {
	if d := os.Getenv("ACCORD_BENCH_EXAMPLES"); d != "" {
		return d
	}
	return examples
}

// cookbookRecipes returns the names of the recipes (*.js), sorted.
func cookbookRecipes(b *testing.B) []string {
	files, err := filepath.Glob(filepath.Join(recipeDir(), "*.js"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no recipes under %s: %v", recipeDir(), err)
	}
	var out []string
	for _, f := range files {
		out = append(out, strings.TrimSuffix(filepath.Base(f), ".js"))
	}
	sort.Strings(out)
	return out
}

const (
	// cookbookTimeout stops a recipe that would run for minutes.
	cookbookTimeout = 10 * time.Second
	// cookbookSlowRuns is how many times at most a recipe runs once a run
	// took over cookbookSlow.
	cookbookSlowRuns = 3
	cookbookSlow     = time.Second
)

// coldRuns holds the first run of each mode/NAME: the testing package
// runs a benchmark once with b.N = 1 before the runs it reports.
var coldRuns = map[string]time.Duration{}

// runRecipes runs each recipe under mode/NAME, each run on the store that
// st returns, and reports its latency.
func runRecipes(b *testing.B, mode string, st func() *graph.Store, names []string) {
	for _, name := range names {
		q, err := os.ReadFile(filepath.Join(recipeDir(), name+".js"))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(mode+"/"+name, func(b *testing.B) {
			var lat []time.Duration
			rows, timeouts := 0, 0
			for i := 0; i < b.N; i++ {
				if i >= cookbookSlowRuns && lat[len(lat)-1] > cookbookSlow {
					break
				}
				s := st()
				t0 := time.Now()
				res, err := s.Query(context.Background(), string(q), graph.QueryOptions{Limit: 1000, Timeout: cookbookTimeout, Source: name})
				lat = append(lat, time.Since(t0))
				if _, ok := coldRuns[mode+"/"+name]; !ok {
					coldRuns[mode+"/"+name] = lat[0]
				}
				switch {
				case errors.Is(err, context.DeadlineExceeded) || err != nil && strings.Contains(err.Error(), "timed out"):
					timeouts++
				case err != nil:
					b.Fatal(err)
				}
				rows = len(res)
			}
			first := coldRuns[mode+"/"+name]
			sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
			b.ReportMetric(durMS(lat[len(lat)/2]), "p50-ms")
			b.ReportMetric(durMS(lat[(len(lat)*95)/100]), "p95-ms")
			b.ReportMetric(durMS(first), "cold-ms")
			b.ReportMetric(float64(rows), "results")
			b.ReportMetric(float64(timeouts), "timeouts")
		})
	}
}

func durMS(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
