// Package suppress reads inline suppressions from a document's source and
// drops the findings they cover:
//
//	<!-- ally-disable gender.chairman, sensory -->   (Markdown, HTML)
//	<!-- ally-enable -->
//	<!-- ally-disable-next-line age.young -->
//
// In a plain-text file the same words stand on a line of their own
// ("ally-disable gender.chairman"). A directive names rule ids or
// categories, as --disable does (globs and dotted prefixes), separated by
// spaces or commas; with none it covers every rule. A suppression that
// covers no finding is itself reported, so suppressions don't outlive the
// wording they excused.
package suppress

import (
	"bytes"
	"cmp"
	"regexp"
	"slices"
	"strings"

	"github.com/allylint/ally/lint"
	"github.com/allylint/ally/parsers"
	"github.com/allylint/ally/rules"
)

// unusedRule is the rule of the finding that reports a suppression that
// suppressed nothing.
var unusedRule = &rules.Rule{
	ID:       "ally.unused-suppression",
	Category: "ally",
	Severity: rules.SeverityInfo,
	Message:  "This suppression suppresses nothing; remove it.",
	Why:      "A suppression left behind after the wording changed would hide the next problem on that line.",
}

// UnusedRule returns the rule unused suppressions are reported under.
func UnusedRule() *rules.Rule { return unusedRule }

var (
	commentDirective = regexp.MustCompile(`^[ \t]*<!--[ \t]*ally-(disable-next-line|disable|enable)\b([^>]*?)-->[ \t]*\r?$`)
	textDirective    = regexp.MustCompile(`^[ \t]*ally-(disable-next-line|disable|enable)\b(.*?)\r?$`)
)

// region is where one directive applies: source bytes [start, end).
type region struct {
	sel        rules.Selector // empty: every rule
	start, end int
	// at and atEnd are the directive's own bytes, where an unused one is
	// reported.
	at, atEnd int
	used      bool
	// toEnd is true for a disable never enabled again: it also covers the
	// findings about the whole document.
	toEnd bool
}

// Apply returns the findings the document's suppressions leave, followed
// by one info finding for each suppression that covered nothing. Extracted
// text (PDF, DOCX) has no suppressions.
func Apply(doc *parsers.Document, findings []lint.Finding) []lint.Finding {
	if doc.File.Extracted {
		return findings
	}
	// Most files have no directive; one scan for the word says so.
	if !bytes.Contains(doc.File.Src, []byte("ally-")) {
		return findings
	}
	regions := parse(doc.File.Src, doc.Format == string(parsers.FormatText))
	if len(regions) == 0 {
		return findings
	}
	var out []lint.Finding
	for _, f := range findings {
		if !suppressed(regions, f) {
			out = append(out, f)
		}
	}
	for _, r := range regions {
		if !r.used {
			out = append(out, lint.Finding{
				Rule: unusedRule, Severity: unusedRule.Severity, Message: unusedRule.Message,
				Match: string(doc.File.Src[r.at:r.atEnd]), Start: r.at, End: r.atEnd, Exact: true,
			})
		}
	}
	// Keep the engine's order: by position, then rule id.
	slices.SortStableFunc(out, func(a, b lint.Finding) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End), cmp.Compare(a.Rule.ID, b.Rule.ID))
	})
	return out
}

func suppressed(regions []*region, f lint.Finding) bool {
	hit := false
	for _, r := range regions {
		in := (f.Document && r.toEnd) || (!f.Document && f.Start >= r.start && f.Start < r.end)
		if in && (len(r.sel) == 0 || r.sel.Matches(f.Rule)) {
			r.used, hit = true, true
		}
	}
	return hit
}

// parse finds the directives, line by line. A disable runs to the next
// enable that names one of its patterns (or names none) or to the end of
// the file; disable-next-line covers the line after it.
func parse(src []byte, text bool) []*region {
	re := commentDirective
	if text {
		re = textDirective
	}
	var out, open []*region
	for start := 0; start < len(src); {
		end := start
		for end < len(src) && src[end] != '\n' {
			end++
		}
		next := min(end+1, len(src))
		var m [][]byte
		if bytes.Contains(src[start:end], []byte("ally-")) {
			m = re.FindSubmatch(src[start:end])
		}
		if m != nil {
			sel := patterns(string(m[2]))
			lineEnd := end
			if lineEnd > start && src[lineEnd-1] == '\r' {
				lineEnd--
			}
			switch string(m[1]) {
			case "disable-next-line":
				nextEnd := next
				for nextEnd < len(src) && src[nextEnd] != '\n' {
					nextEnd++
				}
				out = append(out, &region{sel: sel, start: next, end: nextEnd, at: start, atEnd: lineEnd})
			case "disable":
				r := &region{sel: sel, start: next, end: len(src), at: start, atEnd: lineEnd, toEnd: true}
				out = append(out, r)
				open = append(open, r)
			case "enable":
				open = closeRegions(open, sel, start)
			}
		}
		start = next
	}
	return out
}

// closeRegions ends the open disables that an enable at offset at names:
// all of them when it names no pattern, else those whose patterns it
// repeats.
func closeRegions(open []*region, sel rules.Selector, at int) []*region {
	var still []*region
	for _, r := range open {
		if len(sel) == 0 || overlaps(r.sel, sel) {
			r.end, r.toEnd = at, false
			continue
		}
		still = append(still, r)
	}
	return still
}

func overlaps(a, b rules.Selector) bool {
	for _, p := range a {
		for _, q := range b {
			if p == q {
				return true
			}
		}
	}
	return len(a) == 0
}

// patterns splits a directive's rule list on spaces and commas.
func patterns(s string) rules.Selector {
	var sel rules.Selector
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' }) {
		sel = append(sel, f)
	}
	return sel
}
