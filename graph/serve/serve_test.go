package serve_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
	"github.com/google/go-cmp/cmp"

	"github.com/accordkg/accord/extractors"
	"github.com/accordkg/accord/graph"
	"github.com/accordkg/accord/graph/graphtest"
	"github.com/accordkg/accord/graph/serve"
	"github.com/accordkg/accord/schema"
)

var (
	storeOnce sync.Once
	storeVal  *graph.Store
	storeErr  error
)

// bundledStore returns a memory store holding the bundled declaration,
// built once for the package's tests (the server only reads it).
func bundledStore(t testing.TB) *graph.Store {
	t.Helper()
	storeOnce.Do(func() {
		res := graphtest.Extract(t, "qingdao-2018", "")
		st, err := graph.Open("memory", graph.Options{})
		if err != nil {
			storeErr = err
			return
		}
		if _, err := st.ReplaceDocument(context.Background(), res.DocIRI(), res.Quads()); err != nil {
			storeErr = err
			return
		}
		storeVal = st
	})
	if storeErr != nil {
		t.Fatal(storeErr)
	}
	return storeVal
}

const (
	memberStates = "https://w3id.org/accord/id/group/sco-member-states"
	qingdao      = "https://w3id.org/accord/id/city/qingdao"
)

// reaffirmed is what the member states reaffirm in the bundled document,
// as Cayley's JSON collation writes IRIs.
var reaffirmed = []any{
	map[string]any{"id": "<https://w3id.org/accord/id/instrument/sco-charter>"},
	map[string]any{"id": "<https://w3id.org/accord/id/instrument/sco-treaty-good-neighbourliness>"},
	map[string]any{"id": "<https://w3id.org/accord/id/org/un>"},
}

type response struct {
	Status      int
	ContentType string
	Body        any
}

func do(t *testing.T, h http.Handler, method, target string, body io.Reader) (response, http.Header) {
	t.Helper()
	return doWith(t, h, method, target, body, nil)
}

func doWith(t *testing.T, h http.Handler, method, target string, body io.Reader, hdr http.Header) (response, http.Header) {
	t.Helper()
	req := httptest.NewRequest(method, target, body)
	for k, v := range hdr {
		req.Header[k] = v
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := response{Status: rec.Code, ContentType: rec.Header().Get("Content-Type")}
	if strings.HasPrefix(res.ContentType, "application/json") {
		var v any
		if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
			t.Fatalf("%s %s: body is not JSON: %v\n%s", method, target, err, rec.Body.String())
		}
		res.Body = v
	} else {
		res.Body = rec.Body.String()
	}
	return res, rec.Header()
}

func queryURL(lang, q string) string {
	v := url.Values{}
	if lang != "" {
		v.Set("lang", lang)
	}
	if q != "" {
		v.Set("qu", q)
	}
	return "/api/v2/query?" + v.Encode()
}

const reaffirmsQuery = `g.V("<` + memberStates + `>").Out("<https://w3id.org/accord/ns#reaffirms>").All()`

func TestAPI(t *testing.T) {
	h := serve.New(bundledStore(t), serve.Options{})
	const jsonCT = "application/json"
	tests := []struct {
		name         string
		method, path string
		body         string
		header       http.Header
		want         response
	}{
		{"query from the page (same origin)", "POST", queryURL("gizmo", ""), reaffirmsQuery,
			http.Header{"Origin": {"http://example.com"}}, // httptest's Host
			response{200, jsonCT, map[string]any{"result": reaffirmed}}},
		{"query by GET", "GET", queryURL("gizmo", reaffirmsQuery), "", nil,
			response{200, jsonCT, map[string]any{"result": reaffirmed}}},
		{"query by POST", "POST", queryURL("gizmo", ""), reaffirmsQuery, nil,
			response{200, jsonCT, map[string]any{"result": reaffirmed}}},
		{"prefixed IRIs", "POST", queryURL("gizmo", ""), `g.V("<` + memberStates + `>").Out("<acc:reaffirms>").All()`, nil,
			response{200, jsonCT, map[string]any{"result": reaffirmed}}},
		{"tags", "POST", queryURL("gizmo", ""), `g.V("<` + qingdao + `>").Tag("source").Out("<acc:locatedIn>").Tag("target").All()`, nil,
			response{200, jsonCT, map[string]any{"result": []any{map[string]any{
				"id": "<https://w3id.org/accord/id/state/CHN>", "source": "<" + qingdao + ">", "target": "<https://w3id.org/accord/id/state/CHN>",
			}}}}},
		{"no results", "POST", queryURL("gizmo", ""), `g.V("<https://example.org/none>").All()`, nil,
			response{200, jsonCT, map[string]any{"result": nil}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := doWith(t, h, tt.method, tt.path, strings.NewReader(tt.body), tt.header)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s %s (-want +got):\n%s", tt.method, tt.path, diff)
			}
		})
	}
}

// TestLimit checks that --limit caps what a query returns.
func TestLimit(t *testing.T) {
	h := serve.New(bundledStore(t), serve.Options{Limit: 2})
	got, _ := do(t, h, "POST", queryURL("gizmo", ""), strings.NewReader(reaffirmsQuery))
	want := response{200, "application/json", map[string]any{"result": reaffirmed[:2]}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("limited query (-want +got):\n%s", diff)
	}
}

func TestRead(t *testing.T) {
	st := bundledStore(t)
	h := serve.New(st, serve.Options{})
	got, hdr := do(t, h, "GET", "/api/v2/read?format=nquads&sub="+url.QueryEscape("<"+qingdao+">"), nil)
	if got.Status != 200 {
		t.Fatalf("status %d: %v", got.Status, got.Body)
	}
	if ct := hdr.Get("Content-Type"); ct != "application/n-quads" {
		t.Errorf("Content-Type = %q", ct)
	}
	var want []string
	if err := st.EachQuad(context.Background(), "", func(q quad.Quad) error {
		if q.Subject == quad.IRI(qingdao) {
			want = append(want, q.NQuad())
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(got.Body.(string)), "\n") {
		lines = append(lines, strings.TrimSuffix(l, "\n"))
	}
	sort.Strings(want)
	sort.Strings(lines)
	if diff := cmp.Diff(want, lines); diff != "" {
		t.Errorf("read (-want +got):\n%s", diff)
	}
	// the whole store: full datatype IRIs, which a strict reader takes
	all, _ := do(t, h, "GET", "/api/v2/read?format=nquads", nil)
	body := all.Body.(string)
	if strings.Contains(body, "<xsd:") {
		t.Errorf("read writes a prefixed datatype: %q", body[strings.Index(body, "<xsd:")-20:][:60])
	}
	n := 0
	r := nquads.NewReader(strings.NewReader(body), true)
	for {
		if _, err := r.ReadQuad(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("read's N-Quads: %v", err)
		}
		n++
	}
	if n < 1000 {
		t.Errorf("read gave %d quads", n)
	}
}

// errorBody matches a JSON error whose message matches a pattern.
type errorBody struct {
	Status  int
	Pattern string
}

func TestErrors(t *testing.T) {
	h := serve.New(bundledStore(t), serve.Options{MaxBody: 1 << 20})
	big := strings.Repeat(" ", 1<<20) + reaffirmsQuery // over 1 MiB
	tests := []struct {
		name         string
		method, path string
		body         io.Reader
		origin       string
		want         errorBody
	}{
		{"wrong method on the API", "DELETE", queryURL("gizmo", reaffirmsQuery), nil, "", errorBody{405, `^method DELETE not allowed on /api/v2/query$`}},
		{"wrong method on the page", "POST", "/", strings.NewReader("x"), "", errorBody{405, `^method POST not allowed on /$`}},
		{"wrong method on the data", "PUT", "/graph.json", strings.NewReader("x"), "", errorBody{405, `^method PUT not allowed on /graph.json$`}},
		{"no language", "GET", queryURL("", reaffirmsQuery), nil, "", errorBody{400, `^query language not specified$`}},
		{"unknown language", "GET", queryURL("sparql", "SELECT *"), nil, "", errorBody{400, `^unknown query language$`}},
		{"empty query", "POST", queryURL("gizmo", ""), strings.NewReader(""), "", errorBody{400, `^query is empty$`}},
		{"syntax error", "POST", queryURL("gizmo", ""), strings.NewReader(`g.V(.All()`), "", errorBody{400, `SyntaxError`}},
		{"run-time error", "POST", queryURL("gizmo", ""), strings.NewReader(`g.V().Nope()`), "", errorBody{400, `TypeError`}},
		{"thrown error", "POST", queryURL("gizmo", ""), strings.NewReader(`throw new Error("boom")`), "", errorBody{400, `boom`}},
		{"write refused", "POST", "/api/v2/write", strings.NewReader("<a> <b> <c> .\n"), "", errorBody{403, `^database is read-only$`}},
		{"delete refused", "POST", "/api/v2/delete", strings.NewReader("<a> <b> <c> .\n"), "", errorBody{403, `^database is read-only$`}},
		{"body over the limit", "POST", queryURL("gizmo", ""), strings.NewReader(big), "", errorBody{413, `^request body larger than 1048576 bytes$`}},
		{"body over the limit, no length", "POST", queryURL("gizmo", ""), io.MultiReader(strings.NewReader(big)), "", errorBody{413, `^request body larger than 1048576 bytes$`}},
		{"Go panic in the query", "POST", queryURL("gizmo", ""), strings.NewReader(`g.V().Out(null, null).All()`), "", errorBody{400, `^query failed: expected string, got: <nil>$`}},
		{"Go panic in a nested path", "POST", queryURL("gizmo", ""), strings.NewReader(`g.V().Out(g.V().Out({})).All()`), "", errorBody{400, `^query failed: unsupported type`}},
		{"unbounded recursion", "POST", queryURL("gizmo", ""), strings.NewReader(`function f() { return f() + 1 }; f()`), "", errorBody{400, `at f`}},
		{"another site's page", "POST", queryURL("gizmo", ""), strings.NewReader(reaffirmsQuery), "http://evil.example", errorBody{403, `^cross-origin request refused \(Origin http://evil.example\)$`}},
		{"a sandboxed page", "GET", "/graph.json", nil, "null", errorBody{403, `^cross-origin request refused`}},
		{"unknown path", "GET", "/api/v3/query", nil, "", errorBody{404, `^not found: /api/v3/query$`}},
		{"no directory listing", "GET", "/static/", nil, "", errorBody{404, `^not found$`}},
		{"missing asset", "GET", "/static/nope.js", nil, "", errorBody{404, `not found`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, tt.path, tt.body) // a MultiReader has no length
			if tt.origin != "" {
				req.Header.Set("Origin", tt.origin)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tt.want.Status {
				t.Errorf("status %d, want %d: %s", rec.Code, tt.want.Status, rec.Body.String())
			}
			if ct := rec.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
				t.Errorf("Content-Type = %q", ct)
			}
			if n := rec.Header().Get("X-Content-Type-Options"); n != "nosniff" {
				t.Errorf("X-Content-Type-Options = %q", n)
			}
			var body map[string]string
			if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
				t.Fatalf("body is not {\"error\": …}: %v: %s", err, rec.Body.String())
			}
			if len(body) != 1 || !regexp.MustCompile(tt.want.Pattern).MatchString(body["error"]) {
				t.Errorf("body = %v, want an error matching %s", body, tt.want.Pattern)
			}
		})
	}
}

// TestBodyAtLimit checks that a body of exactly the limit is read whole.
func TestBodyAtLimit(t *testing.T) {
	h := serve.New(bundledStore(t), serve.Options{MaxBody: 4096})
	q := reaffirmsQuery + strings.Repeat(" ", 4096-len(reaffirmsQuery))
	got, _ := do(t, h, "POST", queryURL("gizmo", ""), strings.NewReader(q))
	want := response{200, "application/json", map[string]any{"result": reaffirmed}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestPage(t *testing.T) {
	h := serve.New(bundledStore(t), serve.Options{})
	tests := []struct {
		path        string
		contentType string
		csp         bool
	}{
		{"/", "text/html; charset=utf-8", true},
		{"/static/app.js", "text/javascript; charset=utf-8", false},
		{"/static/vendor/d3-force.min.js", "text/javascript; charset=utf-8", false},
		{"/static/style.css", "text/css; charset=utf-8", false},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			got, hdr := do(t, h, "GET", tt.path, nil)
			type head struct {
				Status                                  int
				ContentType, CSP, NoSniff, Frame, Refer string
			}
			want := head{200, tt.contentType, "", "nosniff", "DENY", "no-referrer"}
			if tt.csp {
				want.CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
					"connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
			}
			gotHead := head{got.Status, hdr.Get("Content-Type"), hdr.Get("Content-Security-Policy"), hdr.Get("X-Content-Type-Options"), hdr.Get("X-Frame-Options"), hdr.Get("Referrer-Policy")}
			if diff := cmp.Diff(want, gotHead); diff != "" {
				t.Errorf("headers (-want +got):\n%s", diff)
			}
			if hdr.Get("Access-Control-Allow-Origin") != "" {
				t.Error("the server sends a CORS header")
			}
		})
	}
}

// TestAssetsAreLocal checks that the page loads nothing from another
// origin and runs no inline script or style (the CSP would block them).
func TestAssetsAreLocal(t *testing.T) {
	html, err := os.ReadFile(filepath.Join("web", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, re := range []string{`(?i)<script>`, `(?i)<script(?:[^>]*)src="(?:https?:)?//`, `(?i)<link[^>]*href="(?:https?:)?//`, `(?i)\sstyle="`, `(?i)\son[a-z]+="`, `(?i)<style`} {
		if loc := regexp.MustCompile(re).FindIndex(html); loc != nil {
			t.Errorf("index.html: %q matches %s", html[loc[0]:loc[1]], re)
		}
	}
	css, err := os.ReadFile(filepath.Join("web", "static", "style.css"))
	if err != nil {
		t.Fatal(err)
	}
	if regexp.MustCompile(`(?i)@import|url\(`).Match(css) {
		t.Error("style.css loads another resource")
	}
	// Every script and style sheet the page names is one of its own
	// files; each vendored script has its licence beside it.
	refs := regexp.MustCompile(`(?i)<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]*)"`).FindAllSubmatch(html, -1)
	if len(refs) < 6 {
		t.Errorf("index.html names %d scripts and style sheets, want app.js, style.css and the four d3 files", len(refs))
	}
	var scripts []string
	for _, m := range refs {
		ref := string(m[1])
		rel, ok := strings.CutPrefix(ref, "/static/")
		if !ok {
			t.Errorf("index.html loads %s, not a file under /static/", ref)
			continue
		}
		if _, err := os.Stat(filepath.Join("web", "static", filepath.FromSlash(rel))); err != nil {
			t.Errorf("index.html loads %s: %v", ref, err)
		}
		if strings.HasSuffix(rel, ".js") {
			scripts = append(scripts, rel)
		}
		if v, ok := strings.CutPrefix(rel, "vendor/"); ok {
			lic := filepath.Join("web", "static", "vendor", strings.TrimSuffix(v, ".min.js")+".LICENSE")
			if b, err := os.ReadFile(lic); err != nil || !bytes.Contains(b, []byte("Permission to use, copy, modify")) {
				t.Errorf("%s: no ISC licence beside it (%s): %v", ref, lic, err)
			}
		}
	}
	for _, f := range scripts {
		js, err := os.ReadFile(filepath.Join("web", "static", filepath.FromSlash(f)))
		if err != nil {
			t.Fatal(err)
		}
		for _, re := range []string{`\binnerHTML\b`, `\bouterHTML\b`, `\beval\(`, `new Function\(`, `document\.write`, `fetch\(\s*["']?(?:https?:)?//`, `\bimport\(`, `XMLHttpRequest`, `WebSocket`, `importScripts`} {
			if regexp.MustCompile(re).Match(js) {
				t.Errorf("%s uses %s", f, re)
			}
		}
	}
}

func TestGraphJSON(t *testing.T) {
	st := bundledStore(t)
	h := serve.New(st, serve.Options{})
	req := httptest.NewRequest("GET", "/graph.json", nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != 200 || rec.Header().Get("Content-Type") != "application/json; charset=utf-8" {
		t.Fatalf("status %d, Content-Type %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	var got serve.Data
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	want, err := serve.Build(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(*want, got); diff != "" {
		t.Errorf("graph.json differs from Build (-want +got):\n%s", diff)
	}
	etag := rec.Header().Get("ETag")
	req = httptest.NewRequest("GET", "/graph.json", nil)
	req.Header.Set("If-None-Match", etag)
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusNotModified || rec.Body.Len() != 0 {
		t.Errorf("with If-None-Match: status %d, %d bytes", rec.Code, rec.Body.Len())
	}
}

// expected counts what the page must draw for a set of predicates (all
// when nil), read straight from the store's quads: edges are the distinct
// (subject, predicate, object) of a stance or fact predicate between two
// entities of the seven classes; nodes are their ends.
func expected(t testing.TB, st *graph.Store, preds map[string]bool) (nodes, edges int) {
	t.Helper()
	typed := map[string]bool{}
	type triple struct{ s, p, o string }
	var cands []triple
	err := st.EachQuad(context.Background(), "", func(q quad.Quad) error {
		s, _ := q.Subject.(quad.IRI)
		p, _ := q.Predicate.(quad.IRI)
		o, isIRI := q.Object.(quad.IRI)
		if string(p) == schema.Type {
			if _, ok := schema.ClassByIRI(string(o)); ok {
				typed[string(s)] = true
			}
		} else if isIRI && schema.IsScoredPredicate(string(p)) && (preds == nil || preds[schema.ShortName(string(p))]) {
			cands = append(cands, triple{string(s), string(p), string(o)})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[triple]bool{}
	ends := map[string]bool{}
	for _, c := range cands {
		if typed[c.s] && typed[c.o] && !seen[c] {
			seen[c] = true
			ends[c.s], ends[c.o] = true, true
		}
	}
	return len(ends), len(seen)
}

func TestBuild(t *testing.T) {
	st := bundledStore(t)
	d, err := serve.Build(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	stats, err := st.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	_, edges := expected(t, st, nil)
	classes := map[string]int{}
	for _, c := range d.Classes {
		classes[c.Name] = c.Count
	}
	type summary struct {
		Documents, Nodes, Edges, Statements int
		Classes                             map[string]int
	}
	want := summary{stats.Documents, 0, edges, stats.Statements, stats.Entities}
	for _, n := range stats.Entities {
		want.Nodes += n
	}
	facts := 0
	for _, s := range d.Statements {
		if s.Kind == "fact" {
			facts++
		}
	}
	got := summary{len(d.Documents), len(d.Nodes), len(d.Edges), len(d.Statements) - facts, classes}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("summary (-store +graph.json):\n%s", diff)
	}

	// The edge member-states reaffirms sco-charter carries the same
	// evidence as accord explain gives.
	const charter = "https://w3id.org/accord/id/instrument/sco-charter"
	evs, err := st.Explain(context.Background(), memberStates, schema.Reaffirms, charter)
	if err != nil || len(evs) == 0 {
		t.Fatalf("explain: %v, %d statements", err, len(evs))
	}
	var edge *serve.Edge
	for i, e := range d.Edges {
		if e.Source == memberStates && e.Predicate == "reaffirms" && e.Target == charter {
			edge = &d.Edges[i]
		}
	}
	if edge == nil {
		t.Fatal("no edge member-states reaffirms sco-charter")
	}
	stmts := map[string]serve.Statement{}
	for _, s := range d.Statements {
		stmts[s.ID] = s
	}
	ptr := func(n int) *int {
		if n < 0 {
			return nil
		}
		return &n
	}
	var wantSt, gotSt []serve.Statement
	for _, ev := range evs {
		wantSt = append(wantSt, serve.Statement{
			ID: ev.Node, Kind: "stance", Document: ev.Document, Subject: memberStates, Predicate: "reaffirms", Object: charter,
			Sentence: ev.Sentence, Paragraph: ev.Paragraph, CharStart: ptr(ev.SentenceStart), Trigger: ev.Trigger,
			TriggerStart: ptr(ev.TriggerStart), TargetStart: ptr(ev.TargetStart), TargetEnd: ptr(ev.TargetEnd),
			Negated: ev.Negated, Rule: ev.Rule,
		})
	}
	for _, id := range edge.Statements {
		s := stmts[id]
		s.CharEnd = nil // Evidence does not carry it
		gotSt = append(gotSt, s)
	}
	sortStatements := func(ss []serve.Statement) {
		sort.Slice(ss, func(i, j int) bool { return strings.Trim(ss[i].ID, "<>") < strings.Trim(ss[j].ID, "<>") })
		for i := range ss {
			ss[i].ID = strings.Trim(ss[i].ID, "<>")
		}
	}
	sortStatements(wantSt)
	sortStatements(gotSt)
	if diff := cmp.Diff(wantSt, gotSt); diff != "" {
		t.Errorf("evidence of member-states reaffirms sco-charter (-explain +graph.json):\n%s", diff)
	}
}

// TestTimeout runs a query that never ends next to an ordinary one: the
// ordinary one answers while the loop runs, the loop is stopped by the
// timeout with a 400 and a JSON error, and the server answers afterwards.
func TestTimeout(t *testing.T) {
	const timeout = 1500 * time.Millisecond
	srv := httptest.NewServer(serve.New(bundledStore(t), serve.Options{QueryTimeout: timeout}))
	defer srv.Close()
	post := func(q string) (int, map[string]any, error) {
		res, err := http.Post(srv.URL+"/api/v2/query?lang=gizmo", "text/plain", strings.NewReader(q))
		if err != nil {
			return 0, nil, err
		}
		defer res.Body.Close()
		var body map[string]any
		err = json.NewDecoder(res.Body).Decode(&body)
		return res.StatusCode, body, err
	}
	type answer struct {
		name   string
		status int
		body   map[string]any
	}
	order := make(chan answer, 2)
	var wg sync.WaitGroup
	started := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		close(started)
		st, body, err := post(`while (true) {}`)
		if err != nil {
			t.Error(err)
		}
		order <- answer{"loop", st, body}
	}()
	<-started
	// Give the loop a head start: this only makes the test meaningful,
	// not pass.
	time.Sleep(100 * time.Millisecond)
	st, body, err := post(reaffirmsQuery)
	if err != nil {
		t.Fatal(err)
	}
	order <- answer{"ordinary", st, body}
	wg.Wait()
	close(order)
	var got []answer
	for a := range order {
		got = append(got, a)
	}
	want := []answer{
		{"ordinary", 200, map[string]any{"result": reaffirmed}},
		{"loop", 400, map[string]any{"error": "query stopped: it ran longer than the 1.5s timeout"}},
	}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(answer{})); diff != "" {
		t.Errorf("answers in order (-want +got):\n%s", diff)
	}
	st, body, err = post(reaffirmsQuery)
	if err != nil || st != 200 || !cmp.Equal(body, map[string]any{"result": reaffirmed}) {
		t.Errorf("after the timeout: %d %v %v", st, body, err)
	}
}

// TestServe starts the server on a free loopback port, queries it, and
// shuts it down by cancelling the context.
func TestServe(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var logs syncBuffer
	srv := serve.New(bundledStore(t), serve.Options{Log: log.New(&logs, "", 0)})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	base := "http://" + ln.Addr().String()
	res, err := http.Get(base + "/api/v2/query?lang=gizmo&qu=" + url.QueryEscape(reaffirmsQuery))
	if err != nil {
		t.Fatal(err)
	}
	var body map[string]any
	json.NewDecoder(res.Body).Decode(&body)
	res.Body.Close()
	if diff := cmp.Diff(map[string]any{"result": reaffirmed}, body); diff != "" {
		t.Errorf("query (-want +got):\n%s", diff)
	}
	// A name that is not loopback (DNS rebinding) is refused.
	req, _ := http.NewRequest("GET", base+"/graph.json", nil)
	req.Host = "evil.example:7474"
	res, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var refused map[string]string
	json.NewDecoder(res.Body).Decode(&refused)
	res.Body.Close()
	wantRefused := map[string]string{"error": "host evil.example:7474 refused: this server answers to localhost and loopback addresses only"}
	if res.StatusCode != http.StatusForbidden || !cmp.Equal(wantRefused, refused) {
		t.Errorf("Host evil.example: %d %v", res.StatusCode, refused)
	}
	for _, host := range []string{"localhost", "127.0.0.1"} {
		req, _ := http.NewRequest("GET", base+"/", nil)
		req.Host = strings.Replace(ln.Addr().String(), "127.0.0.1", host, 1)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 200 {
			t.Errorf("Host %s: status %d", req.Host, res.StatusCode)
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Serve returned %v after the context was cancelled", err)
	}
	if _, err := http.Get(base + "/"); err == nil {
		t.Error("the server still answers after shutting down")
	}
	if !strings.Contains(logs.String(), "GET /api/v2/query 200") {
		t.Errorf("log = %q, want a line for the query", logs.String())
	}
}

// syncBuffer is a buffer that a logger may write from several goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestServeCancelsOnShutdown checks that a query still running when the
// server shuts down is cancelled after the grace period, not left to run
// to its (here long) timeout.
func TestServeCancelsOnShutdown(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := serve.New(bundledStore(t), serve.Options{QueryTimeout: time.Hour})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	answer := make(chan map[string]any, 1)
	go func() {
		res, err := http.Post("http://"+ln.Addr().String()+"/api/v2/query?lang=gizmo", "text/plain", strings.NewReader(`while (true) {}`))
		if err != nil {
			t.Error(err)
			answer <- nil
			return
		}
		defer res.Body.Close()
		var body map[string]any
		json.NewDecoder(res.Body).Decode(&body)
		answer <- body
	}()
	time.Sleep(200 * time.Millisecond) // let the query start
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Serve: %v", err)
	}
	want := map[string]any{"error": "query cancelled: the server is shutting down or the client went away"}
	if diff := cmp.Diff(want, <-answer); diff != "" {
		t.Errorf("the query running at shutdown (-want +got):\n%s", diff)
	}
}

// TestWritable checks that the write endpoints are closed by default and,
// with Writable, open only to requests that carry the token.
func TestWritable(t *testing.T) {
	st, err := graph.Open("memory", graph.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	body := "<a> <b> <c> <https://w3id.org/accord/doc/w> .\n"
	post := func(h http.Handler, token string) int {
		req := httptest.NewRequest(http.MethodPost, "/api/v2/write", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/n-quads")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Code
	}
	if code := post(serve.New(st, serve.Options{}), "s3cret"); code != http.StatusForbidden {
		t.Errorf("read-only server: write answered %d, want 403", code)
	}
	w := serve.New(st, serve.Options{Writable: true, Token: "s3cret"})
	for _, tc := range []struct {
		token string
		want  int
	}{{"", http.StatusUnauthorized}, {"wrong", http.StatusUnauthorized}, {"s3cret", http.StatusOK}} {
		if code := post(w, tc.token); code != tc.want {
			t.Errorf("token %q: %d, want %d", tc.token, code, tc.want)
		}
	}
	if code := post(serve.New(st, serve.Options{Writable: true}), ""); code != http.StatusUnauthorized {
		t.Errorf("writable without a token: %d, want 401", code)
	}
	qs, _ := st.AllQuads(context.Background())
	if len(qs) != 1 {
		t.Errorf("store holds %d quads after one authorized write, want 1", len(qs))
	}
}

// TestGraphJSONLargeStore: a store over Options.MaxGraphQuads gives its
// documents only, and each document's data at ?doc=ID.
func TestGraphJSONLargeStore(t *testing.T) {
	ctx := context.Background()
	st, err := graph.Open("memory", graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, res := range []*extractors.Result{
		graphtest.Extract(t, "qingdao-2018", ""),
		graphtest.Extract(t, "second", "第二宣言\n\n成员国重申恪守《联合国宪章》。成员国欢迎2018年3月15日在阿斯塔纳举行的首次中亚国家元首峰会成果。"),
	} {
		if _, err := st.ReplaceDocument(ctx, res.DocIRI(), res.Quads()); err != nil {
			t.Fatal(err)
		}
		total += len(res.Quads())
	}
	whole, err := serve.Build(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	get := func(h http.Handler, target string) (int, serve.Data) {
		t.Helper()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
		var d serve.Data
		if rec.Code == 200 {
			if err := json.Unmarshal(rec.Body.Bytes(), &d); err != nil {
				t.Fatal(err)
			}
		}
		return rec.Code, d
	}

	h := serve.New(st, serve.Options{MaxGraphQuads: 100})
	code, got := get(h, "/graph.json")
	want := serve.Data{Version: 1, Documents: whole.Documents, Classes: []serve.Count{}, Predicates: []serve.Count{},
		Nodes: []serve.Node{}, Edges: []serve.Edge{}, Statements: []serve.Statement{},
		Partial: &serve.Partial{Quads: int64(total), Limit: 100}}
	if diff := cmp.Diff(want, got); code != 200 || diff != "" {
		t.Errorf("status %d; the overview (-want +got):\n%s", code, diff)
	}
	if len(got.Documents) != 2 || got.Documents[0].Label == "" || got.Documents[0].Date == "" {
		t.Errorf("documents = %+v, want both, with titles and dates", got.Documents)
	}
	one, err := serve.BuildDocument(ctx, st, "https://w3id.org/accord/doc/qingdao-2018")
	if err != nil {
		t.Fatal(err)
	}
	for _, ref := range []string{"qingdao-2018", url.QueryEscape("https://w3id.org/accord/doc/qingdao-2018")} {
		code, got := get(h, "/graph.json?doc="+ref)
		if diff := cmp.Diff(*one, got); code != 200 || diff != "" {
			t.Errorf("?doc=%s: status %d (-want +got):\n%s", ref, code, diff)
		}
	}
	if code, _ := get(h, "/graph.json?doc=nosuch"); code != http.StatusNotFound {
		t.Errorf("?doc=nosuch: status %d, want 404", code)
	}

	code, got = get(serve.New(st, serve.Options{MaxGraphQuads: -1}), "/graph.json")
	if diff := cmp.Diff(*whole, got); code != 200 || diff != "" {
		t.Errorf("no limit: status %d (-want +got):\n%s", code, diff)
	}
}
