package parsers

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

// PDF extracts the text of a PDF document page by page, in reading order,
// and lints it as prose. The extracted text becomes the Document's File, so
// positions are pages and lines of extracted text ("handbook.pdf:p12:5:3").
//
// Lines are joined into paragraphs so a phrase broken across lines still
// matches; a word hyphenated at a line break is rejoined; running headers,
// footers and page numbers that repeat on most pages are kept in the
// extracted text (line numbers count them, as a reader does) but are not
// linted.
type PDF struct {
	// Progress, if set, is called after each page is read.
	Progress func(done, total int)
}

// Errors a PDF can fail with, for callers that want to tell them apart.
var (
	ErrNoText    = errors.New("no extractable text")
	ErrEncrypted = errors.New("encrypted PDF")
)

// maxPDFPages bounds the pages read from one file; a page count beyond it
// is far more likely a corrupt page tree than a real document.
const maxPDFPages = 100_000

// Parse implements Parser.
func (p PDF) Parse(f *File) (doc *Document, err error) {
	defer func() {
		// The PDF library reports many kinds of damage by panicking; one
		// damaged file must be an error about that file, never a crash.
		if v := recover(); v != nil {
			doc, err = nil, fmt.Errorf("%s: damaged PDF (%v); open it in a PDF reader and save or export a new copy", f.Name, v)
		}
	}()
	r, err := pdf.NewReader(bytes.NewReader(f.Src), int64(len(f.Src)))
	if err != nil {
		return nil, pdfOpenError(f.Name, f.Src, err)
	}
	pages := pageList(r.Trailer().Key("Root").Key("Pages"), maxPDFPages)
	if len(pages) == 0 {
		return nil, fmt.Errorf("%s: the PDF has no pages", f.Name)
	}
	laid, failed := p.extractPages(pages)
	if len(failed) == len(pages) {
		return nil, fmt.Errorf("%s: could not read the text of any page (%s); the PDF is damaged or uses features ally does not read", f.Name, failed[0])
	}
	doc = assemblePDF(f.Name, laid)
	for _, msg := range failed {
		doc.Notices = append(doc.Notices, msg+"; the other pages were linted")
	}
	if len(doc.Spans) == 0 {
		return nil, fmt.Errorf("%s: %w: is it a scanned PDF? OCR is not supported; run it through OCR software first, or lint the document it was made from", f.Name, ErrNoText)
	}
	doc.File.setSections(doc)
	return doc, nil
}

// pdfOpenError explains why a PDF could not be opened, in terms a user can
// act on.
func pdfOpenError(name string, src []byte, err error) error {
	msg := err.Error()
	switch {
	case errors.Is(err, pdf.ErrInvalidPassword) || strings.Contains(msg, "encrypt"):
		return fmt.Errorf("%s: %w: it needs a password or uses encryption ally cannot read; save or export an unprotected copy and lint that", name, ErrEncrypted)
	case !bytes.HasPrefix(src, []byte("%PDF-")):
		return fmt.Errorf("%s: not a PDF file (it does not start with %%PDF-)", name)
	case strings.Contains(msg, "%%EOF"):
		return fmt.Errorf("%s: truncated PDF: the end-of-file marker is missing; download or export it again", name)
	case strings.Contains(msg, "startxref") || strings.Contains(msg, "xref"):
		return fmt.Errorf("%s: damaged PDF: its cross-reference table is missing or broken (%s); download or export it again", name, msg)
	case strings.Contains(msg, "invalid header"):
		return fmt.Errorf("%s: unsupported PDF version (%q); save it as PDF 1.7 or earlier", name, firstLine(src))
	}
	return fmt.Errorf("%s: damaged PDF (%s); open it in a PDF reader and save or export a new copy", name, msg)
}

func firstLine(src []byte) string {
	if i := bytes.IndexAny(src, "\r\n"); i >= 0 && i < 20 {
		return string(src[:i])
	}
	return string(src[:min(len(src), 20)])
}

// pageList walks the page tree once, in order. (The library's Page(n)
// walks it from the root for every page, which is quadratic.) A cycle or a
// page count past limit stops the walk.
func pageList(node pdf.Value, limit int) []pdf.Page {
	var pages []pdf.Page
	var walk func(n pdf.Value, depth int)
	walk = func(n pdf.Value, depth int) {
		if depth > 64 || len(pages) >= limit {
			return
		}
		switch n.Key("Type").Name() {
		case "Pages":
			kids := n.Key("Kids")
			for i := 0; i < kids.Len(); i++ {
				walk(kids.Index(i), depth+1)
			}
		case "Page":
			pages = append(pages, pdf.Page{V: n})
		default:
			// Some writers omit /Type on leaves.
			if n.Key("Kids").Kind() == pdf.Array {
				kids := n.Key("Kids")
				for i := 0; i < kids.Len(); i++ {
					walk(kids.Index(i), depth+1)
				}
			} else if n.Key("Contents").Kind() != pdf.Null {
				pages = append(pages, pdf.Page{V: n})
			}
		}
	}
	walk(node, 0)
	return pages
}

// extractPages lays out every page on GOMAXPROCS workers. A page whose
// content cannot be read is reported in failed (in page order) and counts
// as empty.
func (p PDF) extractPages(pages []pdf.Page) (laid [][]pdfLine, failed []string) {
	laid = make([][]pdfLine, len(pages))
	errs := make([]string, len(pages))
	var (
		mu   sync.Mutex
		done int
		wg   sync.WaitGroup
	)
	jobs := make(chan int)
	for range min(runtime.GOMAXPROCS(0), len(pages)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				laid[i], errs[i] = readPage(pages[i], i+1)
				if p.Progress != nil {
					mu.Lock()
					done++
					p.Progress(done, len(pages))
					mu.Unlock()
				}
			}
		}()
	}
	for i := range pages {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	for _, e := range errs {
		if e != "" {
			failed = append(failed, e)
		}
	}
	return laid, failed
}

// readPage lays out one page. It recovers the library's panics itself,
// because a panic on a worker goroutine would end the whole program.
func readPage(page pdf.Page, n int) (lines []pdfLine, failure string) {
	defer func() {
		if v := recover(); v != nil {
			lines, failure = nil, fmt.Sprintf("page %d: could not read its text (%v)", n, v)
		}
	}()
	return layoutPage(pageGlyphs(page)), ""
}

// assemblePDF writes the extracted text, one line per line on the page,
// and builds the spans from the lines that are not running headers.
func assemblePDF(name string, pages [][]pdfLine) *Document {
	markRunning(pages)
	var text []byte
	starts := make([]int, len(pages))
	type placed struct {
		line       *pdfLine
		start, end int
		page       int
	}
	var body []placed
	for pi := range pages {
		starts[pi] = len(text)
		for li := range pages[pi] {
			l := &pages[pi][li]
			start := len(text)
			text = append(text, l.text...)
			if !l.running && strings.TrimSpace(l.text) != "" {
				body = append(body, placed{l, start, len(text), pi})
			}
			text = append(text, '\n')
		}
	}
	f := NewPagedFile(name, text, starts)
	doc := &Document{File: f, Format: string(FormatPDF)}
	levels := headingLevels(pages)
	b := newSpanBuilder(text)
	var kind Kind
	var level int
	flush := func() {
		if !b.empty() {
			sp := b.span(kind)
			sp.Level = level
			doc.Spans = append(doc.Spans, sp)
		}
		b.text, b.segs = nil, nil
	}
	for i, pl := range body {
		l := pl.line
		lk, lv := lineKind(l, levels)
		if i > 0 {
			prev := body[i-1]
			if startsParagraph(prev.line, l, prev.page != pl.page, kind, lk) {
				flush()
			} else {
				joinLines(b, text, prev.end, pl.start)
			}
		}
		if b.empty() {
			kind, level = lk, lv
		}
		b.verbatim(pl.start, pl.end)
	}
	flush()
	return doc
}

// joinLines puts what separates two lines of one paragraph into the span:
// nothing for a word hyphenated at the line break, otherwise a line break
// (or a space standing for a header or page break in between).
func joinLines(b *spanBuilder, text []byte, prevEnd, start int) {
	switch n := lineEndHyphen(b.text, text[start:]); {
	case n > 0:
		// Drop the hyphen and the break: "chair-" / "man" reads
		// "chairman".
		b.dropLast(n)
		b.decoded("", prevEnd-n, start)
		return
	case n < 0:
		// Keep the hyphen, drop the break: "self-starter".
		b.decoded("", prevEnd, start)
		return
	}
	if start == prevEnd+1 {
		b.verbatim(prevEnd, start)
		return
	}
	b.decoded(" ", prevEnd, start)
}

// keptHyphenPrefixes are word starts that keep a typed hyphen when a line
// break falls after it ("self-" / "starter" is "self-starter").
var keptHyphenPrefixes = []string{"self", "well", "ex", "non", "co", "cross", "full", "part", "high", "long", "short", "low"}

// lineEndHyphen returns the length of the hyphen that ends the span so far
// when it splits a word that the next line continues in lower case, -1
// when the hyphen belongs to the word and stays ("self-" / "starter"), and
// 0 otherwise. A hyphen a typesetter added at the break (a soft hyphen,
// U+2010, or both, as browsers write them) always goes; a typed "-" stays
// after a prefix that is hyphenated anyway.
func lineEndHyphen(sofar, next []byte) int {
	word, typed := sofar, false
	for {
		switch {
		case bytes.HasSuffix(word, []byte("\u00ad")):
			word = word[:len(word)-len("\u00ad")]
			continue
		case bytes.HasSuffix(word, []byte("\u2010")):
			word = word[:len(word)-len("\u2010")]
			continue
		case bytes.HasSuffix(word, []byte("-")) && len(word) == len(sofar):
			word, typed = word[:len(word)-1], true
		}
		break
	}
	n := len(sofar) - len(word)
	if n == 0 || !startsLower(string(next)) {
		return 0
	}
	i := len(word)
	for i > 0 {
		r, size := utf8.DecodeLastRune(word[:i])
		if !unicode.IsLetter(r) {
			break
		}
		i -= size
	}
	frag := strings.ToLower(string(word[i:]))
	switch {
	case frag == "":
		return 0
	case typed && slices.Contains(keptHyphenPrefixes, frag):
		return -1
	}
	return n
}

// startsParagraph decides whether line l begins a new span after prev.
func startsParagraph(prev, l *pdfLine, newPage bool, kind, lk Kind) bool {
	switch {
	case lk == ListItem:
		return true
	case lk == Heading || kind == Heading:
		// A heading wrapped over two lines stays one heading.
		return lk != kind || math.Abs(prev.size-l.size) > 0.5 || prev.y-l.y > 2*l.size
	case newPage || l.jumpBefore:
		// A paragraph runs on into the next column or page only when
		// the sentence visibly continues.
		return endsSentence(prev.text) || !startsLower(l.text)
	case prev.y-l.y > 1.75*max(l.size, prev.size) || prev.y < l.y:
		return true
	case math.Abs(prev.size-l.size) > 1:
		return true
	case endsSentence(prev.text) && prev.x1 < prev.colRight-0.2*(prev.colRight-prev.x0)-2*prev.size:
		// A short line ending a sentence ends its paragraph, for
		// documents that don't space paragraphs apart.
		return true
	}
	return false
}

// lineKind tells headings and list items from body lines.
func lineKind(l *pdfLine, levels map[float64]int) (Kind, int) {
	// Size first: "2. Working hours" set large is a numbered heading.
	if lv, ok := levels[roundSize(l.size)]; ok && len(strings.Fields(l.text)) <= 15 {
		return Heading, lv
	}
	if isBullet(l.text) {
		return ListItem, 0
	}
	// A short bold line is a heading, unless it is a row of table cells
	// (a table's header row is bold too).
	if lv, ok := levels[-1]; ok && l.bold && l.gaps == 0 && len(strings.Fields(l.text)) <= 10 && !endsSentence(l.text) {
		return Heading, lv
	}
	return Paragraph, 0
}

func roundSize(s float64) float64 { return math.Round(s*2) / 2 }

// headingLevels finds the body font size (the one most characters use) and
// gives each larger size a heading level, largest first; key -1 holds the
// level for bold lines in the body size.
func headingLevels(pages [][]pdfLine) map[float64]int {
	chars := map[float64]int{}
	for _, p := range pages {
		for _, l := range p {
			if !l.running {
				chars[roundSize(l.size)] += len(l.text)
			}
		}
	}
	body, most := 0.0, -1
	for s, n := range chars {
		if n > most || (n == most && s < body) {
			body, most = s, n
		}
	}
	var larger []float64
	for s, n := range chars {
		// A size needs a few characters to count; a stray drop cap is
		// not a heading level.
		if s >= body*1.15 && n >= 3 {
			larger = append(larger, s)
		}
	}
	slices.Sort(larger)
	slices.Reverse(larger)
	levels := map[float64]int{}
	for i, s := range larger {
		levels[s] = min(i+1, 6)
	}
	levels[-1] = min(len(larger)+1, 6)
	return levels
}

// pageNumber matches a line that is only a page number: "7", "- 7 -",
// "Page 7", "7 of 40", "7/40".
var pageNumber = regexp.MustCompile(`(?i)^[\s\-–—|]*(page\s*)?\d{1,5}(\s*(of|/)\s*\d{1,5})?[\s\-–—|]*$`)

// runningZone is how many lines at the top and at the bottom of a page are
// looked at as possible running headers and footers.
const runningZone = 2

// markRunning marks running headers, footers and page numbers: lines near
// the top or bottom of a page whose text, with digits ignored, recurs in
// the same zone on at least half the pages (and at least two).
func markRunning(pages [][]pdfLine) {
	key := func(s string) string {
		s = strings.ToLower(strings.Join(strings.Fields(s), " "))
		return strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return '#'
			}
			return r
		}, s)
	}
	zones := func(p []pdfLine) (top, bottom []int) {
		idx := make([]int, len(p))
		for i := range idx {
			idx[i] = i
		}
		slices.SortStableFunc(idx, func(a, b int) int {
			switch {
			case p[a].y > p[b].y:
				return -1
			case p[a].y < p[b].y:
				return 1
			}
			return 0
		})
		n := min(runningZone, len(idx))
		return idx[:n], idx[max(n, len(idx)-runningZone):]
	}
	topCount, bottomCount := map[string]int{}, map[string]int{}
	for _, p := range pages {
		top, bottom := zones(p)
		seenTop, seenBottom := map[string]bool{}, map[string]bool{}
		for _, i := range top {
			seenTop[key(p[i].text)] = true
		}
		for _, i := range bottom {
			seenBottom[key(p[i].text)] = true
		}
		for k := range seenTop {
			topCount[k]++
		}
		for k := range seenBottom {
			bottomCount[k]++
		}
	}
	need := max(2, (len(pages)+1)/2)
	for pi := range pages {
		p := pages[pi]
		top, bottom := zones(p)
		for _, i := range top {
			if topCount[key(p[i].text)] >= need || pageNumber.MatchString(p[i].text) {
				p[i].running = true
			}
		}
		for _, i := range bottom {
			if bottomCount[key(p[i].text)] >= need || pageNumber.MatchString(p[i].text) {
				p[i].running = true
			}
		}
	}
}
