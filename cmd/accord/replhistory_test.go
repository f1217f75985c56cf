package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestHistoryEncoding checks that a query, line breaks and backslashes
// included, is one line of the history file and reads back as it was.
func TestHistoryEncoding(t *testing.T) {
	for _, q := range []string{
		"g.V().All()",
		"g.V()\n  .Out(\"<acc:locatedIn>\")\n  .All()",
		`g.V("a\nb").All()`,      // a backslash and n, not a line break
		"g.V(\"a\\\\\n\").All()", // a backslash before a line break
		"var x = 1\r\ng.Emit(x)",
		`trailing \`,
	} {
		enc := encodeHistory(q)
		if strings.ContainsAny(enc, "\r\n") {
			t.Errorf("encodeHistory(%q) = %q: not one line", q, enc)
		}
		if got := decodeHistory(enc); got != q {
			t.Errorf("decodeHistory(encodeHistory(%q)) = %q", q, got)
		}
	}
	if got := decodeHistory(`a\tb\`); got != `a\tb\` {
		t.Errorf("an unknown escape: %q", got)
	}
}

// TestHistoryFile checks that the history file is made with its folder,
// keeps a query over several lines as one entry, reads back what was
// written, and is cut back to its newest queries.
func TestHistoryFile(t *testing.T) {
	dir := t.TempDir()
	h := historyFile{path: filepath.Join(dir, "new", "folder", "history"), max: 5}
	qs, err := h.load()
	if err != nil || len(qs) != 0 {
		t.Fatalf("a new history: %q, %v", qs, err)
	}
	if fi, err := os.Stat(filepath.Dir(h.path)); err != nil || !fi.IsDir() {
		t.Fatalf("load made no folder: %v", err)
	}
	multi := "g.V(\"<acc:City>\")\n  .In(\"<rdf:type>\")\n  .All()"
	for _, q := range []string{"g.V().All()", multi} {
		if err := h.add(q); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(h.path)
	if err != nil {
		t.Fatal(err)
	}
	if want := "g.V().All()\n" + `g.V("<acc:City>")\n  .In("<rdf:type>")\n  .All()` + "\n"; string(b) != want {
		t.Errorf("the file holds\n%s\nwant (a query over lines on one)\n%s", b, want)
	}
	if fi, _ := os.Stat(h.path); fi.Mode().Perm() != 0o600 {
		t.Errorf("the file's mode is %v, want 0600", fi.Mode().Perm())
	}
	if qs, err = h.load(); err != nil || !cmp.Equal(qs, []string{"g.V().All()", multi}) {
		t.Errorf("reloaded: %q, %v", qs, err)
	}

	// capped: the newest max, when a session starts and when it ends
	for i := 0; i < 6; i++ {
		if err := h.add("g.Emit(" + strconv.Itoa(i) + ")"); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{"g.Emit(1)", "g.Emit(2)", "g.Emit(3)", "g.Emit(4)", "g.Emit(5)"}
	if qs, err = h.load(); err != nil || !cmp.Equal(qs, want) {
		t.Errorf("capped at 5: %q, %v", qs, err)
	}
	if b, _ := os.ReadFile(h.path); strings.Count(string(b), "\n") != 5 {
		t.Errorf("load did not cut the file back:\n%s", b)
	}
	for _, q := range []string{"g.Emit(6)", "g.Emit(7)"} {
		if err := h.add(q); err != nil {
			t.Fatal(err)
		}
	}
	if err := h.trim(); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(h.path); string(b) != "g.Emit(3)\ng.Emit(4)\ng.Emit(5)\ng.Emit(6)\ng.Emit(7)\n" {
		t.Errorf("trim left\n%s", b)
	}
	if fi, _ := os.Stat(h.path); fi.Mode().Perm() != 0o600 {
		t.Errorf("the rewritten file's mode is %v, want 0600", fi.Mode().Perm())
	}
	entries, _ := os.ReadDir(filepath.Dir(h.path))
	if len(entries) != 1 {
		t.Errorf("files left beside the history: %v", entries)
	}

	// a history that cannot be written: an error, not a panic
	bad := historyFile{path: filepath.Join(h.path, "under-a-file"), max: 5}
	if _, err := bad.load(); err == nil {
		t.Error("a history under a file loaded")
	}
	if err := bad.add("g.V().All()"); err == nil {
		t.Error("a history under a file was written")
	}
}

// TestOneLine checks how oneLine joins a query's lines, semicolons put
// where JavaScript inserts them.
func TestOneLine(t *testing.T) {
	tests := []struct{ q, want string }{
		{"g.V().All()", "g.V().All()"},
		{"g.V(\"<acc:City>\")\n  .In(\"<rdf:type>\")\n\n  .All()\n", `g.V("<acc:City>") .In("<rdf:type>") .All()`},
		{"var x = 1\ng.Emit(x)", "var x = 1; g.Emit(x)"},
		{"var x = 1;\ng.Emit(x)", "var x = 1; g.Emit(x)"},
		{"var f = function (a) {\n  return a + 1\n}\ng.Emit(f(1))", "var f = function (a) { return a + 1 }; g.Emit(f(1))"},
		{"var o = {a: 1}\n[1, 2].forEach(g.Emit)", "var o = {a: 1} [1, 2].forEach(g.Emit)"}, // no ASI before [
		{"if (true)\n  g.Emit(1)\nelse\n  g.Emit(2)", "if (true) g.Emit(1); else g.Emit(2)"},
		{"g.V()  // all of them\n  .All()", "g.V()  /* all of them */ .All()"},
		{"var n = 1 // one */ two\ng.Emit(n)", "var n = 1 /* one * / two */; g.Emit(n)"},
		{"var s = `a\nb`\ng.Emit(s)", "var s = `a\\nb`; g.Emit(s)"},
		{"var s = \"a\\\nb\"\ng.Emit(s)", `var s = "ab"; g.Emit(s)`},
		{"function f() {\n  return\n  1\n}\ng.Emit(f())", "function f() { return; 1 } g.Emit(f())"},
		{"var i = 1\n++i\ng.Emit(i)", "var i = 1; ++i; g.Emit(i)"},
		{"/* a\n   b */\ng.Emit(1)", "/* a b */ g.Emit(1)"},
		{"g.V(.All()\nx y", "g.V(.All() x y"}, // does not parse: only joined
		{"g.Emit(\"青岛\")\ng.Emit(2)", `g.Emit("青岛"); g.Emit(2)`},
	}
	for _, tt := range tests {
		if got := oneLine(tt.q); got != tt.want {
			t.Errorf("oneLine(%q)\n = %q\nwant %q", tt.q, got, tt.want)
		}
	}
}

// TestOneLineRuns runs each query of docs/examples as it is and on one
// line: the results must be the same.
func TestOneLineRuns(t *testing.T) {
	db := builtStore(t)
	files, err := filepath.Glob("../../docs/examples/*.js")
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			line := oneLine(string(b))
			if strings.ContainsAny(line, "\r\n") {
				t.Fatalf("oneLine left a line break: %q", line)
			}
			code, want, errs := accord(t, "", "query", "--db", db, "--format", "table", "-f", f)
			if code != 0 {
				t.Fatalf("as it is: exit %d: %s", code, errs)
			}
			code, got, errs := accord(t, "", "query", "--db", db, "--format", "table", line)
			if code != 0 {
				t.Fatalf("on one line: exit %d: %s\n%s", code, errs, line)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("on one line (-as it is +on one line):\n%s\n%s", diff, line)
			}
		})
	}
}
