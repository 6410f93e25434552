package parsers

import (
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// B is the Boundary as it appears in expected span text.
const B = string(Boundary)

// parseMD parses src as name and checks the invariants every test relies on.
func parseMD(t *testing.T, name, src string) *Document {
	t.Helper()
	doc, err := Markdown{}.Parse(NewFile(name, []byte(src)))
	if err != nil {
		t.Fatalf("Parse(%q): %v", src, err)
	}
	if doc.Format != string(FormatMarkdown) {
		t.Errorf("Format = %q, want %q", doc.Format, FormatMarkdown)
	}
	checkDocument(t, []byte(src), doc)
	checkNoCode(t, []byte(src), doc)
	checkStructure(t, []byte(src), doc)
	return doc
}

// want is the expected shape of one span.
type want struct {
	kind  Kind
	level int
	text  string
}

func TestMarkdownSpans(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []want
	}{
		{"atx headings", "# One\n## Two ##\n### Three\n#### Four\n##### Five\n###### Six\n", []want{
			{Heading, 1, "One"}, {Heading, 2, "Two"}, {Heading, 3, "Three"},
			{Heading, 4, "Four"}, {Heading, 5, "Five"}, {Heading, 6, "Six"},
		}},
		{"setext headings", "Big\ntitle\n===\n\nSmall\n---\n", []want{
			{Heading, 1, "Big title"}, {Heading, 2, "Small"},
		}},
		{"soft break LF", "the chair\nman\n", []want{{Paragraph, 0, "the chair man"}}},
		{"soft break CRLF", "the chair\r\nman\r\n", []want{{Paragraph, 0, "the chair man"}}},
		{"trailing spaces trimmed", "the chair   \nman   \n", []want{{Paragraph, 0, "the chair man"}}},
		{"hard break spaces", "the chair  \nman\n", []want{{Paragraph, 0, "the chair man"}}},
		{"hard break backslash", "the chair\\\nman\n", []want{{Paragraph, 0, "the chair man"}}},
		{"strong prefix", "**chair**man\n", []want{{Paragraph, 0, "chairman"}}},
		{"strong suffix", "Chair**man**\n", []want{{Paragraph, 0, "Chairman"}}},
		{"emphasis and strike", "*a* _b_ ~~c~~ ***d***\n", []want{{Paragraph, 0, "a b c d"}}},
		{"link text not url", "see [the docs](https://example.com/master \"master title\") now\n", []want{
			{Paragraph, 0, "see the docs now"},
		}},
		{"reference link", "see [docs][r] and [r]\n\n[r]: https://example.com/master \"master\"\n", []want{
			{Paragraph, 0, "see docs and r"},
		}},
		{"image alt", "before ![a chairman](pic.png \"title\") after\n", []want{
			{Paragraph, 0, "before " + B + " after"}, {AltText, 0, "a chairman"},
		}},
		{"image only", "![badge](b.svg)\n", []want{{AltText, 0, "badge"}}},
		{"image in link", "[![build *status*](b.svg)](https://ci)\n", []want{{AltText, 0, "build status"}}},
		{"nested images", "![outer ![inner](i.png) end](o.png)\n", []want{
			{AltText, 0, "outer " + B + " end"}, {AltText, 0, "inner"},
		}},
		{"inline code", "run `git push origin master` now\n", []want{{Paragraph, 0, "run " + B + " now"}}},
		{"inline code joins nothing", "chair`x`man\n", []want{{Paragraph, 0, "chair" + B + "man"}}},
		{"inline html", "a <b>bold</b> move <!-- master -->\n", []want{
			{Paragraph, 0, "a " + B + "bold" + B + " move " + B},
		}},
		{"autolinks", "at <https://example.com/master> or https://example.com/master or www.master.com.\n", []want{
			{Paragraph, 0, "at " + B + " or " + B + " or " + B + "."},
		}},
		{"email", "mail master@example.com today\n", []want{{Paragraph, 0, "mail " + B + " today"}}},
		{"entities", "Fish &amp; chips &eacute;t&#233; &#x263A; &bogus; &amp\n", []want{
			{Paragraph, 0, "Fish & chips été ☺ &bogus; &amp"},
		}},
		{"escapes", "\\*not emphasis\\* \\\\ \\a \\[x\\]\n", []want{
			{Paragraph, 0, "*not emphasis* \\ \\a [x]"},
		}},
		{"bad numeric entities", "&#0; &#x110000; &#xD800; &#12345678; &#;\n", []want{
			{Paragraph, 0, "\uFFFD \uFFFD \uFFFD &#12345678; &#;"},
		}},
		{"table", "| Head A | Head B |\n|---|:-:|\n| cell `x` one | two \\| three |\n| only |\n", []want{
			{TableCell, 0, "Head A"}, {TableCell, 0, "Head B"},
			{TableCell, 0, "cell " + B + " one"}, {TableCell, 0, "two | three"},
			{TableCell, 0, "only"},
		}},
		{"tight list", "- one\n- two\n  wrapped\n", []want{
			{ListItem, 0, "one"}, {ListItem, 0, "two wrapped"},
		}},
		{"loose list", "1. one\n\n2. two\n\n   second para\n", []want{
			{ListItem, 0, "one"}, {ListItem, 0, "two"}, {ListItem, 0, "second para"},
		}},
		{"nested list", "- a\n  - b\n    - c\n", []want{
			{ListItem, 0, "a"}, {ListItem, 0, "b"}, {ListItem, 0, "c"},
		}},
		{"task list", "- [ ] todo\n- [x] done\n", []want{{ListItem, 0, "todo"}, {ListItem, 0, "done"}}},
		{"blockquote", "> quoted\n> text\n>\n> more\n", []want{
			{BlockQuote, 0, "quoted text"}, {BlockQuote, 0, "more"},
		}},
		{"lazy blockquote", "> quoted\ntext\n", []want{{BlockQuote, 0, "quoted text"}}},
		{"list in quote", "> - item\n", []want{{ListItem, 0, "item"}}},
		{"quote in list", "- > quote\n", []want{{BlockQuote, 0, "quote"}}},
		{"heading in quote", "> # Title\n", []want{{Heading, 1, "Title"}}},
		{"fenced code", "```sh\ngit push origin master\n```\n\nafter\n", []want{{Paragraph, 0, "after"}}},
		{"tilde fence", "~~~\nmaster\n~~~\n", nil},
		{"unclosed fence", "text\n\n```\nmaster\n", []want{{Paragraph, 0, "text"}}},
		{"indented code", "para\n\n    master slave\n\nafter\n", []want{
			{Paragraph, 0, "para"}, {Paragraph, 0, "after"},
		}},
		{"html block", "<div>\nmaster\n</div>\n\nafter\n", []want{{Paragraph, 0, "after"}}},
		{"html comment", "<!--\nmaster\n-->\n\nafter\n", []want{{Paragraph, 0, "after"}}},
		{"thematic break", "a\n\n***\n\nb\n", []want{{Paragraph, 0, "a"}, {Paragraph, 0, "b"}}},
		{"yaml front matter", "---\ntitle: master\n---\n# Body\n", []want{{Heading, 1, "Body"}}},
		{"yaml front matter dots", "---\ntitle: master\n...\nbody\n", []want{{Paragraph, 0, "body"}}},
		{"toml front matter", "+++\ntitle = \"master\"\n+++\nbody\n", []want{{Paragraph, 0, "body"}}},
		{"crlf front matter", "---\r\ntitle: master\r\n---\r\nbody\r\n", []want{{Paragraph, 0, "body"}}},
		{"unclosed front matter is a rule", "---\ntitle\n", []want{{Paragraph, 0, "title"}}},
		{"front matter only at start", "text\n\n---\nmaster\n---\n", []want{
			{Paragraph, 0, "text"}, {Heading, 2, "master"},
		}},
		{"bom heading", "\uFEFF# Title\n", []want{{Heading, 1, "Title"}}},
		{"bom front matter", "\uFEFF---\nx: master\n---\nbody\n", []want{{Paragraph, 0, "body"}}},
		{"bom then indented text", "\uFEFF para\n", []want{{Paragraph, 0, "para"}}},
		{"multibyte", "# Größe 中文\n\nnaïve café ☕\n", []want{
			{Heading, 1, "Größe 中文"}, {Paragraph, 0, "naïve café ☕"},
		}},
		{"empty", "", nil},
		{"only markup", "<br>\n\n`code`\n\n---\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseMD(t, "test.md", tt.src)
			var got []want
			for _, sp := range doc.Spans {
				got = append(got, want{sp.Kind, sp.Level, sp.Text})
			}
			if !equalWants(got, tt.want) {
				t.Errorf("Parse(%q)\n got %+v\nwant %+v", tt.src, got, tt.want)
			}
		})
	}
}

func equalWants(a, b []want) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestMarkdownNotProse checks that words that appear only in code, HTML,
// URLs and front matter never reach a span.
func TestMarkdownNotProse(t *testing.T) {
	tests := []struct{ name, src string }{
		{"fence", "Intro.\n\n```\ngit push origin master\n```\n"},
		{"fence in list", "- Intro.\n\n  ```\n  git push origin master\n  ```\n"},
		{"fence in quote", "> Intro.\n>\n> ~~~\n> master\n> ~~~\n"},
		{"indented", "Intro.\n\n    git push origin master\n"},
		{"inline code", "Intro `git push origin master`.\n"},
		{"double backtick code", "Intro ``a ` master``.\n"},
		{"html block", "Intro.\n\n<table><tr><td>\nmaster\n</td></tr></table>\n"},
		{"html comment block", "Intro.\n\n<!-- master\nslave -->\n"},
		{"inline comment", "Intro <!-- master --> done.\n"},
		{"inline tag attribute", "Intro <span title=\"master\">x</span>.\n"},
		{"link url and title", "Intro [x](https://e.com/master 'master').\n"},
		{"link reference", "Intro [x].\n\n[x]: https://e.com/master \"master\"\n"},
		{"image url", "Intro ![x](master.png).\n"},
		{"autolink", "Intro <https://e.com/master>.\n"},
		{"bare url", "Intro https://e.com/master.\n"},
		{"front matter", "---\nbranch: master\n---\nIntro.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseMD(t, "test.md", tt.src)
			found := false
			for _, sp := range doc.Spans {
				if strings.Contains(strings.ToLower(sp.Text), "master") {
					t.Errorf("span %s %q holds text that is not prose", sp.Kind, sp.Text)
				}
				found = found || strings.Contains(sp.Text, "Intro")
			}
			if !found {
				t.Errorf("the prose around it is missing: %+v", doc.Spans)
			}
		})
	}
}

// TestMarkdownPositions maps a word found in a span back to the source and
// compares it with where the word is in the source (the nth occurrence),
// then checks the line and column a report would print.
func TestMarkdownPositions(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		word     string
		nth      int // which occurrence of word in the source (0-based)
		line     int
		col      int
		wantKind Kind
	}{
		{"heading", "# The chairman\n", "chairman", 0, 1, 7, Heading},
		{"bom heading", "\uFEFF# The chairman\n", "chairman", 0, 1, 7, Heading},
		{"bom paragraph", "\uFEFFchairman\n", "chairman", 0, 1, 1, Paragraph},
		{"second line LF", "first line\nthe chairman\n", "chairman", 0, 2, 5, Paragraph},
		{"second line CRLF", "first line\r\nthe chairman\r\n", "chairman", 0, 2, 5, Paragraph},
		{"multibyte before", "Größe 中文 chairman\n", "chairman", 0, 1, 10, Paragraph},
		{"after entity", "a &amp; chairman\n", "chairman", 0, 1, 9, Paragraph},
		{"after escape", "\\* chairman\n", "chairman", 0, 1, 4, Paragraph},
		{"in emphasis", "the **chairman** said\n", "chairman", 0, 1, 7, Paragraph},
		{"link text", "[chairman](chairman.html)\n", "chairman", 0, 1, 2, Paragraph},
		{"quote continuation", "> one\n> the chairman\n", "chairman", 0, 2, 7, BlockQuote},
		{"list continuation", "- one\n  two chairman\n", "chairman", 0, 2, 7, ListItem},
		{"table cell", "| a | b |\n|---|---|\n| x | the chairman |\n", "chairman", 0, 3, 11, TableCell},
		{"alt text", "see ![the chairman](c.png)\n", "chairman", 0, 1, 11, AltText},
		{"after front matter", "---\nchairman: x\n---\nthe chairman\n", "chairman", 1, 4, 5, Paragraph},
		{"after code", "```\nchairman\n```\n\nchairman\n", "chairman", 1, 5, 1, Paragraph},
		{"tab column", "\tx\n\n\u00e9\tchairman\n", "chairman", 0, 3, 3, Paragraph},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseMD(t, "test.md", tt.src)
			f := doc.File
			sp, i := findWord(doc, tt.word, tt.wantKind)
			if sp == nil {
				t.Fatalf("no %s span holds %q: %+v", tt.wantKind, tt.word, doc.Spans)
			}
			start, end, exact := sp.SourceRange(i, i+len(tt.word))
			wantStart := nthIndex(tt.src, tt.word, tt.nth)
			if start != wantStart || end != wantStart+len(tt.word) || !exact {
				t.Errorf("SourceRange = [%d, %d) exact=%v, want [%d, %d) exact", start, end, exact, wantStart, wantStart+len(tt.word))
			}
			if pos := f.Position(start); pos.Line != tt.line || pos.Column != tt.col {
				t.Errorf("Position(%d) = %d:%d, want %d:%d", start, pos.Line, pos.Column, tt.line, tt.col)
			}
		})
	}
}

// findWord returns the first span of kind that holds word, and where.
func findWord(doc *Document, word string, kind Kind) (*Span, int) {
	for i := range doc.Spans {
		sp := &doc.Spans[i]
		if j := strings.Index(sp.Text, word); j >= 0 && sp.Kind == kind {
			return sp, j
		}
	}
	return nil, -1
}

// nthIndex returns the offset of the nth (0-based) occurrence of sub in s.
func nthIndex(s, sub string, n int) int {
	at := 0
	for ; n > 0; n-- {
		at += strings.Index(s[at:], sub) + len(sub)
	}
	return at + strings.Index(s[at:], sub)
}

// TestMarkdownDecodedRanges checks that a decoded character maps to the
// whole of the source that stands for it, and is never exact.
func TestMarkdownDecodedRanges(t *testing.T) {
	tests := []struct {
		name   string
		src    string
		text   string // the decoded text to look for in the span
		source string // the source bytes it must map to
	}{
		{"named entity", "Fish &amp; chips\n", "&", "&amp;"},
		{"decimal entity", "caf&#233; au lait\n", "é", "&#233;"},
		{"hex entity", "smile &#x263A; now\n", "☺", "&#x263A;"},
		{"multi-rune entity", "a &NotEqualTilde; b\n", "≂̸", "&NotEqualTilde;"},
		{"escape", "a \\* b\n", "*", "\\*"},
		{"escaped backslash", "a \\\\ b\n", "\\", "\\\\"},
		{"soft break LF", "chair\nman\n", " ", "\n"},
		{"soft break CRLF", "chair\r\nman\r\n", " ", "\r\n"},
		{"soft break in quote", "> chair\n>   man\n", " ", "\n>   "},
		{"hard break", "chair  \nman\n", " ", "  \n"},
		{"hard break backslash CRLF", "chair\\\r\nman\r\n", " ", "\\\r\n"},
		{"code span boundary", "a `x` b\n", B, "`x`"},
		{"double code span boundary", "a `` x ` `` b\n", B, "`` x ` ``"},
		{"raw html boundary", "a <b class=\"x\">b\n", B, "<b class=\"x\">"},
		{"multi-line comment boundary", "a <!-- x\ny --> b\n", B, "<!-- x\ny -->"},
		{"autolink boundary", "a <https://e.com> b\n", B, "<https://e.com>"},
		{"bare url boundary", "a https://e.com/x b\n", B, "https://e.com/x"},
		{"parenthesised url boundary", "a (www.e.com) b\n", B, "www.e.com"},
		{"image boundary", "a ![alt](i.png \"t\") b\n", B, "![alt](i.png \"t\")"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseMD(t, "test.md", tt.src)
			if len(doc.Spans) == 0 {
				t.Fatal("no spans")
			}
			sp := &doc.Spans[0]
			i := strings.Index(sp.Text, tt.text)
			if i < 0 {
				t.Fatalf("span %q does not hold %q", sp.Text, tt.text)
			}
			start, end, exact := sp.SourceRange(i, i+len(tt.text))
			if got := tt.src[start:end]; got != tt.source || exact {
				t.Errorf("SourceRange(%q) = %q exact=%v, want %q inexact", tt.text, got, exact, tt.source)
			}
			// A range that only touches the decoded run from inside still
			// covers all of it, so an edit never splits an entity.
			if len(tt.text) > 1 {
				s2, e2, _ := sp.SourceRange(i+1, i+len(tt.text))
				if s2 != start || e2 != end {
					t.Errorf("SourceRange from inside = [%d, %d), want [%d, %d)", s2, e2, start, end)
				}
			}
		})
	}
}

// TestMarkdownRoundTrip maps random text ranges of every span of a large
// document back to the source: an exact range must hold the very same
// bytes, and every range lies inside the file.
func TestMarkdownRoundTrip(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "kitchensink.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"LF", "CRLF", "BOM"} {
		t.Run(name, func(t *testing.T) {
			s := string(src)
			switch name {
			case "CRLF":
				s = strings.ReplaceAll(s, "\n", "\r\n")
			case "BOM":
				s = "\uFEFF" + s
			}
			doc := parseMD(t, "kitchensink.md", s)
			if len(doc.Spans) < 20 {
				t.Fatalf("only %d spans", len(doc.Spans))
			}
			rng := rand.New(rand.NewPCG(1, 2))
			exactRanges := 0
			for _, sp := range doc.Spans {
				for range 50 {
					i := rng.IntN(len(sp.Text) + 1)
					j := i + rng.IntN(len(sp.Text)-i+1)
					start, end, exact := sp.SourceRange(i, j)
					if start < 0 || start > end || end > len(s) {
						t.Fatalf("%q: SourceRange(%d, %d) = [%d, %d)", sp.Text, i, j, start, end)
					}
					if exact {
						exactRanges++
						if s[start:end] != sp.Text[i:j] {
							t.Fatalf("%q: SourceRange(%d, %d) exact, source %q != text %q", sp.Text, i, j, s[start:end], sp.Text[i:j])
						}
					}
				}
				for _, seg := range sp.Segs {
					if seg.Verbatim() && s[seg.Src:seg.Src+seg.SrcLen] != sp.Text[seg.Text:seg.Text+seg.Len] {
						t.Fatalf("verbatim segment %+v does not match the source", seg)
					}
				}
			}
			if exactRanges == 0 {
				t.Error("no exact ranges at all")
			}
		})
	}
}

func TestMarkdownKindsAndLevels(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "kitchensink.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := parseMD(t, "kitchensink.md", string(src))
	seen := map[Kind]bool{}
	for i, sp := range doc.Spans {
		seen[sp.Kind] = true
		if (sp.Kind == Heading) != (sp.Level >= 1 && sp.Level <= 6) || (sp.Kind != Heading && sp.Level != 0) {
			t.Errorf("span %q: kind %s with level %d", sp.Text, sp.Kind, sp.Level)
		}
		if i > 0 && sp.Segs[0].Src < doc.Spans[i-1].Segs[0].Src {
			t.Errorf("span %q starts before the span ahead of it", sp.Text)
		}
	}
	for _, k := range []Kind{Paragraph, Heading, ListItem, TableCell, BlockQuote, AltText} {
		if !seen[k] {
			t.Errorf("no %s span in the kitchen sink", k)
		}
	}
}

func TestMarkdownErrors(t *testing.T) {
	_, err := Markdown{}.Parse(NewFile("bin.md", []byte("# a\x00b\n")))
	if !errors.Is(err, ErrBinary) {
		t.Errorf("NUL byte: err = %v, want ErrBinary", err)
	}
	if err != nil && !strings.Contains(err.Error(), "bin.md") {
		t.Errorf("error %q does not name the file", err)
	}
	doc, err := Markdown{}.Parse(NewFile("empty.md", nil))
	if err != nil || len(doc.Spans) != 0 {
		t.Errorf("empty file: %d spans, err %v", len(doc.Spans), err)
	}
}

func TestMarkdownMDX(t *testing.T) {
	// MDX reads any top-level paragraph that starts with "import " or
	// "export " as JavaScript, so only those are skipped.
	src := "import Chart from './chart'\nexport const meta = {}\n\n# Title\n\nWe import goods.\n\n<Chart data={x} />\n"
	tests := []struct {
		name string
		want []string
	}{
		{"doc.mdx", []string{"Title", "We import goods."}},
		{"doc.md", []string{"import Chart from './chart' export const meta = {}", "Title", "We import goods."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseMD(t, tt.name, src)
			var got []string
			for _, sp := range doc.Spans {
				got = append(got, sp.Text)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("spans = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFrontMatterEnd(t *testing.T) {
	tests := []struct {
		src  string
		want string // the front matter, closing line without its ending
	}{
		{"---\na: 1\n---\nbody", "---\na: 1\n---"},
		{"---  \r\na: 1\r\n---\r\n", "---  \r\na: 1\r\n---\r"},
		{"---\na: 1\n...\n", "---\na: 1\n..."},
		{"+++\na = 1\n+++", "+++\na = 1\n+++"},
		{"+++\na = 1\n...\n", ""},
		{"---\na: 1\n", ""},
		{"----\na\n----\n", ""},
		{" ---\na\n---\n", ""},
		{"text\n---\na\n---\n", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := tt.src[:frontMatterEnd([]byte(tt.src))]; got != tt.want {
			t.Errorf("frontMatterEnd(%q) covers %q, want %q", tt.src, got, tt.want)
		}
	}
}
