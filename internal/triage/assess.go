package triage

import "time"

// Reason codes, grouped by the tier they belong to.
const (
	ReasonMedicalEmergency      = "medical_emergency"
	ReasonCSSRSIntent           = "cssrs_intent"
	ReasonCSSRSPlan             = "cssrs_plan"
	ReasonCSSRSBehaviourRecent  = "cssrs_behaviour_recent"
	ReasonPsychosisCurrent      = "psychosis_current"
	ReasonBipolarI              = "bipolar_i"
	ReasonMoodEpisodeNow        = "mood_episode_now"
	ReasonSubstanceUseDisorder  = "substance_use_disorder"
	ReasonAdverseReaction       = "adverse_reaction"
	ReasonUnintentional         = "unintentional_experience"
	ReasonCSSRSMethod           = "cssrs_method"
	ReasonCSSRSBehaviourPast    = "cssrs_behaviour_past"
	ReasonPHQ9Severe            = "phq9_severe"
	ReasonCSSRSWishDead         = "cssrs_wish_dead"
	ReasonCSSRSIdeation         = "cssrs_ideation"
	ReasonPHQ9Moderate          = "phq9_moderate"
	ReasonPHQ9Item9             = "phq9_item9"
	ReasonGAD7Moderate          = "gad7_moderate"
	ReasonPCL5ProbablePTSD      = "pcl5_probable_ptsd"
	ReasonBipolarII             = "bipolar_ii"
	ReasonPsychosisPast         = "psychosis_past"
	ReasonSubstanceUseMild      = "substance_use_mild"
	ReasonSubstanceUseRemission = "substance_use_in_remission"
)

// Cut-offs of the questionnaires, inclusive.
const (
	PHQ9SevereTotal   = 20
	PHQ9ModerateTotal = 10
	PHQ9Item9Min      = 1
	GAD7ModerateTotal = 10
	PCL5ProbableTotal = 33
)

// rule is one condition of a tier.
type rule struct {
	code  string
	match func(Intake) bool
}

type tier struct {
	disposition Disposition
	rules       []rule
}

// tiers are checked in order; the first with any matching rule wins.
var tiers = []tier{
	{Emergency, []rule{
		{ReasonMedicalEmergency, func(in Intake) bool { return in.Current.MedicalEmergency }},
		{ReasonCSSRSIntent, func(in Intake) bool { return in.CSSRS.Q4 }},
		{ReasonCSSRSPlan, func(in Intake) bool { return in.CSSRS.Q5 }},
		{ReasonCSSRSBehaviourRecent, func(in Intake) bool { return in.CSSRS.Q6 && in.CSSRS.Q6Within3Months }},
	}},
	{ReferClinical, []rule{
		{ReasonPsychosisCurrent, func(in Intake) bool { return in.History.Psychosis == PsychosisCurrent }},
		{ReasonBipolarI, func(in Intake) bool { return in.History.Bipolar == BipolarI }},
		{ReasonMoodEpisodeNow, func(in Intake) bool { return in.History.MoodEpisodeNow }},
		{ReasonSubstanceUseDisorder, func(in Intake) bool {
			return substanceUseModerateOrSevere(in.History) && !in.History.SubstanceUseInRemission
		}},
		{ReasonAdverseReaction, func(in Intake) bool { return in.Current.AdverseReaction }},
		{ReasonUnintentional, func(in Intake) bool { return in.Experience.Context == ContextUnintentional }},
		{ReasonCSSRSMethod, func(in Intake) bool { return in.CSSRS.Q3 }},
		{ReasonCSSRSBehaviourPast, func(in Intake) bool { return in.CSSRS.Q6 && !in.CSSRS.Q6Within3Months }},
		{ReasonPHQ9Severe, func(in Intake) bool { return in.PHQ9 != nil && Sum(in.PHQ9) >= PHQ9SevereTotal }},
	}},
	{CoachingWithClinician, []rule{
		{ReasonCSSRSWishDead, func(in Intake) bool { return in.CSSRS.Q1 }},
		{ReasonCSSRSIdeation, func(in Intake) bool { return in.CSSRS.Q2 }},
		{ReasonPHQ9Moderate, func(in Intake) bool { return in.PHQ9 != nil && Sum(in.PHQ9) >= PHQ9ModerateTotal }},
		{ReasonPHQ9Item9, func(in Intake) bool { return len(in.PHQ9) == phq9Items && in.PHQ9[8] >= PHQ9Item9Min }},
		{ReasonGAD7Moderate, func(in Intake) bool { return in.GAD7 != nil && Sum(in.GAD7) >= GAD7ModerateTotal }},
		{ReasonPCL5ProbablePTSD, func(in Intake) bool { return in.PCL5 != nil && Sum(in.PCL5) >= PCL5ProbableTotal }},
		{ReasonBipolarII, func(in Intake) bool { return in.History.Bipolar == BipolarII }},
		{ReasonPsychosisPast, func(in Intake) bool { return in.History.Psychosis == PsychosisPast }},
		{ReasonSubstanceUseMild, func(in Intake) bool { return in.History.SubstanceUse == SubstanceUseMild }},
		{ReasonSubstanceUseRemission, func(in Intake) bool {
			return substanceUseModerateOrSevere(in.History) && in.History.SubstanceUseInRemission
		}},
	}},
}

func substanceUseModerateOrSevere(h History) bool {
	return h.SubstanceUse == SubstanceUseModerate || h.SubstanceUse == SubstanceUseSevere
}

// Assess applies the triage rules to a validated intake. Reasons lists the
// matched codes of the winning tier only, in rule order: lower tiers are
// left out because they do not change what happens next, and a coach reads
// the intake itself for the detail.
func Assess(in Intake) Result {
	disposition, reasons := Coaching, []string{}
	for _, t := range tiers {
		if matched := t.matches(in); len(matched) > 0 {
			disposition, reasons = t.disposition, matched
			break
		}
	}
	due := FirstSessionDue(in.Experience.Date)
	return Result{
		Disposition:            disposition,
		Reasons:                reasons,
		FirstSessionDue:        due,
		LateStart:              in.SubmittedAt.After(due),
		NeedsClinicianReferral: needsClinicianReferral(disposition, in.Current.HasTherapist),
	}
}

func (t tier) matches(in Intake) []string {
	var codes []string
	for _, r := range t.rules {
		if r.match(in) {
			codes = append(codes, r.code)
		}
	}
	return codes
}

// FirstSessionDue is when the first session is due for an experience, in UTC.
func FirstSessionDue(experience time.Time) time.Time {
	return experience.Add(FirstSessionWindow).UTC()
}

// needsClinicianReferral says whether the coach must refer the person to a
// clinician. An emergency needs one too: emergency care comes first, but
// someone who needed it must not then start coaching without a clinician.
func needsClinicianReferral(d Disposition, hasTherapist bool) bool {
	switch d {
	case Emergency, ReferClinical:
		return true
	case CoachingWithClinician:
		return !hasTherapist
	default:
		return false
	}
}
