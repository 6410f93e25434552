package rules

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"
)

// ruleFields lists the keys a rule may have, in the order the docs give them;
// anything else is a typo the user wants to hear about.
var ruleFields = []string{
	"id", "category", "severity", "message", "why", "source",
	"terms", "pattern", "case-sensitive", "exact", "check", "antecedents", "limit", "upper", "except", "suggest",
	"fix", "profiles", "lang", "examples",
}

// rawRule is the YAML shape of a rule, decoded after the keys were checked.
type rawRule struct {
	ID            string      `yaml:"id"`
	Category      string      `yaml:"category"`
	Severity      string      `yaml:"severity"`
	Message       string      `yaml:"message"`
	Why           string      `yaml:"why"`
	Source        string      `yaml:"source"`
	Terms         []string    `yaml:"terms"`
	Pattern       string      `yaml:"pattern"`
	CaseSensitive bool        `yaml:"case-sensitive"`
	Exact         bool        `yaml:"exact"`
	Check         string      `yaml:"check"`
	Antecedents   []string    `yaml:"antecedents"`
	Limit         int         `yaml:"limit"`
	Upper         int         `yaml:"upper"`
	Except        []string    `yaml:"except"`
	Suggest       []string    `yaml:"suggest"`
	Fix           string      `yaml:"fix"`
	Profiles      []string    `yaml:"profiles"`
	Lang          string      `yaml:"lang"`
	Examples      rawExamples `yaml:"examples"`
}

type rawExamples struct {
	Flag []string `yaml:"flag"`
	Pass []string `yaml:"pass"`
}

// Categories that are complete on their own. Families such as
// "accessibility.sensory" are checked by prefix in validCategory.
var exactCategories = []string{
	"exclusionary.gender", "exclusionary.age", "exclusionary.disability",
	"exclusionary.race", "exclusionary.lgbtq", "exclusionary.religion",
	"exclusionary.nationality", "exclusionary.socioeconomic",
	"exclusionary.appearance", "exclusionary.family",
	"exclusionary.mental-health", "gender-coded",
}

var categoryFamilies = []string{"gender-coded.", "accessibility.", "plain-language.", "job-post."}

var idPattern = regexp.MustCompile(`^[a-z0-9]+(?:[.-][a-z0-9]+)*$`)

// Categories returns the category names and families a rule may use, for
// error messages and documentation.
func Categories() []string {
	out := slices.Clone(exactCategories)
	for _, f := range categoryFamilies {
		out = append(out, f+"*")
	}
	return out
}

func validCategory(c string) bool {
	if slices.Contains(exactCategories, c) {
		return true
	}
	for _, f := range categoryFamilies {
		if strings.HasPrefix(c, f) && idPattern.MatchString(c[len(f):]) {
			return true
		}
	}
	return false
}

// Parse reads one rules file. name is used in error messages. All problems
// are collected and returned together as an ErrorList.
func Parse(name string, data []byte) (*Set, error) {
	var errs ErrorList
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		errs.Add(Pos{File: name, Line: yamlErrorLine(err)}, "", "not valid YAML: %s", trimYAMLError(err))
		return nil, errs.Err()
	}
	if len(doc.Content) == 0 {
		errs.Add(Pos{File: name}, "", "file is empty; expected a mapping with a \"rules:\" list")
		return nil, errs.Err()
	}
	top := doc.Content[0]
	rulesNode := topLevelRules(name, top, &errs)
	set := &Set{}
	if rulesNode == nil {
		return nil, errs.Err()
	}
	seen := map[string]Pos{}
	for _, n := range rulesNode.Content {
		r := parseRule(name, n, &errs)
		if r == nil {
			continue
		}
		if first, dup := seen[r.ID]; dup {
			errs.Add(r.Pos, r.ID, "duplicate id; first defined at line %d", first.Line)
			continue
		}
		seen[r.ID] = r.Pos
		set.Rules = append(set.Rules, r)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return set, nil
}

// topLevelRules checks the file's outer shape and returns the rules list.
func topLevelRules(name string, top *yaml.Node, errs *ErrorList) *yaml.Node {
	if top.Kind != yaml.MappingNode {
		errs.Add(posOf(name, top), "", "expected a mapping with a \"rules:\" list at the top level")
		return nil
	}
	var rulesNode *yaml.Node
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i], top.Content[i+1]
		if k.Value != "rules" {
			errs.Add(posOf(name, k), "", "unknown top-level field %q (expected \"rules\")", k.Value)
			continue
		}
		rulesNode = v
	}
	switch {
	case rulesNode == nil:
		errs.Add(posOf(name, top), "", "missing \"rules:\" list")
	case rulesNode.Kind != yaml.SequenceNode:
		errs.Add(posOf(name, rulesNode), "", "\"rules\" must be a list of rules (each item starting with \"- id:\")")
		rulesNode = nil
	}
	return rulesNode
}

// parseRule decodes and validates one rule; it returns nil if the rule is too
// broken to use, after recording why.
func parseRule(name string, n *yaml.Node, errs *ErrorList) *Rule {
	pos := posOf(name, n)
	if n.Kind != yaml.MappingNode {
		errs.Add(pos, "", "each rule must be a mapping of fields (id, category, ...)")
		return nil
	}
	id := fieldValue(n, "id")
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; !slices.Contains(ruleFields, k.Value) {
			errs.Add(posOf(name, k), id, "unknown field %q%s (known fields: %s)", k.Value, didYouMean(k.Value), strings.Join(ruleFields, ", "))
		}
	}
	var raw rawRule
	if err := n.Decode(&raw); err != nil {
		errs.Add(pos, id, "%s", trimYAMLError(err))
		return nil
	}
	r := &Rule{
		ID: raw.ID, Category: raw.Category, Message: strings.TrimSpace(raw.Message),
		Why: strings.TrimSpace(raw.Why), Source: raw.Source, Terms: raw.Terms, Exact: raw.Exact,
		Pattern: raw.Pattern, CaseSensitive: raw.CaseSensitive, Except: raw.Except,
		Check: raw.Check, Antecedents: raw.Antecedents, Limit: raw.Limit, Upper: raw.Upper,
		Suggest: raw.Suggest, FixSafe: raw.Fix == FixSafe, Profiles: raw.Profiles, Lang: raw.Lang,
		Examples: Examples{Flag: raw.Examples.Flag, Pass: raw.Examples.Pass}, Pos: pos,
	}
	if r.Lang == "" {
		r.Lang = "en"
	}
	v := validator{name: name, node: n, rule: r, errs: errs}
	v.validate(raw)
	return r
}

// validator checks one decoded rule, pointing each error at the field's line.
type validator struct {
	name string
	node *yaml.Node
	rule *Rule
	errs *ErrorList
}

func (v *validator) errorf(field, format string, args ...any) {
	pos := v.rule.Pos
	if k := fieldNode(v.node, field); k != nil {
		pos = posOf(v.name, k)
	}
	v.errs.Add(pos, v.rule.ID, format, args...)
}

func (v *validator) validate(raw rawRule) {
	r := v.rule
	switch {
	case r.ID == "":
		v.errorf("id", "missing \"id\" (a stable dotted name such as gender.chairman)")
	case !idPattern.MatchString(r.ID):
		v.errorf("id", "id %q must be lower case letters and digits separated by '.' or '-'", r.ID)
	}
	if !validCategory(r.Category) {
		v.errorf("category", "unknown category %q (known: %s)", r.Category, strings.Join(Categories(), ", "))
	}
	sev, ok := ParseSeverity(raw.Severity)
	if !ok {
		v.errorf("severity", "severity %q must be error, warning or info", raw.Severity)
	}
	r.Severity = sev
	if r.Message == "" {
		v.errorf("message", "missing \"message\": one line saying what is wrong")
	}
	if r.Why == "" {
		v.errorf("why", "missing \"why\": the reason, and a source where there is one")
	}
	v.validateMatching()
	v.validateLists()
	if r.Source != "" {
		if u, err := url.Parse(r.Source); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			v.errorf("source", "source %q must be an http(s) URL", r.Source)
		}
	}
	if _, err := language.Parse(r.Lang); err != nil {
		v.errorf("lang", "lang %q is not a BCP 47 language tag (such as en or en-GB)", r.Lang)
	}
	switch {
	case raw.Fix != "" && raw.Fix != FixSafe && raw.Fix != FixUnsafe:
		v.errorf("fix", "fix %q must be %q (the first suggestion can replace the match unattended) or %q (a person must choose)", raw.Fix, FixSafe, FixUnsafe)
	case raw.Fix == FixSafe && len(r.Suggest) == 0:
		v.errorf("fix", "\"fix: safe\" needs a suggestion to apply; add \"suggest\"")
	case raw.Fix == FixSafe && r.Check != "":
		v.errorf("fix", "\"fix: safe\" applies to rules with terms or a pattern, not to a check")
	}
}

func (v *validator) validateMatching() {
	r := v.rule
	hasTerms := fieldNode(v.node, "terms") != nil
	switch {
	case r.Check != "":
		v.validateCheck(hasTerms)
		return
	case !hasTerms && r.Pattern == "":
		v.errorf("id", "needs \"terms\" (words to match), a \"pattern\" (a regular expression) or a \"check\"")
	case hasTerms && len(r.Terms) == 0:
		v.errorf("terms", "\"terms\" is empty; list at least one word or phrase")
	}
	for i, t := range r.Terms {
		if strings.TrimSpace(t) == "" {
			v.errorf("terms", "term %d is blank", i+1)
		}
	}
	if len(r.Antecedents) > 0 || r.Limit != 0 || r.Upper != 0 {
		v.errorf("id", "\"antecedents\", \"limit\" and \"upper\" only apply to a \"check\"")
	}
	if r.CaseSensitive && r.Pattern == "" {
		v.errorf("case-sensitive", "\"case-sensitive\" only applies to a \"pattern\"")
	}
	if r.Pattern != "" {
		re, err := CompilePattern(r)
		switch {
		case err != nil:
			v.errorf("pattern", "invalid pattern: %s", strings.TrimPrefix(err.Error(), "error parsing regexp: "))
		case re.MatchString(""):
			v.errorf("pattern", "pattern %q matches empty text, so it would flag everything", r.Pattern)
		}
	}
}

// validateCheck checks a rule that names a built-in check: the check must
// exist and get only the settings it uses.
func (v *validator) validateCheck(hasTerms bool) {
	r := v.rule
	if _, ok := DescribeCheck(r.Check); !ok {
		v.errorf("check", "unknown check %q (known: %s)", r.Check, strings.Join(CheckNames(), ", "))
		return
	}
	usesTerms := r.Check == "link-text" || r.Check == "generic-pronoun" || r.Check == "eeo-statement" || r.Check == "accommodation-statement"
	switch {
	case r.Pattern != "":
		v.errorf("pattern", "a rule with a \"check\" cannot also have a \"pattern\"")
	case hasTerms && !usesTerms:
		v.errorf("terms", "the %s check takes no \"terms\"", r.Check)
	case usesTerms && len(r.Terms) == 0:
		v.errorf("check", "the %s check needs \"terms\"", r.Check)
	case r.Check == "generic-pronoun" && len(r.Antecedents) == 0:
		v.errorf("check", "the generic-pronoun check needs \"antecedents\": the role nouns a generic pronoun refers to")
	case r.Check != "generic-pronoun" && len(r.Antecedents) > 0:
		v.errorf("antecedents", "only the generic-pronoun check takes \"antecedents\"")
	case slices.ContainsFunc(r.Antecedents, func(a string) bool { return len(strings.Fields(a)) != 1 }):
		v.errorf("antecedents", "antecedents are single words (employee, not \"staff member\"; \"member\" covers it)")
	case r.Limit < 0 || r.Upper < 0:
		v.errorf("limit", "limit and upper must be positive")
	case r.Upper != 0 && r.Check != "document-length":
		v.errorf("upper", "only the document-length check takes \"upper\"")
	}
}

func (v *validator) validateLists() {
	r := v.rule
	for _, p := range r.Profiles {
		if p != ProfileJobPost && p != ProfilePolicy && p != ProfileGeneral {
			v.errorf("profiles", "unknown profile %q (known: job-post, policy, general)", p)
		}
	}
	for _, list := range []struct {
		field string
		items []string
	}{{"except", r.Except}, {"suggest", r.Suggest}, {"examples", r.Examples.Flag}, {"examples", r.Examples.Pass}} {
		for _, s := range list.items {
			if strings.TrimSpace(s) == "" {
				v.errorf(list.field, "blank entry in %q", list.field)
			}
		}
	}
}

// SetLimit changes the limit of the check rule with the given id, as the
// --limit flag asks.
func (s *Set) SetLimit(id string, limit int) error {
	r := s.Lookup(id)
	switch {
	case r == nil:
		return fmt.Errorf("--limit: no rule %q (see `ally rules list`)", id)
	case r.Check == "":
		return fmt.Errorf("--limit: rule %q has no limit to set (only check rules do)", id)
	case limit <= 0:
		return fmt.Errorf("--limit: %s=%d: the limit must be a positive number", id, limit)
	}
	r.Limit = limit
	return nil
}

// CompilePattern compiles a rule's pattern the way the engine runs it.
func CompilePattern(r *Rule) (*regexp.Regexp, error) {
	if r.CaseSensitive {
		return regexp.Compile(r.Pattern)
	}
	return regexp.Compile("(?i)" + r.Pattern)
}

// didYouMean suggests the known field closest to a misspelt one.
func didYouMean(key string) string {
	if best := Closest(key, ruleFields); best != "" {
		return fmt.Sprintf(", did you mean %q?", best)
	}
	return ""
}

// Closest returns the name in known nearest to a misspelt name, if it is
// at most two edits away, for "did you mean" hints; "" otherwise.
func Closest(name string, known []string) string {
	best, bestDist := "", 3
	for _, k := range known {
		if d := editDistance(name, k); d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

func fieldNode(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i]
		}
	}
	return nil
}

func fieldValue(m *yaml.Node, key string) string {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key && m.Content[i+1].Kind == yaml.ScalarNode {
			return m.Content[i+1].Value
		}
	}
	return ""
}

func posOf(name string, n *yaml.Node) Pos { return Pos{File: name, Line: n.Line, Column: n.Column} }

var yamlLine = regexp.MustCompile(`line (\d+)`)

// yamlErrorLine digs the line number out of a yaml.v3 syntax error, which
// carries it only in its text.
func yamlErrorLine(err error) int {
	var te *yaml.TypeError
	msg := err.Error()
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		var n int
		fmt.Sscan(m[1], &n)
		return n
	}
	return 0
}

func trimYAMLError(err error) string {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		return strings.Join(te.Errors, "; ")
	}
	return strings.TrimPrefix(err.Error(), "yaml: ")
}
