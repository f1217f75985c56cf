package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/urfave/cli/v2"
	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
	"golang.org/x/term"

	"github.com/accordkg/accord/corpus"
	"github.com/accordkg/accord/extractors/extract"
	"github.com/accordkg/accord/graph"
)

func newBuildCmd() *cli.Command {
	return &cli.Command{
		Name:      "build",
		Usage:     "extract files (or every .txt, .html, .md under directories) into the store",
		ArgsUsage: "FILE|DIR...",
		Description: "Documents stream through a pool of extraction workers (--jobs) to one writer;\n" +
			"each document is written whole, replacing what the store held for it. A document\n" +
			"whose bytes and rules have not changed since its last build is skipped.\n" +
			"With a directory, bad files are reported at the end and the good ones built\n" +
			"(--keep-going, the default for directories; --fail-fast stops at the first).\n" +
			"Exit status: 0, 1 when some files failed, 2 for bad arguments, 130/143 when\n" +
			"interrupted (the documents already extracted are written first, each whole).\n\n" +
			"Examples:\n   accord build datasets/\n   accord build --db memory --jobs 1 datasets/qingdao-2018/qingdao-2018.zh.txt",
		Flags: []cli.Flag{
			dbFlag(), langFlag(), encodingFlag(), rulesFlag(), translationOfFlag(),
			&cli.IntFlag{Name: "jobs", Usage: "extraction workers (default: the number of CPUs)"},
			&cli.BoolFlag{Name: "keep-going", Usage: "build the good files when some fail (default with a directory)"},
			&cli.BoolFlag{Name: "fail-fast", Usage: "stop at the first file that fails"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "no progress"},
			partSizeFlag(),
		},
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return usageError("build: name at least one file or directory")
			}
			if c.Bool("keep-going") && c.Bool("fail-fast") {
				return usageError("build: --keep-going and --fail-fast exclude each other")
			}
			// signals first: a SIGINT while the rules compile still stops
			// the build cleanly
			ctx, sig := signalContext(c.Context)
			files, err := corpus.Walk(c.Args().Slice())
			if err != nil {
				return usageError("build: %v", err)
			}
			if len(files) == 0 {
				return usageError("build: no %s files under %s", strings.Join(corpus.Exts, ", "), strings.Join(c.Args().Slice(), " "))
			}
			keepGoing := c.Bool("keep-going")
			if !c.IsSet("keep-going") && !c.Bool("fail-fast") {
				for _, a := range c.Args().Slice() {
					if st, err := os.Stat(a); err == nil && st.IsDir() {
						keepGoing = true
					}
				}
			}
			x, err := newExtractor(c)
			if err != nil {
				return err
			}
			st, err := openStore(c, graph.Options{Create: true})
			if err != nil {
				return err
			}
			prog := newProgress(c.App.ErrWriter, c.Bool("quiet"))
			sum, berr := corpus.Build(ctx, x, st, corpus.Options{
				Inputs:    c.Args().Slice(),
				Jobs:      c.Int("jobs"),
				KeepGoing: keepGoing,
				Input:     extract.Input{Lang: c.String("lang"), Encoding: c.String("encoding"), TranslationOf: c.String("translation-of")},
				Stdin:     func() ([]byte, error) { return io.ReadAll(c.App.Reader) },
				Progress:  prog.update,
				PartSize:  partSizeBytes(c),
			})
			prog.close()
			if cerr := st.Close(); berr == nil && cerr != nil {
				berr = cerr
			}
			// a store this build made and wrote no document into (every
			// file failed, or it was stopped first) is not left behind
			if st.Created() && (sum == nil || sum.Docs == 0) {
				if err := st.Discard(); err != nil {
					return err
				}
				fmt.Fprintf(c.App.ErrWriter, "accord: %s removed again: no document was built into it\n", st.Spec)
			}
			if sum != nil {
				fmt.Fprintln(c.App.Writer, sum.String(st.Spec, st.Backend))
				for _, f := range sum.Failed {
					fmt.Fprintln(c.App.ErrWriter, "error: "+f.Error())
				}
			}
			if s := sig(); s != nil {
				where := "before any document was written"
				if sum != nil && sum.Last != "" {
					where = "after " + sum.Last
				}
				code := 130
				if s == syscall.SIGTERM {
					code = 143
				}
				return cli.Exit(fmt.Sprintf("interrupted by %v: stopped %s; every document written is whole, run the build again to finish", s, where), code)
			}
			if berr != nil {
				var fe corpus.FileError
				if errors.As(berr, &fe) {
					return cli.Exit("stopped at the first failure (--fail-fast)", 2)
				}
				return berr
			}
			if sum != nil && len(sum.Failed) > 0 {
				return cli.Exit(fmt.Sprintf("%d of %d files failed", len(sum.Failed), len(files)), 1)
			}
			return nil
		},
	}
}

// signalContext cancels on SIGINT or SIGTERM and reports which came.
func signalContext(parent context.Context) (context.Context, func() os.Signal) {
	ctx, cancel := context.WithCancel(parent)
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	var mu sync.Mutex
	var got os.Signal
	go func() {
		select {
		case s := <-ch:
			mu.Lock()
			got = s
			mu.Unlock()
			cancel()
		case <-ctx.Done():
		}
		signal.Stop(ch)
	}()
	return ctx, func() os.Signal {
		mu.Lock()
		defer mu.Unlock()
		return got
	}
}

// progress shows a bar on a terminal, a line every few seconds otherwise,
// nothing when quiet.
type progress struct {
	w     io.Writer
	quiet bool
	tty   bool
	p     *mpb.Progress
	bar   *mpb.Bar
	last  time.Time
	mu    sync.Mutex
	bytes int64
	quads int
	el    time.Duration
}

func newProgress(w io.Writer, quiet bool) *progress {
	pr := &progress{w: w, quiet: quiet, last: time.Now()}
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		pr.tty = true
	}
	return pr
}

func (pr *progress) update(p corpus.Progress) {
	if pr.quiet {
		return
	}
	pr.mu.Lock()
	defer pr.mu.Unlock()
	pr.bytes, pr.quads, pr.el = p.Bytes, p.Quads, p.Elapsed
	n := p.Done + p.Skipped + p.Failed
	if pr.tty {
		if pr.p == nil {
			pr.p = mpb.New(mpb.WithOutput(pr.w), mpb.WithWidth(40))
			pr.bar = pr.p.AddBar(int64(p.Files),
				mpb.PrependDecorators(decor.Name("documents "), decor.CountersNoUnit("%d/%d")),
				mpb.AppendDecorators(
					decor.Any(func(decor.Statistics) string {
						pr.mu.Lock()
						defer pr.mu.Unlock()
						return fmt.Sprintf(" %.1f MB  %.0f quads/s ", float64(pr.bytes)/1e6, float64(pr.quads)/max(pr.el.Seconds(), 0.001))
					}),
					decor.EwmaETA(decor.ET_STYLE_GO, 30)))
		}
		pr.bar.SetCurrent(int64(n))
		pr.bar.EwmaSetCurrent(int64(n), time.Millisecond)
		return
	}
	if p.Finished || time.Since(pr.last) >= 2*time.Second {
		pr.last = time.Now()
		fmt.Fprintf(pr.w, "build: %d/%d documents (%d skipped, %d failed), %.1f MB, %.0f quads/s, %s\n",
			n, p.Files, p.Skipped, p.Failed, float64(p.Bytes)/1e6, float64(p.Quads)/max(p.Elapsed.Seconds(), 0.001), p.Elapsed.Round(time.Millisecond))
	}
}

func (pr *progress) close() {
	if pr.p != nil {
		pr.bar.Abort(false)
		pr.p.Wait()
	}
}
