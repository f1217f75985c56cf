package serve

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/julienschmidt/httprouter"

	"github.com/accordkg/accord/graph"
	"github.com/accordkg/accord/schema"
)

// contentSecurityPolicy lets the page load only its own scripts, styles
// and data: no inline script or style, nothing from another origin, no
// framing.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; " +
	"img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; " +
	"form-action 'none'; frame-ancestors 'none'"

// jsonError writes {"error": msg} with the status code.
func jsonError(w http.ResponseWriter, code int, msg string) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Del("Content-Length")
	h.Del("Content-Encoding")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(map[string]string{"error": msg})
}

// wrap puts the security headers on every response, refuses bodies over
// the limit, turns every API error into {"error": …} and logs.
func (s *Server) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")

		rec := &recorder{ResponseWriter: w}
		if o := r.Header.Get("Origin"); o != "" && !sameOrigin(o, r.Host) {
			// A page of another site (or a sandboxed one, Origin: null)
			// may not query the store through the user's browser. Cayley
			// clients and curl send no Origin.
			rec.status = http.StatusForbidden
			jsonError(w, http.StatusForbidden, "cross-origin request refused (Origin "+o+")")
			s.o.Log.Printf("%s %s 403: cross-origin request from %s", r.Method, r.URL.Path, o)
			return
		}
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.o.Log.Printf("panic serving %s %s: %v", r.Method, r.URL.Path, v)
				if !rec.wrote {
					jsonError(w, http.StatusInternalServerError, "internal error")
				}
				return
			}
			rec.finish(s.o.QueryTimeout)
			if strings.HasPrefix(r.URL.Path, "/api/") || rec.status >= 400 {
				msg := ""
				if rec.errMsg != "" {
					msg = ": " + rec.errMsg
				}
				s.o.Log.Printf("%s %s %d %s%s", r.Method, r.URL.Path, rec.status, time.Since(start).Round(time.Millisecond), msg)
			}
		}()

		if r.Body != nil && r.Body != http.NoBody {
			if r.ContentLength > s.o.MaxBody {
				rec.status = http.StatusRequestEntityTooLarge
				jsonError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body larger than %d bytes", s.o.MaxBody))
				rec.wrote = true
				return
			}
			// Read the whole body now: Cayley's query handler reads at most
			// 1 MiB and silently drops the rest.
			body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.o.MaxBody))
			r.Body.Close()
			if err != nil {
				var mbe *http.MaxBytesError
				code := http.StatusBadRequest
				msg := "reading the request body: " + err.Error()
				if errors.As(err, &mbe) {
					code = http.StatusRequestEntityTooLarge
					msg = fmt.Sprintf("request body larger than %d bytes", s.o.MaxBody)
				}
				rec.status = code
				jsonError(w, code, msg)
				rec.wrote = true
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		next.ServeHTTP(rec, r)
	})
}

// recorder passes a response through, except that an error response (4xx,
// 5xx) of the API is held back and rewritten as {"error": …} with a JSON
// content type: Cayley's query errors come without one, and a query
// stopped by the timeout says "context deadline exceeded".
type recorder struct {
	http.ResponseWriter
	status  int
	wrote   bool
	holding bool
	held    bytes.Buffer
	errMsg  string
}

func (r *recorder) WriteHeader(code int) {
	if r.wrote || r.holding {
		return
	}
	r.status = code
	if code >= 400 {
		r.holding = true
		return
	}
	r.wrote = true
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(p []byte) (int, error) {
	if !r.wrote && !r.holding {
		r.WriteHeader(http.StatusOK)
	}
	if r.holding {
		if r.held.Len() < 64<<10 {
			r.held.Write(p)
		}
		return len(p), nil
	}
	return r.ResponseWriter.Write(p)
}

// Flush lets streamed responses (/api/v2/read) through.
func (r *recorder) Flush() {
	if r.holding {
		return
	}
	if f, ok := r.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap gives http.ResponseController the underlying writer.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// finish writes a held error response as {"error": …}.
func (r *recorder) finish(timeout time.Duration) {
	if !r.holding {
		if !r.wrote && r.status == 0 {
			r.status = http.StatusOK
		}
		return
	}
	msg := strings.TrimSpace(r.held.String())
	var body struct {
		Error any `json:"error"`
	}
	if json.Unmarshal(r.held.Bytes(), &body) == nil && body.Error != nil {
		msg = fmt.Sprint(body.Error)
	}
	if msg == "" {
		msg = http.StatusText(r.status)
	}
	switch {
	case msg == context.DeadlineExceeded.Error() || strings.HasSuffix(msg, ": "+context.DeadlineExceeded.Error()):
		msg = fmt.Sprintf("query stopped: it ran longer than the %s timeout", timeout)
	case msg == context.Canceled.Error():
		msg = "query cancelled: the server is shutting down or the client went away"
	}
	r.errMsg = msg
	jsonError(r.ResponseWriter, r.status, msg)
}

// sameOrigin reports whether the Origin header names the host the request
// was sent to.
func sameOrigin(origin, host string) bool {
	u, err := url.Parse(origin)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return false
	}
	return strings.EqualFold(u.Host, host)
}

// loopbackOnly refuses requests whose Host header is not a loopback name
// (localhost, 127.0.0.1, [::1]), so that a web page whose domain is made
// to resolve to 127.0.0.1 (DNS rebinding) cannot read the server.
func loopbackOnly(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host := r.Host
		if h, _, err := net.SplitHostPort(host); err == nil {
			host = h
		}
		host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
		ip := net.ParseIP(host)
		if !strings.EqualFold(host, "localhost") && (ip == nil || !ip.IsLoopback()) {
			w.Header().Set("X-Content-Type-Options", "nosniff")
			jsonError(w, http.StatusForbidden, "host "+r.Host+" refused: this server answers to localhost and loopback addresses only")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// noListing answers 404 for a directory instead of listing it.
func noListing(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "" || strings.HasSuffix(r.URL.Path, "/") {
			jsonError(w, http.StatusNotFound, "not found")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// servePage serves index.html with the page's Content-Security-Policy.
func (s *Server) servePage() httprouter.Handle {
	page, err := fs.ReadFile(webFS, "web/index.html")
	if err != nil {
		panic(err) // embedded at build time
	}
	return func(w http.ResponseWriter, r *http.Request, _ httprouter.Params) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Cache-Control", "no-cache")
		w.Write(page)
	}
}

// serveData serves /graph.json: the whole store's data, built on first
// use and kept (the store is open read-only, so it does not change), or,
// for a store larger than Options.MaxGraphQuads, its documents only; and
// with ?doc=ID (an id or an IRI) one document's data, built for each
// request (a document's quads are read by its label, a few milliseconds).
func (s *Server) serveData(w http.ResponseWriter, r *http.Request, _ httprouter.Params) {
	var body []byte
	var etag string
	var err error
	if ref := r.URL.Query().Get("doc"); ref != "" {
		var d *Data
		d, err = BuildDocument(r.Context(), s.data.st, schema.DocRef(ref))
		if err == nil && len(d.Documents) == 0 {
			jsonError(w, http.StatusNotFound, "no document "+ref+" in the store")
			return
		}
		if err == nil {
			body, etag, err = encodeData(d)
		}
	} else {
		body, etag, err = s.data.get(r.Context())
	}
	if err != nil {
		s.o.Log.Printf("building graph.json: %v", err)
		jsonError(w, http.StatusServiceUnavailable, "reading the store failed")
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	h.Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Write(body)
}

// encodeData returns d as JSON and its ETag.
func encodeData(d *Data) ([]byte, string, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(d); err != nil {
		return nil, "", err
	}
	sum := sha256.Sum256(buf.Bytes())
	return buf.Bytes(), `"` + hex.EncodeToString(sum[:8]) + `"`, nil
}

// dataCache holds the whole store's /graph.json once built.
type dataCache struct {
	st   *graph.Store
	max  int64 // Options.MaxGraphQuads
	mu   sync.Mutex
	body []byte
	etag string
}

// forget drops the cached data (after a write).
func (c *dataCache) forget() {
	c.mu.Lock()
	c.body, c.etag = nil, ""
	c.mu.Unlock()
}

func (c *dataCache) get(ctx context.Context) ([]byte, string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.body != nil {
		return c.body, c.etag, nil
	}
	d, err := BuildLimited(ctx, c.st, c.max)
	if err != nil {
		return nil, "", err
	}
	c.body, c.etag, err = encodeData(d)
	return c.body, c.etag, err
}
