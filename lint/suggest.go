package lint

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// shapeSuggestion fits a rule's suggestion to the text it replaces: the same
// number (a plural match gets a plural suggestion), the possessive kept, and
// the same casing.
func shapeSuggestion(s, matched string, plural, possessive bool) string {
	if plural {
		s = pluralPhrase(s)
	}
	if possessive {
		if strings.HasSuffix(s, "s") && plural {
			s += "'"
		} else {
			s += "'s"
		}
	}
	return applyCase(matched, s)
}

// applyCase gives s the casing of model: ALL CAPS stays all caps, a
// capitalized first word stays capitalized, Title Case Words stay title
// case; otherwise s is used as the rule wrote it.
func applyCase(model, s string) string {
	letters, upper := 0, 0
	for _, r := range model {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	switch {
	case letters > 1 && upper == letters:
		return strings.ToUpper(s)
	case isTitleCase(model):
		return titleWords(s)
	case startsUpper(model):
		return upperFirst(s)
	}
	return s
}

// isTitleCase reports whether a phrase of two or more words has every word
// capitalized ("Native English Speaker").
func isTitleCase(s string) bool {
	words := strings.Fields(s)
	if len(words) < 2 {
		return false
	}
	for _, w := range words {
		if !startsUpper(w) {
			return false
		}
	}
	return true
}

func startsUpper(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return unicode.IsUpper(r)
		}
	}
	return false
}

func upperFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 {
		return s
	}
	return string(unicode.ToTitle(r)) + s[size:]
}

func titleWords(s string) string {
	words := strings.Split(s, " ")
	for i, w := range words {
		words[i] = upperFirst(w)
	}
	return strings.Join(words, " ")
}
