package parsers

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// This file fills Document.Headings, Images and Links as the walk over
// the tree reaches them. goldmark records where a heading's text is and
// where a link or image opens, but not where their markup ends: a
// heading's end is found from its line, a link's or image's by reading
// the source again the way goldmark's link parser does
// (markdown_links.go).

// addHeading records heading h. Headings are visited in source order, so
// each one's end bounds where the next can start.
func (w *mdWalker) addHeading(h *ast.Heading) {
	start, end := w.headingExtent(h)
	w.headingFloor = end
	w.headings = append(w.headings, HeadingInfo{
		Level: h.Level,
		Start: w.base + start,
		End:   w.base + end,
		Text:  w.readerText(h),
	})
}

// addLink records link n, whose text is walked separately.
func (w *mdWalker) addLink(n *ast.Link, blk leafBlock) {
	x := w.linkExtent(n, blk)
	w.links = append(w.links, Link{
		Start:     w.base + n.Pos(),
		End:       w.base + x.end,
		TextStart: w.base + x.textStart,
		TextEnd:   w.base + x.textEnd,
		Text:      w.readerText(n),
		Dest:      string(n.Destination),
	})
}

// addAutoLink records an autolink or a bare URL; its text is the address
// as written.
func (w *mdWalker) addAutoLink(n *ast.AutoLink, blk leafBlock) {
	start, end := w.autoLinkExtent(n, blk)
	textStart, textEnd, _, ok := w.autoLinkLabel(n)
	if !ok || textStart < start || textEnd > end {
		textStart, textEnd = start, end
	}
	w.links = append(w.links, Link{
		Start:     w.base + start,
		End:       w.base + end,
		TextStart: w.base + textStart,
		TextEnd:   w.base + textEnd,
		Text:      string(n.Label(w.view)),
		Dest:      autoLinkDest(n, w.view),
		Autolink:  true,
	})
}

// addImage records image n.
func (w *mdWalker) addImage(n *ast.Image, blk leafBlock) {
	x := w.linkExtent(n, blk)
	w.images = append(w.images, Image{
		Start: w.base + n.Pos(),
		End:   w.base + x.end,
		Alt:   w.altText(n),
		Src:   string(n.Destination),
	})
}

// autoLinkDest is where an autolink leads: the URL with the scheme Linkify
// assumes for "www." addresses, and "mailto:" before an e-mail address, as
// goldmark renders the href.
func autoLinkDest(n *ast.AutoLink, view []byte) string {
	url := string(n.URL(view))
	if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(url), "mailto:") {
		return "mailto:" + url
	}
	return url
}

// headingExtent returns the source of heading h in view, markers included:
// an ATX heading from its first '#' to the end of its line, a setext
// heading from its first text byte to the end of its underline.
func (w *mdWalker) headingExtent(h *ast.Heading) (start, end int) {
	if open := w.atxOpener(h); open >= 0 {
		return open, lineContentEnd(w.view, open)
	}
	lines := h.Lines()
	first, last := lines.At(0), lines.At(lines.Len()-1)
	start = first.Start
	for start < first.Stop && (w.view[start] == ' ' || w.view[start] == '\t') {
		start++
	}
	end = contentEnd(w.view, h)
	if nl := bytes.IndexByte(w.view[last.Start:], '\n'); nl >= 0 {
		under := last.Start + nl + 1
		if e := lineContentEnd(w.view, under); e > under && isSetextBar(w.view[e-1]) {
			end = e
		}
	}
	return start, max(start, end)
}

func isSetextBar(c byte) bool { return c == '=' || c == '-' }

// lineContentEnd returns the end of the line holding view[at], trailing
// white space and line ending excluded.
func lineContentEnd(view []byte, at int) int {
	end := len(view)
	if nl := bytes.IndexByte(view[at:], '\n'); nl >= 0 {
		end = at + nl
	}
	for end > at && isSpaceByte(view[end-1]) {
		end--
	}
	return end
}

// atxOpener returns the offset of the '#' run that opens heading h, or -1
// for a setext heading. An ATX heading's text follows "#"s and white space
// on its line; a setext heading's first line has nothing before its text
// but container markers, which never include '#'.
func (w *mdWalker) atxOpener(h *ast.Heading) int {
	lines := h.Lines()
	if lines.Len() == 0 {
		// Only an ATX heading can be empty.
		return w.emptyATXOpener(h)
	}
	i := lines.At(0).Start
	for i > 0 && isLineSpace(w.view[i-1]) {
		i--
	}
	if i == 0 || w.view[i-1] != '#' {
		return -1
	}
	for i > 0 && w.view[i-1] == '#' {
		i--
	}
	return i
}

// isLineSpace reports whether c is white space that does not end a line.
// goldmark skips all of it between an ATX heading's '#'s and its text.
func isLineSpace(c byte) bool { return c != '\n' && isSpaceByte(c) }

// maxTabPadding is how far goldmark's position of a block can overshoot:
// when a container marker ends inside a tab, the rest of the tab's columns
// are counted as bytes.
const maxTabPadding = 3

// emptyATXOpener finds the '#' run of an ATX heading without text, which
// has nothing but h.Pos() to go by. That position is exact unless a tab
// after a container marker was split, when it lies up to maxTabPadding
// bytes late, possibly on the next line; so the earliest plausible opener
// in that window, after the previous heading, is taken.
func (w *mdWalker) emptyATXOpener(h *ast.Heading) int {
	pos := min(h.Pos(), len(w.view)-1)
	for c := max(w.headingFloor, pos-maxTabPadding, 0); c <= pos; c++ {
		if w.isEmptyATX(c, h.Level, c < pos) {
			return c
		}
	}
	// Not expected; any '#' on the line keeps the range on the heading.
	lineStart := bytes.LastIndexByte(w.view[:max(pos, 0)], '\n') + 1
	if i := bytes.IndexByte(w.view[lineStart:lineContentEnd(w.view, lineStart)], '#'); i >= 0 {
		return lineStart + i
	}
	return max(pos, 0)
}

// isEmptyATX reports whether view[c] could open an empty ATX heading of
// the given level: a run of exactly level '#'s with only white space and
// '#'s after it on the line, and only container markers before it. A
// position reached by undoing tab padding needs a tab before it.
func (w *mdWalker) isEmptyATX(c, level int, padded bool) bool {
	v := w.view
	if v[c] != '#' || (c > 0 && v[c-1] == '#') {
		return false
	}
	run := 0
	for c+run < len(v) && v[c+run] == '#' {
		run++
	}
	if run != level {
		return false
	}
	for _, b := range v[c+run : lineContentEnd(v, c)] {
		if b != '#' && !isLineSpace(b) {
			return false
		}
	}
	prefix := v[bytes.LastIndexByte(v[:c], '\n')+1 : c]
	if padded && bytes.IndexByte(prefix, '\t') < 0 {
		return false
	}
	return len(bytes.Trim(prefix, " \t>-+*.)0123456789")) == 0
}

// readerText returns the text of n's inline content as a reader gets it:
// entities and escapes decoded, line breaks as spaces, inline code as its
// code, an image as its description, and raw HTML tags dropped. Unlike a
// span it has no Boundary, since it is read, not matched against.
func (w *mdWalker) readerText(n ast.Node) string {
	var b strings.Builder
	w.writeReaderText(&b, n)
	return strings.TrimSpace(b.String())
}

// altText returns the reader text of image n. It is memoised because an
// image's text is also part of the text of the link, heading or image
// around it, and images nest.
func (w *mdWalker) altText(n *ast.Image) string {
	if alt, ok := w.alts[n]; ok {
		return alt
	}
	alt := w.readerText(n)
	if w.alts == nil {
		w.alts = map[*ast.Image]string{}
	}
	w.alts[n] = alt
	return alt
}

func (w *mdWalker) writeReaderText(b *strings.Builder, n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			w.writeText(b, c)
		case *ast.CodeSpan:
			w.writeCode(b, c)
		case *ast.AutoLink:
			b.Write(c.Label(w.view))
		case *ast.Image:
			b.WriteString(w.altText(c))
		case *ast.String:
			b.Write(c.Value)
		case *ast.RawHTML, *east.TaskCheckBox:
			// Markup, not text.
		default:
			w.writeReaderText(b, c)
		}
	}
}

// writeText writes a text node decoded, and a space for a line break.
func (w *mdWalker) writeText(b *strings.Builder, t *ast.Text) {
	raw := t.Segment.Value(w.view)
	if t.IsRaw() {
		b.Write(raw)
	} else {
		for i := 0; i < len(raw); {
			n, dec := decodeAt(raw[i:])
			if n == 0 {
				b.WriteByte(raw[i])
				i++
				continue
			}
			b.WriteString(dec)
			i += n
		}
	}
	if t.SoftLineBreak() || t.HardLineBreak() {
		b.WriteByte(' ')
	}
}

// writeCode writes a code span's code, its line endings as spaces, as
// goldmark renders it.
func (w *mdWalker) writeCode(b *strings.Builder, c *ast.CodeSpan) {
	for t := c.FirstChild(); t != nil; t = t.NextSibling() {
		t, ok := t.(*ast.Text)
		if !ok {
			continue
		}
		line := t.Segment.Value(w.view)
		trimmed := bytes.TrimRight(line, "\r\n")
		b.Write(trimmed)
		if len(trimmed) < len(line) {
			b.WriteByte(' ')
		}
	}
}
