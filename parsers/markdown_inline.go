package parsers

import (
	"bytes"
	"strconv"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// inlines walks the inline children of n into p.
func (w *mdWalker) inlines(p *prose, n ast.Node, blk leafBlock) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		w.inline(p, c, blk)
	}
}

// inline adds one inline node to p: text as prose, containers (emphasis,
// strikethrough, link text) through their children, and everything that
// is not prose as a Boundary over its source.
func (w *mdWalker) inline(p *prose, n ast.Node, blk leafBlock) {
	// A line break ends where the next node starts, so the opening markup
	// of a link or emphasis on the next line is not part of the break.
	if pos := n.Pos(); p.brk >= 0 && pos >= p.brk {
		p.flushBreak(pos)
	}
	switch n := n.(type) {
	case *ast.Text:
		if n.IsRaw() {
			p.verbatim(n.Segment.Start, n.Segment.Stop)
		} else {
			p.text(n.Segment.Start, n.Segment.Stop)
		}
		if n.SoftLineBreak() || n.HardLineBreak() {
			p.lineBreak(n.Segment.Stop)
		}
	case *ast.CodeSpan:
		p.boundary(w.codeSpanExtent(n, blk))
	case *ast.RawHTML:
		p.boundary(w.rawHTMLExtent(n, blk))
	case *ast.AutoLink:
		p.boundary(w.autoLinkExtent(n, blk))
		w.addAutoLink(n, blk)
	case *ast.Link:
		w.addLink(n, blk)
		w.inlines(p, n, blk)
	case *ast.Image:
		// The description is prose of its own kind; in the sentence around
		// it the image is a wall, like any other embedded object.
		w.addImage(n, blk)
		w.build(n, AltText, 0, blk)
		p.boundary(n.Pos(), w.nextStart(n, blk))
	case *ast.String, *east.TaskCheckBox:
		// ast.String has no source position (only Typographer makes it);
		// a task check box is list markup.
	default:
		w.inlines(p, n, blk)
	}
}

// nextStart returns where the source of inline node n ends, for nodes that
// do not record it (images): the start of whatever follows n in its block,
// or the end of the block. Any closing markup between (a "*" that closes
// the emphasis around n) is included, which is harmless since it is not
// prose either.
func (w *mdWalker) nextStart(n ast.Node, blk leafBlock) int {
	for m := n; m != nil && m != blk.node; m = m.Parent() {
		if s := m.NextSibling(); s != nil && s.Pos() >= 0 {
			return s.Pos()
		}
	}
	return blk.end
}

// codeSpanExtent returns the source of a code span, backticks included.
// goldmark keeps only the content, so the closing run is found the way
// CommonMark defines it: the next run of exactly as many backticks.
func (w *mdWalker) codeSpanExtent(n *ast.CodeSpan, blk leafBlock) (start, end int) {
	start = n.Pos()
	if end = closingBackticks(w.view, start, blk.end); end > start {
		return start, end
	}
	return start, w.nextStart(n, blk)
}

// closingBackticks returns the end of the backtick run that closes the one
// opening at view[start], or -1.
func closingBackticks(view []byte, start, limit int) int {
	limit = min(limit, len(view))
	if start < 0 || start >= limit {
		return -1
	}
	open := backtickRun(view, start, limit)
	for i := start + open; open > 0 && i < limit; {
		if view[i] != '`' {
			i++
			continue
		}
		n := backtickRun(view, i, limit)
		if n == open {
			return i + n
		}
		i += n
	}
	return -1
}

func backtickRun(view []byte, at, limit int) int {
	n := 0
	for at+n < limit && view[at+n] == '`' {
		n++
	}
	return n
}

// rawHTMLExtent returns the source of inline HTML, which goldmark records
// line by line.
func (w *mdWalker) rawHTMLExtent(n *ast.RawHTML, blk leafBlock) (start, end int) {
	segs := n.Segments
	if segs == nil || segs.Len() == 0 {
		return n.Pos(), w.nextStart(n, blk)
	}
	return segs.At(0).Start, segs.At(segs.Len() - 1).Stop
}

// autoLinkExtent returns the source of an autolink: "<url>" with its
// brackets, or a bare URL or e-mail address found by Linkify.
func (w *mdWalker) autoLinkExtent(n *ast.AutoLink, blk leafBlock) (start, end int) {
	if start, end, ok := w.autoLinkMarkup(n); ok {
		return start, end
	}
	return n.Pos(), w.nextStart(n, blk)
}

// autoLinkMarkup returns the source of an autolink, brackets included,
// and false if its label is not where it was expected.
func (w *mdWalker) autoLinkMarkup(n *ast.AutoLink) (start, end int, ok bool) {
	start, end, bracketed, ok := w.autoLinkLabel(n)
	if bracketed {
		return start - 1, end + 1, ok
	}
	return start, end, ok
}

// autoLinkLabel returns where an autolink's label (the address as
// written) is, and whether "<" and ">" surround it. goldmark exposes only
// the label, a slice of the source, so it is located at the node's
// position: Linkify's position may be one byte early, at the space or
// parenthesis it consumed before the URL.
func (w *mdWalker) autoLinkLabel(n *ast.AutoLink) (start, end int, bracketed, ok bool) {
	label := n.Label(w.view)
	pos := n.Pos()
	if pos < 0 || pos >= len(w.view) || len(label) == 0 {
		return 0, 0, false, false
	}
	rest := w.view[pos:]
	switch {
	case rest[0] == '<' && bytes.HasPrefix(rest[1:], label) && len(rest) > len(label)+1:
		return pos + 1, pos + 1 + len(label), true, true
	case bytes.HasPrefix(rest, label):
		return pos, pos + len(label), false, true
	case bytes.HasPrefix(rest[1:], label):
		return pos + 1, pos + 1 + len(label), false, true
	}
	return 0, 0, false, false
}

// prose builds the text of one span. Its methods take offsets into the
// parsed view and record offsets into the file.
type prose struct {
	b    *spanBuilder
	view []byte
	base int
	brk  int // view offset where a pending line break starts, or -1
}

func (w *mdWalker) newProse() *prose {
	return &prose{b: newSpanBuilder(w.src), view: w.view, base: w.base, brk: -1}
}

// lineBreak notes that a line of text ends at view offset at. The space it
// stands for is added only when more content follows, so the break every
// block's last line carries adds nothing, and its source runs up to the
// next content byte: line ending, trailing spaces, a hard break's
// backslash, and the indentation and "> " markers goldmark skipped.
func (p *prose) lineBreak(at int) {
	if p.brk < 0 {
		p.brk = at
	}
}

// flushBreak adds a pending line break before content that starts at
// view offset start.
func (p *prose) flushBreak(start int) {
	if p.brk < 0 {
		return
	}
	p.b.decoded(" ", p.base+min(p.brk, start), p.base+start)
	p.brk = -1
}

// boundary adds a Boundary standing for view[start:end].
func (p *prose) boundary(start, end int) {
	start = max(0, min(start, len(p.view)))
	end = max(start, min(end, len(p.view)))
	p.flushBreak(start)
	p.b.boundary(p.base+start, p.base+end)
}

// verbatim adds view[start:end] unchanged.
func (p *prose) verbatim(start, end int) {
	if start >= end {
		return
	}
	p.flushBreak(start)
	p.b.verbatim(p.base+start, p.base+end)
}

// text adds view[start:end], the raw source of a text node, decoding
// entity references and backslash escapes the way goldmark's renderer
// does, each as its own decoded segment.
func (p *prose) text(start, end int) {
	if start >= end {
		return
	}
	p.flushBreak(start)
	run := start
	for i := start; i < end; {
		n, dec := decodeAt(p.view[i:end])
		if n == 0 {
			i++
			continue
		}
		p.b.verbatim(p.base+run, p.base+i)
		p.b.decoded(dec, p.base+i, p.base+i+n)
		i += n
		run = i
	}
	p.b.verbatim(p.base+run, p.base+end)
}

// decodeAt decodes a backslash escape or an entity reference at the start
// of b, returning how many bytes it spans (0 if none) and what it means.
func decodeAt(b []byte) (n int, text string) {
	switch {
	case len(b) >= 2 && b[0] == '\\' && util.IsPunct(b[1]):
		return 2, string(b[1:2])
	case len(b) >= 3 && b[0] == '&':
		return entityAt(b)
	}
	return 0, ""
}

// maxEntity bounds the bytes an entity reference can take:
// "&CounterClockwiseContourIntegral;" is the longest name.
const maxEntity = 40

// entityAt decodes an entity reference at the start of b as CommonMark
// defines them: "&name;" for a name in the HTML5 list, "&#" and 1–7
// decimal digits, or "&#x" and 1–6 hex digits, then ";". A numeric
// reference to NUL, a surrogate or a value past U+10FFFF is U+FFFD.
func entityAt(b []byte) (n int, text string) {
	semi := bytes.IndexByte(b[:min(len(b), maxEntity)], ';')
	if semi < 2 {
		return 0, ""
	}
	name := b[1:semi]
	if name[0] == '#' {
		r, ok := numericEntity(name[1:])
		if !ok {
			return 0, ""
		}
		return semi + 1, string(util.ToValidRune(r))
	}
	for _, c := range name {
		if !util.IsAlphaNumeric(c) {
			return 0, ""
		}
	}
	if e, ok := util.LookUpHTML5EntityByName(string(name)); ok {
		return semi + 1, string(e.Characters)
	}
	return 0, ""
}

// numericEntity parses the part of a numeric reference after "&#".
func numericEntity(digits []byte) (rune, bool) {
	base, maxDigits := 10, 7
	if len(digits) > 0 && (digits[0] == 'x' || digits[0] == 'X') {
		digits, base, maxDigits = digits[1:], 16, 6
	}
	if len(digits) == 0 || len(digits) > maxDigits {
		return 0, false
	}
	v, err := strconv.ParseUint(string(digits), base, 32)
	if err != nil {
		return 0, false
	}
	return rune(v), true
}
