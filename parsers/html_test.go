package parsers

import (
	"bytes"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// parseHTML parses src and checks every invariant the fuzz target checks.
func parseHTML(t *testing.T, src string) *Document {
	t.Helper()
	doc, err := HTML{}.Parse(NewFile("test.html", []byte(src)))
	if err != nil {
		t.Fatalf("Parse(%q): %v", src, err)
	}
	checkDocument(t, []byte(src), doc)
	checkHTMLDocument(t, []byte(src), doc)
	return doc
}

func TestHTMLSpans(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []want
	}{
		{"inline formatting is transparent", "<p>The <b>chair</b>man and <i>he</i> <span class=x>will</span></p>", []want{
			{Paragraph, 0, "The chairman and he will"},
		}},
		{"implied paragraph ends", "<p>one<p>two<div>three</div>four", []want{
			{Paragraph, 0, "one"}, {Paragraph, 0, "two"}, {Paragraph, 0, "three"}, {Paragraph, 0, "four"},
		}},
		{"headings", "<h1>One</h1><H3>Three</H3><h6>Six", []want{
			{Heading, 1, "One"}, {Heading, 3, "Three"}, {Heading, 6, "Six"},
		}},
		{"list items", "<ul><li>one<li>two <b>bold</b><ul><li>three</ul></ul>", []want{
			{ListItem, 0, "one"}, {ListItem, 0, "two bold"}, {ListItem, 0, "three"},
		}},
		{"paragraph in list item", "<ol><li><p>para</p>tail</li></ol>", []want{
			{ListItem, 0, "para"}, {ListItem, 0, "tail"},
		}},
		{"table cells", "<table><tr><th>Head<td>cell <em>one</em><tr><td><p>two</table>", []want{
			{TableCell, 0, "Head"}, {TableCell, 0, "cell one"}, {TableCell, 0, "two"},
		}},
		{"blockquote", "<blockquote><p>quoted</p>more</blockquote>after", []want{
			{BlockQuote, 0, "quoted"}, {BlockQuote, 0, "more"}, {Paragraph, 0, "after"},
		}},
		{"entities", "<p>Fish &amp; chips, caf&eacute;, &#8217;s &rsquo; &bogus; &amp</p>", []want{
			{Paragraph, 0, "Fish & chips, café, ’s ’ &bogus; &"},
		}},
		{"legacy entity without semicolon", "<p>&notit; &ampx &copy2024</p>", []want{
			{Paragraph, 0, "¬it; &x ©2024"},
		}},
		{"line break reads as a space", "<p>the chair<br>man<br/>said</p>", []want{
			{Paragraph, 0, "the chair man said"},
		}},
		{"white space collapsed inside, trimmed at ends", "<p>\n  young and\n  energetic\tor  keen\n</p>", []want{
			{Paragraph, 0, "young and energetic or keen"},
		}},
		{"no-break space only", "<p>&nbsp;</p><p> \t </p><p>x</p>", []want{{Paragraph, 0, "x"}}},
		{"script and style skipped", "<p>a<script>var x = \"<p>master</p>\";</script>b</p><style>p{}</style>", []want{
			{Paragraph, 0, "ab"},
		}},
		{"head skipped", "<html><head><title>Master</title><meta name=x></head><body><p>body</p></body></html>", []want{
			{Paragraph, 0, "body"},
		}},
		{"implied head end", "<head><title>t</title>visible text", []want{{Paragraph, 0, "visible text"}}},
		{"stray head ignored", "<p>one</p><head><p>two</p>", []want{{Paragraph, 0, "one"}, {Paragraph, 0, "two"}}},
		{"text after body", "<body><p>a</p></body>after", []want{{Paragraph, 0, "a"}, {Paragraph, 0, "after"}}},
		{"inline code is a wall", "<p>run <code>git push origin master</code> now</p>", []want{
			{Paragraph, 0, "run " + B + " now"},
		}},
		{"kbd samp var", "<p>chair<kbd>x</kbd>man <samp>s</samp> <var>v</var></p>", []want{
			{Paragraph, 0, "chair" + B + "man " + B + " " + B},
		}},
		{"pre skipped", "<p>before</p><pre>master\nslave</pre><p>after</p>", []want{
			{Paragraph, 0, "before"}, {Paragraph, 0, "after"},
		}},
		{"nested code", "<p>a <code><code>x</code>y</code> b</p>", []want{{Paragraph, 0, "a " + B + " b"}}},
		{"nested pre", "<pre>a<pre>b</pre>c</pre>d", []want{{Paragraph, 0, "d"}}},
		{"hidden attribute", "<p>shown</p><div hidden><p>gone<div>nested</div>still gone</p></div><p>back</p>", []want{
			{Paragraph, 0, "shown"}, {Paragraph, 0, "back"},
		}},
		{"nested hidden divs", "<div hidden><div>a</div><div>b</div>c</div>d", []want{{Paragraph, 0, "d"}}},
		{"hidden inline is transparent", "<p>chair<span hidden>x</span>man</p>", []want{{Paragraph, 0, "chairman"}}},
		{"aria-hidden", "<p>a <span aria-hidden=\"true\">icon</span><span aria-hidden=false>b</span></p>", []want{
			{Paragraph, 0, "a b"},
		}},
		{"display none", "<p>a<span style=\"color:red; display : none !important\">x</span> <span style='VISIBILITY:hidden'>y</span>b</p>", []want{
			{Paragraph, 0, "a b"},
		}},
		{"display block is shown", "<p><span style=\"display:block\">a</span> <span style=\"display: nonesuch\">b</span></p>", []want{
			{Paragraph, 0, "a b"},
		}},
		{"hidden p ends at next p", "<p hidden>gone<p>shown", []want{{Paragraph, 0, "shown"}}},
		{"hidden void element hides nothing", "<p>a<input type=hidden name=x value=master>b<br hidden>c</p>", []want{
			{Paragraph, 0, "ab c"},
		}},
		{"template noscript textarea", "<template><p>t</p></template><noscript>n</noscript><p>x<textarea>master</textarea>y</p>", []want{
			{Paragraph, 0, "x" + B + "y"},
		}},
		{"svg and math", "<p>a<svg><text>master</text></svg>b<math><mi>x</mi></math>c<svg/>d</p>", []want{
			{Paragraph, 0, "a" + B + "b" + B + "c" + B + "d"},
		}},
		{"html breaks out of svg", "<svg><title>t</title><p>shown</p></svg>", []want{{Paragraph, 0, "shown"}}},
		{"image is a wall, alt is its own span", "<p>before <img src=a.png alt=\"a chairman\"> after</p>", []want{
			{Paragraph, 0, "before " + B + " after"}, {AltText, 0, "a chairman"},
		}},
		{"alt with entities", "<img alt=\"Tom &amp; Jerry &ampx\">", []want{{AltText, 0, "Tom & Jerry &ampx"}}},
		{"empty and hidden alt", "<img alt=\"\"><img alt=\" \"><img alt=x aria-hidden=true><img alt=y hidden>", nil},
		{"form controls", "<form><label>Name <input name=n></label><button>Apply <b>now</b></button><input type=submit value=\"Join us\"></form>", []want{
			{Paragraph, 0, "Name " + B}, {Paragraph, 0, "Apply now"}, {Paragraph, 0, "Join us"},
		}},
		{"select options", "<p>Title: <select><option>Mr<option>Ms<optgroup label=x><option>Mx</select></p>", []want{
			{Paragraph, 0, "Title:"}, {Paragraph, 0, "Mr"}, {Paragraph, 0, "Ms"}, {Paragraph, 0, "Mx"},
		}},
		{"link text is inline", "<p>Read <a href=\"/jobs\">our <b>open</b> roles</a> today.</p>", []want{
			{Paragraph, 0, "Read our open roles today."},
		}},
		{"formatting end tag keeps the block", "<b><p>chair</b>man</p>", []want{{Paragraph, 0, "chairman"}}},
		{"comments and doctype", "<!DOCTYPE html><p>chair<!-- x -->man</p><?php echo 1 ?>", []want{{Paragraph, 0, "chairman"}}},
		{"less-than in text", "<p>a < b and c<d e <> f</p>", []want{{Paragraph, 0, "a < b and c f"}}}, // <d e <> is a tag
		{"unclosed tags", "<p>unclosed <b>bold <i>italic <a href=x>link", []want{{Paragraph, 0, "unclosed bold italic link"}}},
		{"unfinished tag at eof", "<p>text <a href='x", []want{{Paragraph, 0, "text"}}},
		{"crlf and bom", "\uFEFF<p>one\r\ntwo</p>\r\n<p>three</p>", []want{{Paragraph, 0, "one two"}, {Paragraph, 0, "three"}}},
		{"uppercase", "<P CLASS=X>The <B>Chair</B>man</P><SCRIPT>x</SCRIPT>", []want{{Paragraph, 0, "The Chairman"}}},
		{"attributes without values", "<p hidden>x</p><p class>y</p><p a b=c d = 'e' f=\"g\">z</p>", []want{
			{Paragraph, 0, "y"}, {Paragraph, 0, "z"},
		}},
		{"invalid utf-8", "<p>\xff bad \xc3</p>", []want{{Paragraph, 0, "\xff bad \xc3"}}},
		{"plaintext", "<p>a</p><plaintext><p>master", []want{{Paragraph, 0, "a"}}},
		{"empty", "", nil},
		{"only markup", "<p></p><div><br></div><img src=x>", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseHTML(t, tt.src)
			var got []want
			for _, sp := range doc.Spans {
				got = append(got, want{sp.Kind, sp.Level, sp.Text})
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("spans\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestHTMLBinary(t *testing.T) {
	_, err := HTML{}.Parse(NewFile("x.html", []byte("<p>a\x00b</p>")))
	if !errors.Is(err, ErrBinary) || !strings.Contains(err.Error(), "x.html") {
		t.Errorf("err = %v, want ErrBinary naming the file", err)
	}
}

// TestHTMLPositions maps a word found in a span back to the source: the
// range must start and end exactly where the word's bytes are (the nth
// occurrence of from in the source, to the nth occurrence of to after it),
// exact only when nothing lies between them.
func TestHTMLPositions(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		word      string // as the span reads it
		kind      Kind
		source    string // what the source range must cover
		nth       int    // which occurrence of source (0-based)
		exact     bool
		line, col int
	}{
		{"plain", "<p>the chairman</p>", "chairman", Paragraph, "chairman", 0, true, 1, 8},
		{"split by bold", "<p>The <b>chair</b>man said</p>", "chairman", Paragraph, "chair</b>man", 0, false, 1, 11},
		{"split by span and comment", "<p>chair<span>m<!-- x -->an</span></p>", "chairman", Paragraph, "chair<span>m<!-- x -->an", 0, false, 1, 4},
		{"entity inside a word", "<p>He is a r&ouml;ckstar today</p>", "röckstar", Paragraph, "r&ouml;ckstar", 0, false, 1, 12},
		{"after an entity", "<p>&ldquo;ninja&rdquo;</p>", "ninja", Paragraph, "ninja", 0, true, 1, 11},
		{"entity at a word end", "<p>caf&eacute; chairman</p>", "café", Paragraph, "caf&eacute;", 0, false, 1, 4},
		{"after script with markup in a string", "<script>var s = \"<p>chairman</p>\";</script>\n<p>the chairman</p>", "chairman", Paragraph, "chairman", 1, true, 2, 8},
		{"after style", "<style>p::after{content:\"chairman\"}</style><p>chairman</p>", "chairman", Paragraph, "chairman", 1, true, 1, 47},
		{"after hidden element", "<div hidden>chairman</div><p>the chairman</p>", "chairman", Paragraph, "chairman", 1, true, 1, 34},
		{"after nested skipped", "<pre>a<pre>chairman</pre>chairman</pre><p>chairman</p>", "chairman", Paragraph, "chairman", 2, true, 1, 43},
		{"across a line break", "<p>young and\r\n  energetic</p>", "young and energetic", Paragraph, "young and\r\n  energetic", 0, false, 1, 4},
		{"across br", "<p>chair<br>man</p>", "chair man", Paragraph, "chair<br>man", 0, false, 1, 4},
		{"heading", "<h2 class=x>Our <em>chairman</em></h2>", "chairman", Heading, "chairman", 0, true, 1, 21},
		{"list item after crlf", "<ul>\r\n<li>he will</li></ul>", "he will", ListItem, "he will", 0, true, 2, 5},
		{"alt text", "<img src=\"chairman.png\" alt=\"the chairman\">", "chairman", AltText, "chairman", 1, true, 1, 34},
		{"alt text with entity", "<img alt='r&ouml;ckstar'>", "röckstar", AltText, "r&ouml;ckstar", 0, false, 1, 11},
		{"unquoted alt", "<img alt=chairman src=x>", "chairman", AltText, "chairman", 0, true, 1, 10},
		{"bom", "\uFEFF<p>chairman</p>", "chairman", Paragraph, "chairman", 0, true, 1, 4},
		{"multibyte before", "<p>Größe chairman</p>", "chairman", Paragraph, "chairman", 0, true, 1, 10},
		{"link text", "<a href=\"chairman.html\">chairman</a>", "chairman", Paragraph, "chairman", 1, true, 1, 25},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseHTML(t, tt.src)
			sp, i := findWord(doc, tt.word, tt.kind)
			if sp == nil {
				t.Fatalf("no %s span holds %q: %+v", tt.kind, tt.word, doc.Spans)
			}
			start, end, exact := sp.SourceRange(i, i+len(tt.word))
			wantStart := nthIndex(tt.src, tt.source, tt.nth)
			if start != wantStart || end != wantStart+len(tt.source) || exact != tt.exact {
				t.Errorf("SourceRange = [%d, %d) %q exact=%v, want [%d, %d) %q exact=%v",
					start, end, tt.src[start:end], exact, wantStart, wantStart+len(tt.source), tt.source, tt.exact)
			}
			if pos := doc.File.Position(start); pos.Line != tt.line || pos.Column != tt.col {
				t.Errorf("Position(%d) = %d:%d, want %d:%d", start, pos.Line, pos.Column, tt.line, tt.col)
			}
		})
	}
}

// TestHTMLDecodedRanges checks that a decoded character or Boundary maps
// to the whole of the markup that stands for it, and is never exact.
func TestHTMLDecodedRanges(t *testing.T) {
	tests := []struct {
		name   string
		src    string
		text   string
		source string
	}{
		{"named entity", "<p>Fish &amp; chips</p>", "&", "&amp;"},
		{"decimal entity", "<p>it&#8217;s</p>", "’", "&#8217;"},
		{"hex entity without semicolon", "<p>caf&#xE9 au lait</p>", "é", "&#xE9"},
		{"legacy entity prefix", "<p>a &notit; b</p>", "¬", "&not"},
		{"two-rune entity", "<p>a &NotEqualTilde; b</p>", "≂̸", "&NotEqualTilde;"},
		{"line break", "<p>a<br class=x>b</p>", " ", "<br class=x>"},
		{"white space run", "<p>a\r\n\t b</p>", " ", "\r\n\t "},
		{"code boundary", "<p>a <code>x<b>y</b></code> b</p>", B, "<code>x<b>y</b></code>"},
		{"code closed by a block", "<p>a <code>x<div>y</div>", B, "<code>x"},
		{"image boundary", "<p>a <img src=x alt=y> b</p>", B, "<img src=x alt=y>"},
		{"input boundary", "<p>a <input name=q> b</p>", B, "<input name=q>"},
		{"self-closing svg", "<p>a <svg/> b</p>", B, "<svg/>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseHTML(t, tt.src)
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
		})
	}
}

func TestHTMLHeadings(t *testing.T) {
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
		{"levels and skip", "<h1>Jobs</h1>\n<h3 id=x>Senior <b>role</b></h3>", []heading{
			{1, "<h1>Jobs</h1>", "Jobs"}, {3, "<h3 id=x>Senior <b>role</b></h3>", "Senior role"},
		}},
		{"uppercase and white space", "<H2>\n  About\n  us\n</H2>", []heading{{2, "<H2>\n  About\n  us\n</H2>", "About us"}}},
		{"reader text", "<h2>R&amp;D <code>api</code> <img alt=\"logo of x\"> <span hidden>x</span>team<br>now</h2>", []heading{
			{2, "<h2>R&amp;D <code>api</code> <img alt=\"logo of x\"> <span hidden>x</span>team<br>now</h2>", "R&D api logo of x team now"},
		}},
		{"implied end by a heading", "<h2>One<h3>Two</h3>", []heading{{2, "<h2>One", "One"}, {3, "<h3>Two</h3>", "Two"}}},
		{"ended by an ancestor", "<div><h2>One</div>after", []heading{{2, "<h2>One", "One"}}},
		{"unclosed at eof", "<h4>Four", []heading{{4, "<h4>Four", "Four"}}},
		{"hidden headings", "<h2 hidden>x</h2><div hidden><h3>y</h3></div><svg><h4>z</h4></svg>", []heading{{4, "<h4>z</h4>", "z"}}},
		{"in head", "<head><title>t</title></head><h1>Body</h1>", []heading{{1, "<h1>Body</h1>", "Body"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseHTML(t, tt.src)
			var got []heading
			for _, h := range doc.Headings {
				got = append(got, heading{h.Level, tt.src[h.Start:h.End], h.Text})
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("headings\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestHTMLImages(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []Image // Start and End are given as the markup's offset by tag below
		tags []string
	}{
		{"missing alt is not decorative", "<p>x <img src=\"team.jpg\"> y</p>",
			[]Image{{Src: "team.jpg"}}, []string{"<img src=\"team.jpg\">"}},
		{"empty alt is decorative", "<img alt=\"\" src=logo.svg><IMG ALT src=b.png>",
			[]Image{{Src: "logo.svg", Decorative: true}, {Src: "b.png", Decorative: true}},
			[]string{"<img alt=\"\" src=logo.svg>", "<IMG ALT src=b.png>"}},
		{"role and aria-hidden", "<img src=a role=presentation><img src=b role=\"none\"><img src=c alt=\"Ann\" aria-hidden=\"true\"><img src=d role=img>",
			[]Image{{Src: "a", Decorative: true}, {Src: "b", Decorative: true}, {Src: "c", Alt: "Ann", Decorative: true}, {Src: "d"}},
			[]string{"<img src=a role=presentation>", "<img src=b role=\"none\">", "<img src=c alt=\"Ann\" aria-hidden=\"true\">", "<img src=d role=img>"}},
		{"alt decoded", "<img src='x.png?a=1&amp;b=2' alt='Tom &amp; Jerry'/>",
			[]Image{{Src: "x.png?a=1&b=2", Alt: "Tom & Jerry"}}, []string{"<img src='x.png?a=1&amp;b=2' alt='Tom &amp; Jerry'/>"}},
		{"not shown", "<div hidden><img src=a></div><template><img src=b></template><img src=c style=\"display:none\">",
			[]Image{{Src: "c", Decorative: true}}, []string{"<img src=c style=\"display:none\">"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseHTML(t, tt.src)
			if len(doc.Images) != len(tt.want) {
				t.Fatalf("%d images, want %d: %+v", len(doc.Images), len(tt.want), doc.Images)
			}
			at := 0
			for i, w := range tt.want {
				w.Start = locate(t, tt.src, tt.tags[i], at)
				w.End = w.Start + len(tt.tags[i])
				at = w.End
				if doc.Images[i] != w {
					t.Errorf("image %d = %+v, want %+v", i, doc.Images[i], w)
				}
			}
		})
	}
}

func TestHTMLLinks(t *testing.T) {
	type link struct {
		markup, text, dest string // src[Start:End], Text, Dest
		inner              string // src[TextStart:TextEnd]
	}
	tests := []struct {
		name string
		src  string
		want []link
	}{
		{"click here", "<p>To apply, <a href=\"/apply\">click <b>here</b></a>.</p>", []link{
			{"<a href=\"/apply\">click <b>here</b></a>", "click here", "/apply", "click <b>here</b>"},
		}},
		{"no href is not a link", "<a name=top>top</a><a href=\"\">empty</a>", []link{
			{"<a href=\"\">empty</a>", "empty", "", "empty"},
		}},
		{"a ends a", "<a href=1>one<a href=2>two</a>", []link{
			{"<a href=1>one", "one", "1", "one"}, {"<a href=2>two</a>", "two", "2", "two"},
		}},
		{"formatting end tag", "<a href=x><p>one</a>two</p>", []link{{"<a href=x><p>one</a>", "one", "x", "<p>one"}}},
		{"unclosed", "<p><a href='https://example.com/a?b=1&amp;c=2'>www.example.com", []link{
			{"<a href='https://example.com/a?b=1&amp;c=2'>www.example.com", "www.example.com", "https://example.com/a?b=1&c=2", "www.example.com"},
		}},
		{"image link reads its alt", "<a href=/><img src=l.png alt=\"Acme home\"></a>", []link{
			{"<a href=/><img src=l.png alt=\"Acme home\"></a>", "Acme home", "/", "<img src=l.png alt=\"Acme home\">"},
		}},
		{"hidden", "<a href=x hidden>a</a><nav hidden><a href=y>b</a></nav>", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseHTML(t, tt.src)
			var got []link
			for _, l := range doc.Links {
				got = append(got, link{tt.src[l.Start:l.End], l.Text, l.Dest, tt.src[l.TextStart:l.TextEnd]})
				if l.Autolink {
					t.Errorf("link %+v is marked as an autolink", l)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("links\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestHTMLJobPost parses a job-post page as Chromium saved it
// (testdata/documents/make-html.sh).
func TestHTMLJobPost(t *testing.T) {
	src, err := os.ReadFile("../testdata/documents/job-post.html")
	if err != nil {
		t.Fatal(err)
	}
	doc := parseHTML(t, string(src))
	var all []string
	for _, sp := range doc.Spans {
		all = append(all, sp.Text)
	}
	text := strings.Join(all, "\n")

	// Prose, including a word split by inline formatting and one that
	// holds a character reference.
	for _, s := range []string{
		"a rockstar engineer",
		"chairman",
		"he will report to our chairman",
		"young and energetic",
		"coding ninja",
		"competitive salary",
		"Equal opportunity",
		"We use cookies",
		"R&D",
	} {
		if !strings.Contains(text, s) {
			t.Errorf("no span holds %q", s)
		}
	}
	// Nothing from the head, scripts, styles, code, hidden parts or the
	// JSON-LD block.
	for _, s := range []string{
		"Careers at Brightwater", // only in <title>
		"dataLayer", "font-family", "JobPosting", "hiringOrganization",
		"git clone", "npm install", "masterBranch",
		"cookie-settings-secret", "Hidden preferences", "tracking pixel",
	} {
		if strings.Contains(text, s) {
			t.Errorf("a span holds %q, which is not prose", s)
		}
	}
	// No verbatim byte of a span lies inside an element whose text is not
	// prose. The page is well formed, so counting start and end tags finds
	// where each such element is.
	skipped := map[string]bool{"head": true, "script": true, "style": true, "code": true, "pre": true, "noscript": true}
	z := html.NewTokenizer(bytes.NewReader(src))
	depth, at := 0, 0
	inside := make([]bool, len(src))
	for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
		start := at
		at += len(z.Raw())
		name, _ := z.TagName()
		switch {
		case tt == html.StartTagToken && skipped[string(name)]:
			depth++
		case tt == html.EndTagToken && skipped[string(name)]:
			depth--
		case depth > 0:
			for i := start; i < at; i++ {
				inside[i] = true
			}
		}
	}
	if depth != 0 {
		t.Fatalf("fixture is not well formed: depth %d at the end", depth)
	}
	for _, sp := range doc.Spans {
		for _, s := range sp.Segs {
			for i := s.Src; s.Verbatim() && i < s.Src+s.SrcLen; i++ {
				if inside[i] {
					t.Fatalf("span %q holds %q from a skipped element", sp.Text, src[s.Src:s.Src+s.SrcLen])
				}
			}
		}
	}

	// "chair" and "man" are in separate elements but one word.
	sp, i := findWord(doc, "our chairman", ListItem)
	if sp == nil {
		t.Fatalf("no list item reads \"our chairman\"")
	}
	start, end, exact := sp.SourceRange(i+4, i+len("our chairman"))
	if got := string(src[start:end]); got != "chair</b>man" || exact {
		t.Errorf("chairman maps to %q exact=%v, want \"chair</b>man\" inexact", got, exact)
	}

	var levels []int
	for _, h := range doc.Headings {
		levels = append(levels, h.Level)
	}
	if want := []int{1, 2, 2, 4, 2}; !slices.Equal(levels, want) {
		t.Errorf("heading levels %v, want %v (%+v)", levels, want, doc.Headings)
	}
	if h := doc.Headings[0]; h.Text != "Senior Backend Engineer (Rockstar Wanted!)" {
		t.Errorf("first heading text %q", h.Text)
	}

	var missing, decorative, described int
	for _, im := range doc.Images {
		switch {
		case im.Decorative:
			decorative++
		case im.Alt == "":
			missing++
			if !strings.Contains(im.Src, "team-offsite.jpg") {
				t.Errorf("image without alt: %+v", im)
			}
		default:
			described++
		}
	}
	if missing != 1 || decorative != 1 || described != 1 {
		t.Errorf("images: %d missing alt, %d decorative, %d described; want 1 each: %+v", missing, decorative, described, doc.Images)
	}
	if !hasSpan(doc, AltText, "Our team hiking near the lake") {
		t.Errorf("no alt-text span for the described image")
	}

	var clickHere *Link
	for i, l := range doc.Links {
		if l.Text == "click here" {
			clickHere = &doc.Links[i]
		}
	}
	if clickHere == nil {
		t.Fatalf("no \"click here\" link in %+v", doc.Links)
	}
	if got := string(src[clickHere.TextStart:clickHere.TextEnd]); got != "click here" {
		t.Errorf("click here link text range holds %q", got)
	}
	if !strings.HasSuffix(clickHere.Dest, "/apply/senior-backend") {
		t.Errorf("click here Dest %q", clickHere.Dest)
	}
	if !strings.Contains(text, "To apply, click here and send") {
		t.Errorf("link text is not part of its paragraph")
	}
}

func hasSpan(doc *Document, kind Kind, text string) bool {
	for _, sp := range doc.Spans {
		if sp.Kind == kind && sp.Text == text {
			return true
		}
	}
	return false
}

// htmlRawText names the elements whose content x/net/html's tokenizer
// reads as raw text.
var htmlRawText = setOf("iframe", "noembed", "noframes", "noscript", "plaintext", "script", "style", "textarea", "title", "xmp")

// checkHTMLDocument asserts what the HTML parser promises beyond
// checkDocument, checking it against a second run of the tokenizer:
// verbatim prose comes only from text outside tags and raw-text elements;
// character references and attributes are decoded as the tokenizer decodes
// them; spans are in source order; headings, images and links sit on the
// markup they name.
func checkHTMLDocument(t *testing.T, src []byte, doc *Document) {
	t.Helper()
	if doc.Format != string(FormatHTML) {
		t.Fatalf("Format = %q", doc.Format)
	}
	type tag struct {
		name  string
		end   int
		attrs map[string]string
	}
	text := make([]bool, len(src))  // bytes of text tokens outside raw-text elements
	alt := make([]bool, len(src))   // bytes of alt values
	value := make([]bool, len(src)) // bytes of value attributes
	tags := map[int]tag{}           // start tags by offset
	at := 0
	if hasBOM(src) {
		at = len(bom)
	}
	z := html.NewTokenizer(bytes.NewReader(src[at:]))
	raw := false
	for {
		tt := z.Next()
		start := at
		at += len(z.Raw())
		if tt == html.ErrorToken {
			break
		}
		switch tt {
		case html.TextToken:
			if !raw {
				for i := start; i < at; i++ {
					text[i] = true
				}
				var got strings.Builder
				decodeHTML(src, start, at, false, func(s string, _, _ int, decoded bool) {
					if !decoded {
						s = convertNewlines(s)
					}
					got.WriteString(s)
				})
				if want := string(z.Text()); got.String() != want {
					t.Fatalf("text %q decodes to %q, tokenizer reads %q", src[start:at], got.String(), want)
				}
			}
			raw = false
		case html.StartTagToken, html.SelfClosingTagToken:
			name, more := z.TagName()
			tg := tag{name: string(name), end: at, attrs: map[string]string{}}
			var keys []string
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				keys = append(keys, string(k))
				tg.attrs[string(k)] = convertNewlines(string(v))
			}
			mine := scanAttrs(src, start, at)
			if len(mine) != len(keys) {
				t.Fatalf("tag %q: attributes %+v, tokenizer has %q", src[start:at], mine, keys)
			}
			for i, a := range mine {
				if a.key != keys[i] || convertNewlines(a.val) != tg.attrs[a.key] {
					t.Fatalf("tag %q: attribute %q=%q, tokenizer has %q=%q", src[start:at], a.key, a.val, keys[i], tg.attrs[keys[i]])
				}
				if a.valStart < start || a.valEnd > at || a.valStart > a.valEnd {
					t.Fatalf("tag %q: attribute %q value at [%d, %d)", src[start:at], a.key, a.valStart, a.valEnd)
				}
				for i := a.valStart; i < a.valEnd; i++ {
					alt[i] = alt[i] || a.key == "alt"
					value[i] = value[i] || a.key == "value"
				}
			}
			tags[start] = tg
			raw = htmlRawText[tg.name]
		default:
			raw = false
		}
	}

	prevSrc := -1
	for n, sp := range doc.Spans {
		if sp.Segs[0].Src < prevSrc {
			t.Fatalf("span %d %q starts at %d, before the span before it (%d)", n, sp.Text, sp.Segs[0].Src, prevSrc)
		}
		prevSrc = sp.Segs[0].Src
		if (sp.Kind == Heading) != (sp.Level >= 1 && sp.Level <= 6) {
			t.Fatalf("span %d: kind %v, level %d", n, sp.Kind, sp.Level)
		}
		if strings.TrimSpace(sp.Text) != sp.Text {
			t.Fatalf("span %d %q is not trimmed", n, sp.Text)
		}
		for _, s := range sp.Segs {
			seg := string(src[s.Src : s.Src+s.SrcLen])
			switch {
			case s.Verbatim():
				for i := s.Src; i < s.Src+s.SrcLen; i++ {
					ok := text[i] || sp.Kind == Paragraph && value[i]
					if sp.Kind == AltText {
						ok = alt[i]
					}
					if !ok {
						t.Fatalf("span %d %q: verbatim byte %d (%q) is not text", n, sp.Text, i, src[i])
					}
				}
			case strings.HasPrefix(seg, "&"):
				if got := sp.Text[s.Text : s.Text+s.Len]; got != html.UnescapeString(seg) {
					t.Fatalf("span %d: %q decoded as %q", n, seg, got)
				}
			case sp.Text[s.Text:s.Text+s.Len] == " ":
				if _, ok := tags[s.Src]; !ok && !strings.HasPrefix(strings.ToLower(seg), "</br") && !isHTMLBlank([]byte(seg)) {
					t.Fatalf("span %d: space over %q, not a <br>", n, seg)
				}
			case sp.Text[s.Text:s.Text+s.Len] == B:
				if _, ok := tags[s.Src]; !ok {
					t.Fatalf("span %d: boundary over %q, not an element", n, seg)
				}
			default:
				t.Fatalf("span %d: decoded %q over %q", n, sp.Text[s.Text:s.Text+s.Len], seg)
			}
		}
	}

	prev := -1
	for _, h := range doc.Headings {
		tg, ok := tags[h.Start]
		if !ok || h.Start < prev || h.End < tg.end || h.End > len(src) || headingLevel(tg.name) != h.Level {
			t.Fatalf("heading %+v (tag %+v) out of order or not on an <h%d> tag", h, tg, h.Level)
		}
		checkReaderText(t, h.Text)
		prev = h.Start
	}
	prevEnd := -1
	for _, im := range doc.Images {
		tg, ok := tags[im.Start]
		if !ok || tg.end != im.End || im.Start < prevEnd || (tg.name != "img" && tg.name != "image") {
			t.Fatalf("image %+v is not an <img> tag in order", im)
		}
		alt, hasAlt := tg.attrs["alt"]
		if im.Alt != alt || im.Src != strings.TrimSpace(tg.attrs["src"]) {
			t.Fatalf("image %+v: tag has alt %q, src %q", im, alt, tg.attrs["src"])
		}
		// Decorative exactly when the author said so: an empty alt, or a
		// role or attribute that takes the image out of what is read.
		_, hasRole := tg.attrs["role"]
		_, hasAria := tg.attrs["aria-hidden"]
		_, hasHidden := tg.attrs["hidden"]
		_, hasStyle := tg.attrs["style"]
		if blankAlt := hasAlt && strings.TrimSpace(alt) == ""; blankAlt && !im.Decorative ||
			im.Decorative && !blankAlt && !hasRole && !hasAria && !hasHidden && !hasStyle {
			t.Fatalf("image %+v: decorative %v with alt %q (present %v)", im, im.Decorative, alt, hasAlt)
		}
		prevEnd = im.End
	}
	prevEnd = -1
	for _, l := range doc.Links {
		tg, ok := tags[l.Start]
		href, hasHref := tg.attrs["href"]
		if !ok || tg.name != "a" || !hasHref || l.Dest != strings.TrimSpace(href) {
			t.Fatalf("link %+v is not on an <a href> tag", l)
		}
		if l.Start < prevEnd || l.TextStart != tg.end || l.TextEnd < l.TextStart || l.End < l.TextEnd || l.End > len(src) || l.Autolink {
			t.Fatalf("link %+v out of order or outside its markup", l)
		}
		if l.TextEnd < l.End && !bytes.HasPrefix(bytes.ToLower(src[l.TextEnd:l.End]), []byte("</a")) {
			t.Fatalf("link %+v ends with %q, not </a>", l, src[l.TextEnd:l.End])
		}
		checkReaderText(t, l.Text)
		prevEnd = l.End
	}
}

// checkReaderText asserts that text is collapsed as a reader gets it.
func checkReaderText(t *testing.T, s string) {
	t.Helper()
	if s != readerText(s) {
		t.Fatalf("reader text %q is not collapsed", s)
	}
}
