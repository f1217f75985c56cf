package main

import (
	"fmt"
	"os"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
	"github.com/urfave/cli/v2"

	"github.com/accordkg/accord/extractors/eval"
	"github.com/accordkg/accord/extractors/extract"
)

func newEvalCmd() *cli.Command {
	return &cli.Command{
		Name:      "eval",
		Usage:     "score extraction against a gold file: P/R/F1 per class, per predicate and overall",
		ArgsUsage: "[TEXT] (default: the gold file's text)",
		Description: "Scoring follows shared/spec/gold-format.md. The exit status is 0 whatever\n" +
			"the score, unless --min-f1 is given.\n\n" +
			"Example:\n   accord eval --gold datasets/qingdao-2018/qingdao-2018.yaml --verbose",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "gold", Required: true, Usage: "the gold YAML file"},
			&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "list every false positive and false negative"},
			&cli.Float64Flag{Name: "min-f1", Usage: "exit 1 when the entity or the relation F1 is below this"},
			&cli.StringFlag{Name: "quads", Usage: "score this N-Quads file (e.g. an export) instead of extracting"},
			langFlag(), encodingFlag(), rulesFlag(),
		},
		Action: func(c *cli.Context) error {
			g, err := eval.LoadGold(c.String("gold"))
			if err != nil {
				return cli.Exit(err.Error(), 2)
			}
			var qs []quad.Quad
			if c.IsSet("quads") {
				if qs, err = readNQuads(c.String("quads")); err != nil {
					return cli.Exit(err.Error(), 2)
				}
			} else {
				path := g.Text
				if c.NArg() > 0 {
					path = c.Args().First()
				}
				if path == "" {
					return usageError("eval: the gold file names no text; give one")
				}
				x, err := newExtractor(c)
				if err != nil {
					return err
				}
				res, err := x.ExtractFile(c.Context, path, extract.Input{ID: g.Document, Lang: c.String("lang"), Encoding: c.String("encoding")})
				if err != nil {
					return err
				}
				qs = res.Quads()
			}
			rep := eval.Score(g, qs)
			rep.Print(c.App.Writer, c.Bool("verbose"))
			if min := c.Float64("min-f1"); c.IsSet("min-f1") && (rep.Entities.F1() < min || rep.Relations.F1() < min) {
				return cli.Exit(fmt.Sprintf("F1 below %.3f (entities %.3f, relations %.3f)", min, rep.Entities.F1(), rep.Relations.F1()), 1)
			}
			return nil
		},
	}
}

func readNQuads(path string) ([]quad.Quad, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := nquads.NewReader(f, false)
	var out []quad.Quad
	for line := 1; ; line++ {
		q, err := r.ReadQuad()
		if err != nil {
			if err.Error() == "EOF" {
				return out, nil
			}
			return nil, fmt.Errorf("%s: quad %d: %w", path, line, err)
		}
		out = append(out, q)
	}
}
