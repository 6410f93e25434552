package config

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// Find looks for the config file that applies to start, a file or a
// directory: .ally.yaml (or else .ally.yml) in start's directory (start
// itself when it is a directory), then in each parent, stopping after the
// repository root (a directory holding .git, a directory or a file) or the
// filesystem root. It returns "" and no error when there is none. The path
// returned is relative to the working directory when start is relative.
func Find(start string) (string, error) {
	abs, err := filepath.Abs(start)
	if err != nil {
		return "", err
	}
	dir := abs
	info, err := os.Stat(abs)
	switch {
	case err == nil && info.IsDir():
	case err == nil || errors.Is(err, fs.ErrNotExist):
		dir = filepath.Dir(abs) // a file, or a name yet to exist
	default:
		return "", err
	}
	for {
		for _, name := range []string{FileName, AltFileName} {
			candidate := filepath.Join(dir, name)
			info, err := os.Stat(candidate)
			if err == nil && !info.IsDir() {
				return relativeLike(start, candidate), nil
			}
			if err != nil && !missing(err) {
				return "", err
			}
		}
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return "", nil
		} else if !missing(err) {
			return "", err
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// relativeLike returns found relative to the working directory when start
// was given relative, so messages name it the way the user would.
func relativeLike(start, found string) string {
	if filepath.IsAbs(start) {
		return found
	}
	wd, err := os.Getwd()
	if err != nil {
		return found
	}
	if rel, err := filepath.Rel(wd, found); err == nil {
		return rel
	}
	return found
}

// missing reports whether a Stat error means there is nothing usable there:
// no such file, or a directory we may not look into.
func missing(err error) bool {
	return errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrPermission)
}
