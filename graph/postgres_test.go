package graph_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/cayley/query"
	_ "github.com/cayleygraph/cayley/query/gizmo" // registers "gizmo"
	"github.com/cayleygraph/quad"
	"github.com/google/go-cmp/cmp"

	"github.com/accordkg/accord/extractors"
	"github.com/accordkg/accord/graph"
	"github.com/accordkg/accord/graph/graphtest"
	"github.com/accordkg/accord/graph/pgtest"
)

func TestPostgresMatch(t *testing.T) {
	tests := []struct {
		name, spec, backend string
	}{
		{"postgres URL", "postgres://accord@127.0.0.1:5432/accord?sslmode=disable", "postgres"},
		{"postgresql URL", "postgresql://u:p@db.example/accord", "postgres"},
		{"upper case scheme", "POSTGRES://u@h/db", "postgres"},
		{"bolt path", "accord.db", ""},
		{"path with postgres in it", "data/postgres.db", ""},
		{"memory", "memory", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := ""
			if graph.IsPostgresURL(tc.spec) {
				got = "postgres"
			}
			if diff := cmp.Diff(tc.backend, got); diff != "" {
				t.Errorf("IsPostgresURL(%q) (-want +got):\n%s", tc.spec, diff)
			}
		})
	}
	if !contains(graph.BackendNames(), "postgres") {
		t.Errorf("backends = %v, no postgres", graph.BackendNames())
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// TestPostgres runs everything that needs a server on one throwaway
// server, a fresh database per store.
func TestPostgres(t *testing.T) {
	srv := pgtest.Start(t)
	open := func(t *testing.T, url string) *graph.Store {
		t.Helper()
		st, err := graph.Open(url, graph.Options{Create: true})
		if err != nil {
			t.Fatal(err)
		}
		if st.Backend != "postgres" {
			t.Fatalf("backend = %s", st.Backend)
		}
		t.Cleanup(func() {
			if err := st.Close(); err != nil {
				t.Error(err)
			}
		})
		return st
	}
	t.Run("Conformance", func(t *testing.T) {
		graphtest.TestAll(t, func(t *testing.T) *graph.Store { return open(t, srv.NewDatabase(t)) })
	})
	t.Run("CayleyReadsBulk", func(t *testing.T) { testCayleyReadsBulk(t, srv, open) })
	t.Run("SameTablesAsCayley", func(t *testing.T) { testSameTablesAsCayley(t, srv, open) })
	t.Run("ConcurrentWriters", func(t *testing.T) { testConcurrentWriters(t, srv, open) })
	t.Run("ReplaceEdgeCases", func(t *testing.T) { testReplaceEdgeCases(t, srv, open) })
	t.Run("NoSuperuser", func(t *testing.T) { testNoSuperuser(t, srv, open) })
	t.Run("CayleyQueries", func(t *testing.T) { testCayleyQueries(t, srv, open) })
	t.Run("Open", func(t *testing.T) { testPostgresOpen(t, srv) })
	t.Run("Journal", func(t *testing.T) { graphtest.TestJournal(t, func(t *testing.T) string { return srv.NewDatabase(t) }) })
	t.Run("JournalLiveWriter", func(t *testing.T) { testJournalLiveWriter(t, srv.NewDatabase(t), open) })
}

// testJournalLiveWriter opens a second store on a PostgreSQL database
// while a first is writing a document in parts: the second must leave the
// document alone (its writer is alive), its check must say it is being
// written, and once the writer ends, the check passes; a third open after
// that removes nothing.
func testJournalLiveWriter(t *testing.T, url string, open func(*testing.T, string) *graph.Store) {
	ctx := context.Background()
	w := open(t, url)
	a, _, b, _ := docs(t)
	if _, err := w.ReplaceDocument(ctx, a.DocIRI(), a.Quads()); err != nil {
		t.Fatal(err)
	}
	qs := b.Quads()
	if err := w.BeginInParts(b.DocIRI()); err != nil {
		t.Fatal(err)
	}
	if _, err := w.AppendDocument(ctx, b.DocIRI(), qs[:len(qs)/2]); err != nil {
		t.Fatal(err)
	}
	r := open(t, url)
	if len(r.Recovered) > 0 {
		t.Fatalf("an open while the writer is alive removed %q", r.Recovered)
	}
	if err := r.BeginInParts(b.DocIRI()); err == nil {
		t.Errorf("a second writer of the same document was let in")
	}
	probs, err := r.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(probs, "\n"), b.DocIRI()+">: document is being written") {
		t.Errorf("check while the writer is alive: %q", probs)
	}
	if _, err := w.AppendDocument(ctx, b.DocIRI(), qs[len(qs)/2:]); err != nil {
		t.Fatal(err)
	}
	if err := w.EndInParts(b.DocIRI(), true); err != nil {
		t.Fatal(err)
	}
	if probs, err := r.Check(ctx); err != nil || len(probs) > 0 {
		t.Errorf("check after the writer's end: %q %v", probs, err)
	}
	if third := open(t, url); len(third.Recovered) > 0 {
		t.Errorf("an open after the writer's end removed %q", third.Recovered)
	}
}

// docs are small documents that share entities, so that nodes are shared
// between documents and reference counts matter.
func docs(t *testing.T) (a, a2, b, c *extractors.Result) {
	a = graphtest.Extract(t, "a", "宣言\n\n成员国重申恪守《联合国宪章》。成员国欢迎2018年3月15日在阿斯塔纳举行的首次中亚国家元首峰会成果。")
	a2 = graphtest.Extract(t, "a", "宣言\n\n成员国重申恪守《联合国宪章》。成员国支持《上合组织宪章》。")
	b = graphtest.Extract(t, "b", "宣言\n\n成员国支持《联合国宪章》。2018年6月10日在青岛举行峰会。")
	c = graphtest.Extract(t, "c", "")
	return
}

// writeSequence builds, replaces and removes documents on st.
func writeSequence(t *testing.T, st *graph.Store) []quad.Quad {
	t.Helper()
	ctx := context.Background()
	a, a2, b, c := docs(t)
	for _, r := range []*extractors.Result{a, b, c, a2} {
		if _, err := st.ReplaceDocument(ctx, r.DocIRI(), r.Quads()); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.RemoveDocument(ctx, b.DocIRI()); err != nil {
		t.Fatal(err)
	}
	return append(a2.Quads(), c.Quads()...)
}

// cayleyQuads reads every quad through a fresh Cayley-only open.
func cayleyQuads(t *testing.T, url string) []quad.Quad {
	t.Helper()
	qs, err := cgraph.NewQuadStore("postgres", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := qs.Close(); err != nil {
			t.Error(err)
		}
	}()
	var out []quad.Quad
	err = iterator.Iterate(context.Background(), qs.QuadsAllIterator()).Each(func(r refs.Ref) error {
		q, err := qs.Quad(r)
		out = append(out, q)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// The store accord's bulk path writes reads back through Cayley alone,
// and Cayley's own writer can delete all of it, leaving no node behind
// (the reference counts are exact).
func testCayleyReadsBulk(t *testing.T, srv *pgtest.Server, open func(*testing.T, string) *graph.Store) {
	url := srv.NewDatabase(t)
	st := open(t, url)
	if bulk, noFK := graph.PGBulkPath(st.QS); !bulk || !noFK {
		t.Fatalf("store %T: bulk path %v, without foreign key triggers %v; want both as a superuser", st.QS, bulk, noFK)
	}
	want := writeSequence(t, st)
	got := cayleyQuads(t, url)
	if diff := cmp.Diff(graphtest.Lines(want), graphtest.Lines(got)); diff != "" {
		t.Errorf("read through Cayley (-written +read):\n%s", diff)
	}
	db := sqlDB(t, url)
	checkRefs(t, db)

	qs, err := cgraph.NewQuadStore("postgres", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer qs.Close()
	var ds []cgraph.Delta
	for _, q := range got {
		ds = append(ds, cgraph.Delta{Quad: q, Action: cgraph.Delete})
	}
	if err := qs.ApplyDeltas(ds, cgraph.IgnoreOpts{}); err != nil {
		t.Fatalf("Cayley deleting what accord wrote: %v", err)
	}
	var nodes, quads int
	if err := db.QueryRow(`SELECT (SELECT count(*) FROM nodes), (SELECT count(*) FROM quads)`).Scan(&nodes, &quads); err != nil {
		t.Fatal(err)
	}
	if nodes != 0 || quads != 0 {
		t.Errorf("after Cayley deleted every quad: %d nodes, %d quads left", nodes, quads)
	}
}

// sqlDB opens a connection pool to url, closed when t ends.
func sqlDB(t *testing.T, url string) *sql.DB {
	t.Helper()
	db, err := sql.Open("postgres", url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Error(err)
		}
	})
	return db
}

// checkRefs checks that every node's reference count is the number of
// quad positions naming it, and that no node is unnamed.
func checkRefs(t *testing.T, db *sql.DB) {
	t.Helper()
	rows, err := db.Query(`SELECT encode(n.hash, 'hex'), n.refs, coalesce(c.n, 0) FROM nodes n LEFT JOIN (
		SELECT h, count(*) AS n FROM (SELECT subject_hash AS h FROM quads UNION ALL SELECT predicate_hash FROM quads
			UNION ALL SELECT object_hash FROM quads UNION ALL SELECT label_hash FROM quads WHERE label_hash IS NOT NULL) x
		GROUP BY h) c ON c.h = n.hash WHERE n.refs <> coalesce(c.n, 0)`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var h string
		var refs, named int
		if err := rows.Scan(&h, &refs, &named); err != nil {
			t.Fatal(err)
		}
		t.Errorf("node %s: refs %d, named by %d quad positions", h, refs, named)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}

// dumpTables returns Cayley's tables as sorted lines, without what
// depends on when a row was written (horizon, ts).
func dumpTables(t *testing.T, db *sql.DB) []string {
	t.Helper()
	var out []string
	for _, q := range []string{
		`SELECT 'node ' || encode(hash, 'hex') || ' ' || refs || ' ' || coalesce(encode(value, 'hex'), '-') || ' ' ||
			coalesce(value_string, '-') || ' ' || coalesce(datatype, '-') || ' ' || coalesce(language, '-') || ' ' ||
			coalesce(iri::text, '-') || ' ' || coalesce(bnode::text, '-') || ' ' || coalesce(value_int::text, '-') || ' ' ||
			coalesce(value_bool::text, '-') || ' ' || coalesce(value_float::text, '-') || ' ' || coalesce(value_time::text, '-') FROM nodes`,
		`SELECT 'quad ' || encode(subject_hash, 'hex') || ' ' || encode(predicate_hash, 'hex') || ' ' ||
			encode(object_hash, 'hex') || ' ' || coalesce(encode(label_hash, 'hex'), '-') FROM quads`,
	} {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			out = append(out, s)
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			t.Fatal(err)
		}
	}
	sort.Strings(out)
	return out
}

// The same builds through accord's bulk path and through Cayley's own
// writer leave the same rows in Cayley's tables.
func testSameTablesAsCayley(t *testing.T, srv *pgtest.Server, open func(*testing.T, string) *graph.Store) {
	bulkURL, cayleyURL := srv.NewDatabase(t), srv.NewDatabase(t)
	bulk := open(t, bulkURL)
	viaCayley := open(t, cayleyURL)
	writeSequence(t, bulk)
	// A Store without the backend's Apply writes through ApplyDeltas.
	writeSequence(t, &graph.Store{QS: viaCayley.QS, Backend: "postgres"})
	if diff := cmp.Diff(dumpTables(t, sqlDB(t, cayleyURL)), dumpTables(t, sqlDB(t, bulkURL))); diff != "" {
		t.Errorf("tables (-Cayley's writer +accord's bulk path):\n%s", diff)
	}
	st, err := bulk.QS.Stats(context.Background(), true)
	if err != nil {
		t.Fatal(err)
	}
	all, err := bulk.AllQuads(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if int(st.Quads.Value) != len(all) {
		t.Errorf("exact stats: %d quads, the store holds %d", st.Quads.Value, len(all))
	}
}

// Two stores writing documents that share nodes at the same time leave
// exact reference counts.
func testConcurrentWriters(t *testing.T, srv *pgtest.Server, open func(*testing.T, string) *graph.Store) {
	url := srv.NewDatabase(t)
	stores := []*graph.Store{open(t, url), open(t, url)}
	var wg sync.WaitGroup
	errs := make([]error, len(stores))
	var want []quad.Quad
	work := make([][]*extractors.Result, len(stores))
	for i := range stores {
		for j := 0; j < 4; j++ {
			r := graphtest.Extract(t, fmt.Sprintf("w%d-%d", i, j), "宣言\n\n成员国重申恪守《联合国宪章》。成员国支持《上合组织宪章》。")
			work[i] = append(work[i], r)
			want = append(want, r.Quads()...)
		}
	}
	for i, st := range stores {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, r := range work[i] {
				if _, err := st.ReplaceDocument(context.Background(), r.DocIRI(), r.Quads()); err != nil {
					errs[i] = err
					return
				}
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(graphtest.Lines(want), graphtest.Lines(cayleyQuads(t, url))); diff != "" {
		t.Errorf("(-written +read):\n%s", diff)
	}
	checkRefs(t, sqlDB(t, url))
}

func testPostgresOpen(t *testing.T, srv *pgtest.Server) {
	t.Run("ReadOnlyNoDatabase", func(t *testing.T) {
		_, err := graph.Open(srv.URL("nosuchdb"), graph.Options{ReadOnly: true})
		if !errors.Is(err, graph.ErrNoStore) {
			t.Fatalf("err = %v, want ErrNoStore", err)
		}
	})
	t.Run("ReadOnlyNoTables", func(t *testing.T) {
		_, err := graph.Open(srv.NewDatabase(t), graph.Options{ReadOnly: true})
		if !errors.Is(err, graph.ErrNoStore) {
			t.Fatalf("err = %v, want ErrNoStore", err)
		}
	})
	t.Run("CreateMakesTheDatabase", func(t *testing.T) {
		url := srv.URL(strings.ToLower(strings.ReplaceAll(t.Name(), "/", "_")))
		st, err := graph.Open(url, graph.Options{Create: true})
		if err != nil {
			t.Fatal(err)
		}
		if err := st.Close(); err != nil {
			t.Fatal(err)
		}
		st, err = graph.Open(url, graph.Options{ReadOnly: true})
		if err != nil {
			t.Fatalf("reopening: %v", err)
		}
		if err := st.Close(); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("Unreachable", func(t *testing.T) {
		_, err := graph.Open("postgres://nobody@127.0.0.1:1/accord?sslmode=disable&connect_timeout=2", graph.Options{})
		if err == nil || !strings.Contains(err.Error(), "postgres") {
			t.Fatalf("err = %v", err)
		}
	})
}

// The bulk path called with quads that are there already, quads that
// are not, and triples without a label keeps exact reference counts.
func testReplaceEdgeCases(t *testing.T, srv *pgtest.Server, open func(*testing.T, string) *graph.Store) {
	url := srv.NewDatabase(t)
	st := open(t, url)
	db := sqlDB(t, url)
	ctx := context.Background()
	a, _, b, _ := docs(t)
	if _, err := st.ReplaceDocument(ctx, a.DocIRI(), a.Quads()); err != nil {
		t.Fatal(err)
	}
	triple := quad.Quad{Subject: quad.IRI("https://example.org/s"), Predicate: quad.IRI("https://example.org/p"), Object: quad.String("o")}
	extra := quad.Quad{Subject: quad.IRI("https://example.org/s"), Predicate: quad.IRI("https://example.org/p"), Object: quad.Int(7), Label: quad.IRI(a.DocIRI())}
	missing := quad.Quad{Subject: quad.IRI("https://example.org/none"), Predicate: quad.IRI("https://example.org/p"), Object: quad.String("x"), Label: quad.IRI(a.DocIRI())}
	steps := []struct {
		name       string
		adds, dels []quad.Quad
		want       []quad.Quad
	}{
		{"adds already there", append(a.Quads(), extra, extra), nil, append(a.Quads(), extra)},
		{"a triple", []quad.Quad{triple}, nil, append(a.Quads(), extra, triple)},
		{"the triple again", []quad.Quad{triple}, nil, append(a.Quads(), extra, triple)},
		{"dels not there", nil, []quad.Quad{missing}, append(a.Quads(), extra, triple)},
		{"another document sharing nodes", b.Quads(), nil, append(append(a.Quads(), extra, triple), b.Quads()...)},
		{"the triple out", nil, []quad.Quad{triple}, append(append(a.Quads(), extra), b.Quads()...)},
		{"add and delete the same quad", []quad.Quad{extra}, []quad.Quad{extra}, append(append(a.Quads(), extra), b.Quads()...)},
		{"everything out", nil, append(append(a.Quads(), extra), b.Quads()...), nil},
	}
	for _, s := range steps {
		if err := graph.PGApply(ctx, st.QS, s.adds, s.dels); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if diff := cmp.Diff(graphtest.Lines(s.want), graphtest.Lines(cayleyQuads(t, url))); diff != "" {
			t.Errorf("%s (-want +read):\n%s", s.name, diff)
		}
		checkRefs(t, db)
	}
	var nodes int
	if err := db.QueryRow(`SELECT count(*) FROM nodes`).Scan(&nodes); err != nil || nodes != 0 {
		t.Errorf("%d nodes left, %v", nodes, err)
	}
}

// A role that is no superuser writes through the bulk path with the
// foreign key triggers, and the tables end the same.
func testNoSuperuser(t *testing.T, srv *pgtest.Server, open func(*testing.T, string) *graph.Store) {
	url := srv.NewRole(t)
	st := open(t, url)
	if bulk, noFK := graph.PGBulkPath(st.QS); !bulk || noFK {
		t.Fatalf("bulk path %v, without foreign key triggers %v; want the bulk path with them", bulk, noFK)
	}
	want := writeSequence(t, st)
	if diff := cmp.Diff(graphtest.Lines(want), graphtest.Lines(cayleyQuads(t, url))); diff != "" {
		t.Errorf("read through Cayley (-written +read):\n%s", diff)
	}
	checkRefs(t, sqlDB(t, url))
	superURL := srv.NewDatabase(t)
	writeSequence(t, open(t, superURL))
	if diff := cmp.Diff(dumpTables(t, sqlDB(t, superURL)), dumpTables(t, sqlDB(t, url))); diff != "" {
		t.Errorf("tables (-superuser +no superuser):\n%s", diff)
	}
}

// tagQuery follows two hops with tags: Cayley's SQL optimizer must
// compile it whole (a store wrapped in another type gets generic
// iterators, which fail on it).
const tagQuery = `g.V("<https://w3id.org/accord/id/group/sco-member-states>").Out("<https://w3id.org/accord/ns#reaffirms>").Tag("target").Out("<http://www.w3.org/2000/01/rdf-schema#label>").Tag("label").All()`

// gizmoRows runs q in a Gizmo session of Cayley's own on qs and returns
// the results as sorted JSON lines.
func gizmoRows(t *testing.T, qs cgraph.QuadStore, q string) []string {
	t.Helper()
	ctx := context.Background()
	it, err := query.GetLanguage("gizmo").Session(qs).Execute(ctx, q, query.Options{Collation: query.JSON})
	if err != nil {
		t.Fatal(err)
	}
	defer it.Close()
	var out []string
	for it.Next(ctx) {
		b, err := json.Marshal(it.Result())
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b))
	}
	if err := it.Err(); err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// The store the postgres backend opens answers Cayley's own Gizmo
// sessions as the memory store does.
func testCayleyQueries(t *testing.T, srv *pgtest.Server, open func(*testing.T, string) *graph.Store) {
	st := open(t, srv.NewDatabase(t))
	mem, err := graph.Open("memory", graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer mem.Close()
	res := graphtest.Extract(t, "qingdao-2018", "")
	for _, s := range []*graph.Store{st, mem} {
		if _, err := s.ReplaceDocument(context.Background(), res.DocIRI(), res.Quads()); err != nil {
			t.Fatal(err)
		}
	}
	want := gizmoRows(t, mem.QS, tagQuery)
	if len(want) == 0 {
		t.Fatal("the query finds nothing in memory")
	}
	if diff := cmp.Diff(want, gizmoRows(t, st.QS, tagQuery)); diff != "" {
		t.Errorf("(-memory +postgres):\n%s", diff)
	}
}
