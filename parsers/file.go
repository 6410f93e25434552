package parsers

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// File is one input document: its name as the user gave it, its raw bytes,
// and a line table built on first use. Offsets everywhere in ally are byte
// offsets into Src; they become a Position only when printed.
type File struct {
	Name string
	Src  []byte
	// Extracted is true when Src is text ally extracted from a PDF or DOCX
	// document rather than the bytes on disk. Positions then refer to the
	// extracted text, and such a file is never rewritten.
	Extracted bool

	// lines holds the offset of the first byte of every line. NewFile
	// builds it, so a File is read-only afterwards and safe to share.
	lines []int
	// pages and paras hold where each page (PDF) or paragraph (DOCX)
	// begins in extracted text; nil for files read as they are.
	pages, paras []int
	// sections are the headings of extracted text, in order, so a
	// position there can say which section it is in.
	sections []section
}

// section is a heading of extracted text and where it starts.
type section struct {
	start int
	title string
}

// setSections records the document's headings as the sections of its
// extracted text. Parsers call it before the file is shared.
func (f *File) setSections(doc *Document) {
	for i := range doc.Spans {
		sp := &doc.Spans[i]
		if sp.Kind == Heading {
			f.sections = append(f.sections, section{sp.SourceOffset(0, false), strings.Join(strings.Fields(sp.Text), " ")})
		}
	}
}

// NewFile returns a File for src and builds its line table.
func NewFile(name string, src []byte) *File {
	f := &File{Name: name, Src: src}
	f.lines = lineStarts(src)
	return f
}

// NewPagedFile returns a File for text extracted from a paged document
// (PDF). pageStarts holds the offset in text where each page begins, in
// order; positions in it carry a page and a line within that page.
func NewPagedFile(name string, text []byte, pageStarts []int) *File {
	f := NewFile(name, text)
	f.Extracted, f.pages = true, pageStarts
	return f
}

// NewParagraphFile returns a File for text extracted from a document
// without pages (DOCX). paraStarts holds the offset in text where each
// paragraph begins, in order; positions in it carry a paragraph number.
func NewParagraphFile(name string, text []byte, paraStarts []int) *File {
	f := NewFile(name, text)
	f.Extracted, f.paras = true, paraStarts
	return f
}

// Position is a resolved location: Offset is a byte offset into the file,
// Line is 1-based, Column is 1-based and counts characters (runes), so a
// tab, an "é" or a "€" is one column each. A UTF-8 byte order mark at the
// start of the file is not counted.
//
// In text extracted from a PDF, Page is the 1-based page and Line counts
// from the top of that page. In text extracted from a DOCX, Paragraph is
// the 1-based paragraph (headings, list items and table cells count as
// paragraphs) and Line counts from the start of the extracted text. In
// both, Section is the title of the heading the position comes under, if
// any.
type Position struct {
	Offset    int    `json:"offset"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	Page      int    `json:"page,omitempty"`
	Paragraph int    `json:"paragraph,omitempty"`
	Section   string `json:"section,omitempty"`
}

// String formats the position as it follows a file name: "12:5" for line
// 12, column 5; "p3:12:5" for page 3, line 12 of that page, column 5; and
// "para14:5" for paragraph 14, column 5 of its line.
func (p Position) String() string {
	switch {
	case p.Page > 0:
		return fmt.Sprintf("p%d:%d:%d", p.Page, p.Line, p.Column)
	case p.Paragraph > 0:
		return fmt.Sprintf("para%d:%d", p.Paragraph, p.Column)
	}
	return fmt.Sprintf("%d:%d", p.Line, p.Column)
}

// SameLine reports whether two positions are on the same line of text.
func (p Position) SameLine(q Position) bool { return p.Page == q.Page && p.Line == q.Line }

// lineStarts records where every line begins. Only '\n' ends a line, so a
// CRLF file has the same line numbers as its LF twin, and '\r' sits at the
// end of a line where it never shifts a column.
func lineStarts(src []byte) []int {
	lines := make([]int, 1, 1+len(src)/40)
	for i, b := range src {
		if b == '\n' {
			lines = append(lines, i+1)
		}
	}
	return lines
}

// LineCount returns the number of lines in the file.
func (f *File) LineCount() int {
	return len(f.lineTable())
}

// Position converts a byte offset into a line and a character column.
// Offsets past the end are clamped to the end of the file.
func (f *File) Position(off int) Position {
	lines := f.lineTable()
	off = max(0, min(off, len(f.Src)))
	line := sort.Search(len(lines), func(i int) bool { return lines[i] > off }) - 1
	start := lines[line]
	if line == 0 && hasBOM(f.Src) && off >= len(bom) {
		start = len(bom)
	}
	col := 1 + utf8.RuneCount(f.Src[start:off])
	pos := Position{Offset: off, Line: line + 1, Column: col}
	if page := indexAt(f.pages, off); page >= 0 {
		pos.Page = page + 1
		pos.Line = line - (sort.Search(len(lines), func(i int) bool { return lines[i] > f.pages[page] }) - 1) + 1
	}
	if para := indexAt(f.paras, off); para >= 0 {
		pos.Paragraph = para + 1
	}
	if i := sort.Search(len(f.sections), func(i int) bool { return f.sections[i].start > off }) - 1; i >= 0 {
		pos.Section = f.sections[i].title
	}
	return pos
}

// indexAt returns the index of the last start at or before off, or -1.
func indexAt(starts []int, off int) int {
	return sort.Search(len(starts), func(i int) bool { return starts[i] > off }) - 1
}

// LineAt returns the text of the line that holds offset off, without its
// line ending.
func (f *File) LineAt(off int) []byte {
	lines := f.lineTable()
	off = max(0, min(off, len(f.Src)))
	return f.Line(sort.Search(len(lines), func(i int) bool { return lines[i] > off }))
}

// Line returns the text of 1-based line n without its line ending.
func (f *File) Line(n int) []byte {
	lines := f.lineTable()
	if n < 1 || n > len(lines) {
		return nil
	}
	start := lines[n-1]
	if n == 1 && hasBOM(f.Src) {
		start = len(bom)
	}
	end := len(f.Src)
	if n < len(lines) {
		end = lines[n] - 1
	}
	if end > start && f.Src[end-1] == '\r' {
		end--
	}
	return f.Src[start:end]
}

// bom is the UTF-8 encoding of U+FEFF, which some editors put at the start
// of a file.
const bom = "\xEF\xBB\xBF"

func hasBOM(src []byte) bool { return len(src) >= len(bom) && string(src[:len(bom)]) == bom }

// lineTable returns the line starts, computing them for a File that was
// built as a literal rather than with NewFile.
func (f *File) lineTable() []int {
	if f.lines == nil {
		return lineStarts(f.Src)
	}
	return f.lines
}
