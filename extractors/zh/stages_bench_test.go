package zh_test

import (
	"testing"

	"github.com/accordkg/accord/bench"
	"github.com/accordkg/accord/corpus"
	"github.com/accordkg/accord/extractors"
	"github.com/accordkg/accord/extractors/zh"
	"github.com/accordkg/accord/schema"
)

// stageDocs returns the pipeline and documents run through every stage
// once: the bundled text repeated to about 4 MB (one document), or about
// 4 MB of the generated corpus (seed 1, as bench/ does), and for each
// document a function that puts back the trigger hits as Entities left them.
func stageDocs(b *testing.B, generated bool) (*extractors.Pipeline, []*extractors.Document, []func()) {
	b.Helper()
	rules, err := schema.LoadBuiltin()
	if err != nil {
		b.Fatal(err)
	}
	p, err := zh.New(rules)
	if err != nil {
		b.Fatal(err)
	}
	const size = 4 << 20
	var texts []string
	if generated {
		g := corpus.NewGenerator(rules, corpus.GenOptions{Seed: 1})
		for n, total := 1, 0; total < size; n++ {
			texts = append(texts, g.Document(n))
			total += len(texts[len(texts)-1])
		}
	} else {
		raw, err := bench.Qingdao()
		if err != nil {
			b.Fatal(err)
		}
		texts = []string{string(bench.Repeat(raw, size))}
	}
	var docs []*extractors.Document
	var keep []func()
	for _, s := range texts {
		d := extractors.NewDocument("t", "t.txt", "zh", []byte(s), "UTF-8", s, p.Fold, nil)
		for _, st := range p.Stages {
			if _, ok := st.(*zh.Relations); ok {
				keep = append(keep, zh.KeepTriggerHits(d))
			}
			if err := st.Process(d); err != nil {
				b.Fatal(err)
			}
		}
		docs = append(docs, d)
	}
	return p, docs, keep
}

// BenchmarkStages times the stages Dates, Relations and Facts alone, each
// run again on documents the whole pipeline has been through (what each
// adds is dropped first): a stage's share of a run of bench/ is too small
// to measure there on a busy machine.
func BenchmarkStages(b *testing.B) {
	for _, gen := range []bool{false, true} {
		name := "bundled"
		if gen {
			name = "generated"
		}
		p, docs, keep := stageDocs(b, gen)
		size := 0
		for _, d := range docs {
			size += len(d.View)
		}
		for _, st := range p.Stages {
			var reset func(k int)
			var stage string
			switch st.(type) {
			case zh.Dates:
				stage, reset = "dates", func(k int) { docs[k].Dates = docs[k].Dates[:0] }
			case *zh.Relations:
				stage, reset = "relations", func(k int) {
					docs[k].Statements = docs[k].Statements[:0]
					keep[k]()
				}
			case *zh.Facts:
				stage, reset = "facts", func(k int) { docs[k].Facts = docs[k].Facts[:0] }
			default:
				continue
			}
			b.Run(name+"/"+stage, func(b *testing.B) {
				b.SetBytes(int64(size))
				for i := 0; i < b.N; i++ {
					for k, d := range docs {
						reset(k)
						if err := st.Process(d); err != nil {
							b.Fatal(err)
						}
					}
				}
			})
		}
	}
}
