package extractors

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

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
	// Offset places a part of a large file read in parts (extract's
	// ExtractParts) in the whole text; zero for a text read whole.
	Offset PartOffset
}

// PartOffset says where a part of a large file lies in the whole text:
// what precedes it, and the header (the document's title and date line)
// read before it, which its quads leave out.
type PartOffset struct {
	// Parted is set on every part of a file read in parts.
	Parted bool
	// Part is the part's number, 0 for the first.
	Part int
	// Bytes, Runes and Lines count the whole text before the part, Paras
	// its body paragraphs.
	Bytes, Runes, Lines, Paras int
	// Header, HeaderRunes and HeaderLines measure the header.
	Header, HeaderRunes, HeaderLines int
}

// Advance moves the offset past a part whose text is s and which holds
// paras body paragraphs.
func (o *PartOffset) Advance(s string, paras int) {
	o.Bytes += len(s)
	o.Runes += utf8.RuneCountInString(s)
	o.Lines += strings.Count(s, "\n")
	o.Paras += paras
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
	// a part of a file read in parts: offsets and paragraph numbers in
	// the whole text; the header read before it stated nothing
	off := r.Offset
	ro := func(v int) int { return d.RuneOffset(v) - off.HeaderRunes + off.Runes }
	para := func(sent int) int {
		if n := d.ParagraphOf(sent).N; n > 0 {
			return n + off.Paras
		}
		return 0
	}
	inHeader := func(sent int) bool { return off.Part > 0 && d.TextOffset(d.Sentences[sent].Start) < off.Header }
	if off.Part == 0 {
		r.documentQuads(add)
	}
	r.entityQuads(add, lang)
	r.statementQuads(add, edge, seenNode, lang, ro, para, inHeader)
	return out
}

func (r *Result) documentQuads(add func(quad.Value, string, quad.Value)) {
	d := r.Doc
	doc := iri(r.DocIRI())
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
	if !r.Offset.Parted { // a parted file's hash is written after its last part
		sum := sha256.Sum256(d.Raw)
		add(doc, schema.ContentHash, quad.String(hex.EncodeToString(sum[:])))
	}
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
	for i := range d.Mentions {
		m := &d.Mentions[i]
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
}

func (r *Result) entityQuads(add func(quad.Value, string, quad.Value), lang string) {
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
}

func (r *Result) statementQuads(add func(quad.Value, string, quad.Value), edge func(s, p string, o quad.Value), seenNode map[string]bool,
	lang string, ro func(int) int, para func(int) int, inHeader func(int) bool) {
	d := r.Doc
	doc := iri(r.DocIRI())
	// stances
	stmts := append([]Statement(nil), d.Statements...)
	sort.SliceStable(stmts, func(i, j int) bool { return stmts[i].Trigger.Start < stmts[j].Trigger.Start })
	for _, st := range stmts {
		actor, target := d.Mentions[st.Actor], d.Mentions[st.Target]
		if actor.IRI == "" || target.IRI == "" || actor.IRI == target.IRI || inHeader(st.Sent) {
			continue
		}
		if st.Edge {
			edge(actor.IRI, st.Predicate, iri(target.IRI))
		}
		sent := d.Sentences[st.Sent]
		start := ro(sent.Start)
		nIRI := schema.StatementIRI(d.ID, ro(st.Trigger.Start), actor.IRI, st.Predicate, target.IRI)
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
		add(n, schema.Paragraph, quad.Int(para(st.Sent)))
		add(n, schema.CharStart, quad.Int(start))
		add(n, schema.CharEnd, quad.Int(ro(sent.End)))
		add(n, schema.TriggerP, quad.LangString{Value: quad.String(d.TextOf(st.Trigger)), Lang: lang})
		add(n, schema.TriggerStart, quad.Int(ro(st.Trigger.Start)))
		add(n, schema.TriggerEnd, quad.Int(ro(st.Trigger.End)))
		add(n, schema.TargetStart, quad.Int(ro(target.Start)))
		add(n, schema.TargetEnd, quad.Int(ro(target.End)))
		add(n, schema.Rule, quad.String(st.Rule))
		add(n, schema.InDocument, doc)
		if st.Negated {
			// not quad.Bool, which prints "True", no lexical form of xsd:boolean
			add(n, schema.Negated, quad.TypedString{Value: "true", Type: schema.XSDBoolean})
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
		if subj.IRI == "" || inHeader(f.Sent) {
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
		fIRI := schema.FactIRI(d.ID, ro(subj.Start), f.Predicate, obj.String())
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
		add(n, schema.Paragraph, quad.Int(para(f.Sent)))
		add(n, schema.CharStart, quad.Int(ro(sent.Start)))
		add(n, schema.CharEnd, quad.Int(ro(sent.End)))
		add(n, schema.SubjectStart, quad.Int(ro(subj.Start)))
		add(n, schema.SubjectEnd, quad.Int(ro(subj.End)))
		if f.Cue.End > f.Cue.Start {
			add(n, schema.TriggerP, quad.LangString{Value: quad.String(d.TextOf(f.Cue)), Lang: lang})
			add(n, schema.TriggerStart, quad.Int(ro(f.Cue.Start)))
			add(n, schema.TriggerEnd, quad.Int(ro(f.Cue.End)))
		}
		os := f.DateSpan
		if f.Object >= 0 {
			os = d.Mentions[f.Object].Span
		}
		if os.End > os.Start {
			add(n, schema.TargetStart, quad.Int(ro(os.Start)))
			add(n, schema.TargetEnd, quad.Int(ro(os.End)))
		}
		add(n, schema.Rule, quad.String(f.Rule))
		add(n, schema.InDocument, doc)
	}
}
