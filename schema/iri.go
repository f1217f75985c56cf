package schema

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"unicode/utf8"
)

// DocIRI returns the IRI of the document with the given id.
func DocIRI(id string) string { return Base + "doc/" + escapeSegment(id) }

// DocRef returns the IRI of a document a user names by its id or its IRI
// (the empty string for none).
func DocRef(idOrIRI string) string {
	if idOrIRI == "" || strings.Contains(idOrIRI, "://") {
		return idOrIRI
	}
	return DocIRI(idOrIRI)
}

// EntityIRI returns the IRI of an entity of class c with the given key. The
// key is an id from a gazetteer (KGZ, bishkek) or a normalized name for an
// entity only the text knows; either way the same key gives the same IRI in
// every document.
func EntityIRI(c Class, key string) string {
	return Base + "id/" + c.Path + "/" + escapeSegment(key)
}

// StatementIRI returns the IRI of a statement node: stable for the same
// document, trigger position, actor, predicate and target.
func StatementIRI(docID string, start int, actor, predicate, target string) string {
	h := sha256.Sum256([]byte(actor + "\x00" + predicate + "\x00" + target))
	return DocIRI(docID) + "/s/" + strconv.Itoa(start) + "-" + hex.EncodeToString(h[:4])
}

// FactIRI returns the IRI of a fact statement node: stable for the same
// document, subject position, predicate and object.
func FactIRI(docID string, start int, predicate, object string) string {
	h := sha256.Sum256([]byte(predicate + "\x00" + object))
	return DocIRI(docID) + "/f/" + strconv.Itoa(start) + "-" + hex.EncodeToString(h[:4])
}

// WikidataIRI returns the entity IRI of a Wikidata item id (Q813).
func WikidataIRI(q string) string { return Wikidata + q }

// escapeSegment makes s safe as one IRI path segment: letters and digits of
// any script stay as they are (IRIs allow them), ASCII characters outside the
// unreserved set are percent-encoded, and white space becomes a hyphen.
func escapeSegment(s string) string {
	if segmentSafe(s) {
		return s // most keys: nothing to escape
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		switch {
		case r == ' ' || r == '\t' || r == '\n':
			b.WriteByte('-')
		case r >= 0x80:
			if r >= 0xE000 && r <= 0xF8FF || r >= 0xFFF0 {
				writePct(&b, string(r))
			} else {
				b.WriteRune(r)
			}
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9',
			r == '-', r == '.', r == '_', r == '~':
			b.WriteRune(r)
		default:
			writePct(&b, string(r))
		}
	}
	return b.String()
}

// segmentSafe reports whether escapeSegment leaves s as it is: valid UTF-8
// of unreserved ASCII and of non-ASCII runes outside the private-use and
// specials blocks.
func segmentSafe(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~') {
				return false
			}
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && w == 1 || r >= 0xE000 && r <= 0xF8FF || r >= 0xFFF0 {
			return false
		}
		i += w
	}
	return true
}

func writePct(b *strings.Builder, s string) {
	const hexd = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		b.WriteByte('%')
		b.WriteByte(hexd[c>>4])
		b.WriteByte(hexd[c&15])
	}
}
