package parsers

import (
	"strings"
	"testing"
)

// locate returns the offset of markup in src at or after from, failing
// the test if it is not there. Expected ranges are written as the markup
// they must cover, so every offset is derived from the source itself.
func locate(t *testing.T, src, markup string, from int) int {
	t.Helper()
	i := strings.Index(src[from:], markup)
	if i < 0 {
		t.Fatalf("test is wrong: %q not in %q after %d", markup, src, from)
	}
	return from + i
}

func TestMarkdownHeadings(t *testing.T) {
	type heading struct {
		level  int
		markup string // src[Start:End]
		text   string
	}
	tests := []struct {
		name string
		src  string
		want []heading
	}{
		{"atx levels", "# One\n## Two\n### Three\n#### Four\n##### Five\n###### Six\n", []heading{
			{1, "# One", "One"}, {2, "## Two", "Two"}, {3, "### Three", "Three"},
			{4, "#### Four", "Four"}, {5, "##### Five", "Five"}, {6, "###### Six", "Six"},
		}},
		{"seven hashes are text", "####### Seven\n#hashtag\n", nil},
		{"closing hashes", "## About us ##\n# Title #####\n", []heading{
			{2, "## About us ##", "About us"}, {1, "# Title #####", "Title"},
		}},
		{"trailing spaces", "## About us   \n### Team ##  \t \n", []heading{
			{2, "## About us", "About us"}, {3, "### Team ##", "Team"},
		}},
		{"hash not closing", "# C# #\n# x#\n", []heading{{1, "# C# #", "C#"}, {1, "# x#", "x#"}}},
		{"cr and form feed after hashes", "#\r\f\n\n#\rx\n", []heading{{1, "#", ""}, {1, "#\rx", "x"}}},
		{"indented atx", "   ### Three\n", []heading{{3, "### Three", "Three"}}},
		{"empty atx", "#\n\n## ##\n\n###   \n", []heading{{1, "#", ""}, {2, "## ##", ""}, {3, "###", ""}}},
		{"empty atx at eof", "text\n\n#", []heading{{1, "#", ""}}},
		{"setext", "Big\ntitle\n===\n\nSmall\n---\n", []heading{
			{1, "Big\ntitle\n===", "Big title"}, {2, "Small\n---", "Small"},
		}},
		{"setext underline spaces", "Title\n=====   \n", []heading{{1, "Title\n=====", "Title"}}},
		{"setext indented", "  Foo\n ===\n", []heading{{1, "Foo\n ===", "Foo"}}},
		{"setext starting with hash", "#foo\n===\n", []heading{{1, "#foo\n===", "#foo"}}},
		{"setext of white space", "\v\n-\n", []heading{{2, "\v\n-", ""}}},
		{"setext at eof", "Title\n---", []heading{{2, "Title\n---", "Title"}}},
		{"crlf", "# One #\r\n\r\nTwo\r\n---\r\n", []heading{{1, "# One #", "One"}, {2, "Two\r\n---", "Two"}}},
		{"bom", "\uFEFF# Title\n", []heading{{1, "# Title", "Title"}}},
		{"front matter", "---\ntitle: x\n---\n# Body\n\nSub\n===\n", []heading{
			{1, "# Body", "Body"}, {1, "Sub\n===", "Sub"},
		}},
		{"bom front matter crlf", "\uFEFF---\r\ntitle: x\r\n---\r\n## Body ##\r\n", []heading{{2, "## Body ##", "Body"}}},
		{"in blockquote", "> # Quoted\n>\n> Setext\n> ---\n", []heading{
			{1, "# Quoted", "Quoted"}, {2, "Setext\n> ---", "Setext"},
		}},
		{"in list", "- # In list\n- Setext\n  ===\n", []heading{{1, "# In list", "In list"}, {1, "Setext\n  ===", "Setext"}}},
		{"tab after container", ">\t# x\n\n-\t#\n", []heading{{1, "# x", "x"}, {1, "#", ""}}},
		{"split tab, empty, heading below", ">\t#\n#\n", []heading{{1, "#", ""}, {1, "#", ""}}},
		{"text decoded", "# Install `npm` &amp; *go*\n## [Docs](d) ![logo](l.png) <b>x</b>\n", []heading{
			{1, "# Install `npm` &amp; *go*", "Install npm & go"},
			{2, "## [Docs](d) ![logo](l.png) <b>x</b>", "Docs logo x"},
		}},
		{"not in code", "```\n# no\n```\n\n    # no\n\n<div>\n# no\n</div>\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseMD(t, "test.md", tt.src)
			if len(doc.Headings) != len(tt.want) {
				t.Fatalf("%d headings, want %d: %+v", len(doc.Headings), len(tt.want), doc.Headings)
			}
			from := 0
			for i, w := range tt.want {
				h := doc.Headings[i]
				start := locate(t, tt.src, w.markup, from)
				if h.Start != start || tt.src[h.Start:h.End] != w.markup {
					t.Errorf("heading %d covers [%d, %d) %q, want [%d, …) %q", i, h.Start, h.End, tt.src[h.Start:h.End], start, w.markup)
				}
				if h.Level != w.level || h.Text != w.text {
					t.Errorf("heading %d: level %d text %q, want %d %q", i, h.Level, h.Text, w.level, w.text)
				}
				from = start + 1
			}
		})
	}
}

func TestMarkdownImages(t *testing.T) {
	type image struct{ markup, alt, src string }
	refs := "\n\n[logo]: /logo.png \"Logo\"\n[collapsed]: </c d.png>\n"
	tests := []struct {
		name string
		src  string
		want []image
	}{
		{"empty alt", "![](x.png)\n", []image{{"![](x.png)", "", "x.png"}}},
		{"blank alt", "a ![  ](x.png) b\n", []image{{"![  ](x.png)", "", "x.png"}}},
		{"alt", "see ![a chairman](c.png) here\n", []image{{"![a chairman](c.png)", "a chairman", "c.png"}}},
		{"titles", "![a](p.png \"The (title)\") ![b](q.png 'x') ![c](r.png (paren))\n", []image{
			{"![a](p.png \"The (title)\")", "a", "p.png"},
			{"![b](q.png 'x')", "b", "q.png"},
			{"![c](r.png (paren))", "c", "r.png"},
		}},
		{"spaces inside parens", "![a](  p.png  \"t\"  )\n", []image{{"![a](  p.png  \"t\"  )", "a", "p.png"}}},
		{"nested brackets in alt", "![a [b] [[c]] d](x.png)\n", []image{{"![a [b] [[c]] d](x.png)", "a [b] [[c]] d", "x.png"}}},
		{"escaped bracket in alt", "![a \\] b](x.png)\n", []image{{"![a \\] b](x.png)", "a ] b", "x.png"}}},
		{"code in alt", "![`]` and `npm` badge](b.svg)\n", []image{{"![`]` and `npm` badge](b.svg)", "] and npm badge", "b.svg"}}},
		{"decoded alt", "![Fish &amp; \\*chips\\* *now*](f.png)\n", []image{{"![Fish &amp; \\*chips\\* *now*](f.png)", "Fish & *chips* now", "f.png"}}},
		{"angle destination", "![a](<my pic).png> \"t\")\n", []image{{"![a](<my pic).png> \"t\")", "a", "my pic).png"}}},
		{"parens in destination", "![a](x(1).png) ![b](x\\)y.png)\n", []image{
			{"![a](x(1).png)", "a", "x(1).png"}, {"![b](x\\)y.png)", "b", "x\\)y.png"},
		}},
		{"empty destination", "![a]() b\n", []image{{"![a]()", "a", ""}}},
		{"references", "![full][logo] ![Collapsed][] ![logo] ![full] [logo]" + refs, []image{
			{"![full][logo]", "full", "/logo.png"},
			{"![Collapsed][]", "Collapsed", "/c d.png"},
			{"![logo]", "logo", "/logo.png"},
		}},
		{"multi-line reference label", "![full][lo\ngo]\n\n[lo go]: /x.png\n", []image{{"![full][lo\ngo]", "full", "/x.png"}}},
		{"image in link", "[![alt](img.png)](https://x)\n", []image{{"![alt](img.png)", "alt", "img.png"}}},
		{"nested images", "![outer ![inner](i.png) end](o.png)\n", []image{
			{"![outer ![inner](i.png) end](o.png)", "outer inner end", "o.png"},
			{"![inner](i.png)", "inner", "i.png"},
		}},
		{"emphasis around", "*see ![a](b.png)*\n", []image{{"![a](b.png)", "a", "b.png"}}},
		{"multi-line in quote", "> ![a\n> b](x.png\n> \"t\n> u\")\n", []image{{"![a\n> b](x.png\n> \"t\n> u\")", "a b", "x.png"}}},
		{"table cell", "| ![a](b.png) | c |\n|---|---|\n| ![d|e](f) |\n", []image{
			{"![a](b.png)", "a", "b.png"},
		}},
		{"heading and list", "# ![h](h.png)\n\n- ![l](l.png)\n", []image{{"![h](h.png)", "h", "h.png"}, {"![l](l.png)", "l", "l.png"}}},
		{"bom front matter crlf", "\uFEFF---\r\nx: 1\r\n---\r\n![a](b)\r\n", []image{{"![a](b)", "a", "b"}}},
		{"not images", "`![a](b)`\n\n    ![c](d)\n\n<img src=\"e.png\" alt=\"f\">\n\n![g][nope] \\![h](i) ![j](k \"l)\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseMD(t, "test.md", tt.src)
			if len(doc.Images) != len(tt.want) {
				t.Fatalf("%d images, want %d: %+v", len(doc.Images), len(tt.want), doc.Images)
			}
			from := 0
			for i, w := range tt.want {
				im := doc.Images[i]
				start := locate(t, tt.src, w.markup, from)
				if im.Start != start || tt.src[im.Start:im.End] != w.markup {
					t.Errorf("image %d covers [%d, %d) %q, want [%d, …) %q", i, im.Start, im.End, tt.src[im.Start:im.End], start, w.markup)
				}
				if im.Alt != w.alt || im.Src != w.src {
					t.Errorf("image %d: alt %q src %q, want %q %q", i, im.Alt, im.Src, w.alt, w.src)
				}
				from = start + 1
			}
		})
	}
}

func TestMarkdownLinks(t *testing.T) {
	type link struct {
		markup   string // src[Start:End]
		visible  string // src[TextStart:TextEnd]
		text     string
		dest     string
		autolink bool
	}
	refs := "\n\n[r]: https://example.com/r \"R\"\n"
	tests := []struct {
		name string
		src  string
		want []link
	}{
		{"inline", "see [the docs](https://example.com \"title\") now\n", []link{
			{"[the docs](https://example.com \"title\")", "the docs", "the docs", "https://example.com", false},
		}},
		{"references", "[docs][r] [R][] [r] [r] [x]" + refs, []link{
			{"[docs][r]", "docs", "docs", "https://example.com/r", false},
			{"[R][]", "R", "R", "https://example.com/r", false},
			{"[r]", "r", "r", "https://example.com/r", false},
			{"[r]", "r", "r", "https://example.com/r", false},
		}},
		{"emphasis in text", "[a **bold** _move_](x)\n", []link{{"[a **bold** _move_](x)", "a **bold** _move_", "a bold move", "x", false}}},
		{"emphasis around", "**[a](x)**\n", []link{{"[a](x)", "a", "a", "x", false}}},
		{"code in text", "[`go test` ](x)\n", []link{{"[`go test` ](x)", "`go test` ", "go test", "x", false}}},
		{"image only", "[![build](b.svg)](https://ci)\n", []link{
			{"[![build](b.svg)](https://ci)", "![build](b.svg)", "build", "https://ci", false},
		}},
		{"empty text", "[](x)\n", []link{{"[](x)", "", "", "x", false}}},
		{"brackets in text", "[a [b] \\] c](d)\n", []link{{"[a [b] \\] c](d)", "a [b] \\] c", "a [b] ] c", "d", false}}},
		{"angle destination", "[a](<b c> 'd')\n", []link{{"[a](<b c> 'd')", "a", "a", "b c", false}}},
		{"multi-line", "[a\nb](c\n\"t\")\n", []link{{"[a\nb](c\n\"t\")", "a\nb", "a b", "c", false}}},
		{"autolink", "at <https://example.com/a?b=c> ok\n", []link{
			{"<https://example.com/a?b=c>", "https://example.com/a?b=c", "https://example.com/a?b=c", "https://example.com/a?b=c", true},
		}},
		{"email autolink", "<me@example.com>\n", []link{
			{"<me@example.com>", "me@example.com", "me@example.com", "mailto:me@example.com", true},
		}},
		{"bare urls", "see https://example.com/x. or (www.example.com) or me@example.com\n", []link{
			{"https://example.com/x", "https://example.com/x", "https://example.com/x", "https://example.com/x", true},
			{"www.example.com", "www.example.com", "www.example.com", "http://www.example.com", true},
			{"me@example.com", "me@example.com", "me@example.com", "mailto:me@example.com", true},
		}},
		{"table cell", "| a | [b *c*](d) |\n|---|---|\n| <https://e.f> | x |\n", []link{
			{"[b *c*](d)", "b *c*", "b c", "d", false},
			{"<https://e.f>", "https://e.f", "https://e.f", "https://e.f", true},
		}},
		{"heading list quote", "# See [docs](d)\n\n- [item](i)\n\n> [q](r)\n", []link{
			{"[docs](d)", "docs", "docs", "d", false},
			{"[item](i)", "item", "item", "i", false},
			{"[q](r)", "q", "q", "r", false},
		}},
		{"link in image alt", "![a [b](c) d](e)\n", []link{{"[b](c)", "b", "b", "c", false}}},
		{"bom front matter crlf", "\uFEFF---\r\nx: 1\r\n---\r\nsee [a](b) and <https://c.d>\r\n", []link{
			{"[a](b)", "a", "a", "b", false},
			{"<https://c.d>", "https://c.d", "https://c.d", "https://c.d", true},
		}},
		{"not links", "`[a](b)` `<https://c.d>`\n\n```\n[e](f) https://g.h\n```\n\n<div>[i](j)</div>\n\n\\[k](l) [m] [n](o \"p)\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseMD(t, "test.md", tt.src)
			if len(doc.Links) != len(tt.want) {
				t.Fatalf("%d links, want %d: %+v", len(doc.Links), len(tt.want), doc.Links)
			}
			from := 0
			for i, w := range tt.want {
				l := doc.Links[i]
				start := locate(t, tt.src, w.markup, from)
				if l.Start != start || tt.src[l.Start:l.End] != w.markup {
					t.Errorf("link %d covers [%d, %d) %q, want [%d, …) %q", i, l.Start, l.End, tt.src[l.Start:l.End], start, w.markup)
				}
				if got := tt.src[l.TextStart:l.TextEnd]; got != w.visible {
					t.Errorf("link %d: text range %q, want %q", i, got, w.visible)
				}
				if l.Text != w.text || l.Dest != w.dest || l.Autolink != w.autolink {
					t.Errorf("link %d: text %q dest %q autolink %v, want %q %q %v", i, l.Text, l.Dest, l.Autolink, w.text, w.dest, w.autolink)
				}
				from = start + 1
			}
		})
	}
}

// TestTextHasNoStructure checks that plain text never reports headings,
// images or links, however Markdown-like it looks.
func TestTextHasNoStructure(t *testing.T) {
	doc, err := Text{}.Parse(NewFile("a.txt", []byte("# Title\n\n![a](b) [c](d) https://e.f\n")))
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Headings)+len(doc.Images)+len(doc.Links) != 0 {
		t.Errorf("plain text has structure: %+v %+v %+v", doc.Headings, doc.Images, doc.Links)
	}
}
