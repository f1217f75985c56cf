package schema

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoadBuiltin(t *testing.T) {
	r, err := LoadBuiltin()
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, e := range r.Entries {
		counts[e.Class.Name]++
	}
	// every UN member state and the two observer states
	if counts["State"] != 195 {
		t.Errorf("states = %d, want 195", counts["State"])
	}
	for _, c := range []string{"City", "Organization", "Group", "Instrument"} {
		if counts[c] == 0 {
			t.Errorf("no %s entries", c)
		}
	}
	if len(r.Triggers["zh"]) == 0 || r.Cues["zh"] == nil {
		t.Error("no Chinese triggers or cues")
	}
	if e := r.Entry("State", "KGZ"); e == nil || e.Wikidata != "Q813" {
		t.Errorf("KGZ = %+v, want Wikidata Q813", e)
	}
}

func TestLoadErrors(t *testing.T) {
	const cues = "language: zh\n"
	tests := []struct {
		name  string
		files map[string]string
		want  string // substring of the error, with path:line
	}{
		{"unknown key in an entry", map[string]string{
			"gazetteer/a.yaml": "class: State\nentries:\n  - id: AAA\n    zh: 甲国\n    colour: red\n",
		}, "x/gazetteer/a.yaml:5:5: entry AAA: unknown key \"colour\" (allowed here: contextual,"},
		{"unknown top-level key", map[string]string{
			"gazetteer/a.yaml": "class: State\nentries: []\nnotes: x\n",
		}, "x/gazetteer/a.yaml:3:1: unknown key \"notes\" (allowed here: class, entries)"},
		{"unknown class", map[string]string{
			"gazetteer/a.yaml": "class: Planet\nentries: []\n",
		}, `x/gazetteer/a.yaml:1: unknown class "Planet"`},
		{"name claimed twice", map[string]string{
			"gazetteer/a.yaml": "class: State\nentries:\n  - id: AAA\n    zh: 甲国\n  - id: BBB\n    zh_alt: [甲国]\n",
		}, `name "甲国" is also claimed by AAA`},
		{"resolutions of a state", map[string]string{
			"gazetteer/a.yaml": "class: State\nentries:\n  - id: AAA\n    zh: 甲国\n    resolutions: aaa-res\n",
		}, `AAA: resolutions is for an Organization, not a State`},
		{"resolutions prefix twice", map[string]string{
			"gazetteer/a.yaml": "class: Organization\nentries:\n  - id: a\n    zh: 甲\n    resolutions: r\n  - id: b\n    zh: 乙\n    resolutions: r\n",
		}, `b: resolutions "r" is also a's`},
		{"duplicate id", map[string]string{
			"gazetteer/a.yaml": "class: City\nentries:\n  - id: a\n    zh: 甲\n  - id: a\n    zh: 乙\n",
		}, "duplicate id entry City/a"},
		{"unknown predicate", map[string]string{
			"lexicon/t.yaml": "language: zh\ntriggers:\n  - id: x\n    predicate: loves\n    words: [爱]\n",
		}, `x/lexicon/t.yaml:3:5: rule x: unknown stance predicate "loves"`},
		{"unknown cue list", map[string]string{
			"lexicon/c.yaml": cues + "verbz: [a]\n",
		}, "x/lexicon/c.yaml:2:1: unknown key \"verbz\""},
		{"bad yaml", map[string]string{
			"gazetteer/a.yaml": "class: State\nentries: [\n",
		}, "x/gazetteer/a.yaml:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for k, v := range tt.files {
				fsys[k] = &fstest.MapFile{Data: []byte(v)}
			}
			_, err := Load(fsys, "x")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestRuleErrorType(t *testing.T) {
	fsys := fstest.MapFS{"gazetteer/a.yaml": &fstest.MapFile{Data: []byte("class: Planet\nentries: []\n")}}
	_, err := Load(fsys, "x")
	var re *RuleError
	if !errors.As(err, &re) || re.Line != 1 || re.Path != "x/gazetteer/a.yaml" {
		t.Fatalf("err = %#v, want a RuleError at x/gazetteer/a.yaml:1", err)
	}
}

func TestNormalizeName(t *testing.T) {
	tests := map[string]string{
		"《2018 - 2023年上合组织成员国禁毒战略》": "2018-2023年上合组织成员国禁毒战略",
		"“厦门 - 2017”": "厦门-2017",
		"上合组织与联合国打击毒品犯罪：新威胁": "上合组织与联合国打击毒品犯罪:新威胁",
		"联合国、": "联合国",
	}
	for in, want := range tests {
		if got := NormalizeName(in); got != want {
			t.Errorf("NormalizeName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEntityIRI(t *testing.T) {
	c, _ := ClassByName("Instrument")
	if got := EntityIRI(c, "上合组织宪章"); got != "https://w3id.org/accord/id/instrument/上合组织宪章" {
		t.Errorf("got %s", got)
	}
	if got := EntityIRI(c, "a b<c>:d"); got != "https://w3id.org/accord/id/instrument/a-b%3Cc%3E%3Ad" {
		t.Errorf("got %s", got)
	}
}

func FuzzLoad(f *testing.F) {
	f.Add("class: State\nentries:\n  - id: AAA\n    zh: 甲国\n")
	f.Add("language: zh\ntriggers:\n  - id: x\n    predicate: welcomes\n    words: [欢迎]\n")
	f.Add("language: zh\nadverbs: [一致]\n")
	f.Fuzz(func(t *testing.T, s string) {
		for _, p := range []string{"gazetteer/a.yaml", "lexicon/a.yaml"} {
			fsys := fstest.MapFS{p: &fstest.MapFile{Data: []byte(s)}}
			_, _ = Load(fsys, "x") // must not panic
		}
	})
}

// FuzzEscapeSegment checks escapeSegment's shortcut (segmentSafe: return
// the key as it is) against its rune-by-rune path, which a leading space
// forces (a space becomes "-").
func FuzzEscapeSegment(f *testing.F) {
	for _, s := range []string{"上合组织宪章", "a b<c>:d", "sco-2018-06-10", "\uE000", "\xff", "\uFFFD", "x~y_z.w"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		slow := escapeSegment(" " + s)[1:]
		if got := escapeSegment(s); got != slow {
			t.Errorf("escapeSegment(%q) = %q, rune by rune %q", s, got, slow)
		}
		if segmentSafe(s) && slow != s {
			t.Errorf("segmentSafe(%q), but it escapes to %q", s, slow)
		}
	})
}
