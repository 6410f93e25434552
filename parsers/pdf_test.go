package parsers

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// pdfText is one line of text to draw at (x, y) in points, with the
// built-in Helvetica at size points.
type pdfText struct {
	x, y, size float64
	s          string
}

// makePDF writes a small, valid PDF with one page per element of pages.
// Text is in WinAnsi encoding. Helvetica's widths are given for the printable ASCII range (a flat 556
// per 1000, close enough for layout), so glyph positions advance as in a
// real file.
func makePDF(pages [][]pdfText) []byte {
	var objs []string
	add := func(s string) int { objs = append(objs, s); return len(objs) }
	widths := strings.TrimSpace(strings.Repeat("556 ", 95))
	font := add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 126 /Widths [" + widths + "] >>")
	pagesID := len(objs) + 2*len(pages) + 1
	var kids []string
	for _, lines := range pages {
		var content strings.Builder
		for _, l := range lines {
			esc := strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(l.s)
			fmt.Fprintf(&content, "BT /F1 %g Tf %g %g Td (%s) Tj ET\n", l.size, l.x, l.y, esc)
		}
		c := add(fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", content.Len(), content.String()))
		p := add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>", pagesID, font, c))
		kids = append(kids, fmt.Sprintf("%d 0 R", p))
	}
	add(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(pages)))
	catalog := add(fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pagesID))
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, catalog, xref)
	return b.Bytes()
}

// bodyPage is a page with a running header, lines of body text from the
// top, and a page number at the foot.
func bodyPage(n int, lines ...string) []pdfText {
	page := []pdfText{{72, 750, 9, "Acme Staff Handbook"}}
	for i, l := range lines {
		page = append(page, pdfText{72, 700 - float64(i)*14, 11, l})
	}
	return append(page, pdfText{300, 40, 9, fmt.Sprintf("Page %d", n)})
}

func parsePDF(t *testing.T, src []byte) *Document {
	t.Helper()
	doc, err := PDF{}.Parse(NewFile("test.pdf", src))
	if err != nil {
		t.Fatal(err)
	}
	if err := CheckSpans(doc.File.Src, doc.Spans); err != nil {
		t.Fatal(err)
	}
	return doc
}

func spanTexts(doc *Document) []string {
	var out []string
	for _, sp := range doc.Spans {
		out = append(out, sp.Kind.String()+": "+sp.Text)
	}
	return out
}

func TestPDFParagraphs(t *testing.T) {
	src := makePDF([][]pdfText{
		bodyPage(1,
			"The board and its chair-",
			"man met in May. A phrase broken",
			"across lines still reads whole.",
		),
		bodyPage(2,
			"Every self-",
			"starter is welcome, and the",
		),
		bodyPage(3,
			"sentence runs on over the page break.",
		),
	})
	doc := parsePDF(t, src)
	want := []string{
		"paragraph: The board and its chairman met in May. A phrase broken\nacross lines still reads whole.",
		"paragraph: Every self-starter is welcome, and the sentence runs on over the page break.",
	}
	if got := spanTexts(doc); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("spans:\n%q\nwant\n%q", got, want)
	}
	// The header and the page numbers are in the extracted text, where
	// line numbers count them, but were not linted.
	text := string(doc.File.Src)
	for _, s := range []string{"Acme Staff Handbook", "Page 1", "Page 3"} {
		if !strings.Contains(text, s) {
			t.Errorf("extracted text lacks %q", s)
		}
	}
	// "chairman" maps back to "chair-\nman" on page 1, lines 2 and 3.
	sp := doc.Spans[0]
	i := strings.Index(sp.Text, "chairman")
	start, end, exact := sp.SourceRange(i, i+len("chairman"))
	if got := text[start:end]; got != "chair-\nman" || exact {
		t.Errorf("chairman maps to %q (exact %v), want \"chair-\\nman\", not exact", got, exact)
	}
	if pos := doc.File.Position(start); pos.String() != "p1:2:19" {
		t.Errorf("chairman starts at %v, want p1:2:19", pos)
	}
	if pos := doc.File.Position(strings.Index(text, "sentence")); pos.String() != "p3:2:1" {
		t.Errorf("page 3's text starts at %v, want p3:2:1", pos)
	}
}

func TestPDFStructure(t *testing.T) {
	src := makePDF([][]pdfText{{
		{72, 700, 20, "Leave policy"},
		{72, 670, 11, "Everyone gets leave. Ask your manager."},
		{72, 640, 15, "Sick leave"},
		{72, 615, 11, "\x95 Call in before your shift."}, // WinAnsi's bullet
		{72, 601, 11, "\x95 Bring a note after a week."},
		{72, 580, 11, "Short line."},
		{72, 566, 11, "Next paragraph with no space above it and a much longer line of text."},
	}})
	doc := parsePDF(t, src)
	want := []string{
		"heading: Leave policy",
		"paragraph: Everyone gets leave. Ask your manager.",
		"heading: Sick leave",
		"list-item: • Call in before your shift.",
		"list-item: • Bring a note after a week.",
		"paragraph: Short line.",
		"paragraph: Next paragraph with no space above it and a much longer line of text.",
	}
	if got := spanTexts(doc); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("spans:\n%q\nwant\n%q", got, want)
	}
	if doc.Spans[0].Level != 1 || doc.Spans[2].Level != 2 {
		t.Errorf("heading levels %d, %d; want 1, 2", doc.Spans[0].Level, doc.Spans[2].Level)
	}
	// Positions name the section they are in.
	text := string(doc.File.Src)
	for s, want := range map[string]string{"Everyone": "Leave policy", "Call in": "Sick leave", "Next paragraph": "Sick leave"} {
		if got := doc.File.Position(strings.Index(text, s)).Section; got != want {
			t.Errorf("%q is in section %q, want %q", s, got, want)
		}
	}
}

func TestCleanGlyphText(t *testing.T) {
	for in, want := range map[string]string{
		"ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st",
		"a": "a", "é": "é", "\x00": "", "a\x01b": "ab", "\xff": "", "\ufffc": "",
	} {
		if got := cleanGlyphText(in); got != want {
			t.Errorf("cleanGlyphText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPDFTwoColumnsSynthetic(t *testing.T) {
	// Two columns of four lines under a full-width title; the left column
	// must be read to its end before the right one starts.
	var page []pdfText
	page = append(page, pdfText{72, 720, 18, "News from the depots this autumn"})
	left := []string{"Left one starts the", "first column and goes", "on down the page to", "its very end here."}
	right := []string{"Right one starts the", "second column and it", "goes on down as well", "to the end."}
	for i := range left {
		y := 680 - float64(i)*14
		page = append(page, pdfText{72, y, 11, left[i]}, pdfText{320, y, 11, right[i]})
	}
	doc := parsePDF(t, makePDF([][]pdfText{page}))
	want := []string{
		"heading: News from the depots this autumn",
		"paragraph: " + strings.Join(left, "\n"),
		"paragraph: " + strings.Join(right, "\n"),
	}
	if got := spanTexts(doc); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("spans:\n%q\nwant\n%q", got, want)
	}
}

func TestLineEndHyphen(t *testing.T) {
	tests := []struct {
		sofar, next string
		want        int
	}{
		{"the chair-", "man said", 1},
		{"the chair\u00ad", "man", 2},
		{"the chair\u2010", "man", 3},
		{"the chair\u00ad\u2010", "man", 5},
		{"a self-", "starter", -1},     // a typed hyphen after a prefix stays
		{"a self\u2010", "starter", 3}, // a typesetter's hyphen goes
		{"the chair-", "Man", 0},       // a capital starts something new
		{"pages 10-", "12", 0},
		{"a dash -", "and", 0},
		{"no hyphen", "here", 0},
	}
	for _, tt := range tests {
		if got := lineEndHyphen([]byte(tt.sofar), []byte(tt.next)); got != tt.want {
			t.Errorf("lineEndHyphen(%q, %q) = %d, want %d", tt.sofar, tt.next, got, tt.want)
		}
	}
}

func TestIsBulletAndPageNumber(t *testing.T) {
	for s, want := range map[string]bool{
		"• item": true, "- item": true, "1. First": true, "12) twelfth": true,
		"2026 was good": false, "-5 degrees": false, "•": false, "1.5 days": false,
	} {
		if got := isBullet(s); got != want {
			t.Errorf("isBullet(%q) = %v", s, got)
		}
	}
	for s, want := range map[string]bool{
		"7": true, "- 7 -": true, "Page 7": true, "page 7 of 40": true, "7/40": true,
		"Page seven": false, "7 days": false, "Chapter 7": false,
	} {
		if got := pageNumber.MatchString(s); got != want {
			t.Errorf("pageNumber(%q) = %v", s, got)
		}
	}
}

func TestPDFErrors(t *testing.T) {
	tests := []struct {
		name string
		src  []byte
		is   error
		want string
	}{
		{"not a pdf", []byte("hello, world\n"), nil, "not a PDF file"},
		{"empty", nil, nil, "not a PDF file"},
		{"cut short", makePDF([][]pdfText{bodyPage(1, "text")})[:300], nil, "truncated PDF"},
		{"no text", makePDF([][]pdfText{{}}), ErrNoText, "OCR is not supported"},
		{"only running text", makePDF([][]pdfText{bodyPage(1), bodyPage(2)}), ErrNoText, "scanned PDF"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := PDF{}.Parse(NewFile("bad.pdf", tt.src))
			if err == nil {
				t.Fatal("no error")
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %v is not %v", err, tt.is)
			}
			if !strings.HasPrefix(err.Error(), "bad.pdf: ") || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q: want the file name and %q", err, tt.want)
			}
		})
	}
}

func TestPDFProgress(t *testing.T) {
	src := makePDF([][]pdfText{bodyPage(1, "one"), bodyPage(2, "two"), bodyPage(3, "three")})
	var calls []string
	_, err := PDF{Progress: func(done, total int) { calls = append(calls, fmt.Sprintf("%d/%d", done, total)) }}.Parse(NewFile("p.pdf", src))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(calls, " ") != "1/3 2/3 3/3" {
		t.Errorf("progress calls %v", calls)
	}
}

// The fixtures were made by real tools (see testdata/documents/make-pdf.sh).

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	src, err := os.ReadFile("../testdata/documents/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return src
}

func TestPDFHandbookFixture(t *testing.T) {
	doc := parsePDF(t, readFixture(t, "handbook.pdf"))
	text := string(doc.File.Src)
	var spans strings.Builder
	for _, sp := range doc.Spans {
		spans.WriteString(sp.Text + "\n")
	}
	all := spans.String()
	// Running header and footer: on every page of the text, in no span.
	if n := strings.Count(text, "Northwind Freight · Employee Handbook 2026\n"); n != 4 {
		t.Errorf("running header appears %d times in the extracted text, want 4", n)
	}
	for _, s := range []string{"Employee Handbook 2026", "Page 1 of 4", "Page 4 of 4"} {
		if strings.Contains(all, s) {
			t.Errorf("running text %q was linted", s)
		}
	}
	// The sidebar's "fore‐" / "man" is one word again, and the sidebar
	// does not interleave with the body text beside it.
	for _, s := range []string{
		"Ask your foreman or the shift\nchairman for",
		"plan the manpower needed for each\nshift and share the rota with the whole team.",
		"Breaks are not optional. Drivers take the breaks the law\nrequires,",
	} {
		if !strings.Contains(all, s) {
			t.Errorf("no span holds %q", s)
		}
	}
	var headings []string
	for _, sp := range doc.Spans {
		if sp.Kind == Heading {
			headings = append(headings, fmt.Sprintf("%d %s", sp.Level, sp.Text))
		}
	}
	for _, h := range []string{"1 Employee Handbook", "2 1. Equal opportunity", "2 7. Leaving the company"} {
		if !strings.Contains(strings.Join(headings, "|"), h) {
			t.Errorf("headings %q lack %q", headings, h)
		}
	}
	if pos := doc.File.Position(strings.Index(text, "manned")); pos.Page != 4 {
		t.Errorf("manned is on page %d, want 4", pos.Page)
	}
}

func TestPDFTwoColumnFixture(t *testing.T) {
	doc := parsePDF(t, readFixture(t, "two-column.pdf"))
	texts := spanTexts(doc)
	order := []string{"Depot news", "The new sorting hall", "Recruitment for the winter", "warehouse ninja", "The staff survey", "Finally, a reminder", "Nominations close", "Send your news"}
	at := -1
	for _, s := range order {
		found := -1
		for i, tx := range texts {
			if strings.Contains(strings.ReplaceAll(tx, "\n", " "), s) {
				found = i
				break
			}
		}
		if found < at || found < 0 {
			t.Fatalf("%q is in span %d, out of reading order; spans:\n%s", s, found, strings.Join(texts, "\n"))
		}
		at = found
	}
}

func TestPDFBadFixtures(t *testing.T) {
	tests := []struct {
		file string
		is   error
		want string
	}{
		{"scanned.pdf", ErrNoText, "OCR is not supported"},
		{"encrypted.pdf", ErrEncrypted, "unprotected copy"},
		{"truncated.pdf", nil, "truncated PDF"},
	}
	for _, tt := range tests {
		_, err := PDF{}.Parse(NewFile(tt.file, readFixture(t, tt.file)))
		if err == nil || (tt.is != nil && !errors.Is(err, tt.is)) || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), tt.file+": ") {
			t.Errorf("%s: error %v; want %q", tt.file, err, tt.want)
		}
	}
}

// BenchmarkPDF reads the 100-page handbook; pages/s is the figure the
// README compares with pdftotext.
func BenchmarkPDF(b *testing.B) {
	src := readFixture(b, "handbook-long.pdf")
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	var pages int
	for b.Loop() {
		doc, err := PDF{}.Parse(NewFile("handbook-long.pdf", src))
		if err != nil {
			b.Fatal(err)
		}
		pages = len(doc.File.pages)
	}
	b.ReportMetric(float64(pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkPdftotext runs poppler's pdftotext on the same file, so one
// `go test -bench PDF` run gives both figures for the README. It is skipped
// where poppler-utils is not installed.
func BenchmarkPdftotext(b *testing.B) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		b.Skip("pdftotext not installed (apt-get install poppler-utils)")
	}
	src := readFixture(b, "handbook-long.pdf")
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if out, err := exec.Command(bin, "../testdata/documents/handbook-long.pdf", "/dev/null").CombinedOutput(); err != nil {
			b.Fatalf("%v: %s", err, out)
		}
	}
	b.ReportMetric(100*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}
