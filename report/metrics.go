package report

import (
	"github.com/allylint/ally/lint"
	"github.com/allylint/ally/parsers"
)

// The JSON form of lint.Metrics. Figures are rounded to one decimal place;
// shares are fractions from 0 to 1.
type jsonMetrics struct {
	jsonCounts
	Readability  jsonReadability `json:"readability"`
	GenderCoding jsonGender      `json:"gender_coding"`
	Checklist    map[string]bool `json:"checklist"`
	Sections     []jsonSection   `json:"sections"`
}

type jsonCounts struct {
	Words                 int     `json:"words"`
	Sentences             int     `json:"sentences"`
	AverageSentenceLength float64 `json:"average_sentence_length"`
	LongestSentence       int     `json:"longest_sentence"`
	Syllables             int     `json:"syllables"`
	PassiveSentences      int     `json:"passive_sentences"`
	PassiveShare          float64 `json:"passive_share"`
}

type jsonReadability struct {
	FleschReadingEase  float64 `json:"flesch_reading_ease"`
	FleschKincaidGrade float64 `json:"flesch_kincaid_grade"`
	GunningFog         float64 `json:"gunning_fog"`
	SMOG               float64 `json:"smog"`
}

type jsonGender struct {
	Masculine      int      `json:"masculine"`
	Feminine       int      `json:"feminine"`
	Verdict        string   `json:"verdict"`
	MasculineWords []string `json:"masculine_words"`
	FeminineWords  []string `json:"feminine_words"`
}

type jsonSection struct {
	Title string `json:"title"`
	Level int    `json:"level"`
	Line  int    `json:"line"`
	jsonCounts
	Readability jsonReadability `json:"readability"`
}

func countsJSON(c lint.Counts) jsonCounts {
	return jsonCounts{
		Words: c.Words, Sentences: c.Sentences, AverageSentenceLength: lint.Round1(c.AverageSentenceLength()),
		LongestSentence: c.LongestSentence, Syllables: c.Syllables,
		PassiveSentences: c.PassiveSentences, PassiveShare: lint.Round1(c.PassiveShare()*100) / 100,
	}
}

func readabilityJSON(c lint.Counts) jsonReadability {
	return jsonReadability{
		FleschReadingEase: lint.Round1(c.FleschReadingEase()), FleschKincaidGrade: lint.Round1(c.FleschKincaidGrade()),
		GunningFog: lint.Round1(c.GunningFog()), SMOG: lint.Round1(c.SMOG()),
	}
}

func metricsJSON(m *lint.Metrics, f *parsers.File) any {
	if m == nil {
		return map[string]any{}
	}
	out := jsonMetrics{
		jsonCounts: countsJSON(m.Counts), Readability: readabilityJSON(m.Counts),
		GenderCoding: jsonGender{
			Masculine: m.GenderCoding.Masculine, Feminine: m.GenderCoding.Feminine, Verdict: m.GenderCoding.Verdict,
			MasculineWords: append([]string{}, m.GenderCoding.MasculineWords...),
			FeminineWords:  append([]string{}, m.GenderCoding.FeminineWords...),
		},
		Checklist: map[string]bool{},
		Sections:  []jsonSection{},
	}
	for _, item := range m.Checklist {
		out.Checklist[item.Check] = item.Passed
	}
	for _, s := range m.Sections {
		out.Sections = append(out.Sections, jsonSection{
			Title: s.Title, Level: s.Level, Line: f.Position(s.Start).Line,
			jsonCounts: countsJSON(s.Counts), Readability: readabilityJSON(s.Counts),
		})
	}
	return out
}
