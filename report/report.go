// Package report prints lint results. Every printer is a pure function of
// the sorted results it is given and returns the writer's errors; none of
// them matches text or decides exit codes.
package report

import (
	"github.com/allylint/ally/lint"
	"github.com/allylint/ally/parsers"
	"github.com/allylint/ally/rules"
)

// Result is what linting one file produced.
type Result struct {
	// Path is the file's name as the user gave it ("-" reads as the
	// --stdin-filename, or "<stdin>").
	Path string
	// File is nil when the file could not be read.
	File     *parsers.File
	Format   string
	Profile  string
	Findings []lint.Finding
	// Metrics is nil when the file was not measured.
	Metrics *lint.Metrics
	// Err is set when the file could not be read or parsed; such a file
	// has no findings and makes ally exit with status 2.
	Err error
	// Notices say how the file was read when something was lost on the
	// way (a PDF page whose text could not be extracted).
	Notices []string
}

// Rewritable reports whether ally may write fixes into the file: Markdown
// and plain text are the sources people edit; a PDF or DOCX is read
// through extracted text, and HTML is usually generated from something
// else.
func (r Result) Rewritable() bool {
	f := parsers.Format(r.Format)
	return (f == parsers.FormatMarkdown || f == parsers.FormatText) && r.File != nil && !r.File.Extracted
}

// Summary counts findings by severity over all results.
type Summary struct {
	Files    int `json:"files"`
	Findings int `json:"findings"`
	Error    int `json:"error"`
	Warning  int `json:"warning"`
	Info     int `json:"info"`
}

// Summarize counts the files that were linted and their findings.
func Summarize(results []Result) Summary {
	var s Summary
	for _, r := range results {
		s.Add(r)
	}
	return s
}

// Add counts one more result; a file that could not be read is not
// counted.
func (s *Summary) Add(r Result) {
	if r.Err != nil {
		return
	}
	s.Files++
	for _, f := range r.Findings {
		s.Findings++
		switch f.Severity {
		case rules.SeverityError:
			s.Error++
		case rules.SeverityWarning:
			s.Warning++
		case rules.SeverityInfo:
			s.Info++
		}
	}
}

// Printer writes results one file at a time, in the order given, so a run
// over thousands of files never holds them all; Finish ends the output
// with the summary.
type Printer interface {
	File(r Result) error
	Finish() error
}

func printAll(p Printer, results []Result) error {
	for _, r := range results {
		if err := p.File(r); err != nil {
			return err
		}
	}
	return p.Finish()
}

// Tool identifies the program in machine-readable output.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}
