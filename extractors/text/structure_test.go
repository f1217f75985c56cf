package text

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/accordkg/accord/extractors"
)

func structure(t *testing.T, s string) (*extractors.Document, error) {
	t.Helper()
	f, err := NewFolder(true)
	if err != nil {
		t.Fatal(err)
	}
	d := extractors.NewDocument("t", "t.txt", "zh", []byte(s), "utf-8", s, f.Fold, Analyze(s))
	st := &Structure{Boilerplate: []string{"预览已结束", "上一篇"}, SentenceEnds: "。!?;"}
	return d, st.Process(d)
}

type para struct {
	Kind extractors.ParaKind
	N    int
	Text string
}

func TestNavLine(t *testing.T) {
	tests := []struct {
		name string
		line string
		want bool
	}{
		{"Chinese trail", "首页 > 新闻中心 > 时政要闻", true},
		{"full-width separators", "首页＞外交部＞新闻", true},
		{"English trail", "Home » News » Press releases", true},
		{"two steps are not a trail", "首页 > 新闻", false},
		{"a sentence with a comparison", "成员国认为，合作的成果 > 分歧 > 一切困难。", false},
		{"a long step", "首页 > 上海合作组织成员国元首理事会青岛宣言全文发布 > 正文", false},
		{"no separator", "上海合作组织成员国元首理事会青岛宣言", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := isNavLine(tt.line); got != tt.want {
				t.Errorf("isNavLine(%q) = %v, want %v", tt.line, got, tt.want)
			}
		})
	}
}

func TestStructure(t *testing.T) {
	text := "\n\n某宣言\n\n2018-06-11 09:21\n\n第一段。第二句；第三句！\n\n—\n\n“引号内。不断句”之后。\n\n二\n\n被截断的段落，上合组织观\n\n预览已结束，完整报告链接如下：\n\nhttps://example.org/x\n"
	d, err := structure(t, text)
	if err != nil {
		t.Fatal(err)
	}
	var got []para
	for _, p := range d.Paragraphs {
		got = append(got, para{p.Kind, p.N, d.TextOf(p.Span)})
	}
	want := []para{
		{extractors.Title, 0, "某宣言"},
		{extractors.DateLine, 0, "2018-06-11 09:21"},
		{extractors.Body, 1, "第一段。第二句；第三句！"},
		{extractors.SectionMark, 0, "—"},
		{extractors.Body, 2, "“引号内。不断句”之后。"},
		{extractors.SectionMark, 0, "二"},
		{extractors.Body, 3, "被截断的段落，上合组织观"},
		{extractors.Boilerplate, 0, "预览已结束，完整报告链接如下："},
		{extractors.Boilerplate, 0, "https://example.org/x"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("paragraphs (-want +got):\n%s", diff)
	}
	var sents []string
	for _, s := range d.Sentences {
		sents = append(sents, d.TextOf(s.Span))
	}
	wantS := []string{"某宣言", "第一段。", "第二句；", "第三句！", "“引号内。不断句”之后。", "被截断的段落"}
	if diff := cmp.Diff(wantS, sents); diff != "" {
		t.Errorf("sentences (-want +got):\n%s", diff)
	}
	if !d.Sentences[len(d.Sentences)-1].Truncated {
		t.Error("the last sentence should be marked truncated")
	}
	if d.Published == nil || d.Published.Lexical() != "2018-06-11" {
		t.Errorf("published = %v, want 2018-06-11", d.Published)
	}
}

func TestStructureEmpty(t *testing.T) {
	for _, s := range []string{"", "\n\n  \n", "预览已结束\nhttps://x.org\n"} {
		if _, err := structure(t, s); !errors.Is(err, ErrEmpty) {
			t.Errorf("%q: err = %v, want ErrEmpty", s, err)
		}
	}
}

// TestTitleAsWritten checks that the title is kept as the text writes it:
// traditional characters are simplified for matching only.
func TestTitleAsWritten(t *testing.T) {
	d, err := structure(t, "上海合作組織成員國元首理事會青島宣言\n\n成員國重申《聯合國憲章》。\n")
	if err != nil {
		t.Fatal(err)
	}
	if want := "上海合作組織成員國元首理事會青島宣言"; d.TitleText != want {
		t.Errorf("TitleText = %q, want %q", d.TitleText, want)
	}
}

func TestFoldKeepsOffsets(t *testing.T) {
	s := "成員國，重申《聯合國憲章》：１２３"
	f, _ := NewFolder(true)
	d := extractors.NewDocument("t", "", "zh", nil, "", s, f.Fold, nil)
	if d.View != "成员国,重申《联合国宪章》:123" {
		t.Fatalf("view = %q", d.View)
	}
	// every rune boundary of the view maps back to the same rune of the text
	i := 0
	for off := range d.View {
		if got := d.RuneOffset(off); got != i {
			t.Errorf("RuneOffset(%d) = %d, want %d", off, got, i)
		}
		i++
	}
	if got := d.TextOf(extractors.Span{Start: len("成员国,重申《"), End: len("成员国,重申《联合国宪章")}); got != "聯合國憲章" {
		t.Errorf("TextOf = %q", got)
	}
}

// FuzzStructure splits arbitrary text: no panic, sentences inside their
// paragraphs, in order, not overlapping, starting and ending on rune
// boundaries.
func FuzzStructure(f *testing.F) {
	f.Add("标题\n\n第一段。第二句；“引号。内”之后！\n\n二\n\n1. 编号段落，被截断\n\n预览已结束\n")
	f.Add("Title\n\nThe Member States reaffirmed it. They welcomed\nthe summit.\n- 2 -\n")
	f.Add("《《》》“”（）\n\n。。。")
	fo, err := NewFolder(true)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		d := extractors.NewDocument("t", "t.txt", "zh", []byte(s), "utf-8", s, fo.Fold, Analyze(s))
		st := &Structure{Boilerplate: []string{"预览已结束"}, SentenceEnds: "。!?;"}
		if err := st.Process(d); err != nil {
			return
		}
		last := 0
		for _, se := range d.Sentences {
			p := d.Paragraphs[se.Para]
			if se.Start < last || se.Start < p.Start || se.End > p.End || se.Start >= se.End {
				t.Fatalf("sentence %v outside paragraph %v or out of order", se.Span, p.Span)
			}
			if !utf8.RuneStart(d.View[se.Start]) || se.End < len(d.View) && !utf8.RuneStart(d.View[se.End]) {
				t.Fatalf("sentence %v not on rune boundaries", se.Span)
			}
			if !strings.Contains(d.Text, d.TextOf(se.Span)) {
				t.Fatalf("sentence text is not in the text")
			}
			last = se.End
		}
	})
}

// zhCues are the Chinese boilerplate cues (schema/data/lexicon).
var zhCues = []string{"预览已结束", "完整报告链接", "点击查看", "责任编辑", "扫一扫", "分享到", "返回顶部", "上一篇", "下一篇", "打印本页", "关闭窗口", "来源:", "来源：", "作者:", "作者：", "编辑:", "编辑：", "发布时间", "字号", "【字体", "当前位置", "您的位置", "您现在的位置"}

// FuzzLineGuards checks the cheap tests Structure makes before its line
// regexps: a line they turn away is one the regexp would not match.
func FuzzLineGuards(f *testing.F) {
	for _, s := range []string{"一、", "(三)", "第二部分", "——", "IV.", "1. 成员国", "（一）", "2018年6月10日", "2018-06-10", "https://x.cn", "www.x.cn", "上海合作组织", "来源：新华社", "\xe4\xb8\xad国"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		s = strings.TrimSpace(s)
		if s == "" {
			return
		}
		if !strings.ContainsRune(sectionFirst, firstRune(s)) && sectionRE.MatchString(s) {
			t.Errorf("sectionRE matches %q, which the guard turns away", s)
		}
		if !strings.ContainsRune(numberedFirst, firstRune(s)) && numberedRE.MatchString(s) {
			t.Errorf("numberedRE matches %q, which the guard turns away", s)
		}
		if !(s[0] >= '0' && s[0] <= '9') && dateLineRE.MatchString(s) {
			t.Errorf("dateLineRE matches %q, which the guard turns away", s)
		}
		for _, cues := range [][]string{zhCues, append(zhCues[:len(zhCues):len(zhCues)], s[:min(4, len(s))])} {
			st := &Structure{Boilerplate: cues}
			starts := newCueStarts(cues)
			if !starts.may(s) && st.isBoilerplate(s) {
				t.Errorf("%q starts a cue of %q, which the guard turns away", s, cues)
			}
		}
		if !(strings.HasPrefix(s, "http") || strings.HasPrefix(s, "www.")) && urlLineRE.MatchString(s) {
			t.Errorf("urlLineRE matches %q, which the guard turns away", s)
		}
	})
}

// refSentences is Structure.sentences rune by rune, with no step over
// the runes that are neither brackets nor ends: FuzzSentences's oracle.
func refSentences(s *Structure, d *extractors.Document, i int) {
	p := d.Paragraphs[i]
	v := d.View
	depth := 0
	start := p.Start
	for off := p.Start; off < p.End; {
		r, n := utf8.DecodeRuneInString(v[off:])
		switch r {
		case '《', '“', '(', '「', '『', '〈':
			depth++
		case '》', '”', ')', '」', '』', '〉':
			if depth > 0 {
				depth--
			}
		}
		off += n
		if depth == 0 && strings.ContainsRune(s.SentenceEnds, r) {
			for off < p.End {
				r2, n2 := utf8.DecodeRuneInString(v[off:])
				if r2 != '”' && r2 != '」' && r2 != ')' {
					break
				}
				off += n2
			}
			s.addSentence(d, i, start, off)
			start = off
		}
	}
	s.addSentence(d, i, start, p.End)
}

// FuzzSentences checks the sentence splitter, which steps over runes by
// their first byte, against the rune-by-rune reference, on any bytes, any
// set of sentence ends and any paragraph span.
func FuzzSentences(f *testing.F) {
	f.Add("第一段。第二句；“引号。内”之后！(括号。)结束", "。!?;", 0, 0)
	f.Add("\xe4\xb8(。\xe3\x80\x82\xed\xa0\x80中文。\xef\xbf\xbd末", "。中\xff", 1, 2)
	f.Add("The Member States met. They (the States.) agreed!", "!?.", 0, 3)
	f.Fuzz(func(t *testing.T, v, ends string, a, b int) {
		st := &Structure{SentenceEnds: ends}
		// a paragraph starts and ends at rune boundaries (as a range
		// loop decodes the view), as Process makes them
		var bounds []int
		for i := range v {
			bounds = append(bounds, i)
		}
		bounds = append(bounds, len(v))
		start := bounds[int(uint(a)%uint(len(bounds)))]
		end := max(start, bounds[len(bounds)-1-int(uint(b)%uint(len(bounds)))])
		para := []extractors.Paragraph{{Span: extractors.Span{Start: start, End: end}, Kind: extractors.Body}}
		got := &extractors.Document{View: v, Paragraphs: para}
		rs := newRuneSet(ends)
		st.sentences(got, 0, &rs)
		want := &extractors.Document{View: v, Paragraphs: para}
		refSentences(st, want, 0)
		if !slices.Equal(got.Sentences, want.Sentences) {
			t.Fatalf("sentences of %q [%d:%d] ends %q = %v, want %v", v, start, end, ends, got.Sentences, want.Sentences)
		}
	})
}
