package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/coach"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/intake"
	"github.com/afterward/afterward/internal/triage"
)

type suggestionsPage struct {
	Ready       bool   // the intake allows coaching and suggestions were computed
	Explanation string // why there are no suggestions, said kindly
	NextURL     string // where to go instead
	NextLabel   string
	Due         string
	Suggestions []suggestionView
}

type suggestionView struct {
	Card      coachCard
	Slot      string
	SlotValue string // the slot, RFC 3339, sent with the request
	BeforeDue bool
	Reasons   []string
	ActionURL string
	From      string // where the request returns to
}

// coachSuggestions shows a client the coaches matching their intake.
func (s *Server) coachSuggestions(w http.ResponseWriter, r *http.Request, sess account.Session) {
	if sess.User.Role != account.Client {
		s.renderError(w, r, errs.E(errs.Forbidden, "suggestions are for clients"))
		return
	}
	in, err := s.Safety.Intakes.Get(r.Context(), actor(sess), sess.User.ID)
	if err != nil && !errs.Is(err, errs.NotFound) {
		s.renderError(w, r, err)
		return
	}
	page, err := s.suggestionsFor(r.Context(), in, sess.User, "")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	render(s, w, r, http.StatusOK, "coach_suggestions", "Coaches for you", page)
}

// suggestionsFor is the suggestions page model for a client's intake;
// from is where a request should return to ("" for the coach's profile).
func (s *Server) suggestionsFor(ctx context.Context, in intake.Intake, u account.User, from string) (suggestionsPage, error) {
	page := suggestionsPage{}
	m, why := matchFromIntake(in, u)
	if why != "" {
		page.Explanation, page.NextURL, page.NextLabel = why, "/intake", "Go to your intake"
		if in.Submitted {
			page.NextURL, page.NextLabel = "/intake/result", "See your next steps"
		}
		return page, nil
	}
	chosen, err := s.People.Auth.ChosenCoach(ctx, u.ID)
	if err != nil {
		return page, err
	}
	m.PreferredCoach = chosen
	list, err := s.Coaching.Coaches.Suggest(ctx, m)
	if err != nil {
		return page, err
	}
	page.Ready = true
	if due := m.DueAt(); !due.IsZero() {
		page.Due = formatTime(due, u.TimeZone)
	}
	now := s.Now()
	for _, sg := range list {
		page.Suggestions = append(page.Suggestions, suggestionView{Card: cardFor(sg.Coach, now), Slot: formatTime(sg.Slot, u.TimeZone),
			SlotValue: sg.Slot.UTC().Format(time.RFC3339), BeforeDue: sg.BeforeDue, Reasons: sg.Reasons, ActionURL: "/coaches/" + strconv.FormatInt(sg.Coach.CoachID, 10) + "/request", From: from})
	}
	return page, nil
}

// matchFromIntake builds the matching facts from a submitted intake whose
// outcome allows coaching; otherwise it says, kindly, why there are none.
// Language, format, place and budget come from the intake's "Finding your
// coach" step; left blank they mean any language, either format and no
// fee limit.
func matchFromIntake(in intake.Intake, u account.User) (coach.MatchRequest, string) {
	if !in.Submitted {
		return coach.MatchRequest{}, "Once you have finished your intake, we can suggest coaches who fit your experience and can see you soon."
	}
	o := in.Outcome
	switch {
	case o.Disposition == triage.Emergency && o.ClearedAt == nil:
		return coach.MatchRequest{}, "Right now your safety comes first, so we are not suggesting coaches yet. Please use the emergency contacts on your next-steps page; coaching can follow when you are ready."
	case o.Disposition == triage.ReferClinical && o.ClearedAt == nil:
		return coach.MatchRequest{}, "From your answers, a clinician is the best first step for you, so we are not suggesting coaches yet. This is not a judgement: once a clinician has seen you, coaching can follow, and your next-steps page lists people who can help."
	case o.HoldOf() != intake.NoHold:
		return coach.MatchRequest{}, o.HoldOf().Why() + " " + o.HoldOf().NextStep()
	}
	m := coach.MatchRequest{ClientID: u.ID, PracticeID: u.PracticeID, TimeZone: u.TimeZone, IntakeAt: o.SubmittedAt, Disposition: coach.DispositionCoaching,
		Substance: coachSubstance(in.Answers["substance"]), Context: in.Answers["context"],
		Language: in.Answers["language"], Location: in.Answers["location"], BudgetMinor: in.Answers.BudgetMinor()}
	if f := in.Answers["format"]; f == "video" || f == "in_person" {
		m.Format = f
	}
	if o.NeedsClinician {
		m.Disposition = coach.DispositionCoachingWithClinician
	}
	if at, err := in.Answers.ExperienceAt(); err == nil {
		m.ExperienceAt = at
	}
	return m, ""
}

// coachSubstance maps the intake's substance names to the directory's.
func coachSubstance(v string) string {
	switch v {
	case "5-meo-dmt":
		return "5meo_dmt"
	case "dmt":
		return "other"
	}
	return strings.TrimSpace(v)
}
