package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fixRules are the rules most `ally fix` tests run with, so their
// transcripts do not change with the built-in rules' wording.
const fixRules = `rules:
  - id: acme.chairman
    category: exclusionary.gender
    severity: warning
    message: Say “chair”, not “{match}”.
    why: The role has no gender.
    terms: [chairman]
    suggest: [chair, chairperson]
    fix: safe
    examples:
      flag: [Ask the chairman.]
      pass: [Ask the chair.]
  - id: acme.ninja
    category: job-post.jargon
    severity: info
    message: “{match}” is hype.
    why: It says nothing about the job.
    terms: [ninja]
    suggest: [expert, specialist]
    examples:
      flag: [We want a ninja.]
      pass: [We want an expert.]
`

// fixCLI writes the rules above to dir and runs `ally fix -i` with them on
// the paths, answering with stdin.
func fixCLI(t *testing.T, dir, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	rulesFile := filepath.Join(dir, "fix-rules.yaml")
	if err := os.WriteFile(rulesFile, []byte(fixRules), 0o644); err != nil {
		t.Fatal(err)
	}
	return cli(t, stdin, append([]string{"fix", "-i", "--no-default-rules", "--rules", rulesFile}, args...)...)
}

// wantFile fails the test unless the file at path holds exactly want.
func wantFile(t *testing.T, path, want string) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("%s holds\n%q\nwant\n%q", filepath.Base(path), got, want)
	}
}

func wantCode(t *testing.T, code, want int, stdout, stderr string) {
	t.Helper()
	if code != want {
		t.Errorf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", code, want, stdout, stderr)
	}
}

func wantIn(t *testing.T, name, output string, subs ...string) {
	t.Helper()
	for _, s := range subs {
		if !strings.Contains(output, s) {
			t.Errorf("%s lacks %q:\n%s", name, s, output)
		}
	}
}

func TestFixBuiltinRules(t *testing.T) {
	const post = "# Shift lead\n\nThe chairman needs a rockstar to add manpower.\n"
	tests := []struct {
		answers, want string
		edits         []string
		written       string
	}{
		{"1\n1\ns\n", "# Shift lead\n\nThe chair needs an expert to add manpower.\n",
			[]string{"“chairman” → “chair”", "“a rockstar” → “an expert”"}, "2 changes written"},
		{"2\n2\n3\n", "# Shift lead\n\nThe chairperson needs a specialist to add staff.\n",
			[]string{"“chairman” → “chairperson”", "“rockstar” → “specialist”", "“manpower” → “staff”"}, "3 changes written"},
		{"s\ns\ns\n", post, nil, "post.md: no changes"},
	}
	for _, tc := range tests {
		t.Run(strings.ReplaceAll(tc.answers, "\n", ","), func(t *testing.T) {
			dir := writeFiles(t, map[string]string{"post.md": post})
			path := filepath.Join(dir, "post.md")
			code, out, errOut := cli(t, tc.answers, "fix", "-i", "--profile", "job-post", path)
			wantCode(t, code, exitOK, out, errOut)
			wantFile(t, path, tc.want)
			wantIn(t, "stdout", out, append(tc.edits,
				path+": 3 findings to review\n",
				path+":3:5: warning: ",
				"[gender.chairman]\n    3 | The chairman needs a rockstar to add manpower.\n      |     ^^^^^^^^\n",
				// chairman and manpower have safe fixes: Enter takes the
				// first suggestion; rockstar's needs a person.
				"      1) chair (default)  2) chairperson\n      s) skip  e) edit (type your own words)  q) quit and save  x) exit without saving\n> ",
				path+":3:22: warning: ",
				"[gender-coded.masculine.rockstar]\n    3 | The chairman needs a rockstar to add manpower.\n      |                      ^^^^^^^^\n      1) expert  2) specialist\n",
				path+":3:38: warning: ",
				"[gender.manpower]\n",
				"      1) staffing (default)  2) workforce  3) staff\n",
				tc.written)...)
			// Document findings (no pay range, ...) are not asked about.
			if strings.Contains(out, "job-post.pay-range") {
				t.Errorf("a document finding was offered:\n%s", out)
			}
		})
	}
}

func TestFixTranscript(t *testing.T) {
	dir := writeFiles(t, map[string]string{"post.md": "Ask the chairman.\nWe want a ninja.\n"})
	path := filepath.Join(dir, "post.md")
	// Enter takes the safe fix's first suggestion; e with an empty line
	// goes back to the menu; then typed words, with "a" put right.
	code, out, errOut := fixCLI(t, dir, "\ne\n\ne\nengineer\n", path)
	wantCode(t, code, exitOK, out, errOut)
	wantFile(t, path, "Ask the chair.\nWe want an engineer.\n")
	want := path + `: 2 findings to review

` + path + `:1:9: warning: Say “chair”, not “chairman”. [acme.chairman]
    1 | Ask the chairman.
      |         ^^^^^^^^
      1) chair (default)  2) chairperson
      s) skip  e) edit (type your own words)  q) quit and save  x) exit without saving
>       “chairman” → “chair”

` + path + `:2:11: info: “ninja” is hype. [acme.ninja]
    2 | We want a ninja.
      |           ^^^^^
      1) expert  2) specialist
      s) skip (default)  e) edit (type your own words)  q) quit and save  x) exit without saving
> replace “ninja” with: > replace “ninja” with:       “a ninja” → “an engineer”
` + path + `: 2 changes written
`
	if out != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", out, want)
	}
	if errOut != "" {
		t.Errorf("stderr: %s", errOut)
	}
}

func TestFixAnswers(t *testing.T) {
	const text = "Ask the chairman.\nWe want a ninja.\n"
	tests := []struct {
		name, answers, want string
		inOut, notInOut     []string
	}{
		{"enter: safe takes the default, unsafe skips", "\n\n", "Ask the chair.\nWe want a ninja.\n",
			[]string{"“chairman” → “chair”", "post.md: 1 change written"}, []string{"“ninja” →"}},
		{"invalid answers, then a valid one", "7\nfoo\n0\n2\ns\n", "Ask the chairperson.\nWe want a ninja.\n",
			[]string{"without saving\n>       please answer 1-2, s, e, q or x\n>       please answer 1-2, s, e, q or x\n>       please answer 1-2, s, e, q or x\n>       “chairman” → “chairperson”"}, nil},
		{"answers are trimmed and case-blind", "  2 \r\nS\n", "Ask the chairperson.\nWe want a ninja.\n",
			[]string{"post.md: 1 change written"}, []string{"please answer"}},
		{"x leaves the file as it was", "1\nx\n", text,
			[]string{"post.md: stopped; 1 change discarded, the file is unchanged\n"}, []string{"written"}},
		{"end of input saves the earlier choices", "2\n", "Ask the chairperson.\nWe want a ninja.\n",
			[]string{"> \nend of input: saving the changes chosen so far and stopping\n", "post.md: 1 change written\n"}, nil},
		{"end of input inside e", "1\ne\n", "Ask the chair.\nWe want a ninja.\n",
			[]string{"replace “ninja” with: \nend of input", "post.md: 1 change written\n"}, nil},
		{"a last answer with no newline counts", "1\n2", "Ask the chair.\nWe want a specialist.\n",
			[]string{">       “ninja” → “specialist”\n", "post.md: 2 changes written\n"}, []string{"end of input"}},
		{"no input at all", "", text,
			[]string{"end of input", "post.md: no changes\n"}, []string{"written"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{"post.md": text})
			path := filepath.Join(dir, "post.md")
			before, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			code, out, errOut := fixCLI(t, dir, tc.answers, path)
			wantCode(t, code, exitOK, out, errOut)
			wantFile(t, path, tc.want)
			wantIn(t, "stdout", out, tc.inOut...)
			for _, s := range tc.notInOut {
				if strings.Contains(out, s) {
					t.Errorf("stdout has %q:\n%s", s, out)
				}
			}
			if tc.want == text {
				// Unchanged means not rewritten at all.
				after, err := os.Stat(path)
				if err != nil {
					t.Fatal(err)
				}
				if !os.SameFile(before, after) {
					t.Errorf("the file was replaced although nothing changed")
				}
			}
		})
	}
}

func TestFixStopsBeforeTheNextFile(t *testing.T) {
	const text = "Ask the chairman.\nWe want a ninja.\n"
	for _, tc := range []struct {
		answers, wantA, note string
	}{
		{"1\nq\n", "Ask the chair.\nWe want a ninja.\n", "a.md: 1 change written\n"},
		{"1\nx\n", text, "a.md: stopped; 1 change discarded"},
		{"1\n", "Ask the chair.\nWe want a ninja.\n", "end of input"},
	} {
		t.Run(strings.ReplaceAll(tc.answers, "\n", ","), func(t *testing.T) {
			dir := writeFiles(t, map[string]string{"docs/a.md": text, "docs/b.txt": text})
			code, out, errOut := fixCLI(t, dir, tc.answers, filepath.Join(dir, "docs"))
			wantCode(t, code, exitOK, out, errOut)
			wantFile(t, filepath.Join(dir, "docs", "a.md"), tc.wantA)
			wantFile(t, filepath.Join(dir, "docs", "b.txt"), text)
			wantIn(t, "stdout", out, tc.note)
			if strings.Contains(out, "b.txt") {
				t.Errorf("b.txt was reviewed after stopping:\n%s", out)
			}
		})
	}

	// Without stopping, both files are reviewed in path order.
	dir := writeFiles(t, map[string]string{"docs/a.md": text, "docs/b.txt": text})
	code, out, errOut := fixCLI(t, dir, "1\ns\ns\n2\n", filepath.Join(dir, "docs"))
	wantCode(t, code, exitOK, out, errOut)
	wantFile(t, filepath.Join(dir, "docs", "a.md"), "Ask the chair.\nWe want a ninja.\n")
	wantFile(t, filepath.Join(dir, "docs", "b.txt"), "Ask the chairman.\nWe want a specialist.\n")
	if a, b := strings.Index(out, "a.md: 1 change written"), strings.Index(out, "b.txt: 2 findings to review"); a < 0 || b < a {
		t.Errorf("want a.md written, then b.txt reviewed:\n%s", out)
	}
}

func TestFixKeepsBytesAndMode(t *testing.T) {
	tests := []struct {
		name, text, answers, want string
		mode                      os.FileMode
		inOut                     []string
	}{
		{"crlf", "Ask the chairman.\r\nWe want a ninja.\r\n", "1\n1\n", "Ask the chair.\r\nWe want an expert.\r\n", 0o644,
			[]string{"    1 | Ask the chairman.\n", "    2 | We want a ninja.\n"}},
		{"bom and an article at the start", "\uFEFFA ninja chairman.\n", "1\n1\n", "\uFEFFAn expert chair.\n", 0o644,
			[]string{"post.md:1:3: info: ", "    1 | A ninja chairman.\n      |   ^^^^^\n", "“A ninja” → “An expert”"}},
		{"mode 0600", "Ask the chairman.\n", "2\n", "Ask the chairperson.\n", 0o600, nil},
		{"mode 0751", "Ask the chairman.\n", "2\n", "Ask the chairperson.\n", 0o751, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "post.md")
			if err := os.WriteFile(path, []byte(tc.text), tc.mode); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(path, tc.mode); err != nil { // whatever the umask
				t.Fatal(err)
			}
			code, out, errOut := fixCLI(t, dir, tc.answers, path)
			wantCode(t, code, exitOK, out, errOut)
			wantFile(t, path, tc.want)
			wantIn(t, "stdout", out, tc.inOut...)
			info, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if info.Mode().Perm() != tc.mode {
				t.Errorf("mode %v, want %v", info.Mode().Perm(), tc.mode)
			}
			// No temporary file is left behind.
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				if e.Name() != "post.md" && e.Name() != "fix-rules.yaml" {
					t.Errorf("left behind: %s", e.Name())
				}
			}
		})
	}
}

func TestFixOverlaps(t *testing.T) {
	const overlapRules = `rules:
  - id: acme.board
    category: job-post.jargon
    severity: info
    message: Say “board chair”.
    why: Shorter.
    terms: [chairman of the board]
    suggest: [board chair]
    examples:
      flag: [The chairman of the board spoke.]
      pass: [The board chair spoke.]
  - id: acme.get
    category: plain-language.wordy
    severity: info
    message: Say “hire”.
    why: Plainer.
    terms: [get a]
    suggest: [hire a]
    examples:
      flag: [We get a cook.]
      pass: [We hire a cook.]
`
	tests := []struct {
		name, text, answers, want string
		inOut, notInOut           []string
	}{
		{"a later match inside an earlier change", "The chairman of the board spoke.\n", "1\n", "The chair of the board spoke.\n",
			[]string{"“chairman” → “chair”", ":1:5: info: Say “board chair”. [acme.board]\n", "      skipped: it overlaps “chairman” → “chair”, chosen above\n", "post.md: 1 change written\n"},
			[]string{"end of input", "1) board chair"}},
		{"the earlier one skipped", "The chairman of the board spoke.\n", "s\n1\n", "The board chair spoke.\n",
			[]string{"“chairman of the board” → “board chair”", "post.md: 1 change written\n"}, []string{"      skipped"}},
		{"an article that an earlier change took", "We get a ninja.\n", "1\n1\n", "We hire a ninja.\n",
			[]string{"“get a” → “hire a”", "      skipped: “a ninja” overlaps “get a” → “hire a”, chosen above\n", "post.md: 1 change written\n"}, nil},
		{"the article agrees when nothing overlaps", "We get a ninja.\n", "s\n1\n", "We get an expert.\n",
			[]string{"“a ninja” → “an expert”"}, []string{"      skipped"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{"post.md": tc.text, "overlap.yaml": overlapRules})
			path := filepath.Join(dir, "post.md")
			code, out, errOut := fixCLI(t, dir, tc.answers, "--rules", filepath.Join(dir, "overlap.yaml"), path)
			wantCode(t, code, exitOK, out, errOut)
			wantFile(t, path, tc.want)
			wantIn(t, "stdout", out, tc.inOut...)
			for _, s := range tc.notInOut {
				if strings.Contains(out, s) {
					t.Errorf("stdout has %q:\n%s", s, out)
				}
			}
		})
	}
}

func TestFixSkipsAndRefuses(t *testing.T) {
	const text = "Ask the chairman.\n"
	dir := writeFiles(t, map[string]string{
		"docs/a.pdf":   "%PDF-1.4 not really",
		"docs/b.html":  "<p>Ask the chairman.</p>",
		"docs/c.docx":  "PK not really",
		"docs/d.md":    text,
		"docs/e.txt":   "Nothing to see here.\n",
		"docs/bin.txt": "chair\x00man",
	})
	docs := filepath.Join(dir, "docs")
	code, out, errOut := fixCLI(t, dir, "1\n", docs)
	wantCode(t, code, exitOK, out, errOut)
	wantFile(t, filepath.Join(docs, "d.md"), "Ask the chair.\n")
	wantFile(t, filepath.Join(docs, "b.html"), "<p>Ask the chairman.</p>")
	wantIn(t, "stderr", errOut,
		filepath.Join(docs, "a.pdf")+": skipped: ally does not rewrite PDF files",
		filepath.Join(docs, "b.html")+": skipped: ally does not rewrite HTML files",
		filepath.Join(docs, "c.docx")+": skipped: ally does not rewrite Word files",
		"bin.txt: binary file")
	wantIn(t, "stdout", out, filepath.Join(docs, "e.txt")+": nothing to fix\n", filepath.Join(docs, "d.md")+": 1 change written\n")

	refusals := []struct {
		name  string
		args  []string
		inErr string
	}{
		{"no -i", []string{"fix", filepath.Join(docs, "d.md")}, "-i is required: ally fix asks about each finding; use `ally lint --fix` for unattended fixing"},
		{"no paths", []string{"fix", "-i"}, "no files to fix"},
		{"stdin", []string{"fix", "-i", "-"}, "ally fix cannot rewrite standard input"},
		{"bad profile", []string{"fix", "-i", "--profile", "resume", docs}, `unknown --profile "resume"`},
		{"bad selector", []string{"fix", "-i", "--only", "nope.*", docs}, `no rule id or category matches "nope.*"`},
		{"unknown flag", []string{"fix", "-i", "--fix-unsafe", docs}, "flag provided but not defined: -fix-unsafe"},
	}
	for _, tc := range refusals {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := cli(t, "1\n1\n", tc.args...)
			wantCode(t, code, exitError, out, errOut)
			wantIn(t, "stderr", errOut, tc.inErr)
			if out != "" {
				t.Errorf("stdout: %s", out)
			}
		})
	}
	wantFile(t, filepath.Join(docs, "d.md"), "Ask the chair.\n")

	// A path that does not exist: exit 2, the others are still fixed.
	dir = writeFiles(t, map[string]string{"d.md": text})
	code, out, errOut = fixCLI(t, dir, "2\n", filepath.Join(dir, "nope.md"), filepath.Join(dir, "d.md"))
	wantCode(t, code, exitError, out, errOut)
	wantIn(t, "stderr", errOut, "nope.md: stat: no such file or directory")
	wantFile(t, filepath.Join(dir, "d.md"), "Ask the chairperson.\n")
}

func TestFixWriteError(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root may write into a read-only directory")
	}
	dir := writeFiles(t, map[string]string{"ro/d.md": "Ask the chairman.\n"})
	ro := filepath.Join(dir, "ro")
	if err := os.Chmod(ro, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(ro, 0o755) })
	code, out, errOut := fixCLI(t, dir, "1\n", ro)
	wantCode(t, code, exitError, out, errOut)
	wantIn(t, "stderr", errOut, "d.md: writing the changes: ")
	wantFile(t, filepath.Join(ro, "d.md"), "Ask the chairman.\n")
}

func TestFixHelpAndColor(t *testing.T) {
	code, out, errOut := cli(t, "", "help", "fix")
	wantCode(t, code, exitOK, out, errOut)
	wantIn(t, "help", errOut, "Usage: ally fix -i [flags] PATH...", "ally lint --fix", "Examples:", "-profile")
	wantIn(t, "usage", mainUsage, "ally fix -i [flags] PATH...")

	dir := writeFiles(t, map[string]string{"d.md": "Ask the chairman.\n"})
	path := filepath.Join(dir, "d.md")
	rulesFile := filepath.Join(dir, "fix-rules.yaml")
	if err := os.WriteFile(rulesFile, []byte(fixRules), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code = run([]string{"fix", "-i", "--no-default-rules", "--rules", rulesFile, path}, strings.NewReader("s\n"), &stdout, &stderr, environment{color: true})
	wantCode(t, code, exitOK, stdout.String(), stderr.String())
	wantIn(t, "coloured stdout", stdout.String(), "\x1b[1;33mwarning\x1b[0m", "|         \x1b[1;33m^^^^^^^^\x1b[0m\n")
	_, plain, _ := fixCLI(t, dir, "s\n", path)
	if strings.Contains(plain, "\x1b[") {
		t.Errorf("colour without env.color:\n%q", plain)
	}
}
