package schema

import (
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

var (
	unknownFieldRE = regexp.MustCompile(`field (\S+) not found|unknown key "([^"]+)"`)
	typeValueRE    = regexp.MustCompile("`([^`]*)`")
)

// YAMLColumn returns the 1-based column of the node a YAML decoding message
// at line is about, searching the tree under root: the key an unknown-field
// message names, the value a type error quotes, else the first node on the
// line. 0 when no node lies on that line.
func YAMLColumn(root *yaml.Node, line int, msg string) int {
	if root == nil || line <= 0 {
		return 0
	}
	want := ""
	if m := unknownFieldRE.FindStringSubmatch(msg); m != nil {
		want = m[1] + m[2]
	} else if m := typeValueRE.FindStringSubmatch(msg); m != nil {
		want = m[1]
	}
	first := 0
	var walk func(n *yaml.Node) int
	walk = func(n *yaml.Node) int {
		if n.Line == line && n.Kind == yaml.ScalarNode {
			if want != "" && (n.Value == want || strings.HasPrefix(n.Value, strings.TrimSuffix(want, "..."))) {
				return n.Column
			}
			if first == 0 || n.Column < first {
				first = n.Column
			}
		}
		for _, c := range n.Content {
			if col := walk(c); col > 0 {
				return col
			}
		}
		return 0
	}
	if col := walk(root); col > 0 {
		return col
	}
	return first
}
