package corpus_test

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/accordkg/accord/corpus"
	"github.com/accordkg/accord/extractors/extract"
	"github.com/accordkg/accord/graph"
	"github.com/accordkg/accord/schema"
)

func extractor(t *testing.T) *extract.Extractor {
	t.Helper()
	r, err := schema.LoadBuiltin()
	if err != nil {
		t.Fatal(err)
	}
	return extract.New(r)
}

func write(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestWalk(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"a.txt", "b.html", "c.md", "d.pdf", ".hidden.txt", "sub/e.htm", ".git/f.txt"} {
		write(t, dir, n, "x")
	}
	got, err := corpus.Walk([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	for i := range got {
		got[i], _ = filepath.Rel(dir, got[i])
	}
	if diff := cmp.Diff([]string{"a.txt", "b.html", "c.md", "sub/e.htm"}, got); diff != "" {
		t.Errorf("Walk (-want +got):\n%s", diff)
	}
}

func TestBuildIncremental(t *testing.T) {
	dir := t.TempDir()
	a := write(t, dir, "a.txt", "宣言\n\n成员国重申恪守《联合国宪章》。")
	write(t, dir, "b.txt", "宣言\n\n成员国支持《联合国宪章》。")
	st, err := graph.Open("memory", graph.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	x := extractor(t)
	ctx := context.Background()
	sum, err := corpus.Build(ctx, x, st, corpus.Options{Inputs: []string{dir}, Jobs: 2})
	if err != nil || sum.Docs != 2 || sum.Skipped != 0 || sum.Added == 0 {
		t.Fatalf("first build: %+v, %v", sum, err)
	}
	// unchanged: skipped without extracting, nothing written
	sum, err = corpus.Build(ctx, x, st, corpus.Options{Inputs: []string{dir}})
	if err != nil || sum.Docs != 0 || sum.Skipped != 2 || sum.Added != 0 {
		t.Fatalf("rebuild: %+v, %v", sum, err)
	}
	// a changed document replaces its old quads
	write(t, dir, "a.txt", "宣言\n\n成员国欢迎《联合国宪章》。")
	sum, err = corpus.Build(ctx, x, st, corpus.Options{Inputs: []string{dir}})
	if err != nil || sum.Docs != 1 || sum.Skipped != 1 || sum.Removed == 0 {
		t.Fatalf("changed build: %+v, %v", sum, err)
	}
	qs, _ := st.DocumentQuads(ctx, schema.DocIRI("a"))
	for _, q := range qs {
		if strings.Contains(q.Predicate.String(), "reaffirms") {
			t.Errorf("a stale quad survived: %v", q)
		}
	}
	if probs, err := st.Check(ctx); err != nil || len(probs) > 0 {
		t.Errorf("check: %v, %v", probs, err)
	}
	_ = a
}

func TestBuildFailures(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "good.txt", "宣言\n\n成员国重申恪守《联合国宪章》。")
	write(t, dir, "bad.txt", "\x00\x01\x02\x03")
	write(t, dir, "empty.txt", "")
	x := extractor(t)
	st, _ := graph.Open("memory", graph.Options{Create: true})
	sum, err := corpus.Build(context.Background(), x, st, corpus.Options{Inputs: []string{dir}, KeepGoing: true})
	if err != nil {
		t.Fatal(err)
	}
	var failed []string
	for _, f := range sum.Failed {
		failed = append(failed, filepath.Base(f.Path)+": "+strings.SplitN(f.Error(), ": ", 2)[1])
	}
	want := []string{"bad.txt: not a text file (contains NUL bytes)", "empty.txt: empty document (no text to extract)"}
	if diff := cmp.Diff(want, failed); diff != "" || sum.Docs != 1 {
		t.Errorf("failures (-want +got):\n%s\ndocs %d", diff, sum.Docs)
	}
	st2, _ := graph.Open("memory", graph.Options{Create: true})
	if _, err := corpus.Build(context.Background(), x, st2, corpus.Options{Inputs: []string{dir}, Jobs: 1}); err == nil {
		t.Error("without KeepGoing a bad file gave no error")
	}
}

func TestBuildCancelled(t *testing.T) {
	dir := t.TempDir()
	g := corpus.NewGenerator(mustRules(t), corpus.GenOptions{Docs: 20, Seed: 3, Paragraphs: 5})
	if _, err := g.Write(dir); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	st, _ := graph.Open("memory", graph.Options{Create: true})
	n := 0
	sum, _ := corpus.Build(ctx, extractor(t), st, corpus.Options{Inputs: []string{dir}, Jobs: 1, BatchQuads: 1, Progress: func(p corpus.Progress) {
		n++
		if p.Done == 3 {
			cancel()
		}
	}})
	if !sum.Interrupted || sum.Docs >= 20 {
		t.Errorf("summary after cancel: %+v", sum)
	}
	// every document written is whole
	if probs, err := st.Check(context.Background()); err != nil || len(probs) > 0 {
		t.Errorf("check after cancel: %v, %v", probs, err)
	}
}

func TestHTMLAndMarkdown(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "p.html", "<html><head><title>宣言</title><script>var x='成员国重申恪守《联合国宪章》';</script></head><body><p>成员国重申恪守《上合组织宪章》。</p><div>成员国支持<b>联合国</b>的作用。</div></body></html>")
	write(t, dir, "m.md", "# 宣言\n\n成员国**欢迎**《联合国宪章》。\n")
	st, _ := graph.Open("memory", graph.Options{Create: true})
	if _, err := corpus.Build(context.Background(), extractor(t), st, corpus.Options{Inputs: []string{dir}}); err != nil {
		t.Fatal(err)
	}
	s, _ := st.Stats(context.Background())
	if s.Documents != 2 || s.Relations["reaffirms"] != 1 || s.Relations["supports"] != 1 || s.Relations["welcomes"] != 1 {
		t.Errorf("stats = %+v (the script's text must not count)", s)
	}
}

func mustRules(t *testing.T) *schema.Rules {
	r, err := schema.LoadBuiltin()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestGenDeterministic(t *testing.T) {
	a := corpus.NewGenerator(mustRules(t), corpus.GenOptions{Docs: 2, Seed: 7}).Document(1)
	b := corpus.NewGenerator(mustRules(t), corpus.GenOptions{Docs: 2, Seed: 7}).Document(1)
	if a != b || len(a) < 1000 {
		t.Errorf("generator not deterministic or too short (%d bytes)", len(a))
	}
}

// export returns the store's N-Quads export.
func export(t *testing.T, st *graph.Store) string {
	t.Helper()
	var b strings.Builder
	if err := st.Export(context.Background(), &b, "nquads", ""); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func sortedLines(s string) string {
	l := strings.Split(s, "\n")
	sort.Strings(l)
	return strings.Join(l, "\n")
}

// TestBuildBatches builds the same corpus on bolt in batches of several
// documents and one document at a time, then again after some documents
// changed: the stores hold the same quads each time, what changed is
// replaced, an unchanged rebuild writes nothing, and the stores pass their
// check. The corpus has a Chinese declaration and its English translation
// (translation links read the store while the batch is gathered); one
// worker, so that documents reach the writer in the same order in both
// builds (the order decides which way the translation link points).
func TestBuildBatches(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	if _, err := corpus.NewGenerator(mustRules(t), corpus.GenOptions{Docs: 30, Seed: 9, Paragraphs: 6}).Write(src); err != nil {
		t.Fatal(err)
	}
	write(t, src, "qd-zh.txt", "上海合作组织成员国元首理事会青岛宣言\n\n上海合作组织成员国领导人于2018年6月10日在中国青岛举行元首理事会会议。\n\n成员国重申坚定支持联合国。\n")
	write(t, src, "qd-en.txt", "Qingdao Declaration of the Council of Heads of State of the Shanghai Cooperation Organisation\n\n"+
		"The leaders of the member states of the SCO held a meeting of the Council of Heads of State in Qingdao, China, on 10 June 2018.\n\n"+
		"The Member States reaffirm their support for the United Nations and will support the Republic of Kazakhstan.\n")
	x := extractor(t)
	ctx := context.Background()
	open := func(name string) *graph.Store {
		st, err := graph.Open(filepath.Join(dir, name), graph.Options{Create: true})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			if err := st.Close(); err != nil {
				t.Error(err)
			}
		})
		return st
	}
	batched, single := open("batched.db"), open("single.db")
	build := func(st *graph.Store, batch int) *corpus.Summary {
		t.Helper()
		sum, err := corpus.Build(ctx, x, st, corpus.Options{Inputs: []string{src}, BatchQuads: batch, Jobs: 1})
		if err != nil {
			t.Fatal(err)
		}
		if probs, err := st.Check(ctx); err != nil || len(probs) > 0 {
			t.Fatalf("check: %v, %v", probs, err)
		}
		return sum
	}
	same := func(step string) {
		t.Helper()
		// the same quads (their order follows the ids the store gave them)
		a, b := sortedLines(export(t, batched)), sortedLines(export(t, single))
		if a != b {
			t.Errorf("%s: the batched build's export differs from the one-document build's (%d vs %d bytes)", step, len(a), len(b))
			al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
			for i := 0; i < len(al) && i < len(bl); i++ {
				if al[i] != bl[i] {
					t.Errorf("first difference:\n%s\n%s", al[i], bl[i])
					break
				}
			}
		}
		if !strings.Contains(a, "translationOf") {
			t.Errorf("%s: no translation link", step)
		}
	}
	sb, s1 := build(batched, 5000), build(single, 1)
	if sb.Docs != 32 || sb.Added != s1.Added || sb.Added == 0 {
		t.Fatalf("first builds: batched %+v, single %+v", sb, s1)
	}
	same("first build")
	fps, err := batched.Fingerprints(ctx)
	if err != nil || len(fps) != 32 {
		t.Errorf("fingerprints: %d, %v; want 32", len(fps), err)
	}
	// unchanged: nothing extracted, nothing written
	if sum := build(batched, 5000); sum.Docs != 0 || sum.Skipped != 32 || sum.Added != 0 {
		t.Errorf("unchanged rebuild: %+v", sum)
	}
	// a third of the documents change, the translation among them
	files, err := corpus.Walk([]string{src})
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range files {
		if i%3 == 0 || strings.HasPrefix(filepath.Base(f), "qd-") {
			old, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			extra := "成员国欢迎2019年6月14日在比什凯克举行的上海合作组织成员国元首理事会会议成果。\n"
			if strings.HasSuffix(f, "-en.txt") {
				extra = "The Member States welcome the Astana Declaration.\n"
			}
			if err := os.WriteFile(f, append(old, extra...), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	sb, s1 = build(batched, 5000), build(single, 1)
	if sb.Docs != s1.Docs || sb.Docs < 10 || sb.Removed == 0 || sb.Added != s1.Added || sb.Removed != s1.Removed {
		t.Errorf("rebuilds after changes: batched %+v, single %+v", sb, s1)
	}
	same("rebuild")
}

// TestBuildInParts builds a text larger than the part size in parts and
// the same text whole: the stores hold the same quads, both pass their
// check, a rebuild of the unchanged file is skipped, and a rebuild after it
// changed replaces it.
func TestBuildInParts(t *testing.T) {
	ctx := context.Background()
	x := extractor(t)
	raw, err := os.ReadFile("../datasets/qingdao-2018/qingdao-2018.zh.txt")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(raw), "\n")
	body := strings.Join(lines[4:], "\n")
	body = body[:strings.Index(body, "预览已结束")]
	var keep []string
	for _, l := range strings.Split(body, "\n") {
		if l != lines[2] && !strings.HasPrefix(l, "2018-06-11") {
			keep = append(keep, l)
		}
	}
	text := strings.Join(lines[:4], "\n") + "\n" + strings.Repeat(strings.Join(keep, "\n")+"\n\n", 20)
	path := write(t, t.TempDir(), "big.zh.txt", text)
	build := func(t *testing.T, db string, part int64) (*graph.Store, *corpus.Summary) {
		t.Helper()
		st, err := graph.Open(db, graph.Options{Create: true})
		if err != nil {
			t.Fatal(err)
		}
		sum, err := corpus.Build(ctx, x, st, corpus.Options{Inputs: []string{path}, PartSize: part})
		if err != nil {
			t.Fatal(err)
		}
		return st, sum
	}
	dir := t.TempDir()
	parts, sum := build(t, filepath.Join(dir, "parts.db"), 64<<10)
	defer parts.Close()
	if sum.Docs != 1 || len(text) < 4*(64<<10)/4 {
		t.Fatalf("built %d documents from %d bytes", sum.Docs, len(text))
	}
	whole, _ := build(t, "memory", -1)
	defer whole.Close()
	if diff := cmp.Diff(sortedLines(export(t, whole)), sortedLines(export(t, parts))); diff != "" {
		t.Errorf("quads (-whole +in parts):\n%s", diff)
	}
	for name, st := range map[string]*graph.Store{"whole": whole, "parts": parts} {
		if probs, err := st.Check(ctx); err != nil || len(probs) > 0 {
			t.Errorf("%s: check: %v %v", name, probs, err)
		}
	}
	parts.Close()
	again, sum := build(t, filepath.Join(dir, "parts.db"), 64<<10)
	if sum.Skipped != 1 || sum.Added != 0 {
		t.Errorf("rebuild of the unchanged file: %d skipped, %d quads added", sum.Skipped, sum.Added)
	}
	again.Close()
	// the file changes: fewer repeats, so the last parts' quads must go
	if err := os.WriteFile(path, []byte(text[:strings.LastIndex(text[:len(text)/2], "\n")+1]), 0o644); err != nil {
		t.Fatal(err)
	}
	changed, _ := build(t, filepath.Join(dir, "parts.db"), 64<<10)
	defer changed.Close()
	half, _ := build(t, "memory", -1)
	defer half.Close()
	if diff := cmp.Diff(sortedLines(export(t, half)), sortedLines(export(t, changed))); diff != "" {
		t.Errorf("after the change, quads (-whole +in parts):\n%s", diff)
	}
}

// TestSummaryString checks the paragraph build prints, with and without
// entities and relations to count.
func TestSummaryString(t *testing.T) {
	for _, tc := range []struct {
		name string
		sum  corpus.Summary
		want string
	}{
		{
			name: "nothing built",
			sum:  corpus.Summary{Failed: []corpus.FileError{{Path: "bin.txt"}}, Elapsed: 1500 * time.Millisecond},
			want: "Built 0 document(s) into a.db (bolt) in 1.50s, 1 failed: 0 entities; 0 relations with 0 evidence statements; 0 quads written, 0 removed.",
		},
		{
			name: "built",
			sum: corpus.Summary{Docs: 2, Skipped: 1, Statements: 3, Added: 40, Removed: 2,
				Entities:  map[string]map[string]bool{"State": {"a": true, "b": true}, "Instrument": {"c": true}},
				Relations: map[string]int{"supports": 1, "reaffirms": 2}},
			want: "Built 2 document(s) into a.db (bolt) in 0.00s, 1 unchanged and skipped: 3 entities (2 State, 1 Instrument); 3 relations (reaffirms 2, supports 1) with 3 evidence statements; 40 quads written, 2 removed.",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, tc.sum.String("a.db", "bolt")); diff != "" {
				t.Errorf("summary (-want +got):\n%s", diff)
			}
		})
	}
}
