package serve_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"

	"github.com/accordkg/accord/graph/serve"
)

// hostile is text that would end an inline script if it were written
// as is.
const hostile = `</script><script>document.title="pwned"</script><!-- </SCRIPT >`

// standaloneData returns the bundled store's data with a hostile label on
// the node of Qingdao and a hostile sentence on its first statement that
// is not a reaffirms.
func standaloneData(t testing.TB) *serve.Data {
	t.Helper()
	d, err := serve.Build(context.Background(), bundledStore(t))
	if err != nil {
		t.Fatal(err)
	}
	for i := range d.Nodes {
		if d.Nodes[i].ID == qingdao {
			d.Nodes[i].Label = "青岛" + hostile
			d.Nodes[i].Labels = map[string]string{"zh": "青岛" + hostile, "en": "Qingdao"}
		}
	}
	// not a reaffirms statement: the browser test clicks one of those
	// and compares its sentence with the store's
	for i := range d.Statements {
		if d.Statements[i].Predicate != "reaffirms" {
			d.Statements[i].Sentence += hostile
			break
		}
	}
	return d
}

// element is one element of the parsed page, with its attributes and text.
type element struct {
	tag   string
	attrs map[string]string
	text  string
}

// parse parses page as a browser would and returns its elements in order.
func parse(t *testing.T, page []byte) []element {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var out []element
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			e := element{tag: n.Data, attrs: map[string]string{}}
			for _, a := range n.Attr {
				e.attrs[a.Key] = a.Val
			}
			if n.FirstChild != nil && n.FirstChild.Type == html.TextNode {
				e.text = n.FirstChild.Data
			}
			out = append(out, e)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

// TestStandalone checks the file of accord viz: it loads nothing (no src
// or href anywhere, a CSP that allows only its own inline code), holds the
// graph data whole, and a label or a sentence holding "</script>" does not
// break out of the data block.
func TestStandalone(t *testing.T) {
	d := standaloneData(t)
	var buf bytes.Buffer
	if err := serve.WriteStandalone(&buf, d); err != nil {
		t.Fatal(err)
	}
	page := buf.Bytes()
	t.Logf("standalone page: %d bytes", len(page))

	// Nothing points anywhere: no src= or href= at all, no http(s) URL
	// in an attribute, no @import or url() in the style.
	for _, re := range []string{`(?i)\s(?:src|href)\s*=`, `(?i)(?:src|href)\s*=\s*["']?\s*(?:https?:)?//`, `(?i)@import`, `(?i)url\(\s*["']?(?:https?:)?//`, `(?i)<link\b`, `(?i)<iframe\b`, `/static/`} {
		if loc := regexp.MustCompile(re).FindIndex(page); loc != nil {
			t.Errorf("the page matches %s: %q", re, page[max(0, loc[0]-40):min(len(page), loc[1]+40)])
		}
	}
	if bytes.Contains(page, []byte(hostile)) || bytes.Contains(page, []byte("</script><script>document.title")) {
		t.Error("the hostile label is written unescaped")
	}

	els := parse(t, page)
	var scripts, data []element
	var csp, style string
	styles := 0
	for _, e := range els {
		for _, a := range []string{"src", "href", "srcset", "action", "poster", "data"} {
			if v, ok := e.attrs[a]; ok {
				t.Errorf("<%s %s=%q>: the page would load it", e.tag, a, v)
			}
		}
		switch {
		case e.tag == "script" && e.attrs["type"] == "application/json":
			data = append(data, e)
		case e.tag == "script":
			scripts = append(scripts, e)
		case e.tag == "style":
			style = e.text
			styles++
		case e.tag == "meta" && e.attrs["http-equiv"] == "Content-Security-Policy":
			csp = e.attrs["content"]
		}
	}
	// d3-dispatch, d3-quadtree, d3-timer, d3-force, app.js; one style
	// sheet; one data block, which the parser reads whole.
	if len(scripts) != 5 || styles != 1 || len(data) != 1 || data[0].attrs["id"] != "graph-data" {
		t.Fatalf("%d scripts, %d styles, %d data blocks (want 5, 1, 1 with id graph-data)", len(scripts), styles, len(data))
	}
	var got serve.Data
	if err := json.Unmarshal([]byte(data[0].text), &got); err != nil {
		t.Fatalf("the data block is not the JSON: %v", err)
	}
	if diff := cmp.Diff(*d, got); diff != "" {
		t.Errorf("the data in the page differs (-written +read):\n%s", diff)
	}
	if !strings.Contains(scripts[3].text, "d3-force") || !strings.Contains(scripts[4].text, "graph-data") {
		t.Error("the scripts are not d3 then app.js")
	}

	// The CSP allows exactly these scripts and this style, and nothing
	// to connect to.
	hash := func(s string) string {
		sum := sha256.Sum256([]byte(s))
		return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	}
	var hashes []string
	for _, s := range scripts {
		hashes = append(hashes, hash(s.text))
	}
	want := "default-src 'none'; script-src " + strings.Join(hashes, " ") + "; style-src " + hash(style) +
		"; img-src data:; base-uri 'none'; form-action 'none'"
	if csp != want {
		t.Errorf("CSP:\n got %s\nwant %s", csp, want)
	}

	// The same data gives the same bytes.
	var again bytes.Buffer
	if err := serve.WriteStandalone(&again, d); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(page, again.Bytes()) {
		t.Error("two pages of the same data differ")
	}
}

// TestBuildDocument checks that the data of the one document the store
// holds is the whole store's, and that of an unknown document is empty.
func TestBuildDocument(t *testing.T) {
	st := bundledStore(t)
	all, err := serve.Build(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	one, err := serve.BuildDocument(context.Background(), st, "https://w3id.org/accord/doc/qingdao-2018")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(all, one); diff != "" {
		t.Errorf("qingdao-2018 differs from the whole store (-all +doc):\n%s", diff)
	}
	none, err := serve.BuildDocument(context.Background(), st, "https://w3id.org/accord/doc/nope")
	if err != nil {
		t.Fatal(err)
	}
	if len(none.Documents)+len(none.Nodes)+len(none.Edges) != 0 {
		t.Errorf("an unknown document: %d documents, %d nodes, %d edges", len(none.Documents), len(none.Nodes), len(none.Edges))
	}
}
