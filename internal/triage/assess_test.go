package triage_test

import (
	"slices"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/triage"
)

var experienceAt = time.Date(2026, 3, 1, 20, 0, 0, 0, time.UTC)

// intake builds a valid intake that triages as plain coaching; cases change
// what they test.
func intake(change func(*triage.Intake)) triage.Intake {
	in := triage.Intake{
		SubmittedAt: experienceAt.Add(24 * time.Hour),
		Experience:  triage.Experience{Date: experienceAt, Substance: "psilocybin", Context: "legal_service"},
		History:     triage.History{Psychosis: triage.None, Bipolar: triage.None, SubstanceUse: triage.None},
	}
	if change != nil {
		change(&in)
	}
	return in
}

// items returns n item scores adding up to total, each at most maxScore.
func items(n, maxScore, total int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = min(maxScore, total)
		total -= out[i]
	}
	return out
}

// phq9 returns PHQ-9 answers with the given total and item 9 (index 8) set.
func phq9(total, item9 int) []int {
	out := items(8, 3, total-item9)
	return append(out, item9)
}

func TestAssessRules(t *testing.T) {
	tests := []struct {
		name        string
		change      func(*triage.Intake)
		disposition triage.Disposition
		reasons     []string
	}{
		{"nothing matches", nil, triage.Coaching, []string{}},
		// Tier 1: emergency.
		{"medical emergency", func(in *triage.Intake) { in.Current.MedicalEmergency = true }, triage.Emergency, []string{"medical_emergency"}},
		{"cssrs q4 intent", func(in *triage.Intake) { in.CSSRS.Q4 = true }, triage.Emergency, []string{"cssrs_intent"}},
		{"cssrs q5 plan", func(in *triage.Intake) { in.CSSRS.Q5 = true }, triage.Emergency, []string{"cssrs_plan"}},
		{"cssrs q6 within 3 months", func(in *triage.Intake) { in.CSSRS.Q6, in.CSSRS.Q6Within3Months = true, true }, triage.Emergency, []string{"cssrs_behaviour_recent"}},
		{"all emergency rules in rule order", func(in *triage.Intake) {
			in.CSSRS = triage.CSSRS{Q1: true, Q2: true, Q3: true, Q4: true, Q5: true, Q6: true, Q6Within3Months: true}
			in.Current.MedicalEmergency = true
		}, triage.Emergency, []string{"medical_emergency", "cssrs_intent", "cssrs_plan", "cssrs_behaviour_recent"}},
		// Tier 2: refer to clinical care.
		{"psychosis current", func(in *triage.Intake) { in.History.Psychosis = "current" }, triage.ReferClinical, []string{"psychosis_current"}},
		{"bipolar i", func(in *triage.Intake) { in.History.Bipolar = "bipolar_i" }, triage.ReferClinical, []string{"bipolar_i"}},
		{"mood episode now", func(in *triage.Intake) { in.History.MoodEpisodeNow = true }, triage.ReferClinical, []string{"mood_episode_now"}},
		{"substance use moderate", func(in *triage.Intake) { in.History.SubstanceUse = "moderate" }, triage.ReferClinical, []string{"substance_use_disorder"}},
		{"substance use severe", func(in *triage.Intake) { in.History.SubstanceUse = "severe" }, triage.ReferClinical, []string{"substance_use_disorder"}},
		{"adverse reaction", func(in *triage.Intake) { in.Current.AdverseReaction = true }, triage.ReferClinical, []string{"adverse_reaction"}},
		{"unintentional", func(in *triage.Intake) { in.Experience.Context = "unintentional" }, triage.ReferClinical, []string{"unintentional_experience"}},
		{"cssrs q3 method", func(in *triage.Intake) { in.CSSRS.Q3 = true }, triage.ReferClinical, []string{"cssrs_method"}},
		{"cssrs q6 over 3 months ago", func(in *triage.Intake) { in.CSSRS.Q6 = true }, triage.ReferClinical, []string{"cssrs_behaviour_past"}},
		{"phq9 total 20", func(in *triage.Intake) { in.PHQ9 = phq9(20, 0) }, triage.ReferClinical, []string{"phq9_severe"}},
		{"phq9 total 27", func(in *triage.Intake) { in.PHQ9 = phq9(27, 3) }, triage.ReferClinical, []string{"phq9_severe"}},
		{"phq9 total 19 is moderate", func(in *triage.Intake) { in.PHQ9 = phq9(19, 0) }, triage.CoachingWithClinician, []string{"phq9_moderate"}},
		// Tier 3: coaching alongside a clinician.
		{"cssrs q1", func(in *triage.Intake) { in.CSSRS.Q1 = true }, triage.CoachingWithClinician, []string{"cssrs_wish_dead"}},
		{"cssrs q2", func(in *triage.Intake) { in.CSSRS.Q2 = true }, triage.CoachingWithClinician, []string{"cssrs_ideation"}},
		{"q6_within_3_months alone is ignored", func(in *triage.Intake) { in.CSSRS.Q6Within3Months = true }, triage.Coaching, []string{}},
		{"phq9 total 10", func(in *triage.Intake) { in.PHQ9 = phq9(10, 0) }, triage.CoachingWithClinician, []string{"phq9_moderate"}},
		{"phq9 total 9", func(in *triage.Intake) { in.PHQ9 = phq9(9, 0) }, triage.Coaching, []string{}},
		{"phq9 item 9 of 1", func(in *triage.Intake) { in.PHQ9 = phq9(1, 1) }, triage.CoachingWithClinician, []string{"phq9_item9"}},
		{"phq9 item 9 of 0", func(in *triage.Intake) { in.PHQ9 = phq9(5, 0) }, triage.Coaching, []string{}},
		{"phq9 total 10 and item 9", func(in *triage.Intake) { in.PHQ9 = phq9(12, 2) }, triage.CoachingWithClinician, []string{"phq9_moderate", "phq9_item9"}},
		{"gad7 total 10", func(in *triage.Intake) { in.GAD7 = items(7, 3, 10) }, triage.CoachingWithClinician, []string{"gad7_moderate"}},
		{"gad7 total 9", func(in *triage.Intake) { in.GAD7 = items(7, 3, 9) }, triage.Coaching, []string{}},
		{"gad7 total 21", func(in *triage.Intake) { in.GAD7 = items(7, 3, 21) }, triage.CoachingWithClinician, []string{"gad7_moderate"}},
		{"pcl5 total 33", func(in *triage.Intake) { in.PCL5 = items(20, 4, 33) }, triage.CoachingWithClinician, []string{"pcl5_probable_ptsd"}},
		{"pcl5 total 32", func(in *triage.Intake) { in.PCL5 = items(20, 4, 32) }, triage.Coaching, []string{}},
		{"pcl5 total 80", func(in *triage.Intake) { in.PCL5 = items(20, 4, 80) }, triage.CoachingWithClinician, []string{"pcl5_probable_ptsd"}},
		{"bipolar ii", func(in *triage.Intake) { in.History.Bipolar = "bipolar_ii" }, triage.CoachingWithClinician, []string{"bipolar_ii"}},
		{"psychosis past", func(in *triage.Intake) { in.History.Psychosis = "past" }, triage.CoachingWithClinician, []string{"psychosis_past"}},
		{"substance use mild", func(in *triage.Intake) { in.History.SubstanceUse = "mild" }, triage.CoachingWithClinician, []string{"substance_use_mild"}},
		{"substance use mild in remission", func(in *triage.Intake) {
			in.History.SubstanceUse, in.History.SubstanceUseInRemission = "mild", true
		}, triage.CoachingWithClinician, []string{"substance_use_mild"}},
		{"substance use moderate in remission", func(in *triage.Intake) {
			in.History.SubstanceUse, in.History.SubstanceUseInRemission = "moderate", true
		}, triage.CoachingWithClinician, []string{"substance_use_in_remission"}},
		{"substance use severe in remission", func(in *triage.Intake) {
			in.History.SubstanceUse, in.History.SubstanceUseInRemission = "severe", true
		}, triage.CoachingWithClinician, []string{"substance_use_in_remission"}},
		{"remission without a disorder is ignored", func(in *triage.Intake) { in.History.SubstanceUseInRemission = true }, triage.Coaching, []string{}},
		// Precedence: only the winning tier's reasons are listed.
		{"emergency beats refer", func(in *triage.Intake) {
			in.CSSRS.Q5, in.History.Psychosis = true, "current"
		}, triage.Emergency, []string{"cssrs_plan"}},
		{"refer beats coaching with clinician", func(in *triage.Intake) {
			in.CSSRS.Q1, in.CSSRS.Q3, in.History.Bipolar = true, true, "bipolar_ii"
		}, triage.ReferClinical, []string{"cssrs_method"}},
		{"phq9 severe beats moderate", func(in *triage.Intake) { in.PHQ9 = phq9(22, 2) }, triage.ReferClinical, []string{"phq9_severe"}},
		{"every refer rule in rule order", func(in *triage.Intake) {
			in.History = triage.History{Psychosis: "current", Bipolar: "bipolar_i", MoodEpisodeNow: true, SubstanceUse: "severe"}
			in.Current.AdverseReaction, in.Experience.Context = true, "unintentional"
			in.CSSRS.Q3, in.CSSRS.Q6 = true, true
			in.PHQ9 = phq9(27, 3)
		}, triage.ReferClinical, []string{"psychosis_current", "bipolar_i", "mood_episode_now", "substance_use_disorder",
			"adverse_reaction", "unintentional_experience", "cssrs_method", "cssrs_behaviour_past", "phq9_severe"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := triage.Assess(intake(tt.change))
			if got.Disposition != tt.disposition {
				t.Errorf("disposition = %s, want %s", got.Disposition, tt.disposition)
			}
			if got.Reasons == nil || !slices.Equal(got.Reasons, tt.reasons) {
				t.Errorf("reasons = %#v, want %#v", got.Reasons, tt.reasons)
			}
		})
	}
}

func TestNeedsClinicianReferral(t *testing.T) {
	tests := []struct {
		name         string
		change       func(*triage.Intake)
		hasTherapist bool
		want         bool
	}{
		{"coaching", nil, false, false},
		{"coaching with therapist", nil, true, false},
		{"coaching with clinician, no therapist", func(in *triage.Intake) { in.CSSRS.Q1 = true }, false, true},
		{"coaching with clinician, has therapist", func(in *triage.Intake) { in.CSSRS.Q1 = true }, true, false},
		{"refer clinical", func(in *triage.Intake) { in.CSSRS.Q3 = true }, false, true},
		{"refer clinical even with therapist", func(in *triage.Intake) { in.CSSRS.Q3 = true }, true, true},
		{"emergency", func(in *triage.Intake) { in.CSSRS.Q4 = true }, false, true},
		{"emergency even with therapist", func(in *triage.Intake) { in.CSSRS.Q4 = true }, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := intake(tt.change)
			in.Current.HasTherapist = tt.hasTherapist
			if got := triage.Assess(in).NeedsClinicianReferral; got != tt.want {
				t.Errorf("needs_clinician_referral = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestFirstSessionDueAndLateStart(t *testing.T) {
	plus2 := time.FixedZone("+02:00", 2*60*60)
	tests := []struct {
		name       string
		experience time.Time
		submitted  time.Time
		wantDue    time.Time
		wantLate   bool
	}{
		{"same moment", experienceAt, experienceAt, experienceAt.Add(72 * time.Hour), false},
		{"71h59m59s", experienceAt, experienceAt.Add(72*time.Hour - time.Second), experienceAt.Add(72 * time.Hour), false},
		{"exactly 72h is not late", experienceAt, experienceAt.Add(72 * time.Hour), experienceAt.Add(72 * time.Hour), false},
		{"72h and 1s is late", experienceAt, experienceAt.Add(72*time.Hour + time.Second), experienceAt.Add(72 * time.Hour), true},
		{"72h and 1ns is late", experienceAt, experienceAt.Add(72*time.Hour + 1), experienceAt.Add(72 * time.Hour), true},
		{"offset converted to UTC", time.Date(2026, 3, 1, 1, 30, 0, 0, plus2), time.Date(2026, 3, 1, 2, 0, 0, 0, plus2),
			time.Date(2026, 3, 3, 23, 30, 0, 0, time.UTC), false},
		{"late across zones", time.Date(2026, 3, 1, 1, 30, 0, 0, plus2), time.Date(2026, 3, 3, 23, 30, 1, 0, time.UTC),
			time.Date(2026, 3, 3, 23, 30, 0, 0, time.UTC), true},
		{"not late across zones", time.Date(2026, 3, 1, 1, 30, 0, 0, plus2), time.Date(2026, 3, 4, 1, 30, 0, 0, plus2),
			time.Date(2026, 3, 3, 23, 30, 0, 0, time.UTC), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := triage.Assess(intake(func(in *triage.Intake) {
				in.Experience.Date, in.SubmittedAt = tt.experience, tt.submitted
			}))
			if !got.FirstSessionDue.Equal(tt.wantDue) || got.FirstSessionDue.Location() != time.UTC {
				t.Errorf("first_session_due = %v, want %v in UTC", got.FirstSessionDue, tt.wantDue)
			}
			if got.LateStart != tt.wantLate {
				t.Errorf("late_start = %v, want %v", got.LateStart, tt.wantLate)
			}
		})
	}
}
