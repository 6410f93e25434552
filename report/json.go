package report

import (
	"encoding/json"
	"io"

	"github.com/allylint/ally/parsers"
)

// The JSON contract. Other tools rely on this exact shape: fields may be
// added by later versions, but none is removed or renamed.
type jsonReport struct {
	Tool    Tool       `json:"tool"`
	Files   []jsonFile `json:"files"`
	Summary Summary    `json:"summary"`
}

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
}

// JSON writes the results as one JSON document.
func JSON(w io.Writer, tool Tool, results []Result) error {
	rep := jsonReport{Tool: tool, Files: make([]jsonFile, 0, len(results)), Summary: Summarize(results)}
	for _, r := range results {
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
			jf.Findings = append(jf.Findings, jfd)
		}
		rep.Files = append(rep.Files, jf)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(rep)
}
