package en

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word, number or punctuation mark of the view.
type token struct {
	// Start and End are byte offsets into Document.View.
	Start, End int
	// Text is the token as it stands in the view.
	Text string
	// Key is the matching form: lower case, hyphens of compounds removed,
	// British spellings folded to American ones (organisation →
	// organization, neighbour → neighbor, programme → program).
	Key string
	// Word is set for words and numbers (not punctuation).
	Word bool
	// Cap says the token starts with an upper-case letter; Upper that it
	// has two or more letters, all upper case (an acronym: UN, SCO, G20).
	Cap, Upper bool
}

// Lower reports whether the token is a word that starts in lower case.
func (t token) Lower() bool {
	r, _ := utf8.DecodeRuneInString(t.Text)
	return unicode.IsLower(r)
}

// isJoiner reports runes that join the parts of a compound word or a
// number range written without spaces (Good-Neighbourliness, 2018–2023).
func isJoiner(r rune) bool { return r == '-' || r == '‐' || r == '‑' || r == '–' }

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// tokenize splits s[from:to] into tokens with offsets into s.
func tokenize(s string, from, to int) []token {
	var out []token
	for i := from; i < to; {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += n
		case isWordRune(r):
			j := i + n
			for j < to {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if isWordRune(r2) {
					j += n2
					continue
				}
				// a joiner, or a decimal point or slash between digits,
				// continues the word when a word rune follows at once
				if j+n2 < to && (isJoiner(r2) || (r2 == '.' || r2 == '/') && isDigitBefore(s, j)) {
					r3, _ := utf8.DecodeRuneInString(s[j+n2:])
					if isWordRune(r3) && (!(r2 == '.' || r2 == '/') || unicode.IsDigit(r3)) {
						j += n2
						continue
					}
				}
				break
			}
			out = append(out, newWordToken(s, i, j))
			i = j
		default:
			out = append(out, token{Start: i, End: i + n, Text: s[i : i+n], Key: s[i : i+n]})
			i += n
		}
	}
	return out
}

func isDigitBefore(s string, off int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:off])
	return unicode.IsDigit(r)
}

func newWordToken(s string, i, j int) token {
	t := token{Start: i, End: j, Text: s[i:j], Word: true}
	letters, upper := 0, 0
	var b strings.Builder
	for k, r := range t.Text {
		if k == 0 && unicode.IsUpper(r) {
			t.Cap = true
		}
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
		if isJoiner(r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	t.Upper = letters >= 2 && upper == letters
	t.Key = spelling(b.String())
	return t
}

// spellingWords maps British forms to the American ones used as keys.
var spellingWords = map[string]string{
	"programme": "program", "programmes": "programs", "defence": "defense",
	"offence": "offense", "licence": "license", "analyse": "analyze",
	"judgement": "judgment", "fulfil": "fulfill", "fulfilment": "fulfillment",
	"enrol": "enroll", "ageing": "aging", "catalogue": "catalog",
	"dialogue": "dialog", "dialogues": "dialogs",
}

// ourExceptions are words in -our that keep it.
var ourExceptions = map[string]bool{"four": true, "hour": true, "our": true, "your": true, "tour": true,
	"flour": true, "pour": true, "sour": true, "contour": true, "devour": true, "detour": true, "scour": true,
	"amour": true, "hours": true, "tours": true, "contours": true, "fours": true, "yours": true, "ours": true}

// spelling folds a lower-case word's British spelling to the American one,
// so that both match the same names.
func spelling(w string) string {
	if a, ok := spellingWords[w]; ok {
		return a
	}
	for _, suf := range []string{"isation", "isations", "ised", "ising"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 {
			return w[:len(w)-len(suf)] + "iz" + suf[2:]
		}
	}
	if !ourExceptions[w] {
		for _, suf := range []string{"our", "ours", "ourhood", "ourhoods", "ourly", "ourliness", "ouring", "oured", "ourable", "ourably", "ourite", "ourites", "ourer", "ourers"} {
			if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 {
				return w[:len(w)-len(suf)] + "o" + suf[2:]
			}
		}
	}
	for _, suf := range []string{"tre", "tres", "bre", "bres"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 {
			return w[:len(w)-len(suf)] + suf[:1] + "er" + suf[3:]
		}
	}
	return w
}

// tokens is the token sequence of a document's view with its key string:
// the tokens' keys joined by single spaces, in which word lists are matched
// (so that a match always starts and ends on token boundaries).
type tokens struct {
	t []token
	// key is the key string; keyAt[i] the offset of token i's key in it.
	key   string
	keyAt []int
	// byStart and byEnd map view offsets to token indexes.
	byStart, byEnd map[int]int
}

func newTokens(view string) *tokens {
	ts := &tokens{t: tokenize(view, 0, len(view)), byStart: map[int]int{}, byEnd: map[int]int{}}
	var b strings.Builder
	for i, t := range ts.t {
		if i > 0 {
			b.WriteByte(' ')
		}
		ts.keyAt = append(ts.keyAt, b.Len())
		b.WriteString(t.Key)
		ts.byStart[t.Start] = i
		ts.byEnd[t.End] = i
	}
	ts.key = b.String()
	return ts
}

// span returns the token range [i, j) of a key-string match [s, e), or
// false when the match does not start and end on token boundaries.
func (ts *tokens) span(s, e int) (int, int, bool) {
	i := sort.SearchInts(ts.keyAt, s)
	if i >= len(ts.keyAt) || ts.keyAt[i] != s {
		return 0, 0, false
	}
	j := i
	for j < len(ts.t) && ts.keyAt[j]+len(ts.t[j].Key) < e {
		j++
	}
	if j >= len(ts.t) || ts.keyAt[j]+len(ts.t[j].Key) != e {
		return 0, 0, false
	}
	return i, j + 1, true
}

// first returns the index of the first token that starts at or after off.
func (ts *tokens) first(off int) int {
	return sort.Search(len(ts.t), func(i int) bool { return ts.t[i].Start >= off })
}

// last returns the index after the last token that ends at or before off.
func (ts *tokens) last(off int) int {
	return sort.Search(len(ts.t), func(i int) bool { return ts.t[i].End > off })
}

// keyOf returns the key of a phrase (as written in a rule file).
func keyOf(phrase string) []string {
	var out []string
	for _, t := range tokenize(foldString(phrase), 0, len(foldString(phrase))) {
		out = append(out, t.Key)
	}
	return out
}

// phrases is a compiled list of word sequences (cue words), matched on
// token keys, so case and British or American spelling do not matter.
type phrases [][]string

func newPhrases(ws []string) phrases {
	var out phrases
	for _, w := range ws {
		if k := keyOf(w); len(k) > 0 {
			out = append(out, k)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// at returns the length in tokens of the longest phrase that starts at
// token i and ends before token limit, or 0.
func (ps phrases) at(ts []token, i, limit int) int {
	for _, p := range ps {
		if i+len(p) > limit || i+len(p) > len(ts) {
			continue
		}
		ok := true
		for k, w := range p {
			if ts[i+k].Key != w {
				ok = false
				break
			}
		}
		if ok {
			return len(p)
		}
	}
	return 0
}

// before returns the length of the longest phrase that ends just before
// token i and starts at or after token from, or 0.
func (ps phrases) before(ts []token, from, i int) int {
	for _, p := range ps {
		s := i - len(p)
		if s < from || s < 0 {
			continue
		}
		ok := true
		for k, w := range p {
			if ts[s+k].Key != w {
				ok = false
				break
			}
		}
		if ok {
			return len(p)
		}
	}
	return 0
}

// has reports whether the tokens [i, j) are exactly one of the phrases.
func (ps phrases) has(ts []token, i, j int) bool {
	return ps.at(ts, i, j) == j-i && j > i
}

// foldRune maps a rune of the text to the rune the English rules match:
// full-width forms to ASCII, odd spaces to a space, typographic
// apostrophes to ' (curly double quotes stay: they pair up).
func foldRune(r rune) rune {
	switch {
	case r < 0x80:
		return r
	case r == 0x2019 || r == 0x2018 || r == 0x02BC || r == 0x2032:
		return '\''
	case r == 0x3000 || r == 0xA0 || r == 0x2002 || r == 0x2003 || r == 0x2009 || r == 0x202F:
		return ' '
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFEE0
	}
	return r
}

func foldString(s string) string { return strings.Map(foldRune, s) }
