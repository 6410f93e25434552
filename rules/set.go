package rules

import (
	"fmt"
	"path"
	"sort"
	"strings"
)

// Merge combines rule sets in order. A rule whose ID is already present
// replaces the earlier one in place, so a user's rules file can redefine a
// default rule; new IDs are appended.
func Merge(sets ...*Set) *Set {
	out := &Set{}
	index := map[string]int{}
	for _, s := range sets {
		if s == nil {
			continue
		}
		for _, r := range s.Rules {
			if i, ok := index[r.ID]; ok {
				out.Rules[i] = r
				continue
			}
			index[r.ID] = len(out.Rules)
			out.Rules = append(out.Rules, r)
		}
	}
	return out
}

// Selector picks rules by ID or category. Each pattern is a glob
// ("gender.*", "exclusionary.*") or a dotted prefix ("exclusionary" selects
// every exclusionary.* category, "gender" every gender.* id).
type Selector []string

// Matches reports whether any pattern selects the rule.
func (sel Selector) Matches(r *Rule) bool {
	for _, p := range sel {
		if selects(p, r.ID) || selects(p, r.Category) {
			return true
		}
	}
	return false
}

func selects(pattern, name string) bool {
	if ok, _ := path.Match(pattern, name); ok {
		return true
	}
	return strings.HasPrefix(name, pattern+".")
}

// Filter keeps the rules that only selects (all when only is empty) and that
// disable does not. A pattern that selects no rule at all is an error, since
// it is almost always a typo.
func (s *Set) Filter(only, disable Selector) (*Set, error) {
	var unknown []string
	for _, sel := range []Selector{only, disable} {
		for _, p := range sel {
			if _, err := path.Match(p, ""); err != nil {
				return nil, fmt.Errorf("bad pattern %q: %w", p, err)
			}
			if !s.anyMatches(p) {
				unknown = append(unknown, p)
			}
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return nil, fmt.Errorf("no rule id or category matches %s (see `ally rules list`)", quoteAll(unknown))
	}
	out := &Set{}
	for _, r := range s.Rules {
		if (len(only) == 0 || only.Matches(r)) && !disable.Matches(r) {
			out.Rules = append(out.Rules, r)
		}
	}
	return out, nil
}

func (s *Set) anyMatches(pattern string) bool {
	for _, r := range s.Rules {
		if (Selector{pattern}).Matches(r) {
			return true
		}
	}
	return false
}

func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}
