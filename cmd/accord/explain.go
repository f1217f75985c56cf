package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/accordkg/accord/graph"
	"github.com/accordkg/accord/schema"
)

func newExplainCmd() *cli.Command {
	return &cli.Command{
		Name:      "explain",
		Usage:     "show every document, sentence and rule behind an edge of the graph",
		ArgsUsage: "SUBJECT PREDICATE OBJECT (labels or IRIs; the predicate by short name or IRI)",
		Description: "The trigger is marked >>…<< and the target [[…]] in each sentence.\n\n" +
			"Example:\n   accord explain 成员国 reaffirms 上合组织宪章\n   accord explain 上合组织成员国长期睦邻友好合作条约 signedOn 2007-08-16",
		Flags: []cli.Flag{dbFlag()},
		Action: func(c *cli.Context) error {
			if c.NArg() != 3 {
				return usageError("explain: give SUBJECT PREDICATE OBJECT")
			}
			pred := c.Args().Get(1)
			if !strings.Contains(pred, "://") {
				p, err := schema.PredicateByName(strings.TrimPrefix(pred, "acc:"))
				if err != nil {
					return usageError("explain: %v", err)
				}
				pred = p
			}
			st, err := openStore(c, graph.Options{ReadOnly: true})
			if err != nil {
				return err
			}
			defer st.Close()
			subs, err := st.ResolveNode(c.Context, c.Args().Get(0))
			if err != nil {
				return err
			}
			if len(subs) == 0 {
				return cli.Exit(fmt.Sprintf("explain: no node is called %q", c.Args().Get(0)), 1)
			}
			objs, err := st.ResolveNode(c.Context, c.Args().Get(2))
			if err != nil {
				return err
			}
			if len(objs) == 0 {
				objs = []string{c.Args().Get(2)} // a literal (a date)
			}
			n := 0
			w := c.App.Writer
			for _, s := range subs {
				for _, o := range objs {
					evs, err := st.Explain(c.Context, s, pred, o)
					if err != nil {
						return err
					}
					if len(evs) > 0 {
						obj := o
						if strings.Contains(o, "://") {
							obj = "<" + o + ">"
						}
						fmt.Fprintf(w, "<%s> <%s> %s\n", s, pred, obj)
					}
					for _, e := range evs {
						n++
						neg := ""
						if e.Negated {
							neg = " (negated)"
						}
						fmt.Fprintf(w, "  %s, paragraph %d, rule %s%s\n    %s\n", e.Document, e.Paragraph, e.Rule, neg, e.Marked())
					}
				}
			}
			if n == 0 {
				return cli.Exit("explain: the graph holds no such statement", 1)
			}
			return nil
		},
	}
}
