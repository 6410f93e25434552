package lint

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/allylint/ally"
	"github.com/allylint/ally/parsers"
	"github.com/allylint/ally/rules"
)

func TestRequiredLiterals(t *testing.T) {
	b := wordBoundary
	tests := []struct {
		pattern string
		want    []string // nil: no usable set, the pattern always runs
	}{
		{`\bmust be able to (?:lift|stand)\b`, []string{b + "must" + b + " " + b + "be" + b + " " + b + "able" + b + " " + b + "to" + b + " " + b + "lift" + b, b + "must" + b + " " + b + "be" + b + " " + b + "able" + b + " " + b + "to" + b + " " + b + "stand" + b}},
		{`\b[Mm]an-?made\b`, []string{b + "man" + b + "-" + b + "made" + b, b + "manmade" + b}},
		{`(?i)WHEREAS`, []string{"whereas"}},
		{`\bage\b`, []string{b + "age" + b}},
		{`colou?r`, []string{"color", "colour"}},
		{`\w+ing`, []string{"ing"}},
		{`ab`, nil},        // too short to filter on
		{`.*`, nil},        // no literal at all
		{`x|\w+`, nil},     // one branch has no literal
		{`caf\x{e9}`, nil}, // non-ASCII literals are not filtered on
		{`(foo|bar)+baz`, []string{"baz"}},
	}
	for _, tt := range tests {
		got := requiredLiterals(tt.pattern)
		slices.Sort(got)
		slices.Sort(tt.want)
		if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", tt.want) {
			t.Errorf("requiredLiterals(%q)\n got %q\nwant %q", tt.pattern, got, tt.want)
		}
	}
}

func TestMaxWidth(t *testing.T) {
	tests := []struct {
		pattern string
		want    int
	}{
		{`abc`, 12}, {`a|bcd`, 12}, {`ab?`, 8}, {`\bx\b`, 4}, {`a{2,3}`, 12},
		{`a+`, -1}, {`a*b`, -1}, {`a{2,}`, -1}, {`^a$`, 4}, {`[a-z]`, 4},
	}
	for _, tt := range tests {
		if got := maxWidth(tt.pattern); got != tt.want {
			t.Errorf("maxWidth(%q) = %d, want %d", tt.pattern, got, tt.want)
		}
	}
}

func TestACMatcher(t *testing.T) {
	m := newACMatcher([][]string{{"he", "she"}, {"his", "hers"}, nil, {"\x01cat\x01"}})
	hits := m.scan("ushers and a cat, concat", nil)
	got := map[int32][]int32{}
	for _, h := range hits {
		got[h.pattern] = append(got[h.pattern], h.end)
	}
	want := map[int32][]int32{0: {4, 4}, 1: {6}, 3: {16}} // "she" and "he" both end at 4
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("hits = %v, want %v", got, want)
	}
}

// slowTwin returns a linter for the same rules that runs every pattern on
// every span, the reference the prefilter must agree with.
func slowTwin(t testing.TB, set *rules.Set) *Linter {
	t.Helper()
	slow, err := New(set)
	if err != nil {
		t.Fatal(err)
	}
	slow.prefilter = nil
	for i := range slow.patterns {
		slow.patterns[i].filtered, slow.patterns[i].width = false, -1
	}
	return slow
}

// findingsDiffer describes the first difference between the findings with
// the prefilter (got) and without (want), or returns "".
func findingsDiffer(got, want []Finding) string {
	if len(got) != len(want) {
		return fmt.Sprintf("%d findings with the prefilter, %d without", len(got), len(want))
	}
	for i := range got {
		if got[i].Rule != want[i].Rule || got[i].Start != want[i].Start || got[i].End != want[i].End {
			return fmt.Sprintf("finding %d: %s@%d with the prefilter, %s@%d without", i, got[i].Rule.ID, got[i].Start, want[i].Rule.ID, want[i].Start)
		}
	}
	return ""
}

// FuzzPrefilter lints arbitrary text with the built-in rules, with and
// without the prefilter, and requires the same findings.
func FuzzPrefilter(f *testing.F) {
	set, err := rules.Parse("rules.yaml", ally.DefaultRules())
	if err != nil {
		f.Fatal(err)
	}
	fast, err := New(set)
	if err != nil {
		f.Fatal(err)
	}
	slow := slowTwin(f, set)
	for _, r := range set.Rules {
		if r.Pattern != "" && len(r.Examples.Flag) > 0 {
			f.Add(r.Examples.Flag[0])
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		doc, err := parsers.Text{}.Parse(parsers.NewFile("fuzz.txt", []byte(s)))
		if err != nil {
			return
		}
		if diff := findingsDiffer(fast.Check(doc, rules.ProfileJobPost), slow.Check(doc, rules.ProfileJobPost)); diff != "" {
			t.Fatal(diff)
		}
	})
}

// TestPrefilterFindsEverything checks the prefilter's promise: linting with
// it gives exactly the findings of running every pattern over every span.
// It uses the built-in rules on the sample documents and the benchmark text.
func TestPrefilterFindsEverything(t *testing.T) {
	set, err := rules.Parse("rules.yaml", ally.DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	fast, err := New(set)
	if err != nil {
		t.Fatal(err)
	}
	slow := slowTwin(t, set)
	docs := map[string][]byte{"generated.txt": genCorpus(256<<10, 3)}
	samples, _ := filepath.Glob("../../shared/samples/docs/*")
	for _, p := range samples {
		if src, err := os.ReadFile(p); err == nil {
			docs[p] = src
		}
	}
	for _, r := range set.Rules { // every example sentence, too
		for _, ex := range append(append([]string{}, r.Examples.Flag...), r.Examples.Pass...) {
			docs["examples.txt"] = append(append(docs["examples.txt"], ex...), "\n\n"...)
		}
	}
	for name, src := range docs {
		format, ok := parsers.ForPath(name)
		if !ok {
			format = parsers.FormatText
		}
		p, _ := parsers.New(format, parsers.Options{})
		doc, err := p.Parse(parsers.NewFile(name, src))
		if err != nil {
			t.Fatal(err)
		}
		for _, profile := range []string{rules.ProfileJobPost, rules.ProfileGeneral} {
			if diff := findingsDiffer(fast.Check(doc, profile), slow.Check(doc, profile)); diff != "" {
				t.Errorf("%s (%s): %s", name, profile, diff)
			}
		}
	}
}
