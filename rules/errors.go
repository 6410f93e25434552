package rules

import (
	"fmt"
	"sort"
	"strings"
)

// Error is one problem in a rules file, located at a line and column.
type Error struct {
	Pos    Pos
	RuleID string // empty when the problem is outside any rule
	Msg    string
}

// Error formats the problem as "file:line:col: rule "id": message".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Pos.File)
	if e.Pos.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", e.Pos.Line, e.Pos.Column)
	}
	b.WriteString(": ")
	if e.RuleID != "" {
		fmt.Fprintf(&b, "rule %q: ", e.RuleID)
	}
	b.WriteString(e.Msg)
	return b.String()
}

// ErrorList collects every problem found while loading, so a user fixes a
// rules file in one round instead of one error at a time.
type ErrorList []*Error

// Add appends a problem.
func (l *ErrorList) Add(pos Pos, ruleID, format string, args ...any) {
	*l = append(*l, &Error{Pos: pos, RuleID: ruleID, Msg: fmt.Sprintf(format, args...)})
}

// Error lists every problem on its own line, in file order.
func (l ErrorList) Error() string {
	msgs := make([]string, len(l))
	for i, e := range l {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Sort orders the problems by file, line and column.
func (l ErrorList) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Pos, l[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
}

// Err returns nil for an empty list, else the sorted list itself.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	l.Sort()
	return l
}
