package lint

import (
	"math"
	"testing"
	"unicode/utf8"

	"github.com/allylint/ally/parsers"
	"github.com/allylint/ally/rules"
)

// FuzzCheck lints arbitrary text (as plain text and as Markdown) and checks
// what every finding promises: offsets inside the file, Match equal to the
// source bytes it claims, and line and column consistent with the offset.
func FuzzCheck(f *testing.F) {
	for _, s := range []string{
		"The Chair\u00adman\u2019s view.", "he or she, he/she", "sanity\r\ncheck", "\uFEFFchairman",
		"a \"master\" b 'master' c", "https://x.org/master docs/master.md a@b.co", "ﬁreman chairmen",
		"e\u0301 chairman", "\xff\xfechairman\xff", "**chair**man &amp; `master`", "10+ years", "",
	} {
		f.Add(s)
	}
	l := testLinter(f)
	f.Fuzz(func(t *testing.T, s string) {
		for _, p := range []parsers.Parser{parsers.Text{}, parsers.Markdown{}} {
			file := parsers.NewFile("fuzz", []byte(s))
			doc, err := p.Parse(file)
			if err != nil {
				continue
			}
			findings, m := l.Analyze(doc, rules.ProfileJobPost)
			for _, v := range []float64{m.FleschReadingEase(), m.FleschKincaidGrade(), m.GunningFog(), m.SMOG(), m.PassiveShare()} {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					t.Fatalf("metric is %v for %q", v, s)
				}
			}
			for _, fd := range findings {
				if fd.Start < 0 || fd.End > len(s) || fd.Start > fd.End {
					t.Fatalf("finding %s out of range [%d,%d) in %d bytes", fd.Rule.ID, fd.Start, fd.End, len(s))
				}
				if fd.Match != s[fd.Start:fd.End] {
					t.Fatalf("Match %q != source %q", fd.Match, s[fd.Start:fd.End])
				}
				pos := file.Position(fd.Start)
				if pos.Line < 1 || pos.Column < 1 || pos.Column > utf8.RuneCountInString(s)+1 {
					t.Fatalf("bad position %+v", pos)
				}
			}
		}
	})
}
