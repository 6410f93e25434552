package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/allylint/ally/config"
)

// initIn runs `ally init args...` in dir.
func initIn(t *testing.T, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	t.Chdir(dir)
	var out, errOut bytes.Buffer
	code = runInit(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestInitWritesStarter(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := initIn(t, dir)
	if code != exitOK || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if want := "ally: wrote .ally.yaml, a starter config: every setting with its default, and examples to uncomment.\n"; stdout != want {
		t.Errorf("stdout %q, want %q", stdout, want)
	}
	data, err := os.ReadFile(filepath.Join(dir, ".ally.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, config.Starter()) {
		t.Error("the file written is not the starter config")
	}
	if _, err := config.Load(".ally.yaml"); err != nil {
		t.Errorf("the file written does not load: %v", err)
	}
	if found, err := config.Find("post.md"); err != nil || found != ".ally.yaml" {
		t.Errorf("Find after init = %q, %v", found, err)
	}
}

func TestInitRefusesToOverwrite(t *testing.T) {
	dir := t.TempDir()
	mine := "disable: [jargon]\n"
	if err := os.WriteFile(filepath.Join(dir, ".ally.yaml"), []byte(mine), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := initIn(t, dir)
	if code != exitError || stdout != "" {
		t.Errorf("exit %d, stdout %q; want 2 and nothing", code, stdout)
	}
	if want := "ally init: .ally.yaml already exists; edit it, or use --force to replace it with the starter config\n"; stderr != want {
		t.Errorf("stderr %q, want %q", stderr, want)
	}
	if data, _ := os.ReadFile(".ally.yaml"); string(data) != mine {
		t.Errorf("the existing file was changed: %q", data)
	}

	// --force replaces it.
	var out, errOut bytes.Buffer
	if code := runInit([]string{"--force"}, &out, &errOut); code != exitOK || errOut.Len() != 0 {
		t.Fatalf("--force: exit %d, stderr %q", code, errOut.String())
	}
	if data, _ := os.ReadFile(".ally.yaml"); !bytes.Equal(data, config.Starter()) {
		t.Errorf("--force did not write the starter config: %q", data)
	}
}

func TestInitRefusesBesideYml(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, ".ally.yml"), []byte("fail-on: error\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := initIn(t, dir)
	if code != exitError || !strings.Contains(stderr, ".ally.yml already exists and ally reads it") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(".ally.yaml"); err == nil {
		t.Error(".ally.yaml was written beside .ally.yml")
	}
}

func TestInitPath(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "docs"), 0o755); err != nil {
		t.Fatal(err)
	}
	// A directory gets a .ally.yaml inside it.
	code, stdout, stderr := initIn(t, dir, "--path", "docs")
	if code != exitOK || stderr != "" || !strings.HasPrefix(stdout, "ally: wrote "+filepath.Join("docs", ".ally.yaml")+",") {
		t.Errorf("--path docs: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if _, err := config.Load(filepath.Join("docs", ".ally.yaml")); err != nil {
		t.Error(err)
	}
	// Another name works, with a note that only --config finds it.
	var out, errOut bytes.Buffer
	code = runInit([]string{"--path=team-ally.yaml"}, &out, &errOut)
	if code != exitOK || !strings.Contains(out.String(), "use this one with --config team-ally.yaml") {
		t.Errorf("--path team-ally.yaml: exit %d, stdout %q, stderr %q", code, out.String(), errOut.String())
	}
	if data, err := os.ReadFile("team-ally.yaml"); err != nil || !bytes.Equal(data, config.Starter()) {
		t.Errorf("team-ally.yaml: %v", err)
	}
}

func TestInitErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args []string
		code int
		want string // in stderr
	}{
		{[]string{"extra"}, exitError, `ally init: unexpected argument "extra" (use --path FILE to choose where to write)`},
		{[]string{"--bogus"}, exitError, "flag provided but not defined: -bogus"},
		{[]string{"--path", filepath.Join("no", "such", "dir", ".ally.yaml")}, exitError, "no such file or directory"},
		{[]string{"--help"}, exitOK, "Usage: ally init"},
	}
	for _, tt := range tests {
		code, stdout, stderr := initIn(t, dir, tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.want) || stdout != "" {
			t.Errorf("init %q: exit %d, stdout %q, stderr %q; want exit %d and %q", tt.args, code, stdout, stderr, tt.code, tt.want)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("files written on errors: %v", entries)
	}
}
