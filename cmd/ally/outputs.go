package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/allylint/ally"
	"github.com/allylint/ally/lint"
	"github.com/allylint/ally/report"
)

// formats are the values --format takes.
var formats = []string{"text", "json", "diff", "sarif", "github", "rdjson", "checkstyle", "gitlab", "markdown", "html"}

// output is one --format F[=FILE]: a format and where it goes ("" for
// standard output).
type output struct {
	format, file string
}

// outputsFlag collects repeated --format flags.
type outputsFlag []output

func (o *outputsFlag) String() string { return "" }

func (o *outputsFlag) Set(v string) error {
	name, file, _ := strings.Cut(v, "=")
	if !slices.Contains(formats, name) {
		return fmt.Errorf("unknown format %q: use %s", name, strings.Join(formats, ", "))
	}
	if strings.Contains(v, "=") && file == "" {
		return fmt.Errorf("--format %s=: the file name is empty", name)
	}
	*o = append(*o, output{name, file})
	return nil
}

// checkOutputs rejects two formats on standard output, which would
// interleave.
func checkOutputs(outs []output) error {
	var toStdout []string
	for _, o := range outs {
		if o.file == "" {
			toStdout = append(toStdout, o.format)
		}
	}
	if len(toStdout) > 1 {
		return fmt.Errorf("--format %s all write to standard output; give all but one a file (--format %s=FILE)", strings.Join(toStdout, ", "), toStdout[1])
	}
	return nil
}

// sinks are the open outputs of one run: the printers for reports and the
// writer for the diff, each on standard output or its own file.
type sinks struct {
	printers []report.Printer
	diff     io.Writer // nil when no diff is asked for
	files    []*os.File
}

// openSinks creates the files and printers the --format flags ask for.
// A text report on standard output is coloured when the terminal allows;
// in a file it is not.
func openSinks(outs []output, stdout io.Writer, env environment, linter *lint.Linter) (*sinks, error) {
	s := &sinks{}
	for _, o := range outs {
		w := stdout
		color := env.color
		if o.file != "" {
			f, err := os.Create(o.file)
			if err != nil {
				s.close()
				return nil, fmt.Errorf("--format %s=%s: %w", o.format, o.file, unwrapPathError(err))
			}
			s.files = append(s.files, f)
			w, color = f, false
		}
		if o.format == "diff" {
			s.diff = w
			continue
		}
		s.printers = append(s.printers, newPrinter(o.format, w, color, linter))
	}
	return s, nil
}

func newPrinter(format string, w io.Writer, color bool, linter *lint.Linter) report.Printer {
	tool := report.Tool{Name: "ally", Version: ally.Version}
	switch format {
	case "json":
		return report.NewJSON(w, tool)
	case "sarif":
		return report.NewSARIF(w, tool, linter.Rules())
	case "github":
		return report.NewGitHub(w)
	case "rdjson":
		return report.NewRDJSON(w)
	case "checkstyle":
		return report.NewCheckstyle(w)
	case "gitlab":
		return report.NewGitLab(w)
	case "markdown":
		return report.NewMarkdownSummary(w)
	case "html":
		return report.NewHTML(w, tool)
	}
	return report.NewText(w, report.TextOptions{Color: color})
}

// file hands one result to every printer; the first error is kept.
func (s *sinks) file(r report.Result) error {
	var errs []error
	for _, p := range s.printers {
		errs = append(errs, p.File(r))
	}
	return errors.Join(errs...)
}

// finish ends every report and closes the files.
func (s *sinks) finish() error {
	var errs []error
	for _, p := range s.printers {
		errs = append(errs, p.Finish())
	}
	return errors.Join(append(errs, s.close())...)
}

func (s *sinks) close() error {
	var errs []error
	for _, f := range s.files {
		errs = append(errs, f.Close())
	}
	return errors.Join(errs...)
}
