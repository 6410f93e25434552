package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// cli runs ally in-process and returns its exit code and output.
func cli(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errOut, environment{})
	return code, out.String(), errOut.String()
}

// writeFiles creates files under a temporary directory and returns it.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// expectation is what a run of ally must produce: an exit code, strings
// that must (or must not) be on stdout, and strings that must be on stderr.
type expectation struct {
	code            int
	inOut, notInOut []string
	inErr           []string
}

func expectRun(t *testing.T, stdin string, args []string, want expectation) {
	t.Helper()
	code, out, errOut := cli(t, stdin, args...)
	if code != want.code {
		t.Errorf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", code, want.code, out, errOut)
	}
	for _, s := range want.inOut {
		if !strings.Contains(out, s) {
			t.Errorf("stdout lacks %q:\n%s", s, out)
		}
	}
	for _, s := range want.notInOut {
		if strings.Contains(out, s) {
			t.Errorf("stdout has %q:\n%s", s, out)
		}
	}
	for _, s := range want.inErr {
		if !strings.Contains(errOut, s) {
			t.Errorf("stderr lacks %q:\n%s", s, errOut)
		}
	}
}

const userRules = `rules:
  - id: acme.rockstar
    category: job-post.jargon
    severity: error
    message: Drop “{match}”.
    why: It is vague.
    terms: [rockstar]
    suggest: [skilled engineer]
    examples:
      flag: [We want a rockstar.]
      pass: [We want a skilled engineer.]
`

func TestLintExitCodes(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"rules.yaml":        userRules,
		"clean.md":          "# Hello\n\nWe hire skilled engineers.\n",
		"bad.md":            "We want a rockstar.\n",
		"docs/sub/deep.txt": "Another rockstar here.\n",
		"docs/.hidden/x.md": "rockstar\n",
		"docs/skip.rst":     "rockstar\n",
		"binary.txt":        "rock\x00star",
	})
	r := filepath.Join(dir, "rules.yaml")
	tests := []struct {
		name     string
		args     []string
		stdin    string
		code     int
		inOut    []string
		notInOut []string
		inErr    []string
	}{
		{"clean", []string{"lint", "--no-default-rules", "--rules", r, dir + "/clean.md"}, "", 0, []string{"No problems found in 1 file."}, nil, nil},
		{"finding fails", []string{"lint", "--no-default-rules", "--rules", r, dir + "/bad.md"}, "", 1, []string{"bad.md:1:11: error: Drop “rockstar”. [acme.rockstar]", "try: skilled engineer"}, nil, nil},
		{"fail-on none", []string{"lint", "--no-default-rules", "--rules", r, "--fail-on", "none", dir + "/bad.md"}, "", 0, []string{"acme.rockstar"}, nil, nil},
		{"flags after paths", []string{"lint", dir + "/bad.md", "--no-default-rules", "--rules", r, "--fail-on=none"}, "", 0, []string{"acme.rockstar"}, nil, nil},
		{"directory walk", []string{"lint", "--no-default-rules", "--rules", r, dir + "/docs"}, "", 1, []string{"sub/deep.txt:1:9"}, []string{".hidden", "skip.rst"}, nil},
		{"missing file, others linted", []string{"lint", "--no-default-rules", "--rules", r, dir + "/nope.md", dir + "/bad.md"}, "", 2, []string{"acme.rockstar"}, nil, []string{"nope.md: stat: no such file or directory"}},
		{"binary skipped with a note", []string{"lint", "--no-default-rules", "--rules", r, dir + "/binary.txt", dir + "/clean.md"}, "", 0, []string{"in 1 file"}, nil, []string{"binary.txt: binary file"}},
		{"stdin", []string{"lint", "--no-default-rules", "--rules", r, "-"}, "a rockstar\n", 1, []string{"<stdin>:1:3"}, nil, nil},
		{"stdin named", []string{"lint", "--no-default-rules", "--rules", r, "--stdin-filename", "post.md", "--format", "json", "-"}, "`rockstar` and rockstar", 1, []string{`"path": "post.md"`, `"format": "markdown"`, `"column": 16`}, nil, nil},
		{"unknown flag", []string{"lint", "--colour", dir}, "", 2, nil, nil, []string{"flag provided but not defined: -colour"}},
		{"no paths", []string{"lint"}, "", 2, nil, nil, []string{"no files to lint"}},
		{"bad format", []string{"lint", "--format", "xml", dir}, "", 2, nil, nil, []string{`unknown format "xml"`}},
		{"bad fail-on", []string{"lint", "--fail-on", "high", dir}, "", 2, nil, nil, []string{`unknown --fail-on "high"`}},
		{"bad profile", []string{"lint", "--profile", "resume", dir}, "", 2, nil, nil, []string{`unknown --profile "resume"`}},
		{"unknown selector", []string{"lint", "--no-default-rules", "--rules", r, "--only", "gender.*", dir}, "", 2, nil, nil, []string{`no rule id or category matches "gender.*"`}},
		{"disable all", []string{"lint", "--no-default-rules", "--rules", r, "--disable", "job-post", dir}, "", 2, nil, nil, []string{"leave no rules"}},
		{"only selects", []string{"lint", "--no-default-rules", "--rules", r, "--only", "job-post.*", dir + "/bad.md"}, "", 1, []string{"acme.rockstar"}, nil, nil},
		{"missing rules file", []string{"lint", "--rules", dir + "/none.yaml", dir}, "", 2, nil, nil, []string{"read rules: open"}},
		{"no rules at all", []string{"lint", "--no-default-rules", dir}, "", 2, nil, nil, []string{"needs at least one --rules FILE"}},
		{"help", []string{"lint", "--help"}, "", 0, nil, nil, []string{"Usage: ally lint", "Examples:", "-fail-on"}},
		{"limit unknown rule", []string{"lint", "--limit", "nope=3", dir}, "", 2, nil, nil, []string{`--limit: no rule "nope"`}},
		{"limit on a term rule", []string{"lint", "--limit", "gender.chairman=3", dir}, "", 2, nil, nil, []string{"has no limit to set"}},
		{"limit malformed", []string{"lint", "--limit", "twelve", dir}, "", 2, nil, nil, []string{"want RULE=N"}},
		{"limit raises a threshold", []string{"lint", "--only", "job-post.too-many-requirements", "--profile", "job-post", "--limit", "job-post.too-many-requirements=20", "../../testdata/jobposts/heavy-requirements.txt"}, "", 0, []string{"No problems found"}, nil, nil},
		{"default threshold fires", []string{"lint", "--only", "job-post.too-many-requirements", "--profile", "job-post", "../../testdata/jobposts/heavy-requirements.txt"}, "", 1, []string{"12 required qualifications"}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			expectRun(t, tt.stdin, tt.args, expectation{tt.code, tt.inOut, tt.notInOut, tt.inErr})
		})
	}
}

func TestLintOutputOrderIsSorted(t *testing.T) {
	files := map[string]string{"rules.yaml": userRules}
	for _, n := range []string{"c", "a", "e", "b", "d", "f", "h", "g"} {
		files[n+".md"] = "rockstar one.\n\nrockstar two.\n"
	}
	dir := writeFiles(t, files)
	_, out, _ := cli(t, "", "lint", "--no-default-rules", "--rules", filepath.Join(dir, "rules.yaml"), dir)
	var got []string
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, "[acme.rockstar]") {
			got = append(got, strings.TrimPrefix(line[:strings.Index(line, ": ")], dir+"/"))
		}
	}
	want := "a.md:1:1 a.md:3:1 b.md:1:1 b.md:3:1 c.md:1:1 c.md:3:1 d.md:1:1 d.md:3:1 e.md:1:1 e.md:3:1 f.md:1:1 f.md:3:1 g.md:1:1 g.md:3:1 h.md:1:1 h.md:3:1"
	if strings.Join(got, " ") != want {
		t.Errorf("order:\n%s\nwant\n%s", strings.Join(got, " "), want)
	}
}

func TestColor(t *testing.T) {
	dir := writeFiles(t, map[string]string{"rules.yaml": userRules, "bad.md": "a rockstar\n"})
	args := []string{"lint", "--no-default-rules", "--rules", filepath.Join(dir, "rules.yaml"), filepath.Join(dir, "bad.md")}
	for _, color := range []bool{false, true} {
		var out bytes.Buffer
		run(args, nil, &out, &bytes.Buffer{}, environment{color: color})
		if got := strings.Contains(out.String(), "\x1b["); got != color {
			t.Errorf("color=%v: escape codes present = %v", color, got)
		}
	}
}

func TestRulesCommands(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"good.yaml": userRules,
		"failing.yaml": strings.Replace(userRules, "pass: [We want a skilled engineer.]",
			"pass: [We want a rockstar too.]", 1),
		"broken.yaml": "rules:\n  - id: a.b\n    category: nope\n    severity: info\n    message: m\n    why: w\n    terms: []\n",
	})
	tests := []struct {
		name  string
		args  []string
		code  int
		inOut []string
		inErr []string
	}{
		{"test good", []string{"rules", "test", dir + "/good.yaml"}, 0, []string{"good.yaml: 1 rules, 2 examples, 0 failed"}, nil},
		{"test failing", []string{"rules", "test", dir + "/failing.yaml"}, 1, []string{`failing.yaml:2: rule "acme.rockstar": pass example is flagged: "We want a rockstar too."`, "1 failed"}, nil},
		{"test broken", []string{"rules", "test", dir + "/broken.yaml"}, 2, nil, []string{`broken.yaml:3:5: rule "a.b": unknown category "nope"`, `broken.yaml:7:5: rule "a.b": "terms" is empty`}},
		{"list user rules", []string{"rules", "list", "--no-default-rules", "--rules", dir + "/good.yaml"}, 0, []string{"job-post.jargon (1)", "acme.rockstar", "1 rules in 1 categories."}, nil},
		{"list unknown category", []string{"rules", "list", "--category", "nope", "--rules", dir + "/good.yaml", "--no-default-rules"}, 2, nil, []string{`no rule id or category matches "nope"`}},
		{"explain", []string{"explain", "--rules", dir + "/good.yaml", "acme.rockstar"}, 0, []string{"acme.rockstar  (job-post.jargon, error)", "Why: It is vague.", "Instead: skilled engineer", "Fix: needs a person (applied only with --fix-unsafe)", "✗ We want a rockstar."}, nil},
		{"explain safe fix", []string{"explain", "gender.chairman"}, 0, []string{"Instead: chair, chairperson\nFix: safe (applied by --fix)\n"}, nil},
		{"explain unsafe fix", []string{"explain", "gender.he-or-she"}, 0, []string{"Instead: they\nFix: needs a person (applied only with --fix-unsafe)\n"}, nil},
		{"explain unknown", []string{"explain", "no.such-rule"}, 2, nil, []string{`no rule "no.such-rule"`}},
		{"version", []string{"version"}, 0, []string{"ally 0.1.0"}, nil},
		{"no command", []string{}, 2, nil, []string{"Usage:"}},
		{"unknown command", []string{"lnt"}, 2, nil, []string{`unknown command "lnt"`}},
		{"help", []string{"help"}, 0, []string{"ally lint [flags] PATH..."}, nil},
		{"help command", []string{"help", "rules"}, 0, []string{"ally rules list"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			expectRun(t, "", tt.args, expectation{code: tt.code, inOut: tt.inOut, inErr: tt.inErr})
		})
	}
}

// TestRulesListMarksSafeFixes checks that `ally rules list` marks the rules
// whose fix --fix applies, and only those, and counts them.
func TestRulesListMarksSafeFixes(t *testing.T) {
	code, out, errOut := cli(t, "", "rules", "list", "--category", "exclusionary.gender")
	if code != exitOK || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	marked := map[string]bool{}
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) > 2 && strings.HasPrefix(f[0], "gender.") {
			marked[f[0]] = strings.Contains(line, " safe fix ")
		}
	}
	for id, want := range map[string]bool{"gender.chairman": true, "gender.waitress": true, "gender.he-or-she": false, "gender.guys": false, "gender.generic-he": false} {
		if got, ok := marked[id]; !ok || got != want {
			t.Errorf("%s: listed %v, marked safe fix %v, want %v:\n%s", id, ok, got, want, out)
		}
	}
	if !strings.Contains(out, "have a safe fix, which ally lint --fix applies.") {
		t.Errorf("no count of safe fixes:\n%s", out)
	}
	_, out, _ = cli(t, "", "rules", "list", "--format", "markdown", "--category", "exclusionary.gender")
	if !strings.Contains(out, "| category | rules | safe fix | for example |") || !regexp.MustCompile(`\| exclusionary\.gender \| \d+ \| [1-9]\d* \|`).MatchString(out) {
		t.Errorf("markdown table lacks the safe-fix count:\n%s", out)
	}
}

// TestOddInputs lints files that trip up naive linters; each must lint
// cleanly (no error, no panic) and find exactly what is there.
func TestOddInputs(t *testing.T) {
	longLine := strings.Repeat("lorem ipsum ", 200000) + "rockstar " + strings.Repeat("dolor ", 1000)
	dir := writeFiles(t, map[string]string{
		"rules.yaml":   userRules,
		"empty.md":     "",
		"empty.txt":    "",
		"blank.md":     "\n\n   \n",
		"invalid.md":   "caf\xe9 \xff\xfe rockstar \xc3\n",
		"invalid.txt":  "\xffrockstar\xff",
		"long.txt":     longLine,
		"long.md":      longLine,
		"only-bom.txt": "\uFEFF",
		"crlf-only.md": "\r\n\r\n",
	})
	rulesFile := filepath.Join(dir, "rules.yaml")
	tests := []struct {
		file     string
		findings int
	}{
		{"empty.md", 0}, {"empty.txt", 0}, {"blank.md", 0}, {"invalid.md", 1}, {"invalid.txt", 1},
		{"long.txt", 1}, {"long.md", 1}, {"only-bom.txt", 0}, {"crlf-only.md", 0},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			code, out, errOut := cli(t, "", "lint", "--no-default-rules", "--rules", rulesFile, "--format", "json", "--fail-on", "none", filepath.Join(dir, tt.file))
			if code != exitOK || errOut != "" {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
			if got := strings.Count(out, `"rule": "acme.rockstar"`); got != tt.findings {
				t.Errorf("%d findings, want %d:\n%.2000s", got, tt.findings, out)
			}
		})
	}
}

// TestDefaultRulesOnExample lints the README's example job post with the
// built-in rules, as a new user would, and checks the findings that matter
// and the ones that must not appear.
func TestDefaultRulesOnExample(t *testing.T) {
	code, out, errOut := cli(t, "", "lint", "--format", "json", "../../testdata/examples/job-post.md")
	if code != exitFindings || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	for _, want := range []string{`"profile": "job-post"`, `"rule": "gender.chairman"`, `"rule": "gender.guys"`,
		`"rule": "gender.manpower"`, `"rule": "age.young"`, `"match": "Native English speaker"`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s", want)
		}
	}
	for _, never := range []string{`"match": "master"`, `"match": "Manchester"`, `"match": "master's"`} {
		if strings.Contains(out, never) {
			t.Errorf("output has %s", never)
		}
	}
}

// TestJobPostChecks lints the job posts in testdata/jobposts with the
// built-in rules, profile detected, and compares the job-post findings and
// the metrics with what each post was written to show.
func TestJobPostChecks(t *testing.T) {
	tests := []struct {
		file      string
		profile   string
		rules     []string // job-post.* rule ids found, in order; "doc:" marks a document-level one
		checklist string
	}{
		{"complete.md", "job-post", nil, `"accommodation-statement": true, "eeo-statement": true, "pay-range": true`},
		{"missing-all.md", "job-post", []string{"doc:job-post.accommodation", "doc:job-post.eeo-statement", "doc:job-post.pay-range"}, `"accommodation-statement": false, "eeo-statement": false, "pay-range": false`},
		{"heavy-requirements.txt", "job-post", []string{"doc:job-post.too-many-requirements", "job-post.years-experience", "job-post.degree-required", "job-post.pay-range"}, `"accommodation-statement": true, "eeo-statement": true, "pay-range": true`},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			code, out, errOut := cli(t, "", "lint", "--format", "json", "--fail-on", "none", "../../testdata/jobposts/"+tt.file)
			if code != exitOK || errOut != "" {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
			var rep struct {
				Files []struct {
					Profile  string
					Findings []struct {
						Rule  string
						Start *struct{ Offset int }
					}
					Metrics map[string]json.RawMessage
				}
			}
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Fatal(err)
			}
			f := rep.Files[0]
			if f.Profile != tt.profile {
				t.Errorf("profile %q, want %q", f.Profile, tt.profile)
			}
			var got []string
			for _, fd := range f.Findings {
				if strings.HasPrefix(fd.Rule, "job-post.") && !strings.HasPrefix(fd.Rule, "job-post.length") {
					if fd.Start == nil {
						got = append(got, "doc:"+fd.Rule)
					} else {
						got = append(got, fd.Rule)
					}
				}
			}
			if strings.Join(got, " ") != strings.Join(tt.rules, " ") {
				t.Errorf("job-post findings\n got %q\nwant %q", got, tt.rules)
			}
			checklist := strings.Join(strings.Fields(string(f.Metrics["checklist"])), " ")
			if want := "{ " + tt.checklist + " }"; checklist != want {
				t.Errorf("checklist %s, want %s", checklist, want)
			}
		})
	}
}
