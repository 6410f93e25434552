// Package lint is ally's engine. It compiles a rule set once into a phrase
// trie and a list of patterns, then checks documents: it normalizes each
// span of prose, splits it into tokens, finds every term of every rule in one
// walk, runs the patterns, drops exceptions and quoted mentions, and maps
// what is left back to byte offsets of the source file.
//
// A Linter is immutable after New (but for a memo of syllable counts, which
// never changes a result) and safe for concurrent use.
package lint

import (
	"cmp"
	"slices"
	"strings"
	"sync"

	"github.com/allylint/ally/parsers"
	"github.com/allylint/ally/rules"
)

// Linter checks documents against a compiled rule set.
type Linter struct {
	rules    []*rules.Rule
	category []int32 // per rule, its category as a number
	// syllables memoizes syllable counts across documents; see wordCache.
	syllables *sync.Map
	trie      *trie
	patterns  []compiledPattern
	checks    []compiledCheck
	// prefilter finds which patterns can match a span; nil when no pattern
	// has a usable literal.
	prefilter *acMatcher
}

// New compiles a rule set. Problems that only show when terms are
// tokenized (a term with no words in it) are returned as a rules.ErrorList.
func New(set *rules.Set) (*Linter, error) {
	l := &Linter{rules: set.Rules, category: categoryNumbers(set.Rules), syllables: &sync.Map{}}
	var errs rules.ErrorList
	t, err := compileTrie(set.Rules)
	if el, ok := err.(rules.ErrorList); ok {
		errs = append(errs, el...)
	}
	l.trie = t
	tz := newTokenizer()
	for i, r := range set.Rules {
		if r.Check != "" {
			l.checks = append(l.checks, compileCheck(tz, i, r))
			continue
		}
		if r.Pattern == "" {
			continue
		}
		re, err := rules.CompilePattern(r)
		if err != nil {
			errs.Add(r.Pos, r.ID, "invalid pattern: %v", err)
			continue
		}
		l.patterns = append(l.patterns, compiledPattern{rule: int32(i), re: re, width: maxWidth(r.Pattern), group: max(0, re.SubexpIndex("match"))})
	}
	l.compilePrefilter()
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return l, nil
}

// categoryNumbers numbers the rules' categories, for cheap comparison.
func categoryNumbers(rs []*rules.Rule) []int32 {
	ids := map[string]int32{}
	out := make([]int32, len(rs))
	for i, r := range rs {
		id, ok := ids[r.Category]
		if !ok {
			id = int32(len(ids))
			ids[r.Category] = id
		}
		out[i] = id
	}
	return out
}

// Rules returns the compiled rules in their load order.
func (l *Linter) Rules() []*rules.Rule { return l.rules }

// Check lints a parsed document under a profile and returns its findings
// sorted by position.
func (l *Linter) Check(doc *parsers.Document, profile string) []Finding {
	return l.run(doc, profile, nil)
}

// run checks a document and, when m is not nil, measures it in the same
// pass over its spans.
func (l *Linter) run(doc *parsers.Document, profile string, m *Metrics) []Finding {
	active := make([]bool, len(l.rules))
	for i, r := range l.rules {
		active[i] = r.AppliesTo(profile)
	}
	c := checker{l: l, active: active, tz: newTokenizer(), doc: doc, profile: profile, docState: docState{phrases: map[int32]bool{}, wordInfo: wordCache{shared: l.syllables}}, metrics: m}
	var out []Finding
	for i := range doc.Spans {
		out = c.span(&doc.Spans[i], out)
	}
	out = c.docChecks(out)
	out = c.docFindings(out)
	sortFindings(out)
	attachFixes(doc.File.Src, out)
	return out
}

// checker holds the per-call state of Check, so the Linter stays read-only.
type checker struct {
	l       *Linter
	active  []bool
	tz      *tokenizer
	doc     *parsers.Document
	matches []rawMatch
	excepts []interval
	hits    []acHit
	profile string
	wordBuf []string // scratch space for passive detection
	tokBuf  []token
	toks    []token // of the span being checked
	// spanSentences caches the sentences of the span; see sentences.
	spanSentences []sentence
	// metrics, when not nil, is filled span by span; see measureSpan, which
	// leaves the span's counts in spanCounts (measured is true) for the
	// reading-grade check to reuse.
	metrics    *Metrics
	measured   bool
	spanCounts Counts
	nt         normText // of the span being checked
	docState
}

func (c *checker) span(sp *parsers.Span, out []Finding) []Finding {
	c.nt = normalize(sp.Text)
	nt := &c.nt
	c.toks = c.tz.tokenize(nt.text)
	c.spanSentences, c.measured = nil, false
	c.matches, c.excepts = c.l.trie.matchTokens(c.toks, c.active, c.l.category, c.matches[:0], c.excepts[:0])
	c.runPatterns(nt.text)
	c.measureSpan(sp)
	out = c.spanChecks(sp, out)
	out = append(out, c.docSpan(sp)...)
	if len(c.matches) == 0 {
		return out
	}
	sortRaw(c.matches)
	lastEnd := map[int32]int{}
	for _, m := range c.matches {
		if end, seen := lastEnd[m.rule]; seen && m.start < end {
			continue // the same rule already reported an overlapping match
		}
		if c.excepted(m) || isMention(nt.text, m.start, m.end) || c.isProperName(sp, m) {
			continue
		}
		f := c.finding(sp, nt, m)
		if c.doc.Format == string(parsers.FormatMarkdown) && isEmphasizedMention(c.doc.File.Src, f.Start, f.End) {
			continue
		}
		lastEnd[m.rule] = m.end
		out = append(out, f)
	}
	return out
}

// excepted reports whether an exception phrase of the match's rule
// overlaps it: "master's degree" covers "master", and "agreed upon" is
// enough to clear "upon the" in "agreed upon the dates".
func (c *checker) excepted(m rawMatch) bool {
	for _, e := range c.excepts {
		if e.rule == m.rule && e.start < m.end && m.start < e.end {
			return true
		}
	}
	return false
}

func (c *checker) finding(sp *parsers.Span, nt *normText, m rawMatch) Finding {
	r := c.l.rules[m.rule]
	ts, te := nt.spanStart(m.start), nt.spanEnd(m.end)
	start, end, exact := sp.SourceRange(ts, te)
	matched := sp.Text[ts:te]
	f := Finding{
		Rule: r, Severity: r.Severity, Start: start, End: end, Exact: exact, Kind: sp.Kind,
		Match:   string(c.doc.File.Src[start:end]),
		Message: strings.ReplaceAll(r.Message, "{match}", matched),
	}
	proper := isProperNounTerm(r, matched)
	for _, s := range r.Suggest {
		f.Suggestions = append(f.Suggestions, shapeSuggestion(s, matched, m.plural, m.possessive, proper))
	}
	return f
}

func sortRaw(ms []rawMatch) {
	slices.SortStableFunc(ms, func(a, b rawMatch) int {
		// Longest first at one start, so it wins the per-rule dedupe.
		return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(b.end, a.end))
	})
}
