// Package rules runs and describes rule packs: it checks every rule's
// examples against the pipeline (what `accord rules test` and go test run)
// and lists rules with where they come from. It sits beside the pipeline:
// it feeds example sentences through extract and compares what each rule
// produced with what the example expects.
package rules

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/accordkg/accord/extractors"
	"github.com/accordkg/accord/extractors/extract"
	"github.com/accordkg/accord/schema"
)

// Case is one example of one rule.
type Case struct {
	Lang    string
	RuleID  string
	Source  string // "path:line" of the example
	Example schema.Example
}

// Failure is an example whose rule did not make exactly the expected matches.
type Failure struct {
	Case
	Got []string
	Err error
}

func (f Failure) String() string {
	if f.Err != nil {
		return fmt.Sprintf("%s: rule %s: %v", f.Source, f.RuleID, f.Err)
	}
	return fmt.Sprintf("%s: rule %s: expected %s, got %s", f.Source, f.RuleID, list(f.Example.Expect), list(f.Got))
}

func list(ss []string) string {
	if len(ss) == 0 {
		return "nothing"
	}
	return "[" + strings.Join(ss, "; ") + "]"
}

// Cases returns every example of every trigger and pattern in r, in a
// stable order.
func Cases(r *schema.Rules) []Case {
	var out []Case
	langs := make([]string, 0, len(r.Triggers)+len(r.Patterns))
	seen := map[string]bool{}
	for l := range r.Triggers {
		if !seen[l] {
			langs = append(langs, l)
			seen[l] = true
		}
	}
	for l := range r.Patterns {
		if !seen[l] {
			langs = append(langs, l)
			seen[l] = true
		}
	}
	sort.Strings(langs)
	for _, l := range langs {
		for _, t := range r.Triggers[l] {
			for _, e := range t.Examples {
				out = append(out, Case{Lang: l, RuleID: t.ID, Source: sourceAt(t.Source, e.Line), Example: e})
			}
		}
		for _, p := range r.Patterns[l] {
			for _, e := range p.Examples {
				out = append(out, Case{Lang: l, RuleID: p.ID, Source: sourceAt(p.Source, e.Line), Example: e})
			}
		}
	}
	return out
}

func sourceAt(ruleSource string, line int) string {
	if line == 0 {
		return ruleSource
	}
	if i := strings.LastIndexByte(ruleSource, ':'); i > 0 {
		return fmt.Sprintf("%s:%d", ruleSource[:i], line)
	}
	return ruleSource
}

// Run checks every case and returns the failures and the number of cases
// it skipped: those of a disabled rule, and those that use a word a later
// pack's rule took from their rule (schema.Rules.Taken).
func Run(ctx context.Context, x *extract.Extractor, cases []Case) (fails []Failure, skipped int) {
	var out []Failure
	for _, c := range cases {
		if Skipped(x.Rules(), c) {
			skipped++
			continue
		}
		got, err := Matches(ctx, x, c.Lang, c.RuleID, c.Example.Text)
		if err != nil {
			out = append(out, Failure{Case: c, Err: err})
			continue
		}
		if !sameSet(got, c.Example.Expect) {
			out = append(out, Failure{Case: c, Got: got})
		}
	}
	return out, skipped
}

// Skipped reports whether case c does not apply under rules r: its rule is
// disabled, or its text uses a word another rule took from its rule.
func Skipped(r *schema.Rules, c Case) bool {
	if !r.Enabled(c.RuleID) {
		return true
	}
	for _, w := range r.Taken[c.RuleID] {
		if strings.Contains(c.Example.Text, w) {
			return true
		}
	}
	return false
}

// Matches extracts text and returns what rule id made of it, written as
// examples write it.
func Matches(ctx context.Context, x *extract.Extractor, lang, id, text string) ([]string, error) {
	if !strings.Contains(text, "\n") {
		text = "示例\n\n" + text
		if lang != "zh" {
			text = "Example\n\n" + strings.TrimPrefix(text, "示例\n\n")
		}
	}
	res, err := x.Extract(ctx, extract.Input{Path: "example", ID: "example", Lang: lang, Raw: []byte(text)})
	if err != nil {
		return nil, err
	}
	return RuleMatches(res, id), nil
}

// RuleMatches lists the stances, facts and mentions that rule id produced.
func RuleMatches(res *extractors.Result, id string) []string {
	d := res.Doc
	surface := func(i int) string { return schema.LabelForm(d.Lang, d.TextOf(d.Mentions[i].Span)) }
	var out []string
	for _, s := range d.Statements {
		if s.Rule == id {
			out = append(out, surface(s.Actor)+" | "+schema.ShortName(s.Predicate)+" | "+surface(s.Target))
		}
	}
	for _, f := range d.Facts {
		if f.Rule == id {
			o := f.Date.Lexical()
			if f.Object >= 0 {
				o = surface(f.Object)
			}
			out = append(out, surface(f.Subject)+" | "+schema.ShortName(f.Predicate)+" | "+o)
		}
	}
	for i, m := range d.Mentions {
		if m.Rule == id {
			out = append(out, m.Class.Name+" | "+surface(i))
		}
	}
	return normalize(out)
}

func normalize(ss []string) []string {
	sort.Strings(ss)
	var out []string
	for i, s := range ss {
		if i == 0 || s != ss[i-1] {
			out = append(out, s)
		}
	}
	return out
}

func sameSet(got, want []string) bool {
	w := normalize(append([]string(nil), want...))
	for i := range w {
		parts := strings.Split(w[i], "|")
		for j := range parts {
			parts[j] = strings.TrimSpace(parts[j])
		}
		w[i] = strings.Join(parts, " | ")
	}
	w = normalize(w)
	if len(got) != len(w) {
		return false
	}
	for i := range got {
		if got[i] != w[i] {
			return false
		}
	}
	return true
}

// Coverage returns the rules that lack a positive or a negative example.
func Coverage(r *schema.Rules) []string {
	var out []string
	check := func(id, src string, exs []schema.Example) {
		pos, neg := false, false
		for _, e := range exs {
			if len(e.Expect) > 0 {
				pos = true
			} else {
				neg = true
			}
		}
		if !pos || !neg {
			out = append(out, fmt.Sprintf("%s: rule %s needs a positive and a negative example", src, id))
		}
	}
	for _, ts := range r.Triggers {
		for _, t := range ts {
			check(t.ID, t.Source, t.Examples)
		}
	}
	for _, ps := range r.Patterns {
		for _, p := range ps {
			check(p.ID, p.Source, p.Examples)
		}
	}
	sort.Strings(out)
	return out
}
