package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/coach"
	"github.com/afterward/afterward/internal/intake"
	"github.com/afterward/afterward/internal/policy"
)

// assignForm is the admin's "assign directly" form on /admin/coaches.
type assignForm struct {
	Clients        []clientOption
	Coaches        []coachOption
	ClientID       int64
	CoachID        int64
	Fields         map[string]string
	Notice         string
	PracticeActive bool // the form is shown only when there is someone to assign
}

type coachOption struct {
	ID          int64
	Name, Label string
}

// assignChoices lists the practice's clients with a submitted intake and
// its coaches (in training too: an admin may assign them deliberately).
func (s *Server) assignChoices(r *http.Request, a policy.Actor) (assignForm, error) {
	var f assignForm
	intakes, err := s.Safety.Intakes.List(r.Context(), a)
	if err != nil {
		return f, err
	}
	for _, in := range intakes {
		if in.Submitted {
			name := in.ClientName
			if h := in.Outcome.HoldOf(); h != intake.NoHold {
				name += " (" + h.Label() + ")" // assigning is refused until the hold is lifted
			}
			f.Clients = append(f.Clients, clientOption{ID: in.ClientID, Name: name})
		}
	}
	coaches, err := s.Coaching.Coaches.PracticeCoaches(r.Context(), a)
	if err != nil {
		return f, err
	}
	now := s.Now()
	for _, c := range coaches {
		label := c.Name
		if c.InTraining(now) {
			label += " (in training)"
		}
		if c.Status != coach.Published {
			label += " (profile not public)"
		}
		f.Coaches = append(f.Coaches, coachOption{ID: c.CoachID, Name: c.Name, Label: label})
	}
	f.PracticeActive = len(f.Clients) > 0 && len(f.Coaches) > 0
	return f, nil
}

// coachAssign: an admin assigns a client to a coach without a request.
// The service authorizes the client first, then checks the coach.
func (s *Server) coachAssign(w http.ResponseWriter, r *http.Request, sess account.Session) {
	clientID, _ := strconv.ParseInt(r.PostFormValue("client_id"), 10, 64)
	coachID, _ := strconv.ParseInt(r.PostFormValue("coach_id"), 10, 64)
	req, err := s.Coaching.Coaches.AssignDirect(r.Context(), actor(sess), clientID, coachID, s.intakeTime(r, actor(sess), clientID))
	if fields := fieldsOf(err); fields != nil {
		s.renderCoachAdmin(w, r, sess, http.StatusUnprocessableEntity, assignForm{ClientID: clientID, CoachID: coachID, Fields: fields}, decisionRetry{})
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/coaches?done=assigned"+sessionParam(req.AppointmentID)+"#assign", http.StatusSeeOther)
}

// intakeTime is when the client's intake was submitted, for the waiting
// time; now when unknown. It reads the admin's intake list (no answers).
func (s *Server) intakeTime(r *http.Request, a policy.Actor, clientID int64) time.Time {
	intakes, err := s.Safety.Intakes.List(r.Context(), a)
	if err == nil {
		for _, in := range intakes {
			if in.ClientID == clientID && in.Submitted {
				return in.Outcome.SubmittedAt
			}
		}
	}
	return s.Now()
}
