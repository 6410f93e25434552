package suppress

import (
	"fmt"
	"strings"
	"testing"

	"github.com/allylint/ally/lint"
	"github.com/allylint/ally/parsers"
	"github.com/allylint/ally/rules"
)

var (
	chairman = &rules.Rule{ID: "gender.chairman", Category: "exclusionary.gender"}
	young    = &rules.Rule{ID: "age.young", Category: "exclusionary.age"}
	payRange = &rules.Rule{ID: "job-post.pay-range", Category: "job-post.pay"}
)

// findAll makes a finding for every occurrence of each rule's word, as
// the engine would: not inside a directive, whose rule ids hold the words.
func findAll(src string) []lint.Finding {
	var fs []lint.Finding
	for word, r := range map[string]*rules.Rule{"chairman": chairman, "young": young} {
		for i := 0; ; {
			j := strings.Index(src[i:], word)
			if j < 0 {
				break
			}
			at := i + j
			i = at + len(word)
			if strings.HasSuffix(src[:at], ".") {
				continue // "gender.chairman", "age.young"
			}
			fs = append(fs, lint.Finding{Rule: r, Start: at, End: at + len(word), Match: word})
		}
	}
	return append(fs, lint.Finding{Rule: payRange, Document: true})
}

// describe lists what is left: rule@line, and unused suppressions.
func describe(doc *parsers.Document, fs []lint.Finding) string {
	var out []string
	for _, f := range fs {
		if f.Document {
			out = append(out, f.Rule.ID)
			continue
		}
		out = append(out, fmt.Sprintf("%s@%d", f.Rule.ID, doc.File.Position(f.Start).Line))
	}
	return strings.Join(out, " ")
}

func TestApply(t *testing.T) {
	tests := []struct {
		name, format, src, want string
	}{
		{"no directives", "markdown", "chairman\nyoung\n", "age.young@2 gender.chairman@1 job-post.pay-range"},
		{"disable to the end covers document findings", "markdown",
			"<!-- ally-disable -->\nchairman\nyoung\n", ""},
		{"disable one rule, then enable", "markdown",
			"chairman\n<!-- ally-disable gender.chairman -->\nchairman young\n<!-- ally-enable -->\nchairman\n",
			"age.young@3 gender.chairman@1 gender.chairman@5 job-post.pay-range"},
		{"by category prefix, comma separated", "markdown",
			"<!-- ally-disable exclusionary.age, job-post -->\nyoung chairman\n",
			"gender.chairman@2"},
		{"next line only", "markdown",
			"<!-- ally-disable-next-line gender.chairman -->\nchairman\nchairman\n",
			"gender.chairman@3 job-post.pay-range"},
		{"enable names one of two open disables", "markdown",
			"<!-- ally-disable gender.chairman -->\n<!-- ally-disable age.young -->\nchairman young\n<!-- ally-enable age.young -->\nchairman young\n",
			"age.young@5 job-post.pay-range"},
		{"unused suppression reported", "markdown",
			"<!-- ally-disable-next-line age.young -->\nchairman\n",
			"gender.chairman@2 job-post.pay-range ally.unused-suppression@1"},
		{"CRLF", "markdown", "<!-- ally-disable-next-line gender.chairman -->\r\nchairman\r\nchairman\r\n",
			"gender.chairman@3 job-post.pay-range"},
		{"text: a line of its own", "text", "ally-disable-next-line gender.chairman\nchairman\nsay ally-disable here: chairman\n",
			"gender.chairman@3 job-post.pay-range"},
		{"text ignores HTML comments", "text", "<!-- ally-disable -->\nchairman\n",
			"gender.chairman@2 job-post.pay-range"},
		{"markdown needs the comment", "markdown", "ally-disable\nchairman\n",
			"gender.chairman@2 job-post.pay-range"},
		{"not alone on its line", "markdown", "The chairman <!-- ally-disable -->\nchairman\n",
			"gender.chairman@1 gender.chairman@2 job-post.pay-range"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := &parsers.Document{File: parsers.NewFile("f", []byte(tt.src)), Format: tt.format}
			got := Apply(doc, findAll(tt.src))
			// Sort for a stable description: kept findings by rule then
			// line, unused suppressions last.
			if d := describe(doc, sortForTest(got)); d != tt.want {
				t.Errorf("got  %q\nwant %q", d, tt.want)
			}
		})
	}
}

func sortForTest(fs []lint.Finding) []lint.Finding {
	var kept, unused []lint.Finding
	for _, f := range fs {
		if f.Rule == UnusedRule() {
			unused = append(unused, f)
		} else {
			kept = append(kept, f)
		}
	}
	for i := 1; i < len(kept); i++ {
		for j := i; j > 0 && less(kept[j], kept[j-1]); j-- {
			kept[j], kept[j-1] = kept[j-1], kept[j]
		}
	}
	return append(kept, unused...)
}

func less(a, b lint.Finding) bool {
	if a.Document != b.Document {
		return !a.Document
	}
	if a.Rule.ID != b.Rule.ID {
		return a.Rule.ID < b.Rule.ID
	}
	return a.Start < b.Start
}

func TestExtractedTextHasNoSuppressions(t *testing.T) {
	src := "<!-- ally-disable -->\nchairman\n"
	doc := &parsers.Document{File: parsers.NewParagraphFile("f.docx", []byte(src), []int{0}), Format: "docx"}
	if got := Apply(doc, findAll(src)); len(got) != 2 {
		t.Errorf("findings in extracted text were suppressed: %+v", got)
	}
}
