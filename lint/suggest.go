package lint

import (
	"strings"

	"github.com/allylint/ally/rules"
	"unicode"
	"unicode/utf8"
)

// shapeSuggestion fits a rule's suggestion to the text it replaces: the same
// number (a plural match gets a plural suggestion), the possessive kept, and
// the same casing. When the match is capitalized only because the term is a
// proper noun ("Christian name"), its casing is not passed on ("first name",
// not "First name"), but capitals are.
func shapeSuggestion(s, matched string, plural, possessive, properNoun bool) string {
	if plural && !isAlreadyPlural(s) && !looksLikeModifier(s) {
		s = pluralPhrase(s)
	}
	if possessive {
		// Keep the apostrophe the text uses: ’ in typeset text, ' in
		// typed.
		apostrophe := "'"
		if strings.Contains(matched, "’") {
			apostrophe = "’"
		}
		if strings.HasSuffix(s, "s") && plural {
			s += apostrophe
		} else {
			s += apostrophe + "s"
		}
	}
	if properNoun && !isAllCaps(matched) {
		return s
	}
	return applyCase(matched, s)
}

// looksLikeModifier guesses from its ending that a suggestion's last word is
// an adjective, adverb or participle ("skilled", "caring", "helpful"),
// which takes no plural.
func looksLikeModifier(s string) bool {
	last := strings.ToLower(s[strings.LastIndexAny(s, " -")+1:])
	for _, suffix := range []string{"ed", "ing", "ful", "ous", "ive", "able", "ible", "less", "ly", "ish"} {
		if strings.HasSuffix(last, suffix) && len(last) > len(suffix)+2 {
			return true
		}
	}
	return false
}

// isAlreadyPlural spots suggestions whose last word is plural or has no
// plural ("people", "staff").
func isAlreadyPlural(s string) bool {
	switch strings.ToLower(s[strings.LastIndexAny(s, " -")+1:]) {
	case "people", "children", "men", "women", "staff", "personnel", "everyone", "everybody", "folks", "workforce", "crew", "team members":
		return true
	}
	return false
}

func isAllCaps(s string) bool {
	letters, upper := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return letters > 1 && upper == letters
}

// applyCase gives s the casing of model: ALL CAPS stays all caps, a
// capitalized first word stays capitalized, Title Case Words stay title
// case; otherwise s is used as the rule wrote it.
func applyCase(model, s string) string {
	switch {
	case isAllCaps(model):
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

// isProperNounTerm reports whether the match is capitalized because the
// rule writes its term that way ("Christian name", "Christmas party"), as
// opposed to starting a sentence or a title.
func isProperNounTerm(r *rules.Rule, matched string) bool {
	first := firstWord(matched)
	for _, t := range r.Terms {
		if startsUpper(t) && strings.EqualFold(firstWord(t), first) {
			return true
		}
	}
	return false
}

func firstWord(s string) string {
	if i := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }); i >= 0 {
		return s[:i]
	}
	return s
}
