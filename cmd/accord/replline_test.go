package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/peterh/liner"

	"github.com/accordkg/accord/graph"
)

// fakeSource is a lineSource for tests: it returns its lines in turn (then
// io.EOF), and records the prompts shown and the queries added to its
// history.
type fakeSource struct {
	lines   []fakeLine
	prompts []string
	added   []string
	closed  bool
}

// fakeLine is what fakeSource.ReadLine returns once; then, if set, runs
// as it returns.
type fakeLine struct {
	line string
	err  error
	then func()
}

func (f *fakeSource) ReadLine(prompt string) (string, error) {
	f.prompts = append(f.prompts, prompt)
	if len(f.lines) == 0 {
		return "", io.EOF
	}
	l := f.lines[0]
	f.lines = f.lines[1:]
	if l.then != nil {
		l.then()
	}
	return l.line, l.err
}

func (f *fakeSource) AddHistory(q string) { f.added = append(f.added, q) }

func (f *fakeSource) Close() error {
	f.closed = true
	return nil
}

// lines makes fakeLines of lines.
func lines(ls ...string) []fakeLine {
	out := make([]fakeLine, len(ls))
	for i, l := range ls {
		out[i] = fakeLine{line: l}
	}
	return out
}

// openBuilt opens the store built from the bundled declaration for the
// test.
func openBuilt(t *testing.T) *graph.Store {
	t.Helper()
	st, err := graph.Open(builtStore(t), graph.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// replSessionOn returns a session at a terminal on store st, reading from
// src, printing to out and errOut.
func replSessionOn(st *graph.Store, src lineSource, out, errOut io.Writer) *replSession {
	qo := &queryOutput{st: st, format: "table", opts: graph.QueryOptions{Limit: 1000, Timeout: 20 * time.Second}}
	return &replSession{src: src, out: out, errOut: errOut, qo: qo, tty: true}
}

// TestREPLCtrlCDropsInput checks that Ctrl-C at the prompt (the line
// editor's ErrPromptAborted) drops the query being typed, over several
// lines, and the session carries on; and that Ctrl-D (io.EOF) on an empty
// line leaves.
func TestREPLCtrlCDropsInput(t *testing.T) {
	src := &fakeSource{lines: append(lines(
		`g.V("<https://w3id.org/accord/id/city/qingdao>")`,
		`  .Out("<acc:locatedIn>")`),
		fakeLine{err: liner.ErrPromptAborted},
		fakeLine{line: `g.Emit(g.V("<acc:City>").In("<rdf:type>").Count())`},
		fakeLine{line: ":history"},
	)}
	var out, errb bytes.Buffer
	r := replSessionOn(openBuilt(t), src, &out, &errb)
	if err := r.start(context.Background(), ""); err != nil {
		t.Fatal(err)
	}
	want := []string{replPrompt, replMore, replMore, replPrompt, replPrompt, replPrompt}
	if diff := cmp.Diff(want, src.prompts); diff != "" {
		t.Errorf("prompts (-want +got):\n%s", diff)
	}
	q := `g.Emit(g.V("<acc:City>").In("<rdf:type>").Count())`
	if !cmp.Equal(src.added, []string{q}) {
		t.Errorf("history %q: the dropped query is in it", src.added)
	}
	if s := out.String(); strings.Contains(s, "中华人民共和国") || !strings.Contains(s, "  1  "+q+"\n") || strings.Contains(s, "  2  ") || !strings.HasSuffix(s, "\n\n") {
		t.Errorf("the session:\n%s", s)
	}
	if !src.closed || errb.Len() > 0 {
		t.Errorf("closed %v, stderr %q", src.closed, errb.String())
	}
}

// TestREPLCtrlCCancelsQuery checks that Ctrl-C while a query runs cancels
// it (its context), and that the prompt comes back and the next query
// runs.
func TestREPLCtrlCCancelsQuery(t *testing.T) {
	interrupts := make(chan os.Signal, 1)
	var started time.Time
	src := &fakeSource{lines: []fakeLine{
		{line: "while (true) {}", then: func() {
			started = time.Now()
			go func() {
				time.Sleep(300 * time.Millisecond)
				interrupts <- os.Interrupt
			}()
		}},
		{line: ""}, // a blank line runs it
		{line: `g.Emit("after")`},
	}}
	var out, errb bytes.Buffer
	r := replSessionOn(openBuilt(t), src, &out, &errb)
	r.interrupts = interrupts
	done := make(chan error, 1)
	go func() { done <- r.start(context.Background(), "") }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("Ctrl-C did not stop the query")
	}
	if d := time.Since(started); d > 10*time.Second {
		t.Errorf("the query stopped after %s", d)
	}
	s := out.String()
	i := strings.Index(s, "interrupted\n")
	if i < 0 || !strings.Contains(s[i:], "after\n(1 row)") || strings.Contains(s, "error:") {
		t.Errorf("the session:\n%s", s)
	}
}

// TestREPLHistoryAcrossSessions checks that the queries run are kept in
// the history file, a query over several lines as one entry, and come back as typed in
// the next session: for Up (the line editor puts them on one line), in
// :history and :N.
func TestREPLHistoryAcrossSessions(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config", "accord", "history")
	multi := "g.V(\"<https://w3id.org/accord/id/city/qingdao>\")\n  .Out(\"<acc:locatedIn>\").All()"
	src := &fakeSource{lines: lines(
		`g.V("<https://w3id.org/accord/id/city/qingdao>")`,
		`  .Out("<acc:locatedIn>").All()`,
		`g.Emit(1)`,
		`:1`, // the first again: written again (it is not the last)
		`g.Emit(1)`,
		`g.Emit(1)`, // the last again: not written
		":q",
	)}
	var out, errb bytes.Buffer
	st := openBuilt(t)
	if err := replSessionOn(st, src, &out, &errb).start(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	entry := encodeHistory(multi)
	if want := entry + "\ng.Emit(1)\n" + entry + "\ng.Emit(1)\n"; string(b) != want {
		t.Errorf("the history file:\n%s\nwant\n%s", b, want)
	}

	src = &fakeSource{lines: lines(":history", ":1")}
	out.Reset()
	if err := replSessionOn(st, src, &out, &errb).start(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	if want := []string{multi, "g.Emit(1)", multi, "g.Emit(1)", multi}; !cmp.Equal(src.added, want) {
		t.Errorf("Up recalls %q, want %q", src.added, want)
	}
	s := out.String()
	if !strings.Contains(s, "  1  g.V(\"<https://w3id.org/accord/id/city/qingdao>\")\n       .Out(") ||
		!strings.Contains(s, "  4  g.Emit(1)\n") || !strings.Contains(s, "中华人民共和国\n(1 row)") {
		t.Errorf("the second session:\n%s", s)
	}
	if errb.Len() > 0 {
		t.Errorf("stderr: %s", errb.String())
	}
}

// TestREPLHistoryUnwritable checks that a history file that cannot be
// written is reported once on standard error, and the session carries on.
func TestREPLHistoryUnwritable(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	src := &fakeSource{lines: lines(`g.Emit("still")`, ":history")}
	var out, errb bytes.Buffer
	if err := replSessionOn(openBuilt(t), src, &out, &errb).start(context.Background(), filepath.Join(file, "history")); err != nil {
		t.Fatal(err)
	}
	if e := errb.String(); strings.Count(e, "warning: history:") != 1 || !strings.Contains(e, "(the history is not kept)") {
		t.Errorf("stderr: %q", e)
	}
	if s := out.String(); !strings.Contains(s, "still\n(1 row)") || !strings.Contains(s, "  1  g.Emit(\"still\")") {
		t.Errorf("the session:\n%s", s)
	}
}

// TestScannerSourceInterrupt checks that without a line editor, Ctrl-C at
// the prompt drops the line being typed, and the lines typed after it are
// read.
func TestScannerSourceInterrupt(t *testing.T) {
	pr, pw := io.Pipe()
	interrupts := make(chan os.Signal, 1)
	var out bytes.Buffer
	s := newScannerSource(pr, &out, false, interrupts)
	defer s.Close()
	interrupts <- os.Interrupt
	if _, err := s.ReadLine(replPrompt); err != liner.ErrPromptAborted {
		t.Errorf("Ctrl-C: %v, want %v", err, liner.ErrPromptAborted)
	}
	go func() {
		io.WriteString(pw, "g.V().All()\n")
		pw.Close()
	}()
	if l, err := s.ReadLine(replPrompt); l != "g.V().All()" || err != nil {
		t.Errorf("then %q, %v", l, err)
	}
	if _, err := s.ReadLine(replPrompt); err != io.EOF {
		t.Errorf("at the end: %v, want io.EOF", err)
	}
	if want := replPrompt + "\n" + replPrompt + replPrompt; out.String() != want {
		t.Errorf("printed %q, want %q", out.String(), want)
	}
}
