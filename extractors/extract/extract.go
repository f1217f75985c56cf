// Package extract is the entry point of extraction: it reads a file's bytes,
// decodes them, picks the language's pipeline, runs it and resolves the
// mentions into entities. Importing it registers every language accord
// reads, so callers (the CLI, eval, tests) need nothing else.
package extract

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/accordkg/accord/extractors"
	_ "github.com/accordkg/accord/extractors/en" // registers "en" (the English recipe)
	"github.com/accordkg/accord/extractors/text"
	_ "github.com/accordkg/accord/extractors/zh" // registers "zh"
	"github.com/accordkg/accord/schema"
)

// Input is one document to extract.
type Input struct {
	// Path names the file, for messages and the default id ("-" for stdin).
	Path string
	// ID is the document id; empty: derived from Path (DocID).
	ID string
	// Lang is a registered language code, or "" / "auto" to detect it.
	Lang string
	// Encoding forces an encoding; empty: detect.
	Encoding string
	// Raw is the file's content.
	Raw []byte
	// Explain collects notes on every rule match (Document.Notes).
	Explain bool
	// TranslationOf is the id of the document this one translates (written
	// as acc:translationOf); empty: none given (build may still detect one).
	TranslationOf string
	// IssuedAt, when set, is the meeting that issued the document, known
	// from an earlier part of a file read in parts (ExtractParts): the
	// text's 本次峰会, "this summit" resolve to it.
	IssuedAt *extractors.Entity
}

// Extractor runs the registered pipelines with one set of rules; it is safe
// for concurrent use and compiles each language once.
type Extractor struct {
	rules  *schema.Rules
	mu     sync.Mutex
	pipes  map[string]*pipeline
	events *schema.Events
	// resolver resolves every document's mentions, remembering what it
	// derives from the gazetteer across them.
	resolver *extractors.Resolver
}

// New makes an Extractor over rules (schema.LoadBuiltin for the built-in pack).
func New(rules *schema.Rules) *Extractor {
	return &Extractor{rules: rules, pipes: map[string]*pipeline{}, events: schema.MustEvents(), resolver: extractors.NewResolver(rules)}
}

// Rules returns the rules the extractor runs.
func (x *Extractor) Rules() *schema.Rules { return x.rules }

// pipeline is a language's compiled pipeline and its fold with the runes
// it changes (made once: every document's view reads it).
type pipeline struct {
	*extractors.Pipeline
	folds *extractors.FoldSet
}

func (x *Extractor) pipeline(lang string) (*pipeline, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if p, ok := x.pipes[lang]; ok {
		return p, nil
	}
	l, err := extractors.Lookup(lang)
	if err != nil {
		return nil, err
	}
	p, err := l.New(x.rules)
	if err != nil {
		return nil, fmt.Errorf("compiling the %s rules: %w", lang, err)
	}
	c := &pipeline{Pipeline: p, folds: extractors.NewFoldSet(p.Fold)}
	x.pipes[lang] = c
	return c, nil
}

// Compile builds the pipeline of a language now (it is otherwise built on
// first use), so that bad rules fail early.
func (x *Extractor) Compile(lang string) error {
	_, err := x.pipeline(lang)
	return err
}

// InputError is an error in one input file: it names the file.
type InputError struct {
	Path string
	Err  error
}

func (e *InputError) Error() string { return e.Path + ": " + e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

// Extract decodes and extracts one document.
func (x *Extractor) Extract(ctx context.Context, in Input) (*extractors.Result, error) {
	name := in.Path
	if name == "" {
		name = "-"
	}
	fail := func(err error) (*extractors.Result, error) { return nil, &InputError{Path: name, Err: err} }
	txt, enc, err := text.Decode(in.Raw, in.Encoding)
	if err != nil {
		return fail(err)
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm":
		txt = text.FromHTML(txt)
	case ".md", ".markdown":
		txt = text.FromMarkdown(txt)
	}
	if strings.TrimSpace(txt) == "" {
		return fail(text.ErrEmpty)
	}
	id := in.ID
	if id == "" {
		id = DocID(name)
	}
	if id == "" {
		return fail(errors.New("no document id: give one with --doc-id"))
	}
	// A bilingual page: each language's rules read its own lines only.
	if parts := extractors.SplitLanguages(txt); parts != nil {
		if in.Lang != "" && in.Lang != "auto" {
			parts = onlyLang(parts, in.Lang)
		}
		if parts != nil {
			var results []*extractors.Result
			for k, part := range parts {
				res, err := x.run(ctx, in, name, id, part.Lang, enc, txt, part.Other)
				if err != nil {
					return nil, err
				}
				// a second language that names nothing adds nothing (a
				// caption, an English line of a Chinese page)
				if k > 0 && len(res.Entities) == 0 {
					continue
				}
				results = append(results, res)
			}
			return extractors.JoinParts(results), nil
		}
	}
	lang := in.Lang
	if lang == "" || lang == "auto" {
		if lang, err = extractors.DetectLanguage(txt); err != nil {
			return fail(err)
		}
	}
	return x.run(ctx, in, name, id, lang, enc, txt, nil)
}

// onlyLang keeps the part of lang (the language the caller forced), with
// the other languages' lines still left out; nil when lang has none.
func onlyLang(parts []extractors.LangPart, lang string) []extractors.LangPart {
	for _, p := range parts {
		if p.Lang == lang {
			return []extractors.LangPart{p}
		}
	}
	return nil
}

// run reads the normalized text txt with the rules of lang, leaving out the
// byte ranges other (another language's lines of a bilingual page).
func (x *Extractor) run(ctx context.Context, in Input, name, id, lang, enc, txt string, other []extractors.Span) (*extractors.Result, error) {
	fail := func(err error) (*extractors.Result, error) { return nil, &InputError{Path: name, Err: err} }
	p, err := x.pipeline(lang)
	if err != nil {
		return fail(err)
	}
	var layout *extractors.Layout
	if other == nil {
		layout = text.Analyze(txt)
	} else {
		layout = text.Analyze(extractors.MaskSpans(txt, other))
		extractors.ExcludeLines(layout, other)
	}
	d := p.folds.NewDocument(id, name, lang, in.Raw, enc, txt, layout)
	if in.Explain {
		d.Explain()
	}
	if err := p.Run(ctx, d); err != nil {
		var ie *InputError
		if errors.As(err, &ie) {
			return nil, err
		}
		return nil, &InputError{Path: name, Err: errors.Unwrap(err)}
	}
	d.TranslationOf = in.TranslationOf
	// event codes and modes of the statements: language-independent data
	extractors.CodeEvents(d, x.events)
	if in.IssuedAt != nil {
		d.IssuedAt = -1 // not what this part's first paragraph names
	}
	ents := x.resolver.Resolve(d)
	if in.IssuedAt != nil {
		ents = inheritMeeting(d, ents, in.IssuedAt)
	}
	return &extractors.Result{Doc: d, Entities: ents}, nil
}

// inheritMeeting resolves the mentions of the issuing meeting (本次峰会) to
// im, a meeting an earlier part of the file named, in place of whatever this
// part's first paragraph suggested, and drops the entities no mention
// names any more.
func inheritMeeting(d *extractors.Document, ents []*extractors.Entity, im *extractors.Entity) []*extractors.Entity {
	used := map[string]bool{}
	for i := range d.Mentions {
		m := &d.Mentions[i]
		if m.Contextual == "meeting" {
			m.IRI = im.IRI
		}
		used[m.IRI] = true
	}
	var out []*extractors.Entity
	have := false
	for _, e := range ents {
		if e.IRI == im.IRI {
			have = true
		}
		if used[e.IRI] {
			out = append(out, e)
		}
	}
	if !have && used[im.IRI] {
		out = append(out, im)
		sort.Slice(out, func(i, j int) bool { return out[i].IRI < out[j].IRI })
	}
	return out
}

// ExtractFile reads and extracts the file at path ("-": standard input).
func (x *Extractor) ExtractFile(ctx context.Context, path string, in Input) (*extractors.Result, error) {
	var raw []byte
	var err error
	if path == "-" {
		raw, err = readAllStdin()
	} else {
		raw, err = os.ReadFile(path)
	}
	if err != nil {
		return nil, &InputError{Path: path, Err: err}
	}
	in.Path, in.Raw = path, raw
	return x.Extract(ctx, in)
}

var readAllStdin = func() ([]byte, error) { return io.ReadAll(os.Stdin) }

// DocID derives a document id from a file name: the base name up to its
// first dot (qingdao-2018.zh.txt → qingdao-2018); "stdin" for "-".
func DocID(path string) string {
	if path == "-" || path == "" {
		return "stdin"
	}
	base := filepath.Base(path)
	if i := strings.IndexByte(base, '.'); i > 0 {
		base = base[:i]
	}
	return base
}
