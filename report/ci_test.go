package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/allylint/ally/lint"
	"github.com/allylint/ally/parsers"
	"github.com/allylint/ally/rules"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

func render(t *testing.T, p Printer, buf *bytes.Buffer, results []Result) string {
	t.Helper()
	if err := printAll(p, results); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func run(t *testing.T, make func(w writer) Printer, results ...Result) string {
	t.Helper()
	var buf bytes.Buffer
	return render(t, make(&buf), &buf, results)
}

func sarifOut(t *testing.T, results ...Result) string {
	return run(t, func(w writer) Printer { return NewSARIF(w, testTool, allTestRules()) }, results...)
}

func githubOut(t *testing.T, results ...Result) string {
	return run(t, func(w writer) Printer { return NewGitHub(w) }, results...)
}

func TestGolden(t *testing.T) {
	for _, pc := range ciPrinters() {
		t.Run(pc.name, func(t *testing.T) {
			got := run(t, pc.make, goldenResults(t)...)
			path := filepath.Join("testdata", pc.golden)
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./report -update)", err)
			}
			if got != string(want) {
				t.Errorf("output differs from %s (go test ./report -update rewrites it):\n%s", path, got)
			}
		})
	}
}

func TestPrintersWellFormed(t *testing.T) {
	for _, pc := range ciPrinters() {
		for _, res := range [][]Result{nil, goldenResults(t)} {
			out := run(t, pc.make, res...)
			var err error
			switch pc.name {
			case "sarif", "rdjson", "gitlab":
				var v any
				err = json.Unmarshal([]byte(out), &v)
			case "checkstyle":
				err = xml.Unmarshal([]byte(out), new(struct{}))
			}
			if err != nil {
				t.Errorf("%s with %d results is not well-formed: %v\n%s", pc.name, len(res), err, out)
			}
		}
	}
}

func TestCIPrintersReturnWriteErrors(t *testing.T) {
	for _, pc := range ciPrinters() {
		p := pc.make(errWriter{})
		err := p.File(goldenResults(t)[0])
		if err == nil {
			err = p.Finish()
		}
		if err == nil {
			t.Errorf("%s ignored a write error", pc.name)
		}
	}
}

// --- SARIF ---

func compileSARIFSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	// Only local files: the test must not reach the network. The schema
	// is draft-04, whose meta-schema the library carries.
	c.UseLoader(jsonschema.SchemeURLLoader{"file": jsonschema.FileLoader{}})
	c.AssertFormat()
	s, err := c.Compile("../testdata/schemas/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func sarifValidate(s *jsonschema.Schema, out string) error {
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
	if err != nil {
		return err
	}
	return s.Validate(doc)
}

func TestSARIFSchema(t *testing.T) {
	schema := compileSARIFSchema(t)
	inputs := map[string][]Result{
		"golden":  goldenResults(t),
		"empty":   nil,
		"hostile": {mdResult(`we ird\<dir>/c:x%.md`, "The chairman.\n", hit(t, "The chairman.\n", ruleChair, "chairman", 0))},
		"abs":     {mdResult("/abs/x.md", "The chairman.\n", hit(t, "The chairman.\n", ruleChair, "chairman", 0))},
	}
	for name, res := range inputs {
		if err := sarifValidate(schema, sarifOut(t, res...)); err != nil {
			t.Errorf("%s: SARIF output does not match the 2.1.0 schema: %v", name, err)
		}
	}

	// The validation must be able to fail: break the output in ways the
	// schema forbids.
	out := sarifOut(t, goldenResults(t)...)
	breakers := map[string]func(m map[string]any){
		"result without message": func(m map[string]any) { delete(result0(m), "message") },
		"run without tool":       func(m map[string]any) { delete(run0(m), "tool") },
		"invocation without executionSuccessful": func(m map[string]any) {
			delete(run0(m)["invocations"].([]any)[0].(map[string]any), "executionSuccessful")
		},
		"bad level":       func(m map[string]any) { result0(m)["level"] = "fatal" },
		"line 0":          func(m map[string]any) { region0(m)["startLine"] = 0 },
		"offset below -1": func(m map[string]any) { region0(m)["byteOffset"] = -2 },
		"unknown field":   func(m map[string]any) { result0(m)["lineNumber"] = 3 },
		"bad columnKind":  func(m map[string]any) { run0(m)["columnKind"] = "bytes" },
	}
	for name, breakIt := range breakers {
		var m map[string]any
		if err := json.Unmarshal([]byte(out), &m); err != nil {
			t.Fatal(err)
		}
		breakIt(m)
		b, _ := json.Marshal(m)
		if sarifValidate(schema, string(b)) == nil {
			t.Errorf("%s: the schema accepted broken output", name)
		}
	}
}

func run0(m map[string]any) map[string]any { return m["runs"].([]any)[0].(map[string]any) }

func result0(m map[string]any) map[string]any {
	for _, r := range run0(m)["results"].([]any) {
		if r.(map[string]any)["locations"].([]any)[0].(map[string]any)["physicalLocation"].(map[string]any)["region"] != nil {
			return r.(map[string]any)
		}
	}
	panic("no result with a region")
}

func region0(m map[string]any) map[string]any {
	return result0(m)["locations"].([]any)[0].(map[string]any)["physicalLocation"].(map[string]any)["region"].(map[string]any)
}

// sarifDoc is the part of a SARIF log the tests look at.
type sarifDoc struct {
	Runs []struct {
		ColumnKind string
		Tool       struct {
			Driver struct {
				Name, Version, InformationURI string
				Rules                         []struct {
					ID, Name, HelpURI    string
					ShortDescription     struct{ Text string }
					FullDescription      *struct{ Text string }
					Help                 *struct{ Text string }
					DefaultConfiguration struct{ Level string }
					Properties           struct{ Tags []string }
				}
			}
		}
		Invocations []struct {
			ExecutionSuccessful        bool
			ToolExecutionNotifications []struct {
				Level   string
				Message struct{ Text string }
			}
		}
		Results []struct {
			RuleID    string
			RuleIndex int
			Level     string
			Message   struct{ Text string }
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct{ URI, URIBaseID string }
					Region           *sarifRegion
				}
			}
			PartialFingerprints map[string]string
			Fixes               []struct {
				ArtifactChanges []struct {
					Replacements []struct {
						DeletedRegion   sarifRegion
						InsertedContent struct{ Text string }
					}
				}
			}
			Properties map[string]any
		}
	}
}

func parseSARIF(t *testing.T, out string) sarifDoc {
	t.Helper()
	var d sarifDoc
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatal(err)
	}
	return d
}

func TestSARIF(t *testing.T) {
	res := goldenResults(t)
	d := parseSARIF(t, sarifOut(t, res...))
	rn := d.Runs[0]
	drv := rn.Tool.Driver
	if drv.Name != "ally" || drv.Version != "0.1.0-test" || drv.InformationURI != "https://github.com/allylint/ally" || rn.ColumnKind != "unicodeCodePoints" {
		t.Errorf("driver/run = %+v %q", drv, rn.ColumnKind)
	}
	if len(drv.Rules) != len(allTestRules()) {
		t.Fatalf("want every rule of the set listed, got %d", len(drv.Rules))
	}
	chair := drv.Rules[0]
	if chair.ID != "gender.chairman" || chair.ShortDescription.Text != "“chairman” builds a gender into the title of the role." ||
		chair.FullDescription.Text != ruleChair.Why || chair.Help.Text != ruleChair.Why+"\n\nTry: chair, chairperson" ||
		chair.HelpURI != ruleChair.Source || chair.DefaultConfiguration.Level != "warning" || chair.Properties.Tags[0] != "exclusionary.gender" {
		t.Errorf("chairman rule = %+v", chair)
	}
	if r := drv.Rules[3]; r.ShortDescription.Text != rulePay.Message || r.DefaultConfiguration.Level != "error" ||
		r.HelpURI != "https://github.com/allylint/ally/blob/main/README.md#rules" {
		t.Errorf("pay rule = %+v", r)
	}
	if r := drv.Rules[5]; r.ShortDescription.Text != "exclusionary.unused" || r.DefaultConfiguration.Level != "note" {
		t.Errorf("a {match} message with no terms should fall back to the id: %+v", r)
	}
	if len(rn.Results) != 5 {
		t.Fatalf("want 5 results, got %d", len(rn.Results))
	}
	for _, r := range rn.Results {
		if drv.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("ruleIndex %d does not point at %s", r.RuleIndex, r.RuleID)
		}
		if len(r.PartialFingerprints[FingerprintKey]) != 64 {
			t.Errorf("%s: fingerprint %v", r.RuleID, r.PartialFingerprints)
		}
	}

	// Document-level: only the artifact.
	doc := rn.Results[0]
	if doc.RuleID != "job-post.pay-range" || doc.Level != "error" || doc.Locations[0].PhysicalLocation.Region != nil {
		t.Errorf("document-level result = %+v", doc)
	}
	if al := doc.Locations[0].PhysicalLocation.ArtifactLocation; al.URI != "docs/job%20post.md" || al.URIBaseID != "%SRCROOT%" {
		t.Errorf("artifact = %+v", al)
	}

	// "chairman" on line 5: columns in code points, bytes as offsets.
	chairRes := rn.Results[2]
	start, end := at(t, goldenMD, "chairman", 0)
	want := sarifRegion{StartLine: 5, StartColumn: 10, EndLine: 5, EndColumn: 18, ByteOffset: &start, ByteLength: ptr(end - start)}
	if got := chairRes.Locations[0].PhysicalLocation.Region; !sameRegion(got, &want) {
		t.Errorf("region = %+v, want %+v", got, want)
	}

	// Fixes: only the safe ones, in a rewritable file.
	fixed := map[string]string{}
	for _, r := range rn.Results {
		for _, fx := range r.Fixes {
			rep := fx.ArtifactChanges[0].Replacements[0]
			fixed[r.RuleID] = rep.InsertedContent.Text
			if r.RuleID == "gender.chairman" && !sameRegion(&rep.DeletedRegion, &want) {
				t.Errorf("deleted region = %+v", rep.DeletedRegion)
			}
		}
	}
	if len(fixed) != 2 || fixed["gender.chairman"] != "chair" || fixed["plain-language.in-order-to"] != "to" {
		t.Errorf("fixes = %v; want only the safe ones of the Markdown file", fixed)
	}

	// The PDF: a region of the extracted text (absolute line 3), no
	// bytes, and the page in properties.
	pdf := rn.Results[4]
	reg := pdf.Locations[0].PhysicalLocation.Region
	if reg == nil || reg.StartLine != 3 || reg.StartColumn != 5 || reg.ByteOffset != nil || len(pdf.Fixes) != 0 {
		t.Errorf("PDF region = %+v, fixes %d", reg, len(pdf.Fixes))
	}
	if pdf.Properties["page"] != 2.0 || pdf.Properties["position"] != "p2:1:5" || pdf.Properties["extractedText"] != true {
		t.Errorf("PDF properties = %v", pdf.Properties)
	}

	inv := rn.Invocations[0]
	if inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) != 1 ||
		inv.ToolExecutionNotifications[0].Level != "error" || inv.ToolExecutionNotifications[0].Message.Text != "gone.md: open: permission denied" {
		t.Errorf("invocation = %+v", inv)
	}
	if ok := parseSARIF(t, sarifOut(t, res[0])).Runs[0].Invocations[0].ExecutionSuccessful; !ok {
		t.Error("a run where every file was read must be successful")
	}
}

func TestSARIFRuleNotInSet(t *testing.T) {
	other := &rules.Rule{ID: "custom.thing", Category: "plain-language.custom", Severity: rules.SeverityInfo, Message: "Thing."}
	src := "a thing\n"
	out := run(t, func(w writer) Printer { return NewSARIF(w, testTool, []*rules.Rule{ruleChair}) },
		mdResult("a.md", src, hit(t, src, other, "thing", 0)))
	d := parseSARIF(t, out)
	r := d.Runs[0].Results[0]
	if len(d.Runs[0].Tool.Driver.Rules) != 2 || r.RuleIndex != 1 || d.Runs[0].Tool.Driver.Rules[1].ID != "custom.thing" {
		t.Errorf("a rule outside the set must be added: %s", out)
	}
}

func TestSARIFURI(t *testing.T) {
	tests := []struct{ path, uri, base string }{
		{"docs/post.md", "docs/post.md", "%SRCROOT%"},
		{"./docs/../post.md", "post.md", "%SRCROOT%"},
		{`docs\sub\a b.md`, "docs/sub/a%20b.md", "%SRCROOT%"},
		{"50%#?.md", "50%25%23%3F.md", "%SRCROOT%"},
		{"c:x.md", "./c:x.md", "%SRCROOT%"},
		{"/home/me/post.md", "file:///home/me/post.md", ""},
		{`C:\work\post.md`, "file:///C:/work/post.md", ""},
	}
	for _, tt := range tests {
		if got := sarifURI(tt.path); got.URI != tt.uri || got.URIBaseID != tt.base {
			t.Errorf("sarifURI(%q) = %+v, want %q %q", tt.path, got, tt.uri, tt.base)
		}
	}
}

func ptr(n int) *int { return &n }

func sameRegion(a, b *sarifRegion) bool {
	if a == nil || b == nil {
		return a == b
	}
	eq := func(x, y *int) bool { return (x == nil) == (y == nil) && (x == nil || *x == *y) }
	return a.StartLine == b.StartLine && a.StartColumn == b.StartColumn && a.EndLine == b.EndLine &&
		a.EndColumn == b.EndColumn && eq(a.ByteOffset, b.ByteOffset) && eq(a.ByteLength, b.ByteLength)
}

// --- Fingerprints ---

func TestFingerprint(t *testing.T) {
	base := "Intro.\n\nThe chairman spoke.\n"
	one := func(src string, nth int) string {
		var fs []lint.Finding
		for i := 0; i <= nth; i++ {
			fs = append(fs, hit(t, src, ruleChair, "chairman", i))
		}
		return Fingerprint(mdResult("a.md", src, fs...), nth)
	}
	orig := one(base, 0)
	tests := []struct {
		name string
		got  string
		same bool
	}{
		{"lines inserted above", one("New line.\nAnother.\n\n"+base, 0), true},
		{"indented and spaced differently", one("Intro.\n\n   The  chairman\tspoke.  \n", 0), true},
		{"moved to another file position, same line text", one("Other intro text here.\n\nThe chairman spoke.\n", 0), true},
		{"line text changed", one("Intro.\n\nThe chairman spoke loudly.\n", 0), false},
		{"second identical occurrence", one(base+"The chairman spoke.\n", 1), false},
		{"first of two identical occurrences", one(base+"The chairman spoke.\n", 0), true},
	}
	for _, tt := range tests {
		if (tt.got == orig) != tt.same {
			t.Errorf("%s: same = %v, want %v", tt.name, tt.got == orig, tt.same)
		}
	}
	// Another rule on the same words differs; the match is case-folded.
	src := "The Chairman spoke.\n"
	f := hit(t, src, ruleChair, "Chairman", 0)
	upper := Fingerprint(mdResult("a.md", src, f), 0)
	lowerSrc := "The chairman spoke.\n"
	if upper == Fingerprint(mdResult("a.md", lowerSrc, hit(t, lowerSrc, ruleChair, "chairman", 0)), 0) {
		t.Error("the line text is not case-folded, so these lines differ")
	}
	g := f
	g.Rule = ruleYoung
	if Fingerprint(mdResult("a.md", src, g), 0) == upper {
		t.Error("another rule must give another fingerprint")
	}
	// Document-level findings: rule and occurrence only.
	d1 := Fingerprint(mdResult("a.md", "x\n", docHit(rulePay)), 0)
	d2 := Fingerprint(mdResult("b.md", "entirely\nother\n", docHit(rulePay)), 0)
	d3 := Fingerprint(mdResult("a.md", "x\n", docHit(rulePay), docHit(rulePay)), 1)
	if d1 != d2 || d1 == d3 {
		t.Errorf("document fingerprints: %s %s %s", d1, d2, d3)
	}
}

func TestFingerprintsAgreeWithFingerprint(t *testing.T) {
	src := "The chairman met the chairman.\nThe chairman met the chairman.\n"
	var fs []lint.Finding
	for i := range 4 {
		fs = append(fs, hit(t, src, ruleChair, "chairman", i))
	}
	fs = append(fs, docHit(rulePay), docHit(rulePay))
	r := mdResult("a.md", src, fs...)
	all := Fingerprints(r)
	seen := map[string]bool{}
	for i := range fs {
		if all[i] != Fingerprint(r, i) {
			t.Errorf("finding %d: %s != %s", i, all[i], Fingerprint(r, i))
		}
		if seen[all[i]] {
			t.Errorf("finding %d: duplicate fingerprint", i)
		}
		seen[all[i]] = true
	}
}

// --- GitHub ---

func TestGitHubEscaping(t *testing.T) {
	src := "The chairman.\n"
	f := hit(t, src, ruleChair, "chairman", 0)
	f.Message = "100% sure\r\nreally"
	f.Suggestions = []string{"a,b", "c:d"}
	out := githubOut(t, mdResult("dir,1/we:ird%.md", src, f))
	want := "::warning file=dir%2C1/we%3Aird%25.md,line=1,col=5,endLine=1,endColumn=13,title=ally%3A gender.chairman::100%25 sure%0D%0Areally%0ATry: a,b, c:d\n"
	if out != want {
		t.Errorf("got  %q\nwant %q", out, want)
	}
	if got := githubEscapeProperty("a%0A\n:,\r"); got != "a%250A%0A%3A%2C%0D" {
		t.Errorf("property escaping = %q", got)
	}
	if got := githubEscapeData("a%0A\n:,\r"); got != "a%250A%0A:,%0D" {
		t.Errorf("data escaping = %q", got)
	}
}

func TestGitHubLocations(t *testing.T) {
	src := "a chair\nman b\n"
	multi := hit(t, src, ruleChair, "chair\nman", 0)
	multi.Suggestions = nil
	tests := []struct {
		name string
		res  Result
		want string
	}{
		{"document-level: file only", mdResult("a.md", "x\n", docHit(rulePay)),
			"::error file=a.md,title=ally%3A job-post.pay-range::The post gives no pay or salary range.\n"},
		{"a match over two lines has no columns", mdResult("a.md", src, multi),
			"::warning file=a.md,line=1,endLine=2,title=ally%3A gender.chairman::“chair\nman” builds a gender into the title of the role.\n"},
		{"extracted text: file only, position in the message", pdfResult(t),
			"::warning file=handbook.pdf,title=ally%3A gender.chairman::p2:1:5: “chairman” builds a gender into the title of the role.%0ATry: chair, chairperson\n"},
		{"info is a notice", mdResult("a.md", "in order to\n", hit(t, "in order to\n", ruleWordy, "in order to", 0)),
			"::notice file=a.md,line=1,col=1,endLine=1,endColumn=12,title=ally%3A plain-language.in-order-to::“in order to” says in three words what “to” says in one.%0ATry: to\n"},
		{"a file that failed", Result{Path: "gone.md", Err: os.ErrPermission},
			"::error file=gone.md,title=ally%3A file-error::permission denied\n"},
	}
	for _, tt := range tests {
		tt.want = strings.ReplaceAll(tt.want, "chair\nman”", "chair%0Aman”")
		if got := githubOut(t, tt.res); got != tt.want {
			t.Errorf("%s:\ngot  %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

// manyFindings makes n findings of a rule, one per line, in path.
func manyFindings(t *testing.T, path string, r *rules.Rule, n int) Result {
	src := strings.Repeat("The chairman.\n", n)
	var fs []lint.Finding
	for i := range n {
		f := hit(t, src, ruleChair, "chairman", i)
		f.Rule, f.Severity, f.Suggestions = r, r.Severity, nil
		fs = append(fs, f)
	}
	return mdResult(path, src, fs...)
}

var commandLine = regexp.MustCompile(`^::(error|warning|notice)( file=([^,:]*)(?:,line=(\d+))?[^:]*)?::(.*)$`)

func TestGitHubAnnotationCap(t *testing.T) {
	tests := []struct {
		name                      string
		errors, warnings, notices int
		wantE, wantW, wantN       int
		overflow                  string
	}{
		{"under the cap", 3, 10, 10, 3, 10, 10, ""},
		{"errors and warnings over", 12, 15, 3, 10, 10, 3, "ally: 7 more findings not shown"},
		{"notices over keep a place for the overflow notice", 0, 0, 15, 0, 0, 9, "ally: 6 more findings not shown"},
		{"warnings over, notices full", 0, 11, 10, 0, 10, 9, "ally: 2 more findings not shown"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Spread over two files given in order, with errors last, so
			// sorting has work to do.
			res := []Result{
				manyFindings(t, "a.md", ruleWordy, tt.notices),
				manyFindings(t, "b.md", ruleYoung, tt.warnings),
				manyFindings(t, "c.md", rulePay, tt.errors),
			}
			res[2].Findings = append([]lint.Finding{}, res[2].Findings...)
			lines := strings.Split(strings.TrimSuffix(githubOut(t, res...), "\n"), "\n")
			if len(lines) == 1 && lines[0] == "" {
				lines = nil
			}
			count := map[string]int{}
			lastRank, lastLine := -1, 0
			overflows := 0
			for _, l := range lines {
				m := commandLine.FindStringSubmatch(l)
				if m == nil {
					t.Fatalf("not a workflow command: %q", l)
				}
				if m[2] == "" {
					overflows++
					if !strings.Contains(m[5], tt.overflow) || tt.overflow == "" || m[1] != "notice" ||
						!strings.Contains(m[5], "see the SARIF report or the job summary for all of them") {
						t.Errorf("overflow notice = %q", l)
					}
					continue
				}
				count[m[1]]++
				rank := map[string]int{"error": 0, "warning": 1, "notice": 2}[m[1]]
				line := mustAtoi(m[4])
				if rank < lastRank || rank == lastRank && line < lastLine {
					t.Errorf("not sorted most severe first, then by line: %q", l)
				}
				lastRank, lastLine = rank, line
			}
			if count["error"] != tt.wantE || count["warning"] != tt.wantW || count["notice"] != tt.wantN {
				t.Errorf("annotations = %v, want %d/%d/%d", count, tt.wantE, tt.wantW, tt.wantN)
			}
			if want := map[bool]int{true: 0, false: 1}[tt.overflow == ""]; overflows != want {
				t.Errorf("%d overflow notices, want %d", overflows, want)
			}
		})
	}
}

func mustAtoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// --- rdjson ---

type rdDoc struct {
	Source      rdSource
	Diagnostics []rdDiagnostic
}

func rdjsonOut(t *testing.T, res ...Result) rdDoc {
	t.Helper()
	out := run(t, func(w writer) Printer { return NewRDJSON(w) }, res...)
	var d rdDoc
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return d
}

func TestRDJSON(t *testing.T) {
	// Columns are UTF-8 bytes: "Café " is five characters, six bytes.
	src := "Café chairman, young\n"
	d := rdjsonOut(t, mdResult("docs/a.md", src, hit(t, src, ruleChair, "chairman", 0), hit(t, src, ruleYoung, "young", 0)))
	if d.Source.Name != "ally" || len(d.Diagnostics) != 2 {
		t.Fatalf("result = %+v", d)
	}
	chair := d.Diagnostics[0]
	wantRange := rdRange{Start: rdPosition{1, 7}, End: rdPosition{1, 15}}
	if chair.Location.Path != "docs/a.md" || *chair.Location.Range != wantRange || chair.Severity != "WARNING" ||
		chair.Code.Value != "gender.chairman" || chair.Code.URL != ruleChair.Source ||
		chair.Message != "“chairman” builds a gender into the title of the role.\nTry: chair, chairperson" {
		t.Errorf("diagnostic = %+v", chair)
	}
	if len(chair.Suggestions) != 1 || chair.Suggestions[0].Range != wantRange || chair.Suggestions[0].Text != "chair" {
		t.Errorf("suggestions = %+v", chair.Suggestions)
	}
	// An unsafe fix is still a suggestion: a person accepts it.
	if young := d.Diagnostics[1]; len(young.Suggestions) != 1 || young.Suggestions[0].Text != "energetic" ||
		young.Code.URL != "https://github.com/allylint/ally/blob/main/README.md#rules" {
		t.Errorf("unsafe fix = %+v", young)
	}

	g := rdjsonOut(t, goldenResults(t)...)
	byCode := map[string]rdDiagnostic{}
	for _, d := range g.Diagnostics {
		byCode[d.Location.Path+" "+d.Code.Value] = d
	}
	if doc := byCode["docs/job post.md job-post.pay-range"]; doc.Location.Range != nil || doc.Severity != "ERROR" {
		t.Errorf("document-level = %+v", doc)
	}
	if pdf := byCode["handbook.pdf gender.chairman"]; pdf.Location.Range != nil || len(pdf.Suggestions) != 0 || !strings.HasPrefix(pdf.Message, "p2:1:5: ") {
		t.Errorf("PDF = %+v", pdf)
	}
	if gone := byCode["gone.md file-error"]; gone.Severity != "ERROR" || gone.Message != "gone.md: open: permission denied" {
		t.Errorf("failed file = %+v", gone)
	}
	html := mdResult("a.html", src, hit(t, src, ruleChair, "chairman", 0))
	html.Format = "html"
	if h := rdjsonOut(t, html).Diagnostics[0]; len(h.Suggestions) != 0 || h.Location.Range == nil {
		t.Errorf("HTML is never rewritten, but has positions: %+v", h)
	}
}

func TestLineIndexMatchesPositions(t *testing.T) {
	src := "\xEF\xBB\xBFfirst é\r\nsecond\n\nfourth 😀 x"
	f := parsers.NewFile("a.md", []byte(src))
	x := newLineIndex(f.Src)
	for off := 0; off <= len(src); off++ {
		if got, want := x.line(off), f.Position(off).Line; got != want {
			t.Errorf("line(%d) = %d, want %d", off, got, want)
		}
	}
	if got := x.byteColumn(strings.Index(src, "x")); got != len("fourth 😀 ")+1 {
		t.Errorf("byte column = %d", got)
	}
}

// --- Checkstyle ---

type csDoc struct {
	Version string `xml:"version,attr"`
	Files   []struct {
		Name   string `xml:"name,attr"`
		Errors []struct {
			Line     string `xml:"line,attr"`
			Column   string `xml:"column,attr"`
			Severity string `xml:"severity,attr"`
			Message  string `xml:"message,attr"`
			Source   string `xml:"source,attr"`
		} `xml:"error"`
	} `xml:"file"`
}

func TestCheckstyle(t *testing.T) {
	hostile := `<script>alert("x" & 'y')</script>`
	src := "The chairman.\n"
	f := hit(t, src, ruleChair, "chairman", 0)
	f.Message = hostile + "\x01\n]]>"
	res := append([]Result{mdResult(`a<&"'>.md`, src, f)}, goldenResults(t)...)
	out := run(t, func(w writer) Printer { return NewCheckstyle(w) }, res...)
	if strings.Contains(out, "<script>") {
		t.Errorf("unescaped markup:\n%s", out)
	}
	var d csDoc
	if err := xml.Unmarshal([]byte(out), &d); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if d.Version != "4.3" || len(d.Files) != 4 {
		t.Fatalf("files = %+v", d.Files)
	}
	e := d.Files[0].Errors[0]
	if d.Files[0].Name != `a<&"'>.md` || e.Message != hostile+"\uFFFD ]]> Try: chair, chairperson" ||
		e.Line != "1" || e.Column != "5" || e.Severity != "warning" || e.Source != "ally.gender.chairman" {
		t.Errorf("hostile file = %+v %+v", d.Files[0].Name, e)
	}
	post := d.Files[1]
	if doc := post.Errors[0]; doc.Line != "0" || doc.Column != "" || doc.Severity != "error" || doc.Source != "ally.job-post.pay-range" {
		t.Errorf("document-level = %+v", doc)
	}
	if info := post.Errors[3]; info.Severity != "info" || info.Line != "6" || info.Column != "8" {
		t.Errorf("info = %+v", info)
	}
	if gone := d.Files[2]; gone.Name != "gone.md" || gone.Errors[0].Source != "ally.file-error" || gone.Errors[0].Severity != "error" {
		t.Errorf("failed file = %+v", gone)
	}
	if pdf := d.Files[3].Errors[0]; pdf.Line != "0" || pdf.Column != "" || !strings.HasPrefix(pdf.Message, "p2:1:5: ") {
		t.Errorf("PDF = %+v", pdf)
	}
}

// --- GitLab ---

func TestGitLab(t *testing.T) {
	src := "The chairman.\n"
	same := func(path string) Result { return mdResult(path, src, hit(t, src, ruleChair, "chairman", 0)) }
	res := append([]Result{same("a.md"), same("b.md")}, goldenResults(t)...)
	out := run(t, func(w writer) Printer { return NewGitLab(w) }, res...)
	var issues []gitlabIssue
	if err := json.Unmarshal([]byte(out), &issues); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(issues) != 2+4+1+1 {
		t.Fatalf("%d issues:\n%s", len(issues), out)
	}
	seen := map[string]bool{}
	for _, is := range issues {
		if seen[is.Fingerprint] {
			t.Errorf("duplicate fingerprint %s: GitLab would drop all but one", is.Fingerprint)
		}
		seen[is.Fingerprint] = true
		if is.Location.Lines.Begin < 1 || is.CheckName == "" || is.Description == "" || is.Location.Path == "" {
			t.Errorf("incomplete issue %+v", is)
		}
	}
	if a := issues[0]; a.CheckName != "gender.chairman" || a.Severity != "minor" || a.Location.Lines.Begin != 1 ||
		a.Description != "“chairman” builds a gender into the title of the role. Try: chair, chairperson" {
		t.Errorf("issue = %+v", a)
	}
	// The same finding, run again with lines above it, keeps its fingerprint.
	moved := run(t, func(w writer) Printer { return NewGitLab(w) }, mdResult("a.md", "Intro.\n\n"+src, hit(t, "Intro.\n\n"+src, ruleChair, "chairman", 0)))
	if !strings.Contains(moved, issues[0].Fingerprint) || !strings.Contains(moved, `"begin":3`) {
		t.Errorf("moved finding lost its fingerprint:\n%s", moved)
	}
	sev := map[string]string{}
	for _, is := range issues[2:] {
		sev[is.CheckName] = is.Severity + " " + is.Location.Path + " " + strconv.Itoa(is.Location.Lines.Begin)
	}
	want := map[string]string{
		"job-post.pay-range":         "major docs/job post.md 1",
		"age.young":                  "minor docs/job post.md 3",
		"plain-language.in-order-to": "info docs/job post.md 6",
		"file-error":                 "major gone.md 1",
		"gender.chairman":            "minor handbook.pdf 1",
	}
	for k, v := range want {
		if sev[k] != v {
			t.Errorf("%s: %q, want %q", k, sev[k], v)
		}
	}
	if got := run(t, func(w writer) Printer { return NewGitLab(w) }); got != "[]\n" {
		t.Errorf("empty report = %q", got)
	}
}

// --- Markdown summary ---

func TestMarkdownSummary(t *testing.T) {
	md := func(res ...Result) string {
		return run(t, func(w writer) Printer { return NewMarkdownSummary(w) }, res...)
	}
	if got := md(mdResult("a.md", "fine\n")); got != "## ally: no problems\n\n1 file checked.\n" {
		t.Errorf("clean run = %q", got)
	}

	// Hostile text: a path and a message that would break a table or
	// inject HTML.
	src := "The chairman.\n"
	f := hit(t, src, ruleChair, "chairman", 0)
	f.Message = "<script>alert(1)</script> | `x` *y* [z](u) $5"
	out := md(mdResult("a|b<img src=x>.md", src, f))
	for _, bad := range []string{"<script>", "<img", "| `x`", "*y*", "[z](u)", " $5"} {
		if strings.Contains(out, bad) {
			t.Errorf("unescaped %q in:\n%s", bad, out)
		}
	}
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "| a") {
			if cells := len(regexp.MustCompile(`(^|[^\\])\|`).FindAllString(l, -1)); cells != 8 {
				t.Errorf("table row has %d unescaped pipes, want 8: %q", cells, l)
			}
		}
	}
	if !strings.Contains(out, `a\|b&lt;img src=x&gt;.md`) || !strings.Contains(out, `&lt;script&gt;alert\(1\)&lt;/script&gt; \| \`+"`x\\` \\*y\\* \\[z\\]\\(u\\) \\$5") {
		t.Errorf("escaped text missing:\n%s", out)
	}

	// Caps: top rules at 10, the list at 500 with a line for the rest.
	var res []Result
	for i := range 12 {
		r := *ruleYoung
		r.ID = "rule.r" + string(rune('a'+i))
		res = append(res, manyFindings(t, "f"+string(rune('a'+i))+".md", &r, 45+i))
	}
	out = md(res...)
	total := 0
	for i := range 12 {
		total += 45 + i
	}
	if !strings.HasPrefix(out, "## ally: "+strconv.Itoa(total)+" problems in 12 files\n") {
		t.Errorf("heading: %q", out[:60])
	}
	top := out[strings.Index(out, "### Top rules"):]
	top = top[:strings.Index(top, "<details>")]
	if n := strings.Count(top, "| rule.r"); n != 10 || !strings.Contains(top, "| rule.rl | 56 |") || strings.Contains(top, "rule.ra ") {
		t.Errorf("top rules (%d):\n%s", n, top)
	}
	if n := strings.Count(out, "\n- warning "); n != 500 || !strings.Contains(out, "… and "+strconv.Itoa(total-500)+" more") {
		t.Errorf("%d finding rows", n)
	}
	if n := strconv.Itoa(total); !strings.Contains(out, "| **total** | **"+n+"** | **0** | **0** | **0** | **0** | **"+n+"** |\n") {
		t.Errorf("the total row is wrong:\n%s", out[:2000])
	}
}

func TestMarkdownGolden(t *testing.T) {
	out := run(t, func(w writer) Printer { return NewMarkdownSummary(w) }, goldenResults(t)...)
	for _, want := range []string{
		"## ally: 5 problems in 2 files\n",
		"| docs/job post.md | 2 | 0 | 0 | 1 | 1 | 4 |\n",
		"| handbook.pdf | 1 | 0 | 0 | 0 | 0 | 1 |\n",
		"| **total** | **3** | **0** | **0** | **1** | **1** | **5** |\n",
		"- **docs/job post.md**: reading grade ",
		"neutral · ✗ pay range · ✓ equal-opportunity statement\n",
		"- gone.md: gone.md: open: permission denied\n",
		"- warning handbook.pdf:p2:1:5 — ",
		"- **error** docs/job post.md — The post gives no pay or salary range. \\[job-post.pay-range\\]\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
}

func TestFixesOnlyWhenSafeAndRewritable(t *testing.T) {
	src := "We want a ninja.\n"
	ninja := &rules.Rule{ID: "job-post.ninja", Category: "job-post.hype", Severity: rules.SeverityWarning,
		Message: "“{match}” is hype.", Suggest: []string{"expert"}, FixSafe: true}
	withFix := func(format string, safe bool) Result {
		f := hit(t, src, ninja, "ninja", 0)
		// The article is put right, so the fix starts before the match.
		f.Fix.Start, f.Fix.Replacement, f.Fix.Safe = strings.Index(src, "a ninja"), "an expert", safe
		r := mdResult("a."+format, src, f)
		r.Format = format
		return r
	}
	noFix := mdResult("a.md", src, hit(t, src, ruleSeeBelow, "ninja", 0))
	noFix.Findings[0].Fix = nil
	tests := []struct {
		name            string
		res             Result
		sarifFix, rdFix bool
	}{
		{"safe, Markdown", withFix("markdown", true), true, true},
		{"safe, text", withFix("text", true), true, true},
		{"unsafe, Markdown: only a suggestion", withFix("markdown", false), false, true},
		{"safe, HTML", withFix("html", true), false, false},
		{"safe, PDF", func() Result {
			r := withFix("pdf", true)
			r.File = parsers.NewPagedFile("a.pdf", []byte(src), []int{0})
			return r
		}(), false, false},
		{"no fix", noFix, false, false},
	}
	for _, tt := range tests {
		d := parseSARIF(t, sarifOut(t, tt.res))
		fixes := d.Runs[0].Results[0].Fixes
		if (len(fixes) > 0) != tt.sarifFix {
			t.Errorf("%s: SARIF fixes = %+v", tt.name, fixes)
		}
		if len(fixes) > 0 {
			rep := fixes[0].ArtifactChanges[0].Replacements[0]
			want := sarifRegion{StartLine: 1, StartColumn: 9, EndLine: 1, EndColumn: 16, ByteOffset: ptr(8), ByteLength: ptr(7)}
			if !sameRegion(&rep.DeletedRegion, &want) || rep.InsertedContent.Text != "an expert" {
				t.Errorf("%s: replacement = %+v", tt.name, rep)
			}
		}
		rd := rdjsonOut(t, tt.res).Diagnostics[0]
		if (len(rd.Suggestions) > 0) != tt.rdFix {
			t.Errorf("%s: rdjson suggestions = %+v", tt.name, rd.Suggestions)
		}
		if len(rd.Suggestions) > 0 {
			if want := (rdRange{Start: rdPosition{1, 9}, End: rdPosition{1, 16}}); rd.Suggestions[0].Range != want {
				t.Errorf("%s: suggestion range = %+v", tt.name, rd.Suggestions[0].Range)
			}
		}
	}
}

func TestSARIFNotices(t *testing.T) {
	r := pdfResult(t)
	r.Notices = []string{"page 3: could not read the text"}
	inv := parseSARIF(t, sarifOut(t, r)).Runs[0].Invocations[0]
	if !inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) != 1 ||
		inv.ToolExecutionNotifications[0].Level != "warning" || inv.ToolExecutionNotifications[0].Message.Text != r.Notices[0] {
		t.Errorf("invocation = %+v", inv)
	}
}
