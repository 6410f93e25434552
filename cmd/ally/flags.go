package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// listFlag is a repeatable flag whose values may also be comma-separated.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	for _, part := range strings.Split(v, ",") {
		if part = strings.TrimSpace(part); part != "" {
			*l = append(*l, part)
		}
	}
	return nil
}

// repeatFlag is a repeatable flag taken as is (file names may hold commas).
type repeatFlag []string

func (r *repeatFlag) String() string { return strings.Join(*r, ",") }

func (r *repeatFlag) Set(v string) error { *r = append(*r, v); return nil }

// parseInterleaved parses flags that may come before, between or after the
// positional arguments ("ally lint post.md --format json"), which the flag
// package alone does not allow. A lone "--" ends the flags.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		if args[0] == "--" {
			return append(positional, args[1:]...), nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// newFlagSet makes a flag set that reports errors instead of exiting and
// prints usage text, with examples, to w.
func newFlagSet(name, usage string, w io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(w)
	fs.Usage = func() {
		fmt.Fprint(w, usage)
		fmt.Fprintln(w, "\nFlags:")
		fs.PrintDefaults()
	}
	return fs
}

// isHelp reports whether parsing stopped because the user asked for -h.
func isHelp(err error) bool { return errors.Is(err, flag.ErrHelp) }

// limitFlag collects RULE=N settings of --limit.
type limitFlag map[string]int

func (l limitFlag) String() string { return "" }

func (l limitFlag) Set(v string) error {
	id, n, ok := strings.Cut(v, "=")
	limit, err := strconv.Atoi(strings.TrimSpace(n))
	if !ok || err != nil || strings.TrimSpace(id) == "" {
		return fmt.Errorf("want RULE=N, such as job-post.too-many-requirements=12, not %q", v)
	}
	l[strings.TrimSpace(id)] = limit
	return nil
}
