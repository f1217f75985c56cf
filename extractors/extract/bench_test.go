package extract_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/accordkg/accord/extractors/extract"
)

// BenchmarkExtractZH measures extraction of the bundled document repeated
// to about 1 MB (b.SetBytes: the MB/s column is per core).
func BenchmarkExtractZH(b *testing.B) {
	raw, err := os.ReadFile(filepath.Join(dataset, "qingdao-2018.zh.txt"))
	if err != nil {
		b.Fatal(err)
	}
	lines := strings.Split(string(raw), "\n")
	body := strings.Join(lines[4:len(lines)-4], "\n")
	text := strings.Join(lines[:4], "\n") + "\n" + strings.Repeat(body+"\n", 1<<20/len(body)+1)
	x := newExtractor(b)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := x.Extract(context.Background(), extract.Input{Path: "bench.txt", Lang: "zh", Raw: []byte(text)}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLongLine extracts a pathological text: one 300 KB line of verbs
// and actors with no clause break (a garbled page). Every verb's search
// for targets is bounded (zh maxClause, maxScope), so its cost per byte
// stays near that of ordinary text; unbounded it was quadratic (38 s).
func BenchmarkLongLine(b *testing.B) {
	text := "宣言\n\n" + strings.Repeat("成员国支持", 20000) + "\n"
	x := newExtractor(b)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := x.Extract(context.Background(), extract.Input{Path: "long.txt", Lang: "zh", Raw: []byte(text)}); err != nil {
			b.Fatal(err)
		}
	}
}
