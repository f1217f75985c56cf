package schema

import (
	"gopkg.in/yaml.v3"

	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"sort"
	"strings"
)

// pack is one rule pack as read from its folder: the built-in pack or a
// user's (--rules DIR).
type pack struct {
	Name     string
	Entries  []*Entry
	Triggers map[string][]*Trigger
	Cues     map[string]*Cues
	Patterns map[string][]*Pattern
	// Disable lists the ids this pack switches off: rule ids (zh/stance/adopt)
	// or gazetteer keys (Class/id, e.g. Organization/un-gge).
	Disable []string
	// disableSource is the path of pack.yaml, and disableAt the line and
	// column of each id in its disable list.
	disableSource string
	disableAt     map[string][2]int
	// hash covers every file of the pack.
	hash hash.Hash
}

// packFile is pack.yaml, the optional head of a pack.
type packFile struct {
	Name        string   `yaml:"name"`
	Description string   `yaml:"description"`
	Disable     []string `yaml:"disable"`
}

// Warning is a note about a pack that is not an error: a user rule that
// shadows a built-in one.
type Warning struct {
	Source string // "path:line" of the rule that shadows
	Msg    string
}

func (w Warning) String() string { return w.Source + ": warning: " + w.Msg }

func newRules() *Rules {
	return &Rules{Triggers: map[string][]*Trigger{}, Cues: map[string]*Cues{}, Patterns: map[string][]*Pattern{}, Disabled: map[string]bool{}}
}

func loadPack(fsys fs.FS, name string) (*pack, error) {
	p := &pack{Name: name, Triggers: map[string][]*Trigger{}, Cues: map[string]*Cues{}, Patterns: map[string][]*Pattern{}, hash: sha256.New()}
	fsys = hashingFS{fsys, p.hash}
	var errs []error
	if data, err := fs.ReadFile(fsys, "pack.yaml"); err == nil {
		var pf packFile
		display := path.Join(name, "pack.yaml")
		if err := decodeStrict(data, nil, &pf, display); err != nil {
			errs = append(errs, err)
		}
		p.Disable = pf.Disable
		p.disableSource = display
		p.disableAt = disablePositions(data)
		if pf.Name != "" {
			p.Name = pf.Name
		}
	}
	gz, _ := fs.Glob(fsys, "gazetteer/*.yaml")
	sort.Strings(gz)
	for _, f := range gz {
		if err := p.loadGazetteer(fsys, f, path.Join(name, f)); err != nil {
			errs = append(errs, err)
		}
	}
	lx, _ := fs.Glob(fsys, "lexicon/*.yaml")
	sort.Strings(lx)
	for _, f := range lx {
		if err := p.loadLexicon(fsys, f, path.Join(name, f)); err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return p, nil
}

// disablePositions returns the line and column of each id in pack.yaml's
// disable list (none when the file does not parse: decodeStrict reports
// that).
func disablePositions(data []byte) map[string][2]int {
	var root yaml.Node
	if yaml.Unmarshal(data, &root) != nil || len(root.Content) == 0 {
		return nil
	}
	list := mappingValue(root.Content[0], "disable")
	if list == nil {
		return nil
	}
	out := map[string][2]int{}
	for _, n := range list.Content {
		out[n.Value] = [2]int{n.Line, n.Column}
	}
	return out
}

// hashingFS feeds every file read through it into a hash.
type hashingFS struct {
	fs.FS
	h hash.Hash
}

func (h hashingFS) ReadFile(name string) ([]byte, error) {
	b, err := fs.ReadFile(h.FS, name)
	if err == nil {
		fmt.Fprintf(h.h, "%s\x00%d\x00", name, len(b))
		h.h.Write(b)
	}
	return b, err
}

// Fingerprint identifies the rules and the extractor code: it changes when
// any rule file of any pack, the disabled ids, or the accord binary's
// version changes.
func (r *Rules) Fingerprint() string {
	h := sha256.New()
	h.Write([]byte(r.fingerprint))
	if bi, ok := debug.ReadBuildInfo(); ok {
		fmt.Fprintf(h, "\x00%s", bi.Main.Version)
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" || s.Key == "vcs.modified" {
				fmt.Fprintf(h, "\x00%s=%s", s.Key, s.Value)
			}
		}
	}
	fmt.Fprintf(h, "\x00%s", ExtractorVersion)
	return hex.EncodeToString(h.Sum(nil))
}

// ExtractorVersion names the extraction code's output format; bump it when a
// change to the Go rule kinds changes what they extract, so that builds
// redo documents that are otherwise unchanged.
const ExtractorVersion = "2026-11-24.1"

// LoadPacks loads the built-in pack and then each user pack folder in
// order. A user entry or rule with the key of an earlier one replaces it
// (with a warning in Rules.Warnings); a pack's disable list switches ids off.
func LoadPacks(dirs []string) (*Rules, error) {
	r := newRules()
	b, err := loadPack(BuiltinFS(), "schema/data")
	if err != nil {
		return nil, err
	}
	if _, err := r.merge(b, false); err != nil {
		return nil, err
	}
	fp := sha256.New()
	fp.Write(b.hash.Sum(nil))
	for _, d := range dirs {
		st, err := os.Stat(d)
		if err != nil {
			return nil, fmt.Errorf("rule pack %s: %w", d, err)
		}
		if !st.IsDir() {
			return nil, fmt.Errorf("rule pack %s: not a directory", d)
		}
		p, err := loadPack(os.DirFS(d), filepath.ToSlash(d))
		if err != nil {
			return nil, err
		}
		ws, err := r.merge(p, true)
		if err != nil {
			return nil, err
		}
		fp.Write(p.hash.Sum(nil))
		r.Warnings = append(r.Warnings, ws...)
		r.Packs = append(r.Packs, d)
	}
	if err := r.validate(); err != nil {
		return nil, err
	}
	r.fingerprint = hex.EncodeToString(fp.Sum(nil))
	return r, nil
}

// merge adds pack p to r: entries and rules by key, replacing earlier ones
// when user is set (and warning), failing on duplicates inside p.
func (r *Rules) merge(p *pack, user bool) ([]Warning, error) {
	var errs []error
	var warns []Warning
	seen := map[string]string{}
	dup := func(key, src string) bool {
		if prev, ok := seen[key]; ok {
			errs = append(errs, fmt.Errorf("%s: duplicate id %s (first at %s)", src, key, prev))
			return true
		}
		seen[key] = src
		return false
	}
	for _, e := range p.Entries {
		if dup("entry "+e.Key(), e.Source) {
			continue
		}
		replaced := false
		for i, old := range r.Entries {
			if old.Key() == e.Key() {
				warns = append(warns, Warning{e.Source, fmt.Sprintf("%s replaces the entry at %s", e.Key(), old.Source)})
				r.Entries[i] = e
				replaced = true
				break
			}
		}
		if !replaced {
			r.Entries = append(r.Entries, e)
		}
	}
	for lang, ts := range p.Triggers {
		for _, t := range ts {
			if dup("rule "+t.ID, t.Source) {
				continue
			}
			replaced := false
			for i, old := range r.Triggers[lang] {
				if old.ID == t.ID {
					warns = append(warns, Warning{t.Source, fmt.Sprintf("rule %s replaces the rule at %s", t.ID, old.Source)})
					r.Triggers[lang][i] = t
					replaced = true
					break
				}
			}
			if !replaced {
				r.Triggers[lang] = append(r.Triggers[lang], t)
			}
			if user {
				warns = append(warns, r.takeWords(lang, t)...)
			}
		}
	}
	for lang, ps := range p.Patterns {
		for _, pt := range ps {
			if dup("pattern "+pt.ID, pt.Source) {
				continue
			}
			replaced := false
			for i, old := range r.Patterns[lang] {
				if old.ID == pt.ID {
					warns = append(warns, Warning{pt.Source, fmt.Sprintf("pattern %s replaces the one at %s", pt.ID, old.Source)})
					r.Patterns[lang][i] = pt
					replaced = true
					break
				}
			}
			if !replaced {
				r.Patterns[lang] = append(r.Patterns[lang], pt)
			}
		}
	}
	for lang, c := range p.Cues {
		if old, ok := r.Cues[lang]; ok {
			appendCues(old, c)
		} else {
			r.Cues[lang] = c
		}
	}
	for _, id := range p.Disable {
		if !r.knows(id) {
			at := p.disableAt[id]
			errs = append(errs, &RuleError{Path: p.disableSource, Line: at[0], Column: at[1], Msg: fmt.Sprintf("disable: no rule, pattern or entry %q (entries are written Class/id)", id)})
			continue
		}
		r.Disabled[id] = true
	}
	if !user && len(warns) > 0 {
		for _, w := range warns {
			errs = append(errs, errors.New(w.Source+": "+w.Msg))
		}
	}
	return warns, errors.Join(errs...)
}

// takeWords gives trigger t the words it shares with the other triggers of
// its language: a later pack's rule for a word wins over an earlier one, as
// a later entry does, and the earlier rule keeps its other words. Each word
// taken is a warning.
func (r *Rules) takeWords(lang string, t *Trigger) []Warning {
	mine := map[string]bool{}
	for _, w := range t.Words {
		mine[w] = true
	}
	var warns []Warning
	for i, o := range r.Triggers[lang] {
		if o == t || o.ID == t.ID {
			continue
		}
		var keep, lost []string
		for _, w := range o.Words {
			if mine[w] {
				lost = append(lost, w)
			} else {
				keep = append(keep, w)
			}
		}
		if len(lost) == 0 {
			continue
		}
		cp := *o
		cp.Words = keep
		r.Triggers[lang][i] = &cp
		if r.Taken == nil {
			r.Taken = map[string][]string{}
		}
		r.Taken[o.ID] = append(r.Taken[o.ID], lost...)
		warns = append(warns, Warning{t.Source, fmt.Sprintf("rule %s takes %s from rule %s at %s", t.ID, strings.Join(lost, ", "), o.ID, o.Source)})
	}
	return warns
}

// appendCues adds every word list of c to the same list of into.
func appendCues(into, c *Cues) {
	a, b := reflect.ValueOf(into).Elem(), reflect.ValueOf(c).Elem()
	for i := 0; i < a.NumField(); i++ {
		if a.Field(i).Kind() == reflect.Slice {
			a.Field(i).Set(reflect.AppendSlice(a.Field(i), b.Field(i)))
		}
	}
}

// knows reports whether id names a rule, a pattern or a gazetteer entry.
func (r *Rules) knows(id string) bool {
	for _, e := range r.Entries {
		if e.Key() == id {
			return true
		}
	}
	for _, ts := range r.Triggers {
		for _, t := range ts {
			if t.ID == id {
				return true
			}
		}
	}
	for _, ps := range r.Patterns {
		for _, p := range ps {
			if p.ID == id {
				return true
			}
		}
	}
	return false
}

// Enabled reports whether a rule id or entry key is switched on.
func (r *Rules) Enabled(id string) bool { return !r.Disabled[id] }

// PackDirs splits a colon-separated ACCORD_RULES value into folders.
func PackDirs(env string) []string {
	var out []string
	for _, d := range strings.Split(env, string(os.PathListSeparator)) {
		if d = strings.TrimSpace(d); d != "" {
			out = append(out, d)
		}
	}
	return out
}
