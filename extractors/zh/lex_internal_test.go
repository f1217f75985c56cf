package zh

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/accordkg/accord/extractors"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// testDicts are three overlapping word lists, as the gazetteer, the cue
// words and the anaphors overlap.
func testDicts() []*dict {
	lists := [][]string{
		{"上海合作组织", "上海", "合作", "组织", "中国", "中华人民共和国", "作组"},
		{"关于", "举行的", "第", "首次", "上海"},
		{"该条约", "条约", "上述文件", "文件", "约"},
	}
	var ds []*dict
	for i, ws := range lists {
		d := newDict()
		for _, w := range ws {
			d.add(w, i)
		}
		d.compile()
		ds = append(ds, d)
	}
	return ds
}

// checkMulti compares one pass of a multiDict with each dict's own pass:
// its all, and its pass (whose buffers earlier passes may have left).
func checkMulti(t *testing.T, m *multiDict, s string) {
	t.Helper()
	got := m.all(s)
	p := m.pass(s)
	defer m.done(p)
	for i, d := range m.dicts {
		want := d.all(s, 0)
		if diff := cmp.Diff(want, got[i], cmp.AllowUnexported(hit{})); diff != "" {
			t.Errorf("dict %d on %q (-want +got):\n%s", i, s, diff)
		}
		if diff := cmp.Diff(want, p.hits[i], cmpopts.EquateEmpty(), cmp.AllowUnexported(hit{})); diff != "" {
			t.Errorf("dict %d, pass on %q (-want +got):\n%s", i, s, diff)
		}
		if diff := cmp.Diff(leftmostLongest(append([]hit(nil), want...)), leftmostLongest(got[i]), cmp.AllowUnexported(hit{})); diff != "" {
			t.Errorf("dict %d, leftmost-longest on %q (-want +got):\n%s", i, s, diff)
		}
	}
}

func TestMultiDict(t *testing.T) {
	m := newMultiDict(testDicts()...)
	for _, s := range []string{
		"", "上海", "上海合作组织成员国重申恪守该条约和上述文件",
		"中华人民共和国关于举行的第一次首次上海合作组织条约",
		"\xff上海\xe4合作", "上上海海合作作组织",
	} {
		checkMulti(t, m, s)
	}
}

// FuzzMultiDict checks that one pass over several dicts finds what each
// dict finds alone.
func FuzzMultiDict(f *testing.F) {
	f.Add("上海合作组织成员国重申恪守该条约")
	f.Add("第一次上述文件中华人民共和国")
	m := newMultiDict(testDicts()...)
	f.Fuzz(func(t *testing.T, s string) { checkMulti(t, m, s) })
}

func TestIsClauseBreak(t *testing.T) {
	for _, r := range clauseBreaks + "，、。．;x上\uFFFD" {
		if got, want := isClauseBreak(r), strings.ContainsRune(clauseBreaks, r); got != want {
			t.Errorf("isClauseBreak(%q) = %v, want %v", r, got, want)
		}
	}
}

// TestWordsAt checks at and before against strings.HasPrefix and
// strings.HasSuffix over the list, longest first.
// The lists: with an empty word (no bit sets), with a one-byte word (bit
// sets on one byte), and of Chinese words only (on three).
func TestWordsAt(t *testing.T) {
	for _, list := range [][]string{
		{"框架内", "内", "框架", "", "在", "之内", "a"},
		{"框架内", "内", "框架", "在", "之内", "a"},
		{"框架内", "内", "框架", "在", "之内", "组织"},
	} {
		ws := newWordList(list)
		for _, s := range []string{"", "在上合组织框架内", "框架之内a", "内\xff框", "a在", "上合"} {
			checkWordsAt(t, &ws, s)
		}
	}
}

// checkWordsAt compares at and before at every offset of s with
// strings.HasPrefix and strings.HasSuffix over the list.
func checkWordsAt(t *testing.T, ws *words, s string) {
	t.Helper()
	ref := func(s string, off int, suffix bool) string {
		if off < 0 || off > len(s) {
			return ""
		}
		for _, w := range ws.list {
			if !suffix && strings.HasPrefix(s[off:], w) || suffix && strings.HasSuffix(s[:off], w) {
				return w
			}
		}
		return ""
	}
	for off := -1; off <= len(s)+1; off++ {
		if got, want := ws.at(s, off), ref(s, off, false); got != want {
			t.Errorf("%q: at(%q, %d) = %q, want %q", ws.list, s, off, got, want)
		}
		if got, want := ws.before(s, off), ref(s, off, true); got != want {
			t.Errorf("%q: before(%q, %d) = %q, want %q", ws.list, s, off, got, want)
		}
	}
}

// FuzzWordsAt checks at and before on any text, with a list of Chinese
// words and one of negation cues.
func FuzzWordsAt(f *testing.F) {
	f.Add("在上合组织框架内,成员国重申")
	f.Add("不\xe4支持")
	lists := []words{newWordList([]string{"框架内", "内", "框架", "在", "之内", "组织"}), newWordList([]string{"不", "未", "反对"})}
	f.Fuzz(func(t *testing.T, s string) {
		for i := range lists {
			checkWordsAt(t, &lists[i], s)
		}
	})
}

// checkFindDates compares findDates with dateRE's own search.
func checkFindDates(t *testing.T, s string) {
	t.Helper()
	want := dateRE.FindAllStringSubmatchIndex(s, -1)
	if diff := cmp.Diff(want, findDates(s)); diff != "" {
		t.Errorf("findDates(%q) (-want +got):\n%s", s, diff)
	}
}

func TestFindDates(t *testing.T) {
	for _, s := range []string{
		"", "2018年6月10日", "成员国注意到2018年5月3日至4日在北京举行的会议和6月9日至10日",
		"二〇一八年六月十日、2017年9月, 2017年和十二月", "第一次会议12345年", "\xff1年2月\xe4",
		"2018年6月10日至2019年1月2日—3日", "一一一一一年", "12 年 3 月 4 号",
		"2018\t年\f6\r月", "2〇18年", "进一步十\n月", "一带一路十二三月", "12\v年",
	} {
		checkFindDates(t, s)
	}
}

// FuzzFindDates checks findDates against dateRE on any text.
func FuzzFindDates(f *testing.F) {
	f.Add("成员国注意到2018年5月3日至4日在北京举行的会议")
	f.Add("二〇一八年六月十日 至 十二月")
	f.Fuzz(func(t *testing.T, s string) { checkFindDates(t, s) })
}

// clauseEndRunes is clauseEnd as it was written first, rune by rune: the
// reference its byte scan must agree with.
func clauseEndRunes(v string, off, limit int) int {
	if limit > off+maxClause {
		limit = runeStart(v, off+maxClause)
	}
	depth := 0
	for off < limit {
		r, w := runeAt(v, off)
		switch {
		case r == '“' || r == '《':
			depth++
		case (r == '”' || r == '》') && depth > 0:
			depth--
		case depth == 0 && isClauseBreak(r):
			return off
		}
		off += w
	}
	return limit
}

// checkClauseEnd compares clauseEnd with the rune-by-rune reference from
// every rune start of s, up to the end and up to a limit inside s.
func checkClauseEnd(t *testing.T, s string) {
	t.Helper()
	for off := range s {
		for _, limit := range []int{len(s), off + (len(s)-off)/2} {
			if got, want := clauseEnd(s, off, limit), clauseEndRunes(s, off, limit); got != want {
				t.Fatalf("clauseEnd(%q, %d, %d) = %d, want %d", s, off, limit, got, want)
			}
		}
	}
}

func TestClauseEnd(t *testing.T) {
	for _, s := range []string{
		"",
		"成员国支持“一带一路”倡议,欢迎《上海合作组织宪章》。",
		"“引号里,不断句”之后:断",
		"《未闭合的书名,里面",
		"”》多余的右括号,断",
		"全角。句号;分号!叹号?问号",
		"\xe2\x80", // a truncated rune at the end
		strings.Repeat("很长的从句没有断句", 200) + ",",
	} {
		t.Run(s[:min(len(s), 12)], func(t *testing.T) { checkClauseEnd(t, s) })
	}
}

func FuzzClauseEnd(f *testing.F) {
	f.Add("成员国支持“一带一路”倡议,欢迎《上海合作组织宪章》。")
	f.Add("《〈〉》“”。,;:!?")
	f.Fuzz(func(t *testing.T, s string) {
		// the check is quadratic in the text; a clause reads at most
		// maxClause bytes, so longer texts find nothing shorter ones miss
		if len(s) > maxClause+64 {
			s = s[:maxClause+64]
		}
		checkClauseEnd(t, s)
	})
}

// checkRuneAt compares runeAt and runeBefore with the utf8 package's
// decoders at every byte offset of s.
func checkRuneAt(t *testing.T, s string) {
	t.Helper()
	for off := 0; off <= len(s); off++ {
		r, n := runeAt(s, off)
		wr, wn := utf8.DecodeRuneInString(s[off:])
		if r != wr || n != wn {
			t.Fatalf("runeAt(%q, %d) = %U, %d; want %U, %d", s, off, r, n, wr, wn)
		}
		if off == 0 {
			continue
		}
		r, n = runeBefore(s, off)
		wr, wn = utf8.DecodeLastRuneInString(s[:off])
		if r != wr || n != wn {
			t.Fatalf("runeBefore(%q, %d) = %U, %d; want %U, %d", s, off, r, n, wr, wn)
		}
	}
}

func TestRuneAt(t *testing.T) {
	for _, s := range []string{
		"", "a", "上海合作组织。", "“《》”", "\xe0\xa0\x80", "\xe0\x80\x80", "\xed\x9f\xbf", "\xed\xa0\x80",
		"\xef\xbf\xbf", "\xe4\xb8", "\xe4", "😀x", "é", "\xff",
	} {
		t.Run(fmt.Sprintf("%q", s), func(t *testing.T) { checkRuneAt(t, s) })
	}
}

func FuzzRuneAt(f *testing.F) {
	f.Add("上海合作组织。“《》”")
	f.Add("\xe0\x80\x80\xed\xa0\x80")
	f.Fuzz(func(t *testing.T, s string) { checkRuneAt(t, s) })
}

// FuzzMergeRuns checks mergeRuns against the stable sort it stands for,
// on two runs of spans made from the input, each in order (as
// Entities.Process has them), with ties between the runs and within them.
func FuzzMergeRuns(f *testing.F) {
	f.Add([]byte{0, 3, 1, 2, 5, 1}, uint8(2))
	f.Add([]byte{4, 1, 4, 1, 0, 2, 4, 1}, uint8(2))
	f.Add([]byte{9, 1, 2, 1}, uint8(0))
	f.Fuzz(func(t *testing.T, b []byte, k uint8) {
		var cs []cand
		for i := 0; i+1 < len(b) && len(cs) < 64; i += 2 {
			start := int(b[i] % 16)
			cs = append(cs, cand{m: extractors.Mention{Span: extractors.Span{Start: start, End: start + int(b[i+1]%4)}}})
		}
		n := min(int(k), len(cs))
		byspan := func(a, b *cand) int { return a.m.Span.Compare(b.m.Span) }
		ps := make([]*cand, len(cs))
		for i := range cs {
			ps[i] = &cs[i]
		}
		first, second := ps[:n], ps[n:]
		slices.SortStableFunc(first, byspan)
		slices.SortStableFunc(second, byspan)
		want := slices.Clone(ps)
		slices.SortStableFunc(want, byspan)
		var got []*cand
		mergeRuns(len(first), len(second), func(i, j int) int { return byspan(first[i], second[j]) },
			func(i int) { got = append(got, first[i]) },
			func(j int) { got = append(got, second[j]) })
		if !slices.Equal(got, want) {
			t.Fatalf("runs %d+%d: mergeRuns differs from the stable sort", n, len(cs)-n)
		}
	})
}

// FuzzSentenceHits checks that the hits of one pass over a whole text,
// cut to a sentence by sentenceHits, are what a pass over the sentence
// alone finds (how Relations reads the trigger hits Entities found).
func FuzzSentenceHits(f *testing.F) {
	f.Add("上海合作组织成员国重申恪守该条约。中华人民共和国关于举行的第一次", 5, 40)
	f.Add("上海上海合作", 3, 12)
	f.Add("\xff上海\xe4合作组织", 0, 100)
	ds := testDicts()
	f.Fuzz(func(t *testing.T, s string, from, to int) {
		// a sentence starts and ends on rune boundaries
		if from < 0 || to < from || to > len(s) {
			return
		}
		if from < len(s) && !utf8.RuneStart(s[from]) || to < len(s) && !utf8.RuneStart(s[to]) {
			return
		}
		sp := extractors.Span{Start: from, End: to}
		for i, d := range ds {
			all := d.all(s, 0)
			slices.SortFunc(all, byStartLongest)
			got := leftmostLongest(sentenceHits(all, sp, nil))
			want := leftmostLongest(d.appendAll(nil, s[from:to], from))
			if diff := cmp.Diff(want, got, cmp.AllowUnexported(hit{}), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("dict %d on %q [%d,%d) (-alone +cut):\n%s", i, s, from, to, diff)
			}
		}
	})
}

// FuzzSortHits checks sortHits against slices.SortStableFunc, on hits
// made from the input: nearly in order (as an automaton reports them) or
// not, with ties.
func FuzzSortHits(f *testing.F) {
	f.Add([]byte{0, 3, 1, 2, 5, 1, 2, 2})
	f.Add([]byte{9, 1, 2, 1, 0, 0, 0, 0, 7, 3})
	f.Fuzz(func(t *testing.T, b []byte) {
		var hs []hit
		for i := 0; i+1 < len(b); i += 2 {
			start := int(b[i])
			hs = append(hs, hit{Start: start, End: start + int(b[i+1]%8), Word: i})
		}
		want := slices.Clone(hs)
		slices.SortStableFunc(want, byStartLongest)
		got := slices.Clone(hs)
		sortHits(got)
		if !slices.Equal(got, want) {
			t.Fatalf("sortHits(%v) = %v, want %v", hs, got, want)
		}
	})
}
