package lint

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/allylint/ally/parsers"
	"golang.org/x/text/cases"
)

// tokenKind separates what can be matched from what only separates.
type tokenKind uint8

const (
	// word is a run of letters (with internal apostrophes) or of digits.
	word tokenKind = iota
	// punct is one punctuation or symbol character; terms may contain it
	// ("his/her"), so it is matchable, but it also keeps a phrase from
	// matching across a comma or a full stop.
	punct
	// wall is something that is not a word inside prose: an identifier or
	// hash, markup that the parser removed. It never matches and no phrase
	// crosses it.
	wall
	// link is a URL, an e-mail address or a file path: a wall that a
	// pattern match must not overlap either.
	link
)

// token is one unit of normalized text. start and end are offsets into the
// normalized text; key is what the matcher compares: case-folded, with a
// possessive "'s" removed.
type token struct {
	start, end int32
	kind       tokenKind
	possessive bool
	key        string
}

// tokenizer splits normalized text into tokens. It holds a case folder,
// which is stateful, so each goroutine needs its own tokenizer.
type tokenizer struct {
	fold  cases.Caser
	toks  []token
	lower string // the text with ASCII letters lower-cased, for keys
	buf   []byte
}

func newTokenizer() *tokenizer { return &tokenizer{fold: cases.Fold()} }

// tokenize returns the tokens of s; the slice is reused by the next call.
func (t *tokenizer) tokenize(s string) []token {
	t.toks = t.toks[:0]
	t.lowerASCII(s)
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if isASCIISpace(c) {
				i++
				continue
			}
		} else if r, size := utf8.DecodeRuneInString(s[i:]); unicode.IsSpace(r) {
			i += size
			continue
		}
		i = t.chunk(s, i)
	}
	return t.toks
}

// lowerASCII keeps a copy of s with ASCII letters lower-cased, so the key of
// an ASCII word is a substring of it and costs no allocation.
func (t *tokenizer) lowerASCII(s string) {
	upper := false
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			upper = true
			break
		}
	}
	if !upper {
		t.lower = s
		return
	}
	t.buf = append(t.buf[:0], s...)
	for i, c := range t.buf {
		if 'A' <= c && c <= 'Z' {
			t.buf[i] = c + 'a' - 'A'
		}
	}
	t.lower = string(t.buf)
}

// chunk splits the whitespace-free run at start into words and
// punctuation and returns where it ends. A run that turns out to be a URL,
// an e-mail address or a path becomes one link token instead; most runs
// hold none of the characters those need, and are read only once.
func (t *tokenizer) chunk(s string, start int) (end int) {
	first := len(t.toks)
	suspicious := false
	i := start
	for i < len(s) {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				break
			}
		} else if isASCIISpace(s[i]) {
			break
		}
		switch {
		case isWordRune(r):
			j, kind, ascii := scanWord(s, i, len(s))
			t.emitWord(s, i, j, kind, ascii)
			i = j
			continue
		case r == ':' || r == '@' || r == '/' || r == '\\' || r == '.':
			suspicious = true
			t.toks = append(t.toks, token{start: int32(i), end: int32(i + size), kind: punct, key: t.lower[i : i+size]})
		case r == '-' && i > start && isWordRune(lastRune(s[:i])) && isWordRune(firstRune(s[i+size:])):
			// A hyphen inside a word joins nothing: "wheelchair-bound"
			// reads as the two words "wheelchair bound".
		case r == parsers.Boundary:
			t.toks = append(t.toks, token{start: int32(i), end: int32(i + size), kind: wall})
		default:
			t.toks = append(t.toks, token{start: int32(i), end: int32(i + size), kind: punct, key: t.lower[i : i+size]})
		}
		i += size
	}
	if suspicious && looksLikeNonProse(s[start:i]) {
		t.toks = t.toks[:first]
		linkEnd := trimTrailingPunct(s, start, i)
		t.toks = append(t.toks, token{start: int32(start), end: int32(linkEnd), kind: link})
		for k := linkEnd; k < i; k++ { // the sentence punctuation after it
			t.toks = append(t.toks, token{start: int32(k), end: int32(k + 1), kind: punct, key: t.lower[k : k+1]})
		}
	}
	return i
}

func (t *tokenizer) emitWord(s string, start, end int, kind tokenKind, ascii bool) {
	tok := token{start: int32(start), end: int32(end), kind: kind}
	if kind == word {
		if ascii {
			tok.key = t.lower[start:end]
		} else {
			tok.key = t.fold.String(s[start:end])
		}
		if n := len(tok.key); n > 2 && tok.key[n-2:] == "'s" {
			tok.key = tok.key[:n-2]
			tok.possessive = true
		}
	}
	t.toks = append(t.toks, tok)
}

// scanWord finds the end of the word at i and classifies it. A word is
// letters, digits, combining marks and underscores, with apostrophes that
// sit between letters ("don't", "master's"). It is an identifier (a wall),
// not prose, when it mixes letters and digits ("x86", "a3f9c2e"), has an
// underscore, or changes case mid-word ("masterBranch").
func scanWord(s string, i, end int) (j int, kind tokenKind, ascii bool) {
	var letters, digits, ident, prevLower bool
	ascii = true
	for i < end {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
			ascii = false
		}
		switch {
		case 'a' <= r && r <= 'z':
			letters, prevLower = true, true
		case 'A' <= r && r <= 'Z':
			letters, ident, prevLower = true, ident || prevLower, false
		case '0' <= r && r <= '9':
			digits, prevLower = true, false
		case r == '_':
			ident = true
		case r == '\'':
			if !(letters && i+1 < end && isLetter(firstRune(s[i+1:])) && isLetter(lastRune(s[:i]))) {
				return i, wordKind(letters, digits, ident), ascii
			}
		case unicode.IsLetter(r):
			upper := unicode.IsUpper(r)
			letters, ident, prevLower = true, ident || (prevLower && upper), unicode.IsLower(r)
		case unicode.IsDigit(r):
			digits = true
		case unicode.Is(unicode.Mn, r):
		default:
			return i, wordKind(letters, digits, ident), ascii
		}
		i += size
	}
	return i, wordKind(letters, digits, ident), ascii
}

func wordKind(letters, digits, ident bool) tokenKind {
	if ident || (letters && digits) {
		return wall
	}
	return word
}

// looksLikeNonProse spots URLs, e-mail addresses and file paths, which can
// contain any word ("github.com/org/master") but are never prose.
func looksLikeNonProse(c string) bool {
	if len(c) < 3 {
		return false
	}
	if strings.Contains(c, "://") || strings.HasPrefix(c, "www.") || strings.HasPrefix(c, "mailto:") {
		return true
	}
	if at := strings.IndexByte(c, '@'); at > 0 && strings.Contains(c[at:], ".") && isWordRune(firstRune(c[at+1:])) {
		return true
	}
	if strings.HasPrefix(c, "/") || strings.HasPrefix(c, "./") || strings.HasPrefix(c, "../") || strings.HasPrefix(c, "~/") || strings.Contains(c, `\`) {
		return strings.ContainsAny(c[1:], `/\`)
	}
	// "wiki.example.com/ip-blacklist": a host name before the first slash.
	if slash := strings.IndexByte(c, '/'); slash > 0 && looksLikeHost(c[:slash]) {
		return true
	}
	// "docs/readme.md": a slash plus a file extension. "his/her" has neither
	// a dot nor more than one slash, so it stays prose.
	if slash := strings.LastIndexByte(c, '/'); slash > 0 {
		rest := strings.TrimRight(c[slash:], `.,;:!?)"'`)
		return strings.Contains(rest, ".") || strings.Count(c, "/") > 2
	}
	return false
}

// looksLikeHost reports whether s reads as a domain name: dot-separated
// labels of letters, digits and hyphens, ending in a label of two or more
// letters ("example.com", "intranet.acme.co.uk"), not "e.g" or "v1.2".
func looksLikeHost(s string) bool {
	labels := strings.Split(s, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || strings.Trim(l, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != "" {
			return false
		}
	}
	tld := labels[len(labels)-1]
	return len(tld) >= 2 && strings.Trim(tld, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") == ""
}

// trimTrailingPunct keeps sentence punctuation after a URL out of the wall,
// so "see https://x.org." still ends its sentence.
func trimTrailingPunct(s string, start, end int) int {
	for end > start+1 && strings.IndexByte(`.,;:!?)"'`, s[end-1]) >= 0 {
		end--
	}
	return end
}

func isASCIISpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'
}

func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z')
	}
	return unicode.IsLetter(r)
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || ('0' <= r && r <= '9')
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func firstRune(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }

func lastRune(s string) rune { r, _ := utf8.DecodeLastRuneInString(s); return r }
