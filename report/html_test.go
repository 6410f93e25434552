package report

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/allylint/ally/lint"
	"github.com/allylint/ally/parsers"
	"github.com/allylint/ally/rules"
	"golang.org/x/net/html"
)

func htmlOut(t *testing.T, results ...Result) string {
	t.Helper()
	return run(t, func(w writer) Printer { return NewHTML(w, testTool) }, results...)
}

// goldenHandbook is a Markdown handbook with three measured sections, so
// the report draws findings per section and the reading grade of each.
const goldenHandbook = "Intro text for staff.\n\n# Leave\n\nThe chairman signs leave.\n\n# Pay\n\nWe pay in order to keep a young team.\n"

func handbookResult(t testing.TB) Result {
	src := goldenHandbook
	res := mdResult("handbook.md", src,
		hit(t, src, ruleChair, "chairman", 0),
		hit(t, src, ruleWordy, "in order to", 0),
		hit(t, src, ruleYoung, "young", 0))
	leave, _ := at(t, src, "# Leave", 0)
	pay, _ := at(t, src, "# Pay", 0)
	res.Metrics = &lint.Metrics{
		Counts: lint.Counts{Words: 16, Sentences: 3, Syllables: 20, PassiveSentences: 1},
		Sections: []lint.Section{
			{Start: 0, Counts: lint.Counts{Words: 4, Sentences: 1, Syllables: 6}},
			{Title: "Leave", Level: 1, Start: leave, Counts: lint.Counts{Words: 4, Sentences: 1, Syllables: 5}},
			{Title: "Pay", Level: 1, Start: pay, Counts: lint.Counts{Words: 9, Sentences: 1, Syllables: 11, PassiveSentences: 1}},
		},
		GenderCoding: lint.GenderCoding{Masculine: 1, Verdict: "slightly masculine-coded"},
	}
	return res
}

func htmlGoldenResults(t testing.TB) []Result {
	return append(goldenResults(t), handbookResult(t))
}

func TestHTMLGolden(t *testing.T) {
	got := htmlOut(t, htmlGoldenResults(t)...)
	if again := htmlOut(t, htmlGoldenResults(t)...); again != got {
		t.Fatal("two runs over the same results differ")
	}
	path := filepath.Join("testdata", "golden.html")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report -update)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (go test ./report -update rewrites it):\n%s", path, got)
	}
}

// parseHTML parses a report and fails the test if it is not HTML.
func parseHTML(t *testing.T, out string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func walk(n *html.Node, visit func(*html.Node)) {
	visit(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, visit)
	}
}

// elements returns the elements with the tag name and, when class is not
// empty, that class.
func elements(doc *html.Node, tag, class string) []*html.Node {
	var out []*html.Node
	walk(doc, func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == tag && (class == "" || hasClass(n, class)) {
			out = append(out, n)
		}
	})
	return out
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	return strings.Contains(" "+attr(n, "class")+" ", " "+class+" ")
}

func textOf(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	})
	return b.String()
}

// chart returns the SVG of the chart with the given data-chart id.
func chart(t *testing.T, doc *html.Node, id string) *html.Node {
	t.Helper()
	for _, svg := range elements(doc, "svg", "chart") {
		if attr(svg, "data-chart") == id {
			return svg
		}
	}
	t.Fatalf("no chart %q", id)
	return nil
}

// bars returns each bar's label (from its tooltip) and the width of its
// rectangle.
func bars(svg *html.Node) (labels []string, widths []int) {
	for _, g := range elements(svg, "g", "") {
		labels = append(labels, textOf(elements(g, "title", "")[0]))
		w, _ := strconv.Atoi(attr(elements(g, "rect", "bar")[0], "width"))
		widths = append(widths, w)
	}
	return labels, widths
}

func TestHTMLContent(t *testing.T) {
	out := htmlOut(t, htmlGoldenResults(t)...)
	doc := parseHTML(t, out)
	for _, want := range []string{
		`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`,
		"<p class=\"tool\">ally 0.1.0-test</p>",
		"<li><strong>3 files</strong> checked</li>",
		"<li><strong>8 findings</strong></li>",
		"<li class=\"sev-error\">1 error</li>", "<li class=\"sev-warning\">5 warnings</li>", "<li class=\"sev-info\">2 info</li>",
		"<a href=\"#failed-heading\">1 file could not be read</a>",
		"<li><span class=\"path\">gone.md</span>: gone.md: open: permission denied</li>",
		`<p id="shown" class="shown" role="status" aria-live="polite">Showing 8 of 8 findings.</p>`,
		// The job post's card: figures and checklist.
		"<dd>job-post</dd>", "<dd>19 <span class=\"detail\">in 3 sentences</span></dd>",
		"<dd>4 <span class=\"detail\">(1 error, 2 warnings, 1 info)</span></dd>",
		"<dd>2.4 <span class=\"detail\">(reading ease 89)</span></dd>",
		"<dd>neutral <span class=\"detail\">(0 masculine, 0 feminine)</span></dd>",
		"<li class=\"fail\"><span aria-hidden=\"true\">✗</span> pay range<span class=\"sr-only\">: missing</span></li>",
		"<li class=\"pass\"><span aria-hidden=\"true\">✓</span> equal-opportunity statement<span class=\"sr-only\">: present</span></li>",
		"<dd>slightly masculine-coded <span class=\"detail\">(1 masculine, 0 feminine)</span></dd>",
		"<div><dt>Passive</dt><dd>33% <span class=\"detail\">of sentences</span></dd></div>",
		// Locations as the text printer writes them, and the context.
		`<td class="loc">p2:1:5</td>`, `<td class="loc">3:9</td>`, `<td class="loc">document</td>`,
		`<td class="context">The <mark>chairman</mark> signs every request.</td>`,
		`<td>chair, chairperson</td>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q", want)
		}
	}

	// Rows: one per finding, with the filters' attributes, the section
	// from the measured sections of a Markdown file.
	rows := findingRows(t, doc)
	if len(rows) != 8 {
		t.Fatalf("%d rows, want 8", len(rows))
	}
	var got []string
	for _, r := range rows {
		cells := elements(r, "td", "")
		got = append(got, attr(r, "data-category")+" "+attr(r, "data-severity")+" "+textOf(cells[1])+" "+textOf(cells[2])+" "+textOf(cells[4]))
	}
	want := []string{
		"job-post error document  job-post.pay-range",
		"exclusionary warning 3:9  age.young",
		"exclusionary warning 5:10  gender.chairman",
		"plain-language info 6:8  plain-language.in-order-to",
		"exclusionary warning p2:1:5  gender.chairman",
		"exclusionary warning 5:5 Leave gender.chairman",
		"plain-language info 9:8 Pay plain-language.in-order-to",
		"exclusionary warning 9:27 Pay age.young",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// Charts: categories over every file, findings per page or section
	// and reading grade per section for each file.
	labels, widths := bars(chart(t, doc, "categories"))
	if strings.Join(labels, "|") != "exclusionary: 5|gender-coded: 0|accessibility: 0|plain-language: 2|job-post: 1|other: 0" {
		t.Errorf("category bars: %q", labels)
	}
	if widths[0] != chartBarMax || widths[1] != 0 || widths[3] != chartBarMax*2/5 {
		t.Errorf("category bar widths %v: the longest must be %d and the rest in proportion", widths, chartBarMax)
	}
	for id, want := range map[string]string{
		"file-1-where":  "(no heading): 3|Whole document: 1",
		"file-2-where":  "Page 2: 1",
		"file-3-where":  "Leave: 1|Pay: 2",
		"file-3-grades": "(no heading): 3.7|Leave: 0.7|Pay: 2.3",
	} {
		if labels, _ := bars(chart(t, doc, id)); strings.Join(labels, "|") != want {
			t.Errorf("%s bars %q, want %q", id, strings.Join(labels, "|"), want)
		}
	}
	if strings.Contains(out, `data-chart="file-1-grades"`) {
		t.Error("a file with no sections has a reading-grade chart")
	}
	// Each chart carries its numbers in a table for screen readers.
	for _, svg := range elements(doc, "svg", "chart") {
		if attr(svg, "aria-hidden") != "true" {
			t.Errorf("chart %s is not hidden from screen readers", attr(svg, "data-chart"))
		}
		tables := elements(svg.Parent, "table", "sr-only")
		if len(tables) != 1 || len(elements(tables[0], "tr", "")) != len(elements(svg, "rect", "bar"))+1 {
			t.Errorf("chart %s has no data table with a row per bar", attr(svg, "data-chart"))
		}
	}
}

func TestHTMLEmpty(t *testing.T) {
	for name, res := range map[string][]Result{
		"nothing": nil,
		"clean":   {mdResult("a.md", "All fine.\n")},
		"failed":  {{Path: "x.pdf", Err: errors.New("x.pdf: encrypted")}},
	} {
		out := htmlOut(t, res...)
		doc := parseHTML(t, out)
		if !strings.Contains(out, "<p>No findings.</p>") || strings.Contains(out, `id="filters"`) {
			t.Errorf("%s: a report without findings must say so and have no filters", name)
		}
		if labels, _ := bars(chart(t, doc, "categories")); len(labels) != len(htmlCategories) {
			t.Errorf("%s: %d category bars", name, len(labels))
		}
		if n := len(elements(doc, "script", "")); n != 1 {
			t.Errorf("%s: %d scripts", name, n)
		}
	}
	if out := htmlOut(t); !strings.Contains(out, "<p>No file could be read.</p>") || !strings.Contains(out, "<strong>0 files</strong>") {
		t.Error("an empty run is not described")
	}
}

func TestHTMLLocations(t *testing.T) {
	src := "Title\nThe chairman signs.\nA young team.\n"
	young, _ := at(t, src, "A young", 0)
	docx := Result{Path: "h.docx", Format: "docx", Profile: "policy",
		File:     parsers.NewParagraphFile("h.docx", []byte(src), []int{0, 6, young}),
		Findings: []lint.Finding{hit(t, src, ruleChair, "chairman", 0), hit(t, src, ruleYoung, "young", 0)}}
	doc := parseHTML(t, htmlOut(t, docx))
	var locs []string
	for _, td := range elements(doc, "td", "loc") {
		locs = append(locs, textOf(td))
	}
	if strings.Join(locs, " ") != "para2:5 para3:3" {
		t.Errorf("DOCX locations %q", locs)
	}
	if labels, _ := bars(chart(t, doc, "file-1-where")); strings.Join(labels, "|") != "(no heading): 2" {
		t.Errorf("a file without sections or pages: bars %q", labels)
	}
}

// hostile strings, each of which would run script, end an element early
// or start a template action if it reached the page unescaped.
var hostile = []string{
	`<script>alert(1)</script>`,
	`"><img src=x onerror=alert(1)>`,
	`</textarea>`,
	`{{.Tool}}`,
	`'onmouseover='alert(1)`,
	`</style><style>*{display:none}</style>`,
	`javascript:alert(1)`,
}

func TestHTMLEscapesDocumentText(t *testing.T) {
	for _, bad := range hostile {
		src := "# " + bad + "\n\nThe " + bad + " chairman signs.\n"
		r := &rules.Rule{ID: "x." + bad, Category: bad, Severity: rules.SeverityWarning, Message: "{match} " + bad}
		s, e := at(t, src, bad, 1)
		heading, _ := at(t, src, "# ", 0)
		first, second := lint.Counts{Words: 4, Sentences: 1, Syllables: 6}, lint.Counts{Words: 10, Sentences: 1, Syllables: 15}
		res := Result{Path: "dir/" + bad + ".md", File: parsers.NewFile(bad, []byte(src)), Format: "markdown", Profile: bad,
			Notices: []string{bad},
			Findings: []lint.Finding{{Rule: r, Severity: r.Severity, Message: bad + " " + bad, Match: bad, Start: s, End: e,
				Suggestions: []string{bad, "chair"}}},
			Metrics: &lint.Metrics{
				Counts: lint.Counts{Words: 4, Sentences: 1, Syllables: 5},
				Sections: []lint.Section{
					{Title: bad, Level: 1, Start: heading, Counts: first},
					{Title: bad + "2", Level: 1, Start: len(src), Counts: second},
				},
				GenderCoding: lint.GenderCoding{Verdict: bad},
				Checklist:    []lint.ChecklistItem{{Check: bad, Label: bad}},
			}}
		failed := Result{Path: bad + ".pdf", Err: errors.New(bad)}
		out := htmlOut(t, res, failed)

		if strings.Contains(out, bad) && strings.ContainsAny(bad, `<>"'`) {
			t.Errorf("%q reached the page unescaped", bad)
		}
		doc := parseHTML(t, out)
		scripts := elements(doc, "script", "")
		if len(scripts) != 1 || !strings.Contains(textOf(scripts[0]), `document.getElementById("filters")`) {
			t.Errorf("%q: %d script elements, or not the report's own", bad, len(scripts))
		}
		for _, tag := range []string{"img", "textarea", "iframe", "object"} {
			if n := len(elements(doc, tag, "")); n > 0 {
				t.Errorf("%q made %d <%s> elements", bad, n, tag)
			}
		}
		if n := len(elements(doc, "style", "")); n != 1 {
			t.Errorf("%q: %d style elements", bad, n)
		}
		walk(doc, func(n *html.Node) {
			for _, a := range n.Attr {
				if strings.HasPrefix(strings.ToLower(a.Key), "on") {
					t.Errorf("%q made an attribute %s=%q on <%s>", bad, a.Key, a.Val, n.Data)
				}
				if strings.Contains(a.Val, "javascript:") {
					t.Errorf("%q made a javascript: URL in %s", bad, a.Key)
				}
			}
		})
		// Escaped, not dropped: the page's text shows the string where
		// it came from.
		text := textOf(doc)
		for _, where := range []string{
			"dir/" + bad + ".md",       // the path
			"The " + bad + " chairman", // the context, match included
			bad + " " + bad,            // the message
			bad + ", chair",            // the suggestions
			bad + ".pdf: " + bad,       // the failed file
			"✗ " + bad,                 // the checklist
		} {
			if !strings.Contains(text, where) {
				t.Errorf("%q: the page's text lacks %q", bad, where)
			}
		}
		marks := elements(doc, "mark", "")
		if len(marks) != 1 || textOf(marks[0]) != bad {
			t.Errorf("%q: the match is not marked as itself", bad)
		}
		var cells []string
		for _, td := range elements(doc, "td", "") {
			cells = append(cells, textOf(td))
		}
		if !strings.Contains(strings.Join(cells, "\x00"), "\x00"+bad+"\x00") {
			t.Errorf("%q: no table cell holds the section title", bad)
		}
		labels, _ := bars(chart(t, doc, "file-1-grades"))
		if want := []string{bad + ": " + grade(first.FleschKincaidGrade()), bad + "2: " + grade(second.FleschKincaidGrade())}; strings.Join(labels, "|") != strings.Join(want, "|") {
			t.Errorf("%q: grade bars %q, want %q", bad, labels, want)
		}
	}
}

func TestHTMLCapsFindings(t *testing.T) {
	var b strings.Builder
	for range htmlMaxFindings + 7 {
		b.WriteString("The chairman.\n")
	}
	src := b.String()
	var fs []lint.Finding
	for i := range htmlMaxFindings + 7 {
		fs = append(fs, hit(t, src, ruleChair, "chairman", i))
	}
	out := htmlOut(t, mdResult("big.md", src, fs...), mdResult("small.md", "The chairman.\n", hit(t, "The chairman.\n", ruleChair, "chairman", 0)))
	doc := parseHTML(t, out)
	rows := findingRows(t, doc)
	if len(rows) != htmlMaxFindings {
		t.Errorf("%d rows, want %d", len(rows), htmlMaxFindings)
	}
	for _, want := range []string{
		"The table lists the first 5,000 of 5,008 findings; the counts and charts cover them all.",
		"Showing 5,000 of 5,000 findings.",
		"<strong>5,008 findings</strong>",
		"exclusionary <span class=\"detail\">(5,008)</span>",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if labels, _ := bars(chart(t, doc, "categories")); labels[0] != "exclusionary: 5,008" {
		t.Errorf("the category chart does not count past the cap: %q", labels[0])
	}
	// The second file still has its card, though none of its rows fit.
	if _, ok := findID(doc, "file-2"); !ok {
		t.Error("the file past the cap has no card")
	}
}

func TestHTMLCapsBars(t *testing.T) {
	var b strings.Builder
	var starts []int
	for i := range htmlMaxBars + 3 {
		starts = append(starts, b.Len())
		b.WriteString("Page " + strconv.Itoa(i+1) + ": the chairman.\n")
	}
	src := b.String()
	res := Result{Path: "long.pdf", Format: "pdf", File: parsers.NewPagedFile("long.pdf", []byte(src), starts)}
	for i := range htmlMaxBars + 3 {
		res.Findings = append(res.Findings, hit(t, src, ruleChair, "chairman", i))
	}
	out := htmlOut(t, res)
	labels, _ := bars(chart(t, parseHTML(t, out), "file-1-where"))
	if len(labels) != htmlMaxBars || labels[0] != "Page 1: 1" || labels[htmlMaxBars-1] != "Page 60: 1" {
		t.Errorf("%d bars, first %q", len(labels), labels[0])
	}
	if !strings.Contains(out, "… and 3 more pages with findings, not charted.") {
		t.Error("no note for the pages left off")
	}
}

// findingRows returns the rows of the findings table.
func findingRows(t *testing.T, doc *html.Node) []*html.Node {
	t.Helper()
	table, ok := findID(doc, "findings")
	if !ok {
		t.Fatal("no findings table")
	}
	return elements(elements(table, "tbody", "")[0], "tr", "")
}

func findID(doc *html.Node, id string) (*html.Node, bool) {
	var found *html.Node
	walk(doc, func(n *html.Node) {
		if n.Type == html.ElementNode && attr(n, "id") == id {
			found = n
		}
	})
	return found, found != nil
}

func TestHTMLReturnsWriteErrors(t *testing.T) {
	p := NewHTML(errWriter{}, testTool)
	for _, r := range htmlGoldenResults(t) {
		if err := p.File(r); err != nil {
			t.Fatalf("File wrote early: %v", err)
		}
	}
	if err := p.Finish(); err == nil {
		t.Error("Finish ignored a write error")
	}
	var buf bytes.Buffer
	p = NewHTML(&buf, testTool)
	if err := p.File(htmlGoldenResults(t)[0]); err != nil || buf.Len() != 0 {
		t.Error("File must only buffer; Finish writes the page")
	}
}
