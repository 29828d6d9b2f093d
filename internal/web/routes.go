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
		{"GET /emergency", Public, http.HandlerFunc(s.emergencyShow)},
		{"GET /intake", SignedIn, s.requireSignIn(s.intakeStart)},
		{"GET /intake/result", SignedIn, s.requireSignIn(s.intakeResult)},
		{"POST /intake/submit", SignedIn, s.requireSignIn(s.intakeSubmit)},
		{"GET /intake/{step}", SignedIn, s.requireSignIn(s.intakeStepShow)},
		{"POST /intake/{step}", SignedIn, s.requireSignIn(s.intakeStepSave)},
		{"GET /intakes", SignedIn, s.requireSignIn(s.intakesList)},
		{"POST /intakes/{client}/clearance", SignedIn, s.requireSignIn(s.intakeClearance)},
		{"POST /intakes/{client}/clinician", SignedIn, s.requireSignIn(s.intakeClinician)},
		{"GET /safety", SignedIn, s.requireSignIn(s.safetyQueue)},
		{"POST /safety/{id}/close", SignedIn, s.requireSignIn(s.safetyClose)},
		{"GET /admin/partners", SignedIn, s.requireSignIn(s.partnersShow)},
		{"POST /admin/partners", SignedIn, s.requireSignIn(s.partnerCreate)},
		{"POST /admin/partners/{id}/delete", SignedIn, s.requireSignIn(s.partnerDelete)},
	}
}
