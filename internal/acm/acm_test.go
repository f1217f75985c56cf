package acm

import (
	"strings"
	"testing"
	"unicode/utf8"

	ahocorasick "github.com/BobuSumisu/aho-corasick"
	"github.com/google/go-cmp/cmp"
)

// oracle returns the hits of a byte-level Aho-Corasick automaton
// (github.com/BobuSumisu/aho-corasick) over the same words.
func oracle(words []string, s string, base int) []Hit {
	var hits []Hit
	if len(words) == 0 {
		return hits
	}
	// the byte automaton cannot take empty words; keep the indexes
	idx := []int{}
	var ws []string
	seen := map[string]bool{}
	for i, w := range words {
		if w == "" || !utf8.ValidString(w) || seen[w] {
			continue
		}
		seen[w] = true
		idx = append(idx, i)
		ws = append(ws, w)
	}
	if len(ws) == 0 {
		return hits
	}
	tr := ahocorasick.NewTrieBuilder().AddStrings(ws).Build()
	tr.Walk([]byte(s), func(end, n, p int64) bool {
		e := base + int(end) + 1
		hits = append(hits, Hit{Start: e - int(n), End: e, Word: idx[p]})
		return true
	})
	return hits
}

func TestAppend(t *testing.T) {
	tests := []struct {
		name  string
		words []string
		text  string
		base  int
		want  []Hit
	}{
		{"none", []string{"上海"}, "北京", 0, nil},
		{"one", []string{"上海"}, "在上海", 0, []Hit{{3, 9, 0}}},
		{"base", []string{"上海"}, "在上海", 100, []Hit{{103, 109, 0}}},
		{"nested, longest first", []string{"合作", "上海合作组织", "组织"}, "上海合作组织峰会", 0,
			[]Hit{{6, 12, 0}, {0, 18, 1}, {12, 18, 2}}},
		{"failure link", []string{"上海合作组织", "合作伙伴"}, "上海合作伙伴", 0, []Hit{{6, 18, 1}}},
		{"ascii and cjk", []string{"SCO", "上合"}, "the SCO, 上合", 0, []Hit{{4, 7, 0}, {9, 15, 1}}},
		{"other scripts", []string{"Ωμέγα", "《宪章》"}, "x Ωμέγα《宪章》", 0, []Hit{{2, 12, 0}, {12, 24, 1}}},
		{"rune below the table", []string{"䶵中"}, "䶵中", 0, []Hit{{0, 6, 0}}},
		{"repeated word keeps first", []string{"中", "中"}, "中", 0, []Hit{{0, 3, 0}}},
		{"empty word", []string{"", "中"}, "中", 0, []Hit{{0, 3, 1}}},
		{"invalid byte resets", []string{"中国"}, "中\xff国 \xe4中国", 0, []Hit{{9, 15, 0}}},
		{"no words", nil, "中国", 0, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := New(tc.words).Append(nil, tc.text, tc.base)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Append (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(oracle(tc.words, tc.text, tc.base), got); diff != "" {
				t.Errorf("Append against the byte automaton (-want +got):\n%s", diff)
			}
		})
	}
}

// FuzzAppend checks the rune automaton against the byte automaton on any
// words and any text, valid UTF-8 or not.
func FuzzAppend(f *testing.F) {
	f.Add("上海合作组织\n合作\n组织\n合作伙伴", "上海合作组织的合作伙伴组织")
	f.Add("ab\nb\nbab\nabc", "ababcbab")
	f.Add("中国\n国", "中\xe4\xb8国")
	f.Add("Ωμ\nμέ", "ΩΩμέγα")
	f.Fuzz(func(t *testing.T, list, text string) {
		words := strings.Split(list, "\n")
		if len(words) > 64 {
			words = words[:64]
		}
		got := New(words).Append(nil, text, 7)
		if diff := cmp.Diff(oracle(words, text, 7), got); diff != "" {
			t.Errorf("words %q text %q (-byte automaton +rune automaton):\n%s", words, text, diff)
		}
	})
}
