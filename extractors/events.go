package extractors

import (
	"cmp"
	"slices"
	"sort"
	"strings"

	"github.com/accordkg/accord/schema"
)

// CodeEvents gives every statement of d its event code (CAMEO and PLOVER,
// from the predicate, or for a reaffirmation from the words after its
// verb: "reaffirm their support for" is 051 SUPPORT) and its modes
// (negated, future, reaffirmed, hypothetical, from the statement and the
// words before its verb back to the verb before it in the sentence). It
// runs after every recipe, whatever the language: the cue words are data
// (schema/data/events/events.yaml).
func CodeEvents(d *Document, ev *schema.Events) {
	if ev == nil {
		return
	}
	// the statements by sentence, then by the end of their verb (then in
	// their order), to find the verb before each one with a binary search
	// (a sentence of thousands of verbs stays linear)
	order := make([]int, len(d.Statements))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		sa, sb := &d.Statements[a], &d.Statements[b]
		if c := cmp.Compare(sa.Sent, sb.Sent); c != 0 {
			return c
		}
		if c := cmp.Compare(sa.Trigger.End, sb.Trigger.End); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	// sents[k] is the sentence of order[k]: the runs of a sentence are
	// found by a binary search of these ints
	sents := make([]int, len(order))
	for k, i := range order {
		sents[k] = d.Statements[i].Sent
	}
	// the sentence's statements, found once for a run of statements of
	// one sentence (the statements are mostly in sentence order)
	sent, lo, hi := -1, 0, 0
	for i := range d.Statements {
		st := &d.Statements[i]
		if st.Sent < 0 || st.Sent >= len(d.Sentences) {
			continue
		}
		// the statements of one verb (its actors by its targets) come one
		// after another and are coded alike: code the first
		if i > 0 {
			if p := &d.Statements[i-1]; p.Sent == st.Sent && p.Trigger == st.Trigger && p.Predicate == st.Predicate && p.Negated == st.Negated {
				st.Code, st.Modes = p.Code, slices.Clone(p.Modes)
				continue
			}
		}
		s := d.Sentences[st.Sent]
		from := s.Start
		if st.Sent != sent {
			sent = st.Sent
			lo = firstAtLeast(sents, sent)
			hi = lo + firstAtLeast(sents[lo:], sent+1)
		}
		ids := order[lo:hi] // the sentence's statements
		// the last verb ending at or before this one's start
		k := sort.Search(len(ids), func(k int) bool { return d.Statements[ids[k]].Trigger.End > st.Trigger.Start }) - 1
		if k >= 0 {
			if o := &d.Statements[ids[k]]; o.Trigger.End > from {
				from = o.Trigger.End
				// a verb right before this one ("will support", 将继续支持)
				// lends its words: its mode is this one's too
				if gap := d.View[o.Trigger.End:st.Trigger.Start]; !strings.ContainsAny(gap, ",;:.，；：。") && len(strings.Fields(gap)) <= 3 && len(gap) <= 24 {
					from = o.Trigger.Start
				}
			}
		}
		before := d.View[from:st.Trigger.Start]
		after := d.View[st.Trigger.End:max(s.End, st.Trigger.End)]
		trigger := d.View[st.Trigger.Start:st.Trigger.End]
		st.Code = ev.StatementCode(st.Predicate, d.Lang, after)
		st.Modes = ev.StatementModes(st.Predicate, d.Lang, before, trigger, st.Negated)
	}
}
