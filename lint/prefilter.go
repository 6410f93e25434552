package lint

import (
	"regexp/syntax"
	"strings"
	"unicode/utf8"
)

// Pattern rules are regular expressions, and running dozens of them over
// every paragraph would cost far more than the one-pass term matcher. Most
// patterns, though, cannot match unless some literal word is present
// ("\bmust be able to (?:lift|stand)\b" needs "must be able to"). The
// prefilter extracts such a set of literals from each pattern, compiles all
// of them into one Aho-Corasick automaton, and per span runs only the
// patterns whose literals occur. A pattern with no usable literal runs
// always, so the prefilter never changes what is found.

// maxLiteralSet bounds the cross products built while extracting literals;
// maxRequiredSet bounds a pattern's required set, which alternations grow
// by union. The automaton handles thousands of literals at no extra cost
// per byte, so the second bound is generous.
const (
	maxLiteralSet  = 256
	maxRequiredSet = 512
)

// minLiteralLen is the shortest literal worth filtering on; shorter ones
// occur in nearly every paragraph.
const minLiteralLen = 3

// literalInfo describes what a regexp node can match: exact lists every
// string it matches (nil when unknown or too many), required lists strings
// one of which every match contains (nil when there is no such set).
type literalInfo struct {
	exact    []string
	required []string
}

// requiredLiterals returns lower-case strings, one of which occurs in every
// match of the pattern, or nil when there is no useful set.
func requiredLiterals(pattern string) []string {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil
	}
	req := literals(re.Simplify()).required
	for i, s := range req {
		if len(strings.ReplaceAll(s, wordBoundary, "")) < minLiteralLen || !isASCII(s) {
			return nil
		}
		req[i] = markBoundaries(s)
	}
	return dedupe(req)
}

// wordBoundary stands for \b in literals and in the scanned text. The
// scanner feeds it wherever an ASCII word character meets a non-word
// character (the meaning of \b in Go's regexp), so "\bage " only hits the
// word "age", not "page " or "manage ".
const wordBoundary = "\x01"

// markBoundaries puts wordBoundary at every word/non-word transition inside
// a literal, as the scanner sees them in text, and drops doubled markers.
func markBoundaries(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == wordBoundary[0] {
			continue
		}
		if i > 0 && s[i-1] != wordBoundary[0] && isWordByte(s[i-1]) != isWordByte(s[i]) {
			b.WriteString(wordBoundary)
		} else if i > 0 && s[i-1] == wordBoundary[0] {
			b.WriteString(wordBoundary)
		}
		b.WriteByte(s[i])
	}
	if strings.HasSuffix(s, wordBoundary) {
		b.WriteString(wordBoundary)
	}
	return b.String()
}

// isWordByte is Go regexp's \w, which defines \b.
func isWordByte(c byte) bool {
	return c == '_' || ('0' <= c && c <= '9') || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
}

func literals(re *syntax.Regexp) literalInfo {
	switch re.Op {
	case syntax.OpLiteral:
		s := strings.ToLower(string(re.Rune))
		return literalInfo{exact: []string{s}, required: []string{s}}
	case syntax.OpCharClass:
		return literalInfo{exact: classStrings(re.Rune)}
	case syntax.OpWordBoundary:
		return literalInfo{exact: []string{wordBoundary}}
	case syntax.OpEmptyMatch, syntax.OpNoWordBoundary, syntax.OpBeginLine, syntax.OpEndLine,
		syntax.OpBeginText, syntax.OpEndText:
		return literalInfo{exact: []string{""}}
	case syntax.OpCapture:
		return literals(re.Sub[0])
	case syntax.OpQuest:
		sub := literals(re.Sub[0])
		if sub.exact != nil {
			return literalInfo{exact: union(sub.exact, []string{""})}
		}
		return literalInfo{}
	case syntax.OpPlus:
		return literalInfo{required: literals(re.Sub[0]).required}
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return literalInfo{required: literals(re.Sub[0]).required}
		}
		return literalInfo{}
	case syntax.OpConcat:
		return concatLiterals(re.Sub)
	case syntax.OpAlternate:
		return alternateLiterals(re.Sub)
	}
	return literalInfo{}
}

// concatLiterals joins runs of children with exact sets into longer
// literals and keeps the most selective required set of any piece.
func concatLiterals(subs []*syntax.Regexp) literalInfo {
	var best []string
	run := []string{""}
	allExact := true
	consider := func(set []string) {
		if better(set, best) {
			best = set
		}
	}
	for _, s := range subs {
		info := literals(s)
		if info.exact != nil {
			if next := cross(run, info.exact); next != nil {
				run = next
				continue
			}
		}
		allExact = false
		consider(run)
		consider(info.required)
		run = []string{""}
		if info.exact != nil {
			run = info.exact
		}
	}
	consider(run)
	if allExact {
		return literalInfo{exact: run, required: best}
	}
	return literalInfo{required: best}
}

func alternateLiterals(subs []*syntax.Regexp) literalInfo {
	var exact, required []string
	exactOK, requiredOK := true, true
	for _, s := range subs {
		info := literals(s)
		if info.exact == nil || len(exact)+len(info.exact) > maxLiteralSet {
			exactOK = false
		} else if exactOK {
			exact = union(exact, info.exact)
		}
		req := info.required
		if req == nil && info.exact != nil {
			req = info.exact
		}
		if req == nil || len(required)+len(req) > maxRequiredSet {
			requiredOK = false
		} else if requiredOK {
			required = union(required, req)
		}
	}
	out := literalInfo{}
	if exactOK {
		out.exact = exact
	}
	if requiredOK {
		out.required = required
	}
	return out
}

// better reports whether literal set a filters more sharply than b: its
// shortest string is longer (ties: fewer strings). Sets holding "" filter
// nothing.
func better(a, b []string) bool {
	if len(a) == 0 || shortest(a) == 0 {
		return false
	}
	if len(b) == 0 {
		return true
	}
	if sa, sb := shortest(a), shortest(b); sa != sb {
		return sa > sb
	}
	return len(a) < len(b)
}

func shortest(set []string) int {
	n := -1
	for _, s := range set {
		if n < 0 || len(s) < n {
			n = len(s)
		}
	}
	return n
}

func cross(a, b []string) []string {
	if len(a)*len(b) > maxLiteralSet {
		return nil
	}
	out := make([]string, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			out = append(out, x+y)
		}
	}
	return dedupe(out)
}

func union(a, b []string) []string { return dedupe(append(append([]string{}, a...), b...)) }

func dedupe(ss []string) []string {
	seen := map[string]bool{}
	out := ss[:0]
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// classStrings lists the characters of a small character class, lower-cased
// and deduplicated ([Mm] is just "m"); nil for a class larger than the
// digits or with non-ASCII characters.
func classStrings(ranges []rune) []string {
	var out []string
	for i := 0; i+1 < len(ranges); i += 2 {
		lo, hi := ranges[i], ranges[i+1]
		if hi-lo > 10 || hi >= utf8.RuneSelf {
			return nil
		}
		for r := lo; r <= hi; r++ {
			out = append(out, strings.ToLower(string(r)))
		}
	}
	out = dedupe(out)
	if len(out) > 10 { // \d, but not [a-z]
		return nil
	}
	return out
}

// acMatcher is an Aho-Corasick automaton over bytes, compiled to a dense
// transition table so a scan costs one table lookup per byte. Bytes that no
// literal contains share one column, which keeps the table small enough to
// stay in cache.
type acMatcher struct {
	class   [256]uint8 // byte → column
	columns int
	next    []int32 // state*columns + class → state
	// out[state] lists the patterns one of whose literals ends at this
	// state, following failure links.
	out [][]int32
	// rows and word are what scan reads; see compileRows.
	rows []int32
	word [256]bool
}

func newACMatcher(lits [][]string) *acMatcher {
	m := &acMatcher{columns: 1}
	for _, set := range lits {
		for _, s := range set {
			for i := 0; i < len(s); i++ {
				if m.class[s[i]] == 0 {
					m.class[s[i]] = uint8(m.columns)
					m.columns++
				}
			}
		}
	}
	m.addState()
	for p, set := range lits {
		for _, s := range set {
			st := int32(0)
			for i := 0; i < len(s); i++ {
				edge := int(st)*m.columns + int(m.class[s[i]])
				if m.next[edge] == 0 {
					m.next[edge] = m.addState()
				}
				st = m.next[edge]
			}
			m.out[st] = append(m.out[st], int32(p))
		}
	}
	m.link()
	m.compileRows()
	return m
}

func (m *acMatcher) addState() int32 {
	m.next = append(m.next, make([]int32, m.columns)...)
	m.out = append(m.out, nil)
	return int32(len(m.out) - 1)
}

// link turns the trie into a full DFA: breadth first, each missing edge
// goes where the failure link's edge goes, and outputs are inherited.
func (m *acMatcher) link() {
	fail := make([]int32, len(m.out))
	var queue []int32
	for c := 0; c < m.columns; c++ {
		if s := m.next[c]; s != 0 {
			queue = append(queue, s)
		}
	}
	for len(queue) > 0 {
		st := queue[0]
		queue = queue[1:]
		m.out[st] = append(m.out[st], m.out[fail[st]]...)
		row, failRow := int(st)*m.columns, int(fail[st])*m.columns
		for c := 0; c < m.columns; c++ {
			if s := m.next[row+c]; s != 0 {
				fail[s] = m.next[failRow+c]
				queue = append(queue, s)
			} else {
				m.next[row+c] = m.next[failRow+c]
			}
		}
	}
}

// acHit says that a literal of a pattern ends at byte end of the text.
type acHit struct {
	pattern, end int32
}

// scan appends a hit for every literal occurrence in text. It feeds the
// automaton a wordBoundary wherever \b holds, then the byte.
func (m *acMatcher) scan(text string, hits []acHit) []acHit {
	var row int32
	boundary := int32(m.class[wordBoundary[0]])
	prevWord := false
	for i := 0; i <= len(text); i++ {
		word := i < len(text) && m.word[text[i]]
		if word != prevWord && boundary != 0 {
			if row = m.rows[row+boundary]; row < 0 {
				row &^= outFlag
				hits = m.emit(row, i, hits)
			}
		}
		prevWord = word
		if i == len(text) {
			break
		}
		if row = m.rows[row+int32(m.class[text[i]])]; row < 0 {
			row &^= outFlag
			hits = m.emit(row, i+1, hits)
		}
	}
	return hits
}

func (m *acMatcher) emit(row int32, end int, hits []acHit) []acHit {
	for _, p := range m.out[int(row)/m.columns] {
		hits = append(hits, acHit{pattern: p, end: int32(end)})
	}
	return hits
}

// outFlag marks, in rows, a target state that has outputs.
const outFlag = -1 << 31

// compileRows turns next into rows, the form scan uses: each entry is the
// target state's row offset (state × columns), so no multiplication is
// needed per byte, with outFlag set when the target has outputs.
func (m *acMatcher) compileRows() {
	m.rows = make([]int32, len(m.next))
	for i, st := range m.next {
		m.rows[i] = st * int32(m.columns)
		if len(m.out[st]) > 0 {
			m.rows[i] |= outFlag
		}
	}
	for c := 0; c < 256; c++ {
		m.word[c] = isWordByte(byte(c))
	}
}
