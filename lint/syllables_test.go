package lint

import "testing"

// syllableTable holds words with the syllable count a dictionary gives
// (Merriam-Webster's pronunciation; the CMU Pronouncing Dictionary agrees
// on every one but "retirement", which it gives 4 by sounding "tire" as
// two syllables, as it does "fire") and the count countSyllables returns.
// Where the two differ the row is a known miss: it records what the
// heuristic does, so the test fails if that changes, for better or worse.
//
// Accuracy on this table: 264 of 278 words, 95.0%. Four of the hits
// (business, every, evening, naïve) come from the exceptions list, so the
// rules alone get 260, 93.5%. The 14 misses are recipe, embed, CEO,
// nuclear, frontier, soldier, heroic, suicide, diabetes, linear, colonel,
// aisle, cafe and initiative.
var syllableTable = []struct {
	word       string
	dict, want int
}{
	// Silent final e; "fire" is one syllable by decision (see syllables.go).
	{"make", 1, 1}, {"create", 2, 2}, {"fire", 1, 1}, {"hire", 1, 1},
	{"time", 1, 1}, {"whole", 1, 1}, {"style", 1, 1}, {"the", 1, 1},
	{"be", 1, 1}, {"recipe", 3, 2}, {"apostrophe", 4, 4},
	// -ed: silent except after t/d and in a final -led/-red after a consonant.
	{"jumped", 1, 1}, {"wanted", 2, 2}, {"needed", 2, 2}, {"used", 1, 1},
	{"played", 1, 1}, {"agreed", 2, 2}, {"studied", 2, 2}, {"handled", 2, 2},
	{"enabled", 3, 3}, {"hundred", 2, 2}, {"offered", 2, 2}, {"created", 3, 3},
	{"embed", 2, 1},
	// -es: silent except after a hissing sound or in -les/-res.
	{"boxes", 2, 2}, {"makes", 1, 1}, {"places", 2, 2}, {"changes", 2, 2},
	{"roles", 1, 1}, {"tables", 2, 2}, {"goes", 1, 1}, {"values", 2, 2},
	{"colleagues", 2, 2}, {"wishes", 2, 2},
	// -le, -re after a consonant.
	{"table", 2, 2}, {"little", 2, 2}, {"people", 2, 2}, {"able", 2, 2},
	{"acre", 2, 2}, {"centre", 2, 2},
	// -ion, -tion, -sion.
	{"nation", 2, 2}, {"education", 4, 4}, {"question", 2, 2}, {"million", 2, 2},
	{"religion", 3, 3}, {"champion", 3, 3}, {"opinion", 3, 3},
	// y as a vowel, and as a consonant before a vowel.
	{"rhythm", 2, 2}, {"happy", 2, 2}, {"system", 2, 2}, {"yes", 1, 1},
	{"player", 2, 2}, {"beyond", 2, 2}, {"employee", 3, 3}, {"employer", 3, 3},
	{"employees", 3, 3}, {"studying", 3, 3}, {"dying", 2, 2}, {"lawyer", 2, 2},
	{"typical", 3, 3}, {"analyze", 3, 3}, {"day", 1, 1}, {"they", 1, 1},
	{"okay", 2, 2},
	// Vowel pairs: one sound or two.
	{"team", 1, 1}, {"boat", 1, 1}, {"quiet", 2, 2}, {"science", 2, 2},
	{"idea", 3, 3}, {"area", 3, 3}, {"react", 2, 2}, {"poem", 2, 2},
	{"real", 1, 1}, {"ready", 2, 2}, {"reach", 1, 1}, {"great", 1, 1},
	{"diet", 2, 2}, {"client", 2, 2}, {"experience", 4, 4}, {"society", 4, 4},
	{"variety", 4, 4}, {"patient", 2, 2}, {"efficient", 3, 3}, {"friend", 1, 1},
	{"field", 1, 1}, {"achieve", 2, 2}, {"earlier", 3, 3}, {"happiest", 3, 3},
	{"actual", 3, 3}, {"usual", 3, 3}, {"individual", 5, 5}, {"language", 2, 2},
	{"equal", 2, 2}, {"persuade", 2, 2}, {"fluent", 2, 2}, {"influence", 3, 3},
	{"cruel", 2, 2}, {"value", 2, 2}, {"issue", 2, 2}, {"continue", 3, 3},
	{"continuous", 4, 4}, {"genuine", 3, 3}, {"ruin", 2, 2}, {"fluid", 2, 2},
	{"suit", 1, 1}, {"build", 1, 1}, {"guide", 1, 1}, {"video", 3, 3},
	{"theory", 3, 3}, {"courageous", 3, 3}, {"pigeon", 2, 2}, {"poet", 2, 2},
	{"does", 1, 1}, {"whoever", 3, 3}, {"medium", 3, 3}, {"premium", 3, 3},
	{"various", 3, 3}, {"previous", 3, 3}, {"conscious", 2, 2}, {"anxious", 2, 2},
	{"social", 2, 2}, {"initial", 3, 3}, {"media", 3, 3}, {"trial", 2, 2},
	{"giant", 2, 2}, {"familiar", 3, 3}, {"marriage", 2, 2}, {"associate", 4, 4},
	{"appreciate", 4, 4}, {"confidentiality", 7, 7}, {"senior", 2, 2}, {"prior", 2, 2},
	{"period", 3, 3}, {"radio", 3, 3}, {"union", 2, 2}, {"museum", 3, 3},
	{"going", 2, 2}, {"being", 2, 2}, {"seeing", 2, 2}, {"unique", 2, 2},
	{"league", 1, 1}, {"tongue", 1, 1}, {"argue", 2, 2}, {"technique", 2, 2},
	{"beautiful", 3, 3},
	// Prefixes re-, pre-, co- before a vowel.
	{"reapply", 3, 3}, {"preexisting", 4, 4}, {"reenter", 3, 3}, {"reimburse", 3, 3},
	{"reuse", 2, 2}, {"reorganize", 4, 4}, {"cooperate", 4, 4}, {"coordinate", 4, 4},
	{"reign", 1, 1}, {"reed", 1, 1}, {"preach", 1, 1},
	// Suffixes and compounds, and the exceptions list.
	{"management", 3, 3}, {"statement", 2, 2}, {"completely", 3, 3}, {"likely", 2, 2},
	{"careful", 2, 2}, {"carefully", 3, 3}, {"useful", 2, 2}, {"hopelessness", 3, 3},
	{"someone", 2, 2}, {"everyone", 3, 3}, {"anyone", 3, 3}, {"something", 2, 2},
	{"sometimes", 2, 2}, {"guideline", 2, 2}, {"homework", 2, 2}, {"therefore", 2, 2},
	{"workplace", 2, 2}, {"stakeholder", 3, 3}, {"safety", 2, 2}, {"caregiver", 3, 3},
	{"salesperson", 3, 3}, {"element", 3, 3}, {"only", 2, 2}, {"family", 3, 3},
	{"business", 2, 2}, {"every", 2, 2}, {"evening", 2, 2}, {"retirement", 3, 3},
	{"requirement", 3, 3},
	// -ism, -thm, -asm.
	{"racism", 3, 3}, {"algorithm", 4, 4}, {"enthusiasm", 5, 5},
	// Contractions.
	{"don't", 1, 1}, {"couldn't", 2, 2}, {"isn't", 2, 2}, {"can't", 1, 1},
	{"it's", 1, 1}, {"boss's", 2, 2}, {"George's", 2, 2}, {"it'll", 2, 2},
	{"should've", 2, 2}, {"we'll", 1, 1}, {"they're", 1, 1}, {"haven't", 2, 2},
	{"o'clock", 2, 2},
	// Initialisms: no vowel letter, read letter by letter; otherwise read as a word.
	{"OSHA", 2, 2}, {"HR", 2, 2}, {"PDF", 3, 3}, {"CEO", 3, 1},
	// Hyphens, digits, accents.
	{"full-time", 2, 2}, {"co-worker", 3, 3}, {"self-motivated", 5, 5}, {"e-mail", 2, 2},
	{"well-being", 3, 3}, {"COVID-19", 2, 2}, {"résumé", 3, 3}, {"café", 2, 2},
	{"naïve", 2, 2},
	// Known misses: a sounded final e, syllabic stress shifts, -ier nouns.
	{"nuclear", 3, 2}, {"frontier", 2, 3}, {"soldier", 2, 3}, {"heroic", 3, 2},
	{"suicide", 3, 2}, {"diabetes", 4, 3}, {"linear", 3, 2}, {"colonel", 2, 3},
	{"aisle", 1, 2}, {"cafe", 2, 1}, {"initiative", 4, 5},
	// Workplace vocabulary.
	{"accommodation", 5, 5}, {"disability", 5, 5}, {"responsibilities", 6, 6}, {"qualifications", 5, 5},
	{"diversity", 4, 4}, {"inclusion", 3, 3}, {"equity", 3, 3}, {"opportunity", 5, 5},
	{"salary", 3, 3}, {"benefits", 3, 3}, {"colleague", 2, 2}, {"manager", 3, 3},
	{"schedule", 2, 2}, {"available", 4, 4}, {"required", 2, 2}, {"experienced", 4, 4},
	{"preferred", 2, 2}, {"degree", 2, 2}, {"certificate", 4, 4}, {"communication", 5, 5},
	{"environment", 4, 4}, {"interview", 3, 3}, {"applicant", 3, 3}, {"application", 4, 4},
	{"candidate", 3, 3}, {"leadership", 3, 3}, {"flexible", 3, 3}, {"hybrid", 2, 2},
	{"remote", 2, 2}, {"parental", 3, 3}, {"leave", 1, 1}, {"policy", 3, 3},
	{"policies", 3, 3}, {"harassment", 3, 3}, {"discrimination", 5, 5}, {"accessible", 4, 4},
	{"neurodivergent", 5, 5}, {"wheelchair", 2, 2}, {"bereavement", 3, 3}, {"overtime", 3, 3},
	{"supervisor", 4, 4}, {"payroll", 2, 2}, {"insurance", 3, 3}, {"vacation", 3, 3},
	{"holiday", 3, 3}, {"compensation", 4, 4}, {"relocation", 4, 4}, {"onboarding", 3, 3},
	{"ownership", 3, 3}, {"throughout", 2, 2}, {"ensure", 2, 2}, {"via", 2, 2},
	{"whether", 2, 2},
}

func TestCountSyllables(t *testing.T) {
	for _, tc := range syllableTable {
		if got := countSyllables(tc.word); got != tc.want {
			t.Errorf("countSyllables(%q) = %d, want %d (dictionary %d)", tc.word, got, tc.want, tc.dict)
		}
	}
}

// TestSyllableAccuracy keeps the heuristic at 90% or better on the table,
// and keeps the figure quoted above true.
func TestSyllableAccuracy(t *testing.T) {
	right := 0
	for _, tc := range syllableTable {
		if tc.want == tc.dict {
			right++
		}
	}
	if len(syllableTable) != 278 || right != 264 {
		t.Errorf("table has %d words, %d right: update the figures in the comment", len(syllableTable), right)
	}
	if acc := float64(right) / float64(len(syllableTable)); acc < 0.90 {
		t.Errorf("accuracy %.1f%%, want at least 90%%", 100*acc)
	}
}

func TestCountSyllablesEdges(t *testing.T) {
	for _, tc := range []struct {
		word string
		want int
	}{
		{"", 0},
		{"2024", 0}, // numbers have no letters: 0
		{"401", 0},
		{"—", 0}, // punctuation alone
		{"-", 0},
		{"x", 1}, // one consonant: an initialism of one letter
		{"a", 1},
		{"www", 9}, // "double-u" three times
		{"HR", 2},  // case-insensitive: "hr" is the same
		{"hr", 2},
		{"Osha", 2},
		{"MAKE", 1},
		{"re\u0301sume\u0301", 3}, // "résumé" with combining accents
		{"résumés", 3},
		{"日本", 1},         // letters these rules cannot read: one syllable
		{"employees'", 3}, // a plural possessive's apostrophe is dropped
		{"it’s", 1},       // curly apostrophe
		{"couldn’t", 2},
		{"well--being", 3}, // empty parts between hyphens count nothing
	} {
		if got := countSyllables(tc.word); got != tc.want {
			t.Errorf("countSyllables(%q) = %d, want %d", tc.word, got, tc.want)
		}
	}
}
