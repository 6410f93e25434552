package changes

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/allylint/ally/lint"
	"github.com/allylint/ally/parsers"
	"github.com/allylint/ally/rules"
)

// summary lists a set's files (relative to base) with their changed lines.
func summary(s *Set, base string) string {
	var out []string
	for path, f := range s.files {
		rel, _ := filepath.Rel(base, path)
		var lines []int
		for l := range f.Lines {
			lines = append(lines, l)
		}
		slices.Sort(lines)
		out = append(out, fmt.Sprintf("%s new=%v whole=%v %v", filepath.ToSlash(rel), f.New, f.Whole, lines))
	}
	slices.Sort(out)
	return strings.Join(out, "; ")
}

func TestParse(t *testing.T) {
	base := t.TempDir()
	tests := []struct {
		name, diff, want string
	}{
		{"git, zero context", `diff --git a/docs/p.md b/docs/p.md
index 1..2 100644
--- a/docs/p.md
+++ b/docs/p.md
@@ -3,0 +4,2 @@ heading
+new line four
+new line five
@@ -9 +11 @@
-old
+changed eleven
`, "docs/p.md new=false whole=false [4 5 11]"},
		{"diff -u with context and timestamps", "--- p.txt\t2026-01-01 10:00:00\n+++ p.txt\t2026-01-02 10:00:00\n@@ -1,4 +1,4 @@\n one\n-two\n+TWO\n three\n four\n", "p.txt new=false whole=false [2]"},
		{"new file", "diff --git a/n.md b/n.md\nnew file mode 100644\n--- /dev/null\n+++ b/n.md\n@@ -0,0 +1,2 @@\n+a\n+b\n", "n.md new=true whole=false [1 2]"},
		{"deleted file", "diff --git a/d.md b/d.md\ndeleted file mode 100644\n--- a/d.md\n+++ /dev/null\n@@ -1 +0,0 @@\n-gone\n", ""},
		{"binary", "diff --git a/h.pdf b/h.pdf\nindex 1..2 100644\nBinary files a/h.pdf and b/h.pdf differ\n", "h.pdf new=false whole=true []"},
		{"removed lines that look like headers", "--- a/m.md\n+++ b/m.md\n@@ -1,3 +1,2 @@\n--- front matter\n-+++ x\n+kept\n stay\n", "m.md new=false whole=false [1]"},
		{"no newline marker", "--- a/e.md\n+++ b/e.md\n@@ -1 +1 @@\n-x\n\\ No newline at end of file\n+y\n\\ No newline at end of file\n", "e.md new=false whole=false [1]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse(strings.NewReader(tt.diff), base)
			if err != nil {
				t.Fatal(err)
			}
			if got := summary(s, base); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
	if _, err := Parse(strings.NewReader("--- a\n+++ b\n@@ -x +1 @@\n"), base); err == nil || !strings.Contains(err.Error(), "line 3: malformed hunk header") {
		t.Errorf("bad hunk header: %v", err)
	}
}

func TestFilter(t *testing.T) {
	base := t.TempDir()
	s, err := Parse(strings.NewReader("--- a/p.md\n+++ b/p.md\n@@ -2 +2 @@\n-x\n+chairman\n"), base)
	if err != nil {
		t.Fatal(err)
	}
	src := []byte("the chairman\nthe chairman\nthe chair\nman\n")
	file := parsers.NewFile("p.md", src)
	r := &rules.Rule{ID: "r"}
	fs := []lint.Finding{
		{Rule: r, Start: 4, End: 12},  // line 1: unchanged
		{Rule: r, Start: 17, End: 25}, // line 2: changed
		{Rule: r, Start: 30, End: 39}, // lines 3-4: unchanged
		{Rule: r, Document: true},
	}
	path := filepath.Join(base, "p.md")
	got := s.Filter(path, file, fs, false)
	if len(got) != 1 || got[0].Start != 17 {
		t.Errorf("kept %+v, want only the finding on line 2", got)
	}
	if got := s.Filter(path, file, fs, true); len(got) != 2 || !got[1].Document {
		t.Errorf("with document findings: %+v", got)
	}
	if got := s.Filter(filepath.Join(base, "other.md"), file, fs, true); len(got) != 0 {
		t.Errorf("a file the change did not touch kept %+v", got)
	}
	// A finding spanning a changed line is kept.
	s2, _ := Parse(strings.NewReader("--- a/p.md\n+++ b/p.md\n@@ -4 +4 @@\n-x\n+man\n"), base)
	if got := s2.Filter(path, file, fs, false); len(got) != 1 || got[0].Start != 30 {
		t.Errorf("spanning finding: %+v", got)
	}
}

// TestFromGit uses the real git in a temporary repository.
func TestFromGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("git is not installed")
		}
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_GLOBAL=/dev/null")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	write := func(name, text string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run("init", "-q", "-b", "main")
	write("docs/p.md", "one\ntwo\nthree\n")
	run("add", ".")
	run("commit", "-qm", "base")
	base := run("rev-parse", "HEAD")
	write("docs/p.md", "one\nTWO\nthree\nfour\n")
	write("docs/new.md", "fresh\n")
	run("add", ".")
	run("commit", "-qm", "head")

	s, err := FromGit(filepath.Join(dir, "docs"), base)
	if err != nil {
		t.Fatal(err)
	}
	root, _ := filepath.EvalSymlinks(dir)
	if got, want := summary(s, root), "docs/new.md new=true whole=false [1]; docs/p.md new=false whole=false [2 4]"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if _, err := FromGit(dir, "no-such-branch"); err == nil || !strings.Contains(err.Error(), "no such commit, branch or tag") {
		t.Errorf("unknown ref: %v", err)
	}
	if _, err := FromGit(t.TempDir(), "HEAD"); err == nil || !strings.Contains(err.Error(), "needs a git repository") {
		t.Errorf("outside a repository: %v", err)
	}
}
