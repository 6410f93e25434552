package lint

import (
	"bytes"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/allylint/ally/parsers"
)

// The checks in this file look at what surrounds a match to tell a use of
// a word from something else: a word quoted or italicized to talk about the
// word itself, or a capitalized word that is part of a person's name.

// isMention reports whether a match is quoted rather than used: the quotes
// hug the match (`do not say "guys"`, `the term 'blacklist'`, with a comma
// or full stop allowed inside the closing quote), or the match sits inside
// a short quotation (`avoid "hey guys" in chat`, a quoted example
// sentence), which a style guide or a table of examples names and a
// reader cannot change.
func isMention(text string, start, end int) bool {
	if start == 0 || end >= len(text) {
		return false
	}
	if open := text[start-1]; open == '"' || (open == '\'' && !(start >= 2 && isWordRune(lastRune(text[:start-1])))) {
		i := end
		for i < len(text) && strings.IndexByte(".,;:!?", text[i]) >= 0 {
			i++
		}
		if i < len(text) && text[i] == open {
			return true
		}
	}
	return inShortQuotation(text, start, end)
}

// maxQuotedWords is the longest quotation, in words, whose words count as
// mentioned rather than used.
const maxQuotedWords = 15

// inShortQuotation reports whether text[start:end] lies between a pair of
// double quotes, on one line, at most maxQuotedWords words long. Quotes are
// paired from the start of the text, so the one before the match must be
// an opening quote.
func inShortQuotation(text string, start, end int) bool {
	before := strings.Count(text[:start], `"`)
	if before%2 == 0 {
		return false // the quote before the match, if any, closes a quotation
	}
	open := strings.LastIndexByte(text[:start], '"')
	rel := strings.IndexByte(text[end:], '"')
	if rel < 0 {
		return false
	}
	quoted := text[open+1 : end+rel]
	return !strings.Contains(quoted, "\n") && len(strings.Fields(quoted)) <= maxQuotedWords
}

// isEmphasizedMention reports whether a phrase match in Markdown source is
// italicized as a unit (*he or she*) or word by word (_he_ or _she_): a
// style guide naming the words rather than using them. A single italicized
// word is ordinary emphasis as often as a mention, so it still counts as a
// use; quotes are the unambiguous way to mention one word.
func isEmphasizedMention(src []byte, start, end int) bool {
	if start < 1 || end >= len(src) {
		return false
	}
	open, closing := src[start-1], src[end]
	if (open != '*' && open != '_') || closing != open {
		return false
	}
	doubled := (start >= 2 && src[start-2] == open) || (end+1 < len(src) && src[end+1] == open)
	return !doubled && bytes.IndexFunc(src[start:end], unicode.IsSpace) >= 0
}

// isProperName reports whether a one-word term match is most likely part of
// a person's or place's name: capitalized, not at the start of a sentence,
// and right after another capitalized word that is not at the start of a
// sentence either ("Dahianna Salazar Foreman", "Dr. Alicia Young"); or, for
// words that describe people, right before another capitalized word
// ("Pleasant Hill"). A title before a name ("Chairman Lee") is still
// flagged. Headings are left alone, since they are often written in Title
// Case.
func (c *checker) isProperName(sp *parsers.Span, m rawMatch) bool {
	toks := c.toks
	if m.tok < 0 { // a pattern match: find the token it starts on
		m.tok = sort.Search(len(toks), func(i int) bool { return int(toks[i].start) >= m.start })
		if m.tok == len(toks) || int(toks[m.tok].start) != m.start {
			return false
		}
	}
	if m.tok < 1 || sp.Kind == parsers.Heading {
		return false
	}
	if m.tok+1 < len(toks) && toks[m.tok+1].start < int32(m.end) {
		return false // a phrase, not one word
	}
	text := c.nt.text
	if !isCapitalized(text[m.start:m.end]) {
		return false
	}
	if describesPeople(c.l.rules[m.rule].Category) && m.tok+1 < len(toks) && !startsSentence(toks, m.tok, text) {
		// An adjective capitalized mid-sentence before another capital is
		// the first word of a name: Pleasant Hill, Young Street.
		if next := toks[m.tok+1]; next.kind == word && isCapitalized(text[next.start:next.end]) {
			return true
		}
	}
	prev := toks[m.tok-1]
	if prev.kind != word || !isCapitalized(text[prev.start:prev.end]) {
		return false
	}
	// At the start of a sentence, "The Foreman" is a title but "Marcus
	// Foreman" is a name: a first word that is not one of the words that
	// commonly start sentences is taken for a given name.
	return !startsSentence(toks, m.tok-1, text) || isHonorific(text[prev.start:prev.end]) || !isSentenceStarter(prev.key)
}

// describesPeople reports whether a category's terms are mostly adjectives
// for people (gender-coded words, age), as opposed to titles such as
// "Chairman", which stay a problem before a name ("Chairman Lee").
func describesPeople(category string) bool {
	return strings.HasPrefix(category, "gender-coded") || category == "exclusionary.age"
}

// isCapitalized reports whether a word starts with an upper-case letter and
// is not all capitals (an acronym or a shouted word).
func isCapitalized(w string) bool {
	first, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(first) && strings.IndexFunc(w, unicode.IsLower) >= 0
}

// startsSentence reports whether token i begins a sentence: it is the
// first token, or follows a full stop, question or exclamation mark, colon
// or a wall.
func startsSentence(toks []token, i int, text string) bool {
	if i == 0 {
		return true
	}
	p := toks[i-1]
	if p.kind >= wall {
		return true
	}
	return p.kind == punct && strings.Contains(".!?:", text[p.start:p.end]) && !isHonorific(prevWord(toks, i-1, text))
}

// isHonorific spots "Dr", "Ms" and the like, whose full stop does not end a
// sentence.
func isHonorific(w string) bool {
	switch strings.ToLower(w) {
	case "dr", "mr", "mrs", "ms", "mx", "prof", "rev", "st":
		return true
	}
	return false
}

func prevWord(toks []token, i int, text string) string {
	if i < 1 || toks[i-1].kind != word {
		return ""
	}
	return text[toks[i-1].start:toks[i-1].end]
}
