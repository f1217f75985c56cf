package eval

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestRegressions checks the gate's tolerance at its edges: a fall of
// exactly Tolerance passes, one a little larger fails, a rise passes.
func TestRegressions(t *testing.T) {
	rec := Record{"d": {EntitiesF1: 1, RelationsF1: 0.999}}
	tests := []struct {
		name string
		now  Recorded
		want []string
	}{
		{"same", Recorded{EntitiesF1: 1, RelationsF1: 0.999}, nil},
		{"a rise", Recorded{EntitiesF1: 1, RelationsF1: 1}, nil},
		{"a fall within the tolerance", Recorded{EntitiesF1: 0.996, RelationsF1: 0.9945}, nil},
		{"a fall just past it, unrounded", Recorded{EntitiesF1: 1, RelationsF1: 0.99371}, []string{"d: relations F1 fell from 0.999 to 0.994"}},
		{"both fall", Recorded{EntitiesF1: 0.9, RelationsF1: 0.8}, []string{"d: entities F1 fell from 1.000 to 0.900", "d: relations F1 fell from 0.999 to 0.800"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := rec.Regressions(Record{"d": tt.now, "new": {EntitiesF1: 0}})
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Regressions (-want +got):\n%s", diff)
			}
		})
	}
}
