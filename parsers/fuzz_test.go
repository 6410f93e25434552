package parsers

import (
	"bytes"
	"errors"
	"testing"

	"github.com/yuin/goldmark/ast"
)

// fuzzSeeds are inputs that have broken Markdown parsers before: entities
// cut short, CRLF, a BOM, tables, deep nesting, unclosed constructs, NUL,
// invalid UTF-8 and front matter.
var fuzzSeeds = []string{
	"",
	"\n",
	"# Chairman\n\nThe *chair*man &amp; the \\*master\\*.\n",
	"\xef\xbb\xbf# Title\r\n\r\nline one\r\nline two\r\n",
	"\xef\xbb\xbf---\ntitle: x\n---\n text\n",
	"---\r\ntitle: master\r\n...\r\nbody\r\n",
	"+++\ntitle = 'master'\n+++\n",
	"| a | b |\n|---|:-:|\n| `x\\|y` | c \\| d |\n| e |\n",
	"- a\n  - b\n    - c\n\n      d\n> > e\n>   - f\n",
	"```go\nmaster\n",
	"~~~\n~~~\n```\n",
	"a\x00b",
	"\xff\xfe bad \xc3 utf8\n",
	"&#x110000; &#0; &#99999999; &#; &#x; &amp &CounterClockwiseContourIntegral;\n",
	"![a ![b](c) d](e) [![x](y)](z) [l](<u v> \"t\")\n",
	"<!-- c -->\n<div>\nx\n</div>\n\ntext <span\nclass=\"a\">b</span>\n",
	"<http://a.b> www.example.com (https://x.y/z). a@b.co\n",
	"hard  \nbreak\\\nend\\",
	"***a**b*c*** ~~s~~ ~t~\n",
	"\t- tab\n \t  code?\n",
	"- [ ] task\n- [x] done\n",
	"``` ` ```` `` a ``\n",
	"Foo\nbar\n===\n\nBaz\n---\n",
}

func FuzzMarkdown(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		doc, err := Markdown{}.Parse(NewFile("fuzz.md", src))
		if err != nil {
			if !errors.Is(err, ErrBinary) {
				t.Fatalf("Parse: %v", err)
			}
			return
		}
		checkDocument(t, src, doc)
		checkNoCode(t, src, doc)
		checkOneLine(t, src, doc)
	})
}

func FuzzText(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Add([]byte("a\r\n \r\nb\n\t\nc"))
	f.Fuzz(func(t *testing.T, src []byte) {
		doc, err := Text{}.Parse(NewFile("fuzz.txt", src))
		if err != nil {
			if !errors.Is(err, ErrBinary) {
				t.Fatalf("Parse: %v", err)
			}
			return
		}
		checkDocument(t, src, doc)
		checkTextCoverage(t, src, doc)
	})
}

// checkDocument asserts what every parser promises: the span invariant,
// segments that move forward through the source without overlapping, no
// empty spans, and source ranges inside the file for every text range.
func checkDocument(t *testing.T, src []byte, doc *Document) {
	t.Helper()
	if err := CheckSpans(src, doc.Spans); err != nil {
		t.Fatalf("CheckSpans: %v", err)
	}
	for n, sp := range doc.Spans {
		if len(sp.Segs) == 0 || sp.Text == "" {
			t.Fatalf("span %d is empty: %+v", n, sp)
		}
		prev := 0
		for k, s := range sp.Segs {
			if s.Src < prev {
				t.Fatalf("span %d seg %d starts at source %d, before the previous end %d", n, k, s.Src, prev)
			}
			prev = s.Src + s.SrcLen
		}
		checkRanges(t, src, &sp)
	}
	checkDisjoint(t, src, doc)
}

// checkDisjoint asserts that no source byte is verbatim text of two spans.
func checkDisjoint(t *testing.T, src []byte, doc *Document) {
	t.Helper()
	owner := make([]int, len(src))
	for n, sp := range doc.Spans {
		for _, s := range sp.Segs {
			if !s.Verbatim() {
				continue
			}
			for i := s.Src; i < s.Src+s.SrcLen; i++ {
				if owner[i] != 0 {
					t.Fatalf("byte %d is text of spans %d and %d", i, owner[i]-1, n)
				}
				owner[i] = n + 1
			}
		}
	}
}

// checkRanges maps a sample of text ranges of sp back to the source.
func checkRanges(t *testing.T, src []byte, sp *Span) {
	t.Helper()
	step := max(1, len(sp.Text)/16)
	for i := 0; i <= len(sp.Text); i += step {
		for j := i; j <= len(sp.Text); j += step {
			start, end, exact := sp.SourceRange(i, j)
			if start < 0 || end > len(src) || start > end {
				t.Fatalf("SourceRange(%d, %d) = [%d, %d) outside [0, %d]", i, j, start, end, len(src))
			}
			if exact && string(src[start:end]) != sp.Text[i:j] {
				t.Fatalf("SourceRange(%d, %d) exact but source %q != text %q", i, j, src[start:end], sp.Text[i:j])
			}
		}
	}
}

// checkNoCode asserts that no verbatim text comes from inside a code block
// or a raw HTML block, using goldmark's own idea of where those are.
func checkNoCode(t *testing.T, src []byte, doc *Document) {
	t.Helper()
	base, view := markdownView(src)
	_ = ast.Walk(parseMarkdown(view), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n.(type) {
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
		default:
			return ast.WalkContinue, nil
		}
		if !entering {
			return ast.WalkContinue, nil
		}
		lines := n.Lines()
		for i := range lines.Len() {
			line := lines.At(i)
			for _, sp := range doc.Spans {
				for _, s := range sp.Segs {
					if s.Verbatim() && s.Src < base+line.Stop && base+line.Start < s.Src+s.SrcLen {
						t.Fatalf("span %q holds code or HTML block bytes %q", sp.Text, src[base+line.Start:base+line.Stop])
					}
				}
			}
		}
		return ast.WalkSkipChildren, nil
	})
}

// checkTextCoverage asserts that the Text parser puts every byte that is
// not white space into exactly one span, and no blank line inside one.
func checkTextCoverage(t *testing.T, src []byte, doc *Document) {
	t.Helper()
	covered := make([]int, len(src))
	for _, sp := range doc.Spans {
		for _, s := range sp.Segs {
			for i := s.Src; i < s.Src+s.SrcLen; i++ {
				covered[i]++
			}
		}
		for _, line := range bytes.Split([]byte(sp.Text), []byte("\n")) {
			if isBlank(line) {
				t.Fatalf("span %q holds a blank line", sp.Text)
			}
		}
	}
	start := 0
	if hasBOM(src) {
		start = len(bom)
	}
	for i := start; i < len(src); i++ {
		if covered[i] > 1 || (covered[i] == 0 && !isSpaceByte(src[i])) {
			t.Fatalf("byte %d (%q) is in %d spans", i, src[i], covered[i])
		}
	}
}

// checkOneLine asserts that verbatim Markdown text never crosses a line
// ending: goldmark's text nodes are per line, and anything between two
// lines (the line ending, indentation, "> " markers) must come out as a
// decoded line break instead. Like goldmark and File, only '\n' ends a
// line; a lone '\r' is text.
func checkOneLine(t *testing.T, src []byte, doc *Document) {
	t.Helper()
	for _, sp := range doc.Spans {
		for _, s := range sp.Segs {
			if s.Verbatim() && bytes.IndexByte(src[s.Src:s.Src+s.SrcLen], '\n') >= 0 {
				t.Fatalf("span %q: verbatim segment %q crosses a line", sp.Text, src[s.Src:s.Src+s.SrcLen])
			}
		}
	}
}
