package lint

import (
	"strings"
	"testing"
)

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"One two. Three four! Five?", []string{"One two.", "Three four!", "Five?"}},
		{"See e.g. the U.S. office. Dr. Young agrees.", []string{"See e.g. the U.S. office.", "Dr. Young agrees."}},
		{"Shifts start at 7 a.m. You finish at 3 p.m. The U.S. Army agrees.", []string{"Shifts start at 7 a.m.", "You finish at 3 p.m.", "The U.S. Army agrees."}},
		{"Version 2.5 is out. it continues lower case.", []string{"Version 2.5 is out. it continues lower case."}},
		{`He said "Stop." Then left.`, []string{`He said "Stop."`, "Then left."}},
		{"Requirements\n- two years\n- a card", []string{"Requirements", "- two years", "- a card"}},
		{"1. First step\n2. Second step", []string{"1. First step", "2. Second step"}},
		{"This sentence wraps across\na line break and goes on.", []string{"This sentence wraps across\na line break and goes on."}},
		{"", nil},
	}
	for _, tt := range tests {
		nt := normalize(tt.text)
		toks := newTokenizer().tokenize(nt.text)
		var got []string
		for _, s := range splitSentences(toks, nt.text) {
			got = append(got, nt.text[toks[s.from].start:toks[s.to-1].end])
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("splitSentences(%q)\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}
