package report

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/allylint/ally/parsers"
)

// The JSON contract. Other tools rely on this exact shape: fields may be
// added by later versions, but none is removed or renamed.
type jsonFile struct {
	Path     string        `json:"path"`
	Format   string        `json:"format,omitempty"`
	Profile  string        `json:"profile,omitempty"`
	Error    string        `json:"error,omitempty"`
	Findings []jsonFinding `json:"findings"`
	Metrics  any           `json:"metrics"`
}

type jsonFinding struct {
	Rule        string            `json:"rule"`
	Category    string            `json:"category"`
	Severity    string            `json:"severity"`
	Message     string            `json:"message"`
	Match       string            `json:"match"`
	Start       *parsers.Position `json:"start,omitempty"`
	End         *parsers.Position `json:"end,omitempty"`
	Suggestions []string          `json:"suggestions"`
	Fix         *jsonFix          `json:"fix,omitempty"`
}

// jsonFix is a safe fix as byte offsets into the file, for tools that
// apply it themselves.
type jsonFix struct {
	Start       int    `json:"start"`
	End         int    `json:"end"`
	Replacement string `json:"replacement"`
}

// JSON writes the results as one JSON document.
func JSON(w io.Writer, tool Tool, results []Result) error {
	return printAll(NewJSON(w, tool), results)
}

// jsonPrinter streams the report: the head on the first file, each file
// as it comes, the summary at the end. The bytes are the same as encoding
// the whole report at once with two-space indentation.
type jsonPrinter struct {
	w       io.Writer
	tool    Tool
	summary Summary
	files   int
	err     error
}

// NewJSON returns a Printer that writes the JSON contract.
func NewJSON(w io.Writer, tool Tool) Printer { return &jsonPrinter{w: w, tool: tool} }

func (p *jsonPrinter) head() {
	if p.files == 0 {
		p.write("{\n  \"tool\": ")
		p.encode(p.tool, "  ")
		p.write(",\n  \"files\": [")
	}
}

// File implements Printer.
func (p *jsonPrinter) File(r Result) error {
	p.head()
	p.summary.Add(r)
	jf := jsonFile{Path: r.Path, Format: r.Format, Profile: r.Profile, Findings: []jsonFinding{}, Metrics: metricsJSON(r.Metrics, r.File)}
	if r.Err != nil {
		jf.Error = r.Err.Error()
	}
	for _, f := range r.Findings {
		jfd := jsonFinding{
			Rule: f.Rule.ID, Category: f.Rule.Category, Severity: f.Severity.String(),
			Message: f.Message, Match: f.Match, Suggestions: append([]string{}, f.Suggestions...),
		}
		if !f.Document { // a document-level finding has no position
			start, end := r.File.Position(f.Start), r.File.Position(f.End)
			jfd.Start, jfd.End = &start, &end
		}
		if f.Fix != nil && f.Fix.Safe && r.Rewritable() {
			jfd.Fix = &jsonFix{f.Fix.Start, f.Fix.End, f.Fix.Replacement}
		}
		jf.Findings = append(jf.Findings, jfd)
	}
	if p.files > 0 {
		p.write(",")
	}
	p.write("\n    ")
	p.encode(jf, "    ")
	p.files++
	return p.err
}

// Finish implements Printer.
func (p *jsonPrinter) Finish() error {
	p.head()
	if p.files > 0 {
		p.write("\n  ")
	}
	p.write("],\n  \"summary\": ")
	p.encode(p.summary, "  ")
	p.write("\n}\n")
	return p.err
}

func (p *jsonPrinter) write(s string) {
	if p.err == nil {
		_, p.err = io.WriteString(p.w, s)
	}
}

// encode writes v indented as if nested at prefix, without the newline
// json.Encoder adds, and without escaping <, > and & (messages quote them).
func (p *jsonPrinter) encode(v any, prefix string) {
	if p.err != nil {
		return
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent(prefix, "  ")
	enc.SetEscapeHTML(false)
	if p.err = enc.Encode(v); p.err == nil {
		_, p.err = p.w.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
	}
}
