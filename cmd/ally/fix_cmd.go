package main

import (
	"bufio"
	"cmp"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/allylint/ally/fix"
	"github.com/allylint/ally/lint"
	"github.com/allylint/ally/parsers"
	"github.com/allylint/ally/report"
	"github.com/allylint/ally/rules"
)

const fixUsage = `Usage: ally fix -i [flags] PATH...

Goes through the findings of Markdown and plain-text files one at a time and
asks what to write instead: one of the suggestions, your own words, or
nothing. Directories are searched recursively, as by ally lint. The changes
chosen for a file are written when its last finding has been answered (or on
q), in one atomic rewrite that keeps the file's mode, line endings and byte
order mark. PDF, Word and HTML files are not rewritten and are skipped.

Answers are read a line at a time from standard input:
  1, 2, ...  write that suggestion ("a"/"an" before it is put right)
  s          skip this finding
  e          type your own words (an empty line goes back to the menu)
  q          save this file's changes and stop
  x          stop without saving this file's changes
  Enter      the default: the first suggestion where the rule marks its fix
             safe, otherwise skip
At the end of input, the changes chosen so far are saved.

-i (interactive) is required; for unattended fixing use ally lint --fix.

Exit status: 0 when every file was read and written, 2 for a usage or
configuration error or a file that could not be read or written.

Examples:
  ally fix -i job-post.md
  ally fix -i --only exclusionary docs/
  ally fix -i --rules our-terms.yaml --profile job-post posts/
`

// fixOptions are the parsed flags of `ally fix`.
type fixOptions struct {
	rules       ruleOptions
	profile     string
	interactive bool
	paths       []string
}

func parseFixFlags(args []string, stderr io.Writer) (*fixOptions, error) {
	o := &fixOptions{}
	fs := newFlagSet("fix", fixUsage, stderr)
	fs.BoolVar(&o.interactive, "i", false, "ask about each finding in turn (required)")
	fs.BoolVar(&o.interactive, "interactive", false, "the same as -i")
	fs.Var((*repeatFlag)(&o.rules.files), "rules", "add the rules in `FILE` (repeatable); a rule with a built-in id replaces it")
	fs.BoolVar(&o.rules.noDefaults, "no-default-rules", false, "do not use the built-in rules")
	fs.Var((*listFlag)(&o.rules.only), "only", "fix only findings of rules whose id or category matches (globs allowed, comma-separated, repeatable)")
	fs.Var((*listFlag)(&o.rules.disable), "disable", "skip rules whose id or category matches (globs allowed, comma-separated, repeatable)")
	fs.StringVar(&o.profile, "profile", "auto", "document `profile`: job-post, policy, general, or auto to detect it per file")
	o.rules.limits = map[string]int{}
	fs.Var(limitFlag(o.rules.limits), "limit", "set a check's threshold, `RULE=N` (repeatable), e.g. plain-language.long-sentence=30")
	paths, err := parseInterleaved(fs, args)
	if err != nil {
		return nil, err
	}
	o.paths = paths
	switch {
	case !o.interactive:
		return nil, errors.New("-i is required: ally fix asks about each finding; use `ally lint --fix` for unattended fixing")
	case len(o.paths) == 0:
		return nil, errors.New("no files to fix: give one or more Markdown or text files, or directories")
	case slices.Contains(o.paths, "-"):
		return nil, errors.New("ally fix cannot rewrite standard input (it reads your answers from there); use `ally lint --format diff -` to see the fixes")
	case o.profile != "auto" && o.profile != rules.ProfileJobPost && o.profile != rules.ProfilePolicy && o.profile != rules.ProfileGeneral:
		return nil, fmt.Errorf("unknown --profile %q: use auto, job-post, policy or general", o.profile)
	}
	return o, nil
}

func runFix(args []string, stdin io.Reader, stdout, stderr io.Writer, env environment) int {
	opts, err := parseFixFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "ally fix: %v\nRun \"ally help fix\" for usage.\n", err)
		return exitError
	}
	linter, err := loadRules(opts.rules)
	if err != nil {
		fmt.Fprintf(stderr, "ally: %v\n", err)
		return exitError
	}
	inputs, inputErrs := collectInputs(opts.paths, "")
	status := exitOK
	for _, e := range inputErrs {
		fmt.Fprintf(stderr, "ally: %v\n", e)
		status = exitError
	}
	s := &fixSession{
		linter:  linter,
		profile: opts.profile,
		in:      bufio.NewReader(stdin),
		out:     bufio.NewWriter(stdout),
		stderr:  stderr,
		color:   env.color,
	}
	defer s.out.Flush()
	for _, in := range inputs {
		ok, stop := s.file(in)
		if !ok {
			status = exitError
		}
		if stop {
			break
		}
	}
	return status
}

// fixSession is one run of `ally fix -i`: the answers are read from in,
// a line at a time, for the whole run.
type fixSession struct {
	linter  *lint.Linter
	profile string
	in      *bufio.Reader
	out     *bufio.Writer
	stderr  io.Writer
	color   bool
}

// answer is what the person chose for one finding.
type answer int

const (
	answerNone   answer = iota // no stop asked for: every finding was answered
	answerChoose               // write the text returned with it
	answerSkip
	answerQuit // save this file and stop
	answerExit // discard this file and stop
	answerEOF  // end of input: save this file and stop
)

// file goes through one file's findings and writes the changes chosen. ok
// is false when the file could not be read or written; stop is true when
// the person asked to stop or the input ended.
func (s *fixSession) file(in input) (ok, stop bool) {
	if f := in.format; f != parsers.FormatMarkdown && f != parsers.FormatText {
		s.out.Flush()
		kind := kindOf(report.Result{Format: string(f)})
		fmt.Fprintf(s.stderr, "ally: %s: skipped: ally does not rewrite %s files; `ally lint --format diff %s` shows the fixes\n", in.path, kind, in.path)
		return true, false
	}
	src, err := os.ReadFile(in.path)
	if err != nil {
		s.out.Flush()
		fmt.Fprintf(s.stderr, "ally: %s: %v\n", in.path, unwrapPathError(err))
		return false, false
	}
	r := analyze(s.linter, in, src, s.profile, nil)
	if r.Err != nil {
		s.out.Flush()
		fmt.Fprintf(s.stderr, "ally: %v\n", r.Err)
		// A binary file is skipped with a note, as by ally lint.
		return errors.Is(r.Err, parsers.ErrBinary), false
	}
	if !r.Rewritable() {
		s.out.Flush()
		fmt.Fprintf(s.stderr, "ally: %s: skipped: ally does not rewrite %s files\n", in.path, kindOf(r))
		return true, false
	}
	var todo []lint.Finding
	for _, f := range r.Findings {
		if len(f.Suggestions) == 0 {
			continue
		}
		if _, fixable := f.EditFor(src, f.Suggestions[0]); fixable {
			todo = append(todo, f)
		}
	}
	if len(todo) == 0 {
		fmt.Fprintf(s.out, "%s: nothing to fix\n", in.path)
		s.out.Flush()
		return true, false
	}
	fmt.Fprintf(s.out, "%s: %s to review\n", in.path, plural(len(todo), "finding"))

	var edits []lint.Edit
	end := answerNone
findings:
	for i := range todo {
		f := &todo[i]
		s.show(r, f)
		if prev, overlaps := overlapping(edits, f.Start, f.End); overlaps {
			fmt.Fprintf(s.out, "      skipped: it overlaps “%s” → “%s”, chosen above\n", src[prev.Start:prev.End], prev.Text)
			continue
		}
		a, text := s.ask(f)
		switch a {
		case answerSkip:
			continue
		case answerQuit, answerExit, answerEOF:
			end = a
			break findings
		}
		e, _ := f.EditFor(src, text)
		if prev, overlaps := overlapping(edits, e.Start, e.End); overlaps {
			fmt.Fprintf(s.out, "      skipped: “%s” overlaps “%s” → “%s”, chosen above\n", src[e.Start:e.End], src[prev.Start:prev.End], prev.Text)
			continue
		}
		fmt.Fprintf(s.out, "      “%s” → “%s”\n", src[e.Start:e.End], e.Text)
		edits = append(edits, e)
	}
	switch end {
	case answerExit:
		fmt.Fprintf(s.out, "%s: stopped; %s discarded, the file is unchanged\n", in.path, plural(len(edits), "change"))
		s.out.Flush()
		return true, true
	case answerEOF:
		fmt.Fprintf(s.out, "end of input: saving the changes chosen so far and stopping\n")
	}
	ok = s.write(in.path, src, edits)
	return ok, end != answerNone
}

// write applies the edits to src and writes the file.
func (s *fixSession) write(path string, src []byte, edits []lint.Edit) bool {
	defer s.out.Flush()
	if len(edits) == 0 {
		fmt.Fprintf(s.out, "%s: no changes\n", path)
		return true
	}
	slices.SortFunc(edits, func(a, b lint.Edit) int { return cmp.Compare(a.Start, b.Start) })
	fixed, err := fix.Apply(src, edits)
	if err == nil {
		err = fix.WriteFile(path, fixed)
	}
	if err != nil {
		s.out.Flush()
		fmt.Fprintf(s.stderr, "ally: %s: writing the changes: %v\n", path, unwrapPathError(err))
		return false
	}
	fmt.Fprintf(s.out, "%s: %s written\n", path, plural(len(edits), "change"))
	return true
}

// overlapping returns the edit already chosen that shares bytes with
// [start, end), if there is one.
func overlapping(edits []lint.Edit, start, end int) (lint.Edit, bool) {
	for _, e := range edits {
		if start < e.End && e.Start < end {
			return e, true
		}
	}
	return lint.Edit{}, false
}

// show prints a finding as the text report does: its location, severity,
// message and rule, then the source line with the match underlined.
func (s *fixSession) show(r report.Result, f *lint.Finding) {
	start, end := r.File.Position(f.Start), r.File.Position(f.End)
	sev := fixSeverityColor(f.Severity)
	fmt.Fprintf(s.out, "\n%s:%s: %s: %s %s\n", s.paint("1", r.Path), start,
		s.paint(sev, f.Severity.String()), f.Message, s.paint("2", "["+f.Rule.ID+"]"))
	before, match, after := fixSplitLine(r.File.LineAt(f.Start), start, end)
	gutter := fmt.Sprintf("%5d", start.Line)
	pad := strings.Repeat(" ", utf8.RuneCountInString(gutter))
	fmt.Fprintf(s.out, "%s | %s%s%s\n", s.paint("2", gutter), before, s.paint(sev, match), after)
	fmt.Fprintf(s.out, "%s | %s%s\n", pad, strings.Repeat(" ", utf8.RuneCountInString(before)),
		s.paint(sev, strings.Repeat("^", max(1, utf8.RuneCountInString(match)))))
}

// ask shows the menu for a finding and reads answers until one is valid.
// With answerChoose it returns the words to write.
func (s *fixSession) ask(f *lint.Finding) (answer, string) {
	safe := f.Rule.FixSafe
	var choices []string
	for i, sug := range f.Suggestions {
		c := fmt.Sprintf("%d) %s", i+1, sug)
		if i == 0 && safe {
			c += " (default)"
		}
		choices = append(choices, c)
	}
	skip := "s) skip"
	if !safe {
		skip += " (default)"
	}
	fmt.Fprintf(s.out, "      %s\n", strings.Join(choices, "  "))
	fmt.Fprintf(s.out, "      %s  e) edit (type your own words)  q) quit and save  x) exit without saving\n", skip)
	for {
		line, ok := s.readLine("> ")
		if !ok {
			return answerEOF, ""
		}
		switch a := strings.ToLower(line); a {
		case "":
			if safe {
				return answerChoose, f.Suggestions[0]
			}
			return answerSkip, ""
		case "s":
			return answerSkip, ""
		case "q":
			return answerQuit, ""
		case "x":
			return answerExit, ""
		case "e":
			words, ok := s.readLine(fmt.Sprintf("replace “%s” with: ", f.Match))
			if !ok {
				return answerEOF, ""
			}
			if words != "" {
				return answerChoose, words
			}
			// An empty line cancels: back to the menu.
			continue
		default:
			if n, err := strconv.Atoi(a); err == nil && n >= 1 && n <= len(f.Suggestions) {
				return answerChoose, f.Suggestions[n-1]
			}
		}
		fmt.Fprintf(s.out, "      please answer %s, s, e, q or x\n", numberRange(len(f.Suggestions)))
	}
}

func numberRange(n int) string {
	if n == 1 {
		return "1"
	}
	return fmt.Sprintf("1-%d", n)
}

// readLine prints the prompt and reads one line of input, without its line
// ending and surrounding spaces. ok is false at the end of the input (or
// on a read error) when nothing more was read.
func (s *fixSession) readLine(prompt string) (line string, ok bool) {
	fmt.Fprint(s.out, prompt)
	s.out.Flush()
	line, err := s.in.ReadString('\n')
	if err != nil && line == "" {
		// Whatever follows starts on a line of its own.
		fmt.Fprintln(s.out)
		if !errors.Is(err, io.EOF) {
			s.out.Flush()
			fmt.Fprintf(s.stderr, "ally: reading the answer: %v\n", err)
		}
		return "", false
	}
	return strings.TrimSpace(line), true
}

func (s *fixSession) paint(code, text string) string {
	if !s.color {
		return text
	}
	return "\x1b[" + code + "m" + text + "\x1b[0m"
}

// fixSeverityColor is the colour of a severity in the text report.
func fixSeverityColor(sev rules.Severity) string {
	switch sev {
	case rules.SeverityError:
		return "1;31"
	case rules.SeverityWarning:
		return "1;33"
	}
	return "1;36"
}

// fixSplitLine cuts the line into the text before the match, the match (up
// to the end of the line if it continues on the next) and the rest, trimmed
// to a readable window, as the text report does. Tabs print as one space
// so the underline lines up.
func fixSplitLine(line []byte, start, end parsers.Position) (before, match, after string) {
	const contextRunes = 60
	runes := []rune(strings.ReplaceAll(string(line), "\t", " "))
	from := min(start.Column-1, len(runes))
	to := len(runes)
	if end.SameLine(start) {
		to = min(max(end.Column-1, from), len(runes))
	}
	b, m, a := runes[:from], runes[from:to], runes[to:]
	before, match, after = string(b), string(m), string(a)
	if len(b) > contextRunes {
		before = "…" + string(b[len(b)-contextRunes:])
	}
	if len(a) > contextRunes {
		after = string(a[:contextRunes]) + "…"
	}
	if !end.SameLine(start) {
		match += "…"
	}
	return before, match, after
}
