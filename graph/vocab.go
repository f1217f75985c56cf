package graph

import (
	"context"
	"sort"

	"github.com/cayleygraph/quad"

	"github.com/accordkg/accord/schema"
)

// VocabularyQuads returns the quads about accord's vocabulary that a store
// carries once, in the graph schema.VocabGraph: each stance predicate's
// CAMEO code and PLOVER category (acc:reaffirms acc:cameo "010"), from
// schema/data/events/events.yaml. Sorted.
func VocabularyQuads() []quad.Quad {
	ev := schema.MustEvents()
	label := quad.IRI(schema.VocabGraph)
	var out []quad.Quad
	names := make([]string, 0, len(ev.Predicates))
	for n := range ev.Predicates {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		p := quad.IRI(schema.StancePredicates[n])
		c := ev.Predicates[n]
		if c.CAMEO != "" {
			out = append(out, quad.Quad{Subject: p, Predicate: quad.IRI(schema.CAMEO), Object: quad.String(c.CAMEO), Label: label})
		}
		if c.PLOVER != "" {
			out = append(out, quad.Quad{Subject: p, Predicate: quad.IRI(schema.PLOVER), Object: quad.String(c.PLOVER), Label: label})
		}
	}
	return out
}

// WriteVocabulary makes the store's vocabulary graph exactly
// VocabularyQuads (nothing is written when it already is): build calls it
// once per run.
func (s *Store) WriteVocabulary(ctx context.Context) (WriteStats, error) {
	return s.ReplaceDocument(ctx, schema.VocabGraph, VocabularyQuads())
}

// TranslationLinks returns the acc:translationOf quads for a document about
// to be written (its quads qs, labelled doc): the documents of the store
// in another language issued at the same meeting whose titles name the
// same entities. Nothing when qs already names a translation (given with
// --translation-of) or the document has no issuing meeting.
func (s *Store) TranslationLinks(ctx context.Context, doc string, qs []quad.Quad) ([]quad.Quad, error) {
	var lang, issued string
	langs := 0
	titles := map[string]bool{}
	for _, q := range qs {
		if q.Subject == nil || q.Subject.String() != quad.IRI(doc).String() {
			continue
		}
		switch iriString(q.Predicate) {
		case schema.TranslationOf:
			return nil, nil
		case schema.Language:
			lang = literal(q.Object)
			langs++
		case schema.IssuedAt:
			issued = iriString(q.Object)
		case schema.TitleEntity:
			titles[iriString(q.Object)] = true
		}
	}
	// a bilingual page (two languages) is its own translation
	if issued == "" || len(titles) == 0 || langs > 1 {
		return nil, nil
	}
	// the documents issued at the same meeting (an index look-up on the
	// meeting: a build stays linear in the size of the store)
	there, err := s.DocumentsIssuedAt(ctx, issued)
	if err != nil {
		return nil, err
	}
	var cands []string
	for _, d := range there {
		if d != doc {
			cands = append(cands, d)
		}
	}
	var out []quad.Quad
	for _, c := range cands {
		var clang string
		clangs := 0
		ctitles := map[string]bool{}
		// the candidate's own quads, by the subject index (a label scan
		// reads the whole store on bolt)
		err := s.eachQuadWith(ctx, quad.Subject, quad.IRI(c), func(q quad.Quad) error {
			q = FullQuad(q)
			switch iriString(q.Predicate) {
			case schema.Language:
				clang = literal(q.Object)
				clangs++
			case schema.TitleEntity:
				ctitles[iriString(q.Object)] = true
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if clang == "" || clang == lang || clangs > 1 || !sameSet(titles, ctitles) {
			continue
		}
		out = append(out, quad.Quad{Subject: quad.IRI(doc), Predicate: quad.IRI(schema.TranslationOf), Object: quad.IRI(c), Label: quad.IRI(doc)})
	}
	return out, nil
}

func sameSet(a, b map[string]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

// literal returns the lexical text of a literal value.
func literal(v quad.Value) string {
	switch o := v.(type) {
	case quad.String:
		return string(o)
	case quad.LangString:
		return string(o.Value)
	case quad.TypedString:
		return string(o.Value)
	}
	if v == nil {
		return ""
	}
	return v.String()
}
