package main

import (
	"github.com/allylint/ally/report"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/allylint/ally/parsers"
)

// BenchmarkCorpus lints the real-world handbooks and job descriptions in
// ../shared/corpus (about 10 MB of Markdown) end to end: read, parse,
// detect the profile, lint with the built-in rules. It skips when the
// corpus is not beside the project.
func BenchmarkCorpus(b *testing.B) {
	root := filepath.Join("..", "..", "..", "shared", "corpus")
	if _, err := os.Stat(root); err != nil {
		b.Skipf("corpus not found at %s", root)
	}
	var inputs []input
	var size int64
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if format, ok := parsers.ForPath(path); ok {
			info, err := d.Info()
			if err != nil {
				return err
			}
			size += info.Size()
			inputs = append(inputs, input{path: path, format: format})
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		// A fresh linter each time, as a run of the CLI has: its memo of
		// syllable counts starts empty.
		b.StopTimer()
		l, err := loadRules(ruleOptions{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		plans := make([]filePlan, len(inputs))
		for i := range plans {
			plans[i] = filePlan{linter: l, profile: "auto"}
		}
		lintAll(inputs, plans, nil, nil, func(_ filePlan, r report.Result) {
			if r.Err != nil {
				b.Fatal(r.Err)
			}
		})
	}
}
