package schema

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writePack(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLoadPacks(t *testing.T) {
	dir := writePack(t, map[string]string{
		"pack.yaml": "name: test\ndisable: [zh/stance/adopt, Organization/un-gge]\n",
		"gazetteer/orgs.yaml": "class: Organization\nentries:\n" +
			"  - id: lmc\n    zh: 澜沧江-湄公河合作\n    zh_alt: [澜湄合作]\n" +
			"  - id: csto\n    zh: 集体安全条约组织\n    zh_alt: [集安组织, 集安条约组织]\n",
		"lexicon/t.yaml": "language: zh\ntriggers:\n  - id: x/praise\n    predicate: commends\n    words: [赞扬]\n" +
			"  - id: zh/stance/welcome\n    predicate: welcomes\n    words: [欢迎, 乐见]\n",
		"lexicon/c.yaml": "language: zh\nshadows: [澜湄合作精神]\n",
	})
	r, err := LoadPacks([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if e := r.Entry("Organization", "lmc"); e == nil {
		t.Error("the pack's new entry is missing")
	}
	if e := r.Entry("Organization", "csto"); e == nil || !strings.Contains(strings.Join(e.ZHAlt, " "), "集安条约组织") || !strings.HasPrefix(e.Source, dir) {
		t.Errorf("csto = %+v, want the pack's entry", e)
	}
	if r.Entry("Organization", "un-gge") != nil {
		t.Error("a disabled entry is still there")
	}
	if r.Enabled("zh/stance/adopt") {
		t.Error("zh/stance/adopt should be disabled")
	}
	var welcome *Trigger
	for _, tr := range r.Triggers["zh"] {
		if tr.ID == "zh/stance/welcome" {
			welcome = tr
		}
	}
	if welcome == nil || len(welcome.Words) != 2 {
		t.Errorf("welcome = %+v, want the pack's rule", welcome)
	}
	if got := r.Cues["zh"].Shadows; got[len(got)-1] != "澜湄合作精神" {
		t.Errorf("the pack's cue words were not appended: %v", got)
	}
	var ws []string
	for _, w := range r.Warnings {
		ws = append(ws, w.String())
	}
	joined := strings.Join(ws, "\n")
	for _, want := range []string{"Organization/csto replaces the entry at schema/data/gazetteer/organizations.yaml", "rule zh/stance/welcome replaces the rule at schema/data/lexicon/zh-triggers.yaml"} {
		if !strings.Contains(joined, want) {
			t.Errorf("warnings lack %q:\n%s", want, joined)
		}
	}
}

// TestTakeWords checks that a pack's trigger for a word another rule has
// takes the word, with a warning, and leaves that rule its other words.
func TestTakeWords(t *testing.T) {
	dir := writePack(t, map[string]string{
		"lexicon/t.yaml": "language: zh\ntriggers:\n  - id: x/hail\n    predicate: supports\n    words: [欢迎, 欣见]\n",
	})
	r, err := LoadPacks([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	words := map[string][]string{}
	for _, tr := range r.Triggers["zh"] {
		words[tr.ID] = tr.Words
	}
	if got := words["x/hail"]; strings.Join(got, " ") != "欢迎 欣见" {
		t.Errorf("x/hail words = %v", got)
	}
	for _, w := range words["zh/stance/welcome"] {
		if w == "欢迎" {
			t.Errorf("zh/stance/welcome still has 欢迎: %v", words["zh/stance/welcome"])
		}
	}
	if got := r.Taken["zh/stance/welcome"]; len(got) != 1 || got[0] != "欢迎" {
		t.Errorf("Taken[zh/stance/welcome] = %v, want [欢迎]", got)
	}
	if len(r.Warnings) != 1 || !strings.Contains(r.Warnings[0].String(), "rule x/hail takes 欢迎 from rule zh/stance/welcome at schema/data/lexicon/zh-triggers.yaml:") {
		t.Errorf("warnings = %v", r.Warnings)
	}
}

func TestLoadPacksErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"alias claimed by a built-in entry", map[string]string{
			"gazetteer/o.yaml": "class: Organization\nentries:\n  - id: my-un\n    zh: 联合国\n",
		}, `o.yaml:3: my-un: name "联合国" is also claimed by un`},
		{"duplicate id in the pack", map[string]string{
			"lexicon/t.yaml": "language: zh\ntriggers:\n  - id: a\n    predicate: welcomes\n    words: [乐见]\n  - id: a\n    predicate: welcomes\n    words: [喜见]\n",
		}, "t.yaml:6: duplicate id rule a"},
		{"unknown disable id", map[string]string{"pack.yaml": "disable: [zh/stance/nothing]\n"}, `pack.yaml:1:11: disable: no rule, pattern or entry "zh/stance/nothing"`},
		{"unknown key in pack.yaml", map[string]string{"pack.yaml": "disabled: [x]\n"}, "pack.yaml:1:1: unknown key \"disabled\" (allowed here: description, disable, name)"},
		{"trigger without words", map[string]string{
			"lexicon/t.yaml": "language: zh\ntriggers:\n  - id: a\n    predicate: welcomes\n",
		}, "t.yaml:3:5: rule a: a trigger needs words"},
		{"regexp that does not compile", map[string]string{
			"lexicon/p.yaml": "language: zh\npatterns:\n  - id: my/meeting\n    regexp: '(?P<name>论坛'\n    class: Meeting\n",
		}, "p.yaml:4:13: pattern my/meeting: regexp does not compile: error parsing regexp: missing closing )"},
		{"regexp that matches the empty string", map[string]string{
			"lexicon/p.yaml": "language: zh\npatterns:\n  - id: my/meeting\n    regexp: '(论坛)*'\n    class: Meeting\n",
		}, "p.yaml:4:13: pattern my/meeting: regexp \"(论坛)*\" matches the empty string"},
		{"regexp without a class", map[string]string{
			"lexicon/p.yaml": "language: zh\npatterns:\n  - id: my/meeting\n    regexp: '\\p{Han}+论坛'\n",
		}, "pattern my/meeting: a regexp pattern needs a class"},
		{"class without a regexp", map[string]string{
			"lexicon/p.yaml": "language: zh\npatterns:\n  - id: my/meeting\n    class: Meeting\n",
		}, "p.yaml:4:12: pattern my/meeting: class is for a pattern with a regexp"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writePack(t, tt.files)
			_, err := LoadPacks([]string{dir})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
	if _, err := LoadPacks([]string{filepath.Join(t.TempDir(), "none")}); err == nil {
		t.Error("a missing pack folder gave no error")
	}
}
