package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/accordkg/accord/corpus"
)

func newGenCorpusCmd() *cli.Command {
	return &cli.Command{
		Name:        "gen-corpus",
		Usage:       "write a synthetic corpus of declaration-like Chinese documents (for benchmarks and scale tests)",
		Description: "The documents use the gazetteers' states, organizations, instruments and cities in\nthe sentence shapes of the genre; the same --seed gives the same corpus.\n\nExample:\n   accord gen-corpus --docs 1000 --out /tmp/corpus && accord build --db /tmp/c.db /tmp/corpus",
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "docs", Value: 100, Usage: "number of documents"},
			&cli.StringFlag{Name: "out", Required: true, Usage: "the folder to write into"},
			&cli.Int64Flag{Name: "seed", Value: 1, Usage: "random seed"},
			&cli.IntFlag{Name: "paragraphs", Value: 30, Usage: "paragraphs per document"},
		},
		Action: func(c *cli.Context) error {
			if c.Int("docs") < 1 {
				return usageError("gen-corpus: --docs must be at least 1")
			}
			r, err := loadRules(c)
			if err != nil {
				return err
			}
			g := corpus.NewGenerator(r, corpus.GenOptions{Docs: c.Int("docs"), Seed: c.Int64("seed"), Paragraphs: c.Int("paragraphs")})
			n, err := g.Write(c.String("out"))
			if err != nil {
				return err
			}
			fmt.Fprintf(c.App.Writer, "wrote %d documents (%.1f MB) into %s\n", c.Int("docs"), float64(n)/1e6, c.String("out"))
			return nil
		},
	}
}
