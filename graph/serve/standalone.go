package serve

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"strings"
)

// Assets of index.html that WriteStandalone inlines: its style sheet and
// its scripts, each a file under /static/.
var (
	styleRef  = regexp.MustCompile(`<link rel="stylesheet" href="/static/([^"]+)">`)
	scriptRef = regexp.MustCompile(`<script src="/static/([^"]+)" defer></script>`)
	// anyRef finds what is left that a browser would load.
	anyRef = regexp.MustCompile(`(?i)\s(?:src|href)\s*=`)
)

// dataElementID is the id of the <script type="application/json"> block
// that holds the graph in a standalone page; app.js reads it instead of
// fetching /graph.json when it is there.
const dataElementID = "graph-data"

// WriteStandalone writes the relations page as one self-contained HTML
// file, the one `accord viz` writes: index.html with its style sheet, the
// vendored d3 scripts and app.js inlined, and d, encoded as /graph.json
// would be, in a <script type="application/json" id="graph-data"> block.
// The file loads nothing, from the network or from disk: a
// Content-Security-Policy in the page allows only its own inline scripts
// and style (by hash) and no connection. The page works without a server
// except for the Gizmo console, which says that it needs `accord serve`.
//
// The JSON escapes <, > and & (as \u003c…), so that a label or a sentence
// holding "</script>" or "<!--" cannot end the block.
func WriteStandalone(w io.Writer, d *Data) error {
	page, err := fs.ReadFile(webFS, "web/index.html")
	if err != nil {
		return fmt.Errorf("standalone page: %w", err)
	}
	data, err := json.Marshal(d) // escapes <, >, &, U+2028 and U+2029
	if err != nil {
		return fmt.Errorf("standalone page: encoding the data: %w", err)
	}
	html, err := inlineAssets(string(page), string(data))
	if err != nil {
		return fmt.Errorf("standalone page: %w", err)
	}
	if _, err := io.WriteString(w, html); err != nil {
		return fmt.Errorf("standalone page: %w", err)
	}
	return nil
}

// inlineAssets returns page with its style sheet and scripts inlined, the
// data block before the first script, and a Content-Security-Policy that
// allows exactly those inline scripts and that style.
func inlineAssets(page, data string) (string, error) {
	// What the page names besides its style sheet and scripts would be
	// loaded from a file or the network: there must be nothing.
	rest := scriptRef.ReplaceAllString(styleRef.ReplaceAllString(page, ""), "")
	if loc := anyRef.FindStringIndex(rest); loc != nil {
		return "", fmt.Errorf("index.html loads something WriteStandalone cannot inline: %q", rest[loc[0]:min(len(rest), loc[1]+40)])
	}
	var scriptHashes, styleHashes []string
	var firstErr error
	read := func(name, closer string) string {
		b, err := fs.ReadFile(webFS, "web/static/"+name)
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			return ""
		}
		// Inside <script> or <style> the HTML parser ends the element at
		// the first "</script" or "</style"; "<!--" changes how it looks
		// for it. The embedded assets have neither (TestStandalone).
		l := strings.ToLower(string(b))
		if strings.Contains(l, closer) || strings.Contains(l, "<!--") {
			if firstErr == nil {
				firstErr = fmt.Errorf("%s holds %q or \"<!--\": it cannot be inlined", name, closer)
			}
			return ""
		}
		return "\n" + string(b) + "\n"
	}
	page = styleRef.ReplaceAllStringFunc(page, func(m string) string {
		body := read(styleRef.FindStringSubmatch(m)[1], "</style")
		styleHashes = append(styleHashes, cspHash(body))
		return "<style>" + body + "</style>"
	})
	first := true
	page = scriptRef.ReplaceAllStringFunc(page, func(m string) string {
		body := read(scriptRef.FindStringSubmatch(m)[1], "</script")
		scriptHashes = append(scriptHashes, cspHash(body))
		s := "<script>" + body + "</script>"
		if first {
			first = false
			s = `<script type="application/json" id="` + dataElementID + `">` + data + "</script>\n" + s
		}
		return s
	})
	if firstErr != nil {
		return "", firstErr
	}
	if first {
		return "", fmt.Errorf("index.html names no script under /static/")
	}
	csp := "default-src 'none'; script-src " + strings.Join(scriptHashes, " ") +
		"; style-src " + strings.Join(styleHashes, " ") +
		"; img-src data:; base-uri 'none'; form-action 'none'"
	const charset = `<meta charset="utf-8">`
	i := strings.Index(page, charset)
	if i < 0 {
		return "", fmt.Errorf("index.html has no %s", charset)
	}
	i += len(charset)
	var b strings.Builder
	b.Grow(len(page) + 512)
	b.WriteString(page[:i])
	b.WriteString("\n<meta http-equiv=\"Content-Security-Policy\" content=\"" + csp + "\">")
	b.WriteString("\n<meta name=\"generator\" content=\"accord viz\">")
	b.WriteString(page[i:])
	return b.String(), nil
}

// cspHash is the CSP source expression of an inline script or style.
func cspHash(body string) string {
	sum := sha256.Sum256([]byte(body))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}
