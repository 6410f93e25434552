package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/allylint/ally"
	"github.com/allylint/ally/lint"
	"github.com/allylint/ally/rules"
)

// ruleOptions say which rules a command runs with.
type ruleOptions struct {
	noDefaults bool
	files      []string
	only       rules.Selector
	disable    rules.Selector
	// limits overrides check thresholds: rule id → limit.
	limits map[string]int
}

// loadRules reads the default rules (unless turned off) and the user's
// rules files, merges them, applies --only/--disable and compiles the
// result. Every problem in every file is reported at once.
func loadRules(opts ruleOptions) (*lint.Linter, error) {
	merged, err := mergeRules(opts, nil)
	if err != nil {
		return nil, err
	}
	for id, limit := range opts.limits {
		if err := merged.SetLimit(id, limit); err != nil {
			return nil, err
		}
	}
	return compileRules(merged, opts)
}

// mergeRules reads the default rules (unless turned off), the rules files
// a configuration names (extra) and the --rules files, and merges them in
// that order, so a later file's rule replaces an earlier one's with the
// same id.
func mergeRules(opts ruleOptions, extra []string) (*rules.Set, error) {
	var sets []*rules.Set
	var errs []error
	if !opts.noDefaults {
		set, err := ally.DefaultSet()
		if err != nil {
			return nil, fmt.Errorf("the built-in rules are broken (please report this): %w", err)
		}
		sets = append(sets, set)
	}
	for _, name := range append(append([]string{}, extra...), opts.files...) {
		set, err := parseRulesFile(name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		sets = append(sets, set)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if len(sets) == 0 {
		return nil, fmt.Errorf("no rules: --no-default-rules needs at least one --rules FILE")
	}
	return rules.Merge(sets...), nil
}

// checkLimits reports what --limit would get wrong on set (an unknown
// rule, a rule without a threshold, a limit below 1) without changing it.
func checkLimits(set *rules.Set, limits map[string]int) error {
	for id, limit := range limits {
		r := set.Lookup(id)
		if r == nil {
			return fmt.Errorf("--limit: no rule %q (see `ally rules list`)", id)
		}
		probe := &rules.Set{Rules: []*rules.Rule{{ID: r.ID, Check: r.Check}}}
		if err := probe.SetLimit(id, limit); err != nil {
			return err
		}
	}
	return nil
}

// compileRules applies --only and --disable and compiles the rules.
func compileRules(set *rules.Set, opts ruleOptions) (*lint.Linter, error) {
	set, err := set.Filter(opts.only, opts.disable)
	if err != nil {
		return nil, err
	}
	if len(set.Rules) == 0 {
		return nil, fmt.Errorf("--only and --disable leave no rules to run")
	}
	return lint.New(set)
}

func parseRulesFile(name string) (*rules.Set, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("read rules: %w", err)
	}
	return rules.Parse(name, data)
}
