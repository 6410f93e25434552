// Package fix applies findings' fixes to file bytes, writes files back
// safely, and shows changes as unified diffs. It knows nothing about rules
// or formats: it gets edits and bytes.
package fix

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/allylint/ally/lint"
)

// Apply returns src with the edits made. Edits must be sorted and must not
// overlap (lint.Fixes makes them so); every byte outside them is copied
// unchanged.
func Apply(src []byte, edits []lint.Edit) ([]byte, error) {
	out := make([]byte, 0, len(src))
	at := 0
	for _, e := range edits {
		if e.Start < at || e.End < e.Start || e.End > len(src) {
			return nil, fmt.Errorf("edit [%d,%d) overlaps another or lies outside the file (%d bytes)", e.Start, e.End, len(src))
		}
		out = append(out, src[at:e.Start]...)
		out = append(out, e.Text...)
		at = e.End
	}
	return append(out, src[at:]...), nil
}

// WriteFile replaces the file at path with data the safe way: the bytes go
// to a temporary file in the same directory, which then takes the file's
// place in one rename, so a crash or a full disk never leaves half a file.
// The file's permission bits are kept.
func WriteFile(path string, data []byte) (err error) {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".ally-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Chmod(info.Mode().Perm()); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// Unchanged reports whether applying edits would leave src as it is (every
// edit replaces text with the same text).
func Unchanged(src []byte, edits []lint.Edit) bool {
	return !slices.ContainsFunc(edits, func(e lint.Edit) bool { return string(src[e.Start:e.End]) != e.Text })
}
