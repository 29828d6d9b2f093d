package coach

import (
	"github.com/afterward/afterward/internal/vetting"
)

// Flag is one passage of a profile that the screener wants an admin to
// read. Start and End are byte offsets into the named field's text.
type Flag struct {
	Field    string `json:"field"`
	Category string `json:"category"`
	Excerpt  string `json:"excerpt"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
}

// Screener checks one text. The vetting package's Screen is wired in by the
// app; this package depends only on the method.
type Screener interface {
	Screen(text string) []Flag
}

// screenProfile screens every public text field of p, naming the field in
// each flag.
func screenProfile(s Screener, p Profile) []Flag {
	var flags []Flag
	for _, f := range []struct{ name, text string }{
		{"headline", p.Headline}, {"bio", p.Bio}, {"answer_training", p.Answers.Training},
		{"answer_experience", p.Answers.Experience}, {"answer_crisis", p.Answers.Crisis}, {"answer_therapy", p.Answers.Therapy},
	} {
		for _, fl := range s.Screen(f.text) {
			if fl.Start < 0 || fl.End > len(f.text) || fl.Start > fl.End {
				fl.Start, fl.End = 0, 0 // never trust offsets we cannot highlight
			}
			fl.Field = f.name
			flags = append(flags, fl)
		}
	}
	return flags
}

// VettingScreener screens with the vetting package, the same rules as
// `afterward vet-profile`.
type VettingScreener struct{}

func (VettingScreener) Screen(text string) []Flag {
	var flags []Flag
	for _, f := range vetting.Screen(text) {
		flags = append(flags, Flag{Category: string(f.Category), Excerpt: f.Excerpt, Start: f.Start, End: f.End})
	}
	return flags
}
