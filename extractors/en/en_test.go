package en_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/accordkg/accord/extractors"
	"github.com/accordkg/accord/extractors/eval"
	"github.com/accordkg/accord/extractors/extract"
	"github.com/accordkg/accord/schema"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

var (
	xOnce  sync.Once
	xBuilt *extract.Extractor
)

func extractor(t testing.TB) *extract.Extractor {
	t.Helper()
	xOnce.Do(func() {
		r, err := schema.LoadBuiltin()
		if err != nil {
			t.Fatal(err)
		}
		xBuilt = extract.New(r)
	})
	return xBuilt
}

func run(t testing.TB, text string) *extractors.Result {
	t.Helper()
	res, err := extractor(t).Extract(context.Background(), extract.Input{Path: "test.txt", ID: "test", Lang: "en", Raw: []byte(text)})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func surface(d *extractors.Document, i int) string {
	return schema.LabelForm("en", d.TextOf(d.Mentions[i].Span))
}

// stances lists "actor predicate target" with the mentions as written.
func stances(res *extractors.Result) []string {
	d := res.Doc
	var out []string
	for _, s := range d.Statements {
		neg := ""
		if s.Negated {
			neg = " (negated)"
		}
		out = append(out, fmt.Sprintf("%s %s %s%s", surface(d, s.Actor), schema.ShortName(s.Predicate), surface(d, s.Target), neg))
	}
	return uniq(out)
}

// facts lists "subject predicate object".
func facts(res *extractors.Result) []string {
	d := res.Doc
	var out []string
	for _, f := range d.Facts {
		o := f.Date.Lexical()
		if f.Object >= 0 {
			o = surface(d, f.Object)
		}
		out = append(out, fmt.Sprintf("%s %s %s", surface(d, f.Subject), schema.ShortName(f.Predicate), o))
	}
	return uniq(out)
}

// entities lists "Class label" of the resolved entities.
func entities(res *extractors.Result) []string {
	var out []string
	for _, e := range res.Entities {
		out = append(out, e.Class.Name+" "+e.Label)
	}
	return uniq(out)
}

func uniq(ss []string) []string {
	sort.Strings(ss)
	var out []string
	for i, s := range ss {
		if i == 0 || s != ss[i-1] {
			out = append(out, s)
		}
	}
	return out
}

const sco = "Declaration of the Council of Heads of State of the Shanghai Cooperation Organisation\n\n"

func TestStances(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"outcome of a meeting is the meeting", sco + "The Member States welcomed the outcome of the meeting of the Council of Heads of State held in Bishkek on 13-14 June 2019.",
			[]string{"Member States welcomes meeting of the Council of Heads of State"}},
		{"coordinated actors and a proposer's initiative", sco + "Kazakhstan, Kyrgyzstan, Pakistan, Russia, Tajikistan and Uzbekistan reaffirm their support for the Belt and Road Initiative proposed by China.",
			[]string{"Kazakhstan reaffirms Belt and Road Initiative", "Kyrgyzstan reaffirms Belt and Road Initiative", "Pakistan reaffirms Belt and Road Initiative",
				"Russia reaffirms Belt and Road Initiative", "Tajikistan reaffirms Belt and Road Initiative", "Uzbekistan reaffirms Belt and Road Initiative"}},
		{"concern about the situation in a state", sco + "The Member States expressed deep concern over the situation in Afghanistan.", []string{"Member States expressesConcern Afghanistan"}},
		{"the body in which a target is done is no target", sco + "The Member States call for the early conclusion of the Comprehensive Convention on International Terrorism in the United Nations General Assembly.",
			[]string{"Member States callsFor Comprehensive Convention on International Terrorism"}},
		{"and + a verb of no stance ends the complement", sco + "The Member States strongly condemn the terrorist attacks in Sri Lanka and express their condolences to the people of Sri Lanka.", nil},
		{"what a target serves is no target", sco + "The Member States welcomed the adoption of the Plan of Action for 2018-2022 for the implementation of the SCO Charter.",
			[]string{"Member States welcomes Plan of Action for 2018-2022"}},
		{"no entity, no statement", sco + "The Member States oppose the deployment of weapons in outer space and do not accept interference in internal affairs.", nil},
		{"call upon: the addressee, not the infinitive's object", sco + "The Member States call upon the international community to assist Afghanistan.", []string{"Member States callsFor international community"}},
		{"joining states are the targets", sco + "The Member States welcome the accession of India and Pakistan to the SCO.", []string{"Member States welcomes India", "Member States welcomes Pakistan"}},
		{"clausal complement: its subject", sco + "The Member States reaffirm that the SCO Charter remains the basic document of the Organisation.", []string{"Member States reaffirms SCO Charter"}},
		{"verb negated: statement kept, marked", sco + "The Member States do not support any withdrawal from the Treaty on the Non-Proliferation of Nuclear Weapons.",
			[]string{"Member States supports Treaty on the Non-Proliferation of Nuclear Weapons (negated)"}},
		{"British and American spellings", sco + "The Member States reaffirm their adherence to the Charter of the United Nations and support the Shanghai Cooperation Organization.",
			[]string{"Member States reaffirms Charter of the United Nations", "Member States supports Shanghai Cooperation Organization"}},
		{"framing is no target", sco + "The Member States advocate strengthening cooperation within the framework of the United Nations.", nil},
		{"carry-over to the next sentence", sco + "The Member States stress the central role of the United Nations. They also commend the work of the SCO Secretariat.",
			[]string{"Member States commends SCO Secretariat", "Member States emphasizes United Nations"}},
		{"carry-over across a participial opening", sco + "Reaffirming their commitment to the UN Charter, the Member States stressed the role of the UN Security Council.",
			[]string{"Member States emphasizes UN Security Council", "Member States reaffirms UN Charter"}},
		{"chain of verbs: the first is main", sco + "The Member States reaffirm their firm support for the United Nations.", []string{"Member States reaffirms United Nations"}},
		{"coordinated predicates share the subject", sco + "The Member States reaffirm their commitment to the SCO Charter, and welcome the outcome of the International Conference on Afghanistan held in Tashkent.",
			[]string{"Member States reaffirms SCO Charter", "Member States welcomes International Conference on Afghanistan"}},
		{"coordinated targets", sco + "The Member States emphasized that the CWC, the BWC and the NPT remain pillars of international security.",
			[]string{"Member States emphasizes BWC", "Member States emphasizes CWC", "Member States emphasizes NPT"}},
		{"a modifier of an unnamed thing is no target", sco + "The Member States will continue to deepen cooperation in the SCO region.", nil},
		{"the efforts of X: X", sco + "The Member States support the efforts of the Central Asian countries to strengthen cooperation.", []string{"Member States supports Central Asian countries"}},
		{"a participle phrase after the target modifies it", sco + "The Member States reiterate their commitment to the Paris Agreement adopted under the United Nations Framework Convention on Climate Change.",
			[]string{"Member States reaffirms Paris Agreement"}},
		{"we in BRICS texts", "BRICS Leaders Xiamen Declaration\n\nWe reaffirm our commitment to the 2030 Agenda for Sustainable Development.",
			[]string{"We reaffirms 2030 Agenda for Sustainable Development"}},
		{"the adoption by X of Y", sco + "The Member States welcomed the adoption by the UN General Assembly of resolution 73/27 \"Developments in the field of information and telecommunications\".",
			[]string{"Member States welcomes resolution 73/27 Developments in the field of information and telecommunications",
				"UN General Assembly adopts resolution 73/27 Developments in the field of information and telecommunications"}},
		{"passive participle is not the actor's verb", sco + "The Member States noted the initiative supported by Kazakhstan.", nil},
		{"do not accept: opposes", sco + "The Member States do not accept any attempt to revise the SCO Charter.", []string{"Member States opposes SCO Charter"}},
		{"in violation of X: X is a reference, no target", sco + "The Member States condemn actions taken in violation of the Charter of the United Nations.", nil},
		{"inconsistent with X: X is what the measures go against", sco + "The Member States oppose protectionist measures inconsistent with the WTO rules and support the WTO.",
			[]string{"Member States supports WTO"}},
		{"violations of X: no stance on X", sco + "The Member States condemn violations of the Charter of the United Nations.", nil},
		{"a short form in parentheses is no second target", sco + "The Member States uphold the Charter of the United Nations (UN) and welcome the New Development Bank (NDB).",
			[]string{"Member States supports Charter of the United Nations", "Member States welcomes New Development Bank"}},
		{"two described meetings, coordinated", sco + "The Member States welcomed the outcomes of the meeting of the SCO Council of Heads of State held in New Delhi on 4 July 2023 and the SCO Summit in Samarkand on 15-16 September 2022.",
			[]string{"Member States welcomes SCO Summit", "Member States welcomes meeting of the SCO Council of Heads of State"}},
		{"a role noun opens the sentence: the subject is carried", sco + "The Member States met in Qingdao. The leaders welcomed the decision of the Republic of India to host the next meeting.",
			[]string{"Member States welcomes Republic of India"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := stances(run(t, tt.text))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("stances (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFacts(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"held with a range", sco + "The Member States welcomed the outcome of the meeting of the Council of Heads of State held in Bishkek on 13-14 June 2019.",
			[]string{"meeting of the Council of Heads of State endedOn 2019-06-14", "meeting of the Council of Heads of State heldIn Bishkek", "meeting of the Council of Heads of State heldOn 2019-06-13"}},
		{"met on a date in a city at a summit", "BRICS Leaders Xiamen Declaration\n\nWe met on 4 September 2017 in Xiamen, China, at the Ninth BRICS Summit.",
			[]string{"Ninth BRICS Summit heldIn Xiamen", "Ninth BRICS Summit heldOn 2017-09-04", "Xiamen locatedIn China"}},
		{"a meeting, a city and a date without a verb", sco + "The Member States commend the results of the SCO Summit in Qingdao on 10 June 2018.",
			[]string{"SCO Summit heldIn Qingdao", "SCO Summit heldOn 2018-06-10"}},
		{"signed", sco + "The Member States reaffirm their commitment to the Shanghai Convention on Combating Terrorism, Separatism and Extremism, signed in Shanghai on June 15, 2001.",
			[]string{"Shanghai Convention on Combating Terrorism, Separatism and Extremism signedIn Shanghai", "Shanghai Convention on Combating Terrorism, Separatism and Extremism signedOn 2001-06-15"}},
		{"proposed by", sco + "The Member States support the Belt and Road Initiative put forward by the People's Republic of China.",
			[]string{"Belt and Road Initiative proposedBy People's Republic of China"}},
		{"initiative of a state at a session", sco + "The Member States welcome the initiative of Uzbekistan on adopting the resolution \"Enlightenment and Religious Tolerance\", put forward at the 72nd session of the UN General Assembly in New York in September 2017.",
			[]string{"72nd session of the UN General Assembly heldIn New York", "72nd session of the UN General Assembly heldOn 2017-09",
				"initiative of Uzbekistan on adopting the resolution Enlightenment and Religious Tolerance proposedAt 72nd session of the UN General Assembly",
				"initiative of Uzbekistan on adopting the resolution Enlightenment and Religious Tolerance proposedBy Uzbekistan",
				"resolution Enlightenment and Religious Tolerance proposedAt 72nd session of the UN General Assembly",
				"resolution Enlightenment and Religious Tolerance proposedBy Uzbekistan"}},
		{"joined", sco + "India and Pakistan joined the SCO in 2017.", []string{"India memberOf SCO", "Pakistan memberOf SCO"}},
		{"accession nouns", sco + "The Member States welcome the accession of the Republic of India and the Islamic Republic of Pakistan to the Organisation.",
			[]string{"Islamic Republic of Pakistan memberOf Organisation", "Republic of India memberOf Organisation"}},
		{"year from context", sco + "In June 2019, the Member States welcomed the results of the International Conference on Afghanistan held in Tashkent on 26-27 March.",
			[]string{"International Conference on Afghanistan endedOn 2019-03-27", "International Conference on Afghanistan heldIn Tashkent", "International Conference on Afghanistan heldOn 2019-03-26"}},
		{"adopted at the Summit", sco + "The Member States commend the adoption at the Summit of the SCO Anti-Drug Strategy for 2018-2023 and its Action Plan.",
			[]string{"Action Plan adoptedAt the Summit", "SCO Anti-Drug Strategy for 2018-2023 adoptedAt the Summit"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := facts(run(t, tt.text))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("facts (-want +got):\n%s", diff)
			}
		})
	}
}

func TestEntities(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"acronyms only in capitals, whole words only", sco + "The Member States, who met the USA delegation and UNESCO, support the UN.",
			[]string{"Group SCO member states", "Organization Council of Heads of State of the Shanghai Cooperation Organisation Member States",
				"Organization Shanghai Cooperation Organisation", "Organization United Nations", "Organization United Nations Educational, Scientific and Cultural Organization",
				"State United States of America"}},
		{"a protocol to a treaty keeps the treaty", sco + "The Member States believe that the Protocol to the Treaty on a Nuclear-Weapon-Free Zone in Central Asia matters.",
			[]string{"Group SCO member states", "Instrument Protocol to the Treaty on a Nuclear-Weapon-Free Zone in Central Asia", "Instrument Treaty on a Nuclear-Weapon-Free Zone in Central Asia",
				"Organization Council of Heads of State of the Shanghai Cooperation Organisation Member States", "Organization Shanghai Cooperation Organisation"}},
		{"a Title Case name lands on its gazetteer entry whatever the short names inside", sco + "The Member States reaffirm the Treaty on Long-Term Good-Neighborliness, Friendship and Cooperation of the SCO Member States.",
			[]string{"Group SCO member states", "Instrument Treaty on Long-Term Good-Neighbourliness, Friendship and Cooperation of the Shanghai Cooperation Organisation Member States",
				"Organization Council of Heads of State of the Shanghai Cooperation Organisation Member States", "Organization Shanghai Cooperation Organisation"}},
		{"quoted concept hides names", sco + "The SCO follows the \"Shanghai Spirit\".",
			[]string{"Organization Council of Heads of State of the Shanghai Cooperation Organisation Member States", "Organization Shanghai Cooperation Organisation"}},
		{"a name does not run into a place and a date", sco + "The Member States welcome the 72nd session of the UN General Assembly in New York in September 2017.",
			[]string{"City New York", "Group SCO member states", "Meeting 72nd session of the UN General Assembly", "Organization Council of Heads of State of the Shanghai Cooperation Organisation Member States",
				"Organization Shanghai Cooperation Organisation", "Organization United Nations General Assembly"}},
		{"a proposed code of conduct is no instrument yet", sco + "The Member States support the initiative to develop a Code of Conduct for Achieving a Terrorism-Free World.",
			[]string{"Group SCO member states", "Initiative initiative to develop a Code of Conduct for Achieving a Terrorism-Free World",
				"Organization Council of Heads of State of the Shanghai Cooperation Organisation Member States", "Organization Shanghai Cooperation Organisation"}},
		{"a name does not stop at a demonym that qualifies a lower-case word", sco + "The Member States support the Joint Comprehensive Plan of Action on the Iranian nuclear issue and the International Conference on Afghanistan held in Moscow.",
			[]string{"City Moscow", "Group SCO member states", "Instrument Joint Comprehensive Plan of Action", "Meeting International Conference on Afghanistan",
				"Organization Council of Heads of State of the Shanghai Cooperation Organisation Member States", "Organization Shanghai Cooperation Organisation", "State Islamic Republic of Afghanistan"}},
		{"a meeting of a treaty's parties keeps the treaty", sco + "The Member States note the 2020 Review Conference of the Parties to the Treaty on the Non-Proliferation of Nuclear Weapons.",
			[]string{"Group SCO member states", "Instrument Treaty on the Non-Proliferation of Nuclear Weapons", "Meeting 2020 Review Conference of the Parties to the Treaty on the Non-Proliferation of Nuclear Weapons",
				"Organization Council of Heads of State of the Shanghai Cooperation Organisation Member States", "Organization Shanghai Cooperation Organisation"}},
		{"anaphor: the Treaty", sco + "As States parties to the Treaty on the Non-Proliferation of Nuclear Weapons, the Member States support compliance with the Treaty.",
			[]string{"Group SCO member states", "Instrument Treaty on the Non-Proliferation of Nuclear Weapons",
				"Organization Council of Heads of State of the Shanghai Cooperation Organisation Member States", "Organization Shanghai Cooperation Organisation"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := entities(run(t, tt.text))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("entities (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDates(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"day month year", "10 June 2018", []string{"2018-06-10"}},
		{"month day, year", "June 10, 2018", []string{"2018-06-10"}},
		{"a range in one token", "3-4 May 2018", []string{"2018-05-03..2018-05-04"}},
		{"a range in words", "3 to 4 May 2018", []string{"2018-05-03..2018-05-04"}},
		{"month-first range", "June 8-9, 2017", []string{"2017-06-08..2017-06-09"}},
		{"across months", "30 May - 2 June 2018", []string{"2018-05-30..2018-06-02"}},
		{"month and year", "in September 2017", []string{"2017-09"}},
		{"a year after in", "in 2017", []string{"2017"}},
		{"a day without a year takes the last one", "On 9 June 2017 and on 10 June", []string{"2017-06-09", "2017-06-10"}},
		{"may is a verb without a number", "States may cooperate in 2017", []string{"2017"}},
		{"numbers in a title are no dates", "the SCO Development Strategy until 2025", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := run(t, "Title of the text\n\nThe Member States note: "+tt.text+".")
			var got []string
			for _, d := range res.Doc.Dates {
				s := d.From.Lexical()
				if d.IsRange() {
					s += ".." + d.To.Lexical()
				}
				got = append(got, s)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("dates (-want +got):\n%s", diff)
			}
		})
	}
}

func TestStructure(t *testing.T) {
	text := "Qingdao Declaration of the Council of Heads of State of the Shanghai Cooperation Organisation\n\n" +
		"Xiamen, China, 4 September 2017\n\n" +
		"1. The U.S. delegation arrived. Resolution No. 5 of 1.5 pages was read. The Member States met.\n\n" +
		"2. They reaffirm the SCO Charter!\n"
	res := run(t, text)
	d := res.Doc
	var sents []string
	for _, s := range d.Sentences {
		sents = append(sents, fmt.Sprintf("%d:%s", d.ParagraphOf(len(sents)).N, d.TextOf(s.Span)))
	}
	want := []string{
		"0:Qingdao Declaration of the Council of Heads of State of the Shanghai Cooperation Organisation",
		"1:The U.S. delegation arrived.",
		"1:Resolution No. 5 of 1.5 pages was read.",
		"1:The Member States met.",
		"2:They reaffirm the SCO Charter!",
	}
	if diff := cmp.Diff(want, sents); diff != "" {
		t.Errorf("sentences (-want +got):\n%s", diff)
	}
	if d.TitleText == "" || d.Published == nil || d.Published.Lexical() != "2017-09-04" {
		t.Errorf("title %q, published %v; want the first line and 2017-09-04", d.TitleText, d.Published)
	}
}

// TestModes checks the event codes and modes of English statements.
func TestModes(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"reaffirmed support is 051", sco + "The Member States reaffirm their support for the United Nations.", []string{"051 reaffirmed"}},
		{"reaffirmed commitment is 030", sco + "The Member States reaffirm their commitment to the SCO Charter.", []string{"030 reaffirmed"}},
		{"a plain reaffirmation is 010", sco + "The Member States reaffirm that the SCO Charter matters.", []string{"010 reaffirmed"}},
		{"will support: intends and supports, both future", sco + "The Member States will support the United Nations.", []string{"030 future", "051 future"}},
		{"negated", sco + "The Member States do not support the withdrawal from the NPT.", []string{"051 negated"}},
		{"hedged: hypothetical", sco + "The Member States could support the United Nations.", []string{"051 hypothetical"}},
		{"condemn is 111", sco + "The Member States condemned the attack on the United Nations.", []string{"111"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := run(t, tt.text)
			var got []string
			for _, s := range res.Doc.Statements {
				got = append(got, strings.TrimSpace(s.Code.CAMEO+" "+strings.Join(s.Modes, ",")))
			}
			if diff := cmp.Diff(tt.want, uniq(got)); diff != "" {
				t.Errorf("code and modes (-want +got):\n%s", diff)
			}
		})
	}
}

// fixtures are the English dev fixtures; heldout is scored but not tuned on.
var (
	fixtures = []string{"qingdao-2018-en", "astana-2017-en", "xiamen-2017-en", "sochi-2019-en"}
	heldout  = "../../datasets/en-fixtures/heldout/bishkek-2019-en.yaml"
)

// TestQuality holds the English dev fixtures to the bar (entities
// F1 ≥ 0.95, relations F1 ≥ 0.90 on all of them together) and the held-out
// fixture, which the rules were never tuned on, to a floor below it (its
// score is reported, not optimized).
func TestQuality(t *testing.T) {
	var all, rel eval.Count
	add := func(c *eval.Count, o eval.Count) { c.TP += o.TP; c.FP += o.FP; c.FN += o.FN }
	score := func(gold string) *eval.Report {
		g, err := eval.LoadGold(gold)
		if err != nil {
			t.Fatal(err)
		}
		res, err := extractor(t).ExtractFile(context.Background(), g.Text, extract.Input{ID: g.Document})
		if err != nil {
			t.Fatal(err)
		}
		return eval.Score(g, res.Quads())
	}
	for _, f := range fixtures {
		rep := score(filepath.Join("../../datasets/en-fixtures", f, f+".yaml"))
		add(&all, rep.Entities)
		add(&rel, rep.Relations)
		if rep.Entities.F1() < 0.95 || rep.Relations.F1() < 0.90 {
			var b strings.Builder
			rep.Print(&b, true)
			t.Errorf("%s: entities F1 %.3f, relations F1 %.3f\n%s", f, rep.Entities.F1(), rep.Relations.F1(), b.String())
		}
	}
	t.Logf("dev fixtures: entities F1 %.3f, relations F1 %.3f", all.F1(), rel.F1())
	rep := score(heldout)
	t.Logf("held-out fixture: entities F1 %.3f, relations F1 %.3f", rep.Entities.F1(), rep.Relations.F1())
	if rep.Entities.F1() < 0.85 || rep.Relations.F1() < 0.80 {
		t.Errorf("held-out fixture: entities F1 %.3f, relations F1 %.3f (floor 0.85 / 0.80)", rep.Entities.F1(), rep.Relations.F1())
	}
}

// TestGolden compares the quads of the English rendering of the Qingdao
// Declaration with testdata/qingdao-2018-en.nq; -update accepts a change.
func TestGolden(t *testing.T) {
	res, err := extractor(t).ExtractFile(context.Background(), "../../datasets/en-fixtures/qingdao-2018-en/qingdao-2018-en.en.text", extract.Input{})
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, q := range res.Quads() {
		lines = append(lines, q.NQuad())
	}
	sort.Strings(lines)
	got := strings.Join(lines, "\n") + "\n"
	golden := filepath.Join("testdata", "qingdao-2018-en.nq")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("quads differ from %s (-want +got); go test ./extractors/en -update accepts the change:\n%s", golden, diff)
	}
}

// FuzzExtract runs the English recipe over arbitrary text: no panic, every
// mention on rune boundaries inside its sentence, every statement's
// trigger inside its sentence.
func FuzzExtract(f *testing.F) {
	f.Add(sco + "The Member States reaffirm their commitment to the SCO Charter, signed in Bishkek on 16 August 2007.")
	f.Add("BRICS Leaders Xiamen Declaration\n\nWe, the Leaders, met on 4 September 2017 in Xiamen, China, at the Ninth BRICS Summit.")
	f.Add("Title\n\n1. \"Quoted \u201cthings\u201d (hereinafter referred to as \"the X\") 3-4 May.")
	f.Fuzz(func(t *testing.T, s string) {
		res, err := extractor(t).Extract(context.Background(), extract.Input{Path: "f.txt", ID: "f", Lang: "en", Raw: []byte(s)})
		if err != nil {
			return
		}
		d := res.Doc
		for _, m := range d.Mentions {
			if m.Start < 0 || m.End > len(d.View) || m.Start >= m.End || !utf8.ValidString(d.View[m.Start:m.End]) {
				t.Fatalf("mention %+v off the text", m.Span)
			}
		}
		for _, st := range d.Statements {
			s := d.Sentences[st.Sent]
			if !s.Contains(st.Trigger) {
				t.Fatalf("trigger %+v outside its sentence %+v", st.Trigger, s.Span)
			}
		}
		_ = res.Quads()
	})
}
