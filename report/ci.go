package report

import (
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/allylint/ally/lint"
	"github.com/allylint/ally/parsers"
	"github.com/allylint/ally/rules"
)

// Helpers shared by the machine formats for CI (SARIF, GitHub workflow
// commands, reviewdog, Checkstyle, GitLab Code Quality, the Markdown job
// summary). They are pure functions of a Result, so every printer built on
// them is too.

// projectURL is where ally lives; rules without a source of their own point
// at the rules section of its README.
const (
	projectURL   = "https://github.com/allylint/ally"
	rulesHelpURL = projectURL + "/blob/main/README.md#rules"
)

// fileErrorID names the problem "this file could not be read or parsed" in
// formats that have no other place for it than a list of findings. It is
// not a rule id (rule ids have a dot), so it cannot collide with one.
const fileErrorID = "file-error"

// helpURL is the page that explains a rule.
func helpURL(r *rules.Rule) string {
	if r != nil && r.Source != "" {
		return r.Source
	}
	return rulesHelpURL
}

// withTry appends the suggestions to a message, after sep, for formats that
// have no field of their own for them.
func withTry(msg string, suggestions []string, sep string) string {
	if len(suggestions) == 0 {
		return msg
	}
	return msg + sep + "Try: " + strings.Join(suggestions, ", ")
}

// located reports whether a finding has a place in the file on disk that
// other tools can point at: a document-level finding has none, and a
// finding in text extracted from a PDF or DOCX has a line of that text,
// not of the file.
func located(r Result, f lint.Finding) bool {
	return !f.Document && r.File != nil && !r.File.Extracted
}

// extractedPrefix is "p3:12:5: " for a finding in extracted text, so a
// format that can only point at the whole file still says where it is;
// "" otherwise.
func extractedPrefix(r Result, f lint.Finding) string {
	if f.Document || r.File == nil || !r.File.Extracted {
		return ""
	}
	return r.File.Position(f.Start).String() + ": "
}

// repoPath is a path as CI services want it: forward slashes, no "./"
// segments. It stays relative when it was given relative, since code
// scanning, GitLab and reviewdog resolve paths against the repository.
func repoPath(p string) string {
	if p == "" {
		return p
	}
	p = strings.ReplaceAll(p, `\`, "/")
	return path.Clean(p)
}

var drivePath = regexp.MustCompile(`^[A-Za-z]:/`)

// lineIndex knows where every line of a file starts, for what
// parsers.Position does not give: the line number counted from the start
// of the text even in a PDF (whose positions count lines within a page),
// and columns in UTF-8 bytes (reviewdog's unit). It is built once per
// file, so a file with many findings is not rescanned for each.
type lineIndex struct {
	starts []int
	size   int
}

func newLineIndex(src []byte) lineIndex {
	starts := []int{0}
	for i, b := range src {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return lineIndex{starts: starts, size: len(src)}
}

// line returns the 1-based line that holds byte offset off.
func (x lineIndex) line(off int) int {
	off = max(0, min(off, x.size))
	return sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > off })
}

// byteColumn returns the 1-based column of off in bytes from the start of
// its line (a byte order mark is part of the first line's bytes).
func (x lineIndex) byteColumn(off int) int {
	off = max(0, min(off, x.size))
	return off - x.starts[x.line(off)-1] + 1
}

// span is where a finding (or a fix) lies: positions as people count them
// (rune columns), plus the absolute lines of the text.
type span struct {
	start, end         parsers.Position
	startLine, endLine int // counted from the start of the text, even in a PDF
}

func spanOf(f *parsers.File, x lineIndex, from, to int) span {
	return span{start: f.Position(from), end: f.Position(to), startLine: x.line(from), endLine: x.line(to)}
}

// category is the family a rule's category belongs to: "exclusionary" for
// "exclusionary.gender", "plain-language" for "plain-language.wordy".
func category(c string) string {
	if i := strings.IndexByte(c, '.'); i >= 0 {
		return c[:i]
	}
	return c
}

// severityRank orders severities for sorting, the most severe first.
func severityRank(s rules.Severity) int { return -int(s) }
