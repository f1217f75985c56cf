package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const datasets = "../../datasets"

// dataset is the folder of the bundled Chinese development document.
var dataset = filepath.Join(datasets, "qingdao-2018")

var doc = filepath.Join(dataset, "qingdao-2018.zh.txt")
var gold = filepath.Join(dataset, "qingdao-2018.yaml")

// accord runs the CLI in-process and returns its exit status and outputs.
func accord(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(append([]string{"accord"}, args...), strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestExtract(t *testing.T) {
	code, out, errs := accord(t, "", "extract", doc)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "<https://w3id.org/accord/id/group/sco-member-states> <https://w3id.org/accord/ns#reaffirms> <https://w3id.org/accord/id/instrument/sco-charter> <https://w3id.org/accord/doc/qingdao-2018> .") {
		t.Error("the N-Quads lack the member states' reaffirmation of the SCO Charter")
	}
	code, out, _ = accord(t, "", "extract", "--format", "jsonl", doc)
	if code != 0 {
		t.Fatal(code)
	}
	kinds := map[string]int{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		kinds[rec["kind"].(string)]++
	}
	if kinds["entity"] != 63 || kinds["statement"] < 40 || kinds["fact"] < 30 {
		t.Errorf("jsonl records = %v", kinds)
	}
}

func TestExtractStdin(t *testing.T) {
	code, out, errs := accord(t, "某宣言\n\n成员国重申恪守《联合国宪章》。", "extract", "--doc-id", "x", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "<https://w3id.org/accord/doc/x>") || !strings.Contains(out, "ns#reaffirms> <https://w3id.org/accord/id/instrument/un-charter>") {
		t.Errorf("output:\n%s", out)
	}
}

func TestBuildQueryExportStats(t *testing.T) {
	db := filepath.Join(t.TempDir(), "accord.db")
	code, out, errs := accord(t, "", "build", "--db", db, dataset)
	if code != 0 {
		t.Fatalf("build: exit %d: %s", code, errs)
	}
	for _, want := range []string{"Built 1 document(s)", "63 entities", "7 State", "reaffirms 3", "quads written"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	// building again skips the unchanged document
	if _, out, _ = accord(t, "", "build", "--db", db, dataset); !strings.Contains(out, "1 unchanged and skipped") || !strings.Contains(out, " 0 quads written, 0 removed") {
		t.Errorf("rebuild summary: %s", out)
	}
	if code, out, _ := accord(t, "", "check", "--db", db); code != 0 || !strings.HasPrefix(out, "ok: ") {
		t.Errorf("check: exit %d, %s", code, out)
	}
	code, out, errs = accord(t, "", "query", "--db", db, `g.V("<https://w3id.org/accord/id/group/sco-member-states>").Out("<https://w3id.org/accord/ns#reaffirms>").All()`)
	if code != 0 {
		t.Fatalf("query: exit %d: %s", code, errs)
	}
	var res struct{ Result []map[string]string }
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Result) != 3 {
		t.Errorf("query result = %v", res.Result)
	}
	qf := filepath.Join(t.TempDir(), "q.js")
	os.WriteFile(qf, []byte(`g.V().Has("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<https://w3id.org/accord/ns#City>").All()`), 0o644)
	if code, out, _ = accord(t, "", "query", "--db", db, "-f", qf); code != 0 || strings.Count(out, `"id"`) != 9 {
		t.Errorf("query -f: exit %d, %s", code, out)
	}
	code, out, _ = accord(t, "", "export", "--db", db, "--doc", "qingdao-2018")
	if code != 0 || strings.Count(out, "\n") < 1000 || strings.Contains(out, "<xsd:") {
		t.Errorf("export: exit %d, %d lines", code, strings.Count(out, "\n"))
	}
	for _, args := range [][]string{{"--doc", "nosuch"}, {"--doc", "nosuch", "--format", "graphml", "--out", filepath.Join(t.TempDir(), "x.graphml")}} {
		code, out, errOut := accord(t, "", append([]string{"export", "--db", db}, args...)...)
		if code != 1 || out != "" || !strings.Contains(errOut, "no document nosuch in the store") {
			t.Errorf("export %v: exit %d, stdout %q, stderr %q; want exit 1 naming the document", args, code, out, errOut)
		}
	}
	code, out, _ = accord(t, "", "stats", "--db", db, "--json")
	var st struct {
		Documents int
		Entities  map[string]int
	}
	if err := json.Unmarshal([]byte(out), &st); code != 0 || err != nil || st.Documents != 1 || st.Entities["City"] != 9 {
		t.Errorf("stats: exit %d, %v, %+v", code, err, st)
	}
}

func TestEval(t *testing.T) {
	code, out, errs := accord(t, "", "eval", "--gold", gold, "--min-f1", "0.9", "--verbose")
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errs, out)
	}
	for _, want := range []string{"all entities", "all relations", "errors"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if code, _, errs = accord(t, "", "eval", "--gold", gold, "--min-f1", "0.999"); code != 1 || !strings.Contains(errs, "F1 below") {
		t.Errorf("--min-f1 0.999: exit %d, %s", code, errs)
	}
	// scoring an export gives the same figures as scoring the extraction
	_, nq, _ := accord(t, "", "extract", doc)
	f := filepath.Join(t.TempDir(), "x.nq")
	os.WriteFile(f, []byte(nq), 0o644)
	_, fromExport, _ := accord(t, "", "eval", "--gold", gold, "--quads", f)
	_, direct, _ := accord(t, "", "eval", "--gold", gold)
	if fromExport != direct {
		t.Errorf("eval of the export differs:\n%s\nvs\n%s", fromExport, direct)
	}
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin.txt")
	os.WriteFile(bin, []byte{0, 1, 2, 0xff, 0xfe, 0, 3}, 0o644)
	good := filepath.Join(dir, "good.txt")
	os.WriteFile(good, []byte("宣言\n\n成员国重申恪守《联合国宪章》。"), 0o644)
	db := filepath.Join(dir, "accord.db")

	code, _, errs := accord(t, "", "build", "--db", db, bin)
	if code != 2 || !strings.Contains(errs, bin+": not a text file") {
		t.Errorf("build with a binary file: exit %d, %q", code, errs)
	}
	// the store the build made, with no document built into it, is gone
	if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) || !strings.Contains(errs, "removed again: no document was built into it") {
		t.Errorf("a build of a binary file left a store behind (%v):\n%s", err, errs)
	}
	// a store that was there before stays, without a document
	accord(t, "", "build", "--db", db, good)
	if code, _, errs := accord(t, "", "build", "--db", db, bin); code != 2 || strings.Contains(errs, "removed again") {
		t.Errorf("build of a binary file into a store: exit %d, %q", code, errs)
	}
	if _, out, _ := accord(t, "", "stats", "--db", db, "--json"); !strings.Contains(out, `"documents": 1`) {
		t.Errorf("the store changed with a build of a binary file:\n%s", out)
	}
	os.RemoveAll(db)
	// a folder of the user's own named as the store: only the store's
	// file the build made goes, the folder and what it held stay
	own := filepath.Join(t.TempDir(), "own")
	os.MkdirAll(own, 0o755)
	os.WriteFile(filepath.Join(own, "notes.txt"), []byte("mine"), 0o644)
	if code, _, errs := accord(t, "", "build", "--db", own, bin); code != 2 || !strings.Contains(errs, "removed again") {
		t.Errorf("build of a binary file into a folder of one's own: exit %d, %q", code, errs)
	}
	if entries, err := os.ReadDir(own); err != nil || len(entries) != 1 || entries[0].Name() != "notes.txt" {
		t.Errorf("the folder of one's own after the build: %v, %v", entries, err)
	}
	// a directory with a bad file: the good ones are built, the bad one
	// reported at the end, and the exit status says so
	code, out, errs := accord(t, "", "build", "--db", db, dir)
	if code != 1 || !strings.Contains(errs, bin+": not a text file") || !strings.Contains(errs, "1 of 2 files failed") || !strings.Contains(out, "Built 1 document(s)") {
		t.Errorf("build of a directory with a bad file: exit %d\n%s%s", code, out, errs)
	}
	if code, _, errs = accord(t, "", "build", "--db", db, "--fail-fast", "--keep-going", dir); code != 2 {
		t.Errorf("--fail-fast with --keep-going: exit %d, %s", code, errs)
	}
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no file", []string{"extract"}, 2, "name at least one file"},
		{"missing file", []string{"extract", filepath.Join(dir, "none.txt")}, 2, "none.txt: open"},
		{"unknown format", []string{"extract", "--format", "xml", good}, 2, `unknown format "xml"`},
		{"unknown language", []string{"extract", "--lang", "xx", good}, 2, `unknown language "xx"`},
		{"query without a store", []string{"query", "--db", filepath.Join(dir, "no.db"), "g.V().All()"}, 1, "run accord build first"},
		{"gizmo syntax error", nil, 1, "query:1:5: syntax error: Unexpected token ."},
		{"unknown export format", []string{"export", "--format", "xml"}, 2, "unknown export format"},
		{"bad gold file", []string{"eval", "--gold", bin}, 2, bin},
	}
	accord(t, "", "build", "--db", db, good)
	tests[5].args = []string{"query", "--db", db, "g.V(.All()"}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := accord(t, "", tt.args...)
			if code != tt.code || !strings.Contains(errs, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, errs, tt.code, tt.want)
			}
		})
	}
}

func TestHelp(t *testing.T) {
	for _, cmd := range []string{"extract", "build", "query", "export", "eval", "stats", "viz"} {
		code, out, _ := accord(t, "", cmd, "--help")
		if code != 0 || !strings.Contains(out, "Example") {
			t.Errorf("%s --help: exit %d, no example:\n%s", cmd, code, out)
		}
	}
}
