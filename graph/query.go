package graph

import (
	"context"
	"errors"
	"fmt"
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
}

// QueryError is a query that did not compile or failed while running.
type QueryError struct{ Err error }

func (e *QueryError) Error() string { return "query: " + e.Err.Error() }
func (e *QueryError) Unwrap() error { return e.Err }

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
	ses := l.Session(PrefixedQuadStore(s.QS))
	it, err := ses.Execute(ctx, q, query.Options{Collation: query.JSON, Limit: o.Limit})
	if err != nil {
		return nil, &QueryError{Err: err}
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
		return nil, &QueryError{Err: err}
	}
	if err := ctx.Err(); err != nil && errors.Is(err, context.DeadlineExceeded) {
		return out, &QueryError{Err: fmt.Errorf("timed out after %s", o.Timeout)}
	}
	return out, nil
}
