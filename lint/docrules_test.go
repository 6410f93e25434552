package lint

import (
	"strings"
	"testing"

	"github.com/allylint/ally"
	"github.com/allylint/ally/parsers"
	"github.com/allylint/ally/rules"
)

// defaultLinter compiles the built-in rules.
func defaultLinter(t *testing.T) *Linter { return linterFrom(t, "rules.yaml", ally.DefaultRules()) }

// ruleHits lints Markdown under the job-post profile and returns the ids
// of the findings of the given rule, marking document-level ones "doc".
func ruleHits(t *testing.T, l *Linter, md, id string) []string {
	t.Helper()
	doc, err := parsers.Markdown{}.Parse(parsers.NewFile("post.md", []byte(md)))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range l.Check(doc, rules.ProfileJobPost) {
		if f.Rule.ID != id {
			continue
		}
		if f.Document {
			got = append(got, "doc")
		} else {
			got = append(got, f.Match)
		}
	}
	return got
}

func TestPayRange(t *testing.T) {
	l := defaultLinter(t)
	tests := []struct {
		text string
		want string // "doc": no pay found; "": pay found; else the wide range flagged
	}{
		{"The salary range is $60,000–$80,000 a year.", ""},
		{"Pay: $60k-80k per year.", ""},
		{"We pay £30,000 to £35,000 per year.", ""},
		{"The rate is €25/hour.", ""},
		{"Compensation: USD 120,000 - 150,000 base.", ""},
		{"Pay starting at $22 an hour.", ""},
		{"The salary is between sixty and seventy thousand dollars a year.", ""},
		{"Competitive salary.", "doc"},
		{"Pay is DOE and negotiable.", "doc"},
		{"You will manage budgets over $2M.", "doc"},
		{"A $500 signing bonus for new starters.", "doc"},
		{"Pay: $40k to $120k a year.", "$40k to $120k"},
	}
	for _, tt := range tests {
		got := strings.Join(ruleHits(t, l, tt.text, "job-post.pay-range"), "|")
		if got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestStatementsAndRequirements(t *testing.T) {
	l := defaultLinter(t)
	tests := []struct {
		name, text, rule string
		want             string
	}{
		{"eeo present", "We are an equal opportunity employer.", "job-post.eeo-statement", ""},
		{"eeo in other words", "We do not discriminate on the basis of age or disability.", "job-post.eeo-statement", ""},
		{"eeo missing", "Apply now.", "job-post.eeo-statement", "doc"},
		{"accommodation present", "Ask us for a reasonable accommodation at any stage.", "job-post.accommodation", ""},
		{"UK adjustments", "We will make reasonable adjustments to the interview.", "job-post.accommodation", ""},
		{"travel accommodation is not one", "Travel and accommodation covered.", "job-post.accommodation", "doc"},
		{"ten requirements are fine", "## Requirements\n\n" + strings.Repeat("- skill\n", 10), "job-post.too-many-requirements", ""},
		{"eleven are too many", "## Requirements\n\n" + strings.Repeat("- skill\n", 11), "job-post.too-many-requirements", "doc"},
		{"nice-to-have not counted", "## Requirements\n\n" + strings.Repeat("- skill\n", 6) + "\n## Nice to have\n\n" + strings.Repeat("- extra\n", 6), "job-post.too-many-requirements", ""},
		{"plain-text list", "Requirements\n" + strings.Repeat("- skill\n", 11), "job-post.too-many-requirements", "doc"},
		{"10+ years", "- 10+ years of dispatch experience", "job-post.years-experience", "10+ years"},
		{"at least twelve years", "You have at least twelve years of experience.", "job-post.years-experience", "at least twelve years"},
		{"minimum of ten years", "A minimum of ten years of experience in sales.", "job-post.years-experience", "A minimum of ten years"},
		{"few years", "- 4+ years in QA", "job-post.years-experience", ""},
		{"an age", "- Be at least 18 years old, as the law requires for forklifts", "job-post.years-experience", ""},
		{"company history", "For more than 10 years, our firm has served families.", "job-post.years-experience", ""},
		{"degree required", "A bachelor's degree in accounting is required.", "job-post.degree-required", "bachelor's degree in accounting is required"},
		{"degree or equivalent", "A bachelor's degree or equivalent experience is required.", "job-post.degree-required", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := strings.Join(ruleHits(t, l, tt.text, tt.rule), "|")
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestGenderVerdict(t *testing.T) {
	tests := []struct {
		m, f int
		want string
	}{
		{0, 0, "neutral"}, {2, 2, "neutral"}, {1, 0, "slightly masculine-coded"}, {2, 0, "slightly masculine-coded"},
		{3, 0, "strongly masculine-coded"}, {4, 2, "slightly masculine-coded"}, {6, 3, "strongly masculine-coded"},
		{0, 3, "strongly feminine-coded"}, {1, 2, "slightly feminine-coded"}, {2, 5, "strongly feminine-coded"}, {2, 4, "slightly feminine-coded"},
	}
	for _, tt := range tests {
		if got := genderVerdict(tt.m, tt.f); got != tt.want {
			t.Errorf("genderVerdict(%d, %d) = %q, want %q", tt.m, tt.f, got, tt.want)
		}
	}
}

// TestReadingGradeSamePassBothWays checks that the reading grade, counted
// by the check itself under Check and reused from the metrics under
// Analyze, gives the same finding.
func TestReadingGradeSamePassBothWays(t *testing.T) {
	l := defaultLinter(t)
	hard := "# Remuneration\n\nNotwithstanding organizational considerations, remuneration determinations incorporate comprehensive evaluations encompassing individual performance characteristics and prevailing compensation benchmarking methodologies.\n\n## Easy\n\nWe pay well. Ask us.\n"
	doc, err := parsers.Markdown{}.Parse(parsers.NewFile("p.md", []byte(hard)))
	if err != nil {
		t.Fatal(err)
	}
	grade := func(fs []Finding) string {
		for _, f := range fs {
			if f.Rule.ID == "plain-language.reading-grade" {
				return f.Message
			}
		}
		return ""
	}
	checked := grade(l.Check(doc, rules.ProfilePolicy))
	analyzed, _ := l.Analyze(doc, rules.ProfilePolicy)
	if checked == "" || checked != grade(analyzed) {
		t.Errorf("Check: %q, Analyze: %q", checked, grade(analyzed))
	}
}
