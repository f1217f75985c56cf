package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestFlagsFirst(t *testing.T) {
	app := newApp(nil, nil, nil)
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"flags already first", "build --db x d/", "build --db x d/"},
		{"value flag after the files", "build d/ e/ --db x", "build --db x d/ e/"},
		{"bool flag after a file", "build d/ -q e/", "build -q d/ e/"},
		{"name=value", "build d/ --db=x", "build --db=x d/"},
		{"repeated flag", "build d/ --rules a --rules b", "build --rules a --rules b d/"},
		{"global flag first", "--cpuprofile p build d/ --jobs 2", "--cpuprofile p build --jobs 2 d/"},
		{"subcommand", "rules show zh/stance/welcome --rules p", "rules show --rules p zh/stance/welcome"},
		{"dashes end the flags", "extract a -- --b -q", "extract -- a --b -q"},
		{"standard input", "extract - --format jsonl", "extract --format jsonl -"},
		{"unknown flag moves too", "build d/ --nope", "build --nope d/"},
		{"value flag last, its value missing: left alone", "build d/ --db", "build d/ --db"},
		{"unknown command left alone", "bogus x --db y", "bogus x --db y"},
		{"no command", "--help", "--help"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := flagsFirst(app, append([]string{"accord"}, strings.Fields(tt.in)...))
			want := append([]string{"accord"}, strings.Fields(tt.want)...)
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("flagsFirst(%q) (-want +got):\n%s", tt.in, d)
			}
		})
	}
}

// TestFlagsAfterFiles runs a build whose --db comes after the folder, as
// users write it: before flagsFirst it failed with "stat --db".
func TestFlagsAfterFiles(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	code, out, errs := accord(t, "", "build", dataset, "-q", "--db", db)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if _, err := os.Stat(db); err != nil {
		t.Fatalf("no store at --db: %v (stdout %q)", err, out)
	}
	if _, err := os.Stat("accord.db"); err == nil {
		t.Error("the build wrote ./accord.db, the default, not --db")
	}
}
