package zh

import (
	"slices"

	"github.com/accordkg/accord/extractors"
)

// KeepTriggerHits returns a function that puts back the trigger hits
// Entities carried in d in the order they are now (Relations sorts them
// in place), for BenchmarkStages; a no-op when there are none.
func KeepTriggerHits(d *extractors.Document) func() {
	th, ok := d.Carried(triggerHitsKey{}).(*triggerHits)
	if !ok {
		return func() {}
	}
	orig := slices.Clone(th.hits)
	return func() { copy(th.hits, orig) }
}
