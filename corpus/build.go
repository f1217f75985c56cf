// Package corpus builds collections of documents into a store: it walks the
// inputs, extracts with a pool of workers, and writes through one writer,
// whole documents gathered into batches (graph.Store.WriteDocuments),
// skipping documents whose bytes and rules have not changed since they
// were last built. Memory stays bounded: documents stream from the walker
// through the workers to the writer, whose batches the store sizes. It
// also makes synthetic corpora for benchmarks and scale tests (gen.go).
package corpus

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/accordkg/accord/extractors"
	"github.com/accordkg/accord/extractors/extract"
	"github.com/accordkg/accord/graph"
	"github.com/accordkg/accord/schema"
)

// Exts are the file endings read in a directory.
var Exts = []string{".txt", ".html", ".htm", ".md"}

// Options say how to build.
type Options struct {
	// Inputs are files and directories ("-" for standard input).
	Inputs []string
	// Jobs is the number of extraction workers (0: GOMAXPROCS).
	Jobs int
	// KeepGoing builds the good documents when some fail; otherwise the
	// first failure stops the build.
	KeepGoing bool
	// Input carries the language, encoding and explain settings.
	Input extract.Input
	// Stdin reads "-".
	Stdin func() ([]byte, error)
	// Progress, when set, is called after every document and at the end.
	Progress func(Progress)
	// BatchQuads is how many quads the writer gathers, whole documents at
	// a time, before it writes them in one change
	// (graph.Store.WriteDocuments); 0 means what the store advises
	// (graph.Store.BatchQuads), 1 one document per change.
	BatchQuads int
	// PartSize is the size in bytes above which a plain-text file is read
	// in parts of a quarter of it (extract.ExtractParts), memory bounded,
	// and written part by part (graph.Store.AppendDocument); 0: 4 MiB,
	// negative: every file is read whole.
	PartSize int64
}

// DefaultPartSize is Options.PartSize's default.
// Extraction holds about 100 bytes of memory per byte of a document read
// whole (its mentions, statements and quads), a transaction writing its
// quads to bolt several times more: parts of 1 MiB keep a build within
// about 1 GB whatever the size of its files.
const DefaultPartSize = 4 << 20

// Progress is the state of a build.
type Progress struct {
	Files, Done, Skipped, Failed int
	Bytes                        int64
	Quads                        int
	Elapsed                      time.Duration
	Finished                     bool
}

// FileError is one input that could not be built.
type FileError struct {
	Path string
	Err  error
}

func (e FileError) Error() string {
	var ie *extract.InputError
	if errors.As(e.Err, &ie) {
		return e.Err.Error()
	}
	return e.Path + ": " + e.Err.Error()
}

// Summary is what a build did.
type Summary struct {
	Docs, Skipped  int
	Failed         []FileError
	Entities       map[string]map[string]bool // class → IRIs
	Relations      map[string]int             // predicate short name → edges
	Statements     int
	Added, Removed int
	Elapsed        time.Duration
	// Interrupted is set when the context was cancelled before the end.
	Interrupted bool
	// Last is the last document written.
	Last string
}

// Walk returns the files named by inputs: files as given, directories
// walked for files with one of Exts (sorted, hidden entries skipped).
func Walk(inputs []string) ([]string, error) {
	var out []string
	for _, a := range inputs {
		if a == "-" {
			out = append(out, a)
			continue
		}
		st, err := os.Stat(a)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			out = append(out, a)
			continue
		}
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if p != a && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			ext := strings.ToLower(filepath.Ext(p))
			for _, e := range Exts {
				if ext == e {
					out = append(out, p)
					break
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Fingerprint is the hash that decides whether a document must be built
// again: its bytes, the rules, and the language and encoding asked for.
func Fingerprint(raw []byte, rules string, in extract.Input) string {
	h := sha256.New()
	h.Write(raw)
	fmt.Fprintf(h, "\x00%s\x00%s\x00%s", rules, in.Lang, in.Encoding)
	return hex.EncodeToString(h.Sum(nil))
}

type job struct {
	path string
	raw  []byte
	id   string
	fp   string
	// large is set for a file read in parts by the writer (raw is nil)
	large bool
}

// FingerprintFile is Fingerprint of a file's content, read as a stream.
func FingerprintFile(path, rules string, in extract.Input) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	fmt.Fprintf(h, "\x00%s\x00%s\x00%s", rules, in.Lang, in.Encoding)
	return hex.EncodeToString(h.Sum(nil)), nil
}

// largeFile reports whether the file at path is read in parts.
func (o Options) largeFile(path string) bool {
	limit := o.PartSize
	if limit == 0 {
		limit = DefaultPartSize
	}
	if limit < 0 || path == "-" {
		return false
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".html", ".htm", ".md", ".markdown":
		return false
	}
	fi, err := os.Stat(path)
	return err == nil && fi.Size() > limit
}

type result struct {
	job
	res *extractors.Result
	err error
}

// pending is an extracted document waiting in the writer's batch, with
// every quad it will be written with.
type pending struct {
	result
	quads []quad.Quad
}

// issuedAt returns the meeting that issued doc (acc:issuedAt), or "".
func issuedAt(doc string, qs []quad.Quad) string {
	for _, q := range qs {
		if s, ok := q.Subject.(quad.IRI); !ok || string(s) != doc {
			continue
		}
		q = graph.FullQuad(q)
		if p, _ := q.Predicate.(quad.IRI); string(p) == schema.IssuedAt {
			if m, ok := q.Object.(quad.IRI); ok {
				return string(m)
			}
		}
	}
	return ""
}

// Build extracts every input and writes it to st. Documents whose
// fingerprint matches the one stored are skipped without extracting.
func Build(ctx context.Context, x *extract.Extractor, st *graph.Store, o Options) (*Summary, error) {
	start := time.Now()
	files, err := Walk(o.Inputs)
	if err != nil {
		return nil, err
	}
	known, err := st.Fingerprints(ctx)
	if err != nil {
		return nil, fmt.Errorf("reading the store: %w", err)
	}
	// the vocabulary graph (event codes of the predicates): written once,
	// unchanged afterwards; not a document, so not in the summary
	if _, err := st.WriteVocabulary(ctx); err != nil {
		return nil, fmt.Errorf("writing the vocabulary: %w", err)
	}
	rules := x.Rules().Fingerprint()
	align, err := alignOptions(x)
	if err != nil {
		return nil, err
	}
	jobs := o.Jobs
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	sum := &Summary{Entities: map[string]map[string]bool{}, Relations: map[string]int{}}
	prog := Progress{Files: len(files)}
	report := func() {
		if o.Progress != nil {
			prog.Elapsed = time.Since(start)
			o.Progress(prog)
		}
	}
	// Stop reading and extracting when ctx is done; the writer always
	// writes the documents it has (whole).
	work, stop := context.WithCancel(ctx)
	defer stop()
	jobsCh := make(chan job, jobs)
	results := make(chan result, jobs)
	var failMu sync.Mutex
	fail := func(path string, err error) {
		failMu.Lock()
		sum.Failed = append(sum.Failed, FileError{Path: path, Err: err})
		failMu.Unlock()
	}
	skipped := make(chan struct{}, len(files)+1)
	// senders counts the goroutines that send on results (the reader and
	// the workers): results is closed when all are done, never before (a
	// cancelled build's workers end early while the reader may still be
	// reporting a bad file)
	var senders sync.WaitGroup
	// send hands r to the writer, or drops it once the build is stopped
	send := func(r result) bool {
		select {
		case results <- r:
			return true
		case <-work.Done():
			return false
		}
	}
	// reader: bytes in, unchanged documents skipped
	senders.Add(1)
	go func() {
		defer senders.Done()
		defer close(jobsCh)
		ids := map[string]string{}
		for _, f := range files {
			if work.Err() != nil {
				return
			}
			id := o.Input.ID
			if id == "" {
				id = extract.DocID(f)
			}
			if o.largeFile(f) {
				// read in parts by the writer, never whole
				if prev, dup := ids[id]; dup {
					if !send(result{job: job{path: f}, err: fmt.Errorf("document id %s is also the id of %s", id, prev)}) {
						return
					}
					continue
				}
				ids[id] = f
				fp, err := FingerprintFile(f, rules, o.Input)
				if err != nil {
					if !send(result{job: job{path: f}, err: err}) {
						return
					}
					continue
				}
				if known[schema.DocIRI(id)] == fp {
					skipped <- struct{}{}
					continue
				}
				if !send(result{job: job{path: f, id: id, fp: fp, large: true}}) {
					return
				}
				continue
			}
			var raw []byte
			var err error
			if f == "-" {
				if o.Stdin == nil {
					err = errors.New("no standard input")
				} else {
					raw, err = o.Stdin()
				}
			} else {
				raw, err = os.ReadFile(f)
			}
			if err != nil {
				if !send(result{job: job{path: f}, err: err}) {
					return
				}
				continue
			}
			if prev, dup := ids[id]; dup {
				if !send(result{job: job{path: f}, err: fmt.Errorf("document id %s is also the id of %s", id, prev)}) {
					return
				}
				continue
			}
			ids[id] = f
			fp := Fingerprint(raw, rules, o.Input)
			if known[schema.DocIRI(id)] == fp {
				skipped <- struct{}{}
				continue
			}
			select {
			case jobsCh <- job{path: f, raw: raw, id: id, fp: fp}:
			case <-work.Done():
				return
			}
		}
	}()
	// workers
	for i := 0; i < jobs; i++ {
		senders.Add(1)
		go func() {
			defer senders.Done()
			for j := range jobsCh {
				in := o.Input
				in.Path, in.Raw, in.ID = j.path, j.raw, j.id
				res, err := x.Extract(work, in)
				if !send(result{job: j, res: res, err: err}) {
					return
				}
			}
		}()
	}
	go func() {
		senders.Wait()
		close(results)
	}()
	// the one writer: documents gathered into batches of about
	// batchQuads() quads, each batch written in one change
	batchQuads := func() int {
		if o.BatchQuads > 0 {
			return o.BatchQuads
		}
		return st.BatchQuads()
	}
	var (
		firstErr error
		batch    []pending
		nBatch   int
		// the meetings that issued the documents of the batch, and whether
		// one of them replaces a document already in the store
		batchIssued  = map[string]bool{}
		batchDocs    = map[string]bool{}
		batchChanged bool
	)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		docs := make([]graph.Document, len(batch))
		for i, p := range batch {
			docs[i] = graph.Document{IRI: p.res.DocIRI(), Quads: p.quads}
		}
		// the write is not cancelled: a batch goes in whole
		stats, err := st.WriteDocuments(context.Background(), docs)
		if err != nil {
			return err
		}
		for i, p := range batch {
			sum.add(p.res, p.quads, stats[i])
			sum.Last = p.path
			prog.Done++
			prog.Bytes += int64(len(p.raw))
			prog.Quads += stats[i].Added
			report()
		}
		clear(batch)
		batch, nBatch, batchChanged = batch[:0], 0, false
		clear(batchIssued)
		clear(batchDocs)
		return nil
	}
	// failed records a file the writer could not build, and stops the
	// build at the first with --fail-fast
	failed := func(path string, err error) {
		fail(path, err)
		prog.Failed++
		report()
		if !o.KeepGoing && firstErr == nil {
			firstErr = FileError{Path: path, Err: err}
			stop()
		}
	}
	for r := range results {
		for len(skipped) > 0 {
			<-skipped
			sum.Skipped++
			prog.Skipped++
		}
		if r.err != nil {
			failed(r.path, r.err)
			continue
		}
		if r.large {
			if work.Err() != nil {
				continue
			}
			if err := flush(); err != nil {
				stop()
				return sum, err
			}
			// stopped (SIGINT): the file was removed whole, nothing failed
			if err := buildInParts(work, x, st, o, r.job, align, sum, &prog, report); err != nil && work.Err() == nil {
				failed(r.path, err)
			}
			continue
		}
		if work.Err() != nil && r.res == nil {
			continue
		}
		doc := r.res.DocIRI()
		qs := r.res.Quads()
		qs = append(qs, quad.Quad{Subject: quad.IRI(doc), Predicate: quad.IRI(schema.Fingerprint), Object: quad.String(r.fp), Label: quad.IRI(doc)})
		// The translation links read the documents of the store issued at
		// the same meeting: write the batch first when it holds one of
		// them (a new one, or a new version of one the store holds).
		issued := issuedAt(doc, qs)
		if issued != "" && len(batch) > 0 {
			conflict := batchIssued[issued]
			if !conflict && batchChanged {
				there, err := st.DocumentsIssuedAt(context.Background(), issued)
				if err != nil {
					stop()
					return sum, err
				}
				for _, d := range there {
					conflict = conflict || batchDocs[d]
				}
			}
			if conflict {
				if err := flush(); err != nil {
					stop()
					return sum, err
				}
			}
		}
		// a translation of a document already in the store (same issuing
		// meeting and title entities, another language): acc:translationOf
		// and the entities only the texts name merged with the translated
		// document's (graph.AlignTranslation)
		qs, err := st.LinkTranslations(context.Background(), doc, qs, align)
		if err != nil {
			stop()
			return sum, err
		}
		if len(qs) > st.AtomicQuads() {
			// more than one transaction should hold: the batch first, then
			// the document alone, in several (removed again if stopped)
			if err := flush(); err != nil {
				stop()
				return sum, err
			}
			ws, err := st.WriteLargeDocument(work, doc, qs)
			if err != nil {
				if work.Err() == nil {
					failed(r.path, err)
				}
				continue
			}
			sum.add(r.res, qs, ws)
			sum.Last = r.path
			prog.Done++
			prog.Bytes += int64(len(r.raw))
			prog.Quads += ws.Added
			report()
			continue
		}
		batch = append(batch, pending{result: r, quads: qs})
		nBatch += len(qs)
		batchDocs[doc] = true
		if issued != "" {
			batchIssued[issued] = true
		}
		if _, ok := known[doc]; ok {
			batchChanged = true
		}
		if nBatch >= batchQuads() {
			if err := flush(); err != nil {
				stop()
				return sum, err
			}
		}
	}
	if err := flush(); err != nil {
		return sum, err
	}
	for len(skipped) > 0 {
		<-skipped
		sum.Skipped++
		prog.Skipped++
	}
	sum.Interrupted = ctx.Err() != nil
	sum.Elapsed = time.Since(start)
	prog.Finished = true
	report()
	sort.Slice(sum.Failed, func(i, j int) bool { return sum.Failed[i].Path < sum.Failed[j].Path })
	if firstErr != nil {
		return sum, firstErr
	}
	return sum, nil
}

// alignOptions are the cross-language alignment settings of a build: the
// gazetteer's entities are never merged, and two names merge only when of
// one kind (schema/data/align/kinds.yaml).
func alignOptions(x *extract.Extractor) (graph.AlignOptions, error) {
	kinds, err := schema.LoadKinds()
	if err != nil {
		return graph.AlignOptions{}, err
	}
	known := x.Rules().GazetteerIRIs()
	return graph.AlignOptions{Known: func(iri string) bool { return known[iri] }, Compatible: kinds.Compatible}, nil
}

// buildInParts reads a large file in parts and writes it part by part:
// the first replaces the document, the others are added to it, and its
// content hash and fingerprint go in last. If it fails or is stopped
// after the first part, the document is removed: absent as a whole.
func buildInParts(ctx context.Context, x *extract.Extractor, st *graph.Store, o Options, j job, align graph.AlignOptions,
	sum *Summary, prog *Progress, report func()) error {
	in := o.Input
	in.ID = j.id
	doc := schema.DocIRI(j.id)
	// begun: in the store's journal; written: the old version removed
	begun, written := false, false
	limit := o.PartSize
	if limit <= 0 {
		limit = DefaultPartSize
	}
	// parts of a quarter of the limit (1 MiB, about 230,000 quads, by
	// default), each written in transactions of the size the store
	// advises (AppendDocument)
	part := limit / 4
	hash, err := x.ExtractParts(ctx, j.path, in, extract.PartOptions{PartSize: int(part), MaxLine: int(max(limit, 4*part))}, func(res *extractors.Result) error {
		qs := res.Quads()
		var ws graph.WriteStats
		var err error
		if res.Offset.Part == 0 {
			if qs, err = st.LinkTranslations(context.Background(), doc, qs, align); err != nil {
				return err
			}
			// an older version of the document goes first (in several
			// transactions when it is large: RemoveDocument), then every
			// part is appended in transactions of the size the store
			// advises, so that no transaction holds a whole part; the
			// document is in the store's journal from before the removal
			// to the end, for the next Open to remove if the process dies
			// in between (and another writer of it is refused)
			if err = st.BeginInParts(doc); err != nil {
				return err
			}
			begun = true
			if ws.Removed, err = st.RemoveDocument(context.Background(), doc); err != nil {
				return err
			}
			written = true
			sum.Docs++
		}
		added, err := st.AppendDocument(ctx, doc, qs)
		if err != nil {
			return err
		}
		ws.Added = added.Added
		sum.count(res, qs, ws)
		prog.Quads += ws.Added
		report()
		return nil
	})
	if err == nil {
		last := []quad.Quad{
			{Subject: quad.IRI(doc), Predicate: quad.IRI(schema.ContentHash), Object: quad.String(hash), Label: quad.IRI(doc)},
			{Subject: quad.IRI(doc), Predicate: quad.IRI(schema.Fingerprint), Object: quad.String(j.fp), Label: quad.IRI(doc)},
		}
		var ws graph.WriteStats
		if ws, err = st.AppendDocument(context.Background(), doc, last); err == nil {
			sum.Added += ws.Added
			sum.Last = j.path
			prog.Done++
			if fi, serr := os.Stat(j.path); serr == nil {
				prog.Bytes += fi.Size()
			}
			report()
			return st.EndInParts(doc, true)
		}
	}
	// what was written of it removed, the document is absent as a whole;
	// if that fails, or the removal of its old version did, it stays in
	// the journal, for the next Open to remove
	done := false
	if written {
		if _, rerr := st.RemoveDocument(context.Background(), doc); rerr != nil {
			err = fmt.Errorf("%w (and removing what was written of it: %v)", err, rerr)
		} else {
			done = true
			sum.Docs--
		}
	}
	if begun {
		err = errors.Join(err, st.EndInParts(doc, done))
	}
	return err
}

func (s *Summary) add(res *extractors.Result, qs []quad.Quad, ws graph.WriteStats) {
	s.Docs++
	s.count(res, qs, ws)
}

// count adds what one write of a document (or of one part of it) holds.
func (s *Summary) count(res *extractors.Result, qs []quad.Quad, ws graph.WriteStats) {
	for _, e := range res.Entities {
		if s.Entities[e.Class.Name] == nil {
			s.Entities[e.Class.Name] = map[string]bool{}
		}
		s.Entities[e.Class.Name][e.IRI] = true
	}
	for _, q := range qs {
		p, _ := q.Predicate.(quad.IRI)
		if schema.IsScoredPredicate(string(p)) {
			s.Relations[schema.ShortName(string(p))]++
		}
		if string(p) == schema.Type {
			if o, _ := q.Object.(quad.IRI); string(o) == schema.Statement {
				s.Statements++
			}
		}
	}
	s.Added += ws.Added
	s.Removed += ws.Removed
}

// String is the one-paragraph summary build prints.
func (s *Summary) String(db, backend string) string {
	var ents []string
	total := 0
	for _, c := range schema.Classes {
		if n := len(s.Entities[c.Name]); n > 0 {
			ents = append(ents, fmt.Sprintf("%d %s", n, c.Name))
			total += n
		}
	}
	var preds []string
	rels := 0
	for p, n := range s.Relations {
		preds = append(preds, fmt.Sprintf("%s %d", p, n))
		rels += n
	}
	sort.Strings(preds)
	msg := fmt.Sprintf("Built %d document(s) into %s (%s) in %.2fs", s.Docs, db, backend, s.Elapsed.Seconds())
	if s.Skipped > 0 {
		msg += fmt.Sprintf(", %d unchanged and skipped", s.Skipped)
	}
	if len(s.Failed) > 0 {
		msg += fmt.Sprintf(", %d failed", len(s.Failed))
	}
	return msg + fmt.Sprintf(": %s; %s with %d evidence statements; %d quads written, %d removed.",
		counted(total, "entities", ents), counted(rels, "relations", preds), s.Statements, s.Added, s.Removed)
}

// counted is "n noun (parts)", or "n noun" when there are no parts.
func counted(n int, noun string, parts []string) string {
	if len(parts) == 0 {
		return fmt.Sprintf("%d %s", n, noun)
	}
	return fmt.Sprintf("%d %s (%s)", n, noun, strings.Join(parts, ", "))
}
