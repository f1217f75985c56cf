package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestViz builds datasets/ into a store and writes the standalone
// relations page from it, to a file and to standard output.
func TestViz(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "accord.db")
	if code, _, errs := accord(t, "", "build", "--quiet", "--db", db, datasets); code != 0 {
		t.Fatalf("build: exit %d: %s", code, errs)
	}
	out := filepath.Join(dir, "relations.html")
	code, stdout, errs := accord(t, "", "viz", "--db", db, "--out", out)
	if code != 0 {
		t.Fatalf("viz: exit %d: %s", code, errs)
	}
	if stdout != "" {
		t.Errorf("viz --out wrote %q to standard output", stdout)
	}
	page, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if want := regexp.MustCompile(`^wrote \S+relations\.html \((\d+) bytes: 1 document\(s\), 63 entities, 68 relations, \d+ statements\)\n$`); !want.MatchString(errs) {
		t.Errorf("viz's log: %q", errs)
	} else if m := want.FindStringSubmatch(errs); m[1] != strconv.Itoa(len(page)) {
		t.Errorf("viz says %s bytes, the file has %d", m[1], len(page))
	}
	t.Logf("relations.html: %d bytes", len(page))
	for _, want := range []string{
		`<script type="application/json" id="graph-data">`,
		`"id":"https://w3id.org/accord/id/group/sco-member-states"`,
		`Content-Security-Policy`,
		`forceSimulation`,
	} {
		if !strings.Contains(string(page), want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	if loc := regexp.MustCompile(`(?i)\s(?:src|href)\s*=`).FindIndex(page); loc != nil {
		t.Errorf("the page loads %q", page[loc[0]:min(len(page), loc[1]+60)])
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("the folder holds %d entries, want accord.db and relations.html (no temporary file left)", len(entries))
	}

	// --out - writes the same bytes to standard output; --doc of the one
	// document gives the same page.
	code, stdout, errs = accord(t, "", "viz", "--db", db, "--out", "-")
	if code != 0 || stdout != string(page) || !strings.HasPrefix(errs, "wrote standard output (") {
		t.Errorf("viz --out -: exit %d, %d bytes (want %d), log %q", code, len(stdout), len(page), errs)
	}
	if code, stdout, errs = accord(t, "", "viz", "--db", db, "--doc", "qingdao-2018", "--max-graph-quads", "100", "--out", "-"); code != 0 || stdout != string(page) {
		t.Errorf("viz --doc qingdao-2018: exit %d, %d bytes (want %d): %s", code, len(stdout), len(page), errs)
	}
}

// TestVizErrors checks the refusals of viz: no --out, an unknown
// document (which leaves the file there as it was), no store.
func TestVizErrors(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "accord.db")
	if code, _, errs := accord(t, "", "build", "--quiet", "--db", db, dataset); code != 0 {
		t.Fatalf("build: exit %d: %s", code, errs)
	}
	old := filepath.Join(dir, "old.html")
	if err := os.WriteFile(old, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no --out", []string{"viz", "--db", db}, 2, "viz: name the file to write with --out FILE"},
		{"an argument", []string{"viz", "--db", db, "--out", "x.html", "extra"}, 2, "viz: takes no arguments"},
		{"unknown document", []string{"viz", "--db", db, "--doc", "nope", "--out", old}, 1, "viz: no such document in " + db + ": nope"},
		{"no store", []string{"viz", "--db", filepath.Join(dir, "none.db"), "--out", old}, 1, "no store there"},
		{"no folder", []string{"viz", "--db", db, "--out", filepath.Join(dir, "no", "such", "dir", "x.html")}, 1, "viz: "},
		{"store too large to draw", []string{"viz", "--db", db, "--max-graph-quads", "100", "--out", old}, 1,
			" quads, more than one page can draw (--max-graph-quads 100): pick a document with --doc ID"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, errs := accord(t, "", tt.args...)
			if code != tt.code || !strings.Contains(errs, tt.want) || stdout != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d and %q", code, stdout, errs, tt.code, tt.want)
			}
		})
	}
	if b, err := os.ReadFile(old); err != nil || string(b) != "old" {
		t.Errorf("old.html: %q, %v; want it untouched", b, err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("the folder holds %v, want accord.db and old.html only", names)
	}
}
