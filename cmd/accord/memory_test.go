package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestQueryMemory checks that accord query --memory (a copy of the store
// in memory) prints what the query prints on the store itself, for every
// cookbook recipe, in one run and in the REPL, and says it copied.
func TestQueryMemory(t *testing.T) {
	db := builtStore(t)
	recipes, err := filepath.Glob("../../docs/examples/*.js")
	if err != nil || len(recipes) == 0 {
		t.Fatalf("no recipes: %v", err)
	}
	for _, f := range recipes {
		code, want, errs := accord(t, "", "query", "--db", db, "--format", "table", "-f", f)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", f, code, errs)
		}
		code, got, errs := accord(t, "", "query", "--db", db, "--memory", "--format", "table", "-f", f)
		if code != 0 {
			t.Fatalf("%s --memory: exit %d: %s", f, code, errs)
		}
		if got != want {
			t.Errorf("%s: --memory printed\n%s\nwant\n%s", f, got, want)
		}
		if !strings.Contains(errs, "into memory") {
			t.Errorf("%s --memory: no word of the copy on standard error: %q", f, errs)
		}
	}
	q := `g.V("<https://w3id.org/accord/id/group/sco-member-states>").Out("<acc:reaffirms>").Unique().Count()`
	code, out, errs := accord(t, "g.Emit("+q+")\n:1\n", "query", "--db", db, "--memory", "--repl")
	if code != 0 || strings.Count(out, "\n3\n") != 2 {
		t.Errorf("--repl --memory: exit %d, %q, %q", code, out, errs)
	}
}

// TestServeMemoryWritable checks that accord serve refuses --memory with
// --writable: the copy cannot be written.
func TestServeMemoryWritable(t *testing.T) {
	code, _, errs := accord(t, "", "serve", "--db", builtStore(t), "--memory", "--writable", "--token", "x")
	if code != 2 || !strings.Contains(errs, "--memory") {
		t.Errorf("exit %d, %q; want 2 and a word on --memory", code, errs)
	}
}
