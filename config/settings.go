package config

import (
	"fmt"
	"maps"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/allylint/ally/rules"
)

// Ignored reports whether a file or directory is matched by an ignore
// pattern, itself or through a directory it is in. p is a path as the
// command line found it, absolute or relative to the working directory;
// paths outside the config file's directory are never ignored.
func (c *Config) Ignored(p string) bool {
	rel, ok := c.rel(p)
	if !ok {
		return false
	}
	for _, g := range c.Ignore {
		if matchUnder(g, rel) {
			return true
		}
	}
	return false
}

// For returns the settings for one file (a path as for Ignored): the top
// level merged with every override whose paths match the file, in order.
// A later profile replaces an earlier one; disable, enable and severity
// patterns add up, except that a later disable drops the earlier enables it
// covers; a later limit for a rule replaces an earlier one. The result
// shares nothing with c.
func (c *Config) For(p string) Settings {
	s := c.Settings.clone()
	if s.file == "" {
		s.file = c.Path
	}
	rel, ok := c.rel(p)
	if !ok {
		return s
	}
	for _, o := range c.Overrides {
		if slices.ContainsFunc(o.Paths, func(g string) bool { return matchUnder(g, rel) }) {
			s.merge(o.Settings)
		}
	}
	return s
}

// rel returns p relative to c.Dir, with forward slashes, or false when p is
// c.Dir itself or outside it.
func (c *Config) rel(p string) (string, bool) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", false
	}
	dir, err := filepath.Abs(c.Dir)
	if err != nil {
		return "", false
	}
	rel, err := filepath.Rel(dir, abs)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

func (s Settings) clone() Settings {
	s.Disable = slices.Clone(s.Disable)
	s.Enable = slices.Clone(s.Enable)
	s.Severity = slices.Clone(s.Severity)
	s.Limits = maps.Clone(s.Limits)
	s.pos = maps.Clone(s.pos)
	return s
}

// merge lays the settings of a later layer over s.
func (s *Settings) merge(o Settings) {
	if o.Profile != "" {
		s.Profile = o.Profile
	}
	for _, d := range o.Disable {
		s.Enable = slices.DeleteFunc(s.Enable, func(e string) bool { return covers(d, e) })
	}
	s.Disable = append(s.Disable, o.Disable...)
	s.Enable = append(s.Enable, o.Enable...)
	s.Severity = append(s.Severity, o.Severity...)
	if len(o.Limits) > 0 && s.Limits == nil {
		s.Limits = map[string]int{}
	}
	maps.Copy(s.Limits, o.Limits)
	if len(o.pos) > 0 && s.pos == nil {
		s.pos = map[string]rules.Pos{}
	}
	maps.Copy(s.pos, o.pos)
	if s.file == "" {
		s.file = o.file
	}
}

// covers reports whether rule pattern d selects everything pattern e does,
// judged on the text of e: gender covers gender.chairman and gender.*,
// plain-language.* covers plain-language.wordy.
func covers(d, e string) bool {
	if ok, _ := path.Match(d, e); ok {
		return true
	}
	return strings.HasPrefix(e, d+".")
}

// Apply returns the rules of set that these settings let run, with their
// severities and limits changed as they say. A rule runs unless a disable
// pattern matches it and no enable pattern does; the last severity entry
// that matches a rule sets its severity. set and its rules are not changed:
// a rule that needs a new severity or limit is copied.
//
// A disable, enable or severity pattern that matches no rule of set, and a
// limit for a rule that set lacks or that has no limit, is an error that
// names the config file and line; all are reported together as a
// rules.ErrorList.
func (s Settings) Apply(set *rules.Set) (*rules.Set, error) {
	var errs rules.ErrorList
	s.check(set, &errs)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	disable, enable := rules.Selector(s.Disable), rules.Selector(s.Enable)
	out := &rules.Set{}
	for _, r := range set.Rules {
		if disable.Matches(r) && !enable.Matches(r) {
			continue
		}
		sev := r.Severity
		for _, o := range s.Severity {
			if (rules.Selector{o.Pattern}).Matches(r) {
				sev = o.Severity
			}
		}
		limit, hasLimit := s.Limits[r.ID]
		if sev != r.Severity || (hasLimit && limit != r.Limit) {
			copied := *r
			copied.Severity = sev
			if hasLimit {
				copied.Limit = limit
			}
			r = &copied
		}
		out.Rules = append(out.Rules, r)
	}
	return out, nil
}

// RulesKey is the same for two Settings exactly when Apply gives them the
// same result, so a caller can build one linter per distinct key.
func (s Settings) RulesKey() string {
	var b strings.Builder
	fmt.Fprintf(&b, "disable=%q enable=%q severity=", s.Disable, s.Enable)
	for _, o := range s.Severity {
		fmt.Fprintf(&b, "%q:%s,", o.Pattern, o.Severity)
	}
	b.WriteString(" limits=")
	for _, id := range slices.Sorted(maps.Keys(s.Limits)) {
		fmt.Fprintf(&b, "%q:%d,", id, s.Limits[id])
	}
	return b.String()
}

// Validate checks every rule pattern and limit in the file, at the top
// level and in every override, against the rules that will run, so a typo
// in an override is reported even when no file it covers is linted.
func (c *Config) Validate(set *rules.Set) error {
	var errs rules.ErrorList
	c.Settings.check(set, &errs)
	for _, o := range c.Overrides {
		o.Settings.check(set, &errs)
	}
	return errs.Err()
}

// check records each pattern that matches no rule of set, and each limit
// for a rule set lacks or that takes none.
func (s Settings) check(set *rules.Set, errs *rules.ErrorList) {
	var names []string // rule ids and categories, for "did you mean"
	ruleNames := func() []string {
		if names == nil {
			categories := map[string]bool{}
			for _, r := range set.Rules {
				names = append(names, r.ID)
				if !categories[r.Category] {
					categories[r.Category] = true
					names = append(names, r.Category)
				}
			}
		}
		return names
	}
	seen := map[string]bool{}
	pattern := func(kind, p string, pos rules.Pos) {
		key := posKey(kind, p)
		if seen[key] {
			return
		}
		seen[key] = true
		if _, err := path.Match(p, ""); err != nil {
			errs.Add(s.where(key, pos), "", "%s: bad pattern %q: %v", kind, p, err)
			return
		}
		for _, r := range set.Rules {
			if (rules.Selector{p}).Matches(r) {
				return
			}
		}
		hint := ""
		if !strings.ContainsAny(p, "*?[") {
			hint = didYouMean(p, ruleNames())
		}
		errs.Add(s.where(key, pos), "", "%s: no rule id or category matches %q%s (see `ally rules list`)", kind, p, hint)
	}
	for _, p := range s.Disable {
		pattern("disable", p, rules.Pos{})
	}
	for _, p := range s.Enable {
		pattern("enable", p, rules.Pos{})
	}
	for _, o := range s.Severity {
		pattern("severity", o.Pattern, o.Pos)
	}
	for _, id := range slices.Sorted(maps.Keys(s.Limits)) {
		pos := s.where(posKey("limits", id), rules.Pos{})
		switch r := set.Lookup(id); {
		case r == nil:
			ids := make([]string, len(set.Rules))
			for i, r := range set.Rules {
				ids[i] = r.ID
			}
			errs.Add(pos, "", "limits: no rule %q%s (see `ally rules list`)", id, didYouMean(id, ids))
		case r.Check == "":
			errs.Add(pos, "", "limits: rule %q has no limit to set (only check rules do)", id)
		case s.Limits[id] <= 0:
			errs.Add(pos, "", "limits: %s: %d: the limit must be a positive number", id, s.Limits[id])
		}
	}
}

// where says where a pattern or limit was written: pos if known, else the
// position recorded when the file was loaded, else just the file.
func (s Settings) where(key string, pos rules.Pos) rules.Pos {
	if pos.File != "" {
		return pos
	}
	if p, ok := s.pos[key]; ok {
		return p
	}
	if s.file != "" {
		return rules.Pos{File: s.file}
	}
	return rules.Pos{File: "settings"}
}
