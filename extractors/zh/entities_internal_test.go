package zh

import (
	"cmp"
	"slices"
	"testing"

	"github.com/accordkg/accord/extractors"
)

// fuzzSpans reads spans from b, two bytes each: a start below 32 and a
// length below 8.
func fuzzSpans(b []byte) []extractors.Span {
	var out []extractors.Span
	for i := 0; i+1 < len(b) && len(out) < 48; i += 2 {
		start := int(b[i] % 32)
		out = append(out, extractors.Span{Start: start, End: start + int(b[i+1]%8)})
	}
	return out
}

// fuzzGaz reads gazetteer candidates from b as leftmostLongest leaves
// them: non-empty, apart, in text order.
func fuzzGaz(b []byte) []gazCand {
	var out []gazCand
	at := 0
	for i := 0; i+1 < len(b) && len(out) < 48; i += 2 {
		start := at + int(b[i]%4)
		end := start + 1 + int(b[i+1]%6)
		out = append(out, gazCand{Span: extractors.Span{Start: start, End: end}})
		at = end
	}
	return out
}

// fuzzPats reads pattern candidates from b: spans (fuzzSpans) and the
// flags of a third byte. None is empty (no pattern finds an empty name,
// and the spanSet does not find an empty span at its own start).
func fuzzPats(b []byte) []cand {
	var out []cand
	for i := 0; i+2 < len(b) && len(out) < 48; i += 3 {
		start := int(b[i] % 32)
		f := b[i+2]
		out = append(out, cand{m: extractors.Mention{Span: extractors.Span{Start: start, End: start + 1 + int(b[i+1]%9)}},
			name: f&1 != 0, nest: f&2 != 0, keep: f&4 != 0, none: f&8 != 0})
	}
	return out
}

// outsideNear is outside as it was written before: a look-up in a
// spanSet of the names for every candidate.
func outsideNear(gaz []gazCand, pats []cand) []*gazCand {
	set := newSpanSet(pats)
	for i := range pats {
		if pats[i].name {
			set.insert(i)
		}
	}
	var out []*gazCand
	var near []*cand
	for i := range gaz {
		c := &gaz[i]
		in := false
		near = set.near(c.Span, near)
		for _, n := range near {
			if n.m.Contains(c.Span) && n.m.Span != c.Span {
				in = true
				break
			}
		}
		if !in {
			out = append(out, c)
		}
	}
	return out
}

// FuzzOutside checks outside, a sweep over the names in text order,
// against outsideNear.
func FuzzOutside(f *testing.F) {
	f.Add([]byte{0, 5, 1, 2, 3, 1, 9, 9, 0}, []byte{1, 2, 0, 3, 2, 2})
	f.Add([]byte{4, 4, 1, 4, 2, 1}, []byte{0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, pb, gb []byte) {
		pats, gaz := fuzzPats(pb), fuzzGaz(gb)
		if got, want := outside(gaz, pats), outsideNear(gaz, pats); !slices.Equal(got, want) {
			t.Fatalf("outside keeps %d candidates, outsideNear %d", len(got), len(want))
		}
	})
}

// FuzzResolveGaz checks how resolveOverlaps sets the gazetteer's
// candidates (a sweep over the kept patterns in text order) against a
// look-up in the spanSet of the kept patterns for every candidate, as
// it was written before.
func FuzzResolveGaz(f *testing.F) {
	f.Add([]byte{0, 9, 3, 2, 3, 1, 9, 9, 2, 4, 2, 8}, []byte{1, 2, 0, 3, 2, 2, 0, 1})
	f.Add([]byte{4, 4, 1, 4, 2, 5}, []byte{3, 0, 3, 0})
	f.Fuzz(func(t *testing.T, pb, gb []byte) {
		e := &Entities{}
		d := &extractors.Document{}
		pats, gaz := fuzzPats(pb), fuzzGaz(gb)
		kept := e.resolveOverlaps(d, pats, gaz)
		if !slices.IsSortedFunc(kept, func(a, b *cand) int { return a.m.Span.Compare(b.m.Span) }) {
			t.Fatalf("kept patterns out of order")
		}
		// the reference: the kept patterns, none ones included, in a
		// spanSet
		set := newSpanSet(pats)
		var want []*cand
		for _, i := range keptPats(pats) {
			set.insert(i)
			if !pats[i].none {
				want = append(want, &pats[i])
			}
		}
		slices.SortFunc(want, func(a, b *cand) int { return a.m.Span.Compare(b.m.Span) })
		if !slices.Equal(kept, want) {
			t.Fatalf("kept %d patterns, want %d", len(kept), len(want))
		}
		var near []*cand
		for i := range gaz {
			g := gaz[i]
			drop, nested := false, false
			near = set.near(g.Span, near)
			for _, o := range near {
				if o.m.Contains(g.Span) {
					if o.name {
						drop = true
						break
					}
					if o.nest {
						nested = true
					}
				} else if o.m.Overlaps(g.Span) && !o.none {
					drop = true
					break
				}
			}
			if g.drop != drop || !drop && g.nested != nested {
				t.Fatalf("candidate %v: drop %v nested %v, want %v %v", g.Span, g.drop, g.nested, drop, nested)
			}
		}
	})
}

// keptPats returns the patterns the first phase of resolveOverlaps
// keeps, replayed with a list of the kept instead of a spanSet.
func keptPats(pats []cand) []int {
	order := make([]int, len(pats))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(pats[b].m.Len(), pats[a].m.Len()) })
	var kept []int
	for _, i := range order {
		c := &pats[i]
		drop := false
		for _, k := range kept {
			o := &pats[k]
			switch {
			case o.m.Span == c.m.Span:
				drop = true
			case o.m.Contains(c.m.Span):
				if o.name && !c.keep {
					drop = true
				}
			case o.m.Overlaps(c.m.Span):
				drop = true
			}
			if drop {
				break
			}
		}
		if !drop {
			kept = append(kept, i)
		}
	}
	return kept
}

// FuzzSentCursor checks sentCursor against Document.SentenceAt, on
// sentences in order (gaps between them, empty ones) and offsets asked
// for in any order.
func FuzzSentCursor(f *testing.F) {
	f.Add([]byte{2, 3, 0, 4, 1, 0}, []byte{0, 1, 2, 3, 9, 4, 30})
	f.Fuzz(func(t *testing.T, sb, ob []byte) {
		d := &extractors.Document{}
		at := 0
		for i := 0; i+1 < len(sb) && i < 64; i += 2 {
			start := at + int(sb[i]%3)
			end := start + int(sb[i+1]%5)
			d.Sentences = append(d.Sentences, extractors.Sentence{Span: extractors.Span{Start: start, End: end}})
			at = end
		}
		c := newSentCursor(d)
		for _, o := range ob {
			if got, want := c.at(int(o)), d.SentenceAt(int(o)); got != want {
				t.Fatalf("sentences %v: at(%d) = %d, SentenceAt %d", d.Sentences, o, got, want)
			}
		}
	})
}

// FuzzByLength checks byLength against the stable sort by length it
// stands for, on spans of any length (negative and long ones too).
func FuzzByLength(f *testing.F) {
	f.Add([]byte{0, 3, 1, 2, 5, 1, 2, 3}, false)
	f.Add([]byte{9, 1, 2, 1}, true)
	f.Fuzz(func(t *testing.T, b []byte, wild bool) {
		var cs []cand
		for i := 0; i+1 < len(b); i += 2 {
			n := int(b[i+1] % 8)
			if wild {
				n = int(int8(b[i+1])) * 1031 // negative, and past maxCountedLen
			}
			cs = append(cs, cand{m: extractors.Mention{Span: extractors.Span{Start: int(b[i]), End: int(b[i]) + n}}})
		}
		want := make([]int, len(cs))
		for i := range want {
			want[i] = i
		}
		slices.SortStableFunc(want, func(a, b int) int { return cmp.Compare(cs[b].m.Len(), cs[a].m.Len()) })
		if got := byLength(cs); !slices.Equal(got, want) {
			t.Fatalf("byLength = %v, want %v", got, want)
		}
	})
}

// FuzzMentionRange checks mentionRange against Document.MentionRange on
// mentions in order (ties, empty spans) and any range.
func FuzzMentionRange(f *testing.F) {
	f.Add([]byte{0, 3, 1, 2, 1, 1, 5, 0}, 1, 5)
	f.Add([]byte{}, 0, 0)
	f.Fuzz(func(t *testing.T, b []byte, from, to int) {
		d := &extractors.Document{}
		for i := 0; i+1 < len(b); i += 2 {
			start := int(b[i] % 32)
			d.Mentions = append(d.Mentions, extractors.Mention{Span: extractors.Span{Start: start, End: start + int(b[i+1]%8)}})
		}
		d.SortMentions()
		lo, hi := mentionRange(d, from, to)
		wlo, whi := d.MentionRange(from, to)
		if lo != wlo || hi != whi {
			t.Fatalf("mentionRange(%d, %d) = %d, %d; MentionRange %d, %d", from, to, lo, hi, wlo, whi)
		}
	})
}
