package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestGolden lints every fixture in testdata/golden with the small rule set
// in testdata/rules/golden.yaml, in both output formats, and compares the
// output with NAME.json and NAME.text beside the fixture (go test -update
// rewrites them). The JSON is also validated against the published schema,
// and every position is recomputed from the raw bytes here, independently
// of the parsers package.
func TestGolden(t *testing.T) {
	t.Chdir("../..")
	fixtures, err := filepath.Glob("testdata/golden/*.*")
	if err != nil {
		t.Fatal(err)
	}
	schema := compileSchema(t)
	n := 0
	for _, fx := range fixtures {
		if ext := filepath.Ext(fx); ext != ".md" && ext != ".txt" {
			continue
		}
		n++
		t.Run(filepath.Base(fx), func(t *testing.T) {
			base := strings.TrimSuffix(fx, filepath.Ext(fx)) + strings.ReplaceAll(filepath.Ext(fx), ".", "-")
			out := runGolden(t, "json", fx)
			checkGolden(t, base+".json", out)
			validateReport(t, schema, out)
			checkPositions(t, fx, out)
			checkGolden(t, base+".text", runGolden(t, "text", fx))
		})
	}
	if n < 5 {
		t.Fatalf("found only %d fixtures; is the working directory right?", n)
	}
}

func runGolden(t *testing.T, format, path string) []byte {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run([]string{"lint", "--no-default-rules", "--rules", "testdata/rules/golden.yaml",
		"--fail-on", "none", "--format", format, path}, nil, &stdout, &stderr, environment{})
	if code != exitOK || stderr.Len() > 0 {
		t.Fatalf("exit %d, stderr: %s", code, stderr.String())
	}
	return stdout.Bytes()
}

func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/ally -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test ./cmd/ally -update rewrites it)\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	s, err := c.Compile("schema/report.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func validateReport(t *testing.T, schema *jsonschema.Schema, out []byte) {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(doc); err != nil {
		t.Errorf("output does not match schema/report.schema.json: %v", err)
	}
}

type reportJSON struct {
	Files []struct {
		Findings []struct {
			Rule       string
			Match      string
			Start, End *struct{ Offset, Line, Column int }
			Fix        *struct{ Start, End int }
		}
	}
}

// checkPositions recomputes line and column for every finding from the raw
// file bytes, the way a person counts them: lines end at '\n', columns count
// characters, and a leading byte order mark is not a character.
func checkPositions(t *testing.T, path string, out []byte) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var rep reportJSON
	if err := json.Unmarshal(out, &rep); err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Files[0].Findings {
		if got := string(src[f.Start.Offset:f.End.Offset]); got != f.Match {
			t.Errorf("%s: source[%d:%d] = %q, match says %q", f.Rule, f.Start.Offset, f.End.Offset, got, f.Match)
		}
		// A fix replaces the match, and at most the article and spaces before it.
		if fx := f.Fix; fx != nil && (fx.End != f.End.Offset || !strings.HasSuffix(string(src[fx.Start:fx.End]), f.Match) || !isArticle(src[fx.Start:f.Start.Offset])) {
			t.Errorf("%s: fix [%d,%d) does not cover the match [%d,%d)", f.Rule, fx.Start, fx.End, f.Start.Offset, f.End.Offset)
		}
		for _, p := range []struct{ Offset, Line, Column int }{*f.Start, *f.End} {
			before := src[:p.Offset]
			line := bytes.Count(before, []byte("\n")) + 1
			lineStart := bytes.LastIndexByte(before, '\n') + 1
			col := utf8.RuneCount(bytes.TrimPrefix(before[lineStart:], []byte("\uFEFF"))) + 1
			if p.Line != line || p.Column != col {
				t.Errorf("%s at offset %d: reported %d:%d, counted %d:%d", f.Rule, p.Offset, p.Line, p.Column, line, col)
			}
		}
	}
}
