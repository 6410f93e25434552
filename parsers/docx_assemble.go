package parsers

import (
	"cmp"
	"encoding/xml"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// docxStyle is what the DOCX parser needs of a paragraph style.
type docxStyle struct {
	name, basedOn string
	outline       int  // w:outlineLvl in the style's own pPr, -1 when unset
	num           int8 // w:numPr in the style's own pPr, as docxPara.num
}

// docxStyles holds the paragraph styles of word/styles.xml by id.
type docxStyles struct {
	byID      map[string]*docxStyle
	defaultID string // the style of a paragraph that names none
}

func (s *docxStyles) parse(pkg *docxPackage, name string, data []byte) error {
	var cur *docxStyle
	var stack []string // local names of the open elements inside a style
	return pkg.walkXML(name, data, func(tok xml.Token) bool {
		switch e := tok.(type) {
		case xml.StartElement:
			if docxPrefix(e.Name.Space) != "w" {
				if cur != nil {
					stack = append(stack, "")
				}
				return false
			}
			if e.Name.Local == "style" {
				if t := attr(e, "w", "type"); t != "" && t != "paragraph" {
					return true // character, table and numbering styles
				}
				id := attr(e, "w", "styleId")
				cur = &docxStyle{outline: -1}
				if _, dup := s.byID[id]; !dup {
					s.byID[id] = cur
				}
				if on := attr(e, "w", "default"); (on == "1" || on == "true") && s.defaultID == "" {
					s.defaultID = id
				}
				stack = stack[:0]
				return false
			}
			if cur == nil {
				return false
			}
			if classifyDOCX(e.Name) == elSkip {
				return true
			}
			parent := ""
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
			}
			val := attr(e, "w", "val")
			switch {
			case parent == "" && e.Name.Local == "name":
				cur.name = val
			case parent == "" && e.Name.Local == "basedOn":
				cur.basedOn = val
			case parent == "pPr" && e.Name.Local == "outlineLvl":
				cur.outline = outlineLevel(val)
			case parent == "numPr" && e.Name.Local == "numId" && len(stack) == 2 && stack[0] == "pPr":
				cur.num = numState(val)
			}
			stack = append(stack, e.Name.Local)
		case xml.EndElement:
			if cur == nil {
				return false
			}
			if len(stack) == 0 {
				cur = nil // the end of the w:style
				return false
			}
			stack = stack[:len(stack)-1]
		}
		return false
	})
}

// classify decides a body paragraph's kind and heading level. The outline
// level decides whether a paragraph is a heading, as in Word's navigation
// pane: the paragraph's own, else its style's (inherited through
// w:basedOn), 9 meaning body text. A style without one is a heading by its
// name: "heading 1" to "heading 9", which Word writes in English whatever
// the language of its menus, or "Title". A style id that styles.xml does
// not define is read as a name, since hand-made files use "Heading1" and
// no styles part. A heading in a table is a heading; otherwise a table
// cell's paragraph is a cell even when numbered.
func (s *docxStyles) classify(p *docxPara) (Kind, int) {
	id := p.style
	if id == "" {
		id = s.defaultID
	}
	outline, num := p.outline, p.num
	name := id
	if st := s.byID[id]; st != nil {
		name = st.name
		// Follow w:basedOn for what the style does not say itself; a
		// cycle or a long chain stops after a few steps.
		for i := 0; st != nil && i < 32 && (outline < 0 || num == 0); i++ {
			if outline < 0 {
				outline = st.outline
			}
			if num == 0 {
				num = st.num
			}
			if st.basedOn == "" || st.basedOn == id {
				break
			}
			st = s.byID[st.basedOn]
		}
	}
	level := 0
	switch {
	case outline >= 0 && outline < 9:
		level = outline + 1
	case outline == 9:
	default:
		level = headingByName(name)
	}
	switch {
	case level > 0:
		return Heading, min(level, 6)
	case p.cell:
		return TableCell, 0
	case num > 0:
		return ListItem, 0
	}
	return Paragraph, 0
}

// headingByName reads a heading level from a style name: "heading 2",
// "Heading2", "Title".
func headingByName(name string) int {
	n := strings.ToLower(strings.TrimSpace(name))
	if n == "title" {
		return 1
	}
	rest, ok := strings.CutPrefix(n, "heading")
	if !ok {
		return 0
	}
	if lvl, err := strconv.Atoi(strings.TrimSpace(rest)); err == nil && lvl >= 1 && lvl <= 9 {
		return lvl
	}
	return 0
}

// docxNote is a footnote or endnote: its label in the extracted text and
// its paragraphs.
type docxNote struct {
	label string
	paras []*docxPara
}

// orderNotes puts the notes of a notes part in the order a reader meets
// them (that of their first reference in the body, which is how they are
// numbered), then any the body never refers to, in file order.
func orderNotes(w *docxWalker, refs []string, kind string) []docxNote {
	byID := map[string][]*docxPara{}
	var ids []string
	for i, n := range w.notes {
		end := len(w.paras)
		if i+1 < len(w.notes) {
			end = w.notes[i+1].first
		}
		if _, dup := byID[n.id]; dup || n.first > end {
			continue
		}
		byID[n.id] = w.paras[n.first:end]
		ids = append(ids, n.id)
	}
	var notes []docxNote
	add := func(id string) {
		paras, ok := byID[id]
		if !ok {
			return
		}
		delete(byID, id)
		label := fmt.Sprintf("%s%s %d: ", strings.ToUpper(kind[:1]), kind[1:], len(notes)+1)
		notes = append(notes, docxNote{label: label, paras: paras})
	}
	for _, id := range refs {
		add(id)
	}
	for _, id := range ids {
		add(id)
	}
	return notes
}

// assembleDOCX writes the extracted text, a blank line between
// paragraphs, and builds the document over it: one span per paragraph
// with prose, the headings, images (each at its U+FFFC) and links.
func assembleDOCX(name string, body []*docxPara, notes []docxNote, styles *docxStyles) *Document {
	type placed struct {
		p          *docxPara
		lo         int // bytes trimmed from the start of p.text
		start, end int // of the paragraph's own text in text
		note       bool
	}
	var (
		text   []byte
		starts []int
		laid   []placed
	)
	add := func(p *docxPara, label string, note bool) bool {
		lo, hi := trimSpaceRange(p.text)
		if lo == hi {
			return false
		}
		if len(text) > 0 {
			text = append(text, "\n\n"...)
		}
		starts = append(starts, len(text))
		text = append(text, label...)
		start := len(text)
		text = append(text, p.text[lo:hi]...)
		laid = append(laid, placed{p, lo, start, len(text), note})
		return true
	}
	for _, p := range body {
		add(p, "", false)
	}
	for _, n := range notes {
		label := n.label
		for _, p := range n.paras {
			// The label goes before the note's first paragraph with
			// text.
			if add(p, label, true) {
				label = ""
			}
		}
	}
	if len(text) > 0 {
		text = append(text, '\n')
	}
	doc := &Document{File: NewParagraphFile(name, text, starts), Format: string(FormatDOCX)}
	b := newSpanBuilder(text)
	for _, pl := range laid {
		kind, level := Paragraph, 0
		if !pl.note {
			kind, level = styles.classify(pl.p)
		}
		b.verbatim(pl.start, pl.end)
		if b.empty() {
			// Only images: numbered, but no prose to lint.
			b.text, b.segs = nil, nil
		} else {
			sp := b.span(kind)
			sp.Level = level
			doc.Spans = append(doc.Spans, sp)
		}
		if kind == Heading {
			doc.Headings = append(doc.Headings, HeadingInfo{Level: level, Start: pl.start, End: pl.end, Text: string(text[pl.start:pl.end])})
		}
		at := func(off int) int { return pl.start + max(0, min(off-pl.lo, pl.end-pl.start)) }
		for _, im := range pl.p.images {
			start := at(im.off)
			end := min(start+utf8.RuneLen(Boundary), pl.end)
			doc.Images = append(doc.Images, Image{Start: start, End: end, Alt: im.alt, Src: im.src, Decorative: im.decorative})
			// The description is prose of its own kind, as in Markdown
			// and HTML, mapped onto the image's U+FFFC.
			if alt := strings.TrimSpace(im.alt); alt != "" {
				doc.Spans = append(doc.Spans, Span{Kind: AltText, Text: alt,
					Segs: []Seg{{Text: 0, Src: start, Len: len(alt), SrcLen: end - start, Decoded: true}}})
			}
		}
		// Links are recorded as they close, so one inside another (a
		// w:hyperlink in a HYPERLINK field) comes first; the document
		// lists them by where they start.
		slices.SortStableFunc(pl.p.links, func(a, b docxLink) int { return cmp.Compare(a.start, b.start) })
		for _, l := range pl.p.links {
			start, end := at(l.start), at(l.end)
			doc.Links = append(doc.Links, Link{Start: start, End: end, TextStart: start, TextEnd: end,
				Text: string(text[start:end]), Dest: l.dest})
		}
	}
	if len(doc.Spans) == 0 {
		doc.Notices = append(doc.Notices, "the document has no text to lint")
	}
	return doc
}

// trimSpaceRange returns the range of b without the white space at its
// ends.
func trimSpaceRange(b []byte) (lo, hi int) {
	lo, hi = 0, len(b)
	for lo < hi && isSpaceByte(b[lo]) {
		lo++
	}
	for hi > lo && isSpaceByte(b[hi-1]) {
		hi--
	}
	return lo, hi
}
