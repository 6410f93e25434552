package parsers

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// HTML parses an HTML page into the prose a reader sees, one span per block
// (paragraph, heading, list item, table cell, block quote, button, label,
// option…), and lists its headings, images and links.
//
// It runs golang.org/x/net/html's Tokenizer rather than html.Parse: the
// tree parser throws away where each node came from, while a token's raw
// bytes, summed, give the exact offset of every byte of text. The tree
// construction rules that matter for prose are approximated on a stack of
// open elements (htmlWalker): the end tags HTML lets an author leave out
// (a <p> ends at the next block, an <li> at the next <li>, a cell at the
// next cell), end tags that close everything inside, and the way a
// formatting end tag such as </b> closes only itself.
//
// What a reader does not see never reaches a span: the head (title and
// all), script, style, template, noscript and hidden elements (the hidden
// attribute, aria-hidden="true", an inline style with display:none or
// visibility:hidden). Such an element inside a paragraph is transparent,
// as it is on screen: "chair<span hidden>x</span>man" reads "chairman".
//
// What a reader sees but is not prose is a wall: code, kbd, samp, var, pre,
// an image, a form control, svg and math, embedded objects. Inside a
// paragraph it becomes a single Boundary over its whole source, so words
// never join across it; a wall that is a block (pre) just ends the span.
//
// Inline formatting (b, i, em, strong, span, a, font…) is transparent:
// "The <b>chair</b>man" is the span "The chairman" made of two verbatim
// segments with a gap between them. Character references are decoded, each
// as its own segment over the reference; <br> and a run of white space
// (a line break and indentation) read as one space, and the two ends of a
// span are trimmed.
//
// Text written in a form control's label rather than as content is prose
// too: an image's alt text is a span of kind AltText (as in Markdown), and
// the value of a submit, reset or button input a Paragraph span, both
// mapped onto the attribute's bytes in the tag.
type HTML struct{}

// Parse implements Parser.
func (HTML) Parse(f *File) (*Document, error) {
	if err := checkBinary(f); err != nil {
		return nil, err
	}
	w := &htmlWalker{src: f.Src, b: newSpanBuilder(f.Src), open: map[string]int{}}
	// A byte order mark is not text; the tokenizer would read it as a
	// U+FEFF character, so it starts after it and offsets start there.
	at := 0
	if hasBOM(f.Src) {
		at = len(bom)
	}
	z := html.NewTokenizer(bytes.NewReader(f.Src[at:]))
	for {
		tt := z.Next()
		start := at
		at += len(z.Raw())
		switch tt {
		case html.ErrorToken:
			if err := z.Err(); err != io.EOF {
				return nil, fmt.Errorf("%s: reading HTML: %w", f.Name, err)
			}
			// An unfinished tag at the end of the file is dropped, as a
			// browser drops it; every element still open ends there.
			w.finish(len(f.Src))
			slices.SortStableFunc(w.spans, func(a, b Span) int {
				return cmp.Compare(a.Segs[0].Src, b.Segs[0].Src)
			})
			return &Document{
				File:     f,
				Format:   string(FormatHTML),
				Spans:    w.spans,
				Headings: w.headings,
				Images:   w.images,
				Links:    w.links,
			}, nil
		case html.TextToken:
			w.text(start, at)
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			w.startTag(string(name), start, at, tt == html.SelfClosingTagToken)
		case html.EndTagToken:
			name, _ := z.TagName()
			w.endTag(string(name), start, at)
		}
		// Comments, doctypes and processing instructions are not prose and
		// are transparent, as they are on screen.
	}
}

// htmlElem is an element on the stack of open elements.
type htmlElem struct {
	tag   string
	start int // offset of its '<'
	// block ends the span before and after it; invisible hides its content
	// from everyone; wall shows content that is not prose; opaque hides its
	// content from the reader text of a heading or link (an embedded
	// object's fallback); foreign is SVG or MathML content.
	block, invisible, wall, opaque, foreign bool
	heading, link                           int              // index in the document, or -1
	read                                    *strings.Builder // reader text, for a heading or link
	// kind and level are what a span inside this element is: those of
	// the nearest heading, list item, table cell or block quote around
	// it (itself included), else Paragraph.
	kind  Kind
	level int
}

// htmlWalker turns the token stream into spans and structure.
type htmlWalker struct {
	src []byte
	b   *spanBuilder
	// kind and level are those of the span being built, taken from the
	// blocks around its first content.
	kind  Kind
	level int
	spans []Span

	stack []htmlElem
	open  map[string]int // open elements by tag name, to skip searches
	// Counts of open elements with each flag: any invisible one hides
	// text, any wall keeps text out of spans.
	invisible, walls, opaque, foreign int
	// reading holds the reader-text builders of the open headings and
	// links, innermost last.
	reading []*strings.Builder
	// inBody is set once the head or anything that belongs in the body
	// was seen, after which a <head> tag is a stray and ignored (as
	// browsers ignore it) rather than hiding the rest of the page.
	inBody bool

	headings []HeadingInfo
	images   []Image
	links    []Link
}

// Element classes. Tag names are lower case, as the tokenizer gives them.
var (
	// htmlBlocks start and end a span. label, option and button are inline
	// in CSS, but each is a separate piece of text on screen (a form
	// field's name, one choice of a list, a button) and never one phrase
	// with the words around it.
	htmlBlocks = setOf("address", "article", "aside", "blockquote", "body", "button", "caption", "center",
		"dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
		"form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "label", "legend",
		"li", "listing", "main", "menu", "nav", "ol", "optgroup", "option", "p", "plaintext", "pre",
		"search", "section", "select", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
		"ul", "xmp", "head", "colgroup", "frameset")
	// htmlInvisible elements are never shown. The head holds metadata, and
	// title is the window's, not the page's. noscript shows only when
	// scripting is off, which is not how the page is normally read (the
	// tokenizer also reads its content as raw text, as a browser with
	// scripting does). A datalist's options are suggestions that appear
	// only while typing.
	htmlInvisible = setOf("head", "title", "script", "style", "template", "noscript", "noembed",
		"noframes", "datalist")
	// htmlWalls show something that is not prose. code, kbd, samp and var
	// are computer text, and pre, listing, xmp and plaintext nearly always
	// hold code on a job or policy page; their words must not be linted
	// or joined to the prose around them. A textarea's content is the
	// initial value of a field for the reader to fill in.
	htmlWalls = setOf("code", "kbd", "samp", "var", "pre", "listing", "xmp", "plaintext",
		"svg", "math", "textarea", "iframe", "object", "video", "audio", "canvas", "meter", "progress",
		"applet", "marquee")
	// htmlOpaque walls hold fallback content or markup that a reader never
	// gets as text; the text of code, by contrast, is read out.
	htmlOpaque = setOf("svg", "math", "textarea", "iframe", "object", "video", "audio", "canvas",
		"meter", "progress", "applet")
	// htmlVoid elements have no content and no end tag.
	htmlVoid = setOf("area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img",
		"image", "input", "keygen", "link", "meta", "param", "source", "track", "wbr")
	// htmlHeadContent may appear in the head without ending it.
	htmlHeadContent = setOf("base", "basefont", "bgsound", "link", "meta", "title", "noscript",
		"noframes", "style", "script", "template", "html")
	// htmlClosesP are the start tags that end an open <p>.
	htmlClosesP = setOf("address", "article", "aside", "blockquote", "center", "details", "dialog",
		"dir", "div", "dl", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
		"h5", "h6", "header", "hgroup", "hr", "li", "dd", "dt", "listing", "main", "menu", "nav", "ol",
		"p", "plaintext", "pre", "search", "section", "summary", "table", "ul", "xmp")
	// htmlScope elements stop the search for an element to close: a <p>
	// inside a table cell does not end the paragraph around the table.
	htmlScope = setOf("applet", "caption", "html", "table", "td", "th", "marquee", "object", "template",
		"button", "foreignobject", "desc", "mi", "mo", "mn", "ms", "mtext", "annotation-xml")
	// htmlTableScope stops the search for a table part to close.
	htmlTableScope = setOf("html", "table", "template")
	// htmlFormatting end tags close only their own element; the blocks
	// inside stay open, as HTML's adoption agency algorithm leaves them.
	htmlFormatting = setOf("a", "b", "big", "em", "font", "i", "nobr", "s", "small", "strike", "strong",
		"tt", "u")
	// htmlBreakout start tags end SVG or MathML content: a browser puts
	// them back into HTML.
	htmlBreakout = setOf("b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl",
		"dt", "em", "embed", "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li",
		"listing", "menu", "meta", "nobr", "ol", "p", "pre", "ruby", "s", "small", "span", "strong",
		"strike", "sub", "sup", "table", "tt", "u", "ul", "var")
	// htmlIntegration elements hold HTML inside SVG or MathML.
	htmlIntegration = setOf("foreignobject", "desc", "title", "mi", "mo", "mn", "ms", "mtext", "annotation-xml")
)

func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

func headingLevel(tag string) int {
	if len(tag) == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6' {
		return int(tag[1] - '0')
	}
	return 0
}

func (w *htmlWalker) top() *htmlElem {
	if len(w.stack) == 0 {
		return nil
	}
	return &w.stack[len(w.stack)-1]
}

// visible reports whether what comes now is shown and part of the HTML
// document (not drawn inside SVG or MathML): headings, links and images
// are recorded only then.
func (w *htmlWalker) visible() bool { return w.invisible == 0 && w.foreign == 0 }

// prose reports whether text that comes now belongs in a span.
func (w *htmlWalker) prose() bool { return w.invisible == 0 && w.walls == 0 }

// text handles a text token, src[start:end].
func (w *htmlWalker) text(start, end int) {
	raw := w.src[start:end]
	blank := isHTMLBlank(raw)
	if t := w.top(); t != nil && t.tag == "head" && !blank {
		// Text cannot be in the head; it ends it and starts the body.
		w.popTo(len(w.stack)-1, start, start)
	}
	if w.invisible > 0 {
		return
	}
	if !blank {
		w.inBody = true
	}
	prose, read := w.prose(), w.opaque == 0 && len(w.reading) > 0
	if !prose && !read {
		return
	}
	decodeHTML(w.src, start, end, false, func(text string, s, e int, decoded bool) {
		if prose {
			w.startSpan()
			if decoded {
				w.b.decoded(text, s, e)
			} else {
				collapseSpace(w.b, s, e)
			}
		}
		if read {
			w.readText(text)
		}
	})
}

// decodeHTML splits src[start:end] into runs of plain bytes and character
// references, and calls emit for each in order with its text, its source
// and whether it was decoded. References are found the way x/net/html's
// tokenizer finds them, in text or in an attribute value (where a name
// without ';' must be complete and not followed by '=').
func decodeHTML(src []byte, start, end int, attribute bool, emit func(text string, s, e int, decoded bool)) {
	run := start
	for i := start; i < end; i++ {
		if src[i] != '&' {
			continue
		}
		n, dec := htmlEntity(src[i:end], attribute)
		if n == 0 {
			continue
		}
		if run < i {
			emit(string(src[run:i]), run, i, false)
		}
		emit(dec, i, i+n, true)
		i += n - 1
		run = i + 1
	}
	if run < end {
		emit(string(src[run:end]), run, end, false)
	}
}

// htmlEntity returns how many bytes of the character reference at the
// start of s (s[0] == '&') x/net/html decodes, and what it decodes to; n
// is 0 when the '&' is a plain character. The package does not export its
// entity table, so the reference's extent is found by scanning it the way
// the tokenizer does, and html.UnescapeString decodes it: for a legacy name
// read without its ';' ("&ampx" is "&" then "x"), the shortest prefix whose
// decoding accounts for the whole is the one the tokenizer took.
func htmlEntity(s []byte, attribute bool) (n int, text string) {
	if len(s) < 2 {
		return 0, ""
	}
	if s[1] == '#' {
		i := 2
		hex := i < len(s) && (s[i] == 'x' || s[i] == 'X')
		if hex {
			i++
		}
		digits := i
		for i < len(s) && isRefDigit(s[i], hex) {
			i++
		}
		if i == digits {
			return 0, ""
		}
		if i < len(s) && s[i] == ';' {
			i++
		}
		return i, html.UnescapeString(string(s[:i]))
	}
	i := 1
	for i < len(s) && isASCIIAlnum(s[i]) {
		i++
	}
	semi := i < len(s) && s[i] == ';'
	if semi {
		i++
	}
	if i == 1 || (attribute && !semi && i < len(s) && s[i] == '=') {
		return 0, ""
	}
	cand := string(s[:i])
	full := html.UnescapeString(cand)
	if full == cand {
		return 0, ""
	}
	for n := 2; n <= len(cand); n++ {
		if dec := html.UnescapeString(cand[:n]); dec != cand[:n] && dec+cand[n:] == full {
			// In an attribute only the whole name counts.
			if attribute && n != len(cand) {
				return 0, ""
			}
			return n, dec
		}
	}
	return 0, ""
}

func isRefDigit(c byte, hex bool) bool {
	return '0' <= c && c <= '9' || hex && ('a' <= c && c <= 'f' || 'A' <= c && c <= 'F')
}

func isASCIIAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// collapseSpace adds src[start:end], plain text, to b. A run of white
// space other than one plain space reads as one space, as a browser
// renders it: a phrase wrapped onto the next line of the source, with
// its indentation, is still one phrase, and a finding quotes it on one
// line. The run is a decoded segment, as a soft line break in Markdown is.
func collapseSpace(b *spanBuilder, start, end int) {
	run := start
	for i := start; i < end; {
		if !isHTMLSpace(b.src[i]) {
			i++
			continue
		}
		j := i
		for j < end && isHTMLSpace(b.src[j]) {
			j++
		}
		if j-i > 1 || b.src[i] != ' ' {
			b.verbatim(run, i)
			b.decoded(" ", i, j)
			run = j
		}
		i = j
	}
	b.verbatim(run, end)
}

// isHTMLSpace reports whether c is white space as HTML defines it.
func isHTMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

func isHTMLBlank(b []byte) bool {
	for _, c := range b {
		if !isHTMLSpace(c) {
			return false
		}
	}
	return true
}

// startSpan notes the kind of the span about to get its first content.
func (w *htmlWalker) startSpan() {
	if len(w.b.segs) > 0 {
		return
	}
	w.kind, w.level = Paragraph, 0
	if t := w.top(); t != nil {
		w.kind, w.level = t.kind, t.level
	}
}

// flush ends the span being built, keeping it if it holds any prose.
func (w *htmlWalker) flush() {
	if len(w.b.segs) == 0 {
		return
	}
	sp := trimSpan(w.b.span(w.kind))
	if sp.Kind == Heading {
		sp.Level = w.level
	}
	w.keep(sp)
}

// keep appends sp unless it holds nothing but white space and boundaries.
func (w *htmlWalker) keep(sp Span) {
	for _, r := range sp.Text {
		if r != Boundary && !unicode.IsSpace(r) {
			w.spans = append(w.spans, sp)
			return
		}
	}
}

// trimSpan drops white space (a no-break space too) from both ends of a
// span's text: the line breaks and indentation around a block's content
// are layout, not part of its prose.
func trimSpan(sp Span) Span {
	lo, hi := 0, len(sp.Text)
	for lo < hi {
		r, n := utf8.DecodeRuneInString(sp.Text[lo:hi])
		if !unicode.IsSpace(r) {
			break
		}
		lo += n
	}
	for hi > lo {
		r, n := utf8.DecodeLastRuneInString(sp.Text[lo:hi])
		if !unicode.IsSpace(r) {
			break
		}
		hi -= n
	}
	if lo == 0 && hi == len(sp.Text) {
		return sp
	}
	var segs []Seg
	for _, s := range sp.Segs {
		a, b := max(s.Text, lo), min(s.Text+s.Len, hi)
		if a >= b {
			continue
		}
		if s.Verbatim() {
			segs = append(segs, Seg{Text: a - lo, Src: s.Src + a - s.Text, Len: b - a, SrcLen: b - a})
		} else {
			// A decoded run keeps all of its source: its inside does not map.
			segs = append(segs, Seg{Text: a - lo, Src: s.Src, Len: b - a, SrcLen: s.SrcLen, Decoded: true})
		}
	}
	return Span{Kind: sp.Kind, Text: sp.Text[lo:hi], Segs: segs, Level: sp.Level}
}

// readText adds text to the reader text of every open heading and link.
func (w *htmlWalker) readText(text string) {
	for _, r := range w.reading {
		r.WriteString(text)
	}
}

// blockEdge marks where a block starts or ends: the span ends, and the
// reader text of a heading or link around it gets a space.
func (w *htmlWalker) blockEdge() {
	w.flush()
	if w.invisible == 0 && w.opaque == 0 {
		w.readText(" ")
	}
}

// readerText collapses runs of HTML white space to one space and trims
// the ends, as the text is rendered and read.
func readerText(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r < 0x80 && isHTMLSpace(byte(r)) }), " ")
}

// startTag handles a start tag at src[start:end].
func (w *htmlWalker) startTag(name string, start, end int, selfClosing bool) {
	attrs := scanAttrs(w.src, start, end)
	if t := w.top(); t != nil && t.foreign && !htmlIntegration[t.tag] && (htmlBreakout[name] || name == "font" && fontBreaksOut(attrs)) {
		// An HTML element ends SVG or MathML content it appears in.
		i := len(w.stack) - 1
		for i > 0 && w.stack[i-1].foreign {
			i--
		}
		w.popTo(i, start, start)
	}
	if w.foreign > 0 {
		if !selfClosing {
			w.push(htmlElem{tag: name, start: start, foreign: true, heading: -1, link: -1})
		}
		return
	}
	if name == "head" {
		// Only the first head before any content is one; a later <head>
		// tag is ignored, as browsers ignore it.
		if !w.inBody && w.open["head"] == 0 {
			w.push(htmlElem{tag: name, start: start, invisible: true, block: true, heading: -1, link: -1})
		}
		w.inBody = true
		return
	}
	if !htmlHeadContent[name] {
		if w.open["head"] > 0 {
			w.closeTag("head", start, htmlScope)
		}
		w.inBody = true
	}
	w.impliedEnds(name, start)

	if htmlVoid[name] {
		w.void(name, attrs, start, end)
		return
	}
	e := htmlElem{
		tag:       name,
		start:     start,
		block:     htmlBlocks[name],
		invisible: htmlInvisible[name] || hides(attrs),
		wall:      htmlWalls[name],
		opaque:    htmlOpaque[name],
		foreign:   name == "svg" || name == "math",
		heading:   -1,
		link:      -1,
	}
	if e.foreign && selfClosing {
		// <svg/> is complete: a wall with nothing inside.
		if w.prose() {
			w.startSpan()
			w.b.boundary(start, end)
		}
		return
	}
	if e.block {
		w.blockEdge()
	}
	if w.visible() && !e.invisible {
		if lvl := headingLevel(name); lvl > 0 {
			e.heading = len(w.headings)
			e.read = &strings.Builder{}
			w.headings = append(w.headings, HeadingInfo{Level: lvl, Start: start, End: end})
		}
		if href, ok := attrs.get("href"); ok && name == "a" {
			e.link = len(w.links)
			e.read = &strings.Builder{}
			w.links = append(w.links, Link{Start: start, End: end, TextStart: end, TextEnd: end, Dest: strings.TrimSpace(href.val)})
		}
	}
	w.push(e)
}

// impliedEnds closes the elements that a start tag of name ends without an
// end tag of their own.
func (w *htmlWalker) impliedEnds(name string, at int) {
	if htmlClosesP[name] {
		w.closeTag("p", at, htmlScope)
	}
	switch {
	case headingLevel(name) > 0:
		// A heading cannot hold another one directly.
		if t := w.top(); t != nil && headingLevel(t.tag) > 0 {
			w.popTo(len(w.stack)-1, at, at)
		}
	case name == "li":
		w.closeItem(at, "li")
	case name == "dd" || name == "dt":
		w.closeItem(at, "dd", "dt")
	case name == "td" || name == "th":
		w.closeTag("td", at, htmlTableScope)
		w.closeTag("th", at, htmlTableScope)
	case name == "tr":
		w.closeTag("tr", at, htmlTableScope)
	case name == "tbody" || name == "thead" || name == "tfoot":
		for _, t := range []string{"tbody", "thead", "tfoot"} {
			w.closeTag(t, at, htmlTableScope)
		}
	case name == "option" || name == "optgroup":
		if t := w.top(); t != nil && t.tag == "option" {
			w.popTo(len(w.stack)-1, at, at)
		}
		if t := w.top(); t != nil && name == "optgroup" && t.tag == "optgroup" {
			w.popTo(len(w.stack)-1, at, at)
		}
	case name == "a":
		// A link cannot hold another link.
		if w.open["a"] > 0 {
			w.endTag("a", at, at)
		}
	case name == "button":
		w.closeTag("button", at, htmlScope)
	}
}

// closeItem closes an open list item (or dd/dt) that a new one follows,
// unless a list or other block that is not a div, p or address is nearer.
func (w *htmlWalker) closeItem(at int, tags ...string) {
	n := 0
	for _, t := range tags {
		n += w.open[t]
	}
	if n == 0 {
		return
	}
	for i := len(w.stack) - 1; i >= max(0, len(w.stack)-htmlMaxSearch); i-- {
		e := &w.stack[i]
		if slices.Contains(tags, e.tag) {
			w.popTo(i, at, at)
			return
		}
		if (e.block || htmlScope[e.tag]) && e.tag != "div" && e.tag != "p" && e.tag != "address" {
			return
		}
	}
}

// closeTag closes the nearest open element named tag, and everything
// inside it, unless an element of scope comes first.
func (w *htmlWalker) closeTag(tag string, at int, scope map[string]bool) {
	if i := w.find(tag, scope); i >= 0 {
		w.popTo(i, at, at)
	}
}

// htmlMaxSearch bounds how far down the stack of open elements a search
// for an element to close goes, so that a page of thousands of unclosed
// elements takes linear time rather than quadratic. An end tag that must
// reach further is ignored; browsers cap nesting too (Chromium at 512
// levels).
const htmlMaxSearch = 512

// find returns the index of the nearest open element named tag, or -1 if
// there is none or an element of scope is nearer.
func (w *htmlWalker) find(tag string, scope map[string]bool) int {
	if w.open[tag] == 0 {
		return -1
	}
	for i := len(w.stack) - 1; i >= max(0, len(w.stack)-htmlMaxSearch); i-- {
		switch {
		case w.stack[i].tag == tag:
			return i
		case scope[w.stack[i].tag]:
			return -1
		}
	}
	return -1
}

// void handles an element without content.
func (w *htmlWalker) void(name string, attrs htmlAttrs, start, end int) {
	switch name {
	case "br":
		// A line break inside a paragraph separates words like a space,
		// and a phrase broken over two lines is still one phrase.
		if w.prose() {
			w.startSpan()
			w.b.decoded(" ", start, end)
		}
		if w.invisible == 0 && w.opaque == 0 {
			w.readText(" ")
		}
	case "hr":
		w.blockEdge()
	case "img", "image":
		w.image(attrs, start, end)
	case "input":
		w.input(attrs, start, end)
	case "embed":
		if w.prose() && !hides(attrs) {
			w.startSpan()
			w.b.boundary(start, end)
		}
	}
}

// image records an <img> and its alt text.
func (w *htmlWalker) image(attrs htmlAttrs, start, end int) {
	if !w.visible() {
		return
	}
	alt, hasAlt := attrs.get("alt")
	src, _ := attrs.get("src")
	ariaHidden := isTrue(attrs, "aria-hidden")
	hidden := hides(attrs)
	role, _ := attrs.get("role")
	roleName := strings.ToLower(firstField(role.val))
	w.images = append(w.images, Image{
		Start: start,
		End:   end,
		Alt:   convertNewlines(alt.val),
		Src:   strings.TrimSpace(src.val),
		// An image not shown at all (hidden, display:none) needs no text
		// alternative either; a missing alt attribute is not a choice.
		Decorative: hasAlt && isHTMLBlank([]byte(alt.val)) || roleName == "presentation" || roleName == "none" || hidden,
	})
	if hidden && !ariaHidden {
		// Not drawn: transparent, like any hidden element.
		return
	}
	if w.prose() {
		w.startSpan()
		w.b.boundary(start, end)
	}
	if ariaHidden {
		return
	}
	if hasAlt {
		w.attrSpan(alt, AltText)
		if w.opaque == 0 {
			w.readText(alt.val)
		}
	}
}

// input handles a form field: a wall in the text around it, and the label
// of a submit, reset or button input as a span of its own.
func (w *htmlWalker) input(attrs htmlAttrs, start, end int) {
	typ, _ := attrs.get("type")
	if strings.EqualFold(strings.TrimSpace(typ.val), "hidden") || hides(attrs) || !w.visible() {
		return
	}
	if w.prose() {
		w.startSpan()
		w.b.boundary(start, end)
	}
	switch strings.ToLower(strings.TrimSpace(typ.val)) {
	case "submit", "reset", "button":
		if v, ok := attrs.get("value"); ok {
			w.attrSpan(v, Paragraph)
		}
	}
}

// attrSpan emits the decoded value of an attribute as a span of kind.
func (w *htmlWalker) attrSpan(a htmlAttr, kind Kind) {
	b := newSpanBuilder(w.src)
	decodeHTML(w.src, a.valStart, a.valEnd, true, func(text string, s, e int, decoded bool) {
		if decoded {
			b.decoded(text, s, e)
		} else {
			collapseSpace(b, s, e)
		}
	})
	if len(b.segs) > 0 {
		w.keep(trimSpan(b.span(kind)))
	}
}

// endTag handles an end tag at src[start:end].
func (w *htmlWalker) endTag(name string, start, end int) {
	switch name {
	case "br":
		// </br> is read as <br>.
		w.void("br", nil, start, end)
		return
	case "body", "html":
		// Browsers keep the body open: text after </body> is shown.
		return
	}
	if w.foreign > 0 {
		// In SVG or MathML an end tag closes the nearest element of its
		// name, whatever lies between; past the foreign content, HTML's
		// rules apply again.
		for i := len(w.stack) - 1; i >= 0 && w.stack[i].foreign; i-- {
			if w.stack[i].tag == name {
				w.popTo(i, start, end)
				return
			}
		}
	}
	scope := htmlScope
	switch name {
	case "td", "th", "tr", "tbody", "thead", "tfoot", "table", "caption":
		scope = htmlTableScope
	case "template":
		scope = nil
	}
	i := w.find(name, scope)
	if i < 0 {
		return
	}
	e := &w.stack[i]
	if htmlFormatting[name] && !e.wall && !e.invisible && !e.foreign {
		// </b> ends the b, not the paragraph that opened inside it.
		w.removeAt(i, start, end)
		return
	}
	w.popTo(i, start, end)
}

// push opens an element.
func (w *htmlWalker) push(e htmlElem) {
	// Kept per element, so a new span needs no walk up the stack.
	switch {
	case headingLevel(e.tag) > 0:
		e.kind, e.level = Heading, headingLevel(e.tag)
	case e.tag == "li":
		e.kind = ListItem
	case e.tag == "td" || e.tag == "th":
		e.kind = TableCell
	case e.tag == "blockquote":
		e.kind = BlockQuote
	default:
		if t := w.top(); t != nil {
			e.kind, e.level = t.kind, t.level
		}
	}
	w.stack = append(w.stack, e)
	w.open[e.tag]++
	w.count(&e, 1)
	if e.read != nil {
		w.reading = append(w.reading, e.read)
	}
}

func (w *htmlWalker) count(e *htmlElem, d int) {
	if e.invisible {
		w.invisible += d
	}
	if e.wall {
		w.walls += d
	}
	if e.opaque {
		w.opaque += d
	}
	if e.foreign {
		w.foreign += d
	}
}

// popTo closes stack[i] and everything above it. Elements above end where
// the closing tag starts (closeStart); stack[i] itself ends at closeEnd,
// after its end tag when it has one.
func (w *htmlWalker) popTo(i, closeStart, closeEnd int) {
	for len(w.stack) > i {
		n := len(w.stack) - 1
		end := closeStart
		if n == i {
			end = closeEnd
		}
		w.removeAt(n, closeStart, end)
	}
}

// removeAt closes stack[i], whose content ends at textEnd and whose markup
// ends at end.
func (w *htmlWalker) removeAt(i, textEnd, end int) {
	e := w.stack[i]
	w.stack = slices.Delete(w.stack, i, i+1)
	w.open[e.tag]--
	w.count(&e, -1)
	if e.read != nil {
		if k := slices.Index(w.reading, e.read); k >= 0 {
			w.reading = slices.Delete(w.reading, k, k+1)
		}
	}
	if e.wall && w.prose() {
		// The outermost wall is one Boundary over all of it.
		w.startSpan()
		w.b.boundary(e.start, end)
	}
	if e.block {
		w.blockEdge()
	}
	if e.heading >= 0 {
		h := &w.headings[e.heading]
		h.End = end
		h.Text = readerText(e.read.String())
	}
	if e.link >= 0 {
		l := &w.links[e.link]
		l.TextEnd, l.End = textEnd, end
		l.Text = readerText(e.read.String())
	}
}

// finish closes every open element at the end of the file.
func (w *htmlWalker) finish(at int) {
	w.popTo(0, at, at)
	w.flush()
}

// htmlAttr is an attribute of a start tag: its lower-case name, its
// decoded value, and where its raw value is in the source.
type htmlAttr struct {
	key, val         string
	valStart, valEnd int
}

type htmlAttrs []htmlAttr

// get returns the attribute named key; as in browsers, the first of
// duplicates wins.
func (as htmlAttrs) get(key string) (htmlAttr, bool) {
	for _, a := range as {
		if a.key == key {
			return a, true
		}
	}
	return htmlAttr{}, false
}

// hides reports whether an element's own attributes hide it: hidden,
// aria-hidden="true", or an inline style of display:none or
// visibility:hidden. (A descendant can set visibility:visible again; that
// is rare enough to ignore.)
func hides(attrs htmlAttrs) bool {
	if _, ok := attrs.get("hidden"); ok || isTrue(attrs, "aria-hidden") {
		return true
	}
	style, ok := attrs.get("style")
	return ok && styleHides(style.val)
}

func isTrue(attrs htmlAttrs, key string) bool {
	a, ok := attrs.get(key)
	return ok && strings.EqualFold(strings.TrimSpace(a.val), "true")
}

// styleHides reports whether an inline style declares display:none or
// visibility:hidden (or collapse), white space and !important allowed.
func styleHides(style string) bool {
	for decl := range strings.SplitSeq(style, ";") {
		prop, val, ok := strings.Cut(decl, ":")
		if !ok {
			continue
		}
		prop = strings.ToLower(strings.TrimSpace(prop))
		val = strings.ToLower(strings.Join(strings.Fields(val), ""))
		val = strings.TrimSuffix(val, "!important")
		if prop == "display" && val == "none" || prop == "visibility" && (val == "hidden" || val == "collapse") {
			return true
		}
	}
	return false
}

// fontBreaksOut reports whether a <font> tag ends SVG or MathML content,
// which it does only with a color, face or size.
func fontBreaksOut(attrs htmlAttrs) bool {
	for _, k := range []string{"color", "face", "size"} {
		if _, ok := attrs.get(k); ok {
			return true
		}
	}
	return false
}

// asciiLower lowers ASCII letters only, as the tokenizer does to names.
func asciiLower(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return out
}

func firstField(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return ""
}

// convertNewlines turns "\r\n" and a lone "\r" into "\n", as the
// tokenizer does in attribute values.
func convertNewlines(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// scanAttrs reads the attributes of the start tag at src[start:end] the
// way x/net/html's tokenizer does (readTag, readTagAttrKey and
// readTagAttrVal), which keeps where each value is; the tokenizer only
// gives the values. Names without a value have an empty one.
func scanAttrs(src []byte, start, end int) htmlAttrs {
	raw := src[start:end]
	i := 2 // past '<' and the first letter of the name
	// The name runs to white space (consumed), '/' or '>'.
	for i < len(raw) {
		c := raw[i]
		if isHTMLSpace(c) {
			i++
			break
		}
		if c == '/' || c == '>' {
			break
		}
		i++
	}
	skip := func() {
		for i < len(raw) && isHTMLSpace(raw[i]) {
			i++
		}
	}
	var attrs htmlAttrs
	skip()
	for i < len(raw) && raw[i] != '>' {
		// The name runs to white space, '/', '>' or an '=' that is not
		// its first byte.
		keyStart := i
		for i < len(raw) {
			c := raw[i]
			if c == '=' && i == keyStart {
				i++
				continue
			}
			if c == '=' || c == '/' || c == '>' || isHTMLSpace(c) {
				break
			}
			i++
		}
		keyEnd := i
		valStart, valEnd := i, i
		skip()
		switch {
		case i >= len(raw):
		case raw[i] == '/':
			i++
		case raw[i] != '=':
		default:
			i++
			skip()
			if i >= len(raw) || raw[i] == '>' {
				break
			}
			if q := raw[i]; q == '"' || q == '\'' {
				i++
				valStart = i
				for i < len(raw) && raw[i] != q {
					i++
				}
				valEnd = i
				if i < len(raw) {
					i++
				}
				break
			}
			valStart = i
			for i < len(raw) && raw[i] != '>' && !isHTMLSpace(raw[i]) {
				i++
			}
			valEnd = i
			if i < len(raw) && isHTMLSpace(raw[i]) {
				i++
			}
		}
		if keyEnd > keyStart {
			key := string(asciiLower(raw[keyStart:keyEnd]))
			if _, dup := attrs.get(key); !dup {
				var val strings.Builder
				decodeHTML(src, start+valStart, start+valEnd, true, func(text string, _, _ int, _ bool) {
					val.WriteString(text)
				})
				attrs = append(attrs, htmlAttr{key: key, val: val.String(), valStart: start + valStart, valEnd: start + valEnd})
			}
		}
		skip()
	}
	return attrs
}
