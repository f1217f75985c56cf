// Command gendocs writes the benchmark corpus: n variants of the bundled
// document (bench.Vary) as .txt files for accord build, and their quads
// as one N-Quads file for cayley load, so that both load the same quads.
//
//	go run ./bench/gendocs -n 1000 -txt /tmp/accord-bench/txt -nq /tmp/accord-bench/docs.nq
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/cayleygraph/quad/nquads"

	"github.com/accordkg/accord/bench"
	"github.com/accordkg/accord/graph"
	"github.com/accordkg/accord/schema"
)

func main() {
	n := flag.Int("n", 1000, "number of documents")
	txt := flag.String("txt", "", "folder to write the documents into (none: not written)")
	nq := flag.String("nq", "", "N-Quads file to write their quads into (none: not written)")
	flag.Parse()
	if err := run(*n, *txt, *nq); err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
}

func run(n int, txt, nq string) error {
	r, err := schema.LoadBuiltin()
	if err != nil {
		return err
	}
	docs, err := bench.Docs(r, n)
	if err != nil {
		return err
	}
	if txt != "" {
		if err := os.MkdirAll(txt, 0o755); err != nil {
			return err
		}
		for _, d := range docs {
			if err := os.WriteFile(filepath.Join(txt, d.ID+".zh.txt"), d.Text, 0o644); err != nil {
				return err
			}
		}
	}
	if nq == "" {
		return nil
	}
	ex, err := bench.Extract(context.Background(), r, docs)
	if err != nil {
		return err
	}
	f, err := os.Create(nq)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	w := nquads.NewWriter(bw)
	count := 0
	for _, d := range ex {
		for _, q := range d.Quads {
			if err := w.WriteQuad(graph.FullQuad(q)); err != nil {
				return errors.Join(err, f.Close())
			}
			count++
		}
	}
	if err := errors.Join(w.Close(), bw.Flush()); err != nil {
		return errors.Join(err, f.Close())
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "gendocs: %d documents, %d quads into %s\n", n, count, nq)
	return nil
}
