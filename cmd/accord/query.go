package main

import (
	"encoding/json"
	"io"
	"os"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/accordkg/accord/graph"
)

func newQueryCmd() *cli.Command {
	return &cli.Command{
		Name:      "query",
		Usage:     "run a Gizmo query on the store and print the results as JSON",
		ArgsUsage: "'GIZMO' | -f FILE | - (standard input)",
		Description: "The output is {\"result\": [...]}, the shape of Cayley's HTTP API v2.\n\n" +
			"Example: which instruments do the SCO member states reaffirm?\n" +
			"   accord query 'g.V(\"<https://w3id.org/accord/id/group/sco-member-states>\")\n" +
			"     .Out(\"<https://w3id.org/accord/ns#reaffirms>\").Out(\"<http://www.w3.org/2000/01/rdf-schema#label>\").All()'",
		Flags: []cli.Flag{
			dbFlag(),
			&cli.StringFlag{Name: "file", Aliases: []string{"f"}, Usage: "read the query from FILE"},
			&cli.IntFlag{Name: "limit", Value: 1000, Usage: "at most this many results (0: no limit)"},
			&cli.DurationFlag{Name: "timeout", Value: 30 * time.Second, Usage: "stop a query that runs longer"},
		},
		Action: func(c *cli.Context) error {
			q, err := queryText(c)
			if err != nil {
				return err
			}
			st, err := graph.Open(c.String("db"), graph.Options{ReadOnly: true})
			if err != nil {
				return err
			}
			defer st.Close()
			res, err := st.Query(c.Context, q, graph.QueryOptions{Limit: c.Int("limit"), Timeout: c.Duration("timeout")})
			if err != nil {
				return err
			}
			enc := json.NewEncoder(c.App.Writer)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			return enc.Encode(map[string]any{"result": res})
		},
	}
}

func queryText(c *cli.Context) (string, error) {
	switch {
	case c.IsSet("file"):
		b, err := os.ReadFile(c.String("file"))
		return string(b), err
	case c.NArg() == 1 && c.Args().First() == "-":
		b, err := io.ReadAll(c.App.Reader)
		return string(b), err
	case c.NArg() == 1:
		return c.Args().First(), nil
	}
	return "", usageError("query: give one query, -f FILE, or - for standard input")
}
