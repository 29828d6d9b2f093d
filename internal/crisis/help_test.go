package crisis_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/crisis"
	"github.com/afterward/afterward/internal/safety"
)

func names(lines []crisis.Line) string {
	parts := make([]string, len(lines))
	for i, l := range lines {
		parts[i] = l.Name
	}
	return strings.Join(parts, " | ")
}

func TestHelpOrderPerKind(t *testing.T) {
	us := crisis.For("US")
	withClinician := crisis.Settings{Clinician: crisis.Override{Name: "Dr Lee (on call)", Phone: "+1 555 0100"}}.Apply("US")
	tests := []struct {
		name   string
		region crisis.Region
		kinds  []safety.Kind
		first  []string // the names of the first lines, in order
	}{
		{"medical: emergency then poison control", us, []safety.Kind{safety.KindMedical}, []string{"Emergency services", "Poison Help"}},
		{"overdose: emergency then poison control", us, []safety.Kind{safety.KindOverdose}, []string{"Emergency services", "Poison Help"}},
		{"violence: emergency then the hotline", us, []safety.Kind{safety.KindViolence},
			[]string{"Emergency services", "National Domestic Violence Hotline", "National Domestic Violence Hotline by text"}},
		{"unsafe home: as violence", us, []safety.Kind{safety.KindUnsafeHome}, []string{"Emergency services", "National Domestic Violence Hotline"}},
		{"suicide: the crisis lines", us, []safety.Kind{safety.KindSuicide}, []string{"988 Suicide & Crisis Lifeline", "Crisis Text Line", "Emergency services"}},
		{"psychosis without a clinician: the crisis line", us, []safety.Kind{safety.KindPsychosis}, []string{"988 Suicide & Crisis Lifeline"}},
		{"psychosis with the practice's clinician: the clinician", withClinician, []safety.Kind{safety.KindPsychosis}, []string{"Dr Lee (on call)", "988 Suicide & Crisis Lifeline"}},
		{"the most acute kind leads: medical before suicide", us, []safety.Kind{safety.KindSuicide, safety.KindMedical}, []string{"Emergency services", "Poison Help", "988 Suicide & Crisis Lifeline"}},
		{"no kind: emergency first", us, nil, []string{"Emergency services", "988 Suicide & Crisis Lifeline"}},
		{"UK medical: 999 then NHS 111", crisis.For("UK"), []safety.Kind{safety.KindMedical}, []string{"Emergency services", "NHS 111 (urgent medical help, including poisoning)"}},
		{"UK violence: 999 then Refuge", crisis.For("UK"), []safety.Kind{safety.KindViolence}, []string{"Emergency services", "Refuge National Domestic Abuse Helpline"}},
		{"EU medical: 112, no poison default", crisis.For("EU"), []safety.Kind{safety.KindMedical}, []string{"Emergency services"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := crisis.HelpFor(tc.region, tc.kinds)
			if len(h.Lines) < len(tc.first) {
				t.Fatalf("lines = %s, want at least %d", names(h.Lines), len(tc.first))
			}
			if got, want := names(h.Lines[:len(tc.first)]), strings.Join(tc.first, " | "); got != want {
				t.Errorf("first lines = %s, want %s", got, want)
			}
			seen := map[string]bool{}
			for _, l := range h.Lines {
				if seen[l.Name+l.Contact] {
					t.Errorf("line %q listed twice", l.Name)
				}
				seen[l.Name+l.Contact] = true
			}
			if !seen[tc.region.Emergency.Name+tc.region.Emergency.Contact] {
				t.Errorf("the emergency number is missing from %s", names(h.Lines))
			}
			if h.Heading == "" {
				t.Error("no heading")
			}
		})
	}
}

// TestHelpFromAScanResult is the unit-level half of the journey's last
// step: a journal entry about chest pain after MDMA, as the reworked
// scanner reports it (built by hand here, so this holds before the scanner
// names kinds), gets the emergency number and poison control first.
func TestHelpFromAScanResult(t *testing.T) {
	res := safety.Result{Level: safety.Urgent, Kinds: []safety.Kind{safety.KindMedical},
		Matches: []safety.Match{{Phrase: "chest is so tight", Level: safety.Urgent}}}
	h := crisis.HelpFor(crisis.For("US"), res.Kinds)
	if h.Lines[0].Href != "tel:911" || h.Lines[1].Href != "tel:18002221222" {
		t.Errorf("help = %s, want 911 then Poison Help", names(h.Lines))
	}
	if got := crisis.KindLabel(safety.KindMedical); !strings.Contains(got, "medical emergency") {
		t.Errorf("plain label = %q", got)
	}
}

func TestEveryKindHasAPlainLabel(t *testing.T) {
	for _, k := range safety.Kinds {
		if got := crisis.KindLabel(k); got == string(k) || strings.Contains(got, "_") {
			t.Errorf("kind %s has no plain label (%q)", k, got)
		}
	}
}

func TestKindsRoundTrip(t *testing.T) {
	ks := []safety.Kind{safety.KindViolence, safety.KindMedical}
	s := crisis.FormatKinds(ks)
	if s != "medical,violence" {
		t.Errorf("stored = %q, want the order of safety.Kinds", s)
	}
	if got := crisis.ParseKinds(s + ",bogus,"); len(got) != 2 || got[0] != safety.KindMedical {
		t.Errorf("parsed = %v", got)
	}
}

// TestParseKindsAsSplit holds ParseKinds, which no longer splits the
// stored text once per kind, to its old definition: each known kind, in
// the order of safety.Kinds, that is one of the comma-separated fields.
func TestParseKindsAsSplit(t *testing.T) {
	old := func(s string) []safety.Kind {
		var out []safety.Kind
		for _, k := range safety.Kinds {
			if slices.Contains(strings.Split(s, ","), string(k)) {
				out = append(out, k)
			}
		}
		return out
	}
	all := crisis.FormatKinds(safety.Kinds)
	for _, s := range []string{"", ",", ",,", "medical", "medical,", ",medical", "violence,medical,medical",
		"medica", "medicall", " medical", "medical ,violence", "bogus", all, all + ",bogus", "bogus," + all,
		strings.ToUpper(all), strings.ReplaceAll(all, ",", ";")} {
		if got, want := crisis.ParseKinds(s), old(s); !slices.Equal(got, want) || (got == nil) != (want == nil) {
			t.Errorf("ParseKinds(%q) = %v, want %v", s, got, want)
		}
	}
}
