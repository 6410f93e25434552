package check

import (
	"errors"
	"testing"

	"github.com/allylint/ally"
	"github.com/allylint/ally/lint"
	"github.com/allylint/ally/parsers"
	"github.com/allylint/ally/rules"
)

func linter(t *testing.T) *lint.Linter {
	t.Helper()
	set, err := ally.DefaultSet()
	if err != nil {
		t.Fatal(err)
	}
	l, err := lint.New(set)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestDocument(t *testing.T) {
	l := linter(t)
	post := "# Driver\n\n## Requirements\n\n- A licence\n\n## How to apply\n\nApply now. The chairman will call.\n<!-- ally-disable-next-line gender.manpower -->\nWe need manpower.\n"
	res := Document(l, "post.md", parsers.FormatMarkdown, []byte(post), "auto", nil)
	if res.Err != nil || res.Profile != rules.ProfileJobPost || res.Metrics == nil || res.File == nil {
		t.Fatalf("result: profile %q, err %v, metrics %v", res.Profile, res.Err, res.Metrics)
	}
	var ids []string
	for _, f := range res.Findings {
		ids = append(ids, f.Rule.ID)
		if f.Rule.ID == "gender.manpower" {
			t.Error("the suppressed finding was reported")
		}
	}
	if len(ids) == 0 {
		t.Fatal("no findings")
	}
	// A profile given is kept.
	if res := Document(l, "post.md", parsers.FormatMarkdown, []byte(post), rules.ProfilePolicy, nil); res.Profile != rules.ProfilePolicy {
		t.Errorf("profile %q, want policy", res.Profile)
	}
	// A document that cannot be read is an error of the result, not a panic.
	res = Document(l, "bad.pdf", parsers.FormatPDF, []byte("not a pdf"), "auto", nil)
	if res.Err == nil || errors.Is(res.Err, ErrInternal) || res.Findings != nil {
		t.Errorf("bad PDF: %+v", res)
	}
	if res := Document(l, "x.rtf", "rtf", []byte("x"), "auto", nil); res.Err == nil {
		t.Error("an unknown format gave no error")
	}
}
