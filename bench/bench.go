// Package bench holds the inputs of accord's benchmarks and the
// benchmarks that compare accord with reference tools: extraction against
// a plain pass over the runes, one Aho-Corasick scan of the gazetteer and
// jieba segmentation (bench_test.go); the load and query benchmarks are in
// graph/bench_test.go, Cayley's own loader is timed by cayley-load.sh.
// BENCHMARKS.md at the root of the repository has the figures.
package bench

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	ahocorasick "github.com/BobuSumisu/aho-corasick"

	"github.com/accordkg/accord/internal/acm"
	"github.com/cayleygraph/quad"

	"github.com/accordkg/accord/extractors/extract"
	"github.com/accordkg/accord/schema"
)

// Root returns the root of the repository.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(filepath.Dir(file))
}

// QingdaoPath returns the path of the bundled development document.
func QingdaoPath() string {
	return filepath.Join(Root(), "datasets", "qingdao-2018", "qingdao-2018.zh.txt")
}

// Qingdao returns the bundled development document.
func Qingdao() ([]byte, error) { return os.ReadFile(QingdaoPath()) }

// Repeat returns raw's first four lines (title and date) followed by its
// body (without the last four lines once trailing blank lines are
// trimmed: a truncated web page footer, whose first line would make the
// rest of the text boilerplate) repeated until the whole is at least size
// bytes: one long document.
func Repeat(raw []byte, size int) []byte {
	lines := strings.Split(strings.TrimRight(string(raw), "\n"), "\n")
	body := strings.Join(lines[4:len(lines)-4], "\n") + "\n"
	var b bytes.Buffer
	b.Grow(size + len(body))
	b.WriteString(strings.Join(lines[:4], "\n") + "\n")
	for b.Len() < size {
		b.WriteString(body)
	}
	return b.Bytes()
}

// ZHNames returns every Chinese name of the gazetteer (canonical and
// alternative), each once, sorted.
func ZHNames(r *schema.Rules) []string {
	seen := map[string]bool{}
	var out []string
	for _, e := range r.Entries {
		for _, n := range e.Names("zh") {
			if n != "" && !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	sort.Strings(out)
	return out
}

// Cities returns the Chinese names of the gazetteer's cities, Qingdao's
// first.
func Cities(r *schema.Rules) []string {
	out := []string{"青岛"}
	for _, e := range r.Entries {
		if e.Class.Name == "City" && e.ZH != "" && e.ZH != "青岛" && !e.Contextual {
			out = append(out, e.ZH)
		}
	}
	return out
}

var (
	dateRE    = regexp.MustCompile(`(\d{4})年(\d{1,2})月(\d{1,2})日`)
	isoDateRE = regexp.MustCompile(`(\d{4})-(\d{2})-(\d{2})`)
)

// Vary returns variant i of text: the host city 青岛 replaced by the
// i-th city (cycling), every date moved by i days within its month, i/28
// months within its year and i/336 years back, so that variants share
// entities but differ in places, meetings and dates (6,720 variants before
// a date repeats), as a corpus of declarations does.
func Vary(text string, i int, cities []string) string {
	city := cities[i%len(cities)]
	text = strings.ReplaceAll(text, "青岛", city)
	shift := func(y, m, d string) (int, int, int) {
		yy, _ := strconv.Atoi(y)
		mm, _ := strconv.Atoi(m)
		dd, _ := strconv.Atoi(d)
		return yy - (i/336)%20, (mm-1+i/28)%12 + 1, (dd-1+i)%28 + 1
	}
	text = dateRE.ReplaceAllStringFunc(text, func(m string) string {
		p := dateRE.FindStringSubmatch(m)
		y, mo, d := shift(p[1], p[2], p[3])
		return fmt.Sprintf("%d年%d月%d日", y, mo, d)
	})
	return isoDateRE.ReplaceAllStringFunc(text, func(m string) string {
		p := isoDateRE.FindStringSubmatch(m)
		y, mo, d := shift(p[1], p[2], p[3])
		return fmt.Sprintf("%d-%02d-%02d", y, mo, d)
	})
}

// Doc is one generated document.
type Doc struct {
	// ID is the document id (qingdao-v0001).
	ID string
	// Text is the document.
	Text []byte
}

// Docs returns n variants of the bundled document (Vary).
func Docs(r *schema.Rules, n int) ([]Doc, error) {
	raw, err := Qingdao()
	if err != nil {
		return nil, err
	}
	cities := Cities(r)
	out := make([]Doc, n)
	for i := range out {
		out[i] = Doc{ID: fmt.Sprintf("qingdao-v%04d", i), Text: []byte(Vary(string(raw), i, cities))}
	}
	return out, nil
}

// Extracted is one document's quads.
type Extracted struct {
	// IRI is the document IRI, every quad's label.
	IRI string
	// Quads are what accord writes for the document.
	Quads []quad.Quad
}

// Extract extracts docs on every core, in order.
func Extract(ctx context.Context, r *schema.Rules, docs []Doc) ([]Extracted, error) {
	x := extract.New(r)
	out := make([]Extracted, len(docs))
	errs := make([]error, len(docs))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				res, err := x.Extract(ctx, extract.Input{Path: docs[i].ID + ".txt", ID: docs[i].ID, Lang: "zh", Raw: docs[i].Text})
				if err != nil {
					errs[i] = fmt.Errorf("%s: %w", docs[i].ID, err)
					continue
				}
				out[i] = Extracted{IRI: res.DocIRI(), Quads: res.Quads()}
			}
		}()
	}
	for i := range docs {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// LeftmostLongest is the reference a gazetteer scan is measured against:
// it scans text once and keeps, left to right, the longest
// match at each start that does not overlap one kept before.
func LeftmostLongest(trie *ahocorasick.Trie, text []byte) [][2]int {
	var all [][2]int
	trie.Walk(text, func(end, n, _ int64) bool {
		all = append(all, [2]int{int(end - n + 1), int(end + 1)})
		return true
	})
	return keepLongest(all)
}

// LeftmostLongestACM is LeftmostLongest with accord's own automaton
// (internal/acm, the one the extractors scan with) in place of the
// reference's.
func LeftmostLongestACM(m *acm.Matcher, text string) [][2]int {
	var all [][2]int
	for _, h := range m.Append(nil, text, 0) {
		all = append(all, [2]int{h.Start, h.End})
	}
	return keepLongest(all)
}

// keepLongest sorts the matches all by start, longest first, and keeps
// the leftmost-longest ones that do not overlap.
func keepLongest(all [][2]int) [][2]int {
	sort.Slice(all, func(i, j int) bool {
		if all[i][0] != all[j][0] {
			return all[i][0] < all[j][0]
		}
		return all[i][1] > all[j][1]
	})
	out := all[:0]
	last := -1
	for _, m := range all {
		if m[0] >= last {
			out = append(out, m)
			last = m[1]
		}
	}
	return out
}
