package text

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/accordkg/accord/extractors"
)

// Structure is the stage that splits a document into paragraphs (one per
// line) and sentences, and classifies lines as title, date line, section
// marker, body or boilerplate.
type Structure struct {
	// Boilerplate lists the starts of web-page furniture lines (预览已结束).
	Boilerplate []string
	// SentenceEnds are the runes that end a sentence (in the folded view).
	SentenceEnds string
}

var (
	dateLineRE = regexp.MustCompile(`^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(\s+\d{1,2}:\d{2}(:\d{2})?)?\s*$`)
	sectionRE  = regexp.MustCompile(`^\s*([一二三四五六七八九十百]+\s*[、.]?|[—–\-－─━]+|\(\s*[一二三四五六七八九十]+\s*\)|第[一二三四五六七八九十百]+(部分|章|节)|[IVX]+\.?)\s*$`)
	urlLineRE  = regexp.MustCompile(`^\s*(https?://|www\.)\S*\s*$`)
)

// Process implements extractors.Stage.
func (s *Structure) Process(d *extractors.Document) error {
	v := d.View
	line := 0
	body := 0
	section := 0
	seenTitle := false
	inTrailer := false
	// the line of the text a paragraph starts on, counted on from the
	// previous paragraph's (Document.LineOf's number without its index of
	// every line: paragraphs come in the text's order)
	textAt, textLine := 0, 1
	// a paragraph is a line: room for every line in one allocation
	d.Paragraphs = slices.Grow(d.Paragraphs, strings.Count(v, "\n")+1)
	cues := newCueStarts(s.Boilerplate)
	for start := 0; start < len(v); {
		end := strings.IndexByte(v[start:], '\n')
		if end < 0 {
			end = len(v)
		} else {
			end += start
		}
		line++
		seg := v[start:end]
		trimmed := strings.TrimSpace(seg)
		if trimmed != "" {
			lead := len(seg) - len(strings.TrimLeftFunc(seg, unicode.IsSpace))
			trail := len(seg) - len(strings.TrimRightFunc(seg, unicode.IsSpace))
			t := d.TextOffset(start + lead)
			textLine += strings.Count(d.Text[textAt:t], "\n")
			textAt = t
			p := extractors.Paragraph{Span: extractors.Span{Start: start + lead, End: end - trail}, Line: textLine, Section: section}
			switch {
			case inTrailer || cues.may(trimmed) && s.isBoilerplate(trimmed):
				p.Kind = extractors.Boilerplate
				if !inTrailer && s.startsTrailer(trimmed) {
					inTrailer = true
				}
			case (strings.HasPrefix(trimmed, "http") || strings.HasPrefix(trimmed, "www.")) && urlLineRE.MatchString(trimmed),
				isNavLine(trimmed):
				p.Kind = extractors.Boilerplate
			case !seenTitle && body == 0 && utf8.RuneCountInString(trimmed) <= 80 && !strings.ContainsAny(trimmed, "。!?;"):
				p.Kind = extractors.Title
				seenTitle = true
				d.TitleText = strings.TrimSpace(d.TextOf(p.Span)) // as written: traditional stays traditional
			case trimmed[0] >= '0' && trimmed[0] <= '9' && dateLineRE.MatchString(trimmed):
				p.Kind = extractors.DateLine
				if d.Published == nil {
					m := dateLineRE.FindStringSubmatch(trimmed)
					y, _ := strconv.Atoi(m[1])
					mo, _ := strconv.Atoi(m[2])
					dd, _ := strconv.Atoi(m[3])
					if mo >= 1 && mo <= 12 && dd >= 1 && dd <= 31 {
						d.Published = &extractors.Date{Year: y, Month: mo, Day: dd, Precision: extractors.Day}
					}
				}
			case strings.ContainsRune(sectionFirst, firstRune(trimmed)) && sectionRE.MatchString(trimmed):
				p.Kind = extractors.SectionMark
				section++
			default:
				p.Kind = extractors.Body
				body++
				p.N = body
				seenTitle = true
			}
			d.Paragraphs = append(d.Paragraphs, p)
		}
		start = end + 1
	}
	if body == 0 {
		return ErrEmpty
	}
	ends := newRuneSet(s.SentenceEnds)
	for i, p := range d.Paragraphs {
		if p.Kind == extractors.Body || p.Kind == extractors.Title {
			s.sentences(d, i, &ends)
		}
	}
	s.markTruncation(d)
	return nil
}

// cueStarts are the first runes of boilerplate cues: a line that starts
// with none of them starts no cue, and is not compared with each.
type cueStarts struct {
	runes []rune
	// any is set when a cue is empty or not valid UTF-8: then its first
	// rune does not tell which lines it starts, and every line may.
	any bool
}

// newCueStarts returns the first runes of cues.
func newCueStarts(cues []string) cueStarts {
	c := cueStarts{runes: make([]rune, 0, len(cues))}
	for _, b := range cues {
		if b == "" || !utf8.ValidString(b) {
			c.any = true
		}
		c.runes = append(c.runes, firstRune(b))
	}
	return c
}

// may reports whether line can start with one of the cues: a valid cue
// that line starts with begins with the rune line begins with.
func (c *cueStarts) may(line string) bool {
	return c.any || slices.Contains(c.runes, firstRune(line))
}

func (s *Structure) isBoilerplate(line string) bool {
	for _, b := range s.Boilerplate {
		if strings.HasPrefix(line, b) {
			return true
		}
	}
	return false
}

// navSeparators are the runes that part the steps of a site's breadcrumb
// trail (首页 > 新闻中心 > 时政要闻, Home » News » Press releases).
const navSeparators = ">＞»›"

// isNavLine reports whether the trimmed line t is a breadcrumb trail: at
// least three steps parted by a navigation separator, each step short (at
// most 12 runes, 24 in a script without Chinese characters) and none
// ending a sentence. Declarations never write a
// line of that shape, and a trail above the title would otherwise be read
// as the title.
func isNavLine(t string) bool {
	// by bytes: ContainsAny would decode every rune of every line
	if strings.IndexByte(t, '>') < 0 && !strings.Contains(t, "＞") && !strings.Contains(t, "»") && !strings.Contains(t, "›") {
		return false
	}
	steps := strings.FieldsFunc(t, func(r rune) bool { return strings.ContainsRune(navSeparators, r) })
	if len(steps) < 3 {
		return false
	}
	for _, st := range steps {
		st = strings.TrimSpace(st)
		limit := 24
		if cjkRatio(st) > 0 {
			limit = 12
		}
		if st == "" || !runesAtMost(st, limit) || endsSentence(st) {
			return false
		}
	}
	return true
}

// startsTrailer says whether a boilerplate line opens a block that runs to
// the end of the text: the first cue of the list (预览已结束) does.
func (s *Structure) startsTrailer(line string) bool {
	return len(s.Boilerplate) > 0 && strings.HasPrefix(line, s.Boilerplate[0])
}

// sentences splits paragraph i at sentence-ending punctuation that is not
// inside 《》, “” or brackets.
func (s *Structure) sentences(d *extractors.Document, i int, ends *runeSet) {
	p := d.Paragraphs[i]
	v := d.View
	depth := 0
	start := p.Start
	for off := p.Start; off < p.End; {
		// most runes are neither brackets nor ends, and say so by their
		// first byte: ASCII, and three-byte sequences that need no range
		// check (CJK, the full-width forms), all of them whole in the
		// paragraph
		switch ends.steps[v[off]] {
		case 1:
			off++
			continue
		case 3:
			if p.End-off >= 3 && v[off+1]&0xC0 == 0x80 && v[off+2]&0xC0 == 0x80 {
				off += 3
				continue
			}
		}
		r, n := decodeAt(v, off)
		switch r {
		case '《', '“', '(', '「', '『', '〈':
			depth++
		case '》', '”', ')', '」', '』', '〉':
			if depth > 0 {
				depth--
			}
		}
		off += n
		if depth == 0 && ends.has(r) {
			// keep closing quotes that follow the end mark
			for off < p.End {
				r2, n2 := utf8.DecodeRuneInString(v[off:])
				if r2 != '”' && r2 != '」' && r2 != ')' {
					break
				}
				off += n2
			}
			s.addSentence(d, i, start, off)
			start = off
		}
	}
	s.addSentence(d, i, start, p.End)
}

// The runes that can open a line sectionRE matches and a paragraph number
// numberedRE matches (after spaces, which the callers have trimmed): the
// regexps run only on lines that start with one.
const (
	sectionFirst  = "一二三四五六七八九十百—–-－─━(第IVX"
	numberedFirst = "0123456789（(一二三四五六七八九十"
)

// decodeAt returns the rune at byte i of s and its width, as
// utf8.DecodeRuneInString(s[i:]) does, decoding ASCII and the three-byte
// runes that need no range check (U+1000–U+CFFF, U+E000–U+FFFF: the CJK
// blocks, CJK punctuation, the full-width forms) inline: the utf8
// package decodes every non-ASCII rune out of line.
func decodeAt(s string, i int) (rune, int) {
	switch c := s[i]; {
	case c < utf8.RuneSelf:
		return rune(c), 1
	case i+2 < len(s) && c >= 0xE1 && c != 0xED && c <= 0xEF && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
		return rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F), 3
	}
	return utf8.DecodeRuneInString(s[i:])
}

// firstRune returns the first rune of s, utf8.RuneError if none.
func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func (s *Structure) addSentence(d *extractors.Document, para, start, end int) {
	seg := d.View[start:end]
	lead := len(seg) - len(strings.TrimLeftFunc(seg, unicode.IsSpace))
	start += lead
	// a paragraph number (1. / (一) / 一、) is not part of the sentence
	// (the regexp only tried where one can start)
	if start == d.Paragraphs[para].Start && strings.ContainsRune(numberedFirst, firstRune(d.View[start:end])) {
		if m := numberedRE.FindStringIndex(d.View[start:end]); m != nil && m[1] < end-start {
			start += m[1]
			seg = d.View[start:end]
			start += len(seg) - len(strings.TrimLeftFunc(seg, unicode.IsSpace))
		}
	}
	if start >= end {
		return
	}
	d.Sentences = append(d.Sentences, extractors.Sentence{Span: extractors.Span{Start: start, End: end}, Para: para})
}

// runeSet is a set of runes, asked about every rune of a text: ASCII
// runes in a table, others in a short list.
type runeSet struct {
	ascii [utf8.RuneSelf]bool
	other []rune
	// steps tells, by a rune's first byte, the runes that a sentence
	// splitter steps over: 1 for an ASCII rune that is neither in the set
	// nor a bracket (stepsBrackets), 3 for a byte that starts no rune of
	// the set and no bracket and, followed by two continuation bytes, a
	// three-byte rune that needs no range check (lead bytes E1 to EC, EE
	// and EF); 0 for the others, which are decoded.
	steps [256]uint8
}

// stepsBrackets are the runes that sentences counts as brackets, which
// runeSet.steps never steps over.
const stepsBrackets = "《“(「『〈》”)」』〉"

// newRuneSet returns the set of the runes of s (utf8.RuneError included
// when s holds an invalid byte), so that has(r) is strings.ContainsRune(s, r).
func newRuneSet(s string) runeSet {
	var rs runeSet
	for _, r := range s {
		if r < utf8.RuneSelf {
			rs.ascii[r] = true
		} else {
			rs.other = append(rs.other, r)
		}
	}
	for c := range rs.steps {
		switch {
		case c < utf8.RuneSelf:
			if !rs.ascii[c] {
				rs.steps[c] = 1
			}
		case c >= 0xE1 && c <= 0xEF && c != 0xED:
			rs.steps[c] = 3
		}
	}
	// the first bytes of the set's runes and the brackets' are read
	// (utf8.RuneError, for an invalid byte of s, starts with 0xEF, the
	// first byte of its encoding)
	for _, r := range s + stepsBrackets {
		rs.steps[string(r)[0]] = 0
	}
	return rs
}

// has reports whether r is in the set.
func (rs *runeSet) has(r rune) bool {
	if r >= 0 && r < utf8.RuneSelf {
		return rs.ascii[r]
	}
	for _, o := range rs.other {
		if o == r {
			return true
		}
	}
	return false
}

// markTruncation marks the last body sentence as truncated when the text
// stops inside it and boilerplate follows (a page cut off by its site), and
// drops its last clause: the words there may be cut in the middle.
func (s *Structure) markTruncation(d *extractors.Document) {
	lastBody := -1
	for i, p := range d.Paragraphs {
		if p.Kind == extractors.Body {
			lastBody = i
		}
	}
	if lastBody < 0 || lastBody == len(d.Paragraphs)-1 || len(d.Sentences) == 0 {
		return
	}
	if d.Paragraphs[lastBody+1].Kind != extractors.Boilerplate {
		return
	}
	last := &d.Sentences[len(d.Sentences)-1]
	if last.Para != lastBody {
		return
	}
	r, _ := utf8.DecodeLastRuneInString(d.View[last.Start:last.End])
	if strings.ContainsRune(s.SentenceEnds, r) || r == '”' || r == ')' {
		return
	}
	last.Truncated = true
	if cut := strings.LastIndexAny(d.View[last.Start:last.End], ",、:"); cut > 0 {
		last.End = last.Start + cut
	}
}
