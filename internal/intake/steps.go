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

// Languages are the directory's language codes (coach.FacetLanguage), so
// matching can compare them directly.
var Languages = []Option{{"en", "English"}, {"es", "Spanish"}, {"fr", "French"}, {"de", "German"}, {"pt", "Portuguese"}, {"it", "Italian"},
	{"nl", "Dutch"}, {"ja", "Japanese"}, {"zh", "Chinese"}, {"ko", "Korean"}, {"ar", "Arabic"}, {"hi", "Hindi"},
	{"ru", "Russian"}, {"he", "Hebrew"}, {"sv", "Swedish"}, {"pl", "Polish"}}

// Budget answers: a usual fee is fine, a limit per session, or a need for
// the sliding scale (both of the last two come with an amount).
const (
	BudgetUsual   = "usual"
	BudgetLimit   = "limit"
	BudgetSliding = "sliding"
)

func coachFitStep() Step {
	return Step{ID: StepCoachFit, Title: "Finding your coach",
		Intro: "A few practical things, so the coaches we suggest can actually work with you. Leave anything blank that does not matter to you.",
		Questions: []Question{
			{Name: "language", Label: "Which language would you like your sessions in?", Kind: KindSelect, Options: Languages,
				Why: "We only suggest coaches who offer sessions in this language. Leave it blank if any language we share is fine."},
			{Name: "format", Label: "How would you like to meet?", Kind: KindRadio,
				Options: []Option{{"video", "By video"}, {"in_person", "In person"}, {"either", "Either is fine"}},
				Why:     "Some coaches work only by video, some also in person."},
			{Name: "location", Label: "If in person, which town or area?", Kind: KindText, MaxLen: maxShortText,
				Why: "So we suggest coaches you can reach. Only needed for in-person sessions."},
			{Name: "budget", Label: "What can you pay for a session?", Kind: KindRadio,
				Options: []Option{{BudgetUsual, "A usual session fee is fine"}, {BudgetLimit, "I have a limit per session"}, {BudgetSliding, "I need a reduced, sliding-scale fee"}},
				Why:     "Coaching is rarely covered by insurance. Many coaches keep sliding-scale places; telling us helps us suggest one."},
			{Name: "budget_amount", Label: "Your limit per session (a whole amount, for example 80)", Kind: KindAmount, MaxLen: 6,
				Why: "Only if you chose a limit or the sliding scale. Nobody sees this but you, your coach and the practice."},
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
