package en

import (
	"bytes"
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
	ts, _, _ := tokenizeKeys(s, from, to)
	return ts
}

// asciiWord reports the ASCII runes isWordRune accepts: letters and digits.
func asciiWord(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// asciiSpace reports the ASCII runes unicode.IsSpace accepts.
func asciiSpace(c byte) bool { return c == ' ' || c >= '\t' && c <= '\r' }

// asciiPunct reports the ASCII runes unicode.IsPunct accepts.
func asciiPunct(c byte) bool {
	return c < utf8.RuneSelf && strings.IndexByte(`!"#%&'()*,-./:;?@[\]_{}`, c) >= 0
}

// tokenizeKeys splits s[from:to] into tokens with offsets into s, and
// returns with them the key string (the tokens' keys joined by single
// spaces) and the offset of each token's key in it. Every key is a slice
// of the key string: tokenizing allocates the token slice, the key string
// and the offsets, nothing per token.
func tokenizeKeys(s string, from, to int) ([]token, string, []int) {
	n := to - from
	out := make([]token, 0, n/5+1)
	keyAt := make([]int, 0, n/5+1)
	buf := make([]byte, 0, n+n/8+1)
	for i := from; i < to; {
		c := s[i]
		var r rune
		w := 1
		if c < utf8.RuneSelf {
			r = rune(c)
			if asciiSpace(c) {
				i++
				continue
			}
		} else {
			r, w = utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				i += w
				continue
			}
		}
		if len(out) > 0 {
			buf = append(buf, ' ')
		}
		keyAt = append(keyAt, len(buf))
		if c < utf8.RuneSelf && asciiWord(c) || c >= utf8.RuneSelf && isWordRune(r) {
			j := wordEnd(s, i+w, to)
			var t token
			t, buf = newWordToken(s, i, j, buf)
			out = append(out, t)
			i = j
			continue
		}
		out = append(out, token{Start: i, End: i + w, Text: s[i : i+w]})
		buf = append(buf, s[i:i+w]...)
		i += w
	}
	key := string(buf)
	for k := range out {
		end := len(key)
		if k+1 < len(out) {
			end = keyAt[k+1] - 1
		}
		out[k].Key = key[keyAt[k]:end]
	}
	return out, key, keyAt
}

// wordEnd returns the end of the word whose first rune ends at j: word
// runes, and a joiner, or a decimal point or slash between digits, when a
// word rune follows at once.
func wordEnd(s string, j, to int) int {
	for j < to {
		var r2 rune
		n2 := 1
		if c := s[j]; c < utf8.RuneSelf {
			if asciiWord(c) {
				j++
				continue
			}
			r2 = rune(c)
		} else {
			r2, n2 = utf8.DecodeRuneInString(s[j:])
			if isWordRune(r2) {
				j += n2
				continue
			}
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
	return j
}

func isDigitBefore(s string, off int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:off])
	return unicode.IsDigit(r)
}

// newWordToken makes the token of the word s[i:j], appending its key to
// buf (the key is set from the key string later).
func newWordToken(s string, i, j int, buf []byte) (token, []byte) {
	t := token{Start: i, End: j, Text: s[i:j], Word: true}
	start := len(buf)
	letters, upper := 0, 0
	for k := i; k < j; {
		if c := s[k]; c < utf8.RuneSelf {
			switch {
			case c >= 'A' && c <= 'Z':
				if k == i {
					t.Cap = true
				}
				letters++
				upper++
				c += 'a' - 'A'
			case c >= 'a' && c <= 'z':
				letters++
			case c == '-':
				k++
				continue
			}
			buf = append(buf, c)
			k++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[k:j])
		if k == i && unicode.IsUpper(r) {
			t.Cap = true
		}
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
		if !isJoiner(r) {
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
		}
		k += n
	}
	t.Upper = letters >= 2 && upper == letters
	if a, ok := respell(buf[start:]); ok {
		buf = append(buf[:start], a...)
	}
	return t, buf
}

// spellingWords maps British forms to the American ones used as keys.
var spellingWords = map[string]string{
	"programme": "program", "programmes": "programs", "defence": "defense",
	"offence": "offense", "licence": "license", "analyse": "analyze",
	"judgement": "judgment", "fulfil": "fulfill", "fulfilment": "fulfillment",
	"enrol": "enroll", "ageing": "aging", "catalogue": "catalog",
	"dialogue": "dialog", "dialogues": "dialogs",
}

// spellingSig is the signature of the words of spellingWords.
var spellingSig = func() *keySig {
	g := &keySig{}
	for w := range spellingWords {
		g.add(w)
	}
	return g
}()

// ourExceptions are words in -our that keep it.
var ourExceptions = map[string]bool{"four": true, "hour": true, "our": true, "your": true, "tour": true,
	"flour": true, "pour": true, "sour": true, "contour": true, "devour": true, "detour": true, "scour": true,
	"amour": true, "hours": true, "tours": true, "contours": true, "fours": true, "yours": true, "ours": true}

// The suffixes respell folds, in the order it tries them.
var (
	isSuffixes  = []string{"isation", "isations", "ised", "ising"}
	ourSuffixes = []string{"our", "ours", "ourhood", "ourhoods", "ourly", "ourliness", "ouring", "oured", "ourable", "ourably", "ourite", "ourites", "ourer", "ourers"}
	reSuffixes  = []string{"tre", "tres", "bre", "bres"}
)

// respell returns the American spelling of a lower-case word and true, or
// false when the word has none of the British forms it folds (so that both
// spellings match the same names). It allocates only for a word it
// changes.
func respell(w []byte) (string, bool) {
	if len(w) < 5 {
		return "", false // every form folded is longer
	}
	if spellingSig[w[0]]&(1<<(len(w)&63)) != 0 { // (w is not empty)
		if a, ok := spellingWords[string(w)]; ok {
			return a, true
		}
	}
	for _, suf := range isSuffixes {
		if hasSuffix(w, suf) && len(w) > len(suf)+2 {
			return string(w[:len(w)-len(suf)]) + "iz" + suf[2:], true
		}
	}
	if bytes.Contains(w, []byte("our")) && !ourExceptions[string(w)] {
		for _, suf := range ourSuffixes {
			if hasSuffix(w, suf) && len(w) > len(suf)+2 {
				return string(w[:len(w)-len(suf)]) + "o" + suf[2:], true
			}
		}
	}
	for _, suf := range reSuffixes {
		if hasSuffix(w, suf) && len(w) > len(suf)+2 {
			return string(w[:len(w)-len(suf)]) + suf[:1] + "er" + suf[3:], true
		}
	}
	return "", false
}

func hasSuffix(w []byte, suf string) bool {
	return len(w) >= len(suf) && string(w[len(w)-len(suf):]) == suf
}

// tokens is the token sequence of a document's view with its key string:
// the tokens' keys joined by single spaces, in which word lists are matched
// (so that a match always starts and ends on token boundaries).
type tokens struct {
	t []token
	// key is the key string; keyAt[i] the offset of token i's key in it.
	key   string
	keyAt []int
	// block[b] is the index of the first token that starts at or after
	// view offset b*blockSize (nil: first and last search the tokens).
	block []int32
}

// blockSize is the width in bytes of a block of tokens.block.
const blockSize = 32

func newTokens(view string) *tokens {
	t, key, keyAt := tokenizeKeys(view, 0, len(view))
	ts := &tokens{t: t, key: key, keyAt: keyAt}
	ts.block = make([]int32, len(view)/blockSize+1)
	i := 0
	for b := range ts.block {
		for i < len(t) && t[i].Start < b*blockSize {
			i++
		}
		ts.block[b] = int32(i)
	}
	return ts
}

// startAt returns the index of the token that starts at view offset off
// (0 and false when none does).
func (ts *tokens) startAt(off int) (int, bool) {
	i := ts.first(off)
	if i >= len(ts.t) || ts.t[i].Start != off {
		return 0, false
	}
	return i, true
}

// startIndex returns the index of the token that starts at view offset
// off, or 0 when none does.
func (ts *tokens) startIndex(off int) int {
	i, _ := ts.startAt(off)
	return i
}

// endIndex returns the index of the token that ends at view offset off,
// or 0 when none does.
func (ts *tokens) endIndex(off int) int {
	i, _ := ts.endAt(off)
	return i
}

// endAt returns the index of the token that ends at view offset off (0
// and false when none does).
func (ts *tokens) endAt(off int) (int, bool) {
	i := ts.last(off) - 1
	if i < 0 || ts.t[i].End != off {
		return 0, false
	}
	return i, true
}

// first returns the index of the first token that starts at or after off.
func (ts *tokens) first(off int) int {
	if b := off / blockSize; off >= 0 && b < len(ts.block) {
		// the tokens before block b start before off
		i := int(ts.block[b])
		for i < len(ts.t) && ts.t[i].Start < off {
			i++
		}
		return i
	}
	lo, hi := 0, len(ts.t)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if ts.t[m].Start < off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// last returns the index after the last token that ends at or before off.
func (ts *tokens) last(off int) int {
	if b := off / blockSize; off >= 0 && b < len(ts.block) {
		// of the tokens before block b, only the one right before it may
		// end after off
		i := int(ts.block[b])
		if i > 0 && ts.t[i-1].End > off {
			return i - 1
		}
		for i < len(ts.t) && ts.t[i].End <= off {
			i++
		}
		return i
	}
	lo, hi := 0, len(ts.t)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if ts.t[m].End <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// keyOf returns the key of a phrase (as written in a rule file).
func keyOf(phrase string) []string {
	var out []string
	f := foldString(phrase)
	for _, t := range tokenize(f, 0, len(f)) {
		out = append(out, t.Key)
	}
	return out
}

// phrases is a compiled list of word sequences (cue words), matched on
// token keys, so case and British or American spelling do not matter.
type phrases struct {
	// list holds the phrases, longest first.
	list [][]string
	// byFirst and byLast index list by a phrase's first and last key (in
	// list order).
	byFirst, byLast map[string][]int
	// first and last are the signatures of the first and last keys.
	first, last *keySig
}

func newPhrases(ws []string) phrases {
	var list [][]string
	for _, w := range ws {
		if k := keyOf(w); len(k) > 0 {
			list = append(list, k)
		}
	}
	sort.SliceStable(list, func(i, j int) bool { return len(list[i]) > len(list[j]) })
	ps := phrases{list: list, byFirst: map[string][]int{}, byLast: map[string][]int{}, first: &keySig{}, last: &keySig{}}
	for i, p := range list {
		ps.first.add(p[0])
		ps.last.add(p[len(p)-1])
		ps.byFirst[p[0]] = append(ps.byFirst[p[0]], i)
		ps.byLast[p[len(p)-1]] = append(ps.byLast[p[len(p)-1]], i)
	}
	return ps
}

// at returns the length in tokens of the longest phrase that starts at
// token i and ends before token limit, or 0.
func (ps *phrases) at(ts []token, i, limit int) int {
	// (most tokens start no phrase: the signature tells without a map
	// look-up)
	if uint(i) < uint(len(ts)) && i < limit {
		if k := ts[i].Key; k != "" && ps.first[k[0]]&(1<<(len(k)&63)) != 0 {
			return ps.atKey(ts, i, limit)
		}
	}
	return 0
}

// atKey is at for a token whose key may start a phrase.
func (ps *phrases) atKey(ts []token, i, limit int) int {
	for _, pi := range ps.byFirst[ts[i].Key] {
		if p := ps.list[pi]; keysAt(ts, i, limit, p) {
			return len(p)
		}
	}
	return 0
}

// keysAt reports whether the tokens from i on have the keys p and end
// before token limit.
func keysAt(ts []token, i, limit int, p []string) bool {
	if i < 0 || i+len(p) > limit || i+len(p) > len(ts) {
		return false
	}
	for k, w := range p {
		if ts[i+k].Key != w {
			return false
		}
	}
	return true
}

// before returns the length of the longest phrase that ends just before
// token i and starts at or after token from, or 0.
func (ps *phrases) before(ts []token, from, i int) int {
	if uint(i-1) < uint(len(ts)) {
		if k := ts[i-1].Key; k != "" && ps.last[k[0]]&(1<<(len(k)&63)) != 0 {
			return ps.beforeKey(ts, from, i)
		}
	}
	return 0
}

// beforeKey is before for a token whose key may end a phrase.
func (ps *phrases) beforeKey(ts []token, from, i int) int {
	for _, pi := range ps.byLast[ts[i-1].Key] {
		p := ps.list[pi]
		s := i - len(p)
		if s < from || s < 0 {
			continue
		}
		ok := true
		for k, w := range p[:len(p)-1] {
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
func (ps *phrases) has(ts []token, i, j int) bool {
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
