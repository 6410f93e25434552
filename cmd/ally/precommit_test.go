package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/allylint/ally/parsers"
)

// preCommitHook is one hook of .pre-commit-hooks.yaml; unknown keys are
// an error, so a misspelt one is not silently ignored.
type preCommitHook struct {
	ID                      string `yaml:"id"`
	Name                    string
	Description             string
	Entry                   string
	Language                string
	Files                   string
	RequireSerial           bool   `yaml:"require_serial"`
	MinimumPreCommitVersion string `yaml:"minimum_pre_commit_version"`
}

// TestPreCommitHook checks the hook pre-commit users install: its entry is
// the binary `go install ./...` builds plus an ally subcommand that lints
// the files pre-commit passes, and its file pattern selects exactly the
// extensions ally reads.
func TestPreCommitHook(t *testing.T) {
	data, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var hooks []preCommitHook
	if err := dec.Decode(&hooks); err != nil {
		t.Fatalf(".pre-commit-hooks.yaml: %v", err)
	}
	if len(hooks) != 1 || hooks[0].ID != "ally" {
		t.Fatalf("hooks = %+v, want one with id ally", hooks)
	}
	h := hooks[0]
	if h.Name == "" || h.Language != "golang" || h.MinimumPreCommitVersion == "" {
		t.Errorf("hook %+v needs a name, language golang and minimum_pre_commit_version", h)
	}

	// language: golang runs `go install ./...`, which names each binary
	// after its package directory: the entry's program must be one of them.
	entry := strings.Fields(h.Entry)
	if len(entry) < 2 || entry[0] != "ally" {
		t.Fatalf("entry %q, want ally and a subcommand", h.Entry)
	}
	if _, err := os.Stat(filepath.Join("..", entry[0], "main.go")); err != nil {
		t.Errorf("entry runs %q, but there is no cmd/%s package: %v", entry[0], entry[0], err)
	}
	// pre-commit runs the entry with the staged files appended.
	dir := t.TempDir()
	clean, flagged := filepath.Join(dir, "clean.md"), filepath.Join(dir, "flagged.md")
	actionWriteFiles(t, dir, map[string]string{
		"clean.md":   "The chair opens each meeting.\n",
		"flagged.md": "The chairman opens each meeting.\n",
	})
	for _, tc := range []struct {
		files []string
		want  int
	}{{[]string{clean}, exitOK}, {[]string{clean, flagged}, exitFindings}} {
		var stdout, stderr bytes.Buffer
		args := append(append([]string{}, entry[1:]...), tc.files...)
		if code := run(args, nil, &stdout, &stderr, environment{}); code != tc.want {
			t.Errorf("ally %s exited %d, want %d\n%s%s", strings.Join(args, " "), code, tc.want, stdout.String(), stderr.String())
		}
	}

	// pre-commit matches files with Python's re.search; this pattern is in
	// the common subset of Python and Go syntax.
	files, err := regexp.Compile(h.Files)
	if err != nil {
		t.Fatalf("files %q: %v", h.Files, err)
	}
	for _, name := range []string{
		"post.md", "docs/Handbook.MD", "a.markdown", "page.mdx", "notes.txt", "notes.text",
		"site/index.html", "old.htm", "x.xhtml", "handbook.pdf", "Policy.PDF", "offer.docx",
		"main.go", "go.mod", "rules.yaml", "old.doc", "letter.rtf", "README", "md", "a.md.bak",
		"dir.md/file.go", "notes.txt~", "post.mdown",
	} {
		_, reads := parsers.ForPath(name)
		if got := files.MatchString(name); got != reads {
			t.Errorf("files pattern matches %s: %v, but ally reads it: %v", name, got, reads)
		}
	}
}
