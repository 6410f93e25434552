package report

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/allylint/ally/rules"
)

// Reviewdog Diagnostic Format as one JSON document ("rdjson", the
// DiagnosticResult message of reviewdog/proto/rdf/reviewdog.proto), for
// `reviewdog -f=rdjson`. Per the proto: lines and columns are 1-based,
// columns count UTF-8 bytes (not characters), and a range's end is
// exclusive. Every finding with a fix in a file ally may rewrite carries it
// as a suggestion, safe or not: reviewdog posts suggestions as changes a
// person accepts. Findings without a place in the file (about the whole
// document, or in text extracted from a PDF or DOCX) have a path and no
// range; the latter say where they are at the start of the message.
//
// The printer streams: the head on the first call, one diagnostic per
// finding as files come, the end in Finish.

type rdResult struct {
	Source      rdSource       `json:"source"`
	Diagnostics []rdDiagnostic `json:"diagnostics"`
}

type rdSource struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type rdDiagnostic struct {
	Message     string         `json:"message"`
	Location    rdLocation     `json:"location"`
	Severity    string         `json:"severity"`
	Source      rdSource       `json:"source"`
	Code        rdCode         `json:"code"`
	Suggestions []rdSuggestion `json:"suggestions,omitempty"`
}

type rdLocation struct {
	Path  string   `json:"path"`
	Range *rdRange `json:"range,omitempty"`
}

type rdRange struct {
	Start rdPosition `json:"start"`
	End   rdPosition `json:"end"`
}

type rdPosition struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

type rdCode struct {
	Value string `json:"value"`
	URL   string `json:"url,omitempty"`
}

type rdSuggestion struct {
	Range rdRange `json:"range"`
	Text  string  `json:"text"`
}

type rdjsonPrinter struct {
	w       io.Writer
	started bool
	n       int
	err     error
}

// NewRDJSON returns a Printer that writes reviewdog's rdjson.
func NewRDJSON(w io.Writer) Printer { return &rdjsonPrinter{w: w} }

func rdSeverity(s rules.Severity) string {
	switch s {
	case rules.SeverityError:
		return "ERROR"
	case rules.SeverityWarning:
		return "WARNING"
	}
	return "INFO"
}

func (p *rdjsonPrinter) head() {
	if p.started {
		return
	}
	p.started = true
	src, _ := json.Marshal(rdSource{Name: "ally", URL: projectURL})
	p.write(`{"source":` + string(src) + `,"diagnostics":[`)
}

// File implements Printer.
func (p *rdjsonPrinter) File(r Result) error {
	p.head()
	path := repoPath(r.Path)
	if r.Err != nil {
		p.diagnostic(rdDiagnostic{Message: r.Err.Error(), Location: rdLocation{Path: path}, Severity: "ERROR",
			Source: rdSource{Name: "ally"}, Code: rdCode{Value: fileErrorID}})
		return p.err
	}
	var x lineIndex
	if len(r.Findings) > 0 {
		x = newLineIndex(r.File.Src)
	}
	for _, f := range r.Findings {
		d := rdDiagnostic{
			Message:  withTry(extractedPrefix(r, f)+f.Message, f.Suggestions, "\n"),
			Location: rdLocation{Path: path}, Severity: rdSeverity(f.Severity),
			Source: rdSource{Name: "ally"}, Code: rdCode{Value: f.Rule.ID, URL: helpURL(f.Rule)},
		}
		if located(r, f) {
			rg := rdRangeOf(x, f.Start, f.End)
			d.Location.Range = &rg
		}
		if f.Fix != nil && r.Rewritable() {
			d.Suggestions = []rdSuggestion{{Range: rdRangeOf(x, f.Fix.Start, f.Fix.End), Text: f.Fix.Replacement}}
		}
		p.diagnostic(d)
	}
	return p.err
}

func rdRangeOf(x lineIndex, from, to int) rdRange {
	return rdRange{
		Start: rdPosition{Line: x.line(from), Column: x.byteColumn(from)},
		End:   rdPosition{Line: x.line(to), Column: x.byteColumn(to)},
	}
}

func (p *rdjsonPrinter) diagnostic(d rdDiagnostic) {
	if p.n > 0 {
		p.write(",")
	}
	p.n++
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(d); err != nil && p.err == nil {
		p.err = err
	}
	p.write("\n" + string(bytes.TrimSuffix(buf.Bytes(), []byte("\n"))))
}

// Finish implements Printer.
func (p *rdjsonPrinter) Finish() error {
	p.head()
	p.write("\n]}\n")
	return p.err
}

func (p *rdjsonPrinter) write(s string) {
	if p.err == nil {
		_, p.err = io.WriteString(p.w, s)
	}
}
