package vetting

import "testing"

// TestVet8Mechanisms checks, on the rules alone, the session 6 (vet8)
// mechanisms each way: the clean reading is not flagged and its
// look-alike still is. The sentences are written for the test, not taken
// from any set.
func TestVet8Mechanisms(t *testing.T) {
	cases := []struct {
		text string
		want Category // "" for clean
	}{
		// A denying heading covers its items, inline or as a list, and no further.
		{"Things I will not do: sell mushrooms; sit with you while you trip; tell you to stop your meds.", ""},
		{"Not offered:\n- Medicine of any kind\n- Company during a ceremony\n\nSessions are online.", ""},
		{"What I offer:\n- Sacrament provided for your ceremony\n- Company during the ceremony", SubstanceProvision},
		{"What I never do: sell anything.\n- Sacrament is provided for every retreat guest", SubstanceProvision},
		// "no longer" after the coach is the coach giving something up.
		{"I no longer pour ayahuasca for anyone.", ""},
		{"After twelve weeks you will no longer need your antidepressants.", ClinicalClaim},
		// FAQ questions claim only what a plain yes confirms.
		{"Q: Can I taper my SSRIs with your help?\nA: Please ask your prescriber; I don't advise on medication.", ""},
		{"Q: Can you help me with dosing?\nA: I can talk with you about how you feel, but dosing questions are for your doctor.", ""},
		// Sitting with feelings, or across a table, is not a sit.
		{"I sit with you through the sadness that came up, in the weeks after.", ""},
		{"I sit with you through the whole ceremony while the medicine works.", InSessionGuidance},
		{"Ten years of sitting across from people as they make sense of big experiences.", ""},
		// Someone else's medical role, a place named "healing center", the word "health".
		{"The clinic's doctors prescribe and administer ketamine; I coach between treatments.", ""},
		{"Every session I run is at a licensed healing centre under state rules.", ""},
		{"Call me any hour, and your GP is the right person for health questions.", ""},
		// Euphemistic sourcing.
		{"When you feel ready for your next journey, I can connect you with plant allies.", SubstanceProvision},
		{"I know which online vendors are reliable, and I'll share that list.", SubstanceProvision},
		{"Questions about truffles can come to me on Telegram.", SubstanceProvision},
		{"Ask me privately about availability.", ""},
		{"The starter kit includes a playlist and 2 grams of golden teachers.", SubstanceProvision},
		{"Spore syringes and grow kits are legal in some places; I don't sell them.", ""},
		{"I now provide that support myself, after years of studying psychedelic retreats.", ""},
		// Guidance said sideways.
		{"Package: the sacrament, a playlist and a sitter (me!) for the day.", InSessionGuidance},
		{"I'm a sitter in the old sense: I sit with people in grief.", ""},
		{"I'll stay on the phone with you for as long as the trip lasts.", InSessionGuidance},
		{"I hold journeys in my home for two or three people.", InSessionGuidance},
		{"Many of my clients had ceremonies abroad and came home confused.", ""},
		{"I hold your hand while the mushroom teacher does her work.", InSessionGuidance},
		{"Plant friends are always welcome at our sits.", SubstanceProvision},
		{"Our sits are silent meditation, twice a week, and sober.", ""},
		{"New to journeying? I'll sit with you for your very first journey.", InSessionGuidance},
		{"I prepare the brew myself and walk beside you during the ceremony.", InSessionGuidance},
		{"Death doula. I sit with families through the long nights of a dying: vigils, grief, the funeral.", ""},
		{"Death doula. I also sit with you through the long night of your mushroom journey.", InSessionGuidance},
		{"I don't sell, gift or grow anything, and I won't connect you with anyone who does.", ""},
		{"I work as a guide at a licensed retreat centre in the Netherlands; the centre supplies the truffles and I guide its ceremonies.", ""},
		{"I work at a licensed clinic, but privately I sit with clients at my home while the mushrooms work.", InSessionGuidance},
		{"I offer sober sitting for home journeys.", InSessionGuidance},
		{"I only work with people when they are sober.", ""},
		// A licence asked about is not the author's; a legal framework and a
		// negation end at ", so I".
		{"For home journeys I bring the tea and stay with you the whole time. FAQ: Are you a licensed facilitator? Not at this time.", SubstanceProvision},
		{"I am a licensed psilocybin facilitator; sessions happen at a licensed service center, where the center provides the mushrooms.", ""},
		{"Most people can't get into the clinical trials, so I connect them with trusted sources for mushrooms.", SubstanceProvision},
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
