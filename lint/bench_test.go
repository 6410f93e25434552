package lint

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/allylint/ally"
	"github.com/allylint/ally/parsers"
	"github.com/allylint/ally/rules"
)

// benchWords is the vocabulary of the generated corpus, roughly in order of
// frequency: ordinary English and workplace prose. Words are drawn with a
// Zipf distribution, as in real text, so the commonest words dominate.
var benchWords = strings.Fields(`the of and to a in is you that it for on are with as be this
will we your our at by or from have an they can not all their more if about which when one
there what so up out do time work team people new other also these may any such would make
like than them into only its some could two first been has most very after well over must
year years how should each where day use need help way because through just support
role job company employees employee staff manager managers policy process data customer
customers service services experience skills training project projects report meeting
meetings week month plan review office system systems information development business
provide ensure include including within across during before while both between under
responsible working working based able required across available time-off leave benefits
salary pay schedule safety quality communication written feedback performance goals
lead build improve deliver manage maintain develop create share learn grow apply join
engineering product design marketing sales finance operations security people-first
remote hybrid flexible health dental vision insurance retirement parental holiday holidays
please note questions contact email phone website page section document documents form`)

// plantedTerms are flagged by the default rules; about one sentence in
// eight carries one, a little more often than in careful real prose.
var plantedTerms = []string{
	"chairman", "guys", "manpower", "sanity check", "whitelist", "crazy", "native English speaker",
	"prior to", "utilize", "young and energetic", "see below", "in order to", "pursuant to",
	"rockstar", "wheelchair-bound", "master's degree", "Manchester", "manual", "human",
}

// tailWords makes n pseudo-words from syllables: the long tail of rare
// words (names, jargon, less common vocabulary) that real prose has and a
// short word list lacks. Rare words matter to speed: they start no term.
func tailWords(r *rand.Rand, n int) []string {
	syllables := strings.Fields("ba ko ri ten mar vel sto ling qua dor pe an tri mo sul gra fen os ur lin cha be ro mi net")
	words := make([]string, n)
	for i := range words {
		var w strings.Builder
		for range 2 + r.IntN(3) {
			w.WriteString(syllables[r.IntN(len(syllables))])
		}
		words[i] = w.String()
	}
	return words
}

// genCorpus builds about size bytes of paragraphs of random sentences,
// deterministic for a given seed. Words follow Zipf's law (exponent 1, as
// in English) over the common words above and 5,000 rare ones, so "the"
// is about one word in ten.
func genCorpus(size int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, seed))
	vocab := append(append([]string{}, benchWords...), tailWords(r, 5000)...)
	zipf := rand.NewZipf(r, 1.0001, 1, uint64(len(vocab)-1))
	var b strings.Builder
	for b.Len() < size {
		for s := 0; s < 3+r.IntN(5); s++ {
			n := 8 + r.IntN(18)
			plant := -1
			if r.IntN(8) == 0 {
				plant = r.IntN(n)
			}
			for w := 0; w < n; w++ {
				word := vocab[zipf.Uint64()]
				if w == plant {
					word = plantedTerms[r.IntN(len(plantedTerms))]
				}
				if w == 0 {
					word = strings.ToUpper(word[:1]) + word[1:]
				}
				b.WriteString(word)
				if w < n-1 {
					b.WriteByte(' ')
				}
			}
			b.WriteString(". ")
		}
		b.WriteString("\n\n")
	}
	return []byte(b.String())
}

func benchLint(b *testing.B, l *Linter, src []byte) {
	b.Helper()
	benchLintProfile(b, l, src, rules.ProfileJobPost)
}

func benchLintProfile(b *testing.B, l *Linter, src []byte, profile string) {
	b.Helper()
	doc, err := parsers.Text{}.Parse(parsers.NewFile("bench.txt", src))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		l.Check(doc, profile)
	}
}

// BenchmarkDefaultRules lints a 4 MB generated plain-text corpus with the
// built-in rules, under each profile: a job post runs the document checks
// (pay, statements, requirements, reading grade) on top of the rest.
func BenchmarkDefaultRules(b *testing.B) {
	set, err := rules.Parse("rules.yaml", ally.DefaultRules())
	if err != nil {
		b.Fatal(err)
	}
	l, err := New(set)
	if err != nil {
		b.Fatal(err)
	}
	src := genCorpus(4<<20, 1)
	for _, profile := range []string{rules.ProfileGeneral, rules.ProfilePolicy, rules.ProfileJobPost} {
		b.Run("profile="+profile, func(b *testing.B) { benchLintProfile(b, l, src, profile) })
	}
}

// BenchmarkRuleCount lints the same corpus with 100 and with 10,000
// synthetic term rules; the one-pass trie keeps the two close.
func BenchmarkRuleCount(b *testing.B) {
	src := genCorpus(4<<20, 1)
	for _, n := range []int{100, 10000} {
		b.Run(fmt.Sprintf("rules=%d", n), func(b *testing.B) {
			benchLint(b, syntheticLinter(b, n), src)
		})
	}
}

// syntheticLinter makes n rules with made-up words and phrases, some of
// which share a first word with real prose so the trie is walked deep.
func syntheticLinter(b *testing.B, n int) *Linter {
	r := rand.New(rand.NewPCG(7, 7))
	set := &rules.Set{}
	for i := range n {
		w := fmt.Sprintf("zq%sx", strings.Repeat(string(rune('a'+i%26)), 1+i%5)) + fmt.Sprint(i)
		w = strings.Map(func(c rune) rune {
			if c >= '0' && c <= '9' {
				return 'a' + (c - '0')
			}
			return c
		}, w)
		terms := []string{w, benchWords[r.IntN(len(benchWords))] + " " + w}
		set.Rules = append(set.Rules, &rules.Rule{
			ID: fmt.Sprintf("synthetic.r%d", i), Category: "plain-language.synthetic",
			Severity: rules.SeverityInfo, Message: "m", Why: "w", Terms: terms, Lang: "en",
		})
	}
	l, err := New(set)
	if err != nil {
		b.Fatal(err)
	}
	return l
}
