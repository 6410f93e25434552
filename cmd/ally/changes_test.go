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

func TestBaseline(t *testing.T) {
	dir := t.TempDir()
	write := func(text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("The chairman spoke.\n\nWe need manpower.\n")
	code, _, stderr := runIn(t, dir, "lint", "--write-baseline", "ally-baseline.json", "a.md")
	if !strings.Contains(stderr, "ally: wrote 2 findings to ally-baseline.json") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	// Lines move, a known finding repeats on a new line, one is new.
	write("# Notes\n\nThe chairman spoke.\n\nWe need manpower.\n\nThe chairman spoke.\n\nA salesman called.\n")
	code, stdout, stderr := runIn(t, dir, "lint", "--baseline", "ally-baseline.json", "--format", "json", "a.md")
	if code != exitFindings {
		t.Fatalf("exit %d, stderr %s", code, stderr)
	}
	for _, want := range []string{`"rule": "gender.salesman"`, `"line": 7`} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %s:\n%s", want, stdout)
		}
	}
	if n := strings.Count(stdout, `"rule": "gender.`); n != 2 {
		t.Errorf("%d gender findings reported, want 2 (the second chairman and the salesman):\n%s", n, stdout)
	}
	// Editing the known line makes it new.
	write("The chairman spoke loudly.\n\nWe need manpower.\n")
	_, stdout, _ = runIn(t, dir, "lint", "--baseline", "ally-baseline.json", "--format", "json", "a.md")
	if !strings.Contains(stdout, `"rule": "gender.chairman"`) || strings.Contains(stdout, `"rule": "gender.manpower"`) {
		t.Errorf("after editing the line:\n%s", stdout)
	}
	if err := os.WriteFile(filepath.Join(dir, "bad.json"), []byte("{"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runIn(t, dir, "lint", "--baseline", "bad.json", "a.md"); code != exitError || !strings.Contains(stderr, "not a baseline file") {
		t.Errorf("bad baseline: exit %d, %s", code, stderr)
	}
}

// TestManyFormats writes four reports from one run: annotations on
// standard output, the others to files.
func TestManyFormats(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte("The chairman spoke.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runIn(t, dir, "lint", "--format", "github", "--format", "sarif=out/x.sarif", "--format", "markdown=s.md", "--format", "json=j.json", "a.md")
	if code != exitError || !strings.Contains(stderr, "--format sarif=out/x.sarif: open: no such file or directory") {
		t.Errorf("a missing directory: exit %d, stderr %q", code, stderr)
	}
	if err := os.Mkdir(filepath.Join(dir, "out"), 0o755); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr = runIn(t, dir, "lint", "--format", "github", "--format", "sarif=out/x.sarif", "--format", "markdown=s.md", "--format", "json=j.json", "a.md")
	if code != exitFindings || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if !strings.HasPrefix(stdout, "::warning file=a.md,line=1,col=5,endLine=1,endColumn=13,title=ally%3A gender.chairman::") {
		t.Errorf("annotations:\n%s", stdout)
	}
	for file, want := range map[string]string{"out/x.sarif": `"version": "2.1.0"`, "s.md": "ally: 1 problem", "j.json": `"rule": "gender.chairman"`} {
		data, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil || !strings.Contains(string(data), want) {
			t.Errorf("%s lacks %q (%v):\n%s", file, want, err, data)
		}
	}
	if code, _, stderr := runIn(t, dir, "lint", "--format", "github", "--format", "json", "a.md"); code != exitError || !strings.Contains(stderr, "all write to standard output") {
		t.Errorf("two formats on stdout: exit %d, %q", code, stderr)
	}
}

func TestHTMLReportFormat(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte("# Leave\n\nThe chairman <b>decides</b>.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runIn(t, dir, "lint", "--format", "html", "a.md")
	if code != exitFindings || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	for _, want := range []string{"<!DOCTYPE html>", "gender.chairman", "<mark>chairman</mark>"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if strings.Contains(stdout, "<b>decides</b>") {
		t.Error("document markup reached the report unescaped")
	}
}
