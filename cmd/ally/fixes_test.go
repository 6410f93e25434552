package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/allylint/ally/fix"
	"github.com/allylint/ally/lint"
	"github.com/allylint/ally/parsers"
)

// needTool finds a program the test drives for real (git, patch). Where it
// is missing the test is skipped, except under CI=true, where it fails:
// CI must install it.
func needTool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not installed; .ci/run must install it", name)
		}
		t.Skipf("%s is not installed", name)
	}
	return path
}

// copyTree copies files (paths relative to the repository root) into dir,
// keeping their relative paths.
func copyTree(t *testing.T, dir string, files []string) {
	t.Helper()
	for _, f := range files {
		src, err := os.ReadFile(filepath.Join("../..", f))
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(dir, f)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// fixFixtures are the Markdown and text fixtures the round trip runs on:
// the golden files (CRLF, BOM, multi-byte text, code, tables, links) and
// the job posts.
func fixFixtures(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, pattern := range []string{"testdata/golden/*.md", "testdata/golden/*.txt", "testdata/examples/*.md", "testdata/jobposts/*.md", "testdata/jobposts/*.txt"} {
		m, err := filepath.Glob(filepath.Join("../..", pattern))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range m {
			rel, _ := filepath.Rel("../..", f)
			files = append(files, filepath.ToSlash(rel))
		}
	}
	if len(files) < 10 {
		t.Fatalf("found only %d fixtures", len(files))
	}
	return files
}

// runIn runs ally with args in dir and returns its exit status and output.
func runIn(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	code := run(args, nil, &stdout, &stderr, environment{})
	return code, stdout.String(), stderr.String()
}

// TestFixRoundTrip checks, on every fixture, that the diff ally prints
// applies cleanly with the real git apply and patch -p1 and gives exactly
// the bytes that --fix writes.
func TestFixRoundTrip(t *testing.T) {
	git, patch := needTool(t, "git"), needTool(t, "patch")
	files := fixFixtures(t)
	root := t.TempDir()
	dirs := map[string]string{}
	for _, name := range []string{"fixed", "git", "patch", "diff"} {
		dirs[name] = filepath.Join(root, name)
		copyTree(t, dirs[name], files)
	}
	args := append([]string{"lint", "--fix-unsafe", "--fail-on", "none"}, files...)
	code, diff, stderr := runIn(t, dirs["diff"], append([]string{args[0], "--format", "diff"}, args[1:]...)...)
	if code != exitOK {
		t.Fatalf("lint --format diff: exit %d: %s", code, stderr)
	}
	if n := strings.Count(diff, "\n+++ b/"); n < 5 {
		t.Fatalf("the diff changes only %d files; the fixtures should give more:\n%s", n, diff)
	}
	if code, _, stderr := runIn(t, dirs["fixed"], append([]string{args[0], "--fix"}, args[1:]...)...); code != exitOK {
		t.Fatalf("lint --fix: exit %d: %s", code, stderr)
	}
	patchFile := filepath.Join(root, "fixes.diff")
	if err := os.WriteFile(patchFile, []byte(diff), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, cmd := range map[string]*exec.Cmd{
		"git":   exec.Command(git, "apply", "--whitespace=nowarn", patchFile),
		"patch": exec.Command(patch, "-p1", "--batch", "--input", patchFile),
	} {
		cmd.Dir = dirs[name]
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", cmd, err, out)
		}
	}
	for _, f := range files {
		want, err := os.ReadFile(filepath.Join(dirs["fixed"], f))
		if err != nil {
			t.Fatal(err)
		}
		for _, tool := range []string{"git", "patch"} {
			got, err := os.ReadFile(filepath.Join(dirs[tool], f))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s: after %s the file differs from --fix:\n%q\nwant\n%q", f, tool, got, want)
			}
		}
	}
}

// TestFixFile checks --fix on one file byte for byte: line endings, the
// byte order mark, multi-byte text and the file's mode are kept, case is
// carried over, the article before a replaced word agrees, unsafe fixes
// wait for --fix-unsafe, and a second --fix changes nothing.
func TestFixFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "post.md")
	src := "\uFEFF# Chairman’s note\r\n\r\nCafé staff: we need a rockstar and more MANPOWER.\r\nHe or she is welcome – the chairman’s door is open.\r\n"
	if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runIn(t, dir, "lint", "--fix", "--fail-on", "none", "post.md")
	if code != exitOK || !strings.Contains(stderr, "ally: post.md: fixed ") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	got, _ := os.ReadFile(path)
	want := "\uFEFF# Chair’s note\r\n\r\nCafé staff: we need a rockstar and more STAFFING.\r\nHe or she is welcome – the chair’s door is open.\r\n"
	if string(got) != want {
		t.Errorf("after --fix:\n%q\nwant\n%q", got, want)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", info.Mode().Perm())
	}
	// Idempotent: nothing more to do.
	_, _, stderr = runIn(t, dir, "lint", "--fix", "--fail-on", "none", "post.md")
	if again, _ := os.ReadFile(path); string(again) != want || strings.Contains(stderr, "fixed") {
		t.Errorf("a second --fix changed the file or said so: %q, stderr %q", again, stderr)
	}
	// --fix-unsafe also takes the suggestions that need a person.
	runIn(t, dir, "lint", "--fix", "--fix-unsafe", "--profile", "job-post", "--fail-on", "none", "post.md")
	got, _ = os.ReadFile(path)
	if !strings.Contains(string(got), "an expert") || strings.Contains(string(got), "He or she") {
		t.Errorf("after --fix-unsafe: %q", got)
	}
}

func TestFixDryRunAndRefusals(t *testing.T) {
	pdf, err := filepath.Abs("../../testdata/documents/two-column.pdf")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	md := filepath.Join(dir, "a.md")
	if err := os.WriteFile(md, []byte("The chairman spoke.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ := runIn(t, dir, "lint", "--fix", "--dry-run", "a.md")
	want := "--- a/a.md\n+++ b/a.md\n@@ -1 +1 @@\n-The chairman spoke.\n+The chair spoke.\n"
	want = strings.Replace(want, "@@ -1 +1 @@", "@@ -1,1 +1,1 @@", 1)
	if stdout != want {
		t.Errorf("--dry-run printed\n%s\nwant\n%s", stdout, want)
	}
	if got, _ := os.ReadFile(md); string(got) != "The chairman spoke.\n" {
		t.Errorf("--dry-run changed the file: %q", got)
	}
	if code != exitFindings {
		t.Errorf("exit %d, want %d (the finding is still there)", code, exitFindings)
	}

	// A PDF is never rewritten; the diff of its extracted text is
	// labelled as such.
	before, _ := os.ReadFile(pdf)
	_, _, stderr := runIn(t, dir, "lint", "--fix", "--fail-on", "none", pdf)
	if !strings.Contains(stderr, "not fixed: ally does not rewrite PDF files") {
		t.Errorf("stderr %q", stderr)
	}
	if after, _ := os.ReadFile(pdf); !bytes.Equal(before, after) {
		t.Error("the PDF changed")
	}
	_, stdout, _ = runIn(t, dir, "lint", "--format", "diff", "--fail-on", "none", pdf)
	if !strings.HasPrefix(stdout, "--- "+pdf+" (text extracted by ally)\n+++ "+pdf+" (text extracted by ally, fixed; not applied") || !strings.Contains(stdout, "+through a storm. The chair will") {
		t.Errorf("diff of the PDF's text:\n%s", stdout)
	}

	// Usage errors.
	for _, args := range [][]string{
		{"lint", "--dry-run", "a.md"},
		{"lint", "--fix-unsafe", "a.md"},
		{"lint", "--fix", "-"},
	} {
		if code, _, stderr := runIn(t, dir, args...); code != exitError || stderr == "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
	}
}

// isArticle reports whether b is empty or "a" or "an" (any case) and the
// spaces after it: what a fix may take in before its match.
func isArticle(b []byte) bool {
	w := strings.ToLower(strings.TrimRight(string(b), " \t"))
	return len(b) == 0 || (w == "a" || w == "an") && len(w) < len(b)
}

// FuzzFixes builds documents from the fuzzer's bytes around planted terms
// and checks what every fix must do: edits never overlap, each replaces
// one finding's match (and at most the article before it), and every
// byte outside the edits is kept.
func FuzzFixes(f *testing.F) {
	f.Add("The chairman and a rockstar.\r\n\r\nHe or she needs manpower.", uint8(0))
	f.Add("\uFEFF# Chairmen’s *guide*\n\n- an ninja\n- `chairman`\n", uint8(3))
	f.Add("| a | chairman |\n|---|---|\n| manpower | [the chairman](x) |\n", uint8(7))
	l, err := loadRules(ruleOptions{})
	if err != nil {
		f.Fatal(err)
	}
	planted := []string{"chairman", "Chairmen", "manpower", "a rockstar", "an ninja", "he or she is", "whitelist", "in order to", "guys", "CHAIRMAN'S", "salesmen"}
	f.Fuzz(func(t *testing.T, text string, seed uint8) {
		// Put a planted term after every few words so most inputs have
		// something to fix.
		words := strings.Fields(text)
		for i := int(seed) % 3; i < len(words); i += 3 {
			words[i] += " " + planted[(i+int(seed))%len(planted)]
		}
		src := []byte(strings.Join(words, " ") + "\n" + text)
		doc, err := parsers.Markdown{}.Parse(parsers.NewFile("f.md", src))
		if err != nil {
			return
		}
		findings := l.Check(doc, "job-post")
		edits := lint.Fixes(findings, true)
		for i, e := range edits {
			if i > 0 && e.Start < edits[i-1].End {
				t.Fatalf("edits overlap: %+v %+v", edits[i-1], e)
			}
			if !slices.ContainsFunc(findings, func(f lint.Finding) bool {
				return f.Fix != nil && f.End == e.End && e.Start <= f.Start && isArticle(src[e.Start:f.Start])
			}) {
				t.Fatalf("edit %+v replaces no finding's match", e)
			}
		}
		fixed, err := fix.Apply(src, edits)
		if err != nil {
			t.Fatal(err)
		}
		// Walk both texts: outside the edits they are the same bytes.
		at, out := 0, 0
		for _, e := range edits {
			if !bytes.Equal(src[at:e.Start], fixed[out:out+e.Start-at]) {
				t.Fatalf("bytes outside the edits changed")
			}
			out += e.Start - at + len(e.Text)
			at = e.End
		}
		if !bytes.Equal(src[at:], fixed[out:]) {
			t.Fatalf("the tail after the last edit changed")
		}
	})
}
