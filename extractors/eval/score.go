package eval

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/accordkg/accord/schema"
)

// Count holds true positives, false positives and false negatives.
type Count struct {
	TP, FP, FN int
}

// Precision returns TP / (TP + FP), 0 when undefined.
func (c Count) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall returns TP / (TP + FN), 0 when undefined.
func (c Count) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 returns the harmonic mean of precision and recall.
func (c Count) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func (c *Count) add(o Count) { c.TP += o.TP; c.FP += o.FP; c.FN += o.FN }

// Report is the score of one document.
type Report struct {
	Document  string
	Entities  Count
	Relations Count
	ByClass   map[string]*Count
	ByPred    map[string]*Count
	// Errors lists every false positive and false negative, for --verbose.
	Errors []string
}

// Score compares the quads of an extraction (those labelled with the gold
// document's IRI count) with the gold annotations.
func Score(g *Gold, quads []quad.Quad) *Report {
	doc := quad.IRI(schema.DocIRI(g.Document))
	rep := &Report{Document: g.Document, ByClass: map[string]*Count{}, ByPred: map[string]*Count{}}
	class := func(n string) *Count {
		if rep.ByClass[n] == nil {
			rep.ByClass[n] = &Count{}
		}
		return rep.ByClass[n]
	}
	pred := func(n string) *Count {
		if rep.ByPred[n] == nil {
			rep.ByPred[n] = &Count{}
		}
		return rep.ByPred[n]
	}
	// subclass axioms declared in the export
	super := map[string]string{}
	for _, q := range quads {
		if iriOf(q.Predicate) == schema.SubClassOf {
			super[iriOf(q.Subject)] = iriOf(q.Object)
		}
	}
	scoredClass := func(iri string) (string, bool) {
		for i := 0; i < 10 && iri != ""; i++ {
			if c, ok := schema.ClassByIRI(iri); ok {
				return c.Name, true
			}
			iri = super[iri]
		}
		return "", false
	}
	inDoc := map[string]bool{}
	types := map[string][]string{}
	labels := map[string][]string{}
	for _, q := range quads {
		s := q.Subject.String()
		if q.Label != nil && q.Label == doc {
			inDoc[s] = true
			if o, ok := q.Object.(quad.IRI); ok {
				inDoc[quad.IRI(o).String()] = true
			}
		}
		switch iriOf(q.Predicate) {
		case schema.Type:
			if c, ok := scoredClass(iriOf(q.Object)); ok {
				types[s] = append(types[s], c)
			}
		case schema.Label, schema.AltLabel:
			labels[s] = append(labels[s], schema.NormalizeName(lexical(q.Object)))
		}
	}
	// entities: map each node to a gold id
	nodes := make([]string, 0, len(types))
	for n := range types {
		if inDoc[n] {
			nodes = append(nodes, n)
		}
	}
	sort.Strings(nodes)
	nodeGold := map[string]string{}
	matched := map[string]string{}
	for _, n := range nodes {
		for _, c := range unique(types[n]) {
			id := matchEntity(g, c, labels[n])
			if id == "" {
				class(c).FP++
				rep.Errors = append(rep.Errors, fmt.Sprintf("entity FP %s %s %v", c, n, unique(labels[n])))
				continue
			}
			if prev, dup := matched[id]; dup {
				class(c).FP++
				rep.Errors = append(rep.Errors, fmt.Sprintf("entity FP %s %s: second node for %s (first %s)", c, n, id, prev))
				nodeGold[n] = id
				continue
			}
			matched[id] = n
			nodeGold[n] = id
			class(c).TP++
		}
	}
	for _, e := range g.Entities {
		if _, ok := matched[e.ID]; !ok {
			class(e.Class).FN++
			rep.Errors = append(rep.Errors, fmt.Sprintf("entity FN %s %s %v", e.Class, e.ID, e.Names))
		}
	}
	// relations
	type triple struct{ s, p, o string }
	gold := map[triple]int{} // accepted triple → gold relation index
	for i, r := range g.Relations {
		for _, p := range r.Predicates {
			gold[triple{r.Subject, p, r.Object}] = i
		}
	}
	found := map[triple]bool{}
	goldHit := map[int]bool{}
	for _, q := range quads {
		if q.Label == nil || q.Label != doc {
			continue
		}
		p := iriOf(q.Predicate)
		if !schema.IsScoredPredicate(p) {
			continue
		}
		s := q.Subject.String()
		t := triple{s: s, p: schema.ShortName(p)}
		if id, ok := nodeGold[s]; ok {
			t.s = id
		}
		if o, ok := q.Object.(quad.IRI); ok {
			t.o = o.String()
			if id, ok := nodeGold[t.o]; ok {
				t.o = id
			}
		} else {
			t.o = lexical(q.Object)
		}
		if found[t] {
			continue
		}
		found[t] = true
		if i, ok := gold[t]; ok {
			goldHit[i] = true
			pred(t.p).TP++
		} else {
			pred(t.p).FP++
			rep.Errors = append(rep.Errors, fmt.Sprintf("relation FP [%s, %s, %s]", t.s, t.p, t.o))
		}
	}
	for i, r := range g.Relations {
		if !goldHit[i] {
			pred(r.Predicates[0]).FN++
			rep.Errors = append(rep.Errors, fmt.Sprintf("relation FN [%s, %s, %s] (gold line %d)", r.Subject, strings.Join(r.Predicates, "|"), r.Object, r.Line))
		}
	}
	for _, c := range rep.ByClass {
		rep.Entities.add(*c)
	}
	for _, c := range rep.ByPred {
		rep.Relations.add(*c)
	}
	sort.Strings(rep.Errors)
	return rep
}

func matchEntity(g *Gold, class string, labels []string) string {
	for _, e := range g.Entities {
		if e.Class != class {
			continue
		}
		for _, l := range labels {
			for _, n := range e.Names {
				if l == n {
					return e.ID
				}
			}
		}
	}
	for _, e := range g.Entities {
		if e.Class != class {
			continue
		}
		for _, l := range labels {
			for _, c := range e.Contains {
				if strings.Contains(l, c) {
					return e.ID
				}
			}
		}
	}
	return ""
}

func unique(ss []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

func iriOf(v quad.Value) string {
	switch x := v.(type) {
	case quad.IRI:
		return schema.ExpandIRI(string(x))
	}
	return ""
}

// lexical returns a literal's lexical form.
func lexical(v quad.Value) string {
	switch x := v.(type) {
	case quad.String:
		return string(x)
	case quad.LangString:
		return string(x.Value)
	case quad.TypedString:
		return string(x.Value)
	case nil:
		return ""
	}
	return strings.Trim(v.String(), `"`)
}

// Print writes the report as aligned tables.
func (r *Report) Print(w io.Writer, verbose bool) {
	fmt.Fprintf(w, "document %s\n", r.Document)
	row := func(name string, c Count) {
		fmt.Fprintf(w, "  %-18s P %.3f  R %.3f  F1 %.3f  (tp %d fp %d fn %d)\n", name, c.Precision(), c.Recall(), c.F1(), c.TP, c.FP, c.FN)
	}
	fmt.Fprintln(w, "entities by class")
	for _, c := range schema.Classes {
		if x := r.ByClass[c.Name]; x != nil {
			row(c.Name, *x)
		}
	}
	row("all entities", r.Entities)
	fmt.Fprintln(w, "relations by predicate")
	for _, p := range schema.PredicateNames() {
		if x := r.ByPred[p]; x != nil {
			row(p, *x)
		}
	}
	row("all relations", r.Relations)
	if verbose {
		fmt.Fprintln(w, "errors")
		for _, e := range r.Errors {
			fmt.Fprintln(w, "  "+e)
		}
	}
}
