package extractors

import (
	stdcmp "cmp"
	"slices"
	"sort"
	"strconv"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// referenceDocument is NewDocument as first written, rune by rune: the
// oracle the faster NewDocument must agree with.
func referenceDocument(text string, fold func(rune) rune, layout *Layout) (string, []shift, []runeMark) {
	var shifts []shift
	var marks []runeMark
	view := make([]byte, 0, len(text))
	delta := 0
	runes := 0
	var drops []Span
	space := map[int]bool{}
	if layout != nil {
		drops = layout.Drop
		for _, o := range layout.Space {
			space[o] = true
		}
	}
	di := 0
	for i, r := range text {
		if runes%128 == 0 {
			marks = append(marks, runeMark{text: i, runes: runes})
		}
		runes++
		n := utf8.RuneLen(r)
		if r == utf8.RuneError {
			_, n = utf8.DecodeRuneInString(text[i:])
		}
		for di < len(drops) && drops[di].End <= i {
			di++
		}
		if di < len(drops) && drops[di].Start <= i {
			delta += n
			shifts = append(shifts, shift{view: len(view), delta: delta})
			continue
		}
		f := r
		if fold != nil {
			f = fold(r)
		}
		if space[i] {
			f = ' '
		}
		m := utf8.RuneLen(f)
		view = utf8.AppendRune(view, f)
		if m != n {
			delta += n - m
			shifts = append(shifts, shift{view: len(view), delta: delta})
		}
	}
	return string(view), shifts, marks
}

// testFold folds like the Chinese recipe's folder does, on a few runes:
// full-width to ASCII (shorter), 國 to 国 (same length), é to e, and an
// ASCII rune to a longer one.
func testFold(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFEE0
	case r == 0x3000:
		return ' '
	case r == '國':
		return '国'
	case r == 'é':
		return 'e'
	case r == '~':
		return '〜'
	}
	return r
}

// checkDocument compares NewDocument's view and offset maps with the
// reference's on text.
func checkDocument(t *testing.T, text string, fold func(rune) rune, layout *Layout) {
	t.Helper()
	view, shifts, marks := referenceDocument(text, fold, layout)
	d := NewDocument("t", "t.txt", "zh", nil, "utf-8", text, fold, layout)
	checkView(t, d, text, view, shifts, marks)
	// the same through the set of the runes the fold changes
	set := testFoldSet
	if fold == nil {
		set = nilFoldSet
	}
	d = set.NewDocument("t", "t.txt", "zh", nil, "utf-8", text, layout)
	checkView(t, d, text, view, shifts, marks)
}

// The FoldSets of testFold and of no fold, made once for every check.
var (
	testFoldSet = NewFoldSet(testFold)
	nilFoldSet  = NewFoldSet(nil)
)

// checkView compares d's view and offset maps with the reference's.
func checkView(t *testing.T, d *Document, text, view string, shifts []shift, marks []runeMark) {
	t.Helper()
	if d.View != view {
		t.Fatalf("view of %q:\n got %q\nwant %q", text, d.View, view)
	}
	if diff := cmp.Diff(marks, d.runeMarks, cmp.AllowUnexported(runeMark{})); diff != "" {
		t.Fatalf("rune marks of %q (-want +got):\n%s", text, diff)
	}
	ref := &Document{Text: text, View: view, shifts: shifts, runeMarks: marks}
	for v := 0; v <= len(view); v++ {
		if got, want := d.TextOffset(v), ref.TextOffset(v); got != want {
			t.Fatalf("TextOffset(%d) of %q = %d, want %d", v, text, got, want)
		}
		if ref.TextOffset(v) > len(text) {
			continue // inside the replacement of an invalid last byte
		}
		if got, want := d.RuneOffset(v), ref.RuneOffset(v); got != want {
			t.Fatalf("RuneOffset(%d) of %q = %d, want %d", v, text, got, want)
		}
	}
}

func TestNewDocumentView(t *testing.T) {
	long := ""
	for len(long) < 2000 {
		long += "上海合作组织成员国ＡＢＣ國家 é~\n"
	}
	tests := []struct {
		name   string
		text   string
		fold   func(rune) rune
		layout *Layout
	}{
		{"empty", "", testFold, nil},
		{"no fold", "上海ＡＢ\n", nil, nil},
		{"unchanged", "上海合作组织成员国", testFold, nil},
		{"folds of every width", "ＡＢ國é~　x", testFold, nil},
		{"invalid bytes", "上\xff海\xe4\xb8合\xed\xa0\x80作\xef\xbf\xbd", testFold, nil},
		{"long", long, testFold, nil},
		{"drops and spaces", "第一行\n- 1 -\n第二行ＡＢ\nend", testFold, &Layout{Drop: []Span{{Start: 10, End: 16}}, Space: []int{9, 25, 3}}},
		{"drop inside a rune", "上海合作", testFold, &Layout{Drop: []Span{{Start: 1, End: 4}}}},
		{"drops overlapping, unsorted and malformed", long, testFold, &Layout{Drop: []Span{{Start: 50, End: 60}, {Start: 55, End: 90}, {Start: 300, End: 200}, {Start: 100, End: 120}}, Space: []int{-1, 44, 44, 5000, 61}}},
		{"space in a drop", "abc\ndef\nghi", testFold, &Layout{Drop: []Span{{Start: 3, End: 5}}, Space: []int{3, 7}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { checkDocument(t, tc.text, tc.fold, tc.layout) })
	}
}

// FuzzNewDocument checks NewDocument against the rune-by-rune reference on
// any text, with drops and spaces taken from the fuzzer's numbers.
func FuzzNewDocument(f *testing.F) {
	f.Add("上海合作组织ＡＢ國é~\n第二行", uint16(3), uint16(9), uint16(12))
	f.Add("\xff\xe4\xb8ab　c", uint16(0), uint16(2), uint16(1))
	f.Fuzz(func(t *testing.T, text string, a, b, c uint16) {
		lay := &Layout{Space: []int{int(c) % (len(text) + 1)}}
		if s, e := int(a)%(len(text)+1), int(b)%(len(text)+1); s <= e {
			lay.Drop = []Span{{Start: s, End: e}}
		}
		sort.Ints(lay.Space)
		checkDocument(t, text, testFold, lay)
		checkDocument(t, text, nil, nil)
	})
}

// TestMentionIndex checks the position look-ups against a scan of the
// mentions, sorted or not.
func TestMentionIndex(t *testing.T) {
	spans := []Span{{0, 6}, {0, 3}, {3, 6}, {3, 9}, {9, 12}, {3, 6}, {12, 12}, {2, 12}}
	scan := func(d *Document, off int, end bool) []int {
		var out []int
		for i, m := range d.Mentions {
			if !end && m.Start == off || end && m.End == off {
				out = append(out, i)
			}
		}
		return out
	}
	for _, sorted := range []bool{false, true} {
		d := &Document{}
		for _, sp := range spans {
			d.Mentions = append(d.Mentions, Mention{Span: sp})
		}
		if sorted {
			d.SortMentions()
		}
		for off := -1; off <= 13; off++ {
			if diff := cmp.Diff(scan(d, off, false), d.MentionsStartingAt(off)); diff != "" {
				t.Errorf("sorted %v: MentionsStartingAt(%d) (-want +got):\n%s", sorted, off, diff)
			}
			if diff := cmp.Diff(scan(d, off, true), d.MentionsEndingAt(off)); diff != "" {
				t.Errorf("sorted %v: MentionsEndingAt(%d) (-want +got):\n%s", sorted, off, diff)
			}
		}
		if !sorted {
			continue // Covering reads sorted mentions
		}
		for from := -1; from <= 13; from++ {
			for to := from; to <= 13; to++ {
				sp := Span{from, to}
				var want []int
				for i, m := range d.Mentions {
					if m.Contains(sp) {
						want = append(want, i)
					}
				}
				if diff := cmp.Diff(want, d.Covering(sp)); diff != "" {
					t.Errorf("Covering(%v) (-want +got):\n%s", sp, diff)
				}
			}
		}
	}
}

// TestCarry checks the values stages leave for later ones: each under its
// own key, replaced by a second Carry, nil when there is none.
func TestCarry(t *testing.T) {
	type keyA struct{}
	type keyB struct{}
	d := &Document{}
	if got := d.Carried(keyA{}); got != nil {
		t.Fatalf("Carried on a new document = %v, want nil", got)
	}
	d.Carry(keyA{}, 1)
	d.Carry(keyB{}, "b")
	d.Carry(keyA{}, 2)
	got := []any{d.Carried(keyA{}), d.Carried(keyB{}), d.Carried(struct{}{})}
	if diff := cmp.Diff([]any{2, "b", nil}, got); diff != "" {
		t.Errorf("Carried (-want +got):\n%s", diff)
	}
}

// TestSortMentions checks the order, stable on equal spans, on mentions in
// order and out of it, with a few appended (merged in place) or many
// (sorted by keys).
func TestSortMentions(t *testing.T) {
	many := make([]Span, 0, 200)
	for i := 0; i < 100; i++ {
		many = append(many, Span{i, i + 1})
	}
	for i := 99; i >= 0; i-- {
		many = append(many, Span{i, i + 2}, Span{i, i + 1})
	}
	many = many[:200]
	tests := []struct {
		name  string
		spans []Span
	}{
		{"empty", nil},
		{"in order", []Span{{0, 6}, {0, 3}, {3, 4}}},
		{"out of order", []Span{{3, 4}, {0, 3}, {0, 6}, {3, 4}}},
		{"sorted then appended", []Span{{0, 6}, {3, 4}, {5, 6}, {3, 4}, {1, 2}}},
		{"appended before all", []Span{{5, 6}, {7, 8}, {0, 1}, {5, 6}}},
		{"many appended, ties", many},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := &Document{}
			for i, sp := range tc.spans {
				d.Mentions = append(d.Mentions, Mention{Span: sp, Key: strconv.Itoa(i)})
			}
			// the reference: a stable sort of copies
			want := slices.Clone(d.Mentions)
			slices.SortStableFunc(want, func(a, b Mention) int { return a.Span.Compare(b.Span) })
			d.SortMentions()
			if diff := cmp.Diff(want, d.Mentions); diff != "" {
				t.Errorf("order (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSpanCompare checks the mention order: by start, then the longer first.
func TestSpanCompare(t *testing.T) {
	for _, tc := range []struct {
		name string
		a, b Span
		want int
	}{
		{"earlier start", Span{0, 3}, Span{1, 9}, -1},
		{"later start", Span{2, 3}, Span{1, 9}, 1},
		{"same start, longer", Span{0, 6}, Span{0, 3}, -1},
		{"same start, shorter", Span{0, 3}, Span{0, 6}, 1},
		{"same span", Span{4, 5}, Span{4, 5}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.a.Compare(tc.b); got != tc.want {
				t.Errorf("%v.Compare(%v) = %d, want %d", tc.a, tc.b, got, tc.want)
			}
		})
	}
}

func TestDateLexical(t *testing.T) {
	tests := []struct {
		name string
		d    Date
		want string
	}{
		{"day", Date{Year: 2018, Month: 6, Day: 10}, "2018-06-10"},
		{"month", Date{Year: 2017, Month: 9, Precision: Month}, "2017-09"},
		{"year", Date{Year: 2017, Precision: Year}, "2017"},
		{"early year padded", Date{Year: 945, Month: 1, Day: 2}, "0945-01-02"},
		{"zero", Date{Precision: Year}, "0000"},
		{"five digits", Date{Year: 12345, Precision: Year}, "12345"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.d.Lexical(); got != tc.want {
				t.Errorf("Lexical() = %q, want %q", got, tc.want)
			}
		})
	}
}

// FuzzSortMentions checks SortMentions against a stable sort of the
// mentions, on spans made of the fuzzer's bytes (the first sorted bytes a
// sorted run, as stages leave them).
func FuzzSortMentions(f *testing.F) {
	f.Add([]byte{0, 6, 3, 4, 5, 6, 3, 4, 1, 2}, uint8(3))
	f.Add([]byte{9, 1, 8, 2, 7, 3, 0, 9, 0, 1, 5, 5}, uint8(0))
	f.Fuzz(func(t *testing.T, b []byte, sorted uint8) {
		d := &Document{}
		for i := 0; i+1 < len(b); i += 2 {
			d.Mentions = append(d.Mentions, Mention{Span: Span{int(b[i]), int(b[i]) + int(b[i+1])}, Key: strconv.Itoa(i)})
		}
		head := min(int(sorted), len(d.Mentions))
		slices.SortStableFunc(d.Mentions[:head], func(a, b Mention) int { return a.Span.Compare(b.Span) })
		want := slices.Clone(d.Mentions)
		slices.SortStableFunc(want, func(a, b Mention) int { return a.Span.Compare(b.Span) })
		d.SortMentions()
		for i := range want {
			if want[i].Key != d.Mentions[i].Key {
				t.Fatalf("mention %d is %s %v, want %s %v", i, d.Mentions[i].Key, d.Mentions[i].Span, want[i].Key, want[i].Span)
			}
		}
	})
}

// FuzzOffsetIndex checks offsetIndex.search against a binary search of the
// offsets, and MentionRange against the binary search it stands for, on
// offsets made from the fuzzer's bytes (sorted, repeats kept).
func FuzzOffsetIndex(f *testing.F) {
	f.Add([]byte{0, 3, 3, 64, 65, 200, 255}, 64, 130)
	f.Add([]byte{1}, -5, 0)
	f.Add([]byte{}, 0, 10)
	f.Fuzz(func(t *testing.T, raw []byte, from, to int) {
		offs := make([]int, len(raw))
		for i, b := range raw {
			offs[i] = int(b) * (1 + i%5) // gaps past a bucket, repeats
		}
		slices.Sort(offs)
		x := newOffsetIndex(offs)
		for _, v := range []int{from, to, from % 300, to % 300, -1, 0, 63, 64, 65, 1 << 20} {
			if got, want := x.search(v), firstAtLeast(offs, v); got != want {
				t.Fatalf("search(%d) = %d, want %d (offsets %v)", v, got, want, offs)
			}
		}
		d := &Document{}
		for _, o := range offs {
			d.Mentions = append(d.Mentions, Mention{Span: Span{o, o + 3}})
		}
		lo, hi := d.MentionRange(from%300, to%300)
		wlo, _ := slices.BinarySearch(offs, from%300)
		whi, _ := slices.BinarySearch(offs[wlo:], to%300)
		if lo != wlo || hi != wlo+whi {
			t.Fatalf("MentionRange(%d, %d) = %d, %d, want %d, %d", from%300, to%300, lo, hi, wlo, wlo+whi)
		}
	})
}

// FuzzSortByOffset checks sortByOffset, which sorts offsets and indexes
// packed into one int, against the sort by offset, then index, with a
// comparison function that it replaced; and the position look-ups of an
// index so built against scans of the mentions.
func FuzzSortByOffset(f *testing.F) {
	f.Add([]byte{9, 3, 3, 0, 200, 3, 64}, false)
	f.Add([]byte{1, 2, 3}, true)
	f.Add([]byte{}, false)
	f.Fuzz(func(t *testing.T, raw []byte, wide bool) {
		// the look-up check below is quadratic: long inputs made the
		// fuzzer's executions take seconds each (CI stalled at 0/sec)
		if len(raw) > 128 {
			raw = raw[:128]
		}
		offs := make([]int, len(raw))
		for i, b := range raw {
			offs[i] = int(b) * (1 + i%3)
			if wide && i%4 == 1 {
				offs[i] = -offs[i] // a negative offset: the comparison sort
			}
			if wide && i%4 == 2 {
				offs[i] += 1 << 31 // past what is packed
			}
		}
		order, sorted := make([]int, len(offs)), make([]int, len(offs))
		want := make([]int, len(offs))
		for i := range order {
			order[i], want[i] = i, i
		}
		slices.SortFunc(want, func(a, b int) int {
			if offs[a] != offs[b] {
				return stdcmp.Compare(offs[a], offs[b])
			}
			return stdcmp.Compare(a, b)
		})
		sortByOffset(offs, order, sorted)
		for k, i := range want {
			if order[k] != i || sorted[k] != offs[i] {
				t.Fatalf("sortByOffset(%v) = %v, %v; want order %v", offs, order, sorted, want)
			}
		}
		if wide {
			return // an index of offsets past 1<<31 would be large
		}
		// the look-ups of an index of mentions ending at those offsets
		d := &Document{}
		for _, o := range offs {
			d.Mentions = append(d.Mentions, Mention{Span: Span{o - 2, o}})
		}
		for _, o := range append(slices.Clone(offs), -1, 0, 1) {
			var starts, ends []int
			for i, m := range d.Mentions {
				if m.Start == o {
					starts = append(starts, i)
				}
				if m.End == o {
					ends = append(ends, i)
				}
			}
			if got := d.MentionsStartingAt(o); !slices.Equal(got, starts) {
				t.Fatalf("MentionsStartingAt(%d) = %v, want %v (offsets %v)", o, got, starts, offs)
			}
			if got := d.MentionsEndingAt(o); !slices.Equal(got, ends) {
				t.Fatalf("MentionsEndingAt(%d) = %v, want %v (offsets %v)", o, got, ends, offs)
			}
		}
	})
}
