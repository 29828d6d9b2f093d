package vetting_test

import (
	"slices"
	"testing"

	"github.com/afterward/afterward/internal/vetting"
)

// TestScreenContext covers the shared context every rule passes through:
// who is speaking (a licensed clinician or not), negation before and
// after the offer, promises about conduct rather than results, study and
// training, legal frameworks, and time before or after the session. Each
// case pairs a clean wording with the flagged wording it resembles.
func TestScreenContext(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []vetting.Category
	}{
		// Licensed clinicians describing their own practice.
		{"licensed psychologist", "As a licensed clinical psychologist I provide therapy for PTSD.", nil},
		{"credential after name", "Priya Nair, LCSW, treats trauma and substance use disorders.", nil},
		{"protected title", "I'm a psychiatrist and I treat depression with medication.", nil},
		{"title opens the bio", "Psychiatrist and addiction specialist. I diagnose and treat substance use disorders.", nil},
		{"licensed as", "I am licensed as a professional counselor and I treat anxiety.", nil},
		{"unlicensed coach", "I'm an integration coach and I treat depression.", []vetting.Category{cc}},
		{"says unlicensed", "I'm a trauma therapist (unlicensed) and I treat PTSD.", []vetting.Category{cc}},
		{"refers to a licensed therapist", "I refer to a licensed therapist when needed. I treat depression with coaching.", []vetting.Category{cc}},
		{"not a licensed therapist", "I am not a licensed therapist, but I treat PTSD.", []vetting.Category{cc}},
		{"like a psychologist", "I am coach but I make therapy for trauma, like psychologist.", []vetting.Category{cc}},
		// Negation before and after.
		{"won't tell where", "I won't tell you where to find substances.", nil},
		{"never guide", "I never guide anyone during a ceremony.", nil},
		{"denial after", "Sourcing substances is not something I do, ever.", nil},
		{"promise nothing", "I promise nothing about outcomes.", nil},
		{"stay out of", "I stay out of anything to do with obtaining or dosing substances.", nil},
		{"forbids", "My code of ethics forbids offering substances or guiding journeys.", nil},
		// Promises about conduct.
		{"confidentiality", "I guarantee confidentiality.", nil},
		{"on time", "My promise: I will show up on time.", nil},
		{"refund", "Money-back guarantee: if the first session isn't a fit, you pay nothing.", nil},
		{"promise to listen", "I promise I'll never pressure you into anything.", nil},
		{"presence not outcome", "What I can guarantee is my presence, not an outcome.", nil},
		{"promise of a result", "I promise you will heal.", []vetting.Category{og}},
		{"hedged", "Many clients feel lighter after a few sessions, though everyone is different.", nil},
		// Study and training.
		{"research", "I worked as a research coordinator on psilocybin trials for depression.", nil},
		{"training", "I completed the MAPS MDMA-assisted therapy training.", nil},
		{"trained then offers", "I trained as a facilitator and now lead psilocybin journeys in my home.", []vetting.Category{isg}},
		// Legal frameworks.
		{"oregon facilitator", "I'm a licensed psilocybin facilitator and sit with clients at a licensed service center.", nil},
		{"underground facilitator", "Underground facilitator: I sit with clients through psilocybin journeys in private homes.", []vetting.Category{isg}},
		// Time before or after, sober settings, own history.
		{"after the ceremony", "Some people come to me after a challenging ayahuasca ceremony.", nil},
		{"what came up", "We focus on what came up during the dosing day.", nil},
		{"sober circle", "Integration circles meet monthly, fully sober, to share past journeys.", nil},
		{"breathwork journeys", "I run breathwork journeys and sound baths, with no substances involved.", nil},
		{"own treatment", "My own ketamine treatment for depression is part of why I do this work.", nil},
		{"share my story", "I share my own story openly, including my struggles with depression.", nil},
		// Indirect promises, euphemistic sourcing, serving and leading.
		{"never worked with", "I've never worked with someone who didn't heal.", []vetting.Category{og}},
		{"nobody goes back", "Nobody who finishes my program goes back to the old depression.", []vetting.Category{og}},
		{"right people", "I'll point you to the right people.", []vetting.Category{sp}},
		{"grow and share", "I grow my own and I'm happy to share.", []vetting.Category{sp}},
		{"right people for care", "I know the right people to refer you to if you need clinical care.", nil},
		{"serving medicines", "Serving the medicines in private sessions.", []vetting.Category{sp, isg}},
		{"light-dose circle", "Join my light-dose evening circle.", []vetting.Category{isg}},
		{"hold space while", "I hold space for you from the moment you take your dose until you land.", []vetting.Category{isg}},
		// A pronoun offer takes its object from the sentence before.
		{"pronoun supply", "Good mushrooms are hard to find in this city. I can get them for you.", []vetting.Category{sp}},
		{"pronoun treatment", "Many of my clients have bipolar disorder. I treat them with coaching alone.", []vetting.Category{cc}},
		{"idiom is not supply", "A big mushroom trip changed my life, so I get it.", nil},
		{"pronoun denial", "A lot of clients ask about LSD. I can't get it for you and I won't.", nil},
		{"certainty after a claim", "Clients find their way back to joy. Always. No exceptions.", []vetting.Category{og}},
		{"certainty after conduct", "I'll be honest with you. Every single time.", nil},
		{"kit after a colon", "Your starter kit: eye mask, playlist, and the truffles.", []vetting.Category{sp}},
		{"kit without a substance", "Your starter kit: eye mask, playlist and journaling prompts.", nil},
		{"advert question", "Need someone by your side while the mushrooms kick in? That's what I'm here for.", []vetting.Category{isg}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := map[vetting.Category]bool{}
			for _, f := range vetting.Screen(tt.text) {
				got[f.Category] = true
			}
			var cats []vetting.Category
			for _, info := range vetting.Categories() {
				if got[info.Category] {
					cats = append(cats, info.Category)
				}
			}
			if !slices.Equal(cats, tt.want) {
				t.Errorf("Screen(%q) categories = %v, want %v", tt.text, cats, tt.want)
			}
		})
	}
}
