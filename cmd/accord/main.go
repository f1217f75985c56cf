// Command accord turns the texts of multilateral declarations into a
// knowledge graph of commitments in a Cayley quad store. Each subcommand is
// a thin layer over the library: it parses flags, calls extractors or
// graph, and writes results to standard output (progress and logs to
// standard error).
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/accordkg/accord/extractors"
	"github.com/accordkg/accord/extractors/extract"
	"github.com/accordkg/accord/graph"
)

func main() {
	os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr))
}

// run runs the CLI and returns the exit status: 0 on success, 2 for bad
// input (a file that cannot be read as a declaration, a bad argument), 1
// for anything else.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	app := newApp(stdin, stdout, stderr)
	err := app.Run(flagsFirst(app, args))
	if err == nil {
		return 0
	}
	var ec cli.ExitCoder
	if errors.As(err, &ec) {
		if msg := err.Error(); msg != "" {
			fmt.Fprintln(stderr, "error: "+msg)
		}
		return ec.ExitCode()
	}
	fmt.Fprintln(stderr, "error: "+err.Error())
	var ie *extract.InputError
	if errors.As(err, &ie) {
		return 2
	}
	return 1
}

// profFile is the open CPU profile of --cpuprofile (one per process).
var profFile *os.File

func newApp(stdin io.Reader, stdout, stderr io.Writer) *cli.App {
	return &cli.App{
		Name:  "accord",
		Usage: "turn multilateral declarations into a knowledge graph of commitments",
		Description: "accord reads declarations (languages: " + strings.Join(extractors.Names(), ", ") + "),\n" +
			"extracts who reaffirms, welcomes, supports, condemns… which instruments, meetings,\n" +
			"states and initiatives, and stores the graph in a Cayley quad store\n" +
			"(backends: " + strings.Join(graph.BackendNames(), ", ") + "; default ./" + graph.DefaultDB + ").",
		Reader:    stdin,
		Writer:    stdout,
		ErrWriter: stderr,
		Commands: []*cli.Command{
			newExtractCmd(), newBuildCmd(), newQueryCmd(), newExportCmd(),
			newEvalCmd(), newStatsCmd(), newRulesCmd(), newExplainCmd(),
			newRmCmd(), newCheckCmd(), newGenCorpusCmd(), newServeCmd(), newVizCmd(),
		},
		HideHelpCommand: true,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "cpuprofile", Usage: "write a CPU profile of the command to `FILE` (go tool pprof)"},
			&cli.StringFlag{Name: "memprofile", Usage: "write a heap profile at the end of the command to `FILE`"},
		},
		Before: func(c *cli.Context) error {
			if p := c.String("cpuprofile"); p != "" {
				f, err := os.Create(p)
				if err != nil {
					return err
				}
				if err := pprof.StartCPUProfile(f); err != nil {
					f.Close()
					return err
				}
				profFile = f
			}
			return nil
		},
		After: func(c *cli.Context) error {
			if p := c.String("memprofile"); p != "" {
				f, err := os.Create(p)
				if err != nil {
					return err
				}
				if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
					f.Close()
					return err
				}
				if err := f.Close(); err != nil {
					return err
				}
			}
			if profFile != nil {
				pprof.StopCPUProfile()
				return profFile.Close()
			}
			return nil
		},
		ExitErrHandler: func(*cli.Context, error) {},
	}
}

// dbFlag is the --db flag shared by the store commands.
func dbFlag() *cli.StringFlag {
	return &cli.StringFlag{
		Name:    "db",
		Value:   graph.DefaultDB,
		Usage:   "the store: a bbolt folder path, a postgres://user@host:port/db URL, or \"memory\" for a throwaway in-memory store",
		EnvVars: []string{"ACCORD_DB"},
	}
}

// usageError is a bad argument: exit status 2.
func usageError(format string, a ...any) error {
	return cli.Exit(fmt.Sprintf(format, a...), 2)
}
