package graph

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	hkv "github.com/hidal-go/hidalgo/kv"
	hbolt "github.com/hidal-go/hidalgo/kv/bbolt"
	"github.com/hidal-go/hidalgo/kv/options"
)

// TestReadCacheGenerations checks what the cache keeps within its budget:
// nothing read once, the entries of the current generation, the old
// one's until the next flip, an old entry hit moved to the current one,
// nothing when off, and nothing after reset.
func TestReadCacheGenerations(t *testing.T) {
	key := func(i int) []byte { return []byte(fmt.Sprintf("k%03d", i)) }
	val := []byte("0123456789")
	// each entry counts 4+10+readEntryBytes bytes: 5 to a generation
	c := newReadCache(2 * 5 * (4 + 10 + readEntryBytes))
	c.put(key(0), val)
	if _, ok := c.get(key(0)); ok {
		t.Fatalf("a value read once is kept")
	}
	for i := range 5 {
		c.put(key(i), val)
		c.put(key(i), val)
	}
	if len(c.cur) != 5 || c.old != nil {
		t.Fatalf("after 5 puts: %d current, %d old", len(c.cur), len(c.old))
	}
	c.put(key(5), val)
	c.put(key(5), val) // flips
	if len(c.cur) != 1 || len(c.old) != 5 {
		t.Fatalf("after 6 puts: %d current, %d old", len(c.cur), len(c.old))
	}
	if v, ok := c.get(key(0)); !ok || !bytes.Equal(v, val) {
		t.Errorf("an old entry: %q %v", v, ok)
	}
	if _, ok := c.cur["k000"]; !ok {
		t.Errorf("an old entry hit is not moved to the current generation")
	}
	c.put(key(6), nil)
	c.put(key(6), nil) // not found, remembered
	if v, ok := c.get(key(6)); !ok || v != nil {
		t.Errorf("a key not found: %q %v", v, ok)
	}
	c.off.Store(true)
	if _, ok := c.get(key(0)); ok {
		t.Errorf("a cache turned off answered")
	}
	c.put(key(7), val)
	c.put(key(7), val)
	c.off.Store(false)
	if _, ok := c.get(key(7)); ok {
		t.Errorf("a cache turned off remembered a put")
	}
	c.reset()
	if _, ok := c.get(key(0)); ok || c.size != 0 {
		t.Errorf("a reset cache answered (size %d)", c.size)
	}
	c.put(key(1), val) // read before the reset, once since
	if _, ok := c.get(key(1)); ok {
		t.Errorf("a reset cache remembers which keys were read")
	}
}

// TestReadCacheStore reads a bolt store through the cache and without it:
// the same values by Get and GetBatch (found, not found, hit, miss), the
// same answers to queries run twice, and a write through the cache's
// store forgets what it held.
func TestReadCacheStore(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "s.db")
	st, err := Open(path, Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	doc := checkDoc("a", 30)
	if _, err := st.WriteDocuments(ctx, []Document{doc}); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	plainAnswers := func() []string {
		st, err := Open(path, Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		return queryAnswers(t, st)
	}()

	st, err = Open(path, Options{ReadOnly: true, ReadCache: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if st.readCache == nil {
		t.Fatal("a read-only bolt store opened with ReadCache has no cache")
	}
	for run := range 2 {
		if diff := cmp.Diff(plainAnswers, queryAnswers(t, st)); diff != "" {
			t.Errorf("run %d through the cache (-without +with):\n%s", run, diff)
		}
	}
	if len(st.readCache.cur) == 0 {
		t.Errorf("queries left nothing in the cache")
	}
	// queries at once, as accord serve runs them (-race)
	var wg sync.WaitGroup
	got := make([][]string, 4)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st.DropReadCache() // now and then, meanwhile
			got[i] = queryAnswers(t, st)
		}()
	}
	wg.Wait()
	for i := range got {
		if diff := cmp.Diff(plainAnswers, got[i]); diff != "" {
			t.Errorf("concurrent run %d (-without +with):\n%s", i, diff)
		}
	}

	// Get and GetBatch against bbolt itself
	raw, cached := hbolt.New(st.bolt), cachedKV{KV: hbolt.New(st.bolt), c: newReadCache(1 << 20)}
	var keys []hkv.Key
	err = hkv.View(ctx, raw, func(tx hkv.Tx) error {
		return hkv.Each(ctx, tx, func(k hkv.Key, _ hkv.Value) error {
			if len(keys) < 50 {
				keys = append(keys, append(hkv.Key{[]byte("log")}, bytes.Clone(k[len(k)-1])))
			}
			return nil
		}, options.WithPrefixKV(hkv.Key{[]byte("log")}))
	})
	if err != nil || len(keys) == 0 {
		t.Fatalf("no log keys: %v", err)
	}
	keys = append(keys, hkv.Key{[]byte("log"), []byte("no such key")}, hkv.Key{[]byte("no such bucket"), []byte("k")})
	var want []hkv.Value
	if err := hkv.View(ctx, raw, func(tx hkv.Tx) error {
		vs, err := tx.GetBatch(ctx, keys)
		for _, v := range vs {
			want = append(want, bytes.Clone(v))
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	for run := range 2 {
		err := hkv.View(ctx, cached, func(tx hkv.Tx) error {
			// half by Get first, then all by GetBatch: hits and misses mixed
			for i, k := range keys {
				if (i+run)%2 == 1 {
					continue
				}
				v, err := tx.Get(ctx, k)
				if want[i] == nil && err != hkv.ErrNotFound || want[i] != nil && (err != nil || !bytes.Equal(v, want[i])) {
					t.Errorf("run %d: Get(%q) = %q, %v; want %q", run, k, v, err, want[i])
				}
			}
			got, err := tx.GetBatch(ctx, keys)
			if err != nil {
				return err
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("run %d: GetBatch (-bbolt +cache):\n%s", run, diff)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	// prefix scans: a subject's (subject, predicate) lists, read to their
	// end twice (the second from the cache), read in part (not kept), and
	// a prefix with nothing under it
	var prefixes []hkv.Key
	err = hkv.View(ctx, raw, func(tx hkv.Tx) error {
		return hkv.Each(ctx, tx, func(k hkv.Key, _ hkv.Value) error {
			if len(prefixes) < 20 {
				prefixes = append(prefixes, hkv.Key{[]byte("sp"), bytes.Clone(k[len(k)-1][:8])})
			}
			return nil
		}, options.WithPrefixKV(hkv.Key{[]byte("sp")}))
	})
	if err != nil || len(prefixes) == 0 {
		t.Fatalf("no sp keys: %v", err)
	}
	prefixes = append(prefixes, hkv.Key{[]byte("sp"), []byte("\xff\xff\xff\xff\xff\xff\xff\xff")}, hkv.Key{[]byte("no such bucket"), []byte("x")})
	scan := func(db hkv.KV, pref hkv.Key, limit int) (out []scanEntry) {
		err := hkv.View(ctx, db, func(tx hkv.Tx) error {
			it := tx.Scan(ctx, options.WithPrefixKV(pref))
			defer it.Close()
			for len(out) < limit && it.Next(ctx) {
				var key hkv.Key
				for _, p := range it.Key() {
					key = append(key, bytes.Clone(p))
				}
				out = append(out, scanEntry{key: key, val: bytes.Clone(it.Val())})
			}
			return it.Err()
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	opt := cmp.AllowUnexported(scanEntry{})
	for _, pref := range prefixes {
		want := scan(raw, pref, 1<<30)
		for run, limit := range []int{1, 1 << 30, 1 << 30, 1} {
			got := scan(cached, pref, limit)
			w := want
			if len(w) > limit {
				w = w[:limit]
			}
			if diff := cmp.Diff(w, got, opt); diff != "" {
				t.Errorf("scan %q, run %d (limit %d) (-bbolt +cache):\n%s", pref, run, limit, diff)
			}
		}
		if _, kept := cached.c.get(appendKey([]byte{scanMark}, pref)); !kept && len(want) <= maxScanEntries {
			t.Errorf("scan %q of %d entries read to its end is not kept", pref, len(want))
		}
	}
	// a read-write transaction through the cache forgets it
	if err := cached.Update(ctx, func(tx hkv.Tx) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if len(cached.c.cur) != 0 {
		t.Errorf("a write left %d entries in the cache", len(cached.c.cur))
	}
}

// queryAnswers runs a few queries on st and returns their results.
func queryAnswers(t *testing.T, st *Store) []string {
	t.Helper()
	var out []string
	for _, q := range []string{
		`g.V("<https://w3id.org/accord/id/instrument/sco-charter>").In("<acc:target>").Save("<acc:sentence>", "s").Save("<acc:charStart>", "c").All()`,
		`g.V().Has("<rdf:type>", "<acc:Statement>").Count()`,
		`g.V("<https://w3id.org/accord/doc/a>").Out().All()`,
	} {
		res, err := st.Query(context.Background(), q, QueryOptions{Limit: 1000})
		if err != nil {
			t.Error(err) // (not Fatal: it runs in goroutines too)
		}
		out = append(out, fmt.Sprint(res))
	}
	return out
}

// FuzzScanEncoding checks that decodeScan and splitKey read back what
// encodeScan wrote, and never panic on other bytes.
func FuzzScanEncoding(f *testing.F) {
	f.Add([]byte("sp"), []byte("\x00\x00\x00\x00\x00\x00\x00\x01"), []byte{1, 2, 3}, 2)
	f.Add([]byte{}, []byte{}, []byte{}, 0)
	f.Fuzz(func(t *testing.T, bucket, key, val []byte, n int) {
		if es, ok := decodeScan(append(append(bucket, key...), val...)); ok { // no panic
			for _, e := range es {
				splitKey(e.key)
			}
		}
		n = n % 8
		if n < 0 {
			n = -n
		}
		var want []scanEntry
		var b []byte
		for i := range n {
			e := scanEntry{key: hkv.Key{bucket, append(bytes.Clone(key), byte(i))}, val: append(bytes.Clone(val), byte(i))}
			want = append(want, e)
			b = encodeScan(b, e.key, e.val)
		}
		raw, ok := decodeScan(b)
		if !ok {
			t.Fatalf("decodeScan of %d entries: not ok", n)
		}
		// (compared with bytes.Equal: cmp.Diff walks a byte slice by
		// reflection, and the fuzzer's inputs grow to hundreds of KB)
		if len(raw) != len(want) {
			t.Fatalf("decodeScan of %d entries: %d", len(want), len(raw))
		}
		for i, e := range raw {
			k, ok := splitKey(e.key)
			if !ok {
				t.Fatalf("splitKey(%q): not ok", e.key)
			}
			if len(k) != len(want[i].key) || !bytes.Equal(e.val, want[i].val) {
				t.Fatalf("entry %d: key of %d parts, value %q; want %d parts, %q", i, len(k), e.val, len(want[i].key), want[i].val)
			}
			for j := range k {
				if !bytes.Equal(k[j], want[i].key[j]) {
					t.Fatalf("entry %d, key part %d: %q, want %q", i, j, k[j], want[i].key[j])
				}
			}
		}
	})
}

// scanEntry is one key and value of a scan, as the tests compare them.
type scanEntry struct {
	key hkv.Key
	val hkv.Value
}
