package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/dop251/goja/parser"
)

// historyMax is how many queries the history file keeps: the newest.
const historyMax = 1000

// historyFile is the prompt's history kept across sessions in a file: one
// query a line, oldest first, a query's line breaks written "\n" and its
// backslashes "\\", so that a query typed over several lines is one entry.
// Each query run is appended at once (a session killed keeps what it ran;
// two sessions interleave theirs); the file is cut back to its newest max
// queries when a session starts and ends.
type historyFile struct {
	path string
	max  int
}

// defaultHistoryPath is where the history is kept when ACCORD_HISTORY and
// --history do not say: accord/history in the user's configuration folder
// ($XDG_CONFIG_HOME or ~/.config on Linux).
func defaultHistoryPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("history: %w", err)
	}
	return filepath.Join(dir, "accord", "history"), nil
}

// load returns the queries of the file, oldest first, at most h.max
// (none when the file does not exist yet), and cuts the file back to
// them when it held more. It creates the file's folder.
func (h historyFile) load() ([]string, error) {
	if err := os.MkdirAll(filepath.Dir(h.path), 0o700); err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	qs, n, err := h.read()
	if err != nil {
		return nil, err
	}
	if n > len(qs) {
		if err := h.write(qs); err != nil {
			return nil, err
		}
	}
	return qs, nil
}

// read returns the newest h.max queries of the file and how many it holds.
func (h historyFile) read() (qs []string, n int, err error) {
	b, err := os.ReadFile(h.path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, fmt.Errorf("history: %w", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if line = strings.TrimSuffix(line, "\r"); line != "" {
			qs = append(qs, decodeHistory(line))
		}
	}
	n = len(qs)
	if n > h.max {
		qs = qs[n-h.max:]
	}
	return qs, n, nil
}

// add appends query q to the file.
func (h historyFile) add(q string) error {
	f, err := os.OpenFile(h.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("history: %w", err)
	}
	_, werr := f.WriteString(encodeHistory(q) + "\n")
	if err := f.Close(); werr == nil && err != nil {
		werr = err
	}
	if werr != nil {
		return fmt.Errorf("history: %w", werr)
	}
	return nil
}

// trim cuts the file back to its newest h.max queries when it holds more.
func (h historyFile) trim() error {
	qs, n, err := h.read()
	if err != nil || n <= len(qs) {
		return err
	}
	return h.write(qs)
}

// write replaces the file with queries qs: a temporary file renamed over
// it, so that the history is never left half-written.
func (h historyFile) write(qs []string) error {
	f, err := os.CreateTemp(filepath.Dir(h.path), filepath.Base(h.path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("history: %w", err)
	}
	w := bufio.NewWriter(f)
	for _, q := range qs {
		w.WriteString(encodeHistory(q))
		w.WriteByte('\n')
	}
	werr := w.Flush()
	if err := f.Chmod(0o600); werr == nil {
		werr = err
	}
	if err := f.Close(); werr == nil {
		werr = err
	}
	if werr == nil {
		werr = os.Rename(f.Name(), h.path)
	}
	if werr != nil {
		os.Remove(f.Name())
		return fmt.Errorf("history: %w", werr)
	}
	return nil
}

// encodeHistory writes query q on one line of the history file.
func encodeHistory(q string) string {
	return strings.NewReplacer(`\`, `\\`, "\n", `\n`, "\r", `\r`).Replace(q)
}

// decodeHistory reads a query from a line of the history file: the
// inverse of encodeHistory (a backslash before anything else stays).
func decodeHistory(line string) string {
	if !strings.Contains(line, `\`) {
		return line
	}
	var b strings.Builder
	for i := 0; i < len(line); i++ {
		if line[i] == '\\' && i+1 < len(line) {
			switch line[i+1] {
			case '\\':
				b.WriteByte('\\')
				i++
				continue
			case 'n':
				b.WriteByte('\n')
				i++
				continue
			case 'r':
				b.WriteByte('\r')
				i++
				continue
			}
		}
		b.WriteByte(line[i])
	}
	return b.String()
}

// restrictedBefore are the words after which JavaScript ends a statement at
// a line break whatever follows (return, break, continue: restricted
// productions).
var restrictedBefore = map[string]bool{"return": true, "break": true, "continue": true}

// oneLine returns query q written on one line, for the history that Up
// recalls (a terminal's line editor edits one line): its lines joined by a
// space, a "//" comment written "/* */", a line break in a template
// literal written "\n", a line continuation in a string dropped, and a
// ";" where JavaScript inserts one at a line break (where the next token
// cannot go on the statement, found by parsing the line, or after return,
// break and continue, or before ++ and --), so that the line runs as q
// does. A q that does not parse is only joined.
func oneLine(q string) string {
	q = strings.TrimSpace(q)
	var out []byte
	var joins []int // where a line break became a space in out
	lineBreak := func(i int) int {
		// skips the blank that follows a line break at i
		out = bytes.TrimRight(out, " \t")
		for i < len(q) && strings.IndexByte(" \t\r\n", q[i]) >= 0 {
			i++
		}
		if len(out) > 0 && i < len(q) {
			joins = append(joins, len(out))
			out = append(out, ' ')
		}
		return i
	}
	for i := 0; i < len(q); {
		c := q[i]
		switch {
		case c == '"' || c == '\'' || c == '`':
			out = append(out, c)
			i++
			for i < len(q) && q[i] != c {
				switch {
				case q[i] == '\\' && i+1 < len(q) && (q[i+1] == '\n' || q[i+1] == '\r'):
					// a line continuation: no part of the string
					i += 2
					if q[i-1] == '\r' && i < len(q) && q[i] == '\n' {
						i++
					}
				case q[i] == '\\' && i+1 < len(q):
					out = append(out, q[i], q[i+1])
					i += 2
				case q[i] == '\n':
					out = append(out, `\n`...)
					i++
				case q[i] == '\r':
					i++
				default:
					out = append(out, q[i])
					i++
				}
			}
			if i < len(q) {
				out = append(out, c)
				i++
			}
		case c == '/' && i+1 < len(q) && q[i+1] == '/':
			end := strings.IndexAny(q[i:], "\r\n")
			if end < 0 {
				end = len(q) - i
			}
			text := strings.TrimRight(q[i+2:i+end], " \t")
			out = append(out, "/*"+strings.ReplaceAll(text, "*/", "* /")+" */"...)
			i += end
		case c == '/' && i+1 < len(q) && q[i+1] == '*':
			end := strings.Index(q[i+2:], "*/")
			if end < 0 {
				end = len(q) - i - 2
			} else {
				end += 2
			}
			text := q[i : i+2+end]
			out = append(out, strings.Join(strings.Fields(text), " ")...)
			i += 2 + end
			if strings.ContainsAny(text, "\r\n") {
				// a comment over lines ends a line for JavaScript
				i = lineBreak(i)
			}
		case c == '\r' || c == '\n':
			i = lineBreak(i)
		default:
			out = append(out, c)
			i++
		}
	}
	semi := make([]bool, len(joins))
	for k, j := range joins {
		before := bytes.TrimRight(out[:j], " \t")
		w := len(before)
		for w > 0 && isIdentByte(before[w-1]) {
			w--
		}
		after := out[j+1:]
		semi[k] = restrictedBefore[string(before[w:])] || bytes.HasPrefix(after, []byte("++")) || bytes.HasPrefix(after, []byte("--"))
	}
	render := func() (string, []int) {
		var b strings.Builder
		starts := make([]int, len(joins))
		last := 0
		for k, j := range joins {
			b.Write(out[last:j])
			if semi[k] {
				b.WriteByte(';')
			}
			b.WriteByte(' ')
			starts[k] = b.Len()
			last = j + 1
		}
		b.Write(out[last:])
		return b.String(), starts
	}
	line, starts := render()
	if len(joins) == 0 || parseOffset(q) >= 0 {
		return line
	}
	for range joins {
		off := parseOffset(line)
		if off < 0 {
			break
		}
		k := -1
		for n, s := range starts {
			if s == off && !semi[n] {
				k = n
			}
		}
		if k < 0 {
			break
		}
		semi[k] = true
		line, starts = render()
	}
	return line
}

// parseOffset returns the byte offset in JavaScript src where it stops
// parsing, or -1 when it parses; 0 for an error with no position on the
// first line.
func parseOffset(src string) int {
	_, err := parser.ParseFile(nil, "", src, 0)
	if err == nil {
		return -1
	}
	var el parser.ErrorList
	if errors.As(err, &el) && len(el) > 0 && el[0].Position.Line == 1 && el[0].Position.Column > 0 {
		return el[0].Position.Column - 1
	}
	return 0
}
