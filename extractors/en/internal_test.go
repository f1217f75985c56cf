package en

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"

	"github.com/accordkg/accord/extractors"
	"github.com/accordkg/accord/extractors/text"
	"github.com/accordkg/accord/schema"
)

// fixtureText returns the English fixture texts, joined.
func fixtureText(t *testing.T) string {
	t.Helper()
	paths, err := filepath.Glob("../../datasets/en-fixtures/*/*.en.text")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no English fixtures (%v)", err)
	}
	sort.Strings(paths)
	var b strings.Builder
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(raw)
		b.WriteString("\n\n")
	}
	return foldString(b.String())
}

// TestASCIIClasses checks the ASCII fast paths against the unicode
// package.
func TestASCIIClasses(t *testing.T) {
	for c := 0; c < 128; c++ {
		r := rune(c)
		if got, want := asciiWord(byte(c)), isWordRune(r); got != want {
			t.Errorf("asciiWord(%q) = %v, want %v", r, got, want)
		}
		if got, want := asciiSpace(byte(c)), unicode.IsSpace(r); got != want {
			t.Errorf("asciiSpace(%q) = %v, want %v", r, got, want)
		}
		if got, want := asciiPunct(byte(c)), unicode.IsPunct(r); got != want {
			t.Errorf("asciiPunct(%q) = %v, want %v", r, got, want)
		}
	}
}

// TestTokenize checks tokens, keys and case flags.
func TestTokenize(t *testing.T) {
	type tok struct {
		Text, Key        string
		Word, Cap, Upper bool
	}
	tests := []struct {
		name string
		in   string
		want []tok
	}{
		{"compound and British spelling", "Good-Neighbourliness, Organisation", []tok{
			{"Good-Neighbourliness", "goodneighborliness", true, true, false},
			{",", ",", false, false, false},
			{"Organisation", "organization", true, true, false},
		}},
		{"acronym, possessive, numbers", "the USA's 1.5 and 73/27 in 2018–2023.", []tok{
			{"the", "the", true, false, false},
			{"USA", "usa", true, true, true},
			{"'", "'", false, false, false},
			{"s", "s", true, false, false},
			{"1.5", "1.5", true, false, false},
			{"and", "and", true, false, false},
			{"73/27", "73/27", true, false, false},
			{"in", "in", true, false, false},
			{"2018–2023", "20182023", true, false, false},
			{".", ".", false, false, false},
		}},
		{"words listed and exceptions", "Programme Dialogue hour Centre", []tok{
			{"Programme", "program", true, true, false},
			{"Dialogue", "dialog", true, true, false},
			{"hour", "hour", true, false, false},
			{"Centre", "center", true, true, false},
		}},
		{"non-ASCII letters", "CÔTE d'Ivoire Éire", []tok{
			{"CÔTE", "côte", true, true, true},
			{"d", "d", true, false, false},
			{"'", "'", false, false, false},
			{"Ivoire", "ivoire", true, true, false},
			{"Éire", "éire", true, true, false},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []tok
			for _, x := range tokenize(tc.in, 0, len(tc.in)) {
				if x.Text != tc.in[x.Start:x.End] {
					t.Errorf("token %q at [%d, %d) is %q in the text", x.Text, x.Start, x.End, tc.in[x.Start:x.End])
				}
				got = append(got, tok{x.Text, x.Key, x.Word, x.Cap, x.Upper})
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("tokens (-want +got):\n%s", diff)
			}
		})
	}
}

// TestTokenIndex checks the token look-ups by view offset against a
// search of every token.
func TestTokenIndex(t *testing.T) {
	view := fixtureText(t)
	ts := newTokens(view)
	for i, tk := range ts.t {
		if got := ts.key[ts.keyAt[i] : ts.keyAt[i]+len(tk.Key)]; got != tk.Key {
			t.Fatalf("token %d: key string has %q, token key %q", i, got, tk.Key)
		}
	}
	for off := -1; off <= len(view)+1; off++ {
		first, last := len(ts.t), len(ts.t)
		start, end := -1, -1
		for i, tk := range ts.t {
			if tk.Start >= off && first == len(ts.t) {
				first = i
			}
			if tk.End > off && last == len(ts.t) {
				last = i
			}
			if tk.Start == off {
				start = i
			}
			if tk.End == off {
				end = i
			}
		}
		if got := ts.first(off); got != first {
			t.Errorf("first(%d) = %d, want %d", off, got, first)
		}
		if got := ts.last(off); got != last {
			t.Errorf("last(%d) = %d, want %d", off, got, last)
		}
		if got, ok := ts.startAt(off); ok != (start >= 0) || ok && got != start {
			t.Errorf("startAt(%d) = %d, %v, want %d", off, got, ok, start)
		}
		if got, ok := ts.endAt(off); ok != (end >= 0) || ok && got != end {
			t.Errorf("endAt(%d) = %d, %v, want %d", off, got, ok, end)
		}
		if t.Failed() {
			return
		}
	}
}

// TestDictMatch checks that matching the gazetteer and the trigger words
// on tokens finds what the automaton finds in the key string on token
// boundaries.
func TestDictMatch(t *testing.T) {
	r, err := schema.LoadBuiltin()
	if err != nil {
		t.Fatal(err)
	}
	p, err := New(r)
	if err != nil {
		t.Fatal(err)
	}
	var e *entities
	var rel *relations
	for _, s := range p.Stages {
		if rc, ok := s.(*recipe); ok {
			for _, s := range rc.stages {
				switch s := s.(type) {
				case *entities:
					e = s
				case *relations:
					rel = s
				}
			}
		}
	}
	if e == nil || rel == nil {
		t.Fatal("no entities or relations stage in the recipe")
	}
	view := fixtureText(t)
	ts := newTokens(view)
	for name, d := range map[string]*dict{"gazetteer": e.gaz, "triggers": rel.triggers} {
		t.Run(name, func(t *testing.T) {
			var want []tokHit
			for _, h := range d.hits(ts.key, 0, nil) {
				i := sort.SearchInts(ts.keyAt, h.Start)
				if i >= len(ts.t) || ts.keyAt[i] != h.Start {
					continue
				}
				for j := i; j < len(ts.t); j++ {
					if end := ts.keyAt[j] + len(ts.t[j].Key); end >= h.End {
						if end == h.End {
							want = append(want, tokHit{i: i, j: j + 1, word: h.Word})
						}
						break
					}
				}
			}
			got := d.match(ts.t, 0, len(ts.t), nil)
			if len(want) == 0 {
				t.Fatal("the automaton found nothing")
			}
			if diff := cmp.Diff(want, got, cmp.AllowUnexported(tokHit{})); diff != "" {
				t.Errorf("matches (-automaton +tokens):\n%s", diff)
			}
		})
	}
}

// TestAddMentions checks that merging mentions in gives what adding them
// and sorting gives.
func TestAddMentions(t *testing.T) {
	m := func(start, end int, rule string) extractors.Mention {
		return extractors.Mention{Span: extractors.Span{Start: start, End: end}, Rule: rule}
	}
	tests := []struct {
		name      string
		there, ms []extractors.Mention
	}{
		{"into none", nil, []extractors.Mention{m(5, 9, "a"), m(0, 3, "b"), m(5, 12, "c")}},
		{"none", []extractors.Mention{m(0, 3, "a"), m(4, 6, "b")}, nil},
		{"equal spans keep those there first", []extractors.Mention{m(0, 3, "a"), m(4, 6, "b")},
			[]extractors.Mention{m(4, 6, "c"), m(0, 3, "d"), m(4, 8, "e"), m(9, 10, "f")}},
		{"unsorted there", []extractors.Mention{m(4, 6, "a"), m(0, 3, "b")}, []extractors.Mention{m(1, 2, "c")}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := func() *extractors.Document {
				d := extractors.NewDocument("t", "t", "en", nil, "utf-8", strings.Repeat("x", 20), nil, nil)
				d.Sentences = []extractors.Sentence{{Span: extractors.Span{Start: 0, End: 20}}}
				d.Mentions = append([]extractors.Mention(nil), tc.there...)
				return d
			}
			want := doc()
			for _, x := range tc.ms {
				want.AddMention(x)
			}
			want.SortMentions()
			got := doc()
			addMentions(got, append([]extractors.Mention(nil), tc.ms...))
			rules := func(d *extractors.Document) (out []string) {
				for _, x := range d.Mentions {
					out = append(out, x.Rule)
				}
				return out
			}
			if diff := cmp.Diff(rules(want), rules(got)); diff != "" {
				t.Errorf("mentions (-add and sort +merge):\n%s", diff)
			}
		})
	}
}

// TestMentionScan checks the position look-ups of mentions against a
// search of every mention.
func TestMentionScan(t *testing.T) {
	d := extractors.NewDocument("t", "t", "en", nil, "utf-8", strings.Repeat("x", 40), nil, nil)
	for _, sp := range [][2]int{{0, 3}, {0, 20}, {2, 4}, {5, 6}, {5, 9}, {8, 12}, {15, 16}, {30, 35}} {
		d.Mentions = append(d.Mentions, extractors.Mention{Span: extractors.Span{Start: sp[0], End: sp[1]}})
	}
	for _, order := range []string{"left to right", "right to left"} {
		ms := newMentionScan(d)
		for k := 0; k <= 40; k++ {
			off := k
			if order == "right to left" {
				off = 40 - k
			}
			want := 0
			for want < len(d.Mentions) && d.Mentions[want].Start < off {
				want++
			}
			if got := ms.before(off); got != want {
				t.Errorf("%s: before(%d) = %d, want %d", order, off, got, want)
			}
			for n := 1; n <= 3 && off+n <= 40; n++ {
				sp := extractors.Span{Start: off, End: off + n}
				overlaps, contains := false, -1
				for i, m := range d.Mentions {
					overlaps = overlaps || m.Overlaps(sp)
					if m.Contains(sp) {
						contains = i
					}
				}
				if got := ms.overlapsAny(sp); got != overlaps {
					t.Errorf("%s: overlapsAny(%v) = %v, want %v", order, sp, got, overlaps)
				}
				if got := ms.containing(sp, nil); got != contains {
					t.Errorf("%s: containing(%v) = %d, want %d", order, sp, got, contains)
				}
			}
		}
	}
}

// TestDetect checks the ASCII fast path of Detect against a pass over the
// runes.
func TestDetect(t *testing.T) {
	ref := func(s string) float64 {
		var latin, all int
		for _, r := range s {
			if unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsDigit(r) {
				continue
			}
			all++
			if r < 0x250 && unicode.IsLetter(r) {
				latin++
			}
		}
		if all == 0 {
			return 0
		}
		return float64(latin)/float64(all) - text.CJKRatio(s)
	}
	for _, s := range []string{"", "The SCO, 2018.", "$5 + 3 = <8> ^_^ `x` | ~", "中华人民共和国 and the UN", "Côte d'Ivoire\x01\x7f", "\xff\xfe bad bytes"} {
		if got, want := Detect(s), ref(s); got != want {
			t.Errorf("Detect(%q) = %v, want %v", s, got, want)
		}
	}
}
