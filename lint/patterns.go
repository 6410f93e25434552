package lint

import (
	"cmp"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/allylint/ally/parsers"
)

// compiledPattern is a pattern rule ready to run.
type compiledPattern struct {
	rule int32
	re   *regexp.Regexp
	// filtered is true when the pattern runs only where the prefilter
	// found one of its required literals.
	filtered bool
	// width is the most bytes a match can span, or -1 when unbounded. A
	// bounded pattern runs only on a window around each literal hit
	// instead of on the whole paragraph.
	width int
	// group is the index of the subexpression named "match", whose text is
	// what the finding covers, or 0 for the whole match. It lets a pattern
	// require context that is not part of the finding: ", (?P<match>provided
	// that)" flags only "provided that".
	group int
}

// compilePrefilter builds one automaton over the required literals of all
// patterns that have them; a pattern without runs on every span.
func (l *Linter) compilePrefilter() {
	lits := make([][]string, len(l.patterns))
	filtered := false
	for i := range l.patterns {
		p := &l.patterns[i]
		lits[i] = requiredLiterals(l.rules[p.rule].Pattern)
		p.filtered = lits[i] != nil
		filtered = filtered || p.filtered
	}
	if filtered {
		l.prefilter = newACMatcher(lits)
	}
}

// runPatterns adds the matches of the active pattern rules in text.
func (c *checker) runPatterns(text string) {
	if len(c.l.patterns) == 0 {
		return
	}
	c.hits = c.hits[:0]
	if c.l.prefilter != nil {
		c.hits = c.l.prefilter.scan(c.tz.lower, c.hits)
	}
	if len(c.hits) > 1 {
		slices.SortFunc(c.hits, func(a, b acHit) int {
			return cmp.Or(cmp.Compare(a.pattern, b.pattern), cmp.Compare(a.end, b.end))
		})
	}
	hits := c.hits
	for i, p := range c.l.patterns {
		var mine []acHit
		for len(hits) > 0 && hits[0].pattern < int32(i) {
			hits = hits[1:]
		}
		for len(hits) > 0 && hits[0].pattern == int32(i) {
			mine = append(mine, hits[0])
			hits = hits[1:]
		}
		switch {
		case !c.active[p.rule]:
		case !p.filtered || p.width < 0:
			if !p.filtered || len(mine) > 0 {
				c.addPatternMatches(p, text, 0, len(text))
			}
		default:
			c.runWindows(p, text, mine)
		}
	}
}

// runWindows runs a bounded pattern around each literal hit. A match holds
// one of the literals and is at most width bytes long, so it lies within
// width bytes of the hit; one more character on each side gives \b the
// context it needs. Overlapping windows are merged.
func (c *checker) runWindows(p compiledPattern, text string, hits []acHit) {
	from, to := -1, -1
	for _, h := range hits {
		lo := runeStart(text, max(0, int(h.end)-p.width-utf8.UTFMax))
		hi := runeEnd(text, min(len(text), int(h.end)+p.width+utf8.UTFMax))
		if lo <= to {
			to = max(to, hi)
			continue
		}
		if from >= 0 {
			c.addPatternMatches(p, text, from, to)
		}
		from, to = lo, hi
	}
	if from >= 0 {
		c.addPatternMatches(p, text, from, to)
	}
}

// addPatternMatches runs a pattern over text[from:to] and records its
// matches, leaving out any that span a Boundary (markup that is not prose)
// or touch a URL, address or path.
func (c *checker) addPatternMatches(p compiledPattern, text string, from, to int) {
	var matches [][]int
	if p.group > 0 {
		matches = p.re.FindAllStringSubmatchIndex(text[from:to], -1)
	} else {
		matches = p.re.FindAllStringIndex(text[from:to], -1) // cheaper: no groups to track
	}
	for _, m := range matches {
		// A window's edges are not the paragraph's: a real match lies at
		// least a few bytes inside them, so one that touches an edge is an
		// anchor (^, $) matching there by mistake.
		if (m[0] == 0 && from > 0) || (from+m[1] == to && to < len(text)) {
			continue
		}
		if m[2*p.group] < 0 {
			continue // the named group took no part in this match
		}
		s, e := from+m[2*p.group], from+m[2*p.group+1]
		if e > s && !strings.ContainsRune(text[s:e], parsers.Boundary) && !c.inLink(s, e) && !c.seen(p.rule, s, e) {
			c.matches = append(c.matches, rawMatch{rule: p.rule, tok: -1, start: s, end: e})
		}
	}
}

// inLink reports whether text[start:end] overlaps a URL, address or path.
func (c *checker) inLink(start, end int) bool {
	for _, t := range c.toks {
		if t.kind == link && int(t.start) < end && start < int(t.end) {
			return true
		}
	}
	return false
}

// seen reports whether the same match was already recorded, as happens when
// two windows of one pattern meet.
func (c *checker) seen(rule int32, start, end int) bool {
	for i := len(c.matches) - 1; i >= 0 && c.matches[i].rule == rule; i-- {
		if c.matches[i].start == start && c.matches[i].end == end {
			return true
		}
	}
	return false
}

func runeStart(s string, i int) int {
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}

func runeEnd(s string, i int) int {
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return i
}

// maxWidth returns the most bytes a match of the pattern can span, or -1
// when it is unbounded (a *, a +, an open repeat).
func maxWidth(pattern string) int {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return -1
	}
	return width(re.Simplify())
}

func width(re *syntax.Regexp) int {
	switch re.Op {
	case syntax.OpLiteral:
		return utf8.UTFMax * len(re.Rune) // case folding may change a rune's size
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return utf8.UTFMax
	case syntax.OpEmptyMatch, syntax.OpWordBoundary, syntax.OpNoWordBoundary,
		syntax.OpBeginText, syntax.OpEndText, syntax.OpBeginLine, syntax.OpEndLine:
		return 0 // addPatternMatches drops what an anchor matches at a window's edge
	case syntax.OpCapture, syntax.OpQuest:
		return width(re.Sub[0])
	case syntax.OpRepeat:
		w := width(re.Sub[0])
		if re.Max < 0 || w < 0 {
			return -1
		}
		return w * re.Max
	case syntax.OpConcat, syntax.OpAlternate:
		total := 0
		for _, sub := range re.Sub {
			w := width(sub)
			if w < 0 {
				return -1
			}
			if re.Op == syntax.OpConcat {
				total += w
			} else {
				total = max(total, w)
			}
		}
		return total
	}
	return -1 // star, plus
}
