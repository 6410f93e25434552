package lint

import (
	"fmt"

	"github.com/allylint/ally/rules"
)

// node is one state of the phrase trie. Every term of every rule is a path
// of token keys from the root, so one walk over a span's tokens finds all
// terms at once and the cost does not grow with the number of rules.
type node struct {
	next map[string]*node
	// filter, set on nodes with many children, is a bit set over firstHash
	// of their keys: most words following a common first word continue no
	// phrase, and the bit test turns them away before the map lookup.
	filter *[16]uint64
	// ends lists the terms that end here.
	ends []termEnd
	// excepts lists the rules for which the phrase ending here is an
	// exception.
	excepts []int32
}

// termEnd records that some rule's term (or its generated plural) ends at a
// node.
type termEnd struct {
	rule   int32
	plural bool
}

func (n *node) child(key string) *node {
	c := n.next[key]
	if c == nil {
		if n.next == nil {
			n.next = map[string]*node{}
		}
		c = &node{}
		n.next[key] = c
	}
	return c
}

// trie holds the compiled terms and exceptions of a rule set.
type trie struct {
	root node
	// roots indexes root.next for the hot first step of every walk.
	roots rootIndex
	// first is a bit set over a cheap hash of the keys that can start a
	// phrase. Most words of ordinary prose start no term, and one bit test
	// turns them away without a map lookup.
	first [1024]uint64
}

// firstHash mixes a key's length and its first and last bytes into 16 bits.
func firstHash(k string) uint32 {
	if k == "" {
		return 0
	}
	h := uint32(len(k))*0x9E3779B1 ^ uint32(k[0])*0x85EBCA77 ^ uint32(k[len(k)-1])*0xC2B2AE3D
	return h >> 16
}

func (t *trie) markFirst(k string) { h := firstHash(k); t.first[h>>6] |= 1 << (h & 63) }

func (t *trie) mayStart(k string) bool { h := firstHash(k); return t.first[h>>6]&(1<<(h&63)) != 0 }

// phraseKeys tokenizes a term the way document text is tokenized, so terms
// and text are compared on equal footing.
func phraseKeys(tz *tokenizer, phrase string) ([]string, error) {
	nt := normalize(phrase)
	var keys []string
	hasWord := false
	for _, tok := range tz.tokenize(nt.text) {
		if tok.kind >= wall {
			return nil, fmt.Errorf("%q is not plain prose (it looks like a URL, path or identifier)", phrase)
		}
		hasWord = hasWord || tok.kind == word
		keys = append(keys, tok.key)
	}
	if !hasWord {
		return nil, fmt.Errorf("%q has no words", phrase)
	}
	return keys, nil
}

// add inserts a phrase and, unless exact, the plural of its last word.
func (t *trie) add(keys []string, exact bool, visit func(n *node, plural bool)) {
	t.markFirst(keys[0])
	if len(keys) == 1 && !exact {
		t.markFirst(plural(keys[0]))
	}
	n := &t.root
	for _, k := range keys {
		n = n.child(k)
	}
	visit(n, false)
	if exact {
		return
	}
	last := keys[len(keys)-1]
	pl := plural(last)
	if pl == last || !isLetterWord(last) {
		return
	}
	n = &t.root
	for _, k := range keys[:len(keys)-1] {
		n = n.child(k)
	}
	visit(n.child(pl), true)
}

// compileTrie builds the trie for all term rules, collecting every problem.
func compileTrie(rs []*rules.Rule) (*trie, error) {
	t := &trie{}
	tz := newTokenizer()
	var errs rules.ErrorList
	for i, r := range rs {
		if r.Check != "" {
			continue // a check's terms configure it; they are not flagged
		}
		idx := int32(i)
		for _, term := range r.Terms {
			keys, err := phraseKeys(tz, term)
			if err != nil {
				errs.Add(r.Pos, r.ID, "term %v", err)
				continue
			}
			t.add(keys, r.Exact, func(n *node, plural bool) {
				if !hasEnd(n.ends, idx) {
					n.ends = append(n.ends, termEnd{rule: idx, plural: plural})
				}
			})
		}
		for _, ex := range r.Except {
			keys, err := phraseKeys(tz, ex)
			if err != nil {
				errs.Add(r.Pos, r.ID, "except %v", err)
				continue
			}
			t.add(keys, r.Exact, func(n *node, _ bool) { n.excepts = append(n.excepts, idx) })
		}
	}
	t.roots = newRootIndex(t.root.next)
	t.root.addFilters()
	return t, errs.Err()
}

// filterMinChildren is how many children make a node worth a filter.
const filterMinChildren = 16

func (n *node) addFilters() {
	if len(n.next) >= filterMinChildren {
		n.filter = new([16]uint64)
		for k := range n.next {
			h := firstHash(k) & 1023
			n.filter[h>>6] |= 1 << (h & 63)
		}
	}
	for _, c := range n.next {
		c.addFilters()
	}
}

// step follows the edge for key, or returns nil.
func (n *node) step(key string) *node {
	if n.filter != nil {
		if h := firstHash(key) & 1023; n.filter[h>>6]&(1<<(h&63)) == 0 {
			return nil
		}
	}
	return n.next[key]
}

// rootIndex is an open-addressing hash table over the words that start a
// phrase. It answers the one lookup made for nearly every word of a
// document faster than a Go map, with a cheaper hash and no interface.
type rootIndex struct {
	keys  []string
	nodes []*node
	mask  uint32
}

func newRootIndex(m map[string]*node) rootIndex {
	size := 16
	for size < 4*len(m) {
		size *= 2
	}
	ri := rootIndex{keys: make([]string, size), nodes: make([]*node, size), mask: uint32(size - 1)}
	for k, n := range m {
		i := fnv32(k) & ri.mask
		for ri.nodes[i] != nil {
			i = (i + 1) & ri.mask
		}
		ri.keys[i], ri.nodes[i] = k, n
	}
	return ri
}

func (ri *rootIndex) lookup(k string) *node {
	if ri.nodes == nil {
		return nil
	}
	for i := fnv32(k) & ri.mask; ri.nodes[i] != nil; i = (i + 1) & ri.mask {
		if ri.keys[i] == k {
			return ri.nodes[i]
		}
	}
	return nil
}

// fnv32 is the FNV-1a hash.
func fnv32(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * 16777619
	}
	return h
}

func hasEnd(ends []termEnd, rule int32) bool {
	for _, e := range ends {
		if e.rule == rule {
			return true
		}
	}
	return false
}

// rawMatch is a term or pattern match in normalized-text offsets.
type rawMatch struct {
	rule int32
	// tok is the index of the first token of a term match; -1 for a
	// pattern match.
	tok        int
	start, end int // normalized text offsets
	plural     bool
	possessive bool
}

// interval is an exception's extent for one rule.
type interval struct {
	rule       int32
	start, end int
}

// matchTokens walks the trie from every token. At one start, the longest
// term wins among the rules of one category ("native English speaker" over
// "native speaker"), while rules of other categories still report their
// own terms there ("aggressive targets" as jargon, "aggressive" as
// gender-coded). Exceptions are collected for later filtering. category
// gives each rule's category as a number.
func (t *trie) matchTokens(toks []token, active []bool, category []int32, out []rawMatch, excepts []interval) ([]rawMatch, []interval) {
	var found []candidate
	for i := range toks {
		if toks[i].kind >= wall || !t.mayStart(toks[i].key) {
			continue
		}
		n := t.roots.lookup(toks[i].key)
		found = found[:0]
		for j := i; n != nil; {
			for _, r := range n.excepts {
				excepts = append(excepts, interval{rule: r, start: int(toks[i].start), end: int(toks[j].end)})
			}
			for _, e := range n.ends {
				if active[e.rule] {
					found = append(found, candidate{end: e, tok: j})
				}
			}
			if j++; j == len(toks) || toks[j].kind >= wall {
				break
			}
			n = n.step(toks[j].key)
		}
		for _, f := range found {
			if longestInCategory(found, f, category) {
				out = append(out, rawMatch{
					rule: f.end.rule, tok: i, start: int(toks[i].start), end: int(toks[f.tok].end),
					plural: f.end.plural, possessive: toks[f.tok].possessive,
				})
			}
		}
	}
	return out, excepts
}

// candidate is a term that ends at token tok, found from one start.
type candidate struct {
	end termEnd
	tok int
}

// longestInCategory reports whether no other candidate of the same
// category ends later.
func longestInCategory(found []candidate, f candidate, category []int32) bool {
	for _, g := range found {
		if g.tok > f.tok && category[g.end.rule] == category[f.end.rule] {
			return false
		}
	}
	return true
}
