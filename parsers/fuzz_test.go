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
	"# a #  \n>\t#\n#\n### ###\n- x\n  ---\n",
	"[a *b*](<u v> \"t\") ![x [y] z][r] [r][] [r] [a\\](b)](c) [`]`](d)\n\n[r]: /u\n",
	"> [a](\n> u\n> (t\n> t))\n\n| [c](d) | ![e](f 'g') |\n|---|---|\n",
	"- [a](\n\tb\n\t\"t\") [<http://a]b>](c) [`]`](d) ![x <b a=\"]\">](e)\n- ![a][b\n  c] ![d][]\n\n[b c]: /x\n[d]: </y z>\n",
	"Big\ntitle\n===\n\n\tcode\n>\t#\n-\t## x ##  \r\n",
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
		checkStructure(t, src, doc)
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
		if len(doc.Headings)+len(doc.Images)+len(doc.Links) != 0 {
			t.Fatalf("plain text has structure: %+v %+v %+v", doc.Headings, doc.Images, doc.Links)
		}
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

// checkStructure asserts what Document.Headings, Images and Links promise:
// ranges inside the file and in source order, each starting with the
// markup that opens it, and links' text inside their markup.
func checkStructure(t *testing.T, src []byte, doc *Document) {
	t.Helper()
	prevEnd := 0
	for _, h := range doc.Headings {
		if h.Start < prevEnd || h.End < h.Start || h.End > len(src) || h.Level < 1 || h.Level > 6 {
			t.Fatalf("heading %+v out of order or outside [%d, %d]", h, prevEnd, len(src))
		}
		// A setext heading ends with its underline, unless goldmark took
		// a line further down for it (a table can come between).
		setext := h.End > h.Start && isSetextBar(src[h.End-1])
		if src[h.Start] != '#' && !setext && underlineFollows(src, h.End) {
			t.Fatalf("heading %+v: %q stops short of its underline", h, src[h.Start:h.End])
		}
		checkATXLevel(t, src, h)
		prevEnd = h.End
	}
	prevStart := 0
	for _, im := range doc.Images {
		if im.Start < prevStart || im.End > len(src) || im.End < im.Start+3 {
			t.Fatalf("image %+v out of order or outside the file", im)
		}
		if m := src[im.Start:im.End]; !bytes.HasPrefix(m, []byte("![")) || !closesLink(m[len(m)-1]) {
			t.Fatalf("image %+v: markup %q", im, m)
		}
		prevStart = im.Start
	}
	prevStart = 0
	for _, l := range doc.Links {
		if l.Start < prevStart || l.Start > l.TextStart || l.TextStart > l.TextEnd || l.TextEnd > l.End || l.End > len(src) {
			t.Fatalf("link %+v out of order or outside the file", l)
		}
		prevStart = l.Start
		checkLinkMarkup(t, src, l)
	}
	checkExtentBounds(t, src, doc)
}

// checkATXLevel asserts that a heading on one line that opens with a run
// of '#'s and a space, which can only be an ATX heading, has as many '#'s
// as its level.
func checkATXLevel(t *testing.T, src []byte, h HeadingInfo) {
	t.Helper()
	m := src[h.Start:h.End]
	run := len(m) - len(bytes.TrimLeft(m, "#"))
	if run == 0 || bytes.IndexByte(m, '\n') >= 0 {
		return
	}
	if (run == len(m) || m[run] == ' ' || m[run] == '\t') && run != h.Level {
		t.Fatalf("heading %+v: %q opens with %d '#'s", h, m, run)
	}
}

// underlineFollows reports whether the line after the one holding
// src[end-1] is a setext underline.
func underlineFollows(src []byte, end int) bool {
	nl := bytes.IndexByte(src[end:], '\n')
	if nl < 0 {
		return false
	}
	line, _ := nextLine(src, end+nl+1)
	line = bytes.TrimSpace(line)
	return len(line) > 0 && isSetextBar(line[0]) && len(bytes.Trim(line, string(line[:1]))) == 0
}

func closesLink(c byte) bool { return c == ')' || c == ']' }

// checkLinkMarkup asserts that a link's ranges sit on its markup: an
// autolink's text is its address, a link's text lies between its
// brackets.
func checkLinkMarkup(t *testing.T, src []byte, l Link) {
	t.Helper()
	if l.Autolink {
		if string(src[l.TextStart:l.TextEnd]) != l.Text {
			t.Fatalf("autolink %+v: text range holds %q", l, src[l.TextStart:l.TextEnd])
		}
		return
	}
	if src[l.Start] != '[' || l.TextStart != l.Start+1 || l.TextEnd >= l.End || src[l.TextEnd] != ']' || !closesLink(src[l.End-1]) {
		t.Fatalf("link %+v: markup %q", l, src[l.Start:l.End])
	}
}

// checkExtentBounds asserts that every heading, link and image goldmark
// found is in the document, that no link or image ends past the start of
// whatever follows it in its block (the bound the span code uses for an
// image), and that none stops short of it: only closing emphasis markup
// and white space can come between, or the ']' of a link around it.
func checkExtentBounds(t *testing.T, src []byte, doc *Document) {
	t.Helper()
	base, view := markdownView(src)
	bounds := map[int]extentBound{} // start in src → bound
	var links, images, headings int
	_ = ast.Walk(parseMarkdown(view), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.(type) {
		case *ast.Heading:
			// Only an ATX heading can be without text lines.
			if h := headings; h < len(doc.Headings) && n.Lines().Len() == 0 && src[doc.Headings[h].Start] != '#' {
				t.Fatalf("empty ATX heading %+v starts at %q", doc.Headings[h], src[doc.Headings[h].Start])
			}
			headings++
		case *ast.Link:
			links++
		case *ast.AutoLink:
			links++
			return ast.WalkContinue, nil
		case *ast.Image:
			images++
		default:
			return ast.WalkContinue, nil
		}
		if blk := enclosingLeaf(n); blk != nil {
			b := followingStart(view, n, blk)
			b.at += base
			bounds[base+n.Pos()] = b
		}
		return ast.WalkContinue, nil
	})
	if headings != len(doc.Headings) || links != len(doc.Links) || images != len(doc.Images) {
		t.Fatalf("goldmark found %d headings, %d links, %d images; the document has %d, %d, %d",
			headings, links, images, len(doc.Headings), len(doc.Links), len(doc.Images))
	}
	check := func(what string, start, end int) {
		b, ok := bounds[start]
		if !ok || end > b.at {
			t.Fatalf("%s [%d, %d) %q ends past %d, where what follows it starts", what, start, end, src[start:end], b.at)
		}
		gap := bytes.TrimLeft(src[end:b.at], "*_~ \t\r\n>")
		if (b.enclosed && !bytes.HasPrefix(gap, []byte("]"))) || (!b.enclosed && len(gap) > 0) {
			t.Fatalf("%s [%d, %d) %q stops short of %q", what, start, end, src[start:end], src[end:b.at])
		}
	}
	for _, im := range doc.Images {
		check("image", im.Start, im.End)
	}
	for _, l := range doc.Links {
		if !l.Autolink {
			check("link", l.Start, l.End)
		}
	}
}

// extentBound is where whatever follows a link or image starts, and
// whether a link or image around it closes first.
type extentBound struct {
	at       int
	enclosed bool
}

// followingStart returns where what follows inline node n in leaf block
// blk starts, as mdWalker.nextStart does.
func followingStart(view []byte, n, blk ast.Node) extentBound {
	enclosed := false
	for m := n; m != nil && m != blk; m = m.Parent() {
		if s := m.NextSibling(); s != nil && s.Pos() >= 0 {
			return extentBound{s.Pos(), enclosed}
		}
		switch m.Parent().(type) {
		case *ast.Link, *ast.Image:
			enclosed = true
		}
	}
	return extentBound{contentEnd(view, blk), enclosed}
}

// enclosingLeaf returns the leaf block whose inline content holds n.
func enclosingLeaf(n ast.Node) ast.Node {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock {
			return p
		}
	}
	return nil
}

// htmlFuzzSeeds are inputs that break HTML parsers that track offsets:
// references cut short or without ';', raw text that looks like markup,
// elements HTML closes implicitly, hidden and skipped elements nested in
// themselves, void elements, foreign content, CRLF, a BOM, NUL and
// invalid UTF-8.
var htmlFuzzSeeds = []string{
	"",
	"<p>The <b>chair</b>man &amp; the &lt;master&gt;.</p>",
	"\xef\xbb\xbf<!DOCTYPE html>\r\n<HTML><HEAD><TITLE>master</TITLE></HEAD>\r\n<BODY><P>one\r\ntwo<P>three</BODY></HTML>",
	"<p>caf&eacute; caf&#233; caf&#xE9 &ampx &amp &notit; &#; &#x; &# &#0; &#x110000; &#128; &CounterClockwiseContourIntegral; &",
	"<script>var s = \"<p>master</p>\"; // </scr + ipt>\n</script><p>after</p>",
	"<style>p::before{content:\"</p>master\"}</style><p>x</p><script><!-- </script> -->",
	"<div hidden><div>master</div>still hidden</div><p>shown</p>",
	"<span aria-hidden=\"true\">a</span><span style=\"display : none !important\">b</span><span style='visibility:hidden'>c</span><input type=hidden value=master><input type=submit value=\"Join &amp; go\">",
	"<code><code>inner</code>outer</code>after <pre>a<pre>b</pre>c</pre>d",
	"<ul><li>one<li>two<ul><li>three</ul></ul><dl><dt>t<dd>d</dl>",
	"<table><tr><td>a<td>b<tr><th>c</table><p>x<table><td>y</table>",
	"<h1>One</h1><h3>Three<h4>Four</h3><h2>Two<p>para</h2>",
	"<img src=a.png><img alt=\"\" src=b.png><img alt role=presentation><img alt=\"a &amp; b\" aria-hidden=true><img alt='x' hidden><image alt=y>",
	"<a href=/x>click <b>here</b></a> <a>no href</a> <a href=\"\">empty</a><a href=1>a<a href=2>b</a>",
	"<p>a<br>b<br/>c</br>d<wbr>e<hr>f",
	"<svg><title>master</title><p>breaks out</svg><math><mi>x</mi></math><svg/>tail",
	"<template><p>master</p></template><noscript>master</noscript><textarea>master</textarea><select><option>Mr<option>Mrs</select>",
	"<p>unclosed <b>bold <i>italic <a href=x>link",
	"<p a=/>x</p><p a b=c d = 'e' f=\"g\">y</p><p =x>z</p><p/>w<p\tclass=x\r\n>v",
	"a < b and c<d e<1 <> </> <!-- c --> <! x> <?x?> </ x>",
	"<p>\x00</p>",
	"<p>\xff\xfe bad \xc3 utf8</p>",
	"<!-- unclosed comment <p>master",
	"<p>text <a href='x",
	"<b><p>chair</b>man</p>",
	"<head><meta charset=utf-8><title>t</title>text<link rel=x></head><head><p>x</p>",
	"<p>&nbsp;</p><p> \t\r\n\f </p><p><img src=x></p>",
	"<plaintext><p>master",
	"<div style=\"display:none\"><img src=x></div><h2 hidden>x</h2><a hidden href=y>z</a>",
	"<p>x<code>y<p>z</code>w",
	"<button>Apply now</button><label>Name <input name=n></label>",
}

func FuzzHTML(f *testing.F) {
	for _, s := range htmlFuzzSeeds {
		f.Add([]byte(s))
	}
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		doc, err := HTML{}.Parse(NewFile("fuzz.html", src))
		if err != nil {
			if !errors.Is(err, ErrBinary) || bytes.IndexByte(src, 0) < 0 {
				t.Fatalf("Parse: %v", err)
			}
			return
		}
		checkDocument(t, src, doc)
		checkHTMLDocument(t, src, doc)
	})
}

// FuzzDOCX feeds the DOCX parser whole files (mode 0) and, far more
// productively, one part of an otherwise sound package (the document, its
// styles, footnotes or relationships: see docxFuzzInput), so the fuzzer
// explores the XML rather than the zip format. A parse may fail, with an
// error that names the file, but never panic; every document it returns
// passes checkDOCX.
func FuzzDOCX(f *testing.F) {
	addDOCXFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, mode uint8, data []byte) {
		src := docxFuzzInput(t, mode, data)
		doc, err := DOCX{}.Parse(NewFile("fuzz.docx", src))
		if err != nil {
			checkDOCXError(t, err, "fuzz.docx")
			return
		}
		checkDOCX(t, doc)
	})
}
