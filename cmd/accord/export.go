package main

import (
	"bufio"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/accordkg/accord/graph"
)

func newExportCmd() *cli.Command {
	return &cli.Command{
		Name:  "export",
		Usage: "write the whole graph, or one document's, to standard output",
		Description: "Formats: " + strings.Join(graph.ExportFormats(), ", ") + ". IRIs are written in full, so that\n" +
			"other RDF tools read the export.\n\n" +
			"Example:\n   accord export --doc qingdao-2018 > qingdao-2018.nq",
		Flags: []cli.Flag{
			dbFlag(),
			&cli.StringFlag{Name: "format", Value: "nquads", Usage: "one of " + strings.Join(graph.ExportFormats(), ", ")},
			&cli.StringFlag{Name: "doc", Usage: "only this document (its id or IRI)"},
		},
		Action: func(c *cli.Context) error {
			if _, err := graph.ExporterByName(c.String("format")); err != nil {
				return usageError("export: %v", err)
			}
			st, err := graph.Open(c.String("db"), graph.Options{ReadOnly: true})
			if err != nil {
				return err
			}
			defer st.Close()
			w := bufio.NewWriter(c.App.Writer)
			if err := st.Export(c.Context, w, c.String("format"), c.String("doc")); err != nil {
				return err
			}
			return w.Flush()
		},
	}
}
