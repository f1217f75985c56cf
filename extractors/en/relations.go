package en

import (
	"strings"

	"github.com/accordkg/accord/extractors"
	"github.com/accordkg/accord/schema"
)

// relations is the stage that finds stance statements. For each sentence
// it finds the main verbs (triggers that open a predicate: after the
// actor, at the start of a sentence or clause, or coordinated with an
// earlier main verb), carries the actor over from the sentence's subject
// or the sentence before, and takes as targets the entities of the verb's
// complement, less those in framing adverbials (within the framework of
// the UN), locatives (in Astana), modifiers (the SCO region, X of Y),
// agents (by X), embedded subjects (the UN adopted X), infinitive
// complements (call upon X to support Y: X) and, for a clausal complement
// (note that X …), all but the clause's subject.
type relations struct {
	triggers *dict
	trigs    []trigger
	c        *cues
	rules    *schema.Rules
}

// trig is a trigger occurrence in a sentence (token indexes).
type trig struct {
	i, j int
	rule *schema.Trigger
	// main: opens a predicate; clauseStart: starts a clause (cuts the
	// scope of the verbs before it).
	main, clauseStart bool
	// actor is the mention index right before it, -1 when none.
	actor   int
	negated bool
}

type rdoc struct {
	d  *extractors.Document
	ts *tokens
	// starts gives for each token index the outermost mention starting
	// there, ends for each token index (exclusive end) the outermost
	// mention ending there; -1 for none.
	starts, ends []int32
	// facts holds the facts the document states (the facts stage's).
	facts map[factKey]bool
	// scratch is the buffer of the trigger words' matches.
	scratch []tokHit
	// ms finds mentions by position.
	ms *mentionScan
	// sentLo and sentHi are the token range of each sentence.
	sentLo, sentHi []int
}

func (x *rdoc) span(i, j int) extractors.Span {
	return extractors.Span{Start: x.ts.t[i].Start, End: x.ts.t[j-1].End}
}

func newRdoc(d *extractors.Document, ts *tokens) *rdoc {
	x := &rdoc{d: d, ts: ts, ms: newMentionScan(d), starts: make([]int32, len(ts.t)+1), ends: make([]int32, len(ts.t)+1)}
	for i := range x.starts {
		x.starts[i], x.ends[i] = -1, -1
	}
	for i, m := range d.Mentions {
		if si, ok := x.ts.startAt(m.Start); ok {
			if p, ok := x.mentionAt(si); !ok || d.Mentions[p].Len() < m.Len() {
				x.starts[si] = int32(i)
			}
		}
		if ei, ok := x.ts.endAt(m.End); ok {
			if p, ok := x.mentionEnd(ei + 1); !ok || d.Mentions[p].Len() < m.Len() {
				x.ends[ei+1] = int32(i)
			}
		}
	}
	return x
}

// mentionAt returns the outermost mention starting at token k.
func (x *rdoc) mentionAt(k int) (int, bool) {
	if k < 0 || k >= len(x.starts) || x.starts[k] < 0 {
		return 0, false
	}
	return int(x.starts[k]), true
}

// mentionEnd returns the outermost mention ending at token k (exclusive).
func (x *rdoc) mentionEnd(k int) (int, bool) {
	if k < 0 || k >= len(x.ends) || x.ends[k] < 0 {
		return 0, false
	}
	return int(x.ends[k]), true
}

// process implements stage.
func (r *relations) process(d *extractors.Document, st *state) error {
	x := st.rdoc(d)
	var subject []int
	for si, s := range d.Sentences {
		if d.Paragraphs[s.Para].Kind != extractors.Body {
			continue
		}
		lo, hi := x.sentLo[si], x.sentHi[si]
		ts := r.find(x, si, lo, hi)
		// a sentence that opens with actors has them as its subject
		if g := r.openingGroup(x, lo, hi); len(g) > 0 {
			subject = g
		}
		for _, t := range ts {
			if t.main && t.actor >= 0 {
				subject = r.actorGroup(x, t.actor, lo)
				break
			}
		}
		for k, t := range ts {
			if !t.main {
				continue
			}
			actors := subject
			if t.actor >= 0 {
				actors = r.actorGroup(x, t.actor, lo)
			}
			sp := x.span(t.i, t.j)
			if len(actors) == 0 {
				if d.Explaining() {
					d.Note(t.rule.ID, sp, false, "%s: no actor in this sentence or before it", d.TextOf(sp))
				}
				continue
			}
			scopeEnd := hi
			for _, u := range ts[k+1:] {
				if u.main && u.clauseStart {
					scopeEnd = u.i
					// "and" before the next verb is no part of this complement
					for scopeEnd-1 > t.j && (r.c.coordinators.before(x.ts.t, t.j, scopeEnd) > 0) {
						scopeEnd -= r.c.coordinators.before(x.ts.t, t.j, scopeEnd)
					}
					break
				}
			}
			targets := r.targets(x, t, actors, scopeEnd)
			negated := t.negated || r.negatedClause(x, t.j, scopeEnd)
			if len(targets) == 0 {
				if d.Explaining() {
					d.Note(t.rule.ID, sp, false, "%s: main verb, but no named target in its complement", d.TextOf(sp))
				}
			}
			for _, a := range actors {
				for _, tg := range targets {
					if d.Explaining() {
						d.Note(t.rule.ID, sp, true, "%s %s %s%s", d.TextOf(d.Mentions[a].Span), schema.ShortName(t.rule.PredicateIRI), d.TextOf(d.Mentions[tg].Span), map[bool]string{true: " (negated)"}[negated])
					}
					d.Statements = append(d.Statements, extractors.Statement{
						Actor: a, Target: tg, Predicate: t.rule.PredicateIRI,
						Trigger: sp, Sent: si, Negated: negated, Edge: !t.negated, Rule: t.rule.ID,
					})
				}
			}
		}
		r.nominalAdoption(x, si, lo, hi)
	}
	return nil
}

// insideMention reports whether sp lies inside a mention.
func (x *rdoc) insideMention(sp extractors.Span) bool {
	return x.ms.containing(sp, nil) >= 0
}

// find returns the trigger occurrences of sentence si, classified.
func (r *relations) find(x *rdoc, si, lo, hi int) []trig {
	d := x.d
	ts := x.ts.t
	if lo < 0 || hi > len(ts) || hi > len(x.ts.keyAt) || lo >= hi {
		return nil // a sentence without tokens
	}
	x.scratch = r.triggers.match(ts, lo, hi, x.scratch[:0])
	var out []trig
	anyMain := false
	for _, h := range longestTokHits(x.scratch) {
		i, j := h.i, h.j
		rule := r.trigs[r.triggers.payloads(h.word)[0]].rule
		sp := x.span(i, j)
		if x.insideMention(sp) {
			if d.Explaining() {
				d.Note(rule.ID, sp, false, "%s: inside a name", d.TextOf(sp))
			}
			continue
		}
		cancel := false
		for _, nf := range rule.NotFollowedBy {
			if rest := d.View[sp.End:]; len(rest) >= len(nf) && strings.EqualFold(rest[:len(nf)], nf) {
				cancel = true
			}
		}
		// a passive participle: "supported by", "welcomed by"
		if j < hi && ts[j].Key == "by" && strings.HasSuffix(ts[j-1].Key, "ed") {
			cancel = true
		}
		if cancel {
			if d.Explaining() {
				d.Note(rule.ID, sp, false, "%s: passive or part of another word", d.TextOf(sp))
			}
			continue
		}
		t := trig{i: i, j: j, rule: rule, actor: -1}
		// walk back over adverbs, auxiliaries and negators
		p := i
		for p > lo {
			if n := r.c.negators.before(ts, lo, p); n > 0 {
				t.negated = true
				p -= n
				continue
			}
			if n := r.c.adverbs.before(ts, lo, p); n > 0 {
				p -= n
				continue
			}
			if auxiliaries.has(ts[p-1].Key) {
				p--
				continue
			}
			break
		}
		switch {
		case p <= lo:
			t.main, t.clauseStart = true, true
		case ts[p-1].Text == "," || clausePunct.has(ts[p-1].Text) || ts[p-1].Text == "(":
			t.main, t.clauseStart = true, true
			// "the Member States, guided by …, reaffirm": the actor is the subject
		case subjectPronouns.has(ts[p-1].Key) && (p-1 == lo || ts[p-2].Text == "," || r.c.conjunctions.before(ts, lo, p-1) > 0):
			t.main, t.clauseStart = true, true
		case r.roleSubject(x, lo, p):
			// "The Ministers expressed support …": the members of the body
			// the text speaks of; the actor is carried over
			t.main, t.clauseStart = true, true
		case r.c.coordinators.before(ts, lo, p) > 0 && (anyMain || r.explicitSubject(x, lo)):
			t.main, t.clauseStart = true, true
		default:
			if m, ok := x.mentionEnd(p); ok && d.Mentions[m].Class.Actor && !d.Mentions[m].Nested {
				t.main, t.actor = true, m
				t.clauseStart = true
			}
		}
		// "will support": the verb walked back over a main verb right
		// before it; both share one complement (and one actor)
		if n := len(out); t.main && n > 0 && out[n-1].main && out[n-1].i >= p {
			t.clauseStart = false
			if t.actor < 0 {
				t.actor = out[n-1].actor
			}
		}
		if t.main && len(rule.Requires) > 0 && !r.requiredFollows(x, t, hi) {
			if d.Explaining() {
				d.Note(rule.ID, sp, false, "%s: needs a %s named right after it", d.TextOf(sp), strings.Join(rule.Requires, " or "))
			}
			continue
		}
		if !t.main {
			if d.Explaining() {
				d.Note(rule.ID, sp, false, "%s: not a main verb (inside another verb's complement)", d.TextOf(sp))
			}
		} else {
			anyMain = true
		}
		out = append(out, t)
	}
	// a verb right after a main verb's adverbs is in its complement ("will
	// continue to support" is one predicate each)
	return out
}

// openingGroup returns the actors that open the sentence (after
// determiners), with those coordinated with them, or nil.
func (r *relations) openingGroup(x *rdoc, lo, hi int) []int {
	d := x.d
	ts := x.ts.t
	k := skipDetForward(ts, lo, hi)
	var out []int
	for k < hi {
		m, ok := x.mentionAt(k)
		if !ok || !d.Mentions[m].Class.Actor || d.Mentions[m].Nested {
			break
		}
		out = append(out, m)
		k = x.ts.endIndex(d.Mentions[m].End) + 1
		n := r.c.coordinators.at(ts, k, hi)
		if n == 0 {
			break
		}
		k = skipDetForward(ts, k+n, hi)
	}
	// "Kazakhstan's initiative …": a possessor opens no subject
	if len(out) > 0 && k+1 < hi && ts[k].Text == "'" {
		return nil
	}
	return out
}

// roleSubject reports whether the sentence opens with a role noun (the
// Ministers, the Leaders, the Heads of State) right before token p.
func (r *relations) roleSubject(x *rdoc, lo, p int) bool {
	ts := x.ts.t
	k := skipDetForward(ts, lo, p)
	n := r.c.roles.at(ts, k, p)
	return n > 0 && k+n == p
}

// explicitSubject reports whether the sentence opens with an actor
// mention (after determiners): its coordinated verbs share it.
func (r *relations) explicitSubject(x *rdoc, lo int) bool {
	m, ok := x.mentionAt(skipDetForward(x.ts.t, lo, len(x.ts.t)))
	return ok && x.d.Mentions[m].Class.Actor
}

// requiredFollows checks that a trigger with required target classes
// (adopt) is followed by a mention of one of them (after a determiner).
func (r *relations) requiredFollows(x *rdoc, t trig, hi int) bool {
	p := t.j
	for p < hi && determiners.has(x.ts.t[p].Key) {
		p++
	}
	m, ok := x.mentionAt(p)
	if !ok {
		return false
	}
	for _, c := range t.rule.Requires {
		if x.d.Mentions[m].Class.Name == c {
			return true
		}
	}
	return false
}

// actorGroup returns the actors joined by coordinators that end with
// mention last ("Kazakhstan, Kyrgyzstan, … and Uzbekistan reaffirm").
func (r *relations) actorGroup(x *rdoc, last, lo int) []int {
	d := x.d
	ts := x.ts.t
	out := []int{last}
	cur := last
	for {
		p, ok := x.ts.startAt(d.Mentions[cur].Start)
		if !ok {
			break
		}
		for p > lo && determiners.has(ts[p-1].Key) {
			p--
		}
		n := r.c.coordinators.before(ts, lo, p)
		// the link next to the verb's actor is a conjunction ("…, Tajikistan
		// and Uzbekistan reaffirm"); a bare comma is an apposition or an
		// adverbial ("Noting the efforts of the G20, we emphasize")
		if n == 0 || len(out) == 1 && n == 1 && ts[p-1].Text == "," {
			break
		}
		prev, ok := x.mentionEnd(p - n)
		if !ok || !d.Mentions[prev].Class.Actor || d.Mentions[prev].Nested {
			break
		}
		out = append([]int{prev}, out...)
		cur = prev
	}
	return out
}

// candidate is a possible target with its standing.
type candidate struct {
	m        int
	fallback bool // only in a basis adverbial (on the basis of …)
}

// clauseEnd returns the token where the clause that starts at k ends: at
// ; : . or at a comma that opens a subordinate clause (", which", ",
// including"), or at limit.
func (r *relations) clauseEnd(x *rdoc, k, limit int) int {
	ts := x.ts.t
	quote := false
	for p := k; p < limit; p++ {
		t := ts[p]
		if m, ok := x.mentionAt(p); ok && p > k {
			// a name's commas are no clause breaks ("…Outer Space, including the Moon…")
			if e := x.ts.endIndex(x.d.Mentions[m].End); e > p {
				p = e
				continue
			}
		}
		switch {
		case t.Text == "\"" || t.Text == "“" || t.Text == "”":
			quote = !quote && t.Text != "”"
		case quote:
		case clausePunct.has(t.Text):
			return p
		case t.Text == "," && p+1 < limit && r.c.conjunctions.at(ts, p+1, limit) > 0:
			return p
		case p > k && r.newPredicate(ts, p, limit):
			return p
		case t.Text == "," && p+1 < limit && ts[p+1].Key == "and" && p+2 < limit && ts[p+2].Key == "to":
			// ", and to expand …": the same verb's second complement
		}
	}
	return limit
}

// newPredicate reports whether "and" at p opens another predicate of the
// same subject that is no stance ("… and express their condolences to
// …", clause_verbs): what follows is no complement of the verb before.
func (r *relations) newPredicate(ts []token, p, limit int) bool {
	return ts[p].Key == "and" && p+1 < limit && r.c.clauseVerbs.at(ts, p+1, limit) > 0
}

// targets returns the mention indexes that are t's targets.
func (r *relations) targets(x *rdoc, t trig, actors []int, scopeEnd int) []int {
	ts := x.ts.t
	p := t.j
	clausal := p < scopeEnd && (ts[p].Key == "that" || ts[p].Text == ":" || ts[p].Text == "," && p+1 < scopeEnd && ts[p+1].Key == "that")
	var out []int
	for start := p; start < scopeEnd; {
		if clausePunct.has(ts[start].Text) || ts[start].Text == "," {
			start++
			continue
		}
		if r.newPredicate(ts, start, scopeEnd) {
			return out // the verb's scope ends where its subject's next predicate starts
		}
		end := r.clauseEnd(x, start, scopeEnd)
		got := r.clauseTargets(x, start, end, actors, clausal || start != p, t)
		if len(t.rule.Requires) > 0 {
			got = filterClass(x.d, got, t.rule.Requires)
		}
		if clausal && len(got) > 0 {
			return got
		}
		out = append(out, got...)
		if start == p && len(out) > 0 {
			return out
		}
		if len(t.rule.Requires) > 0 {
			return out
		}
		start = end
	}
	return out
}

func filterClass(d *extractors.Document, ms []int, classes []string) []int {
	var out []int
	for _, m := range ms {
		for _, c := range classes {
			if d.Mentions[m].Class.Name == c {
				out = append(out, m)
			}
		}
	}
	return out
}

// clauseTargets applies the target filters to the mentions of the clause
// [start, end). subjectFirst: the clause's first entity (with those
// coordinated with it) is its only target.
func (r *relations) clauseTargets(x *rdoc, start, end int, actors []int, subjectFirst bool, t trig) []int {
	d := x.d
	ts := x.ts.t
	drop := func(i int, why string) {
		if d.Explaining() {
			d.Note("en/target-filter", d.Mentions[i].Span, false, "%s: %s", d.TextOf(d.Mentions[i].Span), why)
		}
	}
	// an infinitive after the first entity ends its complement: "call
	// upon X to support Y", "the aspiration of X to be elected …"
	lastEnd := -1
	var cands []candidate
	for k := start; k < end; k++ {
		mi, ok := x.mentionAt(k)
		if !ok {
			if lastEnd == k && ts[k].Key == "to" && k+1 < end && ts[k+1].Word && ts[k+1].Lower() && !determiners.has(ts[k+1].Key) && !nameLinks.has(ts[k+1].Key) {
				if _, isM := x.mentionAt(k + 1); !isM {
					break
				}
			}
			continue
		}
		m := d.Mentions[mi]
		mEnd := x.ts.endIndex(m.End) + 1
		why := r.filter(x, mi, k, mEnd, start, end, actors)
		if why != "" {
			drop(mi, why)
			k = mEnd - 1
			continue
		}
		lastEnd = mEnd
		np := skipDet(ts, start, k)
		// in a basis adverbial (on the basis of X): a target only when the
		// clause names no other
		fb := r.c.basisOpen.before(ts, start, np) > 0
		cands = append(cands, candidate{m: mi, fallback: fb})
		// mentions inside this one are not targets
		k = mEnd - 1
	}
	cands = r.dropPossessors(x, cands)
	var main, fb []int
	for _, c := range cands {
		if c.fallback {
			fb = append(fb, c.m)
		} else {
			main = append(main, c.m)
		}
	}
	if len(main) == 0 {
		main = fb
	} else {
		for _, m := range fb {
			drop(m, "in a basis adverbial (on the basis of …) of a clause that names another target")
		}
	}
	if len(main) > 0 && (subjectFirst || r.startsClause(x, start, main[0])) {
		g := r.group(x, main)
		for _, m := range main[len(g):] {
			if d.Explaining() {
				drop(m, "inside the predicate of the clause's subject "+d.TextOf(d.Mentions[main[0]].Span))
			}
		}
		main = g
	}
	return main
}

// skipDet returns the first token before k that is not a determiner,
// plus one (the start of the noun phrase at k, determiners included).
func skipDet(ts []token, lo, k int) int {
	for k > lo && determiners.has(ts[k-1].Key) {
		k--
	}
	return k
}

// filter says why mention mi (tokens [k, mEnd)) is no target, or "".
func (r *relations) filter(x *rdoc, mi, k, mEnd, start, end int, actors []int) string {
	d := x.d
	ts := x.ts.t
	m := d.Mentions[mi]
	np := skipDet(ts, start, k)
	outcome := r.c.outcome.before(ts, start, np) > 0 || np-1 >= start && ts[np-1].Key == "of" && r.c.outcome.before(ts, start, np) > 0
	switch {
	case m.End > x.ts.t[end-1].End:
		return "runs past the clause"
	case m.Nested:
		return "part of another entity's description (nested)"
	case m.Class.Name == "City":
		return "a city is a place, not a stance target"
	case m.Contextual == "group" && strings.ToLower(m.Surface) == "we":
		return "a pronoun"
	case isActor(d, mi, actors):
		return "the actor itself"
	case r.c.framingOpen.before(ts, start, np) > 0:
		return "in a framing adverbial (within the framework of …)"
	case r.c.contraryTo.before(ts, start, np) > 0:
		return "what something else goes against (inconsistent with …), not a stance on it"
	case np-1 >= start && (ts[np-1].Key == "within" || ts[np-1].Key == "under" || ts[np-1].Key == "in") && r.c.framingClose.at(ts, mEnd, end) > 0:
		return "in a framing adverbial (within the … framework)"
	case !outcome && (m.Class.Name == "State" || m.Class.Name == "City" || m.Class.Name == "Group") && r.locative(x, np, start):
		return "a place in a locative (in …, at …)"
	case np-1 >= start && ts[np-1].Key == "by" && !r.triggerEndsAt(x, np):
		return "the agent of an action (by …), a modifier of what it did"
	case r.participleModifier(x, np, start):
		return "in a participle phrase after another entity (X adopted under Y)"
	case r.c.partners.before(ts, start, np) > 0:
		return "the partner side of a joint action"
	case r.modifies(x, mEnd, end):
		return "modifies an unnamed thing (" + x.d.TextOf(x.span(mEnd, min(mEnd+1, end))) + ")"
	case r.ofModifier(x, np, start):
		return "modifies the entity before it (X of Y)"
	case purposeOf(x, np, start):
		return "what the entity before it serves (X for the implementation of Y)"
	case m.Class.Name == "Organization" && venueOf(x, np, start):
		return "the body in which the entity before it is done (X in Y)"
	case r.embeddedSubject(x, mEnd, end):
		return "the subject of an embedded event"
	case abbreviation(x, mi, k, mEnd, start, end):
		return "the short form, in parentheses, of a name in the entity before it"
	case r.objectOfAdmission(x, np, start):
		return "the organization joined, not the joining states"
	}
	return ""
}

// abbreviation reports whether mention mi (tokens [k, mEnd)) stands in
// parentheses right after a mention that names it, whole or within:
// "(UN)" after "the Charter of the United Nations" is the United Nations'
// short form, which the text defines in passing, not a second target
// ("the New Development Bank (NDB)" is one target, named twice).
func abbreviation(x *rdoc, mi, k, mEnd, start, end int) bool {
	ts := x.ts.t
	if k-2 < start || mEnd >= end || ts[k-1].Text != "(" || ts[mEnd].Text != ")" {
		return false
	}
	d := x.d
	m := &d.Mentions[mi]
	before := ts[k-2].End
	for i := mi - 1; i >= 0 && d.Mentions[i].Start >= ts[start].Start; i-- {
		p := &d.Mentions[i]
		if p.End != before {
			continue
		}
		if p.IRI == m.IRI && p.IRI != "" || p.Entry != nil && p.Entry == m.Entry {
			return true
		}
		if m.Entry != nil {
			text := strings.ToLower(d.TextOf(p.Span))
			for _, n := range m.Entry.Names("en") {
				if len(n) > len(d.TextOf(m.Span)) && strings.Contains(text, strings.ToLower(n)) {
					return true
				}
			}
		}
	}
	return false
}

// embeddedSubject reports whether an event verb with an object follows a
// mention: "welcome that the UN General Assembly adopted resolution X"
// (not a participle: "the meeting held in Astana").
func (r *relations) embeddedSubject(x *rdoc, mEnd, end int) bool {
	ts := x.ts.t
	n := r.c.eventVerbs.at(ts, mEnd, end)
	if n == 0 {
		return false
	}
	_, ok := x.mentionAt(skipDetForward(ts, mEnd+n, end))
	return ok
}

// modifies reports whether the words after a mention (up to three, none a
// function word) end in a modifier tail: "the SCO region", "the SCO
// transport forum".
func (r *relations) modifies(x *rdoc, mEnd, end int) bool {
	ts := x.ts.t
	for k := mEnd; k < end && k < mEnd+3; k++ {
		t := ts[k]
		if !t.Word || nameLinks.has(t.Key) || determiners.has(t.Key) || !t.Lower() {
			return false
		}
		if _, ok := x.mentionAt(k); ok {
			return false
		}
		if r.c.modifierTails.at(ts, k, end) > 0 {
			return true
		}
	}
	return false
}

// triggerEndsAt reports whether a trigger word ends right before token k
// ("abide by the UN Charter": by is the verb's, no agent's).
func (r *relations) triggerEndsAt(x *rdoc, k int) bool {
	from := max(0, k-4)
	if k <= from {
		return false
	}
	a, b := x.ts.keyAt[from], x.ts.keyAt[k-1]+len(x.ts.t[k-1].Key)
	for _, h := range r.triggers.hits(x.ts.key[a:b], a, nil) {
		if h.End == b {
			return true
		}
	}
	return false
}

// participleModifier reports whether the noun phrase at np stands in a
// participle phrase right after another mention: "the Paris Agreement
// adopted under the UNFCCC", "the Initiative put forward by China at the
// 76th session of the UN General Assembly".
func (r *relations) participleModifier(x *rdoc, np, start int) bool {
	ts := x.ts.t
	for q := np - 1; q > start && q >= np-14; q-- {
		t := ts[q]
		if clausePunct.has(t.Text) || t.Text == "," || t.Key == "and" || t.Key == "or" {
			return false
		}
		n := r.c.eventVerbs.before(ts, start, q+1)
		if n == 0 && t.Word && t.Lower() && strings.HasSuffix(t.Key, "ed") {
			n = 1
		}
		if n == 0 {
			continue
		}
		if _, ok := x.mentionEnd(q + 1 - n); ok && q+1 < np && nameLinks.has(ts[q+1].Key) && ts[q+1].Key != "of" && ts[q+1].Key != "and" {
			return true
		}
		return false
	}
	return false
}

// locative reports whether the noun phrase at np is a place after a
// locative preposition, directly or after other places ("in Orenburg,
// Russian Federation", "in Samarkand, Uzbekistan").
func (r *relations) locative(x *rdoc, np, start int) bool {
	ts := x.ts.t
	if r.c.locatives.before(ts, start, np) > 0 {
		return true
	}
	if np-2 < start || ts[np-1].Text != "," {
		return false
	}
	q := np - 2
	// a place before the comma: a gazetteer city or state, or capitalized words
	if m, ok := x.mentionEnd(q + 1); ok {
		if c := x.d.Mentions[m].Class.Name; c != "City" && c != "State" {
			return false
		}
		q = x.ts.startIndex(x.d.Mentions[m].Start)
	} else {
		for q > start && ts[q].Word && ts[q].Cap {
			q--
		}
		q++
		if !ts[q].Cap {
			return false
		}
	}
	return r.locative(x, skipDet(ts, start, q), start)
}

// ofModifier reports whether the noun phrase at np follows "X of (the)"
// where X is a mention: the Regional Anti-Terrorist Structure of the SCO.
func (r *relations) ofModifier(x *rdoc, np, start int) bool {
	ts := x.ts.t
	if np-1 < start || ts[np-1].Key != "of" {
		return false
	}
	if _, ok := x.mentionEnd(np - 1); !ok {
		return false
	}
	// only a body or a place qualifies what precedes it ("the adoption by X
	// of resolution Y": Y is no modifier of X)
	m, ok := mentionAfter(x, np, len(ts))
	return ok && (x.d.Mentions[m].Class.Actor || x.d.Mentions[m].Class.Name == "City")
}

// purposeOf reports whether the noun phrase at np ends "X for (the)
// <noun> of (the)" where X is a mention: "the Plan of Action for
// 2018-2022 for the implementation of the Treaty" (the Plan is welcomed,
// the Treaty is what it implements). The noun is one to three lower-case
// words.
func purposeOf(x *rdoc, np, start int) bool {
	ts := x.ts.t
	k := np - 1
	if k <= start || ts[k].Key != "of" {
		return false
	}
	k--
	words := 0
	for k > start && ts[k].Word && ts[k].Lower() && !determiners.has(ts[k].Key) && !nameLinks.has(ts[k].Key) && words < 3 {
		k--
		words++
	}
	if words == 0 {
		return false
	}
	if ts[k].Key == "the" {
		k--
	}
	if k <= start || ts[k].Key != "for" && ts[k].Key != "on" {
		return false
	}
	_, ok := x.mentionEnd(k)
	return ok
}

// venueOf reports whether the noun phrase at np follows "X in (the)" or
// "X at (the)" where X is a mention: "the conclusion of the Comprehensive
// Convention on International Terrorism in the United Nations General
// Assembly" (the body is where the convention is to be concluded, no
// target of its own).
func venueOf(x *rdoc, np, start int) bool {
	ts := x.ts.t
	if np-1 <= start || ts[np-1].Key != "in" && ts[np-1].Key != "at" {
		return false
	}
	_, ok := x.mentionEnd(np - 1)
	return ok
}

// objectOfAdmission reports whether the noun phrase at np is the
// organization of "the accession of A to X" (A is the target).
func (r *relations) objectOfAdmission(x *rdoc, np, start int) bool {
	ts := x.ts.t
	if np-1 < start || ts[np-1].Key != "to" && ts[np-1].Key != "into" {
		return false
	}
	for k := np - 2; k >= start && k >= np-30; k-- {
		if r.c.admitVerbs.at(ts, k, np) > 0 {
			return true
		}
	}
	return false
}

// dropPossessors removes a candidate that is the possessor of the next
// one: "China's Belt and Road Initiative".
func (r *relations) dropPossessors(x *rdoc, cs []candidate) []candidate {
	d := x.d
	ts := x.ts.t
	var out []candidate
	for k, c := range cs {
		if k+1 < len(cs) {
			e := x.ts.endIndex(d.Mentions[c.m].End)
			if e+2 < len(ts) && ts[e+1].Text == "'" && ts[e+2].Key == "s" && e+3 < len(ts) && ts[e+3].Start == d.Mentions[cs[k+1].m].Start {
				if d.Explaining() {
					d.Note("en/target-filter", d.Mentions[c.m].Span, false, "%s: the possessor of the next target", d.TextOf(d.Mentions[c.m].Span))
				}
				continue
			}
		}
		out = append(out, c)
	}
	return out
}

// startsClause reports whether mention m opens the clause at start (only
// determiners and adverbs before it).
func (r *relations) startsClause(x *rdoc, start, m int) bool {
	ts := x.ts.t
	k := start
	for k < len(ts) {
		if determiners.has(ts[k].Key) {
			k++
			continue
		}
		if n := r.c.adverbs.at(ts, k, len(ts)); n > 0 {
			k += n
			continue
		}
		break
	}
	return k < len(ts) && ts[k].Start == x.d.Mentions[m].Start
}

// group returns the first mention and those joined to it by
// coordinators ("the CWC, the BWC and the NPT").
func (r *relations) group(x *rdoc, ms []int) []int {
	d := x.d
	ts := x.ts.t
	out := []int{ms[0]}
	for _, m := range ms[1:] {
		prev := d.Mentions[out[len(out)-1]]
		a, ok1 := x.ts.endAt(prev.End)
		b, ok2 := x.ts.startAt(d.Mentions[m].Start)
		if !ok1 || !ok2 {
			break
		}
		b = skipDet(ts, a+1, b)
		if r.c.coordinators.has(ts, a+1, b) {
			out = append(out, m)
			continue
		}
		break
	}
	return out
}

// negatedClause reports whether a negation cue stands in [from, to)
// outside every mention.
func (r *relations) negatedClause(x *rdoc, from, to int) bool {
	ts := x.ts.t
	for k := from; k < to; k++ {
		if n := r.c.negationCues.at(ts, k, to); n > 0 && !x.insideMention(x.span(k, k+n)) {
			return true
		}
	}
	return false
}

// nominalAdoption reads "the adoption by <actor> of <instrument>": the
// actor adopts the instrument (an embedded event, like X adopted Y).
func (r *relations) nominalAdoption(x *rdoc, si, lo, hi int) {
	d := x.d
	ts := x.ts.t
	var rule *schema.Trigger
	for _, t := range r.rules.Triggers["en"] {
		if t.PredicateIRI == schema.Adopts {
			rule = t
			break
		}
	}
	if rule == nil || !r.rules.Enabled("en/stance/adopt-nominal") {
		return
	}
	for k := lo; k+2 < hi; k++ {
		if ts[k].Key != "adoption" || ts[k+1].Key != "by" {
			continue
		}
		p := skipDetForward(ts, k+2, hi)
		a, ok := x.mentionAt(p)
		if !ok || !d.Mentions[a].Class.Actor {
			continue
		}
		q := x.ts.endIndex(d.Mentions[a].End) + 1
		if q >= hi || ts[q].Key != "of" {
			continue
		}
		q = skipDetForward(ts, q+1, hi)
		// over a genre word and number before a quoted title
		for q < hi && (ts[q].Lower() && ts[q].Word || isNumber(ts[q].Text)) {
			if _, ok := x.mentionAt(q); ok {
				break
			}
			q++
		}
		tgt, ok := x.mentionAt(q)
		if !ok {
			if mi := x.ms.containing(extractors.Span{Start: ts[q].Start, End: ts[q].End}, isInstrument); mi >= 0 {
				tgt, ok = mi, true
			}
		}
		if !ok || d.Mentions[tgt].Class.Name != "Instrument" {
			continue
		}
		sp := x.span(k, k+1)
		if d.Explaining() {
			d.Note("en/stance/adopt-nominal", sp, true, "%s adopts %s", d.TextOf(d.Mentions[a].Span), d.TextOf(d.Mentions[tgt].Span))
		}
		d.Statements = append(d.Statements, extractors.Statement{Actor: a, Target: tgt, Predicate: schema.Adopts, Trigger: sp, Sent: si, Edge: true, Rule: "en/stance/adopt-nominal"})
	}
}

// isInstrument reports an instrument's mention.
func isInstrument(m *extractors.Mention) bool { return m.Class.Name == "Instrument" }

func skipDetForward(ts []token, k, hi int) int {
	for k < hi && determiners.has(ts[k].Key) {
		k++
	}
	return k
}

// sameEntity reports whether two mentions name the same entity.
func sameEntity(d *extractors.Document, a, b int) bool {
	ma, mb := d.Mentions[a], d.Mentions[b]
	if ma.Class.Name != mb.Class.Name {
		return false
	}
	return resolvedKey(d, a) == resolvedKey(d, b)
}

// resolvedKey is a mention's identity with contextual mentions resolved
// against the document's organization.
func resolvedKey(d *extractors.Document, i int) string {
	m := d.Mentions[i]
	if m.Contextual == "group" && d.Org != nil {
		return d.Org.ID + "-" + m.Key
	}
	if m.Contextual == "organization" && d.Org != nil {
		return d.Org.ID
	}
	if m.Entry != nil {
		return m.Entry.ID
	}
	return m.Key
}

func isActor(d *extractors.Document, m int, actors []int) bool {
	for _, a := range actors {
		if sameEntity(d, m, a) {
			return true
		}
	}
	return false
}
