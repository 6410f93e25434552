package lint

import (
	"math"
	"strings"
	"sync"

	"github.com/allylint/ally/parsers"
)

// Metrics describes a document as a whole and section by section: how
// long it is, how hard it is to read, how much of it is in the passive
// voice, and which way its gender-coded words lean.
type Metrics struct {
	Counts
	Sections     []Section
	GenderCoding GenderCoding
	// Checklist says, for each completeness check that ran (pay range,
	// equal-opportunity and accommodation statements), whether the
	// document passed it.
	Checklist []ChecklistItem
}

// ChecklistItem is one completeness check and its outcome.
type ChecklistItem struct {
	Check  string // the check's name, e.g. "pay-range"
	Label  string // what a reader calls it, e.g. "pay range"
	Passed bool
}

// Counts are the figures measured over a stretch of prose.
type Counts struct {
	Words, Sentences, Syllables, ComplexWords int
	// LongestSentence is the word count of the longest sentence.
	LongestSentence  int
	PassiveSentences int
}

// Section is a part of a document under one heading (for Markdown) with
// its own counts; text before the first heading is a section with no
// title.
type Section struct {
	Title string
	Level int
	// Start is the byte offset of the heading (or of the first prose).
	Start int
	Counts
}

// GenderCoding counts masculine- and feminine-coded words, after Gaucher,
// Friesen & Kay (2011), and gives the verdict.
type GenderCoding struct {
	Masculine, Feminine           int
	MasculineWords, FeminineWords []string
	Verdict                       string
}

// AverageSentenceLength is words per sentence.
func (c Counts) AverageSentenceLength() float64 { return ratio(c.Words, c.Sentences) }

// PassiveShare is the share of sentences with a passive verb group.
func (c Counts) PassiveShare() float64 { return ratio(c.PassiveSentences, c.Sentences) }

// FleschReadingEase is the Flesch reading-ease score (higher is easier).
func (c Counts) FleschReadingEase() float64 { return c.readability().fleschReadingEase() }

// FleschKincaidGrade is the U.S. school grade the text reads at.
func (c Counts) FleschKincaidGrade() float64 { return c.readability().fleschKincaidGrade() }

// GunningFog is the Gunning fog index.
func (c Counts) GunningFog() float64 { return c.readability().gunningFog() }

// SMOG is McLaughlin's SMOG grade.
func (c Counts) SMOG() float64 { return c.readability().smog() }

func (c Counts) readability() readability {
	return readability{Words: c.Words, Sentences: c.Sentences, Syllables: c.Syllables, ComplexWords: c.ComplexWords}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func (c *Counts) add(o Counts) {
	c.Words += o.Words
	c.Sentences += o.Sentences
	c.Syllables += o.Syllables
	c.ComplexWords += o.ComplexWords
	c.PassiveSentences += o.PassiveSentences
	c.LongestSentence = max(c.LongestSentence, o.LongestSentence)
}

// Analyze lints a document like Check and also measures it.
func (l *Linter) Analyze(doc *parsers.Document, profile string) ([]Finding, Metrics) {
	var m Metrics
	findings := l.run(doc, profile, &m)
	m.GenderCoding = genderCoding(findings)
	m.Checklist = l.checklist(profile, findings)
	return findings, m
}

// checklistLabels names the completeness checks, in checklist order.
func checklistLabels() [][2]string {
	return [][2]string{
		{"pay-range", "pay range"},
		{"eeo-statement", "equal-opportunity statement"},
		{"accommodation-statement", "accommodation statement"},
	}
}

// checklist reports the completeness checks that ran under the profile: a
// check passed unless it made a document-level finding.
func (l *Linter) checklist(profile string, findings []Finding) []ChecklistItem {
	var items []ChecklistItem
	for _, cl := range checklistLabels() {
		for _, ch := range l.checks {
			r := l.rules[ch.rule]
			if ch.name != cl[0] || !r.AppliesTo(profile) {
				continue
			}
			passed := true
			for _, f := range findings {
				if f.Rule == r && f.Document {
					passed = false
				}
			}
			items = append(items, ChecklistItem{Check: cl[0], Label: cl[1], Passed: passed})
		}
	}
	return items
}

// measureSpan adds the current span to the metrics, grouping spans into
// sections at each heading. Alt text is not counted: it is not read as
// part of the text. It reuses the span's tokens and sentences.
func (c *checker) measureSpan(sp *parsers.Span) {
	m := c.metrics
	if m == nil || sp.Kind == parsers.AltText {
		return
	}
	if sp.Kind == parsers.Heading || len(m.Sections) == 0 {
		start, _, _ := sp.SourceRange(0, 0)
		m.Sections = append(m.Sections, Section{Start: start})
		if sp.Kind == parsers.Heading {
			cur := &m.Sections[len(m.Sections)-1]
			cur.Title, cur.Level = strings.TrimSpace(strings.ReplaceAll(sp.Text, string(parsers.Boundary), "")), sp.Level
			return // a heading is not a sentence of the text
		}
	}
	counts := c.countTokens(true)
	c.measured, c.spanCounts = true, counts
	m.Sections[len(m.Sections)-1].add(counts)
	m.add(counts)
}

// countTokens measures the current span; passive sentences are counted
// only when asked, as that is the costly part.
func (c *checker) countTokens(passive bool) Counts {
	var n Counts
	toks, text, cache := c.toks, c.nt.text, &c.docState.wordInfo
	words := c.wordBuf[:0]
	defer func() { c.wordBuf = words[:0] }()
	for _, s := range c.sentences() {
		words = words[:0]
		for _, t := range toks[s.from:s.to] {
			if t.kind != word {
				continue
			}
			w := text[t.start:t.end]
			words = append(words, w)
			info := cache.lookup(w)
			n.Syllables += info.syllables
			if info.complex {
				n.ComplexWords++
			}
		}
		if len(words) == 0 {
			continue
		}
		n.Words += len(words)
		n.Sentences++
		n.LongestSentence = max(n.LongestSentence, len(words))
		if passive && c.mayBePassive(s) && len(passiveAt(words)) > 0 {
			n.PassiveSentences++
		}
	}
	return n
}

// wordCache remembers the syllable count of each word seen in one
// document (a plain map, owned by one checker), backed by the Linter's
// shared memo, so a word met in any earlier document is not counted again.
// Counting syllables costs far more than a lookup.
type wordCache struct {
	local  map[string]wordInfo
	shared *sync.Map // string → wordInfo, safe for concurrent use
}

type wordInfo struct {
	syllables int
	complex   bool
}

func (wc *wordCache) lookup(w string) wordInfo {
	if info, ok := wc.local[w]; ok {
		return info
	}
	if wc.local == nil {
		wc.local = map[string]wordInfo{}
	}
	key := strings.Clone(w)
	var info wordInfo
	if v, ok := wc.shared.Load(key); ok {
		info = v.(wordInfo)
	} else {
		// A number is read as at least one syllable.
		info = wordInfo{syllables: max(1, countSyllables(w)), complex: isComplexWord(w)}
		wc.shared.Store(key, info)
	}
	wc.local[key] = info
	return info
}

// genderCoding counts the gender-coded findings and gives the verdict:
// "neutral" when the counts are equal (none of either included); else the
// side with more, "strongly" when it has at least three more and at least
// twice as many, "slightly" otherwise.
func genderCoding(findings []Finding) GenderCoding {
	var g GenderCoding
	for _, f := range findings {
		switch {
		case strings.HasPrefix(f.Rule.ID, "gender-coded.masculine."):
			g.Masculine++
			g.MasculineWords = append(g.MasculineWords, f.Match)
		case strings.HasPrefix(f.Rule.ID, "gender-coded.feminine."):
			g.Feminine++
			g.FeminineWords = append(g.FeminineWords, f.Match)
		}
	}
	g.Verdict = genderVerdict(g.Masculine, g.Feminine)
	return g
}

func genderVerdict(masculine, feminine int) string {
	if masculine == feminine {
		return "neutral"
	}
	side, more, less := "masculine", masculine, feminine
	if feminine > masculine {
		side, more, less = "feminine", feminine, masculine
	}
	if more-less >= 3 && more >= 2*less {
		return "strongly " + side + "-coded"
	}
	return "slightly " + side + "-coded"
}

// Round1 rounds to one decimal place, for display and JSON.
func Round1(x float64) float64 { return math.Round(x*10) / 10 }
