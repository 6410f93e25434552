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

// benchWords is the vocabulary of the generated corpus: ordinary workplace
// prose with a few words the default rules flag mixed in.
var benchWords = strings.Fields(`the a an and or of to in for with on at by from as is are be will can
team role candidate employee manager policy leave benefits salary schedule office customer project
support review report process training safety quality service data system meeting week month year
you we our your they their people work working experience skills ability communication
responsible ensure provide maintain develop manage lead improve plan deliver help build
chairman guys manpower sanity check whitelist crazy native speaker prior utilize young
Manchester manual management human theme master's degree`)

// genCorpus builds about size bytes of paragraphs of random sentences,
// deterministic for a given seed.
func genCorpus(size int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, seed))
	var b strings.Builder
	for b.Len() < size {
		for s := 0; s < 4+r.IntN(4); s++ {
			n := 6 + r.IntN(18)
			for w := 0; w < n; w++ {
				word := benchWords[r.IntN(len(benchWords))]
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
	doc, err := parsers.Text{}.Parse(parsers.NewFile("bench.txt", src))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		l.Check(doc, rules.ProfileJobPost)
	}
}

// BenchmarkDefaultRules lints a 4 MB generated plain-text corpus with the
// built-in rules.
func BenchmarkDefaultRules(b *testing.B) {
	set, err := rules.Parse("rules.yaml", ally.DefaultRules())
	if err != nil {
		b.Fatal(err)
	}
	l, err := New(set)
	if err != nil {
		b.Fatal(err)
	}
	benchLint(b, l, genCorpus(4<<20, 1))
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
