package parsers

import (
	"archive/zip"
	"bytes"
	"fmt"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"
)

// docxNS declares the prefixes the test documents use, as Word does.
const docxNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
	`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ` +
	`xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" ` +
	`xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ` +
	`xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" ` +
	`xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" ` +
	`xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ` +
	`xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"`

// docxFixture describes a small .docx to build in memory: the inside of
// w:body, of w:styles, w:footnotes and w:endnotes (each part written only
// when set), and relationships of the main document and of the footnotes.
type docxFixture struct {
	body, styles, footnotes, endnotes string
	rels, footnoteRels                string
}

// zipFiles writes files into a zip archive, stored uncompressed (fast for
// the fuzzer) unless deflate is set, in name order.
func zipFiles(t testing.TB, files map[string]string, deflate bool) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		method := zip.Store
		if deflate {
			method = zip.Deflate
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(files[name])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const docxXMLDecl = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

func (d docxFixture) files() map[string]string {
	rel := func(id, typ, target string) string {
		return fmt.Sprintf(`<Relationship Id="%s" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/%s" Target="%s"/>`, id, typ, target)
	}
	files := map[string]string{
		"[Content_Types].xml": docxXMLDecl + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="xml" ContentType="application/xml"/></Types>`,
		"_rels/.rels": docxXMLDecl + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			rel("rId1", "officeDocument", "word/document.xml") + `</Relationships>`,
		"word/document.xml": docxXMLDecl + `<w:document ` + docxNS + `><w:body>` + d.body + `</w:body></w:document>`,
	}
	rels := d.rels
	for _, part := range []struct{ name, root, inner string }{
		{"styles", "w:styles", d.styles},
		{"footnotes", "w:footnotes", d.footnotes},
		{"endnotes", "w:endnotes", d.endnotes},
	} {
		if part.inner == "" {
			continue
		}
		files["word/"+part.name+".xml"] = docxXMLDecl + "<" + part.root + " " + docxNS + ">" + part.inner + "</" + part.root + ">"
		rels += rel("rIdPart"+part.name, part.name, part.name+".xml")
	}
	if d.footnoteRels != "" {
		files["word/_rels/footnotes.xml.rels"] = docxXMLDecl +
			`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + d.footnoteRels + `</Relationships>`
	}
	files["word/_rels/document.xml.rels"] = docxXMLDecl +
		`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + rels + `</Relationships>`
	return files
}

func (d docxFixture) bytes(t testing.TB) []byte { return zipFiles(t, d.files(), true) }

// para writes a paragraph of plain runs, one per string.
func para(runs ...string) string {
	var b strings.Builder
	b.WriteString("<w:p>")
	for _, r := range runs {
		b.WriteString(`<w:r><w:t xml:space="preserve">` + r + `</w:t></w:r>`)
	}
	b.WriteString("</w:p>")
	return b.String()
}

// styledPara writes a paragraph in style id.
func styledPara(id, text string) string {
	return `<w:p><w:pPr><w:pStyle w:val="` + id + `"/></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
}

func parseDOCX(t *testing.T, src []byte) *Document {
	t.Helper()
	doc, err := DOCX{}.Parse(NewFile("test.docx", src))
	if err != nil {
		t.Fatal(err)
	}
	checkDOCX(t, doc)
	return doc
}

// checkDOCX asserts what the DOCX parser promises about its extracted
// text: the span invariant and the checks every parser passes; paragraphs
// that start in order, each after a blank line, and spans that stay
// inside one; headings over a heading span's text; images on their
// U+FFFC; links whose text is the text they cover; all in order.
func checkDOCX(t testing.TB, doc *Document) {
	t.Helper()
	text := doc.File.Src
	if err := CheckSpans(text, doc.Spans); err != nil {
		t.Fatalf("CheckSpans: %v", err)
	}
	if tt, ok := t.(*testing.T); ok {
		checkDocument(tt, text, doc)
	}
	if !doc.File.Extracted || doc.Format != "docx" {
		t.Fatalf("file not marked extracted or format %q", doc.Format)
	}
	paras := doc.File.paras
	for i, s := range paras {
		switch {
		case s < 0 || s >= len(text):
			t.Fatalf("paragraph %d starts at %d, outside %d bytes", i+1, s, len(text))
		case i == 0 && s != 0:
			t.Fatalf("first paragraph starts at %d", s)
		case i > 0 && (s <= paras[i-1] || !bytes.HasSuffix(text[:s], []byte("\n\n"))):
			t.Fatalf("paragraph %d at %d does not follow a blank line: %q", i+1, s, text[max(0, s-10):s])
		case isSpaceByte(text[s]):
			t.Fatalf("paragraph %d starts with white space", i+1)
		}
	}
	if len(text) > 0 && (len(paras) == 0 || text[len(text)-1] != '\n') {
		t.Fatalf("text of %d bytes with %d paragraphs, ending %q", len(text), len(paras), text[max(0, len(text)-5):])
	}
	for n, sp := range doc.Spans {
		first, last := sp.Segs[0], sp.Segs[len(sp.Segs)-1]
		if a, b := doc.File.Position(first.Src).Paragraph, doc.File.Position(last.Src+last.SrcLen-1).Paragraph; a != b || a == 0 {
			t.Fatalf("span %d %q runs from paragraph %d to %d", n, sp.Text, a, b)
		}
	}
	prev := 0
	for _, h := range doc.Headings {
		if h.Start < prev || h.End <= h.Start || h.End > len(text) || h.Level < 1 || h.Level > 6 || string(text[h.Start:h.End]) != h.Text {
			t.Fatalf("heading %+v out of order or not its text", h)
		}
		if !hasSpanAt(doc, Heading, h.Start, h.End) && strings.TrimFunc(h.Text, func(r rune) bool { return r == Boundary || (r < utf8.RuneSelf && isSpaceByte(byte(r))) }) != "" {
			t.Fatalf("heading %+v has no heading span", h)
		}
		prev = h.End
	}
	prev = 0
	for _, im := range doc.Images {
		if im.Start < prev || im.End > len(text) || string(text[im.Start:im.End]) != string(Boundary) {
			t.Fatalf("image %+v out of order or not on a U+FFFC", im)
		}
		prev = im.End
	}
	prev = 0
	for _, l := range doc.Links {
		if l.Start < prev || l.Start != l.TextStart || l.TextEnd != l.End || l.End < l.Start || l.End > len(text) || string(text[l.Start:l.End]) != l.Text {
			t.Fatalf("link %+v out of order or not its text", l)
		}
		prev = l.Start
	}
	if !utf8.Valid(text) {
		t.Fatalf("extracted text is not UTF-8")
	}
}

// hasSpanAt reports whether a span of kind covers exactly text[start:end].
func hasSpanAt(doc *Document, kind Kind, start, end int) bool {
	for _, sp := range doc.Spans {
		last := sp.Segs[len(sp.Segs)-1]
		if sp.Kind == kind && sp.Segs[0].Src == start && last.Src+last.SrcLen == end {
			return true
		}
	}
	return false
}

type spanSummary struct {
	kind  Kind
	level int
	text  string
}

func summarize(doc *Document) []spanSummary {
	var out []spanSummary
	for _, sp := range doc.Spans {
		out = append(out, spanSummary{sp.Kind, sp.Level, sp.Text})
	}
	return out
}

func wantSpans(t *testing.T, doc *Document, want ...spanSummary) {
	t.Helper()
	got := summarize(doc)
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("spans:\n%v\nwant\n%v\nextracted text:\n%s", got, want, doc.File.Src)
	}
}

func TestDOCXRuns(t *testing.T) {
	doc := parseDOCX(t, docxFixture{body: "" +
		// A word split by formatting.
		`<w:p><w:r><w:t xml:space="preserve">The </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>chair</w:t></w:r><w:r><w:t>man spoke.</w:t></w:r></w:p>` +
		// Tracked changes: insertions read, deletions and moves away not.
		`<w:p><w:r><w:t xml:space="preserve">Ask the </w:t></w:r><w:del w:id="1" w:author="A"><w:r><w:delText>chairman</w:delText></w:r></w:del>` +
		`<w:ins w:id="2" w:author="A"><w:r><w:t>chair</w:t></w:r></w:ins><w:moveFrom w:id="3"><w:r><w:t>moved away</w:t></w:r></w:moveFrom>` +
		`<w:moveTo w:id="4"><w:r><w:t xml:space="preserve"> today</w:t></w:r></w:moveTo></w:p>` +
		// A complex field: code dropped, result kept; a nested field in
		// the code of another; a simple field's result kept.
		`<w:p><w:r><w:t xml:space="preserve">Page </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>` +
		`<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>` +
		`<w:r><w:t xml:space="preserve"> of </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>IF </w:instrText></w:r>` +
		`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>NUMPAGES</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>hidden</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>` +
		`<w:r><w:instrText> > 1 "x"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>9</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>` +
		`<w:fldSimple w:instr=" DATE "><w:r><w:t xml:space="preserve"> today</w:t></w:r></w:fldSimple></w:p>` +
		// Tabs, breaks, a non-breaking hyphen, a soft hyphen; a tab stop
		// in the paragraph properties is not a tab.
		`<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>Name:</w:t><w:tab/><w:t>self</w:t><w:noBreakHyphen/><w:t>starter</w:t>` +
		`<w:br/><w:t>second</w:t><w:softHyphen/><w:t>line</w:t><w:cr/><w:t>third</w:t></w:r></w:p>` +
		// Content controls and smart tags are transparent; their
		// properties are not text.
		`<w:sdt><w:sdtPr><w:alias w:val="x"/><w:text/></w:sdtPr><w:sdtContent><w:p><w:smartTag w:element="place"><w:r><w:t>Inside a control</w:t></w:r></w:smartTag></w:p></w:sdtContent></w:sdt>` +
		// Of alternate content only the first branch is read.
		`<w:p><w:r><w:t xml:space="preserve">Alt: </w:t></w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:r><w:t>choice</w:t></w:r></mc:Choice>` +
		`<mc:Fallback><w:r><w:t>fallback</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>` +
		`<w:p><mc:AlternateContent><mc:Fallback><w:r><w:t>only fallback</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>` +
		// Empty paragraphs leave nothing.
		`<w:p/><w:p><w:r><w:t xml:space="preserve">   </w:t></w:r></w:p>` +
		para("last"),
	}.bytes(t))
	wantSpans(t, doc,
		spanSummary{Paragraph, 0, "The chairman spoke."},
		spanSummary{Paragraph, 0, "Ask the chair today"},
		spanSummary{Paragraph, 0, "Page 3 of 9 today"},
		spanSummary{Paragraph, 0, "Name:\tself-starter\nsecondline\nthird"},
		spanSummary{Paragraph, 0, "Inside a control"},
		spanSummary{Paragraph, 0, "Alt: choice"},
		spanSummary{Paragraph, 0, "only fallback"},
		spanSummary{Paragraph, 0, "last"},
	)
	// The extracted text is the paragraphs with a blank line between.
	want := "The chairman spoke.\n\nAsk the chair today\n\nPage 3 of 9 today\n\nName:\tself-starter\nsecondline\nthird\n\n" +
		"Inside a control\n\nAlt: choice\n\nonly fallback\n\nlast\n"
	if got := string(doc.File.Src); got != want {
		t.Errorf("extracted text:\n%q\nwant\n%q", got, want)
	}
	// The span is verbatim over the extracted text, so "chairman" maps
	// exactly.
	sp := doc.Spans[0]
	i := strings.Index(sp.Text, "chairman")
	start, end, exact := sp.SourceRange(i, i+len("chairman"))
	if string(doc.File.Src[start:end]) != "chairman" || !exact {
		t.Errorf("chairman maps to %q (exact %v)", doc.File.Src[start:end], exact)
	}
}

func TestDOCXKinds(t *testing.T) {
	styles := `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Kop1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Kop2"><w:name w:val="Heading 2"/><w:basedOn w:val="Normal"/></w:style>` +
		// A custom style inherits its outline level from heading 1.
		`<w:style w:type="paragraph" w:styleId="Chapter"><w:name w:val="Chapter"/><w:basedOn w:val="Kop1"/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Deep"><w:name w:val="Deep"/><w:pPr><w:outlineLvl w:val="7"/></w:pPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr></w:style>` +
		// A cycle in basedOn must not hang.
		`<w:style w:type="paragraph" w:styleId="LoopA"><w:name w:val="A"/><w:basedOn w:val="LoopB"/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="LoopB"><w:name w:val="B"/><w:basedOn w:val="LoopA"/></w:style>` +
		`<w:style w:type="character" w:styleId="Heading1Char"><w:name w:val="heading 1 Char"/></w:style>`
	body := styledPara("Title", "Handbook") +
		styledPara("Kop1", "Welcome") +
		styledPara("Kop2", "Hours") +
		styledPara("Chapter", "Custom chapter") +
		styledPara("Deep", "Very deep") +
		// The paragraph's own outline level wins; 9 is body text.
		`<w:p><w:pPr><w:pStyle w:val="Kop1"/><w:outlineLvl w:val="9"/></w:pPr><w:r><w:t>Looks like a heading</w:t></w:r></w:p>` +
		`<w:p><w:pPr><w:outlineLvl w:val="2"/></w:pPr><w:r><w:t>Direct level 3</w:t></w:r></w:p>` +
		// An undefined style id is read as a name.
		styledPara("Heading4", "By id") +
		styledPara("LoopA", "In a loop") +
		styledPara("ListBullet", "Styled item") +
		`<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr></w:pPr><w:r><w:t>Direct item</w:t></w:r></w:p>` +
		`<w:p><w:pPr><w:pStyle w:val="ListBullet"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>Numbering off</w:t></w:r></w:p>` +
		`<w:tbl><w:tblPr><w:tblW w:w="0"/></w:tblPr><w:tr><w:trPr/><w:tc><w:tcPr/>` + para("Cell one") + `</w:tc><w:tc>` +
		styledPara("ListBullet", "Item in cell") + `</w:tc></w:tr></w:tbl>` +
		// A text box's paragraphs follow the paragraph that anchors it.
		`<w:p><w:r><w:t xml:space="preserve">Anchor </w:t></w:r><w:r><w:drawing><wp:anchor><wp:docPr id="3" name="Text Box"/><a:graphic><a:graphicData>` +
		`<wps:wsp><wps:txbx><w:txbxContent>` + styledPara("Kop2", "Boxed heading") + para("Boxed text") + `</w:txbxContent></wps:txbx></wps:wsp>` +
		`</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r><w:r><w:t>text</w:t></w:r></w:p>`
	doc := parseDOCX(t, docxFixture{body: body, styles: styles}.bytes(t))
	wantSpans(t, doc,
		spanSummary{Heading, 1, "Handbook"},
		spanSummary{Heading, 1, "Welcome"},
		spanSummary{Heading, 2, "Hours"},
		spanSummary{Heading, 1, "Custom chapter"},
		spanSummary{Heading, 6, "Very deep"},
		spanSummary{Paragraph, 0, "Looks like a heading"},
		spanSummary{Heading, 3, "Direct level 3"},
		spanSummary{Heading, 4, "By id"},
		spanSummary{Paragraph, 0, "In a loop"},
		spanSummary{ListItem, 0, "Styled item"},
		spanSummary{ListItem, 0, "Direct item"},
		spanSummary{Paragraph, 0, "Numbering off"},
		spanSummary{TableCell, 0, "Cell one"},
		spanSummary{TableCell, 0, "Item in cell"},
		spanSummary{Paragraph, 0, "Anchor text"},
		spanSummary{Heading, 2, "Boxed heading"},
		spanSummary{Paragraph, 0, "Boxed text"},
	)
	var hs []string
	for _, h := range doc.Headings {
		hs = append(hs, fmt.Sprintf("%d %s", h.Level, h.Text))
	}
	want := "1 Handbook|1 Welcome|2 Hours|1 Custom chapter|6 Very deep|3 Direct level 3|4 By id|2 Boxed heading"
	if got := strings.Join(hs, "|"); got != want {
		t.Errorf("headings %s\nwant %s", got, want)
	}
	if len(doc.Images) != 0 {
		t.Errorf("a text box became an image: %+v", doc.Images)
	}
}

func TestDOCXNotes(t *testing.T) {
	sep := `<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>` +
		`<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:t>not a note</w:t></w:r></w:p></w:footnote>`
	note := func(tag, id string, paras ...string) string {
		return `<w:` + tag + ` w:id="` + id + `">` + strings.Join(paras, "") + `</w:` + tag + `>`
	}
	ref := func(tag, id string) string { return `<w:r><w:` + tag + `Reference w:id="` + id + `"/></w:r>` }
	doc := parseDOCX(t, docxFixture{
		body: `<w:p><w:r><w:t>First claim.</w:t></w:r>` + ref("footnote", "2") + `</w:p>` +
			`<w:p><w:r><w:t>Second claim.</w:t></w:r>` + ref("footnote", "1") + ref("endnote", "1") + ref("footnote", "2") + `</w:p>`,
		footnotes: sep +
			note("footnote", "1", `<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Ask the chairman.</w:t></w:r></w:p>`) +
			note("footnote", "2", `<w:p/>`, para("Source: the manpower plan."), para("Second paragraph.")) +
			note("footnote", "7", para("Never referred to."), `<w:p><w:hyperlink r:id="rId1"><w:r><w:t>Source</w:t></w:r></w:hyperlink></w:p>`),
		endnotes: note("endnote", "1", para("An endnote.")),
		// The footnotes' relationships are their own: rId1 of the main
		// document is its styles or nothing.
		footnoteRels: `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.com/src" TargetMode="External"/>`,
	}.bytes(t))
	want := "First claim.\n\nSecond claim.\n\nFootnote 1: Source: the manpower plan.\n\nSecond paragraph.\n\n" +
		"Footnote 2: Ask the chairman.\n\nFootnote 3: Never referred to.\n\nSource\n\nEndnote 1: An endnote.\n"
	if got := string(doc.File.Src); got != want {
		t.Errorf("extracted text:\n%q\nwant\n%q", got, want)
	}
	// A note's paragraphs are paragraphs, whatever their style.
	wantSpans(t, doc,
		spanSummary{Paragraph, 0, "First claim."},
		spanSummary{Paragraph, 0, "Second claim."},
		spanSummary{Paragraph, 0, "Source: the manpower plan."},
		spanSummary{Paragraph, 0, "Second paragraph."},
		spanSummary{Paragraph, 0, "Ask the chairman."},
		spanSummary{Paragraph, 0, "Never referred to."},
		spanSummary{Paragraph, 0, "Source"},
		spanSummary{Paragraph, 0, "An endnote."},
	)
	if len(doc.Links) != 1 || doc.Links[0].Dest != "https://example.com/src" || doc.File.Position(doc.Links[0].Start).Paragraph != 7 {
		t.Errorf("footnote link %+v, want https://example.com/src in paragraph 7", doc.Links)
	}
	if len(doc.Headings) != 0 {
		t.Errorf("a footnote made a heading: %+v", doc.Headings)
	}
	if pos := doc.File.Position(strings.Index(string(doc.File.Src), "chairman")); pos.Paragraph != 5 || pos.String() != "para5:21" {
		t.Errorf("chairman in the footnote is at %v, want para5:21", pos)
	}
}

// drawing writes an inline picture with a wp:docPr made of docPr (its
// attributes and children).
func drawing(docPrAttrs, docPrInner, embed string) string {
	return `<w:r><w:drawing><wp:inline><wp:extent cx="1" cy="1"/><wp:docPr id="1" name="Picture 1"` + docPrAttrs + `>` + docPrInner + `</wp:docPr>` +
		`<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="1" name="x" descr="not this"/></pic:nvPicPr>` +
		`<pic:blipFill><a:blip r:embed="` + embed + `"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`
}

func TestDOCXImages(t *testing.T) {
	decorative := `<a:extLst><a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}"><adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/></a:ext></a:extLst>`
	doc := parseDOCX(t, docxFixture{
		body: `<w:p><w:r><w:t xml:space="preserve">Map: </w:t></w:r>` + drawing(` descr="A map of the depot"`, "", "rIdImg") + `<w:r><w:t xml:space="preserve"> and more.</w:t></w:r></w:p>` +
			// Alone in its paragraph, without a description.
			`<w:p>` + drawing("", "", "rIdImg") + `</w:p>` +
			`<w:p><w:r><w:t xml:space="preserve">Titled </w:t></w:r>` + drawing(` descr="" title="Company logo"`, "", "rIdNone") + `</w:p>` +
			`<w:p><w:r><w:t xml:space="preserve">Flourish </w:t></w:r>` + drawing("", decorative, "rIdImg") + `</w:p>` +
			// VML, as older Word and the fallback of alternate content
			// write it; a VML shape without a picture is not an image.
			`<w:p><w:r><w:t xml:space="preserve">Old </w:t></w:r><w:r><w:pict><v:shape id="s1" alt="An old chart"><v:imagedata r:id="rIdImg" o:title=""/></v:shape></w:pict></w:r>` +
			`<w:r><w:pict><v:rect id="r1"/></w:pict></w:r></w:p>` +
			// The DrawingML choice is read and the VML fallback is not,
			// so one picture is one image.
			`<w:p><w:r><w:t xml:space="preserve">Once </w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:inline><wp:docPr id="9" name="P" descr="choice"/></wp:inline></w:drawing></mc:Choice>` +
			`<mc:Fallback><w:pict><v:shape alt="fallback"><v:imagedata r:id="rIdImg"/></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>` +
			// A picture in a field code is not shown.
			`<w:p><w:r><w:t>Field</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>` + drawing(` descr="code"`, "", "rIdImg") + `<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`,
		rels: `<Relationship Id="rIdImg" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/>`,
	}.bytes(t))
	type img struct {
		para       int
		alt, src   string
		decorative bool
	}
	var got []img
	for _, im := range doc.Images {
		got = append(got, img{doc.File.Position(im.Start).Paragraph, im.Alt, im.Src, im.Decorative})
	}
	want := []img{
		{1, "A map of the depot", "word/media/image1.png", false},
		{2, "", "word/media/image1.png", false},
		{3, "Company logo", "", false},
		{4, "", "word/media/image1.png", true},
		{5, "An old chart", "word/media/image1.png", false},
		{6, "choice", "", false},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("images:\n%+v\nwant\n%+v", got, want)
	}
	// The paragraph that is only a picture is numbered but not linted;
	// a description is prose of its own.
	wantSpans(t, doc,
		spanSummary{Paragraph, 0, "Map: \uFFFC and more."},
		spanSummary{AltText, 0, "A map of the depot"},
		spanSummary{Paragraph, 0, "Titled \uFFFC"},
		spanSummary{AltText, 0, "Company logo"},
		spanSummary{Paragraph, 0, "Flourish \uFFFC"},
		spanSummary{Paragraph, 0, "Old \uFFFC"},
		spanSummary{AltText, 0, "An old chart"},
		spanSummary{Paragraph, 0, "Once \uFFFC"},
		spanSummary{AltText, 0, "choice"},
		spanSummary{Paragraph, 0, "Field"},
	)
	if pos := doc.File.Position(doc.Images[0].Start); pos.String() != "para1:6" {
		t.Errorf("first image at %v, want para1:6", pos)
	}
	alt := doc.Spans[1]
	if s, e, _ := alt.SourceRange(0, len(alt.Text)); s != doc.Images[0].Start || e != doc.Images[0].End {
		t.Errorf("alt text maps to [%d, %d), the image is at [%d, %d)", s, e, doc.Images[0].Start, doc.Images[0].End)
	}
}

func TestDOCXLinks(t *testing.T) {
	doc := parseDOCX(t, docxFixture{
		body: `<w:p><w:r><w:t xml:space="preserve">Read the policy, </w:t></w:r><w:hyperlink r:id="rIdLink"><w:r><w:t xml:space="preserve">click </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>here</w:t></w:r></w:hyperlink><w:r><w:t>.</w:t></w:r></w:p>` +
			`<w:p><w:hyperlink w:anchor="_Toc1" w:history="1"><w:r><w:t>See section 2</w:t></w:r></w:hyperlink></w:p>` +
			`<w:p><w:r><w:t xml:space="preserve">Or </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "https://example.com/a" \o "tip" </w:instrText></w:r>` +
			`<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>this page</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>` +
			`<w:p><w:fldSimple w:instr="HYPERLINK \l &quot;bm&quot;"><w:r><w:t>a bookmark</w:t></w:r></w:fldSimple></w:p>` +
			`<w:p><w:hyperlink r:id="rIdMissing"><w:r><w:t>nowhere</w:t></w:r></w:hyperlink></w:p>` +
			// A link inside another closes first but is listed second.
			`<w:p><w:fldSimple w:instr="HYPERLINK https://example.com/outer"><w:r><w:t xml:space="preserve">outer </w:t></w:r><w:hyperlink w:anchor="in"><w:r><w:t>inner</w:t></w:r></w:hyperlink></w:fldSimple></w:p>`,
		rels: `<Relationship Id="rIdLink" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.com/policy?a=1&amp;b=2" TargetMode="External"/>`,
	}.bytes(t))
	var got []string
	for _, l := range doc.Links {
		got = append(got, fmt.Sprintf("%s %q -> %s", doc.File.Position(l.TextStart), l.Text, l.Dest))
	}
	want := []string{
		`para1:18 "click here" -> https://example.com/policy?a=1&b=2`,
		`para2:1 "See section 2" -> #_Toc1`,
		`para3:4 "this page" -> https://example.com/a`,
		`para4:1 "a bookmark" -> #bm`,
		`para5:1 "nowhere" -> `,
		`para6:1 "outer inner" -> https://example.com/outer`,
		`para6:7 "inner" -> #in`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("links:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if doc.Spans[0].Text != "Read the policy, click here." || doc.Spans[2].Text != "Or this page" {
		t.Errorf("link text not in the prose: %v", summarize(doc))
	}
}

func TestDOCXPositions(t *testing.T) {
	doc := parseDOCX(t, docxFixture{body: para("One.") + `<w:p/>` + para("  Two, indented.  ") +
		`<w:p><w:r><w:br/></w:r></w:p>` + para("Three:", " first line") + `<w:p><w:r><w:t>Four</w:t><w:br/><w:t>has a second line with the guys.</w:t></w:r></w:p>`}.bytes(t))
	text := string(doc.File.Src)
	want := "One.\n\nTwo, indented.\n\nThree: first line\n\nFour\nhas a second line with the guys.\n"
	if text != want {
		t.Fatalf("extracted text:\n%q\nwant\n%q", text, want)
	}
	for _, tt := range []struct {
		find string
		want string
		line int
	}{
		{"One", "para1:1", 1},
		{"indented", "para2:6", 3},
		{"first", "para3:8", 5},
		{"guys", "para4:28", 8},
	} {
		pos := doc.File.Position(strings.Index(text, tt.find))
		if pos.String() != tt.want || pos.Line != tt.line {
			t.Errorf("%q at %v (line %d), want %s (line %d)", tt.find, pos, pos.Line, tt.want, tt.line)
		}
	}
}

func TestDOCXEmpty(t *testing.T) {
	doc := parseDOCX(t, docxFixture{body: `<w:p/><w:sectPr><w:pgSz w:w="1"/></w:sectPr>`}.bytes(t))
	if len(doc.File.Src) != 0 || len(doc.Spans) != 0 || len(doc.Notices) != 1 {
		t.Errorf("empty document: text %q, spans %v, notices %q", doc.File.Src, doc.Spans, doc.Notices)
	}
}

// withDOCXLimits lowers the parser's limits for one test.
func withDOCXLimits(t *testing.T, l docxLimits) {
	old := docxMax
	docxMax = l
	t.Cleanup(func() { docxMax = old })
}

func TestDOCXErrors(t *testing.T) {
	good := docxFixture{body: para("Hello there.")}
	files := good.files()
	without := func(name string) map[string]string {
		m := map[string]string{}
		for k, v := range files {
			if k != name {
				m[k] = v
			}
		}
		return m
	}
	with := func(name, content string) map[string]string {
		m := without(name)
		m[name] = content
		return m
	}
	valid := good.bytes(t)
	tests := []struct {
		name   string
		src    []byte
		limits *docxLimits
		want   string
	}{
		{"text", []byte("just some text"), nil, "not a DOCX file (it is not a zip archive)"},
		{"empty", nil, nil, "not a DOCX file (it is not a zip archive)"},
		{"ole", append(append([]byte{}, oleMagic...), make([]byte, 512)...), nil, "encrypted or legacy Word file (.doc): ally reads only unprotected .docx"},
		{"no document", zipFiles(t, without("word/document.xml"), true), nil, "not a DOCX file (no word/document.xml): is it an older .doc? Save it as .docx"},
		{"other zip", zipFiles(t, map[string]string{"xl/workbook.xml": "<workbook/>"}, true), nil, "not a DOCX file (no word/document.xml)"},
		{"truncated", valid[:len(valid)/2], nil, "damaged DOCX: its zip archive cannot be read"},
		{"malformed", zipFiles(t, with("word/document.xml", docxXMLDecl+"<w:document "+docxNS+">\n<w:body>\n<w:p></w:r></w:body></w:document>"), true), nil,
			"word/document.xml line 4: malformed XML (element <p> closed by </r>)"},
		{"bad styles", zipFiles(t, with("word/styles.xml", "<w:styles "+docxNS+"><w:style>"), true), nil, "word/styles.xml line 1: malformed XML"},
		{"bad rels", zipFiles(t, with("word/_rels/document.xml.rels", "<Relationships><Relationship Id='a'"), true), nil, "word/_rels/document.xml.rels line 1: malformed XML"},
		{"not utf8", zipFiles(t, with("word/document.xml", "<w:document "+docxNS+"><w:body><w:p><w:r><w:t>\xff</w:t></w:r></w:p></w:body></w:document>"), true), nil,
			"word/document.xml line 1: malformed XML (invalid UTF-8)"},
		{"big document", valid, &docxLimits{entries: 100, document: 100, part: 1 << 20, depth: 100},
			"word/document.xml expands past 100 bytes; refusing to read it (zip bomb?)"},
		{"big part", valid, &docxLimits{entries: 100, document: 1 << 20, part: 100, depth: 100},
			"_rels/.rels expands past 100 bytes; refusing to read it (zip bomb?)"},
		{"entries", valid, &docxLimits{entries: 3, document: 1 << 20, part: 1 << 20, depth: 100},
			"the zip archive holds 4 entries, more than the 3 a DOCX needs"},
		{"deep", zipFiles(t, with("word/document.xml", "<w:document "+docxNS+"><w:body>"+strings.Repeat("<w:sdt>", 50)+"\n"+strings.Repeat("</w:sdt>", 50)+"</w:body></w:document>"), true),
			&docxLimits{entries: 100, document: 1 << 20, part: 1 << 20, depth: 20}, "word/document.xml line 1: elements nested more than 20 deep"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.limits != nil {
				withDOCXLimits(t, *tt.limits)
			}
			doc, err := DOCX{}.Parse(NewFile("bad.docx", tt.src))
			if err == nil {
				t.Fatalf("no error; text %q", doc.File.Src)
			}
			if msg := err.Error(); !strings.HasPrefix(msg, "bad.docx: ") || !strings.Contains(msg, tt.want) {
				t.Errorf("error %q\nwant the file name and %q", msg, tt.want)
			}
		})
	}
	// A part whose header understates its size, as a zip bomb's would,
	// is never read past the size it claims (archive/zip stops there, and
	// the parser's own limit would too) and is reported, by name.
	t.Run("lying header", func(t *testing.T) {
		withDOCXLimits(t, docxLimits{entries: 100, document: 1000, part: 1 << 20, depth: 100})
		big := docxFixture{body: strings.Repeat(para("chairman"), 200)}.bytes(t)
		src := understate(t, big, "word/document.xml")
		_, err := DOCX{}.Parse(NewFile("bomb.docx", src))
		if err == nil || !strings.Contains(err.Error(), "bomb.docx: damaged DOCX: cannot decompress word/document.xml") {
			t.Errorf("error %v, want word/document.xml named as damaged", err)
		}
	})
}

// understate rewrites the uncompressed size of one entry in both of its
// zip headers to 10 bytes, as a zip bomb would.
func understate(t *testing.T, src []byte, name string) []byte {
	t.Helper()
	out := bytes.Clone(src)
	n := 0
	for _, sig := range []struct {
		magic      string
		sizeAt     int
		nameLenAt  int
		nameAt     int
		compressed int
	}{
		{"PK\x03\x04", 22, 26, 30, 18},
		{"PK\x01\x02", 24, 28, 46, 20},
	} {
		for i := 0; ; {
			j := bytes.Index(out[i:], []byte(sig.magic))
			if j < 0 {
				break
			}
			i += j
			nameLen := int(out[i+sig.nameLenAt]) | int(out[i+sig.nameLenAt+1])<<8
			if string(out[i+sig.nameAt:i+sig.nameAt+nameLen]) == name {
				copy(out[i+sig.sizeAt:], []byte{10, 0, 0, 0})
				n++
			}
			i += 4
		}
	}
	if n != 2 {
		t.Fatalf("rewrote %d headers of %s, want 2", n, name)
	}
	return out
}

// The fixture was converted by LibreOffice from a hand-written Flat ODT
// (see testdata/documents/make-docx.sh), so it is a DOCX as a real tool
// writes one.
func TestDOCXHandbookFixture(t *testing.T) {
	src := readFixture(t, "handbook.docx")
	doc, err := DOCX{}.Parse(NewFile("handbook.docx", src))
	if err != nil {
		t.Fatal(err)
	}
	checkDOCX(t, doc)
	text := string(doc.File.Src)
	var hs []string
	for _, h := range doc.Headings {
		hs = append(hs, fmt.Sprintf("%d %s", h.Level, h.Text))
	}
	if got, want := strings.Join(hs, "|"), "1 Northwind Freight Employee Handbook|1 Welcome|2 Working hours|2 Who to ask|1 Benefits"; got != want {
		t.Errorf("headings %s\nwant %s", got, want)
	}
	kinds := map[string]Kind{}
	for _, sp := range doc.Spans {
		kinds[sp.Text] = sp.Kind
	}
	for s, k := range map[string]Kind{
		"Topic": TableCell, "Contact": TableCell, "Payroll": TableCell, "The finance office": TableCell,
		"Suppliers": TableCell, "Purchasing keeps the blacklist of suppliers.": TableCell,
		"Report a crazy schedule to your lead.":                                           ListItem,
		"When a new driver joins, he or she receives a rota for the first month.":         Paragraph,
		"Seasonal plans are approved by the regional chairman before the first of March.": Paragraph,
		"The Northwind Freight logo, a blue compass rose":                                 AltText,
	} {
		if got, ok := kinds[s]; !ok || got != k {
			t.Errorf("span %q: kind %v (found %v), want %v", s, got, ok, k)
		}
	}
	// LibreOffice wrote "chair" (bold) and "man" as two runs; the span
	// has the word whole.
	docXML := unzipPart(t, src, "word/document.xml")
	if !strings.Contains(docXML, `<w:t>chair</w:t></w:r><w:r><w:rPr></w:rPr><w:t>man of the board`) {
		t.Fatalf("the fixture no longer splits chairman into two runs; regenerate it or update the test")
	}
	if _, ok := kinds["The chairman of the board signs every new contract."]; !ok {
		t.Errorf("no span holds the whole word chairman: %v", summarize(doc))
	}
	// The footnote follows the body, labelled.
	if !strings.HasSuffix(text, "\n\nFootnote 1: Seasonal plans are approved by the regional chairman before the first of March.\n") {
		t.Errorf("footnote missing from the end of the text:\n%s", text)
	}
	for _, tt := range []struct{ find, want string }{
		{"he or she", "para7:26"},
		{"guys", "para8:5"},
		{"blacklist", "para18:22"},
		{"regional chairman", "para23:48"},
	} {
		if pos := doc.File.Position(strings.Index(text, tt.find)); pos.String() != tt.want {
			t.Errorf("%q at %v, want %s", tt.find, pos, tt.want)
		}
	}
	if len(doc.Images) != 2 || doc.Images[0].Alt != "" || doc.Images[1].Alt != "The Northwind Freight logo, a blue compass rose" ||
		doc.Images[0].Src != "word/media/image1.png" {
		t.Errorf("images %+v", doc.Images)
	}
	if len(doc.Links) != 1 || doc.Links[0].Text != "click here" || doc.Links[0].Dest != "https://example.com/benefits" {
		t.Errorf("links %+v", doc.Links)
	}
}

func unzipPart(t *testing.T, src []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			var b bytes.Buffer
			if _, err := b.ReadFrom(rc); err != nil {
				t.Fatal(err)
			}
			return b.String()
		}
	}
	t.Fatalf("no %s", name)
	return ""
}

func BenchmarkDOCX(b *testing.B) {
	src := docxFixture{body: strings.Repeat(para("The ", "chair", "man of the board reviews the manpower plan each quarter.")+styledPara("Heading1", "A heading"), 2000)}.bytes(b)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := (DOCX{}).Parse(NewFile("bench.docx", src)); err != nil {
			b.Fatal(err)
		}
	}
}

// docxFuzzBodies are document bodies for FuzzDOCX to start from, one for
// each thing the walker tracks across elements: runs, tracked changes,
// fields (nested, unbalanced), links, tables, text boxes, alternate
// content, images and note references.
var docxFuzzBodies = []string{
	para("The ", "chair", "man") + `<w:p/>` + styledPara("Heading1", "Title"),
	`<w:p><w:ins><w:r><w:t>in</w:t></w:r></w:ins><w:del><w:r><w:delText>out</w:delText></w:r></w:del><w:r><w:tab/><w:br/><w:cr/><w:noBreakHyphen/></w:r></w:p>`,
	`<w:p><w:r><w:fldChar w:fldCharType="begin"/><w:instrText>HYPERLINK "u"</w:instrText><w:fldChar w:fldCharType="separate"/><w:t>x</w:t></w:r></w:p><w:p><w:r><w:fldChar w:fldCharType="end"/><w:fldChar w:fldCharType="separate"/></w:r></w:p>`,
	`<w:p><w:hyperlink r:id="rIdLink" w:anchor="a"><w:r><w:t>click here</w:t></w:r></w:hyperlink><w:fldSimple w:instr="HYPERLINK \l &quot;b&quot;"><w:r><w:t>b</w:t></w:r></w:fldSimple></w:p>`,
	`<w:tbl><w:tr><w:tc><w:p><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr><w:r><w:t>cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`,
	`<w:p><w:r><w:t>a</w:t><w:drawing><wp:inline><wp:docPr id="1" descr="d"><a:extLst><a:ext><adec:decorative xmlns:adec="x" val="1"/></a:ext></a:extLst></wp:docPr><a:blip r:embed="rIdImg"/></wp:inline></w:drawing></w:r></w:p>`,
	`<w:p><w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent><w:p><w:r><w:t>box</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape alt="s"><v:imagedata r:id="rIdImg"/></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>`,
	`<w:p><w:r><w:t>n</w:t><w:footnoteReference w:id="1"/><w:endnoteReference w:id="1"/></w:r></w:p><w:sdt><w:sdtContent><w:p><w:r><w:t>sdt</w:t></w:r></w:p></w:sdtContent></w:sdt>`,
}

// docxFuzzSupport is the rest of the package the fuzzer's single part is
// wrapped into, so that styles, notes and relationships are all there to
// be read against it.
var docxFuzzSupport = docxFixture{
	body: docxFuzzBodies[0] + docxFuzzBodies[3] + docxFuzzBodies[7],
	styles: `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>` +
		`<w:style w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>`,
	footnotes: `<w:footnote w:type="separator" w:id="0"><w:p/></w:footnote><w:footnote w:id="1">` + para("A note.") + `</w:footnote>`,
	endnotes:  `<w:endnote w:id="1">` + para("An endnote.") + `</w:endnote>`,
	rels: `<Relationship Id="rIdLink" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.com" TargetMode="External"/>` +
		`<Relationship Id="rIdImg" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/>`,
}

// docxFuzzParts are the parts FuzzDOCX's mode puts the fuzzer's bytes in;
// mode 0 (and any mode past the list) takes them as the whole file.
var docxFuzzParts = []string{"", "word/document.xml", "word/styles.xml", "word/footnotes.xml", "word/_rels/document.xml.rels", "_rels/.rels"}

// docxFuzzInput makes the file FuzzDOCX parses from its mode and bytes.
func docxFuzzInput(t testing.TB, mode uint8, data []byte) []byte {
	part := docxFuzzParts[int(mode)%len(docxFuzzParts)]
	if part == "" {
		return data
	}
	files := docxFuzzSupport.files()
	files[part] = string(data)
	return zipFiles(t, files, false)
}

// addDOCXFuzzSeeds gives FuzzDOCX its seeds: whole files, and each body
// and each part of the support package and of the LibreOffice fixture on
// its own, in the mode that wraps it.
func addDOCXFuzzSeeds(f *testing.F) {
	fixture := readFixture(f, "handbook.docx")
	f.Add(uint8(0), fixture)
	f.Add(uint8(0), docxFuzzSupport.bytes(f))
	f.Add(uint8(0), []byte("PK\x03\x04"))
	f.Add(uint8(0), oleMagic)
	for _, body := range docxFuzzBodies {
		f.Add(uint8(1), []byte(docxXMLDecl+`<w:document `+docxNS+`><w:body>`+body+`</w:body></w:document>`))
	}
	support := docxFuzzSupport.files()
	zr, err := zip.NewReader(bytes.NewReader(fixture), int64(len(fixture)))
	if err != nil {
		f.Fatal(err)
	}
	for mode, part := range docxFuzzParts {
		if part == "" {
			continue
		}
		f.Add(uint8(mode), []byte(support[part]))
		for _, zf := range zr.File {
			if zf.Name != part {
				continue
			}
			rc, err := zf.Open()
			if err != nil {
				f.Fatal(err)
			}
			var b bytes.Buffer
			_, err = b.ReadFrom(rc)
			rc.Close()
			if err != nil {
				f.Fatal(err)
			}
			f.Add(uint8(mode), b.Bytes())
		}
	}
}

// checkDOCXError asserts that a parse error names the file, as every
// error the user sees must.
func checkDOCXError(t *testing.T, err error, name string) {
	t.Helper()
	if msg := err.Error(); !strings.HasPrefix(msg, name+": ") || strings.Count(msg, "\n") > 0 {
		t.Fatalf("error %q does not start with the file name or spans lines", msg)
	}
}
