package schema

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestKinds(t *testing.T) {
	k, err := LoadKinds()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		want []string
	}{
		{"上海合作组织成员国海关合作与互助协定", []string{"agreement"}},
		{"上合组织成员国数字经济合作构想", []string{"concept"}},
		{"上海合作组织成员国长期睦邻友好合作条约", []string{"treaty"}},
		{"《中亚无核武器区条约》议定书", []string{"protocol"}},
		{"2018-2023年上合组织成员国禁毒战略", []string{"strategy"}},
		{"落实行动计划", []string{"plan"}},
		{"Agreement on Customs Cooperation and Mutual Assistance of the SCO Member States", []string{"agreement"}},
		{"Protocol to the Treaty on a Nuclear-Weapon-Free Zone in Central Asia", []string{"protocol"}},
		{"SCO Development Strategy until 2025", []string{"strategy"}},
		{"Plan of Action for the Implementation of the Programme", []string{"plan"}},
		{"the 72nd session of the UN General Assembly", []string{"meeting"}},
		{"Shanghai Spirit", nil},
		{"", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			if diff := cmp.Diff(c.want, k.Of(c.name)); diff != "" {
				t.Errorf("Of (-want +got):\n%s", diff)
			}
		})
	}
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"上海合作组织成员国海关合作与互助协定", "Agreement on Customs Cooperation and Mutual Assistance of the SCO Member States", true},
		{"上海合作组织成员国海关合作与互助协定", "Programme of Cooperation in Tourism of the SCO Member States", false},
		{"2018-2023年上合组织成员国禁毒战略", "Anti-Drug Strategy of the SCO Member States for 2018-2023", true},
		{"2018-2023年上合组织成员国禁毒战略", "Anti-Drug Strategy of the SCO Member States for 2011-2016", false},
		{"上合组织成员国旅游合作发展纲要", "Programme of Cooperation in Tourism of the SCO Member States", true},
		{"Shanghai Spirit", "上海精神", false},
	} {
		if got := k.Compatible(c.a, c.b); got != c.want {
			t.Errorf("Compatible(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func TestParseKindsStrict(t *testing.T) {
	_, err := ParseKinds([]byte("kinds:\n  - id: treaty\n    zh: [条约]\n    fr: [traité]\n"), "kinds.yaml")
	var re *RuleError
	if !errors.As(err, &re) || re.Line != 4 {
		t.Fatalf("err = %v, want a RuleError at kinds.yaml:4", err)
	}
}
