package zh_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestTargetFilters checks target filters and facts on sentences of
// declarations the development text does not hold.
func TestTargetFilters(t *testing.T) {
	const sco = "上海合作组织成员国元首理事会宣言\n\n"
	for _, tc := range []struct {
		name, text string
		stances    []string
		facts      []string
	}{
		{"what measures go against is no target", sco + "成员国反对违反世界贸易组织规则的贸易保护主义措施，支持世界贸易组织。",
			[]string{"成员国 supports 世界贸易组织"}, nil},
		{"acts in breach of the Charter: no stance on it", sco + "成员国谴责违反《联合国宪章》的行为。", nil, nil},
		{"sanctions not authorized by the Council", sco + "成员国反对未经联合国安理会授权的单边制裁。", nil, nil},
		{"以及 joins two targets", sco + "成员国重申恪守《联合国宪章》宗旨和原则以及1999年在阿拉木图签署的《亚信成员国相互关系原则宣言》。",
			[]string{"成员国 reaffirms 亚信成员国相互关系原则宣言", "成员国 reaffirms 联合国宪章"},
			[]string{"亚信成员国相互关系原则宣言 signedIn 阿拉木图", "亚信成员国相互关系原则宣言 signedOn 1999"}},
		{"a city the gazetteer does not know", sco + "金砖国家领导人第十五次会晤于2023年8月22日至24日在南非桑顿举行。", nil,
			[]string{"桑顿 locatedIn 南非", "金砖国家领导人第十五次会晤 endedOn 2023-08-24", "金砖国家领导人第十五次会晤 heldIn 桑顿", "金砖国家领导人第十五次会晤 heldOn 2023-08-22"}},
		{"two described meetings, coordinated", sco + "成员国欢迎2023年7月4日在新德里举行的上合组织成员国元首理事会会议和2022年9月15日至16日在撒马尔罕举行的上合组织峰会取得的成果。",
			[]string{"成员国 welcomes 上合组织峰会", "成员国 welcomes 上合组织成员国元首理事会会议"},
			[]string{"上合组织峰会 endedOn 2022-09-16", "上合组织峰会 heldIn 撒马尔罕", "上合组织峰会 heldOn 2022-09-15",
				"上合组织成员国元首理事会会议 heldIn 新德里", "上合组织成员国元首理事会会议 heldOn 2023-07-04"}},
		{"decided to invite: the states, not the body they join", "金砖国家领导人宣言\n\n我们决定邀请阿根廷共和国和阿拉伯埃及共和国成为金砖国家正式成员。",
			[]string{"我们 intends 阿拉伯埃及共和国", "我们 intends 阿根廷共和国"}, nil},
		{"an object before a comma is no next verb's actor; observers are no members; a date before 成为",
			sco + "成员国欢迎白俄罗斯共和国成为上合组织观察员国，欢迎伊朗伊斯兰共和国于2023年7月4日成为上合组织正式成员国。",
			[]string{"成员国 welcomes 伊朗伊斯兰共和国", "成员国 welcomes 白俄罗斯共和国"},
			[]string{"伊朗伊斯兰共和国 memberOf 上合组织"}},
		{"within a state is no city", sco + "“和平使命-2018”联合反恐军事演习于2018年8月在俄罗斯境内举行。", nil, []string{"和平使命-2018联合反恐军事演习 heldOn 2018-08"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := run(t, tc.text)
			if diff := cmp.Diff(tc.stances, stances(res)); diff != "" {
				t.Errorf("stances (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.facts, facts(res)); diff != "" {
				t.Errorf("facts (-want +got):\n%s", diff)
			}
		})
	}
}
