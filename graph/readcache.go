package graph

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"sync"
	"sync/atomic"

	hkv "github.com/hidal-go/hidalgo/kv"
)

// The read cache of a read-only bolt store.
//
// Cayley's kv quad store reads each quad's record from bbolt by id, one
// B-tree descent a quad (and a bucket look-up before it), every time a
// query meets the quad: the evidence recipe reads 15,000 of them on the
// 10,000-document store, 75 ms of its 100 ms on bolt even when every page
// is in memory. A store opened read-only (accord query, accord serve)
// keeps no write from changing a record, so the values Cayley reads by
// key can be kept and handed back: readCache sits under Cayley's quad
// store, between it and bbolt (cachedKV), and remembers what the
// transactions' Get and GetBatch return, up to a budget of bytes. Scans
// (index prefixes, whole buckets) go to bbolt as before.

// DefaultReadCache is the read cache's budget, in bytes, of the commands
// that read a bolt store for queries (query, serve): about a million
// quad records with their nodes.
const DefaultReadCache = 256 << 20

// readCache remembers values read by key, up to about budget bytes: two
// generations, the current one taking what is read or hit, the old one
// dropped when the current one is full (an approximation of least
// recently used that needs no list). It is safe for concurrent use.
type readCache struct {
	// off: reads go past the cache (a pass over the whole store, which
	// would only churn it: CopyToMemory)
	off      atomic.Bool
	mu       sync.Mutex
	budget   int
	size     int // bytes in cur
	cur, old map[string][]byte
}

// readEntryBytes is the bookkeeping counted for each entry besides its
// key and value (map slot, string and slice headers).
const readEntryBytes = 64

func newReadCache(budget int) *readCache {
	return &readCache{budget: budget, cur: map[string][]byte{}}
}

// get returns the value remembered for k (nil for a key read and not
// found) and whether one is.
func (c *readCache) get(k []byte) ([]byte, bool) {
	if c.off.Load() {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lookup(k)
}

// lookup is get with c.mu held. (A map indexed by string(k) does not
// allocate the string.)
func (c *readCache) lookup(k []byte) ([]byte, bool) {
	if v, ok := c.cur[string(k)]; ok {
		return v, true
	}
	v, ok := c.old[string(k)]
	if ok {
		c.add(string(k), v)
	}
	return v, ok
}

// put remembers v (nil: not found) for k.
func (c *readCache) put(k []byte, v []byte) {
	if c.off.Load() {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.add(string(k), v)
}

func (c *readCache) add(k string, v []byte) {
	if _, ok := c.cur[k]; ok {
		return
	}
	n := len(k) + len(v) + readEntryBytes
	// each generation holds half the budget
	if c.size+n > c.budget/2 {
		c.old, c.cur, c.size = c.cur, make(map[string][]byte, len(c.cur)), 0
	}
	c.cur[k] = v
	c.size += n
}

// reset forgets everything: a write went through.
func (c *readCache) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cur, c.old, c.size = map[string][]byte{}, nil, 0
}

// appendKey appends k's parts, each after its length, to b: the key of
// k in the cache.
func appendKey(b []byte, k hkv.Key) []byte {
	for _, p := range k {
		b = binary.AppendUvarint(b, uint64(len(p)))
		b = append(b, p...)
	}
	return b
}

// cachedKV is a hidalgo kv store whose read-only transactions read
// through c; a read-write one forgets c's values.
type cachedKV struct {
	hkv.KV
	c *readCache
}

func (db cachedKV) Tx(ctx context.Context, rw bool) (hkv.Tx, error) {
	tx, err := db.KV.Tx(ctx, rw)
	if err != nil || rw {
		db.c.reset()
		return tx, err
	}
	return cachedTx{Tx: tx, c: db.c}, nil
}

func (db cachedKV) View(ctx context.Context, fn func(tx hkv.Tx) error) error {
	return hkv.View(ctx, db, fn)
}

func (db cachedKV) Update(ctx context.Context, fn func(tx hkv.Tx) error) error {
	return hkv.Update(ctx, db, fn)
}

// cachedTx is a read-only transaction that reads through its cache.
type cachedTx struct {
	hkv.Tx
	c *readCache
}

func (tx cachedTx) Get(ctx context.Context, key hkv.Key) (hkv.Value, error) {
	k := appendKey(nil, key)
	if v, ok := tx.c.get(k); ok {
		if v == nil {
			return nil, hkv.ErrNotFound
		}
		return v, nil
	}
	v, err := tx.Tx.Get(ctx, key)
	switch {
	case errors.Is(err, hkv.ErrNotFound):
		tx.c.put(k, nil)
	case err == nil:
		// (the value lives in bbolt's mapping only as long as the
		// transaction)
		v = bytes.Clone(v)
		tx.c.put(k, v)
	}
	return v, err
}

func (tx cachedTx) GetBatch(ctx context.Context, keys []hkv.Key) ([]hkv.Value, error) {
	out := make([]hkv.Value, len(keys))
	if tx.c.off.Load() {
		return tx.Tx.GetBatch(ctx, keys)
	}
	// the keys in the cache's form, one after another in buf
	n := 0
	for _, key := range keys {
		for _, p := range key {
			n += len(p) + 1 // (a part is shorter than 128 bytes but for values)
		}
	}
	buf := make([]byte, 0, n)
	ends := make([]int, len(keys))
	for i, key := range keys {
		buf = appendKey(buf, key)
		ends[i] = len(buf)
	}
	at := func(i int) []byte {
		if i == 0 {
			return buf[:ends[0]]
		}
		return buf[ends[i-1]:ends[i]]
	}
	var miss []int
	tx.c.mu.Lock()
	for i := range keys {
		if v, ok := tx.c.lookup(at(i)); ok {
			out[i] = v
		} else {
			miss = append(miss, i)
		}
	}
	tx.c.mu.Unlock()
	if len(miss) == 0 {
		return out, nil
	}
	mk := make([]hkv.Key, len(miss))
	for j, i := range miss {
		mk[j] = keys[i]
	}
	vals, err := tx.Tx.GetBatch(ctx, mk)
	if err != nil {
		return nil, err
	}
	tx.c.mu.Lock()
	defer tx.c.mu.Unlock()
	for j, i := range miss {
		v := bytes.Clone(vals[j]) // nil stays nil: not found
		out[i] = v
		tx.c.add(string(at(i)), v)
	}
	return out, nil
}

// DropReadCache forgets what the store's read cache holds (Options.ReadCache):
// the next queries read the store again, as a new process would.
func (s *Store) DropReadCache() {
	if s.readCache != nil {
		s.readCache.reset()
	}
}
