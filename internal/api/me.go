package api

import (
	"net/http"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/practice"
)

type meResponse struct {
	ID       int64  `json:"id"`
	Email    string `json:"email"`
	Name     string `json:"name"`
	Role     string `json:"role"`
	TimeZone string `json:"time_zone"`
}

func (s *Server) meShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	u := sess.User
	writeJSON(w, http.StatusOK, meResponse{u.ID, u.Email, u.Name, string(u.Role), u.TimeZone})
}

type clientJSON struct {
	ID              int64      `json:"id"`
	Name            string     `json:"name"`
	Stage           string     `json:"stage"`
	ExperienceAt    *time.Time `json:"experience_at"`
	FirstSessionDue *time.Time `json:"first_session_due"`
}

type clientsResponse struct {
	Clients []clientJSON `json:"clients"`
}

// clientsList returns the caller's clients: a coach's assigned clients, or
// for an admin the practice roster. Other roles have no client list.
func (s *Server) clientsList(w http.ResponseWriter, r *http.Request, sess account.Session) {
	var clients []practice.Client
	var err error
	switch sess.User.Role {
	case account.Coach:
		clients, err = s.Practices.ClientsOfCoach(r.Context(), policy.ActorOf(sess.User))
	case account.Admin:
		clients, err = s.Practices.ClientsOfPractice(r.Context(), policy.ActorOf(sess.User))
	default:
		err = errs.E(errs.Forbidden, "only coaches and admins have a client list")
	}
	if err != nil {
		writeError(s.Log, w, r, err)
		return
	}
	out := clientsResponse{Clients: []clientJSON{}}
	for _, c := range clients {
		cj := clientJSON{ID: c.UserID, Name: c.Name, Stage: string(c.Stage), ExperienceAt: c.ExperienceAt}
		if due, ok := c.FirstSessionDue(); ok {
			cj.FirstSessionDue = &due
		}
		out.Clients = append(out.Clients, cj)
	}
	writeJSON(w, http.StatusOK, out)
}
