package lint

import (
	"math"
	"strings"
	"testing"
)

// countReadability counts a plain text the simple way: a sentence ends at
// ".", "!" or "?", and a word is a run of non-space characters with the
// punctuation around it trimmed.
func countReadability(text string) readability {
	var r readability
	sentences := strings.FieldsFunc(text, func(c rune) bool { return strings.ContainsRune(".!?", c) })
	for _, s := range sentences {
		words := strings.Fields(s)
		if len(words) == 0 {
			continue
		}
		r.Sentences++
		for _, w := range words {
			w = strings.Trim(w, `,;:"()`)
			r.Words++
			r.Syllables += countSyllables(w)
			if isComplexWord(w) {
				r.ComplexWords++
			}
		}
	}
	return r
}

// The expected values are worked by hand from the published formulas:
//
//	FRE  = 206.835 - 1.015*(W/S) - 84.6*(Y/W)
//	FKGL = 0.39*(W/S) + 11.8*(Y/W) - 15.59
//	Fog  = 0.4*((W/S) + 100*(C/W))
//	SMOG = 1.0430*sqrt(C*30/S) + 3.1291
//
// with W words, S sentences, Y syllables and C complex words.
var readabilityTexts = []struct {
	text                string
	counts              readability
	fre, fkgl, fog, smg float64
}{
	{
		// The(1) cat(1) sat(1) on(1) the(1) mat(1): W=6, S=1, Y=6, C=0.
		text:   "The cat sat on the mat.",
		counts: readability{Words: 6, Sentences: 1, Syllables: 6, ComplexWords: 0},
		// FRE  = 206.835 - 1.015*6 - 84.6*1 = 206.835 - 6.09 - 84.6 = 116.145
		fre: 116.145,
		// FKGL = 0.39*6 + 11.8*1 - 15.59 = 2.34 + 11.8 - 15.59 = -1.45
		fkgl: -1.45,
		// Fog  = 0.4*(6 + 100*0/6) = 2.4
		fog: 2.4,
		// SMOG = 1.0430*sqrt(0) + 3.1291 = 3.1291
		smg: 3.1291,
	},
	{
		// We(1) review(2) each(1) application(4) within(2) ten(1) days(1):
		// 7 words, 12 syllables, complex: application.
		// Successful(3) candidates(3) are(1) invited(3) to(1) an(1)
		// interview(3): 7 words, 15 syllables, complex: successful,
		// candidates ("-es" adds no syllable), interview; not invited
		// ("-ed" after "t" makes it 3).
		// W=14, S=2, Y=27, C=4.
		text:   "We review each application within ten days. Successful candidates are invited to an interview.",
		counts: readability{Words: 14, Sentences: 2, Syllables: 27, ComplexWords: 4},
		// W/S = 7, Y/W = 27/14 = 1.9285714
		// FRE  = 206.835 - 1.015*7 - 84.6*27/14 = 206.835 - 7.105 - 163.1571429 = 36.5728571
		fre: 36.5728571,
		// FKGL = 0.39*7 + 11.8*27/14 - 15.59 = 2.73 + 22.7571429 - 15.59 = 9.8971429
		fkgl: 9.8971429,
		// Fog  = 0.4*(7 + 100*4/14) = 0.4*(7 + 28.5714286) = 14.2285714
		fog: 14.2285714,
		// SMOG = 1.0430*sqrt(4*30/2) + 3.1291 = 1.0430*7.7459667 + 3.1291 = 8.0790433 + 3.1291 = 11.2081433
		smg: 11.2081433,
	},
	{
		// Employees(3) are(1) entitled(3) to(1) paid(1) leave(1): 6 words,
		// 10 syllables, complex: employees, entitled ("-ed" after "l"
		// adds no syllable).
		// Requests(2) should(1) be(1) submitted(3) in(1) writing(2):
		// 6 words, 10 syllables, none complex (submitted is 3 by "-ed").
		// Managers(3) approve(2) them(1) promptly(2): 4 words, 8
		// syllables, complex: managers.
		// W=16, S=3, Y=28, C=3.
		text:   "Employees are entitled to paid leave. Requests should be submitted in writing. Managers approve them promptly.",
		counts: readability{Words: 16, Sentences: 3, Syllables: 28, ComplexWords: 3},
		// W/S = 16/3 = 5.3333333, Y/W = 28/16 = 1.75
		// FRE  = 206.835 - 1.015*5.3333333 - 84.6*1.75 = 206.835 - 5.4133333 - 148.05 = 53.3716667
		fre: 53.3716667,
		// FKGL = 0.39*5.3333333 + 11.8*1.75 - 15.59 = 2.08 + 20.65 - 15.59 = 7.14
		fkgl: 7.14,
		// Fog  = 0.4*(5.3333333 + 100*3/16) = 0.4*(5.3333333 + 18.75) = 9.6333333
		fog: 9.6333333,
		// SMOG = 1.0430*sqrt(3*30/3) + 3.1291 = 1.0430*5.4772256 + 3.1291 = 5.7127463 + 3.1291 = 8.8418463
		smg: 8.8418463,
	},
}

func TestReadabilityCounts(t *testing.T) {
	for _, tc := range readabilityTexts {
		if got := countReadability(tc.text); got != tc.counts {
			t.Errorf("counts of %q = %+v, want %+v", tc.text, got, tc.counts)
		}
	}
}

func TestReadabilityFormulas(t *testing.T) {
	near := func(name string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 0.01 {
			t.Errorf("%s = %.4f, want %.4f", name, got, want)
		}
	}
	for _, tc := range readabilityTexts {
		r := tc.counts
		near("fleschReadingEase", r.fleschReadingEase(), tc.fre)
		near("fleschKincaidGrade", r.fleschKincaidGrade(), tc.fkgl)
		near("gunningFog", r.gunningFog(), tc.fog)
		near("smog", r.smog(), tc.smg)
	}
}

// TestReadabilityEmpty: no words or no sentences scores 0 on every
// formula, never NaN or infinity.
func TestReadabilityEmpty(t *testing.T) {
	for _, r := range []readability{
		{},
		{Words: 0, Sentences: 3, Syllables: 0},
		{Words: 10, Sentences: 0, Syllables: 15, ComplexWords: 2},
		{Words: 0, Sentences: 0, Syllables: 5, ComplexWords: 1},
	} {
		for name, got := range map[string]float64{
			"fleschReadingEase":  r.fleschReadingEase(),
			"fleschKincaidGrade": r.fleschKincaidGrade(),
			"gunningFog":         r.gunningFog(),
			"smog":               r.smog(),
		} {
			if got != 0 {
				t.Errorf("%+v: %s = %v, want 0", r, name, got)
			}
		}
	}
}

func TestIsComplexWord(t *testing.T) {
	for _, tc := range []struct {
		word string
		want bool
	}{
		{"application", true}, // 4
		{"company", true},     // 3
		{"manager", true},     // 3
		{"interview", true},   // 3
		{"employees", true},   // 3; "-es" after a vowel adds nothing
		{"candidates", true},  // 3; "-es" after "t" adds nothing
		{"entitled", true},    // 3; "-ed" after "l" adds nothing
		{"interested", true},  // 4 - 1 = 3
		{"educated", true},    // 4 - 1 = 3
		{"responsibilities", true},
		{"policies", true},       // 3; "-es" after "i" adds nothing
		{"Application", true},    // case does not matter
		{"created", false},       // 3 - 1 ("-ed" after "t") = 2
		{"invited", false},       // 3 - 1 = 2
		{"submitted", false},     // 3 - 1 = 2
		{"processes", false},     // 3 - 1 ("-es" after "s") = 2
		{"services", false},      // 3 - 1 ("-es" after "c") = 2
		{"businesses", false},    // 3 - 1 = 2
		{"beginning", false},     // 3 - 1 ("-ing") = 2
		{"studying", false},      // 3 - 1 = 2
		{"everything", false},    // 3 - 1: "-thing" is taken for "-ing"
		{"manage", false},        // 2
		{"people", false},        // 2
		{"well-being", false},    // 1 + 2: no part has 3
		{"self-motivated", true}, // "motivated" is 4 - 1 = 3
		{"HR", false},            // 2
		{"2024", false},          // 0
		{"", false},
	} {
		if got := isComplexWord(tc.word); got != tc.want {
			t.Errorf("isComplexWord(%q) = %v, want %v (%d syllables)", tc.word, got, tc.want, countSyllables(tc.word))
		}
	}
}
