package parsers

import (
	"bytes"
	"cmp"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// Markdown parses CommonMark with the GitHub extensions ally cares about
// (tables, strikethrough, task lists, bare URLs). It emits one span per
// heading, paragraph, list-item paragraph, blockquote paragraph, table cell
// and image description, in source order.
//
// What is not prose never reaches a span: code blocks, raw HTML blocks,
// front matter, link destinations and titles. Inline code, inline HTML,
// autolinks and images become a single Boundary in the surrounding text so
// the words on either side never join. Entities and backslash escapes are
// decoded; soft and hard line breaks both read as one space, because a
// phrase that wraps across a line (or a <br>) is still one phrase.
//
// It also lists the document's headings, images and links (see Document),
// each with its whole markup's range in the source, for structure checks.
//
// A UTF-8 byte order mark and YAML (---) or TOML (+++) front matter are
// hidden from goldmark without moving any offset, so every position still
// points into the original file.
type Markdown struct{}

// Parse implements Parser.
func (Markdown) Parse(f *File) (doc *Document, err error) {
	if err = checkBinary(f); err != nil {
		return nil, err
	}
	// goldmark is fuzzed upstream, but a panic in a third-party parser must
	// cost one file, not the whole run.
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, fmt.Errorf("%s: markdown parser failed: %v", f.Name, r)
		}
	}()
	base, view := markdownView(f.Src)
	w := &mdWalker{
		src:  f.Src,
		view: view,
		base: base,
		mdx:  strings.EqualFold(filepath.Ext(f.Name), ".mdx"),
	}
	w.blocks(parseMarkdown(view))
	// Image descriptions are emitted while their paragraph is still being
	// built; a stable sort on the first byte puts every span in reading
	// order.
	slices.SortStableFunc(w.spans, func(a, b Span) int {
		return cmp.Compare(a.Segs[0].Src, b.Segs[0].Src)
	})
	return &Document{
		File:     f,
		Format:   string(FormatMarkdown),
		Spans:    w.spans,
		Headings: w.headings,
		Images:   w.images,
		Links:    w.links,
	}, nil
}

// parseMarkdown runs goldmark over src. Typographer stays off: it replaces
// quotes and dashes with ast.String nodes that have no source position.
func parseMarkdown(src []byte) ast.Node {
	md := goldmark.New(goldmark.WithExtensions(
		extension.Table,
		extension.Strikethrough,
		extension.Linkify,
		extension.TaskList,
	))
	return md.Parser().Parse(text.NewReader(src))
}

// mdWalker turns goldmark's tree into spans and the document's
// structure, both in source order. Offsets in the tree are offsets into
// view; adding base turns them into offsets into src.
type mdWalker struct {
	src   []byte // the file as read
	view  []byte // what goldmark parsed: src after any BOM, front matter blanked
	base  int    // offset of view[0] in src
	mdx   bool
	spans []Span

	headings []HeadingInfo
	images   []Image
	links    []Link

	headingFloor int                        // view offset where the last heading ended
	extents      map[ast.Node]bracketExtent // see linkExtent
	alts         map[*ast.Image]string      // see altText
}

// blocks visits the block tree below n and emits one span for every block
// that holds inline text.
func (w *mdWalker) blocks(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Heading:
			w.addHeading(c)
			w.emit(c, Heading, c.Level)
		case *ast.Paragraph, *ast.TextBlock:
			if !w.isMDXStatement(c) {
				w.emit(c, containerKind(c), 0)
			}
		case *east.TableCell:
			w.emit(c, TableCell, 0)
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock, *ast.ThematicBreak:
			// Not prose.
		default:
			w.blocks(c)
		}
	}
}

// containerKind names a paragraph after the nearest list item or block
// quote that holds it: a list inside a quote holds list items, a quote
// inside a list item holds a block quote.
func containerKind(n ast.Node) Kind {
	for p := n.Parent(); p != nil; p = p.Parent() {
		switch p.(type) {
		case *ast.ListItem:
			return ListItem
		case *ast.Blockquote:
			return BlockQuote
		}
	}
	return Paragraph
}

// isMDXStatement reports whether n is a top-level ESM line of an .mdx file
// (import or export), which is JavaScript rather than prose.
func (w *mdWalker) isMDXStatement(n ast.Node) bool {
	if !w.mdx || n.Parent() == nil || n.Parent().Kind() != ast.KindDocument || n.Lines().Len() == 0 {
		return false
	}
	first := n.Lines().At(0)
	line := w.view[first.Start:first.Stop]
	return bytes.HasPrefix(line, []byte("import ")) || bytes.HasPrefix(line, []byte("export "))
}

// emit builds the span for the leaf block n and appends it unless it holds
// nothing but markup.
func (w *mdWalker) emit(n ast.Node, kind Kind, level int) {
	w.build(n, kind, level, leafBlock{node: n, end: contentEnd(w.view, n)})
}

// build walks the inline children of n (a leaf block, or an image inside
// one) into a new span.
func (w *mdWalker) build(n ast.Node, kind Kind, level int, blk leafBlock) {
	p := w.newProse()
	w.inlines(p, n, blk)
	if p.b.empty() {
		return
	}
	sp := p.b.span(kind)
	sp.Level = level
	w.spans = append(w.spans, sp)
}

// leafBlock is the block whose inline content is being walked; its end
// bounds the extent of any inline markup that has no explicit end.
type leafBlock struct {
	node ast.Node
	end  int
}

// contentEnd returns the end of the last line of n, trailing white space
// and line ending excluded.
func contentEnd(view []byte, n ast.Node) int {
	lines := n.Lines()
	if lines.Len() == 0 {
		return 0
	}
	last := lines.At(lines.Len() - 1)
	end := last.Stop
	for end > last.Start && isSpaceByte(view[end-1]) {
		end--
	}
	return end
}

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// markdownView returns the bytes goldmark should parse and their offset in
// src. A BOM is sliced off (goldmark would read it as text, and blanking it
// to spaces could turn a line indented by one space into a code block); a
// front matter block is copied over with spaces, keeping its line endings,
// so that it reads as blank lines and every other offset is unchanged.
func markdownView(src []byte) (base int, view []byte) {
	if hasBOM(src) {
		base = len(bom)
	}
	view = src[base:]
	end := frontMatterEnd(view)
	if end == 0 {
		return base, view
	}
	blanked := bytes.Clone(view)
	for i := range end {
		if c := blanked[i]; c != '\n' && c != '\r' {
			blanked[i] = ' '
		}
	}
	return base, blanked
}

// frontMatterEnd returns the end of the closing delimiter line of a front
// matter block at the very start of src, or 0 when there is none. YAML
// front matter opens with "---" and closes with "---" or "..."; TOML (Hugo)
// opens and closes with "+++". Without a closing line the opening line is
// Markdown (a thematic break), as CommonMark says.
func frontMatterEnd(src []byte) int {
	line, next := nextLine(src, 0)
	open := string(bytes.TrimRight(line, " \t\r"))
	if open != "---" && open != "+++" {
		return 0
	}
	for at := next; at < len(src); {
		line, next = nextLine(src, at)
		closing := string(bytes.TrimRight(line, " \t\r"))
		if closing == open || (open == "---" && closing == "...") {
			return at + len(line)
		}
		at = next
	}
	return 0
}

// nextLine returns the line starting at src[at:] without its '\n', and the
// offset of the line after it.
func nextLine(src []byte, at int) (line []byte, next int) {
	if i := bytes.IndexByte(src[at:], '\n'); i >= 0 {
		return src[at : at+i], at + i + 1
	}
	return src[at:], len(src)
}
