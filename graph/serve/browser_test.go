package serve_test

import (
	"context"
	"flag"
	"fmt"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"

	"github.com/accordkg/accord/graph"
	"github.com/accordkg/accord/graph/serve"
	"github.com/accordkg/accord/schema"
)

var update = flag.Bool("update", false, "write the browser test's screenshot to docs/img/relations-view.png")

// chromium finds the browser: $ACCORD_CHROMIUM, else chromium (Debian),
// chromium-browser or google-chrome on the PATH. Without one the test
// fails under CI=true and is skipped otherwise.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("ACCORD_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "no Chromium found: install it (apt-get install -y chromium) or set ACCORD_CHROMIUM, then run go test ./graph/serve -run Browser"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg + " (CI=true: the browser test must run)")
	}
	t.Skip(msg)
	return ""
}

// counts is what the page says it draws, and what it really draws.
type counts struct {
	NodesAttr, EdgesAttr int // data-nodes, data-edges of svg#graph
	Nodes, Edges         int // g.node and g.edge elements in it
}

const countsJS = `(() => {
  const svg = document.getElementById("graph");
  return {
    NodesAttr: +svg.getAttribute("data-nodes"), EdgesAttr: +svg.getAttribute("data-edges"),
    Nodes: svg.querySelectorAll("g.node").length, Edges: svg.querySelectorAll("g.edge").length,
  };
})()`

// edgePointJS returns the screen point at the middle of a drawn edge of
// the predicate whose middle is not covered by another element, or null.
const edgePointJS = `((pred) => {
  for (const g of document.querySelectorAll('#graph g.edge[data-predicate="' + pred + '"]')) {
    const p = g.querySelector("path.vis");
    const pt = p.getPointAtLength(p.getTotalLength() / 2);
    const m = p.getScreenCTM();
    const x = m.a * pt.x + m.c * pt.y + m.e, y = m.b * pt.x + m.d * pt.y + m.f;
    const hit = document.elementFromPoint(x, y);
    if (hit && g.contains(hit)) return {X: x, Y: y, ID: g.getAttribute("data-id"), Source: g.getAttribute("data-source"), Target: g.getAttribute("data-target")};
  }
  return null;
})`

// screenshot captures the page into name under t.TempDir(), and under
// $ACCORD_SCREENSHOTS when it is set (to look at them after the test).
func screenshot(t *testing.T, ctx context.Context, name string) []byte {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	dirs := []string{t.TempDir()}
	if d := os.Getenv("ACCORD_SCREENSHOTS"); d != "" {
		dirs = append(dirs, d)
	}
	for _, d := range dirs {
		p := filepath.Join(d, name)
		if err := os.WriteFile(p, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot: %s (%d bytes)", p, len(png))
	}
	return png
}

func css(sel string) chromedp.CSS { return chromedp.CSS(sel) }

// text returns the text of the first element sel matches.
func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(css(sel)))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

// attr returns an attribute of the first element sel matches.
func attr(t *testing.T, ctx context.Context, sel, name string) string {
	t.Helper()
	a, err := chromedp.Run(ctx, chromedp.AttributeValue(css(sel), name))
	if err != nil {
		t.Fatalf("%s of %s: %v", name, sel, err)
	}
	return a.Value
}

// nodePointJS returns the screen point at the centre of a node's circle.
const nodePointJS = `((id) => {
  const g = document.querySelector('#graph g.node[data-id="' + id + '"]');
  if (!g) return null;
  const r = g.querySelector("circle").getBoundingClientRect();
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  const hit = document.elementFromPoint(x, y);
  return hit && g.contains(hit) ? {X: x, Y: y, ID: id} : null;
})`

// nodeDetails is what the details panel shows of a node.
type nodeDetails struct {
	Title     string
	Labels    map[string]string // language → label
	SameAs    []string          // link targets
	Relations int
}

const nodeDetailsJS = `(() => {
  const d = document.getElementById("details"), labels = {};
  const dts = d.querySelectorAll("dl.kv dt"), dds = d.querySelectorAll("dl.kv dd");
  dts.forEach((dt, i) => { labels[dt.textContent] = dds[i].textContent; });
  return {
    Title: d.querySelector("h2").textContent, Labels: labels,
    SameAs: Array.from(d.querySelectorAll("a[href]")).map(a => a.href),
    Relations: d.querySelectorAll("ul.rels li[data-edge]").length,
  };
})()`

// storeDetails reads the same from the store's quads.
func storeDetails(t *testing.T, st *graph.Store, iri string) nodeDetails {
	t.Helper()
	d := nodeDetails{Labels: map[string]string{}}
	rels := map[string]bool{}
	typed := map[string]bool{}
	var cands [][3]string
	err := st.EachQuad(context.Background(), "", func(q quad.Quad) error {
		s, _ := q.Subject.(quad.IRI)
		p, _ := q.Predicate.(quad.IRI)
		o, isIRI := q.Object.(quad.IRI)
		switch {
		case string(p) == schema.Type:
			if _, ok := schema.ClassByIRI(string(o)); ok {
				typed[string(s)] = true
			}
		case string(s) != iri && string(o) != iri:
		case string(p) == schema.Label:
			if ls, ok := q.Object.(quad.LangString); ok {
				d.Labels[ls.Lang] = string(ls.Value)
			}
		case string(p) == schema.SameAs:
			d.SameAs = append(d.SameAs, string(o))
		case isIRI && schema.IsScoredPredicate(string(p)):
			cands = append(cands, [3]string{string(s), string(p), string(o)})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cands {
		if typed[c[0]] && typed[c[2]] {
			rels[c[0]+" "+c[1]+" "+c[2]] = true
		}
	}
	d.Relations = len(rels)
	d.Title = d.Labels["zh"]
	return d
}

type edgePoint struct {
	X, Y               float64
	ID, Source, Target string
}

// browser starts headless Chromium for the test (stopped at its end) and
// returns a context that drives one tab of it, with a 90 s timeout.
func browser(t *testing.T) context.Context {
	t.Helper()
	exe := chromium(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1600, 1000),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancelCtx := chromedp.NewContext(actx, chromedp.WithLogf(t.Logf))
	t.Cleanup(cancelCtx)
	ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil { // starts the browser
		t.Fatalf("starting %s: %v", exe, err)
	}
	return ctx
}

// laps logs the time each phase of a test took.
func laps(t *testing.T) func(string) {
	phase := time.Now()
	return func(what string) {
		t.Helper()
		t.Logf("%-28s %s", what, time.Since(phase).Round(time.Millisecond))
		phase = time.Now()
	}
}

// open loads the page at url and waits (up to 30 s) until the graph is
// drawn.
func open(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	if err := load(ctx, url); err != nil {
		t.Fatalf("loading %s: %v", url, err)
	}
}

func load(ctx context.Context, url string) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	return chromedp.Do(ctx,
		chromedp.EmulateViewport(1600, 1000),
		chromedp.Navigate(url),
		chromedp.WaitVisible(css(`#graph[data-status="ready"]`)),
	)
}

// checkCounts compares the drawn graph with what the store holds for the
// predicates (all when nil) and returns what is drawn.
func checkCounts(t *testing.T, ctx context.Context, st *graph.Store, what string, preds map[string]bool) counts {
	t.Helper()
	wantNodes, wantEdges := expected(t, st, preds)
	want := counts{wantNodes, wantEdges, wantNodes, wantEdges}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[counts](countsJS))
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s: drawn graph (-store +page):\n%s", what, diff)
	}
	t.Logf("%s: %d nodes, %d edges", what, got.Nodes, got.Edges)
	return got
}

// checkFilters compares the drawn graph with the store with every
// relation, without commends, with reaffirms only and with every relation
// again, and returns what was drawn each time.
func checkFilters(t *testing.T, ctx context.Context, st *graph.Store) []counts {
	t.Helper()
	var drawn []counts
	check := func(what string, preds map[string]bool) {
		t.Helper()
		drawn = append(drawn, checkCounts(t, ctx, st, what, preds))
	}
	check("all relations", nil)

	// Leave one predicate out, then keep only one.
	all := map[string]bool{}
	for _, n := range schema.PredicateNames() {
		all[n] = true
	}
	delete(all, "commends")
	if err := chromedp.Do(ctx, chromedp.Click(css(`#filter-preds label[data-predicate="commends"] input`))); err != nil {
		t.Fatal(err)
	}
	check("without commends", all)
	if err := chromedp.Do(ctx,
		chromedp.Click(css(`button[data-none="filter-preds"]`)),
		chromedp.Click(css(`#filter-preds label[data-predicate="reaffirms"] input`)),
	); err != nil {
		t.Fatal(err)
	}
	check("reaffirms only", map[string]bool{"reaffirms": true})
	if err := chromedp.Do(ctx, chromedp.Click(css(`button[data-all="filter-preds"]`))); err != nil {
		t.Fatal(err)
	}
	check("all relations again", nil)
	return drawn
}

// checkEvidence clicks the middle of a reaffirms edge and checks that the
// details show its sentence with the trigger 重申 and the target marked.
func checkEvidence(t *testing.T, ctx context.Context, st *graph.Store) {
	t.Helper()
	pt, err := chromedp.Run(ctx, chromedp.Evaluate[*edgePoint](edgePointJS+`("reaffirms")`))
	if err != nil {
		t.Fatal(err)
	}
	if pt == nil {
		t.Fatal("no reaffirms edge has a middle free to click")
	}
	if err := chromedp.Do(ctx,
		chromedp.MouseClickXY(pt.X, pt.Y),
		chromedp.WaitVisible(css(`#details .statement mark.trigger`)),
	); err != nil {
		t.Fatal(err)
	}
	selected := attr(t, ctx, `#details`, "data-selected")
	trigger, target, sentence := text(t, ctx, `#details .statement mark.trigger`), text(t, ctx, `#details .statement mark.target`), text(t, ctx, `#details .statement .sentence`)
	evs, err := st.Explain(context.Background(), pt.Source, schema.Reaffirms, pt.Target)
	if err != nil || len(evs) == 0 {
		t.Fatalf("explain %s reaffirms %s: %v, %d statements", pt.Source, pt.Target, err, len(evs))
	}
	ev := evs[0]
	rs := []rune(ev.Sentence)
	wantTarget := string(rs[ev.TargetStart-ev.SentenceStart : ev.TargetEnd-ev.SentenceStart])
	type evidence struct{ Selected, Sentence, Trigger, Target string }
	if diff := cmp.Diff(evidence{"edge:" + pt.ID, ev.Sentence, "重申", wantTarget}, evidence{selected, sentence, trigger, target}); diff != "" {
		t.Errorf("evidence shown for %s reaffirms %s (-want +got):\n%s", pt.Source, pt.Target, diff)
	}
}

// TestBrowser drives the relations page in headless Chromium over the
// bundled declaration: the drawn graph must hold exactly what the store
// holds for the current filter, a filter must change it accordingly, and
// clicking an edge must show its sentence with the trigger highlighted.
func TestBrowser(t *testing.T) {
	lap := laps(t)
	ctx := browser(t)
	st := bundledStore(t)
	srv := httptest.NewServer(serve.New(st, serve.Options{}))
	defer srv.Close()
	lap("browser started")

	open(t, ctx, srv.URL+"/")
	lap("page loaded and laid out")
	checkFilters(t, ctx, st)
	lap("filters")
	checkEvidence(t, ctx, st)
	lap("edge clicked")

	png := screenshot(t, ctx, "relations-view.png")
	if *update {
		_, file, _, _ := runtime.Caller(0)
		docs := filepath.Join(filepath.Dir(file), "..", "..", "docs", "img", "relations-view.png")
		if err := os.MkdirAll(filepath.Dir(docs), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(docs, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s", docs)
	}
	lap("screenshot")

	// Click the node of Qingdao: its labels, its owl:sameAs link and its
	// relations are shown.
	np, err := chromedp.Run(ctx, chromedp.Evaluate[*edgePoint](nodePointJS+`("`+qingdao+`")`))
	if err != nil || np == nil {
		t.Fatalf("no free point on the node of Qingdao: %v", err)
	}
	if err := chromedp.Do(ctx,
		chromedp.MouseClickXY(np.X, np.Y),
		chromedp.WaitVisible(css(`#details[data-selected="node:`+qingdao+`"] ul.rels`)),
	); err != nil {
		t.Fatal(err)
	}
	shown, err := chromedp.Run(ctx, chromedp.Evaluate[nodeDetails](nodeDetailsJS))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(storeDetails(t, st, qingdao), shown); diff != "" {
		t.Errorf("details of Qingdao (-store +page):\n%s", diff)
	}
	screenshot(t, ctx, "node.png")
	lap("node clicked")
	if err := chromedp.Do(ctx, chromedp.Click(css(`#opt-english`))); err != nil {
		t.Fatal(err)
	}
	checkCounts(t, ctx, st, "English labels", nil)
	screenshot(t, ctx, "english.png")
	if err := chromedp.Do(ctx, chromedp.Click(css(`#opt-english`))); err != nil {
		t.Fatal(err)
	}

	// The Gizmo console: the default query tags source and target, so the
	// result is a table and a graph of the three reaffirms edges.
	_, wantEdges := expected(t, st, map[string]bool{"reaffirms": true})
	if err := chromedp.Do(ctx,
		chromedp.Click(css(`#console-toggle`)),
		chromedp.WaitVisible(css(`#gizmo-run`)),
		chromedp.Click(css(`#gizmo-run`)),
		chromedp.WaitVisible(css(`#gizmo-table tbody tr`)),
	); err != nil {
		t.Fatal(err)
	}
	rows, subEdges := attr(t, ctx, `#gizmo-table`, "data-rows"), attr(t, ctx, `#gizmo-graph`, "data-edges")
	if want := fmt.Sprint(wantEdges); rows != want || subEdges != want {
		t.Errorf("console: %s rows and %s edges drawn, want %s of each", rows, subEdges, want)
	}
	// An error comes back as a message, not as a broken page.
	if err := chromedp.Do(ctx,
		chromedp.SetValue(css(`#gizmo-query`), `g.V(.All()`),
		chromedp.Click(css(`#gizmo-run`)),
		chromedp.WaitVisible(css(`#gizmo-status.error`)),
	); err != nil {
		t.Fatal(err)
	}
	status := text(t, ctx, `#gizmo-status`)
	if want := "error 400: SyntaxError"; len(status) < len(want) || status[:len(want)] != want {
		t.Errorf("console status = %q, want %q…", status, want)
	}
	lap("console")
	{
		// The console with a result drawn as a graph, to look at.
		if err := chromedp.Do(ctx,
			chromedp.SetValue(css(`#gizmo-query`), `g.V().Tag("source").Out(["<acc:memberOf>", "<acc:heldIn>"]).Tag("target").All()`),
			chromedp.Click(css(`#gizmo-run`)),
			chromedp.WaitNotPresent(css(`#gizmo-status.error`)),
			chromedp.WaitVisible(css(`#gizmo-table tbody tr`)),
		); err != nil {
			t.Fatal(err)
		}
		screenshot(t, ctx, "console.png")
	}
}

// standalonePage is what the test reads of the standalone page.
type standalonePage struct {
	Title         string // document.title
	QingdaoTitle  string // the tooltip of Qingdao's node
	ConsoleOff    bool   // the console's toggle is disabled
	ConsoleHidden bool   // its body is hidden
	Note          string // what the console bar says instead
}

const standalonePageJS = `(() => ({
  Title: document.title,
  QingdaoTitle: document.querySelector('#graph g.node[data-id="` + qingdao + `"] > title').textContent,
  ConsoleOff: document.getElementById("console-toggle").disabled,
  ConsoleHidden: document.getElementById("console-body").hidden,
  Note: document.getElementById("console-note").textContent,
}))()`

// TestBrowserStandalone opens the file of accord viz from disk
// (file://) in headless Chromium: it must draw what the served page
// draws for the same filters (and so what the store holds), show the
// evidence of an edge, keep a label holding "</script>" as text, say that
// the console needs accord serve, and load nothing: no request but the
// file itself, no script error, no CSP violation.
func TestBrowserStandalone(t *testing.T) {
	lap := laps(t)
	ctx := browser(t)
	st := bundledStore(t)
	lap("browser started")

	srv := httptest.NewServer(serve.New(st, serve.Options{}))
	defer srv.Close()
	open(t, ctx, srv.URL+"/")
	served := checkFilters(t, ctx, st)
	lap("served page")

	file := filepath.Join(t.TempDir(), "relations.html")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := serve.WriteStandalone(f, standaloneData(t)); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	fileURL := (&url.URL{Scheme: "file", Path: filepath.ToSlash(file)}).String()

	var mu sync.Mutex
	var requests, problems []string
	err = chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			requests = append(requests, ev.Request.URL)
		case *cdpruntime.EventExceptionThrown:
			problems = append(problems, fmt.Sprintf("exception: %s (line %d)", ev.ExceptionDetails.Text, ev.ExceptionDetails.LineNumber))
		case *cdpruntime.EventConsoleAPICalled:
			if ev.Type == cdpruntime.ConsoleAPICalledTypeError || ev.Type == cdpruntime.ConsoleAPICalledTypeWarning {
				problems = append(problems, "console."+string(ev.Type))
			}
		case *cdplog.EventEntryAdded:
			if ev.Entry.Level == cdplog.EntryLevelError || ev.Entry.Level == cdplog.EntryLevelWarning {
				problems = append(problems, string(ev.Entry.Source)+": "+ev.Entry.Text)
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, cdpruntime.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	if err := load(ctx, fileURL); err != nil {
		mu.Lock()
		t.Fatalf("loading %s: %v; the page reported %q", fileURL, err, problems)
	}
	lap("standalone page loaded")
	standalone := checkFilters(t, ctx, st)
	if diff := cmp.Diff(served, standalone); diff != "" {
		t.Errorf("drawn graphs (-served +standalone):\n%s", diff)
	}
	lap("filters")
	checkEvidence(t, ctx, st)
	lap("edge clicked")

	got, err := chromedp.Run(ctx, chromedp.Evaluate[standalonePage](standalonePageJS))
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != "accord — relations" || !strings.Contains(got.QingdaoTitle, hostile) {
		t.Errorf("title %q, Qingdao's tooltip %q: the label holding </script> did not stay text", got.Title, got.QingdaoTitle)
	}
	if !got.ConsoleOff || !got.ConsoleHidden || !strings.Contains(got.Note, "accord serve") {
		t.Errorf("console: toggle disabled %v, body hidden %v, note %q; want disabled, hidden and a note naming accord serve", got.ConsoleOff, got.ConsoleHidden, got.Note)
	}
	screenshot(t, ctx, "standalone.png")

	mu.Lock()
	defer mu.Unlock()
	for _, r := range requests {
		if r != fileURL {
			t.Errorf("the standalone page requested %s", r)
		}
	}
	for _, p := range problems {
		t.Errorf("the standalone page reported %s", p)
	}
	t.Logf("requests: %v", requests)
}

// TestBrowserLargeStore: on a store over Options.MaxGraphQuads the page
// lists the documents instead of drawing them all; the search box narrows
// the list, and a document's link draws that document, with a way back.
func TestBrowserLargeStore(t *testing.T) {
	ctx := browser(t)
	st := bundledStore(t)
	srv := httptest.NewServer(serve.New(st, serve.Options{MaxGraphQuads: 100}))
	defer srv.Close()

	if err := chromedp.Do(ctx,
		chromedp.EmulateViewport(1600, 1000),
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(css(`#graph[data-status="partial"]`)),
	); err != nil {
		t.Fatal(err)
	}
	if s := text(t, ctx, "#summary"); !strings.Contains(s, "pick a document") || !strings.Contains(s, "(100)") {
		t.Errorf("summary = %q", s)
	}
	links, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll("#filter-docs .picker a")).map(a => a.textContent + " " + a.getAttribute("href"))`))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"qingdao-2018 ?doc=" + url.QueryEscape("https://w3id.org/accord/doc/qingdao-2018")}, links); diff != "" {
		t.Errorf("document links (-want +got):\n%s", diff)
	}
	if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#graph g.node").length`)); err != nil || n != 0 {
		t.Errorf("the partial page drew %d nodes (%v)", n, err)
	}

	// A search that matches nothing empties the list and says so.
	if err := chromedp.Do(ctx, chromedp.SendKeys(css(`#filter-docs input[type=search]`), "nosuch")); err != nil {
		t.Fatal(err)
	}
	if s := text(t, ctx, "#filter-docs p.muted"); s != "no document matches" {
		t.Errorf("after a search for nosuch: %q", s)
	}
	clearBox := `(() => { const i = document.querySelector("#filter-docs input[type=search]"); i.value = ""; i.dispatchEvent(new Event("input")); return true; })()`
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](clearBox)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(css(`#filter-docs input[type=search]`), "青岛"), // the title
		chromedp.Click(css(`#filter-docs .picker a`)),
		chromedp.WaitVisible(css(`#graph[data-status="ready"]`)),
	); err != nil {
		t.Fatal(err)
	}
	checkCounts(t, ctx, st, "the document picked", nil)
	if href := attr(t, ctx, `#filter-docs a[href="/"]`, "href"); href != "/" {
		t.Errorf("no link back to the documents: %q", href)
	}
}
