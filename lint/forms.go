package lint

import "strings"

// plural returns the regular or common irregular plural of an English noun
// given in lower case. It is used to generate the plural form of a term's
// last word ("chairman" → "chairmen") and to keep a suggestion in the same
// number as the match ("chairmen" → "chairs", not "chair").
func plural(w string) string {
	switch {
	case w == "":
		return w
	case strings.HasSuffix(w, "person"):
		return strings.TrimSuffix(w, "person") + "people"
	case strings.HasSuffix(w, "child"):
		return w + "ren"
	case strings.HasSuffix(w, "man") && !strings.HasSuffix(w, "human") && !strings.HasSuffix(w, "german"):
		return strings.TrimSuffix(w, "man") + "men"
	case strings.HasSuffix(w, "y") && len(w) > 1 && !isVowel(w[len(w)-2]):
		return w[:len(w)-1] + "ies"
	case strings.HasSuffix(w, "s"), strings.HasSuffix(w, "x"), strings.HasSuffix(w, "z"),
		strings.HasSuffix(w, "ch"), strings.HasSuffix(w, "sh"):
		return w + "es"
	}
	return w + "s"
}

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }

// pluralPhrase pluralizes the last word of a phrase.
func pluralPhrase(p string) string {
	i := strings.LastIndexAny(p, " -") + 1
	last := p[i:]
	if last == "" || !isLetterWord(last) {
		return p
	}
	lower := strings.ToLower(last)
	pl := plural(lower)
	if lower != last { // keep a capitalized last word capitalized
		pl = applyCase(last, pl)
	}
	return p[:i] + pl
}

func isLetterWord(w string) bool {
	for _, r := range w {
		if !isWordRune(r) {
			return false
		}
	}
	return true
}
