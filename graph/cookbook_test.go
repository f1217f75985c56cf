package graph_test

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	accordcorpus "github.com/accordkg/accord/corpus"
	"github.com/accordkg/accord/extractors/extract"
	"github.com/accordkg/accord/graph"
	"github.com/accordkg/accord/schema"
)

// The cookbook: every docs/examples/NAME.js is a recipe of docs/queries.md.
// TestCookbook runs each against a store built from datasets/ and compares
// its table with testdata/cookbook/NAME.txt; TestCookbookDoc checks that
// docs/queries.md shows each recipe's current text and output. Run both
// with -update after an intended change.

const (
	repoRoot   = "../"
	examples   = "../docs/examples"
	queriesDoc = "../docs/queries.md"
	cookbook   = "testdata/cookbook"
)

// recipes returns the names of docs/examples/*.js, sorted.
func recipes(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(examples, "*.js"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range files {
		out = append(out, strings.TrimSuffix(filepath.Base(f), ".js"))
	}
	sort.Strings(out)
	if len(out) < 10 {
		t.Errorf("the cookbook has %d recipes, want at least 10", len(out))
	}
	return out
}

var (
	storesMu sync.Mutex
	stores   = map[string]*graph.Store{}
)

// storeOf returns a memory store holding the documents under paths (files
// and directories, relative to the repository root) as accord build makes
// it: the same walk (accordcorpus.Walk), one document per file, and a file that
// cannot be read as a declaration skipped (and logged), as a build of a
// directory does. Stores are shared by the tests of one run and must not be
// written to.
func storeOf(t *testing.T, paths ...string) *graph.Store {
	t.Helper()
	key := strings.Join(paths, "\x00")
	storesMu.Lock()
	defer storesMu.Unlock()
	if st, ok := stores[key]; ok {
		return st
	}
	st := buildStore(t, "memory", paths...)
	stores[key] = st
	return st
}

// buildStore opens the store spec and builds the documents under paths
// into it (see storeOf).
func buildStore(t *testing.T, spec string, paths ...string) *graph.Store {
	t.Helper()
	var roots []string
	for _, p := range paths {
		roots = append(roots, filepath.Join(repoRoot, p))
	}
	files, err := accordcorpus.Walk(roots)
	if err != nil {
		t.Fatal(err)
	}
	rules, err := schema.LoadBuiltin()
	if err != nil {
		t.Fatal(err)
	}
	x := extract.New(rules)
	st, err := graph.Open(spec, graph.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		res, err := x.ExtractFile(context.Background(), f, extract.Input{})
		var ie *extract.InputError
		if errors.As(err, &ie) {
			t.Logf("skipped as accord build does: %v", err)
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.ReplaceDocument(context.Background(), res.DocIRI(), res.Quads()); err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n == 0 {
		t.Fatalf("no documents under %v", paths)
	}
	return st
}

// runRecipe runs a recipe as accord query --format table does (default
// limit) and returns its table.
func runRecipe(t *testing.T, st *graph.Store, name string) string {
	t.Helper()
	q, err := os.ReadFile(filepath.Join(examples, name+".js"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := st.Query(context.Background(), string(q), graph.QueryOptions{Limit: 1000})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var buf bytes.Buffer
	if err := st.WriteTable(context.Background(), &buf, res, graph.TableOptions{Query: string(q)}); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// checkGolden compares got with testdata file path, or rewrites it with -update.
func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./graph -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s is stale (-want +got; go test ./graph -update accepts it):\n%s", path, diff)
	}
}

func TestCookbook(t *testing.T) {
	st := storeOf(t, "datasets")
	for _, name := range recipes(t) {
		t.Run(name, func(t *testing.T) {
			got := runRecipe(t, st, name)
			if strings.HasSuffix(got, "(0 rows)\n") && name != "mentioned-in-two-documents" {
				t.Errorf("%s finds nothing on the bundled data", name)
			}
			checkGolden(t, filepath.Join(cookbook, name+".txt"), got)
		})
	}
}

// TestCookbookBolt runs every recipe on a bbolt store too (what make demo
// builds), on the same store with its hops cached (Store.CacheHops, as
// accord serve and accord query open it) and on its in-memory copy
// (Store.CopyToMemory, accord serve --memory): the tables must be the
// memory store's. The cached stores run each recipe twice, so that the
// second run reads the hops the first one remembered.
func TestCookbookBolt(t *testing.T) {
	st := buildStore(t, filepath.Join(t.TempDir(), "accord.db"), "datasets")
	defer func() {
		if err := st.Close(); err != nil {
			t.Error(err)
		}
	}()
	cached := &graph.Store{QS: st.QS, Backend: st.Backend, Spec: st.Spec}
	cached.CacheHops()
	copied, err := st.CopyToMemory(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	mem := storeOf(t, "datasets")
	for _, name := range recipes(t) {
		t.Run(name, func(t *testing.T) {
			want := runRecipe(t, mem, name)
			for _, c := range []struct {
				name string
				st   *graph.Store
				runs int
			}{{"bolt", st, 1}, {"bolt with cached hops", cached, 2}, {"in-memory copy", copied, 2}} {
				for i := 0; i < c.runs; i++ {
					if diff := cmp.Diff(want, runRecipe(t, c.st, name)); diff != "" {
						t.Errorf("%s (run %d) differs from memory (-memory +%s):\n%s", c.name, i+1, c.name, diff)
					}
				}
			}
		})
	}
}

// TestCookbookSecondDocument runs the recipe that needs two documents on
// the bundled data plus docs/examples/second-declaration.zh.txt, which
// names three of the same instruments.
func TestCookbookSecondDocument(t *testing.T) {
	st := storeOf(t, "datasets", "docs/examples/second-declaration.zh.txt")
	got := runRecipe(t, st, "mentioned-in-two-documents")
	for _, want := range []string{"上海合作组织宪章", "不扩散核武器条约", "禁止发展、生产、储存和使用化学武器", "(6 rows)"} {
		if !strings.Contains(got, want) {
			t.Errorf("the instruments of both documents lack %q:\n%s", want, got)
		}
	}
	checkGolden(t, filepath.Join(cookbook, "mentioned-in-two-documents.second-declaration.txt"), got)
}

// TestCookbookDoc checks that docs/queries.md shows every recipe: its text
// in a ```js block after text naming examples/NAME.js, and its current
// output in a ```console block whose last command is
// accord query … --format table -f docs/examples/NAME.js (after any
// accord build … commands, which say which documents the store holds:
// datasets/ when there are none). -update rewrites those blocks.
func TestCookbookDoc(t *testing.T) {
	doc, err := os.ReadFile(queriesDoc)
	if err != nil {
		t.Fatal(err)
	}
	shown := map[string]bool{}
	got, err := renderDoc(t, string(doc), shown)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range recipes(t) {
		if !shown[name] {
			t.Errorf("docs/queries.md does not show the output of docs/examples/%s.js", name)
		}
	}
	if *update {
		if err := os.WriteFile(queriesDoc, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if diff := cmp.Diff(string(doc), got); diff != "" {
		t.Errorf("docs/queries.md is stale (-doc +current; go test ./graph -run TestCookbookDoc -update rewrites it):\n%s", diff)
	}
}

// renderDoc returns doc with every recipe block brought up to date, and
// notes in shown which recipes' outputs it shows.
func renderDoc(t *testing.T, doc string, shown map[string]bool) (string, error) {
	var out strings.Builder
	sc := bufio.NewScanner(strings.NewReader(doc))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	var example string // the recipe the text outside blocks last named
	lineNo := 0
	next := func() (string, bool) {
		if !sc.Scan() {
			return "", false
		}
		lineNo++
		return sc.Text(), true
	}
	for {
		line, ok := next()
		if !ok {
			break
		}
		out.WriteString(line + "\n")
		fence := strings.TrimSpace(line)
		if fence != "```js" && fence != "```console" {
			if name := exampleNamed(line, ".js"); name != "" {
				example = name
			}
			continue
		}
		start := lineNo
		var body []string
		closed := false
		for {
			l, ok := next()
			if !ok {
				break
			}
			if strings.TrimSpace(l) == "```" {
				closed = true
				break
			}
			body = append(body, l)
		}
		if !closed {
			return "", fmt.Errorf("docs/queries.md:%d: block not closed", start)
		}
		switch fence {
		case "```js":
			name := example
			if name == "" {
				out.WriteString(joinLines(body))
				break
			}
			src, err := os.ReadFile(filepath.Join(examples, name+".js"))
			if err != nil {
				return "", fmt.Errorf("docs/queries.md:%d: %w", start, err)
			}
			out.WriteString(strings.TrimRight(string(src), "\n") + "\n")
		case "```console":
			var cmds []string
			for _, l := range body {
				if !strings.HasPrefix(l, "$ ") {
					break
				}
				cmds = append(cmds, l)
			}
			name := ""
			if len(cmds) > 0 {
				last := cmds[len(cmds)-1]
				if strings.Contains(last, "accord query") && strings.Contains(last, "--format table") {
					name = exampleNamed(last, ".js")
				}
			}
			if name == "" {
				out.WriteString(joinLines(body))
				break
			}
			paths := []string{}
			for _, c := range cmds[:len(cmds)-1] {
				f := strings.Fields(strings.TrimPrefix(c, "$ "))
				if len(f) < 2 || f[0] != "accord" || f[1] != "build" {
					return "", fmt.Errorf("docs/queries.md:%d: only accord build may come before the query: %s", start, c)
				}
				for i := 2; i < len(f); i++ {
					switch {
					case f[i] == "--db" || f[i] == "-o":
						i++
					case f[i] == ">" || strings.HasPrefix(f[i], ">"):
						i = len(f)
					case !strings.HasPrefix(f[i], "-"):
						paths = append(paths, strings.TrimSuffix(f[i], "/"))
					}
				}
			}
			if len(paths) == 0 {
				paths = []string{"datasets"}
			}
			shown[name] = true
			out.WriteString(joinLines(cmds))
			out.WriteString(runRecipe(t, storeOf(t, paths...), name))
		}
		out.WriteString("```\n")
	}
	return out.String(), sc.Err()
}

func joinLines(ls []string) string {
	if len(ls) == 0 {
		return ""
	}
	return strings.Join(ls, "\n") + "\n"
}

// exampleNamed returns NAME when line names docs/examples/NAME.ext.
func exampleNamed(line, ext string) string {
	i := strings.Index(line, "examples/")
	if i < 0 {
		return ""
	}
	rest := line[i+len("examples/"):]
	j := strings.Index(rest, ext)
	if j <= 0 {
		return ""
	}
	name := rest[:j]
	if strings.ContainsAny(name, " /()[]`") {
		return ""
	}
	return name
}
