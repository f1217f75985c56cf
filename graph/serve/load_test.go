package serve_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/accordkg/accord/graph"
	"github.com/accordkg/accord/graph/graphtest"
	"github.com/accordkg/accord/graph/serve"
)

// TestLoad runs a bounded load on a real loopback server: 50 clients for a
// few seconds, mixing the cookbook's queries with hostile ones (an endless
// loop, an oversized limit, a syntax error, a body over the limit). No
// well-formed query may fail, every hostile one must get a 4xx, and the
// heap must come back near where it started. It logs p50/p95 latency.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("a load test; run without -short")
	}
	t.Run("memory", func(t *testing.T) { testLoad(t, bundledStore(t)) })
	// as accord serve opens a bolt store: read-only, its records and hops
	// remembered
	t.Run("bolt", func(t *testing.T) { testLoad(t, bundledBolt(t)) })
}

// bundledBolt returns the bundled document's store on bolt, opened as
// accord serve opens it.
func bundledBolt(t *testing.T) *graph.Store {
	path := filepath.Join(t.TempDir(), "accord.db")
	st, err := graph.Open(path, graph.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	res := graphtest.Extract(t, "qingdao-2018", "")
	if _, err := st.ReplaceDocument(context.Background(), res.DocIRI(), res.Quads()); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	if st, err = graph.Open(path, graph.Options{ReadOnly: true, ReadCache: graph.DefaultReadCache}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	st.CacheHops()
	return st
}

// testLoad runs the load test on st.
func testLoad(t *testing.T, st *graph.Store) {
	files, _ := filepath.Glob("../../docs/examples/*.js")
	var good []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		good = append(good, string(b))
	}
	if len(good) < 10 {
		t.Fatalf("only %d cookbook queries", len(good))
	}
	hostile := []struct {
		name, path, body string
	}{
		{"endless loop", "/api/v2/query?lang=gizmo", "while(true){}"},
		{"huge limit", "/api/v2/query?lang=gizmo&limit=100000000", "g.V().All()"},
		{"syntax error", "/api/v2/query?lang=gizmo", "g.V(.All("},
		{"body over the limit", "/api/v2/query?lang=gizmo", "g.V().All()//" + strings.Repeat("x", 70<<10)},
	}
	srv := httptest.NewServer(serve.New(st, serve.Options{QueryTimeout: 3 * time.Second, MaxBody: 64 << 10}))
	defer srv.Close()
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	// warm up, then measure the baseline
	http.Post(srv.URL+"/api/v2/query?lang=gizmo", "application/javascript", strings.NewReader(good[0]))
	base := heap()

	const clients = 50
	duration := 4 * time.Second
	var mu sync.Mutex
	var lat []time.Duration
	var failed []string
	var hostileOK, hostileN int
	deadline := time.Now().Add(duration)
	var wg sync.WaitGroup
	client := &http.Client{Timeout: 20 * time.Second}
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			for i := 0; time.Now().Before(deadline); i++ {
				if (c+i)%10 == 0 { // one request in ten is hostile
					h := hostile[(c+i)/10%len(hostile)]
					resp, err := client.Post(srv.URL+h.path, "application/javascript", strings.NewReader(h.body))
					mu.Lock()
					hostileN++
					if err == nil && resp.StatusCode/100 == 4 {
						hostileOK++
					} else if err == nil && h.name == "huge limit" && resp.StatusCode == 200 {
						hostileOK++ // answered, capped at the server's limit
					} else {
						code := 0
						if resp != nil {
							code = resp.StatusCode
						}
						failed = append(failed, h.name+": "+http.StatusText(code))
					}
					mu.Unlock()
					if resp != nil {
						io.Copy(io.Discard, resp.Body)
						resp.Body.Close()
					}
					continue
				}
				q := good[(c+i)%len(good)]
				start := time.Now()
				resp, err := client.Post(srv.URL+"/api/v2/query?lang=gizmo", "application/javascript", strings.NewReader(q))
				d := time.Since(start)
				mu.Lock()
				if err != nil || resp.StatusCode != 200 {
					why := fmt.Sprint(err)
					if resp != nil {
						b, _ := io.ReadAll(resp.Body)
						why = fmt.Sprintf("%d %s", resp.StatusCode, b)
					}
					failed = append(failed, "well-formed query failed: "+why)
				} else {
					lat = append(lat, d)
				}
				mu.Unlock()
				if resp != nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
			}
		}(c)
	}
	wg.Wait()
	if len(failed) > 0 {
		t.Errorf("%d requests failed, e.g. %s", len(failed), failed[0])
	}
	if hostileN == 0 || hostileOK != hostileN {
		t.Errorf("hostile requests answered properly: %d of %d", hostileOK, hostileN)
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	if len(lat) == 0 {
		t.Fatal("no query answered")
	}
	p50, p95 := lat[len(lat)/2], lat[len(lat)*95/100]
	t.Logf("%d clients, %s: %d well-formed queries (p50 %s, p95 %s), %d hostile requests refused or capped",
		clients, duration, len(lat), p50.Round(time.Microsecond), p95.Round(time.Microsecond), hostileN)
	// endless queries must have stopped: give them their timeout, then
	// compare the heap with the baseline
	srv.CloseClientConnections()
	time.Sleep(4 * time.Second)
	after := heap()
	t.Logf("heap: %.1f MB before, %.1f MB after", float64(base)/1e6, float64(after)/1e6)
	if after > 2*base+32<<20 {
		t.Errorf("heap did not come back: %.1f MB before, %.1f MB after", float64(base)/1e6, float64(after)/1e6)
	}
}
