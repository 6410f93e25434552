package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

// The tests in this file read the composite GitHub Action (action.yml at
// the repository root) and run its build and run steps with bash, the way
// the runner does, in a temporary git repository with a pull_request or
// push event: what reaches the annotations, $GITHUB_OUTPUT and the job
// summary is checked, not just that the YAML parses.

// actionFile is action.yml; unknown keys are an error, so a misspelt key
// (working_directory, default_value) fails the test instead of being
// silently ignored, as the runner would.
type actionFile struct {
	Name        string
	Description string
	Author      string
	Branding    map[string]string
	Inputs      map[string]actionInput
	Outputs     map[string]actionOutput
	Runs        struct {
		Using string
		Steps []actionStep
	}
}

type actionInput struct {
	Description string
	Required    bool
	Default     *string
}

type actionOutput struct {
	Description string
	Value       string
}

type actionStep struct {
	ID               string `yaml:"id"`
	Name             string
	Uses             string
	If               string `yaml:"if"`
	Shell            string
	Run              string
	WorkingDirectory string `yaml:"working-directory"`
	Env              map[string]string
	With             map[string]string
}

func loadAction(t *testing.T) *actionFile {
	t.Helper()
	data, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var a actionFile
	if err := dec.Decode(&a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	return &a
}

func (a *actionFile) step(t *testing.T, id string) actionStep {
	t.Helper()
	for _, s := range a.Runs.Steps {
		if s.ID == id {
			return s
		}
	}
	t.Fatalf("action.yml has no step with id %q", id)
	return actionStep{}
}

// actionDefaults are the inputs action.yml documents, with their defaults.
var actionDefaults = map[string]string{
	"paths":        ".",
	"config":       "",
	"fail-on":      "warning",
	"reporter":     "annotations",
	"only-changed": "auto",
	"version":      "",
}

func TestActionMetadata(t *testing.T) {
	a := loadAction(t)
	if a.Name == "" || a.Description == "" {
		t.Error("action.yml needs a name and a description (the Marketplace shows them)")
	}
	if a.Runs.Using != "composite" {
		t.Errorf("runs.using = %q, want composite", a.Runs.Using)
	}
	var names []string
	for name, in := range a.Inputs {
		names = append(names, name)
		want, ok := actionDefaults[name]
		switch {
		case !ok:
			t.Errorf("input %q is not documented in the test (and probably not in the README)", name)
		case in.Default == nil:
			t.Errorf("input %q has no default, want %q", name, want)
		case *in.Default != want:
			t.Errorf("input %q defaults to %q, want %q", name, *in.Default, want)
		}
		if in.Description == "" {
			t.Errorf("input %q has no description", name)
		}
		if in.Required {
			t.Errorf("input %q is required; every input has a default", name)
		}
	}
	if len(names) != len(actionDefaults) {
		slices.Sort(names)
		t.Errorf("inputs are %v, want the keys of %v", names, actionDefaults)
	}

	wantOutputs := map[string]string{
		"findings":   "${{ steps.ally.outputs.findings }}",
		"sarif-file": "${{ steps.ally.outputs.sarif-file }}",
	}
	if len(a.Outputs) != len(wantOutputs) {
		t.Errorf("outputs are %v, want %v", a.Outputs, wantOutputs)
	}
	for name, value := range wantOutputs {
		out, ok := a.Outputs[name]
		if !ok || out.Value != value || out.Description == "" {
			t.Errorf("output %q = %+v, want value %q and a description", name, out, value)
		}
	}
	a.step(t, "ally") // the step the outputs read

	// setup-go takes the Go version from the action's own go.mod, wherever
	// the runner unpacked the action. Its cache stays off: setup-go hashes
	// cache-dependency-path only under the caller's workspace, so keyed on
	// the action's go.sum it would fail the step; the action caches with
	// actions/cache, keyed by its cache-key step.
	ctx := &actionContext{actionPath: actionRepoRoot(t), runnerTemp: t.TempDir(), workspace: t.TempDir()}
	var setup, cache *actionStep
	for i, s := range a.Runs.Steps {
		switch {
		case strings.HasPrefix(s.Uses, "actions/setup-go@"):
			setup = &a.Runs.Steps[i]
		case strings.HasPrefix(s.Uses, "actions/cache@"):
			cache = &a.Runs.Steps[i]
		}
	}
	if setup == nil || cache == nil {
		t.Fatal("action.yml does not set up Go with actions/setup-go and cache with actions/cache")
	}
	if setup.Uses != "actions/setup-go@v5" || cache.Uses != "actions/cache@v4" {
		t.Errorf("steps use %q and %q, want actions/setup-go@v5 and actions/cache@v4", setup.Uses, cache.Uses)
	}
	if setup.With["cache"] != "false" {
		t.Errorf("setup-go cache = %q, want false (see the comment in action.yml)", setup.With["cache"])
	}
	if v, want := setup.With["go-version-file"], "${{ github.action_path }}/go.mod"; v != want {
		t.Errorf("setup-go go-version-file = %q, want %q", v, want)
	} else if _, err := os.Stat(ctx.expand(t, v)); err != nil {
		t.Errorf("setup-go go-version-file: %v", err)
	}
	if cache.With["key"] != "${{ steps.cache-key.outputs.key }}" ||
		!strings.Contains(cache.With["path"], "${{ steps.cache-key.outputs.gomodcache }}") ||
		!strings.Contains(cache.With["path"], "${{ steps.cache-key.outputs.gocache }}") {
		t.Errorf("actions/cache with %v, want the key, gomodcache and gocache outputs of the cache-key step", cache.With)
	}
	if _, err := exec.LookPath("go"); err == nil {
		checkCacheKeyStep(t, a.step(t, "cache-key"))
	}

	// Every input reaches a script through env:, and no script has a ${{ }}
	// expression in its text: the runner pastes those into the script
	// before bash reads it, so a crafted input would run as code.
	used := map[string]bool{}
	inputRef := regexp.MustCompile(`^\$\{\{ inputs\.([a-z-]+) \}\}$`)
	for _, s := range a.Runs.Steps {
		if s.Run != "" && strings.Contains(s.Run, "${{") {
			t.Errorf("step %q has a ${{ }} expression in its script (script injection); pass it through env:", s.Name)
		}
		if s.Run != "" && s.Shell != "bash" {
			t.Errorf("step %q runs with shell %q, want bash", s.Name, s.Shell)
		}
		for _, v := range s.Env {
			if m := inputRef.FindStringSubmatch(v); m != nil {
				used[m[1]] = true
			}
		}
	}
	for name := range actionDefaults {
		if !used[name] {
			t.Errorf("input %q is not passed to any step's env:", name)
		}
	}
}

// checkCacheKeyStep runs the cache-key step: its key changes with the
// version input and not from run to run, and its cache directories are the
// go command's.
func checkCacheKeyStep(t *testing.T, step actionStep) {
	t.Helper()
	needTool(t, "git")
	keyFor := func(version string) map[string]string {
		dir := t.TempDir()
		c := &actionContext{actionPath: actionRepoRoot(t), workspace: dir, runnerTemp: dir, eventName: "push",
			eventPath: os.DevNull, output: filepath.Join(dir, "output"), summary: filepath.Join(dir, "summary"),
			inputs: map[string]string{"version": version}}
		if code, stdout, stderr := c.runStep(t, step); code != 0 {
			t.Fatalf("cache-key step exited %d\nstdout: %q\nstderr: %q", code, stdout, stderr)
		}
		return readActionOutputs(t, c.output)
	}
	first, again, other := keyFor(""), keyFor(""), keyFor("v1.2.3")
	if !regexp.MustCompile(`^ally-go-[^ ]+-[0-9a-f]{40}$`).MatchString(first["key"]) {
		t.Errorf("cache key %q, want ally-go-OS-ARCH-HASH", first["key"])
	}
	if first["key"] != again["key"] || first["key"] == other["key"] {
		t.Errorf("cache keys %q, %q (same input) and %q (another version): want the first two equal, the third different", first["key"], again["key"], other["key"])
	}
	for _, name := range []string{"GOMODCACHE", "GOCACHE"} {
		out, err := exec.Command("go", "env", name).Output()
		if err != nil {
			t.Fatal(err)
		}
		if got, want := first[strings.ToLower(name)], strings.TrimSpace(string(out)); got != want {
			t.Errorf("cache-key %s = %q, want %q", strings.ToLower(name), got, want)
		}
	}
}

// actionContext is what the runner provides to a step: the ${{ }}
// expressions it may use in env:, with: and working-directory:, and the
// GITHUB_* and RUNNER_* environment.
type actionContext struct {
	actionPath string // where the action is checked out (github.action_path)
	workspace  string // the repository being linted (github.workspace), the steps' working directory
	runnerTemp string // RUNNER_TEMP
	eventName  string
	eventPath  string
	output     string // GITHUB_OUTPUT
	summary    string // GITHUB_STEP_SUMMARY
	inputs     map[string]string
}

var actionExpression = regexp.MustCompile(`\$\{\{\s*(.*?)\s*\}\}`)

// expand replaces the ${{ }} expressions in s as the runner would; an
// expression the test does not know fails it, so a new one in action.yml
// is not silently run as an empty string.
func (c *actionContext) expand(t *testing.T, s string) string {
	t.Helper()
	return actionExpression.ReplaceAllStringFunc(s, func(m string) string {
		expr := actionExpression.FindStringSubmatch(m)[1]
		switch expr {
		case "github.action_path":
			return c.actionPath
		case "github.workspace":
			return c.workspace
		case "github.event_name":
			return c.eventName
		case "runner.temp":
			return c.runnerTemp
		}
		if name, ok := strings.CutPrefix(expr, "inputs."); ok {
			if v, ok := c.inputs[name]; ok {
				return v
			}
			if v, ok := actionDefaults[name]; ok {
				return v
			}
		}
		t.Fatalf("action.yml uses the expression %q, which the test cannot evaluate", m)
		return ""
	})
}

// runStep runs a step's script as the runner does for shell: bash, and
// returns its exit status and output.
func (c *actionContext) runStep(t *testing.T, step actionStep) (int, string, string) {
	t.Helper()
	bash := needTool(t, "bash")
	if step.Shell != "bash" || step.Run == "" {
		t.Fatalf("step %q is not a bash script", step.Name)
	}
	script := filepath.Join(t.TempDir(), "step.sh")
	if err := os.WriteFile(script, []byte(step.Run), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bash, "--noprofile", "--norc", "-eo", "pipefail", script)
	cmd.Dir = c.workspace
	if step.WorkingDirectory != "" {
		cmd.Dir = c.expand(t, step.WorkingDirectory)
	}
	env := actionEnviron()
	env = append(env,
		"GITHUB_ACTIONS=true",
		"GITHUB_ACTION_PATH="+c.actionPath,
		"GITHUB_WORKSPACE="+c.workspace,
		"GITHUB_EVENT_NAME="+c.eventName,
		"GITHUB_EVENT_PATH="+c.eventPath,
		"GITHUB_OUTPUT="+c.output,
		"GITHUB_STEP_SUMMARY="+c.summary,
		"RUNNER_TEMP="+c.runnerTemp,
	)
	for k, v := range step.Env {
		env = append(env, k+"="+c.expand(t, v))
	}
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if exit, ok := errors.AsType[*exec.ExitError](err); ok {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatalf("step %q: %v", step.Name, err)
	}
	return code, stdout.String(), stderr.String()
}

// actionEnviron is the test's environment without what a runner or a user's
// git configuration would add: the steps get their GITHUB_* and RUNNER_*
// variables from actionContext, and git reads no global configuration.
func actionEnviron() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "GITHUB_") || strings.HasPrefix(k, "RUNNER_") || strings.HasPrefix(k, "INPUT_") || strings.HasPrefix(k, "GIT_") {
			continue
		}
		env = append(env, kv)
	}
	return append(env,
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_CONFIG_GLOBAL="+os.DevNull,
		"GIT_AUTHOR_NAME=ally test", "GIT_AUTHOR_EMAIL=ally@example.com",
		"GIT_COMMITTER_NAME=ally test", "GIT_COMMITTER_EMAIL=ally@example.com",
	)
}

func actionRepoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// actionGit runs git in dir and returns its trimmed output.
func actionGit(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command(needTool(t, "git"), args...)
	cmd.Dir = dir
	cmd.Env = actionEnviron()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

func actionWriteFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// actionPolicyRepo makes a git repository whose base commit has a policy with
// "chairman" on line 3 and two other flagged files, and whose head commit
// adds line 4 with "manpower" to the policy and changes nothing else.
func actionPolicyRepo(t *testing.T) (dir, base, head string) {
	t.Helper()
	dir = t.TempDir()
	actionGit(t, dir, "init", "-q", "-b", "main")
	actionWriteFiles(t, dir, map[string]string{
		"docs/policy.md": "# Meeting policy\n\nThe chairman opens each meeting.\n",
		"notes/team.txt": "Hey guys, the stand-up moves to ten.\n",
		"other/skip.md":  "Add the host to the whitelist.\n",
	})
	actionGit(t, dir, "add", ".")
	actionGit(t, dir, "commit", "-q", "-m", "base")
	base = actionGit(t, dir, "rev-parse", "HEAD")
	actionWriteFiles(t, dir, map[string]string{
		"docs/policy.md": "# Meeting policy\n\nThe chairman opens each meeting.\nWe review the manpower plan every week.\n",
	})
	actionGit(t, dir, "commit", "-q", "-a", "-m", "head")
	head = actionGit(t, dir, "rev-parse", "HEAD")
	return dir, base, head
}

// actionAnnotation is a workflow command such as
// ::warning file=docs/policy.md,line=4,col=15::message
type actionAnnotation struct {
	level, file string
	line        int
	message     string
}

func (a actionAnnotation) String() string {
	return a.level + " " + a.file + ":" + strconv.Itoa(a.line)
}

// parseActionAnnotations returns the annotations (workflow commands with a file)
// in a step's standard output.
func parseActionAnnotations(stdout string) []actionAnnotation {
	var as []actionAnnotation
	for line := range strings.Lines(stdout) {
		line = strings.TrimRight(line, "\r\n")
		rest, ok := strings.CutPrefix(line, "::")
		if !ok {
			continue
		}
		head, message, ok := strings.Cut(rest, "::")
		if !ok {
			continue
		}
		level, props, _ := strings.Cut(head, " ")
		a := actionAnnotation{level: level, message: message}
		for p := range strings.SplitSeq(props, ",") {
			k, v, _ := strings.Cut(p, "=")
			switch k {
			case "file":
				a.file = v
			case "line":
				a.line, _ = strconv.Atoi(v)
			}
		}
		if a.file != "" {
			as = append(as, a)
		}
	}
	return as
}

// readActionOutputs parses $GITHUB_OUTPUT (name=value lines); a name written
// twice is an error, since the runner keeps only the last.
func readActionOutputs(t *testing.T, path string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	out := map[string]string{}
	for line := range strings.Lines(string(data)) {
		k, v, ok := strings.Cut(strings.TrimRight(line, "\n"), "=")
		if !ok {
			t.Errorf("GITHUB_OUTPUT line %q is not name=value", line)
			continue
		}
		if _, dup := out[k]; dup {
			t.Errorf("GITHUB_OUTPUT sets %s twice", k)
		}
		out[k] = v
	}
	return out
}

// buildActionAlly runs the action's build step (go build in the action's
// checkout, here this repository) and returns the RUNNER_TEMP it built into.
func buildActionAlly(t *testing.T, a *actionFile) string {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go is not on PATH") // go test puts GOROOT/bin on it
	}
	temp := t.TempDir()
	c := &actionContext{actionPath: actionRepoRoot(t), workspace: t.TempDir(), runnerTemp: temp, eventName: "push",
		eventPath: os.DevNull, output: filepath.Join(temp, "output"), summary: filepath.Join(temp, "summary")}
	code, stdout, stderr := c.runStep(t, a.step(t, "build"))
	if code != 0 {
		t.Fatalf("build step exited %d\nstdout: %q\nstderr: %q", code, stdout, stderr)
	}
	if !strings.HasPrefix(stdout, "ally ") {
		t.Errorf("build step printed %q, want the version of the ally it built", stdout)
	}
	return temp
}

func TestActionRun(t *testing.T) {
	needTool(t, "git")
	needTool(t, "jq")
	a := loadAction(t)
	built := buildActionAlly(t, a)
	runStep := a.step(t, "ally")
	if runStep.WorkingDirectory != "" {
		t.Errorf("the run step has working-directory %q; it must run in the workspace, where the paths are", runStep.WorkingDirectory)
	}

	const policy = "docs/policy.md"
	tests := []struct {
		name    string
		event   string // pull_request or push
		inputs  map[string]string
		shallow bool // lint a --depth=1 clone, as actions/checkout makes, without the base commit
		created bool // a push that creates the branch: before is all zeros

		wantCode        int
		wantAnnotations []string // level file:line, in order
		wantFindings    string
		wantSarif       bool
		wantStdout      []string // more text expected on standard output
		wantStderr      string
	}{
		{
			name: "pull request: only the added line", event: "pull_request",
			inputs:   map[string]string{"reporter": "both"},
			wantCode: 1, wantAnnotations: []string{"warning docs/policy.md:4"}, wantFindings: "1", wantSarif: true,
			wantStdout: []string{"::warning file=docs/policy.md,line=4,"},
		},
		{
			name: "pull request, fail-on none", event: "pull_request",
			inputs:   map[string]string{"fail-on": "none"},
			wantCode: 0, wantAnnotations: []string{"warning docs/policy.md:4"}, wantFindings: "1",
		},
		{
			name: "pull request in a shallow clone: the base is fetched", event: "pull_request", shallow: true,
			wantCode: 1, wantAnnotations: []string{"warning docs/policy.md:4"}, wantFindings: "1",
		},
		{
			name: "pull request, only-changed false", event: "pull_request",
			inputs:   map[string]string{"only-changed": "false"},
			wantCode: 1, wantAnnotations: []string{"warning docs/policy.md:3", "warning docs/policy.md:4", "warning notes/team.txt:1", "warning other/skip.md:1"}, wantFindings: "4",
		},
		{
			name: "push: every finding", event: "push",
			wantCode: 1, wantAnnotations: []string{"warning docs/policy.md:3", "warning docs/policy.md:4", "warning notes/team.txt:1", "warning other/skip.md:1"}, wantFindings: "4",
			wantStdout: []string{"::warning file=docs/policy.md,line=3,", "::warning file=docs/policy.md,line=4,"},
		},
		{
			name: "push, only-changed true: since the commit before the push", event: "push",
			inputs:   map[string]string{"only-changed": "true"},
			wantCode: 1, wantAnnotations: []string{"warning docs/policy.md:4"}, wantFindings: "1",
		},
		{
			name: "push creating a branch, only-changed true: no base, every finding", event: "push", created: true,
			inputs:   map[string]string{"only-changed": "true"},
			wantCode: 1, wantAnnotations: []string{"warning docs/policy.md:3", "warning docs/policy.md:4", "warning notes/team.txt:1", "warning other/skip.md:1"}, wantFindings: "4",
			wantStdout: []string{"::warning title=ally action::only-changed: the push event names no base commit"},
		},
		{
			name: "pull_request_target: only the added line", event: "pull_request_target",
			wantCode: 1, wantAnnotations: []string{"warning docs/policy.md:4"}, wantFindings: "1",
		},
		{
			name: "several paths, spaces and newlines", event: "push",
			inputs:   map[string]string{"paths": "docs/policy.md \n notes\n"},
			wantCode: 1, wantAnnotations: []string{"warning docs/policy.md:3", "warning docs/policy.md:4", "warning notes/team.txt:1"}, wantFindings: "3",
		},
		{
			name: "reporter sarif: text on the log, no annotations", event: "pull_request",
			inputs:   map[string]string{"reporter": "sarif"},
			wantCode: 1, wantFindings: "1", wantSarif: true,
			wantStdout: []string{"docs/policy.md:4:15: warning:", "manpower"},
		},
		{
			name: "unknown reporter", event: "pull_request",
			inputs:   map[string]string{"reporter": "annotation"},
			wantCode: 2, wantStdout: []string{"::error title=ally action::reporter must be annotations, sarif or both"},
		},
		{
			name: "config is passed to ally: a missing file is a config error", event: "pull_request",
			inputs:   map[string]string{"config": "no-such.ally.yaml"},
			wantCode: 2, wantFindings: "", wantStderr: "no-such.ally.yaml",
		},
		{
			name: "unknown fail-on is ally's usage error", event: "pull_request",
			inputs:   map[string]string{"fail-on": "warnings"},
			wantCode: 2, wantFindings: "", wantStderr: "warnings",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			repo, base, head := actionPolicyRepo(t)
			if tc.shallow {
				origin := repo
				// GitHub serves any commit by id; a local origin needs leave to.
				actionGit(t, origin, "config", "uploadpack.allowAnySHA1InWant", "true")
				repo = filepath.Join(t.TempDir(), "checkout")
				actionGit(t, t.TempDir(), "clone", "-q", "--depth=1", "file://"+origin, repo)
				cmd := exec.Command("git", "cat-file", "-e", base+"^{commit}")
				cmd.Dir, cmd.Env = repo, actionEnviron()
				if cmd.Run() == nil {
					t.Fatal("the shallow clone already has the base commit")
				}
			}
			temp := t.TempDir()
			if err := os.Symlink(filepath.Join(built, "ally-bin"), filepath.Join(temp, "ally-bin")); err != nil {
				t.Fatal(err)
			}
			event := map[string]any{"pull_request": map[string]any{"base": map[string]string{"sha": base}, "head": map[string]string{"sha": head}}}
			if tc.event == "push" {
				before := base
				if tc.created {
					before = strings.Repeat("0", 40)
				}
				event = map[string]any{"ref": "refs/heads/main", "before": before, "after": head}
			}
			eventJSON, _ := json.Marshal(event)
			events := t.TempDir()
			c := &actionContext{
				actionPath: actionRepoRoot(t), workspace: repo, runnerTemp: temp, eventName: tc.event,
				eventPath: filepath.Join(events, "event.json"),
				output:    filepath.Join(events, "output"), summary: filepath.Join(events, "summary"),
				inputs: tc.inputs,
			}
			actionWriteFiles(t, events, map[string]string{"event.json": string(eventJSON), "output": "", "summary": ""})

			code, stdout, stderr := c.runStep(t, runStep)
			if code != tc.wantCode {
				t.Errorf("exit status %d, want %d", code, tc.wantCode)
			}
			var got []string
			for _, a := range parseActionAnnotations(stdout) {
				got = append(got, a.String())
				if a.file == policy && a.line == 4 && !strings.Contains(a.message, "manpower") {
					t.Errorf("annotation on %s:4 says %q, want it to name manpower", policy, a.message)
				}
				if a.file == policy && a.line == 3 && !strings.Contains(a.message, "chairman") {
					t.Errorf("annotation on %s:3 says %q, want it to name chairman", policy, a.message)
				}
			}
			if !slices.Equal(got, tc.wantAnnotations) {
				t.Errorf("annotations %q, want %q", got, tc.wantAnnotations)
			}
			if !strings.Contains(stderr, tc.wantStderr) {
				t.Errorf("standard error lacks %q", tc.wantStderr)
			}
			for _, want := range tc.wantStdout {
				if !strings.Contains(stdout, want) {
					t.Errorf("standard output lacks %q", want)
				}
			}

			outputs := readActionOutputs(t, c.output)
			if tc.wantCode == 2 && tc.wantFindings == "" {
				if outputs["findings"] != "" {
					t.Errorf("findings=%q after a usage error, want it empty", outputs["findings"])
				}
			} else if v, ok := outputs["findings"]; !ok || v != tc.wantFindings {
				t.Errorf("GITHUB_OUTPUT findings=%q (set: %v), want %q", v, ok, tc.wantFindings)
			}
			sarif, hasSarif := outputs["sarif-file"]
			if hasSarif != tc.wantSarif {
				t.Errorf("GITHUB_OUTPUT sets sarif-file: %v, want %v (%q)", hasSarif, tc.wantSarif, sarif)
			}
			if tc.wantSarif {
				if want := filepath.Join(temp, "ally.sarif"); sarif != want {
					t.Errorf("sarif-file=%q, want %q", sarif, want)
				}
				checkActionSarif(t, sarif, tc.wantFindings)
			}

			summary, err := os.ReadFile(c.summary)
			if err != nil {
				t.Fatal(err)
			}
			if tc.wantFindings != "" {
				n, _ := strconv.Atoi(tc.wantFindings)
				heading := "ally: " + tc.wantFindings + " problem"
				if n != 1 {
					heading += "s"
				}
				if !strings.Contains(string(summary), heading) {
					t.Errorf("job summary lacks %q:\n%s", heading, summary)
				}
			}
			if t.Failed() {
				// %q keeps ::workflow commands in the output from being
				// read as annotations when this test itself runs in Actions.
				t.Logf("stdout: %q\nstderr: %q", stdout, stderr)
			}
		})
	}
}

// checkActionSarif checks the SARIF file the action wrote: SARIF 2.1.0
// with the findings, all in docs/policy.md.
func checkActionSarif(t *testing.T, path, wantFindings string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("sarif-file: %v", err)
	}
	var log struct {
		Version string
		Runs    []struct {
			Results []struct {
				RuleID    string `json:"ruleId"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct {
							StartLine int `json:"startLine"`
						}
					} `json:"physicalLocation"`
				}
			}
		}
	}
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatalf("sarif-file is not JSON: %v", err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("sarif-file: version %q with %d runs, want 2.1.0 with 1", log.Version, len(log.Runs))
	}
	var got []string
	for _, r := range log.Runs[0].Results {
		for _, l := range r.Locations {
			got = append(got, r.RuleID+" "+l.PhysicalLocation.ArtifactLocation.URI+":"+strconv.Itoa(l.PhysicalLocation.Region.StartLine))
		}
	}
	if wantFindings == "1" && !slices.Equal(got, []string{"gender.manpower docs/policy.md:4"}) {
		t.Errorf("sarif-file results %q, want [gender.manpower docs/policy.md:4]", got)
	}
}
