package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/dates"
	"github.com/afterward/afterward/internal/httpx"
	"github.com/afterward/afterward/internal/plan"
	"github.com/afterward/afterward/internal/policy"
)

// planPage is the coach's plan editor for one client, with the plan's
// history (newest first).
type planPage struct {
	ClientID                                     int64
	CanEdit                                      bool   // the client's coach; the client reads
	Experience, Cadence, Sessions, Minutes, Fups string // form values
	Recorded                                     string // the experience from the intake, when known: not typed again
	History                                      []planChangeRow
	Fields                                       map[string]string
	Error, Notice                                string
}

type planChangeRow struct {
	Version                 int
	By, At, Summary, Months string
}

func (s *Server) planEdit(w http.ResponseWriter, r *http.Request, sess account.Session) {
	page := planPage{Fields: map[string]string{}}
	if r.URL.Query().Get("done") == "plan" {
		page.Notice = "The plan was saved; the earlier version is kept in the history."
	}
	s.renderPlan(w, r, sess, http.StatusOK, page, false)
}

func (s *Server) renderPlan(w http.ResponseWriter, r *http.Request, sess account.Session, status int, page planPage, keepInput bool) {
	clientID, err := httpx.PathID(r, "client")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	// History authorizes (404 for anyone else's client) and tells an
	// authorized "no plan yet" apart by being empty.
	history, err := s.Coaching.Plans.History(r.Context(), policy.ActorOf(sess.User), clientID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page.ClientID, page.CanEdit = clientID, sess.User.Role == account.Coach
	tz := sess.User.TimeZone
	if c, err := s.People.Practices.Client(r.Context(), policy.ActorOf(sess.User), clientID); err == nil && c.ExperienceAt != nil {
		page.Recorded = formatTime(*c.ExperienceAt, tz)
	}
	if !keepInput {
		page.Cadence, page.Sessions, page.Minutes, page.Fups = string(plan.Weekly), itoa(plan.DefaultSessions), itoa(plan.DefaultMinutes), joinMonths(plan.DefaultFollowUps)
		if len(history) > 0 {
			p := history[0].Plan
			page.Experience, page.Cadence = p.ExperienceAt.Format(time.DateOnly), string(p.Cadence)
			page.Sessions, page.Minutes, page.Fups = itoa(p.PlannedSessions), itoa(p.SessionMinutes), joinMonths(p.FollowUpMonths)
		}
	}
	for _, c := range history {
		page.History = append(page.History, planChangeRow{Version: c.Version, By: c.ChangedBy, At: formatTime(c.ChangedAt, tz),
			Summary: itoa(c.Plan.PlannedSessions) + " × " + itoa(c.Plan.SessionMinutes) + " min, " + string(c.Plan.Cadence),
			Months:  joinMonths(c.Plan.FollowUpMonths)})
	}
	render(s, w, r, status, "plan_edit", "Integration plan", page)
}

// planSave saves the coach's changes as a new plan version.
func (s *Server) planSave(w http.ResponseWriter, r *http.Request, sess account.Session) {
	page := planPage{Experience: r.PostFormValue("experience_at"), Cadence: r.PostFormValue("cadence"), Sessions: r.PostFormValue("planned_sessions"),
		Minutes: r.PostFormValue("session_minutes"), Fups: r.PostFormValue("follow_up_months"), Fields: map[string]string{}}
	clientID, err := httpx.PathID(r, "client")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if c, err := s.People.Practices.Client(r.Context(), policy.ActorOf(sess.User), clientID); err == nil && c.ExperienceAt != nil {
		page.Experience = "" // the intake's instant counts (plan.Service.Save); a typed date is no second source
	}
	in, bad := planInput(page)
	if len(bad) > 0 {
		// Nothing is saved; renderPlan authorizes first, so a stranger
		// gets 404, never the field errors.
		page.Fields = bad
		s.renderPlan(w, r, sess, http.StatusUnprocessableEntity, page, true)
		return
	}
	if _, err := s.Coaching.Plans.Save(r.Context(), policy.ActorOf(sess.User), clientID, in); err != nil {
		if !s.formError(err, &page.Fields, &page.Error) {
			s.renderError(w, r, err)
			return
		}
		s.renderPlan(w, r, sess, http.StatusUnprocessableEntity, page, true)
		return
	}
	http.Redirect(w, r, "/clients/"+strconv.FormatInt(clientID, 10)+"/plan?done=plan", http.StatusSeeOther)
}

// planInput reads the form; bad lists the fields that could not be read.
func planInput(p planPage) (plan.Input, map[string]string) {
	bad := map[string]string{}
	in := plan.Input{Cadence: plan.Cadence(p.Cadence)}
	if t, err := time.Parse(time.DateOnly, strings.TrimSpace(p.Experience)); err == nil && !dates.Plausible(t) {
		bad["experience_at"] = dates.PlausibleMessage
	} else if err == nil {
		in.ExperienceAt = t
	} else if strings.TrimSpace(p.Experience) != "" {
		bad["experience_at"] = "enter a date like 2026-07-04"
	}
	number := func(field, v string) int {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n <= 0 {
			bad[field] = "enter a whole number"
		}
		return n
	}
	in.PlannedSessions, in.SessionMinutes = number("planned_sessions", p.Sessions), number("session_minutes", p.Minutes)
	in.FollowUpMonths = []int{}
	for _, part := range strings.Split(p.Fups, ",") {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		m, err := strconv.Atoi(part)
		if err != nil {
			bad["follow_up_months"] = "list months as numbers, like 3, 6, 12"
			continue
		}
		in.FollowUpMonths = append(in.FollowUpMonths, m)
	}
	return in, bad
}

func joinMonths(ms []int) string {
	parts := make([]string, len(ms))
	for i, m := range ms {
		parts[i] = itoa(m)
	}
	return strings.Join(parts, ", ")
}
