package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/allylint/ally/lint"
	"github.com/allylint/ally/rules"
)

const rulesUsage = `Usage:
  ally rules list [--category C] [--format text|markdown] [--rules FILE] [--no-default-rules]
  ally rules test FILE...

"list" prints the rules, grouped by category with counts; "safe fix" marks
a rule whose first suggestion ally lint --fix applies. "test" loads your
rules files, reports schema errors with file and line, and runs every
example: each "flag" sentence must be flagged by its rule and each "pass"
sentence must not be.

Examples:
  ally rules list
  ally rules list --category exclusionary.age
  ally rules test our-terms.yaml
`

func runRules(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, rulesUsage)
		return exitError
	}
	switch args[0] {
	case "list":
		return runRulesList(args[1:], stdout, stderr)
	case "test":
		return runRulesTest(args[1:], stdout, stderr)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, rulesUsage)
		return exitOK
	}
	fmt.Fprintf(stderr, "ally rules: unknown subcommand %q\n\n%s", args[0], rulesUsage)
	return exitError
}

func runRulesList(args []string, stdout, stderr io.Writer) int {
	var opts ruleOptions
	var category, format string
	fs := newFlagSet("rules list", rulesUsage, stderr)
	fs.StringVar(&category, "category", "", "show only this `category` (a glob or prefix such as exclusionary)")
	fs.StringVar(&format, "format", "text", "`text`, or markdown for a table of categories with counts (as in the README)")
	fs.Var((*repeatFlag)(&opts.files), "rules", "also list the rules in `FILE` (repeatable)")
	fs.BoolVar(&opts.noDefaults, "no-default-rules", false, "leave out the built-in rules")
	rest, err := parseInterleaved(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err == nil && len(rest) > 0 {
		err = fmt.Errorf("unexpected argument %q", rest[0])
	}
	if err == nil && format != "text" && format != "markdown" {
		err = fmt.Errorf("unknown --format %q: use text or markdown", format)
	}
	if err != nil {
		fmt.Fprintf(stderr, "ally rules list: %v\n", err)
		return exitError
	}
	if category != "" {
		opts.only = rules.Selector{category}
	}
	l, err := loadRules(opts)
	if err != nil {
		fmt.Fprintf(stderr, "ally: %v\n", err)
		return exitError
	}
	if format == "markdown" {
		printCategoryTable(stdout, l.Rules())
	} else {
		printRuleList(stdout, l.Rules())
	}
	return exitOK
}

// groupByCategory returns the categories in order and their rules.
func groupByCategory(rs []*rules.Rule) ([]string, map[string][]*rules.Rule) {
	byCat := map[string][]*rules.Rule{}
	for _, r := range rs {
		byCat[r.Category] = append(byCat[r.Category], r)
	}
	cats := make([]string, 0, len(byCat))
	for c := range byCat {
		cats = append(cats, c)
	}
	sort.Strings(cats)
	return cats, byCat
}

// countSafe counts the rules whose fix is safe ("fix: safe").
func countSafe(rs []*rules.Rule) int {
	n := 0
	for _, r := range rs {
		if r.FixSafe {
			n++
		}
	}
	return n
}

// printCategoryTable prints a Markdown table of categories, their rule
// counts, how many of them have a safe fix, and a few example rules: the
// README's rule table is this output.
func printCategoryTable(w io.Writer, rs []*rules.Rule) {
	cats, byCat := groupByCategory(rs)
	fmt.Fprintln(w, "| category | rules | safe fix | for example |")
	fmt.Fprintln(w, "| --- | ---: | ---: | --- |")
	for _, c := range cats {
		var examples []string
		for _, r := range byCat[c][:min(3, len(byCat[c]))] {
			switch {
			case r.Check != "":
				examples = append(examples, fmt.Sprintf("`%s` (check: %s)", r.ID, r.Check))
			case len(r.Terms) > 0:
				examples = append(examples, fmt.Sprintf("`%s` (%s)", r.ID, r.Terms[0]))
			default:
				examples = append(examples, fmt.Sprintf("`%s`", r.ID))
			}
		}
		fmt.Fprintf(w, "| %s | %d | %s | %s |\n", c, len(byCat[c]), countOrBlank(countSafe(byCat[c])), strings.Join(examples, ", "))
	}
	fmt.Fprintf(w, "| **total** | **%d** | **%d** | |\n", len(rs), countSafe(rs))
}

// countOrBlank leaves a zero out of a table, so the counts that matter stand
// out.
func countOrBlank(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprint(n)
}

// printRuleList prints rules grouped by category, each group headed by
// its count, then a total. Rules whose fix is safe say "safe fix".
func printRuleList(w io.Writer, rs []*rules.Rule) {
	cats, byCat := groupByCategory(rs)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, c := range cats {
		fmt.Fprintf(tw, "%s (%d)\n", c, len(byCat[c]))
		for _, r := range byCat[c] {
			fix := ""
			if r.FixSafe {
				fix = "safe fix"
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", r.ID, r.Severity, fix, ruleSummary(r))
		}
	}
	tw.Flush()
	fmt.Fprintf(w, "%d rules in %d categories.", len(rs), len(cats))
	if n := countSafe(rs); n > 0 {
		fmt.Fprintf(w, " %d have a safe fix, which ally lint --fix applies.", n)
	}
	fmt.Fprintln(w)
}

// ruleSummary shows what a rule matches in a few words.
func ruleSummary(r *rules.Rule) string {
	s := strings.Join(r.Terms, ", ")
	if r.Check != "" {
		s = "check " + r.Check
	}
	if r.Pattern != "" {
		if s != "" {
			s += "; "
		}
		s += "pattern " + r.Pattern
	}
	if len(s) > 70 {
		s = s[:67] + "..."
	}
	return s
}

func runRulesTest(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(stderr, rulesUsage)
		return exitError
	}
	status := exitOK
	for _, name := range args {
		set, err := parseRulesFile(name)
		if err != nil {
			fmt.Fprintf(stderr, "%v\n", err)
			status = exitError
			continue
		}
		l, err := lint.New(set)
		if err != nil {
			fmt.Fprintf(stderr, "%v\n", err)
			status = exitError
			continue
		}
		failures, n := l.CheckExamples()
		for _, f := range failures {
			fmt.Fprintln(stdout, f.Error())
		}
		fmt.Fprintf(stdout, "%s: %d rules, %d examples, %d failed\n", name, len(set.Rules), n, len(failures))
		if len(failures) > 0 && status == exitOK {
			status = exitFindings
		}
	}
	return status
}
