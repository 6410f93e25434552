package parsers

import (
	"strings"
	"testing"
)

func TestFilePosition(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		at        string // the position of the first occurrence of at
		off       int    // or this offset when at is empty
		line, col int
	}{
		{"start", "abc", "a", 0, 1, 1},
		{"LF second line", "ab\ncd", "d", 0, 2, 2},
		{"CRLF second line", "ab\r\ncd", "d", 0, 2, 2},
		{"CR at line end", "ab\r\ncd", "\r", 0, 1, 3},
		{"BOM not counted", "\uFEFFabc", "b", 0, 1, 2},
		{"BOM start", "\uFEFFabc", "a", 0, 1, 1},
		{"BOM second line", "\uFEFFa\nbc", "c", 0, 2, 2},
		{"multibyte", "é€😀x", "x", 0, 1, 4},
		{"tab is one column", "\tx", "x", 0, 1, 2},
		{"end of file", "ab\n", "", 3, 2, 1},
		{"past end clamps", "ab\ncd", "", 99, 2, 3},
		{"negative clamps", "ab", "", -5, 1, 1},
		{"empty file", "", "", 0, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			off := tt.off
			if tt.at != "" {
				off = strings.Index(tt.src, tt.at)
			}
			for _, f := range []*File{NewFile("f", []byte(tt.src)), {Name: "literal", Src: []byte(tt.src)}} {
				pos := f.Position(off)
				wantOff := max(0, min(off, len(tt.src)))
				if pos != (Position{Offset: wantOff, Line: tt.line, Column: tt.col}) {
					t.Errorf("%s: Position(%d) = %+v, want %d:%d at %d", f.Name, off, pos, tt.line, tt.col, wantOff)
				}
			}
		})
	}
}

func TestFileLine(t *testing.T) {
	f := NewFile("f", []byte("\uFEFFone\r\ntwo\n\nfour"))
	if n := f.LineCount(); n != 4 {
		t.Errorf("LineCount = %d, want 4", n)
	}
	tests := []struct {
		n    int
		want string
		ok   bool
	}{
		{1, "one", true},
		{2, "two", true},
		{3, "", true},
		{4, "four", true},
		{0, "", false},
		{5, "", false},
	}
	for _, tt := range tests {
		got := f.Line(tt.n)
		if string(got) != tt.want || (got != nil) != tt.ok {
			t.Errorf("Line(%d) = %q (nil=%v), want %q", tt.n, got, got == nil, tt.want)
		}
	}
	if got := NewFile("f", []byte("a\n")).LineCount(); got != 2 {
		t.Errorf("LineCount of \"a\\n\" = %d, want 2 (the empty line after the newline)", got)
	}
}

func TestForPath(t *testing.T) {
	tests := []struct {
		path string
		want Format
		ok   bool
	}{
		{"README.md", FormatMarkdown, true},
		{"docs/Guide.MARKDOWN", FormatMarkdown, true},
		{"page.mdx", FormatMarkdown, true},
		{"notes.txt", FormatText, true},
		{"post.HTML", FormatHTML, true},
		{"saved/post.htm", FormatHTML, true},
		{"handbook.pdf", FormatPDF, true},
		{"Handbook.DOCX", FormatDOCX, true},
		{"old.doc", "", false},
		{"main.go", "", false},
		{"Makefile", "", false},
	}
	for _, tt := range tests {
		got, ok := ForPath(tt.path)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ForPath(%q) = %q, %v; want %q, %v", tt.path, got, ok, tt.want, tt.ok)
		}
		if ok {
			if _, err := New(got, Options{}); err != nil {
				t.Errorf("New(%q): %v", got, err)
			}
		}
	}
	if _, err := New("rtf", Options{}); err == nil {
		t.Error("New(rtf) succeeded")
	}
}

func TestExtractedPositions(t *testing.T) {
	// Two pages: "one\ntwo\n" then "three\nfour chairman\n".
	text := []byte("one\ntwo\nthree\nfour chairman\n")
	paged := NewPagedFile("h.pdf", text, []int{0, 8})
	paras := NewParagraphFile("h.docx", text, []int{0, 4, 8, 14})
	tests := []struct {
		name string
		f    *File
		off  int
		want Position
		str  string
		line string
	}{
		{"first page", paged, 5, Position{Offset: 5, Line: 2, Column: 2, Page: 1}, "p1:2:2", "two"},
		{"page start", paged, 8, Position{Offset: 8, Line: 1, Column: 1, Page: 2}, "p2:1:1", "three"},
		{"second page line 2", paged, 19, Position{Offset: 19, Line: 2, Column: 6, Page: 2}, "p2:2:6", "four chairman"},
		{"paragraph", paras, 19, Position{Offset: 19, Line: 4, Column: 6, Paragraph: 4}, "para4:6", "four chairman"},
		{"plain", NewFile("h.txt", text), 19, Position{Offset: 19, Line: 4, Column: 6}, "4:6", "four chairman"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.f.Position(tt.off)
			if got != tt.want {
				t.Errorf("Position(%d) = %+v, want %+v", tt.off, got, tt.want)
			}
			if got.String() != tt.str {
				t.Errorf("String() = %q, want %q", got.String(), tt.str)
			}
			if line := string(tt.f.LineAt(tt.off)); line != tt.line {
				t.Errorf("LineAt(%d) = %q, want %q", tt.off, line, tt.line)
			}
		})
	}
	if !paged.Extracted || !paras.Extracted || NewFile("x", nil).Extracted {
		t.Error("Extracted flag wrong")
	}
	// Two positions on line 1 of different pages are not on the same line.
	if paged.Position(0).SameLine(paged.Position(8)) {
		t.Error("line 1 of page 1 and line 1 of page 2 reported as the same line")
	}
}
