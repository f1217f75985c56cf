package zh

import (
	"context"
	"os"
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/accordkg/accord/extractors"
	"github.com/accordkg/accord/schema"
)

// dropCarried is a stage that forgets what earlier stages carried.
type dropCarried struct{}

func (dropCarried) Process(d *extractors.Document) error {
	d.Carry(triggerHitsKey{}, nil)
	return nil
}

// TestRelationsOwnScan checks that Relations finds the same statements
// when it scans each sentence for triggers itself (a pipeline whose
// Entities left no hits) as when it reads the hits of Entities' pass.
func TestRelationsOwnScan(t *testing.T) {
	rules, err := schema.LoadBuiltin()
	if err != nil {
		t.Fatal(err)
	}
	p, err := New(rules)
	if err != nil {
		t.Fatal(err)
	}
	own := *p
	own.Stages = nil
	for _, s := range p.Stages {
		own.Stages = append(own.Stages, s)
		if _, ok := s.(*Entities); ok {
			own.Stages = append(own.Stages, dropCarried{})
		}
	}
	raw, err := os.ReadFile("../../datasets/qingdao-2018/qingdao-2018.zh.txt")
	if err != nil {
		t.Fatal(err)
	}
	run := func(p *extractors.Pipeline) *extractors.Document {
		d := extractors.NewDocument("t", "t.txt", "zh", raw, "UTF-8", string(raw), p.Fold, nil)
		if err := p.Run(context.Background(), d); err != nil {
			t.Fatal(err)
		}
		return d
	}
	shared, alone := run(p), run(&own)
	if len(shared.Statements) == 0 {
		t.Fatal("no statements")
	}
	if _, ok := alone.Carried(triggerHitsKey{}).(*triggerHits); ok {
		t.Fatal("the hits were not dropped")
	}
	if diff := cmp.Diff(shared.Statements, alone.Statements); diff != "" {
		t.Errorf("statements (-shared hits +own scan):\n%s", diff)
	}
}

// testMentions makes a document of view s with mentions over the spans
// that spans' bytes pick (pairs of offsets, moved to rune starts), sorted.
func testMentions(s string, spans []byte) *extractors.Document {
	d := &extractors.Document{View: s}
	if len(s) == 0 {
		return d
	}
	for i := 0; i+1 < len(spans); i += 2 {
		a, b := runeStart(s, int(spans[i])%len(s)), runeStart(s, int(spans[i+1])%(len(s)+1))
		if a > b {
			a, b = b, a
		}
		if a == b {
			continue
		}
		d.Mentions = append(d.Mentions, extractors.Mention{Span: extractors.Span{Start: a, End: b}, Class: schema.Class{Name: "State", Actor: true}})
	}
	slices.SortStableFunc(d.Mentions, func(x, y extractors.Mention) int { return x.Start - y.Start })
	return d
}

// checkNegatedClause compares negatedClause's search for the cues' first
// bytes with its rune-by-rune walk, from every rune start of s to every
// rune start after it and to the end.
func checkNegatedClause(t *testing.T, s string, spans []byte) {
	t.Helper()
	d := testMentions(s, spans)
	for _, list := range [][]string{{"不允许", "不能", "不接受", "不得", "不应", "禁止", "不会", "拒绝"}, {"不", "不能够", "禁", "ab", "a"}} {
		r := &Relations{c: &cues{negationCues: newWordList(list)}}
		leads := cueLeads(&r.c.negationCues)
		if leads == nil {
			t.Fatalf("no first bytes of %q", list)
		}
		for from := range s {
			for to := from; to <= len(s); to++ {
				if to < len(s) && !utf8.RuneStart(s[to]) {
					continue
				}
				if got, want := r.negatedClause(d, from, to, leads), r.negatedClause(d, from, to, nil); got != want {
					t.Fatalf("negatedClause(%q, %d, %d) with mentions %v = %v, want %v", s, from, to, d.Mentions, got, want)
				}
			}
		}
	}
}

func TestNegatedClause(t *testing.T) {
	for _, s := range []string{"", "不", "成员国不允许在《禁止化学武器公约》框架外", "拒绝\xe4不能", "ab不能够a", "禁止禁"} {
		checkNegatedClause(t, s, []byte{0, 9, 3, 12, 30, 40})
		checkNegatedClause(t, s, nil)
	}
}

// FuzzNegatedClause checks negatedClause's byte scan for the negation
// cues against its rune-by-rune walk, on any text with any mentions.
func FuzzNegatedClause(f *testing.F) {
	f.Add("成员国不允许在《禁止化学武器公约》框架外,拒绝", []byte{0, 9, 21, 48})
	f.Add("不\xe4不能够ab", []byte{1, 4})
	f.Fuzz(func(t *testing.T, s string, spans []byte) {
		if len(s) > 256 {
			s = s[:256] // the check is cubic in the text
		}
		checkNegatedClause(t, s, spans)
	})
}
