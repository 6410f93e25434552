package lint

import (
	"math/bits"
	"strings"

	"github.com/allylint/ally/parsers"
	"github.com/allylint/ally/rules"
)

// Words and phrases that mark a job post or a policy. A heading (or a short
// line standing alone, as headings are written in plain text) weighs more
// than the same words inside a sentence. A job post must also have one of
// the section headings only job posts have: handbooks talk about benefits,
// salaries and "the role" of a team, but rarely head a section
// "Qualifications" or "How to apply".
var (
	jobPostHeadings = newSignalIndex([]string{
		"responsibilities", "requirements", "qualifications", "what you'll do", "what you will do",
		"how to apply", "about the role", "about you", "who you are", "nice to have",
		"we're looking for", "we are looking for", "apply now", "your role", "the role",
		"skills and experience", "duties", "job description", "role summary", "apply to",
		"you will", "what you bring", "what you'll bring", "you'll bring",
	})
	jobPostSignals = newSignalIndex([]string{
		"responsibilities", "requirements", "qualifications", "what you'll do", "what you will do",
		"how to apply", "to apply", "benefits", "about the role", "about you", "the role",
		"we're looking for", "we are looking for", "nice to have", "job description", "salary",
		"compensation", "perks", "what we offer", "who you are", "equal opportunity employer",
		"years of experience", "apply now",
	})
	// applySignals invite the reader to apply: a page with one job heading
	// is a job post if it also asks for applications.
	applySignals = newSignalIndex([]string{
		"apply", "applicants", "applications", "candidates", "send your", "résumé", "resume", "cv",
		"join our team", "join us", "we're hiring", "we are hiring", "equal opportunity employer",
		"hiring process", "interview",
	})
	policySignals = newSignalIndex([]string{
		"policy", "scope", "purpose", "procedure", "effective date", "definitions", "compliance",
		"employees must", "violation", "enforcement", "applies to", "eligibility", "guidelines",
		"handbook", "code of conduct",
	})
)

const (
	// minJobHeadings is how many job-post-only section headings make a job
	// post on their own (Requirements and How to apply, say): handbook pages
	// about hiring or a team's roles often have one, so one heading counts
	// only with an invitation to apply.
	minJobHeadings = 2
	headingWeight  = 3
	sentenceWeight = 1
	// profileThreshold is the score a profile needs before it is chosen over
	// "general", so one stray "benefits" does not make a newsletter a job post.
	profileThreshold = 4
	// bodyScanLimit is how many bytes of text are searched for signals in
	// sentences; headings are searched throughout.
	bodyScanLimit = 16 << 10
)

// DetectProfile guesses whether a document is a job post, a policy, or
// neither, from the headings and phrases typical of each.
func DetectProfile(doc *parsers.Document) string {
	var job, policy, seen int
	jobHeadings := 0
	applying := false // the text invites applications
	for i := range doc.Spans {
		sp := &doc.Spans[i]
		seen += len(sp.Text)
		for line := range strings.Lines(sp.Text) {
			heading := sp.Kind == parsers.Heading || looksLikeHeading(line)
			// Sentences count only near the top: a job post is short, and
			// a long handbook is told apart by its headings.
			if !heading && seen > bodyScanLimit {
				continue
			}
			w := sentenceWeight
			if heading {
				w = headingWeight
				jobHeadings += jobPostHeadings.count(line)
			}
			job += w * jobPostSignals.count(line)
			applying = applying || applySignals.count(line) > 0
			policy += w * policySignals.count(line)
		}
	}
	switch {
	case (jobHeadings >= minJobHeadings || (jobHeadings == 1 && applying)) && job >= profileThreshold && job > policy:
		return rules.ProfileJobPost
	case policy >= profileThreshold && policy > job:
		return rules.ProfilePolicy
	}
	return rules.ProfileGeneral
}

// looksLikeHeading spots a plain-text heading: a short line that does not
// end a sentence.
func looksLikeHeading(line string) bool {
	line = strings.TrimSpace(line)
	if line == "" || len(line) > 60 || strings.HasSuffix(line, ".") {
		return false
	}
	return strings.Count(line, " ") < 5
}

// signalIndex groups signals (lower-case ASCII, under 64 of them) by their
// first letter, so each word of a line is compared only with the few
// signals that start like it.
type signalIndex [26][]signal

type signal struct {
	text string
	bit  uint64
}

func newSignalIndex(signals []string) signalIndex {
	var idx signalIndex
	for i, s := range signals {
		c := s[0] - 'a'
		idx[c] = append(idx[c], signal{text: s, bit: 1 << i})
	}
	return idx
}

// count returns how many distinct signals occur in line at word starts,
// ignoring ASCII case.
func (idx *signalIndex) count(line string) int {
	var found uint64
	for i := 0; i < len(line); i++ {
		c := line[i] | 0x20 // ASCII lower case
		if c < 'a' || c > 'z' || (i > 0 && isLetter(rune(line[i-1]))) {
			continue
		}
		for _, sig := range idx[c-'a'] {
			if len(line)-i >= len(sig.text) && strings.EqualFold(line[i:i+len(sig.text)], sig.text) {
				found |= sig.bit
			}
		}
	}
	return bits.OnesCount64(found)
}
