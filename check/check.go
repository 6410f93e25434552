// Package check lints one document end to end, the same way for every
// front end (the CLI, the web server): parse it in its format, pick the
// profile, run the rules and the metrics, and apply its inline
// suppressions.
package check

import (
	"errors"
	"fmt"

	"github.com/allylint/ally/lint"
	"github.com/allylint/ally/parsers"
	"github.com/allylint/ally/report"
	"github.com/allylint/ally/suppress"
)

// ErrInternal marks a result whose document made ally panic: a bug in
// ally, not a problem with the document.
var ErrInternal = errors.New("internal error (please report this bug)")

// Document parses src, named name, as format and lints it with l under
// profile ("auto" detects it). A document that cannot be read gives a
// result with Err set and no findings; so does a panic, which must never
// stop the other documents, with Err wrapping ErrInternal. Progress may be
// nil.
func Document(l *lint.Linter, name string, format parsers.Format, src []byte, profile string, progress func(done, total int)) (res report.Result) {
	res = report.Result{Path: name, Format: string(format), Profile: profile}
	defer func() {
		if v := recover(); v != nil {
			res = report.Result{Path: name, Format: string(format), Profile: profile,
				Err: fmt.Errorf("%s: %w: %v", name, ErrInternal, v)}
		}
	}()
	parser, err := parsers.New(format, parsers.Options{Progress: progress})
	if err != nil {
		res.Err = fmt.Errorf("%s: %w", name, err)
		return res
	}
	doc, err := parser.Parse(parsers.NewFile(name, src))
	if err != nil {
		res.Err = err
		return res
	}
	// For a PDF or DOCX, the file the findings point into is the text
	// extracted from it.
	res.File, res.Notices = doc.File, doc.Notices
	if profile == "auto" {
		res.Profile = lint.DetectProfile(doc)
	}
	findings, metrics := l.Analyze(doc, res.Profile)
	res.Findings, res.Metrics = suppress.Apply(doc, findings), &metrics
	return res
}
