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
		{"GET /privacy", SignedIn, s.requireSignIn(s.privacyShow)},
		{"GET /privacy/export", SignedIn, s.requireSignIn(s.privacyExport)},
		{"POST /privacy/erasure", SignedIn, s.requireSignIn(s.erasureCreate)},
		{"POST /privacy/erasure/cancel", SignedIn, s.requireSignIn(s.erasureCancel)},
		{"GET /admin/break-glass", SignedIn, s.requireSignIn(s.breakGlassShow)},
		{"POST /admin/break-glass", SignedIn, s.requireSignIn(s.breakGlassCreate)},
		{"GET /measures", SignedIn, s.requireSignIn(s.measuresShow)},
		{"GET /measures/{instrument}", SignedIn, s.requireSignIn(s.questionnaireShow)},
		{"POST /measures/{instrument}", SignedIn, s.requireSignIn(s.questionnaireSubmit)},
		{"GET /clients/{client}/progress", SignedIn, s.requireSignIn(s.progressShow)},
		{"GET /clients/{client}/questionnaire.pdf", SignedIn, s.requireSignIn(s.progressPDF)},
		{"GET /admin/outcomes", SignedIn, s.requireSignIn(s.outcomesShow)},
		{"GET /admin/outcomes/export.csv", SignedIn, s.requireSignIn(s.outcomesExport)},
	}
}
