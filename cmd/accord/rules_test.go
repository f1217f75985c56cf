package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const pack = "../../docs/examples/pack-lmc"

func TestRulesCommands(t *testing.T) {
	code, out, errs := accord(t, "", "rules", "test")
	if code != 0 || !strings.Contains(out, " 0 failed") {
		t.Errorf("rules test: exit %d\n%s%s", code, out, errs)
	}
	code, out, errs = accord(t, "", "rules", "check", pack)
	if code != 0 || !strings.HasPrefix(out, "ok: ") || !strings.Contains(errs, "warning: Organization/csto replaces") {
		t.Errorf("rules check: exit %d, %q, %q", code, out, errs)
	}
	if code, out, _ = accord(t, "", "rules", "test", pack); code != 0 || !strings.Contains(out, " 0 failed") {
		t.Errorf("rules test with the example pack: exit %d\n%s", code, out)
	}
	code, out, _ = accord(t, "", "rules", "list", "--kind", "trigger", "--rules", pack)
	if code != 0 || !strings.Contains(out, "lmc/stance/praise") || !strings.Contains(out, "zh/stance/welcome") {
		t.Errorf("rules list: exit %d\n%s", code, out)
	}
	code, out, _ = accord(t, "", "rules", "list", "--kind", "entry", "--rules", pack)
	if code != 0 || !strings.Contains(out, "Organization/lancang-mekong-cooperation") || strings.Contains(out, "Organization/un-gge ") {
		t.Errorf("rules list --kind entry: exit %d", code)
	}
	code, out, _ = accord(t, "", "rules", "show", "zh/stance/concern")
	if code != 0 || !strings.Contains(out, "circumfix  对 … 表示担忧") {
		t.Errorf("rules show: exit %d\n%s", code, out)
	}
	if code, out, _ = accord(t, "", "rules", "show", "State/KGZ"); code != 0 || !strings.Contains(out, "http://www.wikidata.org/entity/Q813") {
		t.Errorf("rules show State/KGZ: exit %d\n%s", code, out)
	}
	if code, _, errs = accord(t, "", "rules", "show", "nope"); code != 2 || !strings.Contains(errs, `no rule or entry "nope"`) {
		t.Errorf("rules show nope: exit %d, %q", code, errs)
	}
}

func TestRulesTestFailure(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "lexicon"), 0o755)
	os.WriteFile(filepath.Join(dir, "lexicon", "t.yaml"), []byte("language: zh\ntriggers:\n  - id: my/praise\n    predicate: commends\n    words: [赞扬]\n    examples:\n      - text: 成员国赞扬联合国的工作。\n        expect: [\"成员国 | welcomes | 联合国\"]\n"), 0o644)
	code, out, _ := accord(t, "", "rules", "test", dir)
	want := "t.yaml:7: rule my/praise: expected [成员国 | welcomes | 联合国], got [成员国 | commends | 联合国]"
	if code != 1 || !strings.Contains(out, want) {
		t.Errorf("exit %d, output:\n%s\nwant %q", code, out, want)
	}
}

func TestExplain(t *testing.T) {
	db := filepath.Join(t.TempDir(), "accord.db")
	if code, _, errs := accord(t, "", "build", "--db", db, dataset); code != 0 {
		t.Fatal(errs)
	}
	code, out, errs := accord(t, "", "explain", "--db", db, "成员国", "reaffirms", "上合组织宪章")
	if code != 0 || !strings.Contains(out, "rule zh/stance/reaffirm") || !strings.Contains(out, "成员国>>重申<<恪守[[《上合组织宪章》]]宗旨") {
		t.Errorf("explain: exit %d\n%s%s", code, out, errs)
	}
	code, out, _ = accord(t, "", "explain", "--db", db, "上合组织成员国长期睦邻友好合作条约", "signedIn", "比什凯克")
	if code != 0 || !strings.Contains(out, "rule zh/fact/signed") || !strings.Contains(out, "[[比什凯克]]>>签署<<") {
		t.Errorf("explain a fact: exit %d\n%s", code, out)
	}
	// a date object, marked with its cue
	code, out, _ = accord(t, "", "explain", "--db", db, "上合组织成员国长期睦邻友好合作条约", "signedOn", "2007-08-16")
	if code != 0 || !strings.Contains(out, "[[2007年8月16日]]") || !strings.Contains(out, ">>签署<<") {
		t.Errorf("explain a dated fact: exit %d\n%s", code, out)
	}
	// a target right after its trigger
	code, out, _ = accord(t, "", "explain", "--db", db, "成员国", "supports", "中亚国家")
	if code != 0 || !strings.Contains(out, ">>支持<<[[中亚国家]]") {
		t.Errorf("explain an adjacent target: exit %d\n%s", code, out)
	}
	// a name the text never uses, from the gazetteer (and a user pack's alias)
	pack := filepath.Join(t.TempDir(), "p")
	os.MkdirAll(filepath.Join(pack, "gazetteer"), 0o755)
	os.WriteFile(filepath.Join(pack, "gazetteer", "i.yaml"), []byte("class: Instrument\nentries:\n  - id: sco-charter\n    zh: 上海合作组织宪章\n    zh_alt: [上合宪章]\n"), 0o644)
	code, out, errs = accord(t, "", "explain", "--db", db, "--rules", pack, "成员国", "reaffirms", "上合宪章")
	if code != 0 || !strings.Contains(out, "rule zh/stance/reaffirm") {
		t.Errorf("explain by a pack's alias: exit %d\n%s%s", code, out, errs)
	}
	if code, _, errs = accord(t, "", "explain", "--db", db, "联合国", "heldIn", "纽约"); code != 1 || !strings.Contains(errs, "no such statement") {
		t.Errorf("explain a missing edge: exit %d, %s", code, errs)
	}
	if code, _, errs = accord(t, "", "explain", "--db", db, "成员国", "loves", "联合国"); code != 2 || !strings.Contains(errs, `unknown predicate "loves"`) {
		t.Errorf("explain with a bad predicate: exit %d, %s", code, errs)
	}
}

func TestExtractExplain(t *testing.T) {
	code, out, _ := accord(t, "某宣言\n\n成员国重申坚定支持联合国，反对在上合组织框架内的单边行动。", "extract", "--explain", "-")
	for _, want := range []string{
		"+ zh/stance/reaffirm", "成员国 reaffirms 联合国",
		"- zh/stance/support", "not a main verb",
		"- zh/target-filter", "上合组织: in a framing adverbial",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("explain output lacks %q:\n%s", want, out)
		}
	}
	if code != 0 {
		t.Errorf("exit %d", code)
	}
}

func TestEvalRegressionGate(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "q")
	os.MkdirAll(sub, 0o755)
	text, _ := os.ReadFile(doc)
	os.WriteFile(filepath.Join(sub, "qingdao-2018.zh.txt"), text, 0o644)
	g, _ := os.ReadFile(gold)
	os.WriteFile(filepath.Join(sub, "qingdao-2018.yaml"), g, 0o644)
	if code, out, errs := accord(t, "", "eval", "--datasets", dir, "--record"); code != 0 || !strings.Contains(out, "recorded 1 scores") {
		t.Fatalf("record: exit %d\n%s%s", code, out, errs)
	}
	if code, out, _ := accord(t, "", "eval", "--datasets", dir); code != 0 || !strings.Contains(out, "no F1 fell") {
		t.Errorf("gate on the recorded scores: exit %d\n%s", code, out)
	}
	// a record above what the rules reach: the gate fails
	os.WriteFile(filepath.Join(dir, "scores.json"), []byte(`{"qingdao-2018": {"gold": "q/qingdao-2018.yaml", "entities_f1": 1, "relations_f1": 1}}`), 0o644)
	code, _, errs := accord(t, "", "eval", "--datasets", dir)
	if code != 1 || !strings.Contains(errs, "qingdao-2018: relations F1 fell from 1.000 to 0.994") {
		t.Errorf("gate: exit %d, %s", code, errs)
	}
}
