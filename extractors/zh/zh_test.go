package zh_test

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/accordkg/accord/extractors"
	"github.com/accordkg/accord/extractors/extract"
	"github.com/accordkg/accord/schema"
)

var (
	xOnce  sync.Once
	xBuilt *extract.Extractor
)

func extractor(t testing.TB) *extract.Extractor {
	t.Helper()
	xOnce.Do(func() {
		r, err := schema.LoadBuiltin()
		if err != nil {
			t.Fatal(err)
		}
		xBuilt = extract.New(r)
	})
	return xBuilt
}

func run(t testing.TB, text string) *extractors.Result {
	t.Helper()
	res, err := extractor(t).Extract(context.Background(), extract.Input{Path: "test.txt", ID: "test", Lang: "zh", Raw: []byte(text)})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// stances lists "actor predicate target" with labels as written.
func stances(res *extractors.Result) []string {
	d := res.Doc
	var out []string
	for _, s := range d.Statements {
		neg := ""
		if s.Negated {
			neg = " (negated)"
		}
		out = append(out, fmt.Sprintf("%s %s %s%s", schema.NormalizeName(d.TextOf(d.Mentions[s.Actor].Span)), schema.ShortName(s.Predicate), schema.NormalizeName(d.TextOf(d.Mentions[s.Target].Span)), neg))
	}
	return uniq(out)
}

// facts lists "subject predicate object".
func facts(res *extractors.Result) []string {
	d := res.Doc
	var out []string
	for _, f := range d.Facts {
		o := f.Date.Lexical()
		if f.Object >= 0 {
			o = schema.NormalizeName(d.TextOf(d.Mentions[f.Object].Span))
		}
		out = append(out, fmt.Sprintf("%s %s %s", schema.NormalizeName(d.TextOf(d.Mentions[f.Subject].Span)), schema.ShortName(f.Predicate), o))
	}
	return uniq(out)
}

// entities lists "Class label" of the resolved entities.
func entities(res *extractors.Result) []string {
	var out []string
	for _, e := range res.Entities {
		out = append(out, e.Class.Name+" "+e.Label)
	}
	return uniq(out)
}

func uniq(ss []string) []string {
	sort.Strings(ss)
	var out []string
	for i, s := range ss {
		if i == 0 || s != ss[i-1] {
			out = append(out, s)
		}
	}
	return out
}

const sco = "上海合作组织成员国元首理事会宣言\n\n"

func TestStances(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"outcome of a meeting is the meeting", sco + "成员国欢迎2019年6月13日至14日在比什凯克举行的上海合作组织成员国元首理事会会议成果。",
			[]string{"成员国 welcomes 上海合作组织成员国元首理事会会议"}},
		{"coordinated actors and a quoted initiative", sco + "哈萨克斯坦共和国、吉尔吉斯共和国、巴基斯坦伊斯兰共和国、俄罗斯联邦、塔吉克斯坦共和国和乌兹别克斯坦共和国重申支持中华人民共和国提出的“一带一路”倡议。",
			uniq([]string{"吉尔吉斯共和国 reaffirms 一带一路倡议", "哈萨克斯坦共和国 reaffirms 一带一路倡议", "巴基斯坦伊斯兰共和国 reaffirms 一带一路倡议", "俄罗斯联邦 reaffirms 一带一路倡议", "塔吉克斯坦共和国 reaffirms 一带一路倡议", "乌兹别克斯坦共和国 reaffirms 一带一路倡议"})},
		{"circumfix concern", sco + "成员国对阿富汗局势持续紧张表示关切。", []string{"成员国 expressesConcern 阿富汗"}},
		{"initiative with proposer", sco + "成员国支持俄罗斯联邦关于建立大欧亚伙伴关系的倡议。", []string{"成员国 supports 俄罗斯联邦关于建立大欧亚伙伴关系的倡议"}},
		{"no entity, no statement", sco + "成员国反对在外空部署武器，不接受以任何借口干涉别国内政。", nil},
		{"call on the subject of the complement", sco + "成员国呼吁国际社会为阿富汗和平进程提供支持。", []string{"成员国 callsFor 国际社会"}},
		{"joining states are the targets", sco + "成员国欢迎印度共和国和巴基斯坦伊斯兰共和国正式加入上海合作组织。", []string{"成员国 welcomes 印度共和国", "成员国 welcomes 巴基斯坦伊斯兰共和国"}},
		{"clausal complement: its subject", sco + "成员国重申，《上海合作组织宪章》是本组织的基本文件。", []string{"成员国 reaffirms 上海合作组织宪章"}},
		{"verb negated: statement kept, marked", sco + "成员国不支持任何国家退出《不扩散核武器条约》。", []string{"成员国 supports 不扩散核武器条约 (negated)"}},
		{"traditional characters", sco + "成員國重申恪守《聯合國憲章》宗旨和原則。", []string{"成員國 reaffirms 聯合國憲章"}},
		{"framing is no target", sco + "成员国主张在联合国框架内加强反恐合作。", nil},
		{"carry-over to the next sentence", sco + "成员国强调联合国的中心作用。高度评价上海合作组织秘书处的工作。", []string{"成员国 commends 上海合作组织秘书处", "成员国 emphasizes 联合国"}},
		{"chain of verbs: the first is main", sco + "成员国重申坚定支持《联合国宪章》。", []string{"成员国 reaffirms 联合国宪章"}},
		{"two verbs share a complement", sco + "成员国高度评价并支持上合组织地区反恐怖机构的工作。", []string{"成员国 commends 上合组织地区反恐怖机构", "成员国 supports 上合组织地区反恐怖机构"}},
		{"对 … 表示欢迎", sco + "成员国对白俄罗斯共和国积极参与本组织活动表示欢迎。", []string{"成员国 welcomes 白俄罗斯共和国"}},
		{"we in BRICS texts", "金砖国家领导人厦门宣言\n\n我们重申致力于《巴黎协定》的全面落实。", []string{"我们 reaffirms 巴黎协定"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := stances(run(t, tt.text))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("stances (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFacts(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"held with a range", sco + "成员国欢迎2019年6月13日至14日在比什凯克举行的上海合作组织成员国元首理事会会议成果。",
			[]string{"上海合作组织成员国元首理事会会议 endedOn 2019-06-14", "上海合作组织成员国元首理事会会议 heldIn 比什凯克", "上海合作组织成员国元首理事会会议 heldOn 2019-06-13"}},
		{"meeting first, then date and place", "金砖国家领导人厦门宣言\n\n我们，巴西联邦共和国、俄罗斯联邦、印度共和国、中华人民共和国和南非共和国领导人于2017年9月4日在中国厦门举行金砖国家领导人第九次会晤。",
			[]string{"厦门 locatedIn 中国", "金砖国家领导人第九次会晤 heldIn 厦门", "金砖国家领导人第九次会晤 heldOn 2017-09-04"}},
		{"post-posed place", sco + "上海合作组织成员国元首理事会会议于2019年6月14日在比什凯克举行。",
			[]string{"上海合作组织成员国元首理事会会议 heldIn 比什凯克", "上海合作组织成员国元首理事会会议 heldOn 2019-06-14"}},
		{"post-posed range, state and city", sco + "上海合作组织成员国元首理事会会议于2019年6月13日至14日在吉尔吉斯共和国比什凯克举行。",
			[]string{"上海合作组织成员国元首理事会会议 endedOn 2019-06-14", "上海合作组织成员国元首理事会会议 heldIn 比什凯克", "上海合作组织成员国元首理事会会议 heldOn 2019-06-13", "比什凯克 locatedIn 吉尔吉斯共和国"}},
		{"date right after the meeting", sco + "上海合作组织成员国元首理事会会议2019年6月14日在比什凯克举行。",
			[]string{"上海合作组织成员国元首理事会会议 heldIn 比什凯克", "上海合作组织成员国元首理事会会议 heldOn 2019-06-14"}},
		{"date fronted as a clause", sco + "2019年6月14日，上海合作组织成员国元首理事会会议在比什凯克举行。",
			[]string{"上海合作组织成员国元首理事会会议 heldIn 比什凯克", "上海合作组织成员国元首理事会会议 heldOn 2019-06-14"}},
		{"a fronted clause that is more than a date", sco + "2019年6月14日成员国开会，上海合作组织成员国元首理事会会议在比什凯克举行。",
			[]string{"上海合作组织成员国元首理事会会议 heldIn 比什凯克"}},
		{"signed", sco + "成员国重申恪守2001年6月15日在上海签署的《打击恐怖主义、分裂主义和极端主义上海公约》。",
			[]string{"打击恐怖主义、分裂主义和极端主义上海公约 signedIn 上海", "打击恐怖主义、分裂主义和极端主义上海公约 signedOn 2001-06-15"}},
		{"proposed by", sco + "成员国支持中华人民共和国提出的“一带一路”倡议。", []string{"一带一路倡议 proposedBy 中华人民共和国"}},
		{"joined", sco + "成员国欢迎印度共和国和巴基斯坦伊斯兰共和国正式加入上海合作组织。",
			[]string{"印度共和国 memberOf 上海合作组织", "巴基斯坦伊斯兰共和国 memberOf 上海合作组织"}},
		{"year from context", sco + "2019年6月，成员国欢迎6月9日至10日在青岛举行的元首理事会会议成果。", []string{"元首理事会会议 endedOn 2019-06-10", "元首理事会会议 heldIn 青岛", "元首理事会会议 heldOn 2019-06-09"}},
		{"Chinese numerals", sco + "成员国欢迎二〇一八年六月十日在青岛举行的元首理事会会议成果。", []string{"元首理事会会议 heldIn 青岛", "元首理事会会议 heldOn 2018-06-10"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := facts(run(t, tt.text))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("facts (-want +got):\n%s", diff)
			}
		})
	}
}

func TestEntities(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"protocol to a treaty is a second instrument", sco + "成员国认为，《中亚无核武器区条约》议定书尽快生效十分重要。",
			[]string{"Group 上海合作组织成员国", "Instrument 中亚无核武器区条约", "Instrument 中亚无核武器区条约议定书", "Organization 上海合作组织成员国元首理事会"}},
		{"genre after a title is the same instrument", sco + "成员国欢迎通过《防止外空军备竞赛》决议。",
			[]string{"Group 上海合作组织成员国", "Instrument 防止外空军备竞赛", "Organization 上海合作组织成员国元首理事会"}},
		{"derived instrument", sco + "成员国肯定本次峰会通过《禁毒战略》及其落实行动计划。",
			[]string{"Group 上海合作组织成员国", "Instrument 禁毒战略", "Instrument 禁毒战略落实行动计划", "Organization 上海合作组织成员国元首理事会"}},
		{"quoted concept hides names", sco + "上合组织遵循“上海精神”。",
			[]string{"Organization 上海合作组织", "Organization 上海合作组织成员国元首理事会"}},
		{"non-permanent member is no group", sco + "成员国支持哈萨克斯坦竞选联合国安理会非常任理事国。",
			[]string{"Group 上海合作组织成员国", "Organization 上海合作组织成员国元首理事会", "Organization 联合国安理会", "State 哈萨克斯坦共和国"}},
		{"nested names are not entities", sco + "成员国积极评价“厦门-2017”网络反恐演习。",
			[]string{"Group 上海合作组织成员国", "Meeting 厦门-2017网络反恐演习", "Organization 上海合作组织成员国元首理事会"}},
		{"defined alias", "某组织宣言\n\n欧亚经济联盟（以下简称“联盟”）成员国支持联盟的工作。",
			[]string{"Group 欧亚经济联盟成员国", "Organization 欧亚经济联盟"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := entities(run(t, tt.text))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("entities (-want +got):\n%s", diff)
			}
		})
	}
}
