package graph

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"unsafe"
	"weak"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/refs"
	csql "github.com/cayleygraph/cayley/graph/sql"
	_ "github.com/cayleygraph/cayley/graph/sql/postgres" // registers "postgres" (and the lib/pq driver)
	"github.com/cayleygraph/quad"
	"github.com/lib/pq"
)

// The postgres backend: a --db postgres:// or postgresql:// URL opens a
// store in Cayley's SQL backend (graph/sql/postgres), made on first use
// with Create. Reads are Cayley's; documents are written by a bulk path
// (pgWriter) into the very tables Cayley reads.

// pgType is the name of Cayley's PostgreSQL flavour of its SQL backend.
const pgType = "postgres"

func init() {
	RegisterBackend(Backend{
		Name:  "postgres",
		Match: IsPostgresURL,
		Open:  openPostgres,
		Apply: applyPostgres,
	})
}

// IsPostgresURL says whether spec names a PostgreSQL (or CockroachDB)
// database: a postgres:// or postgresql:// URL.
func IsPostgresURL(spec string) bool {
	s := strings.ToLower(spec)
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// pgInfo is what accord knows of an open PostgreSQL store.
type pgInfo struct {
	// bulk: documents are written by accord's bulk path (false on
	// CockroachDB, where they go through Cayley's writer).
	bulk bool
	// replica: the role may set session_replication_role, so the bulk
	// path copies quads without firing the per-row foreign key triggers,
	// having made sure itself that every node they name is there.
	replica bool
}

// pgStores holds the pgInfo of every open store, by a weak pointer to
// Cayley's store. The store handed out is Cayley's own type, not a
// wrapper: Cayley's SQL optimizer builds the SQL it compiles a query into
// only on its own type, and the paths it leaves to generic iterators fail
// on tags (a nil cursor in the SQL iterator's NextPath).
var pgStores sync.Map // weak.Pointer[csql.QuadStore] → pgInfo

// setPGInfo records info for qs, forgotten when qs is garbage collected.
func setPGInfo(qs *csql.QuadStore, info pgInfo) {
	k := weak.Make(qs)
	pgStores.Store(k, info)
	runtime.AddCleanup(qs, func(k weak.Pointer[csql.QuadStore]) { pgStores.Delete(k) }, k)
}

// PGBulkPath says how documents are written to qs, a store the postgres
// backend opened: by accord's bulk path (bulk), and then without the
// per-row foreign key triggers (noFKTriggers: the role may set
// session_replication_role). Both are false for any other store.
func PGBulkPath(qs graph.QuadStore) (bulk, noFKTriggers bool) {
	c, ok := qs.(*csql.QuadStore)
	if !ok || cayleyDB(c) == nil {
		return false, false
	}
	v, ok := pgStores.Load(weak.Make(c))
	if !ok {
		return false, false
	}
	info := v.(pgInfo)
	return info.bulk, info.bulk && info.replica
}

// cayleyDBField is where Cayley's SQL store keeps its connection pool (the
// unexported field db), found once; ok is false if a Cayley version has
// none, and accord then writes through Cayley's writer.
var cayleyDBField = func() (f struct {
	off uintptr
	ok  bool
}) {
	sf, ok := reflect.TypeOf(csql.QuadStore{}).FieldByName("db")
	if ok && sf.Type == reflect.TypeOf((*sql.DB)(nil)) {
		f.off, f.ok = sf.Offset, true
	}
	return f
}()

// cayleyDB returns the connection pool of Cayley's SQL store, which the
// bulk path writes through (one pool, closed by the store's Close), or
// nil.
func cayleyDB(qs *csql.QuadStore) *sql.DB {
	if !cayleyDBField.ok || qs == nil {
		return nil
	}
	return *(**sql.DB)(unsafe.Add(unsafe.Pointer(qs), cayleyDBField.off))
}

// pgCode returns the SQLSTATE of a PostgreSQL error, or "".
func pgCode(err error) string {
	var pe *pq.Error
	if errors.As(err, &pe) {
		return string(pe.Code)
	}
	return ""
}

// openPostgres opens (and with o.Create makes: the database when the
// server lacks it, then Cayley's tables) the store that the URL spec names.
func openPostgres(spec string, o Options) (graph.QuadStore, error) {
	db, err := sql.Open("postgres", spec)
	if err != nil {
		return nil, err
	}
	err = db.Ping()
	if pgCode(err) == "3D000" { // invalid_catalog_name: no such database
		if !o.Create {
			db.Close()
			return nil, ErrNoStore
		}
		if err = createDatabase(spec); err == nil {
			err = db.Ping()
		}
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	qs, err := openPGTables(db, spec, o)
	if cerr := db.Close(); err == nil && cerr != nil {
		qs.Close()
		return nil, cerr
	}
	return qs, err
}

// openPGTables makes Cayley's tables if they are missing and o.Create
// says so, adds the label index, and opens Cayley's store.
func openPGTables(db *sql.DB, spec string, o Options) (graph.QuadStore, error) {
	var have bool
	if err := db.QueryRow(`SELECT to_regclass('quads') IS NOT NULL AND to_regclass('nodes') IS NOT NULL`).Scan(&have); err != nil {
		return nil, err
	}
	if !have {
		if !o.Create {
			return nil, ErrNoStore
		}
		if err := graph.InitQuadStore(pgType, spec, nil); err != nil && !errors.Is(err, graph.ErrDatabaseExists) {
			return nil, fmt.Errorf("creating Cayley's tables: %w", err)
		}
	}
	var version string
	if err := db.QueryRow(`SELECT version()`).Scan(&version); err != nil {
		return nil, err
	}
	var indexed bool
	if err := db.QueryRow(`SELECT to_regclass('accord_label_index') IS NOT NULL`).Scan(&indexed); err != nil {
		return nil, err
	}
	if !indexed && !o.ReadOnly {
		// Cayley's tables have no index on labels (a store made by
		// `cayley init` lacks it); Cayley's reader ignores it.
		if _, err := db.Exec(`CREATE INDEX IF NOT EXISTS accord_label_index ON quads (label_hash)`); err != nil {
			return nil, fmt.Errorf("indexing quads by label: %w", err)
		}
	}
	info := pgInfo{bulk: !strings.Contains(version, "CockroachDB")}
	if info.bulk && !o.ReadOnly {
		info.replica = canSetReplica(db)
	}
	qs, err := graph.NewQuadStore(pgType, spec, nil)
	if err != nil {
		return nil, err
	}
	setPGInfo(qs.(*csql.QuadStore), info)
	return qs, nil
}

// canSetReplica says whether the role may set session_replication_role
// (a superuser, or on PostgreSQL 15 and later a role granted SET on it).
func canSetReplica(db *sql.DB) bool {
	tx, err := db.Begin()
	if err != nil {
		return false
	}
	_, err = tx.Exec(`SET LOCAL session_replication_role = replica`)
	return errors.Join(err, tx.Rollback()) == nil
}

// createDatabase creates the database that spec names, connecting to the
// server's maintenance database postgres with the same credentials.
func createDatabase(spec string) error {
	u, err := url.Parse(spec)
	if err != nil {
		return err
	}
	name := strings.TrimPrefix(u.Path, "/")
	if name == "" {
		return errors.New("the URL names no database")
	}
	u.Path = "/postgres"
	db, err := sql.Open("postgres", u.String())
	if err != nil {
		return err
	}
	_, err = db.Exec(`CREATE DATABASE ` + pq.QuoteIdentifier(name))
	if pgCode(err) == "42P04" { // duplicate_database: made meanwhile
		err = nil
	}
	if err != nil {
		err = fmt.Errorf("creating database %s: %w", name, err)
	}
	return errors.Join(err, db.Close())
}

// applyPostgres replaces a document: by the bulk path on PostgreSQL, by
// Cayley's writer otherwise.
func applyPostgres(ctx context.Context, qs graph.QuadStore, adds, dels []quad.Quad) error {
	bulk, replica := PGBulkPath(qs)
	if !bulk {
		return cayleyReplace(qs, adds, dels)
	}
	c := qs.(*csql.QuadStore)
	w := pgWriter{db: cayleyDB(c), replica: replica}
	if err := w.replace(ctx, adds, dels); err != nil {
		return err
	}
	// Cayley's store caches exact counts until its own next write: make
	// one, empty, so that they are counted again.
	return c.ApplyDeltas(nil, graph.IgnoreOpts{})
}

// pgWriter writes documents by the bulk path.
type pgWriter struct {
	db      *sql.DB
	replica bool
}

// cayleyReplace replaces a document through Cayley's ApplyDeltas: the
// old quads leave in one transaction, the new ones come in a second.
func cayleyReplace(qs graph.QuadStore, adds, dels []quad.Quad) error {
	if len(dels) > 0 {
		ds := make([]graph.Delta, len(dels))
		for i, q := range dels {
			ds[i] = graph.Delta{Quad: q, Action: graph.Delete}
		}
		if err := qs.ApplyDeltas(ds, graph.IgnoreOpts{IgnoreMissing: true}); err != nil {
			return err
		}
	}
	if len(adds) > 0 {
		ds := make([]graph.Delta, len(adds))
		for i, q := range adds {
			ds[i] = graph.Delta{Quad: q, Action: graph.Add}
		}
		return qs.ApplyDeltas(ds, graph.IgnoreOpts{IgnoreDup: true})
	}
	return nil
}

// pgLockKey is the advisory lock that serializes accord's writers on one
// database (pg_advisory_xact_lock): "accord" in ASCII.
const pgLockKey = 0x6163636f7264

// pgSetup opens a bulk write: the writers' lock, the session's temporary
// tables (emptied at every commit), and nested-loop joins, since the
// temporary tables are never analyzed and a hash or merge join would scan
// Cayley's tables. Its one row is the transaction's time, for quads.ts.
var pgSetup = `SELECT now()::timestamp::text, pg_advisory_xact_lock(` + strconv.FormatInt(pgLockKey, 10) + `);
CREATE TEMP TABLE IF NOT EXISTS accord_nodes (hash BYTEA, refs INT, value BYTEA, value_string TEXT, datatype TEXT,
	language TEXT, iri BOOLEAN, bnode BOOLEAN, value_int BIGINT, value_bool BOOLEAN, value_float DOUBLE PRECISION,
	value_time TIMESTAMP WITH TIME ZONE) ON COMMIT DELETE ROWS;
CREATE TEMP TABLE IF NOT EXISTS accord_add (s BYTEA, p BYTEA, o BYTEA, l BYTEA) ON COMMIT DELETE ROWS;
CREATE TEMP TABLE IF NOT EXISTS accord_del (s BYTEA, p BYTEA, o BYTEA, l BYTEA) ON COMMIT DELETE ROWS;
CREATE TEMP TABLE IF NOT EXISTS accord_refs (h BYTEA, n BIGINT) ON COMMIT DELETE ROWS;
SET LOCAL enable_hashjoin = off;
SET LOCAL enable_mergejoin = off;
SET LOCAL client_min_messages = warning`

// nodeColumns are the columns of Cayley's nodes table, in the order
// accord_nodes has them.
var nodeColumns = []string{"hash", "refs", "value", "value_string", "datatype", "language", "iri", "bnode",
	"value_int", "value_bool", "value_float", "value_time"}

// pgNode is a node that new quads name, and how many times they do.
type pgNode struct {
	val  quad.Value
	refs int
}

// pgChange is what one bulk write does: adds and dels hashed, disjoint,
// each quad once, and the nodes the adds name.
type pgChange struct {
	adds, dels []refs.QuadHash
	nodes      map[refs.ValueHash]*pgNode
}

// hasher hashes values as Cayley's SQL store keys them, each distinct
// value once (a document names its label, its predicates and its
// entities many times).
type hasher map[quad.Value]refs.ValueHash

// quad returns the hashes of q's values.
func (hs hasher) quad(q quad.Quad) refs.QuadHash {
	var h refs.QuadHash
	for _, d := range quad.Directions {
		v := q.Get(d)
		if v == nil {
			continue
		}
		switch v.(type) {
		case quad.IRI, quad.String, quad.LangString, quad.TypedString, quad.BNode, quad.Int, quad.Bool, quad.Float:
			vh, ok := hs[v]
			if !ok {
				vh = refs.HashOf(v)
				hs[v] = vh
			}
			h.Set(d, vh)
		default: // not known to be comparable
			h.Set(d, refs.HashOf(v))
		}
	}
	return h
}

// diffQuads makes the change that turns dels into adds: a quad in both
// is left alone.
func diffQuads(adds, dels []quad.Quad) pgChange {
	c := pgChange{nodes: map[refs.ValueHash]*pgNode{}}
	hs := hasher{}
	old := make(map[refs.QuadHash]bool, len(dels))
	delHashes := make([]refs.QuadHash, len(dels))
	for i, q := range dels {
		delHashes[i] = hs.quad(q)
		old[delHashes[i]] = false
	}
	seen := make(map[refs.QuadHash]bool, len(adds))
	for _, q := range adds {
		h := hs.quad(q)
		if _, ok := old[h]; ok {
			old[h] = true // kept
			continue
		}
		if seen[h] {
			continue
		}
		seen[h] = true
		c.adds = append(c.adds, h)
		for _, d := range quad.Directions {
			if v := q.Get(d); v != nil {
				n := c.nodes[h.Get(d)]
				if n == nil {
					n = &pgNode{val: v}
					c.nodes[h.Get(d)] = n
				}
				n.refs++
			}
		}
	}
	for _, h := range delHashes {
		if !old[h] {
			old[h] = true // once
			c.dels = append(c.dels, h)
		}
	}
	return c
}

// replace writes a change of one or more documents in one transaction without going
// quad by quad through Cayley's writer. The quads in adds and not in dels
// are copied (COPY) straight into Cayley's quads table, after their nodes
// went into its nodes table from a temporary table with INSERT … SELECT …
// ON CONFLICT, reference counts added; the quads in dels and not in adds
// leave with one DELETE … USING a temporary table, and the nodes that no
// quad names any more with them. The tables end as Cayley's own writer
// leaves them (reference counts exact), and a reader sees the document's
// old quads or its new ones, never a mix. When some new quad is already
// there (a writer other than accord's), the change is made again on a
// slower path that skips it: INSERT … ON CONFLICT DO NOTHING, counting
// only the quads inserted. Accord's writers take turns (an advisory lock).
//
// When the role may set session_replication_role (a superuser), the new
// quads are copied without the foreign key triggers, which cost as much
// as the rest of the insert: the nodes they name were all inserted or
// updated by the same transaction just before, so they are there and
// locked until it commits, which is what the triggers check and lock.
// Deletes always run with the triggers.
func (s pgWriter) replace(ctx context.Context, adds, dels []quad.Quad) error {
	c := diffQuads(adds, dels)
	if len(c.adds) == 0 && len(c.dels) == 0 {
		return nil
	}
	err := s.change(ctx, c, true)
	if pgCode(err) == "23505" { // unique_violation: a new quad was there
		err = s.change(ctx, c, false)
	}
	return err
}

// change makes change c in one transaction: fast assumes that no new
// quad is in the store yet.
func (s pgWriter) change(ctx context.Context, c pgChange, fast bool) (err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			err = errors.Join(err, tx.Rollback())
		}
	}()
	var now string
	if err := tx.QueryRowContext(ctx, pgSetup).Scan(&now, new(any)); err != nil {
		return fmt.Errorf("starting the bulk write: %w", err)
	}
	if err := copyNodes(ctx, tx, c.nodes); err != nil {
		return fmt.Errorf("copying nodes: %w", err)
	}
	if err := copyQuads(ctx, tx, "accord_del", "", c.dels); err != nil {
		return fmt.Errorf("copying old quads: %w", err)
	}
	if fast {
		err = s.addFast(ctx, tx, c, now)
	} else {
		err = s.addExact(ctx, tx, c)
	}
	if err != nil {
		return err
	}
	if len(c.dels) > 0 {
		stmt := `WITH
			del AS (DELETE FROM quads q USING accord_del d
				WHERE q.subject_hash = d.s AND q.predicate_hash = d.p AND q.object_hash = d.o
					AND q.label_hash IS NOT DISTINCT FROM d.l
				RETURNING q.subject_hash AS s, q.predicate_hash AS p, q.object_hash AS o, q.label_hash AS l),
			ch AS (SELECT s AS h FROM del UNION ALL SELECT p FROM del UNION ALL SELECT o FROM del
				UNION ALL SELECT l FROM del WHERE l IS NOT NULL),
			dec AS (SELECT h, count(*) AS n FROM ch GROUP BY h)
			UPDATE nodes SET refs = nodes.refs - dec.n FROM dec WHERE nodes.hash = dec.h`
		if s.replica && fast {
			// Deleting nodes is checked by the foreign keys again.
			stmt = `SET LOCAL session_replication_role = origin; ` + stmt
		}
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("deleting old quads: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM nodes USING (
				SELECT s AS h FROM accord_del UNION SELECT p FROM accord_del UNION SELECT o FROM accord_del
				UNION SELECT l FROM accord_del WHERE l IS NOT NULL) d
			WHERE nodes.hash = d.h AND nodes.refs <= 0`); err != nil {
			return fmt.Errorf("deleting unnamed nodes: %w", err)
		}
	}
	return tx.Commit()
}

// addFast adds the nodes with their reference counts, then copies the
// quads into quads: the copy fails (unique_violation) if one is there.
func (s pgWriter) addFast(ctx context.Context, tx *sql.Tx, c pgChange, now string) error {
	if len(c.adds) == 0 {
		return nil
	}
	// Every node the new quads name is in accord_nodes: after the upsert
	// each is in nodes, updated by this transaction and so locked until it
	// ends, which is what the foreign key triggers would check and lock.
	stmt := `INSERT INTO nodes (` + strings.Join(nodeColumns, ", ") + `)
		SELECT ` + strings.Join(nodeColumns, ", ") + ` FROM accord_nodes
		ON CONFLICT (hash) DO UPDATE SET refs = nodes.refs + EXCLUDED.refs`
	if s.replica {
		stmt += `; SET LOCAL session_replication_role = replica`
	}
	if _, err := tx.ExecContext(ctx, stmt); err != nil {
		return fmt.Errorf("inserting nodes: %w", err)
	}
	if err := copyQuads(ctx, tx, "quads", now, c.adds); err != nil {
		return fmt.Errorf("copying new quads: %w", err)
	}
	return nil
}

// addExact adds the quads that are not there yet, and references for
// them only.
func (s pgWriter) addExact(ctx context.Context, tx *sql.Tx, c pgChange) error {
	if len(c.adds) == 0 {
		return nil
	}
	if err := copyQuads(ctx, tx, "accord_add", "", c.adds); err != nil {
		return fmt.Errorf("copying new quads: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO nodes (`+strings.Join(nodeColumns, ", ")+`)
		SELECT hash, 0, `+strings.Join(nodeColumns[2:], ", ")+` FROM accord_nodes ON CONFLICT (hash) DO NOTHING`); err != nil {
		return fmt.Errorf("inserting nodes: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `WITH
		ins AS (INSERT INTO quads (subject_hash, predicate_hash, object_hash, label_hash, ts)
			SELECT s, p, o, l, now() FROM accord_add ON CONFLICT DO NOTHING
			RETURNING subject_hash AS s, predicate_hash AS p, object_hash AS o, label_hash AS l),
		ch AS (SELECT s AS h FROM ins UNION ALL SELECT p FROM ins UNION ALL SELECT o FROM ins
			UNION ALL SELECT l FROM ins WHERE l IS NOT NULL)
		INSERT INTO accord_refs (h, n) SELECT h, count(*) FROM ch GROUP BY h`); err != nil {
		return fmt.Errorf("inserting quads: %w", err)
	}
	// Nodes of quads that were all there already go in unnamed: out again.
	if _, err := tx.ExecContext(ctx, `UPDATE nodes SET refs = nodes.refs + r.n FROM accord_refs r WHERE nodes.hash = r.h;
		DELETE FROM nodes USING accord_nodes t WHERE nodes.hash = t.hash AND nodes.refs <= 0`); err != nil {
		return fmt.Errorf("counting references: %w", err)
	}
	return nil
}

// copyNodes copies nodes into accord_nodes, each in the columns Cayley's
// SQL writer uses for its kind of value.
func copyNodes(ctx context.Context, tx *sql.Tx, nodes map[refs.ValueHash]*pgNode) error {
	if len(nodes) == 0 {
		return nil
	}
	col := make(map[string]int, len(nodeColumns))
	for i, c := range nodeColumns {
		col[c] = i
	}
	st, err := tx.PrepareContext(ctx, pq.CopyIn("accord_nodes", nodeColumns...))
	if err != nil {
		return err
	}
	row := make([]any, len(nodeColumns))
	for h, n := range nodes {
		typ, vals, err := csql.NodeValues(csql.NodeHash{ValueHash: h}, n.val)
		if err != nil {
			return errors.Join(err, st.Close())
		}
		clear(row)
		row[0], row[1] = vals[0], n.refs
		for i, c := range typ.Columns() {
			row[col[c]] = vals[i+1]
		}
		if _, err := st.ExecContext(ctx, row...); err != nil {
			return errors.Join(err, st.Close())
		}
	}
	if _, err := st.ExecContext(ctx); err != nil {
		return errors.Join(err, st.Close())
	}
	return st.Close()
}

// copyQuads copies quad hashes into table: Cayley's quads (with ts), or
// accord_add or accord_del (s, p, o, l).
func copyQuads(ctx context.Context, tx *sql.Tx, table, ts string, qs []refs.QuadHash) error {
	if len(qs) == 0 {
		return nil
	}
	cols := []string{"s", "p", "o", "l"}
	if table == "quads" {
		cols = []string{"subject_hash", "predicate_hash", "object_hash", "label_hash", "ts"}
	}
	st, err := tx.PrepareContext(ctx, pq.CopyIn(table, cols...))
	if err != nil {
		return err
	}
	row := make([]any, len(cols))
	for _, q := range qs {
		for i, d := range quad.Directions {
			row[i] = csql.NodeHash{ValueHash: q.Get(d)}.SQLValue()
		}
		if len(row) == 5 {
			row[4] = ts
		}
		if _, err := st.ExecContext(ctx, row...); err != nil {
			return errors.Join(err, st.Close())
		}
	}
	if _, err := st.ExecContext(ctx); err != nil {
		return errors.Join(err, st.Close())
	}
	return st.Close()
}
