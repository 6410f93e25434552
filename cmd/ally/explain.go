package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/allylint/ally/rules"
)

const explainUsage = `Usage: ally explain [--rules FILE] RULE-ID...

Shows what a rule flags, why, what to write instead, and its examples.

Examples:
  ally explain gender.chairman
  ally explain --rules our-terms.yaml acme.rockstar
`

func runExplain(args []string, stdout, stderr io.Writer) int {
	var opts ruleOptions
	fs := newFlagSet("explain", explainUsage, stderr)
	fs.Var((*repeatFlag)(&opts.files), "rules", "also look in the rules in `FILE` (repeatable)")
	ids, err := parseInterleaved(fs, args)
	if err != nil {
		if isHelp(err) {
			return exitOK
		}
		fmt.Fprintf(stderr, "ally explain: %v\n", err)
		return exitError
	}
	if len(ids) == 0 {
		fmt.Fprint(stderr, explainUsage)
		return exitError
	}
	l, err := loadRules(opts)
	if err != nil {
		fmt.Fprintf(stderr, "ally: %v\n", err)
		return exitError
	}
	set := &rules.Set{Rules: l.Rules()}
	status := exitOK
	for i, id := range ids {
		r := set.Lookup(id)
		if r == nil {
			fmt.Fprintf(stderr, "ally explain: no rule %q (see `ally rules list`)\n", id)
			status = exitError
			continue
		}
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		explainRule(stdout, r)
	}
	return status
}

func explainRule(w io.Writer, r *rules.Rule) {
	fmt.Fprintf(w, "%s  (%s, %s)\n\n", r.ID, r.Category, r.Severity)
	fmt.Fprintf(w, "%s\n\n", strings.ReplaceAll(r.Message, "{match}", firstOr(r.Terms, "…")))
	fmt.Fprintf(w, "Why: %s\n", r.Why)
	if r.Source != "" {
		fmt.Fprintf(w, "Source: %s\n", r.Source)
	}
	if len(r.Terms) > 0 {
		fmt.Fprintf(w, "\nFlags: %s\n", strings.Join(r.Terms, ", "))
	}
	if r.Pattern != "" {
		fmt.Fprintf(w, "Pattern: %s\n", r.Pattern)
	}
	if len(r.Except) > 0 {
		fmt.Fprintf(w, "Except in: %s\n", strings.Join(r.Except, ", "))
	}
	if len(r.Suggest) > 0 {
		fmt.Fprintf(w, "Instead: %s\n", strings.Join(r.Suggest, ", "))
		if r.FixSafe {
			fmt.Fprintln(w, "Fix: safe (applied by --fix)")
		} else {
			fmt.Fprintln(w, "Fix: needs a person (applied only with --fix-unsafe)")
		}
	}
	if len(r.Profiles) > 0 {
		fmt.Fprintf(w, "Applies to: %s\n", strings.Join(r.Profiles, ", "))
	}
	for _, ex := range r.Examples.Flag {
		fmt.Fprintf(w, "\n  ✗ %s", ex)
	}
	for _, ex := range r.Examples.Pass {
		fmt.Fprintf(w, "\n  ✓ %s", ex)
	}
	if len(r.Examples.Flag)+len(r.Examples.Pass) > 0 {
		fmt.Fprintln(w)
	}
}

func firstOr(ss []string, def string) string {
	if len(ss) > 0 {
		return ss[0]
	}
	return def
}
