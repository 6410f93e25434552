package lint

import (
	"cmp"
	"slices"

	"github.com/allylint/ally/parsers"
	"github.com/allylint/ally/rules"
)

// Finding is one problem found in a file. Start and End are byte offsets
// into the source (End exclusive); printers turn them into line and column.
// Findings are plain values: printers never re-derive anything from rules.
type Finding struct {
	Rule     *rules.Rule
	Severity rules.Severity
	// Message is the rule's message with {match} filled in.
	Message string
	// Match is the matched text as written in the source.
	Match      string
	Start, End int
	// Exact is false when the match crosses markup or a decoded entity, so
	// replacing Start:End would not be a faithful edit.
	Exact       bool
	Kind        parsers.Kind
	Suggestions []string
	// Document is true for a finding about the document as a whole (no
	// pay range, no equal-opportunity statement); it has no position, and
	// Start and End are 0.
	Document bool
	// Fix is the first suggestion as an edit of the file, when the match
	// maps exactly onto its bytes; nil otherwise.
	Fix *Fix
}

// sortFindings orders findings by position, then rule id, the order every
// printer shows them in.
func sortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End), cmp.Compare(a.Rule.ID, b.Rule.ID))
	})
}
