package main

import (
	"bufio"
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/accordkg/accord/graph"
	"github.com/accordkg/accord/graph/serve"
	"github.com/accordkg/accord/schema"
)

func newVizCmd() *cli.Command {
	return &cli.Command{
		Name:  "viz",
		Usage: "write the relations page as one self-contained HTML file, the graph inline",
		Description: "The same view as `accord serve` (graph, filters, search, the sentence behind every\n" +
			"edge) in one file that loads nothing from the network: the page, the vendored d3-force\n" +
			"and the graph data are all inside, so it can be mailed or put on a share and opened in\n" +
			"any browser. Only the Gizmo console needs `accord serve`. The file is written to a\n" +
			"temporary file renamed into place once whole; --out - writes it to standard output.\n\n" +
			"Examples:\n" +
			"   accord build datasets/ && accord viz --out relations.html\n" +
			"   accord viz --doc qingdao-2018 --out qingdao.html",
		Flags: []cli.Flag{
			dbFlag(),
			&cli.StringFlag{Name: "doc", Usage: "only this document (its id or IRI)"},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "write to `FILE` (- for standard output)"},
			maxGraphQuadsFlag("without --doc, refuse a store of more quads than this (a file of the whole store would be too large to open)"),
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usageError("viz: takes no arguments (the store is --db, the file --out)")
			}
			out := c.String("out")
			if out == "" {
				return usageError("viz: name the file to write with --out FILE (or --out - for standard output)")
			}
			doc := schema.DocRef(c.String("doc"))
			st, err := openStore(c, graph.Options{ReadOnly: true})
			if err != nil {
				return err
			}
			defer st.Close()
			if max := c.Int64("max-graph-quads"); doc == "" && max >= 0 {
				n, err := st.QuadCount(c.Context)
				if err != nil {
					return fmt.Errorf("viz: reading %s: %w", st.Spec, err)
				}
				if n > max {
					return cli.Exit(fmt.Sprintf("viz: %s holds %d quads, more than one page can draw (--max-graph-quads %d): "+
						"pick a document with --doc ID, or raise --max-graph-quads (-1: no limit)", st.Spec, n, max), 1)
				}
			}
			d, err := serve.BuildDocument(c.Context, st, doc)
			if err != nil {
				return fmt.Errorf("viz: reading %s: %w", st.Spec, err)
			}
			if doc != "" && len(d.Documents) == 0 {
				return cli.Exit("viz: no such document in "+st.Spec+": "+c.String("doc"), 1)
			}
			var n countingWriter
			if out == "-" {
				bw := bufio.NewWriter(c.App.Writer)
				n.w = bw
				if err := serve.WriteStandalone(&n, d); err != nil {
					return fmt.Errorf("viz: %w", err)
				}
				if err := bw.Flush(); err != nil {
					return fmt.Errorf("viz: %w", err)
				}
				out = "standard output"
			} else if err := writeFilesAtomic([]string{out}, func(ws []io.Writer) error {
				n.w = ws[0]
				return serve.WriteStandalone(&n, d)
			}); err != nil {
				return fmt.Errorf("viz: %w", err)
			}
			fmt.Fprintf(c.App.ErrWriter, "wrote %s (%d bytes: %d document(s), %d entities, %d relations, %d statements)\n",
				out, n.n, len(d.Documents), len(d.Nodes), len(d.Edges), len(d.Statements))
			return nil
		},
	}
}

// maxGraphQuadsFlag is --max-graph-quads of serve and viz: the largest
// store the relations page draws whole.
func maxGraphQuadsFlag(usage string) *cli.Int64Flag {
	return &cli.Int64Flag{Name: "max-graph-quads", Value: serve.DefaultMaxGraphQuads, Usage: usage}
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
