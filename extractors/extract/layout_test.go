package extract_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/accordkg/accord/extractors"
	"github.com/accordkg/accord/extractors/extract"
)

// edges lists the stance and fact triples of a result by IRI.
func edges(res *extractors.Result) []string {
	d := res.Doc
	var out []string
	for _, s := range d.Statements {
		out = append(out, d.Mentions[s.Actor].IRI+" "+s.Predicate+" "+d.Mentions[s.Target].IRI)
	}
	for _, f := range d.Facts {
		o := f.Date.Lexical()
		if f.Object >= 0 {
			o = d.Mentions[f.Object].IRI
		}
		out = append(out, d.Mentions[f.Subject].IRI+" "+f.Predicate+" "+o)
	}
	for _, e := range res.Entities {
		out = append(out, e.IRI)
	}
	sort.Strings(out)
	var u []string
	for i, s := range out {
		if i == 0 || s != out[i-1] {
			u = append(u, s)
		}
	}
	return u
}

// printed lays a declaration out like a PDF turned into text: paragraphs
// numbered and hard-wrapped every width runes, a running header and a page
// number every few lines, full-width and half-width punctuation mixed.
func printed(paras []string, width int) string {
	var b strings.Builder
	lines := 0
	page := 1
	emit := func(s string) {
		if lines%12 == 0 {
			fmt.Fprintf(&b, "上海合作组织文件汇编\n")
		}
		b.WriteString(s + "\n")
		lines++
		if lines%12 == 11 {
			fmt.Fprintf(&b, "- %d -\n", page)
			page++
		}
	}
	for i, p := range paras {
		p = fmt.Sprintf("%d. %s", i+1, strings.ReplaceAll(p, "，", ","))
		rs := []rune(p)
		for len(rs) > width {
			emit(string(rs[:width]))
			rs = rs[width:]
		}
		emit(string(rs))
	}
	return b.String()
}

func TestPrintedLayout(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(dataset, "qingdao-2018.zh.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var paras []string
	for _, l := range strings.Split(string(raw), "\n") {
		l = strings.TrimSpace(l)
		if utf8.RuneCountInString(l) > 30 && strings.HasPrefix(l, "成员国") && strings.HasSuffix(l, "。") {
			paras = append(paras, l)
		}
	}
	head := "上海合作组织成员国元首理事会青岛宣言\n\n"
	clean := head + strings.Join(paras, "\n\n") + "\n"
	x := newExtractor(t)
	a, err := x.Extract(context.Background(), extract.Input{Path: "clean.txt", ID: "d", Raw: []byte(clean)})
	if err != nil {
		t.Fatal(err)
	}
	b, err := x.Extract(context.Background(), extract.Input{Path: "printed.txt", ID: "d", Raw: []byte(head + printed(paras, 28))})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Doc.Statements) < 25 {
		t.Fatalf("only %d statements in the clean text", len(a.Doc.Statements))
	}
	if diff := cmp.Diff(edges(a), edges(b)); diff != "" {
		t.Errorf("the printed layout changes what is extracted (-clean +printed):\n%s", diff)
	}
	// evidence sentences still come from the text as read
	for _, s := range b.Doc.Sentences {
		if !strings.Contains(b.Doc.Text, b.Doc.TextOf(s.Span)) {
			t.Fatal("a sentence is not a substring of the text")
		}
	}
}
