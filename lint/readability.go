package lint

import (
	"math"
	"strings"
)

// readability holds the counts of a text that the standard readability
// formulas need, and computes them. The caller does the counting: Words
// are the words of prose (a number or code is the caller's choice),
// Sentences the sentences, Syllables the sum of countSyllables over the
// words, and ComplexWords the words for which isComplexWord is true.
//
// Every formula returns 0 when there are no words or no sentences, instead
// of the NaN or infinity that dividing by zero would give, so an empty
// document scores 0 rather than poisoning an average. Nothing is rounded:
// callers round for display.
type readability struct {
	Words, Sentences, Syllables int
	// ComplexWords counts words of three or more syllables for Gunning
	// fog and SMOG, without those made three syllables by -es, -ed or
	// -ing, and without hyphenated compounds whose parts are each short
	// (see isComplexWord). Gunning also leaves out proper nouns and
	// familiar jargon; that needs knowledge of the words this count does
	// not have, so they are counted. McLaughlin's SMOG counts every word
	// of three or more syllables, so SMOG from this count reads slightly
	// low on text full of "-ed" and "-ing" forms.
	ComplexWords int
}

// counted reports whether the formulas have anything to divide by.
func (r readability) counted() bool {
	return r.Words > 0 && r.Sentences > 0
}

// wordsPerSentence is the average sentence length in words.
func (r readability) wordsPerSentence() float64 {
	return float64(r.Words) / float64(r.Sentences)
}

// syllablesPerWord is the average word length in syllables.
func (r readability) syllablesPerWord() float64 {
	return float64(r.Syllables) / float64(r.Words)
}

// fleschReadingEase is Flesch's 1948 Reading Ease:
// 206.835 - 1.015*(words/sentences) - 84.6*(syllables/words). Higher is
// easier: 60 to 70 is plain English, below 30 is for graduates.
func (r readability) fleschReadingEase() float64 {
	if !r.counted() {
		return 0
	}
	return 206.835 - 1.015*r.wordsPerSentence() - 84.6*r.syllablesPerWord()
}

// fleschKincaidGrade is the Flesch-Kincaid Grade Level (Kincaid et al.
// 1975): 0.39*(words/sentences) + 11.8*(syllables/words) - 15.59, a US
// school grade.
func (r readability) fleschKincaidGrade() float64 {
	if !r.counted() {
		return 0
	}
	return 0.39*r.wordsPerSentence() + 11.8*r.syllablesPerWord() - 15.59
}

// gunningFog is Gunning's 1952 Fog Index:
// 0.4*((words/sentences) + 100*(complex/words)), the years of schooling a
// reader needs to follow the text on a first reading.
func (r readability) gunningFog() float64 {
	if !r.counted() {
		return 0
	}
	return 0.4 * (r.wordsPerSentence() + 100*float64(r.ComplexWords)/float64(r.Words))
}

// smog is McLaughlin's 1969 SMOG grade,
// 1.0430*sqrt(complex*(30/sentences)) + 3.1291: the count of polysyllables
// scaled to a 30-sentence sample. It is meant for samples of 30 sentences
// or more; on fewer it is only a rough guide.
func (r readability) smog() float64 {
	if !r.counted() {
		return 0
	}
	return 1.0430*math.Sqrt(float64(r.ComplexWords)*30/float64(r.Sentences)) + 3.1291
}

// isComplexWord reports whether a word counts as complex for Gunning fog
// and SMOG. The exact rule: a word is complex when countSyllables gives it
// 3 or more syllables after taking off the syllable of an inflection that
// adds one: "-ing" always; "-ed" after "t" or "d" ("created" 3 - 1 = 2,
// not complex; "interested" 4 - 1 = 3, complex); "-es" after a hissing
// sound: "s", "x", "z", "ch", "sh", "ce", "ge" ("processes" 3 - 1 = 2, not
// complex). An "-ed" or "-es" that adds no syllable takes none off
// ("employees" stays 3, complex). A hyphenated word is complex only if one
// of its parts is ("well-being" is not; "self-motivated" is, by
// "motivated"), since Gunning leaves out compounds of short words. Closed
// compounds ("everything") and proper nouns cannot be told from spelling
// and are counted like other words.
func isComplexWord(word string) bool {
	for _, part := range strings.Split(word, "-") {
		n := countSyllables(part)
		if n >= 3 && n-inflectionSyllable(part) >= 3 {
			return true
		}
	}
	return false
}

// inflectionSyllable is the syllable that an "-ing", "-ed" or "-es"
// ending adds to part, 0 or 1, by the rule isComplexWord documents.
func inflectionSyllable(part string) int {
	w := strings.ToLower(part)
	n := len(w)
	switch {
	case n > 4 && strings.HasSuffix(w, "ing"):
		return 1
	case n > 3 && strings.HasSuffix(w, "ed") && (w[n-3] == 't' || w[n-3] == 'd'):
		return 1
	case n > 3 && strings.HasSuffix(w, "es") && hissBefore(w, n-2):
		return 1
	}
	return 0
}
