package web

import "net/http"

// Route is one registered page route. Access says who may call it; the
// route-by-role test walks this list, so a route cannot be added without
// deciding its access.
type Route struct {
	Pattern string
	Access  Access
	Handler http.Handler
}

// Access is the coarse gate in front of a route; record-level rules live in
// the domain services.
type Access string

const (
	Public   Access = "public"    // anyone, signed in or not
	SignedIn Access = "signed_in" // any role; the service decides per record
)

// Routes lists every page route. Keep it on one screen.
func (s *Server) Routes() []Route {
	return []Route{
		{"GET /static/{hash}/{name}", Public, http.HandlerFunc(s.assets.serve)},
		{"GET /{$}", Public, http.HandlerFunc(s.home)},
		{"GET /crisis", Public, http.HandlerFunc(s.crisisShow)},
		{"GET /signin", Public, http.HandlerFunc(s.signinShow)},
		{"POST /signin", Public, http.HandlerFunc(s.signinCreate)},
		{"POST /signout", SignedIn, s.requireSignIn(s.signout)},
		{"GET /dashboard", SignedIn, s.requireSignIn(s.dashboard)},
		{"GET /directory", Public, http.HandlerFunc(s.directory)},
		{"GET /coaches/{id}", Public, http.HandlerFunc(s.coachShow)},
		{"POST /coaches/{id}/request", SignedIn, s.requireSignIn(s.coachRequest)},
		{"POST /coaches/{id}/report", SignedIn, s.requireSignIn(s.coachReport)},
		{"GET /coach/requests", SignedIn, s.requireSignIn(s.coachRequests)},
		{"POST /coach/requests/{id}", SignedIn, s.requireSignIn(s.coachRespond)},
		{"GET /admin/coaches", SignedIn, s.requireSignIn(s.coachAdmin)},
		{"POST /admin/coaches/{id}/review", SignedIn, s.requireSignIn(s.coachReview)},
		{"POST /admin/trainings/{id}", SignedIn, s.requireSignIn(s.trainingDecide)},
		{"GET /trainings/{id}/certificate", SignedIn, s.requireSignIn(s.trainingCertificate)},
	}
}
