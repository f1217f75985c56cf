package graph

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"sync"
)

// pgJournal is the journal of a PostgreSQL store: the table
// accord_in_parts, one row a document. Several processes may write one
// PostgreSQL store at once, so a row alone does not say whether its
// writer has died: the writer also holds a session advisory lock on the
// document, on a connection of its own, from add to remove. The server
// drops the lock with the connection when the process dies, and a lock
// another process can take marks a row whose writer is gone (claim).
type pgJournal struct {
	db *sql.DB
	mu sync.Mutex
	// held are the connections holding this store's locks, by document.
	held map[string]*sql.Conn
}

// pgJournalLock is the first key of the journal's advisory locks (the
// second is the hash of the document IRI), apart from other users' locks.
const pgJournalLock = 0x61636364 // "accd"

func newPGJournal(db *sql.DB) *pgJournal {
	return &pgJournal{db: db, held: map[string]*sql.Conn{}}
}

// lock takes the advisory lock on doc on a connection of its own, and
// reports false (and no connection) when another session holds it.
func (j *pgJournal) lock(ctx context.Context, doc string) (*sql.Conn, bool, error) {
	conn, err := j.db.Conn(ctx)
	if err != nil {
		return nil, false, err
	}
	var got bool
	if err := conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock($1, hashtext($2))`, pgJournalLock, doc).Scan(&got); err != nil || !got {
		return nil, false, errors.Join(err, conn.Close())
	}
	return conn, true, nil
}

// unlock releases the lock conn holds on doc and closes conn.
func unlock(conn *sql.Conn, doc string) error {
	_, err := conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock($1, hashtext($2))`, pgJournalLock, doc)
	return errors.Join(err, conn.Close())
}

func (j *pgJournal) add(doc string) error {
	ctx := context.Background()
	j.mu.Lock()
	defer j.mu.Unlock()
	if _, ok := j.held[doc]; !ok {
		conn, got, err := j.lock(ctx, doc)
		if err != nil {
			return err
		}
		if !got {
			return fmt.Errorf("another accord process is writing %s", doc)
		}
		j.held[doc] = conn
	}
	if _, err := j.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS accord_in_parts (doc TEXT PRIMARY KEY, started TIMESTAMPTZ NOT NULL DEFAULT now())`); err != nil {
		return err
	}
	_, err := j.db.ExecContext(ctx, `INSERT INTO accord_in_parts (doc) VALUES ($1) ON CONFLICT (doc) DO UPDATE SET started = now()`, doc)
	return err
}

func (j *pgJournal) release(doc string, erase bool) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	var err error
	if erase {
		var have bool
		if have, err = j.table(); err == nil && have {
			_, err = j.db.Exec(`DELETE FROM accord_in_parts WHERE doc = $1`, doc)
		}
	}
	if conn, ok := j.held[doc]; ok {
		delete(j.held, doc)
		err = errors.Join(err, unlock(conn, doc))
	}
	return err
}

// table reports whether the journal's table exists (a store no write in
// parts has touched has none).
func (j *pgJournal) table() (bool, error) {
	var have bool
	err := j.db.QueryRow(`SELECT to_regclass('accord_in_parts') IS NOT NULL`).Scan(&have)
	return have, err
}

func (j *pgJournal) list() ([]string, error) {
	have, err := j.table()
	if err != nil || !have {
		return nil, err
	}
	rows, err := j.db.Query(`SELECT doc FROM accord_in_parts`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	sort.Strings(out)
	return out, rows.Err()
}

// claim returns the documents of the journal whose writer is gone (their
// lock free), holding their locks from now on, so that no other process
// claims them too while this one removes them.
func (j *pgJournal) claim() ([]string, error) {
	docs, err := j.list()
	if err != nil || len(docs) == 0 {
		return nil, err
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	var out []string
	for _, doc := range docs {
		if _, ok := j.held[doc]; ok {
			continue // this store's own write
		}
		conn, got, err := j.lock(context.Background(), doc)
		if err != nil {
			return nil, err
		}
		if got {
			j.held[doc] = conn
			out = append(out, doc)
		}
	}
	return out, nil
}

// Close releases the locks the journal holds, leaving their rows: for a
// later open to claim, as if the process had died.
func (j *pgJournal) Close() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	var err error
	for doc, conn := range j.held {
		err = errors.Join(err, unlock(conn, doc))
		delete(j.held, doc)
	}
	return err
}
