package zh

import (
	"regexp"
	"slices"
	"testing"
	"unicode/utf8"
)

// The date grammar as a regexp: the reference findDates (FuzzFindDates)
// and matchDate (FuzzMatchDate) must agree with.
const num = `([0-9]{1,4}|[〇零一二三四五六七八九十]{1,4})`

var (
	rangeSep = `\s*(?:至|到|-|—|－|~|–)\s*`
	// dateRE: a year (with month and day) or a month (with day), then an
	// optional range end; the start is never empty (到 in 注意到 is no range).
	dateRE = regexp.MustCompile(
		`(?:` + num + `\s*年\s*(?:` + num + `\s*月\s*(?:` + num + `\s*[日号])?)?` + // 1 year, 2 month, 3 day
			`|` + num + `\s*月\s*(?:` + num + `\s*[日号])?)` + // 4 month, 5 day
			`(?:` + rangeSep + `(?:` + num + `\s*年\s*)?(?:` + num + `\s*月\s*)?(?:` + num + `\s*[日号])?)?`) // 6 year, 7 month, 8 day
	// dateAtRE is dateRE matching only at the start of its input.
	dateAtRE = regexp.MustCompile(`^(?:` + dateRE.String() + `)`)
)

// mayStartDate reports whether dateRE can match at p, where a number
// starts: only if a run of at most four numerals of one kind (num) is
// followed, after spaces, by 年 or 月. findDates asked it at every number
// of a rune walk (numberStart) before it found the same places from the
// 年 and 月 (dateStarts).
func mayStartDate(s string, p int) bool {
	digits := s[p] >= '0' && s[p] <= '9'
	n := 0
	i := p
	for i < len(s) {
		if digits {
			if s[i] < '0' || s[i] > '9' {
				break
			}
			i++
		} else {
			r, w := runeAt(s, i)
			if !isChineseNumeral(r) {
				break
			}
			i += w
		}
		if n++; n > 4 {
			return false
		}
	}
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\f') {
		i++
	}
	r, _ := runeAt(s, i)
	return r == '年' || r == '月'
}

// numberStart returns the offset of the first rune at or after pos that
// can start num (an Arabic digit or a Chinese numeral), or -1.
func numberStart(s string, pos int) int {
	for i := pos; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= '0' && c <= '9' {
				return i
			}
			i++
			continue
		}
		r, w := runeAt(s, i)
		if isChineseNumeral(r) {
			return i
		}
		i += w
	}
	return -1
}

// checkDateStarts compares the places findDates tries dateRE at, found
// from the 年 and 月 after them, with those a rune walk of s finds, asking
// mayStartDate at every number.
func checkDateStarts(t *testing.T, s string) {
	t.Helper()
	var want, got []int
	for pos := 0; pos < len(s); {
		p := numberStart(s, pos)
		if p < 0 {
			break
		}
		if mayStartDate(s, p) {
			want = append(want, p)
		}
		_, w := runeAt(s, p)
		pos = p + w
	}
	for q := 0; ; q++ {
		if q = yearMonthAt(s, q); q < 0 {
			break
		}
		if r, _ := utf8.DecodeRuneInString(s[q:]); r != '年' && r != '月' {
			t.Fatalf("yearMonthAt(%q) found %q at %d", s, r, q)
		}
		got = append(got, dateStarts(s, q)...)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("dateStarts(%q) = %v, want %v", s, got, want)
	}
}

func TestDateStarts(t *testing.T) {
	for _, s := range []string{
		"", "2018年6月10日", "第一次会议12345年", "\xff1年2月\xe4", "一一一一一年", "12 年 3 月 4 号",
		"2018\t年\f6\r月", "2〇18年", "进一步十\n月", "一带一路十二三月", "12\v年", "一2年", "年月", "9年\xe5\xb9",
	} {
		checkDateStarts(t, s)
	}
}

// FuzzDateStarts checks the places findDates tries its regexp at against
// a rune walk of the text that asks mayStartDate at every number.
func FuzzDateStarts(f *testing.F) {
	f.Add("成员国注意到2018年5月3日至4日在北京举行的会议")
	f.Add("二〇一八年六月十日 至 十二月, 12345年")
	f.Fuzz(checkDateStarts)
}

func TestMatchDate(t *testing.T) {
	for _, s := range []string{
		"", "2018年6月10日", "2018年5月3日至4日", "6月9日至10日", "二〇一八年六月十日", "2017年9月", "2017年 至", "12345年",
		"2018年6月10号 - 2019年1月", "2018 年 6 月 10 日~ 12日", "6月—", "十二月－一月", "2〇18年", "2018年至\xe4", "1年到年",
		"2018年6月10日至2019年1月2日—3日", "三月三十一日–四月一日", "5月3日至4号", "2018年\n6月\f", "九九九九年十二月二十三日", "6月至",
	} {
		checkMatchDate(t, s)
	}
}

// checkMatchDate compares matchDate with dateAtRE at every byte of s.
func checkMatchDate(t *testing.T, s string) {
	t.Helper()
	for p := 0; p <= len(s); p++ {
		want := dateAtRE.FindStringSubmatchIndex(s[p:])
		if got := matchDate(s[p:]); !slices.Equal(got, want) {
			t.Fatalf("matchDate(%q) = %v, want %v", s[p:], got, want)
		}
	}
}

// FuzzMatchDate checks the hand-written date grammar against the regexp
// at every offset of any text.
func FuzzMatchDate(f *testing.F) {
	f.Add("成员国注意到2018年5月3日至4日在北京举行的会议")
	f.Add("二〇一八年六月十日 至 十二月, 12345年, 6月9号—2019年")
	f.Fuzz(checkMatchDate)
}
