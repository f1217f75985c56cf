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
	for _, f := range rules.Run(context.Background(), extract.New(r), cases) {
		t.Error(f)
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
