package intake

// The first five steps: plain words, and a reason for every question.

func experienceStep() Step {
	return Step{ID: StepExperience, Title: "Your experience",
		Intro: "Tell us about the experience you want to integrate. Integration works best when it starts soon after: we aim for a first session within 72 hours.",
		Questions: []Question{
			{Name: "experience_date", Label: "What day was it?", Kind: KindDate, Required: true,
				Why: "The timing guides when your first session should be: ideally within 72 hours."},
			{Name: "experience_time", Label: "About what time did it start?", Kind: KindTime, Required: true,
				Why: "A rough time is fine; it lets us count the 72 hours fairly."},
			{Name: "experience_tz", Label: "In which time zone?", Kind: KindTimeZone, Required: true,
				Why: "So the time means the same thing to you and your coach, wherever you each are."},
			{Name: "substance", Label: "What did you take?", Kind: KindSelect, Options: Substances, Required: true,
				Why: "Different substances bring different experiences; it helps us match you with a coach who knows yours. This stays private."},
			{Name: "context", Label: "Where or how did it happen?", Kind: KindRadio, Options: Contexts, Required: true,
				Why: "The setting shapes the experience and what support fits best, for example whether a clinical team is already involved."},
		}}
}

func intentionsStep() Step {
	return Step{ID: StepIntentions, Title: "Your intentions",
		Intro: "There are no right answers here. A few words are enough.",
		Questions: []Question{
			{Name: "intentions", Label: "What were your intentions going into the experience?", Kind: KindTextarea, Required: true, MaxLen: maxLongText,
				Why: "Intentions are a natural starting point for integration work with your coach."},
			{Name: "hopes", Label: "What do you hope to work on with a coach?", Kind: KindTextarea, MaxLen: maxLongText,
				Why: "It helps us find a coach who fits what you want from integration. Optional."},
		}}
}

func careStep() Step {
	return Step{ID: StepCare, Title: "Your current care",
		Intro: "Coaching works alongside other care, not instead of it.",
		Questions: []Question{
			{Name: "has_therapist", Label: "Are you seeing a therapist or counsellor at the moment?", Kind: KindYesNo, Options: yesNo, Required: true,
				Why: "Your coach works with your therapist, not instead of them, and only talks to them with your permission."},
			{Name: "has_psychiatrist", Label: "Are you seeing a psychiatrist or a doctor for your mental health?", Kind: KindYesNo, Options: yesNo, Required: true,
				Why: "Some situations need medical care alongside coaching; knowing who is already involved helps."},
			{Name: "clinician_name", Label: "If yes, who? (optional)", Kind: KindText, MaxLen: maxShortText,
				Why: "Only if you want your coach to know; nobody contacts them without your permission."},
		}}
}

func historyStep() Step {
	return Step{ID: StepHistory, Title: "Your history",
		Intro: "These questions are asked of everyone. Some conditions need specialist care first, and we would rather help you find it than start something that does not fit.",
		Questions: []Question{
			{Name: "psychosis", Label: "Have you ever had psychosis (for example hearing or seeing things others did not, or beliefs others found very unusual)?", Kind: KindRadio, Required: true,
				Options: []Option{{"none", "No"}, {"past", "Yes, in the past"}, {"current", "Yes, and it is happening now"}},
				Why:     "Psychedelic experiences can affect people with psychosis differently; specialist support may be the safer first step."},
			{Name: "bipolar", Label: "Have you been diagnosed with bipolar disorder?", Kind: KindRadio, Required: true,
				Options: []Option{{"none", "No"}, {"bipolar_ii", "Yes, bipolar II"}, {"bipolar_i", "Yes, bipolar I"}},
				Why:     "Mood conditions can need a psychiatrist's care alongside or before coaching."},
			{Name: "mood_episode_now", Label: "Are you in a manic or severe depressive episode right now?", Kind: KindYesNo, Options: yesNo, Required: true,
				Why: "If so, a clinician can help most right now; coaching can follow."},
			{Name: "substance_use", Label: "Has alcohol or drug use caused problems in your life?", Kind: KindRadio, Required: true,
				Options: []Option{{"none", "No"}, {"mild", "A little"}, {"moderate", "Quite a lot"}, {"severe", "A great deal"}},
				Why:     "Substance use can need specialist support; asking helps us point you to the right place without judgement."},
			{Name: "substance_use_in_remission", Label: "If it has, is that behind you now (in recovery or remission)?", Kind: KindYesNo, Options: yesNo,
				Why: "Recovery changes what support fits. Answer only if you said yes above."},
		}}
}

func currentStep() Step {
	return Step{ID: StepCurrent, Title: "How you are now",
		Intro: "Some effects after an experience need a doctor rather than a coach. These questions help us tell the difference.",
		Questions: []Question{
			{Name: "medical_symptoms", Label: "Do you have physical or medical symptoms right now that worry you (for example chest pain, trouble breathing, confusion, a seizure)?", Kind: KindYesNo, Options: yesNo, Required: true,
				Why: "If so, you need medical help now, and we will show you where to get it."},
			{Name: "adverse_effects", Label: "Are you still having difficult after-effects that have not eased (for example visual changes, panic, not sleeping for days, feeling detached from yourself)?", Kind: KindYesNo, Options: yesNo, Required: true,
				Why: "Lasting after-effects deserve a clinical check first; coaching can follow."},
			{Name: "notes", Label: "Anything else you would like your coach to know? (optional)", Kind: KindTextarea, MaxLen: maxLongText,
				Why: "Anything you think matters. Your coach reads it before your first session."},
		}}
}
