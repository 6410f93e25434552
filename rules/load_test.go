package rules

import (
	"strings"
	"testing"
)

const goodRule = `rules:
  - id: gender.chairman
    category: exclusionary.gender
    severity: warning
    message: "“{match}” assumes a man."
    why: Titles should fit anyone.
    source: https://example.org/guide
    terms: [chairman, chairwoman]
    except: [chairman emeritus]
    suggest: [chair]
    fix: safe
    profiles: [job-post, policy]
    lang: en-GB
    examples:
      flag: [The chairman spoke.]
      pass: [The chair spoke.]
`

func TestParseGood(t *testing.T) {
	set, err := Parse("good.yaml", []byte(goodRule))
	if err != nil {
		t.Fatal(err)
	}
	r := set.Lookup("gender.chairman")
	if r == nil {
		t.Fatal("rule not found")
	}
	if r.Severity != SeverityWarning || r.Lang != "en-GB" || len(r.Terms) != 2 || r.Pos.Line != 2 || r.Pos.File != "good.yaml" || !r.FixSafe {
		t.Errorf("unexpected rule: %+v", r)
	}
	if !r.AppliesTo(ProfilePolicy) || r.AppliesTo(ProfileGeneral) {
		t.Errorf("profiles not applied: %v", r.Profiles)
	}
}

// rule builds a one-rule file from field lines, indented for the list item.
func rule(fields ...string) string {
	return "rules:\n  - " + strings.Join(fields, "\n    ") + "\n"
}

var base = []string{"id: x.y", "category: exclusionary.age", "severity: info", "message: m", "why: w"}

func with(extra ...string) string { return rule(append(append([]string{}, base...), extra...)...) }

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // substrings of the error, in order
	}{
		{"not yaml", "rules: [", []string{"bad.yaml:", "not valid YAML"}},
		{"empty", "", []string{"bad.yaml: file is empty"}},
		{"top not mapping", "- a\n- b\n", []string{"bad.yaml:1:1: expected a mapping"}},
		{"unknown top field", "rule:\n  - id: a\n", []string{`bad.yaml:1:1: unknown top-level field "rule"`, "missing \"rules:\" list"}},
		{"rules not list", "rules: {}\n", []string{"bad.yaml:1:8:", "must be a list"}},
		{"unknown field with hint", with("terms: [a]", "sugest: [b]"), []string{`bad.yaml:8:5: rule "x.y": unknown field "sugest", did you mean "suggest"?`}},
		{"no terms or pattern", with(), []string{`rule "x.y": needs "terms"`}},
		{"bad fix value", with("terms: [a]", "suggest: [b]", "fix: auto"), []string{`bad.yaml:9:5: rule "x.y": fix "auto" must be "safe"`}},
		{"safe fix without suggestion", with("terms: [a]", "fix: safe"), []string{`bad.yaml:8:5: rule "x.y": "fix: safe" needs a suggestion`}},
		{"empty terms", with("terms: []"), []string{`bad.yaml:7:5: rule "x.y": "terms" is empty`}},
		{"blank term", with("terms: ['  ']"), []string{"term 1 is blank"}},
		{"bad regex", with("pattern: 'a(b'"), []string{`bad.yaml:7:5: rule "x.y": invalid pattern: missing closing )`}},
		{"empty-matching regex", with("pattern: 'a*'"), []string{"matches empty text"}},
		{"bad severity", rule("id: x.y", "category: exclusionary.age", "severity: high", "message: m", "why: w", "terms: [a]"), []string{`bad.yaml:4:5: rule "x.y": severity "high" must be error, warning or info`}},
		{"bad category", rule("id: x.y", "category: exclusionary.hair", "severity: info", "message: m", "why: w", "terms: [a]"), []string{`bad.yaml:3:5: rule "x.y": unknown category "exclusionary.hair"`}},
		{"bad id", rule("id: X Y", "category: exclusionary.age", "severity: info", "message: m", "why: w", "terms: [a]"), []string{`bad.yaml:2:5: rule "X Y": id "X Y" must be lower case`}},
		{"missing message and why", rule("id: x.y", "category: exclusionary.age", "severity: info", "terms: [a]"), []string{`missing "message"`, `missing "why"`}},
		{"bad profile", with("terms: [a]", "profiles: [jobs]"), []string{`unknown profile "jobs"`}},
		{"bad lang", with("terms: [a]", "lang: 'not a tag!'"), []string{"not a BCP 47 language tag"}},
		{"bad source", with("terms: [a]", "source: example.org"), []string{"must be an http(s) URL"}},
		{"case-sensitive without pattern", with("terms: [a]", "case-sensitive: true"), []string{`"case-sensitive" only applies`}},
		{"wrong type", with("terms: a b"), []string{`rule "x.y"`, "cannot unmarshal"}},
		{"duplicate id", "rules:\n" + strings.Repeat("  - {id: a.b, category: gender-coded, severity: info, message: m, why: w, terms: [x]}\n", 2), []string{`bad.yaml:3:5: rule "a.b": duplicate id; first defined at line 2`}},
		{"duplicate key", "rules:\n  - id: a\n    id: b\n", []string{"bad.yaml:", "already defined"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("bad.yaml", []byte(tt.src))
			if err == nil {
				t.Fatalf("no error for:\n%s", tt.src)
			}
			msg := err.Error()
			at := 0
			for _, w := range tt.want {
				i := strings.Index(msg[at:], w)
				if i < 0 {
					t.Fatalf("error\n%s\ndoes not contain (in order) %q", msg, w)
				}
				at += i + len(w)
			}
		})
	}
}

func TestFilterAndMerge(t *testing.T) {
	a, err := Parse("a.yaml", []byte(goodRule))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Parse("b.yaml", []byte(strings.Replace(with("terms: [old]"), "id: x.y", "id: gender.chairman", 1)+
		"  - {id: age.young, category: exclusionary.age, severity: info, message: m, why: w, terms: [young]}\n"))
	if err != nil {
		t.Fatal(err)
	}
	m := Merge(a, b)
	if len(m.Rules) != 2 || m.Rules[0].Pos.File != "b.yaml" || m.Rules[1].ID != "age.young" {
		t.Fatalf("merge: later file should replace by id and append new ids: %+v", m.Rules)
	}
	tests := []struct {
		only, disable Selector
		want          string
		err           string
	}{
		{nil, nil, "gender.chairman age.young", ""},
		{Selector{"exclusionary"}, nil, "gender.chairman age.young", ""},
		{Selector{"age.*"}, nil, "age.young", ""},
		{nil, Selector{"gender"}, "age.young", ""},
		{nil, Selector{"exclusionary.age"}, "", ""},
		{Selector{"nope.*"}, nil, "", `no rule id or category matches "nope.*"`},
		{nil, Selector{"[bad"}, "", "bad pattern"},
	}
	for _, tt := range tests {
		got, err := m.Filter(tt.only, tt.disable)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("Filter(%v, %v) error = %v, want %q", tt.only, tt.disable, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, r := range got.Rules {
			ids = append(ids, r.ID)
		}
		if strings.Join(ids, " ") != tt.want {
			t.Errorf("Filter(%v, %v) = %v, want %q", tt.only, tt.disable, ids, tt.want)
		}
	}
}

// FuzzParse feeds arbitrary bytes to the loader: it must never panic, and
// whatever it accepts must be a valid, usable rule set.
func FuzzParse(f *testing.F) {
	f.Add([]byte(goodRule))
	f.Add([]byte(with("pattern: '(?i)x+'")))
	f.Add([]byte("rules:\n  - &a {id: a.b}\n  - *a\n"))
	f.Add([]byte("rules: [[], {}, 1, ~]\n"))
	f.Add([]byte("\xff\xfe"))
	f.Fuzz(func(t *testing.T, data []byte) {
		set, err := Parse("fuzz.yaml", data)
		if err != nil {
			if _, ok := err.(ErrorList); !ok {
				t.Fatalf("error is %T, want ErrorList", err)
			}
			return
		}
		for _, r := range set.Rules {
			if r.ID == "" || r.Severity == 0 || (len(r.Terms) == 0 && r.Pattern == "") {
				t.Fatalf("accepted an invalid rule: %+v", r)
			}
		}
	})
}
