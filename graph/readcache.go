package graph

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"hash/maphash"
	"sync"
	"sync/atomic"

	hkv "github.com/hidal-go/hidalgo/kv"
	"github.com/hidal-go/hidalgo/kv/options"
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
// transactions' Get and GetBatch return, and the short prefix scans they
// read to their end (a node's index lists), up to a budget of bytes.
// Other scans (whole buckets, long lists) go to bbolt as before.

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
	// seen is a set of hashes of the keys read once: a value is kept
	// the second time its key is read (a doorkeeper). A query that reads
	// a million records once each (a cold run) then pays a hash and a
	// bit for each, not a copy, two allocations and a map insert, which
	// made such runs up to 1.5× slower; what is read again, within a
	// query or by the next, is kept. Cleared when the generations turn.
	seen []uint64
	seed maphash.Seed
}

// seenBits is the size of readCache.seen, in bits (2 MiB).
const seenBits = 1 << 24

// readEntryBytes is the bookkeeping counted for each entry besides its
// key and value (map slot, string and slice headers).
const readEntryBytes = 64

func newReadCache(budget int) *readCache {
	return &readCache{budget: budget, cur: map[string][]byte{}, seen: make([]uint64, seenBits/64), seed: maphash.MakeSeed()}
}

// admit reports whether a value read for k is to be kept: whether k was
// read before (or a key of the same hash was), marking it read.
func (c *readCache) admit(k []byte) bool {
	h := maphash.Bytes(c.seed, k) % seenBits
	w, b := h/64, uint64(1)<<(h%64)
	if c.seen[w]&b != 0 {
		return true
	}
	c.seen[w] |= b
	return false
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

// put remembers a copy of v (nil: not found) for k, if k was read before
// (admit).
func (c *readCache) put(k []byte, v []byte) {
	if c.off.Load() {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.keep(k, v)
}

// keep is put with c.mu held.
func (c *readCache) keep(k []byte, v []byte) {
	if c.admit(k) {
		c.add(string(k), bytes.Clone(v)) // (nil stays nil)
	}
}

func (c *readCache) add(k string, v []byte) {
	if _, ok := c.cur[k]; ok {
		return
	}
	n := len(k) + len(v) + readEntryBytes
	// each generation holds half the budget
	if c.size+n > c.budget/2 {
		c.old, c.cur, c.size = c.cur, make(map[string][]byte, len(c.cur)), 0
		clear(c.seen)
	}
	c.cur[k] = v
	c.size += n
}

// reset forgets everything: a write went through.
func (c *readCache) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cur, c.old, c.size = map[string][]byte{}, nil, 0
	clear(c.seen)
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
		// (put copies it: the value lives in bbolt's mapping only as
		// long as the transaction)
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
		out[i] = vals[j] // (nil: not found)
		tx.c.keep(at(i), vals[j])
	}
	return out, nil
}

// The read cache keeps short prefix scans too (the index lists of a node:
// a few keys), under keys that start with scanMark, which no key of a Get
// starts with (its first byte is the length of a bucket's name).
const (
	scanMark = 0xff
	// maxScanEntries and maxScanBytes bound a scan the cache keeps; a
	// longer one is read from bbolt every time.
	maxScanEntries = 64
	maxScanBytes   = 16 << 10
)

// Scan reads a scan over one prefix, within a bucket, from the cache when
// it read the same scan to its end before, else from bbolt, keeping it
// when it is read to its end and is short. Other scans (a whole bucket,
// other options) go to bbolt.
func (tx cachedTx) Scan(ctx context.Context, opts ...hkv.IteratorOption) hkv.Iterator {
	if len(opts) != 1 || tx.c.off.Load() {
		return tx.Tx.Scan(ctx, opts...)
	}
	p, ok := opts[0].(options.PrefixKV)
	if !ok || len(p.Pref) < 2 {
		return tx.Tx.Scan(ctx, opts...)
	}
	k := appendKey([]byte{scanMark}, p.Pref)
	if v, ok := tx.c.get(k); ok {
		// (a kept scan decodes: recordingIterator wrote it, its keys
		// in appendKey's form)
		if entries, ok := decodeScan(v); ok {
			return &replayIterator{entries: entries, i: -1}
		}
	}
	return &recordingIterator{Iterator: tx.Tx.Scan(ctx, opts...), c: tx.c, key: k}
}

// encodeScan appends a scan's key (in appendKey's form) and value, each
// after its length, to b.
func encodeScan(b []byte, key hkv.Key, val hkv.Value) []byte {
	k := appendKey(nil, key)
	b = binary.AppendUvarint(b, uint64(len(k)))
	b = append(b, k...)
	b = binary.AppendUvarint(b, uint64(len(val)))
	return append(b, val...)
}

// decodeScan reads what encodeScan wrote, each key left in appendKey's
// form (splitKey reads it); ok is false for bytes it did not write.
func decodeScan(b []byte) (out []rawEntry, ok bool) {
	chunks, ok := splitChunks(b)
	if !ok || len(chunks)%2 != 0 {
		return nil, false
	}
	for i := 0; i < len(chunks); i += 2 {
		out = append(out, rawEntry{key: chunks[i], val: chunks[i+1]})
	}
	return out, true
}

// splitChunks cuts b into the chunks it holds, each after its length (a
// uvarint); ok is false when b ends inside one.
func splitChunks(b []byte) (out [][]byte, ok bool) {
	for len(b) > 0 {
		n, w := binary.Uvarint(b)
		if w <= 0 || uint64(len(b)-w) < n {
			return nil, false
		}
		out = append(out, b[w:w+int(n)])
		b = b[w+int(n):]
	}
	return out, true
}

// rawEntry is a scan's key in appendKey's form and its value.
type rawEntry struct {
	key, val []byte
}

// splitKey reads a key in appendKey's form back into its parts.
func splitKey(b []byte) (hkv.Key, bool) {
	parts, ok := splitChunks(b)
	return hkv.Key(parts), ok
}

// replayIterator iterates over a scan the cache kept. (Cayley reads only
// the values: a key is split into its parts when asked for.)
type replayIterator struct {
	entries []rawEntry
	i       int
}

func (it *replayIterator) Next(context.Context) bool {
	if it.i < len(it.entries) {
		it.i++
	}
	return it.i < len(it.entries)
}
func (it *replayIterator) Key() hkv.Key {
	k, _ := splitKey(it.entries[it.i].key) // (appendKey wrote it)
	return k
}
func (it *replayIterator) Val() hkv.Value { return it.entries[it.i].val }
func (it *replayIterator) Err() error     { return nil }
func (it *replayIterator) Close() error   { return nil }
func (it *replayIterator) Reset()         { it.i = -1 }

// recordingIterator is a scan of bbolt that the cache keeps once it has
// been read to its end, if it is short.
type recordingIterator struct {
	hkv.Iterator
	c   *readCache
	key []byte
	// buf is the entries read so far (encodeScan); n how many; long: too
	// many to keep
	buf  []byte
	n    int
	long bool
}

func (it *recordingIterator) Next(ctx context.Context) bool {
	if !it.Iterator.Next(ctx) {
		if !it.long && it.Iterator.Err() == nil {
			it.c.put(it.key, it.buf)
			it.long = true // kept once
		}
		return false
	}
	if !it.long {
		it.n++
		it.buf = encodeScan(it.buf, it.Iterator.Key(), it.Iterator.Val())
		it.long = it.n > maxScanEntries || len(it.buf) > maxScanBytes
	}
	return true
}

func (it *recordingIterator) Reset() {
	it.Iterator.Reset()
	it.buf, it.n, it.long = it.buf[:0], 0, false
}

// DropReadCache forgets what the store's read cache holds (Options.ReadCache):
// the next queries read the store again, as a new process would.
func (s *Store) DropReadCache() {
	if s.readCache != nil {
		s.readCache.reset()
	}
}
