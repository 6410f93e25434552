// Command ally lints workplace documents (job posts, policies, handbooks)
// for exclusionary wording, accessibility problems and plain language.
package main

import (
	"fmt"
	"io"
	"os"
)

func main() {
	stdoutInfo, err := os.Stdout.Stat()
	terminal := err == nil && stdoutInfo.Mode()&os.ModeCharDevice != 0
	_, noColor := os.LookupEnv("NO_COLOR")
	stderrInfo, err := os.Stderr.Stat()
	env := environment{
		color:          terminal && !noColor,
		stderrTerminal: err == nil && stderrInfo.Mode()&os.ModeCharDevice != 0,
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, env))
}

// environment is everything run needs from the process beyond its
// arguments and streams, read once in main so the rest is testable.
type environment struct {
	// color is true when stdout is a terminal and NO_COLOR is not set.
	color bool
	// stderrTerminal is true when stderr is a terminal, where a progress
	// line for long files is welcome.
	stderrTerminal bool
}

// Exit codes.
const (
	exitOK       = 0 // nothing at or above --fail-on
	exitFindings = 1 // findings at or above --fail-on
	exitError    = 2 // usage or configuration error, or a file that could not be read
)

// run is the whole program; only main calls os.Exit.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer, env environment) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, mainUsage)
		return exitError
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "lint":
		return runLint(rest, stdin, stdout, stderr, env)
	case "fix":
		return runFix(rest, stdin, stdout, stderr, env)
	case "init":
		return runInit(rest, stdout, stderr)
	case "serve":
		return runServe(rest, stdout, stderr)
	case "rules":
		return runRules(rest, stdout, stderr)
	case "explain":
		return runExplain(rest, stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintf(stdout, "ally %s\n", versionString())
		return exitOK
	case "help", "-h", "-help", "--help":
		if len(rest) > 0 {
			return run(append(rest[:1:1], "--help"), stdin, stdout, stderr, env)
		}
		fmt.Fprint(stdout, mainUsage)
		return exitOK
	}
	fmt.Fprintf(stderr, "ally: unknown command %q\n\n%s", cmd, mainUsage)
	return exitError
}

const mainUsage = `ally checks workplace documents for exclusionary wording, accessibility
problems and plain language, and suggests better words.

Usage:
  ally lint [flags] PATH...     lint files and directories (- reads stdin)
  ally fix -i [flags] PATH...   fix findings one by one, choosing the words
  ally init                     write a commented starter .ally.yaml
  ally serve [--addr A] [--open] a local web page to check and fix documents
  ally rules list [--category C] list the rules
  ally rules test FILE...       run the examples of your own rules files
  ally explain RULE-ID          show what a rule flags, why, and examples
  ally version                  print the version

Examples:
  ally lint job-post.md
  ally lint --format json docs/ > findings.json
  cat post.txt | ally lint -
  ally explain gender.chairman

Run "ally help COMMAND" for a command's flags.
`
