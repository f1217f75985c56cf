package zh

import (
	"unicode/utf8"

	"github.com/accordkg/accord/extractors"
)

// Limits of an unknown city's name, in runes.
const (
	minPlaceRunes = 2
	maxPlaceRunes = 4
)

// placesOfState finds cities the gazetteer does not know where the text
// holds or signs something in them: 在<state><city>举行 (在南非桑顿举行,
// 在哈萨克斯坦塞米巴拉金斯克签署). The name is the two to four Chinese
// characters between a state's mention after 在 and a holding or signing
// verb, when no gazetteer name starts among them and no place blocker
// (境内, 首都, 成功…) stands there.
func (e *Entities) placesOfState(out []cand, d *extractors.Document, names nameMemo, gaz []gazCand) []cand {
	v := d.View
	for i := range gaz {
		g := &gaz[i]
		if e.payloads[g.p].tmpl.Class.Name != "State" || e.c.locatives.before(v, g.Start) == "" {
			continue
		}
		next := len(v) // where the next gazetteer name starts
		if i+1 < len(gaz) {
			next = gaz[i+1].Start
		}
		p, n := g.End, 0
		for n < maxPlaceRunes && p < len(v) {
			if e.c.holdVerbs.at(v, p) != "" || e.c.signVerbs.at(v, p) != "" {
				break
			}
			r, w := utf8.DecodeRuneInString(v[p:])
			if r < 0x4E00 || r > 0x9FFF || e.c.placeBlockers.at(v, p) != "" {
				n = 0
				break
			}
			p += w
			n++
		}
		if n < minPlaceRunes || p > next || e.c.holdVerbs.at(v, p) == "" && e.c.signVerbs.at(v, p) == "" {
			continue
		}
		sp := extractors.Span{Start: g.End, End: p}
		if !inText(d, sp) {
			continue
		}
		lab, surface := names.ofSpan(d, sp)
		out = append(out, cand{m: e.named("City", lab, surface, "zh/city/of-state", sp), name: true})
	}
	return out
}
