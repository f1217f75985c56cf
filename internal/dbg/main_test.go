package dbg

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/accordkg/accord/extractors/eval"
	"github.com/accordkg/accord/extractors/extract"
	"github.com/accordkg/accord/schema"
)

func TestDump(t *testing.T) {
	r, err := schema.LoadBuiltin()
	if err != nil {
		t.Fatal(err)
	}
	x := extract.New(r)
	res, err := x.ExtractFile(context.Background(), "/work/shared/corpus/qingdao-2018.zh.txt", extract.Input{})
	if err != nil {
		t.Fatal(err)
	}
	d := res.Doc
	f, _ := os.Create("/tmp/dbg/out.txt")
	defer f.Close()
	fmt.Fprintf(f, "org=%v issued=%d\n", d.Org != nil, d.IssuedAt)
	for i, m := range d.Mentions {
		fmt.Fprintf(f, "M%d %s %q key=%s nested=%v ctx=%s rule=%s iri=%s\n", i, m.Class.Name, d.TextOf(m.Span), m.Key, m.Nested, m.Contextual, m.Rule, m.IRI)
	}
	for _, dt := range d.Dates {
		fmt.Fprintf(f, "D %q %s %v\n", d.TextOf(dt.Span), dt.From.Lexical(), dt.To)
	}
	for _, s := range d.Statements {
		fmt.Fprintf(f, "S %s %s %s [%s] neg=%v\n", d.TextOf(d.Mentions[s.Actor].Span), s.Predicate[26:], d.TextOf(d.Mentions[s.Target].Span), s.Rule, s.Negated)
	}
	for _, s := range d.Facts {
		o := ""
		if s.Object >= 0 {
			o = d.TextOf(d.Mentions[s.Object].Span)
		} else {
			o = s.Date.Lexical()
		}
		fmt.Fprintf(f, "F %s %s %s\n", d.TextOf(d.Mentions[s.Subject].Span), s.Predicate[26:], o)
	}
}

func TestEval(t *testing.T) {
	r, _ := schema.LoadBuiltin()
	g, err := eval.LoadGold("/work/main/datasets/qingdao-2018/qingdao-2018.yaml")
	if err != nil {
		t.Fatal(err)
	}
	res, err := extract.New(r).ExtractFile(context.Background(), g.Text, extract.Input{ID: g.Document})
	if err != nil {
		t.Fatal(err)
	}
	rep := eval.Score(g, res.Quads())
	f, _ := os.Create("/tmp/dbg/eval.txt")
	defer f.Close()
	rep.Print(f, true)
}
