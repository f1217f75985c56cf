package zh

import (
	"context"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/accordkg/accord/extractors"
	"github.com/accordkg/accord/schema"
)

// dropCarried is a stage that forgets what earlier stages carried.
type dropCarried struct{}

func (dropCarried) Process(d *extractors.Document) error {
	d.Carry(triggerHitsKey{}, nil)
	return nil
}

// TestRelationsOwnScan checks that Relations finds the same statements
// when it scans each sentence for triggers itself (a pipeline whose
// Entities left no hits) as when it reads the hits of Entities' pass.
func TestRelationsOwnScan(t *testing.T) {
	rules, err := schema.LoadBuiltin()
	if err != nil {
		t.Fatal(err)
	}
	p, err := New(rules)
	if err != nil {
		t.Fatal(err)
	}
	own := *p
	own.Stages = nil
	for _, s := range p.Stages {
		own.Stages = append(own.Stages, s)
		if _, ok := s.(*Entities); ok {
			own.Stages = append(own.Stages, dropCarried{})
		}
	}
	raw, err := os.ReadFile("../../datasets/qingdao-2018/qingdao-2018.zh.txt")
	if err != nil {
		t.Fatal(err)
	}
	run := func(p *extractors.Pipeline) *extractors.Document {
		d := extractors.NewDocument("t", "t.txt", "zh", raw, "UTF-8", string(raw), p.Fold, nil)
		if err := p.Run(context.Background(), d); err != nil {
			t.Fatal(err)
		}
		return d
	}
	shared, alone := run(p), run(&own)
	if len(shared.Statements) == 0 {
		t.Fatal("no statements")
	}
	if _, ok := alone.Carried(triggerHitsKey{}).(*triggerHits); ok {
		t.Fatal("the hits were not dropped")
	}
	if diff := cmp.Diff(shared.Statements, alone.Statements); diff != "" {
		t.Errorf("statements (-shared hits +own scan):\n%s", diff)
	}
}
