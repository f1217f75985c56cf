package text

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/accordkg/accord/extractors"
)

var (
	pageNumberRE = regexp.MustCompile(`^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}|(?i:page)\s*\d{1,4}(?:\s*of\s*\d{1,4})?|\d{1,4})\s*$`)
	numberedRE   = regexp.MustCompile(`^\s*(?:\d{1,3}\s*[.、．)）]|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]|[一二三四五六七八九十]{1,3}\s*、)`)
)

// sentenceEnd holds the runes after which a line break is a real one.
const sentenceEnd = "。！？!?；;：:”\"」』)）.…"

// Analyze finds what the view should leave out of a text laid out for
// print: page numbers and running headers or footers (short lines that
// repeat three times or more), and the line breaks of hard-wrapped
// paragraphs (PDF-to-text style), which are joined: with nothing between
// Chinese characters, with a space between words.
func Analyze(text string) *extractors.Layout {
	type line struct {
		start, end int    // byte offsets of the line, without its \n
		s, t       string // the line, and the line without surrounding space
		short      bool   // t has at most 40 runes: may be a running header
	}
	lines := make([]line, 0, strings.Count(text, "\n")+1)
	for start := 0; start <= len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		s := text[start:end]
		t := strings.TrimSpace(s)
		lines = append(lines, line{start: start, end: end, s: s, t: t, short: runesAtMost(t, 40)})
		start = end + 1
	}
	count := map[string]int{}
	for _, l := range lines {
		if l.t != "" && l.short {
			count[l.t]++
		}
	}
	lay := &extractors.Layout{}
	furniture := make([]bool, len(lines))
	for i, l := range lines {
		t := l.t
		if t == "" {
			continue
		}
		if isPageNumber(t) || l.short && count[t] >= 3 && !endsSentence(t) {
			furniture[i] = true
			end := l.end
			if end < len(text) {
				end++
			}
			lay.Drop = append(lay.Drop, extractors.Span{Start: l.start, End: end})
		}
	}
	// hard wraps: a long line that does not end a sentence, followed (after
	// furniture only) by a line that does not start a new paragraph
	first := true
	for i := 0; i < len(lines); i++ {
		t := lines[i].t
		if t == "" || furniture[i] {
			continue
		}
		if first {
			first = false // the title
			continue
		}
		if endsSentence(t) || runesAtMost(t, 19) || isBoilerplateStart(t) {
			continue // a URL or a site's trail is never the first half of a wrapped line
		}
		j := i + 1
		for j < len(lines) && (furniture[j] || lines[j].t == "") {
			j++
		}
		if j >= len(lines) {
			break
		}
		next := lines[j].s
		nt := lines[j].t
		if nt == "" || numberedRE.MatchString(nt) || sectionRE.MatchString(nt) || dateLineRE.MatchString(nt) {
			continue
		}
		if isBoilerplateStart(nt) {
			continue
		}
		// the break: from the end of line i's text to the first visible rune of line j
		cut := lines[i].start + len(strings.TrimRightFunc(lines[i].s, unicode.IsSpace))
		resume := lines[j].start + (len(next) - len(strings.TrimLeftFunc(next, unicode.IsSpace)))
		last, _ := utf8.DecodeLastRuneInString(t)
		firstR, _ := utf8.DecodeRuneInString(nt)
		if isCJK(last) || isCJK(firstR) || cjkRatio(t) > 0.3 {
			lay.Drop = append(lay.Drop, extractors.Span{Start: cut, End: resume})
		} else {
			// keep one space: the first line break itself becomes it
			if j > i+1 && !lowerStart(nt) {
				continue // a blank line before a capital: a new paragraph
			}
			lay.Space = append(lay.Space, lines[i].end)
			if cut < lines[i].end {
				lay.Drop = append(lay.Drop, extractors.Span{Start: cut, End: lines[i].end})
			}
			if lines[i].end+1 < resume {
				lay.Drop = append(lay.Drop, extractors.Span{Start: lines[i].end + 1, End: resume})
			}
		}
	}
	lay.Drop = extractors.MergeSpans(lay.Drop, nil)
	return lay
}

// runesAtMost reports whether s has at most n runes (an invalid byte
// counting as one), without counting the runes of a long s.
func runesAtMost(s string, n int) bool {
	if len(s) <= n {
		return true
	}
	if len(s) > n*utf8.UTFMax {
		return false
	}
	return utf8.RuneCountInString(s) <= n
}

// isPageNumber reports whether the trimmed line t is a page number
// (pageNumberRE), first ruling out, by its first rune, the lines that
// cannot be one: every form starts with a dash, a digit, 第 or "page".
func isPageNumber(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	switch {
	case r >= '0' && r <= '9', r == 'p', r == 'P', r == '第', r == '-', r == '—', r == '–', r == '－':
		return pageNumberRE.MatchString(t)
	}
	return false
}

func endsSentence(t string) bool {
	r, _ := utf8.DecodeLastRuneInString(t)
	return sentenceEnds.has(r)
}

// sentenceEnds is the set of the runes of sentenceEnd (made once, then
// only read): has(r) is strings.ContainsRune(sentenceEnd, r) without a
// search of the string.
var sentenceEnds = newRuneSet(sentenceEnd)

func isCJK(r rune) bool {
	return r >= 0x3000 && r <= 0x9FFF || r >= 0xF900 && r <= 0xFAFF || r >= 0xFF00 && r <= 0xFFEF || r >= 0x20000 && r <= 0x2FFFF
}

func lowerStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// isBoilerplateStart reports lines that open web-page furniture (URLs, the
// trailing block of a site): never joined to the text before them.
func isBoilerplateStart(s string) bool {
	return urlLineRE.MatchString(s) || strings.HasPrefix(s, "预览已结束") || isNavLine(s)
}
