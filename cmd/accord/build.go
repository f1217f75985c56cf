package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/accordkg/accord/extractors"
	"github.com/accordkg/accord/graph"
	"github.com/accordkg/accord/schema"
)

// textExts are the file endings build reads in a directory.
var textExts = []string{".txt"}

// inputFiles expands the arguments: files as given, directories walked
// for text files (sorted, hidden entries skipped).
func inputFiles(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		if a == "-" {
			out = append(out, a)
			continue
		}
		st, err := os.Stat(a)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			out = append(out, a)
			continue
		}
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if strings.HasPrefix(d.Name(), ".") && p != a {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.IsDir() {
				for _, e := range textExts {
					if strings.HasSuffix(strings.ToLower(p), e) {
						out = append(out, p)
					}
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

func newBuildCmd() *cli.Command {
	return &cli.Command{
		Name:      "build",
		Usage:     "extract files (or every .txt under directories) and load them into the store",
		ArgsUsage: "FILE|DIR...",
		Description: "Each document is written in one transaction that replaces what the store\n" +
			"held for it, so building the same text twice changes nothing. If any file\n" +
			"cannot be read or extracted, nothing is written and the exit status is 2.\n\n" +
			"Example:\n   accord build datasets/\n   accord build --db memory datasets/qingdao-2018/qingdao-2018.zh.txt",
		Flags: []cli.Flag{dbFlag(), langFlag(), encodingFlag(), rulesFlag()},
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return usageError("build: name at least one file or directory")
			}
			start := time.Now()
			files, err := inputFiles(c.Args().Slice())
			if err != nil {
				return usageError("build: %v", err)
			}
			if len(files) == 0 {
				return usageError("build: no .txt files under %s", strings.Join(c.Args().Slice(), " "))
			}
			x, err := newExtractor(c)
			if err != nil {
				return err
			}
			var results []*extractors.Result
			var errs []error
			ids := map[string]string{}
			for _, f := range files {
				res, err := readAndExtract(c, x, f)
				if err != nil {
					errs = append(errs, err)
					continue
				}
				if prev, dup := ids[res.Doc.ID]; dup {
					errs = append(errs, fmt.Errorf("%s: document id %s is also the id of %s", f, res.Doc.ID, prev))
					continue
				}
				ids[res.Doc.ID] = f
				results = append(results, res)
			}
			if len(errs) > 0 {
				return cli.Exit(errors.Join(append(errs, fmt.Errorf("nothing was written to %s", c.String("db")))...).Error(), 2)
			}
			st, err := graph.Open(c.String("db"), graph.Options{Create: true})
			if err != nil {
				return err
			}
			var sum buildSummary
			for _, res := range results {
				ws, err := st.ReplaceDocument(c.Context, res.DocIRI(), res.Quads())
				if err != nil {
					st.Close()
					return err
				}
				sum.add(res, ws)
			}
			if err := st.Close(); err != nil {
				return err
			}
			fmt.Fprintln(c.App.Writer, sum.String(c.String("db"), st.Backend, time.Since(start)))
			return nil
		},
	}
}

type buildSummary struct {
	docs           int
	entities       map[string]map[string]bool
	relations      map[string]int
	statements     int
	added, removed int
	unchangedQuads int
}

func (b *buildSummary) add(res *extractors.Result, ws graph.WriteStats) {
	if b.entities == nil {
		b.entities = map[string]map[string]bool{}
		b.relations = map[string]int{}
	}
	b.docs++
	for _, e := range res.Entities {
		if b.entities[e.Class.Name] == nil {
			b.entities[e.Class.Name] = map[string]bool{}
		}
		b.entities[e.Class.Name][e.IRI] = true
	}
	for _, q := range res.Quads() {
		p := string(q.Predicate.(interface{ String() string }).String())
		p = strings.Trim(p, "<>")
		if schema.IsScoredPredicate(p) {
			b.relations[schema.ShortName(p)]++
		}
		if p == schema.Type && strings.Trim(q.Object.String(), "<>") == schema.Statement {
			b.statements++
		}
	}
	b.added += ws.Added
	b.removed += ws.Removed
}

func (b *buildSummary) String(db, backend string, took time.Duration) string {
	var ents []string
	total := 0
	for _, c := range schema.Classes {
		if n := len(b.entities[c.Name]); n > 0 {
			ents = append(ents, fmt.Sprintf("%d %s", n, c.Name))
			total += n
		}
	}
	var preds []string
	rels := 0
	for p, n := range b.relations {
		preds = append(preds, fmt.Sprintf("%s %d", p, n))
		rels += n
	}
	sort.Strings(preds)
	return fmt.Sprintf("Built %d document(s) into %s (%s) in %.2fs: %d entities (%s); %d relations (%s) with %d evidence statements; %d quads written, %d removed.",
		b.docs, db, backend, took.Seconds(), total, strings.Join(ents, ", "), rels, strings.Join(preds, ", "), b.statements, b.added, b.removed)
}
