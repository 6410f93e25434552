package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/allylint/ally/parsers"
)

// input is one document to lint.
type input struct {
	path   string // as the user gave it, or found under a directory
	format parsers.Format
	stdin  bool
	// walked is true for a file found under a directory rather than
	// named on the command line; a config's ignore list skips only
	// these.
	walked bool
}

// collectInputs expands the command line into documents: files as named,
// directories walked recursively for the formats ally reads, "-" for
// standard input. Paths that don't exist are returned as errors; the rest
// are still linted.
func collectInputs(args []string, stdinName string) (inputs []input, errs []error) {
	seen := map[string]bool{}
	add := func(in input) {
		if !seen[in.path] {
			seen[in.path] = true
			inputs = append(inputs, in)
		}
	}
	for _, arg := range args {
		if arg == "-" {
			format, ok := parsers.ForPath(stdinName)
			if !ok {
				format = parsers.FormatText
			}
			add(input{path: stdinName, format: format, stdin: true})
			continue
		}
		info, err := os.Stat(arg)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", arg, unwrapPathError(err)))
			continue
		}
		if !info.IsDir() {
			// A file named explicitly is linted even with an unknown
			// extension, as plain text.
			format, ok := parsers.ForPath(arg)
			if !ok {
				format = parsers.FormatText
			}
			add(input{path: arg, format: format})
			continue
		}
		found, err := walkDir(arg)
		if err != nil {
			errs = append(errs, err)
		}
		for _, in := range found {
			add(in)
		}
	}
	sort.SliceStable(inputs, func(i, j int) bool { return inputs[i].path < inputs[j].path })
	return inputs, errs
}

// walkDir finds the documents under root, skipping hidden directories (such
// as .git) and dependency folders.
func walkDir(root string) ([]input, error) {
	var found []input
	var walkErrs []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			walkErrs = append(walkErrs, fmt.Sprintf("%s: %v", path, unwrapPathError(err)))
			return nil
		}
		if d.IsDir() {
			name := d.Name()
			if path != root && (strings.HasPrefix(name, ".") || name == "node_modules" || name == "vendor") {
				return filepath.SkipDir
			}
			return nil
		}
		if format, ok := parsers.ForPath(path); ok && d.Type().IsRegular() {
			found = append(found, input{path: path, format: format, walked: true})
		}
		return nil
	})
	if err != nil {
		walkErrs = append(walkErrs, err.Error())
	}
	if len(walkErrs) > 0 {
		return found, fmt.Errorf("%s", strings.Join(walkErrs, "\n"))
	}
	return found, nil
}

// unwrapPathError drops the path from an *fs.PathError, since the caller
// already names it.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}
