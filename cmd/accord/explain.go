package main

import (
	"fmt"
	"sort"
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
		Flags: []cli.Flag{dbFlag(), rulesFlag()},
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
			// a name the texts never used is looked up in the gazetteers
			// (built-in and --rules packs), loaded only when needed
			var rules *schema.Rules
			resolve := func(name string) ([]string, error) {
				ns, err := st.ResolveNode(c.Context, name)
				if err != nil || len(ns) > 0 {
					return ns, err
				}
				if rules == nil {
					if rules, err = loadRules(c); err != nil {
						return nil, err
					}
				}
				return gazetteerIRIs(rules, name), nil
			}
			subs, err := resolve(c.Args().Get(0))
			if err != nil {
				return err
			}
			if len(subs) == 0 {
				return cli.Exit(fmt.Sprintf("explain: no node is called %q", c.Args().Get(0)), 1)
			}
			objs, err := resolve(c.Args().Get(2))
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

// gazetteerIRIs returns the IRIs of the gazetteer entries one of whose
// names (in any language, aliases included) is name, sorted.
func gazetteerIRIs(r *schema.Rules, name string) []string {
	want := schema.NormalizeName(name)
	seen := map[string]bool{}
	var out []string
	for _, e := range r.Entries {
		if !r.Enabled(e.Key()) {
			continue
		}
		for _, lang := range []string{"zh", "en"} {
			for _, n := range e.Names(lang) {
				if iri := schema.EntityIRI(e.Class, e.ID); (n == name || schema.NormalizeName(n) == want || strings.EqualFold(n, name)) && !seen[iri] {
					seen[iri] = true
					out = append(out, iri)
				}
			}
		}
	}
	sort.Strings(out)
	return out
}
