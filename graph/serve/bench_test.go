package serve_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/accordkg/accord/graph/serve"
)

// BenchmarkBuild measures building the page's data (/graph.json) from the
// store holding the bundled declaration.
func BenchmarkBuild(b *testing.B) {
	st := bundledStore(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := serve.Build(context.Background(), st); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkQuery measures one Gizmo query through Cayley's API handler.
func BenchmarkQuery(b *testing.B) {
	h := serve.New(bundledStore(b), serve.Options{})
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest("POST", "/api/v2/query?lang=gizmo", strings.NewReader(reaffirmsQuery))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatal(rec.Code, rec.Body.String())
		}
	}
}
