package en

import (
	"github.com/accordkg/accord/extractors"
)

// maxPlaceWords is the most capitalized words an unknown city's name may
// have ("Sandton", "Nur-Sultan", "Rio de Janeiro" is known).
const maxPlaceWords = 3

// placesOfState finds cities the gazetteer does not know, where the text
// says they are a place in a state where something was held or signed:
// "met in Sandton, South Africa", "signed in Semipalatinsk, Kazakhstan".
// The name is the capitalized words between the locative (in, at) and the
// comma before a state's mention, right after a holding or signing verb;
// nothing else the gazetteer found lies inside it. A region in that place
// ("held in Hainan, China") would be taken for a city: the verb, the
// locative and the comma before a state keep that rare.
func (e *entities) placesOfState(x *doc, gaz []cand) []cand {
	ts := x.ts.t
	var out []cand
	for gi := range gaz {
		g := &gaz[gi].m
		if g.Class.Name != "State" {
			continue
		}
		s, ok := x.ts.startAt(g.Start)
		if !ok || s < 3 || ts[s-1].Text != "," || x.sent[s-1] < 0 {
			continue
		}
		lo, _ := x.sentenceRange(s - 1)
		j := s - 1 // the comma
		i := j
		for i-1 > lo && j-i < maxPlaceWords && ts[i-1].Word && ts[i-1].Cap && !x.covered[i-1] && monthOf(ts[i-1]) == 0 {
			i--
		}
		if i == j || i-1 < lo || ts[i-1].Key != "in" && ts[i-1].Key != "at" {
			continue
		}
		if v := i - 1; e.c.holdVerbs.before(ts, lo, v) == 0 && e.c.signVerbs.before(ts, lo, v) == 0 {
			continue
		}
		m := extractors.Mention{Span: x.span(i, j), Class: mustClass("City"), Key: x.key(i, j), Label: x.label(i, j),
			Surface: x.label(i, j), Rule: "en/city/of-state"}
		out = append(out, cand{m: m, name: true})
	}
	return out
}
