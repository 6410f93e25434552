package lint

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/allylint/ally/parsers"
	"github.com/allylint/ally/rules"
)

// Document-level checks look at a job post as a whole: is there a pay
// range, an equal-opportunity statement, an offer of accommodations; how
// many requirements; how many years of experience; how long is it. Each
// span feeds docState as it is checked, and docFindings reports at the end.

// docState collects, span by span, what the document-level checks need.
type docState struct {
	words        int
	counts       Counts    // for reading-grade, filled only when it runs
	wordInfo     wordCache // syllable counts of the words seen
	payFound     bool
	phrases      map[int32]bool // statement checks whose phrase was found
	section      sectionKind
	requirements int
}

type sectionKind int

const (
	otherSection sectionKind = iota
	requiredSection
	optionalSection
)

// Patterns for pay. The amount needs a currency (a symbol or code) or a
// "k"; words nearby must make it pay, not a budget or a bonus.
const amountRE = `(?:[$£€¥]\s?|\b(?:usd|gbp|eur|cad|aud|chf)\s?)(\d[\d,]*(?:\.\d+)?)\s?(k\b|thousand\b)?`

var (
	moneyRE   = regexp.MustCompile(`(?i)` + amountRE)
	rangeRE   = regexp.MustCompile(`(?i)` + amountRE + `\s?(?:-|to|and)\s?(?:[$£€¥]\s?|\b(?:usd|gbp|eur|cad|aud|chf)\s?)?(\d[\d,]*(?:\.\d+)?)\s?(k\b|thousand\b)?`)
	payWordRE = regexp.MustCompile(`(?i)\b(?:salary|salaries|pay|paid|compensation|wages?|rate|per (?:hour|year|annum|month|week|day)|an hour|a year|a month|annually|hourly|yearly|base|ote|earn|earnings|starting at|stipend|/\s?(?:hour|hr|h|year|yr|annum)\b)`)
	// wordedPayRE finds pay written in words: "between sixty and eighty
	// thousand dollars a year".
	wordedPayRE   = regexp.MustCompile(`(?i)\b(?:thousand|hundred)\s+(?:dollars|pounds|euros)\b`)
	yearsRE       = regexp.MustCompile(`(?i)\b(?:(?:at least|a minimum of|minimum of|min\.?|minimum|more than|over)\s+)?(\d{1,2}|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|twenty-five|thirty)\s?\+?\s?(?:\(\d{1,2}\)\s?)?\+?\s?(?:years?|yrs?)\b`)
	degreeRE      = regexp.MustCompile(`(?i)\b(?:(?:bachelor|master|doctoral|university|college|associate)(?:'s)? degree|\bbs\b|\bba\b|\bphd\b|degree)\b[^.;]{0,60}\b(?:required|is a must|mandatory)\b|\b(?:must|required to) (?:have|hold) an? (?:bachelor|master|university|college)(?:'s)? degree\b`)
	notRequiredRE = regexp.MustCompile(`(?i)\b(?:not|never|no longer)\s+(?:\w+\s+){0,2}(?:required|a must|mandatory)\b|n't\s+(?:\w+\s+){0,2}required\b`)
	equivalentRE  = regexp.MustCompile(`(?i)\bor (?:equivalent|comparable|relevant) (?:work |practical |professional )?experience\b|\bor equivalent\b`)
)

// docSpan updates the state with one span (already tokenized in c.toks).
func (c *checker) docSpan(sp *parsers.Span) []Finding {
	var out []Finding
	st := &c.docState
	text := c.nt.text
	if sp.Kind != parsers.Heading && sp.Kind != parsers.AltText { // counted as the metrics count
		for _, t := range c.toks {
			if t.kind == word {
				st.words++
			}
		}
	}
	c.trackSections(sp)
	for _, ch := range c.l.checks {
		if !c.active[ch.rule] {
			continue
		}
		switch ch.name {
		case "pay-range":
			out = c.payRange(sp, ch, out)
		case "eeo-statement", "accommodation-statement":
			if !st.phrases[ch.rule] && containsPhrase(c.toks, ch.byFirstWord) {
				st.phrases[ch.rule] = true
			}
		case "years-experience":
			out = c.yearsExperience(sp, ch, text, out)
		case "reading-grade":
			if sp.Kind != parsers.Heading && sp.Kind != parsers.AltText {
				if c.measured { // Analyze already counted this span
					st.counts.add(c.spanCounts)
				} else {
					st.counts.add(c.countTokens(false))
				}
			}
		case "passive-voice":
			out = c.passiveParagraph(sp, ch, out)
		case "degree-required":
			if !strings.Contains(c.tz.lower, "degree") {
				break
			}
			for _, m := range degreeRE.FindAllStringIndex(text, -1) {
				// "A master's degree is not required" says the opposite.
				if notRequiredRE.MatchString(text[m[0]:m[1]]) || strings.HasSuffix(strings.ToLower(text[max(0, m[0]-3):m[0]]), "no ") {
					continue
				}
				if !equivalentRE.MatchString(sentenceAround(text, m[0], m[1])) {
					out = append(out, c.finding(sp, &c.nt, rawMatch{rule: ch.rule, tok: -1, start: m[0], end: m[1]}))
				}
			}
		}
	}
	return out
}

// trackSections follows the headings of a job post and counts the list
// items under a requirements heading. Markdown list items are spans of
// their own; in plain text, a paragraph holds a heading line and its
// "- item" lines.
func (c *checker) trackSections(sp *parsers.Span) {
	st := &c.docState
	switch sp.Kind {
	case parsers.Heading:
		st.section = classifySection(sp.Text)
		return
	case parsers.ListItem:
		if st.section == requiredSection {
			st.requirements++
		}
		return
	}
	for line := range strings.Lines(sp.Text) {
		trimmed := strings.TrimSpace(line)
		switch {
		case isBulletLine(trimmed):
			if st.section == requiredSection {
				st.requirements++
			}
		case looksLikeHeading(trimmed):
			st.section = classifySection(trimmed)
		}
	}
}

// classifySection tells a requirements heading from a nice-to-have one.
func classifySection(heading string) sectionKind {
	h := strings.ToLower(heading)
	for _, w := range []string{"nice to have", "nice-to-have", "preferred", "bonus", "desirable", "a plus", "ideally", "extra"} {
		if strings.Contains(h, w) {
			return optionalSection
		}
	}
	for _, w := range []string{"requirement", "qualification", "what you need", "what you'll need", "what you will need", "must have", "must-have", "you have", "you bring", "who you are", "about you", "what we're looking for", "what we are looking for", "skills"} {
		if strings.Contains(h, w) {
			return requiredSection
		}
	}
	return otherSection
}

func isBulletLine(line string) bool {
	if strings.HasPrefix(line, "- ") || strings.HasPrefix(line, "* ") || strings.HasPrefix(line, "• ") || strings.HasPrefix(line, "+ ") {
		return true
	}
	i := 0
	for i < len(line) && line[i] >= '0' && line[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(line) && (line[i] == '.' || line[i] == ')') && line[i+1] == ' '
}

// payRange records pay figures and flags a range whose top is more than
// twice its bottom.
func (c *checker) payRange(sp *parsers.Span, ch compiledCheck, out []Finding) []Finding {
	text := c.nt.text
	if !c.mayHoldMoney() || !payWordRE.MatchString(text) {
		return out
	}
	if moneyRE.MatchString(text) || wordedPayRE.MatchString(text) {
		c.docState.payFound = true
	}
	for _, m := range rangeRE.FindAllStringSubmatchIndex(text, -1) {
		low := amount(text[m[2]:m[3]], m[4] >= 0)
		high := amount(text[m[6]:m[7]], m[8] >= 0 || (m[4] >= 0 && m[8] < 0))
		if low > 0 && high > 2*low {
			f := c.finding(sp, &c.nt, rawMatch{rule: ch.rule, tok: -1, start: m[0], end: m[1]})
			f.Message = "The top of this pay range is more than twice the bottom; a range that wide tells applicants little."
			f.Severity = rules.SeverityInfo
			out = append(out, f)
		}
	}
	return out
}

// mayHoldMoney is a cheap test before the pay patterns: a currency symbol,
// or a currency code or "thousand" as a word.
func (c *checker) mayHoldMoney() bool {
	if strings.ContainsAny(c.nt.text, "$£€¥") {
		return true
	}
	for _, t := range c.toks {
		if (len(t.key) == 3 || len(t.key) == 8) && isCurrencyWord(t.key) {
			return true
		}
	}
	return false
}

func isCurrencyWord(k string) bool {
	switch k {
	case "usd", "gbp", "eur", "cad", "aud", "chf", "thousand":
		return true
	}
	return false
}

// amount reads "60,000" or "60" with a "k" as a number.
func amount(digits string, thousands bool) float64 {
	v, err := strconv.ParseFloat(strings.ReplaceAll(digits, ",", ""), 64)
	if err != nil {
		return 0
	}
	if thousands {
		v *= 1000
	}
	return v
}

// yearsExperience flags demands for limit or more years: "10+ years of
// experience", "at least twelve years". The years must be asked for: the
// sentence mentions experience, or it is a list item of requirements.
func (c *checker) yearsExperience(sp *parsers.Span, ch compiledCheck, text string, out []Finding) []Finding {
	if !c.mayDemandYears() {
		return out
	}
	for _, m := range yearsRE.FindAllStringSubmatchIndex(text, -1) {
		n := numberValue(strings.ToLower(text[m[2]:m[3]]))
		if n < ch.limitOr(10) || isAge(text[m[1]:]) {
			continue
		}
		sentence := strings.ToLower(sentenceAround(text, m[0], m[1]))
		if !strings.Contains(sentence, "experience") && sp.Kind != parsers.ListItem && !isBulletLine(strings.TrimSpace(lineAround(text, m[0]))) {
			continue
		}
		f := c.finding(sp, &c.nt, rawMatch{rule: ch.rule, tok: -1, start: m[0], end: m[1]})
		f.Message = strings.ReplaceAll(f.Message, "{count}", strconv.Itoa(n))
		out = append(out, f)
	}
	return out
}

// isAge reports whether the text after "N years" makes it an age: "18
// years old", "21 years of age".
func isAge(after string) bool {
	after = strings.ToLower(strings.TrimLeft(after, " "))
	return strings.HasPrefix(after, "old") || strings.HasPrefix(after, "of age")
}

// mayDemandYears is a cheap test before the years pattern: a "years" (or
// "yrs") token with a number up to three tokens before it.
func (c *checker) mayDemandYears() bool {
	for i, t := range c.toks {
		if t.kind != word || (t.key != "years" && t.key != "year" && t.key != "yrs" && t.key != "yr") {
			continue
		}
		for j := max(0, i-3); j < i; j++ {
			if k := c.toks[j].key; c.toks[j].kind == word && (isDigits(k) || numberValue(k) > 0) {
				return true
			}
		}
	}
	return false
}

func numberValue(s string) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	words := map[string]int{"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
		"sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "twenty-five": 25, "thirty": 30}
	return words[s]
}

// sentenceAround returns the sentence (up to . ; or a line break) around
// text[start:end].
func sentenceAround(text string, start, end int) string {
	from := strings.LastIndexAny(text[:start], ".;\n") + 1
	to := strings.IndexAny(text[end:], ".;\n")
	if to < 0 {
		return text[from:]
	}
	return text[from : end+to]
}

func lineAround(text string, at int) string {
	from := strings.LastIndexByte(text[:at], '\n') + 1
	to := strings.IndexByte(text[at:], '\n')
	if to < 0 {
		return text[from:]
	}
	return text[from : at+to]
}

// containsPhrase reports whether the tokens hold one of the check's
// phrases: each token is looked up among the phrases' first words, and only
// a hit is compared further, in place.
func containsPhrase(toks []token, byFirst map[string][]string) bool {
	for i, t := range toks {
		if t.kind != word {
			continue
		}
		for _, phrase := range byFirst[t.key] {
			if phraseAt(toks[i:], phrase) {
				return true
			}
		}
	}
	return false
}

// phraseAt reports whether the words of phrase start toks (punctuation
// between them is skipped).
func phraseAt(toks []token, phrase string) bool {
	rest, j := phrase, 0
	for {
		w, more, found := strings.Cut(rest, " ")
		for j < len(toks) && toks[j].kind != word {
			j++
		}
		if j == len(toks) || toks[j].key != w {
			return false
		}
		if !found {
			return true
		}
		rest, j = more, j+1
	}
}

// passiveParagraph flags every passive verb group of a paragraph in which
// at least limit percent (default 50) of the sentences, and at least two,
// are passive: one passive sentence is fine, a paragraph of them hides who
// does what.
func (c *checker) passiveParagraph(sp *parsers.Span, ch compiledCheck, out []Finding) []Finding {
	if sp.Kind == parsers.Heading || sp.Kind == parsers.AltText || sp.Kind == parsers.TableCell {
		return out
	}
	if c.beForms() < 2 {
		return out // too few forms of "be" for two passive sentences
	}
	type group struct{ start, end int }
	var groups []group
	sentences, passive := 0, 0
	words, at := c.wordBuf[:0], c.tokBuf[:0]
	defer func() { c.wordBuf, c.tokBuf = words[:0], at[:0] }()
	for _, s := range c.sentences() {
		// Most sentences have no form of "be" closely followed by a participle:
		// skip the full test for them.
		if !c.mayBePassive(s) {
			sentences++
			continue
		}
		words, at = words[:0], at[:0]
		for _, t := range c.toks[s.from:s.to] {
			if t.kind == word {
				words = append(words, c.nt.text[t.start:t.end])
				at = append(at, t)
			}
		}
		if len(words) == 0 {
			continue
		}
		sentences++
		found := passiveAt(words)
		if len(found) > 0 {
			passive++
		}
		for _, g := range found {
			groups = append(groups, group{int(at[g[0]].start), int(at[g[1]-1].end)})
		}
	}
	if passive < 2 || passive*100 < ch.limitOr(50)*sentences {
		return out
	}
	for _, g := range groups {
		out = append(out, c.finding(sp, &c.nt, rawMatch{rule: ch.rule, tok: -1, start: g.start, end: g.end}))
	}
	return out
}

// beForms counts the tokens that may be a form of "be", which every
// passive needs.
func (c *checker) beForms() int { return c.beFormsIn(sentence{0, len(c.toks)}) }

// mayBePassive is a cheap test on token keys before passiveAt: a form of
// "be" with a past participle among the three words after it.
func (c *checker) mayBePassive(s sentence) bool {
	toks := c.toks[s.from:s.to]
	for i, t := range toks {
		if !isBeToken(t) {
			continue
		}
		seen := 0
		for _, n := range toks[i+1:] {
			if n.kind != word {
				continue
			}
			if isPastParticiple(n.key) {
				return true
			}
			if seen++; seen == 3 {
				break
			}
		}
	}
	return false
}

// beFormsIn counts them in one sentence.
func (c *checker) beFormsIn(s sentence) int {
	n := 0
	for _, t := range c.toks[s.from:s.to] {
		if isBeToken(t) {
			n++
		}
	}
	return n
}

// isBeToken reports whether a token may be a form of "be". Most words are
// turned away by their length and first letter before any comparison.
func isBeToken(t token) bool {
	k := t.key
	if len(k) < 2 || len(k) > 7 {
		return false
	}
	switch k[0] {
	case 'i':
		return k == "is" || k == "isn't" || k == "i'm" || (k == "it" && t.possessive)
	case 'a':
		return k == "are" || k == "am" || k == "aren't"
	case 'w':
		switch k {
		case "was", "were", "wasn't", "weren't", "we're":
			return true
		}
		return t.possessive && (k == "what" || k == "who" || k == "where" || k == "which")
	case 'b':
		return k == "be" || k == "been" || k == "being"
	case 'y':
		return k == "you're"
	case 't':
		return k == "they're" || (t.possessive && (k == "that" || k == "there" || k == "this"))
	case 'r':
		return k == "re"
	case 'h':
		return t.possessive && k == "here"
	}
	return false
}

// docFindings reports the document-level findings once every span is seen.
func (c *checker) docFindings(out []Finding) []Finding {
	st := &c.docState
	for _, ch := range c.l.checks {
		if !c.active[ch.rule] {
			continue
		}
		switch ch.name {
		case "pay-range":
			if !st.payFound {
				out = append(out, c.documentFinding(ch, 0))
			}
		case "eeo-statement", "accommodation-statement":
			if !st.phrases[ch.rule] {
				out = append(out, c.documentFinding(ch, 0))
			}
		case "requirements-count":
			if st.requirements > ch.limitOr(10) {
				out = append(out, c.documentFinding(ch, st.requirements))
			}
		case "gender-balance":
			g := genderCoding(out)
			if strings.HasSuffix(g.Verdict, "masculine-coded") {
				f := c.documentFinding(ch, g.Masculine)
				f.Message = strings.ReplaceAll(f.Message, "{verdict}", g.Verdict)
				f.Message = strings.ReplaceAll(f.Message, "{feminine}", strconv.Itoa(g.Feminine))
				if strings.HasPrefix(g.Verdict, "strongly") {
					f.Severity = rules.SeverityWarning
				}
				out = append(out, f)
			}
		case "reading-grade":
			limit := ch.limitOr(12)
			if c.profile == "job-post" && ch.rawLimit == 0 {
				limit = 10
			}
			if grade := st.counts.FleschKincaidGrade(); st.counts.Sentences > 0 && grade > float64(limit) {
				f := c.documentFinding(ch, limit)
				f.Message = strings.ReplaceAll(f.Message, "{grade}", strconv.FormatFloat(Round1(grade), 'f', 1, 64))
				out = append(out, f)
			}
		case "document-length":
			upper := ch.upper
			if upper == 0 {
				upper = 800
			}
			if limit := ch.limitOr(250); st.words > 0 && (st.words < limit || st.words > upper) {
				out = append(out, c.documentFinding(ch, st.words))
			}
		}
	}
	return out
}

// documentFinding reports on the document as a whole.
func (c *checker) documentFinding(ch compiledCheck, count int) Finding {
	r := c.l.rules[ch.rule]
	return Finding{
		Rule: r, Severity: r.Severity, Document: true,
		Message:     strings.ReplaceAll(r.Message, "{count}", strconv.Itoa(count)),
		Suggestions: append([]string(nil), r.Suggest...),
	}
}

// limitOr returns the check's limit, or def when the rule sets none.
func (ch compiledCheck) limitOr(def int) int {
	if ch.rawLimit > 0 {
		return ch.rawLimit
	}
	return def
}
