package extractors

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/accordkg/accord/schema"
)

// Stage is one step of the pipeline: it reads and extends the Document.
type Stage interface {
	// Process runs the stage over d.
	Process(d *Document) error
}

// StageFunc adapts a function to Stage.
type StageFunc func(d *Document) error

// Process calls f(d).
func (f StageFunc) Process(d *Document) error { return f(d) }

// Pipeline is a language's recipe: stages run in order.
type Pipeline struct {
	// Lang is the language code.
	Lang string
	// Fold maps a rune of the text to the rune used for matching.
	Fold func(rune) rune
	// Stages run in order over each document.
	Stages []Stage
}

// Run runs every stage over d, stopping at the first error or when ctx is done.
func (p *Pipeline) Run(ctx context.Context, d *Document) error {
	for _, s := range p.Stages {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := s.Process(d); err != nil {
			return fmt.Errorf("%s: %w", d.Path, err)
		}
	}
	return nil
}

// Language builds a pipeline from the rule data.
type Language struct {
	// Name is the language code ("zh").
	Name string
	// Detect scores how likely a text is in this language, 0..1.
	Detect func(text string) float64
	// New compiles the rules into a pipeline.
	New func(r *schema.Rules) (*Pipeline, error)
}

var (
	langMu    sync.RWMutex
	languages = map[string]Language{}
)

// Register adds a language; it panics on a duplicate name (a programming
// error, as in database/sql).
func Register(l Language) {
	langMu.Lock()
	defer langMu.Unlock()
	if _, dup := languages[l.Name]; dup {
		panic("extractors: language registered twice: " + l.Name)
	}
	languages[l.Name] = l
}

// Names returns the registered language codes, sorted.
func Names() []string {
	langMu.RLock()
	defer langMu.RUnlock()
	out := make([]string, 0, len(languages))
	for n := range languages {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// UnknownLanguageError is returned for a language no recipe is registered for.
type UnknownLanguageError struct{ Name string }

func (e *UnknownLanguageError) Error() string {
	return fmt.Sprintf("unknown language %q (known: %s)", e.Name, strings.Join(Names(), ", "))
}

// Lookup returns the language registered under name.
func Lookup(name string) (Language, error) {
	langMu.RLock()
	l, ok := languages[name]
	langMu.RUnlock()
	if !ok {
		return Language{}, &UnknownLanguageError{Name: name}
	}
	return l, nil
}

// DetectLanguage returns the registered language that scores text highest.
func DetectLanguage(text string) (string, error) {
	best, bestScore := "", 0.0
	for _, n := range Names() {
		l, _ := Lookup(n)
		if l.Detect == nil {
			continue
		}
		if s := l.Detect(text); s > bestScore {
			best, bestScore = n, s
		}
	}
	if best == "" {
		return "", fmt.Errorf("cannot tell the language of the text (known: %s); use --lang", strings.Join(Names(), ", "))
	}
	return best, nil
}
