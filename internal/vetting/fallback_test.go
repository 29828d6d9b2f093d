package vetting_test

import (
	"slices"
	"testing"

	"github.com/afterward/afterward/internal/vetting"
)

// TestFallbackLayer covers the broad co-occurrence layer: each category's
// lexicon pair, in wordings the narrow rules do not list, and the
// disclaimers that must keep a profile clean.
func TestFallbackLayer(t *testing.T) {
	og, sp, is, cc := vetting.OutcomeGuarantee, vetting.SubstanceProvision, vetting.InSessionGuidance, vetting.ClinicalClaim
	tests := []struct {
		name string
		text string
		want []vetting.Category
	}{
		{"commitment and outcome", "I make sure each client walks out with real relief.", []vetting.Category{og}},
		{"commitment denied", "I can't promise relief, and nobody honestly can.", nil},
		{"works for everyone", "This method works for everyone.", []vetting.Category{og}},
		{"supply verb and substance", "I can help you obtain psilocybin.", []vetting.Category{sp}},
		{"supply denied", "I do not supply, sell or help anyone obtain psilocybin.", nil},
		{"legal service centre", "Licensed service centres provide the psilocybin; I coach afterwards.", nil},
		{"stock of a supply", "I keep a steady stock of dried cubensis.", []vetting.Category{sp}},
		{"presence while under the influence", "I stay on the phone with you while you are tripping.", []vetting.Category{is}},
		{"presence after the journey", "We reflect together on what happened during your journey.", nil},
		{"medicine kicking in", "I'm right next to you from the moment the medicine kicks in.", []vetting.Category{is}},
		{"clinical verb and condition", "I assess clients for dissociative disorders.", []vetting.Category{cc}},
		{"clinical care referred out", "If you live with bipolar disorder, I refer you to a psychiatrist for treatment.", nil},
		{"pausing medication", "I advise clients on when to pause their SSRIs.", []vetting.Category{cc}},
		{"integration therapy as a service", "Psychedelic integration therapy for adults.", []vetting.Category{cc}},
		{"not therapy", "This is coaching, not integration therapy.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []vetting.Category
			for _, f := range vetting.Screen(tt.text) {
				if !slices.Contains(got, f.Category) {
					got = append(got, f.Category)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Screen(%q) categories = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}
