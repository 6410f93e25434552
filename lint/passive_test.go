package lint

import (
	"reflect"
	"strings"
	"testing"
)

// passiveGroups runs passiveAt on a sentence split at spaces, with the
// punctuation at the ends of words removed, and returns each group found
// as its words.
func passiveGroups(sentence string) []string {
	var words []string
	for _, w := range strings.Fields(sentence) {
		if w = strings.Trim(w, `.,;:!?"()`); w != "" {
			words = append(words, w)
		}
	}
	var groups []string
	for _, g := range passiveAt(words) {
		groups = append(groups, strings.Join(words[g[0]:g[1]], " "))
	}
	return groups
}

func TestPassiveAt(t *testing.T) {
	for _, tc := range []struct {
		sentence string
		want     []string
	}{
		// Passive with each form of "be".
		{"All applications are submitted through the portal.", []string{"are submitted"}},
		{"The form is reviewed by HR within five days.", []string{"is reviewed"}},
		{"The policy was updated in March.", []string{"was updated"}},
		{"Both candidates were interviewed twice.", []string{"were interviewed"}},
		{"I am required to attend.", []string{"am required"}},
		{"Your request is being processed.", []string{"is being processed"}},
		{"Being promoted early is rare.", []string{"Being promoted"}},
		{"The budget has been approved.", []string{"has been approved"}},
		{"Claims had already been paid.", []string{"had already been paid"}},

		// Modals widen the group.
		{"Additional documents may be requested.", []string{"may be requested"}},
		{"Receipts must be kept for a year.", []string{"must be kept"}},
		{"Overtime will have been paid by then.", []string{"will have been paid"}},
		{"Data must not be shared outside the team.", []string{"must not be shared"}},
		{"Leave cannot be carried over.", []string{"cannot be carried"}},
		{"Feedback should be given promptly.", []string{"should be given"}},

		// Adverbs and "not" between "be" and the participle.
		{"Expenses are not always reviewed.", []string{"are not always reviewed"}},
		{"Each case will be carefully checked.", []string{"will be carefully checked"}},
		{"Staff are all paid monthly.", []string{"are all paid"}},
		{"The role is well paid.", []string{"is well paid"}},
		{"Requests aren't approved automatically.", []string{"aren't approved"}},
		{"The code wasn't written by us.", []string{"wasn't written"}},

		// Irregular participles.
		{"The report was written by the committee.", []string{"was written"}},
		{"Interns were paid a stipend.", []string{"were paid"}},
		{"The meeting is held every Monday.", []string{"is held"}},
		{"Raises are set each spring and were taken into account.", []string{"are set", "were taken"}},
		{"It's done when the manager signs.", []string{"It's done"}},
		{"You're expected to travel.", []string{"You're expected"}},
		{"I'm told the post is filled.", []string{"I'm told", "is filled"}},

		// Passive in form, counted by decision.
		{"The office is located in Leeds.", []string{"is located"}},
		{"Employees are expected to attend.", []string{"are expected"}},
		{"Applicants are required to hold a licence.", []string{"are required"}},
		{"The position is based in Denver.", []string{"is based"}},
		{"Staff are entitled to twenty days of leave.", []string{"are entitled"}},

		// Not passive: adjectives after "be".
		{"She is interested in the role.", nil},
		{"He is experienced in sales.", nil},
		{"They are tired after the night shift.", nil},
		{"We are committed to equal opportunity.", nil},
		{"The ideal candidate is highly qualified.", nil},
		{"We are very excited to meet you.", nil},
		{"The author is well-known.", nil},

		// Not passive: progressive, perfect, nouns and plain adjectives.
		{"She has been working here for years.", nil},
		{"He is a manager.", nil},
		{"They were happy with the result.", nil},
		{"The sign was red.", nil},
		{"The team is growing fast.", nil},
		{"Your help is needed.", []string{"is needed"}},
		{"Our need is greater.", nil},
		{"The budget has approved status.", nil},
		{"She's written three reports.", nil},
		{"The manager's approved list is online.", nil},
		{"The company and its trained staff.", nil},
		{"He was born in Leeds.", nil},
		{"Let's get started.", nil},
		{"Employees get paid monthly.", nil},
		{"", nil},
	} {
		got := passiveGroups(tc.sentence)
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("passiveAt(%q) = %q, want %q", tc.sentence, got, tc.want)
		}
	}
}

// TestPassiveAtRanges checks the index ranges themselves, including input
// with a contraction split off by a tokenizer and a curly apostrophe.
func TestPassiveAtRanges(t *testing.T) {
	for _, tc := range []struct {
		words []string
		want  [][2]int
	}{
		{[]string{"Forms", "may", "be", "requested", "by", "staff"}, [][2]int{{1, 4}}},
		{[]string{"it", "'s", "required"}, [][2]int{{1, 3}}},
		{[]string{"it", "s", "required"}, [][2]int{{1, 3}}},
		{[]string{"it’s", "required"}, [][2]int{{0, 2}}},
		{[]string{"was", "made", "to", "be", "reviewed"}, [][2]int{{0, 2}, {3, 5}}},
		{[]string{"is"}, nil},
		{nil, nil},
	} {
		if got := passiveAt(tc.words); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("passiveAt(%q) = %v, want %v", tc.words, got, tc.want)
		}
	}
}

// TestPassiveIrregularList keeps the participle list at its documented
// size and free of the words the method leaves out on purpose.
func TestPassiveIrregularList(t *testing.T) {
	if n := len(passiveIrregular); n < 150 {
		t.Errorf("passiveIrregular has %d words, want at least 150", n)
	}
	for _, w := range []string{"born", "gone", "been", "become", "come"} {
		if passiveIrregular[w] {
			t.Errorf("passiveIrregular has %q, which the method leaves out", w)
		}
	}
	for w := range passiveAdjectives {
		if !isPastParticiple(w) {
			continue
		}
		t.Errorf("%q is both an adjective exclusion and a participle", w)
	}
}
