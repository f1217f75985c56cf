package text

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

// blockTags end a line when they open or close.
var blockTags = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "tr": true, "td": true, "th": true, "section": true,
	"article": true, "header": true, "footer": true, "blockquote": true, "pre": true,
	"ul": true, "ol": true, "table": true, "title": true, "dd": true, "dt": true,
}

// FromHTML returns the visible text of an HTML page, one block element per
// line; scripts, styles and comments are dropped.
func FromHTML(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return collapseBlank(b.String())
		case html.TextToken:
			if skip == 0 {
				b.WriteString(strings.Join(strings.Fields(string(z.Text())), " "))
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch n := string(name); {
			case n == "script" || n == "style" || n == "noscript" || n == "template":
				skip++
			case blockTags[n]:
				b.WriteByte('\n')
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch n := string(name); {
			case n == "script" || n == "style" || n == "noscript" || n == "template":
				if skip > 0 {
					skip--
				}
			case blockTags[n]:
				b.WriteByte('\n')
			}
		}
	}
}

var (
	mdHeading  = regexp.MustCompile(`(?m)^\s{0,3}#{1,6}\s+`)
	mdEmphasis = regexp.MustCompile(`\*\*|__|\*|\x60`)
	mdLink     = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	mdQuote    = regexp.MustCompile(`(?m)^\s{0,3}>\s?`)
)

// FromMarkdown returns the text of a Markdown document: headings, emphasis,
// links and quote marks removed, the words kept.
func FromMarkdown(s string) string {
	s = mdLink.ReplaceAllString(s, "$1")
	s = mdHeading.ReplaceAllString(s, "")
	s = mdQuote.ReplaceAllString(s, "")
	s = mdEmphasis.ReplaceAllString(s, "")
	return s
}

// collapseBlank trims lines and keeps at most one blank line in a row.
func collapseBlank(s string) string {
	lines := strings.Split(s, "\n")
	var out []string
	blank := false
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			if !blank && len(out) > 0 {
				out = append(out, "")
			}
			blank = true
			continue
		}
		blank = false
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}
