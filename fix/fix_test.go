package fix

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/allylint/ally/lint"
)

func TestApply(t *testing.T) {
	src := []byte("The chairman and the foreman.")
	tests := []struct {
		name  string
		edits []lint.Edit
		want  string
		err   bool
	}{
		{"none", nil, "The chairman and the foreman.", false},
		{"one", []lint.Edit{{Start: 4, End: 12, Text: "chair"}}, "The chair and the foreman.", false},
		{"two", []lint.Edit{{Start: 4, End: 12, Text: "chair"}, {Start: 21, End: 28, Text: "supervisor"}}, "The chair and the supervisor.", false},
		{"at the edges", []lint.Edit{{Start: 0, End: 3, Text: "A"}, {Start: 28, End: 29, Text: "!"}}, "A chairman and the foreman!", false},
		{"insert and delete", []lint.Edit{{Start: 3, End: 3, Text: " new"}, {Start: 12, End: 16, Text: ""}}, "The new chairman the foreman.", false},
		{"overlapping", []lint.Edit{{Start: 4, End: 12, Text: "chair"}, {Start: 10, End: 14, Text: "x"}}, "", true},
		{"unsorted", []lint.Edit{{Start: 21, End: 28, Text: "x"}, {Start: 4, End: 12, Text: "y"}}, "", true},
		{"past the end", []lint.Edit{{Start: 28, End: 40, Text: "x"}}, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Apply(src, tt.edits)
			if (err != nil) != tt.err {
				t.Fatalf("err = %v, want error %v", err, tt.err)
			}
			if err == nil && string(got) != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	if string(src) != "The chairman and the foreman." {
		t.Error("Apply changed its input")
	}
}

func TestDiff(t *testing.T) {
	ten := "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n"
	tests := []struct {
		name     string
		old, new string
		want     string
	}{
		{"equal", "a\n", "a\n", ""},
		{"one line", "a\nthe chairman\nb\n", "a\nthe chair\nb\n",
			"--- a/f.md\n+++ b/f.md\n@@ -1,3 +1,3 @@\n a\n-the chairman\n+the chair\n b\n"},
		{"context is three lines", ten, strings.Replace(ten, "5\n", "five\n", 1),
			"--- a/f.md\n+++ b/f.md\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n"},
		{"far apart: two hunks", ten, strings.Replace(strings.Replace(ten, "1\n", "one\n", 1), "10\n", "ten\n", 1),
			"--- a/f.md\n+++ b/f.md\n@@ -1,4 +1,4 @@\n-1\n+one\n 2\n 3\n 4\n@@ -7,4 +7,4 @@\n 7\n 8\n 9\n-10\n+ten\n"},
		{"close: one hunk", ten, strings.Replace(strings.Replace(ten, "2\n", "two\n", 1), "8\n", "eight\n", 1),
			"--- a/f.md\n+++ b/f.md\n@@ -1,10 +1,10 @@\n 1\n-2\n+two\n 3\n 4\n 5\n 6\n 7\n-8\n+eight\n 9\n 10\n"},
		{"no newline at the end", "a\nchairman", "a\nchair",
			"--- a/f.md\n+++ b/f.md\n@@ -1,2 +1,2 @@\n a\n-chairman\n\\ No newline at end of file\n+chair\n\\ No newline at end of file\n"},
		{"CRLF kept", "a\r\nchairman\r\n", "a\r\nchair\r\n",
			"--- a/f.md\n+++ b/f.md\n@@ -1,2 +1,2 @@\n a\r\n-chairman\r\n+chair\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := Diff(&b, "f.md", []byte(tt.old), []byte(tt.new)); err != nil {
				t.Fatal(err)
			}
			if b.String() != tt.want {
				t.Errorf("got\n%s\nwant\n%s", b.String(), tt.want)
			}
		})
	}
}

func TestWriteFileKeepsModeAndReplacesAtomically(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "policy.md")
	if err := os.WriteFile(path, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, []byte("new")); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil || string(got) != "new" {
		t.Fatalf("read %q, %v", got, err)
	}
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640", info.Mode().Perm())
	}
	// No temporary file is left behind.
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("directory holds %d entries, want 1", len(entries))
	}
	if err := WriteFile(filepath.Join(dir, "missing.md"), []byte("x")); err == nil {
		t.Error("writing over a file that does not exist succeeded")
	}
}

func TestUnchanged(t *testing.T) {
	src := []byte("chair and chairman")
	if !Unchanged(src, []lint.Edit{{Start: 0, End: 5, Text: "chair"}}) {
		t.Error("an edit to the same text counted as a change")
	}
	if Unchanged(src, []lint.Edit{{Start: 0, End: 5, Text: "chair"}, {Start: 10, End: 18, Text: "chair"}}) {
		t.Error("a real edit counted as no change")
	}
}
