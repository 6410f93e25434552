package parsers

// Text parses plain text: every paragraph (lines up to a blank line) is one
// span whose text is the source bytes themselves, so offsets map one to one.
type Text struct{}

// Parse implements Parser.
func (Text) Parse(f *File) (*Document, error) {
	if err := checkBinary(f); err != nil {
		return nil, err
	}
	doc := &Document{File: f, Format: string(FormatText)}
	src := f.Src
	start := 0
	if hasBOM(src) {
		start = len(bom)
	}
	b := newSpanBuilder(src)
	paraStart, paraEnd := -1, -1
	flush := func() {
		if paraStart >= 0 {
			b.verbatim(paraStart, paraEnd)
			doc.Spans = append(doc.Spans, b.span(Paragraph))
		}
		paraStart, paraEnd = -1, -1
	}
	for lineStart := start; lineStart < len(src); {
		lineEnd := lineStart
		for lineEnd < len(src) && src[lineEnd] != '\n' {
			lineEnd++
		}
		content := trimLineEnd(src, lineStart, lineEnd)
		if isBlank(src[lineStart:content]) {
			flush()
		} else {
			if paraStart < 0 {
				paraStart = lineStart
			}
			paraEnd = content
		}
		lineStart = lineEnd + 1
	}
	flush()
	return doc, nil
}

// trimLineEnd returns the end of a line's content, before any '\r'.
func trimLineEnd(src []byte, start, end int) int {
	if end > start && src[end-1] == '\r' {
		return end - 1
	}
	return end
}

func isBlank(line []byte) bool {
	for _, c := range line {
		if c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != '\v' {
			return false
		}
	}
	return true
}
