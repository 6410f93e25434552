package lint

import (
	"fmt"

	"github.com/allylint/ally/parsers"
	"github.com/allylint/ally/rules"
)

// ExampleFailure is a rule example that did not behave as the rule says.
type ExampleFailure struct {
	Rule    *rules.Rule
	Example string
	// WantFlag is true for a "flag" example that was not flagged, false for
	// a "pass" example that was.
	WantFlag bool
}

// Error describes the failure the way `ally rules test` prints it.
func (e ExampleFailure) Error() string {
	p := e.Rule.Pos
	if e.WantFlag {
		return fmt.Sprintf("%s:%d: rule %q: example is not flagged: %q", p.File, p.Line, e.Rule.ID, e.Example)
	}
	return fmt.Sprintf("%s:%d: rule %q: pass example is flagged: %q", p.File, p.Line, e.Rule.ID, e.Example)
}

// CheckExamples runs every example of every rule in the linter and returns
// the ones that misbehave. Examples run against the whole rule set, so a
// rule shadowed by a longer term of another rule is caught too. Each rule's
// examples are linted under the first profile it applies to, and read as
// Markdown, so that examples of structure checks can hold headings, images
// and links; a plain sentence reads the same either way.
func (l *Linter) CheckExamples() (failures []ExampleFailure, examples int) {
	for _, r := range l.rules {
		profile := rules.ProfileGeneral
		if len(r.Profiles) > 0 {
			profile = r.Profiles[0]
		}
		for _, ex := range r.Examples.Flag {
			examples++
			if !l.flags(r, ex, profile) {
				failures = append(failures, ExampleFailure{Rule: r, Example: ex, WantFlag: true})
			}
		}
		for _, ex := range r.Examples.Pass {
			examples++
			if l.flags(r, ex, profile) {
				failures = append(failures, ExampleFailure{Rule: r, Example: ex})
			}
		}
	}
	return failures, examples
}

// flags reports whether text gets a finding from rule r.
func (l *Linter) flags(r *rules.Rule, text, profile string) bool {
	doc, err := parsers.Markdown{}.Parse(parsers.NewFile("example.md", []byte(text)))
	if err != nil {
		return false
	}
	for _, f := range l.Check(doc, profile) {
		if f.Rule == r {
			return true
		}
	}
	return false
}
