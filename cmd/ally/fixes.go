package main

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/allylint/ally/fix"
	"github.com/allylint/ally/lint"
	"github.com/allylint/ally/parsers"
	"github.com/allylint/ally/report"
)

// fixer applies or shows the fixes of each result as lint emits it: with
// --format diff or --fix --dry-run it writes a unified diff, with --fix it
// rewrites the file and lints it again, so the report shows what is left.
type fixer struct {
	unsafe bool
	// write rewrites files (--fix without --dry-run); diff, when not nil,
	// receives the fixes as a unified diff (--format diff, --dry-run).
	write  bool
	diff   io.Writer
	stderr io.Writer
	// fixes and files count what was applied (or shown), for the closing
	// note.
	fixes, files int
}

func newFixer(opts *lintOptions, diff, stderr io.Writer) *fixer {
	return &fixer{unsafe: opts.fixUnsafe, write: opts.fix && !opts.dryRun, diff: diff, stderr: stderr}
}

// handle applies the fixes of one result and returns the result to report.
func (fx *fixer) handle(r report.Result, plan filePlan) (report.Result, error) {
	if r.Err != nil || r.File == nil {
		return r, nil
	}
	edits := lint.Fixes(r.Findings, fx.unsafe)
	if len(edits) == 0 || fix.Unchanged(r.File.Src, edits) {
		return r, nil
	}
	fixed, err := fix.Apply(r.File.Src, edits)
	if err != nil {
		return r, fmt.Errorf("%s: %w", r.Path, err)
	}
	if fx.diff != nil {
		var err error
		if r.Rewritable() {
			err = fix.Diff(fx.diff, diffPath(r.Path), r.File.Src, fixed)
		} else {
			label := fmt.Sprintf("%s (text extracted by ally", r.Path)
			err = fix.DiffLabelled(fx.diff, label+")", label+", fixed; not applied: ally does not rewrite "+kindOf(r)+" files)", r.File.Src, fixed)
		}
		if err != nil || !fx.write {
			fx.fixes += len(edits)
			fx.files++
			return r, err
		}
	}
	if !r.Rewritable() {
		fmt.Fprintf(fx.stderr, "ally: %s: not fixed: ally does not rewrite %s files; `ally lint --format diff %s` shows the fixes\n", r.Path, kindOf(r), r.Path)
		return r, nil
	}
	if err := fix.WriteFile(r.Path, fixed); err != nil {
		return r, fmt.Errorf("%s: writing the fixes: %w", r.Path, unwrapPathError(err))
	}
	fx.fixes += len(edits)
	fx.files++
	fmt.Fprintf(fx.stderr, "ally: %s: fixed %s\n", r.Path, plural(len(edits), "problem"))
	// Report what is left, from the file as it now is.
	return analyze(plan.linter, input{path: r.Path, format: parsers.Format(r.Format)}, fixed, plan.profile, nil), nil
}

// finish writes the closing note for a diff.
func (fx *fixer) finish() {
	if !fx.write && fx.diff != nil && fx.files > 0 {
		fmt.Fprintf(fx.stderr, "ally: %s in %s (apply the diff with git apply or patch -p1)\n", plural(fx.fixes, "fix"), plural(fx.files, "file"))
	}
}

func kindOf(r report.Result) string {
	switch parsers.Format(r.Format) {
	case parsers.FormatPDF:
		return "PDF"
	case parsers.FormatDOCX:
		return "Word"
	case parsers.FormatHTML:
		return "HTML"
	}
	return r.Format
}

// diffPath is the file's path as a diff names it: slash-separated and
// clean, relative to where ally runs, which is where git apply or
// patch -p1 must run too.
func diffPath(path string) string {
	return filepath.ToSlash(filepath.Clean(path))
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if noun == "fix" {
		return fmt.Sprintf("%d fixes", n)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
