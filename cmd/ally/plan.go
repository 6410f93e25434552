package main

import (
	"errors"
	"fmt"
	"maps"
	"path/filepath"

	"github.com/allylint/ally/config"
	"github.com/allylint/ally/lint"
	"github.com/allylint/ally/rules"
)

// filePlan is how one input is linted: with which rules, under which
// profile, and from which severity a finding fails the run.
type filePlan struct {
	linter  *lint.Linter
	profile string
	failOn  rules.Severity // 0: nothing fails
}

// planner works out each file's plan from the command line and the
// .ally.yaml that governs the file. Precedence: flags, then the config's
// matching overrides, then its top level, then the built-in defaults.
type planner struct {
	opts    *lintOptions
	configs map[string]*config.Config // by config path; nil value: none
	found   map[string]string         // directory → config path ("" none)
	merged  map[string]*rules.Set     // config path → its rules, unfiltered
	linters map[string]*lint.Linter   // config path + settings key → linter
}

func newPlanner(opts *lintOptions) *planner {
	return &planner{opts: opts, configs: map[string]*config.Config{}, found: map[string]string{}, merged: map[string]*rules.Set{}, linters: map[string]*lint.Linter{}}
}

// configFor finds and loads the config for a path: --config's file, or the
// nearest .ally.yaml above it (none with --no-config). Each file is loaded
// and checked against its rules once.
func (p *planner) configFor(path string) (*config.Config, error) {
	name := p.opts.config
	if name == "" && !p.opts.noConfig {
		dir := filepath.Dir(path)
		if path == "-" || path == p.opts.stdinName {
			dir = "."
		}
		cached, ok := p.found[dir]
		if !ok {
			var err error
			if cached, err = config.Find(filepath.Join(dir, "x")); err != nil {
				return nil, err
			}
			p.found[dir] = cached
		}
		name = cached
	}
	if name == "" {
		return nil, nil
	}
	if c, ok := p.configs[name]; ok {
		return c, nil
	}
	c, err := config.Load(name)
	if err != nil {
		return nil, err
	}
	set, err := mergeRules(p.opts.rules, c.RuleFiles)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if err := c.Validate(set); err != nil {
		return nil, err
	}
	p.configs[name], p.merged[name] = c, set
	return c, nil
}

// plan returns the plan for one input; skip is true for a file the config
// ignores that was found by walking a directory (a file named on the
// command line is always linted).
func (p *planner) plan(in input) (plan filePlan, skip bool, err error) {
	c, err := p.configFor(in.path)
	if err != nil {
		return filePlan{}, false, err
	}
	var settings config.Settings
	key := ""
	if c != nil {
		if in.walked && c.Ignored(in.path) {
			return filePlan{}, true, nil
		}
		settings = c.For(in.path)
		key = c.Path
	}
	// Flags win: --limit over the config's limits, --profile and
	// --fail-on when given.
	limits := maps.Clone(settings.Limits)
	if limits == nil {
		limits = map[string]int{}
	}
	maps.Copy(limits, p.opts.rules.limits)
	settings.Limits = limits
	plan.profile = p.opts.profile
	if !p.opts.set["profile"] && settings.Profile != "" {
		plan.profile = settings.Profile
	}
	failOn := p.opts.failOn
	if !p.opts.set["fail-on"] && c != nil && c.FailOn != "" {
		failOn = c.FailOn
	}
	plan.failOn, _ = failThreshold(failOn)
	key += "\x00" + settings.RulesKey()
	if l, ok := p.linters[key]; ok {
		plan.linter = l
		return plan, false, nil
	}
	set := p.merged[pathOf(c)]
	if set == nil {
		if set, err = mergeRules(p.opts.rules, nil); err != nil {
			return filePlan{}, false, err
		}
		p.merged[""] = set
	}
	// --limit is checked here, against these rules, so its errors name
	// the flag; a config's limits are checked by Apply, naming the file.
	if err := checkLimits(set, p.opts.rules.limits); err != nil {
		return filePlan{}, false, err
	}
	if set, err = settings.Apply(set); err != nil {
		return filePlan{}, false, err
	}
	if plan.linter, err = compileRules(set, p.opts.rules); err != nil {
		return filePlan{}, false, err
	}
	p.linters[key] = plan.linter
	return plan, false, nil
}

func pathOf(c *config.Config) string {
	if c == nil {
		return ""
	}
	return c.Path
}

// planAll plans every input. Problems with configs are returned together;
// ignored files are dropped.
func (p *planner) planAll(inputs []input) ([]input, []filePlan, error) {
	var kept []input
	var plans []filePlan
	var errs []error
	seen := map[string]bool{}
	for _, in := range inputs {
		plan, skip, err := p.plan(in)
		if err != nil {
			if msg := err.Error(); !seen[msg] {
				seen[msg] = true
				errs = append(errs, err)
			}
			continue
		}
		if !skip {
			kept, plans = append(kept, in), append(plans, plan)
		}
	}
	return kept, plans, errors.Join(errs...)
}
