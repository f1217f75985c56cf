package graph

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
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
	case <-time.After(time.Second):
		// bbolt waits for the file lock: another process holds the store.
		go func() {
			if r := <-ch; r.qs != nil {
				r.qs.Close()
			}
		}()
		return nil, fmt.Errorf("%s is in use by another accord process", path)
	}
}
