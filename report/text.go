package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/allylint/ally/lint"
	"github.com/allylint/ally/parsers"
	"github.com/allylint/ally/rules"
)

// TextOptions control the human-readable printer.
type TextOptions struct {
	// Color adds ANSI colours; the caller decides (a terminal, no NO_COLOR).
	Color bool
}

// contextRunes is how much of a long line is shown around a match, so a
// minified or one-paragraph-per-line file still prints readably.
const contextRunes = 60

// Text writes one block per finding, "path:line:col: severity: message
// [rule]" followed by the source line with the match underlined and the
// suggestions, then a one-line summary.
func Text(w io.Writer, results []Result, opts TextOptions) error {
	return printAll(NewText(w, opts), results)
}

// NewText returns a Printer for people: each file's findings, then its
// score card, and a summary line at the end.
func NewText(w io.Writer, opts TextOptions) Printer {
	return &textPrinter{w: bufio.NewWriter(w), color: opts.Color}
}

type textPrinter struct {
	w       *bufio.Writer
	color   bool
	summary Summary
}

// File implements Printer. Output is flushed after every file, so a long
// run shows its progress.
func (p *textPrinter) File(r Result) error {
	p.summary.Add(r)
	section := ""
	for _, f := range r.Findings {
		// In a PDF or DOCX, where line numbers are hard to follow, each
		// run of findings under a new heading starts with that heading.
		if !f.Document && r.File.Extracted {
			if s := r.File.Position(f.Start).Section; s != "" && s != section {
				fmt.Fprintf(p.w, "%s\n", p.paint("1;4", "§ "+s))
				section = s
			}
		}
		p.finding(r, f)
	}
	if r.Metrics != nil {
		p.scoreCard(r)
	}
	return p.w.Flush()
}

// Finish implements Printer.
func (p *textPrinter) Finish() error {
	p.summaryLine(p.summary)
	return p.w.Flush()
}

func (p *textPrinter) paint(code, s string) string {
	if !p.color {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

func severityColor(s rules.Severity) string {
	switch s {
	case rules.SeverityError:
		return "1;31"
	case rules.SeverityWarning:
		return "1;33"
	}
	return "1;36"
}

func (p *textPrinter) finding(r Result, f lint.Finding) {
	if f.Document {
		fmt.Fprintf(p.w, "%s: %s: %s %s\n", p.paint("1", r.Path),
			p.paint(severityColor(f.Severity), f.Severity.String()), f.Message, p.paint("2", "["+f.Rule.ID+"]"))
		if len(f.Suggestions) > 0 {
			fmt.Fprintf(p.w, "      = %s %s\n", p.paint("1;32", "try:"), strings.Join(f.Suggestions, ", "))
		}
		return
	}
	start, end := r.File.Position(f.Start), r.File.Position(f.End)
	fmt.Fprintf(p.w, "%s:%s: %s: %s %s\n", p.paint("1", r.Path), start,
		p.paint(severityColor(f.Severity), f.Severity.String()), f.Message, p.paint("2", "["+f.Rule.ID+"]"))
	line := r.File.LineAt(f.Start)
	before, match, after := splitLine(line, start, end)
	// The gutter numbers the line as the location does: a DOCX location
	// counts paragraphs, so its gutter does too.
	gutter := fmt.Sprintf("%5d", start.Line)
	if start.Paragraph > 0 {
		gutter = fmt.Sprintf("¶%4d", start.Paragraph)
	}
	pad := strings.Repeat(" ", utf8.RuneCountInString(gutter))
	fmt.Fprintf(p.w, "%s | %s%s%s\n", p.paint("2", gutter), before, p.paint(severityColor(f.Severity), match), after)
	fmt.Fprintf(p.w, "%s | %s%s\n", pad, strings.Repeat(" ", utf8.RuneCountInString(before)),
		p.paint(severityColor(f.Severity), strings.Repeat("^", max(1, utf8.RuneCountInString(match)))))
	if len(f.Suggestions) > 0 {
		fix := ""
		if f.Fix != nil && f.Fix.Safe && r.Rewritable() {
			fix = p.paint("2", fmt.Sprintf(" (--fix writes “%s”)", f.Fix.Replacement))
		}
		fmt.Fprintf(p.w, "%s = %s %s%s\n", pad, p.paint("1;32", "try:"), strings.Join(f.Suggestions, ", "), fix)
	}
}

// splitLine cuts the line into the text before the match, the match (up to
// the end of the line if it continues on the next) and the rest, trimmed to
// a readable window. Tabs print as one space so the underline lines up.
func splitLine(line []byte, start, end parsers.Position) (before, match, after string) {
	text := strings.ReplaceAll(string(line), "\t", " ")
	runes := []rune(text)
	from := min(start.Column-1, len(runes))
	to := len(runes)
	if end.SameLine(start) {
		to = min(max(end.Column-1, from), len(runes))
	}
	b, m, a := runes[:from], runes[from:to], runes[to:]
	before, after = string(b), string(a)
	if len(b) > contextRunes {
		before = "…" + string(b[len(b)-contextRunes:])
	}
	if len(a) > contextRunes {
		after = string(a[:contextRunes]) + "…"
	}
	match = string(m)
	if !end.SameLine(start) {
		match += "…"
	}
	return before, match, after
}

// scoreCard ends a file's report with its profile, length, reading grade,
// passive share, gender coding and, for a job post, the checklist.
func (p *textPrinter) scoreCard(r Result) {
	m := r.Metrics
	fmt.Fprintf(p.w, "%s %s · %s · reading grade %.1f (reading ease %.0f) · passive %.0f%% · %s",
		p.paint("1", r.Path+":"), r.Profile, plural(m.Words, "word"), m.FleschKincaidGrade(), m.FleschReadingEase(),
		m.PassiveShare()*100, m.GenderCoding.Verdict)
	if m.GenderCoding.Masculine+m.GenderCoding.Feminine > 0 {
		fmt.Fprintf(p.w, " (%d masculine, %d feminine)", m.GenderCoding.Masculine, m.GenderCoding.Feminine)
	}
	fmt.Fprintln(p.w)
	if len(m.Checklist) == 0 {
		return
	}
	var items []string
	for _, it := range m.Checklist {
		if it.Passed {
			items = append(items, p.paint("32", "✓")+" "+it.Label)
		} else {
			items = append(items, p.paint("31", "✗")+" "+it.Label)
		}
	}
	fmt.Fprintf(p.w, "    %s\n", strings.Join(items, "   "))
}

func (p *textPrinter) summaryLine(s Summary) {
	if s.Findings == 0 {
		fmt.Fprintf(p.w, "No problems found in %s.\n", plural(s.Files, "file"))
		return
	}
	fmt.Fprintf(p.w, "%s (%s, %s, %d info) in %s.\n", plural(s.Findings, "problem"),
		plural(s.Error, "error"), plural(s.Warning, "warning"), s.Info, plural(s.Files, "file"))
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
