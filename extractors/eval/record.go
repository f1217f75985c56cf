package eval

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Tolerance is how far an F1 may fall below its record before the
// regression gate fails.
const Tolerance = 0.005

// Recorded is the recorded score of one gold file.
type Recorded struct {
	Gold        string  `json:"gold"`
	EntitiesF1  float64 `json:"entities_f1"`
	RelationsF1 float64 `json:"relations_f1"`
}

// Record maps document ids to their recorded scores (datasets/scores.json).
type Record map[string]Recorded

// GoldFiles returns the gold files under dir: YAML files with a document
// key and entities, sorted.
func GoldFiles(dir string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(p, ".yaml") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		s := string(b)
		if strings.Contains(s, "\ndocument:") || strings.HasPrefix(s, "document:") {
			if strings.Contains(s, "\nentities:") {
				out = append(out, p)
			}
		}
		return nil
	})
	sort.Strings(out)
	return out, err
}

// LoadRecord reads a scores file; a missing file is an empty record.
func LoadRecord(path string) (Record, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return Record{}, nil
	}
	if err != nil {
		return nil, err
	}
	var r Record
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return r, nil
}

// Save writes the record, sorted and indented, replacing the file whole.
func (r Record) Save(path string) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, append(b, '\n'), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// Regressions compares scores with the record and returns one message per
// F1 that fell by more than Tolerance.
func (r Record) Regressions(now Record) []string {
	var out []string
	ids := make([]string, 0, len(now))
	for id := range now {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		old, ok := r[id]
		if !ok {
			continue
		}
		n := now[id]
		if n.EntitiesF1 < old.EntitiesF1-Tolerance {
			out = append(out, fmt.Sprintf("%s: entities F1 fell from %.3f to %.3f", id, old.EntitiesF1, n.EntitiesF1))
		}
		if n.RelationsF1 < old.RelationsF1-Tolerance {
			out = append(out, fmt.Sprintf("%s: relations F1 fell from %.3f to %.3f", id, old.RelationsF1, n.RelationsF1))
		}
	}
	return out
}
