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
		if r.Err != nil {
			continue
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
	return s
}

// Tool identifies the program in machine-readable output.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}
