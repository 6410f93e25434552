package lint

import (
	"strings"
	"testing"

	"github.com/allylint/ally/parsers"
	"github.com/allylint/ally/rules"
)

const testRules = `
rules:
  - id: gender.chairman
    category: exclusionary.gender
    severity: warning
    message: "“{match}” assumes a man."
    why: Titles should fit anyone.
    terms: [chairman]
    suggest: [chair, chairperson]
  - id: race.master
    category: exclusionary.race
    severity: warning
    message: Avoid master.
    why: It echoes slavery.
    terms: [master]
    except: ["master's degree", "master of science", "scrum master"]
    suggest: [primary]
  - id: gender.he-or-she
    category: exclusionary.gender
    severity: info
    message: Use they.
    why: Not everyone is he or she.
    terms: [he or she, he/she]
    suggest: [they]
  - id: gender.man
    category: exclusionary.gender
    severity: info
    message: man
    why: because
    terms: [man, he]
  - id: mental.sanity-check
    category: exclusionary.mental-health
    severity: warning
    message: sanity
    why: because
    terms: [sanity check]
    suggest: [quick check]
  - id: disability.wheelchair-bound
    category: exclusionary.disability
    severity: warning
    message: wb
    why: because
    terms: [wheelchair-bound]
    suggest: [wheelchair user]
  - id: age.years
    category: exclusionary.age
    severity: info
    message: years
    why: because
    pattern: '\b\d+\+? years\b'
  - id: religion.christian-name
    category: exclusionary.religion
    severity: info
    message: cn
    why: because
    terms: [Christian name]
    suggest: [first name]
  - id: jargon.rock-star
    category: job-post.jargon
    severity: info
    message: rs
    why: because
    terms: [rock star]
    suggest: [skilled, expert, people]
  - id: age.young
    category: exclusionary.age
    severity: info
    message: young
    why: because
    pattern: '\byoung\b'
  - id: gender.foreman
    category: exclusionary.gender
    severity: warning
    message: foreman
    why: because
    terms: [foreman]
    suggest: [supervisor]
  - id: legalese.provided-that
    category: plain-language.legalese
    severity: info
    message: pt
    why: because
    pattern: ',\s*(?P<match>provided that)\b'
    suggest: [if]
  - id: job-post.ninja
    category: job-post.jargon
    severity: info
    message: ninja
    why: because
    terms: [ninja]
    profiles: [job-post]
`

func testLinter(t testing.TB) *Linter { return linterFrom(t, "test.yaml", []byte(testRules)) }

// linterFrom compiles a rules file for a test, failing it on any error.
func linterFrom(t testing.TB, name string, yaml []byte) *Linter {
	t.Helper()
	set, err := rules.Parse(name, yaml)
	if err != nil {
		t.Fatal(err)
	}
	l, err := New(set)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func checkText(t testing.TB, l *Linter, text, profile string) []Finding {
	t.Helper()
	doc, err := parsers.Text{}.Parse(parsers.NewFile("t.txt", []byte(text)))
	if err != nil {
		t.Fatal(err)
	}
	return l.Check(doc, profile)
}

func TestCheck(t *testing.T) {
	l := testLinter(t)
	tests := []struct {
		name, text string
		want       []string // "rule-id=match->first suggestion"
	}{
		{"plain", "The chairman spoke.", []string{"gender.chairman=chairman->chair"}},
		{"capitalized", "Chairman of the board.", []string{"gender.chairman=Chairman->Chair"}},
		{"all caps", "THE CHAIRMAN SPOKE", []string{"gender.chairman=CHAIRMAN->CHAIR"}},
		{"plural", "Two chairmen spoke.", []string{"gender.chairman=chairmen->chairs"}},
		{"possessive", "The chairman's view.", []string{"gender.chairman=chairman's->chair's"}},
		{"curly possessive and soft hyphen", "The Chair\u00adman\u2019s view.", []string{"gender.chairman=Chair\u00adman\u2019s->Chair\u2019s"}},
		{"not inside words", "Read the manual, Manchester, human, the theme.", nil},
		{"except degree", "She has a master's degree and a Master of Science.", nil},
		{"except plural", "Our Scrum Masters meet daily.", nil},
		{"master flagged", "The master node replicates.", []string{"race.master=master->primary"}},
		{"longest wins at one start", "Ask if he or she agrees.", []string{"gender.he-or-she=he or she->they"}},
		{"slash phrase", "Ask if he/she agrees.", []string{"gender.he-or-she=he/she->they"}},
		{"across line break", "Run a sanity\ncheck first.", []string{"mental.sanity-check=sanity\ncheck->quick check"}},
		{"not across comma", "Keep your sanity, check often.", nil},
		{"hyphen variants", "wheelchair bound, wheelchair\u2013bound", []string{"disability.wheelchair-bound=wheelchair bound->wheelchair user", "disability.wheelchair-bound=wheelchair\u2013bound->wheelchair user"}},
		{"quoted mention", `Do not say "chairman", say 'chair'. Avoid \u201csanity check\u201d.`, nil},
		{"quoted with comma inside", `Words like "chairman," are out.`, nil},
		{"inside a short quotation", `Avoid "hey guys, the chairman says" in chat; the chairman agrees.`, []string{"gender.chairman=chairman->chair"}},
		{"long quotation is still a use", `She wrote "` + strings.Repeat("word ", 16) + `chairman" today.`, []string{"gender.chairman=chairman->chair"}},
		{"given name before a surname", "Marcus Foreman runs the site. The Foreman agrees.", []string{"gender.foreman=Foreman->Supervisor"}},
		{"url and path", "See https://example.com/master and docs/master.md or a@master.org.", nil},
		{"host without a scheme", "See wiki.example.com/security/master today. Use e.g/master, his/her.", []string{"race.master=master->primary"}},
		{"identifier", "Use master_branch or masterNode or master2.", nil},
		{"pattern", "At least 10+ years of work.", []string{"age.years=10+ years->"}},
		{"profile filtered", "Be a ninja.", nil},
		{"nfkc fullwidth", "The \uff23hairman spoke.", []string{"gender.chairman=\uff23hairman->Chair"}},
		{"proper-noun term keeps the suggestion's case", "Write your Christian name here.", []string{"religion.christian-name=Christian name->first name"}},
		{"proper-noun term in capitals", "YOUR CHRISTIAN NAME", []string{"religion.christian-name=CHRISTIAN NAME->FIRST NAME"}},
		{"modifiers and plurals are not pluralized", "We hire rock stars.", []string{"jargon.rock-star=rock stars->skilled"}},
		{"surname after a given name", "Ask Dahianna Salazar Foreman or the foreman.", []string{"gender.foreman=foreman->supervisor"}},
		{"surname after an honorific", "Dr. Alicia Young and young people.", []string{"age.young=young->"}},
		{"adjective starting a place name", "We are in Young Street. Young people apply.", []string{"age.young=Young->"}},
		{"title at sentence start is flagged", "Foreman Lee checks the site. The Site Foreman agrees.", []string{"gender.foreman=Foreman->Supervisor"}},
		{"named group marks the finding", "You may go, provided that you ask. Provided that is fine here.", []string{"legalese.provided-that=provided that->if"}},
		{"pattern inside a URL", "See https://example.com/young-team and young-team.", []string{"age.young=young->"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, f := range checkText(t, l, tt.text, rules.ProfileGeneral) {
				s := ""
				if len(f.Suggestions) > 0 {
					s = f.Suggestions[0]
				}
				got = append(got, f.Rule.ID+"="+f.Match+"->"+s)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestSuggestionNumber(t *testing.T) {
	l := testLinter(t)
	got := checkText(t, l, "We hire rock stars.", rules.ProfileGeneral)
	if len(got) != 1 || strings.Join(got[0].Suggestions, "|") != "skilled|experts|people" {
		t.Fatalf("suggestions = %+v", got)
	}
}

func TestEmphasizedMention(t *testing.T) {
	l := testLinter(t)
	doc, err := parsers.Markdown{}.Parse(parsers.NewFile("x.md", []byte("Write _he_ or _she_ or *he or she* rarely; he or she works. *Chairman* is flagged.\n")))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range l.Check(doc, rules.ProfileGeneral) {
		got = append(got, f.Rule.ID+"="+f.Match)
	}
	if want := "gender.he-or-she=he or she|gender.chairman=Chairman"; strings.Join(got, "|") != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestProfileApplies(t *testing.T) {
	l := testLinter(t)
	if got := checkText(t, l, "Be a ninja.", rules.ProfileJobPost); len(got) != 1 {
		t.Fatalf("job-post profile: got %d findings, want 1", len(got))
	}
}

func TestDetectProfile(t *testing.T) {
	tests := []struct{ name, md, want string }{
		{"job post", "# Line Cook\n\n## Responsibilities\n\n- Cook\n\n## Requirements\n\n- Two years\n\n## How to apply\n\nWrite to us.\n", rules.ProfileJobPost},
		{"policy", "# Leave Policy\n\n## Purpose\n\nThis explains leave.\n\n## Scope\n\nAll staff.\n\n## Procedure\n\nAsk first.\n", rules.ProfilePolicy},
		{"plain text headings", "Dispatcher\n\nRequirements\n- a\n\nBenefits\nHealth cover. To apply, send your CV.\n", rules.ProfileJobPost},
		{"one job heading without an invitation to apply", "# Team roles\n\n## Responsibilities\n\nThe lead plans the sprint. Benefits of pairing are many.\n", rules.ProfileGeneral},
		{"newsletter", "# Spring news\n\nThe picnic was fun. Benefits enrolment opens soon.\n", rules.ProfileGeneral},
		{"empty", "", rules.ProfileGeneral},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := parsers.Markdown{}.Parse(parsers.NewFile("x.md", []byte(tt.md)))
			if err != nil {
				t.Fatal(err)
			}
			if got := DetectProfile(doc); got != tt.want {
				t.Errorf("DetectProfile = %s, want %s", got, tt.want)
			}
		})
	}
}
