package extractors

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"sort"

	"github.com/cayleygraph/quad"

	"github.com/accordkg/accord/schema"
)

// Result is what extraction made of one document: the document with its
// mentions, statements and facts, and the entities they resolve to.
type Result struct {
	Doc      *Document
	Entities []*Entity
	// Parts are the results of a bilingual text, one per language, the
	// main language first (JoinParts); empty for a text in one language.
	// Doc is then the first part's and Entities the union.
	Parts []*Result
}

// DocIRI returns the document's IRI.
func (r *Result) DocIRI() string { return schema.DocIRI(r.Doc.ID) }

func iri(s string) quad.IRI { return quad.IRI(s) }

// DateValue returns a date as a typed literal.
func DateValue(d Date) quad.Value {
	return quad.TypedString{Value: quad.String(d.Lexical()), Type: quad.IRI(d.Datatype())}
}

// Quads returns the document's graph: the document node, every entity with
// its type and labels, every stance as a direct edge and as a statement node
// with its evidence, and every fact; each quad labelled with the document's
// IRI. The order is deterministic. A bilingual text's graph is its parts'
// graphs, each quad once.
func (r *Result) Quads() []quad.Quad {
	if len(r.Parts) == 0 {
		return r.quads()
	}
	var out []quad.Quad
	seen := map[quad.Quad]bool{}
	for _, p := range r.Parts {
		for _, q := range p.quads() {
			if !seen[q] {
				seen[q] = true
				out = append(out, q)
			}
		}
	}
	return out
}

func (r *Result) quads() []quad.Quad {
	d := r.Doc
	doc := iri(r.DocIRI())
	var out []quad.Quad
	add := func(s quad.Value, p string, o quad.Value) {
		out = append(out, quad.Quad{Subject: s, Predicate: iri(p), Object: o, Label: doc})
	}
	// Entities, the document and each statement node are written once by
	// construction; edges and statement nodes can repeat (the same stance
	// in two sentences), so those are checked.
	seenEdge := map[[3]string]bool{}
	edge := func(s, p string, o quad.Value) {
		k := [3]string{s, p, o.String()}
		if !seenEdge[k] {
			seenEdge[k] = true
			add(iri(s), p, o)
		}
	}
	seenNode := map[string]bool{}
	lang := d.Lang
	// the document
	add(doc, schema.Type, iri(schema.Document))
	if d.TitleText != "" {
		add(doc, schema.Label, quad.LangString{Value: quad.String(schema.LabelForm(lang, d.TitleText)), Lang: lang})
	}
	add(doc, schema.Language, quad.String(lang))
	if d.Published != nil {
		add(doc, schema.DatePublished, DateValue(*d.Published))
	}
	if d.IssuedAt >= 0 {
		add(doc, schema.IssuedAt, iri(d.Mentions[d.IssuedAt].IRI))
	}
	sum := sha256.Sum256(d.Raw)
	add(doc, schema.ContentHash, quad.String(hex.EncodeToString(sum[:])))
	if d.Path != "" && d.Path != "-" {
		add(doc, schema.SourceFile, quad.String(filepath.Base(d.Path)))
	}
	// the document it translates (given), and the entities its title names
	// (build finds translations by them: same issuing meeting, same title
	// entities, another language)
	if d.TranslationOf != "" && d.TranslationOf != d.ID {
		add(doc, schema.TranslationOf, iri(schema.DocIRI(d.TranslationOf)))
	}
	titled := map[string]bool{}
	for _, m := range d.Mentions {
		if m.IRI == "" || m.Nested || m.Sent < 0 || d.Paragraphs[d.Sentences[m.Sent].Para].Kind != Title {
			continue
		}
		// a body's parent counts as named too (上海合作组织成员国元首理事会 names
		// the SCO as "Council of Heads of State of the SCO" does)
		ts := []string{m.IRI}
		if m.Entry != nil && m.Entry.Parent != "" {
			ts = append(ts, schema.EntityIRI(m.Entry.Class, m.Entry.Parent))
		}
		for _, t := range ts {
			if !titled[t] {
				titled[t] = true
				add(doc, schema.TitleEntity, iri(t))
			}
		}
	}
	// entities
	for _, e := range r.Entities {
		s := iri(e.IRI)
		add(s, schema.Type, iri(e.Class.IRI))
		add(s, schema.Label, quad.LangString{Value: quad.String(e.Label), Lang: lang})
		if e.English != "" && lang != "en" {
			add(s, schema.Label, quad.LangString{Value: quad.String(e.English), Lang: "en"})
		}
		for _, a := range e.Alt {
			add(s, schema.AltLabel, quad.LangString{Value: quad.String(a), Lang: lang})
		}
		for _, a := range e.AltEn {
			if lang != "en" {
				add(s, schema.AltLabel, quad.LangString{Value: quad.String(a), Lang: "en"})
			}
		}
		if e.Wikidata != "" {
			add(s, schema.SameAs, iri(schema.WikidataIRI(e.Wikidata)))
		}
	}
	// stances
	stmts := append([]Statement(nil), d.Statements...)
	sort.SliceStable(stmts, func(i, j int) bool { return stmts[i].Trigger.Start < stmts[j].Trigger.Start })
	for _, st := range stmts {
		actor, target := d.Mentions[st.Actor], d.Mentions[st.Target]
		if actor.IRI == "" || target.IRI == "" || actor.IRI == target.IRI {
			continue
		}
		if st.Edge {
			edge(actor.IRI, st.Predicate, iri(target.IRI))
		}
		sent := d.Sentences[st.Sent]
		start := d.RuneOffset(sent.Start)
		nIRI := schema.StatementIRI(d.ID, d.RuneOffset(st.Trigger.Start), actor.IRI, st.Predicate, target.IRI)
		if seenNode[nIRI] {
			continue
		}
		seenNode[nIRI] = true
		n := iri(nIRI)
		add(n, schema.Type, iri(schema.Statement))
		add(n, schema.Actor, iri(actor.IRI))
		add(n, schema.PredicateP, iri(st.Predicate))
		add(n, schema.Target, iri(target.IRI))
		add(n, schema.Sentence, quad.LangString{Value: quad.String(d.TextOf(sent.Span)), Lang: lang})
		add(n, schema.Paragraph, quad.Int(d.ParagraphOf(st.Sent).N))
		add(n, schema.CharStart, quad.Int(start))
		add(n, schema.CharEnd, quad.Int(d.RuneOffset(sent.End)))
		add(n, schema.TriggerP, quad.LangString{Value: quad.String(d.TextOf(st.Trigger)), Lang: lang})
		add(n, schema.TriggerStart, quad.Int(d.RuneOffset(st.Trigger.Start)))
		add(n, schema.TargetStart, quad.Int(d.RuneOffset(target.Start)))
		add(n, schema.TargetEnd, quad.Int(d.RuneOffset(target.End)))
		add(n, schema.Rule, quad.String(st.Rule))
		add(n, schema.InDocument, doc)
		if st.Negated {
			add(n, schema.Negated, quad.Bool(true))
		}
		// event code and modes (extractors.CodeEvents)
		if st.Code.CAMEO != "" {
			add(n, schema.CAMEO, quad.String(st.Code.CAMEO))
		}
		if st.Code.PLOVER != "" {
			add(n, schema.PLOVER, quad.String(st.Code.PLOVER))
		}
		for _, m := range st.Modes {
			add(n, schema.Mode, quad.String(m))
		}
	}
	// facts: the edge, and a fact statement node with its evidence and rule
	for _, f := range d.Facts {
		subj := d.Mentions[f.Subject]
		if subj.IRI == "" {
			continue
		}
		var obj quad.Value
		if f.Object < 0 {
			obj = DateValue(f.Date)
		} else {
			o := d.Mentions[f.Object].IRI
			if o == "" || o == subj.IRI {
				continue
			}
			obj = iri(o)
		}
		edge(subj.IRI, f.Predicate, obj)
		sent := d.Sentences[f.Sent]
		fIRI := schema.FactIRI(d.ID, d.RuneOffset(subj.Start), f.Predicate, obj.String())
		if seenNode[fIRI] {
			continue
		}
		seenNode[fIRI] = true
		n := iri(fIRI)
		add(n, schema.Type, iri(schema.FactStatement))
		add(n, schema.SubjectP, iri(subj.IRI))
		add(n, schema.PredicateP, iri(f.Predicate))
		add(n, schema.ObjectP, obj)
		add(n, schema.Sentence, quad.LangString{Value: quad.String(d.TextOf(sent.Span)), Lang: lang})
		add(n, schema.Paragraph, quad.Int(d.ParagraphOf(f.Sent).N))
		add(n, schema.CharStart, quad.Int(d.RuneOffset(sent.Start)))
		add(n, schema.CharEnd, quad.Int(d.RuneOffset(sent.End)))
		add(n, schema.SubjectStart, quad.Int(d.RuneOffset(subj.Start)))
		if f.Object >= 0 {
			om := d.Mentions[f.Object]
			add(n, schema.TargetStart, quad.Int(d.RuneOffset(om.Start)))
			add(n, schema.TargetEnd, quad.Int(d.RuneOffset(om.End)))
		}
		add(n, schema.Rule, quad.String(f.Rule))
		add(n, schema.InDocument, doc)
	}
	return out
}
