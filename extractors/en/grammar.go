package en

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/accordkg/accord/extractors"
)

// The closed word classes of English that the rules walk over. They are
// grammar, not names or cues, so they live here rather than in the rule
// files (as 的 and 第 do in the Chinese recipe); every open list (verbs,
// heads, adverbs, prepositions of framing) is in lexicon/en-cues.yaml.

// determiners stand before a noun phrase and are not part of a name.
var determiners = set("the", "a", "an", "this", "these", "that", "those", "its", "their", "our", "his", "her", "any", "all", "each", "every", "both", "such")

// nameLinks are the function words that may stand inside a Title Case
// name between capitalized words (Treaty on the Non-Proliferation of
// Nuclear Weapons, Strategy until 2025).
var nameLinks = set("of", "the", "and", "on", "in", "for", "to", "against", "with", "a", "an", "its", "their",
	"between", "among", "amongst", "until", "till", "towards", "toward", "from", "at", "by", "or", "into", "within",
	"concerning", "regarding", "relating", "through", "beyond", "up", "under", "over", "de", "la", "du", "des", "al")

// subjectPronouns stand for the subject carried over from before.
var subjectPronouns = set("they", "it")

// auxiliaries may stand between a subject and its verb.
var auxiliaries = set("do", "does", "did", "have", "has", "had", "can", "could", "may", "might", "must", "should", "would", "shall", "is", "are", "was", "were", "be", "been")

// abbreviations end in a full stop that does not end a sentence.
var abbreviations = set("mr", "mrs", "ms", "dr", "no", "nos", "st", "art", "arts", "para", "paras", "vol", "res", "rev",
	"corr", "add", "e.g", "i.e", "vs", "cf", "approx", "incl", "prof", "gen", "gov", "sen", "co", "inc", "ltd", "jr", "sr",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "fig", "op", "ibid", "mt", "ft")

// months maps month names and their abbreviations to numbers.
var months = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
	"oct": 10, "nov": 11, "dec": 12,
}

// clausePunct end a clause.
var clausePunct = set(";", ":", ".", "!", "?")

// wordSet is a closed set of words.
type wordSet struct {
	m   map[string]bool
	sig keySig
}

// set returns the set of the words ws.
func set(ws ...string) *wordSet {
	s := &wordSet{m: make(map[string]bool, len(ws))}
	for _, w := range ws {
		s.m[w] = true
		s.sig.add(w)
	}
	return s
}

// has reports whether w is in the set.
func (s *wordSet) has(w string) bool {
	return s.sig.may(w) && s.m[w]
}

// keySig is a signature of a set of words that rules most other words out
// without hashing them: for each first byte, a bit for each length (modulo
// 64) of a word starting with it.
type keySig [256]uint64

func (g *keySig) add(w string) {
	if w != "" {
		g[w[0]] |= 1 << (len(w) & 63)
	}
}

// may reports whether w may be one of the words (false: it is not).
func (g *keySig) may(w string) bool {
	return w != "" && g[w[0]]&(1<<(len(w)&63)) != 0
}

// ordinalToken reads a digit ordinal (72nd) or a Roman numeral (XV: "the
// XV BRICS Summit") and returns its value, or 0.
func ordinalToken(t token) int {
	if n := ordinalNumber(t.Key); n > 0 {
		return n
	}
	if t.Upper || len(t.Text) == 1 {
		return extractors.RomanNumeral(t.Text)
	}
	return 0
}

// ordinalNumber reads a digit ordinal (72nd, 10th, 1st) and returns its
// value, or 0.
func ordinalNumber(key string) int {
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if n, ok := strings.CutSuffix(key, suf); ok {
			if v, err := strconv.Atoi(n); err == nil && v > 0 {
				return v
			}
		}
	}
	return 0
}

// isYear reports whether a word is a four-digit year of the modern era.
func isYear(s string) (int, bool) {
	if len(s) != 4 {
		return 0, false
	}
	v, err := strconv.Atoi(s)
	if err != nil || v < 1800 || v > 2199 {
		return 0, false
	}
	return v, true
}

// isNumber reports whether a word is made of digits (and the joiners of a
// range or a resolution number: 2018-2023, 73/27).
func isNumber(s string) bool {
	if s == "" {
		return false
	}
	digits := false
	for _, r := range s {
		switch {
		case unicode.IsDigit(r):
			digits = true
		case isJoiner(r) || r == '/' || r == '.':
		default:
			return false
		}
	}
	return digits
}
