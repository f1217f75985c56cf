package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/urfave/cli/v2"

	"github.com/accordkg/accord/extractors"
	"github.com/accordkg/accord/extractors/extract"
	"github.com/accordkg/accord/extractors/text"
	"github.com/accordkg/accord/graph"
	"github.com/accordkg/accord/schema"
)

func langFlag() *cli.StringFlag {
	return &cli.StringFlag{Name: "lang", Value: "auto", Usage: "the text's language: auto or one of " + strings.Join(extractors.Names(), ", ")}
}

func encodingFlag() *cli.StringFlag {
	return &cli.StringFlag{Name: "encoding", Usage: "force the input encoding (" + strings.Join(text.Encodings, ", ") + "); detected when empty"}
}

// translationOfFlag names the document a text translates (issue 6: one
// graph across languages); build also finds translations by itself.
func translationOfFlag() *cli.StringFlag {
	return &cli.StringFlag{Name: "translation-of", Usage: "the id of the document this text translates (acc:translationOf); build also detects it from the same issuing meeting and title"}
}

// newExtractor loads the rules (built-in and the command's --rules packs)
// and compiles them.
func newExtractor(c *cli.Context) (*extract.Extractor, error) {
	r, err := loadRules(c)
	if err != nil {
		return nil, err
	}
	return compile(r)
}

func newExtractCmd() *cli.Command {
	return &cli.Command{
		Name:      "extract",
		Usage:     "extract entities, stances and facts from files and print them (no store)",
		ArgsUsage: "FILE... (- for standard input)",
		Description: "Prints the quads of each document: N-Quads by default, or JSON lines (one\n" +
			"object per entity, statement and fact, with byte offsets) with --format jsonl.\n\n" +
			"Example:\n   accord extract datasets/qingdao-2018/qingdao-2018.zh.txt | head",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Value: "nquads", Usage: "nquads or jsonl"},
			langFlag(), encodingFlag(), rulesFlag(),
			&cli.StringFlag{Name: "doc-id", Usage: "the document id (default: the file name up to its first dot); one file only"},
			translationOfFlag(),
			&cli.BoolFlag{Name: "explain", Usage: "print, per sentence, every match of every rule and why discarded ones were dropped"},
			partSizeFlag(),
		},
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return usageError("extract: name at least one file (- for standard input)")
			}
			if c.IsSet("doc-id") && c.NArg() > 1 {
				return usageError("extract: --doc-id names one document; give one file")
			}
			format := c.String("format")
			if format != "nquads" && format != "jsonl" {
				return usageError("extract: unknown format %q (nquads, jsonl)", format)
			}
			x, err := newExtractor(c)
			if err != nil {
				return err
			}
			w := bufio.NewWriter(c.App.Writer)
			write := func(res *extractors.Result, seen map[string]bool) error {
				switch {
				case c.Bool("explain"):
					return writeExplain(w, res)
				case format == "jsonl":
					return writeJSONL(w, res, seen)
				}
				return writeQuads(w, res.Quads())
			}
			for _, path := range c.Args().Slice() {
				// a large file: read in parts, memory bounded
				if inParts(c, path) {
					seen := map[string]bool{}
					hash, err := x.ExtractParts(c.Context, path, extractInput(c), partOptions(c), func(res *extractors.Result) error {
						return write(res, seen)
					})
					if err == nil {
						if format == "nquads" && !c.Bool("explain") {
							doc := quad.IRI(schema.DocIRI(docIDOf(c, path)))
							err = writeQuads(w, []quad.Quad{{Subject: doc, Predicate: quad.IRI(schema.ContentHash), Object: quad.String(hash), Label: doc}})
						}
						if err != nil {
							return err
						}
						continue
					}
					if !errors.Is(err, extract.ErrNotPartable) {
						return err
					}
				}
				res, err := readAndExtract(c, x, path)
				if err != nil {
					return err
				}
				if err := write(res, map[string]bool{}); err != nil {
					return err
				}
			}
			return w.Flush()
		},
	}
}

// partSizeFlag sets the size above which a file is read in parts.
func partSizeFlag() *cli.IntFlag {
	return &cli.IntFlag{Name: "part-size", Value: 4, Usage: "read a plain-text file larger than this many MiB in parts of a quarter of it, cut at paragraph ends, so memory stays bounded (0: always whole)"}
}

// inParts reports whether the file at path is read in parts (--part-size).
func inParts(c *cli.Context, path string) bool {
	mb := c.Int("part-size")
	if mb <= 0 || path == "-" {
		return false
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".html", ".htm", ".md", ".markdown":
		return false
	}
	fi, err := os.Stat(path)
	return err == nil && fi.Size() > int64(mb)<<20
}

// partSizeBytes is --part-size for corpus.Options (negative: never in parts).
func partSizeBytes(c *cli.Context) int64 {
	if mb := c.Int("part-size"); mb > 0 {
		return int64(mb) << 20
	}
	return -1
}

func partOptions(c *cli.Context) extract.PartOptions {
	return extract.PartOptions{PartSize: c.Int("part-size") << 20 / 4}
}

func docIDOf(c *cli.Context, path string) string {
	if id := c.String("doc-id"); id != "" {
		return id
	}
	return extract.DocID(path)
}

func writeQuads(w io.Writer, qs []quad.Quad) error {
	return graph.WriteNQuads(w, func(fn func(quad.Quad) error) error {
		for _, q := range qs {
			if err := fn(q); err != nil {
				return err
			}
		}
		return nil
	})
}

func extractInput(c *cli.Context) extract.Input {
	return extract.Input{Lang: c.String("lang"), Encoding: c.String("encoding"), ID: c.String("doc-id"), Explain: c.Bool("explain"), TranslationOf: c.String("translation-of")}
}

func readAndExtract(c *cli.Context, x *extract.Extractor, path string) (*extractors.Result, error) {
	in := extractInput(c)
	if path == "-" {
		raw, err := io.ReadAll(c.App.Reader)
		if err != nil {
			return nil, err
		}
		in.Path, in.Raw = "-", raw
		return x.Extract(c.Context, in)
	}
	return x.ExtractFile(c.Context, path, in)
}

// jsonl records
type jsonEntity struct {
	Kind     string   `json:"kind"`
	IRI      string   `json:"iri"`
	Class    string   `json:"class"`
	Label    string   `json:"label"`
	English  string   `json:"en,omitempty"`
	Alt      []string `json:"alt,omitempty"`
	Wikidata string   `json:"wikidata,omitempty"`
}

// jsonMention places a mention: byte offsets and rune (character) offsets
// into the normalized text, the same characters as acc:charStart counts.
type jsonMention struct {
	Text      string `json:"text"`
	IRI       string `json:"iri"`
	ByteStart int    `json:"byte_start"`
	ByteEnd   int    `json:"byte_end"`
	CharStart int    `json:"char_start"`
	CharEnd   int    `json:"char_end"`
}

// jsonSpan places words that are no entity (a trigger, a fact's cue, a
// date): byte and rune offsets into the normalized text.
type jsonSpan struct {
	Text      string `json:"text"`
	ByteStart int    `json:"byte_start"`
	ByteEnd   int    `json:"byte_end"`
	CharStart int    `json:"char_start"`
	CharEnd   int    `json:"char_end"`
}

// jsonDocument is the first record of a document: its node's properties.
type jsonDocument struct {
	Kind          string   `json:"kind"`
	IRI           string   `json:"iri"`
	Title         string   `json:"title,omitempty"`
	Languages     []string `json:"languages"`
	DatePublished string   `json:"date_published,omitempty"`
	IssuedAt      string   `json:"issued_at,omitempty"`
	SourceFile    string   `json:"source_file,omitempty"`
}

type jsonStatement struct {
	Kind      string      `json:"kind"`
	Document  string      `json:"document"`
	Actor     jsonMention `json:"actor"`
	Predicate string      `json:"predicate"`
	Target    jsonMention `json:"target"`
	Trigger   string      `json:"trigger"`
	TriggerAt jsonSpan    `json:"trigger_at"`
	Negated   bool        `json:"negated,omitempty"`
	Paragraph int         `json:"paragraph"`
	Sentence  string      `json:"sentence"`
	Rule      string      `json:"rule"`
}

type jsonFact struct {
	Kind      string      `json:"kind"`
	Document  string      `json:"document"`
	Subject   jsonMention `json:"subject"`
	Predicate string      `json:"predicate"`
	Object    any         `json:"object"`
	Cue       *jsonSpan   `json:"cue,omitempty"`
	Paragraph int         `json:"paragraph"`
	Sentence  string      `json:"sentence"`
	Rule      string      `json:"rule"`
}

// jsonDate is a fact's date object, with the words it was read from.
type jsonDate struct {
	Value    string   `json:"value"`
	Datatype string   `json:"datatype"`
	At       jsonSpan `json:"at"`
}

// shift places a part of a file read in parts (Result.Offset) in the
// whole text; zero for a file read whole.
type shift struct{ extractors.PartOffset }

func (s shift) bytes(d *extractors.Document, v int) int { return d.TextOffset(v) - s.Header + s.Bytes }
func (s shift) runes(d *extractors.Document, v int) int {
	return d.RuneOffset(v) - s.HeaderRunes + s.Runes
}
func (s shift) para(n int) int {
	if n > 0 {
		return n + s.Paras
	}
	return 0
}
func (s shift) line(n int) int { return n - s.HeaderLines + s.Lines }

// inHeader reports whether sentence i lies in the header a later part is
// read with (it states nothing of its own).
func (s shift) inHeader(d *extractors.Document, i int) bool {
	return s.Part > 0 && d.TextOffset(d.Sentences[i].Start) < s.Header
}

func spanJSON(d *extractors.Document, sh shift, sp extractors.Span) jsonSpan {
	return jsonSpan{Text: d.TextOf(sp), ByteStart: sh.bytes(d, sp.Start), ByteEnd: sh.bytes(d, sp.End),
		CharStart: sh.runes(d, sp.Start), CharEnd: sh.runes(d, sp.End)}
}

func mentionJSON(d *extractors.Document, sh shift, i int) jsonMention {
	m := d.Mentions[i]
	return jsonMention{Text: d.TextOf(m.Span), IRI: m.IRI, ByteStart: sh.bytes(d, m.Start), ByteEnd: sh.bytes(d, m.End),
		CharStart: sh.runes(d, m.Start), CharEnd: sh.runes(d, m.End)}
}

// writeJSONL writes one JSON object per line: the document (in the first
// part of a file read in parts), entities (those not in seen, which it
// extends), statements, facts.
func writeJSONL(w io.Writer, res *extractors.Result, seen map[string]bool) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if res.Offset.Part == 0 {
		if err := enc.Encode(documentJSON(res)); err != nil {
			return err
		}
	}
	for _, e := range res.Entities {
		if seen[e.IRI] {
			continue
		}
		seen[e.IRI] = true
		if err := enc.Encode(jsonEntity{Kind: "entity", IRI: e.IRI, Class: e.Class.Name, Label: e.Label, English: e.English, Alt: e.Alt, Wikidata: e.Wikidata}); err != nil {
			return err
		}
	}
	// a bilingual text: each language's statements and facts
	for _, part := range res.Each() {
		if err := writePartJSONL(enc, res.DocIRI(), part.Doc, shift{part.Offset}); err != nil {
			return err
		}
	}
	return nil
}

func writePartJSONL(enc *json.Encoder, docIRI string, d *extractors.Document, sh shift) error {
	for _, s := range d.Statements {
		if sh.inHeader(d, s.Sent) {
			continue
		}
		rec := jsonStatement{Kind: "statement", Document: docIRI, Actor: mentionJSON(d, sh, s.Actor), Predicate: s.Predicate,
			Target: mentionJSON(d, sh, s.Target), Trigger: d.TextOf(s.Trigger), TriggerAt: spanJSON(d, sh, s.Trigger), Negated: s.Negated,
			Paragraph: sh.para(d.ParagraphOf(s.Sent).N), Sentence: d.TextOf(d.Sentences[s.Sent].Span), Rule: s.Rule}
		if err := enc.Encode(rec); err != nil {
			return err
		}
	}
	for _, f := range d.Facts {
		if sh.inHeader(d, f.Sent) {
			continue
		}
		rec := jsonFact{Kind: "fact", Document: docIRI, Subject: mentionJSON(d, sh, f.Subject), Predicate: f.Predicate,
			Paragraph: sh.para(d.ParagraphOf(f.Sent).N), Sentence: d.TextOf(d.Sentences[f.Sent].Span), Rule: f.Rule}
		if f.Object >= 0 {
			rec.Object = mentionJSON(d, sh, f.Object)
		} else {
			rec.Object = jsonDate{Value: f.Date.Lexical(), Datatype: f.Date.Datatype(), At: spanJSON(d, sh, f.DateSpan)}
		}
		if f.Cue.End > f.Cue.Start {
			cue := spanJSON(d, sh, f.Cue)
			rec.Cue = &cue
		}
		if err := enc.Encode(rec); err != nil {
			return err
		}
	}
	return nil
}

// writeExplain prints each sentence with the notes of its rule matches:
// "+" for a match that made it into the graph, "-" for one dropped, with why.
func writeExplain(w io.Writer, res *extractors.Result) error {
	parts := res.Each()
	for _, part := range parts {
		if len(parts) > 1 {
			if _, err := fmt.Fprintf(w, "== the %s paragraphs, read by the %s rules\n", part.Doc.Lang, part.Doc.Lang); err != nil {
				return err
			}
		}
		if err := writePartExplain(w, part.Doc, shift{part.Offset}); err != nil {
			return err
		}
	}
	return nil
}

func writePartExplain(w io.Writer, d *extractors.Document, sh shift) error {
	bySent := map[int][]extractors.Note{}
	for _, n := range d.Notes {
		bySent[n.Sent] = append(bySent[n.Sent], n)
	}
	for si, s := range d.Sentences {
		if sh.inHeader(d, si) {
			continue
		}
		p := d.ParagraphOf(si)
		fmt.Fprintf(w, "[line %d, paragraph %d] %s\n", sh.line(p.Line), sh.para(p.N), d.TextOf(s.Span))
		ns := bySent[si]
		sort.SliceStable(ns, func(a, b int) bool { return ns[a].Start < ns[b].Start })
		for _, n := range ns {
			mark := "-"
			if n.Kept {
				mark = "+"
			}
			if _, err := fmt.Fprintf(w, "  %s %-30s %s\n", mark, n.Rule, n.Why); err != nil {
				return err
			}
		}
	}
	return nil
}

// documentJSON is the document record of res: what the document node of
// its graph says (title, languages, date, issuing meeting, file).
func documentJSON(res *extractors.Result) jsonDocument {
	rec := jsonDocument{Kind: "document", IRI: res.DocIRI()}
	for _, part := range res.Each() {
		d := part.Doc
		rec.Languages = append(rec.Languages, d.Lang)
		if rec.Title == "" {
			rec.Title = d.TitleText
		}
		if rec.DatePublished == "" && d.Published != nil {
			rec.DatePublished = d.Published.Lexical()
		}
		if rec.IssuedAt == "" && d.IssuedAt >= 0 {
			rec.IssuedAt = d.Mentions[d.IssuedAt].IRI
		}
		if rec.SourceFile == "" && d.Path != "" && d.Path != "-" {
			rec.SourceFile = filepath.Base(d.Path)
		}
	}
	return rec
}
