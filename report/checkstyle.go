package report

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"

	"github.com/allylint/ally/lint"
)

// Checkstyle XML, the format many CI tools read (Jenkins Warnings NG,
// reviewdog -f=checkstyle, danger-checkstyle_format). Every file linted gets
// a <file> element, so a consumer can also clear what a fixed file used to
// have; each finding is an <error> with source "ally.RULE-ID". As
// Checkstyle itself does for problems of a whole file, line is 0 and
// column is left out when there is no place in the file to point at (a
// document-level finding, or one in text extracted from a PDF or DOCX,
// whose message then starts with its page or paragraph). Columns count
// characters, as Checkstyle's do. encoding/xml escapes every attribute, so
// no message or file name can break the document.
//
// The printer streams, one <file> element per call.

type checkstyleFile struct {
	XMLName xml.Name          `xml:"file"`
	Name    string            `xml:"name,attr"`
	Errors  []checkstyleError `xml:"error"`
}

type checkstyleError struct {
	Line     int    `xml:"line,attr"`
	Column   int    `xml:"column,attr,omitempty"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}

type checkstylePrinter struct {
	w       io.Writer
	started bool
	err     error
}

// NewCheckstyle returns a Printer that writes Checkstyle XML.
func NewCheckstyle(w io.Writer) Printer { return &checkstylePrinter{w: w} }

func (p *checkstylePrinter) head() {
	if !p.started {
		p.started = true
		p.write(xml.Header + `<checkstyle version="4.3">` + "\n")
	}
}

// File implements Printer.
func (p *checkstylePrinter) File(r Result) error {
	p.head()
	cf := checkstyleFile{Name: r.Path}
	if r.Err != nil {
		cf.Errors = append(cf.Errors, checkstyleError{Severity: "error", Message: r.Err.Error(), Source: "ally." + fileErrorID})
	}
	for _, f := range r.Findings {
		ce := checkstyleError{Severity: f.Severity.String(), Message: checkstyleMessage(r, f), Source: "ally." + f.Rule.ID}
		if located(r, f) {
			pos := r.File.Position(f.Start)
			ce.Line, ce.Column = pos.Line, pos.Column
		}
		cf.Errors = append(cf.Errors, ce)
	}
	var buf bytes.Buffer
	enc := xml.NewEncoder(&buf)
	enc.Indent("  ", "  ")
	if err := enc.Encode(cf); err != nil {
		if p.err == nil {
			p.err = err
		}
		return p.err
	}
	p.write(buf.String() + "\n")
	return p.err
}

// checkstyleMessage is the finding's message on one line, with the
// suggestions after it.
func checkstyleMessage(r Result, f lint.Finding) string {
	msg := withTry(extractedPrefix(r, f)+f.Message, f.Suggestions, " ")
	return strings.Join(strings.Fields(msg), " ")
}

// Finish implements Printer.
func (p *checkstylePrinter) Finish() error {
	p.head()
	p.write("</checkstyle>\n")
	return p.err
}

func (p *checkstylePrinter) write(s string) {
	if p.err == nil {
		_, p.err = io.WriteString(p.w, s)
	}
}
