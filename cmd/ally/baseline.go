package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/allylint/ally"
	"github.com/allylint/ally/lint"
	"github.com/allylint/ally/report"
)

// A baseline records the findings a repository already has, so a check can
// fail only on new ones. Findings are known by report.Fingerprint (rule,
// matched text, the line's text and the occurrence), not by line number,
// so a finding stays known when lines above it move.
type baselineFile struct {
	Version  int             `json:"version"`
	Tool     report.Tool     `json:"tool"`
	Findings []baselineEntry `json:"findings"`
}

type baselineEntry struct {
	Path        string `json:"path"`
	Rule        string `json:"rule"`
	Match       string `json:"match,omitempty"`
	Fingerprint string `json:"fingerprint"`
}

// baselineVersion changes when entries stop being comparable.
const baselineVersion = 1

// baselineKey is a path, as the user gave it (slash-separated and clean),
// and a fingerprint.
type baselineKey struct{ path, fingerprint string }

// baseline is a loaded baseline: how many times each finding may still be
// matched.
type baseline map[baselineKey]int

func loadBaseline(path string) (baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--baseline: %w", unwrapPathError(err))
	}
	var f baselineFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("--baseline %s: not a baseline file (%v); write one with --write-baseline", path, err)
	}
	if f.Version != baselineVersion {
		return nil, fmt.Errorf("--baseline %s: version %d; this ally reads version %d (write it again with --write-baseline)", path, f.Version, baselineVersion)
	}
	b := baseline{}
	for _, e := range f.Findings {
		b[baselineKey{e.Path, e.Fingerprint}]++
	}
	return b, nil
}

// filter drops the findings the baseline already has, each entry matching
// at most one finding. It does not change the baseline, so a file linted
// again after --fix is filtered the same way.
func (b baseline) filter(r report.Result) report.Result {
	if len(b) == 0 || len(r.Findings) == 0 {
		return r
	}
	path := filepath.ToSlash(filepath.Clean(r.Path))
	used := map[baselineKey]int{}
	prints := report.Fingerprints(r)
	var kept []lint.Finding
	for i, f := range r.Findings {
		k := baselineKey{path, prints[i]}
		if used[k] < b[k] {
			used[k]++
			continue
		}
		kept = append(kept, f)
	}
	r.Findings = kept
	return r
}

// baselineWriter collects the findings of a run for --write-baseline.
type baselineWriter struct {
	path    string
	entries []baselineEntry
}

func (w *baselineWriter) add(r report.Result) {
	path := filepath.ToSlash(filepath.Clean(r.Path))
	prints := report.Fingerprints(r)
	for i, f := range r.Findings {
		w.entries = append(w.entries, baselineEntry{Path: path, Rule: f.Rule.ID, Match: f.Match, Fingerprint: prints[i]})
	}
}

func (w *baselineWriter) write() error {
	data, err := json.MarshalIndent(baselineFile{Version: baselineVersion, Tool: report.Tool{Name: "ally", Version: ally.Version}, Findings: append([]baselineEntry{}, w.entries...)}, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(w.path, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("--write-baseline: %w", unwrapPathError(err))
	}
	return nil
}
