package parsers

import (
	"encoding/xml"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Namespaces of the elements the DOCX parser reads. Strict Open XML (ISO
// 29500 strict) uses other URIs for the same vocabularies, and a part that
// uses a prefix without declaring it gets the bare prefix as its space;
// reading those as the usual prefixes costs nothing.
func docxPrefix(space string) string {
	switch space {
	case "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
		"http://purl.oclc.org/ooxml/wordprocessingml/main", "w":
		return "w"
	case "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
		"http://purl.oclc.org/ooxml/officeDocument/relationships", "r":
		return "r"
	case "http://schemas.openxmlformats.org/markup-compatibility/2006", "mc":
		return "mc"
	case "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
		"http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing", "wp":
		return "wp"
	case "http://schemas.openxmlformats.org/drawingml/2006/main",
		"http://purl.oclc.org/ooxml/drawingml/main", "a":
		return "a"
	case "urn:schemas-microsoft-com:vml", "v":
		return "v"
	case "urn:schemas-microsoft-com:office:office", "o":
		return "o"
	}
	return ""
}

// docxElem is what the walker makes of an element.
type docxElem uint8

const (
	elOther docxElem = iota
	elSkip           // not read at all, nor anything inside
	elP
	elPPr
	elPStyle
	elNumPr
	elNumID
	elOutline
	elT
	elInstr
	elTab
	elBreak
	elHyphen
	elFldChar
	elFldSimple
	elHyperlink
	elCell
	elTextBox
	elDrawing
	elDocPr
	elBlip
	elDecorative
	elPict
	elImageData
	elAltContent
	elChoice
	elFallback
	elNote
	elNoteRef
)

func classifyDOCX(n xml.Name) docxElem {
	pre := docxPrefix(n.Space)
	if n.Local == "decorative" {
		// Word's "mark as decorative" extension, whatever prefix the
		// writer bound its namespace to.
		return elDecorative
	}
	switch pre {
	case "w":
		switch n.Local {
		case "p":
			return elP
		case "pPr":
			return elPPr
		case "pStyle":
			return elPStyle
		case "numPr":
			return elNumPr
		case "numId":
			return elNumID
		case "outlineLvl":
			return elOutline
		case "t":
			return elT
		case "instrText":
			return elInstr
		case "tab", "ptab":
			return elTab
		case "br", "cr":
			return elBreak
		case "noBreakHyphen":
			return elHyphen
		case "fldChar":
			return elFldChar
		case "fldSimple":
			return elFldSimple
		case "hyperlink":
			return elHyperlink
		case "tc":
			return elCell
		case "txbxContent":
			return elTextBox
		case "drawing":
			return elDrawing
		case "pict", "object":
			return elPict
		case "footnote", "endnote":
			return elNote
		case "footnoteReference", "endnoteReference":
			return elNoteRef
		case "del", "moveFrom", "delText", "delInstrText", "rPr", "pPrChange", "tabs",
			"sectPr", "sdtPr", "sdtEndPr", "tblPr", "tblGrid", "trPr", "tcPr",
			"fldData", "footnotePr", "endnotePr", "customXmlPr", "smartTagPr":
			// Deleted text, and properties, which hold no text (w:tabs
			// holds tab stops, whose w:tab is not a tab character).
			return elSkip
		}
	case "mc":
		switch n.Local {
		case "AlternateContent":
			return elAltContent
		case "Choice":
			return elChoice
		case "Fallback":
			return elFallback
		}
	case "wp":
		if n.Local == "docPr" {
			return elDocPr
		}
	case "a":
		if n.Local == "blip" {
			return elBlip
		}
	case "v":
		if n.Local == "imagedata" {
			return elImageData
		}
	}
	return elOther
}

// docxPara is one paragraph as the walker reads it: its text and what it
// says about itself in its properties.
type docxPara struct {
	text    []byte
	style   string // w:pStyle, "" when none
	num     int8   // w:numPr: 1 numbered, -1 numbering turned off, 0 unset
	outline int    // w:outlineLvl, -1 when unset
	cell    bool   // directly inside a table cell
	images  []docxImage
	links   []docxLink
}

// docxImage is an image at offset off of its paragraph's text, where its
// U+FFFC stands.
type docxImage struct {
	off        int
	alt, src   string
	decorative bool
}

type docxLink struct {
	start, end int
	dest       string
}

// docxDrawing is a w:drawing, w:pict or w:object being read.
type docxDrawing struct {
	para         *docxPara
	vml          bool // w:pict or w:object
	alt, title   string
	src          string
	decorative   bool
	textBox      bool
	hasImageData bool // VML: an image rather than a shape
	inCode       bool // it began inside a field code
}

// docxField is a complex field (w:fldChar begin … separate … end): its
// code is not text, its result is.
type docxField struct {
	code  bool
	instr []byte
	link  *docxOpenLink
}

// docxOpenLink is a hyperlink being read; para is nil when its text is
// not read (it is inside a field code or outside any paragraph).
type docxOpenLink struct {
	para  *docxPara
	start int
	dest  string
}

// docxWalker reads one part (the document, footnotes or endnotes) into
// paragraphs, in the order they start: a text box's paragraphs, which sit
// inside a run of the paragraph that anchors them, come right after it.
type docxWalker struct {
	pkg   *docxPackage
	rels  map[string]docxRel // the part's relationships by id
	stack []docxElem
	paras []*docxPara
	open  []*docxPara
	// containers holds the open table cells and text boxes; a paragraph
	// is a table cell's when the innermost is a cell.
	containers []docxElem
	pPr        *docxPara // the paragraph whose properties are being read
	fields     []docxField
	codeFields int // fields in the stack still in their code
	links      []docxOpenLink
	drawings   []docxDrawing
	alts       []bool // per open mc:AlternateContent: a branch was taken
	// refs lists the notes the text refers to, by kind ("footnote")
	// and in order of first reference.
	refs map[string][]string
	// notes holds, for a notes part, the id of each note and the index
	// of its first paragraph.
	notes  []docxNoteStart
	noteOf string // "footnote" or "endnote" when walking a notes part
}

type docxNoteStart struct {
	id    string
	first int
}

// walk reads a part into paragraphs.
func (p *docxPackage) walk(name string, limit int64, noteKind string) (*docxWalker, error) {
	data, err := p.read(name, limit)
	if err != nil {
		return nil, err
	}
	rels := p.rels
	if name != p.main {
		if rels, err = p.partRels(name); err != nil {
			return nil, err
		}
	}
	w := &docxWalker{pkg: p, rels: rels, refs: map[string][]string{}, noteOf: noteKind}
	err = p.walkXML(name, data, func(tok xml.Token) bool {
		switch tok := tok.(type) {
		case xml.StartElement:
			return w.start(tok)
		case xml.EndElement:
			w.end()
		case xml.CharData:
			w.chars(tok)
		}
		return false
	})
	return w, err
}

func (w *docxWalker) cur() *docxPara {
	if len(w.open) == 0 {
		return nil
	}
	return w.open[len(w.open)-1]
}

// reading reports whether text seen now is text of the current paragraph:
// there is one, and no field code is being read.
func (w *docxWalker) reading() *docxPara {
	if w.codeFields > 0 {
		return nil
	}
	return w.cur()
}

func (w *docxWalker) parent() docxElem {
	if len(w.stack) == 0 {
		return elOther
	}
	return w.stack[len(w.stack)-1]
}

func attr(e xml.StartElement, prefix, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local && docxPrefix(a.Name.Space) == prefix {
			return a.Value
		}
	}
	return ""
}

// start handles a start element; it returns true to skip the element and
// all it holds (then end is not called for it).
func (w *docxWalker) start(e xml.StartElement) bool {
	el := classifyDOCX(e.Name)
	parent := w.parent()
	switch el {
	case elSkip:
		return true
	case elP:
		p := &docxPara{outline: -1}
		if n := len(w.containers); n > 0 && w.containers[n-1] == elCell {
			p.cell = true
		}
		w.paras = append(w.paras, p)
		w.open = append(w.open, p)
	case elPPr:
		if parent == elP {
			w.pPr = w.cur()
		}
	case elPStyle:
		if parent == elPPr && w.pPr != nil {
			w.pPr.style = attr(e, "w", "val")
		}
	case elNumID:
		if parent == elNumPr && w.pPr != nil && len(w.stack) >= 2 && w.stack[len(w.stack)-2] == elPPr {
			w.pPr.num = numState(attr(e, "w", "val"))
		}
	case elOutline:
		if parent == elPPr && w.pPr != nil {
			w.pPr.outline = outlineLevel(attr(e, "w", "val"))
		}
	case elTab:
		if parent != elPPr {
			w.text("\t")
		}
	case elBreak:
		w.text("\n")
	case elHyphen:
		w.text("-")
	case elFldChar:
		w.fieldChar(attr(e, "w", "fldCharType"))
	case elFldSimple:
		l := docxOpenLink{}
		if dest, ok := hyperlinkField(attr(e, "w", "instr")); ok {
			l = w.openLink(dest)
		}
		w.links = append(w.links, l)
	case elHyperlink:
		w.links = append(w.links, w.openLink(w.hyperlinkDest(e)))
	case elCell, elTextBox:
		w.containers = append(w.containers, el)
		if n := len(w.drawings); el == elTextBox && n > 0 {
			w.drawings[n-1].textBox = true
		}
	case elDrawing, elPict:
		w.drawings = append(w.drawings, docxDrawing{para: w.cur(), vml: el == elPict, inCode: w.codeFields > 0})
	case elDocPr:
		if d := w.drawing(); d != nil && !d.vml {
			d.alt, d.title = attr(e, "", "descr"), attr(e, "", "title")
		}
	case elDecorative:
		if d := w.drawing(); d != nil {
			switch attr(e, "", "val") {
			case "1", "true", "on":
				d.decorative = true
			}
		}
	case elBlip:
		if d := w.drawing(); d != nil && d.src == "" {
			d.src = w.relTarget(attr(e, "r", "embed"), attr(e, "r", "link"))
		}
	case elImageData:
		if d := w.drawing(); d != nil {
			d.hasImageData = true
			if d.src == "" {
				d.src = w.relTarget(attr(e, "r", "id"), attr(e, "o", "relid"))
			}
			if d.title == "" {
				d.title = attr(e, "o", "title")
			}
		}
	case elAltContent:
		w.alts = append(w.alts, false)
	case elChoice, elFallback:
		// Of mc:AlternateContent's branches, which all show the same
		// content, only the first is read: the first mc:Choice if there
		// is one, else the mc:Fallback. Word puts a DrawingML w:drawing
		// in the Choice and its VML rendering in the Fallback; the
		// Choice is the one whose wp:docPr carries the description and
		// the decorative mark, and a text box's w:txbxContent is the
		// same in both.
		if parent != elAltContent || len(w.alts) == 0 {
			break
		}
		if w.alts[len(w.alts)-1] {
			return true
		}
		w.alts[len(w.alts)-1] = true
	case elNote:
		if w.noteOf == "" || e.Name.Local != w.noteOf {
			return true
		}
		switch attr(e, "w", "type") {
		case "separator", "continuationSeparator", "continuationNotice":
			// The rule above the notes, not a note.
			return true
		}
		w.notes = append(w.notes, docxNoteStart{id: attr(e, "w", "id"), first: len(w.paras)})
	case elNoteRef:
		kind := strings.TrimSuffix(e.Name.Local, "Reference")
		w.refs[kind] = append(w.refs[kind], attr(e, "w", "id"))
	}
	// Any other element in the v namespace can carry the alternative
	// text of a VML image: v:shape alt="…".
	if docxPrefix(e.Name.Space) == "v" {
		if d := w.drawing(); d != nil && d.vml && d.alt == "" {
			d.alt = attr(e, "", "alt")
		}
	}
	w.stack = append(w.stack, el)
	return false
}

func (w *docxWalker) end() {
	if len(w.stack) == 0 {
		return
	}
	el := w.stack[len(w.stack)-1]
	w.stack = w.stack[:len(w.stack)-1]
	switch el {
	case elP:
		if n := len(w.open); n > 0 {
			if w.pPr == w.open[n-1] {
				w.pPr = nil
			}
			w.open = w.open[:n-1]
		}
	case elPPr:
		if w.parent() == elP {
			w.pPr = nil
		}
	case elFldSimple, elHyperlink:
		if n := len(w.links); n > 0 {
			w.closeLink(w.links[n-1])
			w.links = w.links[:n-1]
		}
	case elCell, elTextBox:
		if n := len(w.containers); n > 0 {
			w.containers = w.containers[:n-1]
		}
	case elDrawing, elPict:
		if n := len(w.drawings); n > 0 {
			d := w.drawings[n-1]
			w.drawings = w.drawings[:n-1]
			w.placeImage(d)
		}
	case elAltContent:
		if n := len(w.alts); n > 0 {
			w.alts = w.alts[:n-1]
		}
	}
}

// chars handles character data: the text of a w:t, or the code of a
// field being read.
func (w *docxWalker) chars(b []byte) {
	switch w.parent() {
	case elInstr:
		// The code of the innermost field, kept to recognize a
		// HYPERLINK field; it is never text.
		if n := len(w.fields); n > 0 && w.fields[n-1].code && len(w.fields[n-1].instr) < 4096 {
			w.fields[n-1].instr = append(w.fields[n-1].instr, b...)
		}
		return
	case elT:
	default:
		return
	}
	// A line inside a paragraph comes from w:br or w:cr; a line break
	// typed into w:t is white space, as Word shows it.
	w.text(strings.ReplaceAll(string(b), "\n", " "))
}

// text appends s to the current paragraph, unless it is field code.
func (w *docxWalker) text(s string) {
	if p := w.reading(); p != nil {
		p.text = append(p.text, s...)
	}
}

func (w *docxWalker) drawing() *docxDrawing {
	if len(w.drawings) == 0 {
		return nil
	}
	return &w.drawings[len(w.drawings)-1]
}

// placeImage records a finished drawing as an image of the paragraph it
// sits in, with a U+FFFC for it in the text. A text box is no image (its
// paragraphs were read), nor is a VML shape that shows no picture.
func (w *docxWalker) placeImage(d docxDrawing) {
	p := w.reading()
	if d.textBox || (d.vml && !d.hasImageData) || d.inCode || p == nil || p != d.para {
		return
	}
	alt := d.alt
	if strings.TrimSpace(alt) == "" {
		alt = d.title
	}
	p.images = append(p.images, docxImage{off: len(p.text), alt: alt, src: d.src, decorative: d.decorative})
	p.text = utf8.AppendRune(p.text, Boundary)
}

// fieldChar follows a complex field through its begin, separate and end
// marks. Fields nest; text is dropped while any open field is in its code.
func (w *docxWalker) fieldChar(typ string) {
	n := len(w.fields)
	switch typ {
	case "begin":
		w.fields = append(w.fields, docxField{code: true})
		w.codeFields++
	case "separate":
		if n == 0 || !w.fields[n-1].code {
			return
		}
		f := &w.fields[n-1]
		f.code = false
		w.codeFields--
		if dest, ok := hyperlinkField(string(f.instr)); ok {
			l := w.openLink(dest)
			f.link = &l
		}
	case "end":
		if n == 0 {
			return
		}
		f := w.fields[n-1]
		w.fields = w.fields[:n-1]
		if f.code {
			w.codeFields--
		}
		if f.link != nil {
			w.closeLink(*f.link)
		}
	}
}

func (w *docxWalker) openLink(dest string) docxOpenLink {
	l := docxOpenLink{para: w.reading(), dest: dest}
	if l.para != nil {
		l.start = len(l.para.text)
	}
	return l
}

// closeLink records a link that ends in the paragraph it began in.
func (w *docxWalker) closeLink(l docxOpenLink) {
	if l.para == nil || w.cur() != l.para || l.start > len(l.para.text) {
		return
	}
	l.para.links = append(l.para.links, docxLink{start: l.start, end: len(l.para.text), dest: l.dest})
}

// hyperlinkDest resolves a w:hyperlink's destination: its relationship's
// target, and its bookmark as a fragment.
func (w *docxWalker) hyperlinkDest(e xml.StartElement) string {
	dest := w.relTarget(attr(e, "r", "id"))
	if anchor := attr(e, "w", "anchor"); anchor != "" {
		dest += "#" + anchor
	}
	return dest
}

// relTarget returns the target of the first of ids that names a
// relationship of the part, or "".
func (w *docxWalker) relTarget(ids ...string) string {
	for _, id := range ids {
		if r, ok := w.rels[id]; ok && id != "" {
			return r.Target
		}
	}
	return ""
}

// numState reads a w:numId: "0" turns numbering off, anything else on.
func numState(val string) int8 {
	if strings.TrimSpace(val) == "0" {
		return -1
	}
	return 1
}

// outlineLevel reads a w:outlineLvl value (0–9, 9 meaning body text), or
// -1 when it is not a number.
func outlineLevel(val string) int {
	n, err := strconv.Atoi(strings.TrimSpace(val))
	if err != nil || n < 0 {
		return -1
	}
	return min(n, 9)
}

// hyperlinkField reads the code of a HYPERLINK field: HYPERLINK "url" or
// HYPERLINK \l "bookmark", with switches such as \o "tip" around.
func hyperlinkField(instr string) (dest string, ok bool) {
	args := fieldArgs(instr)
	if len(args) == 0 || !strings.EqualFold(args[0], "HYPERLINK") {
		return "", false
	}
	var url, anchor string
	for i := 1; i < len(args); i++ {
		switch a := args[i]; {
		case a == `\l` && i+1 < len(args):
			anchor = args[i+1]
			i++
		case (a == `\o` || a == `\t`) && i+1 < len(args):
			i++ // a tooltip or a target frame
		case strings.HasPrefix(a, `\`):
		case url == "":
			url = a
		}
	}
	if anchor != "" {
		url += "#" + anchor
	}
	return url, true
}

// fieldArgs splits a field code into words, a quoted string being one.
func fieldArgs(s string) []string {
	var args []string
	for {
		s = strings.TrimLeft(s, " \t\r\n")
		if s == "" {
			return args
		}
		if s[0] == '"' {
			end := strings.IndexByte(s[1:], '"')
			if end < 0 {
				return append(args, s[1:])
			}
			args = append(args, s[1:1+end])
			s = s[2+end:]
			continue
		}
		end := strings.IndexAny(s, " \t\r\n")
		if end < 0 {
			return append(args, s)
		}
		args = append(args, s[:end])
		s = s[end:]
	}
}
