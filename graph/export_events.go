package graph

import (
	"bufio"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/accordkg/accord/schema"
)

func init() {
	RegisterExporter(Exporter{Name: "events", Ext: ".tsv", Write: WriteEvents})
}

// EventColumns are the columns of the events export, in order.
var EventColumns = []string{"date", "source", "target", "cameo", "plover", "mode", "document", "sentence_id", "sentence"}

// eventRow is one statement as an event.
type eventRow struct {
	actor, target, pred  string
	cameo, plover        string
	modes                []string
	doc, sentence        string
	para, start, trigger int
}

// WriteEvents writes one tab-separated row per statement node, with a
// header (EventColumns): the date of the meeting that issued the document
// (else the document's date), the CAMEO actor codes of the actor and the
// target (schema/data/gazetteer-codes/cameo.yaml; a state's ISO alpha-3
// code; the entity's IRI path, instrument/npt, when it has none), the statement's CAMEO code and PLOVER
// category, its modes (comma-separated), the document id, the sentence id
// (paragraph:character offset of the sentence) and the sentence's text.
// Rows are ordered by document and position.
func WriteEvents(w io.Writer, each func(fn func(quad.Quad) error) error) error {
	ev := schema.MustEvents()
	rows := map[string]*eventRow{}
	isStmt := map[string]bool{}
	published := map[string]string{}
	issued := map[string]string{}
	heldOn := map[string]string{}
	row := func(n string) *eventRow {
		r := rows[n]
		if r == nil {
			r = &eventRow{}
			rows[n] = r
		}
		return r
	}
	err := each(func(q quad.Quad) error {
		q = FullQuad(q)
		s := q.Subject.String()
		if i, ok := q.Subject.(quad.IRI); ok {
			s = string(i)
		}
		switch iriString(q.Predicate) {
		case schema.Type:
			if iriString(q.Object) == schema.Statement {
				isStmt[s] = true
			}
		case schema.Actor:
			row(s).actor = iriString(q.Object)
		case schema.Target:
			row(s).target = iriString(q.Object)
		case schema.PredicateP:
			row(s).pred = iriString(q.Object)
		case schema.CAMEO:
			row(s).cameo = literal(q.Object)
		case schema.PLOVER:
			row(s).plover = literal(q.Object)
		case schema.Mode:
			row(s).modes = append(row(s).modes, literal(q.Object))
		case schema.InDocument:
			row(s).doc = iriString(q.Object)
		case schema.Sentence:
			row(s).sentence = literal(q.Object)
		case schema.Paragraph:
			row(s).para = intOf(q.Object)
		case schema.CharStart:
			row(s).start = intOf(q.Object)
		case schema.TriggerStart:
			row(s).trigger = intOf(q.Object)
		case schema.DatePublished:
			published[s] = literal(q.Object)
		case schema.IssuedAt:
			issued[s] = iriString(q.Object)
		case schema.HeldOn:
			heldOn[s] = literal(q.Object)
		}
		return nil
	})
	if err != nil {
		return err
	}
	var keys []string
	for n := range rows {
		if isStmt[n] {
			keys = append(keys, n)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := rows[keys[i]], rows[keys[j]]
		switch {
		case a.doc != b.doc:
			return a.doc < b.doc
		case a.start != b.start:
			return a.start < b.start
		case a.trigger != b.trigger:
			return a.trigger < b.trigger
		}
		return keys[i] < keys[j]
	})
	bw := bufio.NewWriter(w)
	bw.WriteString(strings.Join(EventColumns, "\t") + "\n")
	for _, k := range keys {
		r := rows[k]
		code := schema.EventCode{CAMEO: r.cameo, PLOVER: r.plover}
		if code.CAMEO == "" {
			code = ev.PredicateCode(r.pred)
		}
		date := heldOn[issued[r.doc]]
		if date == "" {
			date = published[r.doc]
		}
		modes := append([]string(nil), r.modes...)
		sort.Strings(modes)
		cells := []string{date, actorCode(ev, r.actor), actorCode(ev, r.target), code.CAMEO, code.PLOVER,
			strings.Join(modes, ","), docID(r.doc), strconv.Itoa(r.para) + ":" + strconv.Itoa(r.start), r.sentence}
		for i, c := range cells {
			cells[i] = tsvCell(c)
		}
		bw.WriteString(strings.Join(cells, "\t") + "\n")
	}
	return bw.Flush()
}

// actorCode is an entity's CAMEO actor code, or when it has none (an
// instrument, a meeting, an unlisted body) its IRI path (instrument/npt),
// which no CAMEO code can be mistaken for.
func actorCode(ev *schema.Events, iri string) string {
	if c := ev.ActorCode(iri); c != "" {
		return c
	}
	if p, ok := strings.CutPrefix(iri, schema.Base+"id/"); ok {
		return p
	}
	return iri
}

// tsvCell keeps a cell on one line and in one column.
func tsvCell(s string) string {
	return strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(s)
}

// docID returns a document id from its IRI.
func docID(iri string) string {
	if id, ok := strings.CutPrefix(iri, schema.Base+"doc/"); ok {
		return id
	}
	return iri
}

func intOf(v quad.Value) int {
	switch o := v.(type) {
	case quad.Int:
		return int(o)
	}
	n, _ := strconv.Atoi(literal(v))
	return n
}
