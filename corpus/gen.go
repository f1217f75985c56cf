package corpus

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"

	"github.com/accordkg/accord/schema"
)

// GenOptions say what synthetic corpus to make.
type GenOptions struct {
	// Docs is the number of documents.
	Docs int
	// Seed makes the corpus reproducible.
	Seed int64
	// Paragraphs per document (0: 30).
	Paragraphs int
}

// Generator writes declaration-like Chinese documents from the gazetteers
// and the sentence shapes of the genre, with known entities, so that
// benchmarks and scale tests have realistic input of any size.
type Generator struct {
	o                                 GenOptions
	rng                               *rand.Rand
	states, orgs, instruments, cities []*schema.Entry
	topics                            []string
}

// NewGenerator makes a generator over the rules' gazetteers.
func NewGenerator(r *schema.Rules, o GenOptions) *Generator {
	if o.Paragraphs == 0 {
		o.Paragraphs = 30
	}
	g := &Generator{o: o, rng: rand.New(rand.NewSource(o.Seed))}
	for _, e := range r.Entries {
		if e.ZH == "" || e.Contextual {
			continue
		}
		switch e.Class.Name {
		case "State":
			g.states = append(g.states, e)
		case "Organization":
			g.orgs = append(g.orgs, e)
		case "Instrument":
			g.instruments = append(g.instruments, e)
		case "City":
			g.cities = append(g.cities, e)
		}
	}
	g.topics = []string{"加强区域安全合作", "打击国际恐怖主义", "促进互联互通", "保障粮食安全", "应对气候变化",
		"打击毒品犯罪", "深化经贸合作", "推动人文交流", "保障国际信息安全", "维护战略稳定"}
	return g
}

func (g *Generator) pick(es []*schema.Entry) string { return es[g.rng.Intn(len(es))].ZH }

func (g *Generator) date() string {
	return fmt.Sprintf("%d年%d月%d日", 2001+g.rng.Intn(24), 1+g.rng.Intn(12), 1+g.rng.Intn(28))
}

// sentence returns one sentence of the genre.
func (g *Generator) sentence() string {
	t := g.topics[g.rng.Intn(len(g.topics))]
	switch g.rng.Intn(12) {
	case 0:
		return fmt.Sprintf("成员国重申恪守《%s》宗旨和原则。", g.pick(g.instruments))
	case 1:
		return fmt.Sprintf("成员国欢迎%s在%s举行的%s会议成果。", g.date(), g.pick(g.cities), g.pick(g.orgs))
	case 2:
		return fmt.Sprintf("成员国支持%s关于%s的倡议。", g.pick(g.states), t)
	case 3:
		return fmt.Sprintf("成员国重申恪守%s在%s签署的《%s》规定，进一步%s。", g.date(), g.pick(g.cities), g.pick(g.instruments), t)
	case 4:
		return fmt.Sprintf("成员国注意到%s和%s%s的愿望。", g.pick(g.states), g.pick(g.states), t)
	case 5:
		return fmt.Sprintf("成员国高度评价%s在%s方面的作用。", g.pick(g.orgs), t)
	case 6:
		return fmt.Sprintf("成员国对%s局势表示担忧，呼吁国际社会%s。", g.pick(g.states), t)
	case 7:
		return fmt.Sprintf("成员国强调%s在%s方面发挥中心协调作用。", g.pick(g.orgs), t)
	case 8:
		return fmt.Sprintf("成员国将继续落实《%s》，认为%s十分重要。", g.pick(g.instruments), t)
	case 9:
		return fmt.Sprintf("成员国主张在%s框架内%s。", g.pick(g.orgs), t)
	case 10:
		return fmt.Sprintf("成员国指出，%s应%s。", g.pick(g.states), t)
	}
	return fmt.Sprintf("成员国将进一步%s，%s，推动各领域合作迈上新台阶。", t, g.topics[g.rng.Intn(len(g.topics))])
}

// Document returns the text of document n.
func (g *Generator) Document(n int) string {
	var b strings.Builder
	org := g.pick(g.orgs)
	fmt.Fprintf(&b, "%s成员国元首理事会%s宣言\n\n%d-%02d-%02d 09:00\n\n", org, g.pick(g.cities), 2001+g.rng.Intn(24), 1+g.rng.Intn(12), 1+g.rng.Intn(28))
	fmt.Fprintf(&b, "%s成员国领导人于%s在%s举行元首理事会会议，并发表宣言如下：\n\n", org, g.date(), g.pick(g.cities))
	for p := 0; p < g.o.Paragraphs; p++ {
		k := 1 + g.rng.Intn(3)
		for s := 0; s < k; s++ {
			b.WriteString(g.sentence())
		}
		b.WriteString("\n\n")
	}
	return b.String()
}

// Write writes the corpus into dir as gen-000001.zh.txt … and returns the
// number of bytes written.
func (g *Generator) Write(dir string) (int64, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	var total int64
	for i := 1; i <= g.o.Docs; i++ {
		text := g.Document(i)
		p := filepath.Join(dir, fmt.Sprintf("gen-%06d.zh.txt", i))
		if err := writeFileAtomic(p, []byte(text)); err != nil {
			return total, err
		}
		total += int64(len(text))
	}
	return total, nil
}

// writeFileAtomic writes data to a temporary file beside path and renames
// it, so that a reader never sees half a file.
func writeFileAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return err
	}
	return os.Rename(f.Name(), path)
}
