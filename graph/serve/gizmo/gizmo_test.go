package gizmo_test

import (
	"context"
	"regexp"
	"testing"
	"time"

	"github.com/cayleygraph/cayley/graph/memstore"
	"github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/quad"

	"github.com/accordkg/accord/graph/serve/gizmo"
)

func TestRegistered(t *testing.T) {
	l := query.GetLanguage(gizmo.Name)
	if l == nil || l.Session == nil {
		t.Fatal("gizmo is not registered")
	}
	if _, ok := l.Session(memstore.New()).(*gizmo.Session); !ok {
		t.Errorf("the registered gizmo is %T, not this package's", l.Session(memstore.New()))
	}
}

// TestNoPanic runs queries whose arguments make Cayley's Gizmo panic in
// the goroutine that runs the script: each must end with an error.
func TestNoPanic(t *testing.T) {
	qs := memstore.New(quad.MakeIRI("a", "p", "b", ""))
	tests := []struct {
		name, query, wantErr string
	}{
		{"null tags", `g.V().Out(null, null).All()`, `^query failed: expected string, got: <nil>$`},
		{"number tag", `g.V().In(undefined, 1).All()`, `^query failed: expected string, got: int64$`},
		{"object predicate", `g.V().Out({}).All()`, `^query failed: unsupported type: map\[string\]interface \{\}$`},
		{"recursive with nulls", `g.V().FollowRecursive(null, null, null).All()`, `^query failed: expected string`},
		{"unbounded recursion", `function f() { return f() + 1 }; f()`, `at f`},
		{"thrown by a callback", `g.V().ForEach(function (d) { throw new Error("boom") })`, `boom`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			it, err := gizmo.NewSession(qs).Execute(ctx, tt.query, query.Options{Collation: query.JSON})
			if err == nil {
				defer it.Close()
				for it.Next(ctx) {
				}
				err = it.Err()
			}
			if err == nil || !regexp.MustCompile(tt.wantErr).MatchString(err.Error()) {
				t.Errorf("error = %v, want one matching %s", err, tt.wantErr)
			}
		})
	}
}
