package parsers

import "unicode/utf8"

// spanBuilder accumulates the text of one span and the segments that map it
// back to the source, merging neighbouring verbatim runs so a plain
// paragraph ends up as a single segment.
type spanBuilder struct {
	src  []byte
	text []byte
	segs []Seg
}

func newSpanBuilder(src []byte) *spanBuilder { return &spanBuilder{src: src} }

// verbatim appends src[start:end] as it is.
func (b *spanBuilder) verbatim(start, end int) {
	if end <= start {
		return
	}
	if n := len(b.segs); n > 0 {
		last := &b.segs[n-1]
		if last.Verbatim() && last.Src+last.SrcLen == start && last.Text+last.Len == len(b.text) {
			last.Len += end - start
			last.SrcLen += end - start
			b.text = append(b.text, b.src[start:end]...)
			return
		}
	}
	b.segs = append(b.segs, Seg{Text: len(b.text), Src: start, Len: end - start, SrcLen: end - start})
	b.text = append(b.text, b.src[start:end]...)
}

// decoded appends text that stands for src[start:end] but differs from it:
// a resolved entity, an unescaped character, a line break read as a space.
func (b *spanBuilder) decoded(text string, start, end int) {
	if text == string(b.src[start:end]) {
		b.verbatim(start, end)
		return
	}
	b.segs = append(b.segs, Seg{Text: len(b.text), Src: start, Len: len(text), SrcLen: end - start, Decoded: true})
	b.text = append(b.text, text...)
}

// boundary appends a Boundary character standing for src[start:end], which
// is not prose (inline code, raw HTML, a URL).
func (b *spanBuilder) boundary(start, end int) {
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], Boundary)
	b.decoded(string(buf[:n]), start, end)
}

// dropLast removes the last n bytes of text, which must lie in the last
// segment and be verbatim (a hyphen at a line break that turns out to
// split a word).
func (b *spanBuilder) dropLast(n int) {
	last := &b.segs[len(b.segs)-1]
	last.Len -= n
	last.SrcLen -= n
	b.text = b.text[:len(b.text)-n]
	if last.Len == 0 {
		b.segs = b.segs[:len(b.segs)-1]
	}
}

// empty reports whether nothing but boundaries and white space was added.
func (b *spanBuilder) empty() bool {
	for _, r := range string(b.text) {
		if r != Boundary && r != ' ' && r != '\t' && r != '\n' && r != '\r' {
			return false
		}
	}
	return true
}

// span returns the finished span and resets the builder for the next one.
func (b *spanBuilder) span(kind Kind) Span {
	sp := Span{Kind: kind, Text: string(b.text), Segs: b.segs}
	b.text, b.segs = nil, nil
	return sp
}
