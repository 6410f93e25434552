package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"

	"github.com/allylint/ally"
	"github.com/allylint/ally/lint"
	"github.com/allylint/ally/parsers"
	"github.com/allylint/ally/report"
	"github.com/allylint/ally/rules"
)

const lintUsage = `Usage: ally lint [flags] PATH...

Lints Markdown (.md, .markdown, .mdx) and plain-text (.txt) files. Directories
are searched recursively; "-" reads standard input. Works with no
configuration: the built-in rules are used unless --no-default-rules.

Exit status: 0 when nothing is at or above --fail-on, 1 when something is,
2 for a usage or configuration error or a file that could not be read.

Examples:
  ally lint job-post.md
  ally lint --format json handbook/ > findings.json
  ally lint --only exclusionary --fail-on error policies/
  ally lint --rules our-terms.yaml --disable plain-language docs/
  pbpaste | ally lint --stdin-filename post.md -
  ally lint --limit plain-language.long-sentence=30 --limit job-post.years-experience=8 post.md
`

// lintOptions are the parsed flags of `ally lint`.
type lintOptions struct {
	rules     ruleOptions
	format    string
	profile   string
	failOn    string
	stdinName string
	paths     []string
}

func parseLintFlags(args []string, stderr io.Writer) (*lintOptions, error) {
	o := &lintOptions{}
	fs := newFlagSet("lint", lintUsage, stderr)
	fs.StringVar(&o.format, "format", "text", "output `format`: text or json")
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
	switch {
	case len(o.paths) == 0:
		return nil, errors.New("no files to lint: give one or more paths, or - for standard input")
	case o.format != "text" && o.format != "json":
		return nil, fmt.Errorf("unknown --format %q: use text or json", o.format)
	case o.profile != "auto" && o.profile != rules.ProfileJobPost && o.profile != rules.ProfilePolicy && o.profile != rules.ProfileGeneral:
		return nil, fmt.Errorf("unknown --profile %q: use auto, job-post, policy or general", o.profile)
	}
	if _, ok := failThreshold(o.failOn); !ok {
		return nil, fmt.Errorf("unknown --fail-on %q: use error, warning, info or none", o.failOn)
	}
	return o, nil
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
	linter, err := loadRules(opts.rules)
	if err != nil {
		fmt.Fprintf(stderr, "ally: %v\n", err)
		return exitError
	}
	inputs, inputErrs := collectInputs(opts.paths, opts.stdinName)
	status := exitOK
	for _, e := range inputErrs {
		fmt.Fprintf(stderr, "ally: %v\n", e)
		status = exitError
	}
	results := lintAll(linter, inputs, stdin, opts.profile)
	for _, r := range results {
		if r.Err != nil {
			fmt.Fprintf(stderr, "ally: %v\n", r.Err)
			if !errors.Is(r.Err, parsers.ErrBinary) {
				status = exitError
			}
		}
	}
	results = withoutSkipped(results)
	if err := printResults(stdout, opts.format, results, env); err != nil {
		fmt.Fprintf(stderr, "ally: writing output: %v\n", err)
		return exitError
	}
	if status == exitOK && failed(results, opts.failOn) {
		status = exitFindings
	}
	return status
}

// withoutSkipped drops binary files, which were skipped with a note rather
// than failing.
func withoutSkipped(results []report.Result) []report.Result {
	out := results[:0]
	for _, r := range results {
		if !errors.Is(r.Err, parsers.ErrBinary) {
			out = append(out, r)
		}
	}
	return out
}

func printResults(w io.Writer, format string, results []report.Result, env environment) error {
	if format == "json" {
		return report.JSON(w, report.Tool{Name: "ally", Version: ally.Version}, results)
	}
	return report.Text(w, results, report.TextOptions{Color: env.color})
}

func failed(results []report.Result, failOn string) bool {
	threshold, _ := failThreshold(failOn)
	if threshold == 0 {
		return false
	}
	for _, r := range results {
		for _, f := range r.Findings {
			if f.Severity >= threshold {
				return true
			}
		}
	}
	return false
}

// lintAll lints the inputs on GOMAXPROCS workers. Results are stored by
// index, so the output order is the input order whatever finishes first.
func lintAll(l *lint.Linter, inputs []input, stdin io.Reader, profile string) []report.Result {
	results := make([]report.Result, len(inputs))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(1, len(inputs))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				results[i] = lintOne(l, inputs[i], stdin, profile)
			}
		}()
	}
	for i := range inputs {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return results
}

func lintOne(l *lint.Linter, in input, stdin io.Reader, profile string) (res report.Result) {
	res = report.Result{Path: in.path, Format: string(in.format), Profile: profile}
	defer func() {
		// One broken file must never stop the others: a panic in a parser
		// is a bug, reported against that file alone.
		if v := recover(); v != nil {
			res.Findings = nil
			res.Err = fmt.Errorf("%s: internal error (please report this bug): %v", in.path, v)
		}
	}()
	var src []byte
	var err error
	if in.stdin {
		src, err = io.ReadAll(stdin)
	} else {
		src, err = os.ReadFile(in.path)
	}
	if err != nil {
		res.Err = fmt.Errorf("%s: %w", in.path, unwrapPathError(err))
		return res
	}
	res.File = parsers.NewFile(in.path, src)
	parser, err := parsers.New(in.format, parsers.Options{})
	if err != nil {
		res.Err = fmt.Errorf("%s: %w", in.path, err)
		return res
	}
	doc, err := parser.Parse(res.File)
	if err != nil {
		res.Err = err
		return res
	}
	if profile == "auto" {
		res.Profile = lint.DetectProfile(doc)
	}
	findings, metrics := l.Analyze(doc, res.Profile)
	res.Findings, res.Metrics = findings, &metrics
	return res
}
