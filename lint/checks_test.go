package lint

import (
	"strings"
	"testing"

	"github.com/allylint/ally/parsers"
	"github.com/allylint/ally/rules"
)

const checkRules = `
rules:
  - id: a11y.caps
    category: accessibility.all-caps
    severity: info
    check: all-caps
    message: caps
    why: w
  - id: plain.long
    category: plain-language.long-sentence
    severity: info
    check: long-sentence
    limit: 10
    message: "{count} words"
    why: w
  - id: gender.generic-he
    category: exclusionary.gender
    severity: warning
    check: generic-pronoun
    message: m
    why: w
    terms: [he, him, his, himself]
    antecedents: [candidate, employee, user, manager, each]
  - id: a11y.alt
    category: accessibility.alt-text
    severity: warning
    check: image-alt
    message: alt
    why: w
  - id: a11y.headings
    category: accessibility.headings
    severity: info
    check: heading-skip
    message: skip
    why: w
  - id: a11y.links
    category: accessibility.link-text
    severity: warning
    check: link-text
    message: link
    why: w
    terms: [here, click here, more]
  - id: a11y.bare-url
    category: accessibility.link-text
    severity: info
    check: bare-url
    message: url
    why: w
`

func checkLinter(t *testing.T) *Linter { return linterFrom(t, "checks.yaml", []byte(checkRules)) }

func TestSpanChecks(t *testing.T) {
	l := checkLinter(t)
	tests := []struct {
		name, text string
		want       []string // rule=match(->suggestion)
	}{
		{"shouting paragraph", "ALL STAFF MUST ATTEND. NO EXCEPTIONS FOR ANY TEAM.", []string{"a11y.caps=ALL STAFF MUST ATTEND. NO EXCEPTIONS FOR ANY TEAM."}},
		{"one shouting sentence", "Read this. YOU MUST SIGN THE FORM TODAY.", []string{"a11y.caps=YOU MUST SIGN THE FORM TODAY."}},
		{"acronyms are not shouting", "We follow PCI DSS, SOC 2, ISO and OSHA rules.", nil},
		{"short caps", "READ THIS NOW.", nil},
		{"long sentence", "One two three four five six seven eight nine ten eleven. Short one.", []string{"plain.long=One two three four five six seven eight nine ten eleven."}},
		{"generic he", "The successful candidate reports to the manager. He trains staff.", []string{"gender.generic-he=He->They"}},
		{"generic his", "Each employee must submit his timesheet.", []string{"gender.generic-he=his->their"}},
		{"named person", "Our CEO, David Park, said he was proud.", nil},
		{"name in the role noun's sentence", "John is our manager. He hires.", nil},
		{"ambiguous: a name beside the role", "Priya thanked the candidate. She said he did well.", nil},
		{"ambiguous: a male noun beside the role", "My father met the candidate. He liked him.", nil},
		{"male noun", "Ask my father. He knows.", nil},
		{"paired pronouns", "A user: he or she decides; his/her call.", nil},
		{"no antecedent", "He said so.", nil},
		{"mention", `Avoid "he" for a user.`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, f := range checkText(t, l, tt.text, rules.ProfileGeneral) {
				s := f.Rule.ID + "=" + f.Match
				if len(f.Suggestions) > 0 {
					s += "->" + f.Suggestions[0]
				}
				got = append(got, s)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestLongSentenceCount(t *testing.T) {
	l := checkLinter(t)
	got := checkText(t, l, "One two three four five six seven eight nine ten eleven twelve.", rules.ProfileGeneral)
	if len(got) != 1 || got[0].Message != "12 words" {
		t.Fatalf("got %+v", got)
	}
}

// TestDocChecks builds the document structure by hand, so it tests the
// checks apart from the Markdown parser.
func TestDocChecks(t *testing.T) {
	l := checkLinter(t)
	src := "# A\n\n### C\n\n![](x.png) ![logo](y.png) ![A chart of sales](z.png)\n\n[here](u) [the guide](v) <https://x.org> <hr@x.org> [InSite more](w)\n"
	at := func(s string) (int, int) { i := strings.Index(src, s); return i, i + len(s) }
	doc := &parsers.Document{File: parsers.NewFile("d.md", []byte(src)), Format: "markdown"}
	for _, h := range []struct {
		level int
		text  string
	}{{1, "# A"}, {3, "### C"}} {
		s, e := at(h.text)
		doc.Headings = append(doc.Headings, parsers.HeadingInfo{Level: h.level, Start: s, End: e})
	}
	for _, img := range []struct{ markup, alt string }{{"![](x.png)", ""}, {"![logo](y.png)", "logo"}, {"![A chart of sales](z.png)", "A chart of sales"}} {
		s, e := at(img.markup)
		doc.Images = append(doc.Images, parsers.Image{Start: s, End: e, Alt: img.alt})
	}
	for _, ln := range []struct {
		text string
		auto bool
	}{{"here", false}, {"the guide", false}, {"https://x.org", true}, {"hr@x.org", true}, {"InSite more", false}} {
		s, e := at(ln.text)
		doc.Links = append(doc.Links, parsers.Link{Start: s, End: e, TextStart: s, TextEnd: e, Text: ln.text, Autolink: ln.auto})
	}
	var got []string
	for _, f := range l.Check(doc, rules.ProfileGeneral) {
		got = append(got, f.Rule.ID+"="+f.Match)
	}
	want := "a11y.headings=### C|a11y.alt=![](x.png)|a11y.alt=![logo](y.png)|a11y.links=here|a11y.bare-url=https://x.org"
	if strings.Join(got, "|") != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
