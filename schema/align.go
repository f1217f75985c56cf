package schema

import (
	"embed"
	"strings"
	"sync"
	"unicode"
)

//go:embed data/align/kinds.yaml
var alignFS embed.FS

// Kinds tells the kind of a named thing (treaty, agreement, concept,
// summit…) from the head word of its name, in Chinese or English: the data
// of schema/data/align/kinds.yaml. Cross-language alignment merges two
// names only when Compatible says they name things of one kind.
type Kinds struct {
	// List is the kinds in file order.
	List []Kind `yaml:"kinds"`

	zh map[string][]string // head → kind ids
	en map[string][]string
}

// Kind is one kind with its heads in each language.
type Kind struct {
	ID string   `yaml:"id"`
	ZH []string `yaml:"zh"`
	EN []string `yaml:"en"`
}

var (
	kindsOnce sync.Once
	kindsData *Kinds
	kindsErr  error
)

// LoadKinds returns the built-in kinds data (parsed once).
func LoadKinds() (*Kinds, error) {
	kindsOnce.Do(func() {
		var b []byte
		b, kindsErr = alignFS.ReadFile("data/align/kinds.yaml")
		if kindsErr == nil {
			kindsData, kindsErr = ParseKinds(b, "schema/data/align/kinds.yaml")
		}
	})
	return kindsData, kindsErr
}

// ParseKinds decodes a kinds file strictly (an unknown key is an error
// naming path and line) and indexes its heads.
func ParseKinds(b []byte, path string) (*Kinds, error) {
	k := &Kinds{}
	if err := decodeStrict(b, nil, k, path); err != nil {
		return nil, err
	}
	k.zh, k.en = map[string][]string{}, map[string][]string{}
	for _, kd := range k.List {
		if kd.ID == "" {
			return nil, &RuleError{Path: path, Msg: "a kind without an id"}
		}
		for _, h := range kd.ZH {
			k.zh[h] = append(k.zh[h], kd.ID)
		}
		for _, h := range kd.EN {
			h = strings.ToLower(h)
			k.en[h] = append(k.en[h], kd.ID)
		}
	}
	return k, nil
}

// Of returns the kinds of a name: for a Chinese name (one with CJK
// characters) those of the longest head it ends with, for another the
// kinds of the first head word (or two-word head) it contains. Nil when no
// head is found.
func (k *Kinds) Of(name string) []string {
	name = strings.TrimRightFunc(name, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) })
	if hasHan(name) {
		best := ""
		for h := range k.zh {
			if len(h) > len(best) && strings.HasSuffix(name, h) {
				best = h
			}
		}
		if best == "" {
			return nil
		}
		return k.zh[best]
	}
	words := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return !unicode.IsLetter(r) && r != 'é' })
	for i, w := range words {
		if i+1 < len(words) {
			if ids, ok := k.en[w+" "+words[i+1]]; ok {
				return ids
			}
		}
		if ids, ok := k.en[w]; ok {
			return ids
		}
	}
	return nil
}

// Compatible reports whether two names (in any languages) may name one
// thing: both have a kind and share one, and they carry the same numbers
// (years, ordinals written in digits), in the same order.
func (k *Kinds) Compatible(a, b string) bool {
	ka, kb := k.Of(a), k.Of(b)
	shared := false
	for _, x := range ka {
		for _, y := range kb {
			if x == y {
				shared = true
			}
		}
	}
	if !shared {
		return false
	}
	na, nb := numbers(a), numbers(b)
	if len(na) != len(nb) {
		return false
	}
	for i := range na {
		if na[i] != nb[i] {
			return false
		}
	}
	return true
}

// numbers returns the runs of ASCII digits in s (full-width digits are
// folded before names reach the graph).
func numbers(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r < '0' || r > '9' })
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}
