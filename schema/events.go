package schema

import (
	"embed"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/accordkg/accord/internal/acm"
)

//go:embed data/events/events.yaml data/gazetteer-codes/cameo.yaml
var eventsFS embed.FS

// EventCode is the CAMEO code and PLOVER category of a stance.
type EventCode struct {
	// CAMEO is the CAMEO event code ("051").
	CAMEO string `yaml:"cameo"`
	// PLOVER is the PLOVER category ("SUPPORT"); empty where PLOVER has
	// none.
	PLOVER string `yaml:"plover"`
}

// Modes of a statement (PLOVER-style), as written in acc:mode.
const (
	ModeNegated      = "negated"
	ModeFuture       = "future"
	ModeReaffirmed   = "reaffirmed"
	ModeHypothetical = "hypothetical"
)

// Events is the event-coding data: the code of each stance predicate, the
// complement words that code a reaffirmation, the mode cue words, and the
// CAMEO actor codes of gazetteer entries.
type Events struct {
	// Predicates maps a stance predicate's short name to its code.
	Predicates map[string]EventCode `yaml:"predicates"`
	// Complements code a reaffirmation by the words after its verb, first
	// match first.
	Complements []struct {
		Code  EventCode           `yaml:"code"`
		Words map[string][]string `yaml:"words"`
	} `yaml:"complements"`
	// ComplementWindow is how far after the verb complements are sought,
	// per language (runes for zh, words otherwise).
	ComplementWindow map[string]int `yaml:"complement_window"`
	// Modes maps a mode to its cue words per language.
	Modes map[string]map[string][]string `yaml:"modes"`

	actors map[string]ActorCode
	// zhModes finds the Chinese mode cues in one pass (made at load; nil
	// in an Events built by hand, which StatementModes then reads word
	// by word).
	zhModes *modeScan
	// cueWords holds every complement and mode cue split into words
	// (wordsOf), made once at load.
	cueWords map[string][]string
}

// words returns cue w split into words (precomputed at load).
func (ev *Events) words(w string) []string {
	if ws, ok := ev.cueWords[w]; ok {
		return ws
	}
	return wordsOf(w)
}

// ActorCode is the CAMEO actor code of a gazetteer entry.
type ActorCode struct {
	CAMEO string `yaml:"cameo"`
	// Basis says where the code comes from: codebook or composed.
	Basis string `yaml:"basis"`
}

var (
	eventsOnce sync.Once
	eventsData *Events
	eventsErr  error
)

// LoadEvents returns the built-in event-coding data (parsed once).
func LoadEvents() (*Events, error) {
	eventsOnce.Do(func() {
		eventsData, eventsErr = parseEvents()
	})
	return eventsData, eventsErr
}

// MustEvents is LoadEvents for callers that cannot fail: the data is
// embedded and checked by the tests.
func MustEvents() *Events {
	ev, err := LoadEvents()
	if err != nil {
		panic(err)
	}
	return ev
}

func parseEvents() (*Events, error) {
	b, err := eventsFS.ReadFile("data/events/events.yaml")
	if err != nil {
		return nil, err
	}
	ev := &Events{}
	if err := decodeStrict(b, nil, ev, "schema/data/events/events.yaml"); err != nil {
		return nil, err
	}
	for p := range ev.Predicates {
		if _, ok := StancePredicates[p]; !ok {
			return nil, fmt.Errorf("schema/data/events/events.yaml: unknown stance predicate %q", p)
		}
	}
	for m := range ev.Modes {
		switch m {
		case ModeFuture, ModeReaffirmed, ModeHypothetical:
		default:
			return nil, fmt.Errorf("schema/data/events/events.yaml: unknown mode %q", m)
		}
	}
	c, err := eventsFS.ReadFile("data/gazetteer-codes/cameo.yaml")
	if err != nil {
		return nil, err
	}
	var codes struct {
		Codes map[string]ActorCode `yaml:"codes"`
	}
	if err := decodeStrict(c, nil, &codes, "schema/data/gazetteer-codes/cameo.yaml"); err != nil {
		return nil, err
	}
	ev.actors = codes.Codes
	ev.cueWords = map[string][]string{}
	for _, c := range ev.Complements {
		for _, ws := range c.Words {
			for _, w := range ws {
				ev.cueWords[w] = wordsOf(w)
			}
		}
	}
	for _, byLang := range ev.Modes {
		for _, ws := range byLang {
			for _, w := range ws {
				ev.cueWords[w] = wordsOf(w)
			}
		}
	}
	ev.zhModes = newModeScan(ev.Modes, "zh")
	return ev, nil
}

// modeScan is an automaton over one language's mode cues.
type modeScan struct {
	m *acm.Matcher
	// modes[w] are the modes cue word w signals.
	modes [][]string
	// always holds the modes with an empty cue, which every text has.
	always []string
	// spaced holds the cues with a space, which may match across the
	// join of the text before the verb and the verb: read one by one.
	spaced []spacedCue
}

type spacedCue struct{ word, mode string }

// newModeScan compiles the cues of modes (mode → language → cues) in lang.
func newModeScan(modes map[string]map[string][]string, lang string) *modeScan {
	ms := &modeScan{}
	var words []string
	index := map[string]int{}
	for mode, byLang := range modes {
		for _, w := range byLang[lang] {
			if w == "" {
				ms.always = append(ms.always, mode)
				continue
			}
			if strings.Contains(w, " ") {
				ms.spaced = append(ms.spaced, spacedCue{w, mode})
				continue
			}
			i, ok := index[w]
			if !ok {
				i = len(words)
				index[w] = i
				words = append(words, w)
				ms.modes = append(ms.modes, nil)
			}
			ms.modes[i] = append(ms.modes[i], mode)
		}
	}
	ms.m = acm.New(words)
	return ms
}

// PredicateCode returns the code of a stance predicate IRI (zero when it
// has none).
func (ev *Events) PredicateCode(pred string) EventCode {
	return ev.Predicates[ShortName(pred)]
}

// StatementCode returns the code of one statement: its predicate's, except
// for a reaffirmation, which takes the code of the first complement word
// found in after (the text right after the verb, in language lang).
func (ev *Events) StatementCode(pred, lang, after string) EventCode {
	code := ev.PredicateCode(pred)
	if pred != Reaffirms {
		return code
	}
	win := ev.ComplementWindow[lang]
	if win <= 0 {
		win = 5
	}
	var head string
	var words []string
	if lang == "zh" {
		// the first win runes
		n, end := 0, 0
		for end < len(after) && n < win {
			_, w := utf8.DecodeRuneInString(after[end:])
			end += w
			n++
		}
		head = after[:end]
	} else {
		// the first win words: cut the text before splitting it all
		if cut := 32 * (win + 1); len(after) > cut {
			after = after[:cut]
		}
		words = wordsOf(after)
		if len(words) > win {
			words = words[:win]
		}
	}
	for _, c := range ev.Complements {
		for _, w := range c.Words[lang] {
			if lang == "zh" && strings.Contains(head, w) || lang != "zh" && hasWords(words, ev.words(w)) {
				return c.Code
			}
		}
	}
	return code
}

// StatementModes returns the modes of a statement, sorted: negated when the text
// negates it, reaffirmed when its verb reaffirms, and the modes whose cue
// words stand in before (the clause before the verb) or in the verb.
func (ev *Events) StatementModes(pred, lang, before, trigger string, negated bool) []string {
	var buf [8]string // a statement has a few modes
	set := buf[:0]
	add := func(m string) {
		if !slices.Contains(set, m) {
			set = append(set, m)
		}
	}
	if negated {
		add(ModeNegated)
	}
	if pred == Reaffirms {
		add(ModeReaffirmed)
	}
	if pred == Intends {
		add(ModeFuture)
	}
	if lang == "zh" && ev.zhModes != nil {
		for _, m := range ev.zhModes.always {
			add(m)
		}
		for _, c := range ev.zhModes.spaced {
			if containsAcross(before, trigger, c.word) {
				add(c.mode)
			}
		}
		var hb [16]acm.Hit
		hits := ev.zhModes.m.Append(hb[:0], before, 0)
		hits = ev.zhModes.m.Append(hits, trigger, 0)
		for _, h := range hits {
			for _, m := range ev.zhModes.modes[h.Word] {
				add(m)
			}
		}
	} else {
		// cue by cue: other languages by words, Chinese in an Events
		// built by hand
		var words []string
		if lang != "zh" {
			words = wordsOf(before + " " + trigger)
		}
		for mode, byLang := range ev.Modes {
			for _, w := range byLang[lang] {
				if lang == "zh" && containsAcross(before, trigger, w) || lang != "zh" && hasWords(words, ev.words(w)) {
					add(mode)
					break
				}
			}
		}
	}
	out := make([]string, len(set))
	copy(out, set)
	sort.Strings(out)
	return out
}

// containsAcross reports whether before + " " + after contains w, joining
// them only when w has a space (else a match cannot cross the join).
func containsAcross(before, after, w string) bool {
	if strings.Contains(before, w) || strings.Contains(after, w) {
		return true
	}
	return strings.IndexByte(w, ' ') >= 0 && strings.Contains(before+" "+after, w)
}

// ActorCode returns the CAMEO actor code of an entity IRI (a state's ISO
// alpha-3 id; a listed entry's code; a contextual members group's
// organization code), or "".
func (ev *Events) ActorCode(iri string) string {
	path, ok := strings.CutPrefix(iri, Base+"id/")
	if !ok {
		return ""
	}
	if c, ok := ev.actors[path]; ok {
		return c.CAMEO
	}
	class, id, _ := strings.Cut(path, "/")
	switch class {
	case "state":
		return id
	case "group":
		for _, suf := range []string{"-member-states"} {
			if org, ok := strings.CutSuffix(id, suf); ok {
				if c, ok := ev.actors["org/"+org]; ok {
					return c.CAMEO
				}
				if c, ok := ev.actors["group/"+org]; ok {
					return c.CAMEO
				}
			}
		}
	}
	return ""
}

// ActorCodes returns the listed actor codes by IRI path, for checks.
func (ev *Events) ActorCodes() map[string]ActorCode { return ev.actors }

// wordsOf splits a text into lower-case words.
func wordsOf(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '-'
	})
}

// hasWords reports whether the word sequence w occurs in ws.
func hasWords(ws, w []string) bool {
	if len(w) == 0 {
		return false
	}
	for i := 0; i+len(w) <= len(ws); i++ {
		ok := true
		for k := range w {
			if ws[i+k] != w[k] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}
