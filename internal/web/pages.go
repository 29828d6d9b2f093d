package web

import (
	"net/http"

	"github.com/afterward/afterward/internal/crisis"
)

type homePage struct {
	Practice string
	SignedIn bool // a signed-in person is offered their dashboard, not "Sign in"
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	render(s, w, r, http.StatusOK, "home", "Integration coaching", homePage{Practice: "Afterward", SignedIn: signedIn(r)})
}

type crisisPage struct{ Regions []crisis.Region }

func (s *Server) crisisShow(w http.ResponseWriter, r *http.Request) {
	var practiceID int64
	if u, ok := signedInUser(r); ok {
		practiceID = u.PracticeID
	}
	first := s.regionFor(r, practiceID)
	regions := []crisis.Region{first}
	for _, o := range crisis.All(first.Code) {
		if o.Code != first.Code {
			regions = append(regions, o)
		}
	}
	render(s, w, r, http.StatusOK, "crisis", "Crisis resources", crisisPage{Regions: regions})
}

func signedIn(r *http.Request) bool {
	_, ok := signedInUser(r)
	return ok
}
