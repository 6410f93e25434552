package parsers

import (
	"errors"
	"strings"
	"testing"
)

func TestTextParagraphs(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"one line", "hello", []string{"hello"}},
		{"two paragraphs", "one\ntwo\n\nthree\n", []string{"one\ntwo", "three"}},
		{"blank line of spaces", "one\n   \t\ntwo", []string{"one", "two"}},
		{"CRLF", "one\r\ntwo\r\n\r\nthree\r\n", []string{"one\r\ntwo", "three"}},
		{"CRLF blank with spaces", "one\r\n  \r\ntwo", []string{"one", "two"}},
		{"many blank lines", "\n\n\none\n\n\n\ntwo\n\n", []string{"one", "two"}},
		{"indentation kept", "  one\n    two\n", []string{"  one\n    two"}},
		{"BOM", "\uFEFFone\n\ntwo", []string{"one", "two"}},
		{"BOM then blank", "\uFEFF\n\none", []string{"one"}},
		{"only BOM", "\uFEFF", nil},
		{"empty", "", nil},
		{"only white space", " \n\t\r\n  ", nil},
		{"multibyte", "naïve café\n中文 🎉\n", []string{"naïve café\n中文 🎉"}},
		{"invalid UTF-8", "a\xff\xfeb\n", []string{"a\xff\xfeb"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(tt.src)
			doc, err := Text{}.Parse(NewFile("t.txt", src))
			if err != nil {
				t.Fatal(err)
			}
			if doc.Format != string(FormatText) {
				t.Errorf("Format = %q", doc.Format)
			}
			checkDocument(t, src, doc)
			checkTextCoverage(t, src, doc)
			var got []string
			for _, sp := range doc.Spans {
				got = append(got, sp.Text)
				if sp.Kind != Paragraph {
					t.Errorf("span %q has kind %s", sp.Text, sp.Kind)
				}
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
				t.Errorf("spans = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestTextOffsets checks that every paragraph is one verbatim segment that
// starts where the paragraph starts in the source.
func TestTextOffsets(t *testing.T) {
	src := "\uFEFFfirst line\r\nsecond line\r\n\r\n  third\n\n\nlast"
	doc, err := Text{}.Parse(NewFile("t.txt", []byte(src)))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"first line\r\nsecond line", "  third", "last"} {
		var sp *Span
		for i := range doc.Spans {
			if doc.Spans[i].Text == want {
				sp = &doc.Spans[i]
			}
		}
		if sp == nil {
			t.Fatalf("no span %q in %+v", want, doc.Spans)
		}
		at := strings.Index(src, want)
		if len(sp.Segs) != 1 || sp.Segs[0] != (Seg{Text: 0, Src: at, Len: len(want), SrcLen: len(want)}) {
			t.Errorf("span %q segs = %+v, want one verbatim run at %d", want, sp.Segs, at)
		}
		start, end, exact := sp.SourceRange(0, len(want))
		if start != at || end != at+len(want) || !exact {
			t.Errorf("SourceRange(%q) = [%d, %d) %v", want, start, end, exact)
		}
	}
	sp := &doc.Spans[0]
	i := strings.Index(sp.Text, "second")
	start, _, _ := sp.SourceRange(i, i+len("second"))
	if pos := doc.File.Position(start); pos.Line != 2 || pos.Column != 1 {
		t.Errorf("Position(second) = %d:%d, want 2:1", pos.Line, pos.Column)
	}
}

func TestTextBinary(t *testing.T) {
	_, err := Text{}.Parse(NewFile("data.bin", []byte("text\x00more")))
	if !errors.Is(err, ErrBinary) {
		t.Fatalf("err = %v, want ErrBinary", err)
	}
	for _, want := range []string{"data.bin", "byte 4"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
}
