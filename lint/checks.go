package lint

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/allylint/ally/parsers"
	"github.com/allylint/ally/rules"
)

// Built-in checks find what a list of words cannot: a sentence in
// capitals, a sentence too long, a pronoun that refers back to a role, an
// image with no text alternative, a heading that skips a level, a link
// whose text says nothing. A rule names one with "check:" and supplies the
// message, severity, profiles and any settings (terms, antecedents, limit).

// compiledCheck is a check rule ready to run.
type compiledCheck struct {
	rule int32
	name string
	// words holds the rule's terms, normalized: the pronouns of
	// generic-pronoun, the empty link texts of link-text.
	words map[string]bool
	// longestWord is the length of the longest key in words, a cheap test
	// before the map lookup made for every token.
	longestWord int
	firstBytes  [256]bool // the first bytes of the keys in words
	// antecedents holds the role nouns of generic-pronoun.
	antecedents map[string]bool
	limit       int
	rawLimit    int // the rule's own limit, 0 when it sets none
	upper       int // the rule's upper threshold, 0 when it sets none
	// byFirstWord groups the phrases in words by their first word.
	byFirstWord map[string][]string
}

// defaultSentenceLimit is the long-sentence limit when a rule sets none:
// plain-language guides put the average at 15 to 20 words and treat much
// longer sentences as hard to follow.
const defaultSentenceLimit = 40

func compileCheck(tz *tokenizer, i int, r *rules.Rule) compiledCheck {
	c := compiledCheck{rule: int32(i), name: r.Check, limit: r.Limit, rawLimit: r.Limit, upper: r.Upper, words: map[string]bool{}, antecedents: map[string]bool{}}
	for _, t := range r.Terms {
		k := normalizePhrase(tz, t)
		c.words[k] = true
		c.longestWord = max(c.longestWord, len(k))
		if c.byFirstWord == nil {
			c.byFirstWord = map[string][]string{}
		}
		first, _, _ := strings.Cut(k, " ")
		c.byFirstWord[first] = append(c.byFirstWord[first], k)
		if k != "" {
			c.firstBytes[k[0]] = true
		}
	}
	for _, a := range r.Antecedents {
		c.antecedents[normalizePhrase(tz, a)] = true
	}
	if c.limit == 0 {
		c.limit = defaultSentenceLimit
	}
	return c
}

// normalizePhrase reduces text to its token keys joined by spaces, the form
// in which link texts and pronouns are compared.
func normalizePhrase(tz *tokenizer, s string) string {
	nt := normalize(s)
	var keys []string
	for _, t := range tz.tokenize(nt.text) {
		switch t.kind {
		case word:
			keys = append(keys, t.key)
		case wall, link:
			// A name like "CoE" or "InSite" is a wall to the matcher, but
			// it is part of the link text: "CoE website" is not "website".
			keys = append(keys, strings.ToLower(nt.text[t.start:t.end]))
		}
	}
	return strings.Join(keys, " ")
}

// spanChecks runs the checks that read prose, for one span.
func (c *checker) spanChecks(sp *parsers.Span, out []Finding) []Finding {
	if len(c.l.checks) == 0 || sp.Kind == parsers.AltText {
		return out
	}
	// Splitting into sentences costs more than the checks need most of
	// the time: a span with no more words than the limit has no long
	// sentence, and one with fewer than four words in capitals no shouting.
	words, capsWords := c.countWords()
	split := c.sentences
	for _, ch := range c.l.checks {
		if !c.active[ch.rule] {
			continue
		}
		switch {
		case ch.name == "all-caps" && capsWords >= minShoutWords:
			out = c.allCaps(sp, ch, split(), out)
		case ch.name == "long-sentence" && words > ch.limit:
			out = c.longSentences(sp, ch, split(), out)
		case ch.name == "generic-pronoun":
			out = c.genericPronouns(sp, ch, out)
		}
	}
	return out
}

// sentences splits the current span into sentences once, for every check
// that needs them.
func (c *checker) sentences() []sentence {
	if c.spanSentences == nil {
		c.spanSentences = splitSentences(c.toks, c.nt.text)
	}
	return c.spanSentences
}

// minShoutWords is how many words in capitals make a sentence shouting.
const minShoutWords = 4

// countWords counts the span's words and those written in capitals.
func (c *checker) countWords() (words, caps int) {
	for _, t := range c.toks {
		if t.kind != word {
			continue
		}
		words++
		if w := c.nt.text[t.start:t.end]; len(w) > 1 && strings.IndexFunc(w, unicode.IsLower) < 0 && strings.IndexFunc(w, unicode.IsUpper) >= 0 {
			caps++
		}
	}
	return words, caps
}

// checkFinding reports tokens [from, to) of the current span.
func (c *checker) checkFinding(sp *parsers.Span, ch compiledCheck, from, to int, count int) Finding {
	f := c.finding(sp, &c.nt, rawMatch{rule: ch.rule, tok: -1, start: int(c.toks[from].start), end: int(c.toks[to-1].end)})
	f.Message = strings.ReplaceAll(f.Message, "{count}", strconv.Itoa(count))
	return f
}

// longSentences flags sentences of more than the limit's words.
func (c *checker) longSentences(sp *parsers.Span, ch compiledCheck, sentences []sentence, out []Finding) []Finding {
	if sp.Kind == parsers.Heading || sp.Kind == parsers.TableCell {
		return out
	}
	for _, s := range sentences {
		if n := wordCount(c.toks, s); n > ch.limit {
			out = append(out, c.checkFinding(sp, ch, s.from, s.to, n))
		}
	}
	return out
}

// allCaps flags sentences written in capitals: at least four words, none
// in lower case, one of them a common word such as THE or YOU, so that a
// run of acronyms ("PCI DSS and SOC 2" aside) is not taken for shouting.
// When every sentence of a paragraph shouts, the paragraph is reported once.
func (c *checker) allCaps(sp *parsers.Span, ch compiledCheck, sentences []sentence, out []Finding) []Finding {
	if sp.Kind == parsers.Heading {
		return out
	}
	var shouting []sentence
	for _, s := range sentences {
		if c.isShouting(s) {
			shouting = append(shouting, s)
		}
	}
	if len(shouting) > 0 && len(shouting) == len(sentences) {
		return append(out, c.checkFinding(sp, ch, 0, len(c.toks), len(shouting)))
	}
	for _, s := range shouting {
		out = append(out, c.checkFinding(sp, ch, s.from, s.to, 1))
	}
	return out
}

func (c *checker) isShouting(s sentence) bool {
	words, common := 0, false
	for _, t := range c.toks[s.from:s.to] {
		if t.kind != word {
			continue
		}
		w := c.nt.text[t.start:t.end]
		if strings.IndexFunc(w, unicode.IsLower) >= 0 {
			return false
		}
		if strings.IndexFunc(w, unicode.IsUpper) < 0 {
			continue // a number
		}
		words++
		common = common || isShoutWord(t.key)
	}
	return words >= minShoutWords && common
}

// isShoutWord spots common words that acronyms never are; one of them in
// capitals marks a sentence as shouted rather than a list of acronyms.
func isShoutWord(k string) bool {
	switch k {
	case "the", "and", "you", "your", "to", "of", "for", "must", "not", "will", "all", "are", "is",
		"be", "we", "our", "this", "with", "do", "no", "never", "please", "only", "in", "on", "at",
		"or", "any":
		return true
	}
	return false
}

// genericPronouns flags a pronoun from the rule's terms whose nearest
// possible antecedent, looking back up to lookback tokens, is one of the
// rule's role nouns ("the candidate ... his"), not a name or a male noun
// ("Our CEO, David Park, said he").
func (c *checker) genericPronouns(sp *parsers.Span, ch compiledCheck, out []Finding) []Finding {
	for i, t := range c.toks {
		if t.kind != word || len(t.key) > ch.longestWord || !ch.firstBytes[t.key[0]] || !ch.words[t.key] || c.inPairedPronoun(i) || isMention(c.nt.text, int(t.start), int(t.end)) {
			continue
		}
		if c.antecedentIsRole(ch, i) {
			f := c.checkFinding(sp, ch, i, i+1, 1)
			if s := neutralPronoun(t.key); s != "" {
				f.Suggestions = []string{applyCase(f.Match, s)}
			}
			out = append(out, f)
		}
	}
	return out
}

// lookback is how many tokens back a pronoun's antecedent is looked for:
// about two sentences.
const lookback = 50

// neutralPronoun gives the singular "they" form for a masculine pronoun.
func neutralPronoun(p string) string {
	switch p {
	case "he":
		return "they"
	case "him":
		return "them"
	case "his":
		return "their"
	case "himself":
		return "themselves"
	}
	return ""
}

// isMaleNoun spots nouns that make a following "he" specific, not generic.
func isMaleNoun(k string) bool {
	switch k {
	case "man", "men", "boy", "father", "dad", "son", "brother", "husband", "boyfriend",
		"gentleman", "sir", "king", "uncle", "nephew", "grandfather", "grandson", "mr":
		return true
	}
	return false
}

func (c *checker) antecedentIsRole(ch compiledCheck, i int) bool {
	for j := i - 1; j >= 0 && j >= i-lookback; j-- {
		t := c.toks[j]
		if t.kind != word {
			continue
		}
		switch {
		case ch.antecedents[t.key]:
			// "John is an engineer. He ...": a name in the role noun's own
			// sentence is the likelier referent.
			return !c.nameBefore(ch, j)
		case isMaleNoun(t.key), c.isName(ch, j):
			return false
		}
	}
	return false
}

// nameBefore reports whether a name or a male noun stands between the
// start of token j's sentence and token j: "My father met the candidate.
// He ..." is too ambiguous to call generic.
func (c *checker) nameBefore(ch compiledCheck, j int) bool {
	for k := j - 1; k >= 0; k-- {
		t := c.toks[k]
		if t.kind == punct && strings.Contains(".!?", c.nt.text[t.start:t.end]) {
			return false
		}
		if t.kind == word && (c.isName(ch, k) || isMaleNoun(t.key)) {
			return true
		}
	}
	return false
}

// isName guesses whether token j is part of a person's name: capitalized,
// and either inside a sentence or, at its start, not one of the words that
// commonly start sentences ("The", "Each", "If").
func (c *checker) isName(ch compiledCheck, j int) bool {
	t := c.toks[j]
	if !isCapitalized(c.nt.text[t.start:t.end]) || ch.words[t.key] || ch.antecedents[t.key] {
		return false
	}
	return !startsSentence(c.toks, j, c.nt.text) || !isSentenceStarter(t.key)
}

// isSentenceStarter spots common words that are capitalized only because
// they start a sentence.
func isSentenceStarter(k string) bool {
	switch k {
	case "the", "a", "an", "our", "your", "their", "his", "her", "its", "my", "each", "every", "any",
		"all", "if", "when", "while", "once", "after", "before", "this", "that", "these", "those",
		"we", "you", "they", "it", "he", "she", "i", "in", "on", "at", "for", "as", "to", "by", "with",
		"from", "please", "no", "some", "most", "one", "new", "also", "however", "then", "so", "but",
		"and", "or", "because", "since", "where", "what", "who", "how", "there", "here", "should",
		"must", "will", "can", "may", "do", "does", "is", "are", "be", "only", "even", "both":
		return true
	}
	return false
}

// inPairedPronoun reports whether token i is part of "he or she",
// "his/her" and the like, which rules of their own report.
func (c *checker) inPairedPronoun(i int) bool {
	toks, text := c.toks, c.nt.text
	key := func(k int) string {
		if k < 0 || k >= len(toks) {
			return ""
		}
		return text[toks[k].start:toks[k].end]
	}
	joiner := func(s string) bool { return strings.EqualFold(s, "or") || s == "/" || strings.EqualFold(s, "and") }
	female := func(s string) bool {
		switch strings.ToLower(s) {
		case "she", "her", "hers", "herself", "s":
			return true
		}
		return false
	}
	return (joiner(key(i+1)) && female(key(i+2))) || (joiner(key(i-1)) && female(key(i-2)))
}

// docChecks runs the checks that read a document's structure.
func (c *checker) docChecks(out []Finding) []Finding {
	for _, ch := range c.l.checks {
		if !c.active[ch.rule] {
			continue
		}
		switch ch.name {
		case "image-alt":
			for _, img := range c.doc.Images {
				if !img.Decorative && !hasUsefulAlt(img.Alt) {
					out = append(out, c.sourceFinding(ch, img.Start, img.End, parsers.AltText))
				}
			}
		case "heading-skip":
			for i := 1; i < len(c.doc.Headings); i++ {
				if h := c.doc.Headings[i]; h.Level > c.doc.Headings[i-1].Level+1 {
					out = append(out, c.sourceFinding(ch, h.Start, h.End, parsers.Heading))
				}
			}
		case "link-text":
			for _, l := range c.doc.Links {
				if ch.words[normalizePhrase(c.tz, l.Text)] {
					out = append(out, c.sourceFinding(ch, l.TextStart, l.TextEnd, parsers.LinkText))
				}
			}
		case "bare-url":
			for _, l := range c.doc.Links {
				if isBareURL(l) {
					out = append(out, c.sourceFinding(ch, l.TextStart, l.TextEnd, parsers.LinkText))
				}
			}
		}
	}
	return out
}

// isBareURL reports whether a link shows a web address as its text. An
// e-mail address is left alone: it says exactly where a message will go.
func isBareURL(l parsers.Link) bool {
	text := strings.TrimSpace(l.Text)
	if strings.HasPrefix(l.Dest, "mailto:") || (strings.Contains(text, "@") && !strings.Contains(text, "://")) {
		return false
	}
	return l.Autolink || strings.Contains(text, "://") || strings.HasPrefix(text, "www.")
}

// hasUsefulAlt reports whether an image's text alternative describes it:
// not empty, not a file name, not just "image" or "photo".
func hasUsefulAlt(alt string) bool {
	a := strings.ToLower(strings.TrimSpace(alt))
	switch a {
	case "", "image", "img", "photo", "picture", "graphic", "logo", "icon", "screenshot", "banner":
		return false
	}
	for _, ext := range []string{".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"} {
		if strings.HasSuffix(a, ext) && !strings.Contains(a, " ") {
			return false
		}
	}
	return true
}

// sourceFinding reports a range of the source found from the document's
// structure rather than its prose.
func (c *checker) sourceFinding(ch compiledCheck, start, end int, kind parsers.Kind) Finding {
	r := c.l.rules[ch.rule]
	match := string(c.doc.File.Src[start:end])
	return Finding{
		Rule: r, Severity: r.Severity, Start: start, End: end, Exact: true, Kind: kind, Match: match,
		Message:     strings.ReplaceAll(r.Message, "{match}", match),
		Suggestions: append([]string(nil), r.Suggest...),
	}
}
