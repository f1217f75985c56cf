package zh

import (
	"slices"
	"strconv"
	"strings"

	"github.com/accordkg/accord/extractors"
)

// Dates is the stage that finds dates and date ranges: 2018年6月10日,
// 2018年5月3日至4日, 6月9日至10日 (the year from the text before it),
// 2017年9月, 2017年, and the same written in Chinese numerals
// (二〇一八年六月十日). Numbers inside instrument titles are not dates.
type Dates struct{}

// findDates returns the dates in s and their numbers' offsets: what
// dateRE.FindAllStringSubmatchIndex(s, -1) returns, dateRE being the date
// grammar written as a regexp (in the tests, FuzzFindDates). It reads a
// date (matchDate) only where a run of at most four numerals of one kind
// is followed, after spaces, by 年 or 月: every date starts so, and none
// is empty. Most numbers in a declaration are not dates (一带一路, 进一步),
// and a sentence has few 年 and 月 and many runes: the places are found
// from the 年 and 月 (yearMonthAt, dateStarts), in one pass over s.
func findDates(s string) [][]int {
	var out [][]int
	pos := 0
	for q := 0; ; q++ {
		if q = yearMonthAt(s, q); q < 0 {
			break
		}
		for _, p := range dateStarts(s, q) {
			if p < pos {
				continue // inside the last date
			}
			loc := matchDate(s[p:])
			if loc == nil {
				continue
			}
			for i := range loc {
				if loc[i] >= 0 {
					loc[i] += p
				}
			}
			out = append(out, loc)
			pos = loc[1]
		}
	}
	return out
}

// yearMonthAt returns the offset of the first 年 or 月 at or after q, or
// -1.
func yearMonthAt(s string, q int) int {
	y, m := index3(s, q, "年"), index3(s, q, "月")
	if y < 0 || m >= 0 && m < y {
		return m
	}
	return y
}

// index3 returns the offset of the first w, three bytes, at or after q in
// s, or -1. It looks for w's last byte (strings.IndexByte, many bytes at a
// time): a continuation byte, where w's first byte is the lead byte of
// many Chinese characters.
func index3(s string, q int, w string) int {
	for q+2 < len(s) {
		k := strings.IndexByte(s[q+2:], w[2])
		if k < 0 {
			return -1
		}
		if p := q + k; s[p] == w[0] && s[p+1] == w[1] {
			return p
		}
		q += k + 1
	}
	return -1
}

// dateStarts returns, in order, the offsets p before the 年 or 月 at q
// from which a run of at most four numerals of one kind, then spaces,
// reach q: the last four numerals or fewer of the run of one kind that
// ends, after spaces, at q. (A rune walk of s stops at each of them:
// numerals are ASCII or whole runes. FuzzDateStarts checks them against
// that walk.)
func dateStarts(s string, q int) []int {
	j := q
	for j > 0 && (s[j-1] == ' ' || s[j-1] == '\t' || s[j-1] == '\n' || s[j-1] == '\r' || s[j-1] == '\f') {
		j--
	}
	var buf [4]int
	n := 0
	if j > 0 && s[j-1] >= '0' && s[j-1] <= '9' {
		for j > 0 && s[j-1] >= '0' && s[j-1] <= '9' && n < 4 {
			j--
			buf[n] = j
			n++
		}
	} else {
		for n < 4 {
			r, w := runeBefore(s, j)
			if w == 0 || !isChineseNumeral(r) {
				break
			}
			j -= w
			buf[n] = j
			n++
		}
	}
	out := buf[:n]
	slices.Reverse(out)
	return out
}

// isChineseNumeral reports whether r is one of num's Chinese numerals.
func isChineseNumeral(r rune) bool {
	switch r {
	case '〇', '零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十':
		return true
	}
	return false
}

// Process implements extractors.Stage.
func (Dates) Process(d *extractors.Document) error {
	v := d.View
	lastYear := 0
	if d.Published != nil {
		lastYear = d.Published.Year
	}
	for _, s := range d.Sentences {
		seg := v[s.Start:s.End]
		for _, loc := range findDates(seg) {
			if loc[0] == loc[1] {
				continue
			}
			g := func(i int) string {
				if loc[2*i] < 0 {
					return ""
				}
				return seg[loc[2*i]:loc[2*i+1]]
			}
			y, mo, dd := parseNum(g(1)), parseNum(g(2)), parseNum(g(3))
			if g(1) == "" {
				mo, dd = parseNum(g(4)), parseNum(g(5))
			}
			y2, mo2, dd2 := parseNum(g(6)), parseNum(g(7)), parseNum(g(8))
			if y == 0 && mo == 0 {
				continue // a bare day, or nothing
			}
			if y != 0 && (y < 1000 || y > 2999) {
				continue
			}
			if mo > 12 || dd > 31 || mo2 > 12 || dd2 > 31 || (mo == 0 && dd != 0) {
				continue
			}
			sp := extractors.Span{Start: s.Start + loc[0], End: s.Start + loc[1]}
			sp.End = s.Start + backSpace(seg, loc[1])
			if insideTitle(d, sp) {
				continue
			}
			if y == 0 {
				if lastYear == 0 {
					continue
				}
				y = lastYear
			}
			from := extractors.Date{Year: y, Month: mo, Day: dd, Precision: precision(mo, dd)}
			dm := extractors.DateMention{Span: sp, From: from}
			if y2 != 0 || mo2 != 0 || dd2 != 0 {
				to := extractors.Date{Year: y2, Month: mo2, Day: dd2}
				if to.Year == 0 {
					to.Year = y
				}
				if to.Month == 0 && dd2 != 0 {
					to.Month = mo
				}
				to.Precision = precision(to.Month, to.Day)
				if to.Precision == from.Precision && to.Month <= 12 {
					dm.To = to
				}
			}
			lastYear = y
			d.Dates = append(d.Dates, dm)
		}
	}
	return nil
}

func precision(mo, dd int) int {
	switch {
	case mo == 0:
		return extractors.Year
	case dd == 0:
		return extractors.Month
	}
	return extractors.Day
}

// insideTitle reports whether sp lies inside an instrument or meeting name.
func insideTitle(d *extractors.Document, sp extractors.Span) bool {
	for _, i := range d.Covering(extractors.Span{Start: sp.Start, End: sp.Start + 1}) {
		if m := d.Mentions[i]; m.Class.Name == "Instrument" || m.Class.Name == "Meeting" {
			return true
		}
	}
	return false
}

// parseNum reads Arabic digits or Chinese numerals (二〇一八, 十, 二十三);
// it returns 0 for an empty string.
func parseNum(s string) int {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	digits := map[rune]int{'〇': 0, '零': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	if !strings.ContainsRune(s, '十') {
		n := 0
		for _, r := range s {
			n = n*10 + digits[r]
		}
		return n
	}
	// 十, 十二, 二十, 二十三
	parts := strings.SplitN(s, "十", 2)
	tens := 1
	if parts[0] != "" {
		tens = digits[[]rune(parts[0])[0]]
	}
	ones := 0
	if parts[1] != "" {
		ones = digits[[]rune(parts[1])[0]]
	}
	return tens*10 + ones
}

// matchDate returns the date at the start of s, or nil: its span, then
// the offsets of the numbers of (1) the year, (2) month and (3) day of a
// date with a year, or (4) the month and (5) day of one without, and (6)
// the year, (7) month and (8) day after a range separator, -1 for those
// it lacks. That is what dateAtRE.FindStringSubmatchIndex(s) returns (the
// grammar as a regexp, in the tests; FuzzMatchDate compares them),
// without the regexp's backtracking and allocations. The
// grammar's choices are all settled by the next rune: a number (num) is
// the whole run of one kind of numerals (the unit after it is none), at
// most four; spaces are all taken (the unit after them is none); and an
// optional part is taken whenever it matches, since nothing after it in
// the pattern can fail.
func matchDate(s string) []int {
	var loc [18]int
	for k := range loc {
		loc[k] = -1
	}
	a, b, ok := dateNum(s, 0)
	if !ok {
		return nil
	}
	var i int
	if j := skipDateSpace(s, b); strings.HasPrefix(s[j:], "年") {
		// 1 year, then (2 month, then (3 day)?)?
		loc[2], loc[3] = a, b
		i = skipDateSpace(s, j+len("年"))
		if a, b, j, ok := dateUnit(s, i, "月", ""); ok {
			loc[4], loc[5] = a, b
			i = skipDateSpace(s, j)
			if a, b, j, ok := dateUnit(s, i, "日", "号"); ok {
				loc[6], loc[7] = a, b
				i = j
			}
		}
	} else if strings.HasPrefix(s[j:], "月") {
		// 4 month, then (5 day)?
		loc[8], loc[9] = a, b
		i = skipDateSpace(s, j+len("月"))
		if a, b, j, ok := dateUnit(s, i, "日", "号"); ok {
			loc[10], loc[11] = a, b
			i = j
		}
	} else {
		return nil
	}
	// a range: a separator, then (6 year)?, (7 month)?, (8 day)?
	if j := skipDateSpace(s, i); rangeSepAt(s, j) > 0 {
		i = skipDateSpace(s, j+rangeSepAt(s, j))
		if a, b, j, ok := dateUnit(s, i, "年", ""); ok {
			loc[12], loc[13] = a, b
			i = skipDateSpace(s, j)
		}
		if a, b, j, ok := dateUnit(s, i, "月", ""); ok {
			loc[14], loc[15] = a, b
			i = skipDateSpace(s, j)
		}
		if a, b, j, ok := dateUnit(s, i, "日", "号"); ok {
			loc[16], loc[17] = a, b
			i = j
		}
	}
	loc[0], loc[1] = 0, i
	return loc[:]
}

// dateUnit reads a number at i, spaces, then unit or alt (when not ""): it
// returns the number's offsets and the offset after the unit.
func dateUnit(s string, i int, unit, alt string) (a, b, end int, ok bool) {
	a, b, ok = dateNum(s, i)
	if !ok {
		return 0, 0, 0, false
	}
	j := skipDateSpace(s, b)
	switch {
	case strings.HasPrefix(s[j:], unit):
		return a, b, j + len(unit), true
	case alt != "" && strings.HasPrefix(s[j:], alt):
		return a, b, j + len(alt), true
	}
	return 0, 0, 0, false
}

// dateNum reads num at i: the run of Arabic digits or of Chinese
// numerals that starts there, if it holds one to four of them.
func dateNum(s string, i int) (a, b int, ok bool) {
	j, n := i, 0
	if i < len(s) && s[i] >= '0' && s[i] <= '9' {
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
			n++
		}
	} else {
		for {
			r, w := runeAt(s, j)
			if w == 0 || !isChineseNumeral(r) {
				break
			}
			j += w
			n++
		}
	}
	return i, j, n >= 1 && n <= 4
}

// skipDateSpace returns the offset after the spaces (\s) at i.
func skipDateSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\f') {
		i++
	}
	return i
}

// rangeSepAt returns the length of the range separator (至, 到, -, —, －,
// ~, –) at i, or 0.
func rangeSepAt(s string, i int) int {
	for _, sep := range [...]string{"至", "到", "-", "—", "－", "~", "–"} {
		if strings.HasPrefix(s[i:], sep) {
			return len(sep)
		}
	}
	return 0
}
