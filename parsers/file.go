package parsers

import (
	"sort"
	"unicode/utf8"
)

// File is one input document: its name as the user gave it, its raw bytes,
// and a line table built on first use. Offsets everywhere in ally are byte
// offsets into Src; they become a Position only when printed.
type File struct {
	Name string
	Src  []byte

	// lines holds the offset of the first byte of every line. NewFile
	// builds it, so a File is read-only afterwards and safe to share.
	lines []int
}

// NewFile returns a File for src and builds its line table.
func NewFile(name string, src []byte) *File {
	f := &File{Name: name, Src: src}
	f.lines = lineStarts(src)
	return f
}

// Position is a resolved location: Offset is a byte offset into the file,
// Line is 1-based, Column is 1-based and counts characters (runes), so a
// tab, an "é" or a "€" is one column each. A UTF-8 byte order mark at the
// start of the file is not counted.
type Position struct {
	Offset int `json:"offset"`
	Line   int `json:"line"`
	Column int `json:"column"`
}

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
	return Position{Offset: off, Line: line + 1, Column: col}
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
