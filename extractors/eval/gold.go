// Package eval loads gold annotation files and scores an extraction against
// them by the rules of gold-format.md: entities matched by normalized
// labels within their class, relations by mapped triples, precision, recall
// and F1 per class, per predicate and overall (micro-averaged). It sits
// after the pipeline: it reads quads, as an N-Quads export would give them.
package eval

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"gopkg.in/yaml.v3"

	"github.com/accordkg/accord/schema"
)

// GoldEntity is one entity of a gold file.
type GoldEntity struct {
	ID       string
	Class    string
	Names    []string // normalized
	Contains []string // normalized
	Line     int
}

// GoldRelation is one relation of a gold file: subject, accepted predicates
// (short names), object (a gold id or a literal's lexical form).
type GoldRelation struct {
	Subject    string
	Predicates []string
	Object     string
	Literal    bool
	Line       int
}

// Gold is a parsed gold file.
type Gold struct {
	Path      string
	Document  string
	Text      string // the text file, resolved against the gold file's folder
	Language  string
	Entities  []GoldEntity
	Relations []GoldRelation
}

// Entity returns the gold entity with the given id.
func (g *Gold) Entity(id string) *GoldEntity {
	for i := range g.Entities {
		if g.Entities[i].ID == id {
			return &g.Entities[i]
		}
	}
	return nil
}

type goldFile struct {
	Document  string    `yaml:"document"`
	Text      string    `yaml:"text"`
	Language  string    `yaml:"language"`
	Entities  yaml.Node `yaml:"entities"`
	Relations yaml.Node `yaml:"relations"`
}

type goldEntityFile struct {
	Type     string   `yaml:"type"`
	Names    []string `yaml:"names"`
	Contains []string `yaml:"contains"`
}

// GoldError is an error in a gold file, with its place.
type GoldError struct {
	Path   string
	Line   int // 1-based, 0 when unknown
	Column int // 1-based, 0 when unknown (a YAML syntax error has none)
	Msg    string
}

func (e *GoldError) Error() string {
	switch {
	case e.Line > 0 && e.Column > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Column, e.Msg)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return e.Path + ": " + e.Msg
}

// LoadGold reads and checks a gold file: unknown keys, unknown classes and
// predicates, and relations naming undeclared entities are errors with the
// file and line.
func LoadGold(path string) (*Gold, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseGold(path, data)
}

// ParseGold parses gold data; path names it in errors and anchors its text.
func ParseGold(path string, data []byte) (*Gold, error) {
	var f goldFile
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, yamlErr(path, nil, err)
	}
	if len(root.Content) == 0 {
		return nil, &GoldError{Path: path, Msg: "empty gold file"}
	}
	if err := decodeKnown(&root, &f); err != nil {
		return nil, yamlErr(path, &root, err)
	}
	g := &Gold{Path: path, Document: f.Document, Language: f.Language}
	if f.Document == "" {
		return nil, &GoldError{Path: path, Line: 1, Msg: "missing document"}
	}
	if f.Text != "" {
		g.Text = filepath.Join(filepath.Dir(path), f.Text)
	}
	var errs []error
	// the nodes as written (f's were re-encoded by decodeKnown: their
	// columns are not the file's)
	ents, rels := valueOf(root.Content[0], "entities", &f.Entities), valueOf(root.Content[0], "relations", &f.Relations)
	if ents.Kind != yaml.MappingNode {
		return nil, &GoldError{Path: path, Line: ents.Line, Column: ents.Column, Msg: "entities must be a mapping of id to entity"}
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(ents.Content); i += 2 {
		k, v := ents.Content[i], ents.Content[i+1]
		var e goldEntityFile
		if err := decodeKnown(v, &e); err != nil {
			errs = append(errs, yamlErr(path, &root, err))
			continue
		}
		if _, ok := schema.ClassByName(e.Type); !ok {
			at := valueOf(v, "type", k)
			errs = append(errs, &GoldError{Path: path, Line: at.Line, Column: at.Column, Msg: fmt.Sprintf("entity %s: unknown type %q", k.Value, e.Type)})
			continue
		}
		if seen[k.Value] {
			errs = append(errs, &GoldError{Path: path, Line: k.Line, Column: k.Column, Msg: "duplicate entity id " + k.Value})
		}
		seen[k.Value] = true
		ge := GoldEntity{ID: k.Value, Class: e.Type, Line: k.Line}
		for _, n := range e.Names {
			ge.Names = append(ge.Names, schema.NormalizeName(n))
		}
		for _, n := range e.Contains {
			ge.Contains = append(ge.Contains, schema.NormalizeName(n))
		}
		if len(ge.Names) == 0 && len(ge.Contains) == 0 {
			errs = append(errs, &GoldError{Path: path, Line: k.Line, Column: k.Column, Msg: "entity " + k.Value + " has no names"})
		}
		g.Entities = append(g.Entities, ge)
	}
	if rels.Kind != 0 && rels.Kind != yaml.SequenceNode {
		errs = append(errs, &GoldError{Path: path, Line: rels.Line, Column: rels.Column, Msg: "relations must be a list"})
	}
	for _, r := range rels.Content {
		rel, err := parseRelation(path, r, seen)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		g.Relations = append(g.Relations, rel)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return g, nil
}

// valueOf returns the value node of key in mapping node m, or def.
func valueOf(m *yaml.Node, key string, def *yaml.Node) *yaml.Node {
	for i := 0; m.Kind == yaml.MappingNode && i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return def
}

func parseRelation(path string, n *yaml.Node, ids map[string]bool) (GoldRelation, error) {
	at := n
	bad := func(msg string) (GoldRelation, error) {
		return GoldRelation{}, &GoldError{Path: path, Line: at.Line, Column: at.Column, Msg: msg}
	}
	if n.Kind != yaml.SequenceNode || len(n.Content) != 3 {
		return bad("a relation is [subject, predicate, object]")
	}
	s, p, o := n.Content[0], n.Content[1], n.Content[2]
	r := GoldRelation{Subject: s.Value, Object: o.Value, Line: n.Line}
	if !ids[r.Subject] {
		at = s
		return bad(fmt.Sprintf("unknown subject %q", r.Subject))
	}
	switch p.Kind {
	case yaml.ScalarNode:
		r.Predicates = []string{p.Value}
	case yaml.SequenceNode:
		for _, c := range p.Content {
			r.Predicates = append(r.Predicates, c.Value)
		}
	default:
		return bad("predicate must be a name or a list of names")
	}
	for _, pr := range r.Predicates {
		if _, err := schema.PredicateByName(pr); err != nil {
			at = p
			return bad(err.Error())
		}
	}
	at = o
	if o.Kind != yaml.ScalarNode {
		return bad("object must be an entity id or a literal")
	}
	quoted := o.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0
	switch {
	case quoted || o.Tag == "!!int" || o.Tag == "!!timestamp":
		r.Literal = true
	case !ids[r.Object]:
		return bad(fmt.Sprintf("unknown object %q (quote a literal)", r.Object))
	}
	return r, nil
}

// decodeKnown decodes a node rejecting unknown keys.
func decodeKnown(n *yaml.Node, v any) error {
	out, err := yaml.Marshal(n)
	if err != nil {
		return err
	}
	dec := yaml.NewDecoder(bytesReader(out))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		return lineShift(err, n.Line-1)
	}
	return nil
}
