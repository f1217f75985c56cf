package zh_test

import (
	"context"
	"strings"
	"testing"

	"github.com/accordkg/accord/extractors/extract"
	"github.com/accordkg/accord/schema"
)

// TestGazetteerRuleOff checks that a gazetteer rule switched off makes no
// mentions, and that --explain says why, while the other rules still do.
func TestGazetteerRuleOff(t *testing.T) {
	r, err := schema.LoadBuiltin()
	if err != nil {
		t.Fatal(err)
	}
	r.Disabled["zh/gazetteer/state"] = true
	x := extract.New(r)
	text := "上海合作组织成员国元首理事会宣言\n\n中华人民共和国和俄罗斯联邦支持上海合作组织。"
	res, err := x.Extract(context.Background(), extract.Input{Path: "t.txt", ID: "t", Lang: "zh", Raw: []byte(text), Explain: true})
	if err != nil {
		t.Fatal(err)
	}
	d := res.Doc
	orgs := 0
	for _, m := range d.Mentions {
		if m.Rule == "zh/gazetteer/state" {
			t.Errorf("mention %q of a rule switched off", d.TextOf(m.Span))
		}
		if m.Rule == "zh/gazetteer/organization" {
			orgs++
		}
	}
	if orgs == 0 {
		t.Error("no organization found: the other gazetteer rules should stay on")
	}
	off := 0
	for _, n := range d.Notes {
		if n.Rule == "zh/gazetteer/state" && !n.Kept && strings.HasSuffix(n.Why, "rule switched off") {
			off++
		}
	}
	if off < 2 {
		t.Errorf("%d notes of the state rule switched off, want 2 (中华人民共和国, 俄罗斯联邦)", off)
	}
}
