package main

import (
	"fmt"
	"os"
	"reflect"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/accordkg/accord/extractors"
	"github.com/accordkg/accord/extractors/extract"
	"github.com/accordkg/accord/extractors/rules"
	"github.com/accordkg/accord/schema"
)

// rulesFlag is --rules DIR (repeatable), added to the built-in pack; the
// ACCORD_RULES variable lists more folders, separated by colons.
func rulesFlag() *cli.StringSliceFlag {
	return &cli.StringSliceFlag{Name: "rules", Usage: "add the rule pack in `DIR` (repeatable; also ACCORD_RULES=dir1:dir2)"}
}

// packDirs returns the user packs of a command: ACCORD_RULES, then --rules.
func packDirs(c *cli.Context) []string {
	return append(schema.PackDirs(os.Getenv("ACCORD_RULES")), c.StringSlice("rules")...)
}

// loadRules loads the built-in pack and the command's user packs, printing
// warnings to standard error.
func loadRules(c *cli.Context, extra ...string) (*schema.Rules, error) {
	r, err := schema.LoadPacks(append(packDirs(c), extra...))
	if err != nil {
		return nil, cli.Exit("rules: "+err.Error(), 2)
	}
	for _, w := range r.Warnings {
		fmt.Fprintln(c.App.ErrWriter, w)
	}
	return r, nil
}

// compile builds every language's pipeline, so that a bad pack fails now.
func compile(r *schema.Rules) (*extract.Extractor, error) {
	x := extract.New(r)
	for _, l := range extractors.Names() {
		if err := x.Compile(l); err != nil {
			return nil, cli.Exit("rules: "+err.Error(), 2)
		}
	}
	return x, nil
}

func newRulesCmd() *cli.Command {
	return &cli.Command{
		Name:  "rules",
		Usage: "list, check, show and test rule packs",
		Description: "The built-in pack is schema/data; --rules DIR (or ACCORD_RULES) adds user packs in the\n" +
			"same formats (docs/rules.md).\n\n" +
			"Examples:\n   accord rules list --kind trigger\n   accord rules check docs/examples/pack-lmc\n" +
			"   accord rules show zh/stance/welcome\n   accord rules test",
		Subcommands: []*cli.Command{
			{
				Name:  "list",
				Usage: "list rules and gazetteer entries with where each comes from",
				Description: "One row each: id, kind, what it makes, source path:line, (disabled).\n\n" +
					"Examples:\n   accord rules list --kind trigger\n   accord rules list --rules docs/examples/pack-lmc --kind entry | grep lmc",
				Flags: []cli.Flag{rulesFlag(), &cli.StringFlag{Name: "kind", Usage: "only one kind: trigger, pattern, entry, cue"}},
				Action: func(c *cli.Context) error {
					r, err := loadRules(c)
					if err != nil {
						return err
					}
					kind := c.String("kind")
					if kind != "" && kind != "trigger" && kind != "pattern" && kind != "entry" && kind != "cue" {
						return usageError("rules list: unknown kind %q (trigger, pattern, entry, cue)", kind)
					}
					w := c.App.Writer
					row := func(id, k, what, src string) {
						state := ""
						if !r.Enabled(id) {
							state = " (disabled)"
						}
						fmt.Fprintf(w, "%-40s %-8s %-18s %s%s\n", id, k, what, src, state)
					}
					for _, lang := range sortedKeys(r.Triggers) {
						for _, t := range r.Triggers[lang] {
							if kind == "" || kind == "trigger" {
								row(t.ID, "trigger", t.Predicate, t.Source)
							}
						}
					}
					for _, lang := range sortedKeys(r.Patterns) {
						for _, p := range r.Patterns[lang] {
							if kind == "" || kind == "pattern" {
								what := lang
								if p.Compiled != nil {
									what = lang + " regexp → " + p.EntityClass.Name
								}
								row(p.ID, "pattern", what, p.Source)
							}
						}
					}
					if kind == "" || kind == "cue" {
						for _, lang := range sortedKeys(r.Cues) {
							for _, cl := range cueLists(r.Cues[lang]) {
								row(lang+"/cue/"+cl.key, "cue", fmt.Sprintf("%d words", len(cl.words)), "lexicon/"+lang+"-cues.yaml")
							}
						}
					}
					if kind == "" || kind == "entry" {
						for _, e := range r.Entries {
							row(e.Key(), "entry", e.Class.Name, e.Source)
						}
					}
					return nil
				},
			},
			{
				Name:      "check",
				Usage:     "validate rule packs (and compile them) without extracting",
				ArgsUsage: "DIR...",
				Description: "Errors name path:line:column and the rule or entry; warnings say what a pack replaces.\n\n" +
					"Example:\n   accord rules check docs/examples/pack-lmc",
				Action: func(c *cli.Context) error {
					if c.NArg() == 0 {
						return usageError("rules check: name at least one pack folder")
					}
					r, err := loadRules(c, c.Args().Slice()...)
					if err != nil {
						return err
					}
					if _, err := compile(r); err != nil {
						return err
					}
					n := 0
					for _, ts := range r.Triggers {
						n += len(ts)
					}
					fmt.Fprintf(c.App.Writer, "ok: %s: %d entries, %d triggers, %d warnings\n", strings.Join(c.Args().Slice(), ", "), len(r.Entries), n, len(r.Warnings))
					return nil
				},
			},
			{
				Name:        "show",
				Usage:       "show one rule or entry in its compiled form",
				ArgsUsage:   "ID (a rule id, Class/id for a gazetteer entry, or lang/cue/list)",
				Description: "Examples:\n   accord rules show zh/stance/welcome\n   accord rules show Organization/sco\n   accord rules show zh/cue/wish_verbs",
				Flags:       []cli.Flag{rulesFlag()},
				Action: func(c *cli.Context) error {
					if c.NArg() != 1 {
						return usageError("rules show: name one rule id or Class/id")
					}
					r, err := loadRules(c)
					if err != nil {
						return err
					}
					return showRule(c, r, c.Args().First())
				},
			},
			{
				Name:      "test",
				Usage:     "run the examples of every rule (built-in and packs); failures as path:line: rule id: expected …, got …",
				ArgsUsage: "[DIR...]",
				Flags:     []cli.Flag{rulesFlag()},
				Action: func(c *cli.Context) error {
					r, err := loadRules(c, c.Args().Slice()...)
					if err != nil {
						return err
					}
					x, err := compile(r)
					if err != nil {
						return err
					}
					cases := rules.Cases(r)
					fails, skipped := rules.Run(c.Context, x, cases)
					for _, f := range fails {
						fmt.Fprintln(c.App.Writer, f)
					}
					fmt.Fprintf(c.App.Writer, "%d examples: %d passed, %d failed", len(cases), len(cases)-len(fails)-skipped, len(fails))
					if skipped > 0 {
						fmt.Fprintf(c.App.Writer, ", %d skipped (their rule is disabled, or a pack's rule took the word they use)", skipped)
					}
					fmt.Fprintln(c.App.Writer)
					if len(fails) > 0 {
						return cli.Exit("", 1)
					}
					return nil
				},
			},
		},
	}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func showRule(c *cli.Context, r *schema.Rules, id string) error {
	w := c.App.Writer
	for lang, ts := range r.Triggers {
		for _, t := range ts {
			if t.ID != id {
				continue
			}
			fmt.Fprintf(w, "trigger %s (%s)\n  source     %s\n  predicate  %s\n  words      %s\n", t.ID, lang, t.Source, t.PredicateIRI, strings.Join(t.Words, " "))
			if len(t.Requires) > 0 {
				fmt.Fprintf(w, "  requires   %s\n", strings.Join(t.Requires, " "))
			}
			if t.Circumfix != "" {
				fmt.Fprintf(w, "  circumfix  %s … %s\n", t.Circumfix, t.Words[0])
			}
			if len(t.NotFollowedBy) > 0 {
				fmt.Fprintf(w, "  not before %s\n", strings.Join(t.NotFollowedBy, " "))
			}
			fmt.Fprintf(w, "  enabled    %v\n", r.Enabled(t.ID))
			showExamples(c, t.Examples)
			return nil
		}
	}
	for lang, ps := range r.Patterns {
		for _, p := range ps {
			if p.ID == id && p.Compiled != nil {
				fmt.Fprintf(w, "pattern %s (%s, a regexp of a pack)\n  source  %s\n  regexp  %s\n  class   %s\n  mention %s\n  note    %s\n  enabled %v\n",
					p.ID, lang, p.Source, p.Compiled, p.EntityClass.Name, map[bool]string{true: "its group \"name\"", false: "the whole match"}[p.NameGroup() > 0], p.Note, r.Enabled(p.ID))
				showExamples(c, p.Examples)
				return nil
			}
			if p.ID == id {
				fmt.Fprintf(w, "pattern %s (%s, a rule kind in Go)\n  source  %s\n  note    %s\n  enabled %v\n", p.ID, lang, p.Source, p.Note, r.Enabled(p.ID))
				showExamples(c, p.Examples)
				return nil
			}
		}
	}
	for lang, cs := range r.Cues {
		for _, cl := range cueLists(cs) {
			if lang+"/cue/"+cl.key == id {
				fmt.Fprintf(w, "cue list %s (%s, read by the Go rule kinds)\n  words  %s\n", cl.key, lang, strings.Join(cl.words, " "))
				return nil
			}
		}
	}
	for _, e := range r.Entries {
		if e.Key() == id || e.ID == id {
			fmt.Fprintf(w, "entry %s\n  source    %s\n  IRI       %s\n", e.Key(), e.Source, schema.EntityIRI(e.Class, e.ID))
			fmt.Fprintf(w, "  zh        %s\n  en        %s\n", strings.Join(e.Names("zh"), " | "), strings.Join(e.Names("en"), " | "))
			if e.Wikidata != "" {
				fmt.Fprintf(w, "  sameAs    %s\n", schema.WikidataIRI(e.Wikidata))
			}
			if e.Parent != "" {
				fmt.Fprintf(w, "  parent    %s\n", e.Parent)
			}
			if e.Contextual {
				fmt.Fprintln(w, "  contextual: resolved against the document's organization")
			}
			return nil
		}
	}
	return cli.Exit(fmt.Sprintf("rules show: no rule or entry %q (see accord rules list)", id), 2)
}

func showExamples(c *cli.Context, exs []schema.Example) {
	for _, e := range exs {
		want := "nothing"
		if len(e.Expect) > 0 {
			want = strings.Join(e.Expect, "; ")
		}
		fmt.Fprintf(c.App.Writer, "  example    %s\n             → %s\n", e.Text, want)
	}
}

// cueList is one word list of a cue file, by its key.
type cueList struct {
	key   string
	words []string
}

// cueLists returns the word lists of c that have words, by their keys in
// the cue file, in the order of schema.Cues.
func cueLists(c *schema.Cues) []cueList {
	v := reflect.ValueOf(c).Elem()
	var out []cueList
	for i := 0; i < v.NumField(); i++ {
		key, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("yaml"), ",")
		if ws, ok := v.Field(i).Interface().([]string); ok && key != "" && len(ws) > 0 {
			out = append(out, cueList{key, ws})
		}
	}
	return out
}
