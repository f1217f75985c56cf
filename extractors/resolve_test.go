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
