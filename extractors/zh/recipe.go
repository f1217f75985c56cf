// Package zh holds accord's Chinese recipe: the stages that recognize
// entities, dates, stance statements and facts in Chinese declarations,
// compiled once from the rule data in schema/data and then only matching.
// It registers itself as the language "zh" in the extractors registry.
package zh

import (
	"fmt"
	"strings"

	"github.com/accordkg/accord/extractors"
	"github.com/accordkg/accord/extractors/text"
	"github.com/accordkg/accord/schema"
)

func init() {
	extractors.Register(extractors.Language{
		Name:   "zh",
		Detect: func(s string) float64 { return text.CJKRatio(s) },
		New:    New,
	})
}

// New compiles the rule data into the Chinese pipeline: structure →
// entities → context → dates → relations → facts → resolve.
func New(r *schema.Rules) (*extractors.Pipeline, error) {
	cueData, ok := r.Cues["zh"]
	if !ok {
		return nil, fmt.Errorf("no Chinese cue file (lexicon/zh-cues.yaml) in the rules")
	}
	folder, err := text.NewFolder(true)
	if err != nil {
		return nil, err
	}
	fold := func(s string) string { return strings.Map(folder.Fold, s) }
	c := compileCues(cueData, fold)
	var rules []*schema.Trigger
	for _, t := range r.Triggers["zh"] {
		if r.Enabled(t.ID) {
			rules = append(rules, t)
		}
	}
	for _, p := range r.Patterns["zh"] {
		if p.Compiled == nil && !knownKind(p.ID) {
			return nil, fmt.Errorf("%s: pattern %s: the Chinese recipe has no rule kind of that id (known: %s)", p.Source, p.ID, strings.Join(RuleKinds, ", "))
		}
	}
	trig := newDict()
	for i, t := range rules {
		for _, w := range t.Words {
			trig.add(fold(w), i)
		}
	}
	trig.compile()
	return &extractors.Pipeline{
		Lang: "zh",
		Fold: folder.Fold,
		Stages: []extractors.Stage{
			&text.Structure{Boilerplate: cueData.Boilerplate, SentenceEnds: "。!?;"},
			newEntities(r, c, trig, fold),
			&extractors.Context{Rules: r},
			Dates{},
			&Relations{triggers: trig, rules: rules, c: c},
			&Facts{c: c},
			extractors.DropDisabled{Rules: r},
		},
	}, nil
}

// RuleKinds are the ids of the rule kinds written in Go in this package;
// schema/data/lexicon/zh-patterns.yaml documents each with examples.
var RuleKinds = []string{
	"zh/gazetteer/state", "zh/gazetteer/organization", "zh/gazetteer/group",
	"zh/gazetteer/city", "zh/gazetteer/instrument", "zh/gazetteer/meeting", "zh/gazetteer/initiative",
	"zh/instrument/title", "zh/instrument/title-genre", "zh/instrument/protocol",
	"zh/instrument/derived", "zh/instrument/inner-title", "zh/instrument/about-convention", "zh/instrument/resolution",
	"zh/city/of-state",
	"zh/meeting/organization", "zh/meeting/ordinal-organization", "zh/meeting/held",
	"zh/meeting/quoted", "zh/meeting/ordinal", "zh/meeting/instrument",
	"zh/initiative/about", "zh/initiative/quoted", "zh/initiative/proposal",
	"zh/entity/defined-alias", "zh/entity/anaphor", "zh/entity/this-organization", "zh/entity/this-meeting",
	"zh/fact/signed", "zh/fact/signed-after", "zh/fact/held", "zh/fact/held-after", "zh/fact/adopted-at",
	"zh/fact/proposed-by", "zh/fact/proposed-at", "zh/fact/admitted", "zh/fact/joined",
	"zh/fact/city-of-state",
}

func knownKind(id string) bool {
	for _, k := range RuleKinds {
		if k == id {
			return true
		}
	}
	return false
}
