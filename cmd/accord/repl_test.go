package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var (
	builtOnce sync.Once
	builtDB   string
	builtErr  string
)

// builtStore builds the bundled Chinese declaration once into a bbolt
// store shared by the tests of this file (read only), and returns its path.
func builtStore(t *testing.T) string {
	t.Helper()
	builtOnce.Do(func() {
		dir, err := os.MkdirTemp("", "accord-cli-test")
		if err != nil {
			builtErr = err.Error()
			return
		}
		builtDB = filepath.Join(dir, "accord.db")
		var out, errb bytes.Buffer
		if code := run([]string{"accord", "build", "-q", "--db", builtDB, doc}, strings.NewReader(""), &out, &errb); code != 0 {
			builtErr = errb.String()
		}
	})
	if builtErr != "" {
		t.Fatalf("build: %s", builtErr)
	}
	return builtDB
}

func TestMain(m *testing.M) {
	code := m.Run()
	if builtDB != "" {
		os.RemoveAll(filepath.Dir(builtDB))
	}
	os.Exit(code)
}

func TestQueryComplete(t *testing.T) {
	tests := []struct {
		src  string
		want bool
	}{
		{`g.V().All()`, true},
		{`g.V().all()`, true},
		{`g.V("<acc:x>").Out().Count();`, true},
		{`g.V().Has("<rdf:type>", "<acc:City>")`, false},
		{"g.V()\n  .Out()", false},
		{"g.V().\n", false},
		{`g.V().ForEach(function (d) {`, false},
		{"g.V().ForEach(function (d) {\n  g.Emit(d)\n})", true},
		{`g.Emit({a: 1})`, true},
		{`var x = 1`, false},
		{`var x = 1;`, true},
		{`g.V("(").All()`, true},
		{`g.V(").All()`, false},
		{`g.V().All() // the end`, true},
		{`g.V().All() /* open`, false},
		{`g.V()))`, true}, // unbalanced: the parser reports it
		{``, false},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			if got := queryComplete(tt.src); got != tt.want {
				t.Errorf("queryComplete(%q) = %v, want %v", tt.src, got, tt.want)
			}
		})
	}
}

func TestREPL(t *testing.T) {
	db := builtStore(t)
	tests := []struct {
		name  string
		input string
		want  []string // in this order in the output
		not   []string
	}{
		{
			name:  "a query over two lines, in a table",
			input: "g.V().Has(\"<rdf:type>\", \"<acc:City>\")\n  .Has(\"<acc:locatedIn>\").All()\n:q\n",
			want:  []string{"accord> g.V()", "   ...>   .Has(", "id\n----\n青岛\n(1 row)\n", "accord> :q\n"},
		},
		{
			name:  "history, rerun, json",
			input: "g.V(\"<acc:City>\").In(\"<rdf:type>\").Count();\n:format json\ng.V(\"<https://w3id.org/accord/id/city/qingdao>\").All()\n:history\n:2\n",
			want:  []string{"  1  g.V(\"<acc:City>\")", "  2  g.V(\"<https://w3id.org/accord/id/city/qingdao>\").All()", `"id": "<https://w3id.org/accord/id/city/qingdao>"`},
		},
		{
			name:  "a blank line runs what is there; errors do not end the session",
			input: "g.V(.All()\n\ng.Emit(g.V().Has(\"<rdf:type>\", \"<acc:State>\").Count())\n",
			want:  []string{"error: query:", "value\n-----\n7\n(1 row)\n"},
		},
		{
			name:  "commands",
			input: ":help\n:prefixes\n:limit 2\ng.V().Has(\"<rdf:type>\", \"<acc:City>\").All()\n:limit x\n:format xml\n:7\n:nope\n",
			want: []string{":q, :quit", "acc:     https://w3id.org/accord/ns#", "(2 rows)",
				"error: :limit takes a number", "error: :format takes one of json, table",
				"error: no query 7 in the history (1 so far)", "error: unknown command :nope"},
		},
		{
			name:  "end of input runs the last query",
			input: "g.V(\"<https://w3id.org/accord/id/city/qingdao>\")\n  .Out(\"<acc:locatedIn>\").All()",
			want:  []string{"中华人民共和国\n(1 row)\n"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := accord(t, tt.input, "query", "--repl", "--db", db)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			rest := out
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("the session lacks %q (in order):\n%s", w, out)
				}
				rest = rest[i+len(w):]
			}
		})
	}
}

// TestREPLDoc checks that the session shown in docs/queries.md is what the
// prompt prints for the same input.
func TestREPLDoc(t *testing.T) {
	doc, err := os.ReadFile("../../docs/queries.md")
	if err != nil {
		t.Fatal(err)
	}
	_, block, ok := strings.Cut(string(doc), "```console\n$ accord query --repl\n")
	if !ok {
		t.Fatal("docs/queries.md shows no accord query --repl session")
	}
	block, _, _ = strings.Cut(block, "```\n")
	var input strings.Builder
	for _, l := range strings.Split(block, "\n") {
		for _, p := range []string{replPrompt, replMore} {
			if strings.HasPrefix(l, p) {
				input.WriteString(strings.TrimPrefix(l, p) + "\n")
			}
		}
	}
	db := builtStore(t)
	_, out, _ := accord(t, input.String(), "query", "--repl", "--db", db)
	out = strings.Replace(out, " on "+db+";", " on accord.db;", 1)
	if diff := cmp.Diff(block, out); diff != "" {
		t.Errorf("the session in docs/queries.md differs from the prompt's (-doc +prompt):\n%s", diff)
	}
}

func TestQueryFormats(t *testing.T) {
	db := builtStore(t)
	q := `g.V().Has("<rdf:type>", "<acc:Instrument>").Tag("instrument").Save("<acc:signedIn>", "city").All()`
	code, out, errs := accord(t, "", "query", "--db", db, "--format", "table", q)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	want := "" +
		"instrument                                        city\n" +
		"------------------------------------------------  ----------\n" +
		"上海合作组织反极端主义公约                        阿斯塔纳\n" +
		"上海合作组织成员国保障国际信息安全政府间合作协定  叶卡捷琳堡\n" +
		"上海合作组织成员国边防合作协定                    乌法\n" +
		"上海合作组织成员国长期睦邻友好合作条约            比什凯克\n" +
		"(4 rows)\n"
	if diff := cmp.Diff(want, out); diff != "" {
		t.Errorf("table (-want +got):\n%s", diff)
	}
	if _, out, _ = accord(t, "", "query", "--db", db, "--format", "table", "--columns", "city", q); !strings.HasPrefix(out, "city\n") {
		t.Errorf("--columns city:\n%s", out)
	}
	code, out, _ = accord(t, "", "query", "--db", db, q)
	var res struct{ Result []map[string]string }
	if err := json.Unmarshal([]byte(out), &res); code != 0 || err != nil || len(res.Result) != 4 || !strings.HasPrefix(res.Result[0]["city"], "<https://w3id.org/accord/id/city/") {
		t.Errorf("json: exit %d, %v, %v", code, err, res.Result)
	}
	for _, tt := range []struct {
		name string
		args []string
		want string
	}{
		{"unknown format", []string{"query", "--db", db, "--format", "xml", q}, `unknown format "xml" (known: json, table)`},
		{"repl with a query", []string{"query", "--db", db, "--repl", q}, "--repl reads queries from standard input"},
		{"missing file", []string{"query", "--db", db, "-f", filepath.Join(t.TempDir(), "none.js")}, "none.js"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if code, _, errs := accord(t, "", tt.args...); code == 0 || !strings.Contains(errs, tt.want) {
				t.Errorf("exit %d, %q; want an error with %q", code, errs, tt.want)
			}
		})
	}
}

func TestExportOut(t *testing.T) {
	db := builtStore(t)
	dir := t.TempDir()
	tests := []struct {
		name   string
		args   []string
		file   string
		prefix string
	}{
		{"nquads", []string{"--format", "nquads"}, "g.nq", "<https://w3id.org/accord/"},
		{"jsonld", []string{"--format", "jsonld"}, "g.jsonld", "{\n  \"@context\""},
		{"graphml from the extension", nil, "g.graphml", "<?xml"},
		{"dot", []string{"--format", "dot", "--doc", "qingdao-2018"}, "g.gv", "digraph accord {"},
		{"svg from the extension", nil, "g.svg", "<?xml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(dir, tt.file)
			args := append([]string{"export", "--db", db, "--out", out}, tt.args...)
			if code, stdout, errs := accord(t, "", args...); code != 0 || stdout != "" {
				t.Fatalf("exit %d, stdout %q, stderr %s", code, stdout, errs)
			}
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(b, []byte(tt.prefix)) {
				t.Errorf("%s starts %q, want %q", tt.file, b[:min(len(b), 40)], tt.prefix)
			}
		})
	}
	t.Run("csv into a directory", func(t *testing.T) {
		out := filepath.Join(dir, "csv")
		if code, _, errs := accord(t, "", "export", "--db", db, "--format", "csv", "--out", out); code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		for file, rows := range map[string]int{"nodes.csv": 63, "edges.csv": -1} {
			f, err := os.Open(filepath.Join(out, file))
			if err != nil {
				t.Fatal(err)
			}
			recs, err := csv.NewReader(f).ReadAll()
			f.Close()
			if err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			if rows >= 0 && len(recs)-1 != rows || len(recs) < 2 {
				t.Errorf("%s has %d rows", file, len(recs)-1)
			}
		}
	})
	t.Run("csv into a file", func(t *testing.T) {
		if code, _, errs := accord(t, "", "export", "--db", db, "--out", filepath.Join(dir, "g.csv")); code != 2 || !strings.Contains(errs, "give --out a directory") {
			t.Errorf("exit %d, %s", code, errs)
		}
	})
	t.Run("nothing half-written", func(t *testing.T) {
		out := filepath.Join(dir, "kept.nq")
		os.WriteFile(out, []byte("old\n"), 0o644)
		// an unknown document exports nothing, but a missing store fails
		// before anything is written: the old file stays
		if code, _, _ := accord(t, "", "export", "--db", filepath.Join(dir, "none.db"), "--out", out); code == 0 {
			t.Fatal("export from a missing store succeeded")
		}
		if b, _ := os.ReadFile(out); string(b) != "old\n" {
			t.Errorf("the old file became %q", b)
		}
		// a directory that cannot be written: an error, no temporary left
		ro := filepath.Join(dir, "ro")
		os.Mkdir(ro, 0o555)
		if os.Geteuid() != 0 {
			if code, _, _ := accord(t, "", "export", "--db", db, "--out", filepath.Join(ro, "x.nq")); code == 0 {
				t.Error("export into a read-only directory succeeded")
			}
		}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".tmp") {
				t.Errorf("temporary file left: %s", e.Name())
			}
		}
	})
}
