package zh

import (
	"sort"
	"strings"
	"sync"

	"github.com/accordkg/accord/extractors"
	"github.com/accordkg/accord/schema"
)

// Facts is the stage that finds stated facts: where and when instruments
// were signed (2007年8月16日在比什凯克签署的《…》) and meetings held (在杜尚别举行的…;
// …于6月10日在青岛举行), who proposed an initiative and where, which meeting
// adopted which instruments (本次峰会通过《…》), membership (X吸收A加入, A加入X)
// and which state a city lies in (中国青岛).
type Facts struct {
	c *cues
	// facts holds scratch slices (*[]extractors.Fact) that gather a
	// document's facts, copied to it at the end in one allocation of
	// their number instead of a slice grown again and again.
	facts sync.Pool
}

// maxPooledFacts bounds the scratch slices Facts keeps.
const maxPooledFacts = 1 << 14

// Process implements extractors.Stage.
func (f *Facts) Process(d *extractors.Document) error {
	v := d.View
	var chain []int // a chain of states, reused
	fp, _ := f.facts.Get().(*[]extractors.Fact)
	if fp == nil {
		fp = new([]extractors.Fact)
	}
	prev := d.Facts
	d.Facts = append((*fp)[:0], prev...) // add appends to the scratch
	defer f.keep(d, prev, fp)
	for i := range d.Mentions {
		m := &d.Mentions[i]
		switch m.Class.Name {
		case "Instrument":
			f.proposedBefore(d, i)
			// …签署的《X》, and 于<date>在<city>签署《X》 (the verb's object)
			p := backSpace(v, m.Start)
			if strings.HasSuffix(v[:p], "的") {
				p -= len("的")
			}
			if verb := f.c.signVerbs.before(v, p); verb != "" {
				f.placeAndDate(d, i, extractors.Span{Start: p - len(verb), End: p}, schema.SignedIn, schema.SignedOn, "", "zh/fact/signed")
			} else {
				f.after(d, i, f.c.signVerbs.list, schema.SignedIn, schema.SignedOn, "", "zh/fact/signed-after")
			}
		case "Meeting":
			p := backSpace(v, m.Start)
			if strings.HasSuffix(v[:p], "的") {
				p -= len("的")
			}
			if verb := f.c.holdVerbs.before(v, p); verb != "" {
				f.placeAndDate(d, i, extractors.Span{Start: p - len(verb), End: p}, schema.HeldIn, schema.HeldOn, schema.EndedOn, "zh/fact/held")
			} else {
				f.heldAfter(d, i)
			}
			f.adoptedAt(d, i)
		case "Initiative":
			f.proposal(d, i)
			f.proposedBefore(d, i)
		case "State":
			if j := mentionStartingNear(d, i, m.End); j >= 0 && d.Mentions[j].Class.Name == "City" {
				f.add(d, extractors.Fact{Subject: j, Predicate: schema.LocatedIn, Object: i, Rule: "zh/fact/city-of-state"})
			}
		case "Organization":
			chain = f.admission(d, i, chain[:0])
		}
		if m.Class.Actor {
			chain = f.joining(d, i, chain[:0])
		}
	}
	return nil
}

// keep makes d's facts, gathered in *fp after the facts prev it had
// before, its own, and puts *fp back in the pool.
func (f *Facts) keep(d *extractors.Document, prev []extractors.Fact, fp *[]extractors.Fact) {
	all := d.Facts
	switch {
	case len(all) == len(prev):
		d.Facts = prev // none added: as it was (nil stays nil)
	case cap(all) > maxPooledFacts && prev == nil:
		// too large to keep (it grew so in this document): the
		// document's own
		return
	default:
		d.Facts = append(prev[:len(prev):len(prev)], all[len(prev):]...)
	}
	if cap(all) <= maxPooledFacts {
		clear(all) // nothing of this document kept for the next
		*fp = all[:0]
		f.facts.Put(fp)
	}
}

// add adds fact x, in the sentence of the later of its two mentions.
func (f *Facts) add(d *extractors.Document, x extractors.Fact) {
	x.Sent = d.Mentions[x.Subject].Sent
	if x.Object >= 0 && d.Mentions[x.Object].Sent > x.Sent {
		x.Sent = d.Mentions[x.Object].Sent
	}
	d.Facts = append(d.Facts, x)
	if d.Explaining() {
		d.NoteFact(x)
	}
}

// placeAndDate reads the city and date in the words before the verb at cue
// that belong to mention i: back to the clause start or the last mention
// that is neither a place nor i.
func (f *Facts) placeAndDate(d *extractors.Document, i int, cue extractors.Span, in, on, ended, rule string) {
	verbAt := cue.Start
	v := d.View
	m := &d.Mentions[i]
	if m.Sent < 0 {
		return
	}
	from := clauseStart(v, d.Sentences[m.Sent].Start, verbAt)
	lo, hi := d.MentionRange(from, verbAt)
	for j := lo; j < hi; j++ {
		o := d.Mentions[j]
		if j == i || o.End > verbAt || o.End <= from {
			continue
		}
		if o.Class.Name != "City" && o.Class.Name != "State" {
			from = o.End
		}
	}
	f.cityAndDate(d, i, from, verbAt, cue, in, on, ended, rule)
}

// cityAndDate adds the in/on (and ended) facts of mention i from the cities
// after a locative and the last date in [from, to); cue is the verb. It
// reports whether it found a date.
func (f *Facts) cityAndDate(d *extractors.Document, i, from, to int, cue extractors.Span, in, on, ended, rule string) bool {
	v := d.View
	lo, hi := d.MentionRange(from, to)
	for j := lo; j < hi; j++ {
		o := d.Mentions[j]
		if o.End <= to && o.Class.Name == "City" {
			p := backSpace(v, o.Start)
			if k := mentionEndingAt(d, p); k >= 0 && d.Mentions[k].Class.Name == "State" {
				p = backSpace(v, d.Mentions[k].Start)
			}
			if f.c.locatives.before(v, p) != "" {
				f.add(d, extractors.Fact{Subject: i, Predicate: in, Object: j, Rule: rule, Cue: cue})
			}
		}
	}
	var last *extractors.DateMention
	for k := sort.Search(len(d.Dates), func(k int) bool { return d.Dates[k].Start >= from }); k < len(d.Dates) && d.Dates[k].Start < to; k++ {
		if dt := &d.Dates[k]; dt.End <= to {
			last = dt
		}
	}
	if last != nil {
		f.add(d, extractors.Fact{Subject: i, Predicate: on, Object: -1, Date: last.From, DateSpan: last.Span, Rule: rule, Cue: cue})
		if last.IsRange() && ended != "" {
			f.add(d, extractors.Fact{Subject: i, Predicate: ended, Object: -1, Date: last.To, DateSpan: last.Span, Rule: rule, Cue: cue})
		}
	}
	return last != nil
}

// heldAfter reads …于<date>在<city>举行 (or <date>在<city>举行) after a
// meeting mention, and a date that opens the sentence as a clause of its
// own (2019年6月14日，…会议在比什凯克举行).
func (f *Facts) heldAfter(d *extractors.Document, i int) {
	if cue, found, ok := f.after(d, i, f.c.holdVerbs.list, schema.HeldIn, schema.HeldOn, schema.EndedOn, "zh/fact/held-after"); ok && !found {
		f.frontedDate(d, i, cue)
	}
}

// after reads the place and date between mention i and one of verbs
// after it in its clause (<meeting>于<date>在<city>举行, <instrument>于
// <date>在<city>签署), when only places, a date and locatives stand
// between. It returns the verb, whether a date was found, and whether the
// verb was.
func (f *Facts) after(d *extractors.Document, i int, verbs []string, in, on, ended, rule string) (cue extractors.Span, found, ok bool) {
	v := d.View
	m := &d.Mentions[i]
	end := clauseEnd(v, m.End, len(v))
	seg := v[m.End:end]
	for _, hv := range verbs {
		k := strings.Index(seg, hv)
		if k < 0 || k > maxPlaceAndDate {
			continue
		}
		verbAt := m.End + k
		if q := f.skipAdverbs(v, skipSpace(v, m.End)); verbAt > m.End && f.c.locatives.at(v, q) == "" && d.DateStartingAt(q) == nil {
			return cue, false, false
		}
		lo, hi := d.MentionRange(m.End, verbAt)
		for _, o := range d.Mentions[lo:hi] {
			if o.End <= verbAt && o.Class.Name != "City" && o.Class.Name != "State" {
				return cue, false, false
			}
		}
		cue = extractors.Span{Start: verbAt, End: verbAt + len(hv)}
		return cue, f.cityAndDate(d, i, m.End, verbAt, cue, in, on, ended, rule), true
	}
	return cue, false, false
}

// maxPlaceAndDate bounds, in bytes, the words between a meeting and the
// verb that says it was held (于2019年6月13日至14日在吉尔吉斯共和国比什凯克: 66).
const maxPlaceAndDate = 150

// frontedDate adds the date of meeting i when the clause before it is a
// date alone (2019年6月14日，<meeting>在<city>举行).
func (f *Facts) frontedDate(d *extractors.Document, i int, cue extractors.Span) {
	v := d.View
	m := &d.Mentions[i]
	p := backSpace(v, m.Start)
	r, w := runeBefore(v, p)
	if r != ',' || m.Sent < 0 {
		return
	}
	p -= w
	from := clauseStart(v, d.Sentences[m.Sent].Start, p)
	q := f.skipAdverbs(v, skipSpace(v, from))
	if a := f.c.locatives.at(v, q); a != "" {
		q = skipSpace(v, q+len(a))
	}
	dt := d.DateStartingAt(q)
	if dt == nil || backSpace(v, p) != dt.End {
		return
	}
	f.add(d, extractors.Fact{Subject: i, Predicate: schema.HeldOn, Object: -1, Date: dt.From, DateSpan: dt.Span, Rule: "zh/fact/held-after", Cue: cue})
	if dt.IsRange() {
		f.add(d, extractors.Fact{Subject: i, Predicate: schema.EndedOn, Object: -1, Date: dt.To, DateSpan: dt.Span, Rule: "zh/fact/held-after", Cue: cue})
	}
}

// adoptedAt reads <meeting>通过<instrument>(及其…和<instrument>).
func (f *Facts) adoptedAt(d *extractors.Document, i int) {
	v := d.View
	p := skipSpace(v, d.Mentions[i].End)
	a := f.c.adoptVerbs.at(v, p)
	if a == "" {
		return
	}
	for _, j := range f.chain(d, i, skipSpace(v, p+len(a)), "Instrument") {
		f.add(d, extractors.Fact{Subject: j, Predicate: schema.AdoptedAt, Object: i, Rule: "zh/fact/adopted-at", Cue: extractors.Span{Start: p, End: p + len(a)}})
	}
}

// chain returns the mentions of a class starting at off and joined by
// coordinators (A及其B和C); mention i starts at or before off.
func (f *Facts) chain(d *extractors.Document, i, off int, class string) []int {
	v := d.View
	var out []int
	for j := i; ; {
		j = mentionStartingNear(d, j, off)
		if j < 0 || d.Mentions[j].Class.Name != class {
			return out
		}
		out = append(out, j)
		off = skipSpace(v, d.Mentions[j].End)
		if mentionStartingNear(d, j, off) >= 0 {
			continue
		}
		c := f.c.coordinators.at(v, off)
		if c == "" {
			return out
		}
		off = skipSpace(v, off+len(c))
	}
}

// proposal reads an initiative's proposer and the meeting it was proposed
// at, and gives the instruments it proposes to adopt the same facts.
func (f *Facts) proposal(d *extractors.Document, i int) {
	v := d.View
	m := &d.Mentions[i]
	about := -1
	for _, a := range f.c.about.list {
		if k := strings.Index(v[m.Start:m.End], a); k >= 0 && (about < 0 || m.Start+k < about) {
			about = m.Start + k
		}
	}
	if about < 0 {
		return
	}
	cue := extractors.Span{Start: about, End: about + len(f.c.about.at(v, about))}
	proposer, at := -1, -1
	lo, hi := d.MentionRange(m.Start, m.End)
	for j := lo; j < hi; j++ {
		o := d.Mentions[j]
		if j == i || o.End > about {
			continue
		}
		if o.Start == m.Start && o.Class.Actor {
			proposer = j
		}
		if o.Class.Name == "Meeting" && strings.HasPrefix(v[o.End:], "上") {
			at = j
		}
	}
	var subjects = []int{i}
	for j := lo; j < hi; j++ {
		o := d.Mentions[j]
		if o.Class.Name == "Instrument" && o.Start > about && o.End <= m.End {
			p := backSpace(v, o.Start)
			if f.c.adoptVerbs.before(v, p) != "" || f.c.proposalVerbs.before(v, p) != "" {
				subjects = append(subjects, j)
			}
		}
	}
	for _, s := range subjects {
		if proposer >= 0 {
			f.add(d, extractors.Fact{Subject: s, Predicate: schema.ProposedBy, Object: proposer, Rule: "zh/fact/proposed-by", Cue: cue})
		}
		if at >= 0 {
			f.add(d, extractors.Fact{Subject: s, Predicate: schema.ProposedAt, Object: at, Rule: "zh/fact/proposed-at", Cue: cue})
		}
	}
}

// admission reads X吸收A、B加入: A and B become members of organization X.
// It returns buf, which it may have grown, for the next call.
func (f *Facts) admission(d *extractors.Document, i int, buf []int) []int {
	v := d.View
	p := skipSpace(v, d.Mentions[i].End)
	a := f.c.admitVerbs.at(v, p)
	if a == "" {
		return buf
	}
	members := f.actorChain(d, i, skipSpace(v, p+len(a)), buf)
	if len(members) == 0 {
		return members
	}
	last := d.Mentions[members[len(members)-1]]
	if f.c.joinVerbs.at(v, f.skipAdverbs(v, skipSpace(v, last.End))) == "" {
		return members
	}
	for _, j := range members {
		f.add(d, extractors.Fact{Subject: j, Predicate: schema.MemberOf, Object: i, Rule: "zh/fact/admitted", Cue: extractors.Span{Start: p, End: p + len(a)}})
	}
	return members
}

// joining reads A(、B)加入X: the states join organization X. It returns
// buf, which it may have grown, for the next call.
func (f *Facts) joining(d *extractors.Document, i int, buf []int) []int {
	v := d.View
	// only at the head of a chain
	if p := backSpace(v, d.Mentions[i].Start); f.c.coordinators.before(v, p) != "" && mentionEndingAt(d, backSpace(v, p-len(f.c.coordinators.before(v, p)))) >= 0 {
		return buf
	}
	members := f.actorChain(d, i, d.Mentions[i].Start, buf)
	if len(members) == 0 {
		return members
	}
	last := members[len(members)-1]
	p := f.skipAdverbs(v, skipSpace(v, d.Mentions[last].End))
	// a date before the verb: 伊朗伊斯兰共和国于2023年成为…
	if l := f.c.locatives.at(v, p); l != "" {
		if dt := d.DateStartingAt(skipSpace(v, p+len(l))); dt != nil {
			p = f.skipAdverbs(v, skipSpace(v, dt.End))
		}
	} else if dt := d.DateStartingAt(p); dt != nil {
		p = f.skipAdverbs(v, skipSpace(v, dt.End))
	}
	j := f.c.joinVerbs.at(v, p)
	if j == "" {
		return members
	}
	o := mentionStartingNear(d, last, skipSpace(v, p+len(j)))
	if o < 0 || d.Mentions[o].Class.Name != "Organization" {
		return members
	}
	// 申请加入X, 加入X的进程: membership sought or under way, not stated
	if f.c.joinBlockers.before(v, backSpace(v, p)) != "" || f.c.joinBlockers.at(v, skipSpace(v, d.Mentions[o].End)) != "" {
		return members
	}
	for _, s := range members {
		if d.Mentions[s].Class.Name == "State" {
			f.add(d, extractors.Fact{Subject: s, Predicate: schema.MemberOf, Object: o, Rule: "zh/fact/joined", Cue: extractors.Span{Start: p, End: p + len(j)}})
		}
	}
	return members
}

// actorChain appends to out the states joined by coordinators from off
// and returns it; mention i starts at or before off.
func (f *Facts) actorChain(d *extractors.Document, i, off int, out []int) []int {
	v := d.View
	for j := i; ; {
		j = mentionStartingNear(d, j, off)
		if j < 0 || d.Mentions[j].Class.Name != "State" {
			return out
		}
		out = append(out, j)
		off = skipSpace(v, d.Mentions[j].End)
		c := f.c.coordinators.at(v, off)
		if c == "" {
			return out
		}
		off = skipSpace(v, off+len(c))
	}
}

// mentionStartingAt returns the outermost mention starting at off, or -1.
func mentionStartingAt(d *extractors.Document, off int) int {
	return outermost(d, d.MentionsStartingAt(off))
}

// mentionStartingNear returns mentionStartingAt(d, off) when mention i
// starts at or before off, not far: it reads the mentions from i on (by
// start, as the document's index orders them) instead of searching all
// of them, and searches when more than nearMentions lie between.
func mentionStartingNear(d *extractors.Document, i, off int) int {
	ms := d.Mentions
	if i < 0 || i >= len(ms) || ms[i].Start > off {
		return mentionStartingAt(d, off)
	}
	k := i
	for k > 0 && ms[k-1].Start == off {
		k-- // the first of those starting at off, when i is one
	}
	for n := 0; k < len(ms) && ms[k].Start < off; k++ {
		if n++; n > nearMentions {
			return mentionStartingAt(d, off)
		}
	}
	best := -1
	for ; k < len(ms) && ms[k].Start == off; k++ {
		if best < 0 || ms[k].Len() > ms[best].Len() {
			best = k
		}
	}
	return best
}

// nearMentions is how many mentions mentionStartingNear reads before it
// searches instead.
const nearMentions = 8

// proposedBefore reads X(、Y)提出的<initiative or instrument>.
func (f *Facts) proposedBefore(d *extractors.Document, i int) {
	v := d.View
	p := backSpace(v, d.Mentions[i].Start)
	if !strings.HasSuffix(v[:p], "的") {
		return
	}
	p -= len("的")
	verb := f.c.proposeVerbs.before(v, p)
	if verb == "" {
		return
	}
	cue := extractors.Span{Start: p - len(verb), End: p}
	p = backSpace(v, p-len(verb))
	for _, a := range []string{"共同", "所", "首先"} {
		p = backSpace(v, p-len(a)*btoi(strings.HasSuffix(v[:p], a)))
	}
	j := mentionEndingAt(d, p)
	if j < 0 || !d.Mentions[j].Class.Actor {
		return
	}
	f.add(d, extractors.Fact{Subject: i, Predicate: schema.ProposedBy, Object: j, Rule: "zh/fact/proposed-by", Cue: cue})
}

// skipAdverbs returns the offset after the adverbs at off (正式加入).
func (f *Facts) skipAdverbs(v string, off int) int {
	for {
		a := f.c.adverbs.at(v, off)
		if a == "" {
			return off
		}
		off = skipSpace(v, off+len(a))
	}
}
