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
	rules := r.Triggers["zh"]
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
		},
	}, nil
}
