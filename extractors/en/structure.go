package en

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/accordkg/accord/extractors"
)

// structure is the stage that adapts text.Structure's split to English,
// which it runs after: a full stop ends a sentence only before a space
// and a capital, a digit or a quote, and not after an abbreviation (No.,
// para.) or an initial (U.S.); a long first line without a full stop is
// the title; a line that is only a date ("10 June 2018", "Xiamen, China,
// 4 September 2017") is the date line and dates the document.
type structure struct{}

// process implements stage.
func (structure) process(d *extractors.Document, st *state) error {
	mergeSentences(d)
	titleLine(d)
	dateLine(d, st.ts)
	return nil
}

// mergeSentences joins sentences split at a full stop that does not end a
// sentence.
func mergeSentences(d *extractors.Document) {
	v := d.View
	var out []extractors.Sentence
	for _, s := range d.Sentences {
		// a paragraph number ("1.", "II.") the full stop cut off is no sentence
		if s.Start == d.Paragraphs[s.Para].Start && paraNumber(v[s.Start:s.End]) {
			continue
		}
		if n := len(out); n > 0 && out[n-1].Para == s.Para && !sentenceBoundary(v, out[n-1].End, s.Start) {
			out[n-1].End = s.End
			out[n-1].Truncated = s.Truncated
			continue
		}
		out = append(out, s)
	}
	d.Sentences = out
}

// sentenceBoundary reports whether the text between a sentence that ends
// at end and the next that starts at next is a real sentence break.
func sentenceBoundary(v string, end, next int) bool {
	last, _ := utf8.DecodeLastRuneInString(v[:end])
	if last != '.' {
		return true // ! or ?
	}
	if end == next {
		return false // no space after the full stop: 1.5, U.S.
	}
	r, _ := utf8.DecodeRuneInString(v[next:])
	if unicode.IsLower(r) {
		return false
	}
	// the word before the full stop
	w := end - 1
	start := w
	for start > 0 {
		r, n := utf8.DecodeLastRuneInString(v[:start])
		if !unicode.IsLetter(r) && r != '.' {
			break
		}
		start -= n
	}
	word := strings.ToLower(strings.TrimLeft(v[start:w], "."))
	if abbreviations.has(word) {
		return false
	}
	if utf8.RuneCountInString(word) == 1 {
		r, _ := utf8.DecodeRuneInString(v[start:w])
		if unicode.IsUpper(r) {
			return false // an initial
		}
	}
	return true
}

// titleLine makes a long first line without a final full stop the title
// when text.Structure took it for a body paragraph (titles over 80
// characters are common in English).
func titleLine(d *extractors.Document) {
	for _, p := range d.Paragraphs {
		if p.Kind == extractors.Title {
			return
		}
	}
	first := -1
	for i, p := range d.Paragraphs {
		if p.Kind == extractors.Body {
			first = i
			break
		}
		if p.Kind != extractors.Boilerplate {
			return
		}
	}
	if first < 0 || first == len(d.Paragraphs)-1 {
		return
	}
	p := d.Paragraphs[first]
	t := strings.TrimSpace(d.View[p.Start:p.End])
	last, _ := utf8.DecodeLastRuneInString(t)
	if strings.ContainsRune(".;:!?", last) || utf8.RuneCountInString(t) > 300 {
		return
	}
	d.Paragraphs[first].Kind = extractors.Title
	d.TitleText = strings.TrimSpace(d.TextOf(p.Span))
	renumber(d)
}

// dateLine marks a body paragraph that holds only a date, optionally
// after a place ("Xiamen, China, 4 September 2017"), as the date line.
func dateLine(d *extractors.Document, ts *tokens) {
	changed := false
	for pi, p := range d.Paragraphs {
		if p.Kind != extractors.Body || p.N > 3 {
			continue
		}
		lo, hi := ts.first(p.Start), ts.last(p.End)
		if hi-lo > 14 || hi <= lo {
			continue
		}
		year := 0
		ds := findDates(ts.t, lo, hi, &year)
		if len(ds) != 1 || ds[0].From.Precision != extractors.Day {
			continue
		}
		end := ds[0].End
		rest := strings.TrimSpace(d.View[end:p.End])
		if rest != "" && rest != "." {
			continue
		}
		// before the date: capitalized words and commas only (a place)
		ok := true
		for k := lo; k < hi && ts.t[k].Start < ds[0].Start; k++ {
			if t := ts.t[k]; !(t.Word && t.Cap || t.Text == "," || t.Text == "'" || t.Text == "(" || t.Text == ")") {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		d.Paragraphs[pi].Kind = extractors.DateLine
		if d.Published == nil {
			dt := ds[0].From
			d.Published = &dt
		}
		changed = true
	}
	if !changed {
		return
	}
	var keep []extractors.Sentence
	for _, s := range d.Sentences {
		if k := d.Paragraphs[s.Para].Kind; k == extractors.Body || k == extractors.Title {
			keep = append(keep, s)
		}
	}
	d.Sentences = keep
	renumber(d)
}

// renumber counts the body paragraphs again from 1.
func renumber(d *extractors.Document) {
	n := 0
	for i := range d.Paragraphs {
		if d.Paragraphs[i].Kind == extractors.Body {
			n++
			d.Paragraphs[i].N = n
		} else {
			d.Paragraphs[i].N = 0
		}
	}
}

// paraNumber reports whether s is only a paragraph number: 1. 12) (a) IV.
func paraNumber(s string) bool {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "(")
	s = strings.TrimRight(s, ".)")
	if s == "" || len(s) > 4 {
		return false
	}
	digits, roman := true, true
	for _, r := range s {
		if r < '0' || r > '9' {
			digits = false
		}
		if !strings.ContainsRune("IVXivx", r) {
			roman = false
		}
	}
	return digits || roman || len(s) == 1 && unicode.IsLetter(rune(s[0]))
}
