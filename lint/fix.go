package lint

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Fix is a finding's first suggestion as a byte edit of the file: replace
// Src[Start:End] with Replacement. Safe says whether it may be applied
// with no one looking (the rule says "fix: safe").
type Fix struct {
	Start, End  int
	Replacement string
	Safe        bool
}

// Edit is one replacement of file bytes, the form fixes are applied in.
type Edit struct {
	Start, End int
	Text       string
}

// attachFixes gives every finding that can be fixed by its first
// suggestion a Fix (see EditFor).
func attachFixes(src []byte, fs []Finding) {
	for i := range fs {
		f := &fs[i]
		if len(f.Suggestions) == 0 {
			continue
		}
		if e, ok := f.EditFor(src, f.Suggestions[0]); ok {
			f.Fix = &Fix{Start: e.Start, End: e.End, Replacement: e.Text, Safe: f.Rule.FixSafe}
		}
	}
}

// EditFor returns the edit of the file's bytes src that replaces the
// finding's match with replacement (any of its suggestions, or words a
// person typed). ok is false for a finding that cannot be fixed that way:
// one about the whole document, or whose match does not map exactly onto
// source bytes (it crosses markup or an entity). Where the match follows
// "a" or "an", the edit also puts the article right for the new words
// ("a ninja" → "an expert", never "an ninja").
func (f *Finding) EditFor(src []byte, replacement string) (e Edit, ok bool) {
	if f.Document || !f.Exact || f.End <= f.Start || f.End > len(src) {
		return Edit{}, false
	}
	start, text := agreeArticle(src, f.Start, replacement)
	return Edit{Start: start, End: f.End, Text: text}, true
}

// agreeArticle widens a replacement to the indefinite article before it
// when the new words need the other one. It returns the edit's start and
// replacement text.
func agreeArticle(src []byte, start int, repl string) (int, string) {
	// Walk back over spaces to the word before the match.
	end := start
	for end > 0 && (src[end-1] == ' ' || src[end-1] == '\t') {
		end--
	}
	if end == start {
		return start, repl
	}
	wordStart := end
	for wordStart > 0 && isASCIILetter(src[wordStart-1]) {
		wordStart--
	}
	if wordStart > 0 {
		// A letter of another script, or a digit, joined to the word: it
		// is not an article.
		if r, _ := utf8.DecodeLastRune(src[:wordStart]); unicode.IsLetter(r) || unicode.IsDigit(r) {
			return start, repl
		}
	}
	article := string(src[wordStart:end])
	lower := strings.ToLower(article)
	if lower != "a" && lower != "an" {
		return start, repl
	}
	want := "a"
	if anBefore(repl) {
		want = "an"
	}
	if lower == want {
		return start, repl
	}
	art := caseLike(article, want)
	if article == "A" && isAllCaps(repl) {
		// "A" alone cannot say whether the text is in capitals; the
		// replacement, shaped like the match, can.
		art = strings.ToUpper(want)
	}
	return wordStart, art + string(src[end:start]) + repl
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// caseLike writes word in the casing of model ("A" → "An", "AN" → "A").
func caseLike(model, word string) string {
	switch {
	case len(model) > 1 && strings.ToUpper(model) == model:
		return strings.ToUpper(word)
	case model != "" && model[0] >= 'A' && model[0] <= 'Z':
		return strings.ToUpper(word[:1]) + word[1:]
	}
	return word
}

// anBefore reports whether words take "an": they start with a vowel sound.
// Spelling is a guide with known exceptions: "an hour", "a union", "a
// one-off", "an MBA" (said em-bee-ay).
func anBefore(words string) bool {
	w := strings.TrimLeftFunc(words, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	first := w
	if i := strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }); i >= 0 {
		first = w[:i]
	}
	if first == "" {
		return false
	}
	lower := strings.ToLower(first)
	if len(first) > 1 && strings.ToUpper(first) == first {
		// An initialism is read letter by letter.
		return strings.ContainsRune("AEFHILMNORSX", rune(first[0]))
	}
	for _, p := range []string{"hour", "honest", "honor", "honour", "heir"} {
		if strings.HasPrefix(lower, p) {
			return true
		}
	}
	for _, p := range []string{"uni", "use", "usu", "uti", "ura", "ure", "eu", "one", "once", "ubi"} {
		if strings.HasPrefix(lower, p) {
			return false
		}
	}
	return strings.ContainsRune("aeiou", rune(lower[0]))
}

// Fixes chooses the edits to apply to a file from its findings: every safe
// fix, and the unsafe ones too when unsafe is set. Where two fixes
// overlap, the one that replaces more of the text wins (then the earlier,
// then the rule id, so the choice never depends on order). The edits come
// back sorted by position.
func Fixes(fs []Finding, unsafe bool) []Edit {
	var cands []*Finding
	for i := range fs {
		if f := fs[i].Fix; f != nil && (f.Safe || unsafe) {
			cands = append(cands, &fs[i])
		}
	}
	slices.SortStableFunc(cands, func(a, b *Finding) int {
		return cmp.Or(
			cmp.Compare(b.Fix.End-b.Fix.Start, a.Fix.End-a.Fix.Start),
			cmp.Compare(a.Fix.Start, b.Fix.Start),
			cmp.Compare(a.Rule.ID, b.Rule.ID),
		)
	})
	var edits []Edit
	for _, f := range cands {
		e := Edit{f.Fix.Start, f.Fix.End, f.Fix.Replacement}
		if !slices.ContainsFunc(edits, func(o Edit) bool { return e.Start < o.End && o.Start < e.End }) {
			edits = append(edits, e)
		}
	}
	slices.SortFunc(edits, func(a, b Edit) int { return cmp.Compare(a.Start, b.Start) })
	return edits
}
