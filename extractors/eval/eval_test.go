package eval

import (
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/google/go-cmp/cmp"

	"github.com/accordkg/accord/schema"
)

const goldYAML = `document: d1
text: d1.txt
language: zh
entities:
  ms:   {type: Group, names: [成员国]}
  sco:  {type: Organization, names: [上海合作组织, 上合组织]}
  ch:   {type: Instrument, names: [上合组织宪章]}
  bish: {type: City, names: [比什凯克]}
  ini:  {type: Initiative, names: [某倡议], contains: [行为准则]}
relations:
  - [ms, reaffirms, ch]
  - [ch, signedIn, bish]
  - [ch, signedOn, "2002-06-07"]
  - [ms, [supports, advocates], sco]
`

func TestParseGold(t *testing.T) {
	g, err := ParseGold("x/d1.yaml", []byte(goldYAML))
	if err != nil {
		t.Fatal(err)
	}
	if g.Text != "x/d1.txt" || len(g.Entities) != 5 || len(g.Relations) != 4 {
		t.Fatalf("gold = %+v", g)
	}
	if r := g.Relations[2]; !r.Literal || r.Object != "2002-06-07" {
		t.Errorf("literal relation = %+v", r)
	}
	if r := g.Relations[3]; len(r.Predicates) != 2 {
		t.Errorf("alternatives = %+v", r)
	}
}

func TestParseGoldErrors(t *testing.T) {
	tests := []struct{ name, yaml, want string }{
		{"unknown top key", "document: d\nentities: {}\nnotes: x\n", "g.yaml:3:1: unknown key \"notes\" (allowed here: document, entities, language, relations, text)"},
		{"unknown entity key", "document: d\nentities:\n  a: {type: State, names: [甲], colour: red}\n", "g.yaml:3:32: unknown key \"colour\" (allowed here: contains, names, type)"},
		{"unknown type", "document: d\nentities:\n  a: {type: Planet, names: [甲]}\n", `g.yaml:3:13: entity a: unknown type "Planet"`},
		{"unknown subject", "document: d\nentities:\n  a: {type: State, names: [甲]}\nrelations:\n  - [b, supports, a]\n", `g.yaml:5:6: unknown subject "b"`},
		{"unknown predicate", "document: d\nentities:\n  a: {type: State, names: [甲]}\nrelations:\n  - [a, loves, a]\n", `g.yaml:5:9: unknown predicate "loves"`},
		{"unquoted unknown object", "document: d\nentities:\n  a: {type: State, names: [甲]}\nrelations:\n  - [a, supports, b]\n", `g.yaml:5:19: unknown object "b"`},
		{"not yaml", "document: [\n", "g.yaml:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseGold("g.yaml", []byte(tt.yaml))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestScore(t *testing.T) {
	g, err := ParseGold("d1.yaml", []byte(goldYAML))
	if err != nil {
		t.Fatal(err)
	}
	doc := quad.IRI(schema.DocIRI("d1"))
	other := quad.IRI(schema.DocIRI("d2"))
	ms, sco, sco2 := quad.IRI("e:ms"), quad.IRI("e:sco"), quad.IRI("e:sco2")
	ch, bish, x := quad.IRI("e:ch"), quad.IRI("e:bish"), quad.IRI("e:x")
	ini := quad.IRI("e:ini")
	typ := func(s quad.IRI, c string) quad.Quad {
		return quad.Quad{Subject: s, Predicate: quad.IRI(schema.Type), Object: quad.IRI(c), Label: doc}
	}
	lab := func(s quad.IRI, l string) quad.Quad {
		return quad.Quad{Subject: s, Predicate: quad.IRI(schema.Label), Object: quad.LangString{Value: quad.String(l), Lang: "zh"}, Label: doc}
	}
	rel := func(s quad.IRI, p string, o quad.Value) quad.Quad {
		return quad.Quad{Subject: s, Predicate: quad.IRI(p), Object: o, Label: doc}
	}
	qs := []quad.Quad{
		typ(ms, schema.Group), lab(ms, "成员国"),
		typ(sco, schema.Organization), lab(sco, "上合组织"),
		// the same organization split into a second node: a false positive
		typ(sco2, schema.Organization), lab(sco2, "上海合作组织"),
		// a subclass declared in the export counts as its class
		typ(ch, schema.NS+"Charter"), lab(ch, "《上合组织宪章》"),
		{Subject: quad.IRI(schema.NS + "Charter"), Predicate: quad.IRI(schema.SubClassOf), Object: quad.IRI(schema.Instrument), Label: doc},
		// matched by contains
		typ(ini, schema.Initiative), lab(ini, "关于制定行为准则的倡议"),
		// an entity the gold does not list
		typ(x, schema.State), lab(x, "乙国"),
		// the city is only typed in another document: not an entity of d1
		{Subject: bish, Predicate: quad.IRI(schema.Type), Object: quad.IRI(schema.City), Label: other},
		rel(ms, schema.Reaffirms, ch),
		rel(ms, schema.Advocates, sco),
		rel(ch, schema.SignedOn, quad.TypedString{Value: "2002-06-07", Type: quad.IRI(schema.XSDDate)}),
		rel(ms, schema.Welcomes, x),
		// a relation of another document does not count
		{Subject: ch, Predicate: quad.IRI(schema.SignedIn), Object: bish, Label: other},
	}
	rep := Score(g, qs)
	want := map[string]Count{
		"Group": {TP: 1}, "Organization": {TP: 1, FP: 1}, "Instrument": {TP: 1},
		"Initiative": {TP: 1}, "State": {FP: 1}, "City": {FN: 1},
	}
	got := map[string]Count{}
	for k, v := range rep.ByClass {
		got[k] = *v
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("by class (-want +got):\n%s", diff)
	}
	if rep.Entities != (Count{TP: 4, FP: 2, FN: 1}) {
		t.Errorf("entities = %+v", rep.Entities)
	}
	if rep.Relations != (Count{TP: 3, FP: 1, FN: 1}) {
		t.Errorf("relations = %+v", rep.Relations)
	}
	if f := rep.Relations.F1(); f < 0.749 || f > 0.751 {
		t.Errorf("relation F1 = %.3f, want 0.750", f)
	}
}

// FuzzParseGold parses arbitrary gold files: no panic, and every error
// names the file.
func FuzzParseGold(f *testing.F) {
	f.Add(goldYAML)
	f.Add("document: d\nentities:\n  a: {type: State, names: [甲]}\nrelations:\n  - [a, supports, \"2018\"]\n")
	f.Add("document: [\n")
	f.Fuzz(func(t *testing.T, s string) {
		_, err := ParseGold("g.yaml", []byte(s))
		if err != nil && !strings.Contains(err.Error(), "g.yaml") {
			t.Fatalf("error without the file name: %v", err)
		}
	})
}
