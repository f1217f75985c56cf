package graph

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/url"
	"sort"
	"strings"
	"sync"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/jsonld"
	"github.com/goccy/go-graphviz"
	"github.com/mattn/go-runewidth"

	"github.com/accordkg/accord/schema"
)

// The quad library registers writers for N-Quads, JSON-LD, GraphML and DOT
// (quad.FormatByName). accord writes N-Quads and JSON-LD through them; its
// GraphML and DOT are its own, because the library's write one node per
// IRI or literal and one edge per quad, with no labels, classes or
// predicate attributes (what Gephi, yEd and Graphviz users need), and
// would draw every statement node and offset literal. CSV and SVG have no
// writer there.
func init() {
	RegisterExporter(Exporter{Name: "jsonld", Ext: ".jsonld", Write: WriteJSONLD})
	RegisterExporter(Exporter{Name: "graphml", Ext: ".graphml", Write: entityWriter(writeGraphML)})
	RegisterExporter(Exporter{Name: "dot", Ext: ".dot", Write: entityWriter(writeDOT)})
	RegisterExporter(Exporter{Name: "csv", Ext: ".csv", Write: entityWriter(writeCSVStream)})
	RegisterExporter(Exporter{Name: "svg", Ext: ".svg", Write: entityWriter(writeSVG)})
}

// JSONLDContext returns the @context of accord's JSON-LD exports: one term
// per prefix of schema.Prefixes ("acc" → https://w3id.org/accord/ns#).
func JSONLDContext() map[string]any {
	ctx := make(map[string]any, len(schema.Prefixes))
	for _, p := range schema.Prefixes {
		ctx[strings.TrimSuffix(p.Prefix, ":")] = p.IRI
	}
	return map[string]any{"@context": ctx}
}

// WriteJSONLD writes quads as JSON-LD, compacted with JSONLDContext: one
// named graph per document, every quad kept (statement nodes too). The
// output is indented, with keys sorted, so the same graph gives the same
// bytes.
func WriteJSONLD(w io.Writer, each func(fn func(quad.Quad) error) error) error {
	var raw bytes.Buffer
	jw := quad.FormatByName("jsonld").Writer(&raw)
	jw.(*jsonld.Writer).SetLdContext(JSONLDContext()["@context"])
	if err := each(func(q quad.Quad) error { return jw.WriteQuad(FullQuad(q)) }); err != nil {
		return err
	}
	if err := jw.Close(); err != nil {
		return fmt.Errorf("jsonld: %w", err)
	}
	dec := json.NewDecoder(&raw)
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return fmt.Errorf("jsonld: %w", err)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// EntityGraph is the graph-shaped view of a set of quads that graph tools
// draw: the entities (nodes typed with one of schema.Classes) as nodes with
// their labels, class and literal facts (dates) as attributes, and the
// stance and fact relations between entities as edges. Documents and
// statement nodes are left out.
type EntityGraph struct {
	// Nodes are sorted by IRI.
	Nodes []EntityNode
	// Edges are sorted by source, predicate and target.
	Edges []EntityEdge
	// Attrs are the names of the literal attributes some node carries
	// (signedOn, heldOn…), sorted.
	Attrs []string
}

// EntityNode is one entity of an EntityGraph.
type EntityNode struct {
	IRI string
	// Label is the display name: the Chinese rdfs:label, else the English
	// one, else the IRI's last segment.
	Label string
	// LabelEN is the English rdfs:label, if any.
	LabelEN string
	// Class is the short name of the entity's class ("Instrument").
	Class string
	// Wikidata is the owl:sameAs Wikidata IRI, if any.
	Wikidata string
	// Attrs holds the literal-valued stance and fact predicates by short
	// name (signedOn → 2007-08-16); several values are joined by "; ".
	Attrs map[string]string
}

// EntityEdge is one relation between two entities of an EntityGraph.
type EntityEdge struct {
	Source, Target string // IRIs
	// Predicate is the predicate's short name ("reaffirms").
	Predicate string
	// Kind is "stance" or "fact".
	Kind string
	// Documents are the IRIs of the documents that state it, sorted.
	Documents []string
}

// BuildEntityGraph reads quads (full IRIs) into an EntityGraph.
func BuildEntityGraph(each func(fn func(quad.Quad) error) error) (*EntityGraph, error) {
	type labels struct{ zh, en, other string }
	class := map[string]int{} // IRI → index in schema.Classes (smallest wins)
	lab := map[string]*labels{}
	wd := map[string]string{}
	attrs := map[string]map[string][]string{}
	type ekey struct{ s, p, o string }
	edges := map[ekey]map[string]bool{}
	keep := func(cur *string, v string) {
		if *cur == "" || v < *cur {
			*cur = v
		}
	}
	err := each(func(q quad.Quad) error {
		q = FullQuad(q)
		s, ok := q.Subject.(quad.IRI)
		if !ok {
			return nil
		}
		p := iriString(q.Predicate)
		subj := string(s)
		switch {
		case p == schema.Type:
			for i, c := range schema.Classes {
				if c.IRI == iriString(q.Object) {
					if j, ok := class[subj]; !ok || i < j {
						class[subj] = i
					}
				}
			}
		case p == schema.Label:
			l := lab[subj]
			if l == nil {
				l = &labels{}
				lab[subj] = l
			}
			switch o := q.Object.(type) {
			case quad.LangString:
				switch o.Lang {
				case "zh":
					keep(&l.zh, string(o.Value))
				case "en":
					keep(&l.en, string(o.Value))
				default:
					keep(&l.other, string(o.Value))
				}
			case quad.String:
				keep(&l.other, string(o))
			}
		case p == schema.SameAs:
			if o := iriString(q.Object); strings.HasPrefix(o, schema.Wikidata) {
				cur := wd[subj]
				keep(&cur, o)
				wd[subj] = cur
			}
		case schema.IsScoredPredicate(p):
			name := schema.ShortName(p)
			if o, ok := q.Object.(quad.IRI); ok {
				k := ekey{subj, name, string(o)}
				if edges[k] == nil {
					edges[k] = map[string]bool{}
				}
				if d := iriString(q.Label); d != "" {
					edges[k][d] = true
				}
				return nil
			}
			if attrs[subj] == nil {
				attrs[subj] = map[string][]string{}
			}
			attrs[subj][name] = append(attrs[subj][name], literalText(q.Object))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	g := &EntityGraph{}
	used := map[string]bool{}
	for iri, ci := range class {
		n := EntityNode{IRI: iri, Class: schema.Classes[ci].Name, Wikidata: wd[iri]}
		if l := lab[iri]; l != nil {
			n.LabelEN = l.en
			n.Label = firstNonEmpty(l.zh, l.en, l.other)
		}
		if n.Label == "" {
			n.Label = lastSegment(iri)
		}
		for name, vs := range attrs[iri] {
			if n.Attrs == nil {
				n.Attrs = map[string]string{}
			}
			sort.Strings(vs)
			n.Attrs[name] = strings.Join(dedupe(vs), "; ")
			used[name] = true
		}
		g.Nodes = append(g.Nodes, n)
	}
	sort.Slice(g.Nodes, func(i, j int) bool { return g.Nodes[i].IRI < g.Nodes[j].IRI })
	for k, docs := range edges {
		if _, ok := class[k.s]; !ok {
			continue
		}
		if _, ok := class[k.o]; !ok {
			continue
		}
		e := EntityEdge{Source: k.s, Target: k.o, Predicate: k.p, Kind: "fact"}
		if _, ok := schema.StancePredicates[k.p]; ok {
			e.Kind = "stance"
		}
		for d := range docs {
			e.Documents = append(e.Documents, d)
		}
		sort.Strings(e.Documents)
		g.Edges = append(g.Edges, e)
	}
	sort.Slice(g.Edges, func(i, j int) bool {
		a, b := g.Edges[i], g.Edges[j]
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		if a.Predicate != b.Predicate {
			return a.Predicate < b.Predicate
		}
		return a.Target < b.Target
	})
	for name := range used {
		g.Attrs = append(g.Attrs, name)
	}
	sort.Strings(g.Attrs)
	return g, nil
}

// entityWriter adapts a writer of EntityGraphs to Exporter.Write.
func entityWriter(fn func(w io.Writer, g *EntityGraph) error) func(io.Writer, func(func(quad.Quad) error) error) error {
	return func(w io.Writer, each func(fn func(quad.Quad) error) error) error {
		g, err := BuildEntityGraph(each)
		if err != nil {
			return err
		}
		return fn(w, g)
	}
}

// literalText is the lexical form of a literal.
func literalText(v quad.Value) string {
	switch o := v.(type) {
	case quad.String:
		return string(o)
	case quad.LangString:
		return string(o.Value)
	case quad.TypedString:
		return string(o.Value)
	case quad.TypedStringer:
		return string(o.TypedString().Value)
	}
	return fmt.Sprint(v)
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

func dedupe(sorted []string) []string {
	out := sorted[:0]
	for i, s := range sorted {
		if i == 0 || s != sorted[i-1] {
			out = append(out, s)
		}
	}
	return out
}

// lastSegment is the part of an IRI after its last / or #, unescaped.
func lastSegment(iri string) string {
	s := iri[strings.LastIndexAny(iri, "/#")+1:]
	if u, err := url.PathUnescape(s); err == nil {
		s = u
	}
	if s == "" {
		return iri
	}
	return s
}

// style is how one class or predicate is drawn.
type style struct {
	Color  string // fill colour of a class, line colour of a predicate
	Shape  string // Graphviz node shape; edge style for predicates
	YShape string
}

// classStyles gives each entity class its colour and shape.
var classStyles = map[string]style{
	"State":        {"#8dd3c7", "ellipse", "ellipse"},
	"Organization": {"#80b1d3", "box", "roundrectangle"},
	"Group":        {"#bebada", "hexagon", "hexagon"},
	"Instrument":   {"#fdb462", "note", "rectangle"},
	"Meeting":      {"#b3de69", "octagon", "octagon"},
	"Initiative":   {"#fccde5", "parallelogram", "parallelogram"},
	"City":         {"#ffffb3", "house", "trapezoid"},
}

// predicateColors gives each stance and fact predicate its colour; stances
// are drawn solid, facts dashed.
var predicateColors = map[string]string{
	"reaffirms": "#1b9e77", "welcomes": "#66a61e", "supports": "#1f78b4",
	"commends": "#e6ab02", "condemns": "#e31a1c", "opposes": "#fb9a99",
	"notes": "#999999", "emphasizes": "#7570b3", "advocates": "#a6761d",
	"callsFor": "#d95f02", "adheresTo": "#386cb0", "considers": "#bf5b17",
	"expressesConcern": "#f0027f", "adopts": "#33a02c", "intends": "#6a3d9a",
	"signedIn": "#8c510a", "signedOn": "#8c510a", "heldIn": "#01665e",
	"heldOn": "#01665e", "endedOn": "#01665e", "proposedBy": "#c51b7d",
	"proposedAt": "#de77ae", "adoptedAt": "#4d9221", "memberOf": "#2166ac",
	"locatedIn": "#525252",
}

func classStyle(c string) style {
	if s, ok := classStyles[c]; ok {
		return s
	}
	return style{"#dddddd", "box", "rectangle"}
}

func predicateStyle(e EntityEdge) (color, line string) {
	color = predicateColors[e.Predicate]
	if color == "" {
		color = "#000000"
	}
	if e.Kind == "fact" {
		return color, "dashed"
	}
	return color, "solid"
}

// errWriter remembers the first write error.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, a ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, a...)
	}
}

func xmlText(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s)) // a strings.Builder does not fail
	return b.String()
}

// graphMLKey is one declared GraphML attribute.
type graphMLKey struct {
	ID, For, Name, Type string
}

// writeGraphML writes an EntityGraph as GraphML that Gephi and yEd open:
// every attribute is declared as a <key> (label, class, iri, labelEn,
// wikidata, the literal facts; r, g, b for Gephi's node colours; predicate,
// relation, documents on edges; label on both, which Gephi shows), and yEd
// graphics (a shape and colour per class, the label on the node, the
// predicate on the edge).
func writeGraphML(w io.Writer, g *EntityGraph) error {
	nodeKeys := []graphMLKey{
		{"label", "node", "label", "string"},
		{"class", "node", "class", "string"},
		{"iri", "node", "iri", "string"},
		{"labelEn", "node", "labelEn", "string"},
		{"wikidata", "node", "wikidata", "string"},
	}
	for _, a := range g.Attrs {
		nodeKeys = append(nodeKeys, graphMLKey{"a_" + a, "node", a, "string"})
	}
	nodeKeys = append(nodeKeys,
		graphMLKey{"r", "node", "r", "int"}, graphMLKey{"g", "node", "g", "int"}, graphMLKey{"b", "node", "b", "int"})
	edgeKeys := []graphMLKey{
		{"elabel", "edge", "label", "string"},
		{"predicate", "edge", "predicate", "string"},
		{"relation", "edge", "relation", "string"},
		{"documents", "edge", "documents", "string"},
	}
	ew := &errWriter{w: w}
	ew.printf(`<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:y="http://www.yworks.com/xml/graphml" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd">
`)
	for _, k := range append(nodeKeys, edgeKeys...) {
		ew.printf("  <key id=%q for=%q attr.name=%q attr.type=%q/>\n", k.ID, k.For, k.Name, k.Type)
	}
	ew.printf("  <key id=\"ng\" for=\"node\" yfiles.type=\"nodegraphics\"/>\n")
	ew.printf("  <key id=\"eg\" for=\"edge\" yfiles.type=\"edgegraphics\"/>\n")
	ew.printf("  <graph id=\"accord\" edgedefault=\"directed\">\n")
	ids := make(map[string]string, len(g.Nodes))
	col := map[string]int{}
	row := map[string]int{}
	for i, c := range schema.Classes {
		col[c.Name] = i
	}
	data := func(key, v string) {
		if v != "" {
			ew.printf("      <data key=%q>%s</data>\n", key, xmlText(v))
		}
	}
	for i, n := range g.Nodes {
		id := fmt.Sprintf("n%d", i)
		ids[n.IRI] = id
		st := classStyle(n.Class)
		ew.printf("    <node id=%q>\n", id)
		data("label", n.Label)
		data("class", n.Class)
		data("iri", n.IRI)
		data("labelEn", n.LabelEN)
		data("wikidata", n.Wikidata)
		for _, a := range g.Attrs {
			data("a_"+a, n.Attrs[a])
		}
		var r, gr, b int
		fmt.Sscanf(st.Color, "#%02x%02x%02x", &r, &gr, &b)
		data("r", fmt.Sprint(r))
		data("g", fmt.Sprint(gr))
		data("b", fmt.Sprint(b))
		width := 20 + 7*TextWidth(n.Label)
		x, y := 320*col[n.Class], 50*row[n.Class]
		row[n.Class]++
		ew.printf("      <data key=\"ng\"><y:ShapeNode><y:Geometry x=\"%d\" y=\"%d\" width=\"%d\" height=\"30\"/><y:Fill color=%q/><y:BorderStyle color=\"#555555\" type=\"line\" width=\"1.0\"/><y:NodeLabel>%s</y:NodeLabel><y:Shape type=%q/></y:ShapeNode></data>\n",
			x, y, width, st.Color, xmlText(n.Label), st.YShape)
		ew.printf("    </node>\n")
	}
	for i, e := range g.Edges {
		color, line := predicateStyle(e)
		ew.printf("    <edge id=\"e%d\" source=%q target=%q>\n", i, ids[e.Source], ids[e.Target])
		data("elabel", e.Predicate)
		data("predicate", "acc:"+e.Predicate)
		data("relation", e.Kind)
		data("documents", strings.Join(e.Documents, " "))
		ew.printf("      <data key=\"eg\"><y:PolyLineEdge><y:LineStyle color=%q type=%q width=\"1.0\"/><y:Arrows source=\"none\" target=\"standard\"/><y:EdgeLabel>%s</y:EdgeLabel></y:PolyLineEdge></data>\n",
			color, line, xmlText(e.Predicate))
		ew.printf("    </edge>\n")
	}
	ew.printf("  </graph>\n</graphml>\n")
	return ew.err
}

// dotQuote quotes s as a DOT string.
func dotQuote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", "")
	return `"` + r.Replace(s) + `"`
}

// writeDOT writes an EntityGraph as Graphviz DOT: one shape and colour per
// class, one colour per predicate (stances solid, facts dashed), the label
// on each node and the predicate on each edge; the IRI, class, English
// label, Wikidata IRI and literal facts are kept as node attributes (and in
// the tooltip, which SVG viewers show).
func writeDOT(w io.Writer, g *EntityGraph) error {
	ew := &errWriter{w: w}
	ew.printf("digraph accord {\n")
	ew.printf("  graph [rankdir=LR, fontname=\"sans-serif\"];\n")
	ew.printf("  node [style=filled, fontname=\"Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, sans-serif\", fontsize=10, color=\"#555555\"];\n")
	ew.printf("  edge [fontname=\"sans-serif\", fontsize=8];\n")
	byClass := map[string][]EntityNode{}
	for _, n := range g.Nodes {
		byClass[n.Class] = append(byClass[n.Class], n)
	}
	var classes []string
	for c := range byClass {
		classes = append(classes, c)
	}
	sort.Strings(classes)
	for _, c := range classes {
		st := classStyle(c)
		ew.printf("\n  // %s\n", c)
		for _, n := range byClass[c] {
			tip := []string{n.IRI}
			attrs := []string{
				"label=" + dotQuote(wrapText(n.Label, 24)),
				"shape=" + st.Shape,
				"fillcolor=" + dotQuote(st.Color),
				"entity_class=" + dotQuote(n.Class),
				"iri=" + dotQuote(n.IRI),
			}
			if n.LabelEN != "" {
				attrs = append(attrs, "label_en="+dotQuote(n.LabelEN))
				tip = append(tip, n.LabelEN)
			}
			if n.Wikidata != "" {
				attrs = append(attrs, "wikidata="+dotQuote(n.Wikidata))
			}
			for _, a := range g.Attrs {
				if v := n.Attrs[a]; v != "" {
					attrs = append(attrs, a+"="+dotQuote(v))
					tip = append(tip, a+" "+v)
				}
			}
			attrs = append(attrs, "tooltip="+dotQuote(strings.Join(tip, "\n")))
			ew.printf("  %s [%s];\n", dotQuote(n.IRI), strings.Join(attrs, ", "))
		}
	}
	if len(g.Edges) > 0 {
		ew.printf("\n")
	}
	for _, e := range g.Edges {
		color, line := predicateStyle(e)
		ew.printf("  %s -> %s [label=%s, predicate=%s, relation=%s, color=%s, fontcolor=%s, style=%s];\n",
			dotQuote(e.Source), dotQuote(e.Target), dotQuote(e.Predicate), dotQuote("acc:"+e.Predicate),
			dotQuote(e.Kind), dotQuote(color), dotQuote(color), line)
	}
	ew.printf("}\n")
	return ew.err
}

// wrapText breaks s into lines of at most width terminal cells where it
// can: between words, or between two Chinese characters.
func wrapText(s string, width int) string {
	var lines []string
	var line strings.Builder
	lw := 0
	flush := func() {
		if line.Len() > 0 {
			lines = append(lines, strings.TrimSpace(line.String()))
			line.Reset()
			lw = 0
		}
	}
	for _, tok := range wrapTokens(s) {
		tw := TextWidth(tok)
		if lw > 0 && lw+tw > width && strings.TrimSpace(tok) != "" {
			flush()
		}
		if lw == 0 && strings.TrimSpace(tok) == "" {
			continue
		}
		line.WriteString(tok)
		lw += tw
	}
	flush()
	return strings.Join(lines, "\n")
}

// wrapTokens splits s into words (with the space after them) and wide
// characters, the units wrapText keeps whole.
func wrapTokens(s string) []string {
	var toks []string
	start := -1
	for i, r := range s {
		wide := widths.RuneWidth(r) == 2
		switch {
		case wide || r == ' ':
			if start >= 0 {
				toks = append(toks, s[start:i])
				start = -1
			}
			toks = append(toks, string(r))
		case start < 0:
			start = i
		}
	}
	if start >= 0 {
		toks = append(toks, s[start:])
	}
	return toks
}

// graphvizMu serializes go-graphviz, whose WebAssembly module is shared by
// the whole process.
var graphvizMu sync.Mutex

// writeSVG renders an EntityGraph's DOT as SVG with go-graphviz (Graphviz
// compiled to WebAssembly, in process: no system Graphviz is needed).
func writeSVG(w io.Writer, g *EntityGraph) error {
	var dot bytes.Buffer
	if err := writeDOT(&dot, g); err != nil {
		return err
	}
	return RenderDOT(context.Background(), w, dot.Bytes(), "svg")
}

// RenderDOT lays out a DOT graph with the dot layout and renders it in
// format ("svg", or "dot" for DOT with positions) with go-graphviz. (Its
// "png" renderer fills the edges' curves: use SVG.)
func RenderDOT(ctx context.Context, w io.Writer, dot []byte, format string) (err error) {
	graphvizMu.Lock()
	defer graphvizMu.Unlock()
	gv, err := graphviz.New(ctx)
	if err != nil {
		return fmt.Errorf("graphviz: %w", err)
	}
	defer func() {
		if cerr := gv.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("graphviz: %w", cerr)
		}
	}()
	gr, err := graphviz.ParseBytes(dot)
	if err != nil {
		return fmt.Errorf("graphviz: parsing DOT: %w", err)
	}
	defer func() {
		if cerr := gr.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("graphviz: %w", cerr)
		}
	}()
	if err := gv.Render(ctx, gr, graphviz.Format(format), w); err != nil {
		return fmt.Errorf("graphviz: rendering %s: %w", format, err)
	}
	return nil
}

// CSV files of an EntityGraph, with the column names Gephi's spreadsheet
// import recognizes (Id, Label; Source, Target, Type, Label).
var (
	csvNodeColumns = []string{"Id", "Label", "Class", "LabelEn", "Wikidata"}
	csvEdgeColumns = []string{"Source", "Target", "Type", "Label", "Predicate", "Relation", "Documents"}
)

// WriteCSV writes an EntityGraph as two CSV tables: nodes (Id, Label,
// Class, LabelEn, Wikidata, then one column per literal attribute) and
// edges (Source, Target, Type, Label, Predicate, Relation, Documents).
func WriteCSV(nodes, edges io.Writer, g *EntityGraph) error {
	nw := csv.NewWriter(nodes)
	nw.Write(append(append([]string{}, csvNodeColumns...), g.Attrs...))
	for _, n := range g.Nodes {
		rec := []string{n.IRI, n.Label, n.Class, n.LabelEN, n.Wikidata}
		for _, a := range g.Attrs {
			rec = append(rec, n.Attrs[a])
		}
		nw.Write(rec)
	}
	nw.Flush()
	if err := nw.Error(); err != nil {
		return err
	}
	ew := csv.NewWriter(edges)
	ew.Write(csvEdgeColumns)
	for _, e := range g.Edges {
		ew.Write([]string{e.Source, e.Target, "Directed", e.Predicate, "acc:" + e.Predicate, e.Kind, strings.Join(e.Documents, " ")})
	}
	ew.Flush()
	return ew.Error()
}

// CSVNodesHeader and CSVEdgesHeader introduce the two tables when the csv
// export goes to one stream; a blank line separates them.
const (
	CSVNodesHeader = "# nodes.csv"
	CSVEdgesHeader = "# edges.csv"
)

// writeCSVStream writes both CSV tables to one stream: "# nodes.csv", the
// nodes table, a blank line, "# edges.csv", the edges table.
func writeCSVStream(w io.Writer, g *EntityGraph) error {
	var nodes, edges bytes.Buffer
	if err := WriteCSV(&nodes, &edges, g); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "%s\n%s\n%s\n%s", CSVNodesHeader, nodes.Bytes(), CSVEdgesHeader, edges.Bytes())
	return err
}

// EntityGraph reads the store's quads (one document's when doc is an id or
// IRI) into an EntityGraph.
func (s *Store) EntityGraph(ctx context.Context, doc string) (*EntityGraph, error) {
	doc = schema.DocRef(doc)
	n := 0
	g, err := BuildEntityGraph(func(fn func(quad.Quad) error) error {
		return s.EachQuad(ctx, doc, func(q quad.Quad) error { n++; return fn(q) })
	})
	if err == nil && doc != "" && n == 0 {
		return nil, &NoDocumentError{Doc: doc}
	}
	return g, err
}

// widths measures text in terminal cells: a Chinese character takes two,
// whatever the locale, so that tables are the same everywhere.
var widths = &runewidth.Condition{EastAsianWidth: false}

// TextWidth returns the number of terminal cells s takes.
func TextWidth(s string) int { return widths.StringWidth(s) }

// TableOptions say how WriteTable lays out query results.
type TableOptions struct {
	// Columns, when set, are the columns to show, in order.
	Columns []string
	// Query is the query's text: without Columns, the columns are the
	// tags in the order the query first names them.
	Query string
}

// WriteTable writes query results (as Store.Query returns them) as a table
// with aligned columns, Chinese characters counted two cells wide. A node
// with an rdfs:label is shown by its label (Chinese, else English), other
// IRIs by their prefixed form (acc:reaffirms), literals by their lexical
// form. The columns are the result's tags in the order the query names
// them; "id", the node where the path ends, is shown only when the query
// has no tags or names it. Rows are sorted by their cells, left to right
// (numbers as numbers), so the same graph gives the same table whatever the
// store's order. A last line counts the rows.
func (s *Store) WriteTable(ctx context.Context, w io.Writer, results []any, o TableOptions) error {
	rows := make([]map[string]any, 0, len(results))
	keys := map[string]bool{}
	for _, r := range results {
		if r == nil {
			continue // a Gizmo value that is not a result (a path left unrun)
		}
		m, ok := r.(map[string]any)
		if !ok {
			m = map[string]any{"value": r}
		}
		for k := range m {
			keys[k] = true
		}
		rows = append(rows, m)
	}
	cols := o.Columns
	if len(cols) == 0 {
		cols = tableColumns(o.Query, keys)
	}
	var iris []string
	for _, m := range rows {
		for _, c := range cols {
			collectIRIs(m[c], &iris)
		}
	}
	names, err := s.Labels(ctx, iris)
	if err != nil {
		return err
	}
	type cell struct {
		text string
		num  float64
		isN  bool
	}
	table := make([][]cell, len(rows))
	for i, m := range rows {
		table[i] = make([]cell, len(cols))
		for j, c := range cols {
			v := m[c]
			t := cellText(v, names)
			cl := cell{text: t}
			switch x := v.(type) {
			case int, int64, float64, int32, float32:
				cl.num, cl.isN = toFloat(x), true
			}
			table[i][j] = cl
		}
	}
	sort.SliceStable(table, func(a, b int) bool {
		for j := range cols {
			x, y := table[a][j], table[b][j]
			if x.isN && y.isN {
				if x.num != y.num {
					return x.num < y.num
				}
				continue
			}
			if x.text != y.text {
				return x.text < y.text
			}
		}
		return false
	})
	wd := make([]int, len(cols))
	for j, c := range cols {
		wd[j] = TextWidth(c)
	}
	for _, r := range table {
		for j, c := range r {
			wd[j] = max(wd[j], TextWidth(c.text))
		}
	}
	ew := &errWriter{w: w}
	line := func(cells []string) {
		var b strings.Builder
		for j, c := range cells {
			if j > 0 {
				b.WriteString("  ")
			}
			b.WriteString(c)
			if j < len(cells)-1 {
				b.WriteString(strings.Repeat(" ", wd[j]-TextWidth(c)))
			}
		}
		ew.printf("%s\n", strings.TrimRight(b.String(), " "))
	}
	if len(cols) > 0 {
		line(cols)
		rule := make([]string, len(cols))
		for j := range cols {
			rule[j] = strings.Repeat("-", wd[j])
		}
		line(rule)
	}
	for _, r := range table {
		cells := make([]string, len(r))
		for j, c := range r {
			cells[j] = c.text
		}
		line(cells)
	}
	if len(table) == 1 {
		ew.printf("(1 row)\n")
	} else {
		ew.printf("(%d rows)\n", len(table))
	}
	return ew.err
}

func toFloat(v any) float64 {
	switch x := v.(type) {
	case int:
		return float64(x)
	case int32:
		return float64(x)
	case int64:
		return float64(x)
	case float32:
		return float64(x)
	case float64:
		return x
	}
	return 0
}

// tableColumns orders the result keys by where the query first names them
// (as a quoted string or an object key, outside comments); keys it does not
// name follow, sorted; "id" only when nothing else is there.
func tableColumns(query string, keys map[string]bool) []string {
	code := stripComments(query)
	type col struct {
		name string
		at   int
	}
	var named, rest []col
	for k := range keys {
		at := -1
		for _, form := range []string{`"` + k + `"`, `'` + k + `'`} {
			if i := strings.Index(code, form); i >= 0 && (at < 0 || i < at) {
				at = i
			}
		}
		if i := objectKeyIndex(code, k); i >= 0 && (at < 0 || i < at) {
			at = i
		}
		if at >= 0 {
			named = append(named, col{k, at})
		} else {
			rest = append(rest, col{k, 0})
		}
	}
	sort.Slice(named, func(i, j int) bool {
		if named[i].at != named[j].at {
			return named[i].at < named[j].at
		}
		return named[i].name < named[j].name
	})
	sort.Slice(rest, func(i, j int) bool { return rest[i].name < rest[j].name })
	var out []string
	for _, c := range named {
		out = append(out, c.name)
	}
	for _, c := range rest {
		if c.name == "id" && len(keys) > 1 {
			continue
		}
		out = append(out, c.name)
	}
	return out
}

// objectKeyIndex finds k used as an object key ("k:" after "{" or ",").
func objectKeyIndex(code, k string) int {
	for from := 0; ; {
		i := strings.Index(code[from:], k)
		if i < 0 {
			return -1
		}
		i += from
		from = i + len(k)
		before := strings.TrimRight(code[:i], " \t\r\n")
		after := strings.TrimLeft(code[i+len(k):], " \t\r\n")
		if (strings.HasSuffix(before, "{") || strings.HasSuffix(before, ",")) && strings.HasPrefix(after, ":") {
			return i
		}
	}
}

// stripComments blanks the // and /* */ comments of JavaScript source,
// leaving string literals alone.
func stripComments(src string) string {
	b := []byte(src)
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case c == '"' || c == '\'' || c == '`':
			for i++; i < len(b) && b[i] != c; i++ {
				if b[i] == '\\' {
					i++
				}
			}
		case c == '/' && i+1 < len(b) && b[i+1] == '/':
			for ; i < len(b) && b[i] != '\n'; i++ {
				b[i] = ' '
			}
		case c == '/' && i+1 < len(b) && b[i+1] == '*':
			end := bytes.Index(b[i+2:], []byte("*/"))
			stop := len(b)
			if end >= 0 {
				stop = i + 2 + end + 2
			}
			for ; i < stop; i++ {
				if b[i] != '\n' {
					b[i] = ' '
				}
			}
			i--
		}
	}
	return string(b)
}

// collectIRIs appends the IRIs in a result value.
func collectIRIs(v any, out *[]string) {
	switch x := v.(type) {
	case string:
		if iri, ok := iriOf(x); ok {
			*out = append(*out, iri)
		}
	case []any:
		for _, e := range x {
			collectIRIs(e, out)
		}
	case map[string]any:
		for _, e := range x {
			collectIRIs(e, out)
		}
	}
}

// iriOf returns the IRI of a result string written <iri>.
func iriOf(s string) (string, bool) {
	if len(s) < 3 || s[0] != '<' || s[len(s)-1] != '>' {
		return "", false
	}
	inner := s[1 : len(s)-1]
	if strings.ContainsAny(inner, " \t\n<>") {
		return "", false
	}
	return schema.ExpandIRI(inner), true
}

// cellText is how a result value is shown in a table.
func cellText(v any, names map[string]string) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		if iri, ok := iriOf(x); ok {
			if n, ok := names[iri]; ok {
				return n
			}
			return CompactIRI(iri)
		}
		if strings.HasPrefix(x, `"`) {
			if qv := quad.StringToValue(x); qv != nil {
				if _, isIRI := qv.(quad.IRI); !isIRI {
					return literalText(qv)
				}
			}
		}
		return x
	case float64:
		if x == float64(int64(x)) {
			return fmt.Sprint(int64(x))
		}
		return fmt.Sprint(x)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = cellText(e, names)
		}
		return strings.Join(parts, ", ")
	case map[string]any:
		b, err := json.Marshal(x)
		if err != nil {
			return fmt.Sprint(x)
		}
		return string(b)
	case quad.Value:
		return literalText(x)
	}
	return fmt.Sprint(v)
}
