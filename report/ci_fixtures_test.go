package report

import (
	"errors"
	"flag"
	"strings"
	"testing"

	"github.com/allylint/ally/lint"
	"github.com/allylint/ally/parsers"
	"github.com/allylint/ally/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// Rules for the CI format tests, shaped like the built-in ones.
var (
	ruleChair = &rules.Rule{ID: "gender.chairman", Category: "exclusionary.gender", Severity: rules.SeverityWarning,
		Message: "“{match}” builds a gender into the title of the role.", Why: "Chair names the role, not the person who holds it.",
		Source: "https://example.org/guide#chair", Terms: []string{"chairman"}, Suggest: []string{"chair", "chairperson"}, FixSafe: true}
	ruleYoung = &rules.Rule{ID: "age.young", Category: "exclusionary.age", Severity: rules.SeverityWarning,
		Message: "“{match}” tells older applicants they would not fit in.", Why: "Age is not a qualification.",
		Terms: []string{"young"}, Suggest: []string{"energetic"}}
	ruleWordy = &rules.Rule{ID: "plain-language.in-order-to", Category: "plain-language.wordy", Severity: rules.SeverityInfo,
		Message: "“{match}” says in three words what “to” says in one.", Why: "Short phrases are easier to read.",
		Terms: []string{"in order to"}, Suggest: []string{"to"}, FixSafe: true}
	rulePay = &rules.Rule{ID: "job-post.pay-range", Category: "job-post", Severity: rules.SeverityError,
		Message: "The post gives no pay or salary range.", Why: "Posts with pay ranges get more applicants.", Check: "pay-range"}
	ruleSeeBelow = &rules.Rule{ID: "accessibility.see-below", Category: "accessibility.sensory", Severity: rules.SeverityInfo,
		Message: "“{match}” assumes the reader sees the page.", Suggest: []string{"below"}}
	// ruleUnused never fires; SARIF still lists it.
	ruleUnused = &rules.Rule{ID: "exclusionary.unused", Category: "exclusionary.race", Severity: rules.SeverityInfo,
		Message: "{match} is unused.", Why: "Only here to be listed."}
)

var testTool = Tool{Name: "ally", Version: "0.1.0-test"}

func allTestRules() []*rules.Rule {
	return []*rules.Rule{ruleChair, ruleYoung, ruleWordy, rulePay, ruleSeeBelow, ruleUnused}
}

// at returns the byte range of the nth (0-based) occurrence of match.
func at(t testing.TB, src, match string, nth int) (int, int) {
	t.Helper()
	from := 0
	for i := 0; ; i++ {
		j := strings.Index(src[from:], match)
		if j < 0 {
			t.Fatalf("occurrence %d of %q not in %q", nth, match, src)
		}
		if i == nth {
			return from + j, from + j + len(match)
		}
		from += j + len(match)
	}
}

// hit builds the finding a rule makes on the nth occurrence of match, with
// its first suggestion as a fix (safe when the rule says so).
func hit(t testing.TB, src string, r *rules.Rule, match string, nth int) lint.Finding {
	t.Helper()
	start, end := at(t, src, match, nth)
	f := lint.Finding{Rule: r, Severity: r.Severity, Message: strings.ReplaceAll(r.Message, "{match}", match),
		Match: match, Start: start, End: end, Exact: true, Kind: parsers.Paragraph, Suggestions: r.Suggest}
	if len(r.Suggest) > 0 {
		f.Fix = &lint.Fix{Start: start, End: end, Replacement: r.Suggest[0], Safe: r.FixSafe}
	}
	return f
}

// docHit is a document-level finding.
func docHit(r *rules.Rule) lint.Finding {
	return lint.Finding{Rule: r, Severity: r.Severity, Message: r.Message, Document: true}
}

func mdResult(path, src string, fs ...lint.Finding) Result {
	return Result{Path: path, File: parsers.NewFile(path, []byte(src)), Format: "markdown", Profile: "general", Findings: fs}
}

const goldenMD = "# Shift lead\n\nWe're a young team.\n\n- Act as chairman of the weekly meeting\n- Plan in order to save time\n"

const goldenPDF = "Staff handbook\nPage one is about leave.\nThe chairman signs every request.\n"

// pdfResult is a PDF's extracted text: page 1 is the first two lines, page
// 2 starts at "The chairman".
func pdfResult(t testing.TB) Result {
	page2, _ := at(t, goldenPDF, "The chairman", 0)
	f := parsers.NewPagedFile("handbook.pdf", []byte(goldenPDF), []int{0, page2})
	return Result{Path: "handbook.pdf", File: f, Format: "pdf", Profile: "policy",
		Findings: []lint.Finding{hit(t, goldenPDF, ruleChair, "chairman", 0)}}
}

// goldenResults is one small run with every kind of result: a job post in
// Markdown (a document-level finding, an unsafe and two safe fixes), a PDF
// (a finding in extracted text, never fixed) and a file that failed.
func goldenResults(t testing.TB) []Result {
	post := mdResult("docs/job post.md", goldenMD,
		docHit(rulePay),
		hit(t, goldenMD, ruleYoung, "young", 0),
		hit(t, goldenMD, ruleChair, "chairman", 0),
		hit(t, goldenMD, ruleWordy, "in order to", 0))
	post.Profile = rules.ProfileJobPost
	post.Metrics = &lint.Metrics{
		Counts:       lint.Counts{Words: 19, Sentences: 3, Syllables: 25},
		GenderCoding: lint.GenderCoding{Verdict: "neutral"},
		Checklist: []lint.ChecklistItem{
			{Check: "pay-range", Label: "pay range", Passed: false},
			{Check: "eeo-statement", Label: "equal-opportunity statement", Passed: true},
		},
	}
	return []Result{
		post,
		{Path: "gone.md", Err: errors.New("gone.md: open: permission denied")},
		pdfResult(t),
	}
}

// printerCase names a printer constructor for table-driven tests.
type printerCase struct {
	name, golden string
	make         func(w writer) Printer
}

type writer = interface{ Write([]byte) (int, error) }

func ciPrinters() []printerCase {
	return []printerCase{
		{"sarif", "golden.sarif", func(w writer) Printer { return NewSARIF(w, testTool, allTestRules()) }},
		{"github", "golden.github.txt", func(w writer) Printer { return NewGitHub(w) }},
		{"rdjson", "golden.rdjson", func(w writer) Printer { return NewRDJSON(w) }},
		{"checkstyle", "golden.checkstyle.xml", func(w writer) Printer { return NewCheckstyle(w) }},
		{"gitlab", "golden.gitlab.json", func(w writer) Printer { return NewGitLab(w) }},
		{"markdown", "golden.summary.md", func(w writer) Printer { return NewMarkdownSummary(w) }},
	}
}
