package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

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

// runREPL reads queries from in and prints their results to out until :q
// or the end of the input: an interactive prompt like Cayley's, with the
// history kept in memory. A query that fails prints its error and the
// prompt carries on. When in is not a terminal, each line read is echoed
// after its prompt, so that a piped session reads like a typed one.
func runREPL(ctx context.Context, in io.Reader, out io.Writer, qo *queryOutput) error {
	tty := false
	if f, ok := in.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		tty = true
	}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	var history []string
	var buf strings.Builder
	prompt := func() {
		if buf.Len() == 0 {
			fmt.Fprint(out, replPrompt)
		} else {
			fmt.Fprint(out, replMore)
		}
	}
	exec := func(q string) {
		history = append(history, q)
		if err := qo.run(ctx, out, q); err != nil {
			fmt.Fprintf(out, "error: %v\n", err)
		}
	}
	fmt.Fprintf(out, "accord Gizmo prompt on %s; :help for help, :q to leave\n", qo.st.Spec)
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		prompt()
		if !sc.Scan() {
			if tty {
				fmt.Fprintln(out)
			}
			if q := strings.TrimSpace(buf.String()); q != "" {
				exec(q)
			}
			return sc.Err()
		}
		line := sc.Text()
		if !tty {
			fmt.Fprintln(out, line)
		}
		trimmed := strings.TrimSpace(line)
		if buf.Len() == 0 && strings.HasPrefix(trimmed, ":") {
			quit, err := replCommand(out, trimmed, qo, history, exec)
			if err != nil {
				fmt.Fprintf(out, "error: %v\n", err)
			}
			if quit {
				return nil
			}
			continue
		}
		if trimmed == "" {
			if q := strings.TrimSpace(buf.String()); q != "" {
				buf.Reset()
				exec(q)
			}
			continue
		}
		buf.WriteString(line)
		buf.WriteByte('\n')
		if queryComplete(buf.String()) {
			q := strings.TrimSpace(buf.String())
			buf.Reset()
			exec(q)
		}
	}
}

// replCommand runs one :command; quit says to leave the prompt.
func replCommand(out io.Writer, line string, qo *queryOutput, history []string, exec func(string)) (quit bool, err error) {
	f := strings.Fields(line)
	switch cmd := f[0]; {
	case cmd == ":q" || cmd == ":quit" || cmd == ":exit":
		return true, nil
	case cmd == ":help" || cmd == ":h" || cmd == ":?":
		fmt.Fprintf(out, replHelp, prefixList(), qo.format, qo.opts.Limit)
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
		exec(history[n-1])
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
