package parsers

import (
	"maps"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// pdfLine is one line of text as a reader sees it on the page, after
// glyphs were grouped into rows and rows split at a column gutter.
type pdfLine struct {
	text       string
	x0, x1, y  float64
	size       float64
	bold       bool
	colRight   float64 // right edge of the column the line sits in
	gaps       int     // gaps as wide as a column gutter: table cells side by side
	jumpBefore bool    // the line does not follow the one before it on the page (new column or block)
	running    bool    // a running header, footer or page number
}

// Layout thresholds, in ems of the text's font size. They were chosen by
// looking at what browsers and word processors write: spaces between
// words are 0.25–0.35 em, a column gap is at least 1 em.
const (
	rowTolerance    = 0.35 // baselines closer than this are one row
	chunkGap        = 0.8  // a gap wider than this may be a column gutter
	wordGap         = 0.15 // glyphs further apart than this get a space
	superscriptRise = 0.15 // a baseline step this high starts a new word
	minGutterRows   = 3    // rows that must agree on a gutter
)

// layoutPage puts a page's glyphs into lines in reading order: top to
// bottom, and in a two-column block the whole left column before the right.
func layoutPage(glyphs []glyph) []pdfLine {
	var rows [][]glyph
	var chunked [][][]glyph
	for _, r := range groupRows(glyphs) {
		// A row of nothing but spaces has no text to place.
		if c := splitChunks(r); len(c) > 0 {
			rows, chunked = append(rows, r), append(chunked, c)
		}
	}
	if len(rows) == 0 {
		return nil
	}
	gutter, ok := findGutter(chunked)
	var lines []pdfLine
	if !ok {
		for _, r := range rows {
			lines = append(lines, makeLine(r))
		}
		markColumns(lines)
		return lines
	}
	// Rows that cross the gutter (titles, full-width paragraphs) split the
	// page into runs; in a run, the rows around those with text on both
	// sides form a two-column block, read left column first.
	var run []int
	flushRun := func(next int) {
		lines = appendRun(lines, rows, chunked, run, gutter, next)
		run = nil
	}
	for i, chunks := range chunked {
		if crossesGutter(chunks, gutter) {
			flushRun(i)
			line := makeLine(rows[i])
			// After a column block, reading goes back up and left.
			line.jumpBefore = len(lines) > 0 && lines[len(lines)-1].x0 > gutter
			lines = append(lines, line)
			continue
		}
		// A wide band of white also ends a run: a footer below the
		// columns is not part of them.
		if n := len(run); n > 0 {
			prev := rows[run[n-1]][0]
			if prev.Y-rows[i][0].Y > runGap*max(prev.Size, rows[i][0].Size) {
				flushRun(-1)
			}
		}
		run = append(run, i)
	}
	flushRun(-1)
	markColumns(lines)
	return lines
}

func crossesGutter(chunks [][]glyph, gutter float64) bool {
	for _, c := range chunks {
		if c[0].X < gutter && c[len(c)-1].X+c[len(c)-1].W > gutter {
			return true
		}
	}
	return false
}

// splitAtGutter returns the glyphs of a row left and right of the gutter.
func splitAtGutter(chunks [][]glyph, gutter float64) (l, r []glyph) {
	for _, c := range chunks {
		if c[0].X >= gutter {
			r = append(r, c...)
		} else {
			l = append(l, c...)
		}
	}
	return l, r
}

// blockGap is how far, in ems, a one-sided row may stand from a two-column
// block and still belong to it.
const blockGap = 2.2

// runGap is the vertical white, in ems, that separates two runs of rows.
// It is wider than a paragraph break, which both columns may share.
const runGap = 2.5

// appendRun lays out a run of rows none of which crosses the gutter. The
// block runs from the first to the last row with text on both sides,
// widened by one-sided rows that follow on at line spacing (a column
// that starts a line higher, or ends lower, than the other); rows beyond
// are read as they stand. next is the full-width row right after the run,
// or -1: left-side rows that lead into it at line spacing belong to it
// (a paragraph that flows on below a sidebar), not to the block.
func appendRun(lines []pdfLine, rows [][]glyph, chunked [][][]glyph, run []int, gutter float64, next int) []pdfLine {
	first, last := -1, -1
	for k, i := range run {
		if l, r := splitAtGutter(chunked[i], gutter); len(l) > 0 && len(r) > 0 {
			if first < 0 {
				first = k
			}
			last = k
		}
	}
	if first < 0 {
		for _, i := range run {
			lines = append(lines, makeLine(rows[i]))
		}
		return lines
	}
	near := func(a, b int) bool {
		ra, rb := rows[run[a]], rows[run[b]]
		return ra[0].Y-rb[0].Y <= blockGap*max(ra[0].Size, rb[0].Size)
	}
	for first > 0 && near(first-1, first) {
		first--
	}
	for last+1 < len(run) && near(last, last+1) {
		last++
	}
	if next >= 0 {
		end := len(run) // rows run[end:] lead into the next row
		for end > first+1 {
			below := rows[next]
			if end < len(run) {
				below = rows[run[end]]
			}
			above := rows[run[end-1]]
			l, r := splitAtGutter(chunked[run[end-1]], gutter)
			if len(l) == 0 || len(r) > 0 || above[0].Y-below[0].Y > blockGap*max(above[0].Size, below[0].Size) {
				break
			}
			end--
		}
		last = min(last, end-1)
	}
	for _, i := range run[:first] {
		lines = append(lines, makeLine(rows[i]))
	}
	var right []pdfLine
	for k, i := range run[first : last+1] {
		l, r := splitAtGutter(chunked[i], gutter)
		if len(l) > 0 {
			line := makeLine(l)
			line.jumpBefore = k == 0 && len(lines) > 0 && lines[len(lines)-1].y < line.y
			lines = append(lines, line)
		}
		if len(r) > 0 {
			right = append(right, makeLine(r))
		}
	}
	if len(right) > 0 {
		right[0].jumpBefore = true
	}
	lines = append(lines, right...)
	for k, i := range run[last+1:] {
		line := makeLine(rows[i])
		// Reading goes back from the right column to the left margin.
		line.jumpBefore = k == 0 && len(right) > 0
		lines = append(lines, line)
	}
	return lines
}

// groupRows sorts glyphs top to bottom and gathers those sharing a baseline
// into rows, each sorted left to right.
func groupRows(glyphs []glyph) [][]glyph {
	gs := make([]glyph, 0, len(glyphs))
	for _, g := range glyphs {
		if g.S != "" && g.Size > 0.5 && !math.IsNaN(g.X) && !math.IsNaN(g.Y) && !math.IsInf(g.X, 0) && !math.IsInf(g.Y, 0) {
			gs = append(gs, g)
		}
	}
	slices.SortStableFunc(gs, func(a, b glyph) int {
		switch {
		case a.Y > b.Y:
			return -1
		case a.Y < b.Y:
			return 1
		}
		return 0
	})
	var rows [][]glyph
	for i := 0; i < len(gs); {
		top := gs[i].Y
		j := i + 1
		for j < len(gs) && top-gs[j].Y <= rowTolerance*max(gs[i].Size, gs[j].Size) {
			j++
		}
		row := slices.Clone(gs[i:j])
		slices.SortStableFunc(row, func(a, b glyph) int {
			switch {
			case a.X < b.X:
				return -1
			case a.X > b.X:
				return 1
			}
			return 0
		})
		rows = append(rows, dedupe(row))
		i = j
	}
	return rows
}

// dedupe drops a glyph drawn twice on the same spot, the way some tools
// fake bold text.
func dedupe(row []glyph) []glyph {
	out := row[:0]
	for _, g := range row {
		if n := len(out); n > 0 && out[n-1].S == g.S && math.Abs(out[n-1].X-g.X) < 0.1*g.Size {
			continue
		}
		out = append(out, g)
	}
	return out
}

// splitChunks cuts a row where the gap between two visible glyphs is wide
// enough to be a column gutter.
func splitChunks(row []glyph) [][]glyph {
	var chunks [][]glyph
	start := 0
	lastInk := -1
	for i, g := range row {
		if isSpaceGlyph(g) {
			continue
		}
		if lastInk >= 0 {
			prev := row[lastInk]
			if g.X-(prev.X+prev.W) > chunkGap*max(g.Size, prev.Size) {
				chunks = append(chunks, trimSpaces(row[start:i]))
				start = i
			}
		}
		lastInk = i
	}
	chunks = append(chunks, trimSpaces(row[start:]))
	return slices.DeleteFunc(chunks, func(c []glyph) bool { return len(c) == 0 })
}

func trimSpaces(c []glyph) []glyph {
	for len(c) > 0 && isSpaceGlyph(c[0]) {
		c = c[1:]
	}
	for len(c) > 0 && isSpaceGlyph(c[len(c)-1]) {
		c = c[:len(c)-1]
	}
	return c
}

func isSpaceGlyph(g glyph) bool { return strings.TrimSpace(g.S) == "" }

// findGutter looks for a vertical strip of white that at least
// minGutterRows rows in a row leave open, with substantial text on both
// sides. It returns its x coordinate.
func findGutter(rows [][][]glyph) (float64, bool) {
	type gap struct{ a, b float64 }
	var gaps []gap
	for _, chunks := range rows {
		for k := 1; k < len(chunks); k++ {
			prev := chunks[k-1][len(chunks[k-1])-1]
			gaps = append(gaps, gap{prev.X + prev.W, chunks[k][0].X})
		}
	}
	if len(gaps) < minGutterRows {
		return 0, false
	}
	minX, maxX := math.Inf(1), math.Inf(-1)
	for _, chunks := range rows {
		last := chunks[len(chunks)-1]
		minX = min(minX, chunks[0][0].X)
		maxX = max(maxX, last[len(last)-1].X+last[len(last)-1].W)
	}
	width := maxX - minX
	if width <= 0 {
		return 0, false
	}
	// Each distinct gap middle, to the point, is a candidate; a page is
	// some hundreds of points wide, so there are at most that many, however
	// many gaps a dense page has.
	candidates := map[float64]bool{}
	for _, gp := range gaps {
		candidates[math.Round((gp.a+gp.b)/2)] = true
	}
	best, bestSupport := 0.0, 0
	for _, x := range slices.Sorted(maps.Keys(candidates)) {
		if x < minX+0.15*width || x > minX+0.85*width {
			continue
		}
		// Support is the most rows leaving x open within one run of rows
		// that no row crosses: a gutter runs down a block of the page.
		// The widths on either side are measured over that run.
		support, run := 0, 0
		var leftW, rightW, runLeft, runRight []float64
		for _, chunks := range rows {
			open, crossed := false, false
			var lw, rw float64
			for k, c := range chunks {
				a, b := c[0].X, c[len(c)-1].X+c[len(c)-1].W
				switch {
				case b <= x:
					lw = max(lw, b-chunks[0][0].X)
					if k+1 < len(chunks) && chunks[k+1][0].X >= x {
						open = true
					}
				case a >= x:
					rw = max(rw, b-a)
				default:
					crossed = true
				}
			}
			if crossed {
				run, runLeft, runRight = 0, nil, nil
				continue
			}
			if open {
				run++
				runLeft, runRight = append(runLeft, lw), append(runRight, rw)
				if run > support {
					support, leftW, rightW = run, runLeft, runRight
				}
			}
		}
		if support < minGutterRows || support <= bestSupport {
			continue
		}
		// A column of prose, or a sidebar beside the text, is wide; a
		// stray gap in justified text leaves only a word or two on one
		// side.
		if median(leftW) < 0.15*width || median(rightW) < 0.15*width {
			continue
		}
		best, bestSupport = x, support
	}
	return best, bestSupport > 0
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

// makeLine turns a row (or one column's part of it) into text, putting a
// space wherever two glyphs stand apart without a space glyph between them.
func makeLine(row []glyph) pdfLine {
	row = trimSpaces(row)
	var b strings.Builder
	l := pdfLine{x0: math.Inf(1), x1: math.Inf(-1)}
	boldChars, chars := 0, 0
	for i, g := range row {
		if i > 0 {
			prev := row[i-1]
			size := max(g.Size, prev.Size)
			if !isSpaceGlyph(prev) && !isSpaceGlyph(g) {
				gap := g.X - (prev.X + prev.W)
				// A gap, or a step up or down (a footnote mark set as
				// a superscript), separates words.
				if gap > wordGap*size || math.Abs(g.Y-prev.Y) > superscriptRise*size {
					b.WriteByte(' ')
				}
				if gap > chunkGap*size {
					l.gaps++
				}
			}
		}
		if isSpaceGlyph(g) {
			// A space drawn on top of a neighbour takes no room: browsers
			// draw an invisible soft hyphen that way, in mid-word.
			if overlapsNeighbour(row, i) {
				continue
			}
			// Collapse runs of spaces and write every kind as ' ', so
			// extracted lines hold no tabs or no-break spaces.
			if s := b.String(); s != "" && !strings.HasSuffix(s, " ") {
				b.WriteByte(' ')
			}
			continue
		}
		b.WriteString(cleanGlyphText(g.S))
		l.x0, l.x1 = min(l.x0, g.X), max(l.x1, g.X+g.W)
		l.y = g.Y
		l.size = max(l.size, g.Size)
		chars++
		if g.Bold {
			boldChars++
		}
	}
	l.text = strings.TrimRight(b.String(), " ")
	l.bold = chars > 0 && boldChars*2 > chars
	return l
}

// overlapsNeighbour reports whether the space glyph row[i] sits on top of
// the visible glyph before or after it rather than between them.
func overlapsNeighbour(row []glyph, i int) bool {
	sp := row[i]
	for k := i - 1; k >= 0; k-- {
		if !isSpaceGlyph(row[k]) {
			if sp.X < row[k].X+row[k].W-0.3*max(sp.W, 0.1*sp.Size) {
				return true
			}
			break
		}
	}
	for k := i + 1; k < len(row); k++ {
		if !isSpaceGlyph(row[k]) {
			return row[k].X < sp.X+0.5*max(sp.W, 0.1*sp.Size)
		}
	}
	return false
}

// cleanGlyphText keeps what a glyph decodes to, minus control characters
// and invalid bytes, which a broken font encoding produces and which would
// corrupt the extracted text. Typographic ligatures are spelled out, so the
// extracted text reads "final" where the page drew "ﬁnal".
func cleanGlyphText(s string) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || r < ' ' || r == 0x7f || r == Boundary || (r >= 0xFB00 && r <= 0xFB06) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == utf8.RuneError || r < ' ' || r == 0x7f || r == Boundary:
		case r >= 0xFB00 && r <= 0xFB06:
			b.WriteString(ligatures[r-0xFB00])
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ligatures spells out U+FB00 to U+FB06.
var ligatures = [...]string{"ff", "fi", "fl", "ffi", "ffl", "st", "st"}

// markColumns records, for every line, the right edge of the text column it
// is in, so paragraph breaking can tell a short last line from a full one.
func markColumns(lines []pdfLine) {
	start := 0
	for i := 1; i <= len(lines); i++ {
		if i < len(lines) && !lines[i].jumpBefore {
			continue
		}
		right := math.Inf(-1)
		for _, l := range lines[start:i] {
			right = max(right, l.x1)
		}
		for k := start; k < i; k++ {
			lines[k].colRight = right
		}
		start = i
	}
}

// isBullet reports whether a line starts a list item: a bullet character,
// or a number or letter followed by "." or ")", then a space.
func isBullet(text string) bool {
	r, n := utf8.DecodeRuneInString(text)
	switch r {
	case '•', '◦', '▪', '‣', '●', '○', '■', '–', '-', '*', '·', '\uf0b7':
		return n < len(text) && text[n] == ' '
	}
	i := 0
	for i < len(text) && i < 3 && text[i] >= '0' && text[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(text) && (text[i] == '.' || text[i] == ')') && text[i+1] == ' '
}

// endsSentence reports whether a line ends a sentence, so a following line
// in a new column or on a new page starts a new paragraph.
func endsSentence(text string) bool {
	text = strings.TrimRight(text, " \"'”’)")
	r, _ := utf8.DecodeLastRuneInString(text)
	return r == '.' || r == '!' || r == '?' || r == ':' || r == ';'
}

func startsLower(text string) bool {
	r, _ := utf8.DecodeRuneInString(text)
	return unicode.IsLower(r)
}
