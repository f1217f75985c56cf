package en

import (
	"strings"

	"github.com/accordkg/accord/extractors"
	"github.com/accordkg/accord/schema"
)

// resolutions finds numbered resolutions: a resolution head and a number
// ("resolution 2396 (2017)", "resolutions 70/1 and 71/258"), of the
// organization right before the head or else of the last one named
// earlier in the sentence, whose gazetteer entry gives the id prefix of
// its resolutions (schema.Entry.Resolutions). Each number of a list is an
// instrument of its own, keyed by prefix and number (unscr-2396) in every
// language; one the gazetteer lists is its entry. A number the gazetteer
// already matches is left to it; a head with no such organization makes
// nothing.
func (e *entities) resolutions(x *doc, gi *gazIndex) []cand {
	ts := x.ts.t
	var out []cand
	for k := 0; k < len(ts); k++ {
		if x.sent[k] < 0 || !ts[k].Word {
			continue
		}
		n := e.c.resolutionHeads.at(ts, k, len(ts))
		if n == 0 {
			continue
		}
		lo, hi := x.sentenceRange(k)
		if k+n >= hi || !numberToken(ts[k+n].Text) {
			continue
		}
		gaz := gi.all[gi.from[x.sent[k]]:gi.from[x.sent[k]+1]] // the sentence's
		body, from := e.resolutionBody(x, gi, gaz, lo, k)
		if body == nil {
			continue
		}
		p := k + n
		first := true
		for {
			num, end := resolutionNumber(ts, p, hi)
			if end == p {
				break
			}
			start := p
			if first {
				start = from
			}
			if !e.gazInstrumentAt(x, gaz, ts[p].Start) {
				out = append(out, e.resolution(x, body, num, start, end))
			}
			first = false
			// a list: ", 1989 (2011) and 2253 (2015)"
			q := end
			for q < hi && (ts[q].Text == "," || ts[q].Key == "and") {
				q++
			}
			if q == end || q >= hi || !numberToken(ts[q].Text) {
				k = end - 1
				break
			}
			p = q
		}
	}
	return out
}

// resolutionBody returns the organization whose resolution the head at
// token k names, and the token its mention starts at when it stands right
// before the head (else k): nil when neither it nor an organization named
// earlier in the sentence [lo, k) (whose gazetteer mentions are gaz) has
// resolutions. After "its" ("Recalling its resolution 71/258", in a
// resolution of the General Assembly) the organization may be named in an
// earlier sentence.
func (e *entities) resolutionBody(x *doc, gi *gazIndex, gaz []cand, lo, k int) (*schema.Entry, int) {
	ts := x.ts.t
	var last *schema.Entry
	for i := range gaz {
		g := &gaz[i].m
		if g.Entry == nil || g.Entry.Resolutions == "" || g.End > ts[k].Start {
			continue
		}
		last = g.Entry
		if k > lo && g.End == ts[k-1].End {
			if s, ok := x.ts.startAt(g.Start); ok {
				return g.Entry, s
			}
		}
	}
	if last == nil && k > lo && ts[k-1].Key == "its" {
		for i := gi.from[x.sent[k]] - 1; i >= 0; i-- {
			if g := &gi.all[i].m; g.Entry != nil && g.Entry.Resolutions != "" {
				return g.Entry, k
			}
		}
	}
	return last, k
}

// gazInstrumentAt reports whether a gazetteer instrument covers byte at.
func (e *entities) gazInstrumentAt(x *doc, gaz []cand, at int) bool {
	for i := range gaz {
		if g := &gaz[i].m; g.Class.Name == "Instrument" && g.Start <= at && at < g.End {
			return true
		}
	}
	return false
}

// resolution is the mention of resolution num of body over tokens
// [i, j).
func (e *entities) resolution(x *doc, body *schema.Entry, num string, i, j int) cand {
	id := body.Resolutions + "-" + strings.ReplaceAll(num, "/", "-")
	lab := x.label(i, j)
	m := extractors.Mention{Span: x.span(i, j), Class: mustClass("Instrument"), Key: id,
		Label: body.EN + " resolution " + num, Surface: lab, Rule: "en/instrument/resolution"}
	if en := e.instruments[id]; en != nil {
		m.Entry, m.Label = en, schema.LabelForm("en", en.EN)
	}
	if lab != m.Label {
		m.Alt = append(m.Alt, lab)
	}
	return cand{m: m, name: true}
}

// resolutionNumber reads a resolution's number at token p: digits, or a
// session and a number joined by a slash (70/1, one token), and a year in
// parentheses after it. It returns the number and the end of what it
// read (p: none).
func resolutionNumber(ts []token, p, hi int) (string, int) {
	if p >= hi || !numberToken(ts[p].Text) {
		return "", p
	}
	num, end := ts[p].Text, p+1
	if end+2 < hi && ts[end].Text == "(" && yearOf(ts[end+1]) > 0 && ts[end+2].Text == ")" {
		end += 3
	}
	return num, end
}

// numberToken reports whether s is a resolution's number: digits, or
// digits, a slash and digits (70/1).
func numberToken(s string) bool {
	a, b, ok := strings.Cut(s, "/")
	return digits(a) && (!ok || digits(b))
}

// digits reports whether s is one or more ASCII digits.
func digits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
