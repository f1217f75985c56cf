package rules_test

import (
	"context"
	"testing"

	"github.com/accordkg/accord/extractors/extract"
	"github.com/accordkg/accord/extractors/rules"
	"github.com/accordkg/accord/schema"
)

// TestBuiltinExamples runs every example of the built-in pack.
func TestBuiltinExamples(t *testing.T) {
	r, err := schema.LoadBuiltin()
	if err != nil {
		t.Fatal(err)
	}
	cases := rules.Cases(r)
	if len(cases) < 60 {
		t.Fatalf("only %d examples in the built-in pack", len(cases))
	}
	fails, skipped := rules.Run(context.Background(), extract.New(r), cases)
	for _, f := range fails {
		t.Error(f)
	}
	if skipped != 0 {
		t.Errorf("%d built-in examples skipped, want 0", skipped)
	}
}

// TestBuiltinCoverage requires a positive and a negative example for every
// built-in rule.
func TestBuiltinCoverage(t *testing.T) {
	r, err := schema.LoadBuiltin()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range rules.Coverage(r) {
		t.Error(m)
	}
}
