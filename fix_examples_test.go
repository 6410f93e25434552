package ally_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/allylint/ally/lint"
	"github.com/allylint/ally/parsers"
	"github.com/allylint/ally/rules"
)

// TestSafeFixes holds every built-in rule marked "fix: safe" to that
// promise on each of its "flag" examples. The example is linted with the
// whole default rule set (as `ally rules test` does), the rule's safe fixes
// are applied, and then:
//
//   - the rule no longer fires on the fixed text;
//   - no "a"/"an" around an edit disagrees with the word after it;
//   - a pronoun the fix brings in agrees with the verb after it (not
//     "they is", "I has", "everyone are");
//   - fixing again changes nothing;
//   - no other exclusionary or gender-coded rule fires on the new words
//     (a fix must not swap one flagged word for another).
//
// A failure names the rule, the example and the fixed text; the remedy is
// to put a better drop-in first in "suggest" or to drop "fix: safe".
func TestSafeFixes(t *testing.T) {
	set, l := defaultLinter(t)
	safe, examples := 0, 0
	for _, r := range set.Rules {
		if !r.FixSafe {
			continue
		}
		safe++
		for _, ex := range r.Examples.Flag {
			examples++
			for _, problem := range safeFixProblems(l, r, ex) {
				t.Errorf("%s:%d: rule %q (fix: safe), example %q: %s", r.Pos.File, r.Pos.Line, r.ID, ex, problem)
			}
		}
	}
	if safe == 0 {
		t.Fatal(`no built-in rule is marked "fix: safe"; the test would check nothing`)
	}
	t.Logf("%d rules with safe fixes, %d examples", safe, examples)
}

// TestSafeFixesCatchProblems feeds safeFixProblems fixes that break each
// promise, so TestSafeFixes cannot pass by checking nothing.
func TestSafeFixesCatchProblems(t *testing.T) {
	set, err := rules.Parse("test.yaml", []byte(`rules:
  - id: t.he-or-she
    category: exclusionary.gender
    severity: warning
    message: "{match}"
    why: test
    terms: [he or she]
    suggest: [they]
    fix: safe
    examples:
      flag: [If he or she is sick, call in.]
      pass: [If they are sick, call in.]
  - id: t.ninja
    category: gender-coded
    severity: warning
    message: "{match}"
    why: test
    terms: [ninja]
    suggest: [expert]
    fix: safe
    examples:
      flag: [We need a ninja.]
      pass: [We need an expert.]
  - id: t.guru
    category: job-post.jargon
    severity: info
    message: "{match}"
    why: test
    terms: [guru]
    suggest: [ninja]
    fix: safe
    examples:
      flag: [We need an SEO guru.]
      pass: [We need an SEO expert.]
  - id: t.staff
    category: exclusionary.gender
    severity: warning
    message: "{match}"
    why: test
    terms: [manpower]
    suggest: [manpower pool]
    fix: safe
    examples:
      flag: [We lack manpower.]
      pass: [We lack staff.]
  - id: t.widget
    category: plain-language.wordy
    severity: info
    message: "{match}"
    why: test
    terms: [gizmo]
    suggest: [hour]
    fix: safe
    examples:
      flag: [It is a gizmo.]
      pass: [It is a widget.]
  - id: t.article-inside
    category: plain-language.wordy
    severity: info
    message: "{match}"
    why: test
    terms: [gadget]
    suggest: [a apple]
    fix: safe
    examples:
      flag: [Take gadget home.]
      pass: [Take it home.]
`))
	if err != nil {
		t.Fatal(err)
	}
	l, err := lint.New(set)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		rule, example, want string
	}{
		{"t.he-or-she", "If he or she is sick, call in.", `"they is": the verb does not agree`},
		{"t.widget", "It is a gizmo.", ""},
		{"t.guru", "We need an SEO guru.", `"t.ninja" fires on the new words "ninja"`},
		{"t.staff", "We lack manpower.", "still fires on the fixed text"},
		{"t.staff", "We lack manpower.", "fixing again changes the text"},
		{"t.article-inside", "Take gadget home.", `"a apple" needs "an"`},
	} {
		problems := strings.Join(safeFixProblems(l, set.Lookup(tc.rule), tc.example), "\n")
		if tc.want == "" {
			if problems != "" {
				t.Errorf("%s on %q: unexpected problems:\n%s", tc.rule, tc.example, problems)
			}
			continue
		}
		if !strings.Contains(problems, tc.want) {
			t.Errorf("%s on %q: want a problem containing %q, got:\n%s", tc.rule, tc.example, tc.want, problems)
		}
	}
	// "a gizmo" → "an hour" is put right by the fix itself; a wrong
	// article left before the new words is caught.
	if p := articleProblems([]byte("It is a hour."), []span{{6, 12}}); len(p) == 0 {
		t.Error(`"a hour" is not reported`)
	}
	if p := articleProblems([]byte("It is an expert."), []span{{9, 15}}); len(p) != 0 {
		t.Errorf(`"an expert" is reported: %v`, p)
	}
}

// safeFixProblems lints example, applies rule r's safe fixes and says what
// is wrong with the result; nil means the fix kept every promise.
func safeFixProblems(l *lint.Linter, r *rules.Rule, example string) []string {
	profile := exampleProfile(r)
	src := []byte(example)
	before, err := lintText(l, src, profile)
	if err != nil {
		return []string{err.Error()}
	}
	mine := findingsOf(before, r)
	if len(mine) == 0 {
		return []string{"the rule does not flag the example"}
	}
	var problems []string
	for _, f := range mine {
		if f.Fix == nil {
			problems = append(problems, fmt.Sprintf("the finding %q has no fix (its match does not map onto the source bytes)", f.Match))
		}
	}
	edits := lint.Fixes(mine, false)
	if len(edits) == 0 {
		return append(problems, "no safe fix is applied")
	}
	fixed, spans := applyEdits(src, edits)
	report := func(format string, args ...any) {
		problems = append(problems, fmt.Sprintf("fixed to %q, but ", fixed)+fmt.Sprintf(format, args...))
	}
	after, err := lintText(l, fixed, profile)
	if err != nil {
		return append(problems, err.Error())
	}
	// (a) The rule no longer fires.
	for _, f := range findingsOf(after, r) {
		report("the rule still fires on the fixed text (at %q)", f.Match)
	}
	// (b) Articles agree with the words after them around each edit.
	for _, p := range articleProblems(fixed, spans) {
		report("%s", p)
	}
	for _, p := range agreementProblems(fixed, spans) {
		report("%s", p)
	}
	// (c) Fixing again is a no-op.
	if again, _ := applyEdits(fixed, lint.Fixes(findingsOf(after, r), false)); string(again) != string(fixed) {
		report("fixing again changes the text to %q", again)
	}
	// (d) The new words are not flagged by another inclusive-language rule.
	for _, f := range after {
		if f.Rule == r || f.Document || !isInclusionCategory(f.Rule.Category) {
			continue
		}
		for _, s := range spans {
			if f.Start < s.end && s.start < f.End {
				report("%q fires on the new words %q", f.Rule.ID, f.Match)
				break
			}
		}
	}
	return problems
}

// exampleProfile is the profile an example is linted under, as in
// lint.CheckExamples: the rule's first, else general.
func exampleProfile(r *rules.Rule) string {
	if len(r.Profiles) > 0 {
		return r.Profiles[0]
	}
	return rules.ProfileGeneral
}

// lintText lints text read as Markdown, the way rule examples are read.
func lintText(l *lint.Linter, text []byte, profile string) ([]lint.Finding, error) {
	doc, err := parsers.Markdown{}.Parse(parsers.NewFile("example.md", text))
	if err != nil {
		return nil, fmt.Errorf("cannot parse %q: %v", text, err)
	}
	return l.Check(doc, profile), nil
}

func findingsOf(fs []lint.Finding, r *rules.Rule) []lint.Finding {
	var out []lint.Finding
	for _, f := range fs {
		if f.Rule == r {
			out = append(out, f)
		}
	}
	return out
}

func isInclusionCategory(c string) bool {
	return strings.HasPrefix(c, "exclusionary.") || c == "gender-coded" || strings.HasPrefix(c, "gender-coded.")
}

// span is a byte range [start, end) of the fixed text.
type span struct{ start, end int }

// applyEdits makes the edits (sorted, not overlapping, as lint.Fixes
// returns them) and returns the new text with where each edit's text now
// lies.
func applyEdits(src []byte, edits []lint.Edit) ([]byte, []span) {
	var out []byte
	var spans []span
	at := 0
	for _, e := range edits {
		out = append(out, src[at:e.Start]...)
		spans = append(spans, span{len(out), len(out) + len(e.Text)})
		out = append(out, e.Text...)
		at = e.End
	}
	return append(out, src[at:]...), spans
}

// articleProblems reports each "a" or "an" in or just before an edit that
// disagrees with the word after it ("a expert", "an policy"). It asks the
// linter's own rule (the one fixes use to put the article right): a
// replacement of that word which widens back over the article means the
// article is wrong.
func articleProblems(text []byte, spans []span) []string {
	words := wordSpans(text)
	var problems []string
	for i := 0; i+1 < len(words); i++ {
		article, next := words[i], words[i+1]
		w := strings.ToLower(string(text[article.start:article.end]))
		if w != "a" && w != "an" {
			continue
		}
		if !touchesEdit(article, spans) && !touchesEdit(next, spans) {
			continue
		}
		word := string(text[next.start:next.end])
		f := lint.Finding{Start: next.start, End: next.end, Exact: true}
		if e, ok := f.EditFor(text, word); ok && e.Start != next.start {
			want := "a"
			if w == "a" {
				want = "an"
			}
			problems = append(problems, fmt.Sprintf("%q needs %q", text[article.start:next.end], want))
		}
	}
	return problems
}

// Subject pronouns a fix may bring in, and verbs that cannot follow them:
// "they" takes "are", "everyone" takes "is". The "-s" test for a
// third-person verb ("they starts") leaves out words that merely end in s.
var (
	pluralSubjects   = map[string]bool{"i": true, "we": true, "you": true, "they": true}
	singularSubjects = map[string]bool{"everyone": true, "everybody": true, "someone": true, "somebody": true, "anyone": true, "anybody": true}
	singularVerbs    = map[string]bool{"is": true, "was": true, "has": true, "does": true, "isn": true, "wasn": true, "hasn": true, "doesn": true}
	pluralVerbs      = map[string]bool{"are": true, "were": true, "have": true, "do": true, "aren": true, "weren": true, "haven": true, "don": true}
	notVerbs         = map[string]bool{"always": true, "sometimes": true, "perhaps": true, "across": true, "unless": true, "thus": true, "towards": true, "afterwards": true, "besides": true, "nevertheless": true, "nonetheless": true, "themselves": true, "ourselves": true, "yourselves": true, "as": true, "its": true, "less": true, "this": true, "us": true, "plus": true}
)

// agreementProblems reports a subject pronoun at the end of an edit whose
// verb no longer agrees with it: "he or she is" fixed to "they is", "s/he
// starts" to "they starts".
func agreementProblems(text []byte, spans []span) []string {
	words := wordSpans(text)
	var problems []string
	for i := 0; i+1 < len(words); i++ {
		subject, verb := words[i], words[i+1]
		if !touchesEdit(subject, spans) || touchesEdit(verb, spans) {
			continue
		}
		s := strings.ToLower(string(text[subject.start:subject.end]))
		v := string(text[verb.start:verb.end])
		lv := strings.ToLower(v)
		var wrong bool
		switch {
		case pluralSubjects[s]:
			thirdPerson := strings.HasSuffix(lv, "s") && len(lv) > 2 && !strings.HasSuffix(lv, "ss") &&
				!strings.HasSuffix(lv, "us") && !strings.HasSuffix(lv, "is") && !notVerbs[lv] && lv == v
			wrong = singularVerbs[lv] || thirdPerson
		case singularSubjects[s]:
			wrong = pluralVerbs[lv]
		}
		if wrong {
			problems = append(problems, fmt.Sprintf("%q: the verb does not agree with the new subject", text[subject.start:verb.end]))
		}
	}
	return problems
}

func touchesEdit(w span, spans []span) bool {
	for _, s := range spans {
		if w.start < s.end && s.start < w.end {
			return true
		}
	}
	return false
}

// wordSpans splits text into runs of letters and digits.
func wordSpans(text []byte) []span {
	var out []span
	start := -1
	for i := 0; i <= len(text); {
		r, size := utf8.DecodeRune(text[i:])
		inWord := i < len(text) && (unicode.IsLetter(r) || unicode.IsDigit(r))
		switch {
		case inWord && start < 0:
			start = i
		case !inWord && start >= 0:
			out = append(out, span{start, i})
			start = -1
		}
		if i == len(text) {
			break
		}
		i += size
	}
	return out
}
