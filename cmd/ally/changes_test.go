package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// gitRepo makes a repository in a temporary directory with the real git:
// a base commit, then a head commit. It returns the directory and the
// base commit's hash.
func gitRepo(t *testing.T, base, head map[string]string) (dir, baseSHA string) {
	t.Helper()
	needTool(t, "git")
	dir = t.TempDir()
	git := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com",
			"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_GLOBAL=/dev/null")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	commit := func(files map[string]string, msg string) {
		for name, text := range files {
			path := filepath.Join(dir, name)
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		git("add", ".")
		git("commit", "-qm", msg)
	}
	git("init", "-q", "-b", "main")
	commit(base, "base")
	baseSHA = git("rev-parse", "HEAD")
	commit(head, "head")
	return dir, baseSHA
}

func TestDiffBase(t *testing.T) {
	dir, base := gitRepo(t,
		map[string]string{"docs/policy.md": "# Policy\n\nThe chairman signs it.\n"},
		map[string]string{
			"docs/policy.md": "# Policy\n\nThe chairman signs it.\nPlan the manpower.\n",
			"jobs/post.md":   "# Driver\n\n## Requirements\n\n- A licence\n\n## How to apply\n\nApply now. The chairman will call.\n",
		})
	code, stdout, stderr := runIn(t, dir, "lint", "--diff-base", base, "--format", "json", "docs", "jobs")
	if code != exitFindings {
		t.Fatalf("exit %d, stderr %s", code, stderr)
	}
	// The old chairman line is not reported; the new manpower line is;
	// the new file is reported whole, with its document findings.
	for _, want := range []string{`"rule": "gender.manpower"`, `"path": "jobs/post.md"`, `"rule": "job-post.pay-range"`} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %s:\n%s", want, stdout)
		}
	}
	if n := strings.Count(stdout, `"rule": "gender.chairman"`); n != 1 {
		t.Errorf("chairman reported %d times, want once (in the new file only)", n)
	}

	// Errors: an unknown ref, and a directory that is no repository.
	if code, _, stderr := runIn(t, dir, "lint", "--diff-base", "no-such-ref", "docs"); code != exitError || !strings.Contains(stderr, "no such commit, branch or tag") {
		t.Errorf("unknown ref: exit %d, %s", code, stderr)
	}
	plain := t.TempDir()
	if err := os.WriteFile(filepath.Join(plain, "a.md"), []byte("x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runIn(t, plain, "lint", "--diff-base", "HEAD", "a.md"); code != exitError || !strings.Contains(stderr, "needs a git repository") {
		t.Errorf("outside a repository: exit %d, %s", code, stderr)
	}
}

func TestDiffFileAndDocFindings(t *testing.T) {
	dir := t.TempDir()
	post := "# Driver\n\n## Requirements\n\n- A licence\n\n## How to apply\n\nApply now. The chairman will call.\n"
	if err := os.WriteFile(filepath.Join(dir, "post.md"), []byte(post), 0o644); err != nil {
		t.Fatal(err)
	}
	patch := "--- a/post.md\n+++ b/post.md\n@@ -9 +9 @@\n-Apply now.\n+Apply now. The chairman will call.\n"
	if err := os.WriteFile(filepath.Join(dir, "p.diff"), []byte(patch), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stdout, stderr := runIn(t, dir, "lint", "--diff-file", "p.diff", "--format", "json", "post.md")
	if !strings.Contains(stdout, `"rule": "gender.chairman"`) || strings.Contains(stdout, "job-post.pay-range") {
		t.Errorf("--diff-file: want the chairman line only (not new: no document findings):\n%s\n%s", stdout, stderr)
	}
	_, stdout, _ = runIn(t, dir, "lint", "--diff-file", "p.diff", "--diff-doc-findings", "--format", "json", "post.md")
	if !strings.Contains(stdout, "job-post.pay-range") {
		t.Errorf("--diff-doc-findings: document findings missing:\n%s", stdout)
	}
	if code, _, _ := runIn(t, dir, "lint", "--diff-doc-findings", "post.md"); code != exitError {
		t.Errorf("--diff-doc-findings alone: exit %d", code)
	}
}

func TestInlineSuppressions(t *testing.T) {
	dir := t.TempDir()
	md := "<!-- ally-disable-next-line gender.chairman -->\nThe chairman spoke.\nThe chairman left.\n<!-- ally-disable-next-line age -->\nPlain words.\n"
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte(md), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stdout, _ := runIn(t, dir, "lint", "--fail-on", "none", "a.md")
	for _, want := range []string{"a.md:3:5: warning: “chairman”", "a.md:4:1: info: This suppression suppresses nothing; remove it. [ally.unused-suppression]"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, "a.md:2:") {
		t.Errorf("the suppressed line was reported:\n%s", stdout)
	}
}
