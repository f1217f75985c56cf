package main

import (
	"bufio"
	"fmt"
	"io"
	"os"

	"github.com/peterh/liner"
	"golang.org/x/term"
)

// lineSource is where the prompt reads what is typed: a line editor in a
// terminal (linerSource), a plain reader otherwise (scannerSource).
type lineSource interface {
	// ReadLine shows prompt and returns the next line, without its end of
	// line. It returns io.EOF at the end of the input (Ctrl-D on an empty
	// line in a terminal) and liner.ErrPromptAborted when Ctrl-C drops
	// what is being typed.
	ReadLine(prompt string) (string, error)
	// AddHistory adds query q to what Up recalls, when the source has a
	// line editor.
	AddHistory(q string)
	// Close gives the terminal back as it found it.
	Close() error
}

// linerSource reads lines in a terminal with github.com/peterh/liner, the
// line editor of Cayley's REPL: editing keys, Up and Down through the
// history, Ctrl-R to search it.
type linerSource struct {
	st *liner.State
}

// newLinerSource puts the terminal of standard input and output in the
// line editor's mode; Close gives it back.
func newLinerSource() *linerSource {
	st := liner.NewLiner()
	st.SetCtrlCAborts(true)
	st.SetMultiLineMode(true) // a long query wraps instead of scrolling
	return &linerSource{st: st}
}

// ReadLine shows prompt and reads a line with the line editor.
func (l *linerSource) ReadLine(prompt string) (string, error) {
	return l.st.Prompt(prompt)
}

// AddHistory adds query q, on one line, to what Up recalls.
func (l *linerSource) AddHistory(q string) {
	l.st.AppendHistory(oneLine(q))
}

// Close gives the terminal back its mode.
func (l *linerSource) Close() error {
	return l.st.Close()
}

// useLiner reports whether the prompt reads in with a line editor: in and
// out are the process's standard input and output, both terminals that
// the editor supports (TERM is not dumb).
func useLiner(in io.Reader, out io.Writer) bool {
	fi, ok := in.(*os.File)
	if !ok || fi.Fd() != os.Stdin.Fd() || !term.IsTerminal(int(fi.Fd())) {
		return false
	}
	fo, ok := out.(*os.File)
	if !ok || fo.Fd() != os.Stdout.Fd() || !term.IsTerminal(int(fo.Fd())) {
		return false
	}
	return liner.TerminalSupported()
}

// scannerSource reads lines from a reader with no line editing: piped
// input, or a terminal the line editor does not support.
type scannerSource struct {
	out io.Writer
	// echo prints each line read after its prompt, so that a piped
	// session reads like a typed one.
	echo bool
	// interrupts are Ctrl-C pressed at the prompt: the line being typed
	// is dropped. Nil when the input is not a terminal.
	interrupts <-chan os.Signal
	lines      chan scanned
	done       chan struct{}
}

// scanned is a line read, or the error that ended the input (io.EOF at its
// end).
type scanned struct {
	line string
	err  error
}

// newScannerSource reads in line by line, ahead of the prompt (so that
// Ctrl-C can drop a line being typed), until Close.
func newScannerSource(in io.Reader, out io.Writer, echo bool, interrupts <-chan os.Signal) *scannerSource {
	s := &scannerSource{out: out, echo: echo, interrupts: interrupts, lines: make(chan scanned), done: make(chan struct{})}
	go s.scan(in)
	return s
}

// scan sends the lines of in to s.lines, then the error that ended it,
// and closes s.lines.
func (s *scannerSource) scan(in io.Reader) {
	defer close(s.lines)
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	for sc.Scan() {
		select {
		case s.lines <- scanned{line: sc.Text()}:
		case <-s.done:
			return
		}
	}
	err := sc.Err()
	if err == nil {
		err = io.EOF
	}
	select {
	case s.lines <- scanned{err: err}:
	case <-s.done:
	}
}

// ReadLine prints prompt and returns the next line read.
func (s *scannerSource) ReadLine(prompt string) (string, error) {
	fmt.Fprint(s.out, prompt)
	select {
	case l, ok := <-s.lines:
		if !ok {
			return "", io.EOF
		}
		if l.err != nil {
			return "", l.err
		}
		if s.echo {
			fmt.Fprintln(s.out, l.line)
		}
		return l.line, nil
	case <-s.interrupts:
		fmt.Fprintln(s.out)
		return "", liner.ErrPromptAborted
	}
}

// AddHistory does nothing: a plain reader has no Up.
func (s *scannerSource) AddHistory(string) {}

// Close stops the reading ahead.
func (s *scannerSource) Close() error {
	close(s.done)
	return nil
}
