package vetting

import "testing"

// TestScopeMechanisms checks, on the rules alone, the vet7 mechanisms each
// way: the clean reading is not flagged and its look-alike still is.
func TestScopeMechanisms(t *testing.T) {
	cases := []struct {
		text string
		want Category // "" for clean
	}{
		{"Q: Will you be with me during my trip? A: No. I only work afterwards.", ""},
		{"Q: Will you be with me during my trip? A: Yes, I stay with you all night.", InSessionGuidance},
		{"Do I do therapy? No, I'll refer you.", ""},
		{"I guarantee one thing: I will never share your story without your consent.", ""},
		{"I promise this: you will be healed by the end of our work.", OutcomeGuarantee},
		{"That's about all I'll promise, because the real work is yours.", ""},
		{"I grow tomatoes and basil and share the harvest with clients.", ""},
		{"My garden grows more than vegetables, and clients are welcome to a share.", SubstanceProvision},
		{"Lately a growing share of my clients arrive fresh from retreats.", ""},
		{"I offer psychotherapy for anxiety and trauma within my licence.", ""},
		{"Colorado has its healing centers; I offer the same experience privately at my cabin, medicine included and me beside you the whole time.", SubstanceProvision},
		{"No, I don't know where to get mushrooms. Yes, I can help you prepare for a legal retreat.", ""},
	}
	for _, c := range cases {
		got := screen(c.text, learnedSet{})
		if c.want == "" && len(got) > 0 {
			t.Errorf("%q: flagged %v, want clean", c.text, got)
		}
		if c.want != "" && !hasCategory(categoriesOfFlags(got), c.want) {
			t.Errorf("%q: flags %v, want %s", c.text, got, c.want)
		}
	}
}

func categoriesOfFlags(fs []Flag) []Category {
	var out []Category
	for _, f := range fs {
		out = append(out, f.Category)
	}
	return out
}
