package extract

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/accordkg/accord/extractors"
	"github.com/accordkg/accord/extractors/text"
)

// PartOptions configures ExtractParts.
type PartOptions struct {
	// PartSize is about how many bytes of the file each part holds (parts
	// end at a paragraph end, or failing that a line end); 0: 4 MiB.
	PartSize int
	// MaxLine is the longest line accepted, in bytes; 0: 4 × PartSize. A
	// file with a longer line is not read in parts (ErrLineTooLong).
	MaxLine int
}

// ErrNotPartable is returned by ExtractParts for a file it cannot cut into
// parts (UTF-16): the caller reads it whole.
var ErrNotPartable = errors.New("UTF-16 text cannot be read in parts")

// ErrLineTooLong is returned by ExtractParts for a file with a line longer
// than PartOptions.MaxLine: no paragraph end to cut it at.
var ErrLineTooLong = errors.New("a line too long to read the file in parts")

// ExtractParts reads a large plain-text file in parts of about PartSize
// bytes cut at paragraph ends, so that memory stays bounded whatever the
// file's size, and calls emit with each part's result in order; it returns
// the SHA-256 of the whole file. The parts are one document: the first
// carries the document node; every later one is read with the document's
// title and date line before it (so 成员国 and "the Member States" resolve
// against the same organization), and its offsets, paragraph numbers and
// statement IRIs are those of the whole text (Result.Offset). Names an
// earlier part's text defined (以下称“A”) are not carried over; the issuing meeting is. No part writes acc:contentHash (the caller writes the
// returned hash once the last part is in). A UTF-16 file, which cannot be
// cut at a line-end byte, is ErrNotPartable: read it whole.
func (x *Extractor) ExtractParts(ctx context.Context, path string, in Input, opt PartOptions, emit func(*extractors.Result) error) (hash string, err error) {
	if opt.PartSize <= 0 {
		opt.PartSize = 4 << 20
	}
	if opt.MaxLine <= 0 {
		opt.MaxLine = 4 * opt.PartSize
	}
	f, err := os.Open(path)
	if err != nil {
		return "", &InputError{Path: path, Err: err}
	}
	defer f.Close()
	h := sha256.New()
	r := bufio.NewReaderSize(io.TeeReader(f, h), 1<<20)
	if head, _ := r.Peek(4096); bytes.HasPrefix(head, []byte("\xff\xfe")) || bytes.HasPrefix(head, []byte("\xfe\xff")) || bytes.IndexByte(head, 0) >= 0 {
		return "", &InputError{Path: path, Err: ErrNotPartable}
	}
	in.Path = path
	id := in.ID
	if id == "" {
		id = DocID(path)
	}
	var (
		enc    string
		header string // the title and date lines, before every later part
		off    extractors.PartOffset
	)
	for part := 0; ; part++ {
		if err := ctx.Err(); err != nil {
			return "", err
		}
		raw, err := readPart(r, opt)
		if err != nil {
			return "", &InputError{Path: path, Err: err}
		}
		if len(raw) == 0 {
			break
		}
		// decode the part; the encoding found in the first part holds for
		// the others
		s, e, err := text.Decode(raw, forcedOr(in.Encoding, enc))
		if err != nil {
			return "", &InputError{Path: path, Err: fmt.Errorf("part %d (from byte %d of the text): %w", part+1, off.Bytes, err)}
		}
		if part == 0 {
			enc = e
		}
		pin := in
		pin.ID, pin.Encoding = id, "utf-8"
		pin.Raw = []byte(header + s)
		if part > 0 && strings.TrimSpace(s) == "" {
			off.Advance(s, 0)
			continue
		}
		res, err := x.Extract(ctx, pin)
		if err != nil {
			if part > 0 && errors.Is(err, text.ErrEmpty) {
				off.Advance(s, 0)
				continue
			}
			return "", err
		}
		off.Part, off.Parted, off.Header = part, true, len(header)
		off.HeaderRunes = utf8.RuneCountInString(header)
		off.HeaderLines = strings.Count(header, "\n")
		for _, p := range res.Each() {
			p.Offset = off
		}
		res.Offset = off
		if part == 0 {
			header = headerOf(res.Doc)
			in.IssuedAt = issuingMeeting(res)
		}
		if err := emit(res); err != nil {
			return "", err
		}
		off.Advance(s, bodyParagraphs(res.Doc))
	}
	if _, err := io.Copy(io.Discard, r); err != nil {
		return "", &InputError{Path: path, Err: err}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func forcedOr(forced, found string) string {
	if forced != "" {
		return forced
	}
	return found
}

// readPart reads about opt.PartSize bytes from r, to the end of a
// paragraph (a blank line) within the next quarter part, else to a line end.
func readPart(r *bufio.Reader, opt PartOptions) ([]byte, error) {
	buf := make([]byte, 0, opt.PartSize+opt.PartSize/4)
	limit := opt.PartSize + opt.PartSize/4
	for {
		n := len(buf)
		var err error
		if buf, err = readLine(r, buf, opt.MaxLine); err == io.EOF {
			return buf, nil
		} else if err != nil {
			return nil, err
		}
		// a blank line after a line that ends a sentence ends a paragraph
		// (a blank line inside a hard-wrapped sentence does not)
		blank := len(buf)-n <= 2 && strings.TrimSpace(string(buf[n:])) == "" && endsSentence(buf[:n])
		if len(buf) >= limit || len(buf) >= opt.PartSize && blank {
			return buf, nil
		}
	}
}

// endsSentence reports whether the last line with text in b ends with
// sentence-final punctuation (a closing quote or bracket after it allowed).
func endsSentence(b []byte) bool {
	t := strings.TrimRightFunc(string(b[max(0, len(b)-256):]), func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || strings.ContainsRune("”’\"')）)」』》", r)
	})
	r, _ := utf8.DecodeLastRuneInString(t)
	return strings.ContainsRune("。！？!?.；;", r)
}

// readLine appends the next line of r (with its \n) to buf; io.EOF at the
// end of r, with what was left appended.
func readLine(r *bufio.Reader, buf []byte, max int) ([]byte, error) {
	n := 0
	for {
		chunk, err := r.ReadSlice('\n')
		buf = append(buf, chunk...)
		n += len(chunk)
		if n > max {
			return nil, ErrLineTooLong
		}
		switch err {
		case nil:
			return buf, nil
		case bufio.ErrBufferFull:
			continue
		case io.EOF:
			return buf, io.EOF
		default:
			return nil, err
		}
	}
}

// issuingMeeting returns the entity of the meeting that issued the
// document, nil when the text names none.
func issuingMeeting(res *extractors.Result) *extractors.Entity {
	d := res.Doc
	if d.IssuedAt < 0 {
		return nil
	}
	iri := d.Mentions[d.IssuedAt].IRI
	for _, e := range res.Entities {
		if e.IRI == iri {
			return e
		}
	}
	return nil
}

// headerOf returns the title and date lines of a document, each followed
// by a blank line, to stand before every later part.
func headerOf(d *extractors.Document) string {
	var b strings.Builder
	for _, p := range d.Paragraphs {
		if p.Kind == extractors.Title || p.Kind == extractors.DateLine {
			b.WriteString(strings.TrimSpace(d.TextOf(p.Span)))
			b.WriteString("\n\n")
		}
		if p.Kind == extractors.Body {
			break
		}
	}
	return b.String()
}

func bodyParagraphs(d *extractors.Document) int {
	n := 0
	for _, p := range d.Paragraphs {
		if p.N > n {
			n = p.N
		}
	}
	return n
}
