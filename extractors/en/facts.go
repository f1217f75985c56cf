package en

import (
	"github.com/accordkg/accord/extractors"
	"github.com/accordkg/accord/schema"
)

// facts is the stage that finds stated facts: where and when instruments
// were signed ("signed in Bishkek on 16 August 2007", "the signing of X in
// Vienna on …") and meetings held ("held in Astana on 15 March 2018", "the
// Summit in Qingdao on 10 June 2018", "met … in Xiamen at the Ninth BRICS
// Summit"), who proposed an initiative and where ("Kazakhstan's
// initiative", "put forward by China", "put forward at the 72nd session"),
// which meeting adopted which instruments ("adopted at the Summit", "the
// adoption of X at the Summit"), membership ("the accession of India and
// Pakistan to the SCO", "X joined Y") and which state a city lies in
// ("Qingdao, China").
type facts struct {
	c *cues
}

// process implements stage.
func (f *facts) process(d *extractors.Document, st *state) error {
	x := st.rdoc(d)
	x.facts = make(map[factKey]bool, len(d.Facts))
	for _, g := range d.Facts {
		x.facts[factKey{subj: g.Subject, obj: g.Object, pred: g.Predicate, date: g.Date}] = true
	}
	for i, m := range d.Mentions {
		if m.Sent < 0 || d.Paragraphs[d.Sentences[m.Sent].Para].Kind != extractors.Body {
			continue
		}
		mi, ok1 := x.ts.startAt(m.Start)
		mj, ok2 := x.ts.endAt(m.End)
		if !ok1 || !ok2 {
			continue
		}
		mj++
		lo, hi := x.sentLo[m.Sent], x.sentHi[m.Sent]
		switch m.Class.Name {
		case "Instrument":
			f.signed(x, i, mi, mj, lo, hi)
			f.adoptedAfter(x, i, mj, hi)
			f.proposedAfter(x, i, mj, hi)
		case "Meeting":
			f.held(x, i, mi, mj, lo, hi)
			f.meetingAdopts(x, i, mj, hi)
		case "Initiative":
			f.proposal(x, i, mi, mj, lo, hi)
			f.proposedAfter(x, i, mj, hi)
		case "City":
			f.cityOfState(x, i, mj, hi)
		}
		if m.Class.Name == "State" && !m.Nested {
			f.joining(x, i, mi, lo, hi)
		}
		if m.Class.Name == "Organization" || m.Contextual == "organization" {
			f.admission(x, i, mi, lo)
		}
	}
	f.adoptionAt(x)
	return nil
}

// factKey is what makes a fact the same as another: subject, predicate,
// object and date.
type factKey struct {
	subj, obj int
	pred      string
	date      extractors.Date
}

// add adds a fact unless the document states it already.
func (f *facts) add(x *rdoc, y extractors.Fact) {
	d := x.d
	y.Sent = d.Mentions[y.Subject].Sent
	if y.Object >= 0 && d.Mentions[y.Object].Sent > y.Sent {
		y.Sent = d.Mentions[y.Object].Sent
	}
	k := factKey{subj: y.Subject, obj: y.Object, pred: y.Predicate, date: y.Date}
	if x.facts[k] {
		return
	}
	x.facts[k] = true
	d.Facts = append(d.Facts, y)
	d.NoteFact(y)
}

// cue returns the span of tokens [k, k+n): the words that state a fact.
func (x *rdoc) cue(k, n int) extractors.Span {
	if n <= 0 || k < 0 || k+n > len(x.ts.t) {
		return extractors.Span{}
	}
	return extractors.Span{Start: x.ts.t[k].Start, End: x.ts.t[k+n-1].End}
}

// placeWindow returns the end of the place-and-date phrase that starts at
// token k: it runs over prepositions, cities, states, dates and commas,
// and stops at a clause break, another mention or a verb.
func (f *facts) placeWindow(x *rdoc, k, hi int) int {
	ts := x.ts.t
	d := x.d
	end := k
	for p := k; p < hi && p < k+30; {
		t := ts[p]
		if mi, ok := x.mentionAt(p); ok {
			m := d.Mentions[mi]
			if m.Class.Name != "City" && m.Class.Name != "State" {
				break
			}
			p = x.ts.endIndex(m.End) + 1
			end = p
			continue
		}
		if dt := d.DateStartingAt(t.Start); dt != nil {
			p = x.ts.endIndex(dt.End) + 1
			end = p
			continue
		}
		if t.Text == "," || t.Key == "in" || t.Key == "on" || t.Key == "at" || t.Key == "the" || t.Key == "during" || t.Key == "from" || t.Key == "of" {
			p++
			continue
		}
		// a place the gazetteer does not know, after a preposition or a comma
		if t.Word && t.Cap && p > k && (ts[p-1].Key == "in" || ts[p-1].Key == "at" || ts[p-1].Text == ",") {
			p++
			continue
		}
		break
	}
	return end
}

// cityAndDate adds the in/on (and endedOn) facts of mention i from the
// cities after a locative and the last date in tokens [a, b).
func (f *facts) cityAndDate(x *rdoc, i, a, b int, cue extractors.Span, in, on, ended, rule string) {
	d := x.d
	ts := x.ts.t
	if a >= b {
		return
	}
	var last *extractors.DateMention
	for p := a; p < b; p++ {
		if mi, ok := x.mentionAt(p); ok && d.Mentions[mi].Class.Name == "City" {
			q := skipDetBack(ts, a, p)
			if q > a && f.c.locatives.before(ts, a, q) > 0 || q > a && ts[q-1].Text == "," && x.prevCity(q-1, a) {
				f.add(x, extractors.Fact{Subject: i, Predicate: in, Object: mi, Rule: rule, Cue: cue})
			}
		}
		if dt := d.DateStartingAt(ts[p].Start); dt != nil && dt.End <= ts[b-1].End {
			last = dt
		}
	}
	if last != nil {
		f.add(x, extractors.Fact{Subject: i, Predicate: on, Object: -1, Date: last.From, DateSpan: last.Span, Rule: rule, Cue: cue})
		if last.IsRange() && ended != "" {
			f.add(x, extractors.Fact{Subject: i, Predicate: ended, Object: -1, Date: last.To, DateSpan: last.Span, Rule: rule, Cue: cue})
		}
	}
}

// prevCity reports whether a city mention ends right before token k.
func (x *rdoc) prevCity(k, lo int) bool {
	mi, ok := x.mentionEnd(k)
	return ok && k > lo && x.d.Mentions[mi].Class.Name == "City"
}

func skipDetBack(ts []token, lo, k int) int {
	for k > lo && determiners.has(ts[k-1].Key) {
		k--
	}
	return k
}

// skipRelative returns the token after ", which was" / "that was" /
// "," at k.
func skipRelative(ts []token, k, hi int) int {
	if k < hi && ts[k].Text == "," {
		k++
	}
	if k+1 < hi && (ts[k].Key == "which" || ts[k].Key == "that") && (ts[k+1].Key == "was" || ts[k+1].Key == "were" || ts[k+1].Key == "is" || ts[k+1].Key == "will") {
		k += 2
		if k < hi && ts[k].Key == "be" {
			k++
		}
	}
	return k
}

// signed reads "<instrument>(,) signed in <city> on <date>" and "the
// signing of <instrument> in <city> on <date>".
func (f *facts) signed(x *rdoc, i, mi, mj, lo, hi int) {
	ts := x.ts.t
	k := skipRelative(ts, mj, hi)
	if n := f.c.signVerbs.at(ts, k, hi); n > 0 {
		end := f.placeWindow(x, k+n, hi)
		f.cityAndDate(x, i, k+n, end, x.cue(k, n), schema.SignedIn, schema.SignedOn, "", "en/fact/signed")
		return
	}
	p := skipDetBack(ts, lo, mi)
	if n := f.c.signVerbs.before(ts, lo, p); n > 0 && ts[p-1].Key == "of" {
		end := f.placeWindow(x, mj, hi)
		f.cityAndDate(x, i, mj, end, x.cue(p-n, n), schema.SignedIn, schema.SignedOn, "", "en/fact/signed")
	}
}

// held reads where and when a meeting was held: "<meeting> (, which was)
// held in <city> on <date>", "<meeting> in <city> on <date>", "met on
// <date> in <city> at <meeting>".
func (f *facts) held(x *rdoc, i, mi, mj, lo, hi int) {
	ts := x.ts.t
	k := skipRelative(ts, mj, hi)
	if n := f.c.holdVerbs.at(ts, k, hi); n > 0 {
		end := f.placeWindow(x, k+n, hi)
		f.cityAndDate(x, i, k+n, end, x.cue(k, n), schema.HeldIn, schema.HeldOn, schema.EndedOn, "en/fact/held")
		return
	}
	if mj < hi && (ts[mj].Key == "in" || ts[mj].Key == "on") {
		end := f.placeWindow(x, mj, hi)
		f.cityAndDate(x, i, mj, end, x.cue(mj, 1), schema.HeldIn, schema.HeldOn, schema.EndedOn, "en/fact/held")
		return
	}
	// before: <hold verb> … at|for (the) <meeting>
	p := skipDetBack(ts, lo, mi)
	if p-1 < lo || ts[p-1].Key != "at" && ts[p-1].Key != "for" {
		return
	}
	for q := p - 2; q >= lo && q >= p-30; q-- {
		if clausePunct.has(ts[q].Text) {
			return
		}
		if n := f.c.holdVerbs.at(ts, q, p); n > 0 {
			f.cityAndDate(x, i, q+n, p-1, x.cue(q, n), schema.HeldIn, schema.HeldOn, schema.EndedOn, "en/fact/held")
			return
		}
		if mi, ok := x.mentionAt(q); ok {
			m := x.d.Mentions[mi]
			if m.Class.Name != "City" && m.Class.Name != "State" {
				return
			}
		}
	}
}

// meetingAdopts reads "<meeting> adopted <instrument>( and <instrument>)".
func (f *facts) meetingAdopts(x *rdoc, i, mj, hi int) {
	ts := x.ts.t
	n := f.c.adoptVerbs.at(ts, mj, hi)
	if n == 0 {
		return
	}
	for _, j := range f.chain(x, skipDetForward(ts, mj+n, hi), hi, "Instrument") {
		f.add(x, extractors.Fact{Subject: j, Predicate: schema.AdoptedAt, Object: i, Rule: "en/fact/adopted-at", Cue: x.cue(mj, n)})
	}
}

// mentionAfter returns the outermost mention at token k or, past
// determiners, after them ("the Summit" is one mention, "the SCO" another).
func mentionAfter(x *rdoc, k, hi int) (int, bool) {
	if m, ok := x.mentionAt(k); ok {
		return m, true
	}
	m, ok := x.mentionAt(skipDetForward(x.ts.t, k, hi))
	return m, ok
}

// adoptedAfter reads "<instrument>(,) adopted at <meeting>".
func (f *facts) adoptedAfter(x *rdoc, i, mj, hi int) {
	ts := x.ts.t
	k := skipRelative(ts, mj, hi)
	n := f.c.adoptVerbs.at(ts, k, hi)
	if n == 0 || k+n >= hi || ts[k+n].Key != "at" && ts[k+n].Key != "during" && ts[k+n].Key != "by" {
		return
	}
	if m, ok := mentionAfter(x, k+n+1, hi); ok && x.d.Mentions[m].Class.Name == "Meeting" {
		f.add(x, extractors.Fact{Subject: i, Predicate: schema.AdoptedAt, Object: m, Rule: "en/fact/adopted-at", Cue: x.cue(k, n+1)})
	}
}

// adoptionAt reads "the adoption of <instrument>( and <instrument>) at
// <meeting>" and "the adoption at <meeting> of <instrument>…".
func (f *facts) adoptionAt(x *rdoc) {
	d := x.d
	ts := x.ts.t
	for si := range d.Sentences {
		lo, hi := x.sentLo[si], x.sentHi[si]
		for k := lo; k+2 < hi; k++ {
			if ts[k].Key != "adoption" && ts[k].Key != "approval" {
				continue
			}
			p := k + 1
			var meeting = -1
			var insts []int
			if ts[p].Key == "at" || ts[p].Key == "during" {
				m, ok := mentionAfter(x, p+1, hi)
				if !ok || d.Mentions[m].Class.Name != "Meeting" {
					continue
				}
				meeting = m
				e := x.ts.endIndex(d.Mentions[m].End) + 1
				if e >= hi || ts[e].Key != "of" {
					continue
				}
				insts = f.chain(x, skipDetForward(ts, e+1, hi), hi, "Instrument")
			} else if ts[p].Key == "of" {
				insts = f.chain(x, skipDetForward(ts, p+1, hi), hi, "Instrument")
				if len(insts) == 0 {
					continue
				}
				e := x.ts.endIndex(d.Mentions[insts[len(insts)-1]].End) + 1
				if e < hi && (ts[e].Key == "at" || ts[e].Key == "during" || ts[e].Key == "by") {
					if m, ok := mentionAfter(x, e+1, hi); ok && d.Mentions[m].Class.Name == "Meeting" {
						meeting = m
					}
				}
			}
			if meeting < 0 {
				continue
			}
			for _, j := range insts {
				f.add(x, extractors.Fact{Subject: j, Predicate: schema.AdoptedAt, Object: meeting, Rule: "en/fact/adopted-at", Cue: x.cue(k, 1)})
			}
		}
	}
}

// chain returns the mentions of a class from token k joined by
// coordinators (A, B and C; A and its B).
func (f *facts) chain(x *rdoc, k, hi int, class string) []int {
	d := x.d
	ts := x.ts.t
	var out []int
	for k < hi {
		m, ok := x.mentionAt(k)
		if !ok || d.Mentions[m].Class.Name != class {
			return out
		}
		out = append(out, m)
		k = x.ts.endIndex(d.Mentions[m].End) + 1
		n := f.c.coordinators.at(ts, k, hi)
		if n == 0 {
			n = f.c.derivedLinks.at(ts, k, hi)
			if n > 0 {
				n-- // "and its": the determiner is skipped below
			}
		}
		if n == 0 {
			return out
		}
		k = skipDetForward(ts, k+n, hi)
	}
	return out
}

// proposal reads an initiative's proposer (its first token, or after "of"
// / "by") and the meeting it was put forward at, and gives the
// instruments it proposes to adopt the same facts.
func (f *facts) proposal(x *rdoc, i, mi, mj, lo, hi int) {
	d := x.d
	ts := x.ts.t
	m := d.Mentions[i]
	proposer, at := -1, -1
	var cue extractors.Span // the proposing words, where the text has them
	if m.Rule == "en/initiative/proposer" {
		a, b := x.ms.before(m.Start), x.ms.before(m.End)
		for o := a; o < b; o++ {
			om := d.Mentions[o]
			k, ok := x.ts.startAt(om.Start)
			if o == i || !ok || !om.Class.Actor || om.End > m.End {
				continue
			}
			if k == mi || ts[k-1].Key == "of" || ts[k-1].Key == "by" || ts[k-1].Key == "the" && ts[k-2].Key == "of" || ts[k-1].Key == "the" && ts[k-2].Key == "by" {
				proposer = o
				break
			}
		}
	}
	// China's Belt and Road Initiative
	if proposer < 0 && mi-2 >= lo && ts[mi-1].Key == "s" && ts[mi-2].Text == "'" {
		if o, ok := x.mentionEnd(mi - 2); ok && d.Mentions[o].Class.Actor {
			proposer = o
		}
	}
	// put forward at <meeting> (inside or right after the span)
	for k := mi; k < hi && k < mj+12; k++ {
		if n := f.c.proposeVerbs.at(ts, k, hi); n > 0 && k+n < hi && (ts[k+n].Key == "at" || ts[k+n].Key == "during") {
			if o, ok := mentionAfter(x, k+n+1, hi); ok && d.Mentions[o].Class.Name == "Meeting" {
				at, cue = o, x.cue(k, n+1)
			}
			break
		}
	}
	subjects := []int{i}
	for k := mi; k < mj; k++ {
		o, ok := x.mentionAt(k)
		if !ok || d.Mentions[o].Class.Name != "Instrument" {
			continue
		}
		p := skipDetBack(ts, mi, k)
		if f.c.proposalVerbs.before(ts, mi, p) > 0 {
			subjects = append(subjects, o)
		}
	}
	for _, s := range subjects {
		if proposer >= 0 {
			f.add(x, extractors.Fact{Subject: s, Predicate: schema.ProposedBy, Object: proposer, Rule: "en/fact/proposed-by"})
		}
		if at >= 0 {
			f.add(x, extractors.Fact{Subject: s, Predicate: schema.ProposedAt, Object: at, Rule: "en/fact/proposed-at", Cue: cue})
		}
	}
}

// proposedAfter reads "<initiative>(,) proposed by <actor> (at <meeting>)"
// and "… put forward at <meeting>".
func (f *facts) proposedAfter(x *rdoc, i, mj, hi int) {
	d := x.d
	ts := x.ts.t
	k := skipRelative(ts, mj, hi)
	n := f.c.proposeVerbs.at(ts, k, hi)
	if n == 0 {
		return
	}
	for p := k + n; p+1 < hi; {
		o, ok := mentionAfter(x, p+1, hi)
		if !ok {
			return
		}
		switch {
		case ts[p].Key == "by" && d.Mentions[o].Class.Actor:
			f.add(x, extractors.Fact{Subject: i, Predicate: schema.ProposedBy, Object: o, Rule: "en/fact/proposed-by", Cue: x.cue(k, n)})
		case (ts[p].Key == "at" || ts[p].Key == "during") && d.Mentions[o].Class.Name == "Meeting":
			f.add(x, extractors.Fact{Subject: i, Predicate: schema.ProposedAt, Object: o, Rule: "en/fact/proposed-at", Cue: x.cue(k, n)})
		default:
			return
		}
		p = x.ts.endIndex(d.Mentions[o].End) + 1
	}
}

// cityOfState reads "<city>, <state>" and "<city> (<state>)".
func (f *facts) cityOfState(x *rdoc, i, mj, hi int) {
	ts := x.ts.t
	if mj+1 >= hi || ts[mj].Text != "," && ts[mj].Text != "(" {
		return
	}
	o, ok := x.mentionAt(mj + 1)
	if !ok || x.d.Mentions[o].Class.Name != "State" {
		return
	}
	e := x.ts.endIndex(x.d.Mentions[o].End) + 1
	if ts[mj].Text == "(" && (e >= len(ts) || ts[e].Text != ")") {
		return
	}
	f.add(x, extractors.Fact{Subject: i, Predicate: schema.LocatedIn, Object: o, Rule: "en/fact/city-of-state"})
}

// admission reads "the accession of A (and B) to <organization>" ending
// at organization mention i.
func (f *facts) admission(x *rdoc, i, mi, lo int) {
	d := x.d
	ts := x.ts.t
	p := skipDetBack(ts, lo, mi)
	if p-1 < lo || ts[p-1].Key != "to" && ts[p-1].Key != "into" {
		return
	}
	// back over the chain of states to the admission noun
	for k := p - 2; k >= lo && k >= p-40; k-- {
		n := f.c.admitVerbs.at(ts, k, p)
		if n == 0 {
			continue
		}
		if f.c.joinBlockers.before(ts, lo, skipDetBack(ts, lo, k)) > 0 {
			return // "the procedure of admission of …": under way, not stated
		}
		members := f.chain(x, skipDetForward(ts, k+n, p), p, "State")
		if len(members) == 0 {
			return
		}
		last := x.ts.endIndex(d.Mentions[members[len(members)-1]].End) + 1
		if last != p-1 {
			return
		}
		for _, s := range members {
			f.add(x, extractors.Fact{Subject: s, Predicate: schema.MemberOf, Object: i, Rule: "en/fact/admitted", Cue: x.cue(k, n)})
		}
		return
	}
}

// joining reads "A (and B) joined <organization>" starting at state i.
func (f *facts) joining(x *rdoc, i, mi, lo, hi int) {
	d := x.d
	ts := x.ts.t
	// only at the head of a chain
	if p := skipDetBack(ts, lo, mi); p > lo && f.c.coordinators.before(ts, lo, p) > 0 {
		if _, ok := x.mentionEnd(p - f.c.coordinators.before(ts, lo, p)); ok {
			return
		}
	}
	members := f.chain(x, mi, hi, "State")
	if len(members) == 0 {
		return
	}
	k := x.ts.endIndex(d.Mentions[members[len(members)-1]].End) + 1
	for k < hi && f.c.adverbs.at(ts, k, hi) > 0 {
		k += f.c.adverbs.at(ts, k, hi)
	}
	n := f.c.joinVerbs.at(ts, k, hi)
	if n == 0 || f.c.joinBlockers.before(ts, lo, k) > 0 {
		return
	}
	o, ok := x.mentionAt(skipDetForward(ts, k+n, hi))
	if !ok || d.Mentions[o].Class.Name != "Organization" {
		return
	}
	for _, s := range members {
		f.add(x, extractors.Fact{Subject: s, Predicate: schema.MemberOf, Object: o, Rule: "en/fact/joined", Cue: x.cue(k, n)})
	}
}
