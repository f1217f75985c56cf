package en

import (
	"strconv"
	"strings"

	"github.com/accordkg/accord/extractors"
)

// dates is the stage that finds dates and date ranges: 10 June 2018,
// June 10, 2018, 3-4 May 2018, 3 to 4 May 2018, June 8-9, 2017,
// 30 May - 2 June 2018, September 2017, in 2017, and a day and month
// without a year (9-10 June), which takes the year last named before it
// (or the document's date). Numbers inside instrument and meeting names
// are not dates.
type dates struct{}

// process implements stage.
func (dates) process(d *extractors.Document, st *state) error {
	ts := st.ts
	sentLo, sentHi := st.sentences(d)
	lastYear := 0
	if d.Published != nil {
		lastYear = d.Published.Year
	}
	ms := newMentionScan(d)
	for si := range d.Sentences {
		lo, hi := sentLo[si], sentHi[si]
		for _, dm := range findDates(ts.t, lo, hi, &lastYear) {
			if insideTitle(ms, dm.Span) {
				continue
			}
			d.Dates = append(d.Dates, dm)
		}
	}
	return nil
}

// insideTitle reports whether sp lies inside an instrument or meeting name.
func insideTitle(ms *mentionScan, sp extractors.Span) bool {
	return ms.containing(extractors.Span{Start: sp.Start, End: sp.Start + 1}, isTitle) >= 0
}

// isTitle reports an instrument or meeting name.
func isTitle(m *extractors.Mention) bool {
	return (m.Class.Name == "Instrument" || m.Class.Name == "Meeting") && m.Contextual == ""
}

// dayRange reads a day or a day range written as one token (3, 3-4,
// 10th); it returns 0s when the token is none.
func dayRange(t token) (int, int) {
	// a day starts with an ASCII digit (what strconv reads)
	if !t.Word || t.Text[0] < '0' || t.Text[0] > '9' {
		return 0, 0
	}
	parts := strings.FieldsFunc(t.Text, isJoiner)
	if len(parts) == 0 || len(parts) > 2 {
		return 0, 0
	}
	day := func(s string) int {
		if v, err := strconv.Atoi(s); err == nil && v >= 1 && v <= 31 && len(s) <= 2 {
			return v
		}
		if v := ordinalNumber(strings.ToLower(s)); v >= 1 && v <= 31 {
			return v
		}
		return 0
	}
	a := day(parts[0])
	if a == 0 {
		return 0, 0
	}
	if len(parts) == 2 {
		b := day(parts[1])
		if b == 0 || b < a {
			return 0, 0
		}
		return a, b
	}
	return a, 0
}

func monthOf(t token) int {
	if !t.Word || !t.Cap {
		return 0
	}
	return months[strings.TrimSuffix(t.Key, ".")]
}

func yearOf(t token) int {
	if !t.Word {
		return 0
	}
	y, _ := isYear(t.Text)
	return y
}

func isRangeWord(t token) bool {
	return t.Text == "-" || t.Text == "–" || t.Text == "—" || t.Key == "to" || t.Key == "and" || t.Key == "till" || t.Key == "until"
}

// findDates returns the dates of tokens [lo, hi); lastYear carries the
// year of the text before for dates written without one.
func findDates(ts []token, lo, hi int, lastYear *int) []extractors.DateMention {
	var out []extractors.DateMention
	at := func(i int) token {
		if i < lo || i >= hi {
			return token{}
		}
		return ts[i]
	}
	skipDot := func(i int) int { // "Sept." abbreviations
		if at(i).Text == "." {
			return i + 1
		}
		return i
	}
	emit := func(i, j int, from, to extractors.Date) {
		dm := extractors.DateMention{Span: extractors.Span{Start: ts[i].Start, End: ts[j-1].End}, From: from}
		if to.Year != 0 {
			dm.To = to
		}
		out = append(out, dm)
		*lastYear = from.Year
	}
	for i := lo; i < hi; i++ {
		t := ts[i]
		// DAY[-DAY2] MONTH [- DAY2 MONTH2] [YEAR]
		if d1, d2 := dayRange(t); d1 > 0 {
			j := i + 1
			if d2 == 0 && isRangeWord(at(j)) {
				if e1, e2 := dayRange(at(j + 1)); e1 > d1 && e2 == 0 && monthOf(at(j+2)) > 0 {
					d2, j = e1, j+2
				}
			}
			if mo := monthOf(at(j)); mo > 0 {
				j = skipDot(j + 1)
				mo2 := 0
				// 30 May - 2 June 2018
				if d2 == 0 && isRangeWord(at(j)) {
					if e1, e2 := dayRange(at(j + 1)); e1 > 0 && e2 == 0 {
						if m2 := monthOf(at(j + 2)); m2 > mo {
							d2, mo2, j = e1, m2, skipDot(j+3)
						}
					}
				}
				y := yearOf(at(j))
				if y > 0 {
					j++
				} else if *lastYear > 0 {
					y = *lastYear
				} else {
					continue
				}
				from := extractors.Date{Year: y, Month: mo, Day: d1, Precision: extractors.Day}
				var to extractors.Date
				if d2 > 0 {
					if mo2 == 0 {
						mo2 = mo
					}
					to = extractors.Date{Year: y, Month: mo2, Day: d2, Precision: extractors.Day}
				}
				emit(i, j, from, to)
				i = j - 1
				continue
			}
		}
		// MONTH DAY[-DAY2][, YEAR] | MONTH DAY - MONTH2 DAY2, YEAR | MONTH YEAR
		if mo := monthOf(t); mo > 0 {
			j := skipDot(i + 1)
			if y := yearOf(at(j)); y > 0 {
				emit(i, j+1, extractors.Date{Year: y, Month: mo, Precision: extractors.Month}, extractors.Date{})
				i = j
				continue
			}
			d1, d2 := dayRange(at(j))
			if d1 == 0 {
				continue
			}
			j++
			mo2 := 0
			if d2 == 0 && isRangeWord(at(j)) {
				if e1, e2 := dayRange(at(j + 1)); e1 > d1 && e2 == 0 {
					d2, j = e1, j+2
				} else if m2 := monthOf(at(j + 1)); m2 > mo {
					if e1, e2 := dayRange(at(j + 2)); e1 > 0 && e2 == 0 {
						d2, mo2, j = e1, m2, j+3
					}
				}
			}
			end := j
			if at(j).Text == "," {
				j++
			}
			y := yearOf(at(j))
			if y > 0 {
				end = j + 1
			} else if *lastYear > 0 {
				y = *lastYear
			} else {
				continue
			}
			from := extractors.Date{Year: y, Month: mo, Day: d1, Precision: extractors.Day}
			var to extractors.Date
			if d2 > 0 {
				if mo2 == 0 {
					mo2 = mo
				}
				to = extractors.Date{Year: y, Month: mo2, Day: d2, Precision: extractors.Day}
			}
			emit(i, end, from, to)
			i = end - 1
			continue
		}
		// in YEAR
		if t.Key == "in" || t.Key == "since" {
			if y := yearOf(at(i + 1)); y > 0 && at(i+2).Text != "-" && at(i+2).Text != "–" {
				emit(i+1, i+2, extractors.Date{Year: y, Precision: extractors.Year}, extractors.Date{})
				i++
			}
		}
	}
	return out
}
