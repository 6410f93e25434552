package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestConfigFile lints a small repository whose .ally.yaml disables a
// rule, changes a severity, sets a limit, makes jobs/ job posts, ignores
// a directory and sets fail-on; flags still win.
func TestConfigFile(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		".git/HEAD": "ref: refs/heads/main\n",
		".ally.yaml": `disable: [wordy]
severity:
  gender.chairman: error
fail-on: error
ignore: [archive/**]
overrides:
  - paths: [jobs/**]
    profile: job-post
    severity:
      gender.chairman: info
`,
		"docs/policy.md":   "The chairman decides in order to be fair.\n",
		"jobs/driver.md":   "The chairman hires a driver.\n",
		"archive/old.md":   "The chairman of old.\n",
		"docs/sub/deep.md": "Plenty of manpower.\n",
	}
	for name, text := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, stdout, stderr := runIn(t, dir, "lint", "docs", "jobs", "archive")
	if code != exitFindings {
		t.Fatalf("exit %d (fail-on error and a chairman at error), stderr %s", code, stderr)
	}
	for _, want := range []string{
		"docs/policy.md:1:5: error: “chairman”",      // severity override
		"jobs/driver.md:1:5: info: “chairman”",       // the override wins for jobs/
		"jobs/driver.md: job-post ·",                 // profile from the override
		"docs/sub/deep.md:1:11: warning: “manpower”", // the config governs subdirectories
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	for _, unwanted := range []string{"[wordy.in-order-to]", "archive/old.md"} {
		if strings.Contains(stdout, unwanted) {
			t.Errorf("output has %q (disabled or ignored):\n%s", unwanted, stdout)
		}
	}
	// A file named on the command line is linted even when ignored.
	if _, stdout, _ := runIn(t, dir, "lint", "archive/old.md"); !strings.Contains(stdout, "archive/old.md:1:5") {
		t.Errorf("an ignored file named explicitly was not linted:\n%s", stdout)
	}
	// Flags win: --fail-on none, --profile general; --no-config drops it all.
	if code, stdout, _ := runIn(t, dir, "lint", "--fail-on", "none", "--profile", "general", "jobs"); code != exitOK || !strings.Contains(stdout, "jobs/driver.md: general ·") {
		t.Errorf("flags over config: exit %d\n%s", code, stdout)
	}
	if _, stdout, _ := runIn(t, dir, "lint", "--no-config", "docs"); !strings.Contains(stdout, "docs/policy.md:1:5: warning: “chairman”") || !strings.Contains(stdout, "[wordy.in-order-to]") {
		t.Errorf("--no-config:\n%s", stdout)
	}
	// A broken config is a configuration error, with file and line.
	if err := os.WriteFile(filepath.Join(dir, "bad.yaml"), []byte("disable: [gender.chairmen]\nfail-on: sometimes\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runIn(t, dir, "lint", "--config", "bad.yaml", "docs")
	if code != exitError || !strings.Contains(stderr, "bad.yaml:2:") {
		t.Errorf("bad config: exit %d, stderr %s", code, stderr)
	}
}

// TestInitThenLint writes the starter config and lints with it.
func TestInitThenLint(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := runIn(t, dir, "init"); code != exitOK {
		t.Fatalf("init: exit %d, %s", code, stderr)
	}
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte("The chairman spoke.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, stdout, stderr := runIn(t, dir, "lint", "a.md"); code != exitFindings || !strings.Contains(stdout, "“chairman”") {
		t.Errorf("lint with the starter config: exit %d\n%s\n%s", code, stdout, stderr)
	}
	if code, _, _ := runIn(t, dir, "init"); code != exitError {
		t.Errorf("a second init overwrote the file: exit %d", code)
	}
}
