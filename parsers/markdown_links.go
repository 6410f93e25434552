package parsers

import (
	"bytes"
	"sort"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// bracketExtent is where the parts of a link's or image's markup are in
// the view: its text runs from textStart to the ']' at textEnd, and the
// destination or reference that follows ends at end.
type bracketExtent struct {
	textStart, textEnd, end int
}

// linkExtent returns the extent of link or image n, which opens at n.Pos()
// with "[" or "![". goldmark does not keep where the text closes or the
// markup ends, so both are found again: the ']' is the first one after
// the text's last inline (nothing but closing emphasis markup and white
// space can come between), and what follows is read the way goldmark's
// link parser reads it, over the same lines. Extents are memoised because
// a nested image's extent is also needed for the image around it.
func (w *mdWalker) linkExtent(n ast.Node, blk leafBlock) bracketExtent {
	if x, ok := w.extents[n]; ok {
		return x
	}
	open := max(n.Pos(), 0)
	textStart := open + 1
	var ref *ast.ReferenceLink
	switch n := n.(type) {
	case *ast.Image:
		textStart, ref = open+2, n.Reference
	case *ast.Link:
		ref = n.Reference
	}
	textStart = min(textStart, len(w.view))
	x := bracketExtent{textStart: textStart, textEnd: textStart, end: textStart}
	if close := w.labelClose(n, textStart, blk); close >= 0 {
		x.textEnd = close
		x.end = w.destinationEnd(ref, close+1, blk)
	}
	if w.extents == nil {
		w.extents = map[ast.Node]bracketExtent{}
	}
	w.extents[n] = x
	return x
}

// labelClose returns the offset of the ']' that closes the text of link or
// image n, or -1.
func (w *mdWalker) labelClose(n ast.Node, textStart int, blk leafBlock) int {
	from := textStart
	if last := n.LastChild(); last != nil {
		from = max(from, w.inlineEnd(last, blk))
	}
	limit := min(blk.end, len(w.view))
	if from >= limit {
		return -1
	}
	if i := bytes.IndexByte(w.view[from:limit], ']'); i >= 0 {
		return from + i
	}
	return -1
}

// inlineEnd returns where the source of inline node n ends, or a lower
// bound of it: the closing markup of emphasis is not counted, which is
// harmless since it can never be a ']'. Unlike nextStart it never looks
// past n, so it cannot skip over the ']' that closes a link around n.
func (w *mdWalker) inlineEnd(n ast.Node, blk leafBlock) int {
	switch n := n.(type) {
	case *ast.Text:
		return n.Segment.Stop
	case *ast.CodeSpan:
		if end := closingBackticks(w.view, n.Pos(), blk.end); end >= 0 {
			return end
		}
	case *ast.RawHTML:
		if segs := n.Segments; segs != nil && segs.Len() > 0 {
			return segs.At(segs.Len() - 1).Stop
		}
	case *ast.AutoLink:
		if _, end, ok := w.autoLinkMarkup(n); ok {
			return end
		}
	case *ast.Link, *ast.Image:
		return w.linkExtent(n, blk).end
	}
	if last := n.LastChild(); last != nil {
		return w.inlineEnd(last, blk)
	}
	return n.Pos()
}

// destinationEnd returns where the markup after a link's text ends, given
// the offset just after its ']': after "(dest "title")" for an inline
// link, after "[label]" for a full or collapsed reference, and at once for
// a shortcut reference. If the source does not read as goldmark read it,
// the markup is taken to end at the ']', which is never too far.
func (w *mdWalker) destinationEnd(ref *ast.ReferenceLink, at int, blk leafBlock) int {
	end := -1
	switch {
	case ref == nil:
		end = inlineDestinationEnd(w.readerAt(blk, at))
	case ref.Type == ast.ReferenceLinkFull || ref.Type == ast.ReferenceLinkCollapsed:
		end = referenceLabelEnd(w.readerAt(blk, at))
	}
	if end < at {
		return at
	}
	return end
}

// readerAt returns a reader over the lines of blk, as goldmark's inline
// parser had, positioned at view offset at; nil if at is on none of them.
func (w *mdWalker) readerAt(blk leafBlock, at int) text.Reader {
	lines := blk.node.Lines()
	i := sort.Search(lines.Len(), func(i int) bool { return lines.At(i).Stop > at })
	if i == lines.Len() || lines.At(i).Start > at {
		return nil
	}
	r := text.NewBlockReader(w.view, lines)
	r.SetPosition(i, text.NewSegment(at, lines.At(i).Stop))
	return r
}

// linkClosure is how goldmark's link parser looks for the end of a title
// or a reference label.
var linkClosure = text.FindClosureOptions{Newline: true, Advance: true}

// inlineDestinationEnd reads "(dest "title")" as goldmark's parseLink does
// and returns the offset after its ')', or -1.
func inlineDestinationEnd(r text.Reader) int {
	if r == nil || r.Peek() != '(' {
		return -1
	}
	r.Advance(1)
	r.SkipSpaces()
	if r.Peek() != ')' {
		if !skipLinkDestination(r) {
			return -1
		}
		r.SkipSpaces()
		if r.Peek() != ')' {
			if !skipLinkTitle(r) {
				return -1
			}
			r.SkipSpaces()
		}
	}
	if r.Peek() != ')' {
		return -1
	}
	_, seg := r.Position()
	return seg.Start + 1
}

// skipLinkDestination reads a destination as goldmark's
// parseLinkDestination does: "<...>" on one line, or a run without spaces
// whose parentheses balance, either with backslash escapes.
func skipLinkDestination(r text.Reader) bool {
	r.SkipSpaces()
	line, _ := r.PeekLine()
	if r.Peek() == '<' {
		for i := 1; i < len(line); i++ {
			switch c := line[i]; {
			case c == '\\' && i < len(line)-1 && util.IsPunct(line[i+1]):
				i++
			case c == '>':
				r.Advance(i + 1)
				return true
			}
		}
		return false
	}
	opened, i := 0, 0
scan:
	for i < len(line) {
		switch c := line[i]; {
		case c == '\\' && i < len(line)-1 && util.IsPunct(line[i+1]):
			i += 2
			continue
		case c == '(':
			opened++
		case c == ')':
			opened--
			if opened < 0 {
				break scan
			}
		case util.IsSpace(c):
			break scan
		}
		i++
	}
	r.Advance(i)
	return i != 0
}

// skipLinkTitle reads a title in double quotes, single quotes or
// parentheses, which may span lines, as goldmark's parseLinkTitle does.
func skipLinkTitle(r text.Reader) bool {
	r.SkipSpaces()
	opener := r.Peek()
	closer := opener
	switch opener {
	case '"', '\'':
	case '(':
		closer = ')'
	default:
		return false
	}
	r.Advance(1)
	_, found := r.FindClosure(opener, closer, linkClosure)
	return found
}

// referenceLabelEnd reads the "[label]" of a full or collapsed reference
// link as goldmark's parseReferenceLink does and returns the offset after
// its ']', or -1.
func referenceLabelEnd(r text.Reader) int {
	if r == nil || r.Peek() != '[' {
		return -1
	}
	r.Advance(1)
	segs, found := r.FindClosure('[', ']', linkClosure)
	if !found || segs.Len() == 0 {
		return -1
	}
	// The last segment stops at the ']'; the reader may already have
	// moved on to the next line.
	closer := segs.At(segs.Len() - 1).Stop
	if closer >= len(r.Source()) || r.Source()[closer] != ']' {
		return -1
	}
	return closer + 1
}
