package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/allylint/ally/lint"
	"github.com/allylint/ally/parsers"
	"github.com/allylint/ally/rules"
)

var testRule = &rules.Rule{ID: "gender.chairman", Category: "exclusionary.gender", Severity: rules.SeverityWarning}

// result builds a Result with one finding on the first occurrence of match.
func result(t *testing.T, src, match string, sev rules.Severity) Result {
	t.Helper()
	i := strings.Index(src, match)
	if i < 0 {
		t.Fatalf("%q not in source", match)
	}
	f := parsers.NewFile("f.md", []byte(src))
	return Result{Path: "f.md", File: f, Format: "markdown", Profile: "general", Findings: []lint.Finding{{
		Rule: testRule, Severity: sev, Message: "msg", Match: match, Start: i, End: i + len(match),
		Suggestions: []string{"chair"},
	}}}
}

func TestText(t *testing.T) {
	long := strings.Repeat("word ", 30)
	tests := []struct {
		name    string
		results []Result
		want    []string
	}{
		{"basic", []Result{result(t, "# T\n\nThe chairman.\n", "chairman", rules.SeverityWarning)}, []string{
			"f.md:3:5: warning: msg [gender.chairman]\n",
			"    3 | The chairman.\n",
			"      |     ^^^^^^^^\n",
			"      = try: chair\n",
			"1 problem (0 errors, 1 warning, 0 info) in 1 file.\n",
		}},
		{"tab and multibyte keep the caret aligned", []Result{result(t, "\tCafé chairman\n", "chairman", rules.SeverityError)}, []string{
			"f.md:1:7: error:", "    1 |  Café chairman\n", "      |       ^^^^^^^^\n", "(1 error, 0 warnings, 0 info)",
		}},
		{"long line is cut around the match", []Result{result(t, long+"chairman "+long+"\n", "chairman", rules.SeverityInfo)}, []string{
			"| …" + long[len(long)-60:] + "chairman " + long[:59] + "…\n",
		}},
		{"match across lines", []Result{result(t, "a chair\nman b\n", "chair\nman", rules.SeverityInfo)}, []string{
			"    1 | a chair…\n", "      |   ^^^^^^\n",
		}},
		{"no findings", []Result{{Path: "a.md", File: parsers.NewFile("a.md", nil)}, {Path: "b.md", File: parsers.NewFile("b.md", nil)}}, []string{
			"No problems found in 2 files.\n",
		}},
		{"unreadable files are not counted", []Result{{Path: "a.md", Err: errors.New("gone")}}, []string{"No problems found in 0 files.\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := Text(&b, tt.results, TextOptions{}); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
		})
	}
}

func TestJSON(t *testing.T) {
	res := []Result{
		result(t, "The chairman.", "chairman", rules.SeverityWarning),
		{Path: "gone.md", Err: errors.New("gone.md: open: permission denied")},
	}
	var b bytes.Buffer
	if err := JSON(&b, Tool{Name: "ally", Version: "0.1.0"}, res); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Files []struct {
			Path     string
			Error    string
			Findings []struct {
				Start       struct{ Offset, Line, Column int }
				Suggestions []string
			}
			Metrics map[string]any
		}
		Summary Summary
	}
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Files) != 2 || got.Files[0].Findings[0].Start.Column != 5 || got.Files[0].Metrics == nil {
		t.Errorf("unexpected report: %s", b.String())
	}
	if got.Files[1].Error == "" || got.Files[1].Findings == nil {
		t.Errorf("a failed file needs an error and an empty findings list: %s", b.String())
	}
	if want := (Summary{Files: 1, Findings: 1, Warning: 1}); got.Summary != want {
		t.Errorf("summary = %+v, want %+v", got.Summary, want)
	}
	if !strings.Contains(b.String(), `"findings": []`) {
		t.Errorf("empty findings must print as [], not null: %s", b.String())
	}
}

// errWriter fails every write, to check that printers report it.
type errWriter struct{}

func (errWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestPrintersReturnWriteErrors(t *testing.T) {
	res := []Result{result(t, "The chairman.", "chairman", rules.SeverityWarning)}
	if err := Text(errWriter{}, res, TextOptions{}); err == nil {
		t.Error("Text ignored a write error")
	}
	if err := JSON(errWriter{}, Tool{}, res); err == nil {
		t.Error("JSON ignored a write error")
	}
}
