package lint

import (
	"fmt"
	"testing"

	"github.com/allylint/ally/rules"
)

func TestAnBefore(t *testing.T) {
	for words, want := range map[string]bool{
		"expert": true, "engineer": true, "inclusive team": true, "owner": true, "umbrella": true,
		"hour": true, "honest broker": true, "heir": true, "MBA": true, "HR lead": true, "SQL expert": true, "FAQ": true,
		"chair": false, "specialist": false, "union rep": false, "user": false, "European team": false,
		"one-off": false, "university": false, "UX designer": false, "BA": false, "": false, "“expert”": true,
	} {
		if got := anBefore(words); got != want {
			t.Errorf("anBefore(%q) = %v, want %v", words, got, want)
		}
	}
}

func TestAgreeArticle(t *testing.T) {
	tests := []struct {
		src, match, repl string
		wantStart        string // the text the edit starts with
		want             string // the replacement
	}{
		{"We want a rockstar.", "rockstar", "expert", "a rockstar", "an expert"},
		{"We want A rockstar.", "rockstar", "expert", "A rockstar", "An expert"},
		{"WE WANT A ROCKSTAR", "ROCKSTAR", "EXPERT", "A ROCKSTAR", "AN EXPERT"},
		{"an ninja", "ninja", "specialist", "an ninja", "a specialist"},
		{"an  ninja", "ninja", "specialist", "an  ninja", "a  specialist"},
		{"a ninja", "ninja", "specialist", "ninja", "specialist"},       // already agrees
		{"the rockstar", "rockstar", "expert", "rockstar", "expert"},    // no article
		{"banana rockstar", "rockstar", "expert", "rockstar", "expert"}, // "a" ends a word, it is not one
		{"é a rockstar", "rockstar", "expert", "a rockstar", "an expert"},
		{"rockstar", "rockstar", "expert", "rockstar", "expert"},    // nothing before
		{"a\nrockstar", "rockstar", "expert", "rockstar", "expert"}, // only spaces and tabs are crossed
	}
	for _, tt := range tests {
		start := len(tt.src) - len(tt.match)
		if i := indexOf(tt.src, tt.match); i >= 0 {
			start = i
		}
		gotStart, got := agreeArticle([]byte(tt.src), start, tt.repl)
		if tt.src[gotStart:start+len(tt.match)] != tt.wantStart || got != tt.want {
			t.Errorf("%q: edit %q → %q, want %q → %q", tt.src, tt.src[gotStart:start+len(tt.match)], got, tt.wantStart, tt.want)
		}
	}
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

func TestFixesChoosesDeterministically(t *testing.T) {
	safe := &rules.Rule{ID: "b.safe", FixSafe: true}
	other := &rules.Rule{ID: "a.safe", FixSafe: true}
	unsafe := &rules.Rule{ID: "c.unsafe"}
	fix := func(r *rules.Rule, start, end int, text string) Finding {
		return Finding{Rule: r, Start: start, End: end, Fix: &Fix{Start: start, End: end, Replacement: text, Safe: r.FixSafe}}
	}
	findings := []Finding{
		fix(safe, 4, 12, "chair"),              // "chairman"
		fix(safe, 4, 25, "chair of the board"), // longer, overlapping: wins
		fix(unsafe, 30, 39, "they"),
		fix(safe, 40, 45, "x"),
		fix(other, 40, 45, "y"), // same range: the lower rule id wins
		{Rule: safe, Start: 50, End: 55},
	}
	for _, unsafeToo := range []bool{false, true} {
		want := "[{4 25 chair of the board} {40 45 y}]"
		if unsafeToo {
			want = "[{4 25 chair of the board} {30 39 they} {40 45 y}]"
		}
		// The same choice whatever order the findings come in.
		for _, order := range [][]int{{0, 1, 2, 3, 4, 5}, {5, 4, 3, 2, 1, 0}, {1, 3, 0, 5, 2, 4}} {
			var fs []Finding
			for _, i := range order {
				fs = append(fs, findings[i])
			}
			if got := fmt.Sprint(Fixes(fs, unsafeToo)); got != want {
				t.Errorf("unsafe=%v order %v: %s, want %s", unsafeToo, order, got, want)
			}
		}
	}
}

func TestEditFor(t *testing.T) {
	r := &rules.Rule{ID: "x"}
	src := []byte("Hire a ninja now.")
	f := Finding{Rule: r, Start: 7, End: 12, Exact: true}
	if e, ok := f.EditFor(src, "expert"); !ok || e != (Edit{Start: 5, End: 12, Text: "an expert"}) {
		t.Errorf("EditFor = %+v, %v", e, ok)
	}
	for _, bad := range []Finding{
		{Rule: r, Start: 7, End: 12},              // not exact
		{Rule: r, Document: true, Exact: true},    // about the document
		{Rule: r, Start: 7, End: 99, Exact: true}, // outside the file
		{Rule: r, Start: 7, End: 7, Exact: true},  // empty
	} {
		if _, ok := bad.EditFor(src, "expert"); ok {
			t.Errorf("EditFor on %+v succeeded", bad)
		}
	}
}
