package report

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/allylint/ally/rules"
)

// A GitHub Actions job summary (write it to $GITHUB_STEP_SUMMARY): a
// heading with the totals, a table of findings per file and category, the
// most frequent rules, a score card for each job post, and every finding
// in a collapsed list. GitHub caps a step's summary at 1 MiB, so the table
// and the list are capped (markdownMaxFiles, markdownMaxFindings) with a
// line saying how many more there are. The printer keeps only those rows
// and counts, never the files.
//
// Everything that comes from a document or a rules file (paths, messages,
// section titles) goes through markdownEscape, so a "|" cannot split a
// table cell and "<script>" is shown, not parsed.

const (
	markdownMaxFiles    = 100
	markdownMaxFindings = 500
	markdownTopRules    = 10
)

// markdownCategories are the table's columns, in order: the families of
// rule categories. A category outside them (possible only in a newer rules
// file) is counted under "other", shown only when used.
var markdownCategories = []string{"exclusionary", "gender-coded", "accessibility", "plain-language", "job-post"}

type markdownFileRow struct {
	path   string
	counts map[string]int
	total  int
}

type markdownPrinter struct {
	w        io.Writer
	summary  Summary
	files    []markdownFileRow // files with findings
	moreRows int               // files with findings past markdownMaxFiles
	other    bool
	ruleN    map[string]int
	cards    []string
	moreCard int
	failed   []string
	list     []string
	moreList int
}

// NewMarkdownSummary returns a Printer that writes a job summary in
// GitHub-flavoured Markdown.
func NewMarkdownSummary(w io.Writer) Printer {
	return &markdownPrinter{w: w, ruleN: map[string]int{}}
}

// File implements Printer.
func (p *markdownPrinter) File(r Result) error {
	p.summary.Add(r)
	if r.Err != nil {
		p.failed = append(p.failed, fmt.Sprintf("- %s: %s", markdownEscape(r.Path), markdownEscape(r.Err.Error())))
		return nil
	}
	if len(r.Findings) > 0 {
		row := markdownFileRow{path: r.Path, counts: map[string]int{}}
		for _, f := range r.Findings {
			c := category(f.Rule.Category)
			if !slices.Contains(markdownCategories, c) {
				c, p.other = "other", true
			}
			row.counts[c]++
			row.total++
			p.ruleN[f.Rule.ID]++
			if len(p.list) >= markdownMaxFindings {
				p.moreList++
				continue
			}
			loc := r.Path
			if !f.Document {
				loc += ":" + r.File.Position(f.Start).String()
			}
			p.list = append(p.list, fmt.Sprintf("- %s %s — %s \\[%s\\]", markdownSeverity(f.Severity),
				markdownEscape(loc), markdownEscape(f.Message), markdownEscape(f.Rule.ID)))
		}
		if len(p.files) < markdownMaxFiles {
			p.files = append(p.files, row)
		} else {
			p.moreRows++
		}
	}
	if r.Profile == rules.ProfileJobPost && r.Metrics != nil {
		if len(p.cards) < markdownMaxFiles {
			p.cards = append(p.cards, markdownScoreCard(r))
		} else {
			p.moreCard++
		}
	}
	return nil
}

func markdownSeverity(s rules.Severity) string {
	switch s {
	case rules.SeverityError:
		return "**error**"
	case rules.SeverityWarning:
		return "warning"
	}
	return "info"
}

// markdownScoreCard is a job post's reading grade, gender coding and
// checklist on one line.
func markdownScoreCard(r Result) string {
	m := r.Metrics
	parts := []string{
		fmt.Sprintf("reading grade %.1f", m.FleschKincaidGrade()),
		markdownEscape(m.GenderCoding.Verdict),
	}
	for _, it := range m.Checklist {
		mark := "✗"
		if it.Passed {
			mark = "✓"
		}
		parts = append(parts, mark+" "+markdownEscape(it.Label))
	}
	return fmt.Sprintf("- **%s**: %s", markdownEscape(r.Path), strings.Join(parts, " · "))
}

// Finish implements Printer: it writes the whole summary.
func (p *markdownPrinter) Finish() error {
	var b strings.Builder
	s := p.summary
	if s.Findings == 0 {
		fmt.Fprintf(&b, "## ally: no problems\n\n%s checked.\n", plural(s.Files, "file"))
	} else {
		withFindings := len(p.files) + p.moreRows
		fmt.Fprintf(&b, "## ally: %s in %s\n\n", plural(s.Findings, "problem"), plural(withFindings, "file"))
		fmt.Fprintf(&b, "%s checked: %s, %s, %d info.\n", plural(s.Files, "file"), plural(s.Error, "error"), plural(s.Warning, "warning"), s.Info)
		p.table(&b)
		p.topRules(&b)
	}
	if len(p.cards) > 0 {
		b.WriteString("\n### Job posts\n\n")
		for _, c := range p.cards {
			b.WriteString(c + "\n")
		}
		if p.moreCard > 0 {
			fmt.Fprintf(&b, "- … and %d more\n", p.moreCard)
		}
	}
	if len(p.failed) > 0 {
		b.WriteString("\n### Files that could not be read\n\n")
		for _, f := range p.failed {
			b.WriteString(f + "\n")
		}
	}
	if len(p.list) > 0 {
		fmt.Fprintf(&b, "\n<details><summary>All %s</summary>\n\n", plural(s.Findings, "finding"))
		for _, l := range p.list {
			b.WriteString(l + "\n")
		}
		if p.moreList > 0 {
			fmt.Fprintf(&b, "\n… and %d more (see the SARIF or JSON report).\n", p.moreList)
		}
		b.WriteString("\n</details>\n")
	}
	_, err := io.WriteString(p.w, b.String())
	return err
}

func (p *markdownPrinter) table(b *strings.Builder) {
	cols := slices.Clone(markdownCategories)
	if p.other {
		cols = append(cols, "other")
	}
	b.WriteString("\n| File | " + strings.Join(cols, " | ") + " | total |\n| --- |" + strings.Repeat(" ---: |", len(cols)+1) + "\n")
	sum := markdownFileRow{counts: map[string]int{}}
	for _, row := range p.files {
		b.WriteString("| " + markdownEscape(row.path) + " |")
		for _, c := range cols {
			fmt.Fprintf(b, " %d |", row.counts[c])
			sum.counts[c] += row.counts[c]
		}
		fmt.Fprintf(b, " %d |\n", row.total)
		sum.total += row.total
	}
	if p.moreRows > 0 {
		fmt.Fprintf(b, "| … and %s more |%s\n", plural(p.moreRows, "file"), strings.Repeat("  |", len(cols)+1))
		return // the totals of the rows shown would not be the totals
	}
	if len(p.files) > 1 {
		b.WriteString("| **total** |")
		for _, c := range cols {
			fmt.Fprintf(b, " **%d** |", sum.counts[c])
		}
		fmt.Fprintf(b, " **%d** |\n", sum.total)
	}
}

func (p *markdownPrinter) topRules(b *strings.Builder) {
	ids := slices.Collect(maps.Keys(p.ruleN))
	slices.SortFunc(ids, func(a, c string) int { return cmp.Or(cmp.Compare(p.ruleN[c], p.ruleN[a]), cmp.Compare(a, c)) })
	if len(ids) > markdownTopRules {
		ids = ids[:markdownTopRules]
	}
	b.WriteString("\n### Top rules\n\n| Rule | Findings |\n| --- | ---: |\n")
	for _, id := range ids {
		fmt.Fprintf(b, "| %s | %d |\n", markdownEscape(id), p.ruleN[id])
	}
}

// markdownEscaper makes text literal in GitHub-flavoured Markdown, inline
// and in table cells: HTML's specials become entities, Markdown's
// punctuation is backslash-escaped ("|" would end a table cell, "$" starts
// GitHub's maths), and line breaks become spaces so a cell or list item
// stays on its line.
var markdownEscaper = strings.NewReplacer(
	"&", "&amp;", "<", "&lt;", ">", "&gt;",
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "(", `\(`, ")", `\)`,
	"|", `\|`, "~", `\~`, "!", `\!`, "#", `\#`, "$", `\$`,
	"\r\n", " ", "\n", " ", "\r", " ",
)

func markdownEscape(s string) string { return markdownEscaper.Replace(s) }
