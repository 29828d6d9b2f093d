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
		{"GET /journal", SignedIn, s.requireSignIn(s.journalIndex)},
		{"GET /journal/new", SignedIn, s.requireSignIn(s.journalNew)},
		{"POST /journal", SignedIn, s.requireSignIn(s.journalSave)},
		{"GET /journal/{id}", SignedIn, s.requireSignIn(s.journalShow)},
		{"POST /journal/{id}/share", SignedIn, s.requireSignIn(s.journalShare)},
		{"POST /journal/{id}/attachments", SignedIn, s.requireSignIn(s.journalAttach)},
		{"GET /files/{client}/{kind}/{id}", SignedIn, s.requireSignIn(s.fileServe)},
		{"GET /prompts", SignedIn, s.requireSignIn(s.promptsIndex)},
		{"POST /prompts", SignedIn, s.requireSignIn(s.promptCreate)},
		{"POST /prompts/assign", SignedIn, s.requireSignIn(s.promptAssign)},
		{"GET /checkin", SignedIn, s.requireSignIn(s.checkinShow)},
		{"POST /checkin", SignedIn, s.requireSignIn(s.checkinCreate)},
		{"GET /messages", SignedIn, s.requireSignIn(s.messagesShow)},
		{"POST /messages", SignedIn, s.requireSignIn(s.messageSend)},
		{"GET /progress", SignedIn, s.requireSignIn(s.progressShow)},
		{"GET /progress.pdf", SignedIn, s.requireSignIn(s.progressPDF)},
		{"GET /clients/{client}/space", SignedIn, s.requireSignIn(s.clientSpace)},
		{"GET /clients/{client}/journal/{id}", SignedIn, s.requireSignIn(s.clientEntryShow)},
		{"GET /clients/{client}/messages", SignedIn, s.requireSignIn(s.clientMessagesShow)},
		{"POST /clients/{client}/messages", SignedIn, s.requireSignIn(s.clientMessageSend)},
		{"GET /settings/messaging", SignedIn, s.requireSignIn(s.messagingSettingsShow)},
		{"POST /settings/messaging", SignedIn, s.requireSignIn(s.messagingSettingsSave)},
	}
}
