package config

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/allylint/ally"
	"github.com/allylint/ally/rules"
)

// write creates files (name → content) under dir, making directories.
func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

const fullConfig = `rules: [team-terms.yaml, more/acme.yaml]
disable: [plain-language.wordy, jargon]
enable: [jargon.culture-fit]
severity:
  sensory.*: info
  gender.chairman: error
limits:
  plain-language.long-sentence: 30
  job-post.years-experience: 8
fail-on: info
profile: policy
ignore: [vendor/**, "**/CHANGELOG.md", ./archive/]
overrides:
  - paths: [jobs/**, careers/*.md]
    profile: job-post
    disable: [gender-coded]
    severity: {gender-coded.*: warning}
    limits: {job-post.years-experience: 5}
  - paths: [jobs/interns/**]
    enable: [gender-coded.balance]
`

func TestLoadFull(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{".ally.yaml": fullConfig, "team-terms.yaml": "", "more/acme.yaml": ""})
	c, err := Load(filepath.Join(dir, ".ally.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(dir, ".ally.yaml")
	want := &Config{
		Path:      name,
		Dir:       dir,
		RuleFiles: []string{filepath.Join(dir, "team-terms.yaml"), filepath.Join(dir, "more", "acme.yaml")},
		FailOn:    "info",
		Ignore:    []string{"vendor/**", "**/CHANGELOG.md", "archive"},
		Settings: Settings{
			Profile: "policy",
			Disable: []string{"plain-language.wordy", "jargon"},
			Enable:  []string{"jargon.culture-fit"},
			Severity: []SeverityOverride{
				{"sensory.*", rules.SeverityInfo, rules.Pos{File: name, Line: 5, Column: 3}},
				{"gender.chairman", rules.SeverityError, rules.Pos{File: name, Line: 6, Column: 3}},
			},
			Limits: map[string]int{"plain-language.long-sentence": 30, "job-post.years-experience": 8},
		},
		Overrides: []Override{
			{
				Paths: []string{"jobs/**", "careers/*.md"},
				Pos:   rules.Pos{File: name, Line: 14, Column: 5},
				Settings: Settings{
					Profile:  "job-post",
					Disable:  []string{"gender-coded"},
					Severity: []SeverityOverride{{"gender-coded.*", rules.SeverityWarning, rules.Pos{File: name, Line: 17, Column: 16}}},
					Limits:   map[string]int{"job-post.years-experience": 5},
				},
			},
			{
				Paths:    []string{"jobs/interns/**"},
				Pos:      rules.Pos{File: name, Line: 19, Column: 5},
				Settings: Settings{Enable: []string{"gender-coded.balance"}},
			},
		},
	}
	// The positions of patterns are checked through Apply's errors; compare
	// the rest.
	c.Settings.pos, c.Settings.file = nil, ""
	for i := range c.Overrides {
		c.Overrides[i].Settings.pos, c.Overrides[i].Settings.file = nil, ""
	}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("Load:\n got %+v\nwant %+v", c, want)
	}
}

func TestLoadEmpty(t *testing.T) {
	dir := t.TempDir()
	for _, src := range []string{"", "# only a comment\n", "---\n", "~\n", "rules:\ndisable:\nseverity:\noverrides:\n"} {
		write(t, dir, map[string]string{".ally.yaml": src})
		c, err := Load(filepath.Join(dir, ".ally.yaml"))
		if err != nil {
			t.Errorf("%q: %v", src, err)
			continue
		}
		if c.Profile != "" || c.FailOn != "" || len(c.Disable)+len(c.RuleFiles)+len(c.Overrides)+len(c.Severity) != 0 {
			t.Errorf("%q: settings from an empty file: %+v", src, c)
		}
	}
	if _, err := Load(filepath.Join(dir, "missing.yaml")); err == nil || !strings.HasPrefix(err.Error(), "read config: ") {
		t.Errorf("missing file: %v", err)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // the error's lines, exactly
	}{
		{"not yaml", "disable: [\n", []string{
			`.ally.yaml:1:0: not valid YAML: line 1: did not find expected node content`}},
		{"not a mapping", "- gender\n", []string{
			`.ally.yaml:1:1: expected a mapping of settings (rules:, disable:, ...) at the top level`}},
		{"unknown key", "disabel: [gender]\nprofle: policy\nzzz: 1\n", []string{
			`.ally.yaml:1:1: unknown field "disabel", did you mean "disable"? (known fields: rules, disable, enable, severity, limits, fail-on, profile, ignore, overrides)`,
			`.ally.yaml:2:1: unknown field "profle", did you mean "profile"? (known fields: rules, disable, enable, severity, limits, fail-on, profile, ignore, overrides)`,
			`.ally.yaml:3:1: unknown field "zzz" (known fields: rules, disable, enable, severity, limits, fail-on, profile, ignore, overrides)`}},
		{"key twice", "disable: [a]\ndisable: [b]\n", []string{
			`.ally.yaml:2:1: "disable" is set twice; first at line 1`}},
		{"wrong types", "disable: gender\nenable: {a: b}\nfail-on: [error]\nseverity: [gender.*]\nlimits: 30\nignore: vendor\nrules: x.yaml\n", []string{
			`.ally.yaml:1:10: "disable" must be a list of rule ids or categories, such as [gender.*]`,
			`.ally.yaml:2:9: "enable" must be a list of rule ids or categories, such as [gender.*]`,
			`.ally.yaml:3:10: "fail-on" must be a single value, such as warning`,
			`.ally.yaml:4:11: "severity" must be a mapping of rule patterns and severities (gender.*: error)`,
			`.ally.yaml:5:9: "limits" must be a mapping of rule ids and numbers (plain-language.long-sentence: 30)`,
			`.ally.yaml:6:9: "ignore" must be a list of path patterns, such as [vendor/**]`,
			`.ally.yaml:7:8: "rules" must be a list of rules files, such as [team-terms.yaml]`}},
		{"list items", "disable: [[a], \"\", ~]\n", []string{
			`.ally.yaml:1:11: each entry of "disable" must be a single value, such as gender.*`,
			`.ally.yaml:1:16: blank entry in "disable"`,
			`.ally.yaml:1:20: each entry of "disable" must be a single value, such as gender.*`}},
		{"bad values", "profile: jobpost\nfail-on: never\nseverity:\n  gender.*: critical\n  sensory.*: warning\n  sensory.*: info\n", []string{
			`.ally.yaml:1:10: unknown profile "jobpost" (known: auto, job-post, policy, general)`,
			`.ally.yaml:2:10: fail-on "never" must be error, warning, info or none`,
			`.ally.yaml:4:13: severity "critical" must be error, warning or info`,
			`.ally.yaml:6:3: "sensory.*" is set twice in "severity"; first at line 5`}},
		{"bad rule patterns", "disable: [\"gender.[\", plain language]\nseverity:\n  \"[x\": info\n", []string{
			`.ally.yaml:1:11: bad pattern "gender.[": syntax error in pattern`,
			`.ally.yaml:1:23: bad pattern "plain language": rule ids and categories have no spaces or slashes`,
			`.ally.yaml:3:3: bad pattern "[x": syntax error in pattern`}},
		{"bad path patterns", "ignore: [/abs, a//b, ../x, \"[x\", 'a\\b', \"\"]\n", []string{
			`.ally.yaml:1:10: bad path pattern "/abs": paths are relative to the config file's directory; drop the leading /`,
			`.ally.yaml:1:16: bad path pattern "a//b": empty directory name (//)`,
			`.ally.yaml:1:22: bad path pattern "../x": "." and ".." are not allowed; paths are relative to the config file's directory`,
			`.ally.yaml:1:28: bad path pattern "[x": syntax error in pattern`,
			`.ally.yaml:1:34: bad path pattern "a\\b": use / to separate directories; \ is not allowed`,
			`.ally.yaml:1:41: blank entry in "ignore"`}},
		{"missing rules files", "rules:\n  - nope.yaml\n  - sub\n", []string{
			`.ally.yaml:2:5: rules file "nope.yaml" not found (looked for nope.yaml; paths are relative to the config file)`,
			`.ally.yaml:3:5: rules file "sub" is a directory; name the YAML files in it`}},
		{"limits", "limits:\n  a.b: x\n  c.d: 0\n  e.f: -3\n  g.*: 3\n  h.i: 1.5\n  j.k:\n", []string{
			`.ally.yaml:2:8: the limit of "a.b" must be a whole number, not "x"`,
			`.ally.yaml:3:8: the limit of "c.d" must be a positive whole number, not 0`,
			`.ally.yaml:4:8: the limit of "e.f" must be a positive whole number, not -3`,
			`.ally.yaml:5:3: limits take a rule id, not a pattern: "g.*"`,
			`.ally.yaml:6:8: the limit of "h.i" must be a whole number, not "1.5"`,
			`.ally.yaml:7:7: the limit of "j.k" must be a whole number, not ""`}},
		{"overrides not a list", "overrides: {paths: [a]}\n", []string{
			`.ally.yaml:1:12: "overrides" must be a list of entries, each starting with "- paths:"`}},
		{"override entries", "overrides:\n  - jobs/**\n  - profile: job-post\n  - paths: []\n    fail-on: error\n  - paths:\n    pofile: x\n  - paths: [ok/**]\n    profile: intern\n    severity: {a: b}\n", []string{
			`.ally.yaml:2:5: override 1 must be a mapping with "paths:" and the settings for them`,
			`.ally.yaml:3:5: override 2 has no "paths": say which files it is for (jobs/**)`,
			`.ally.yaml:4:12: "paths" is empty in override 3; list the files it is for (jobs/**)`,
			`.ally.yaml:5:5: unknown field "fail-on" in override 3; "fail-on" can only be set at the top level (known fields: paths, profile, disable, enable, severity, limits)`,
			`.ally.yaml:6:11: "paths" is empty in override 4; list the files it is for (jobs/**)`,
			`.ally.yaml:7:5: unknown field "pofile" in override 4, did you mean "profile"? (known fields: paths, profile, disable, enable, severity, limits)`,
			`.ally.yaml:9:14: unknown profile "intern" (known: auto, job-post, policy, general)`,
			`.ally.yaml:10:19: severity "b" must be error, warning or info`}},
		{"recursive alias", "x: &a [*a]\n", []string{
			`.ally.yaml:1:1: unknown field "x" (known fields: rules, disable, enable, severity, limits, fail-on, profile, ignore, overrides)`}},
		{"all at once, in line order", "profile: x\nrules: [gone.yaml]\nfail-on: sometimes\n", []string{
			`.ally.yaml:1:10: unknown profile "x" (known: auto, job-post, policy, general)`,
			`.ally.yaml:2:9: rules file "gone.yaml" not found (looked for gone.yaml; paths are relative to the config file)`,
			`.ally.yaml:3:10: fail-on "sometimes" must be error, warning, info or none`}},
	}
	t.Chdir(t.TempDir())
	if err := os.Mkdir("sub", 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			write(t, ".", map[string]string{".ally.yaml": tt.src})
			_, err := Load(".ally.yaml")
			if err == nil {
				t.Fatal("no error")
			}
			if _, ok := err.(rules.ErrorList); !ok {
				t.Errorf("error is a %T, want rules.ErrorList", err)
			}
			if got := strings.Split(err.Error(), "\n"); !slices.Equal(got, tt.want) {
				t.Errorf("got\n%s\nwant\n%s", err, strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestLoadRuleFilesRelativeToConfig(t *testing.T) {
	t.Chdir(t.TempDir())
	write(t, ".", map[string]string{
		"proj/.ally.yaml":       "rules: [terms/team.yaml, ../shared.yaml]\n",
		"proj/terms/team.yaml":  "",
		"shared.yaml":           "",
		"proj/docs/placeholder": "",
	})
	c, err := Load("proj/.ally.yaml")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join("proj", "terms", "team.yaml"), "shared.yaml"}
	if !slices.Equal(c.RuleFiles, want) {
		t.Errorf("RuleFiles = %q, want %q", c.RuleFiles, want)
	}
	wd, _ := os.Getwd()
	if c.Dir != filepath.Join(wd, "proj") || c.Path != "proj/.ally.yaml" {
		t.Errorf("Path, Dir = %q, %q", c.Path, c.Dir)
	}
	// From another working directory the file in proj/ is not found.
	t.Chdir("proj/docs")
	if _, err := Load("../.ally.yaml"); err != nil {
		t.Errorf("loading from a subdirectory: %v", err)
	}
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{
		"repo/.git/HEAD":             "ref: refs/heads/main\n",
		"repo/.ally.yaml":            "",
		"repo/docs/a/b/post.md":      "",
		"repo/team/.ally.yaml":       "",
		"repo/team/post.md":          "",
		"repo/yml/.ally.yml":         "",
		"repo/yml/post.md":           "",
		"repo/both/.ally.yaml":       "",
		"repo/both/.ally.yml":        "",
		"outer/.ally.yaml":           "",
		"outer/inner/.git/HEAD":      "",
		"outer/inner/docs/post.md":   "",
		"outer/wt/.git":              "gitdir: /elsewhere\n",
		"outer/wt/post.md":           "",
		"outer/plain/deeper/post.md": "",
		"lonely/x/post.md":           "",
		"repo/dir/.ally.yaml/x":      "", // a directory with the name is not a config file
		"repo/dir/post.md":           "",
	})
	tests := []struct{ start, want string }{
		{"repo/docs/a/b/post.md", "repo/.ally.yaml"},
		{"repo/docs/a/b", "repo/.ally.yaml"},
		{"repo/docs/a/b/not-yet.md", "repo/.ally.yaml"},
		{"repo", "repo/.ally.yaml"},
		{"repo/team/post.md", "repo/team/.ally.yaml"}, // the nearest wins
		{"repo/team", "repo/team/.ally.yaml"},
		{"repo/yml/post.md", "repo/yml/.ally.yml"},
		{"repo/both/x.md", "repo/both/.ally.yaml"},
		{"repo/dir/post.md", "repo/.ally.yaml"},
		{"outer/inner/docs/post.md", ""}, // stops at the repository root
		{"outer/inner", ""},
		{"outer/wt/post.md", ""}, // .git may be a file (a worktree)
		{"outer/plain/deeper/post.md", "outer/.ally.yaml"},
	}
	for _, tt := range tests {
		got, err := Find(filepath.Join(root, tt.start))
		if err != nil {
			t.Errorf("Find(%s): %v", tt.start, err)
			continue
		}
		want := ""
		if tt.want != "" {
			want = filepath.Join(root, tt.want)
		}
		if got != want {
			t.Errorf("Find(%s) = %q, want %q", tt.start, got, want)
		}
	}
	// With no repository and no config up to the filesystem root: "".
	if got, err := Find(filepath.Join(root, "lonely/x/post.md")); err != nil || (got != "" && strings.HasPrefix(got, root)) {
		t.Errorf("Find(lonely) = %q, %v", got, err)
	} else if got != "" {
		t.Logf("a config above the temporary directory: %s", got)
	}
	// A relative start gives a path relative to the working directory.
	t.Chdir(filepath.Join(root, "repo/docs"))
	for start, want := range map[string]string{"a/b/post.md": "../.ally.yaml", ".": "../.ally.yaml", "-": "../.ally.yaml", "../team/post.md": "../team/.ally.yaml"} {
		if got, err := Find(start); err != nil || got != want {
			t.Errorf("Find(%q) from repo/docs = %q, %v; want %q", start, got, err, want)
		}
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		pattern, name string
		want          bool
	}{
		{"jobs/**", "jobs/a.md", true},
		{"jobs/**", "jobs/x/y.md", true},
		{"jobs/**", "jobs", true},
		{"jobs/**", "jobsite/a.md", false},
		{"jobs/**", "old/jobs/a.md", false},
		{"**/CHANGELOG.md", "CHANGELOG.md", true},
		{"**/CHANGELOG.md", "docs/CHANGELOG.md", true},
		{"**/CHANGELOG.md", "a/b/c/CHANGELOG.md", true},
		{"**/CHANGELOG.md", "a/CHANGELOG.md.bak", false},
		{"**/CHANGELOG.md", "a/OLD-CHANGELOG.md", false},
		{"*.md", "a.md", true},
		{"*.md", "docs/a.md", false}, // * does not cross /
		{"docs/*.md", "docs/a.md", true},
		{"docs/*.md", "docs/x/a.md", false},
		{"docs/**/*.md", "docs/a.md", true},
		{"docs/**/*.md", "docs/x/y/a.md", true},
		{"docs/**/*.md", "docs/x/y/a.txt", false},
		{"a/**/b/**/c", "a/b/c", true},
		{"a/**/b/**/c", "a/x/b/y/z/c", true},
		{"a/**/b/**/c", "a/x/y/z/c", false},
		{"**/**/x", "x", true},
		{"**", "anything/at/all", true},
		{"**", "top.md", true},
		{"care?rs/[a-c]*.md", "careers/b.md", true},
		{"care?rs/[a-c]*.md", "careers/d.md", false},
		{"a**b/x", "axyb/x", true}, // ** inside a segment is just *
		{"a**b/x", "ax/yb/x", false},
		{"[", "[", false}, // malformed: matches nothing
		{"vendor", "vendor/x.md", false},
	}
	for _, tt := range tests {
		if got := Match(tt.pattern, tt.name); got != tt.want {
			t.Errorf("Match(%q, %q) = %v, want %v", tt.pattern, tt.name, got, tt.want)
		}
	}
}

func TestMatchManyStars(t *testing.T) {
	// A pattern of many ** against a deep path that does not match must
	// not take exponential time.
	pattern := strings.Repeat("**/", 30) + "z"
	name := strings.Repeat("d/", 200) + "y"
	if Match(pattern, name) {
		t.Error("matched")
	}
}

func TestIgnored(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{
		"proj/.ally.yaml": "ignore: [vendor/**, \"**/CHANGELOG.md\", archive, drafts/*.md]\n",
	})
	c, err := Load(filepath.Join(root, "proj/.ally.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(filepath.Join(root, "proj"))
	tests := []struct {
		path string
		want bool
	}{
		{"vendor/lib/README.md", true},
		{"vendor", true},
		{"./vendor/x.md", true},
		{"CHANGELOG.md", true},
		{"docs/deep/CHANGELOG.md", true},
		{"archive/2019/old.md", true}, // a directory covers its files
		{"archive", true},
		{"drafts/a.md", true},
		{"drafts/sub/a.md", false},
		{"docs/vendor/x.md", false},
		{"post.md", false},
		{".", false},
		{filepath.Join(root, "proj/vendor/x.md"), true},   // absolute
		{filepath.Join(root, "other/vendor/x.md"), false}, // outside the config's directory
		{"../other/CHANGELOG.md", false},
	}
	for _, tt := range tests {
		if got := c.Ignored(tt.path); got != tt.want {
			t.Errorf("Ignored(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
	// Relative to another working directory.
	t.Chdir(filepath.Join(root))
	if !c.Ignored("proj/vendor/x.md") || c.Ignored("vendor/x.md") {
		t.Error("Ignored does not resolve paths against the working directory")
	}
}

func loadString(t *testing.T, src string) *Config {
	t.Helper()
	dir := t.TempDir()
	write(t, dir, map[string]string{".ally.yaml": src})
	c, err := Load(filepath.Join(dir, ".ally.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestFor(t *testing.T) {
	c := loadString(t, `profile: policy
disable: [plain-language, jargon]
enable: [plain-language.long-sentence, jargon.culture-fit]
severity: {sensory.*: info}
limits: {plain-language.long-sentence: 30, job-post.years-experience: 8}
overrides:
  - paths: [jobs/**]
    profile: job-post
    disable: [gender-coded]
    severity: {sensory.see-below: error}
    limits: {job-post.years-experience: 5}
  - paths: [jobs/legal/**]
    profile: general
    disable: [plain-language.*]
    enable: [gender-coded.balance]
    limits: {job-post.years-experience: 3}
  - paths: ["**/*.txt"]
    enable: [wordy]
`)
	tests := []struct {
		path string
		want Settings
	}{
		{"README.md", Settings{
			Profile: "policy", Disable: []string{"plain-language", "jargon"},
			Enable:   []string{"plain-language.long-sentence", "jargon.culture-fit"},
			Severity: []SeverityOverride{{Pattern: "sensory.*", Severity: rules.SeverityInfo}},
			Limits:   map[string]int{"plain-language.long-sentence": 30, "job-post.years-experience": 8},
		}},
		{"jobs/cook.md", Settings{
			Profile: "job-post", Disable: []string{"plain-language", "jargon", "gender-coded"},
			Enable:   []string{"plain-language.long-sentence", "jargon.culture-fit"},
			Severity: []SeverityOverride{{Pattern: "sensory.*", Severity: rules.SeverityInfo}, {Pattern: "sensory.see-below", Severity: rules.SeverityError}},
			Limits:   map[string]int{"plain-language.long-sentence": 30, "job-post.years-experience": 5},
		}},
		// Both overrides, in order; the later disable drops the top
		// level's enable of plain-language.long-sentence.
		{"jobs/legal/terms.md", Settings{
			Profile: "general", Disable: []string{"plain-language", "jargon", "gender-coded", "plain-language.*"},
			Enable:   []string{"jargon.culture-fit", "gender-coded.balance"},
			Severity: []SeverityOverride{{Pattern: "sensory.*", Severity: rules.SeverityInfo}, {Pattern: "sensory.see-below", Severity: rules.SeverityError}},
			Limits:   map[string]int{"plain-language.long-sentence": 30, "job-post.years-experience": 3},
		}},
		{"jobs/legal/notes.txt", Settings{
			Profile: "general", Disable: []string{"plain-language", "jargon", "gender-coded", "plain-language.*"},
			Enable:   []string{"jargon.culture-fit", "gender-coded.balance", "wordy"},
			Severity: []SeverityOverride{{Pattern: "sensory.*", Severity: rules.SeverityInfo}, {Pattern: "sensory.see-below", Severity: rules.SeverityError}},
			Limits:   map[string]int{"plain-language.long-sentence": 30, "job-post.years-experience": 3},
		}},
	}
	for _, tt := range tests {
		got := c.For(filepath.Join(c.Dir, tt.path))
		got.pos, got.file = nil, ""
		for i := range got.Severity {
			got.Severity[i].Pos = rules.Pos{}
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("For(%s):\n got %+v\nwant %+v", tt.path, got, tt.want)
		}
	}
	// The result shares nothing with the config.
	s := c.For(filepath.Join(c.Dir, "jobs/a.md"))
	s.Disable[0] = "changed"
	s.Limits["job-post.years-experience"] = 99
	s.Severity[0].Pattern = "changed"
	if c.Disable[0] != "plain-language" || c.Limits["job-post.years-experience"] != 8 || c.Severity[0].Pattern != "sensory.*" || c.Overrides[0].Limits["job-post.years-experience"] != 5 {
		t.Error("changing For's result changed the config")
	}
	if s2 := c.For(filepath.Join(c.Dir, "..", "elsewhere", "jobs", "a.md")); s2.Profile != "policy" {
		t.Errorf("a file outside the config's directory got overrides: %+v", s2)
	}
}

func TestCovers(t *testing.T) {
	for _, tt := range []struct {
		d, e string
		want bool
	}{
		{"plain-language", "plain-language.long-sentence", true},
		{"plain-language.*", "plain-language.long-sentence", true},
		{"plain-language.*", "plain-language.wordy", true},
		{"wordy", "wordy", true},
		{"wordy.*", "wordy", false},
		{"gender", "gender-coded.balance", false},
		{"gender.chairman", "exclusionary.gender", false},
	} {
		if got := covers(tt.d, tt.e); got != tt.want {
			t.Errorf("covers(%q, %q) = %v, want %v", tt.d, tt.e, got, tt.want)
		}
	}
}

const testRules = `rules:
  - id: gender.chairman
    category: exclusionary.gender
    severity: warning
    message: m
    why: w
    terms: [chairman]
  - id: gender.salesman
    category: exclusionary.gender
    severity: warning
    message: m
    why: w
    terms: [salesman]
  - id: sensory.see-below
    category: accessibility.sensory
    severity: warning
    message: m
    why: w
    terms: [see below]
  - id: wordy.utilize
    category: plain-language.wordy
    severity: info
    message: m
    why: w
    terms: [utilize]
  - id: wordy.in-order-to
    category: plain-language.wordy
    severity: info
    message: m
    why: w
    terms: [in order to]
  - id: plain-language.long-sentence
    category: plain-language.long-sentence
    severity: info
    message: m
    why: w
    check: long-sentence
    limit: 40
`

func testSet(t *testing.T) *rules.Set {
	t.Helper()
	set, err := rules.Parse("test-rules.yaml", []byte(testRules))
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// summary lists a set's rules as id:severity, and :limit for a check.
func summary(set *rules.Set) []string {
	var out []string
	for _, r := range set.Rules {
		s := r.ID + ":" + r.Severity.String()
		if r.Check != "" {
			s += ":" + strconv.Itoa(r.Limit)
		}
		out = append(out, s)
	}
	return out
}

func TestApply(t *testing.T) {
	tests := []struct {
		name string
		s    Settings
		want []string
	}{
		{"nothing", Settings{}, []string{
			"gender.chairman:warning", "gender.salesman:warning", "sensory.see-below:warning",
			"wordy.utilize:info", "wordy.in-order-to:info", "plain-language.long-sentence:info:40"}},
		{"disable by category prefix and id glob", Settings{Disable: []string{"plain-language", "gender.s*"}}, []string{
			"gender.chairman:warning", "sensory.see-below:warning"}},
		{"enable after disable", Settings{Disable: []string{"plain-language"}, Enable: []string{"plain-language.long-sentence", "wordy.utilize"}}, []string{
			"gender.chairman:warning", "gender.salesman:warning", "sensory.see-below:warning",
			"wordy.utilize:info", "plain-language.long-sentence:info:40"}},
		{"enable of a rule not disabled changes nothing", Settings{Enable: []string{"gender"}}, []string{
			"gender.chairman:warning", "gender.salesman:warning", "sensory.see-below:warning",
			"wordy.utilize:info", "wordy.in-order-to:info", "plain-language.long-sentence:info:40"}},
		{"severity, last match wins", Settings{Severity: []SeverityOverride{
			{Pattern: "exclusionary.*", Severity: rules.SeverityError},
			{Pattern: "gender.salesman", Severity: rules.SeverityInfo},
			{Pattern: "plain-language", Severity: rules.SeverityWarning},
		}}, []string{
			"gender.chairman:error", "gender.salesman:info", "sensory.see-below:warning",
			"wordy.utilize:warning", "wordy.in-order-to:warning", "plain-language.long-sentence:warning:40"}},
		{"limits and disable together", Settings{Disable: []string{"gender", "sensory"}, Limits: map[string]int{"plain-language.long-sentence": 25}}, []string{
			"wordy.utilize:info", "wordy.in-order-to:info", "plain-language.long-sentence:info:25"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set := testSet(t)
			before := summary(set)
			ptrs := slices.Clone(set.Rules)
			got, err := tt.s.Apply(set)
			if err != nil {
				t.Fatal(err)
			}
			if s := summary(got); !slices.Equal(s, tt.want) {
				t.Errorf("got  %q\nwant %q", s, tt.want)
			}
			if after := summary(set); !slices.Equal(after, before) || !slices.Equal(set.Rules, ptrs) {
				t.Errorf("the input set changed: %q", after)
			}
			// A rule Apply left alone is shared; a changed one is a copy.
			for _, r := range got.Rules {
				orig := set.Lookup(r.ID)
				if same := r == orig; same != (r.Severity == orig.Severity && r.Limit == orig.Limit) {
					t.Errorf("%s: shared=%v though severity %s→%s, limit %d→%d", r.ID, same, orig.Severity, r.Severity, orig.Limit, r.Limit)
				}
			}
		})
	}
}

func TestApplyFromConfig(t *testing.T) {
	c := loadString(t, `disable: [plain-language]
enable: [plain-language.long-sentence]
severity: {gender.chairman: error}
overrides:
  - paths: [legal/**]
    disable: [plain-language.*]
    limits: {plain-language.long-sentence: 60}
`)
	set := testSet(t)
	for path, want := range map[string][]string{
		"post.md": {"gender.chairman:error", "gender.salesman:warning", "sensory.see-below:warning",
			"plain-language.long-sentence:info:40"},
		"legal/terms.md": {"gender.chairman:error", "gender.salesman:warning", "sensory.see-below:warning"},
	} {
		got, err := c.For(filepath.Join(c.Dir, path)).Apply(set)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if s := summary(got); !slices.Equal(s, want) {
			t.Errorf("%s: got %q, want %q", path, s, want)
		}
	}
}

func TestApplyErrors(t *testing.T) {
	c := loadString(t, `disable: [gender, gender.chairmen, exclusionary.gendr]
enable: ["sensory.x*"]
severity:
  wordy.*: warning
  wordy.utilise: error
limits:
  gender.chairman: 3
  plain-language.long-sentense: 30
overrides:
  - paths: [a/**]
    disable: [jargon]
`)
	name := c.Path
	want := []string{
		name + `:1:19: disable: no rule id or category matches "gender.chairmen", did you mean "gender.chairman"? (see ` + "`ally rules list`)",
		name + `:1:36: disable: no rule id or category matches "exclusionary.gendr", did you mean "exclusionary.gender"? (see ` + "`ally rules list`)",
		name + `:2:10: enable: no rule id or category matches "sensory.x*" (see ` + "`ally rules list`)",
		name + `:5:3: severity: no rule id or category matches "wordy.utilise", did you mean "wordy.utilize"? (see ` + "`ally rules list`)",
		name + `:7:3: limits: rule "gender.chairman" has no limit to set (only check rules do)`,
		name + `:8:3: limits: no rule "plain-language.long-sentense", did you mean "plain-language.long-sentence"? (see ` + "`ally rules list`)",
	}
	_, err := c.For(filepath.Join(c.Dir, "post.md")).Apply(testSet(t))
	if err == nil {
		t.Fatal("no error")
	}
	if got := strings.Split(err.Error(), "\n"); !slices.Equal(got, want) {
		t.Errorf("Apply:\n%s\nwant\n%s", err, strings.Join(want, "\n"))
	}
	// Validate also checks the overrides, whichever files are linted.
	err = c.Validate(testSet(t))
	wantAll := append(slices.Clone(want), name+`:11:15: disable: no rule id or category matches "jargon" (see `+"`ally rules list`)")
	if err == nil || !slices.Equal(strings.Split(err.Error(), "\n"), wantAll) {
		t.Errorf("Validate:\n%v\nwant\n%s", err, strings.Join(wantAll, "\n"))
	}
	// Settings made by hand name no line.
	_, err = Settings{Disable: []string{"nope"}}.Apply(testSet(t))
	if err == nil || err.Error() != `settings: disable: no rule id or category matches "nope" (see `+"`ally rules list`)" {
		t.Errorf("hand-made settings: %v", err)
	}
}

func TestRulesKey(t *testing.T) {
	c := loadString(t, `disable: [jargon]
overrides:
  - paths: [jobs/**]
    profile: job-post
  - paths: [legal/**]
    limits: {plain-language.long-sentence: 60}
`)
	key := func(p string) string { return c.For(filepath.Join(c.Dir, p)).RulesKey() }
	if key("a.md") != key("jobs/a.md") {
		t.Error("a different profile changed the rules key")
	}
	if key("a.md") == key("legal/a.md") {
		t.Error("a different limit did not change the rules key")
	}
	if key("legal/a.md") != key("legal/b/c.md") {
		t.Error("the same settings gave different keys")
	}
}

func TestStarter(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{".ally.yaml": string(Starter())})
	c, err := Load(filepath.Join(dir, ".ally.yaml"))
	if err != nil {
		t.Fatalf("the starter config does not load:\n%v", err)
	}
	if c.FailOn != "warning" || c.Profile != ProfileAuto || len(c.RuleFiles)+len(c.Disable)+len(c.Enable)+len(c.Severity)+len(c.Limits)+len(c.Ignore)+len(c.Overrides) != 0 {
		t.Errorf("the starter config sets more than the defaults: %+v", c)
	}
	for _, key := range topFields {
		if !regexp.MustCompile(`(?m)^` + key + `:`).Match(Starter()) {
			t.Errorf("the starter config does not show %q", key)
		}
	}
	for _, key := range overrideFields {
		if !regexp.MustCompile(`(?m)^  # (- |  )` + key + `:`).Match(Starter()) {
			t.Errorf("the starter config's override example does not show %q", key)
		}
	}

	// Its examples, uncommented, are a valid config whose patterns all
	// match built-in rules.
	uncommented := regexp.MustCompile(`(?m)^( +)# `).ReplaceAllString(string(Starter()), "$1")
	write(t, dir, map[string]string{".ally.yaml": uncommented, "team-terms.yaml": ""})
	c, err = Load(filepath.Join(dir, ".ally.yaml"))
	if err != nil {
		t.Fatalf("the starter config's examples do not load:\n%v\n%s", err, uncommented)
	}
	if len(c.RuleFiles) != 1 || len(c.Disable) != 2 || len(c.Severity) != 2 || len(c.Limits) != 2 || len(c.Ignore) != 3 || len(c.Overrides) != 1 || len(c.Overrides[0].Limits) != 1 {
		t.Errorf("examples missing after uncommenting: %+v", c)
	}
	if err := c.Validate(builtIn(t)); err != nil {
		t.Errorf("the starter config's examples name rules that do not exist:\n%v", err)
	}
}

func builtIn(t *testing.T) *rules.Set {
	t.Helper()
	set, err := ally.DefaultSet()
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// TestReadmeExample loads the README's example config and checks it against
// the built-in rules, so the documentation stays true.
func TestReadmeExample(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)```yaml\n(# \\.ally\\.yaml\n.*?)```").FindSubmatch(readme)
	if m == nil {
		t.Fatal("README.md has no ```yaml block starting with # .ally.yaml")
	}
	dir := t.TempDir()
	write(t, dir, map[string]string{".ally.yaml": string(m[1]), "team-terms.yaml": ""})
	c, err := Load(filepath.Join(dir, ".ally.yaml"))
	if err != nil {
		t.Fatalf("README example:\n%v", err)
	}
	if err := c.Validate(builtIn(t)); err != nil {
		t.Errorf("README example:\n%v", err)
	}
}

func FuzzLoad(f *testing.F) {
	f.Add([]byte(fullConfig))
	f.Add(Starter())
	f.Add([]byte("disable: [\n"))
	f.Add([]byte("x: &a [*a]\ndisable: *a\nseverity: *a\noverrides: *a\n"))
	f.Add([]byte("overrides:\n  - paths: [\"**/x\", '[']\n    limits: {a: 1e9}\n    severity: {\"*\": info}\n"))
	f.Add([]byte("limits: {a.b: 99999999999999999999999}\nignore: [\"\\\\\", //, ./, /]\n"))
	f.Add([]byte("rules: [., /, \"\\x00\"]\n"))
	f.Add([]byte("? [a]\n: b\n"))
	dir := f.TempDir()
	name := filepath.Join(dir, ".ally.yaml")
	set, err := rules.Parse("test-rules.yaml", []byte(testRules))
	if err != nil {
		f.Fatal(err)
	}
	before := summary(set)
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
		c, err := Load(name)
		if err != nil {
			if _, ok := err.(rules.ErrorList); !ok {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		// Whatever loads can be used, and using it changes no rule.
		c.Ignored(filepath.Join(dir, "a/b.md"))
		c.For(filepath.Join(dir, "jobs/a.md")).Apply(set)
		c.Validate(set)
		if after := summary(set); !slices.Equal(after, before) {
			t.Fatalf("Apply changed the rules: %q", after)
		}
	})
}
