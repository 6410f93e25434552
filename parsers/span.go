package parsers

import "sort"

// Kind says what part of a document a span of prose comes from, so rules
// and reports can treat a heading differently from a table cell.
type Kind int

// The kinds of prose a parser can emit.
const (
	Paragraph Kind = iota
	Heading
	ListItem
	TableCell
	BlockQuote
	LinkText
	AltText
)

var kindNames = [...]string{"paragraph", "heading", "list-item", "table-cell", "blockquote", "link-text", "alt-text"}

// String returns the kind's name as used in rules and reports.
func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return "unknown"
	}
	return kindNames[k]
}

// Boundary is placed in Span.Text where something that is not prose (inline
// code, raw HTML, an autolink) sat between two pieces of prose. It is not a
// letter, so words never join across it, and the engine treats it as a wall
// that no phrase can span.
const Boundary = '\uFFFC'

// Span is one run of prose as a reader sees it: markup removed, entities and
// escapes decoded, soft line breaks turned into spaces. Segs map every byte
// of Text back to the source file.
type Span struct {
	Kind Kind
	Text string
	// Segs cover Text from 0 to len(Text) in order, without gaps.
	Segs []Seg
	// Level is the heading level (1–6) for a Heading span, otherwise 0.
	Level int
}

// Seg maps Text[Text:Text+Len] to Src[Src:Src+SrcLen]. A verbatim run
// holds the source bytes themselves and any offset inside it maps exactly.
// A decoded run (an entity such as "&amp;", an escape such as "\*", a line
// break read as a space, a Boundary over markup) differs from its source,
// and only its two ends map.
type Seg struct {
	Text, Src, Len, SrcLen int
	// Decoded marks a decoded run. It is needed because lengths alone
	// cannot tell: a "\n" read as " ", or a Boundary (3 bytes) standing
	// for "<b>", has Len == SrcLen.
	Decoded bool
}

// Verbatim reports whether the segment's text bytes are the source bytes.
func (s Seg) Verbatim() bool { return !s.Decoded && s.Len == s.SrcLen }

// SourceOffset maps an offset in Text (0 ≤ i ≤ len(Text)) to a byte offset in
// the source. An offset inside a decoded segment maps to the segment's start
// when atEnd is false and to its end when atEnd is true, so a range always
// covers the whole of any entity or escape it touches.
func (sp *Span) SourceOffset(i int, atEnd bool) int {
	if len(sp.Segs) == 0 {
		return 0
	}
	// Find the segment that contains i; an offset on a boundary between two
	// segments belongs to the later one when it is a start, the earlier one
	// when it is an end, so no range ever picks up a neighbour's bytes.
	k := sort.Search(len(sp.Segs), func(k int) bool {
		s := sp.Segs[k]
		if atEnd {
			return s.Text+s.Len >= i
		}
		return s.Text+s.Len > i
	})
	if k == len(sp.Segs) {
		last := sp.Segs[len(sp.Segs)-1]
		return last.Src + last.SrcLen
	}
	s := sp.Segs[k]
	switch {
	case s.Verbatim():
		return s.Src + max(0, i-s.Text)
	case atEnd && i > s.Text:
		return s.Src + s.SrcLen
	default:
		return s.Src
	}
}

// SourceRange maps Text[i:j] to a half-open byte range of the source. exact
// is false when the range crosses a decoded segment or a gap in the source
// (markup that was removed), where replacing the source bytes would not be
// the same as replacing the text.
func (sp *Span) SourceRange(i, j int) (start, end int, exact bool) {
	start, end = sp.SourceOffset(i, false), sp.SourceOffset(j, true)
	// An empty range on the border of two segments with markup between
	// them would map its start after the markup and its end before it.
	end = max(start, end)
	return start, end, end-start == j-i && sp.contiguous(i, j)
}

// contiguous reports whether Text[i:j] lies in verbatim segments whose
// source bytes follow each other without a gap.
func (sp *Span) contiguous(i, j int) bool {
	prevEnd := -1
	for _, s := range sp.Segs {
		if s.Text+s.Len <= i || s.Text >= j {
			continue
		}
		if !s.Verbatim() || (prevEnd >= 0 && s.Src != prevEnd) {
			return false
		}
		prevEnd = s.Src + s.SrcLen
	}
	return true
}

// Document is what a parser makes of a file: its format, its prose, and
// the structure that accessibility checks need (empty for plain text).
type Document struct {
	File     *File
	Format   string
	Spans    []Span
	Headings []HeadingInfo
	Images   []Image
	Links    []Link
	// Notices are things the user should know about how the file was
	// read (a PDF page whose text could not be extracted), printed as
	// warnings on standard error.
	Notices []string
}

// HeadingInfo is a heading of a structured document. Start and End cover
// the whole heading in the source, markers included ("### About us").
type HeadingInfo struct {
	Level      int
	Start, End int
	Text       string
}

// Image is an image in the document. Start and End cover its whole markup
// ("![alt](src)"); Alt is its text alternative as a reader gets it, empty
// when there is none.
type Image struct {
	Start, End int
	Alt        string
	Src        string
	// Decorative is true when the author marked the image as needing no
	// text alternative: alt="" in HTML, role="presentation" or
	// aria-hidden="true". Markdown has no way to say so.
	Decorative bool
}

// Link is a hyperlink. Start and End cover its whole markup; TextStart and
// TextEnd cover the text a reader sees and clicks. Autolink is true for a
// bare URL or <URL>, whose text is the address itself.
type Link struct {
	Start, End         int
	TextStart, TextEnd int
	Text               string
	Dest               string
	Autolink           bool
}
