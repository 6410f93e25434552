package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/allylint/ally/parsers"
)

// documentFixtures are the PDF, DOCX and HTML files made by real tools
// (see the make-*.sh scripts beside them) that lint cleanly enough to have
// golden output.
var documentFixtures = []string{
	"handbook.pdf",
	"two-column.pdf",
	"handbook-libreoffice.pdf",
	"handbook.docx",
	"job-post.html",
}

// TestDocumentGolden lints each document fixture with the built-in rules
// and compares the JSON and text output with testdata/documents/golden
// (go test ./cmd/ally -update rewrites them). Every finding's match must be
// exactly the text at its offsets: the extracted text for PDF and DOCX,
// the HTML source itself for HTML.
func TestDocumentGolden(t *testing.T) {
	t.Chdir("../..")
	schema := compileSchema(t)
	for _, name := range documentFixtures {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("testdata/documents", name)
			if _, err := os.Stat(path); err != nil {
				t.Fatalf("fixture missing: %v (see testdata/documents/make-*.sh)", err)
			}
			base := filepath.Join("testdata/documents/golden", strings.ReplaceAll(name, ".", "-"))
			var stdout, stderr bytes.Buffer
			code := run([]string{"lint", "--fail-on", "none", "--format", "json", path}, nil, &stdout, &stderr, environment{})
			if code != exitOK || stderr.Len() > 0 {
				t.Fatalf("exit %d, stderr: %s", code, stderr.String())
			}
			checkGolden(t, base+".json", stdout.Bytes())
			validateReport(t, schema, stdout.Bytes())
			checkDocumentMatches(t, path, stdout.Bytes())
			stdout.Reset()
			run([]string{"lint", "--fail-on", "none", path}, nil, &stdout, &stderr, environment{})
			checkGolden(t, base+".text", stdout.Bytes())
		})
	}
}

// checkDocumentMatches parses the document again and checks that every
// finding's offsets hold its match, and that PDF findings carry a page and
// DOCX findings a paragraph.
func checkDocumentMatches(t *testing.T, path string, out []byte) {
	t.Helper()
	format, _ := parsers.ForPath(path)
	p, err := parsers.New(format, parsers.Options{})
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := p.Parse(parsers.NewFile(path, src))
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Files []struct {
			Findings []struct {
				Rule, Match string
				Start, End  *parsers.Position
			}
		}
	}
	if err := json.Unmarshal(out, &rep); err != nil {
		t.Fatal(err)
	}
	positioned := 0
	for _, f := range rep.Files[0].Findings {
		if f.Start == nil {
			continue
		}
		positioned++
		if got := string(doc.File.Src[f.Start.Offset:f.End.Offset]); got != f.Match {
			t.Errorf("%s: text[%d:%d] = %q, match says %q", f.Rule, f.Start.Offset, f.End.Offset, got, f.Match)
		}
		if want := doc.File.Position(f.Start.Offset); *f.Start != want {
			t.Errorf("%s: start %+v, want %+v", f.Rule, *f.Start, want)
		}
		switch format {
		case parsers.FormatPDF:
			if f.Start.Page < 1 {
				t.Errorf("%s: PDF finding without a page: %+v", f.Rule, f.Start)
			}
		case parsers.FormatDOCX:
			if f.Start.Paragraph < 1 {
				t.Errorf("%s: DOCX finding without a paragraph: %+v", f.Rule, f.Start)
			}
		}
	}
	if positioned == 0 {
		t.Errorf("%s: no positioned findings; the fixture is meant to have some", path)
	}
}

// TestBadDocumentsDontStopOthers lints good and bad documents together:
// each bad one gets its own clear message on stderr, the good ones are
// still linted, and the exit status is 2.
func TestBadDocumentsDontStopOthers(t *testing.T) {
	t.Chdir("../..")
	dir := "testdata/documents/"
	// Two broken Word files: one cut short, as a failed download leaves it,
	// and one with the header of an encrypted or old .doc file.
	tmp := t.TempDir()
	docx, err := os.ReadFile(dir + "handbook.docx")
	if err != nil {
		t.Fatal(err)
	}
	cut, ole := filepath.Join(tmp, "cut.docx"), filepath.Join(tmp, "protected.docx")
	if err := os.WriteFile(cut, docx[:len(docx)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(ole, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 and the rest"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"lint", "--format", "json", "--fail-on", "none",
		dir + "scanned.pdf", dir + "handbook.pdf", dir + "encrypted.pdf", cut, dir + "truncated.pdf", ole, dir + "two-column.pdf"},
		nil, &stdout, &stderr, environment{})
	if code != exitError {
		t.Errorf("exit %d, want %d", code, exitError)
	}
	for _, want := range []string{
		"ally: testdata/documents/scanned.pdf: no extractable text: is it a scanned PDF? OCR is not supported",
		"ally: testdata/documents/encrypted.pdf: encrypted PDF:",
		"ally: testdata/documents/truncated.pdf: truncated PDF:",
		"ally: " + cut + ": damaged DOCX:",
		"ally: " + ole + ": encrypted or legacy Word file (.doc)",
	} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}
	if strings.Contains(stderr.String(), "panic") || strings.Contains(stderr.String(), "goroutine") {
		t.Errorf("stderr shows a crash:\n%s", stderr.String())
	}
	var rep struct {
		Files []struct {
			Path     string
			Error    string
			Findings []json.RawMessage
		}
	}
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	linted := map[string]int{}
	for _, f := range rep.Files {
		if f.Error == "" {
			linted[filepath.Base(f.Path)] = len(f.Findings)
		}
	}
	if linted["handbook.pdf"] == 0 || linted["two-column.pdf"] == 0 || len(linted) != 2 {
		t.Errorf("linted files and finding counts: %v; want handbook.pdf and two-column.pdf with findings", linted)
	}
}
