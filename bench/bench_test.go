package bench_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	ahocorasick "github.com/BobuSumisu/aho-corasick"

	"github.com/accordkg/accord/bench"
	"github.com/accordkg/accord/corpus"
	"github.com/accordkg/accord/extractors/extract"
	"github.com/accordkg/accord/internal/acm"
	"github.com/accordkg/accord/schema"
)

// zhSize is the size of the Chinese text the extraction benchmarks read.
const zhSize = 20 << 20

var (
	zhOnce sync.Once
	zhText []byte
	zhErr  error
)

// text returns the bundled document's body repeated to about 20 MB.
func text(b *testing.B) []byte {
	b.Helper()
	zhOnce.Do(func() {
		var raw []byte
		if raw, zhErr = bench.Qingdao(); zhErr == nil {
			zhText = bench.Repeat(raw, zhSize)
		}
	})
	if zhErr != nil {
		b.Fatal(zhErr)
	}
	return zhText
}

var (
	genOnce sync.Once
	genDocs [][]byte
	genErr  error
)

// generated returns documents of the synthetic corpus (accord gen-corpus,
// seed 1) totalling about as many bytes as text.
func generated(b *testing.B) [][]byte {
	b.Helper()
	genOnce.Do(func() {
		r, err := schema.LoadBuiltin()
		if err != nil {
			genErr = err
			return
		}
		g := corpus.NewGenerator(r, corpus.GenOptions{Seed: 1})
		for n, size := 1, 0; size < zhSize; n++ {
			doc := []byte(g.Document(n))
			genDocs = append(genDocs, doc)
			size += len(doc)
		}
	})
	if genErr != nil {
		b.Fatal(genErr)
	}
	return genDocs
}

// benchExtract extracts docs, one document each, as a build does.
func benchExtract(b *testing.B, docs [][]byte) {
	r, err := schema.LoadBuiltin()
	if err != nil {
		b.Fatal(err)
	}
	x := extract.New(r)
	if err := x.Compile("zh"); err != nil {
		b.Fatal(err)
	}
	size := 0
	for _, d := range docs {
		size += len(d)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	cpu0, cpuOK := cpuTime()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			if _, err := x.Extract(context.Background(), extract.Input{Path: "bench.txt", Lang: "zh", Raw: d}); err != nil {
				b.Fatal(err)
			}
		}
	}
	// MB per second of the process's CPU time (garbage collection
	// included): what one core does, less sensitive than MB/s to the
	// other work of a shared machine.
	if cpu1, ok := cpuTime(); ok && cpuOK && cpu1 > cpu0 {
		b.ReportMetric(float64(size)*float64(b.N)/(cpu1-cpu0).Seconds()/1e6, "cpu-MB/s")
	}
	b.ReportMetric(float64(len(docs)), "docs")
}

// benchScan runs one leftmost-longest Aho-Corasick scan of every Chinese
// name of the gazetteer over docs, with the automaton newScan builds.
func benchScan(b *testing.B, docs [][]byte, newScan scanner) {
	r, err := schema.LoadBuiltin()
	if err != nil {
		b.Fatal(err)
	}
	names := bench.ZHNames(r)
	scan := newScan(names, docs)
	size := 0
	for _, d := range docs {
		size += len(d)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	n := 0
	for i := 0; i < b.N; i++ {
		n = 0
		for j := range docs {
			n += scan(j)
		}
	}
	b.ReportMetric(float64(len(names)), "names")
	b.ReportMetric(float64(n), "matches")
}

// A scanner builds an automaton of names and returns the scan of docs[i]:
// the number of leftmost-longest matches it keeps.
type scanner func(names []string, docs [][]byte) func(i int) int

// referenceScan is the reference automaton,
// github.com/BobuSumisu/aho-corasick.
func referenceScan(names []string, docs [][]byte) func(i int) int {
	trie := ahocorasick.NewTrieBuilder().AddStrings(names).Build()
	return func(i int) int { return len(bench.LeftmostLongest(trie, docs[i])) }
}

// acmScan is accord's own (internal/acm, what the extractor scans with),
// its hits kept the same way.
func acmScan(names []string, docs [][]byte) func(i int) int {
	m := acm.New(names)
	strs := make([]string, len(docs))
	for i, d := range docs {
		strs[i] = string(d)
	}
	return func(i int) int { return len(bench.LeftmostLongestACM(m, strs[i])) }
}

// BenchmarkZH measures accord's extraction of about 20 MB of Chinese (the
// bundled document's body repeated) against references on the same bytes
// in the same run: a plain pass over the runes, one leftmost-longest
// Aho-Corasick scan of every Chinese name of the gazetteer, and jieba's
// segmentation (Debian's python3-jieba, timed inside Python without its
// start-up and dictionary loading); the extraction and the scan also over
// about 20 MB of the generated corpus, one document at a time as a build
// extracts them (-generated). One goroutine each: the MB/s column
// is per core (run with -cpu 1 to keep the garbage collector on the same
// core).
func BenchmarkZH(b *testing.B) {
	raw := text(b)
	b.Run("extract", func(b *testing.B) { benchExtract(b, [][]byte{raw}) })
	b.Run("extract-generated", func(b *testing.B) { benchExtract(b, generated(b)) })
	b.Run("runes", func(b *testing.B) {
		s := string(raw)
		b.SetBytes(int64(len(raw)))
		b.ResetTimer()
		n := 0
		for i := 0; i < b.N; i++ {
			for range s {
				n++
			}
		}
		if n == 0 {
			b.Fatal("no runes")
		}
	})
	b.Run("aho-corasick", func(b *testing.B) { benchScan(b, [][]byte{raw}, referenceScan) })
	b.Run("aho-corasick-generated", func(b *testing.B) { benchScan(b, generated(b), referenceScan) })
	b.Run("acm", func(b *testing.B) { benchScan(b, [][]byte{raw}, acmScan) })
	b.Run("acm-generated", func(b *testing.B) { benchScan(b, generated(b), acmScan) })
	b.Run("jieba", func(b *testing.B) {
		py := "/usr/bin/python3"
		script := filepath.Join(bench.Root(), "bench", "jieba_seg.py")
		if err := exec.Command(py, "-c", "import jieba").Run(); err != nil {
			b.Skip("jieba is not installed: apt-get install -y python3-jieba")
		}
		path := filepath.Join(b.TempDir(), "zh.txt")
		if err := os.WriteFile(path, raw, 0o644); err != nil {
			b.Fatal(err)
		}
		var secs float64
		words := 0
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			out, err := exec.Command(py, script, path).Output()
			if err != nil {
				b.Fatalf("%s: %v", script, err)
			}
			f := strings.Fields(string(out))
			if len(f) != 3 {
				b.Fatalf("%s printed %q", script, out)
			}
			s, err := strconv.ParseFloat(f[1], 64)
			if err != nil {
				b.Fatal(err)
			}
			secs += s
			words, _ = strconv.Atoi(f[2])
		}
		// The MB/s of the segmentation alone (Python's start-up and the
		// dictionary's loading are in ns/op, not here).
		b.ReportMetric(float64(len(raw))*float64(b.N)/secs/1e6, "MB/s")
		b.ReportMetric(float64(words), "words")
	})
}

// TestVary checks that the benchmark corpus differs from document to
// document in its city and dates, and is the bundled document at 0.
func TestVary(t *testing.T) {
	raw, err := bench.Qingdao()
	if err != nil {
		t.Fatal(err)
	}
	r, err := schema.LoadBuiltin()
	if err != nil {
		t.Fatal(err)
	}
	cities := bench.Cities(r)
	tests := []struct {
		name string
		i    int
		has  []string
		not  []string
	}{
		{"first is the original", 0, []string{"2018年6月10日在中国青岛", "2018-06-11"}, nil},
		{"second moves dates and city", 1, []string{"2018年6月11日在中国" + cities[1], "2018-06-12"}, []string{"青岛"}},
		{"a later month", 29, []string{"2018年7月11日"}, []string{"2018年6月10日"}},
		{"an earlier year", 336, []string{"2017年6月"}, []string{"2018年6月"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := bench.Vary(string(raw), tc.i, cities)
			for _, s := range tc.has {
				if !strings.Contains(v, s) {
					t.Errorf("variant %d lacks %q", tc.i, s)
				}
			}
			for _, s := range tc.not {
				if strings.Contains(v, s) {
					t.Errorf("variant %d has %q", tc.i, s)
				}
			}
		})
	}
	rep := bench.Repeat(raw, 1<<20)
	if got := len(rep); got < 1<<20 || got > 1<<20+len(raw) {
		t.Errorf("Repeat to 1 MiB gave %d bytes", got)
	}
	// the footer opens the page's trailer: repeated, it would make all but
	// the first body boilerplate
	for _, footer := range []string{"预览已结束", "https://"} {
		if strings.Contains(string(rep), footer) {
			t.Errorf("Repeat kept the footer line %q", footer)
		}
	}
}
