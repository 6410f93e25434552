package parsers

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
)

// DOCX extracts the text of a Word document (Office Open XML, .docx) and
// lints it as prose. The extracted text becomes the Document's File, so
// positions are paragraphs of extracted text ("handbook.docx:para14:5").
//
// The extracted text reads like a plain-text file: one paragraph per line
// (a line break inside a paragraph, w:br or w:cr, stays a line break, and a
// tab stays a tab), paragraphs separated by a blank line, the body first
// and then the footnotes and endnotes, each note opening with a label such
// as "Footnote 1: ". Every paragraph with text is numbered: headings, list
// items, table cells and the paragraphs of text boxes and notes alike. An
// empty paragraph leaves no trace.
//
// A paragraph's runs are joined, so "The <b>chair</b>man" is one word
// again. What a reader of the document sees is read: tracked insertions,
// the contents of hyperlinks, content controls (w:sdt) and smart tags, and
// the results of fields. What a reader does not see is not: tracked
// deletions, field codes (w:instrText and whatever sits between a field's
// begin and separate marks), the properties of paragraphs and runs, and
// every mc:AlternateContent branch but the first (see docxWalker.start).
//
// An image (w:drawing, or a VML w:pict or w:object holding v:imagedata)
// becomes the object replacement character U+FFFC in the extracted text,
// so it has a place a finding can point at; in the paragraph's span it is
// a Boundary that no phrase crosses. A paragraph holding nothing but images
// is numbered but makes no span. A drawing that is a text box is not an
// image: its paragraphs are read as paragraphs and follow the paragraph
// that anchors them.
//
// Headers, footers and comments are not read, nor math (m:oMath), nor text
// drawn as DrawingML shapes (a:t: WordArt, SmartArt); hidden text (w:vanish)
// is read like any other text.
type DOCX struct{}

// docxLimits bounds what a DOCX may make ally read, so a zip bomb or a
// malformed archive ends in an error rather than exhausting memory. The
// limits are a variable so tests can lower them.
type docxLimits struct {
	entries  int   // zip entries in the archive
	document int64 // uncompressed bytes of the main document part
	part     int64 // uncompressed bytes of any other part read
	depth    int   // nesting of XML elements
}

var docxMax = docxLimits{entries: 10_000, document: 64 << 20, part: 16 << 20, depth: 10_000}

// oleMagic opens an OLE compound file: a legacy .doc, or a .docx that
// Word encrypted with a password (it wraps the package in one).
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// Parse implements Parser.
func (DOCX) Parse(f *File) (*Document, error) {
	pkg, err := openDOCX(f.Name, f.Src)
	if err != nil {
		return nil, err
	}
	styles := &docxStyles{byID: map[string]*docxStyle{}}
	if name := pkg.related("styles"); name != "" {
		data, err := pkg.read(name, docxMax.part)
		if err != nil {
			return nil, err
		}
		if err := styles.parse(pkg, name, data); err != nil {
			return nil, err
		}
	}
	body, err := pkg.walk(pkg.main, docxMax.document, "")
	if err != nil {
		return nil, err
	}
	var notes []docxNote
	for _, kind := range [...]string{"footnote", "endnote"} {
		name := pkg.related(kind + "s")
		if name == "" {
			continue
		}
		w, err := pkg.walk(name, docxMax.part, kind)
		if err != nil {
			return nil, err
		}
		notes = append(notes, orderNotes(w, body.refs[kind], kind)...)
	}
	doc := assembleDOCX(f.Name, body.paras, notes, styles)
	doc.File.setSections(doc)
	return doc, nil
}

// docxPackage is an opened .docx: its zip entries by lower-case name (part
// names in a package are case-insensitive), the main document part and its
// relationships.
type docxPackage struct {
	file  string // the user's file name, for errors
	parts map[string]*zip.File
	main  string
	rels  map[string]docxRel // the main part's relationships by id
}

// docxRel is one relationship of a part: its type (the last element of the
// type URI: "styles", "image", "hyperlink") and target.
type docxRel struct {
	Type, Target string
	External     bool
}

func openDOCX(name string, src []byte) (*docxPackage, error) {
	if bytes.HasPrefix(src, oleMagic) {
		return nil, fmt.Errorf("%s: encrypted or legacy Word file (.doc): ally reads only unprotected .docx; remove the password, or save it as .docx in Word, and lint that", name)
	}
	if !bytes.HasPrefix(src, []byte("PK")) {
		return nil, fmt.Errorf("%s: not a DOCX file (it is not a zip archive): is it an older .doc, or another format renamed .docx? Save it as .docx in Word", name)
	}
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	// ErrInsecurePath only says that an entry name would escape a
	// directory if the archive were extracted; ally extracts nothing.
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, fmt.Errorf("%s: damaged DOCX: its zip archive cannot be read (%v); download it again, or open it in Word and save a new copy", name, err)
	}
	if len(zr.File) > docxMax.entries {
		return nil, fmt.Errorf("%s: the zip archive holds %d entries, more than the %d a DOCX needs; refusing to read it (zip bomb?)", name, len(zr.File), docxMax.entries)
	}
	pkg := &docxPackage{file: name, parts: make(map[string]*zip.File, len(zr.File))}
	for _, zf := range zr.File {
		key := partKey(zf.Name)
		if _, dup := pkg.parts[key]; !dup {
			pkg.parts[key] = zf
		}
	}
	// The package relationships name the main part; it is
	// word/document.xml in practice, but not by rule.
	pkg.main = "word/document.xml"
	if data, err := pkg.read("_rels/.rels", docxMax.part); err == nil {
		rels, err := pkg.parseRels("_rels/.rels", "", data)
		if err != nil {
			return nil, err
		}
		for _, r := range rels {
			if r.Type == "officeDocument" && !r.External && pkg.parts[partKey(r.Target)] != nil {
				pkg.main = r.Target
				break
			}
		}
	} else if pkg.parts["_rels/.rels"] != nil {
		return nil, err
	}
	if pkg.parts[partKey(pkg.main)] == nil {
		return nil, fmt.Errorf("%s: not a DOCX file (no word/document.xml): is it an older .doc? Save it as .docx", name)
	}
	if pkg.rels, err = pkg.partRels(pkg.main); err != nil {
		return nil, err
	}
	return pkg, nil
}

// partRels reads the relationships of a part (word/document.xml's are in
// word/_rels/document.xml.rels); a part without any has none.
func (p *docxPackage) partRels(part string) (map[string]docxRel, error) {
	name := path.Join(path.Dir(part), "_rels", path.Base(part)+".rels")
	if p.parts[partKey(name)] == nil {
		return map[string]docxRel{}, nil
	}
	data, err := p.read(name, docxMax.part)
	if err != nil {
		return nil, err
	}
	return p.parseRels(name, path.Dir(part), data)
}

// partKey normalizes a part name for lookup: no leading slash, forward
// slashes, lower case.
func partKey(name string) string {
	return strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(name, `\`, "/"), "/"))
}

// related returns the part the main document relates to with the given
// type ("styles", "footnotes"), falling back to the name Word gives it, or
// "" when the package has none.
func (p *docxPackage) related(typ string) string {
	for _, r := range p.rels {
		if r.Type == typ && !r.External && p.parts[partKey(r.Target)] != nil {
			return r.Target
		}
	}
	if name := path.Join(path.Dir(p.main), typ+".xml"); p.parts[partKey(name)] != nil {
		return name
	}
	return ""
}

// read returns the uncompressed bytes of a part, refusing to read past
// limit whatever the zip header claims.
func (p *docxPackage) read(name string, limit int64) ([]byte, error) {
	zf := p.parts[partKey(name)]
	if zf == nil {
		return nil, fmt.Errorf("%s: damaged DOCX: part %s is missing; open it in Word and save a new copy", p.file, name)
	}
	tooBig := func() error {
		return fmt.Errorf("%s: %s expands past %s; refusing to read it (zip bomb?)", p.file, name, byteSize(limit))
	}
	if zf.UncompressedSize64 > uint64(limit) {
		return nil, tooBig()
	}
	rc, err := zf.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: damaged DOCX: cannot open %s (%v); open it in Word and save a new copy", p.file, name, err)
	}
	defer rc.Close()
	// The header's size can lie; the limit on what is actually read
	// cannot.
	data, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: damaged DOCX: cannot decompress %s (%v); open it in Word and save a new copy", p.file, name, err)
	}
	if int64(len(data)) > limit {
		return nil, tooBig()
	}
	return data, nil
}

// byteSize writes a limit for people: "64 MiB", or bytes when it is not a
// whole number of MiB (as tests set it).
func byteSize(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// parseRels reads a relationships part. Targets of internal
// relationships are resolved against dir, the folder of the part they
// belong to, to a part name.
func (p *docxPackage) parseRels(name, dir string, data []byte) (map[string]docxRel, error) {
	rels := map[string]docxRel{}
	err := p.walkXML(name, data, func(tok xml.Token) bool {
		e, ok := tok.(xml.StartElement)
		if !ok || e.Name.Local != "Relationship" {
			return false
		}
		var id string
		var r docxRel
		for _, a := range e.Attr {
			switch a.Name.Local {
			case "Id":
				id = a.Value
			case "Type":
				r.Type = a.Value[strings.LastIndexByte(a.Value, '/')+1:]
			case "Target":
				r.Target = a.Value
			case "TargetMode":
				r.External = strings.EqualFold(a.Value, "External")
			}
		}
		if !r.External {
			if strings.HasPrefix(r.Target, "/") {
				r.Target = strings.TrimPrefix(r.Target, "/")
			} else {
				r.Target = path.Join(dir, r.Target)
			}
		}
		if _, dup := rels[id]; !dup {
			rels[id] = r
		}
		return false
	})
	return rels, err
}

// walkXML decodes a part token by token, handing each to fn; when fn
// returns true for a start element, its whole subtree is skipped. It
// counts the nesting itself, without recursion, so no input can exhaust
// the stack, and it refuses nesting deeper than any real document has.
func (p *docxPackage) walkXML(part string, data []byte, fn func(xml.Token) (skip bool)) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	depth, skip := 0, 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return p.xmlError(part, d, err)
		}
		switch tok.(type) {
		case xml.StartElement:
			if depth++; depth > docxMax.depth {
				line, _ := d.InputPos()
				return fmt.Errorf("%s: %s line %d: elements nested more than %d deep; refusing to read it (damaged or hostile file)", p.file, part, line, docxMax.depth)
			}
			if skip > 0 {
				skip++
				continue
			}
			if fn(tok) {
				skip = 1
			}
			continue
		case xml.EndElement:
			depth--
			if skip > 0 {
				skip--
				continue
			}
		}
		if skip == 0 {
			fn(tok)
		}
	}
}

// xmlError says which part is damaged and where.
func (p *docxPackage) xmlError(part string, d *xml.Decoder, err error) error {
	const fix = "the file is damaged: open it in Word and save a new copy"
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("%s: %s line %d: malformed XML (%s); %s", p.file, part, se.Line, se.Msg, fix)
	}
	line, _ := d.InputPos()
	return fmt.Errorf("%s: %s line %d: %v; %s", p.file, part, line, err, fix)
}
