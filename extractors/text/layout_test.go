package text

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/accordkg/accord/extractors"
)

func TestAnalyze(t *testing.T) {
	tests := []struct {
		name, in, view string
	}{
		{"Chinese hard wrap joined without a space",
			"标题\n\n成员国重申恪守《上海合作组织宪章》宗旨和任务，遵循上海合作\n组织至2025年发展战略。\n",
			"标题\n\n成员国重申恪守《上海合作组织宪章》宗旨和任务,遵循上海合作组织至2025年发展战略。\n"},
		{"English hard wrap joined with a space",
			"Title\n\nThe Member States reaffirmed their commitment to the\nCharter of the United Nations.\n",
			"Title\n\nThe Member States reaffirmed their commitment to the Charter of the United Nations.\n"},
		{"page numbers and a running header dropped, the sentence joined across them",
			"标题\n\n成员国重申恪守《上海合作组织宪章》宗旨和任务，遵循上海合作\n- 3 -\n文件汇编\n组织发展战略。\n文件汇编\n第二段。\n文件汇编\n",
			"标题\n\n成员国重申恪守《上海合作组织宪章》宗旨和任务,遵循上海合作组织发展战略。\n第二段。\n"},
		{"a finished sentence keeps its line break",
			"Title\n\nThe Member States welcomed the outcome of the summit.\nThey noted the report.\n",
			"Title\n\nThe Member States welcomed the outcome of the summit.\nThey noted the report.\n"},
		{"a numbered paragraph starts anew",
			"标题\n\n成员国重申恪守《上海合作组织宪章》宗旨和任务，并且继续加强合作\n2. 成员国欢迎峰会成果。\n",
			"标题\n\n成员国重申恪守《上海合作组织宪章》宗旨和任务,并且继续加强合作\n2. 成员国欢迎峰会成果。\n"},
		{"a bare URL line is never joined to the paragraph after it",
			"标题\n\nhttps://www.example.org/news/2018/06/10/declaration.html\n\n成员国支持《联合国宪章》。\n",
			"标题\n\nhttps://www.example.org/news/2018/06/10/declaration.html\n\n成员国支持《联合国宪章》。\n"},
		{"nor is a site's breadcrumb trail",
			"标题\n\n当前位置 > 新闻中心 > 时政要闻 > 国际组织合作\n\n成员国支持《联合国宪章》。\n",
			"标题\n\n当前位置 > 新闻中心 > 时政要闻 > 国际组织合作\n\n成员国支持《联合国宪章》。\n"},
	}
	f, _ := NewFolder(true)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := extractors.NewDocument("t", "", "zh", nil, "", tt.in, f.Fold, Analyze(tt.in))
			if diff := cmp.Diff(tt.view, d.View); diff != "" {
				t.Errorf("view (-want +got):\n%s", diff)
			}
		})
	}
}
