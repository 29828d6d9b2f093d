package safety

import "testing"

// TestSettledAndAnswered checks, on the rules and concepts alone (the
// learned layers move with their training data), that someone else's
// trouble told as settled and a risk answered "no" after it are no flag,
// and that someone else's emergency still under way, the writer's own
// risk beside a settled other, and a risk answered "yes" stay.
func TestSettledAndAnswered(t *testing.T) {
	tests := []struct {
		name string
		text string
		want Level
	}{
		{"someone passed out, home now", "my roommate passed out at the party last night, medics checked him over, he's home now eating cereal", None},
		{"someone's overdose, grand now", "My cousin took a load of pills with cans the Christmas before last. he's grand now, working in Galway", None},
		{"someone relapsed, back in rehab", "My mate relapsed last month. He's back in rehab and rings me on Thursdays.", None},
		{"someone's emergency under way", "My son is home from the party and won't wake up, his lips are blue.", Urgent},
		{"the writer's own risk beside a settled other", "My brother is fine now. I want to kill myself.", Urgent},
		{"form answered no", "Thoughts of suicide: no. Hurting myself: no. Hearing things: no.", None},
		{"word set against its denial", "Tired, yes. Hopeless, no.", None},
		{"question answered no", "Am I thinking about killing myself? No.", None},
		{"form answered yes", "Thoughts of suicide: yes. Plan: no.", Concern},
		{"no joke is no answer", "I want to kill myself, no joke.", Urgent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := scan(tt.text, models{}).Level; got != tt.want {
				t.Errorf("scan(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

func TestDeniedHarm(t *testing.T) {
	tests := []struct {
		name string
		text string
		want bool
	}{
		{"plain", "do not want to die , want to change my life", true},
		{"second-language", "no want die , only tired", true},
		{"gonna", "not gonna hurt myself", true},
		{"living is the wish", "i do not want to live anymore", false},
		{"being here is the wish", "i do not want to be here", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := deniedHarm.MatchString(tt.text); got != tt.want {
				t.Errorf("deniedHarm(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

func TestToldSettled(t *testing.T) {
	tests := []struct {
		name string
		text string
		want bool
	}{
		{"home now", "he is home now eating cereal", true},
		{"with the doctor", "she is with the doctor now", true},
		{"in rehab", "he is back in rehab and rings me", true},
		{"undone by but", "she is ok now but nobody called a doctor", false},
		{"only reported", "she is home and says she is fine", false},
		{"bare home", "he is home and will not wake up", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := toldSettled(tt.text); got != tt.want {
				t.Errorf("toldSettled(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}
