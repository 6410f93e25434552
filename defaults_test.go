package ally_test

import (
	"strings"
	"testing"

	"github.com/allylint/ally"
	"github.com/allylint/ally/lint"
	"github.com/allylint/ally/parsers"
	"github.com/allylint/ally/rules"
)

// TestDefaultRules loads the embedded rule set exactly as the CLI does and
// runs every example of every rule: each "flag" sentence must be flagged by
// its rule and each "pass" sentence must not be.
func TestDefaultRules(t *testing.T) {
	set, l := defaultLinter(t)
	for _, r := range set.Rules {
		if len(r.Examples.Flag) == 0 || len(r.Examples.Pass) == 0 {
			t.Errorf("%s:%d: rule %q needs at least one flag and one pass example", r.Pos.File, r.Pos.Line, r.ID)
		}
	}
	failures, n := l.CheckExamples()
	for _, f := range failures {
		t.Error(f.Error())
	}
	t.Logf("%d rules, %d examples", len(set.Rules), n)
}

// TestDefaultRulesCoverage keeps the built-in set broad: at least 100
// rules, and rules in every exclusionary category plus accessibility and
// plain language.
func TestDefaultRulesCoverage(t *testing.T) {
	set, err := ally.DefaultSet()
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Rules) < 100 {
		t.Errorf("only %d built-in rules, want at least 100", len(set.Rules))
	}
	count := map[string]int{}
	for _, r := range set.Rules {
		count[r.Category]++
		if i := strings.IndexByte(r.Category, '.'); i > 0 {
			count[r.Category[:i]+".*"]++
		}
	}
	for _, c := range []string{
		"exclusionary.gender", "exclusionary.age", "exclusionary.disability", "exclusionary.race",
		"exclusionary.lgbtq", "exclusionary.religion", "exclusionary.nationality",
		"exclusionary.socioeconomic", "exclusionary.appearance", "exclusionary.family",
		"exclusionary.mental-health", "accessibility.*", "plain-language.*",
	} {
		if count[c] == 0 {
			t.Errorf("no built-in rule in category %s", c)
		}
	}
}

// TestGenderCodedWholeWords checks words that prefix-based gender decoders
// get wrong: they contain a coded stem (analy-, respon-, commit-, child-,
// individual-, share-, force-) but are not coded words.
func TestGenderCodedWholeWords(t *testing.T) {
	_, l := defaultLinter(t)
	text := "## Responsibilities\n\nWork with our analyst and the budget committee. " +
		"We offer childcare support. This is an individual contributor role. " +
		"You will maintain our SharePoint site and plan the workforce schedule.\n"
	doc, err := parsers.Markdown{}.Parse(parsers.NewFile("post.md", []byte(text)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range l.Check(doc, rules.ProfileJobPost) {
		if strings.HasPrefix(f.Rule.Category, "gender-coded") {
			t.Errorf("%q is flagged as gender-coded by %s", f.Match, f.Rule.ID)
		}
	}
}

// defaultLinter loads and compiles the embedded rules as the CLI does.
func defaultLinter(t *testing.T) (*rules.Set, *lint.Linter) {
	t.Helper()
	set, err := ally.DefaultSet()
	if err != nil {
		t.Fatalf("built-in rules do not load:\n%v", err)
	}
	l, err := lint.New(set)
	if err != nil {
		t.Fatalf("built-in rules do not compile:\n%v", err)
	}
	return set, l
}
