package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/allylint/ally/config"
)

const initUsage = `Usage: ally init [--path FILE] [--force]

Writes a starter .ally.yaml in the current directory: every setting, with
a short explanation and examples to uncomment. ally lint finds it from any
file in this directory or below (up to the repository root).

Examples:
  ally init
  ally init --path docs/          # writes docs/.ally.yaml
  ally init --force               # replace an existing .ally.yaml
`

// runInit is `ally init`: it writes config.Starter to .ally.yaml (or
// --path), refusing to replace an existing file unless --force.
func runInit(args []string, stdout, stderr io.Writer) int {
	var target string
	var force bool
	flags := newFlagSet("init", initUsage, stderr)
	flags.StringVar(&target, "path", config.FileName, "write the config to `FILE` (a directory gets a .ally.yaml inside it)")
	flags.BoolVar(&force, "force", false, "replace the file if it exists")
	rest, err := parseInterleaved(flags, args)
	if err != nil {
		if isHelp(err) {
			return exitOK
		}
		fmt.Fprintf(stderr, "ally init: %v\n", err)
		return exitError
	}
	if len(rest) > 0 {
		fmt.Fprintf(stderr, "ally init: unexpected argument %q (use --path FILE to choose where to write)\n", rest[0])
		return exitError
	}
	if info, err := os.Stat(target); err == nil && info.IsDir() {
		target = filepath.Join(target, config.FileName)
	}
	if !force {
		if other := filepath.Join(filepath.Dir(target), config.AltFileName); filepath.Base(target) == config.FileName && exists(other) {
			fmt.Fprintf(stderr, "ally init: %s already exists and ally reads it; edit it, or use --force to write %s beside it (which ally would read instead)\n", other, target)
			return exitError
		}
	}
	if err := writeStarter(target, force); err != nil {
		if errors.Is(err, os.ErrExist) {
			fmt.Fprintf(stderr, "ally init: %s already exists; edit it, or use --force to replace it with the starter config\n", target)
		} else {
			fmt.Fprintf(stderr, "ally init: %v\n", err)
		}
		return exitError
	}
	fmt.Fprintf(stdout, "ally: wrote %s, a starter config: every setting with its default, and examples to uncomment.\n", target)
	if base := filepath.Base(target); base != config.FileName && base != config.AltFileName {
		fmt.Fprintf(stdout, "ally lint only finds %s or %s by itself; use this one with --config %s\n", config.FileName, config.AltFileName, target)
	}
	return exitOK
}

// writeStarter writes the starter config; without force it fails with
// os.ErrExist rather than replace a file, even one made a moment ago.
func writeStarter(name string, force bool) error {
	mode := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if force {
		mode = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(name, mode, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(config.Starter()); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func exists(name string) bool {
	_, err := os.Stat(name)
	return err == nil
}
