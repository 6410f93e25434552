// Package rules owns the rule model: the YAML schema that people edit, its
// strict loading with file:line errors, and validation. It knows nothing
// about parsing documents or matching text.
package rules

// Severity orders how much a finding matters.
type Severity int

// Severities from least to most severe; the zero value is not valid so a
// missing severity is caught.
const (
	SeverityInfo Severity = iota + 1
	SeverityWarning
	SeverityError
)

// ParseSeverity reads "error", "warning" or "info".
func ParseSeverity(s string) (Severity, bool) {
	switch s {
	case "info":
		return SeverityInfo, true
	case "warning":
		return SeverityWarning, true
	case "error":
		return SeverityError, true
	}
	return 0, false
}

// String returns the severity's name.
func (s Severity) String() string {
	switch s {
	case SeverityInfo:
		return "info"
	case SeverityWarning:
		return "warning"
	case SeverityError:
		return "error"
	}
	return "unknown"
}

// Profiles a document can be linted under.
const (
	ProfileJobPost = "job-post"
	ProfilePolicy  = "policy"
	ProfileGeneral = "general"
)

// Rule is one entry of a rules file, after validation.
type Rule struct {
	// ID is stable and dotted, e.g. "gender.chairman".
	ID       string
	Category string
	Severity Severity
	// Message says what is wrong in one line; Why gives the reason and,
	// where there is one, a source; Source is an optional URL.
	Message string
	Why     string
	Source  string
	// Terms are words and phrases matched as whole words. Unless Exact is
	// set the engine also matches their plural and possessive forms.
	Terms []string
	Exact bool
	// Pattern is an RE2 expression for what terms cannot say; it is matched
	// case-insensitively unless CaseSensitive is set.
	Pattern       string
	CaseSensitive bool
	// Check names a built-in check that finds what words cannot describe
	// (see Checks); its terms, antecedents and limit configure it.
	Check string
	// Antecedents, for the generic-pronoun check, are the role nouns a
	// pronoun must refer back to for it to be generic.
	Antecedents []string
	// Limit is a check's threshold (for long-sentence, the most words a
	// sentence may have); 0 means the check's default.
	Limit int
	// Upper is a check's upper threshold (for document-length, the most
	// words); 0 means the check's default.
	Upper int
	// Except lists phrases inside which a match is not a problem.
	Except []string
	// Suggest lists replacements, best first.
	Suggest []string
	// FixSafe says the first suggestion can replace a match with no one
	// looking ("fix: safe" in YAML): chairman → chair. Suggestions that
	// change the grammar around them (he or she is → they are) need a
	// person, and are applied only on request.
	FixSafe bool
	// Profiles lists where the rule applies; empty means everywhere.
	Profiles []string
	// Lang is a BCP 47 tag; "en" when the file does not say.
	Lang     string
	Examples Examples
	// Pos is where the rule starts in its file, for later error messages.
	Pos Pos
}

// The values of a rule's "fix" field.
const (
	FixSafe   = "safe"
	FixUnsafe = "unsafe"
)

// checkDescriptions says what each built-in check finds, in the order the
// docs list them.
func checkDescriptions() [][2]string {
	return [][2]string{
		{"all-caps", "sentences and paragraphs written in capitals (acronyms are fine)"},
		{"image-alt", "images without a text alternative"},
		{"heading-skip", "headings that skip a level (# then ###)"},
		{"link-text", "link text that does not say where the link goes: one of the terms"},
		{"bare-url", "a web address shown as the link text (e-mail addresses are fine)"},
		{"long-sentence", "sentences longer than limit words (default 40)"},
		{"generic-pronoun", "he, him, his or himself referring back to a role (the candidate ... he), not to a named person"},
		{"pay-range", "a job post with no pay or salary figures (a document-level finding), and a range whose top is more than twice its bottom"},
		{"eeo-statement", "a job post with no equal-opportunity statement (the terms are phrases that make one)"},
		{"accommodation-statement", "a job post with no offer of accommodations for disabled applicants (the terms are phrases that make one)"},
		{"requirements-count", "more than limit (default 10) required qualifications in the requirements list; nice-to-have lists are not counted"},
		{"years-experience", "a demand for limit (default 10) or more years of experience"},
		{"degree-required", "a degree required with no \"or equivalent experience\" beside it"},
		{"document-length", "a document shorter than limit words (default 250) or longer than upper (default 800)"},
		{"gender-balance", "a job post whose gender-coded words lean masculine (Gaucher, Friesen & Kay 2011)"},
		{"passive-voice", "each passive verb group in a paragraph where at least limit percent (default 50) of at least two sentences are passive"},
		{"reading-grade", "a document whose Flesch-Kincaid grade is above limit (default 10 for job posts, 12 otherwise)"},
	}
}

// CheckNames lists the built-in checks a rule can name with "check:".
func CheckNames() []string {
	var names []string
	for _, d := range checkDescriptions() {
		names = append(names, d[0])
	}
	return names
}

// DescribeCheck says what a built-in check finds; ok is false for an
// unknown name.
func DescribeCheck(name string) (description string, ok bool) {
	for _, d := range checkDescriptions() {
		if d[0] == name {
			return d[1], true
		}
	}
	return "", false
}

// Examples are sentences a rule must flag and sentences it must leave alone.
type Examples struct {
	Flag []string
	Pass []string
}

// Pos is a place in a rules file.
type Pos struct {
	File   string
	Line   int
	Column int
}

// AppliesTo reports whether the rule runs under a profile.
func (r *Rule) AppliesTo(profile string) bool {
	if len(r.Profiles) == 0 {
		return true
	}
	for _, p := range r.Profiles {
		if p == profile {
			return true
		}
	}
	return false
}

// Set is an ordered, validated collection of rules with unique IDs.
type Set struct {
	Rules []*Rule
}

// Lookup returns the rule with the given ID, or nil.
func (s *Set) Lookup(id string) *Rule {
	for _, r := range s.Rules {
		if r.ID == id {
			return r
		}
	}
	return nil
}
