package zh

import (
	"context"
	"os"
	"slices"
	"strings"
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

// checkNegatedClause compares clauseNegated's one pass over a clause's
// bytes with clauseEnd and the rune-by-rune walk of negatedClause over the
// clause it ends, from every rune start of s to every rune start after it
// and to the end; with the first bytes of the cues as a guide, and
// without (a cue that starts with a continuation byte).
func checkNegatedClause(t *testing.T, s string, spans []byte) {
	t.Helper()
	d := testMentions(s, spans)
	x := &relScratch{}
	x.sm.reset(d, extractors.Span{Start: 0, End: len(s)})
	for _, list := range [][]string{{"不允许", "不能", "不接受", "不得", "不应", "禁止", "不会", "拒绝"}, {"不", "不能够", "禁", "ab", "a"}, {"\xe4a", "😀x", "\ufffd", "\xe4\xb8"}, {"😀x", "\ufffd不", "不"}, {"\x80", "不"}, {"不能", "拒绝", "\xe4\xb8\x8d"}, {"拒绝", "禁止"}} {
		r := &Relations{c: &cues{negationCues: newWordList(list)}}
		x.negBytes = cueBytes(&r.c.negationCues)
		if x.negBytes == nil && list[0] != "\x80" {
			t.Fatalf("no first bytes of %q", list)
		}
		for from := range s {
			for limit := from; limit <= len(s); limit++ {
				if limit < len(s) && !utf8.RuneStart(s[limit]) {
					continue
				}
				end, neg := r.clauseNegated(d, x, from, limit)
				wantEnd := clauseEnd(s, from, limit)
				if wantNeg := r.negatedClause(d, from, wantEnd); end != wantEnd || neg != wantNeg {
					t.Fatalf("clauseNegated(%q, %d, %d) with %q and mentions %v = %d, %v, want %d, %v", s, from, limit, list, d.Mentions, end, neg, wantEnd, wantNeg)
				}
			}
		}
	}
}

func TestNegatedClause(t *testing.T) {
	for _, s := range []string{"", "不", "成员国不允许在《禁止化学武器公约》框架外", "拒绝\xe4不能", "ab不能够a", "禁止禁", "\xe4a\xe4\xb8😀x不",
		"“不能,”不能。不能", "《不能。》,不\xe2\x80不能", "不”》,不能"} {
		checkNegatedClause(t, s, []byte{0, 9, 3, 12, 30, 40})
		checkNegatedClause(t, s, nil)
	}
}

// FuzzNegatedClause checks clauseNegated's one pass over a clause against
// clauseEnd and negatedClause's rune-by-rune walk, on any text with any
// mentions.
func FuzzNegatedClause(f *testing.F) {
	f.Add("成员国不允许在《禁止化学武器公约》框架外,拒绝", []byte{0, 9, 21, 48})
	f.Add("不\xe4不能够ab", []byte{1, 4})
	f.Fuzz(func(t *testing.T, s string, spans []byte) {
		if len(s) > 96 {
			// the check is cubic in the text: at 256 bytes the 50,000
			// executions CI runs took 2 minutes; a clause's cues and
			// breaks are a few runes apart
			s = s[:96]
		}
		checkNegatedClause(t, s, spans)
	})
}

// checkSentMentions compares the look-ups of sentMentions with the
// document's own at every offset, for sentences over [a, b) of s and then
// over [c, e) (reset walks on from one to the next).
func checkSentMentions(t *testing.T, s string, spans []byte, a, b, c, e int) {
	t.Helper()
	d := testMentions(s, spans)
	var sm sentMentions
	for _, sent := range []extractors.Span{{Start: a, End: b}, {Start: c, End: e}} {
		sm.reset(d, sent)
		for from := -1; from <= len(s)+1; from++ {
			if got, want := sm.endingAt(from), mentionEndingAt(d, from); got != want {
				t.Fatalf("endingAt(%d) in %v with mentions %v = %d, want %d", from, sent, d.Mentions, got, want)
			}
			for to := from; to <= len(s)+1; to++ {
				glo, ghi := sm.rangeOf(from, to)
				wlo, whi := d.MentionRange(from, to)
				if glo != wlo || ghi != whi {
					t.Fatalf("rangeOf(%d, %d) in %v with mentions %v = %d, %d, want %d, %d", from, to, sent, d.Mentions, glo, ghi, wlo, whi)
				}
				sp := extractors.Span{Start: from, End: to}
				if got, want := sm.covers(sp, true), insideMention(d, sp); got != want {
					t.Fatalf("covers(%v, true) in %v with mentions %v = %v, want %v", sp, sent, d.Mentions, got, want)
				}
				if got, want := sm.covers(sp, false), insideAny(d, sp); got != want {
					t.Fatalf("covers(%v, false) in %v with mentions %v = %v, want %v", sp, sent, d.Mentions, got, want)
				}
			}
		}
	}
}

func TestSentMentions(t *testing.T) {
	s := "成员国不允许在《禁止化学武器公约》框架外,拒绝"
	for _, spans := range [][]byte{nil, {0, 9, 3, 12, 30, 40, 21, 48, 9, 12}, {5, 70, 0, 3, 6, 9, 3, 6}} {
		for _, sent := range [][4]int{{0, len(s), 0, len(s)}, {3, 21, 21, 48}, {9, 9, 9, 30}, {12, 48, 20, 30}, {0, 9, 40, 48}} {
			checkSentMentions(t, s, spans, sent[0], sent[1], sent[2], sent[3])
		}
	}
}

// FuzzSentMentions checks the sentence-local mention look-ups of
// Relations (sentMentions) against the document's index, for any
// mentions and any two sentences in order.
func FuzzSentMentions(f *testing.F) {
	f.Add(80, []byte{0, 9, 3, 12, 30, 40, 21, 48, 9, 12}, 3, 21, 21, 40)
	f.Add(20, []byte{5, 7, 0, 3, 6, 9, 3, 6}, 6, 9, 7, 20)
	f.Fuzz(func(t *testing.T, n int, spans []byte, a, b, c, e int) {
		n = min(max(n, 0), 64) // the check is cubic in the text
		clamp := func(x int) int { return min(max(x, 0), n) }
		a, b, c, e = clamp(a), clamp(b), clamp(c), clamp(e)
		if a > b {
			a, b = b, a
		}
		if c > e {
			c, e = e, c
		}
		if c < a {
			a, b, c, e = c, e, a, b
		}
		checkSentMentions(t, strings.Repeat("x", n), spans, a, b, c, e)
	})
}
