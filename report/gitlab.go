package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"

	"github.com/allylint/ally/rules"
)

// GitLab Code Quality report (artifacts:reports:codequality): a JSON array
// of issues with description, check_name, fingerprint, severity and
// location.path plus location.lines.begin, the fields GitLab requires
// (docs.gitlab.com/ci/testing/code_quality, "Code Quality report format").
// A finding with no line in the file on disk (about the whole document, or
// in text extracted from a PDF or DOCX) is put on line 1; the latter says
// where it is at the start of its description.
//
// GitLab keeps only the first issue of each fingerprint in a report, so
// the fingerprint must be unique across files: it is the SHA-256 of the
// path and Fingerprint, which is itself unique within a file and stable
// when lines move.
//
// The printer streams the array, one issue at a time.

type gitlabIssue struct {
	Description string         `json:"description"`
	CheckName   string         `json:"check_name"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"`
	Location    gitlabLocation `json:"location"`
}

type gitlabLocation struct {
	Path  string      `json:"path"`
	Lines gitlabLines `json:"lines"`
}

type gitlabLines struct {
	Begin int `json:"begin"`
}

type gitlabPrinter struct {
	w   io.Writer
	n   int
	err error
}

// NewGitLab returns a Printer that writes a GitLab Code Quality report.
func NewGitLab(w io.Writer) Printer { return &gitlabPrinter{w: w} }

func gitlabSeverity(s rules.Severity) string {
	switch s {
	case rules.SeverityError:
		return "major"
	case rules.SeverityWarning:
		return "minor"
	}
	return "info"
}

// gitlabFingerprint makes Fingerprint unique across the report.
func gitlabFingerprint(path, fp string) string {
	sum := sha256.Sum256([]byte(path + "\x00" + fp))
	return hex.EncodeToString(sum[:])
}

// File implements Printer.
func (p *gitlabPrinter) File(r Result) error {
	path := repoPath(r.Path)
	if r.Err != nil {
		p.issue(gitlabIssue{Description: r.Err.Error(), CheckName: fileErrorID,
			Fingerprint: gitlabFingerprint(path, fileErrorID), Severity: "major",
			Location: gitlabLocation{Path: path, Lines: gitlabLines{Begin: 1}}})
		return p.err
	}
	if len(r.Findings) == 0 {
		return p.err
	}
	fps := Fingerprints(r)
	for i, f := range r.Findings {
		line := 1
		if located(r, f) {
			line = r.File.Position(f.Start).Line
		}
		p.issue(gitlabIssue{
			Description: withTry(extractedPrefix(r, f)+f.Message, f.Suggestions, " "),
			CheckName:   f.Rule.ID, Fingerprint: gitlabFingerprint(path, fps[i]),
			Severity: gitlabSeverity(f.Severity),
			Location: gitlabLocation{Path: path, Lines: gitlabLines{Begin: line}},
		})
	}
	return p.err
}

func (p *gitlabPrinter) issue(is gitlabIssue) {
	sep := ",\n  "
	if p.n == 0 {
		sep = "[\n  "
	}
	p.n++
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(is); err != nil && p.err == nil {
		p.err = err
	}
	p.write(sep + string(bytes.TrimSuffix(buf.Bytes(), []byte("\n"))))
}

// Finish implements Printer.
func (p *gitlabPrinter) Finish() error {
	if p.n == 0 {
		p.write("[]\n")
	} else {
		p.write("\n]\n")
	}
	return p.err
}

func (p *gitlabPrinter) write(s string) {
	if p.err == nil {
		_, p.err = io.WriteString(p.w, s)
	}
}
