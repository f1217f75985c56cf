// Package serve is accord's HTTP server: it mounts Cayley's own HTTP API v2
// (read-only, with a query timeout and a result limit) over an open store,
// so that /api/v2/query?lang=gizmo and /api/v2/read work for existing
// Cayley clients, and serves the relations page at / (a force-directed
// graph of the entities with the evidence behind every edge and a Gizmo
// console), whose assets are embedded in the binary, with its data at
// /graph.json. WriteStandalone writes the same page as one self-contained
// HTML file with the data inline (accord viz). docs/serve.md describes the
// page, the data shape and the security defaults.
package serve

import (
	"context"
	"crypto/subtle"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net"
	"net/http"
	"strings"
	"time"

	cayleygraph "github.com/cayleygraph/cayley/graph"
	cayleyhttp "github.com/cayleygraph/cayley/server/http"
	"github.com/julienschmidt/httprouter"

	"github.com/accordkg/accord/graph"
	_ "github.com/accordkg/accord/graph/serve/gizmo" // Gizmo that cannot crash the server
	_ "github.com/cayleygraph/cayley/writer"         // registers the "single" quad writer
)

// Defaults of Options.
const (
	// DefaultAddr is where accord serve listens: the loopback interface
	// only.
	DefaultAddr = "127.0.0.1:7474"
	// DefaultQueryTimeout stops a query that runs longer.
	DefaultQueryTimeout = 10 * time.Second
	// DefaultLimit caps the results of one query.
	DefaultLimit = 1000
	// DefaultMaxBody caps a request body (1 MiB).
	DefaultMaxBody = 1 << 20
	// DefaultMaxGraphQuads is the largest store the page draws whole:
	// about 150 declarations. Drawn whole, 1,000 generated declarations
	// (1.7 M quads) are 70 MB of page data that take 50 s and 1.4 GB to
	// make, and a force layout of 8,500 nodes that no one can read.
	DefaultMaxGraphQuads = 250_000
)

// Options configure a Server. Zero values take the defaults above.
type Options struct {
	// QueryTimeout stops a query that runs longer.
	QueryTimeout time.Duration
	// Limit caps the number of results of one query.
	Limit int
	// MaxBody caps a request body in bytes; a larger one is refused with
	// 413.
	MaxBody int64
	// Log receives one line per API request and per error; nil discards.
	Log *log.Logger
	// Writable mounts Cayley's write and delete endpoints; every request
	// to them must then carry Token ("Authorization: Bearer TOKEN"). The
	// store must be open for writing.
	Writable bool
	// Token guards the write endpoints; New refuses Writable without one.
	Token string
	// MaxGraphQuads is the largest store /graph.json gives whole; above
	// it, /graph.json lists the documents (Data.Partial says so) and the
	// page draws the one picked, from /graph.json?doc=ID. Negative: no
	// limit.
	MaxGraphQuads int64
}

// ErrNoToken is returned by New for a writable server without a token.
var ErrNoToken = errors.New("a writable server needs a token (--token or ACCORD_TOKEN)")

// writeRoutes are Cayley's API v2 routes that change the store.
var writeRoutes = []string{"/api/v2/write", "/api/v2/delete", "/api/v2/node/delete"}

//go:embed web
var webFS embed.FS

// Server serves one store: Cayley's API v2 under /api/v2/, the page at /,
// its assets under /static/ and its data at /graph.json.
type Server struct {
	o       Options
	handler http.Handler
	data    dataCache
}

// New returns a server over st. By default it never writes (Cayley's write
// routes answer 403) and st should be open read-only; with o.Writable the
// write routes work for requests that carry o.Token (a writable server
// without a token refuses every write: callers check ErrNoToken first).
func New(st *graph.Store, o Options) *Server {
	if o.QueryTimeout <= 0 {
		o.QueryTimeout = DefaultQueryTimeout
	}
	if o.Limit <= 0 {
		o.Limit = DefaultLimit
	}
	if o.MaxBody <= 0 {
		o.MaxBody = DefaultMaxBody
	}
	if o.Log == nil {
		o.Log = log.New(io.Discard, "", 0)
	}
	if o.MaxGraphQuads == 0 {
		o.MaxGraphQuads = DefaultMaxGraphQuads
	}
	s := &Server{o: o, data: dataCache{st: st, max: o.MaxGraphQuads}}

	r := httprouter.New()
	r.RedirectTrailingSlash = false
	r.RedirectFixedPath = false
	r.HandleOPTIONS = false
	r.NotFound = http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		jsonError(w, http.StatusNotFound, "not found: "+req.URL.Path)
	})
	r.MethodNotAllowed = http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		jsonError(w, http.StatusMethodNotAllowed, "method "+req.Method+" not allowed on "+req.URL.Path)
	})
	r.PanicHandler = func(w http.ResponseWriter, req *http.Request, v any) {
		s.o.Log.Printf("panic serving %s %s: %v", req.Method, req.URL.Path, v)
		jsonError(w, http.StatusInternalServerError, "internal error")
	}

	// Cayley's API v2 on Cayley's router: /api/v2/query, /read, /formats,
	// and /write, /delete, /node/delete, which answer 403 read-only.
	h := &cayleygraph.Handle{QuadStore: graph.FullIRIQuadStore(graph.PrefixedQuadStore(st.QS))}
	if o.Writable {
		qw, err := cayleygraph.NewQuadWriter("single", st.QS, cayleygraph.Options{"ignore_duplicate": true, "ignore_missing": true})
		if err != nil {
			panic(err) // "single" is registered by the writer package imported here
		}
		h.QuadWriter = qw
	}
	api := cayleyhttp.NewBoundAPIv2(h, r)
	api.SetReadOnly(!o.Writable)
	api.SetQueryTimeout(o.QueryTimeout)
	api.SetQueryLimit(o.Limit)

	static, err := fs.Sub(webFS, "web/static")
	if err != nil {
		panic(err) // the embedded tree always has web/static
	}
	page := s.servePage()
	assets := http.StripPrefix("/static/", noListing(http.FileServer(http.FS(static))))
	for _, m := range []string{http.MethodGet, http.MethodHead} {
		r.Handle(m, "/", page)
		r.Handle(m, "/graph.json", s.serveData)
		r.Handler(m, "/static/*path", assets)
	}

	s.handler = s.wrap(s.guardWrites(r))
	return s
}

// guardWrites lets a request reach a write route only with the token
// (compared in constant time), and forgets the page data after a write.
func (s *Server) guardWrites(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		write := false
		for _, p := range writeRoutes {
			if r.URL.Path == p {
				write = true
			}
		}
		if !write || !s.o.Writable {
			next.ServeHTTP(w, r)
			return
		}
		got := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		if s.o.Token == "" || subtle.ConstantTimeCompare([]byte(got), []byte(s.o.Token)) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="accord"`)
			jsonError(w, http.StatusUnauthorized, "a write needs the server's token (Authorization: Bearer …)")
			return
		}
		next.ServeHTTP(w, r)
		s.data.forget()
	})
}

// ServeHTTP serves one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, r)
}

// ShutdownGrace is how long Serve lets requests in flight finish after its
// context is done before it cancels them (a query then stops at once).
const ShutdownGrace = 2 * time.Second

// Serve answers requests on ln until ctx is done, then shuts down cleanly:
// it stops accepting connections, lets the requests in flight finish for
// ShutdownGrace, cancels those still running, and returns when all have
// ended. On a loopback address it answers only requests addressed to a
// loopback name.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	var h http.Handler = s
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok && tcp.IP.IsLoopback() {
		h = loopbackOnly(s)
	}
	reqCtx, cancelRequests := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelRequests()
	hs := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      s.o.QueryTimeout + 30*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    int(s.o.MaxBody),
		ErrorLog:          s.o.Log,
		BaseContext:       func(net.Listener) context.Context { return reqCtx },
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serving: %w", err)
	case <-ctx.Done():
	}
	grace := time.AfterFunc(ShutdownGrace, cancelRequests)
	defer grace.Stop()
	sctx, cancel := context.WithTimeout(context.Background(), ShutdownGrace+s.o.QueryTimeout)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		hs.Close()
		return fmt.Errorf("shutting down: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serving: %w", err)
	}
	return nil
}
