// Package config reads .ally.yaml, the file that gives a project its own
// ally settings, so the command line can stay short.
//
// The file, with every key (all are optional; an empty file is valid):
//
//	# .ally.yaml
//	rules: [team-terms.yaml]                # extra rules files, relative to this file
//	disable: [plain-language.wordy, jargon] # rule ids or categories, as --disable
//	enable: [jargon.culture-fit]            # run these even though a disable matches them
//	severity:                               # a new severity by rule id or category, in order
//	  sensory.*: info
//	  gender.chairman: error
//	limits:                                 # thresholds of check rules, as --limit
//	  plain-language.long-sentence: 30
//	  job-post.years-experience: 8
//	fail-on: warning                        # error | warning | info | none
//	profile: auto                           # auto | job-post | policy | general
//	ignore: [vendor/**, "**/CHANGELOG.md"]  # paths never linted
//	overrides:                              # settings for some paths, in order
//	  - paths: [jobs/**, careers/*.md]
//	    profile: job-post
//	    disable: [...]
//	    enable: [...]
//	    severity: {...}
//	    limits: {...}
//
// Rule patterns (disable, enable, severity keys) are those of
// rules.Selector: a glob (gender.*) or a dotted prefix (plain-language) that
// matches a rule's id or its category. Limits are keyed by exact rule id.
//
// Path patterns (ignore, an override's paths) are relative to the directory
// of the config file and use forward slashes. Each segment is a path.Match
// glob ("*" never crosses a "/"), and a segment that is exactly "**" matches
// any number of directories, none included: "jobs/**" matches jobs/a.md and
// jobs/x/y.md, "**/CHANGELOG.md" matches CHANGELOG.md at the top and at any
// depth. A pattern that matches a directory covers everything under it.
//
// Which rules run, for one file: the top level, then each override whose
// paths match the file, in the order written. Within the result a rule runs
// unless a disable pattern matches it and no enable pattern does (enable
// wins, so "disable: [plain-language]" with "enable:
// [plain-language.long-sentence]" keeps that one rule). A disable in a later
// override drops the earlier enables it covers, judged on the patterns'
// text (plain-language covers plain-language.long-sentence and
// plain-language.*), so an override can turn off again what the top level
// turned back on. Enable selects rules; it does not make a rule run under a
// profile the rule is not written for. Severity patterns apply in order and
// the last that matches a rule wins; profile and limits set in a later
// override replace earlier ones. Command-line flags win over all of it.
//
// Load is strict: unknown keys (with a "did you mean"), wrong types, unknown
// severities, profiles or fail-on values, bad globs and rules files that do
// not exist are all reported together as a rules.ErrorList of
// file:line:col errors.
package config

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/allylint/ally/rules"
	"gopkg.in/yaml.v3"
)

// Config is one loaded .ally.yaml. The embedded Settings are its top level.
type Config struct {
	// Path is the file as given to Load; Dir is its directory, absolute.
	Path string
	Dir  string
	// RuleFiles are the extra rules files, joined to the directory of Path
	// (so relative to the working directory when Path is).
	RuleFiles []string
	// FailOn is error, warning, info, none, or "" when the file does not
	// say.
	FailOn string
	// Ignore lists path patterns (relative to Dir) that are never linted.
	Ignore []string
	// Overrides are the per-path settings, in file order.
	Overrides []Override
	// Settings are the top level's profile, disable, enable, severity and
	// limits.
	Settings
}

// Override is one entry of "overrides": settings for the files its paths
// match.
type Override struct {
	// Paths are path patterns relative to the config file's directory.
	Paths []string
	// Pos is where the entry starts in the config file.
	Pos rules.Pos
	Settings
}

// Settings are what can be set for a file: at the top level, in an
// override, or merged for one file by Config.For. An empty field sets
// nothing.
type Settings struct {
	// Profile is auto, job-post, policy or general; "" when not set.
	Profile string
	// Disable and Enable are rule patterns (see rules.Selector); a rule
	// matched by an enable pattern runs even when a disable pattern matches
	// it.
	Disable, Enable []string
	// Severity sets a new severity for the rules a pattern matches; the
	// last matching entry wins.
	Severity []SeverityOverride
	// Limits sets check thresholds by rule id, as --limit does.
	Limits map[string]int

	// file is the config file these settings came from, and pos where
	// each pattern or limit is written in it (keyed by posKey), for error
	// messages.
	file string
	pos  map[string]rules.Pos
}

// SeverityOverride gives the rules a pattern matches a new severity.
type SeverityOverride struct {
	Pattern  string
	Severity rules.Severity
	// Pos is where the entry is written; zero when it came from elsewhere.
	Pos rules.Pos
}

// Names of the config file that Find looks for, in order of preference.
const (
	FileName    = ".ally.yaml"
	AltFileName = ".ally.yml"
)

// The fail-on values besides the severities.
const FailOnNone = "none"

// ProfileAuto asks ally to detect the profile of each file.
const ProfileAuto = "auto"

var (
	topFields      = []string{"rules", "disable", "enable", "severity", "limits", "fail-on", "profile", "ignore", "overrides"}
	overrideFields = []string{"paths", "profile", "disable", "enable", "severity", "limits"}
	profiles       = []string{ProfileAuto, rules.ProfileJobPost, rules.ProfilePolicy, rules.ProfileGeneral}
)

// Load reads and checks a config file. All problems are reported together,
// as a rules.ErrorList sorted by line; a file that cannot be read gives a
// plain error.
func Load(name string) (*Config, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	dir, err := filepath.Abs(filepath.Dir(name))
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	c := &Config{Path: name, Dir: dir}
	c.Settings.file = name
	p := &parser{file: name, errs: &rules.ErrorList{}}
	p.parse(c, data)
	if err := p.errs.Err(); err != nil {
		return nil, err
	}
	return c, nil
}

// parser walks the YAML tree of one config file, recording every problem.
type parser struct {
	file string
	errs *rules.ErrorList
}

func (p *parser) pos(n *yaml.Node) rules.Pos {
	return rules.Pos{File: p.file, Line: n.Line, Column: n.Column}
}

func (p *parser) errorf(n *yaml.Node, format string, args ...any) {
	p.errs.Add(p.pos(n), "", format, args...)
}

func (p *parser) parse(c *Config, data []byte) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		p.errs.Add(rules.Pos{File: p.file, Line: yamlErrorLine(err)}, "", "not valid YAML: %s", trimYAMLError(err))
		return
	}
	if len(doc.Content) == 0 {
		return // empty, or only comments: every setting at its default
	}
	top := resolve(doc.Content[0])
	if isNull(top) {
		return
	}
	if top.Kind != yaml.MappingNode {
		p.errorf(top, "expected a mapping of settings (rules:, disable:, ...) at the top level")
		return
	}
	for _, kv := range p.fields(top, topFields, "") {
		k, v := kv[0], kv[1]
		switch k.Value {
		case "rules":
			for _, item := range p.strings(k, v, "a list of rules files") {
				c.RuleFiles = append(c.RuleFiles, p.ruleFile(item))
			}
		case "fail-on":
			if s, ok := p.scalar(k, v); ok {
				if _, valid := rules.ParseSeverity(s); !valid && s != FailOnNone {
					p.errorf(v, "fail-on %q must be error, warning, info or none", s)
				}
				c.FailOn = s
			}
		case "ignore":
			for _, item := range p.strings(k, v, "a list of path patterns") {
				if g, ok := p.pathGlob(item); ok {
					c.Ignore = append(c.Ignore, g)
				}
			}
		case "overrides":
			c.Overrides = p.overrides(k, v)
		default:
			p.setting(&c.Settings, k, v)
		}
	}
}

// fields checks a mapping's keys (known, not repeated) and returns its
// key/value pairs with the values' aliases resolved. where names the
// mapping in messages ("" for the top level).
func (p *parser) fields(m *yaml.Node, known []string, where string) [][2]*yaml.Node {
	var out [][2]*yaml.Node
	seen := map[string]int{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := resolve(m.Content[i]), resolve(m.Content[i+1])
		if k.Kind != yaml.ScalarNode {
			p.errorf(k, "a key must be a plain name%s", where)
			continue
		}
		if !slices.Contains(known, k.Value) {
			hint := ""
			if where != "" && slices.Contains(topFields, k.Value) {
				hint = fmt.Sprintf("; %q can only be set at the top level", k.Value)
			}
			p.errorf(k, "unknown field %q%s%s%s (known fields: %s)", k.Value, where, didYouMean(k.Value, known), hint, strings.Join(known, ", "))
			continue
		}
		if line, dup := seen[k.Value]; dup {
			p.errorf(k, "%q is set twice%s; first at line %d", k.Value, where, line)
			continue
		}
		seen[k.Value] = k.Line
		out = append(out, [2]*yaml.Node{k, v})
	}
	return out
}

// setting reads one of the keys Settings hold.
func (p *parser) setting(s *Settings, k, v *yaml.Node) {
	if s.pos == nil {
		s.pos = map[string]rules.Pos{}
	}
	switch k.Value {
	case "profile":
		if name, ok := p.scalar(k, v); ok {
			if !slices.Contains(profiles, name) {
				p.errorf(v, "unknown profile %q (known: %s)", name, strings.Join(profiles, ", "))
			}
			s.Profile = name
		}
	case "disable", "enable":
		for _, item := range p.strings(k, v, "a list of rule ids or categories") {
			if !p.rulePattern(item) {
				continue
			}
			s.pos[posKey(k.Value, item.Value)] = p.pos(item)
			if k.Value == "disable" {
				s.Disable = append(s.Disable, item.Value)
			} else {
				s.Enable = append(s.Enable, item.Value)
			}
		}
	case "severity":
		for _, kv := range p.mapping(k, v, "rule patterns and severities (gender.*: error)") {
			pat, val := kv[0], kv[1]
			ok := p.rulePattern(pat)
			name, isScalar := p.scalar(pat, val)
			if !isScalar {
				continue
			}
			sev, valid := rules.ParseSeverity(name)
			if !valid {
				p.errorf(val, "severity %q must be error, warning or info", name)
				continue
			}
			if ok {
				s.Severity = append(s.Severity, SeverityOverride{Pattern: pat.Value, Severity: sev, Pos: p.pos(pat)})
			}
		}
	case "limits":
		for _, kv := range p.mapping(k, v, "rule ids and numbers (plain-language.long-sentence: 30)") {
			id, val := kv[0], kv[1]
			if isNull(val) || val.Kind != yaml.ScalarNode || val.Tag != "!!int" {
				p.errorf(val, "the limit of %q must be a whole number, not %q", id.Value, val.Value)
				continue
			}
			var n int
			if err := val.Decode(&n); err != nil || n <= 0 {
				p.errorf(val, "the limit of %q must be a positive whole number, not %s", id.Value, val.Value)
				continue
			}
			if strings.ContainsAny(id.Value, "*?[") {
				p.errorf(id, "limits take a rule id, not a pattern: %q", id.Value)
				continue
			}
			if s.Limits == nil {
				s.Limits = map[string]int{}
			}
			s.Limits[id.Value] = n
			s.pos[posKey("limits", id.Value)] = p.pos(id)
		}
	}
}

func (p *parser) overrides(k, v *yaml.Node) []Override {
	if isNull(v) {
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		p.errorf(v, "%q must be a list of entries, each starting with \"- paths:\"", k.Value)
		return nil
	}
	var out []Override
	for i, n := range v.Content {
		n = resolve(n)
		if n.Kind != yaml.MappingNode {
			p.errorf(n, "override %d must be a mapping with \"paths:\" and the settings for them", i+1)
			continue
		}
		o := Override{Pos: p.pos(n)}
		o.Settings.file = p.file
		where := fmt.Sprintf(" in override %d", i+1)
		var hasPaths bool
		for _, kv := range p.fields(n, overrideFields, where) {
			if kv[0].Value != "paths" {
				p.setting(&o.Settings, kv[0], kv[1])
				continue
			}
			hasPaths = true
			if v := kv[1]; isNull(v) || (v.Kind == yaml.SequenceNode && len(v.Content) == 0) {
				p.errorf(v, "\"paths\" is empty%s; list the files it is for (jobs/**)", where)
				continue
			}
			for _, item := range p.strings(kv[0], kv[1], "a list of path patterns") {
				if g, ok := p.pathGlob(item); ok {
					o.Paths = append(o.Paths, g)
				}
			}
		}
		if !hasPaths {
			p.errorf(n, "override %d has no \"paths\": say which files it is for (jobs/**)", i+1)
		}
		out = append(out, o)
	}
	return out
}

// strings reads a list of scalars; a null value is an empty list.
func (p *parser) strings(k, v *yaml.Node, what string) []*yaml.Node {
	if isNull(v) {
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		p.errorf(v, "%q must be %s, such as [%s]", k.Value, what, example(k.Value))
		return nil
	}
	var out []*yaml.Node
	for _, item := range v.Content {
		item = resolve(item)
		switch {
		case item.Kind != yaml.ScalarNode || isNull(item):
			p.errorf(item, "each entry of %q must be a single value, such as %s", k.Value, example(k.Value))
		case strings.TrimSpace(item.Value) == "":
			p.errorf(item, "blank entry in %q", k.Value)
		default:
			out = append(out, item)
		}
	}
	return out
}

// mapping reads a mapping whose keys are not fixed; a null value is empty.
func (p *parser) mapping(k, v *yaml.Node, what string) [][2]*yaml.Node {
	if isNull(v) {
		return nil
	}
	if v.Kind != yaml.MappingNode {
		p.errorf(v, "%q must be a mapping of %s", k.Value, what)
		return nil
	}
	var out [][2]*yaml.Node
	seen := map[string]int{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		key, val := resolve(v.Content[i]), resolve(v.Content[i+1])
		switch {
		case key.Kind != yaml.ScalarNode || isNull(key) || strings.TrimSpace(key.Value) == "":
			p.errorf(key, "each key of %q must be a rule id or pattern", k.Value)
			continue
		case seen[key.Value] > 0:
			p.errorf(key, "%q is set twice in %q; first at line %d", key.Value, k.Value, seen[key.Value])
			continue
		}
		seen[key.Value] = key.Line
		out = append(out, [2]*yaml.Node{key, val})
	}
	return out
}

// scalar reads a single value.
func (p *parser) scalar(k, v *yaml.Node) (string, bool) {
	if v.Kind != yaml.ScalarNode || isNull(v) {
		p.errorf(v, "%q must be a single value, such as %s", k.Value, example(k.Value))
		return "", false
	}
	return v.Value, true
}

// rulePattern checks a rule pattern's syntax; whether it matches any rule
// is known only once the rules are loaded (see Settings.Apply).
func (p *parser) rulePattern(n *yaml.Node) bool {
	if _, err := path.Match(n.Value, ""); err != nil {
		p.errorf(n, "bad pattern %q: %v", n.Value, err)
		return false
	}
	if strings.ContainsAny(n.Value, " \t/") {
		p.errorf(n, "bad pattern %q: rule ids and categories have no spaces or slashes", n.Value)
		return false
	}
	return true
}

// pathGlob checks a path pattern and returns it cleaned (a leading "./" and
// a trailing "/" dropped).
func (p *parser) pathGlob(n *yaml.Node) (string, bool) {
	g, err := cleanGlob(n.Value)
	if err != nil {
		p.errorf(n, "bad path pattern %q: %v", n.Value, err)
		return "", false
	}
	return g, true
}

// ruleFile resolves a rules file against the config file's directory and
// checks that it exists.
func (p *parser) ruleFile(n *yaml.Node) string {
	name := n.Value
	if !filepath.IsAbs(name) {
		name = filepath.Join(filepath.Dir(p.file), filepath.FromSlash(name))
	}
	info, err := os.Stat(name)
	switch {
	case errors.Is(err, os.ErrNotExist):
		p.errorf(n, "rules file %q not found (looked for %s; paths are relative to the config file)", n.Value, name)
	case err != nil:
		p.errorf(n, "rules file %q: %v", n.Value, err)
	case info.IsDir():
		p.errorf(n, "rules file %q is a directory; name the YAML files in it", n.Value)
	}
	return name
}

// example gives a sample value for a key, for messages.
func example(key string) string {
	switch key {
	case "rules":
		return "team-terms.yaml"
	case "disable", "enable":
		return "gender.*"
	case "ignore", "paths":
		return "vendor/**"
	case "profile":
		return "job-post"
	case "fail-on":
		return "warning"
	}
	return "a name"
}

func posKey(kind, pattern string) string { return kind + "\x00" + pattern }

// resolve follows an alias (*name) to the node it names.
func resolve(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		return n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}
