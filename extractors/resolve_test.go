package extractors

import (
	"strings"
	"testing"

	"github.com/accordkg/accord/schema"
)

// TestResolverSlots checks what NewResolver numbers once for the built-in
// gazetteer: each entry's slot holds its IRI, one slot per IRI, and two
// slots compare by rank as their IRIs compare (Resolve sorts entities of
// entries by rank instead of by IRI).
func TestResolverSlots(t *testing.T) {
	rules, err := schema.LoadBuiltin()
	if err != nil {
		t.Fatal(err)
	}
	r := NewResolver(rules)
	var slots []int32
	for i, en := range rules.Entries {
		k := r.slot[i]
		if got, want := r.iris[k], schema.EntityIRI(en.Class, en.ID); got != want {
			t.Fatalf("entry %d (%s): slot %d has IRI %s, want %s", i, en.ID, k, got, want)
		}
		if r.slotOf[r.iris[k]] != k {
			t.Fatalf("entry %d: IRI %s is slot %d's, not %d's", i, r.iris[k], r.slotOf[r.iris[k]], k)
		}
		if k == int32(i) {
			slots = append(slots, k)
		}
	}
	if len(slots) != len(r.slotOf) {
		t.Fatalf("%d slots, %d IRIs", len(slots), len(r.slotOf))
	}
	for _, a := range slots {
		for _, b := range slots[:min(200, len(slots))] {
			byRank := r.rank[a] < r.rank[b]
			if byIRI := strings.Compare(r.iris[a], r.iris[b]) < 0; byRank != byIRI {
				t.Fatalf("slots %d and %d: rank says less %v, IRI %v", a, b, byRank, byIRI)
			}
		}
	}
}

// referenceOrdinalIn is OrdinalIn as first written, over a []rune of the
// name and a map of the Chinese digits: the oracle the in-place reading
// must agree with.
func referenceOrdinalIn(s string) int {
	i := strings.Index(s, "第")
	if i < 0 {
		return englishOrdinal(s)
	}
	rs := []rune(s[i+len("第"):])
	n, digits := 0, 0
	cn := map[rune]int{'〇': 0, '零': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	var j int
	for j = 0; j < len(rs); j++ {
		r := rs[j]
		if r >= '0' && r <= '9' {
			n = n*10 + int(r-'0')
			digits++
			continue
		}
		break
	}
	if digits == 0 {
		total, cur := 0, 0
		for j = 0; j < len(rs); j++ {
			r := rs[j]
			if v, ok := cn[r]; ok {
				cur = v
				digits++
				continue
			}
			if r == '十' {
				if cur == 0 {
					cur = 1
				}
				total += cur * 10
				cur = 0
				digits++
				continue
			}
			if r == '百' {
				total += cur * 100
				cur = 0
				digits++
				continue
			}
			break
		}
		n = total + cur
	}
	if digits == 0 || j >= len(rs) || (rs[j] != '次' && rs[j] != '届') {
		return 0
	}
	return n
}

// TestOrdinalIn checks OrdinalIn on names of each form.
func TestOrdinalIn(t *testing.T) {
	for s, want := range map[string]int{
		"联合国大会第72次会议":            72,
		"上海合作组织成员国元首理事会第十八次会议":   18,
		"第一百零五届会议":               105,
		"第七十二届联合国大会":             72,
		"第十次":                    10,
		"第二十":                    0,
		"第次会议":                   0,
		"第3\xff次":                0,
		"第〇次":                    0,
		"the 72nd session":       72,
		"Seventy-second Session": 72,
		"no ordinal":             0,
	} {
		if got := OrdinalIn(s); got != want {
			t.Errorf("OrdinalIn(%q) = %d, want %d", s, got, want)
		}
		if got := referenceOrdinalIn(s); got != want {
			t.Errorf("referenceOrdinalIn(%q) = %d, want %d", s, got, want)
		}
	}
}

// FuzzOrdinalIn checks OrdinalIn against the []rune reading on any name,
// valid UTF-8 or not.
func FuzzOrdinalIn(f *testing.F) {
	for _, s := range []string{"第72次会议", "第一百零五届", "第十\xe4次", "第二十九届", "第零〇次", "72nd", "第12", "\u212ath", "fİrst", "ＳＥＣＯＮＤ", "二十一st"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := OrdinalIn(s), referenceOrdinalIn(s); got != want {
			t.Errorf("OrdinalIn(%q) = %d, the []rune reading %d", s, got, want)
		}
	})
}
