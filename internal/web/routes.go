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
		{"GET /signin/code", Public, http.HandlerFunc(s.codeShow)},
		{"POST /signin/code", Public, http.HandlerFunc(s.codeCreate)},
		{"GET /signin/enrol", Public, http.HandlerFunc(s.enrolShow)},
		{"POST /signin/enrol", Public, http.HandlerFunc(s.enrolCreate)},
		{"GET /signin/link", Public, http.HandlerFunc(s.linkRequestShow)},
		{"POST /signin/link", Public, http.HandlerFunc(s.linkRequestCreate)},
		{"GET /signin/link/{token}", Public, http.HandlerFunc(s.linkShow)},
		{"POST /signin/link/{token}", Public, http.HandlerFunc(s.linkUse)},
		{"GET /reset", Public, http.HandlerFunc(s.resetRequestShow)},
		{"POST /reset", Public, http.HandlerFunc(s.resetRequestCreate)},
		{"GET /reset/{token}", Public, http.HandlerFunc(s.resetShow)},
		{"POST /reset/{token}", Public, http.HandlerFunc(s.resetCreate)},
		{"GET /invite/{token}", Public, http.HandlerFunc(s.acceptShow)},
		{"POST /invite/{token}", Public, http.HandlerFunc(s.acceptCreate)},
		{"POST /signout", SignedIn, s.requireSignIn(s.signout)},
		{"GET /invitations", SignedIn, s.requireSignIn(s.invitationsShow)},
		{"POST /invitations", SignedIn, s.requireSignIn(s.invitationsCreate)},
		{"GET /settings", SignedIn, s.requireSignIn(s.settingsShow)},
		{"POST /settings/signout-everywhere", SignedIn, s.requireSignIn(s.signoutEverywhere)},
		{"GET /settings/two-step", SignedIn, s.requireSignIn(s.twoStepShow)},
		{"POST /settings/two-step", SignedIn, s.requireSignIn(s.twoStepCreate)},
		{"POST /settings/two-step/off", SignedIn, s.requireSignIn(s.twoStepOff)},
		{"GET /dashboard", SignedIn, s.requireSignIn(s.dashboard)},
		{"GET /privacy", SignedIn, s.requireSignIn(s.privacyShow)},
		{"GET /privacy/export", SignedIn, s.requireSignIn(s.privacyExport)},
		{"GET /privacy/fhir", SignedIn, s.requireSignIn(s.privacyFHIR)},
		{"POST /privacy/erasure", SignedIn, s.requireSignIn(s.erasureCreate)},
		{"POST /privacy/erasure/cancel", SignedIn, s.requireSignIn(s.erasureCancel)},
		{"GET /care-team", SignedIn, s.requireSignIn(s.careTeamShow)},
		{"POST /care-team/consents", SignedIn, s.requireSignIn(s.consentCreate)},
		{"POST /care-team/consents/{consent}/revoke", SignedIn, s.requireSignIn(s.consentRevoke)},
		{"GET /care-team/clients/{client}", SignedIn, s.requireSignIn(s.sharedRecordShow)},
		{"GET /admin/break-glass", SignedIn, s.requireSignIn(s.breakGlassShow)},
		{"POST /admin/break-glass", SignedIn, s.requireSignIn(s.breakGlassCreate)},
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
