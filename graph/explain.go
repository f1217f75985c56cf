package graph

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"

	"github.com/accordkg/accord/schema"
)

// Evidence is one statement node behind an edge: where it was read and by
// which rule.
type Evidence struct {
	Node      string // the statement's IRI
	Document  string
	Paragraph int
	Sentence  string
	Rule      string
	Trigger   string
	Negated   bool
	// SentenceStart, TriggerStart, TargetStart, TargetEnd are rune offsets
	// in the document's normalized text (-1 when not recorded).
	SentenceStart, TriggerStart, TargetStart, TargetEnd int
}

// Marked returns the sentence with the trigger in >>…<< and the target in
// [[…]].
func (e Evidence) Marked() string {
	rs := []rune(e.Sentence)
	type mark struct {
		at    int
		text  string
		close bool
	}
	var ms []mark
	rel := func(x int) int { return x - e.SentenceStart }
	if e.TriggerStart >= 0 && e.Trigger != "" {
		t := rel(e.TriggerStart)
		ms = append(ms, mark{t, ">>", false}, mark{t + len([]rune(e.Trigger)), "<<", true})
	}
	if e.TargetStart >= 0 && e.TargetEnd > e.TargetStart {
		ms = append(ms, mark{rel(e.TargetStart), "[[", false}, mark{rel(e.TargetEnd), "]]", true})
	}
	// inserted from the end; at one position an opening mark goes in
	// first, so that a closing one lands before it (>>支持<<[[中亚国家]])
	sort.SliceStable(ms, func(i, j int) bool {
		if ms[i].at != ms[j].at {
			return ms[i].at > ms[j].at
		}
		return !ms[i].close && ms[j].close
	})
	for _, m := range ms {
		if m.at < 0 || m.at > len(rs) {
			continue
		}
		rs = append(rs[:m.at], append([]rune(m.text), rs[m.at:]...)...)
	}
	return string(rs)
}

// ResolveNode finds the nodes a user names: an IRI (<…> or http…), or a
// label or alternative label in any language.
func (s *Store) ResolveNode(ctx context.Context, name string) ([]string, error) {
	name = strings.TrimSpace(name)
	if strings.HasPrefix(name, "<") && strings.HasSuffix(name, ">") {
		return []string{schema.ExpandIRI(name[1 : len(name)-1])}, nil
	}
	if strings.Contains(name, "://") {
		return []string{name}, nil
	}
	seen := map[string]bool{}
	var out []string
	forms := []string{name, schema.NormalizeName(name)}
	for _, f := range forms {
		for _, v := range []quad.Value{quad.LangString{Value: quad.String(f), Lang: "zh"}, quad.LangString{Value: quad.String(f), Lang: "en"}, quad.String(f)} {
			err := s.eachQuadWith(ctx, quad.Object, v, func(q quad.Quad) error {
				p := string(FullQuad(q).Predicate.(quad.IRI))
				if p == schema.Label || p == schema.AltLabel {
					n := string(FullQuad(q).Subject.(quad.IRI))
					if !seen[n] {
						seen[n] = true
						out = append(out, n)
					}
				}
				return nil
			})
			if err != nil {
				return nil, err
			}
		}
	}
	sort.Strings(out)
	return out, nil
}

func (s *Store) eachQuadWith(ctx context.Context, dir quad.Direction, v quad.Value, fn func(quad.Quad) error) error {
	ref, err := s.QS.ValueOf(v)
	if err != nil || ref == nil {
		return err
	}
	return iterator.Iterate(ctx, s.QS.QuadIterator(dir, ref)).Each(func(r refs.Ref) error {
		q, err := s.QS.Quad(r)
		if err != nil {
			return err
		}
		return fn(q)
	})
}

// Explain returns the evidence behind subject predicate object: the stance
// statements (acc:actor, acc:predicate, acc:target) and fact statements
// (acc:subject, acc:predicate, acc:object) that state it. subject and
// object are IRIs; object may also be a literal's lexical form (a date).
func (s *Store) Explain(ctx context.Context, subject, predicate, object string) ([]Evidence, error) {
	var out []Evidence
	for _, role := range []string{schema.Actor, schema.SubjectP} {
		var nodes []quad.Value
		err := s.eachQuadWith(ctx, quad.Object, quad.IRI(subject), func(q quad.Quad) error {
			if string(FullQuad(q).Predicate.(quad.IRI)) == role {
				nodes = append(nodes, q.Subject)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		for _, n := range nodes {
			ev, props, err := s.statement(ctx, n)
			if err != nil {
				return nil, err
			}
			if props[schema.PredicateP] != predicate {
				continue
			}
			obj := props[schema.Target]
			if role == schema.SubjectP {
				obj = props[schema.ObjectP]
			}
			if obj != object {
				continue
			}
			out = append(out, ev)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Document != out[j].Document {
			return out[i].Document < out[j].Document
		}
		return out[i].SentenceStart < out[j].SentenceStart
	})
	return out, nil
}

// statement reads a statement node's properties.
func (s *Store) statement(ctx context.Context, n quad.Value) (Evidence, map[string]string, error) {
	ev := Evidence{Node: fmt.Sprint(n), SentenceStart: -1, TriggerStart: -1, TargetStart: -1, TargetEnd: -1}
	props := map[string]string{}
	err := s.eachQuadWith(ctx, quad.Subject, n, func(q quad.Quad) error {
		q = FullQuad(q)
		p := string(q.Predicate.(quad.IRI))
		var v string
		switch o := q.Object.(type) {
		case quad.IRI:
			v = string(o)
		case quad.LangString:
			v = string(o.Value)
		case quad.TypedString:
			v = string(o.Value)
		case quad.String:
			v = string(o)
		default:
			v = fmt.Sprint(o)
		}
		props[p] = v
		num := func() int {
			var x int
			fmt.Sscan(v, &x)
			return x
		}
		switch p {
		case schema.InDocument:
			ev.Document = v
		case schema.Paragraph:
			ev.Paragraph = num()
		case schema.Sentence:
			ev.Sentence = v
		case schema.Rule:
			ev.Rule = v
		case schema.TriggerP:
			ev.Trigger = v
		case schema.Negated:
			ev.Negated = v == "true"
		case schema.CharStart:
			ev.SentenceStart = num()
		case schema.TriggerStart:
			ev.TriggerStart = num()
		case schema.TargetStart:
			ev.TargetStart = num()
		case schema.TargetEnd:
			ev.TargetEnd = num()
		}
		return nil
	})
	return ev, props, err
}
