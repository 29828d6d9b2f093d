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
		{"GET /sessions", SignedIn, s.requireSignIn(s.sessionsList)},
		{"POST /sessions", SignedIn, s.requireSignIn(s.sessionCreate)},
		{"GET /sessions/{id}", SignedIn, s.requireSignIn(s.sessionShow)},
		{"POST /sessions/{id}/reschedule", SignedIn, s.requireSignIn(s.sessionReschedule)},
		{"POST /sessions/{id}/cancel", SignedIn, s.requireSignIn(s.sessionCancel)},
		{"POST /sessions/{id}/attendance", SignedIn, s.requireSignIn(s.sessionAttendance)},
		{"GET /sessions/{id}/note", SignedIn, s.requireSignIn(s.noteEdit)},
		{"POST /sessions/{id}/note", SignedIn, s.requireSignIn(s.noteSave)},
		{"POST /actions/{id}", SignedIn, s.requireSignIn(s.actionCheck)},
		{"GET /circles", SignedIn, s.requireSignIn(s.circlesList)},
		{"POST /circles", SignedIn, s.requireSignIn(s.circleCreate)},
		{"POST /circles/{id}/join", SignedIn, s.requireSignIn(s.circleJoin)},
		{"GET /calendar", SignedIn, s.requireSignIn(s.calendarShow)},
		{"POST /calendar", SignedIn, s.requireSignIn(s.calendarCreate)},
		{"POST /calendar/revoke", SignedIn, s.requireSignIn(s.calendarRevoke)},
		{"GET /calendar/feed/{file}", Public, http.HandlerFunc(s.calendarFeed)},
	}
}
