package graph

import "testing"

// TestMarked checks where the trigger's and the target's marks go,
// including a target right after its trigger and a fact with no trigger.
func TestMarked(t *testing.T) {
	tests := []struct {
		name string
		ev   Evidence
		want string
	}{
		{"trigger then target further on",
			Evidence{Sentence: "成员国重申恪守《上合组织宪章》。", Trigger: "重申", SentenceStart: 10, TriggerStart: 13, TargetStart: 18, TargetEnd: 24},
			"成员国>>重申<<恪守《[[上合组织宪章]]》。"},
		{"target right after the trigger",
			Evidence{Sentence: "成员国支持中亚国家的努力。", Trigger: "支持", SentenceStart: 0, TriggerStart: 3, TargetStart: 5, TargetEnd: 9},
			"成员国>>支持<<[[中亚国家]]的努力。"},
		{"target before the trigger",
			Evidence{Sentence: "《条约》于2007年在比什凯克签署。", Trigger: "签署", SentenceStart: 0, TriggerStart: 15, TargetStart: 11, TargetEnd: 15},
			"《条约》于2007年在[[比什凯克]]>>签署<<。"},
		{"no trigger",
			Evidence{Sentence: "中国青岛", SentenceStart: 0, TriggerStart: -1, TargetStart: 0, TargetEnd: 2},
			"[[中国]]青岛"},
		{"offsets outside the sentence are left out",
			Evidence{Sentence: "成员国欢迎。", Trigger: "欢迎", SentenceStart: 100, TriggerStart: 3, TargetStart: -1, TargetEnd: -1},
			"成员国欢迎。"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.ev.Marked(); got != tt.want {
				t.Errorf("Marked() = %q, want %q", got, tt.want)
			}
		})
	}
}
