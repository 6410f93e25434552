package parsers

import (
	"errors"
	"math"
	"strings"

	"github.com/ledongthuc/pdf"
)

// glyph is one character drawn on a page, in PDF user space: X grows to the
// right, Y grows upwards, Size is the rendered font size in points and W the
// advance the glyph takes.
type glyph struct {
	S       string
	X, Y, W float64
	Size    float64
	Bold    bool
}

// pdfFont is what layout needs of a font: how to turn its codes into text
// and how far each code advances.
type pdfFont struct {
	enc     pdf.TextEncoding
	twoByte bool // Type0 (composite) fonts use two-byte codes
	first   int
	widths  []float64       // simple fonts: by code - first
	cid     map[int]float64 // composite fonts: by CID
	dflt    float64         // width of a code with no entry, in 1/1000 em
	bold    bool
	// decoded caches the text of each code, since a font's encoder is
	// slow and a page repeats the same few codes thousands of times.
	decoded map[int]string
}

func newPDFFont(v pdf.Value) *pdfFont {
	f := &pdfFont{dflt: 500, decoded: map[int]string{}}
	pf := pdf.Font{V: v}
	f.enc = pf.Encoder()
	name := strings.ToLower(v.Key("BaseFont").Name())
	f.bold = strings.Contains(name, "bold") || strings.Contains(name, "black") || strings.Contains(name, "heavy")
	if v.Key("Subtype").Name() == "Type0" {
		f.twoByte = true
		desc := v.Key("DescendantFonts").Index(0)
		f.dflt = 1000
		if dw := desc.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
			f.dflt = dw.Float64()
		}
		f.cid = parseCIDWidths(desc.Key("W"))
		return f
	}
	f.first = int(v.Key("FirstChar").Int64())
	ws := v.Key("Widths")
	f.widths = make([]float64, ws.Len())
	for i := range f.widths {
		f.widths[i] = ws.Index(i).Float64()
	}
	return f
}

// parseCIDWidths reads a composite font's W array, which mixes two forms:
// "c [w1 w2 …]" gives widths from CID c on, and "c1 c2 w" gives one width
// to a range.
func parseCIDWidths(w pdf.Value) map[int]float64 {
	out := map[int]float64{}
	for i := 0; i+1 < w.Len(); {
		first := int(w.Index(i).Int64())
		next := w.Index(i + 1)
		if next.Kind() == pdf.Array {
			for k := 0; k < next.Len() && k < 1<<16; k++ {
				out[first+k] = next.Index(k).Float64()
			}
			i += 2
			continue
		}
		if i+2 >= w.Len() {
			break
		}
		last, width := int(next.Int64()), w.Index(i+2).Float64()
		for c := first; c <= last && c-first < 1<<16; c++ {
			out[c] = width
		}
		i += 3
	}
	return out
}

func (f *pdfFont) width(code int) float64 {
	if f.twoByte {
		if w, ok := f.cid[code]; ok {
			return w
		}
		return f.dflt
	}
	if i := code - f.first; i >= 0 && i < len(f.widths) && f.widths[i] > 0 {
		return f.widths[i]
	}
	return f.dflt
}

func (f *pdfFont) text(code int, raw string) string {
	if s, ok := f.decoded[code]; ok {
		return s
	}
	s := f.enc.Decode(raw)
	f.decoded[code] = s
	return s
}

// matrix is a PDF transformation matrix [a b c d e f] as rows of 3.
type matrix [3][3]float64

var identity = matrix{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}

func (m matrix) mul(n matrix) matrix {
	var out matrix
	for i := range 3 {
		for j := range 3 {
			for k := range 3 {
				out[i][j] += m[i][k] * n[k][j]
			}
		}
	}
	return out
}

func matrixFrom(args []pdf.Value) matrix {
	m := identity
	for i := range 6 {
		m[i/2][i%2] = args[i].Float64()
	}
	return m
}

// textState is the part of the graphics state that places text.
type textState struct {
	ctm, tm, tlm         matrix
	charSpace, wordSpace float64
	scale, leading, rise float64
	font                 *pdfFont
	size                 float64
}

// Limits on one page's work. Form XObjects can nest and repeat, so a small
// hostile file could otherwise ask for billions of glyphs.
const (
	maxFormDepth  = 8
	maxFormCalls  = 10_000
	maxPageGlyphs = 2_000_000
)

// pageBudget counts the work done on a page against those limits.
type pageBudget struct{ forms int }

// errPageTooLarge stops a page that exceeds its budget; readPage turns it
// into a notice about that page.
var errPageTooLarge = errors.New("the page draws more text than any real page (over 2 million characters or 10,000 form objects)")

// pageGlyphs interprets a page's content streams and returns every glyph
// drawn, with positions worked out from the fonts' own widths. (The PDF
// library's Content method ignores composite-font widths, so every glyph
// of a Type0 font, which is what browsers and word processors write, would
// land on the same spot.)
func pageGlyphs(page pdf.Page) []glyph {
	var out []glyph
	contents := page.V.Key("Contents")
	if contents.Kind() == pdf.Null {
		return nil
	}
	interpretContent(contents, page.Resources(), identity, 0, &pageBudget{}, &out)
	return out
}

func interpretContent(strm, resources pdf.Value, ctm matrix, depth int, budget *pageBudget, out *[]glyph) {
	fonts := map[string]*pdfFont{}
	g := textState{ctm: ctm, tm: identity, tlm: identity, scale: 1}
	var stack []textState
	show := func(raw string) {
		if g.font == nil {
			return
		}
		step := 1
		if g.font.twoByte {
			step = 2
		}
		for i := 0; i+step <= len(raw); i += step {
			code := int(raw[i])
			if step == 2 {
				code = code<<8 | int(raw[i+1])
			}
			w0 := g.font.width(code) / 1000
			// The glyph's origin and size in user space: the text matrix
			// times the current transformation, with the rise applied.
			// (Written out rather than as matrix products: this runs for
			// every glyph of every page.)
			m := g.tm.mul(g.ctm)
			x := m[2][0] + g.rise*m[1][0]
			y := m[2][1] + g.rise*m[1][1]
			size := g.size * math.Hypot(m[1][0], m[1][1])
			tx := w0*g.size + g.charSpace
			if step == 1 && code == ' ' {
				tx += g.wordSpace
			}
			tx *= g.scale
			// Advancing by tx moves the text matrix along its own x axis.
			g.tm[2][0] += tx * g.tm[0][0]
			g.tm[2][1] += tx * g.tm[0][1]
			if len(*out) >= maxPageGlyphs {
				panic(errPageTooLarge)
			}
			*out = append(*out, glyph{
				S: g.font.text(code, raw[i:i+step]), X: x, Y: y,
				W: tx * m[0][0], Size: size, Bold: g.font.bold,
			})
		}
	}
	nextLine := func(tx, ty float64) {
		g.tlm = matrix{{1, 0, 0}, {0, 1, 0}, {tx, ty, 1}}.mul(g.tlm)
		g.tm = g.tlm
	}
	pdf.Interpret(strm, func(stk *pdf.Stack, op string) {
		n := stk.Len()
		args := make([]pdf.Value, n)
		for i := n - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		switch op {
		case "q":
			stack = append(stack, g)
		case "Q":
			if len(stack) > 0 {
				g, stack = stack[len(stack)-1], stack[:len(stack)-1]
			}
		case "cm":
			if n == 6 {
				g.ctm = matrixFrom(args).mul(g.ctm)
			}
		case "BT":
			g.tm, g.tlm = identity, identity
		case "Tf":
			if n == 2 {
				name := args[0].Name()
				f, ok := fonts[name]
				if !ok {
					f = newPDFFont(resources.Key("Font").Key(name))
					fonts[name] = f
				}
				g.font, g.size = f, args[1].Float64()
			}
		case "Tc":
			if n == 1 {
				g.charSpace = args[0].Float64()
			}
		case "Tw":
			if n == 1 {
				g.wordSpace = args[0].Float64()
			}
		case "Tz":
			if n == 1 {
				g.scale = args[0].Float64() / 100
			}
		case "TL":
			if n == 1 {
				g.leading = args[0].Float64()
			}
		case "Ts":
			if n == 1 {
				g.rise = args[0].Float64()
			}
		case "Td":
			if n == 2 {
				nextLine(args[0].Float64(), args[1].Float64())
			}
		case "TD":
			if n == 2 {
				g.leading = -args[1].Float64()
				nextLine(args[0].Float64(), args[1].Float64())
			}
		case "Tm":
			if n == 6 {
				g.tm = matrixFrom(args)
				g.tlm = g.tm
			}
		case "T*":
			nextLine(0, -g.leading)
		case "Tj":
			if n == 1 {
				show(args[0].RawString())
			}
		case "'":
			if n == 1 {
				nextLine(0, -g.leading)
				show(args[0].RawString())
			}
		case "\"":
			if n == 3 {
				g.wordSpace, g.charSpace = args[0].Float64(), args[1].Float64()
				nextLine(0, -g.leading)
				show(args[2].RawString())
			}
		case "TJ":
			if n == 1 {
				for i := 0; i < args[0].Len(); i++ {
					x := args[0].Index(i)
					if x.Kind() == pdf.String {
						show(x.RawString())
						continue
					}
					tx := -x.Float64() / 1000 * g.size * g.scale
					g.tm = matrix{{1, 0, 0}, {0, 1, 0}, {tx, 0, 1}}.mul(g.tm)
				}
			}
		case "Do":
			if n == 1 && depth < maxFormDepth {
				if budget.forms++; budget.forms > maxFormCalls {
					panic(errPageTooLarge)
				}
				xobj := resources.Key("XObject").Key(args[0].Name())
				if xobj.Kind() == pdf.Stream && xobj.Key("Subtype").Name() == "Form" {
					res := xobj.Key("Resources")
					if res.Kind() == pdf.Null {
						res = resources
					}
					m := g.ctm
					if mx := xobj.Key("Matrix"); mx.Len() == 6 {
						vals := make([]pdf.Value, 6)
						for i := range vals {
							vals[i] = mx.Index(i)
						}
						m = matrixFrom(vals).mul(g.ctm)
					}
					interpretContent(xobj, res, m, depth+1, budget, out)
				}
			}
		}
	})
}
