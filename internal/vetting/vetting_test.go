package vetting_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/vetting"
)

// categoriesOf lists the categories of the flags, in order.
func categoriesOf(flags []vetting.Flag) []vetting.Category {
	out := []vetting.Category{}
	for _, f := range flags {
		out = append(out, f.Category)
	}
	return out
}

const (
	og  = vetting.OutcomeGuarantee
	sp  = vetting.SubstanceProvision
	isg = vetting.InSessionGuidance
	cc  = vetting.ClinicalClaim
)

func TestScreenCategories(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []vetting.Category
	}{
		// Disclaimers and negations are clean.
		{"does not provide substances", "I do not provide substances.", nil},
		{"never guarantees outcomes", "I never guarantee outcomes.", nil},
		{"does not diagnose or treat", "I don't diagnose or treat.", nil},
		{"curly apostrophe negation", "I don’t diagnose or treat any condition.", nil},
		{"coaching is not therapy", "Coaching is not therapy.", nil},
		{"will not sit during a journey", "I will not sit with you during a journey.", nil},
		{"won't sell source or supply", "I won't sell, source or supply psychedelics of any kind.", nil},
		{"no dosing advice", "No dosing advice, no sourcing, no magic promises.", nil},
		{"can't promise", "I can't promise that coaching will change your life.", nil},
		{"not a substitute for treatment", "Integration coaching is not a substitute for mental health treatment.", nil},
		{"refers medication questions", "Any changes to your SSRI should be made with your prescriber, not with me.", nil},
		{"hypothetical about someone else", "If you're looking for someone to accompany you through a ceremony, I'm not the right person.", nil},
		{"reported question", "People sometimes ask whether coaching will cure their depression.", nil},
		{"conditional referral", "If you need treatment for PTSD, I will help you find a clinician.", nil},
		{"results vary", "Results vary and I make no guarantees.", nil},
		// Integration language is clean.
		{"integration after a ceremony", "I support your integration after a ceremony.", nil},
		{"what came up during the journey", "We explore what came up during your journey.", nil},
		{"collaborates with therapist", "I collaborate with your therapist.", nil},
		{"own ceremony experience", "I have sat in ceremony myself.", nil},
		{"guided reflection", "We might use guided reflection or drawing.", nil},
		{"client sees a trauma therapist", "Many of my clients also see a trauma therapist.", nil},
		{"healing centres", "Some clients worked with licensed healing centres in Colorado.", nil},
		{"journeyed myself", "I have journeyed with psilocybin and ayahuasca myself.", nil},
		{"facilitated men's circles", "Previously I facilitated men's circles and wilderness programmes.", nil},
		{"empty", "", nil},
		{"only white space", " \n\t ", nil},
		// Subtle positives.
		{"leave healed", "You will leave healed.", []vetting.Category{og}},
		{"guaranteed transformation", "Lasting transformation, guaranteed.", []vetting.Category{og}},
		{"depression will lift", "Your depression will lift.", []vetting.Category{og}},
		{"get off antidepressants", "I can help you get off your antidepressants.", []vetting.Category{cc}},
		{"guided journeys with psilocybin", "I offer guided journeys with psilocybin.", []vetting.Category{isg}},
		{"trusted sources", "I can connect you with trusted sources for medicine.", []vetting.Category{sp}},
		{"microdosing protocols", "Microdosing protocols tailored to you.", []vetting.Category{sp}},
		{"my trauma therapy", "My trauma therapy practice is open to new clients.", []vetting.Category{cc}},
		{"treats PTSD", "I treat PTSD.", []vetting.Category{cc}},
		{"trip sitting", "I provide trip-sitting services in your home.", []vetting.Category{isg}},
		{"coaching is therapy", "Integration coaching is a form of therapy.", []vetting.Category{cc}},
		{"combining", "I often recommend combining psilocybin with lion's mane.", []vetting.Category{sp}},
		{"stays during trip", "I stay with you for the full length of your trip.", []vetting.Category{isg}},
		{"diagnosis", "In our first session I'll give you a diagnosis.", []vetting.Category{cc}},
		// Negation stops at a clause break.
		{"denial then offer", "I don't sell medicine, but I can connect you with trusted sources.", []vetting.Category{sp}},
		{"denial and new subject", "I am not a therapist, and I treat PTSD with coaching.", []vetting.Category{cc}},
		// Several categories and several sentences, in order of appearance.
		{"two categories in one sentence", "I serve ayahuasca and stay with each participant throughout the night.", []vetting.Category{sp, isg}},
		{"third person bio", "She helps clients taper off their antidepressants.", []vetting.Category{cc}},
		{"order of appearance", "I treat PTSD. You will leave healed.", []vetting.Category{cc, og}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := categoriesOf(vetting.Screen(tt.text))
			want := tt.want
			if want == nil {
				want = []vetting.Category{}
			}
			if !slices.Equal(got, want) {
				t.Errorf("Screen(%q) categories = %v, want %v", tt.text, got, want)
			}
		})
	}
}

func TestScreenExcerpts(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []vetting.Flag // Start and End are filled in from the excerpt
	}{
		{
			name: "excerpt is the trimmed sentence with offsets",
			text: "I'm Sam.  I treat PTSD!  Welcome.",
			want: []vetting.Flag{{Category: cc, Excerpt: "I treat PTSD!"}},
		},
		{
			name: "one flag per category and sentence",
			text: "I treat PTSD and I treat depression.",
			want: []vetting.Flag{{Category: cc, Excerpt: "I treat PTSD and I treat depression."}},
		},
		{
			name: "line breaks end sentences",
			text: "About me\nI sell microdose capsules\nThanks",
			want: []vetting.Flag{{Category: sp, Excerpt: "I sell microdose capsules"}},
		},
		{
			name: "abbreviation does not end the sentence",
			text: "Hello. Dr. Lee and I treat PTSD. Bye.",
			want: []vetting.Flag{{Category: cc, Excerpt: "Dr. Lee and I treat PTSD."}},
		},
		{
			name: "multi-byte text keeps byte offsets",
			text: "“Hi” — I’m Zoë. You’ll leave healed.",
			want: []vetting.Flag{{Category: og, Excerpt: "You’ll leave healed."}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for i, f := range tt.want {
				tt.want[i].Start = strings.Index(tt.text, f.Excerpt)
				tt.want[i].End = tt.want[i].Start + len(f.Excerpt)
			}
			got := vetting.Screen(tt.text)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Screen(%q) = %+v, want %+v", tt.text, got, tt.want)
			}
			for _, f := range got {
				if tt.text[f.Start:f.End] != f.Excerpt {
					t.Errorf("text[%d:%d] = %q, want excerpt %q", f.Start, f.End, tt.text[f.Start:f.End], f.Excerpt)
				}
			}
		})
	}
}

func TestScreenCleanIsEmptyNotNil(t *testing.T) {
	got := vetting.Screen("I support your integration after a ceremony.")
	if got == nil || len(got) != 0 {
		t.Errorf("Screen(clean) = %#v, want empty non-nil slice", got)
	}
}

func TestCategoriesDescribed(t *testing.T) {
	want := []vetting.Category{og, sp, isg, cc}
	got := []vetting.Category{}
	for _, info := range vetting.Categories() {
		got = append(got, info.Category)
		if strings.TrimSpace(info.Description) == "" {
			t.Errorf("category %s has no description", info.Category)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("Categories() = %v, want %v", got, want)
	}
}

// FuzzScreen checks that screening never panics and that every excerpt is
// the trimmed substring of the input at its offsets.
func FuzzScreen(f *testing.F) {
	for _, seed := range []string{
		"", ".", "!?", "\n\n", "Dr.", "I treat PTSD.", "I don’t diagnose or treat.",
		"You will leave healed. I sell microdose capsules!\nI stay with you for the whole trip",
		"e.g. U.S. J. Smith said so.", "\xff\xfe I treat PTSD \xc3", "’’’ n't 's",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		flags := vetting.Screen(text)
		if flags == nil {
			t.Fatal("Screen returned nil")
		}
		lastStart := -1
		for _, fl := range flags {
			if fl.Start < 0 || fl.End > len(text) || fl.Start >= fl.End {
				t.Fatalf("bad offsets %d:%d for input of %d bytes", fl.Start, fl.End, len(text))
			}
			if text[fl.Start:fl.End] != fl.Excerpt {
				t.Fatalf("excerpt %q is not text[%d:%d]", fl.Excerpt, fl.Start, fl.End)
			}
			if strings.TrimSpace(fl.Excerpt) != fl.Excerpt {
				t.Fatalf("excerpt %q is not trimmed", fl.Excerpt)
			}
			if fl.Start < lastStart {
				t.Fatalf("flags out of order: %d after %d", fl.Start, lastStart)
			}
			lastStart = fl.Start
		}
	})
}
