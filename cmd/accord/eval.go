package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
	"github.com/urfave/cli/v2"

	"github.com/accordkg/accord/extractors/eval"
	"github.com/accordkg/accord/extractors/extract"
)

func newEvalCmd() *cli.Command {
	return &cli.Command{
		Name:      "eval",
		Usage:     "score extraction against a gold file (or every gold file under --datasets)",
		ArgsUsage: "[TEXT] (default: the gold file's text)",
		Description: "Scoring follows shared/spec/gold-format.md: P/R/F1 per class, per predicate\n" +
			"and overall. The exit status is 0 whatever the score, unless --min-f1 is given.\n" +
			"Without --gold, every gold file under --datasets is scored and compared with\n" +
			"DIR/scores.json: an F1 that fell by more than 0.005 fails (exit 1); --record\n" +
			"writes the new scores.\n\n" +
			"Examples:\n   accord eval --gold datasets/qingdao-2018/qingdao-2018.yaml --verbose\n" +
			"   accord eval --datasets datasets            (the regression gate)\n   accord eval --datasets datasets --record",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "gold", Usage: "the gold YAML file"},
			&cli.StringFlag{Name: "datasets", Value: "datasets", Usage: "without --gold: score every gold file under `DIR`"},
			&cli.BoolFlag{Name: "record", Usage: "with --datasets: write the scores to DIR/scores.json"},
			&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "list every false positive and false negative"},
			&cli.Float64Flag{Name: "min-f1", Usage: "exit 1 when the entity or the relation F1 is below this"},
			&cli.StringFlag{Name: "quads", Usage: "score this N-Quads file (e.g. an export) instead of extracting"},
			langFlag(), encodingFlag(), rulesFlag(),
		},
		Action: func(c *cli.Context) error {
			if !c.IsSet("gold") {
				return evalAll(c)
			}
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

// evalAll scores every gold file under --datasets and compares the scores
// with the record (the regression gate), or records them.
func evalAll(c *cli.Context) error {
	dir := c.String("datasets")
	files, err := eval.GoldFiles(dir)
	if err != nil {
		return cli.Exit(err.Error(), 2)
	}
	if len(files) == 0 {
		return usageError("eval: no gold files under %s (give --gold FILE)", dir)
	}
	x, err := newExtractor(c)
	if err != nil {
		return err
	}
	now := eval.Record{}
	w := c.App.Writer
	for _, f := range files {
		g, err := eval.LoadGold(f)
		if err != nil {
			return cli.Exit(err.Error(), 2)
		}
		res, err := x.ExtractFile(c.Context, g.Text, extract.Input{ID: g.Document, Lang: g.Language})
		if err != nil {
			return err
		}
		rep := eval.Score(g, res.Quads())
		rel, _ := filepath.Rel(dir, f)
		// compared unrounded (a fall of 0.0053 to 0.99371 fails), recorded
		// to three places
		now[g.Document] = eval.Recorded{Gold: filepath.ToSlash(rel), EntitiesF1: rep.Entities.F1(), RelationsF1: rep.Relations.F1()}
		fmt.Fprintf(w, "%-28s entities F1 %.3f  relations F1 %.3f  (%s)\n", g.Document, rep.Entities.F1(), rep.Relations.F1(), rel)
	}
	recPath := filepath.Join(dir, "scores.json")
	if c.Bool("record") {
		rounded := eval.Record{}
		for id, r := range now {
			r.EntitiesF1, r.RelationsF1 = round3(r.EntitiesF1), round3(r.RelationsF1)
			rounded[id] = r
		}
		if err := rounded.Save(recPath); err != nil {
			return err
		}
		fmt.Fprintf(w, "recorded %d scores in %s\n", len(now), recPath)
		return nil
	}
	rec, err := eval.LoadRecord(recPath)
	if err != nil {
		return cli.Exit(err.Error(), 2)
	}
	if regs := rec.Regressions(now); len(regs) > 0 {
		return cli.Exit("regression against "+recPath+":\n  "+strings.Join(regs, "\n  "), 1)
	}
	fmt.Fprintf(w, "no F1 fell by more than %.3f against %s\n", eval.Tolerance, recPath)
	return nil
}

func round3(f float64) float64 { return float64(int(f*1000+0.5)) / 1000 }
