package report

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/allylint/ally/rules"
)

// GitHub Actions workflow commands: each finding becomes an annotation,
// "::warning file=F,line=L,col=C,endLine=L,endColumn=C,title=T::message",
// that GitHub shows on the pull request's diff.
//
// GitHub shows at most 10 error, 10 warning and 10 notice annotations per
// step and silently drops the rest (actions/toolkit,
// docs/problem-matchers.md, "Limitations"). So the printer buffers every
// annotation, sorts the most severe first (then by file and line), prints
// at most 10 of each level, and ends with one notice saying how many were
// left out; that notice takes one of the 10 notice places, so at most 9
// finding notices print when it is needed.

// githubPerLevel is how many annotations of one level GitHub shows per step.
const githubPerLevel = 10

type githubAnnotation struct {
	severity  rules.Severity
	path      string
	line, col int // 0 when the annotation is on the whole file
	text      string
}

type githubPrinter struct {
	w    io.Writer
	anns []githubAnnotation
}

// NewGitHub returns a Printer that writes GitHub Actions workflow commands.
func NewGitHub(w io.Writer) Printer { return &githubPrinter{w: w} }

// File implements Printer.
func (p *githubPrinter) File(r Result) error {
	if r.Err != nil {
		p.anns = append(p.anns, githubAnnotation{severity: rules.SeverityError, path: r.Path,
			text: githubCommand(rules.SeverityError, githubProps("file", r.Path, "title", "ally: "+fileErrorID), r.Err.Error())})
		return nil
	}
	for _, f := range r.Findings {
		a := githubAnnotation{severity: f.Severity, path: r.Path}
		props := []string{"file", r.Path}
		if located(r, f) {
			start, end := r.File.Position(f.Start), r.File.Position(f.End)
			a.line, a.col = start.Line, start.Column
			props = append(props, "line", strconv.Itoa(start.Line))
			// Columns are only allowed when the annotation is on one
			// line (@actions/core AnnotationProperties).
			if end.Line == start.Line {
				props = append(props, "col", strconv.Itoa(start.Column))
			}
			props = append(props, "endLine", strconv.Itoa(end.Line))
			if end.Line == start.Line {
				props = append(props, "endColumn", strconv.Itoa(end.Column))
			}
		}
		props = append(props, "title", "ally: "+f.Rule.ID)
		msg := withTry(extractedPrefix(r, f)+f.Message, f.Suggestions, "\n")
		a.text = githubCommand(f.Severity, githubProps(props...), msg)
		p.anns = append(p.anns, a)
	}
	return nil
}

// Finish implements Printer: it prints the annotations GitHub will show
// and says how many it would not have.
func (p *githubPrinter) Finish() error {
	slices.SortStableFunc(p.anns, func(a, b githubAnnotation) int {
		return cmp.Or(cmp.Compare(severityRank(a.severity), severityRank(b.severity)),
			cmp.Compare(a.path, b.path), cmp.Compare(a.line, b.line), cmp.Compare(a.col, b.col))
	})
	count := map[rules.Severity]int{}
	for _, a := range p.anns {
		count[a.severity]++
	}
	overflow := false
	for _, n := range count {
		if n > githubPerLevel {
			overflow = true
		}
	}
	limit := map[rules.Severity]int{rules.SeverityError: githubPerLevel, rules.SeverityWarning: githubPerLevel, rules.SeverityInfo: githubPerLevel}
	if overflow {
		limit[rules.SeverityInfo]-- // keep a place for the notice below
	}
	shown := map[rules.Severity]int{}
	var b strings.Builder
	dropped := 0
	for _, a := range p.anns {
		if shown[a.severity] >= limit[a.severity] {
			dropped++
			continue
		}
		shown[a.severity]++
		b.WriteString(a.text)
	}
	if dropped > 0 {
		noun := "findings"
		if dropped == 1 {
			noun = "finding"
		}
		msg := fmt.Sprintf("ally: %d more %s not shown as annotations (GitHub shows at most %d of each level per step); see the SARIF report or the job summary for all of them",
			dropped, noun, githubPerLevel)
		b.WriteString(githubCommand(rules.SeverityInfo, "", msg))
	}
	_, err := io.WriteString(p.w, b.String())
	return err
}

// githubCommand formats one workflow command line.
func githubCommand(s rules.Severity, props, msg string) string {
	name := "notice"
	switch s {
	case rules.SeverityError:
		name = "error"
	case rules.SeverityWarning:
		name = "warning"
	}
	if props != "" {
		name += " " + props
	}
	return "::" + name + "::" + githubEscapeData(msg) + "\n"
}

// githubProps joins name, value pairs as "name=value,...", escaping the
// values.
func githubProps(kv ...string) string {
	var parts []string
	for i := 0; i+1 < len(kv); i += 2 {
		parts = append(parts, kv[i]+"="+githubEscapeProperty(kv[i+1]))
	}
	return strings.Join(parts, ",")
}

// githubEscapeData escapes a command's message as @actions/core does
// (escapeData in command.ts): "%" first, then CR and LF, so a message of
// several lines stays one command.
func githubEscapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// githubEscapeProperty escapes a property value as @actions/core does
// (escapeProperty): as data, and ":" and "," too, which would otherwise
// end the value.
func githubEscapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
