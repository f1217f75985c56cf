package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/accordkg/accord/graph"
	"github.com/accordkg/accord/schema"
)

// queryFormats are the output formats of accord query.
var queryFormats = []string{"json", "table"}

func newQueryCmd() *cli.Command {
	return &cli.Command{
		Name:      "query",
		Usage:     "run a Gizmo query on the store and print the results as JSON or a table",
		ArgsUsage: "'GIZMO' | -f FILE | - (standard input) | --repl",
		Description: "IRIs may be written with the vocabulary prefixes (" + prefixList() + "):\n" +
			"g.V(\"<acc:Instrument>\").In(\"<rdf:type>\") is g.V(\"<https://w3id.org/accord/ns#Instrument>\")….\n" +
			"--format json (the default) prints {\"result\": [...]}, the shape of Cayley's HTTP API v2;\n" +
			"--format table prints aligned columns, one per tag in the order the query names them,\n" +
			"nodes by their label (Chinese, else English), rows sorted. --repl starts an interactive\n" +
			"prompt (:help lists its commands); in a terminal it edits lines, Up recalls the queries\n" +
			"of this and earlier sessions (kept in --history), Ctrl-C drops the query being typed or\n" +
			"stops the one running, Ctrl-D leaves. With --memory its queries run on a copy of the\n" +
			"store in memory, made first when it fits. docs/queries.md is a cookbook of queries.\n\n" +
			"Examples:\n" +
			"   accord query 'g.V(\"<https://w3id.org/accord/id/group/sco-member-states>\").Out(\"<acc:reaffirms>\").All()'\n" +
			"   accord query --format table -f docs/examples/signed-where-when.js\n" +
			"   accord query --repl",
		Flags: []cli.Flag{
			dbFlag(),
			&cli.StringFlag{Name: "file", Aliases: []string{"f"}, Usage: "read the query from FILE"},
			&cli.StringFlag{Name: "format", Value: "json", Usage: "json or table (the default with --repl)"},
			&cli.StringFlag{Name: "columns", Usage: "with --format table: the columns to show, comma-separated (default: the query's tags)"},
			&cli.BoolFlag{Name: "repl", Usage: "read queries interactively from standard input"},
			&cli.StringFlag{Name: "history", Usage: "with --repl in a terminal: keep the prompt's last " + strconv.Itoa(historyMax) +
				" queries in `FILE` (default: accord/history in the user's config folder, ~/.config/accord/history on Linux; \"\": none)",
				EnvVars: []string{"ACCORD_HISTORY"}},
			&cli.IntFlag{Name: "limit", Value: 1000, Usage: "at most this many results (0: no limit)"},
			&cli.DurationFlag{Name: "timeout", Value: 30 * time.Second, Usage: "stop a query that runs longer"},
			memoryFlag(),
		},
		Action: func(c *cli.Context) error {
			format := c.String("format")
			if c.Bool("repl") && !c.IsSet("format") {
				format = "table"
			}
			if !validFormat(format) {
				return usageError("query: unknown format %q (known: %s)", format, strings.Join(queryFormats, ", "))
			}
			var q string
			if c.Bool("repl") {
				if c.IsSet("file") || c.NArg() > 0 {
					return usageError("query: --repl reads queries from standard input; give no query")
				}
			} else {
				var err error
				if q, err = queryText(c); err != nil {
					return err
				}
			}
			st, err := openStore(c, graph.Options{ReadOnly: true, ReadCache: graph.DefaultReadCache})
			if err != nil {
				return err
			}
			defer st.Close()
			// read-only: no write can make a remembered hop stale
			st.CacheHops()
			qst := st
			if c.Bool("memory") {
				if qst, err = copyToMemory(c.Context, st, c.App.ErrWriter); err != nil {
					return err
				}
			}
			qo := queryOutput{
				st: qst, format: format, columns: splitColumns(c.String("columns")),
				opts: graph.QueryOptions{Limit: c.Int("limit"), Timeout: c.Duration("timeout"), Source: querySource(c)},
			}
			if c.Bool("repl") {
				return runREPL(c.Context, replOptions{in: c.App.Reader, out: c.App.Writer, errOut: c.App.ErrWriter,
					historyPath: c.String("history"), historySet: c.IsSet("history")}, &qo)
			}
			return qo.run(c.Context, c.App.Writer, q)
		},
	}
}

// queryOutput runs queries on a store and prints their results.
type queryOutput struct {
	st      *graph.Store
	format  string
	columns []string
	opts    graph.QueryOptions
}

// run runs one query and prints its results to w; none when ctx is
// cancelled before the query ends.
func (qo *queryOutput) run(ctx context.Context, w io.Writer, q string) error {
	res, err := qo.st.Query(ctx, q, qo.opts)
	if err == nil {
		err = ctx.Err() // cancelled (Ctrl-C at the prompt): the results are partial
	}
	if err != nil {
		return err
	}
	if qo.format == "table" {
		return qo.st.WriteTable(ctx, w, res, graph.TableOptions{Columns: qo.columns, Query: q})
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(map[string]any{"result": res})
}

func validFormat(f string) bool {
	for _, k := range queryFormats {
		if f == k {
			return true
		}
	}
	return false
}

func splitColumns(s string) []string {
	var out []string
	for _, c := range strings.Split(s, ",") {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	return out
}

// prefixList names the prefixes a query may use.
func prefixList() string {
	ps := make([]string, len(schema.Prefixes))
	for i, p := range schema.Prefixes {
		ps[i] = p.Prefix
	}
	return strings.Join(ps, ", ")
}

func queryText(c *cli.Context) (string, error) {
	switch {
	case c.IsSet("file"):
		b, err := os.ReadFile(c.String("file"))
		if err != nil {
			return "", fmt.Errorf("query: %w", err)
		}
		return string(b), nil
	case c.NArg() == 1 && c.Args().First() == "-":
		b, err := io.ReadAll(c.App.Reader)
		return string(b), err
	case c.NArg() == 1:
		return c.Args().First(), nil
	}
	return "", usageError("query: give one query, -f FILE, - for standard input, or --repl")
}

// querySource names the query in error messages: its file, or "query".
func querySource(c *cli.Context) string {
	if c.IsSet("file") {
		return c.String("file")
	}
	return "query"
}

// memoryFlag is the --memory option of accord serve and accord query.
func memoryFlag() *cli.BoolFlag {
	return &cli.BoolFlag{Name: "memory", Usage: "copy the store into memory first when it fits (faster queries; about " +
		strconv.Itoa(graph.MemoryBytesPerQuad) + " bytes per quad, copied at 30,000-60,000 quads/s)"}
}

// memoryHeadroom is how many times the copy's estimated heap must fit in
// the memory the system has available: the Go runtime lets the heap grow
// to twice what is live between collections.
const memoryHeadroom = 2

// copyToMemory returns the in-memory copy of st when it fits in the
// memory available (MemAvailable of /proc/meminfo, memoryHeadroom times),
// saying on w how long the copy took; otherwise st with a warning. st stays
// open: the copy is a snapshot, and the store's lock keeps writers out.
func copyToMemory(ctx context.Context, st *graph.Store, w io.Writer) (*graph.Store, error) {
	if st.Backend == "memory" {
		return st, nil
	}
	need, quads, err := st.MemoryEstimate(ctx)
	if err != nil {
		return nil, err
	}
	if avail, ok := memAvailable(); ok && need*memoryHeadroom > avail {
		fmt.Fprintf(w, "warning: %s (%d quads) needs about %d MiB in memory, %d MiB available: querying it on disk\n",
			st.Spec, quads, need>>20, avail>>20)
		return st, nil
	}
	t0 := time.Now()
	mem, err := st.CopyToMemory(ctx)
	if err != nil {
		return nil, err
	}
	debug.FreeOSMemory() // the copy's garbage
	fmt.Fprintf(w, "copied %s (%d quads) into memory in %s\n", st.Spec, quads, time.Since(t0).Round(100*time.Millisecond))
	return mem, nil
}

// memAvailable reads the memory available to new programs from
// /proc/meminfo (Linux); ok is false elsewhere.
func memAvailable() (bytes int64, ok bool) {
	b, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return 0, false
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) == 3 && f[0] == "MemAvailable:" && f[2] == "kB" {
			n, err := strconv.ParseInt(f[1], 10, 64)
			return n << 10, err == nil
		}
	}
	return 0, false
}
