package web

import (
	"net/http"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/intake"
	"github.com/afterward/afterward/internal/policy"
)

// holdView is a client's hold as their pages show it: why sessions wait
// and what to do next (the template "hold_notice" links the next-steps
// page and the crisis lines). Zero when the client is not on hold.
type holdView struct {
	On                   bool
	Emergency            bool
	Label, Why, NextStep string
}

// holdOf reads the signed-in client's hold (the intake service decides).
func (s *Server) holdOf(r *http.Request, u account.User) (holdView, error) {
	if u.Role != account.Client {
		return holdView{}, nil
	}
	h, err := s.Safety.Intakes.Hold(r.Context(), policy.ActorOf(u), u.ID)
	if err != nil {
		return holdView{}, err
	}
	return holdViewOf(h), nil
}

// holdViewOf is what the pages show of a client's hold.
func holdViewOf(h intake.Hold) holdView {
	if h == intake.NoHold {
		return holdView{}
	}
	return holdView{On: true, Emergency: h == intake.HoldEmergency, Label: h.Label(), Why: h.Why(), NextStep: h.NextStep()}
}
