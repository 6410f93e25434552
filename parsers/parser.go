// Package parsers turns the bytes of a document into spans of prose that map
// back to exact byte offsets of the source. It knows nothing about rules,
// findings or output.
package parsers

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
)

// Parser turns a file into a Document. Parse must not panic on any input and
// must return spans whose segments satisfy the invariant checked by
// CheckSpans.
type Parser interface {
	Parse(f *File) (*Document, error)
}

// ErrBinary is returned (wrapped) for a file that holds NUL bytes and so is
// not a text document.
var ErrBinary = errors.New("binary file (contains NUL bytes)")

// Format names a supported input format.
type Format string

// The formats ally reads.
const (
	FormatText     Format = "text"
	FormatMarkdown Format = "markdown"
	FormatHTML     Format = "html"
	FormatPDF      Format = "pdf"
	FormatDOCX     Format = "docx"
)

// Binary reports whether files of the format are binary containers whose
// text ally extracts (PDF, DOCX): they are read but never rewritten.
func (f Format) Binary() bool { return f == FormatPDF || f == FormatDOCX }

// ForPath picks a format by file extension; ok is false for a file ally does
// not lint. Linting a directory only visits files for which ok is true.
func ForPath(path string) (format Format, ok bool) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".md", ".markdown", ".mdx":
		return FormatMarkdown, true
	case ".txt", ".text":
		return FormatText, true
	case ".html", ".htm", ".xhtml":
		return FormatHTML, true
	case ".pdf":
		return FormatPDF, true
	case ".docx":
		return FormatDOCX, true
	}
	return "", false
}

// Options tune parsers for the formats that need it; the zero value is
// a sound default.
type Options struct {
	// Progress, when set, is called as a long document is read, with the
	// units (PDF pages) done so far and the total. It may be called from
	// several goroutines, but never concurrently for one document.
	Progress func(done, total int)
}

// New returns the parser for a format.
func New(format Format, opts Options) (Parser, error) {
	switch format {
	case FormatText:
		return Text{}, nil
	case FormatMarkdown:
		return Markdown{}, nil
	case FormatHTML:
		return HTML{}, nil
	case FormatPDF:
		return PDF{Progress: opts.Progress}, nil
	case FormatDOCX:
		return DOCX{}, nil
	}
	return nil, fmt.Errorf("unknown format %q (known: text, markdown, html, pdf, docx)", format)
}

// checkBinary rejects files that are clearly not text.
func checkBinary(f *File) error {
	if i := bytes.IndexByte(f.Src, 0); i >= 0 {
		return fmt.Errorf("%s: %w at byte %d; skipped", f.Name, ErrBinary, i)
	}
	return nil
}

// CheckSpans verifies the invariant every parser promises: segments cover
// each span's text in order without gaps, point inside the source, and
// verbatim segments hold exactly the source bytes. Tests and fuzz targets
// call it on every parse.
func CheckSpans(src []byte, spans []Span) error {
	for n, sp := range spans {
		at := 0
		for k, s := range sp.Segs {
			switch {
			case s.Text != at:
				return fmt.Errorf("span %d seg %d starts at text %d, want %d", n, k, s.Text, at)
			case s.Src < 0 || s.SrcLen < 0 || s.Src+s.SrcLen > len(src):
				return fmt.Errorf("span %d seg %d source [%d,+%d) outside file of %d bytes", n, k, s.Src, s.SrcLen, len(src))
			case s.Verbatim() && sp.Text[s.Text:s.Text+s.Len] != string(src[s.Src:s.Src+s.SrcLen]):
				return fmt.Errorf("span %d seg %d text %q != source %q", n, k, sp.Text[s.Text:s.Text+s.Len], src[s.Src:s.Src+s.SrcLen])
			}
			at += s.Len
		}
		if at != len(sp.Text) {
			return fmt.Errorf("span %d segments cover %d of %d text bytes", n, at, len(sp.Text))
		}
	}
	return nil
}
