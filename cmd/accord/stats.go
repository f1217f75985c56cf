package main

import (
	"encoding/json"
	"fmt"
	"sort"

	"github.com/urfave/cli/v2"

	"github.com/accordkg/accord/graph"
	"github.com/accordkg/accord/schema"
)

func newStatsCmd() *cli.Command {
	return &cli.Command{
		Name:        "stats",
		Usage:       "count documents, entities by class, relations by predicate and quads in the store",
		Description: "Example:\n   accord stats\n   accord stats --json",
		Flags:       []cli.Flag{dbFlag(), &cli.BoolFlag{Name: "json", Usage: "print JSON"}},
		Action: func(c *cli.Context) error {
			st, err := openStore(c, graph.Options{ReadOnly: true})
			if err != nil {
				return err
			}
			defer st.Close()
			s, err := st.Stats(c.Context)
			if err != nil {
				return err
			}
			w := c.App.Writer
			if c.Bool("json") {
				enc := json.NewEncoder(w)
				enc.SetIndent("", "  ")
				return enc.Encode(s)
			}
			fmt.Fprintf(w, "store       %s (%s)\n", st.Spec, st.Backend)
			fmt.Fprintf(w, "documents   %d\n", s.Documents)
			fmt.Fprintf(w, "quads       %d\n", s.Quads)
			fmt.Fprintf(w, "statements  %d\n", s.Statements)
			fmt.Fprintln(w, "entities")
			for _, c := range schema.Classes {
				fmt.Fprintf(w, "  %-14s %d\n", c.Name, s.Entities[c.Name])
			}
			fmt.Fprintln(w, "relations")
			var ps []string
			for p := range s.Relations {
				ps = append(ps, p)
			}
			sort.Strings(ps)
			for _, p := range ps {
				fmt.Fprintf(w, "  %-16s %d\n", p, s.Relations[p])
			}
			return nil
		},
	}
}
