package lint

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// sentence is a run of tokens [from, to) of one span.
type sentence struct{ from, to int }

// splitSentences cuts a span's tokens into sentences. A sentence ends at a
// full stop, question mark or exclamation mark that is followed by the end
// of the span or by a word starting with a capital or a digit, except after
// an abbreviation ("e.g.", "Dr.", "U.S."). It also ends at a line break
// that starts a list item, or after a short line with no closing
// punctuation, which is how headings look in plain text.
func splitSentences(toks []token, text string) []sentence {
	var out []sentence
	from := 0
	for i := range toks {
		if i+1 < len(toks) && from < i+1 && endsBeforeLineBreak(toks, from, i, text) {
			out = append(out, sentence{from, i + 1})
			from = i + 1
			continue
		}
		t := toks[i]
		if t.kind != punct || !strings.Contains(".!?", text[t.start:t.end]) {
			continue
		}
		if text[t.start:t.end] == "." && isAbbreviation(toks, i, text) && !endsAfterInitial(toks, i, text) {
			continue
		}
		// Closing quotes and brackets stay with their sentence.
		j := i + 1
		for j < len(toks) && toks[j].kind == punct && strings.Contains(`"')]`, text[toks[j].start:toks[j].end]) {
			j++
		}
		if j == len(toks) || startsSentenceWord(text[toks[j].start:toks[j].end]) {
			out = append(out, sentence{from, j})
			from = j
		}
	}
	if from < len(toks) {
		out = append(out, sentence{from, len(toks)})
	}
	return out
}

// endsBeforeLineBreak reports whether the sentence toks[from:i+1] ends at
// the line break after token i.
func endsBeforeLineBreak(toks []token, from, i int, text string) bool {
	gap := text[toks[i].end:toks[i+1].start]
	if !strings.Contains(gap, "\n") {
		return false
	}
	next := text[toks[i+1].start:toks[i+1].end]
	if next == "-" || next == "*" || next == "•" || next == "+" {
		return true
	}
	if toks[i+1].kind == word && isDigits(next) && i+2 < len(toks) && strings.Contains(".)", text[toks[i+2].start:toks[i+2].end]) {
		return true
	}
	// A short line with no closing punctuation, standing on its own line and
	// followed by a capitalized line, is a heading.
	last := text[toks[i].start:toks[i].end]
	lineStart := strings.LastIndexByte(text[:toks[from].start], '\n') + 1
	return i+1-from <= 8 && !strings.Contains(".!?,;:", last) &&
		strings.TrimSpace(text[lineStart:toks[from].start]) == "" && startsSentenceWord(next)
}

// abbreviations whose full stop does not end a sentence.
func isAbbreviation(toks []token, i int, text string) bool {
	if i == 0 || toks[i-1].kind != word || toks[i-1].end != toks[i].start {
		return false
	}
	w := strings.ToLower(text[toks[i-1].start:toks[i-1].end])
	if utf8.RuneCountInString(w) == 1 {
		return true // initials and "e.g.", "U.S."
	}
	switch w {
	case "dr", "mr", "mrs", "ms", "mx", "prof", "st", "vs", "etc", "inc", "ltd", "co", "jr", "sr",
		"no", "approx", "dept", "fig", "min", "max", "est", "ave", "corp", "govt", "sq", "ft":
		return true
	}
	return false
}

// endsAfterInitial reports whether a full stop after a one-letter
// abbreviation still ends the sentence: "at 7 a.m. You start" does, "the
// U.S. Army" does not. It does when the next word is one that commonly
// starts a sentence.
func endsAfterInitial(toks []token, i int, text string) bool {
	if i == 0 || utf8.RuneCountInString(text[toks[i-1].start:toks[i-1].end]) != 1 || i+1 >= len(toks) {
		return false
	}
	next := toks[i+1]
	return next.kind == word && unicode.IsUpper(firstRune(text[next.start:next.end])) && isSentenceStarter(next.key)
}

func startsSentenceWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || r == '"' || r == '\'' || r == '(' || r == '['
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// wordCount counts the words of a sentence: letter or number tokens.
func wordCount(toks []token, s sentence) int {
	n := 0
	for _, t := range toks[s.from:s.to] {
		if t.kind == word {
			n++
		}
	}
	return n
}
