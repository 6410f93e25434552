package fix

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// contextLines is how many unchanged lines surround each change, as in
// diff -u and git diff.
const contextLines = 3

// lineOp is one line of a diff: ' ' kept, '-' removed, '+' added. Text
// keeps its line ending, if it has one.
type lineOp struct {
	kind byte
	text string
}

// Diff writes a unified diff from old to new that `git apply` and
// `patch -p1` accept, with "--- a/NAME" and "+++ b/NAME" headers; it
// writes nothing when the two are equal. The line-level comparison is
// sergi/go-diff's; the hunks are written here, because its patch text
// escapes lines the way URLs are escaped and is not a unified diff.
func Diff(w io.Writer, name string, old, new []byte) error {
	return diff(w, "a/"+name, "b/"+name, old, new)
}

// DiffLabelled writes a diff with the given header labels, for a change
// that is shown but cannot be applied (the text extracted from a PDF).
func DiffLabelled(w io.Writer, oldLabel, newLabel string, old, new []byte) error {
	return diff(w, oldLabel, newLabel, old, new)
}

func diff(w io.Writer, oldLabel, newLabel string, old, new []byte) error {
	if bytes.Equal(old, new) {
		return nil
	}
	ops := lineOps(string(old), string(new))
	var b strings.Builder
	fmt.Fprintf(&b, "--- %s\n+++ %s\n", oldLabel, newLabel)
	for _, h := range hunks(ops) {
		writeHunk(&b, ops, h)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// lineOps compares the texts line by line.
func lineOps(old, new string) []lineOp {
	dmp := diffmatchpatch.New()
	a, b, lines := dmp.DiffLinesToChars(old, new)
	diffs := dmp.DiffCharsToLines(dmp.DiffMain(a, b, false), lines)
	var ops []lineOp
	for _, d := range diffs {
		kind := byte(' ')
		switch d.Type {
		case diffmatchpatch.DiffDelete:
			kind = '-'
		case diffmatchpatch.DiffInsert:
			kind = '+'
		}
		for _, l := range splitLines(d.Text) {
			ops = append(ops, lineOp{kind, l})
		}
	}
	return ops
}

// splitLines cuts text after each '\n', keeping the endings (so "\r\n"
// survives); a last line without one is kept as it is.
func splitLines(s string) []string {
	var out []string
	for s != "" {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			out = append(out, s)
			break
		}
		out = append(out, s[:i+1])
		s = s[i+1:]
	}
	return out
}

// span is a hunk: ops[from:to].
type span struct{ from, to int }

// hunks groups the changed lines with their context, merging groups whose
// context would overlap.
func hunks(ops []lineOp) []span {
	var out []span
	for i := 0; i < len(ops); i++ {
		if ops[i].kind == ' ' {
			continue
		}
		from := max(0, i-contextLines)
		// Extend over changes and over runs of kept lines short enough
		// to be shared context.
		j := i
		for j < len(ops) {
			if ops[j].kind != ' ' {
				j++
				continue
			}
			k := j
			for k < len(ops) && ops[k].kind == ' ' {
				k++
			}
			if k < len(ops) && k-j <= 2*contextLines {
				j = k
				continue
			}
			break
		}
		to := min(len(ops), j+contextLines)
		if n := len(out); n > 0 && out[n-1].to >= from {
			out[n-1].to = to
		} else {
			out = append(out, span{from, to})
		}
		i = j
	}
	return out
}

// writeHunk writes one hunk with its "@@ -l,n +l,n @@" header. Line
// numbers count the lines before the hunk on each side.
func writeHunk(b *strings.Builder, ops []lineOp, h span) {
	oldLine, newLine := 1, 1
	for _, op := range ops[:h.from] {
		if op.kind != '+' {
			oldLine++
		}
		if op.kind != '-' {
			newLine++
		}
	}
	oldN, newN := 0, 0
	for _, op := range ops[h.from:h.to] {
		if op.kind != '+' {
			oldN++
		}
		if op.kind != '-' {
			newN++
		}
	}
	fmt.Fprintf(b, "@@ -%s +%s @@\n", rangeOf(oldLine, oldN), rangeOf(newLine, newN))
	for _, op := range ops[h.from:h.to] {
		b.WriteByte(op.kind)
		b.WriteString(op.text)
		if !strings.HasSuffix(op.text, "\n") {
			b.WriteString("\n\\ No newline at end of file\n")
		}
	}
}

// rangeOf formats a hunk range; an empty one names the line before it, as
// diff -u does.
func rangeOf(start, n int) string {
	if n == 0 {
		return fmt.Sprintf("%d,0", start-1)
	}
	return fmt.Sprintf("%d,%d", start, n)
}
