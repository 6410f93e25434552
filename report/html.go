package report

import (
	"bufio"
	"cmp"
	"embed"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/allylint/ally/lint"
	"github.com/allylint/ally/rules"
)

// An HTML report for reviewing documents (a staff handbook, a folder of
// job posts) in a browser: one self-contained file with a header of
// totals, bar charts drawn as inline SVG (findings per category, and for
// each file findings per page or section and the reading grade of each
// section), a score card per file, every finding in a table that inline
// JavaScript filters by category and severity, and the files that could
// not be read.
//
// The file makes no requests: its CSS, script and charts are inline and a
// Content-Security-Policy forbids anything else. It has no date, so the
// same run gives the same bytes. Everything that comes from a document or
// a rules file is escaped by html/template; the script reads rows' data-
// attributes and never builds markup.
//
// The header needs the totals, so the printer keeps what it will show
// (rows, counts, score cards, never the files' text) and writes it all in
// Finish. The findings table is capped at htmlMaxFindings rows and the
// score cards at htmlMaxFiles; counts and the category chart cover
// everything.

const (
	htmlMaxFindings = 5000
	htmlMaxFiles    = 1000
	// htmlMaxBars caps a chart of pages or sections; the rest are counted
	// in a note under it.
	htmlMaxBars = 60
	// htmlLabelRunes is how much of a label fits beside a bar; the full
	// label is in the bar's tooltip and the chart's table.
	htmlLabelRunes = 30
)

//go:embed htmlreport/report.html.tmpl htmlreport/report.css htmlreport/report.js
var htmlAssets embed.FS

var htmlTemplate = template.Must(template.New("report.html.tmpl").ParseFS(htmlAssets, "htmlreport/*"))

// htmlCategories are the category families the charts and filters show, in
// order: the job summary's columns and "other".
var htmlCategories = append(slices.Clone(markdownCategories), "other")

// htmlFamily is the family of a rule's category as the report shows it.
func htmlFamily(c string) string {
	if c = category(c); slices.Contains(markdownCategories, c) {
		return c
	}
	return "other"
}

type htmlPrinter struct {
	w        io.Writer
	tool     Tool
	summary  Summary
	byFamily map[string]int
	files    []htmlFile
	more     int // readable files past htmlMaxFiles
	failed   []htmlFailed
	rows     []htmlRow
	moreRows int
}

// NewHTML returns a Printer that writes one self-contained HTML page.
func NewHTML(w io.Writer, tool Tool) Printer {
	return &htmlPrinter{w: w, tool: tool, byFamily: map[string]int{}}
}

type htmlFailed struct{ Path, Err string }

// htmlFile is one readable file's score card.
type htmlFile struct {
	ID, Path, Format, Profile string
	Summary                   Summary
	Counts                    string // the findings by severity, in words
	Notices                   []string
	// Measured is false when the file has no metrics; the figures below
	// are then empty.
	Measured             bool
	Words, Sentences     int
	Grade, Ease, Passive string
	Gender               string
	Masculine, Feminine  int
	Checklist            []lint.ChecklistItem
	Where, Grades        *htmlChart
}

// htmlRow is one finding in the table.
type htmlRow struct {
	FileID, Path, Location, Section  string
	Severity, Family, Rule, Message  string
	Context                          bool
	Before, Match, After, Suggestion string
}

// htmlChart is a horizontal bar chart with its geometry worked out, so the
// template only places what it is given.
type htmlChart struct {
	ID, Caption, Key, Value string
	Width, Height           int
	Bars                    []htmlBar
	// More counts the bars left off; MoreOf names them ("pages").
	More   int
	MoreOf string
}

type htmlBar struct {
	Label, Short, Value string
	Y, TextY, W, ValueX int
}

// Chart geometry, in SVG user units.
const (
	chartWidth  = 640
	chartLabelW = 210
	chartBarMax = 360
	chartRow    = 24
	chartBar    = 16
)

// newChart lays out bars for labels and values; shown formats a value.
func newChart(id, caption, key, value string, labels []string, values []float64, shown func(float64) string) *htmlChart {
	c := &htmlChart{ID: id, Caption: caption, Key: key, Value: value, Width: chartWidth}
	top := 0.0
	for _, v := range values {
		top = max(top, v)
	}
	for i, l := range labels {
		w := 0
		if top > 0 {
			w = max(0, int(values[i]/top*chartBarMax+0.5))
		}
		y := 4 + i*chartRow
		c.Bars = append(c.Bars, htmlBar{Label: l, Short: shorten(l, htmlLabelRunes), Value: shown(values[i]),
			Y: y, TextY: y + chartBar/2, W: w, ValueX: chartLabelW + w + 6})
	}
	c.Height = 8 + len(labels)*chartRow
	return c
}

// LabelEnd, BarX and BarH place the labels (right-aligned) and the bars.
func (*htmlChart) LabelEnd() int { return chartLabelW - 8 }
func (*htmlChart) BarX() int     { return chartLabelW }
func (*htmlChart) BarH() int     { return chartBar }

func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

func count(v float64) string { return thousands(int(v)) }

func grade(v float64) string { return strconv.FormatFloat(lint.Round1(v), 'f', 1, 64) }

// thousands formats n with comma separators: 5,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// pluralWord is plural with thousands separators.
func pluralWord(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return thousands(n) + " " + noun + "s"
}

// File implements Printer.
func (p *htmlPrinter) File(r Result) error {
	p.summary.Add(r)
	if r.Err != nil {
		p.failed = append(p.failed, htmlFailed{Path: r.Path, Err: r.Err.Error()})
		return nil
	}
	id := fmt.Sprintf("file-%d", p.summary.Files)
	for _, f := range r.Findings {
		p.byFamily[htmlFamily(f.Rule.Category)]++
		if len(p.rows) >= htmlMaxFindings {
			p.moreRows++
			continue
		}
		p.rows = append(p.rows, htmlFindingRow(r, id, f))
	}
	if len(p.files) >= htmlMaxFiles {
		p.more++
		return nil
	}
	card := htmlFile{ID: id, Path: r.Path, Format: r.Format, Profile: r.Profile, Summary: Summarize([]Result{r}),
		Notices: r.Notices, Where: whereChart(r, id)}
	card.Counts = severityCounts(card.Summary)
	if m := r.Metrics; m != nil {
		card.Measured = true
		card.Words, card.Sentences = m.Words, m.Sentences
		card.Grade, card.Ease = grade(m.FleschKincaidGrade()), strconv.FormatFloat(lint.Round1(m.FleschReadingEase()), 'f', 0, 64)
		card.Passive = strconv.FormatFloat(m.PassiveShare()*100, 'f', 0, 64) + "%"
		card.Gender, card.Masculine, card.Feminine = m.GenderCoding.Verdict, m.GenderCoding.Masculine, m.GenderCoding.Feminine
		card.Checklist = m.Checklist
		card.Grades = gradeChart(m, id)
	}
	p.files = append(p.files, card)
	return nil
}

func htmlFindingRow(r Result, id string, f lint.Finding) htmlRow {
	row := htmlRow{FileID: id, Path: r.Path, Location: "document", Severity: f.Severity.String(),
		Family: htmlFamily(f.Rule.Category), Rule: f.Rule.ID, Message: f.Message,
		Suggestion: strings.Join(f.Suggestions, ", ")}
	if f.Document || r.File == nil {
		return row
	}
	start, end := r.File.Position(f.Start), r.File.Position(f.End)
	row.Location, row.Section = start.String(), sectionAt(r, f.Start)
	row.Context = true
	row.Before, row.Match, row.After = splitLine(r.File.LineAt(f.Start), start, end)
	return row
}

// sectionAt names the section an offset comes under: the heading the
// parser recorded in extracted text (PDF, DOCX), else the measured
// section's title (Markdown, HTML).
func sectionAt(r Result, off int) string {
	if s := r.File.Position(off).Section; s != "" {
		return s
	}
	if i := measuredSection(r.Metrics, off); i >= 0 {
		return r.Metrics.Sections[i].Title
	}
	return ""
}

// measuredSection is the index of the metrics' section holding off, or -1.
func measuredSection(m *lint.Metrics, off int) int {
	if m == nil {
		return -1
	}
	i := -1
	for j, s := range m.Sections {
		if s.Start > off {
			break
		}
		i = j
	}
	return i
}

// untitled labels text under no heading.
const untitled = "(no heading)"

// whereChart counts a file's findings per page (a PDF) or per section, in
// document order; findings about the whole document get a bar of their
// own at the end. It is nil for a file without findings.
func whereChart(r Result, id string) *htmlChart {
	if len(r.Findings) == 0 {
		return nil
	}
	type bucket struct {
		order int
		label string
		n     int
	}
	var buckets []*bucket
	index := map[string]*bucket{}
	paged, whole := false, 0
	for _, f := range r.Findings {
		if f.Document || r.File == nil {
			whole++
			continue
		}
		pos := r.File.Position(f.Start)
		var key, label string
		order := len(buckets)
		switch i := measuredSection(r.Metrics, f.Start); {
		case pos.Page > 0:
			paged = true
			key, label, order = "p"+strconv.Itoa(pos.Page), "Page "+strconv.Itoa(pos.Page), pos.Page
		case pos.Section == "" && i >= 0:
			key, label, order = "s"+strconv.Itoa(i), cmp.Or(r.Metrics.Sections[i].Title, untitled), i
		default:
			key, label = "t"+pos.Section, cmp.Or(pos.Section, untitled)
		}
		b := index[key]
		if b == nil {
			b = &bucket{order: order, label: label}
			index[key] = b
			buckets = append(buckets, b)
		}
		b.n++
	}
	slices.SortStableFunc(buckets, func(a, b *bucket) int { return cmp.Compare(a.order, b.order) })
	caption, keyName, moreOf := "Findings per section", "Section", "sections with findings"
	if paged {
		caption, keyName, moreOf = "Findings per page", "Page", "pages with findings"
	}
	var labels []string
	var values []float64
	more := 0
	for i, b := range buckets {
		if i >= htmlMaxBars {
			more++
			continue
		}
		labels, values = append(labels, b.label), append(values, float64(b.n))
	}
	if whole > 0 {
		labels, values = append(labels, "Whole document"), append(values, float64(whole))
	}
	c := newChart(id+"-where", caption, keyName, "Findings", labels, values, count)
	c.More, c.MoreOf = more, moreOf
	return c
}

// gradeChart shows the reading grade of each section that has sentences;
// nil when fewer than two have.
func gradeChart(m *lint.Metrics, id string) *htmlChart {
	var labels []string
	var values []float64
	more := 0
	for _, s := range m.Sections {
		if s.Sentences == 0 {
			continue
		}
		if len(labels) >= htmlMaxBars {
			more++
			continue
		}
		labels, values = append(labels, cmp.Or(s.Title, untitled)), append(values, s.FleschKincaidGrade())
	}
	if len(labels)+more < 2 {
		return nil
	}
	c := newChart(id+"-grades", "Reading grade per section", "Section", "Flesch-Kincaid grade", labels, values, grade)
	c.More, c.MoreOf = more, "sections"
	return c
}

// htmlFilter is a checkbox of the findings filter.
type htmlFilter struct{ Value, Count string }

type htmlPage struct {
	Tool                  Tool
	Summary               Summary
	Failed                []htmlFailed
	Files                 []htmlFile
	MoreFiles             int
	Rows                  []htmlRow
	ShownText             string
	MoreRows              int
	Categories            *htmlChart
	Families, Severities  []htmlFilter
	FilesLabel, Findings  string
	ErrorN, WarnN, InfoN  string
	FailedLabel, RowsNote string
}

// severityCounts says "1 error, 2 warnings, 0 info".
func severityCounts(s Summary) string {
	return plural(s.Error, "error") + ", " + plural(s.Warning, "warning") + ", " + strconv.Itoa(s.Info) + " info"
}

// Finish implements Printer: it writes the whole page.
func (p *htmlPrinter) Finish() error {
	s := p.summary
	page := htmlPage{Tool: p.tool, Summary: s, Failed: p.failed, Files: p.files, MoreFiles: p.more, Rows: p.rows,
		ShownText: fmt.Sprintf("Showing %s of %s.", thousands(len(p.rows)), pluralWord(len(p.rows), "finding")), MoreRows: p.moreRows,
		FilesLabel: pluralWord(s.Files, "file"), Findings: pluralWord(s.Findings, "finding"),
		ErrorN: plural(s.Error, "error"), WarnN: plural(s.Warning, "warning"), InfoN: strconv.Itoa(s.Info) + " info",
		FailedLabel: plural(len(p.failed), "file")}
	if p.moreRows > 0 {
		page.RowsNote = fmt.Sprintf("The table lists the first %s of %s findings; the counts and charts cover them all. "+
			"Use --format json for the full list.", thousands(len(p.rows)), thousands(s.Findings))
	}
	var values []float64
	for _, c := range htmlCategories {
		values = append(values, float64(p.byFamily[c]))
		page.Families = append(page.Families, htmlFilter{c, thousands(p.byFamily[c])})
	}
	page.Categories = newChart("categories", "Findings per category", "Category", "Findings", htmlCategories, values, count)
	for _, sev := range []struct {
		s rules.Severity
		n int
	}{{rules.SeverityError, s.Error}, {rules.SeverityWarning, s.Warning}, {rules.SeverityInfo, s.Info}} {
		page.Severities = append(page.Severities, htmlFilter{sev.s.String(), thousands(sev.n)})
	}
	w := bufio.NewWriter(p.w)
	if err := htmlTemplate.Execute(w, page); err != nil {
		return err
	}
	return w.Flush()
}
