package lint

import (
	"strings"
	"unicode"
)

// Passive voice is found by form, without a parser: a form of "be", at
// most two adverbs or "not", then a past participle. The method and its
// decisions:
//
//   - "be" is am, is, are, was, were, be, been, being, the negatives isn't,
//     aren't, wasn't, weren't (also written without the apostrophe), and
//     the contractions 're ("you're"), 'm ("I'm") and 's after it, that,
//     this, what, there, here, which, who and where ("it's required"). An
//     's after any other word is not taken for "is": after a noun it is a
//     possessive ("the manager's approved list"), and after "he" or "she"
//     it is as often "has" ("she's written"), which is not passive. "its"
//     without an apostrophe is the possessive.
//   - Between "be" and the participle may stand up to two of: not, never,
//     a word ending in "-ly", and a short list of adverbs and floating
//     quantifiers (always, also, often, still, already, all, both, each,
//     well, ...): "is not always reviewed", "will be carefully checked",
//     "are all paid". "very" is not on the list: "is very interested" is an
//     adjective.
//   - A past participle is an irregular participle from passiveIrregular
//     (more than 200: "written", "paid", "held", "set", "read") or a regular
//     "-ed" word, except the "-ed" words in passiveAdjectives. Those are
//     the words that after "be" describe a feeling, trait or state of the
//     subject and take no agent: "is interested", "is experienced", "are
//     tired", "we are committed to", "is qualified", "are excited",
//     "is disabled". Words that are passive in form and can take an agent
//     are passives, even where they read like states: "are required to",
//     "are expected to", "is located", "is based in", "is closed",
//     "are entitled to".
//   - A hyphenated word ("well-known", "self-motivated") is a compound
//     adjective, not a participle. An "-ed" word needs a vowel before the
//     "-ed" ("red", "bed", "shed" are not regular participles) and is not
//     an "-eed" word other than agreed, freed, guaranteed and the like
//     ("need", "exceed").
//   - "born" and "gone" are not listed: "was born" and "is gone" are not
//     passives a writer can turn active.
//   - "get" passives ("got promoted", "get paid") are not counted: they
//     are informal and mostly idioms ("get started", "get used to", "get
//     involved") that a plain-language check should not flag.
//
// A found group runs from the "be" form to the participle, widened to the
// left over what makes the verb group: "is", "are"... before "being"
// ("is being reviewed"); has, have, had before "been" ("has been
// approved"); and a modal (may, must, will, can, should, shall, might,
// could, would, and their negatives, "'ll") before "be" or before that
// has/have ("may be requested", "will have been paid", "must not be
// shared"), each across at most two adverbs or "not".

// passiveAt finds passive-voice verb groups in one sentence given as its
// words (original spelling, punctuation removed), by the method above. It
// returns the [start, end) word index ranges of each passive verb group,
// in order and not overlapping: "Forms may be requested by staff" gives
// [[1 4]] ("may be requested").
func passiveAt(words []string) [][2]int {
	lw := make([]string, len(words))
	for i, w := range words {
		lw[i] = passiveWord(w)
	}
	var out [][2]int
	last := 0
	for i := 0; i < len(lw); i++ {
		if !isBeForm(lw, i) {
			continue
		}
		p := skipAdverbs(lw, i+1)
		if p >= len(lw) || !isPastParticiple(lw[p]) {
			continue
		}
		start := max(groupStart(lw, i), last)
		out = append(out, [2]int{start, p + 1})
		last = p + 1
		i = p
	}
	return out
}

// passiveWord spells a word for the look-ups: lower case, a curly
// apostrophe made straight, and any punctuation left at either end
// trimmed, keeping a leading apostrophe of "'s", "'re" or "'m".
func passiveWord(w string) string {
	w = strings.ToLower(strings.ReplaceAll(w, "’", "'"))
	w = strings.TrimFunc(w, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '-'
	})
	switch w {
	case "'s", "'re", "'m":
		return w
	}
	return strings.Trim(w, "'")
}

// beForms are the forms of "be" that can start a passive.
var beForms = map[string]bool{
	"am": true, "is": true, "are": true, "was": true, "were": true,
	"be": true, "been": true, "being": true,
	"isn't": true, "aren't": true, "wasn't": true, "weren't": true,
	"isnt": true, "arent": true, "wasnt": true, "werent": true,
}

// isWhoseS lists the words after which "'s" is "is": it's, that's, ...
var isWhoseS = map[string]bool{
	"it": true, "that": true, "this": true, "what": true, "there": true,
	"here": true, "which": true, "who": true, "where": true,
}

// isBeForm reports whether lw[i] is a form of "be", by the list and
// contraction rules of the method.
func isBeForm(lw []string, i int) bool {
	w := lw[i]
	if beForms[w] {
		return true
	}
	// "you're", "I'm", "it's"; or the same split by a tokenizer into
	// "it" + "'s" (or "s" where a curly apostrophe was dropped).
	if stem, ok := strings.CutSuffix(w, "'s"); ok && stem != "" {
		return isWhoseS[stem]
	}
	if (strings.HasSuffix(w, "'re") && w != "'re") || (strings.HasSuffix(w, "'m") && w != "'m") {
		return true
	}
	if i > 0 {
		switch w {
		case "'s", "s":
			return isWhoseS[lw[i-1]]
		case "'re", "re":
			return lw[i-1] == "you" || lw[i-1] == "we" || lw[i-1] == "they"
		case "'m", "m":
			return lw[i-1] == "i"
		}
	}
	return false
}

// passiveAdverbs may stand between "be" and its participle, besides "-ly"
// words.
var passiveAdverbs = map[string]bool{
	"not": true, "never": true, "always": true, "also": true, "often": true,
	"still": true, "already": true, "just": true, "only": true, "now": true,
	"then": true, "ever": true, "sometimes": true, "seldom": true,
	"even": true, "further": true, "again": true, "once": true,
	"first": true, "soon": true, "yet": true, "well": true, "all": true,
	"both": true, "each": true, "thus": true, "therefore": true,
	"hereby": true, "currently": true,
}

// isAdverb reports whether w may stand inside a passive verb group.
func isAdverb(w string) bool {
	return passiveAdverbs[w] || (len(w) > 3 && strings.HasSuffix(w, "ly"))
}

// skipAdverbs returns the index of the first word from i that is not one
// of at most two adverbs.
func skipAdverbs(lw []string, i int) int {
	for n := 0; n < 2 && i < len(lw) && isAdverb(lw[i]); n++ {
		i++
	}
	return i
}

// passiveModals may stand before "be" or "have been" in a verb group.
var passiveModals = map[string]bool{
	"may": true, "might": true, "must": true, "will": true, "would": true,
	"shall": true, "should": true, "can": true, "could": true,
	"cannot": true, "won't": true, "can't": true, "wouldn't": true,
	"shouldn't": true, "couldn't": true, "mustn't": true, "mightn't": true,
	"shan't": true, "wont": true, "cant": true, "wouldnt": true,
	"shouldnt": true, "couldnt": true, "mustnt": true,
}

// perfectAux may stand before "been".
var perfectAux = map[string]bool{
	"has": true, "have": true, "had": true, "hasn't": true,
	"haven't": true, "hadn't": true, "hasnt": true, "havent": true,
	"hadnt": true, "having": true,
}

// groupStart widens a passive that starts at the "be" form lw[b] to the
// left over the auxiliaries of its verb group: "is" before "being",
// has/have/had before "been", a modal before "be" or before that
// has/have, each across at most two adverbs.
func groupStart(lw []string, b int) int {
	start := b
	switch lw[b] {
	case "being":
		if j, ok := auxBefore(lw, start, func(w string) bool { return beForms[w] && w != "being" && w != "been" && w != "be" }); ok {
			start = j
		}
		return start
	case "been":
		j, ok := auxBefore(lw, start, func(w string) bool { return perfectAux[w] || strings.HasSuffix(w, "'ve") })
		if !ok {
			return start
		}
		start = j
	case "be":
	default:
		return start
	}
	if j, ok := auxBefore(lw, start, func(w string) bool { return passiveModals[w] || strings.HasSuffix(w, "'ll") }); ok {
		start = j
	}
	return start
}

// auxBefore looks left of lw[at], across at most two adverbs, for a word
// that is, and returns its index.
func auxBefore(lw []string, at int, is func(string) bool) (int, bool) {
	for j, skipped := at-1, 0; j >= 0 && skipped <= 2; j, skipped = j-1, skipped+1 {
		if is(lw[j]) {
			return j, true
		}
		if !isAdverb(lw[j]) {
			break
		}
	}
	return 0, false
}

// isPastParticiple reports whether w (spelled by passiveWord) is a past
// participle by the method's rules.
func isPastParticiple(w string) bool {
	if strings.Contains(w, "-") || passiveAdjectives[w] {
		return false
	}
	if passiveIrregular[w] {
		return true
	}
	stem, ok := strings.CutSuffix(w, "ed")
	if !ok || !strings.ContainsAny(stem, "aeiouy") || notParticipleEd[w] {
		return false
	}
	if strings.HasSuffix(w, "eed") {
		// "need", "exceed", "proceed", "indeed" are not participles.
		return eedParticiples[w]
	}
	return true
}

// eedParticiples are the "-eed" words that are participles, of verbs in
// "-ee".
var eedParticiples = wordSet(`agreed disagreed freed guaranteed decreed refereed`)

// notParticipleEd are "-ed" words with a vowel before the "-ed" that are
// not participles: adjectives and nouns, and names.
var notParticipleEd = wordSet(`hundred kindred sacred naked wicked wretched rugged
	ragged jagged crooked beloved embed imbed moped biped infrared hatred
	jared ahmed mohammed muhammed mohamed`)

// passiveAdjectives are "-ed" and irregular participles that after "be"
// are adjectives of feeling, trait or state, and so not passives.
var passiveAdjectives = wordSet(`interested uninterested experienced inexperienced
	tired excited bored pleased displeased delighted thrilled satisfied
	dissatisfied qualified unqualified overqualified skilled unskilled
	talented gifted motivated dedicated committed concerned involved
	married unmarried divorced engaged worried scared frightened
	surprised disappointed confused embarrassed frustrated annoyed amazed
	ashamed determined devoted focused accustomed supposed relaxed stressed
	exhausted advanced sophisticated complicated retired disabled renowned
	aged upset drunk mistaken`)

// passiveIrregular are irregular past participles: those unlike the
// simple past ("written", "taken"), those like it ("paid", "held") and
// those like the base form ("set", "put", "read").
var passiveIrregular = wordSet(`
	arisen awoken beaten begun bent bet bid bitten bled blown bound
	bred broadcast broken brought built burnt burst bought cast caught
	chosen clung cut dealt done drawn dreamt driven dug eaten fallen
	fed felt fled flung flown forbidden forecast foreseen forgiven forgone
	forgotten forsaken frozen given gotten ground grown heard held hidden
	hit hung hurt kept knit known laid leant learnt led left lent
	let lit lost made meant met mislaid misled misread misspelt
	misunderstood mown offset outbid outdone outgrown outrun
	overcome overdone overdrawn overheard overhung overlaid overpaid
	overridden overrun overseen overshot overtaken overthrown paid
	partaken preset proofread proven put read rebuilt recast redone redrawn
	remade repaid reread rerun reset resold retaken retold rewritten
	ridden risen run said sawn seen sent set sewn shaken shed shod shorn
	shot shown shrunk shut slain slept slid slung slit smelt sold sought
	sown sped spelt spent spilt split spoilt spoken spread sprung spun
	stolen strewn stricken striven struck strung stuck stung sunk swept
	sworn swollen swum swung taken taught thought thrown thrust told torn
	trodden typeset undercut underpaid undergone understood undertaken
	underwritten undone unwound upheld wed wept withdrawn withheld won
	woken worn woven wound wrung written begotten beheld beset besought
	bespoken bidden browbeaten crept forborne forsworn hewn inlaid
	interwoven laden misheard outsold overborne overfed overgrown
	oversold overslept overspent overwritten prepaid rewound sublet
	unbent unbound undersold unmade unsaid unwritten waylaid withstood`)

// wordSet makes a set of the space-separated words in s.
func wordSet(s string) map[string]bool {
	set := make(map[string]bool)
	for _, w := range strings.Fields(s) {
		set[w] = true
	}
	return set
}
