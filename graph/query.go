package graph

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/cayleygraph/cayley/query"
	_ "github.com/cayleygraph/cayley/query/gizmo" // registers "gizmo"
)

// QueryOptions bound a query.
type QueryOptions struct {
	// Language is a Cayley query language; "gizmo" when empty.
	Language string
	// Limit caps the number of results (0: no cap).
	Limit int
	// Timeout stops a query that runs longer (0: none).
	Timeout time.Duration
	// Source names the query in error messages (a file name; "query" when
	// empty).
	Source string
}

// QueryError is a query that did not compile or failed while running,
// with the place in the query where the JavaScript engine saw the problem.
type QueryError struct {
	Source       string // the file, or "query"
	Line, Column int    // 1-based; 0 when unknown
	Msg          string
	Err          error
}

func (e *QueryError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", e.Source, e.Line, e.Column, e.Msg)
	}
	return e.Source + ": " + e.Msg
}
func (e *QueryError) Unwrap() error { return e.Err }

var (
	syntaxPos  = regexp.MustCompile(`^SyntaxError: \(anonymous\): Line (\d+):(\d+) (.*?)(?: \(and \d+ more errors?\))?$`)
	runtimePos = regexp.MustCompile(`^(.*) at <eval>:(\d+):(\d+)\(\d+\)`)
)

// queryError places a Gizmo error in the query text.
func queryError(source string, err error) *QueryError {
	qe := &QueryError{Source: source, Msg: err.Error(), Err: err}
	msg := strings.SplitN(err.Error(), "\n", 2)[0]
	if m := syntaxPos.FindStringSubmatch(msg); m != nil {
		qe.Line, _ = strconv.Atoi(m[1])
		qe.Column, _ = strconv.Atoi(m[2])
		qe.Msg = "syntax error: " + m[3]
	} else if m := runtimePos.FindStringSubmatch(msg); m != nil {
		qe.Line, _ = strconv.Atoi(m[2])
		qe.Column, _ = strconv.Atoi(m[3])
		qe.Msg = m[1]
	}
	return qe
}

// Query runs a query in a fresh session (a Gizmo session cannot be reused
// once its iterator is closed) and returns the results collated as JSON,
// the shape of Cayley's HTTP API v2 "result".
func (s *Store) Query(ctx context.Context, q string, o QueryOptions) ([]any, error) {
	lang := o.Language
	if lang == "" {
		lang = "gizmo"
	}
	l := query.GetLanguage(lang)
	if l == nil || l.Session == nil {
		return nil, fmt.Errorf("unknown query language %q", lang)
	}
	if o.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, o.Timeout)
		defer cancel()
	}
	// Prefixed IRIs in the query (<acc:reaffirms>) are expanded on lookup.
	source := o.Source
	if source == "" {
		source = "query"
	}
	qs := s.QS
	if s.Backend != "postgres" {
		// prefixed IRIs; not on Cayley's SQL stores, whose optimizer only
		// compiles shapes built on its own type (tagged hops break)
		qs = PrefixedQuadStore(s.QS)
	}
	ses := l.Session(qs)
	it, err := ses.Execute(ctx, q, query.Options{Collation: query.JSON, Limit: o.Limit})
	if err != nil {
		return nil, queryError(source, err)
	}
	defer it.Close()
	out := []any{}
	for it.Next(ctx) {
		out = append(out, it.Result())
		if o.Limit > 0 && len(out) >= o.Limit {
			break
		}
	}
	if err := it.Err(); err != nil {
		return nil, queryError(source, err)
	}
	if err := ctx.Err(); err != nil && errors.Is(err, context.DeadlineExceeded) {
		err := fmt.Errorf("timed out after %s", o.Timeout)
		return out, &QueryError{Source: source, Msg: err.Error(), Err: err}
	}
	return out, nil
}
