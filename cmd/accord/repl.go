package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"

	"github.com/peterh/liner"
	"golang.org/x/term"

	"github.com/accordkg/accord/schema"
)

const (
	replPrompt = "accord> "
	replMore   = "   ...> "
)

const replHelp = `Type a Gizmo query; it runs once its brackets balance and it ends with a call
that runs it (.All(), .Count(), .ToArray(), .ForEach(…), g.Emit(…)…) or with ";",
or at a blank line. IRIs may use the prefixes %s
(g.V("<acc:Instrument>").In("<rdf:type>").All()).
Commands:
  :help            this text
  :q, :quit        leave (so does end of input, Ctrl-D)
  :history         the queries run so far, numbered
  :N               run query N of the history again
  :format F        print results as json or table (now %s)
  :limit N         at most N results (0: no limit; now %d)
  :prefixes        the prefixes and their namespaces
`

const replEditorHelp = `Keys: Up and Down recall the queries of this session and the earlier ones
(a query typed over several lines comes back on one line), Ctrl-R searches
them; the usual editing keys (Left, Right, Ctrl-A, Ctrl-E, Ctrl-W…) work.
`

const replTerminalHelp = `Ctrl-C drops the query being typed or stops the one running; Ctrl-D on an
empty line leaves (running a query left unfinished, as the end of input does).
`

// replSession is a session at the prompt: the queries read from src, run
// by qo, their results printed to out.
type replSession struct {
	src lineSource
	out io.Writer
	qo  *queryOutput
	// history is the queries run, oldest first (:history, :N), with those
	// of the earlier sessions kept in file when there is one.
	history []string
	file    *historyFile
	// errOut is where a history file that cannot be written is reported.
	errOut io.Writer
	// interrupts are Ctrl-C pressed while a query runs: it is cancelled
	// and the prompt comes back. Nil when the input is not a terminal.
	interrupts <-chan os.Signal
	// tty is whether the input is a terminal: the end of the input
	// (Ctrl-D) is followed by a line break.
	tty bool
}

// replOptions say where accord query --repl reads and keeps its input.
type replOptions struct {
	in          io.Reader
	out, errOut io.Writer
	// historyPath is the file that keeps the history across sessions when
	// in is a terminal (--history, ACCORD_HISTORY): "" for none, and when
	// historySet is false defaultHistoryPath.
	historyPath string
	historySet  bool
}

// runREPL reads queries from o.in and prints their results to o.out until
// :q or the end of the input: an interactive prompt like Cayley's. A query
// that fails prints its error and the prompt carries on. In a terminal the
// line editor (github.com/peterh/liner) recalls the queries of this
// session and the earlier ones (o.historyPath), Ctrl-C drops the query
// being typed or cancels the one running, and Ctrl-D on an empty line
// leaves. When o.in is not a terminal, each line read is echoed after its
// prompt, so that a piped session reads like a typed one.
func runREPL(ctx context.Context, o replOptions, qo *queryOutput) error {
	r := &replSession{out: o.out, errOut: o.errOut, qo: qo}
	if f, ok := o.in.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		r.tty = true
	}
	if !r.tty {
		r.src = newScannerSource(o.in, o.out, true, nil)
	} else {
		// Ctrl-C outside the line editor: a query running is cancelled,
		// a line typed without the editor is dropped; never the process
		sigs := make(chan os.Signal, 1)
		signal.Notify(sigs, os.Interrupt)
		defer signal.Stop(sigs)
		r.interrupts = sigs
		if useLiner(o.in, o.out) {
			r.src = newLinerSource()
		} else {
			r.src = newScannerSource(o.in, o.out, false, sigs)
		}
	}
	path := ""
	if r.tty {
		path = o.historyPath
		if !o.historySet {
			var err error
			if path, err = defaultHistoryPath(); err != nil {
				r.warn(err)
			}
		}
	}
	return r.start(ctx, path)
}

// start runs the session with the history kept in file path ("" for
// none), then closes r.src.
func (r *replSession) start(ctx context.Context, path string) (err error) {
	defer func() {
		if cerr := r.src.Close(); err == nil {
			err = cerr
		}
	}()
	if path != "" {
		r.loadHistory(historyFile{path: path, max: historyMax})
		defer func() {
			if r.file != nil {
				r.warn(r.file.trim())
			}
		}()
	}
	return r.run(ctx)
}

// loadHistory reads the history of the earlier sessions from h, and keeps
// this session's there too; a history that cannot be read is reported and
// not kept.
func (r *replSession) loadHistory(h historyFile) {
	qs, err := h.load()
	if err != nil {
		r.warn(err)
		return
	}
	r.file = &h
	r.history = qs
	for _, q := range qs {
		r.src.AddHistory(q)
	}
}

// warn reports a history file that cannot be read or written on r.errOut,
// and stops keeping the history there.
func (r *replSession) warn(err error) {
	if err == nil {
		return
	}
	fmt.Fprintf(r.errOut, "warning: %v (the history is not kept)\n", err)
	r.file = nil
}

// run shows the prompt and runs what is typed until :q or the end of the
// input.
func (r *replSession) run(ctx context.Context) error {
	var buf strings.Builder
	fmt.Fprintf(r.out, "accord Gizmo prompt on %s; :help for help, :q to leave\n", r.qo.st.Spec)
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		prompt := replPrompt
		if buf.Len() > 0 {
			prompt = replMore
		}
		line, err := r.src.ReadLine(prompt)
		if errors.Is(err, liner.ErrPromptAborted) {
			// Ctrl-C: the query being typed is dropped
			buf.Reset()
			continue
		}
		if err != nil {
			if r.tty {
				fmt.Fprintln(r.out)
			}
			if q := strings.TrimSpace(buf.String()); q != "" {
				r.exec(ctx, q)
			}
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
		trimmed := strings.TrimSpace(line)
		if buf.Len() == 0 && strings.HasPrefix(trimmed, ":") {
			quit, err := r.command(ctx, trimmed)
			if err != nil {
				fmt.Fprintf(r.out, "error: %v\n", err)
			}
			if quit {
				return nil
			}
			continue
		}
		if trimmed == "" {
			if q := strings.TrimSpace(buf.String()); q != "" {
				buf.Reset()
				r.exec(ctx, q)
			}
			continue
		}
		buf.WriteString(line)
		buf.WriteByte('\n')
		if queryComplete(buf.String()) {
			q := strings.TrimSpace(buf.String())
			buf.Reset()
			r.exec(ctx, q)
		}
	}
}

// exec adds query q to the history and runs it, printing its results or
// its error. Ctrl-C while it runs cancels it.
func (r *replSession) exec(ctx context.Context, q string) {
	r.remember(q)
	qctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stop := r.watchInterrupts(cancel)
	err := r.qo.run(qctx, r.out, q)
	interrupted := stop()
	switch {
	case err != nil && interrupted:
		fmt.Fprintln(r.out, "interrupted")
	case err != nil:
		fmt.Fprintf(r.out, "error: %v\n", err)
	}
}

// remember adds query q to the history: the session's (:history), the
// line editor's (Up) and the file's (not again when it is the last one).
func (r *replSession) remember(q string) {
	last := ""
	if n := len(r.history); n > 0 {
		last = r.history[n-1]
	}
	r.history = append(r.history, q)
	r.src.AddHistory(q)
	if r.file != nil && q != last {
		r.warn(r.file.add(q))
	}
}

// watchInterrupts cancels the query running when Ctrl-C is pressed, until
// stop, which says whether it did.
func (r *replSession) watchInterrupts(cancel context.CancelFunc) (stop func() bool) {
	if r.interrupts == nil {
		return func() bool { return false }
	}
	done := make(chan struct{})
	hit := make(chan bool, 1)
	go func() {
		select {
		case <-r.interrupts:
			cancel()
			hit <- true
		case <-done:
			hit <- false
		}
	}()
	return func() bool {
		close(done)
		interrupted := <-hit
		for {
			// a Ctrl-C as the query ended is not for the next one
			select {
			case <-r.interrupts:
			default:
				return interrupted
			}
		}
	}
}

// command runs one :command; quit says to leave the prompt.
func (r *replSession) command(ctx context.Context, line string) (quit bool, err error) {
	out, qo, history := r.out, r.qo, r.history
	f := strings.Fields(line)
	switch cmd := f[0]; {
	case cmd == ":q" || cmd == ":quit" || cmd == ":exit":
		return true, nil
	case cmd == ":help" || cmd == ":h" || cmd == ":?":
		fmt.Fprintf(out, replHelp, prefixList(), qo.format, qo.opts.Limit)
		if _, ok := r.src.(*linerSource); ok {
			fmt.Fprint(out, replEditorHelp)
		}
		if r.tty {
			fmt.Fprint(out, replTerminalHelp)
			if r.file != nil {
				fmt.Fprintf(out, "The history is kept in %s.\n", r.file.path)
			}
		}
	case cmd == ":history":
		for i, q := range history {
			fmt.Fprintf(out, "%3d  %s\n", i+1, strings.ReplaceAll(q, "\n", "\n     "))
		}
	case cmd == ":format":
		if len(f) != 2 || !validFormat(f[1]) {
			return false, fmt.Errorf(":format takes one of %s", strings.Join(queryFormats, ", "))
		}
		qo.format = f[1]
	case cmd == ":limit":
		n, err := strconv.Atoi(strings.Join(f[1:], ""))
		if err != nil || n < 0 {
			return false, fmt.Errorf(":limit takes a number (0: no limit)")
		}
		qo.opts.Limit = n
	case cmd == ":prefixes":
		for _, p := range schema.Prefixes {
			fmt.Fprintf(out, "%-8s %s\n", p.Prefix, p.IRI)
		}
	default:
		n, err := strconv.Atoi(cmd[1:])
		if err != nil {
			return false, fmt.Errorf("unknown command %s (:help lists them)", cmd)
		}
		if n < 1 || n > len(history) {
			return false, fmt.Errorf("no query %d in the history (%d so far)", n, len(history))
		}
		r.exec(ctx, history[n-1])
	}
	return false, nil
}

// gizmoFinals are the calls that end a Gizmo query and run it.
var gizmoFinals = map[string]bool{
	"all": true, "toarray": true, "tovalue": true, "tagarray": true, "tagvalue": true,
	"count": true, "foreach": true, "map": true, "getlimit": true, "emit": true,
}

// queryComplete reports whether the JavaScript in src is ready to run: its
// (), [] and {} balance outside strings and comments, and it ends with ";"
// or with a call that runs a query (.All(), .Count(), .ForEach(…), g.Emit(…)…).
// Anything else (a path still being built, a line ending with "." or ",")
// goes on on the next line; a blank line runs it as it is.
func queryComplete(src string) bool {
	var opens []int
	lastOpen, lastClose, lastSig := -1, -1, -1
	var quote byte
	for i := 0; i < len(src); i++ {
		c := src[i]
		if quote != 0 {
			switch c {
			case '\\':
				i++
			case quote:
				quote = 0
			}
			lastSig = i
			continue
		}
		switch {
		case c == '"' || c == '\'' || c == '`':
			quote = c
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			for i+1 < len(src) && src[i+1] != '\n' {
				i++
			}
			continue
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			end := strings.Index(src[i+2:], "*/")
			if end < 0 {
				return false
			}
			i += 2 + end + 1
			continue
		case c == '(' || c == '[' || c == '{':
			opens = append(opens, i)
		case c == ')' || c == ']' || c == '}':
			if len(opens) == 0 {
				return true // unbalanced: let the parser say so
			}
			if c == ')' {
				lastOpen, lastClose = opens[len(opens)-1], i
			}
			opens = opens[:len(opens)-1]
		}
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			lastSig = i
		}
	}
	if quote != 0 || len(opens) > 0 || lastSig < 0 {
		return false
	}
	if src[lastSig] == ';' {
		return true
	}
	if lastClose != lastSig {
		return false
	}
	name := strings.TrimRight(src[:lastOpen], " \t\r\n")
	j := len(name)
	for j > 0 && isIdentByte(name[j-1]) {
		j--
	}
	return gizmoFinals[strings.ToLower(name[j:])]
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
