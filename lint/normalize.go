package lint

import (
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// normText is a span's text after normalization, with a map back to the
// span text. Normalization folds what should not change a match: Unicode
// compatibility forms (NFKC: ligatures, full-width letters), curly quotes and
// apostrophes, hyphen and dash variants, non-breaking spaces; and it drops
// soft hyphens and zero-width characters, so "Chair\u00adman’s" reads as
// "Chairman's". Case is kept here (patterns may care) and folded per token.
type normText struct {
	text string
	// from[i] and to[i] give the span-text range of the character that
	// produced byte i of text. Both are nil when text is the span text
	// unchanged (pure ASCII, the common case), which costs nothing.
	from, to []int32
}

// normalize builds the normalized text of s.
func normalize(s string) normText {
	if isASCII(s) {
		return normText{text: s}
	}
	n := normText{
		from: make([]int32, 0, len(s)),
		to:   make([]int32, 0, len(s)),
	}
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		// ASCII followed by ASCII is its own normal form; only a letter
		// followed by a combining mark needs the full boundary search.
		if s[i] < utf8.RuneSelf && (i+1 == len(s) || s[i+1] < utf8.RuneSelf) {
			out = append(out, s[i])
			n.from = append(n.from, int32(i))
			n.to = append(n.to, int32(i+1))
			i++
			continue
		}
		end := i + norm.NFKC.NextBoundaryInString(s[i:], true)
		if end <= i { // defensive: never loop forever on odd input
			end = i + 1
		}
		unit := s[i:end]
		var folded string
		if r, size := utf8.DecodeRuneInString(unit); size == len(unit) {
			folded = foldRune(r, unit)
		} else {
			folded = norm.NFKC.String(unit)
		}
		out = append(out, folded...)
		for range len(folded) {
			n.from = append(n.from, int32(i))
			n.to = append(n.to, int32(end))
		}
		i = end
	}
	n.text = string(out)
	return n
}

// foldRune maps one character (given as rune and its bytes) to its
// normalized spelling; "" drops it.
func foldRune(r rune, unit string) string {
	switch r {
	case '\u00AD', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u180E':
		return "" // soft hyphen and zero-width characters
	case '\u2018', '\u2019', '\u201A', '\u201B', '\u2032', '\u02BC', '\uFF07':
		return "'"
	case '\u201C', '\u201D', '\u201E', '\u201F', '\u2033', '\uFF02':
		return `"`
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\uFE58', '\uFE63', '\uFF0D':
		return "-"
	case '\u00A0', '\u2007', '\u202F':
		return " "
	case utf8.RuneError:
		if unit == "\uFFFD" {
			return unit
		}
		return "\uFFFD" // an invalid byte: keep a non-letter in its place
	}
	if r < utf8.RuneSelf {
		return unit
	}
	return norm.NFKC.String(unit)
}

// spanStart maps a normalized offset that starts a range to span text.
func (n *normText) spanStart(i int) int {
	if n.from == nil {
		return i
	}
	if i >= len(n.from) {
		if len(n.to) == 0 {
			return 0
		}
		return int(n.to[len(n.to)-1])
	}
	return int(n.from[i])
}

// spanEnd maps a normalized offset that ends a range to span text.
func (n *normText) spanEnd(i int) int {
	if n.to == nil {
		return i
	}
	if i <= 0 {
		if len(n.from) == 0 {
			return 0
		}
		return int(n.from[0])
	}
	return int(n.to[i-1])
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
