package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"

	"github.com/allylint/ally/changes"
	"github.com/allylint/ally/check"
	"github.com/allylint/ally/lint"
	"github.com/allylint/ally/parsers"
	"github.com/allylint/ally/report"
	"github.com/allylint/ally/rules"
)

const lintUsage = `Usage: ally lint [flags] PATH...

Lints Markdown (.md, .markdown, .mdx), plain-text (.txt), HTML (.html, .htm,
.xhtml), PDF (.pdf) and Word (.docx) files. Directories are searched
recursively; "-" reads standard input. Works with no configuration: the
built-in rules are used unless --no-default-rules.

Findings in a PDF are located by page, line and column of the extracted text
(handbook.pdf:p12:5:3); in a Word file by paragraph and column
(handbook.docx:para14:3).

Exit status: 0 when nothing is at or above --fail-on, 1 when something is,
2 for a usage or configuration error or a file that could not be read.

Examples:
  ally lint job-post.md
  ally lint handbook.pdf handbook.docx post.html
  ally lint --format json handbook/ > findings.json
  ally lint --only exclusionary --fail-on error policies/
  ally lint --rules our-terms.yaml --disable plain-language docs/
  pbpaste | ally lint --stdin-filename post.md -
  ally lint --limit plain-language.long-sentence=30 --limit job-post.years-experience=8 post.md
  ally lint --fix docs/                       # apply the safe fixes, report the rest
  ally lint --format diff --fail-on none docs/ > fixes.diff
  ally lint --diff-base origin/main --format github --format sarif=ally.sarif docs/
`

// lintOptions are the parsed flags of `ally lint`.
type lintOptions struct {
	rules     ruleOptions
	outputs   []output
	profile   string
	failOn    string
	stdinName string
	paths     []string
	// fix writes safe fixes into the files; fixUnsafe adds the fixes that
	// need a person; dryRun prints the diff --fix would apply instead.
	fix, fixUnsafe, dryRun bool
	// diffBase and diffFile limit the report to changed lines; diffDocs
	// keeps document-level findings of changed files that are not new.
	diffBase, diffFile string
	diffDocs           bool
	// baseline hides the findings recorded in that file; writeBaseline
	// records this run's findings in one.
	baseline, writeBaseline string
	// config names the .ally.yaml to use instead of searching for one;
	// noConfig ignores them all.
	config   string
	noConfig bool
	// set records the flags given on the command line, which win over
	// a config's settings.
	set map[string]bool
}

func parseLintFlags(args []string, stderr io.Writer) (*lintOptions, error) {
	o := &lintOptions{}
	fs := newFlagSet("lint", lintUsage, stderr)
	fs.Var((*outputsFlag)(&o.outputs), "format", "output `F[=FILE]`, repeatable: text, json, diff (the fixes, for git apply), html (a report for people), sarif, github (annotations), rdjson (reviewdog), checkstyle, gitlab (code quality) or markdown (a job summary); to standard output, or to FILE")
	fs.BoolVar(&o.fix, "fix", false, "apply the safe fixes to Markdown and text files in place, then report what is left")
	fs.BoolVar(&o.fixUnsafe, "fix-unsafe", false, "with --fix or --format diff, apply every fixable finding's first suggestion, also those a person should check")
	fs.BoolVar(&o.dryRun, "dry-run", false, "with --fix, print the diff instead of changing files")
	fs.StringVar(&o.diffBase, "diff-base", "", "report only findings on lines added or changed since git `REF` (the whole files are still read)")
	fs.StringVar(&o.diffFile, "diff-file", "", "report only findings on lines a unified diff in `PATCH` adds or changes (paths relative to the current directory)")
	fs.StringVar(&o.baseline, "baseline", "", "report only findings that are not in the baseline `FILE` (see --write-baseline)")
	fs.StringVar(&o.writeBaseline, "write-baseline", "", "record this run's findings in `FILE`, to pass to --baseline later")
	fs.StringVar(&o.config, "config", "", "use the configuration in `FILE` instead of the nearest .ally.yaml")
	fs.BoolVar(&o.noConfig, "no-config", false, "ignore .ally.yaml files")
	fs.BoolVar(&o.diffDocs, "diff-doc-findings", false, "with --diff-base or --diff-file, also report document-level findings (no pay range, ...) for changed files that are not new")
	fs.Var((*repeatFlag)(&o.rules.files), "rules", "add the rules in `FILE` (repeatable); a rule with a built-in id replaces it")
	fs.BoolVar(&o.rules.noDefaults, "no-default-rules", false, "do not use the built-in rules")
	fs.Var((*listFlag)(&o.rules.only), "only", "run only rules whose id or category matches (globs allowed, comma-separated, repeatable)")
	fs.Var((*listFlag)(&o.rules.disable), "disable", "skip rules whose id or category matches (globs allowed, comma-separated, repeatable)")
	fs.StringVar(&o.profile, "profile", "auto", "document `profile`: job-post, policy, general, or auto to detect it per file")
	fs.StringVar(&o.failOn, "fail-on", "warning", "exit 1 when a finding has this `severity` or worse: error, warning, info or none")
	fs.StringVar(&o.stdinName, "stdin-filename", "<stdin>", "`name` for standard input in output; its extension picks the format")
	o.rules.limits = map[string]int{}
	fs.Var(limitFlag(o.rules.limits), "limit", "set a check's threshold, `RULE=N` (repeatable), e.g. job-post.too-many-requirements=12")
	paths, err := parseInterleaved(fs, args)
	if err != nil {
		return nil, err
	}
	o.paths = paths
	o.set = map[string]bool{}
	fs.Visit(func(f *flag.Flag) { o.set[f.Name] = true })
	switch {
	case o.config != "" && o.noConfig:
		return nil, errors.New("--config and --no-config contradict each other; give one")
	case len(o.paths) == 0:
		return nil, errors.New("no files to lint: give one or more paths, or - for standard input")
	case o.dryRun && !o.fix:
		return nil, errors.New("--dry-run goes with --fix (it prints the diff --fix would apply)")
	case o.fixUnsafe && !o.fix && !o.wantsDiff():
		return nil, errors.New("--fix-unsafe goes with --fix or --format diff")
	case o.diffBase != "" && o.diffFile != "":
		return nil, errors.New("--diff-base and --diff-file both say what changed; give one")
	case o.diffDocs && o.diffBase == "" && o.diffFile == "":
		return nil, errors.New("--diff-doc-findings goes with --diff-base or --diff-file")
	case o.fix && slices.Contains(o.paths, "-"):
		return nil, errors.New("--fix cannot rewrite standard input; use --format diff to see the fixes")
	case o.profile != "auto" && o.profile != rules.ProfileJobPost && o.profile != rules.ProfilePolicy && o.profile != rules.ProfileGeneral:
		return nil, fmt.Errorf("unknown --profile %q: use auto, job-post, policy or general", o.profile)
	}
	if len(o.outputs) == 0 {
		o.outputs = []output{{format: "text"}}
		if o.dryRun {
			o.outputs = []output{{format: "diff"}}
		}
	}
	if err := checkOutputs(o.outputs); err != nil {
		return nil, err
	}
	if _, ok := failThreshold(o.failOn); !ok {
		return nil, fmt.Errorf("unknown --fail-on %q: use error, warning, info or none", o.failOn)
	}
	return o, nil
}

// loadChanges reads what changed, for --diff-base or --diff-file; nil when
// neither was given.
func loadChanges(o *lintOptions) (*changes.Set, error) {
	switch {
	case o.diffBase != "":
		dir := "."
		for _, p := range o.paths {
			if p != "-" {
				if info, err := os.Stat(p); err == nil && !info.IsDir() {
					p = filepath.Dir(p)
				}
				dir = p
				break
			}
		}
		return changes.FromGit(dir, o.diffBase)
	case o.diffFile != "":
		f, err := os.Open(o.diffFile)
		if err != nil {
			return nil, fmt.Errorf("--diff-file: %w", err)
		}
		defer f.Close()
		set, err := changes.Parse(f, ".")
		if err != nil {
			return nil, fmt.Errorf("--diff-file %s: %w", o.diffFile, err)
		}
		return set, nil
	}
	return nil, nil
}

// wantsDiff reports whether a --format diff was asked for.
func (o *lintOptions) wantsDiff() bool {
	return slices.ContainsFunc(o.outputs, func(out output) bool { return out.format == "diff" })
}

// failThreshold returns the least severity that fails the run; 0 for none.
func failThreshold(s string) (rules.Severity, bool) {
	if s == "none" {
		return 0, true
	}
	return rules.ParseSeverity(s)
}

func runLint(args []string, stdin io.Reader, stdout, stderr io.Writer, env environment) int {
	opts, err := parseLintFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "ally lint: %v\nRun \"ally help lint\" for usage.\n", err)
		return exitError
	}
	inputs, inputErrs := collectInputs(opts.paths, opts.stdinName)
	status := exitOK
	for _, e := range inputErrs {
		fmt.Fprintf(stderr, "ally: %v\n", e)
		status = exitError
	}
	inputs, plans, err := newPlanner(opts).planAll(inputs)
	if err != nil {
		fmt.Fprintf(stderr, "ally: %v\n", err)
		return exitError
	}
	// The rules a report lists (SARIF's tool.driver.rules): those of the
	// first file's plan, or the command line's when nothing is linted.
	var linter *lint.Linter
	if len(plans) > 0 {
		linter = plans[0].linter
	} else if linter, err = loadRules(opts.rules); err != nil {
		fmt.Fprintf(stderr, "ally: %v\n", err)
		return exitError
	}
	changed, err := loadChanges(opts)
	if err != nil {
		fmt.Fprintf(stderr, "ally: %v\n", err)
		return exitError
	}
	var known baseline
	if opts.baseline != "" {
		if known, err = loadBaseline(opts.baseline); err != nil {
			fmt.Fprintf(stderr, "ally: %v\n", err)
			return exitError
		}
	}
	var record *baselineWriter
	if opts.writeBaseline != "" {
		record = &baselineWriter{path: opts.writeBaseline}
	}
	// keep drops what the report should not show: findings the baseline
	// has (counted on the whole file, before anything else is dropped,
	// as they were recorded) and findings on lines the change did not
	// touch.
	keep := func(r report.Result) report.Result {
		r = known.filter(r)
		if changed != nil && r.File != nil {
			r.Findings = changed.Filter(r.Path, r.File, r.Findings, opts.diffDocs)
		}
		return r
	}
	out, err := openSinks(opts.outputs, stdout, env, linter)
	if err != nil {
		fmt.Fprintf(stderr, "ally: %v\n", err)
		return exitError
	}
	var fixer *fixer
	if opts.fix || out.diff != nil {
		fixer = newFixer(opts, out.diff, stderr)
	}
	var failing bool
	var writeErr error
	progress := newProgress(stderr, env.stderrTerminal)
	lintAll(inputs, plans, stdin, progress, func(plan filePlan, r report.Result) {
		for _, n := range r.Notices {
			fmt.Fprintf(stderr, "ally: warning: %s: %s\n", r.Path, n)
		}
		if r.Err != nil {
			fmt.Fprintf(stderr, "ally: %v\n", r.Err)
			if errors.Is(r.Err, parsers.ErrBinary) {
				return // skipped with a note, not a failure
			}
			status = exitError
		}
		if record != nil {
			record.add(r)
		}
		r = keep(r)
		if fixer != nil {
			var err error
			if r, err = fixer.handle(r, plan); err != nil {
				fmt.Fprintf(stderr, "ally: %v\n", err)
				status = exitError
			}
			r = keep(r) // a fixed file was linted again
		}
		failing = failing || hasFailing(r, plan.failOn)
		if writeErr == nil {
			writeErr = out.file(r)
		}
	})
	if err := out.finish(); writeErr == nil {
		writeErr = err
	}
	if fixer != nil {
		fixer.finish()
	}
	if record != nil {
		if err := record.write(); err != nil {
			fmt.Fprintf(stderr, "ally: %v\n", err)
			return exitError
		}
		fmt.Fprintf(stderr, "ally: wrote %s to %s\n", plural(len(record.entries), "finding"), opts.writeBaseline)
	}
	if writeErr != nil {
		fmt.Fprintf(stderr, "ally: writing output: %v\n", writeErr)
		return exitError
	}
	if status == exitOK && failing {
		status = exitFindings
	}
	return status
}

// hasFailing reports whether a result has a finding at or above the
// threshold (0 means nothing fails).
func hasFailing(r report.Result, threshold rules.Severity) bool {
	if threshold == 0 {
		return false
	}
	for _, f := range r.Findings {
		if f.Severity >= threshold {
			return true
		}
	}
	return false
}

// lintAll lints the inputs on GOMAXPROCS workers, each with its plan, and
// hands each result to emit in input order, whatever finishes first.
// Workers run at most a few files ahead of emit, so memory holds a handful
// of documents at a time, not the whole run.
func lintAll(inputs []input, plans []filePlan, stdin io.Reader, progress *progress, emit func(filePlan, report.Result)) {
	workers := min(runtime.GOMAXPROCS(0), max(1, len(inputs)))
	ahead := make(chan struct{}, 2*workers)
	done := make([]chan report.Result, len(inputs))
	for i := range done {
		done[i] = make(chan report.Result, 1)
	}
	jobs := make(chan int)
	for range workers {
		go func() {
			for i := range jobs {
				done[i] <- lintOne(plans[i].linter, inputs[i], stdin, plans[i].profile, progress)
			}
		}()
	}
	go func() {
		for i := range inputs {
			ahead <- struct{}{}
			jobs <- i
		}
		close(jobs)
	}()
	for i := range inputs {
		emit(plans[i], <-done[i])
		<-ahead
	}
}

func lintOne(l *lint.Linter, in input, stdin io.Reader, profile string, progress *progress) (res report.Result) {
	var src []byte
	var err error
	if in.stdin {
		src, err = io.ReadAll(stdin)
	} else {
		src, err = os.ReadFile(in.path)
	}
	if err != nil {
		return report.Result{Path: in.path, Format: string(in.format), Profile: profile, Err: fmt.Errorf("%s: %w", in.path, unwrapPathError(err))}
	}
	track := progress.track(in.path)
	defer track.done()
	return analyze(l, in, src, profile, track.update)
}

// analyze parses and lints one document's bytes. Progress may be nil.
func analyze(l *lint.Linter, in input, src []byte, profile string, progress func(done, total int)) report.Result {
	return check.Document(l, in.path, in.format, src, profile, progress)
}
