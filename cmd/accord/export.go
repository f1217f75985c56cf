package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/accordkg/accord/graph"
)

func newExportCmd() *cli.Command {
	return &cli.Command{
		Name:  "export",
		Usage: "write the whole graph, or one document's, as N-Quads, JSON-LD, GraphML, DOT, CSV or SVG",
		Description: "Formats: " + strings.Join(graph.ExportFormats(), ", ") + ".\n" +
			"  nquads   every quad, full IRIs, sorted (any RDF tool reads it)\n" +
			"  jsonld   every quad, one named graph per document, compacted with the acc:, rdf:… prefixes\n" +
			"  graphml  entities and the relations between them, for Gephi and yEd: label, class,\n" +
			"           IRI, dates as node attributes, predicate as edge attribute (all declared <key>s)\n" +
			"  dot      the same graph for Graphviz, one style per class and per predicate\n" +
			"  svg      that DOT laid out and drawn in process (no Graphviz needed)\n" +
			"  csv      nodes.csv and edges.csv (Gephi's spreadsheet import): with --out DIR both\n" +
			"           files are written in DIR; on standard output they follow each other, each\n" +
			"           after a \"# nodes.csv\" or \"# edges.csv\" line, a blank line between them\n" +
			"graphml, dot, svg and csv leave out documents and statement nodes (the evidence).\n" +
			"With --out the export goes to a temporary file renamed into place once whole; without\n" +
			"--format, the format is guessed from the --out file's extension.\n\n" +
			"Examples:\n   accord export --doc qingdao-2018 > qingdao-2018.nq\n" +
			"   accord export --format graphml --out qingdao.graphml\n" +
			"   accord export --format csv --out qingdao-csv/\n" +
			"   accord export --out qingdao.svg",
		Flags: []cli.Flag{
			dbFlag(),
			&cli.StringFlag{Name: "format", Value: "nquads", Usage: "one of " + strings.Join(graph.ExportFormats(), ", ")},
			&cli.StringFlag{Name: "doc", Usage: "only this document (its id or IRI)"},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "write to `FILE` (a directory for csv) instead of standard output"},
		},
		Action: func(c *cli.Context) error {
			format := c.String("format")
			out := c.String("out")
			if !c.IsSet("format") && out != "" {
				if f, ok := formatByExt(out); ok {
					format = f
				}
			}
			if _, err := graph.ExporterByName(format); err != nil {
				return usageError("export: %v", err)
			}
			if format == "csv" && strings.EqualFold(filepath.Ext(out), ".csv") {
				return usageError("export: csv writes nodes.csv and edges.csv: give --out a directory, not %s", out)
			}
			st, err := openStore(c, graph.Options{ReadOnly: true})
			if err != nil {
				return err
			}
			defer st.Close()
			doc := c.String("doc")
			switch {
			case out == "":
				w := bufio.NewWriter(c.App.Writer)
				if err := st.Export(c.Context, w, format, doc); err != nil {
					return err
				}
				return w.Flush()
			case format == "csv":
				g, err := st.EntityGraph(c.Context, doc)
				if err != nil {
					return err
				}
				if err := os.MkdirAll(out, 0o755); err != nil {
					return fmt.Errorf("export: %w", err)
				}
				nodes, edges := filepath.Join(out, "nodes.csv"), filepath.Join(out, "edges.csv")
				if err := writeFilesAtomic([]string{nodes, edges}, func(ws []io.Writer) error {
					return graph.WriteCSV(ws[0], ws[1], g)
				}); err != nil {
					return fmt.Errorf("export: %w", err)
				}
				fmt.Fprintf(c.App.ErrWriter, "wrote %s (%d nodes) and %s (%d edges)\n", nodes, len(g.Nodes), edges, len(g.Edges))
				return nil
			default:
				if err := writeFilesAtomic([]string{out}, func(ws []io.Writer) error {
					return st.Export(c.Context, ws[0], format, doc)
				}); err != nil {
					return fmt.Errorf("export: %w", err)
				}
				return nil
			}
		},
	}
}

// formatByExt returns the export format whose extension path has.
func formatByExt(path string) (string, bool) {
	ext := strings.ToLower(filepath.Ext(path))
	if ext == "" {
		return "", false
	}
	for _, name := range graph.ExportFormats() {
		if e, err := graph.ExporterByName(name); err == nil && e.Ext == ext {
			return name, true
		}
	}
	return "", false
}

// writeFilesAtomic writes paths through write, each to a temporary file in
// its own directory, and renames them into place only when all are whole:
// on any error (including a failed Close) the temporary files are removed
// and the old files, if any, stay as they were.
func writeFilesAtomic(paths []string, write func([]io.Writer) error) (err error) {
	files := make([]*os.File, 0, len(paths))
	defer func() {
		if err != nil {
			for _, f := range files {
				f.Close() // already closed, or abandoned: the error says nothing new
				os.Remove(f.Name())
			}
		}
	}()
	ws := make([]io.Writer, len(paths))
	bufs := make([]*bufio.Writer, len(paths))
	for i, p := range paths {
		f, err := os.CreateTemp(filepath.Dir(p), "."+filepath.Base(p)+".*.tmp")
		if err != nil {
			return err
		}
		files = append(files, f)
		bufs[i] = bufio.NewWriterSize(f, 1<<16)
		ws[i] = bufs[i]
	}
	if err := write(ws); err != nil {
		return err
	}
	for i, f := range files {
		if err := bufs[i].Flush(); err != nil {
			return err
		}
		if err := f.Chmod(0o644); err != nil {
			return err
		}
		if err := f.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
			return err
		}
	}
	// Close every file before renaming any: a Close error is a failed write.
	for i, f := range files {
		if err := f.Close(); err != nil {
			return fmt.Errorf("closing %s: %w", paths[i], err)
		}
	}
	for i, f := range files {
		if err := os.Rename(f.Name(), paths[i]); err != nil {
			return err
		}
	}
	return nil
}
