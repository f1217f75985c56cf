package extract_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sort"
	"testing"

	ahocorasick "github.com/BobuSumisu/aho-corasick"

	"github.com/accordkg/accord/bench"
	"github.com/accordkg/accord/extractors/extract"
	"github.com/accordkg/accord/schema"
)

// enFixtures matches the English fixture texts (.text, so that the
// Chinese demo skips them).
const enFixtures = "../../datasets/en-fixtures/*/*.en.text"

// enText returns the English fixture texts, concatenated in path order
// with a blank line between them and repeated, as one document of at
// least size bytes.
func enText(b *testing.B, size int) []byte {
	b.Helper()
	paths, err := filepath.Glob(enFixtures)
	if err != nil || len(paths) == 0 {
		b.Fatalf("no English fixtures at %s (%v)", enFixtures, err)
	}
	sort.Strings(paths)
	var one bytes.Buffer
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		one.Write(bytes.TrimSpace(raw))
		one.WriteString("\n\n")
	}
	var out bytes.Buffer
	out.Grow(size + one.Len())
	for out.Len() < size {
		out.Write(one.Bytes())
	}
	return out.Bytes()
}

// BenchmarkExtractEN measures extraction of the English fixture texts
// concatenated and repeated to about 2 MB as one document (b.SetBytes:
// with -cpu 1 the MB/s column is per core), the same at 10 MB (five
// times the bytes: linear work takes five times as long), and, on the
// same 2 MB in the same run, a reference: one leftmost-longest
// Aho-Corasick scan of every English name of the gazetteer (canonical and
// alternative, as written, case-sensitive; the library accord uses).
//
//	go test ./extractors/extract -run '^$' -bench EN -count 5 -cpu 1
func BenchmarkExtractEN(b *testing.B) {
	extractBench := func(size int) func(b *testing.B) {
		return func(b *testing.B) {
			raw := enText(b, size)
			x := newExtractor(b)
			if err := x.Compile("en"); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(raw)))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := x.Extract(context.Background(), extract.Input{Path: "bench.en.text", Lang: "en", Raw: raw}); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	b.Run("extract", extractBench(2_000_000))
	b.Run("aho-corasick", func(b *testing.B) {
		raw := enText(b, 2_000_000)
		r, err := schema.LoadBuiltin()
		if err != nil {
			b.Fatal(err)
		}
		names := enNames(r)
		trie := ahocorasick.NewTrieBuilder().AddStrings(names).Build()
		b.SetBytes(int64(len(raw)))
		b.ResetTimer()
		n := 0
		for i := 0; i < b.N; i++ {
			n = len(bench.LeftmostLongest(trie, raw))
		}
		b.ReportMetric(float64(len(names)), "names")
		b.ReportMetric(float64(n), "matches")
	})
	b.Run("extract-10MB", extractBench(10_000_000))
}

// enNames returns every English name of the gazetteer (canonical and
// alternative), each once, sorted.
func enNames(r *schema.Rules) []string {
	seen := map[string]bool{}
	var out []string
	for _, e := range r.Entries {
		for _, n := range e.Names("en") {
			if n != "" && !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	sort.Strings(out)
	return out
}
