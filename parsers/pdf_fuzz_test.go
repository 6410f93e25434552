package parsers

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzPDF feeds whole files to the PDF parser. The library panics on much
// damaged input and Parse must turn every such panic into an error; what
// it returns must keep the span invariants.
func FuzzPDF(f *testing.F) {
	f.Add(makePDF([][]pdfText{bodyPage(1, "The chair-", "man spoke."), bodyPage(2, "Next page.")}))
	f.Add(makePDF([][]pdfText{{{72, 700, 11, "(nested) \\ escapes"}, {320, 700, 11, "right"}}}))
	f.Add(makePDF([][]pdfText{{}}))
	f.Add([]byte("%PDF-1.4\n%%EOF\n"))
	f.Add([]byte("%PDF-1.7\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 /Root 1 0 R >>\nstartxref\n9\n%%EOF\n"))
	f.Add(readFixture(f, "two-column.pdf"))
	f.Fuzz(func(t *testing.T, src []byte) {
		doc, err := PDF{}.Parse(NewFile("fuzz.pdf", src))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.pdf: ") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		checkPDFDocument(t, doc)
	})
}

// FuzzPDFLayout drives layout and paragraph building with glyphs made from
// the fuzzer's bytes, which reaches far more layouts than whole files do:
// overlapping rows, glyphs on top of each other, hyphens at every line end,
// bullets, columns and page breaks.
func FuzzPDFLayout(f *testing.F) {
	f.Add([]byte("\x10\x80\x05\x00\x20\x80\x05\x01\x30\x80\x05\x0c\x10\x70\x05\x02\xff\x10\x80\x05\x03"))
	f.Add([]byte("\x10\x80\x05\x0a\x11\x80\x05\x0b\x12\x80\x05\x0d\x80\x80\x05\x00\x10\x78\x05\x01\x80\x78\x05\x02"))
	f.Add(bytes.Repeat([]byte("\x20\x90\x06\x04\x21\x90\x06\x05\x22\x90\x06\x0c"), 20))
	f.Fuzz(func(t *testing.T, data []byte) {
		var pages [][]pdfLine
		var glyphs []glyph
		for len(data) >= 4 {
			if data[0] == 0xff {
				pages = append(pages, layoutPage(glyphs))
				glyphs, data = nil, data[1:]
				continue
			}
			size := float64(data[2]%24) + 1
			s := fuzzGlyphs[int(data[3])%len(fuzzGlyphs)]
			w := size * 0.5
			if s == " " && data[3]&0x80 != 0 {
				w = 0 // an invisible glyph that takes no room
			}
			glyphs = append(glyphs, glyph{S: s, X: float64(data[0]) * 3, Y: float64(data[1]) * 4, W: w, Size: size, Bold: data[3]&0x40 != 0})
			data = data[4:]
		}
		pages = append(pages, layoutPage(glyphs))
		doc := assemblePDF("fuzz.pdf", pages)
		checkPDFDocument(t, doc)
	})
}

// fuzzGlyphs are the glyph texts FuzzPDFLayout draws from.
var fuzzGlyphs = []string{"a", "b", "c", "M", "-", "\u00ad", "\u2010", "•", ".", "1", ")", "ﬁ", " ", "\x00", "\xff"}

// checkPDFDocument checks what every PDF document must satisfy: spans map
// into the extracted text, the text is valid UTF-8 without control
// characters other than line ends, and pages start in order.
func checkPDFDocument(t *testing.T, doc *Document) {
	t.Helper()
	src := doc.File.Src
	if err := CheckSpans(src, doc.Spans); err != nil {
		t.Fatal(err)
	}
	if !utf8.Valid(src) {
		t.Fatalf("extracted text is not UTF-8: %q", src)
	}
	for _, r := range string(src) {
		if r < ' ' && r != '\n' {
			t.Fatalf("extracted text holds control character %U: %q", r, src)
		}
	}
	for i := 1; i < len(doc.File.pages); i++ {
		if doc.File.pages[i] < doc.File.pages[i-1] {
			t.Fatalf("page starts out of order: %v", doc.File.pages)
		}
	}
	for _, sp := range doc.Spans {
		if strings.TrimSpace(sp.Text) == "" {
			t.Fatalf("empty span %+v", sp)
		}
		for i := 0; i <= len(sp.Text); i++ {
			if p := doc.File.Position(sp.SourceOffset(i, false)); p.Page < 1 || p.Line < 1 || p.Column < 1 {
				t.Fatalf("offset %d of span %q has position %+v", i, sp.Text, p)
			}
		}
	}
}
