package zh

import (
	"cmp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/accordkg/accord/extractors"
	"github.com/accordkg/accord/schema"
)

// Relations is the stage that finds stance statements. For each sentence it
// finds the main verbs (triggers that open a predicate: after the actor or
// at a clause start), carries the actor over from the sentence's subject or
// the sentence before, and takes as targets the entities of the verb's
// complement, less those in framing adverbials (在…框架内), locatives (在青岛),
// modifiers (X地区, X规定的Y), embedded subjects (X通过《Y》) and, for a
// clausal complement, all but the clause's subject.
type Relations struct {
	triggers *dict
	rules    []*schema.Trigger
	c        *cues
	// stmts holds scratch slices (*[]extractors.Statement) that gather a
	// document's statements, copied to it at the end in one allocation of
	// their number instead of a slice grown again and again.
	stmts sync.Pool
}

// maxPooledStatements bounds the scratch slices Relations keeps.
const maxPooledStatements = 1 << 14

// trig is a trigger occurrence in a sentence.
type trig struct {
	extractors.Span
	rule *schema.Trigger
	// main: opens a predicate; clauseStart: at a clause start (cuts scopes).
	main, clauseStart bool
	// actor is the mention index right before it, -1 when none.
	actor int
	// comp is where its complement starts (after the trigger, or after the
	// circumfix for 对…表示担忧).
	comp, compEnd int
	negated       bool
}

// Process implements extractors.Stage.
func (r *Relations) Process(d *extractors.Document) error {
	var subject, group []int // the actor groups, reused
	var buf []hit            // the trigger hits of one sentence, reused
	var ts []trig            // the triggers of one sentence, reused
	x := &relScratch{
		framing: newPairWords(&r.c.framingOpen, &r.c.framingClose), basis: newPairWords(&r.c.basisOpen, &r.c.basisClose),
		negBytes: cueBytes(&r.c.negationCues),
	}
	sm := &x.sm // the mentions of one sentence, reused
	stp, _ := r.stmts.Get().(*[]extractors.Statement)
	if stp == nil {
		stp = new([]extractors.Statement)
	}
	stmts := (*stp)[:0]
	shared := r.sharedHits(d)
	lo, hi := 0, 0 // shared[lo:hi] start in the sentence
	for si, s := range d.Sentences {
		if d.Paragraphs[s.Para].Kind != extractors.Body {
			continue
		}
		if shared != nil {
			// the sentences come in order: walk on to the sentence's hits
			// (each hit once per document) instead of a binary search of
			// all of them per sentence
			for lo > 0 && shared[lo-1].Start >= s.Start {
				lo-- // a sentence that overlaps the last one
			}
			for lo < len(shared) && shared[lo].Start < s.Start {
				lo++
			}
			for hi = max(hi, lo); hi < len(shared) && shared[hi].Start < s.End; hi++ {
			}
			buf = sentenceHits(shared[lo:hi], s.Span, buf[:0])
		} else {
			buf = r.triggers.appendAll(buf[:0], d.View[s.Start:s.End], s.Start)
		}
		if len(buf) == 0 {
			continue // no trigger: no statement, and the subject carries over
		}
		sm.reset(d, s.Span)
		ts = r.find(d, sm, si, ts[:0], buf)
		// the sentence's subject: the actor of its first main trigger that
		// has one; else the one carried over
		for _, t := range ts {
			if t.main && t.actor >= 0 {
				subject = r.actorGroup(d, sm, t.actor, subject[:0])
				break
			}
		}
		for i, t := range ts {
			if !t.main {
				continue
			}
			actors := subject
			if t.actor >= 0 {
				group = r.actorGroup(d, sm, t.actor, group[:0])
				actors = group
			}
			if len(actors) == 0 {
				if d.Explaining() {
					d.Note(t.rule.ID, t.Span, false, "%s: no actor in this sentence or before it", d.TextOf(t.Span))
				}
				continue
			}
			scopeEnd := s.End
			next := -1
			for k, u := range ts[i+1:] {
				if u.main && u.clauseStart {
					scopeEnd = u.Start
					next = i + 1 + k
					break
				}
			}
			// the verb's own clause: where its complement starts (most
			// often), and where a negation cue negates it
			ownEnd, negated := -1, t.negated
			if !negated {
				ownEnd, negated = r.clauseNegated(d, x, t.End, scopeEnd)
			}
			targets := r.targets(d, x, t, actors, scopeEnd, ownEnd)
			if len(targets) == 0 && next >= 0 && r.onlyJoins(d.View[t.End:ts[next].Start]) {
				// 高度评价并支持X: two verbs share one complement
				u := ts[next]
				end := s.End
				for _, w := range ts[next+1:] {
					if w.main && w.clauseStart {
						end = w.Start
						break
					}
				}
				targets = r.targets(d, x, u, actors, end, -1)
			}
			if len(targets) == 0 {
				if d.Explaining() {
					d.Note(t.rule.ID, t.Span, false, "%s: main verb, but no named target in its complement", d.TextOf(t.Span))
				}
			}
			for _, actor := range actors {
				for _, tg := range targets {
					if d.Explaining() {
						d.Note(t.rule.ID, t.Span, true, "%s %s %s%s", d.TextOf(d.Mentions[actor].Span), schema.ShortName(t.rule.PredicateIRI), d.TextOf(d.Mentions[tg].Span), map[bool]string{true: " (negated)"}[negated])
					}
					stmts = append(stmts, extractors.Statement{
						Actor: actor, Target: tg, Predicate: t.rule.PredicateIRI,
						Trigger: t.Span, Sent: si, Negated: negated, Edge: !t.negated, Rule: t.rule.ID,
					})
				}
			}
		}
	}
	if cap(stmts) > maxPooledStatements && d.Statements == nil {
		// too large to keep (it grew so in this document: it holds
		// statements): the document's own
		d.Statements = stmts
		return nil
	}
	d.Statements = append(d.Statements, stmts...)
	if cap(stmts) <= maxPooledStatements {
		clear(stmts) // nothing of this document kept for the next
		*stp = stmts[:0]
		r.stmts.Put(stp)
	}
	return nil
}

// triggerHitsKey is the Document.Carry key of the trigger hits Entities
// found in its pass over the text.
type triggerHitsKey struct{}

// triggerHits are every match of dict's words in a document's view.
type triggerHits struct {
	dict *dict
	hits []hit
}

// sharedHits returns the trigger hits Entities left in d, sorted by start
// (then longest first), or nil when it left none for r's triggers (a
// pipeline without it, or with another trigger list).
func (r *Relations) sharedHits(d *extractors.Document) []hit {
	th, ok := d.Carried(triggerHitsKey{}).(*triggerHits)
	if !ok || th.dict != r.triggers {
		return nil
	}
	hs := th.hits
	// the automaton's order (by end) is nearly by start: sortHits moves
	// each hit past the few it overlaps; the order is total (a word
	// matches once at a place), so it sorts as slices.SortFunc did
	sortHits(hs)
	if hs == nil {
		hs = []hit{} // none in the text: still no need to scan
	}
	return hs
}

// sentenceHits appends to buf the hits of hs (sorted by start) that lie
// inside sp: what a scan of sp's text alone finds.
func sentenceHits(hs []hit, sp extractors.Span, buf []hit) []hit {
	i, _ := slices.BinarySearchFunc(hs, sp.Start, func(h hit, start int) int { return cmp.Compare(h.Start, start) })
	for ; i < len(hs) && hs[i].Start < sp.End; i++ {
		if hs[i].End <= sp.End {
			buf = append(buf, hs[i])
		}
	}
	return buf
}

// find appends to out the trigger occurrences of sentence si, classified,
// and returns them; hits are the trigger dict's matches in the sentence
// (find reorders them).
func (r *Relations) find(d *extractors.Document, sm *sentMentions, si int, out []trig, hits []hit) []trig {
	s := d.Sentences[si]
	v := d.View
	for _, h := range leftmostLongest(hits) {
		rule := r.rules[r.triggers.vals[h.Word][0]]
		sp := extractors.Span{Start: h.Start, End: h.End}
		if sm.covers(sp, true) {
			if d.Explaining() {
				d.Note(rule.ID, sp, false, "%s: inside a name", d.TextOf(sp))
			}
			continue
		}
		cancel := false
		for _, nf := range rule.NotFollowedBy {
			if strings.HasPrefix(v[h.End:], nf) {
				cancel = true
				if d.Explaining() {
					d.Note(rule.ID, sp, false, "%s: part of the word %s%s", d.TextOf(sp), d.TextOf(sp), nf)
				}
			}
		}
		if cancel {
			continue
		}
		t := trig{Span: sp, rule: rule, actor: -1, comp: h.End, compEnd: -1}
		at := sp.Start
		if rule.Circumfix != "" {
			// 对 … 表示担忧: the predicate opens at the circumfix word
			cs := clauseStart(v, s.Start, sp.Start)
			i := strings.LastIndex(v[cs:sp.Start], rule.Circumfix)
			if i < 0 {
				if d.Explaining() {
					d.Note(rule.ID, sp, false, "%s: no %s before it in the clause", d.TextOf(sp), rule.Circumfix)
				}
				continue
			}
			at = cs + i
			t.comp, t.compEnd = at+len(rule.Circumfix), sp.Start
		}
		// walk back over adverbs and negators
		p := backSpace(v, at)
		for {
			if a := r.c.adverbs.before(v, p); a != "" {
				p = backSpace(v, p-len(a))
				continue
			}
			if n := r.c.negators.before(v, p); n != "" && !strings.HasSuffix(v[:p], rule.Words[0]) {
				t.negated = true
				p = backSpace(v, p-len(n))
				continue
			}
			break
		}
		rb, _ := runeBefore(v, p)
		switch {
		case p <= s.Start || isClauseBreak(rb) || r.c.conjunctions.before(v, p) != "":
			t.main, t.clauseStart = true, true
			// 作为…的成员国，支持: an actor right before the comma, when
			// no main verb before it in the sentence takes it as its
			// object (欢迎白俄罗斯成为上合组织观察员国，欢迎…)
			if p > s.Start && (rb == ',') {
				if m := sm.endingAt(backSpace(v, p-1)); m >= 0 && d.Mentions[m].Class.Actor && !d.Mentions[m].Nested &&
					!mainBefore(out, s.Start, d.Mentions[m].Start) {
					t.actor = m
				}
			}
		default:
			if m := sm.endingAt(p); m >= 0 && d.Mentions[m].Class.Actor && !d.Mentions[m].Nested && !r.inWish(d, s.Start, out, d.Mentions[m].Start) {
				t.main, t.actor = true, m
			}
		}
		if t.main && len(rule.Requires) > 0 && !r.requiredFollows(d, t) {
			if d.Explaining() {
				d.Note(rule.ID, sp, false, "%s: needs a %s named right after it", d.TextOf(sp), strings.Join(rule.Requires, " or "))
			}
			continue
		}
		if !t.main {
			if d.Explaining() {
				d.Note(rule.ID, sp, false, "%s: not a main verb (inside another verb's complement)", d.TextOf(sp))
			}
		}
		out = append(out, t)
	}
	return out
}

// inWish reports whether off lies in the complement of a main wish verb
// found before it in the same clause (呼吁各方恪守…: 各方恪守 is what the
// actor calls for, so 恪守 is no statement of 各方's). A fact reported
// after another verb keeps its own statement (欢迎委员会通过《…》决议).
func (r *Relations) inWish(d *extractors.Document, sentStart int, before []trig, off int) bool {
	cs := clauseStart(d.View, sentStart, off)
	for i := len(before) - 1; i >= 0; i-- {
		t := before[i]
		if t.main && t.End <= off && t.Start >= cs && r.c.wishVerbs.has(d.TextOf(t.Span)) {
			return true
		}
	}
	return false
}

// requiredFollows checks that a trigger with required target classes (通过)
// is followed by a mention of one of them.
func (r *Relations) requiredFollows(d *extractors.Document, t trig) bool {
	p := skipSpace(d.View, t.End)
	p = skipSpace(d.View, p+len(strings.Repeat("了", btoi(strings.HasPrefix(d.View[p:], "了")))))
	for _, i := range d.MentionsStartingAt(p) {
		for _, c := range t.rule.Requires {
			if d.Mentions[i].Class.Name == c {
				return true
			}
		}
	}
	return false
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// clauseStart returns the offset after the last clause break before off
// that is not inside quotes or title brackets.
func clauseStart(v string, from, off int) int {
	depth := 0
	for off > from {
		r, w := runeBefore(v, off)
		switch {
		case r == '”' || r == '》':
			depth++
		case (r == '“' || r == '《') && depth > 0:
			depth--
		case depth == 0 && isClauseBreak(r):
			return off
		}
		off -= w
	}
	return from
}

// clauseEnd returns the offset of the first clause break at or after off
// that is not inside quotes or title brackets, or limit.
func clauseEnd(v string, off, limit int) int {
	// a clause runs at most maxClause bytes: a text without breaks (a
	// garbled page, one endless line) must not make every verb rescan it
	if limit > off+maxClause {
		limit = runeStart(v, off+maxClause)
	}
	// by bytes: the runes that matter are ASCII or start E2 80 / E3 80,
	// bytes no other rune's continuation bytes can be
	depth := 0
	for off < limit {
		switch b := v[off]; b {
		case ',', ';', ':', '!', '?':
			if depth == 0 {
				return off
			}
		default:
			// any other byte followed by two continuation bytes (a Chinese
			// character, most of a clause) goes in one step: continuation
			// bytes are none of the bytes above
			if b >= utf8.RuneSelf && off+2 < len(v) && v[off+1]&0xC0 == 0x80 && v[off+2]&0xC0 == 0x80 {
				off += 3
				continue
			}
		case 0xE2, 0xE3:
			if off+2 >= len(v) || v[off+1] != 0x80 || v[off+2]&0xC0 != 0x80 {
				break // not a whole rune: invalid bytes go one at a time
			}
			switch [2]byte{b, v[off+2]} {
			case [2]byte{0xE2, 0x9C}, [2]byte{0xE3, 0x8A}: // “ 《
				depth++
			case [2]byte{0xE2, 0x9D}, [2]byte{0xE3, 0x8B}: // ” 》
				if depth > 0 {
					depth--
				}
			case [2]byte{0xE3, 0x82}: // 。
				if depth == 0 {
					return off
				}
			}
			off += 3
			continue
		}
		off++
	}
	return limit
}

// maxClause is the longest clause clauseEnd reads, in bytes (about 340
// Chinese characters), and maxScope how far past its verb a stance's
// targets are sought.
const (
	maxClause = 1024
	maxScope  = 4 * maxClause
)

// runeStart returns the start of the rune at or before byte offset off.
func runeStart(v string, off int) int {
	for off > 0 && off < len(v) && !utf8.RuneStart(v[off]) {
		off--
	}
	return off
}

func insideMention(d *extractors.Document, sp extractors.Span) bool {
	for _, i := range d.Covering(sp) {
		if d.Mentions[i].Span != sp {
			return true
		}
	}
	return false
}

// sentMentions answers the mention look-ups of Relations inside one
// sentence from the sentence's own mentions: their offsets in two short
// arrays, searched where the document's index searches all of a long
// document's mentions, several times per trigger and clause. Outside the
// sentence it asks the document. The mentions must be sorted by start, as
// the document's index requires.
type sentMentions struct {
	d *extractors.Document
	// start and end are the sentence's span.
	start, end int
	// lo is the index of the first mention that starts in the sentence;
	// starts and ends are the offsets of those mentions, in order.
	lo           int
	starts, ends []int
	// cross are the mentions that start before the sentence and end
	// inside it or after it, in index order.
	cross []int
	// maxLen is the longest of the sentence's mentions, in bytes.
	maxLen int
	// next is the index of the first mention after the sentence, and
	// seenLen the longest mention before it: sentences come in order, and
	// the next reset walks on from there.
	next, seenLen int
}

// reset makes sm the mentions of the sentence at sp, the first of d or
// one that starts after the last one's start.
func (sm *sentMentions) reset(d *extractors.Document, sp extractors.Span) {
	if sm.d != d {
		sm.d, sm.next, sm.seenLen = d, 0, 0
	}
	sm.start, sm.end = sp.Start, sp.End
	sm.starts, sm.ends, sm.cross, sm.maxLen = sm.starts[:0], sm.ends[:0], sm.cross[:0], 0
	ms := d.Mentions
	// the first mention that starts in the sentence: what
	// d.MentionRange(sp.Start, sp.End) finds by binary search, found by
	// walking on (back, for a sentence that overlaps the last one)
	k := sm.next
	for k > 0 && ms[k-1].Start >= sp.Start {
		k--
	}
	for ; k < len(ms) && ms[k].Start < sp.Start; k++ {
		sm.seenLen = max(sm.seenLen, ms[k].Len())
	}
	sm.lo = k
	// a mention before the sentence that reaches into it starts at most
	// seenLen bytes before it
	for j := k - 1; j >= 0 && ms[j].Start >= sp.Start-sm.seenLen; j-- {
		if ms[j].End > sp.Start {
			sm.cross = append(sm.cross, j)
		}
	}
	slices.Reverse(sm.cross)
	for ; k < len(ms) && ms[k].Start < sp.End; k++ {
		m := &ms[k]
		sm.starts = append(sm.starts, m.Start)
		sm.ends = append(sm.ends, m.End)
		sm.maxLen = max(sm.maxLen, m.Len())
	}
	sm.seenLen = max(sm.seenLen, sm.maxLen)
	sm.next = k
}

// search returns the index into sm.starts of the first mention that
// starts at or after off.
func (sm *sentMentions) search(off int) int {
	lo, hi := 0, len(sm.starts)
	for lo < hi {
		if h := int(uint(lo+hi) >> 1); sm.starts[h] < off {
			lo = h + 1
		} else {
			hi = h
		}
	}
	return lo
}

// rangeOf returns what d.MentionRange(from, to) returns.
func (sm *sentMentions) rangeOf(from, to int) (int, int) {
	if from < sm.start || to > sm.end || from > to {
		return sm.d.MentionRange(from, to)
	}
	// every mention before sm.lo starts before from, and every one after
	// the sentence's mentions at or after to
	return sm.lo + sm.search(from), sm.lo + sm.search(to)
}

// covers reports whether a mention contains sp (other: a mention whose
// span is not sp): insideAny(d, sp), or insideMention(d, sp) when other.
func (sm *sentMentions) covers(sp extractors.Span, other bool) bool {
	if sp.Start < sm.start || sp.Start >= sm.end || sp.End <= sp.Start {
		if other {
			return insideMention(sm.d, sp)
		}
		return insideAny(sm.d, sp)
	}
	// a mention that contains sp starts before the sentence (and is one
	// of cross) or in it, at most maxLen bytes before sp
	for _, i := range sm.cross {
		if m := &sm.d.Mentions[i]; m.End >= sp.End && (!other || m.Span != sp) {
			return true
		}
	}
	for k := sm.search(sp.Start - sm.maxLen); k < len(sm.starts) && sm.starts[k] <= sp.Start; k++ {
		if sm.ends[k] >= sp.End && (!other || sm.starts[k] != sp.Start || sm.ends[k] != sp.End) {
			return true
		}
	}
	return false
}

// endingAt returns what mentionEndingAt(d, off) returns: the outermost
// mention ending at off, the first in index order of the longest.
func (sm *sentMentions) endingAt(off int) int {
	if off <= sm.start || off >= sm.end {
		return mentionEndingAt(sm.d, off)
	}
	// a mention ending at off starts before the sentence (one of cross,
	// whose indexes come first) or in it, at most maxLen bytes before off
	best, bestLen := -1, 0
	for _, i := range sm.cross {
		if m := &sm.d.Mentions[i]; m.End == off && (best < 0 || m.Len() > bestLen) {
			best, bestLen = i, m.Len()
		}
	}
	for k := sm.search(off - sm.maxLen); k < len(sm.starts) && sm.starts[k] <= off; k++ {
		if sm.ends[k] == off && (best < 0 || sm.ends[k]-sm.starts[k] > bestLen) {
			best, bestLen = sm.lo+k, sm.ends[k]-sm.starts[k]
		}
	}
	return best
}

// mentionEndingAt returns the index of the outermost mention ending at off.
func mentionEndingAt(d *extractors.Document, off int) int {
	return outermost(d, d.MentionsEndingAt(off))
}

func outermost(d *extractors.Document, is []int) int {
	best := -1
	for _, i := range is {
		if best < 0 || d.Mentions[i].Len() > d.Mentions[best].Len() {
			best = i
		}
	}
	return best
}

// relScratch is what Relations.Process keeps for its look-ups in a
// document: the current sentence's mentions, the words of framing and
// basis adverbials, and the bytes of the negation cues (cueBytes).
type relScratch struct {
	sm             sentMentions
	framing, basis pairWords
	negBytes       *[256]uint8
}

// candidate is a possible target with its standing.
type candidate struct {
	m        int
	fallback bool // only in a 在…基础上 adverbial
}

// targets returns the mention indexes that are t's targets. ownEnd is the
// end of the clause that starts right after t, clauseEnd(d.View, t.End,
// scopeEnd), when the caller has read it, else -1.
func (r *Relations) targets(d *extractors.Document, x *relScratch, t trig, actors []int, scopeEnd, ownEnd int) (out []int) {
	v := d.View
	if t.compEnd > 0 {
		// circumfix: the complement is the words between 对 and the verb
		return r.clauseTargets(d, x, t.comp, t.compEnd, actors, true)
	}
	clausal := strings.HasPrefix(v[skipSpace(v, t.End):], ",") || strings.HasPrefix(v[skipSpace(v, t.End):], ":")
	if scopeEnd > t.comp+maxScope {
		scopeEnd = runeStart(v, t.comp+maxScope)
	}
	for start := t.comp; start < scopeEnd; {
		if r, w := runeAt(v, start); isClauseBreak(r) {
			start += w
			continue
		}
		end := ownEnd
		if start != t.End || ownEnd < 0 {
			// (from t.End, the same clause end as to the uncut scopeEnd:
			// clauseEnd reads at most maxClause bytes, and the cut at
			// maxScope lies beyond them)
			end = clauseEnd(v, start, scopeEnd)
		}
		got := r.clauseTargets(d, x, start, end, actors, clausal || start != t.comp)
		if len(t.rule.Requires) > 0 {
			got = filterClass(d, got, t.rule.Requires)
		}
		if clausal && len(got) > 0 {
			return got
		}
		if out == nil {
			out = got // got's array is this call's own
		} else {
			out = append(out, got...)
		}
		if start == t.comp && len(out) > 0 {
			return out // the verb's own clause named its targets
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

// clauseTargets applies the target filters to the mentions of one clause.
// subjectFirst: when the clause starts with an entity, it is the clause's
// subject and the clause's only target.
func (r *Relations) clauseTargets(d *extractors.Document, x *relScratch, start, end int, actors []int, subjectFirst bool) []int {
	v := d.View
	sm := &x.sm
	var cands []candidate
	lo, hi := sm.rangeOf(start, end)
	drop := func(i int, why ...string) {
		if d.Explaining() {
			d.Note("zh/target-filter", d.Mentions[i].Span, false, "%s: %s", d.TextOf(d.Mentions[i].Span), strings.Join(why, ""))
		}
	}
	for i := lo; i < hi; i++ {
		m := &d.Mentions[i]
		after := skipSpace(v, m.End)
		switch {
		case m.End > end:
			continue
		case m.Nested:
			drop(i, "part of another entity's description (nested)")
		case m.Class.Name == "City":
			drop(i, "a city is a place, not a stance target")
		case d.Enclosed(i):
			drop(i, "inside another mention")
		case isActor(d, i, actors):
			drop(i, "the actor itself")
		default:
			// in 在…框架内 and in 在…基础上, in one walk
			framed, based := inPairs(v, start, m.Span, &x.framing, &x.basis)
			switch {
			case framed || r.c.framingClose.at(v, after) != "":
				drop(i, "in a framing adverbial (在…框架内, 以…为基础)")
			case r.isLocative(d, sm, i, start):
				drop(i, "a place in a locative (在…, 于…)")
			default:
				// each word list read once, the reason built only to explain
				if w := r.c.modifierTails.at(v, after); w != "" {
					drop(i, "modifies an unnamed thing (", w, ")")
				} else if w := r.c.contraryTo.before(v, m.Start); w != "" {
					drop(i, "what something else goes against (", w, "…), not a stance on it")
				} else if w := r.c.partners.at(v, after); w != "" {
					drop(i, "the partner side of a joint action (", w, ")")
				} else if w := r.c.eventVerbs.at(v, after); w != "" {
					drop(i, "the subject of an embedded event (", w, ")")
				} else {
					cands = append(cands, candidate{m: i, fallback: based})
				}
			}
		}
	}
	cands = r.dropModifiers(d, cands)
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
			drop(m, "in a basis adverbial (在…基础上) of a clause that names another target")
		}
	}
	if len(main) > 0 && (subjectFirst || r.startsClause(d, start, main[0])) {
		g := r.group(d, main)
		for _, m := range main[len(g):] {
			drop(m, "inside the predicate of the clause's subject ", d.TextOf(d.Mentions[main[0]].Span))
		}
		main = g
	}
	return main
}

// startsClause reports whether mention m opens the clause at start (only
// spaces and adverbs before it).
func (r *Relations) startsClause(d *extractors.Document, start, m int) bool {
	v := d.View
	p := skipSpace(v, start)
	for {
		if a := r.c.adverbs.at(v, p); a != "" && p+len(a) <= d.Mentions[m].Start {
			p = skipSpace(v, p+len(a))
			continue
		}
		break
	}
	return p == d.Mentions[m].Start
}

// group returns the first mention and those joined to it by coordinators
// (A、B和C): a prefix of ms.
func (r *Relations) group(d *extractors.Document, ms []int) []int {
	v := d.View
	k := 1
	for ; k < len(ms); k++ {
		between := strings.TrimSpace(v[d.Mentions[ms[k-1]].End:d.Mentions[ms[k]].Start])
		if !r.c.coordinators.has(between) {
			break
		}
	}
	return ms[:k:k]
}

// dropModifiers removes candidates that modify a later one: A(、B)…的F,
// where the words between end in 的 and hold no clause break
// (《联合国宪章》规定的联合国安理会, X在维也纳联合举办的“…”活动).
func (r *Relations) dropModifiers(d *extractors.Document, cs []candidate) []candidate {
	v := d.View
	var drop []bool // made when a candidate is dropped
	for i := 0; i < len(cs); i++ {
		// the coordination group starting at i
		j := i
		for j+1 < len(cs) && r.coordinators(v, d.Mentions[cs[j].m].End, d.Mentions[cs[j+1].m].Start) {
			j++
		}
		if j+1 < len(cs) {
			between := strings.TrimSpace(v[d.Mentions[cs[j].m].End:d.Mentions[cs[j+1].m].Start])
			if strings.HasSuffix(between, "的") && !strings.ContainsAny(between, clauseBreaks) && !r.hasWord(between, &r.c.separateConjuncts) &&
				!r.coordinatedMeetings(d, between, cs[j].m, cs[j+1].m) {
				if drop == nil {
					drop = make([]bool, len(cs))
				}
				for k := i; k <= j; k++ {
					drop[k] = true
				}
			}
		}
		i = j
	}
	if drop == nil {
		return cs
	}
	var out []candidate
	for k, c := range cs {
		if !drop[k] {
			out = append(out, c)
		} else {
			if d.Explaining() {
				d.Note("zh/target-filter", d.Mentions[c.m].Span, false, "%s: modifies a later target (…的)", d.TextOf(d.Mentions[c.m].Span))
			}
		}
	}
	return out
}

// coordinatedMeetings reports whether meeting a is coordinated with the
// described meeting b after it (…会议和2022年在撒马尔罕举行的上合组织峰会):
// between them a coordinator opens b's description. A meeting holds and
// adopts nothing, so it is never the subject of b's relative clause, as
// an organization is (上合组织和有关国家共同举办的论坛).
func (r *Relations) coordinatedMeetings(d *extractors.Document, between string, a, b int) bool {
	if d.Mentions[a].Class.Name != "Meeting" || d.Mentions[b].Class.Name != "Meeting" {
		return false
	}
	for _, c := range r.c.coordinators.list {
		if strings.HasPrefix(between, c) {
			return true
		}
	}
	return false
}

// hasWord reports whether one of ws occurs in s.
func (r *Relations) hasWord(s string, ws *words) bool {
	for _, w := range ws.list {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func (r *Relations) coordinators(v string, a, b int) bool {
	return r.c.coordinators.has(strings.TrimSpace(v[a:b]))
}

// inPairScan reports whether sp lies in an adverbial opened by one of
// open and closed by one of close, within the clause that starts at from
// (在…框架内): what inPairs answers for two pairs at once, the reference
// FuzzInPairs checks it against.
func inPairScan(v string, from int, sp extractors.Span, open, close *words) bool {
	// the nearest closer after the mention, before a clause break
	end := -1
	for p, n := sp.End, 0; p < len(v) && n < maxPairRunes; n++ {
		if c := close.at(v, p); c != "" {
			end = p
			break
		}
		rr, w := runeAt(v, p)
		if isClauseBreak(rr) || rr == '\n' {
			break
		}
		p += w
	}
	if end < 0 {
		return false
	}
	return openedBefore(v, from, sp.Start, open)
}

// openedBefore reports whether one of open ends between from and off,
// after the last clause break before off: the nearest opener before a
// mention at off, within the clause.
func openedBefore(v string, from, off int, open *words) bool {
	for p := off; p > from; {
		if o := open.before(v, p); o != "" {
			return true
		}
		rr, w := runeBefore(v, p)
		if isClauseBreak(rr) {
			return false
		}
		p -= w
	}
	return false
}

// isLocative reports whether mention i is a place in a locative phrase
// (在中国青岛, 于纽约).
func (r *Relations) isLocative(d *extractors.Document, sm *sentMentions, i, from int) bool {
	v := d.View
	m := &d.Mentions[i]
	if m.Class.Name != "City" && m.Class.Name != "State" {
		return false
	}
	p := backSpace(v, m.Start)
	if r.c.locatives.before(v, p) != "" {
		return true
	}
	if j := sm.endingAt(p); j >= 0 && j != i && p > from {
		return r.isLocative(d, sm, j, from)
	}
	return false
}

// sameEntity reports whether two mentions name the same entity.
func sameEntity(d *extractors.Document, a, b int) bool {
	if a < 0 || b < 0 {
		return false
	}
	ma, mb := d.Mentions[a], d.Mentions[b]
	if ma.Class.Name != mb.Class.Name {
		return false
	}
	if ma.Contextual != "" || mb.Contextual != "" {
		return ma.Contextual == mb.Contextual && ma.Key == mb.Key || resolvedKey(d, a) == resolvedKey(d, b)
	}
	return ma.Key == mb.Key
}

// resolvedKey is a mention's identity with contextual mentions resolved
// against the document's organization.
func resolvedKey(d *extractors.Document, i int) string {
	m := &d.Mentions[i]
	if m.Contextual == "group" && d.Org != nil {
		return d.Org.ID + "-" + m.Key
	}
	if m.Contextual == "organization" && d.Org != nil {
		return d.Org.ID
	}
	return m.Key
}

// clauseNegated returns the end of the clause that starts at off,
// clauseEnd(d.View, off, limit), and whether a negation cue (不允许, 不能)
// stands in the clause outside every mention (《禁止化学武器公约》 negates
// nothing): negatedClause of the clause, in the same pass over its bytes.
//
// The pass steps over a byte and the two continuation bytes after it (a
// Chinese character, most of a clause) at once, and over any other byte
// alone: it passes over continuation bytes only, which are none of the
// bytes that end a clause or open quotes (ASCII, or E2 80 and E3 80
// sequences), and start no cue (cueBytes: else it reads the clause
// twice). It asks the cues only where a cue's first byte stands and, at
// the three bytes of a step, its third byte after it.
func (r *Relations) clauseNegated(d *extractors.Document, x *relScratch, off, limit int) (end int, negated bool) {
	v, cb := d.View, x.negBytes
	if cb == nil {
		end = clauseEnd(v, off, limit)
		return end, r.negatedClause(d, off, end)
	}
	if limit > off+maxClause {
		limit = runeStart(v, off+maxClause) // as clauseEnd
	}
	depth := 0
	for p := off; p < limit; {
		b := v[p]
		if b >= utf8.RuneSelf && p+2 < len(v) && v[p+1]&0xC0 == 0x80 && v[p+2]&0xC0 == 0x80 {
			if b&^1 == 0xE2 && v[p+1] == 0x80 {
				switch b2 := v[p+2]; {
				case b == 0xE2 && b2 == 0x9C, b == 0xE3 && b2 == 0x8A: // “ 《
					depth++
				case b == 0xE2 && b2 == 0x9D, b == 0xE3 && b2 == 0x8B: // ” 》
					if depth > 0 {
						depth--
					}
				case b == 0xE3 && b2 == 0x82 && depth == 0: // 。
					return p, negated
				}
			}
			if !negated && cb[b]&cueFirst != 0 && cb[v[p+2]]&cueThird != 0 {
				negated = r.negatedAt(v, &x.sm, p)
			}
			p += 3
			continue
		}
		if b < 64 && clausePunct>>b&1 != 0 && depth == 0 {
			return p, negated
		}
		if !negated && cb[b]&cueFirst != 0 {
			negated = r.negatedAt(v, &x.sm, p)
		}
		p++
	}
	return limit, negated
}

// clausePunct has the bits of the ASCII clause breaks (, ; : ! ?), all
// below 64.
const clausePunct uint64 = 1<<',' | 1<<';' | 1<<':' | 1<<'!' | 1<<'?'

// negatedAt reports whether a negation cue starts at p outside every
// mention.
func (r *Relations) negatedAt(v string, sm *sentMentions, p int) bool {
	nc := r.c.negationCues.at(v, p)
	return nc != "" && !sm.covers(extractors.Span{Start: p, End: p + len(nc)}, false)
}

// negatedClause reports whether a negation cue stands in [from, to)
// outside every mention, reading rune by rune: what clauseNegated does
// when the cues' first bytes are no guide, and its reference
// (FuzzNegatedClause).
func (r *Relations) negatedClause(d *extractors.Document, from, to int) bool {
	v := d.View
	for p := from; p < to; {
		if nc := r.c.negationCues.at(v, p); nc != "" && !insideAny(d, extractors.Span{Start: p, End: p + len(nc)}) {
			return true
		}
		_, w := runeAt(v, p)
		p += w
	}
	return false
}

func insideAny(d *extractors.Document, sp extractors.Span) bool {
	return len(d.Covering(sp)) > 0
}

// actorGroup returns the actors joined by coordinators that end with
// mention last (哈萨克斯坦共和国、…和乌兹别克斯坦共和国重申…), appended to out.
func (r *Relations) actorGroup(d *extractors.Document, sm *sentMentions, last int, out []int) []int {
	v := d.View
	out = append(out, last) // backwards, reversed at the end
	cur := last
	for {
		p := backSpace(v, d.Mentions[cur].Start)
		c := r.c.coordinators.before(v, p)
		if c == "" {
			break
		}
		prev := sm.endingAt(backSpace(v, p-len(c)))
		if prev < 0 || !d.Mentions[prev].Class.Actor || d.Mentions[prev].Nested {
			break
		}
		out = append(out, prev)
		cur = prev
	}
	slices.Reverse(out)
	return out
}

// mainBefore reports whether a main verb of the sentence starting at
// from ends before off.
func mainBefore(ts []trig, from, off int) bool {
	for i := len(ts) - 1; i >= 0 && ts[i].Start >= from; i-- {
		if ts[i].main && ts[i].End <= off {
			return true
		}
	}
	return false
}

func isActor(d *extractors.Document, m int, actors []int) bool {
	for _, a := range actors {
		if sameEntity(d, m, a) {
			return true
		}
	}
	return false
}

// onlyJoins reports whether s holds nothing but a conjunction or a
// coordinator (并, 和, 、) between two verbs.
func (r *Relations) onlyJoins(s string) bool {
	s = strings.TrimSpace(s)
	return s != "" && (r.c.conjunctions.has(s) || r.c.coordinators.has(s))
}
