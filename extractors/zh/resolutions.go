package zh

import (
	"strings"
	"unicode/utf8"

	"github.com/accordkg/accord/extractors"
	"github.com/accordkg/accord/schema"
)

// resolutions finds numbered resolutions after an organization whose
// gazetteer entry gives the id prefix of its resolutions
// (schema.Entry.Resolutions): 安理会第2396（2017）号决议, and each number of
// a list, 安理会第1267号、第1989号和第2253号决议. Each is an instrument keyed
// by prefix and number (unscr-2396), the key the English rule gives "Security
// Council resolution 2396 (2017)"; one the gazetteer lists is its entry. Only
// the text right after an organization's mention is read: no pass over the
// whole text.
func (e *Entities) resolutions(out []cand, d *extractors.Document, names nameMemo, gaz []gazCand) []cand {
	v := d.View
	for i := range gaz {
		g := &gaz[i]
		body := e.payloads[g.p].tmpl.Entry
		if body == nil || body.Resolutions == "" {
			continue
		}
		limit := d.Sentences[g.sent].End
		p := g.End
		if l := e.c.resolutionLinks.at(v[:limit], p); l != "" {
			p += len(l)
		}
		items := resolutionItems(v, p, limit, &e.c.coordinators)
		for k, it := range items {
			sp := extractors.Span{Start: it.start, End: it.end}
			if k == 0 {
				sp.Start = g.Start
			}
			lab, surface := names.ofSpan(d, sp)
			label := schema.NormalizeName(body.ZH) + "第" + it.num + "号决议"
			m := e.named("Instrument", label, surface, "zh/instrument/resolution", sp)
			if m.Entry == nil {
				m.Key = body.Resolutions + "-" + strings.ReplaceAll(it.num, "/", "-")
				if lab != label {
					m.Alt = append(m.Alt, lab)
				}
			}
			out = append(out, cand{m: m, name: true})
		}
	}
	return out
}

// resolutionItem is one number of a list of resolutions: its span (第 to
// 号, or to 号决议 for the last) and its number in ASCII digits (70/1).
type resolutionItem struct {
	start, end int
	num        string
}

// resolutionItems reads, at byte p of v and before limit, 第N号决议 or a
// list 第N号、第M号和第K号决议 joined by coordinators (N: digits, or
// digits/digits; a year in parentheses may follow it). It returns nothing
// unless the list ends in 决议.
func resolutionItems(v string, p, limit int, coordinators *words) []resolutionItem {
	var items []resolutionItem
	for {
		start := p
		if !strings.HasPrefix(v[p:limit], "第") {
			return nil
		}
		p += len("第")
		num, q := resolutionDigits(v, p, limit)
		if q == p {
			return nil
		}
		p = q
		if s, q := resolutionDigits(v, p+len("/"), limit); strings.HasPrefix(v[p:limit], "/") && q > p+1 {
			num, p = num+"/"+s, q
		}
		p = skipYear(v, p, limit)
		if !strings.HasPrefix(v[p:limit], "号") {
			return nil
		}
		p += len("号")
		items = append(items, resolutionItem{start: start, end: p, num: num})
		if strings.HasPrefix(v[p:limit], "决议") {
			items[len(items)-1].end = p + len("决议")
			return items
		}
		c := coordinators.at(v[:limit], p)
		if c == "" {
			return nil
		}
		p += len(c)
	}
}

// resolutionDigits reads ASCII or full-width digits at byte p and returns
// them in ASCII and the offset after them (p: none).
func resolutionDigits(v string, p, limit int) (string, int) {
	var b strings.Builder
	for p < limit {
		r, n := utf8.DecodeRuneInString(v[p:limit])
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r >= '０' && r <= '９':
			b.WriteRune('0' + r - '０')
		default:
			return b.String(), p
		}
		p += n
	}
	return b.String(), p
}

// skipYear skips a year in parentheses at byte p: （2017） or (2017).
func skipYear(v string, p, limit int) int {
	for _, br := range [][2]string{{"（", "）"}, {"(", ")"}} {
		if !strings.HasPrefix(v[p:limit], br[0]) {
			continue
		}
		y, q := resolutionDigits(v, p+len(br[0]), limit)
		if len(y) == 4 && strings.HasPrefix(v[q:limit], br[1]) {
			return q + len(br[1])
		}
	}
	return p
}
