package extract_test

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
	"github.com/google/go-cmp/cmp"

	"github.com/accordkg/accord/corpus"
	"github.com/accordkg/accord/extractors"
	"github.com/accordkg/accord/extractors/eval"
	"github.com/accordkg/accord/extractors/extract"
	"github.com/accordkg/accord/extractors/text"
	"github.com/accordkg/accord/schema"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

const dataset = "../../datasets/qingdao-2018"

func newExtractor(t testing.TB) *extract.Extractor {
	t.Helper()
	r, err := schema.LoadBuiltin()
	if err != nil {
		t.Fatal(err)
	}
	return extract.New(r)
}

func nquadLines(qs []quad.Quad) []string {
	var out []string
	for _, q := range qs {
		out = append(out, q.NQuad())
	}
	sort.Strings(out)
	return out
}

// TestGolden compares the quads of the bundled document with
// testdata/qingdao-2018.nq; run with -update to accept a change.
func TestGolden(t *testing.T) {
	res, err := newExtractor(t).ExtractFile(context.Background(), filepath.Join(dataset, "qingdao-2018.zh.txt"), extract.Input{})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(nquadLines(res.Quads()), "\n") + "\n"
	golden := filepath.Join("testdata", "qingdao-2018.nq")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("quads differ from %s (-want +got); run go test ./extractors/extract -update if the change is right:\n%s", golden, diff)
	}
	// the golden file is valid N-Quads that reads back to the same quads
	r := nquads.NewReader(bytes.NewReader(want), false)
	var back []quad.Quad
	for {
		q, err := r.ReadQuad()
		if err != nil {
			break
		}
		back = append(back, q)
	}
	if diff := cmp.Diff(nquadLines(res.Quads()), nquadLines(back)); diff != "" {
		t.Errorf("N-Quads do not read back (-extracted +read):\n%s", diff)
	}
}

// TestQuality holds the bundled document to the bar: entities F1 ≥
// 0.95, relations F1 ≥ 0.90.
func TestQuality(t *testing.T) {
	g, err := eval.LoadGold(filepath.Join(dataset, "qingdao-2018.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := newExtractor(t).ExtractFile(context.Background(), g.Text, extract.Input{ID: g.Document})
	if err != nil {
		t.Fatal(err)
	}
	rep := eval.Score(g, res.Quads())
	if rep.Entities.F1() < 0.95 || rep.Relations.F1() < 0.90 {
		var b strings.Builder
		rep.Print(&b, true)
		t.Errorf("entities F1 %.3f (want ≥ 0.95), relations F1 %.3f (want ≥ 0.90)\n%s", rep.Entities.F1(), rep.Relations.F1(), b.String())
	}
}

// TestProvenance checks that every stance has a statement node whose
// offsets point at its sentence in the normalized text.
// TestProvenance checks every statement and fact node of the bundled text:
// its sentence's offsets give its sentence, its trigger's offsets give its
// trigger, its target lies in its sentence, and it names its rule.
func TestProvenance(t *testing.T) {
	res, err := newExtractor(t).ExtractFile(context.Background(), filepath.Join(dataset, "qingdao-2018.zh.txt"), extract.Input{})
	if err != nil {
		t.Fatal(err)
	}
	runes := []rune(res.Doc.Text)
	type node struct {
		sentence, trigger, rule         string
		start, end, tStart, tEnd        int
		targetStart, targetEnd, subjEnd int
	}
	nodes := map[string]*node{}
	doc := quad.IRI(res.DocIRI())
	for _, q := range res.Quads() {
		if q.Label != doc {
			t.Fatalf("quad %v is not labelled with the document", q)
		}
		s := q.Subject.String()
		p := string(q.Predicate.(quad.IRI))
		if !strings.Contains(s, "/s/") && !strings.Contains(s, "/f/") {
			continue
		}
		if nodes[s] == nil {
			nodes[s] = &node{tStart: -1, tEnd: -1, targetStart: -1, targetEnd: -1, subjEnd: -1}
		}
		n := nodes[s]
		num := func() int { return int(q.Object.(quad.Int)) }
		switch p {
		case schema.Sentence:
			n.sentence = string(q.Object.(quad.LangString).Value)
		case schema.TriggerP:
			n.trigger = string(q.Object.(quad.LangString).Value)
		case schema.Rule:
			n.rule = string(q.Object.(quad.String))
		case schema.CharStart:
			n.start = num()
		case schema.CharEnd:
			n.end = num()
		case schema.TriggerStart:
			n.tStart = num()
		case schema.TriggerEnd:
			n.tEnd = num()
		case schema.TargetStart:
			n.targetStart = num()
		case schema.TargetEnd:
			n.targetEnd = num()
		case schema.SubjectEnd:
			n.subjEnd = num()
		}
	}
	stmts, facts, withCue := 0, 0, 0
	for iri, n := range nodes {
		if strings.Contains(iri, "/s/") {
			stmts++
			if n.trigger == "" {
				t.Errorf("%s: no trigger", iri)
			}
		} else {
			facts++
			if n.subjEnd < 0 {
				t.Errorf("%s: no subjectEnd", iri)
			}
		}
		if n.rule == "" {
			t.Errorf("%s: no rule", iri)
		}
		if n.end <= n.start || n.end > len(runes) || string(runes[n.start:n.end]) != n.sentence {
			t.Errorf("%s: offsets %d..%d do not give its sentence %q", iri, n.start, n.end, n.sentence)
			continue
		}
		if n.trigger != "" {
			withCue++
			if n.tStart < n.start || n.tEnd > n.end || n.tEnd <= n.tStart || string(runes[n.tStart:n.tEnd]) != n.trigger {
				t.Errorf("%s: trigger offsets %d..%d do not give %q", iri, n.tStart, n.tEnd, n.trigger)
			}
		}
		if n.targetStart < n.start || n.targetEnd > n.end || n.targetEnd <= n.targetStart {
			t.Errorf("%s: target %d..%d is not inside its sentence %d..%d", iri, n.targetStart, n.targetEnd, n.start, n.end)
		}
	}
	if stmts < 40 || facts < 30 {
		t.Fatalf("only %d statement and %d fact nodes", stmts, facts)
	}
	// every fact but those told by the names' order alone (中国青岛) has its cue
	if withCue < stmts+facts-2 {
		t.Errorf("%d of %d nodes have a trigger or cue", withCue, stmts+facts)
	}
}

func TestInputErrors(t *testing.T) {
	x := newExtractor(t)
	tests := []struct {
		name string
		in   extract.Input
		is   error
	}{
		{"empty", extract.Input{Path: "e.txt", Raw: nil}, text.ErrEmpty},
		{"only boilerplate", extract.Input{Path: "b.txt", Raw: []byte("预览已结束\nhttps://x.org/\n")}, text.ErrEmpty},
		{"unknown language", extract.Input{Path: "l.txt", Lang: "xx", Raw: []byte("文本。")}, nil},
		{"binary", extract.Input{Path: "bin.dat", Raw: []byte{0, 1, 2, 3, 0xff, 0, 0xfe}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := x.Extract(context.Background(), tt.in)
			var ie *extract.InputError
			if !errors.As(err, &ie) || ie.Path != tt.in.Path {
				t.Fatalf("err = %v, want an InputError naming %s", err, tt.in.Path)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("err = %v, want %v", err, tt.is)
			}
			if !strings.HasPrefix(err.Error(), tt.in.Path+": ") {
				t.Errorf("message %q does not start with the file name", err)
			}
		})
	}
	var lerr *extractors.UnknownLanguageError
	_, err := x.Extract(context.Background(), extract.Input{Path: "l.txt", Lang: "xx", Raw: []byte("文本。")})
	if !errors.As(err, &lerr) {
		t.Errorf("err = %v, want UnknownLanguageError", err)
	}
}

func TestDocID(t *testing.T) {
	for in, want := range map[string]string{
		"datasets/qingdao-2018/qingdao-2018.zh.txt": "qingdao-2018",
		"a.txt": "a", "-": "stdin", "dir/.hidden": ".hidden",
	} {
		if got := extract.DocID(in); got != want {
			t.Errorf("DocID(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestMeetingKinds checks that two meetings of no known body held in one
// city on one day stay two nodes when they are of different kinds, and
// that a summit keeps the plain city-and-date key.
func TestMeetingKinds(t *testing.T) {
	text := "上海合作组织成员国外交部长理事会会议新闻公报\n\n" +
		"成员国欢迎2018年5月3日在杜尚别举行的中亚禁毒合作论坛。\n\n" +
		"成员国欢迎2018年5月3日在杜尚别举行的打击恐怖主义和极端主义国际会议。\n\n" +
		"成员国欢迎2018年3月15日在阿斯塔纳举行的首次中亚国家元首峰会。\n"
	res, err := newExtractor(t).Extract(context.Background(), extract.Input{Path: "k.txt", ID: "k", Raw: []byte(text)})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range res.Entities {
		if e.Class.Name == "Meeting" && strings.Contains(e.IRI, "-20") {
			got = append(got, strings.TrimPrefix(e.IRI, "https://w3id.org/accord/id/meeting/")+" "+e.Label)
		}
	}
	want := []string{
		"astana-2018-03-15 首次中亚国家元首峰会",
		"dushanbe-2018-05-03 打击恐怖主义和极端主义国际会议",
		"dushanbe-2018-05-03-forum 中亚禁毒合作论坛",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("meetings (-want +got):\n%s", diff)
	}
}

// TestIssuingMeeting checks that the meeting the title names is the one
// that issued the document, though the first paragraph names another first.
func TestIssuingMeeting(t *testing.T) {
	text := "金砖国家领导人第十次会晤约翰内斯堡宣言\n\n" +
		"成员国欢迎2018年7月25日在约翰内斯堡举行的金砖国家工商论坛，赞赏2018年7月25日在约翰内斯堡举行的金砖国家领导人第十次会晤。\n"
	res, err := newExtractor(t).Extract(context.Background(), extract.Input{Path: "j.txt", ID: "j", Raw: []byte(text)})
	if err != nil {
		t.Fatal(err)
	}
	d := res.Doc
	if d.IssuedAt < 0 {
		t.Fatal("no issuing meeting")
	}
	if got := d.Mentions[d.IssuedAt].IRI; got != "https://w3id.org/accord/id/meeting/brics-10" {
		t.Errorf("issued at %s, want brics-10", got)
	}
}

// TestRegexpPatterns checks a pack's regexp patterns in both languages: a
// match becomes a mention of the pattern's class, with the pattern as its
// rule, and a target of the sentence's stance; an English match must start
// and end on word boundaries.
func TestRegexpPatterns(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"lexicon/zh-p.yaml": "language: zh\npatterns:\n  - id: t/zh/forum\n    regexp: '(?P<name>[^。]{2}合作论坛)'\n    class: Meeting\n",
		"lexicon/en-p.yaml": "language: en\npatterns:\n  - id: t/en/forum\n    regexp: 'Lancang-Mekong [a-z]+ dialogue'\n    class: Meeting\n",
	}
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r, err := schema.LoadPacks([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	x := extract.New(r)
	tests := []struct {
		name, lang, text string
		want             []string
	}{
		{"Chinese", "zh", "宣言\n\n成员国欢迎澜湄合作论坛的成果。\n", []string{"Meeting 澜湄合作论坛 t/zh/forum welcomes"}},
		{"English", "en", "Declaration\n\nThe Member States welcomed the Lancang-Mekong water dialogue.\n", []string{"Meeting Lancang-Mekong water dialogue t/en/forum welcomes"}},
		{"no match across lines", "zh", "宣言\n\n成员国欢迎澜\n湄合作论坛的成果。\n", nil},
		{"English inside a word is no match", "en", "Declaration\n\nThe Member States welcomed the XLancang-Mekong water dialogues.\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := x.Extract(context.Background(), extract.Input{Path: "r.txt", ID: "r", Lang: tt.lang, Raw: []byte(tt.text)})
			if err != nil {
				t.Fatal(err)
			}
			d := res.Doc
			var got []string
			for i, m := range d.Mentions {
				if !strings.HasPrefix(m.Rule, "t/") {
					continue
				}
				pred := ""
				for _, s := range d.Statements {
					if s.Target == i {
						pred = schema.ShortName(s.Predicate)
					}
				}
				got = append(got, m.Class.Name+" "+m.Label+" "+m.Rule+" "+pred)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("mentions (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSpeakers checks that those who speak in a meeting's text (the
// Ministers, 外长们) are the body that met, when the text names its
// meeting, else the member states; and that the words name no one where
// they are no subject (a title, "the meeting of BRICS Ministers of …").
func TestSpeakers(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // actor target
	}{
		{"zh: the council that met",
			"上海合作组织成员国外交部长理事会会议新闻公报\n\n2021年7月14日，上海合作组织成员国外交部长理事会会议在杜尚别举行。\n\n外长们高度评价上海合作组织地区反恐怖机构的工作。\n",
			[]string{"org/sco-cfm org/sco-rats"}},
		{"en: the council that met",
			"Information Report\n\nThe meeting of the Council of Ministers of Foreign Affairs of the SCO Member States was held on 2 March 2021 in Dushanbe.\n\nThe Ministers supported the SCO Development Strategy until 2025.\n",
			[]string{"org/sco-cfm instrument/sco-development-strategy-2025"}},
		{"no meeting: the member states",
			"Joint Statement\n\nThe Heads of State reaffirmed their commitment to the UN Charter.\n",
			[]string{"group/member-states instrument/un-charter"}},
		{"no subject, no speakers",
			"BRICS Leaders Xiamen Declaration\n\nWe commend the outcome of the meeting of BRICS Ministers of Foreign Affairs held in Beijing on 19 June 2017.\n",
			[]string{"group/brics-member-states meeting/brics-2017-06-19"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := newExtractor(t).Extract(context.Background(), extract.Input{Path: "s.txt", ID: "s", Raw: []byte(tt.text)})
			if err != nil {
				t.Fatal(err)
			}
			const id = "https://w3id.org/accord/id/"
			var got []string
			for _, s := range res.Doc.Statements {
				a, o := res.Doc.Mentions[s.Actor].IRI, res.Doc.Mentions[s.Target].IRI
				got = append(got, strings.TrimPrefix(a, id)+" "+strings.TrimPrefix(o, id))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("actor target (-want +got):\n%s", diff)
			}
			for _, e := range res.Entities {
				if strings.HasSuffix(e.IRI, "speakers") {
					t.Errorf("entity %s: the speakers were left unresolved", e.IRI)
				}
			}
		})
	}
}

// TestBodyMeetingKinds checks that a body's forum or exercise is keyed
// apart from the body's own sessions of the same number or date.
func TestBodyMeetingKinds(t *testing.T) {
	text := "Johannesburg Declaration of the 10th BRICS Summit\n\n" +
		"We note the outcomes of the 8th BRICS Academic Forum held in Johannesburg in May 2018 and recall the 8th BRICS Summit.\n"
	res, err := newExtractor(t).Extract(context.Background(), extract.Input{Path: "j.txt", ID: "j", Raw: []byte(text)})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range res.Entities {
		if e.Class.Name == "Meeting" {
			got = append(got, strings.TrimPrefix(e.IRI, "https://w3id.org/accord/id/meeting/")+" "+e.Label)
		}
	}
	want := []string{"brics-10 10th BRICS Summit", "brics-8 8th BRICS Summit", "brics-8-forum 8th BRICS Academic Forum"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("meetings (-want +got):\n%s", diff)
	}
}

// TestConcurrentExtract extracts texts from goroutines sharing one
// Extractor, as accord build's workers do, and checks each result against
// the text's extraction alone by a fresh Extractor: what the Resolver
// remembers and reuses across documents (entry forms, its scratch) must
// not leak from one document into another. Run it with -race.
func TestConcurrentExtract(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(dataset, "qingdao-2018.zh.txt"))
	if err != nil {
		t.Fatal(err)
	}
	rules, err := schema.LoadBuiltin()
	if err != nil {
		t.Fatal(err)
	}
	texts := [][]byte{raw}
	g := corpus.NewGenerator(rules, corpus.GenOptions{Seed: 7})
	for n := 1; n <= 24; n++ {
		texts = append(texts, []byte(g.Document(n)))
	}
	want := make([][]string, len(texts))
	for i, raw := range texts {
		res, err := extract.New(rules).Extract(context.Background(), extract.Input{Path: "t.txt", Raw: raw})
		if err != nil {
			t.Fatal(err)
		}
		want[i] = nquadLines(res.Quads())
	}
	x := extract.New(rules)
	const workers, rounds = 4, 2
	errs := make(chan error, workers)
	for w := 0; w < workers; w++ {
		go func(w int) {
			for r := 0; r < rounds; r++ {
				for k := range texts {
					i := (k*(w+1) + w) % len(texts) // each worker in its own order
					res, err := x.Extract(context.Background(), extract.Input{Path: "t.txt", Raw: texts[i]})
					if err != nil {
						errs <- err
						return
					}
					if diff := cmp.Diff(want[i], nquadLines(res.Quads())); diff != "" {
						errs <- fmt.Errorf("text %d: quads differ (-alone +shared):\n%s", i, diff)
						return
					}
				}
			}
			errs <- nil
		}(w)
	}
	for w := 0; w < workers; w++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
