package parsers

import (
	"fmt"
	"os"
	"testing"

	"github.com/yuin/goldmark/ast"
)

func TestZZDump(t *testing.T) {
	src := []byte(os.Getenv("SRC"))
	n := parseMarkdown(src)
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		d := 0
		for p := n.Parent(); p != nil; p = p.Parent() {
			d++
		}
		extra := ""
		if n.Type() == ast.TypeBlock {
			for i := 0; i < n.Lines().Len(); i++ {
				s := n.Lines().At(i)
				extra += fmt.Sprintf(" [%d,%d pad%d %q]", s.Start, s.Stop, s.Padding, src[s.Start:s.Stop])
			}
		}
		if tx, ok := n.(*ast.Text); ok {
			extra += fmt.Sprintf(" seg[%d,%d] %q", tx.Segment.Start, tx.Segment.Stop, tx.Segment.Value(src))
		}
		if l, ok := n.(*ast.Link); ok {
			extra += fmt.Sprintf(" dest=%q ref=%v", l.Destination, l.Reference)
		}
		if l, ok := n.(*ast.AutoLink); ok {
			extra += fmt.Sprintf(" url=%q label=%q", l.URL(src), l.Label(src))
		}
		ch := ""
		if p := n.Pos(); p >= 0 && p < len(src) {
			ch = string(src[p])
		}
		fmt.Printf("%*s%s pos=%d %q%s\n", d*2, "", n.Kind(), n.Pos(), ch, extra)
		return ast.WalkContinue, nil
	})
}
