package safety_test

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/afterward/afterward/internal/safety"
)

func TestScanCases(t *testing.T) {
	tests := []struct {
		name       string
		text       string
		want       safety.Level
		wantReason safety.Reason // checked when not empty
	}{
		{"empty", "", safety.None, ""},
		{"only punctuation", "... !!! ,,,", safety.None, ""},
		{"intent", "I'm going to kill myself.", safety.Urgent, safety.SuicidalIntent},
		{"intent without apostrophe", "im going to kill myself", safety.Urgent, safety.SuicidalIntent},
		{"intent curly apostrophe", "I’m going to kill myself", safety.Urgent, safety.SuicidalIntent},
		{"intent upper case", "I AM GOING TO END MY LIFE", safety.Urgent, safety.SuicidalIntent},
		{"intent split reflexive", "I am going to kill my self", safety.Urgent, safety.SuicidalIntent},
		{"plan", "I have a plan to end my life.", safety.Urgent, safety.SuicidePlan},
		{"means", "I've been stockpiling my pills.", safety.Urgent, safety.MeansAccess},
		{"imminent", "By the time you read this I'll be gone.", safety.Urgent, safety.SuicideImminent},
		{"imminent self-harm", "I'm about to cut myself.", safety.Urgent, safety.ImminentSelfHarm},
		{"negated intent", "I'm not going to kill myself.", safety.None, ""},
		{"never", "I would never kill myself.", safety.None, ""},
		{"negation does not cross a comma", "I'm not okay, I'm going to kill myself.", safety.Urgent, safety.SuicidalIntent},
		{"negation does not cross why", "I don't know why I want to die.", safety.Concern, safety.PassiveDeathWish},
		{"can't stop is not negation", "I can't stop thinking about killing myself.", safety.Concern, safety.SuicidalThoughts},
		{"don't want to live", "I don't want to live anymore.", safety.Concern, safety.PassiveDeathWish},
		{"don't want to be here", "I don't want to be here anymore.", safety.Concern, safety.PassiveDeathWish},
		{"don't want to live in a place", "I don't want to live in this city.", safety.None, ""},
		{"don't want to die", "I don't want to die.", safety.None, ""},
		{"passive wish", "I wish I was dead.", safety.Concern, safety.PassiveDeathWish},
		{"burden", "Everyone would be better off without me.", safety.Concern, safety.BurdenToOthers},
		{"hopeless", "There's no point in living.", safety.Concern, safety.Hopelessness},
		{"self-harm thoughts", "I want to hurt myself.", safety.Concern, safety.SelfHarmThoughts},
		{"self-harm behaviour", "I cut myself again last night.", safety.Concern, safety.SelfHarmBehaviour},
		{"accidental cut", "I cut myself shaving.", safety.None, ""},
		{"past attempt is concern", "Last year I tried to kill myself.", safety.Concern, safety.PastAttempt},
		{"third person", "My friend said she wanted to die.", safety.None, ""},
		{"third person suicide thoughts", "My brother is thinking about suicide.", safety.None, ""},
		{"ego death", "I went through ego death.", safety.None, ""},
		{"dying and reborn", "I felt like I was dying and was reborn.", safety.None, ""},
		{"old self died", "My old self died.", safety.None, ""},
		{"wanted to die in the ceremony", "During the ceremony I wanted to die.", safety.None, ""},
		{"wanted to die outside a trip", "Last winter I wanted to die.", safety.Concern, safety.PassiveDeathWish},
		{"present wish inside trip talk still counts", "Since the trip I want to die.", safety.Concern, safety.PassiveDeathWish},
		{"killed it", "I killed it at work.", safety.None, ""},
		{"dying to", "I'm dying to tell you.", safety.None, ""},
		{"die laughing", "I want to die laughing at my own funeral jokes.", safety.None, ""},
		{"killing myself with work", "I'm killing myself with work.", safety.None, ""},
		{"level is the max", "I feel hopeless. I'm going to kill myself tonight.", safety.Urgent, ""},
		// Session 9 (safety12): text-speak, code-switching, the writer's own
		// schedule and a turn to "now" inside a voice-to-text run-on.
		{"skipped lectures are not a course", "skipped every lecture this week, just rotting in bed. whats even the point", safety.Concern, ""},
		{"after my shift is not work", "bought a rope after my shift, it's in the boot of my car", safety.Urgent, ""},
		{"tagalog place and jump", "hindi ko na kaya. nasa rooftop ako ngayon, tatalon na ako", safety.Urgent, ""},
		{"spanish death wish", "no puedo más, quiero morir", safety.Concern, ""},
		{"kms about an essay", "kms this essay is 4000 words", safety.None, ""},
		{"tagalog si is a name marker", "umiyak lang si mama kanina", safety.None, ""},
		{"SI in capitals", "I had SI again last night", safety.Concern, ""},
		{"zero negates", "zero panic attacks since the retreat", safety.None, ""},
		{"redose told in text-speak", "took 2 more caps bc the first ones didnt hit and now im shaking n cant feel my hands", safety.Urgent, ""},
		{"queue at the medic tent is not work", "im in the queue at the medic tent, my chest is so tight since the pills", safety.Urgent, ""},
		{"and now after a negation", "i know you said no, and now I'm shaking and burning up after mixing my meds with the brew", safety.Urgent, ""},
		{"relapse after time clean is now", "used again after a year clean and now im nodding off and my lips are blue", safety.Urgent, ""},
		{"game and lecture hyperbole", "im dead lol this lecture is so long", safety.None, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := safety.Scan(tt.text)
			if got.Level != tt.want {
				t.Fatalf("Scan(%q).Level = %v, want %v (matches %+v)", tt.text, got.Level, tt.want, got.Matches)
			}
			if tt.want == safety.None && len(got.Matches) != 0 {
				t.Errorf("Scan(%q).Matches = %+v, want none", tt.text, got.Matches)
			}
			if tt.wantReason != "" && !hasReason(got, tt.wantReason) {
				t.Errorf("Scan(%q) reasons = %+v, want %s among them", tt.text, got.Matches, tt.wantReason)
			}
		})
	}
}

func hasReason(r safety.Result, reason safety.Reason) bool {
	for _, m := range r.Matches {
		if m.Reason == reason {
			return true
		}
	}
	return false
}

func TestPhraseIsExactSubstring(t *testing.T) {
	text := "Day 3.  Honestly?  I’M GOING TO KILL MYSELF tonight, and nobody would miss me."
	got := safety.Scan(text)
	wantPhrases := []string{"I’M GOING TO KILL MYSELF", "nobody would miss me"}
	if len(got.Matches) != len(wantPhrases) {
		t.Fatalf("matches = %+v, want phrases %q", got.Matches, wantPhrases)
	}
	for i, m := range got.Matches {
		if m.Phrase != wantPhrases[i] {
			t.Errorf("match %d phrase = %q, want %q", i, m.Phrase, wantPhrases[i])
		}
		if text[m.Start:m.End] != m.Phrase {
			t.Errorf("match %d: text[%d:%d] = %q, want the phrase %q", i, m.Start, m.End, text[m.Start:m.End], m.Phrase)
		}
	}
}

func TestMatchesAreInTextOrderAndDoNotOverlap(t *testing.T) {
	text := "I'm a burden. I want to die. I have a plan to kill myself."
	got := safety.Scan(text)
	if len(got.Matches) != 3 {
		t.Fatalf("matches = %+v, want 3", got.Matches)
	}
	for i := 1; i < len(got.Matches); i++ {
		if got.Matches[i].Start < got.Matches[i-1].End {
			t.Errorf("match %d starts at %d before match %d ends at %d", i, got.Matches[i].Start, i-1, got.Matches[i-1].End)
		}
	}
}

func TestLevelOrderAndText(t *testing.T) {
	if !(safety.None < safety.Concern && safety.Concern < safety.Urgent) {
		t.Fatalf("levels not ordered: none=%d concern=%d urgent=%d", safety.None, safety.Concern, safety.Urgent)
	}
	for _, name := range []string{"none", "concern", "urgent"} {
		l, err := safety.ParseLevel(name)
		if err != nil || l.String() != name {
			t.Errorf("ParseLevel(%q) = %v, %v; want a level printing as %q", name, l, err, name)
		}
	}
	if _, err := safety.ParseLevel("high"); err == nil {
		t.Error("ParseLevel(high) = nil error, want an error")
	}
	if _, err := safety.Level(7).MarshalText(); err == nil {
		t.Error("Level(7).MarshalText() = nil error, want an error")
	}
	var l safety.Level
	if err := l.UnmarshalText([]byte("urgent")); err != nil || l != safety.Urgent {
		t.Errorf("UnmarshalText(urgent) = %v, %v; want urgent", l, err)
	}
}

func TestResultJSON(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"no matches is an empty list", "A calm day.", `{"level":"none","matches":[],"kinds":[]}`},
		{"match", "I want to die.", `{"level":"concern","matches":[{"phrase":"I want to die","reason":"suicide_passive_wish"}],"kinds":["suicide"]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := json.Marshal(safety.Scan(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("json = %s, want %s", got, tt.want)
			}
		})
	}
	zero, err := json.Marshal(safety.Result{})
	if err != nil || string(zero) != `{"level":"none","matches":[],"kinds":[]}` {
		t.Errorf("zero Result json = %s, %v; want matches and kinds []", zero, err)
	}
}

// FuzzScan checks that any text scans without panicking and that every
// phrase is the substring of the text at its offsets.
func FuzzScan(f *testing.F) {
	for _, seed := range []string{"", "I'm going to kill myself.", "I don't want to live anymore",
		"’’’--'", "my self my", "I\nwant\tto die", "\xff\xfe", strings.Repeat("kill myself ", 50),
		"I wish I was dead, honestly; nobody would miss me!", "İ WANT TO DIE", "ǅ ß ﬃ want to die",
		"my chest hurts after the mdma and he said he'll kill me", "hes not waking up, lips blue, took g", "kms tn fr"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		got := safety.Scan(text)
		if got.Level < safety.None || got.Level > safety.Urgent {
			t.Fatalf("level %d out of range", got.Level)
		}
		maxLevel := safety.None
		for _, m := range got.Matches {
			if m.Start < 0 || m.End > len(text) || m.Start >= m.End || text[m.Start:m.End] != m.Phrase {
				t.Fatalf("match %+v is not the text at its offsets", m)
			}
			if utf8.ValidString(text) && !utf8.ValidString(m.Phrase) {
				t.Fatalf("phrase %q of valid text is not valid UTF-8", m.Phrase)
			}
			maxLevel = max(maxLevel, m.Level)
		}
		if got.Level != maxLevel {
			t.Fatalf("level %v, want the max of the matches %v", got.Level, maxLevel)
		}
		checkKinds(t, got)
	})
}

// checkKinds checks that Result.Kinds is exactly the kinds of the matches,
// in the order of safety.Kinds, and that every reason names its kind.
func checkKinds(t *testing.T, got safety.Result) {
	t.Helper()
	var want []safety.Kind
	for _, k := range safety.Kinds {
		for _, m := range got.Matches {
			if m.Kind == k {
				want = append(want, k)
				break
			}
		}
	}
	if got.Kinds == nil || len(got.Kinds) != len(want) {
		t.Fatalf("kinds %v, want %v (never nil)", got.Kinds, want)
	}
	for i := range want {
		if got.Kinds[i] != want[i] {
			t.Fatalf("kinds %v, want %v", got.Kinds, want)
		}
	}
	for _, m := range got.Matches {
		if !strings.HasPrefix(string(m.Reason), kindStem(m.Kind)) {
			t.Fatalf("match %+v: reason does not name its kind", m)
		}
	}
}

// kindStem is how a reason code starts for a kind: "suicidal_intent" and
// "suicide_plan" both name suicide.
func kindStem(k safety.Kind) string {
	if k == safety.KindSuicide {
		return "suicid"
	}
	return string(k)
}
