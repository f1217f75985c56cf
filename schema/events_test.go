package schema

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestEventsData checks the event-coding data: every stance predicate has
// a CAMEO code, every PLOVER category is one of PLOVER's, and every coded
// actor is a gazetteer entry.
func TestEventsData(t *testing.T) {
	ev, err := LoadEvents()
	if err != nil {
		t.Fatal(err)
	}
	plover := map[string]bool{"": true, "AGREE": true, "CONSULT": true, "SUPPORT": true, "CONCEDE": true, "COOPERATE": true,
		"AID": true, "RETREAT": true, "REQUEST": true, "ACCUSE": true, "REJECT": true, "THREATEN": true, "PROTEST": true,
		"SANCTION": true, "MOBILIZE": true, "COERCE": true, "ASSAULT": true}
	for name := range StancePredicates {
		c, ok := ev.Predicates[name]
		if !ok || len(c.CAMEO) != 3 {
			t.Errorf("stance predicate %s has no three-digit CAMEO code (%q)", name, c.CAMEO)
		}
		if !plover[c.PLOVER] {
			t.Errorf("%s: %q is no PLOVER category", name, c.PLOVER)
		}
	}
	r, err := LoadBuiltin()
	if err != nil {
		t.Fatal(err)
	}
	for path, code := range ev.ActorCodes() {
		class, id, _ := strings.Cut(path, "/")
		found := false
		for _, c := range Classes {
			if c.Path == class && r.Entry(c.Name, id) != nil {
				found = true
			}
		}
		if !found {
			t.Errorf("cameo.yaml: %s is no gazetteer entry", path)
		}
		if code.Basis != "codebook" && code.Basis != "composed" {
			t.Errorf("cameo.yaml: %s: basis %q (codebook or composed)", path, code.Basis)
		}
	}
}

func TestStatementCode(t *testing.T) {
	ev := MustEvents()
	tests := []struct {
		name, pred, lang, after string
		want                    EventCode
	}{
		{"welcome", Welcomes, "en", " the outcome", EventCode{"051", "SUPPORT"}},
		{"condemn", Condemns, "en", " the attack", EventCode{"111", "ACCUSE"}},
		{"oppose", Opposes, "en", " any attempt", EventCode{"110", "ACCUSE"}},
		{"call for", CallsFor, "en", " the early", EventCode{"020", "REQUEST"}},
		{"intend", Intends, "zh", "继续", EventCode{"030", "AGREE"}},
		{"note: no PLOVER category", Notes, "en", " the aspiration", EventCode{"010", ""}},
		{"adopt", Adopts, "en", " the Convention", EventCode{"057", "AGREE"}},
		{"reaffirm support", Reaffirms, "en", " their firm support for the UN", EventCode{"051", "SUPPORT"}},
		{"reaffirm commitment", Reaffirms, "en", " their commitment to the Charter", EventCode{"030", "AGREE"}},
		{"reaffirm adherence in Chinese", Reaffirms, "zh", "恪守《上合组织宪章》", EventCode{"030", "AGREE"}},
		{"reaffirm support in Chinese", Reaffirms, "zh", "坚定支持联合国", EventCode{"051", "SUPPORT"}},
		{"plain reaffirmation", Reaffirms, "en", " that the Charter remains the basis", EventCode{"010", ""}},
		{"a complement word too far away", Reaffirms, "en", " that the Treaty of the region is the basis of their support", EventCode{"010", ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, ev.StatementCode(tt.pred, tt.lang, tt.after)); diff != "" {
				t.Errorf("code (-want +got):\n%s", diff)
			}
		})
	}
}

func TestStatementModes(t *testing.T) {
	ev := MustEvents()
	tests := []struct {
		name, pred, lang, before, trigger string
		negated                           bool
		want                              []string
	}{
		{"plain", Supports, "en", "The Member States ", "support", false, []string{}},
		{"negated", Supports, "en", "The Member States do not ", "support", true, []string{"negated"}},
		{"future", Supports, "en", "The Member States will ", "support", false, []string{"future"}},
		{"intends is future", Intends, "en", "The Member States ", "are ready to", false, []string{"future"}},
		{"reaffirmed", Reaffirms, "en", "The Member States ", "reaffirm", false, []string{"reaffirmed"}},
		{"hypothetical", Supports, "en", "If asked, the Member States could ", "support", false, []string{"hypothetical"}},
		{"Chinese future", Supports, "zh", "成员国将", "支持", false, []string{"future"}},
		{"Chinese reaffirmed and negated", Supports, "zh", "成员国再次", "支持", true, []string{"negated", "reaffirmed"}},
		{"no word inside a word", Supports, "en", "The Member States, willingly, ", "support", false, []string{}},
		{"Chinese cue in the trigger", Supports, "zh", "成员国", "将继续支持", false, []string{"future"}},
		{"Chinese none", Supports, "zh", "成员国", "支持", false, []string{}},
	}
	// the same data without the load-time automaton: cue by cue
	slow := *ev
	slow.zhModes = nil
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, ev.StatementModes(tt.pred, tt.lang, tt.before, tt.trigger, tt.negated)); diff != "" {
				t.Errorf("modes (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.want, slow.StatementModes(tt.pred, tt.lang, tt.before, tt.trigger, tt.negated)); diff != "" {
				t.Errorf("modes cue by cue (-want +got):\n%s", diff)
			}
		})
	}
}

// FuzzStatementModes checks the Chinese mode automaton against the cues
// read one by one.
func FuzzStatementModes(f *testing.F) {
	f.Add("成员国将", "支持", false)
	f.Add("成员国再次", "支持", true)
	f.Add("如果", "继续", false)
	ev := MustEvents()
	slow := *ev
	slow.zhModes = nil
	f.Fuzz(func(t *testing.T, before, trigger string, negated bool) {
		got := ev.StatementModes(Supports, "zh", before, trigger, negated)
		want := slow.StatementModes(Supports, "zh", before, trigger, negated)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("StatementModes(%q, %q) (-cue by cue +automaton):\n%s", before, trigger, diff)
		}
	})
}

func TestActorCode(t *testing.T) {
	ev := MustEvents()
	for iri, want := range map[string]string{
		Base + "id/state/KAZ":                     "KAZ",
		Base + "id/org/un":                        "IGOUNO",
		Base + "id/org/sco":                       "IGOASASCO",
		Base + "id/group/sco-member-states":       "IGOASASCO",
		Base + "id/group/brics-member-states":     "IGOBRC",
		Base + "id/group/sco-observer-states":     "",
		Base + "id/instrument/npt":                "",
		Base + "id/group/international-community": "INT",
		"http://example.org/x":                    "",
	} {
		if got := ev.ActorCode(iri); got != want {
			t.Errorf("ActorCode(%s) = %q, want %q", iri, got, want)
		}
	}
}

func TestContainsAcross(t *testing.T) {
	tests := []struct {
		name, before, after, w string
		want                   bool
	}{
		{"in before", "重申致力于", "支持", "重申", true},
		{"in after", "各方", "将继续支持", "将继续", true},
		{"across the join", "will", "continue", "will continue", true},
		{"not across without a space", "将", "继续", "将继续", false},
		{"absent", "各方", "支持", "反对", false},
		{"space alone", "a", "b", " ", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := containsAcross(tc.before, tc.after, tc.w); got != tc.want {
				t.Errorf("containsAcross(%q, %q, %q) = %v, want %v", tc.before, tc.after, tc.w, got, tc.want)
			}
			want := strings.Contains(tc.before+" "+tc.after, tc.w)
			if got := containsAcross(tc.before, tc.after, tc.w); got != want {
				t.Errorf("disagrees with joining: %v, want %v", got, want)
			}
		})
	}
}
