// Package text is the first stage of the pipeline: it decodes the bytes of a
// file into the normalized text (UTF-8, \n line ends) and finds the
// document's structure: title, date line, section markers, paragraphs,
// sentences, and the web-page boilerplate that is kept for offsets but never
// extracted.
package text

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

// NotTextError says that a file's bytes are not text in any encoding accord
// reads.
type NotTextError struct {
	Reason string
}

func (e *NotTextError) Error() string { return "not a text file (" + e.Reason + ")" }

// Encodings lists the names accepted by Decode's forced encoding, sorted.
var Encodings = []string{"big5", "gb18030", "gbk", "utf-16be", "utf-16le", "utf-8"}

func encodingByName(name string) (encoding.Encoding, error) {
	switch strings.ToLower(name) {
	case "utf-8", "utf8":
		return nil, nil
	case "gb18030":
		return simplifiedchinese.GB18030, nil
	case "gbk", "gb2312":
		return simplifiedchinese.GBK, nil
	case "big5":
		return traditionalchinese.Big5, nil
	case "utf-16le":
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), nil
	case "utf-16be":
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), nil
	}
	return nil, fmt.Errorf("unknown encoding %q (known: %s)", name, strings.Join(Encodings, ", "))
}

// Decode turns raw bytes into the normalized text and names the encoding it
// found. forced, when not empty, names the encoding to use instead of
// detecting one. The normalized text is valid UTF-8 without a BOM, with
// \r\n and \r turned into \n.
func Decode(raw []byte, forced string) (string, string, error) {
	var s, enc string
	var err error
	// sc is what the pass that validated raw's UTF-8 found, when s is
	// that text; not valid otherwise
	var sc utf8Scan
	if forced != "" {
		e, err := encodingByName(forced)
		if err != nil {
			return "", "", err
		}
		if e == nil {
			// the BOM holds no NUL, \r or control character: the scan of
			// raw is the scan of s
			if sc = scanUTF8(raw); !sc.valid {
				return "", "", &NotTextError{Reason: "invalid UTF-8"}
			}
			s, enc = string(bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))), "utf-8"
		} else if s, err = decodeWith(e, raw); err != nil {
			return "", "", err
		} else {
			enc = strings.ToLower(forced)
		}
	} else if s, enc, sc, err = detect(raw); err != nil {
		return "", "", err
	}
	bad := 0.0 // controlRatio(s)
	if sc.valid {
		if sc.controls > 0 {
			bad = float64(sc.controls) / float64(utf8.RuneCountInString(s))
		}
	} else {
		// a decoder's output
		sc = utf8Scan{nul: strings.ContainsRune(s, 0), cr: true}
		bad = controlRatio(s)
	}
	if sc.nul {
		return "", "", &NotTextError{Reason: "contains NUL bytes"}
	}
	if bad > 0.01 {
		return "", "", &NotTextError{Reason: fmt.Sprintf("%.0f%% control characters", bad*100)}
	}
	if sc.cr {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return s, enc, nil
}

// utf8Scan is what scanUTF8 finds in one pass over a text's bytes.
type utf8Scan struct {
	// valid: the bytes are valid UTF-8 (utf8.Valid); the rest is
	// counted only then.
	valid bool
	// nul and cr: a byte is NUL, or \r.
	nul, cr bool
	// controls counts the control characters other than line ends, tabs
	// and form feeds (controlRatio's): bytes below 0x20 but \n, \r, \t
	// and \f, and 0x7f.
	controls int
}

// scanUTF8 validates b as utf8.Valid does and, when it is valid, tells
// whether it holds a NUL or a \r and counts its control characters: what
// Decode asks of a text, in the pass that validates it. ASCII is read
// eight bytes at a time, and the three-byte sequences that need no range
// check (CJK, the full-width forms) without a call.
func scanUTF8(b []byte) utf8Scan {
	var sc utf8Scan
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != 0x7f {
				i++
				// a word of ASCII with no byte below 0x20 and none equal
				// to 0x7f (the tests of "has a byte less than n" and "has
				// a zero byte" of Hacker's Delight, exact for the word as
				// a whole) holds nothing to count
				for len(b)-i >= 8 {
					w := binary.LittleEndian.Uint64(b[i:])
					del := w ^ (ones * 0x7f)
					if w&highs != 0 || (w-ones*0x20)&^w&highs != 0 || (del-ones)&^del&highs != 0 {
						break
					}
					i += 8
				}
				continue
			}
			switch c {
			case 0:
				sc.nul = true
				sc.controls++
			case '\r':
				sc.cr = true
			case '\n', '\t', '\f':
			default:
				sc.controls++
			}
			i++
			continue
		}
		if len(b)-i >= 3 && c-0xE1 <= 0xEF-0xE1 && c != 0xED && binary.LittleEndian.Uint16(b[i+1:])&0xC0C0 == 0x8080 {
			i += 3
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return utf8Scan{}
		}
		i += n
	}
	sc.valid = true
	return sc
}

func decodeWith(e encoding.Encoding, raw []byte) (string, error) {
	out, err := e.NewDecoder().Bytes(raw)
	if err != nil {
		return "", &NotTextError{Reason: err.Error()}
	}
	if bytes.ContainsRune(out, utf8.RuneError) {
		return "", &NotTextError{Reason: "invalid byte sequences"}
	}
	return string(out), nil
}

// detect finds raw's encoding and decodes it; when the text is raw's
// UTF-8 it also returns the scan of its bytes (scanUTF8), else a scan
// that is not valid.
func detect(raw []byte) (string, string, utf8Scan, error) {
	var none utf8Scan
	switch {
	case bytes.HasPrefix(raw, []byte("\xef\xbb\xbf")):
		rest := raw[3:]
		sc := scanUTF8(rest)
		if !sc.valid {
			return "", "", none, &NotTextError{Reason: "UTF-8 BOM followed by invalid UTF-8"}
		}
		return string(rest), "utf-8", sc, nil
	case bytes.HasPrefix(raw, []byte("\xff\xfe")):
		s, err := decodeWith(unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), raw)
		return s, "utf-16le", none, err
	case bytes.HasPrefix(raw, []byte("\xfe\xff")):
		s, err := decodeWith(unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), raw)
		return s, "utf-16be", none, err
	}
	if sc := scanUTF8(raw); sc.valid {
		if sc.nul {
			if s, enc, ok := utf16NoBOM(raw); ok {
				return s, enc, none, nil
			}
			return "", "", none, &NotTextError{Reason: "contains NUL bytes"}
		}
		return string(raw), "utf-8", sc, nil
	}
	if s, enc, ok := utf16NoBOM(raw); ok {
		return s, enc, none, nil
	}
	if bytes.IndexByte(raw, 0) >= 0 {
		return "", "", none, &NotTextError{Reason: "contains NUL bytes"}
	}
	if s, err := decodeWith(simplifiedchinese.GB18030, raw); err == nil && cjkRatio(s) > 0.2 {
		return s, "gb18030", none, nil
	}
	if s, err := decodeWith(traditionalchinese.Big5, raw); err == nil && cjkRatio(s) > 0.2 {
		return s, "big5", none, nil
	}
	return "", "", none, &NotTextError{Reason: "invalid byte sequences in UTF-8, UTF-16, GB18030 and Big5"}
}

// utf16NoBOM recognizes UTF-16 without a BOM by its zero bytes: in mostly
// ASCII or CJK text, one byte of many code units is zero. Zeros fall on
// both sides in a Chinese text (the high byte of ASCII and punctuation,
// the low byte of 一 U+4E00 or 最 U+6700), so each byte order that has
// zeros where its ASCII would put them is decoded, and the one whose runes
// are plausible text (plausibleRatio) wins.
func utf16NoBOM(raw []byte) (string, string, bool) {
	if len(raw) < 4 || len(raw)%2 != 0 {
		return "", "", false
	}
	var even, odd int
	for i := 0; i+1 < len(raw); i += 2 {
		if raw[i] == 0 {
			even++
		}
		if raw[i+1] == 0 {
			odd++
		}
	}
	units := len(raw) / 2
	type order struct {
		zeros int
		e     encoding.Encoding
		name  string
	}
	orders := []order{
		{odd, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "utf-16le"},
		{even, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), "utf-16be"},
	}
	best, bestScore, bestName := "", 0.0, ""
	for _, o := range orders {
		if o.zeros == 0 {
			continue
		}
		s, err := decodeWith(o.e, raw)
		if err != nil || strings.ContainsRune(s, 0) || controlRatio(s) > 0.01 || units > 8 && cjkRatio(s) < 0.2 && asciiRatio(s) < 0.9 {
			continue
		}
		if score := plausibleRatio(s); score > bestScore {
			best, bestScore, bestName = s, score, o.name
		}
	}
	if bestScore < 0.9 {
		return "", "", false
	}
	return best, bestName, true
}

// plausibleRatio is the share of s's runes that text in the languages
// accord reads is made of: ASCII and Latin letters, Greek and Cyrillic,
// general and CJK punctuation, kana, CJK ideographs, Hangul and the
// full-width forms. A code point above U+00FF whose low byte is zero is
// left out of the count: it is what ASCII read in the wrong byte order
// turns into, and also an ideograph such as 一 (U+4E00). A text that is
// mostly such code points scores 0.
func plausibleRatio(s string) float64 {
	var good, all, zeroLow int
	for _, r := range s {
		if r > 0xFF && r&0xFF == 0 {
			zeroLow++
			continue
		}
		all++
		switch {
		case r == '\t', r == '\n', r == '\r', r >= 0x20 && r <= 0x7E, r >= 0xA0 && r <= 0x24F,
			r >= 0x370 && r <= 0x52F, r >= 0x2000 && r <= 0x206F, r >= 0x3000 && r <= 0x30FF,
			r >= 0x3400 && r <= 0x9FFF, r >= 0xAC00 && r <= 0xD7AF, r >= 0xF900 && r <= 0xFAFF,
			r >= 0xFF00 && r <= 0xFFEF:
			good++
		}
	}
	if all == 0 || zeroLow > all {
		return 0
	}
	return float64(good) / float64(all)
}

func cjkRatio(s string) float64 {
	var cjk, all int
	for i := 0; i < len(s); {
		// decoded as a range loop does (an invalid byte is RuneError of
		// width 1), the three-byte sequences that need no range check (CJK,
		// the full-width forms) inline: this runs on every line of a text
		c := s[i]
		var r rune
		switch {
		case c < utf8.RuneSelf:
			r = rune(c)
			i++
		case i+2 < len(s) && c >= 0xE1 && c != 0xED && c <= 0xEF && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
			r = rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
			i += 3
		default:
			var n int
			r, n = utf8.DecodeRuneInString(s[i:])
			i += n
		}
		if r <= ' ' {
			continue
		}
		all++
		if r >= 0x3000 && r <= 0x9FFF || r >= 0xF900 && r <= 0xFAFF || r >= 0xFF00 && r <= 0xFFEF {
			cjk++
		}
	}
	if all == 0 {
		return 0
	}
	return float64(cjk) / float64(all)
}

// CJKRatio returns the share of CJK characters among the text's visible
// characters: the language detectors' signal.
func CJKRatio(s string) float64 {
	if len(s) > 1<<16 {
		s = s[:1<<16]
		for !utf8.ValidString(s) && len(s) > 0 {
			s = s[:len(s)-1]
		}
	}
	return cjkRatio(s)
}

// controlRatio returns the share of control characters (other than line
// ends, tabs and form feeds) among the runes of s. They are all ASCII,
// which is never part of a longer sequence, even an invalid one: counting
// bytes finds them.
func controlRatio(s string) float64 {
	bad := 0
	i := 0
	// eight bytes at a time: a word with no byte below 0x20 and none
	// equal to 0x7f (the tests of "has a byte less than n" and "has a
	// zero byte" of Hacker's Delight, exact for the word as a whole)
	// holds no control character; the others, a word with a line end
	// say, are read byte by byte
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for ; i+8 <= len(s); i += 8 {
		w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		del := w ^ (ones * 0x7f)
		if (w-ones*0x20)&^w&highs == 0 && (del-ones)&^del&highs == 0 {
			continue
		}
		for _, c := range []byte(s[i : i+8]) {
			if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' || c == 0x7f {
				bad++
			}
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' || c == 0x7f {
			bad++
		}
	}
	if bad == 0 {
		return 0 // almost every text: no need to count its runes
	}
	all := utf8.RuneCountInString(s)
	return float64(bad) / float64(all)
}

// ErrEmpty is returned for a text with nothing to extract.
var ErrEmpty = errors.New("empty document (no text to extract)")

func asciiRatio(s string) float64 {
	var a, all int
	for _, r := range s {
		all++
		if r < 0x80 {
			a++
		}
	}
	if all == 0 {
		return 0
	}
	return float64(a) / float64(all)
}
