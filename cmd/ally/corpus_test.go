package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// lintTree lints a testdata tree with the built-in rules and returns every
// finding as "path:line: rule (category) match".
func lintTree(t *testing.T, dir string) (findings []string, categories []string) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no Markdown files in %s (err %v)", dir, err)
	}
	code, out, errOut := cli(t, "", "lint", "--format", "json", "--fail-on", "none", dir)
	if code != exitOK || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	var rep struct {
		Files []struct {
			Path     string
			Findings []struct {
				Rule, Category, Match string
				Start                 struct{ Line int }
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Files {
		for _, fd := range f.Findings {
			findings = append(findings, fmt.Sprintf("%s:%d: %s (%s) %q", f.Path, fd.Start.Line, fd.Rule, fd.Category, fd.Match))
			categories = append(categories, fd.Category)
		}
	}
	return findings, categories
}

// TestCleanCorpus lints testdata/clean, over 20,000 words of careful,
// neutral job posts and policies written for this test: the built-in rules
// must find nothing exclusionary in it.
func TestCleanCorpus(t *testing.T) {
	findings, cats := lintTree(t, "../../testdata/clean")
	for i, c := range cats {
		if strings.HasPrefix(c, "exclusionary") {
			t.Errorf("exclusionary finding in clean prose: %s", findings[i])
		}
	}
	words := 0
	files, _ := filepath.Glob("../../testdata/clean/*.md")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		words += len(strings.Fields(string(b)))
	}
	if words < 20000 {
		t.Errorf("testdata/clean has %d words; keep it above 20,000 so the test means something", words)
	}
}

// TestTrapCorpus lints testdata/traps, text full of what naive linters flag
// by mistake (manual, Manchester, master's degree, Black History Month, a
// named man called "he", code and URLs): the built-in rules must find
// nothing in it. Judgements on the shape of the prose (reading grade, long
// or passive sentences) are not traps and are left out.
func TestTrapCorpus(t *testing.T) {
	findings, _ := lintTree(t, "../../testdata/traps")
	for _, f := range findings {
		if isShapeJudgement(f) {
			continue
		}
		t.Errorf("finding in the trap corpus: %s", f)
	}
}

func isShapeJudgement(finding string) bool {
	for _, id := range []string{"plain-language.reading-grade", "plain-language.passive-heavy", "plain-language.long-sentence"} {
		if strings.Contains(finding, ": "+id+" (") {
			return true
		}
	}
	return false
}

// TestProfilesOfCleanCorpus checks profile detection on realistic
// documents: every job-*.md in testdata/clean is a job post and every
// policy-*.md a policy.
func TestProfilesOfCleanCorpus(t *testing.T) {
	code, out, errOut := cli(t, "", "lint", "--format", "json", "--fail-on", "none", "../../testdata/clean")
	if code != exitOK || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	var rep struct {
		Files []struct{ Path, Profile string }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Files {
		want := "general"
		switch base := filepath.Base(f.Path); {
		case strings.HasPrefix(base, "job-"):
			want = "job-post"
		case strings.HasPrefix(base, "policy-"):
			want = "policy"
		}
		if f.Profile != want {
			t.Errorf("%s: profile %s, want %s", f.Path, f.Profile, want)
		}
	}
}
