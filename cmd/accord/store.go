package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/accordkg/accord/graph"
	"github.com/accordkg/accord/schema"
)

// openStore opens the store --db names, and tells the user on ErrWriter
// which documents the open removed because a build died while writing
// them in several transactions (graph.Store.Recovered).
func openStore(c *cli.Context, o graph.Options) (*graph.Store, error) {
	st, err := graph.Open(c.String("db"), o)
	if err != nil {
		return nil, err
	}
	for _, doc := range st.Recovered {
		fmt.Fprintf(c.App.ErrWriter, "accord: %s: removed %s, which an interrupted build left in part (building it again puts it back)\n", st.Spec, doc)
	}
	return st, nil
}

func newRmCmd() *cli.Command {
	return &cli.Command{
		Name:        "rm",
		Usage:       "remove documents (all their quads) from the store",
		ArgsUsage:   "DOC... (ids or IRIs)",
		Description: "Entities stay while another document still names them.\n\nExample:\n   accord rm qingdao-2018",
		Flags:       []cli.Flag{dbFlag()},
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return usageError("rm: name at least one document")
			}
			st, err := openStore(c, graph.Options{})
			if err != nil {
				return err
			}
			var missing []string
			for _, d := range c.Args().Slice() {
				doc := schema.DocRef(d)
				n, err := st.RemoveDocument(c.Context, doc)
				if err != nil {
					st.Close()
					return err
				}
				if n == 0 {
					missing = append(missing, d)
					continue
				}
				fmt.Fprintf(c.App.Writer, "removed %s (%d quads)\n", d, n)
			}
			if err := st.Close(); err != nil {
				return err
			}
			if len(missing) > 0 {
				return cli.Exit("rm: no such document in the store: "+strings.Join(missing, ", "), 1)
			}
			return nil
		},
	}
}

func newCheckCmd() *cli.Command {
	return &cli.Command{
		Name:        "check",
		Usage:       "verify the store: complete statements, whole documents",
		Description: "Exit status 1 when a problem is found; building the named documents again repairs it.\n\nExample:\n   accord check",
		Flags:       []cli.Flag{dbFlag()},
		Action: func(c *cli.Context) error {
			st, err := openStore(c, graph.Options{ReadOnly: true})
			if err != nil {
				return err
			}
			defer st.Close()
			probs, err := st.Check(c.Context)
			if err != nil {
				return err
			}
			for _, p := range probs {
				fmt.Fprintln(c.App.Writer, p)
			}
			if len(probs) > 0 {
				return cli.Exit(fmt.Sprintf("check: %d problems in %s", len(probs), st.Spec), 1)
			}
			fmt.Fprintf(c.App.Writer, "ok: %s\n", st.Spec)
			return nil
		},
	}
}
