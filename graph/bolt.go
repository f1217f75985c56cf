package graph

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
)

const boltType = "bbolt"

// openBolt opens a bbolt store: a folder holding indexes.bolt.
func openBolt(path string, o Options) (graph.QuadStore, error) {
	opts := graph.Options{}
	if o.ReadOnly {
		opts[kv.OptNoBloom] = true
	}
	_, err := os.Stat(filepath.Join(path, "indexes.bolt"))
	switch {
	case errors.Is(err, os.ErrNotExist) && o.Create:
		if err := graph.InitQuadStore(boltType, path, opts); err != nil && !errors.Is(err, graph.ErrDatabaseExists) {
			return nil, err
		}
	case errors.Is(err, os.ErrNotExist):
		return nil, ErrNoStore
	case err != nil:
		return nil, err
	}
	// bbolt waits for its file lock without end: ask for the lock first, so
	// that a store another process holds is reported at once (opening a
	// large store legitimately takes seconds: Cayley fills its bloom filter).
	if err := tryLock(filepath.Join(path, "indexes.bolt")); err != nil {
		return nil, err
	}
	type res struct {
		qs  graph.QuadStore
		err error
	}
	ch := make(chan res, 1)
	go func() {
		qs, err := graph.NewQuadStore(boltType, path, opts)
		ch <- res{qs, err}
	}()
	select {
	case r := <-ch:
		return r.qs, r.err
	case <-time.After(openTimeout):
		// another process took the lock between our check and bbolt's
		go func() {
			if r := <-ch; r.qs != nil {
				r.qs.Close()
			}
		}()
		return nil, fmt.Errorf("%s is in use by another accord process", path)
	}
}

// openTimeout bounds the wait for a store whose lock another process took
// after tryLock found it free.
const openTimeout = 2 * time.Minute

// tryLock reports whether another process holds the bbolt file's lock.
func tryLock(file string) error {
	f, err := os.OpenFile(file, os.O_RDWR, 0)
	if err != nil {
		return nil // let bbolt report it
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return fmt.Errorf("%s is in use by another accord process", filepath.Dir(file))
		}
		return nil
	}
	return syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
}
