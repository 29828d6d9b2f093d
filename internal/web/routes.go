package web

import (
	"net/http"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/attachment"
	"github.com/afterward/afterward/internal/coach"
	"github.com/afterward/afterward/internal/httpx"
	"github.com/afterward/afterward/internal/journal"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/regulated"
)

// Route is one registered page route. Access says who may call it and
// which record it names: the router enforces the roles (httpx.Gate) and the
// route access test (internal/e2e) sends every route as every role, so a
// route cannot be added without deciding its access.
type Route struct {
	Pattern string
	Access  httpx.Access
	Handler http.Handler
}

// Public routes answer anyone, signed in or not.
var Public = httpx.Public

// Who may call a route; record-level rules live in the domain services.
var (
	anyone            = httpx.Only(account.Admin, account.Coach, account.Client, account.Clinician)
	clientsOnly       = httpx.Only(account.Client)
	coachesOnly       = httpx.Only(account.Coach)
	adminsOnly        = httpx.Only(account.Admin)
	cliniciansOnly    = httpx.Only(account.Clinician)
	staff             = httpx.Only(account.Admin, account.Coach)
	staffAndClients   = httpx.Only(account.Admin, account.Coach, account.Client)
	coachesAndClients = httpx.Only(account.Coach, account.Client)
	referrers         = httpx.Only(account.Coach, account.Clinician)
	inviters          = staffAndClients
	billingRoles      = staffAndClients // clinicians see no billing
	payers            = httpx.Only(account.Admin, account.Client)
)

// Routes lists every page route. Keep it on one screen.
func (s *Server) Routes() []Route {
	routes := []Route{
		{"GET /static/{hash}/{name}", Public, http.HandlerFunc(s.assets.serve)},
		{"GET /{$}", Public, http.HandlerFunc(s.home)},
		{"GET /crisis", Public, http.HandlerFunc(s.crisisShow)},
		{"GET /manifest.webmanifest", Public, http.HandlerFunc(s.manifest)},
		{"GET /sw.js", Public, http.HandlerFunc(s.serviceWorker)},
		{"GET /offline", Public, http.HandlerFunc(s.offline)},
		{"GET /signin", Public, http.HandlerFunc(s.signinShow)},
		{"POST /signin", Public, http.HandlerFunc(s.signinCreate)},
		{"GET /signin/code", Public, http.HandlerFunc(s.codeShow)},
		{"POST /signin/code", Public, http.HandlerFunc(s.codeCreate)},
		{"GET /signin/enrol", Public, http.HandlerFunc(s.enrolShow)},
		{"POST /signin/enrol", Public, http.HandlerFunc(s.enrolCreate)},
		{"GET /signup", Public, http.HandlerFunc(s.signupShow)},
		{"POST /signup", Public, http.HandlerFunc(s.signupCreate)},
		{"GET /signup/{token}", Public, http.HandlerFunc(s.signupLinkShow)},
		{"POST /signup/{token}", Public, http.HandlerFunc(s.signupLinkUse)},
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
		{"POST /signout", anyone, s.requireSignIn(s.signout)},
		{"GET /invitations", inviters, s.requireSignIn(s.invitationsShow)},
		{"POST /invitations", inviters, s.requireSignIn(s.invitationsCreate)},
		{"GET /settings", anyone, s.requireSignIn(s.settingsShow)},
		{"POST /settings/signout-everywhere", anyone, s.requireSignIn(s.signoutEverywhere)},
		{"POST /settings/notifications", anyone, s.requireSignIn(s.notifySave)},
		{"POST /settings/contact", clientsOnly, s.requireSignIn(s.contactSave)},
		{"POST /settings/profile", anyone, s.requireSignIn(s.profileSave)},
		{"POST /settings/password", anyone, s.requireSignIn(s.passwordChange)},
		{"POST /settings/email", anyone, s.requireSignIn(s.emailChange)},
		{"GET /settings/email/{token}", Public, http.HandlerFunc(s.emailConfirmShow)},
		{"POST /settings/email/{token}", Public, http.HandlerFunc(s.emailConfirm)},
		{"GET /settings/two-step", anyone, s.requireSignIn(s.twoStepShow)},
		{"POST /settings/two-step", anyone, s.requireSignIn(s.twoStepCreate)},
		{"POST /settings/two-step/off", clientsOnly, s.requireSignIn(s.twoStepOff)},
		{"GET /dashboard", anyone, s.requireSignIn(s.dashboard)},
		{"GET /privacy", clientsOnly, s.requireSignIn(s.privacyShow)},
		{"GET /privacy/export", clientsOnly, s.requireSignIn(s.privacyExport)},
		{"GET /privacy/fhir", clientsOnly, s.requireSignIn(s.privacyFHIR)},
		{"POST /privacy/erasure", clientsOnly, s.requireSignIn(s.erasureCreate)},
		{"POST /privacy/erasure/cancel", clientsOnly, s.requireSignIn(s.erasureCancel)},
		{"GET /care-team", clientsOnly, s.requireSignIn(s.careTeamShow)},
		{"POST /care-team/consents", clientsOnly, s.requireSignIn(s.consentCreate)},
		{"POST /care-team/consents/{consent}/revoke", clientsOnly.Writes("consent", policy.Roster), s.requireSignIn(s.consentRevoke)},
		{"GET /care-team/clients/{client}", cliniciansOnly.Reads("client", policy.Attendance), s.requireSignIn(s.sharedRecordShow)},
		{"GET /care-team/clients/{client}/with/{clinician}", httpx.Only(account.Coach, account.Clinician).Reads("consent_clinician", policy.Attendance), s.requireSignIn(s.teamThreadShow)},
		{"POST /care-team/clients/{client}/with/{clinician}", httpx.Only(account.Coach, account.Clinician).Reads("consent_clinician", policy.Attendance), s.requireSignIn(s.teamThreadSend)},
		{"GET /care-team/clients/{client}/summaries/{id}/pdf", cliniciansOnly.Reads("approved_summary", policy.Summaries), s.requireSignIn(s.sharedSummaryPDF)},
		{"GET /referrals", referrers, s.requireSignIn(s.referralsIndex)},
		{"GET /referrals/new", referrers.Reads("client", policy.Notes).In("query:client"), s.requireSignIn(s.referralNew)},
		{"POST /referrals", referrers.Writes("client", policy.Notes).In("body:client"), s.requireSignIn(s.referralCreate)},
		{"POST /referrals/{id}/status", coachesOnly.Writes("referral_out", policy.Notes), s.requireSignIn(s.referralStatus)},
		{"GET /refer/{slug}", Public, http.HandlerFunc(s.referPublicShow)},
		{"POST /refer/{slug}", Public, http.HandlerFunc(s.referPublicCreate)},
		{"GET /summaries", clientsOnly, s.requireSignIn(s.summariesIndex)},
		{"GET /summaries/new", coachesOnly.Reads("client", policy.Summaries).In("query:client"), s.requireSignIn(s.summaryNew)},
		{"POST /summaries", coachesOnly.Writes("client", policy.Summaries).In("body:client"), s.requireSignIn(s.summaryCreate)},
		{"POST /summaries/{id}/decision", clientsOnly.Writes("summary", policy.Summaries), s.requireSignIn(s.summaryDecide)},
		{"GET /admin/break-glass", adminsOnly, s.requireSignIn(s.breakGlassShow)},
		{"POST /admin/break-glass", adminsOnly.Writes("client", policy.Roster).In("body:client"), s.requireSignIn(s.breakGlassCreate)},
		{"GET /emergency", Public, http.HandlerFunc(s.emergencyShow)},
		{"POST /not-safe", clientsOnly, s.requireSignIn(s.notSafeCreate)},
		{"GET /intake", Public, http.HandlerFunc(s.intakeEntry)},
		{"GET /intake/result", clientsOnly, s.requireSignIn(s.intakeResult)},
		{"POST /intake/submit", clientsOnly, s.requireSignIn(s.intakeSubmit)},
		{"GET /intake/{step}", clientsOnly, s.requireSignIn(s.intakeStepShow)},
		{"POST /intake/{step}", clientsOnly, s.requireSignIn(s.intakeStepSave)},
		{"GET /intakes", staff, s.requireSignIn(s.intakesList)},
		{"POST /intakes/{client}/clearance", staff.Writes("client", policy.Roster), s.requireSignIn(s.intakeClearance)},
		{"POST /intakes/{client}/clinician", staff.Writes("client", policy.Roster), s.requireSignIn(s.intakeClinician)},
		{"GET /safety", staff, s.requireSignIn(s.safetyQueue)},
		{"POST /safety/{id}/close", staff.Writes("alert", policy.SafetyAlerts), s.requireSignIn(s.safetyClose)},
		{"POST /safety/{id}/acknowledge", staff.Writes("alert", policy.SafetyAlerts), s.requireSignIn(s.safetyAcknowledge)},
		{"GET /safety/{id}/source", staff.Reads("alert", policy.SafetyAlerts), s.requireSignIn(s.safetySource)},
		{"GET /admin/accounts", adminsOnly, s.requireSignIn(s.accountsShow)},
		{"GET /admin/retention", adminsOnly, s.requireSignIn(s.retentionShow)},
		{"POST /admin/retention", adminsOnly.Writes("client", policy.Roster).In("body:client"), s.requireSignIn(s.retentionDestroy)},
		{"GET /admin/retention/certificates/{id}/pdf", adminsOnly.On("destruction_certificate"), s.requireSignIn(s.retentionCertificatePDF)},
		{"POST /admin/accounts/{id}/verify", adminsOnly.On("account"), s.requireSignIn(s.accountVerify)},
		{"POST /admin/accounts/{id}/deactivate", adminsOnly.On("account"), s.requireSignIn(s.accountDeactivate)},
		{"GET /admin/partners", adminsOnly, s.requireSignIn(s.partnersShow)},
		{"POST /admin/partners", adminsOnly, s.requireSignIn(s.partnerCreate)},
		{"POST /admin/partners/{id}/delete", adminsOnly.On("partner"), s.requireSignIn(s.partnerDelete)},
		{"GET /journal", clientsOnly, s.requireSignIn(s.journalIndex)},
		{"GET /journal/new", clientsOnly, s.requireSignIn(s.journalNew)},
		{"POST /journal", clientsOnly, s.requireSignIn(s.journalSave)},
		{"GET /journal/{id}", clientsOnly.Reads("journal", policy.Journal), s.requireSignIn(s.journalShow)},
		{"POST /journal/{id}/share", clientsOnly.Writes("journal", policy.Journal), s.requireSignIn(s.journalShare)},
		{"GET /journal/{id}/edit", clientsOnly.Writes("journal", policy.Journal), s.requireSignIn(s.journalEdit)},
		{"POST /journal/{id}/edit", clientsOnly.Writes("journal", policy.Journal), s.requireSignIn(s.journalUpdate)},
		{"POST /journal/{id}/delete", clientsOnly.Writes("journal", policy.Journal), s.requireSignIn(s.journalDelete)},
		{"POST /journal/{id}/attachments", clientsOnly.Writes("journal", policy.Journal), s.requireSignIn(s.journalAttach)},
		{"GET /files/{client}/{kind}/{id}", coachesAndClients.Reads("shared_file", policy.Journal), s.requireSignIn(s.fileServe)},
		{"GET /prompts", anyone, s.requireSignIn(s.promptsIndex)},
		{"POST /prompts", staff, s.requireSignIn(s.promptCreate)},
		{"POST /prompts/assign", coachesOnly.Writes("client", policy.Journal).In("body:client_id"), s.requireSignIn(s.promptAssign)},
		{"GET /checkin", clientsOnly, s.requireSignIn(s.checkinShow)},
		{"POST /checkin", clientsOnly, s.requireSignIn(s.checkinCreate)},
		{"GET /messages", clientsOnly, s.requireSignIn(s.messagesShow)},
		{"POST /messages", clientsOnly, s.requireSignIn(s.messageSend)},
		{"GET /inbox", coachesOnly, s.requireSignIn(s.inboxShow)},
		{"GET /inbox/{client}", coachesOnly.Reads("client", policy.Messages), s.requireSignIn(s.inboxThreadShow)},
		{"POST /inbox/{client}", coachesOnly.Writes("client", policy.Messages), s.requireSignIn(s.inboxReply)},
		{"GET /progress", clientsOnly, s.requireSignIn(s.progressShow)},
		{"GET /progress.pdf", clientsOnly, s.requireSignIn(s.progressPDF)},
		{"GET /clients/{client}", coachesOnly.Reads("client", policy.Roster), s.requireSignIn(s.clientChart)},
		{"GET /clients/{client}/space", coachesAndClients.Reads("client", policy.Plan), s.requireSignIn(s.clientSpace)},
		{"GET /clients/{client}/plan", coachesAndClients.Reads("client", policy.Plan), s.requireSignIn(s.planEdit)},
		{"POST /clients/{client}/plan", coachesOnly.Writes("client", policy.Plan), s.requireSignIn(s.planSave)},
		{"GET /clients/{client}/work", coachesAndClients.Reads("client", policy.Plan), s.requireSignIn(s.workShow)},
		{"POST /clients/{client}/work", coachesAndClients.Writes("client", policy.Plan), s.requireSignIn(s.workAdd)},
		{"GET /clients/{client}/journal/{id}", coachesAndClients.Reads("shared_journal", policy.Journal), s.requireSignIn(s.clientEntryShow)},
		{"GET /clients/{client}/messages", coachesAndClients.Reads("client", policy.Messages), s.requireSignIn(s.clientMessagesShow)},
		{"POST /clients/{client}/messages", coachesAndClients.Writes("client", policy.Messages), s.requireSignIn(s.clientMessageSend)},
		{"GET /settings/messaging", coachesOnly, s.requireSignIn(s.messagingSettingsShow)},
		{"GET /settings/availability", coachesOnly, s.requireSignIn(s.availabilityShow)},
		{"POST /settings/availability", coachesOnly, s.requireSignIn(s.availabilitySave)},
		{"GET /settings/notice", adminsOnly, s.requireSignIn(s.adminOnly(s.noticeShow))},
		{"POST /settings/notice", adminsOnly, s.requireSignIn(s.adminOnly(s.noticeSave))},
		{"GET /settings/note-templates", adminsOnly, s.requireSignIn(s.adminOnly(s.noteTemplatesShow))},
		{"POST /settings/note-templates", adminsOnly, s.requireSignIn(s.adminOnly(s.noteTemplateCreate))},
		{"GET /settings/safety", adminsOnly, s.requireSignIn(s.adminOnly(s.safetySettingsShow))},
		{"POST /settings/safety", adminsOnly, s.requireSignIn(s.adminOnly(s.safetySettingsSave))},
		{"GET /settings/signup", adminsOnly, s.requireSignIn(s.adminOnly(s.signupSettingsShow))},
		{"POST /settings/signup", adminsOnly, s.requireSignIn(s.adminOnly(s.signupSettingsSave))},
		{"POST /settings/messaging", coachesOnly, s.requireSignIn(s.messagingSettingsSave)},
		{"GET /directory", Public, http.HandlerFunc(s.directory)},
		{"GET /coaches/{id}", Public.On("coach"), http.HandlerFunc(s.coachShow)},
		{"POST /coaches/{id}/request", clientsOnly.On("coach"), s.requireSignIn(s.coachRequest)},
		{"POST /coaches/{id}/report", clientsOnly.On("coach"), s.requireSignIn(s.coachReport)},
		{"GET /coach/profile", coachesOnly, s.requireSignIn(s.coachProfileEdit)},
		{"POST /coach/profile", coachesOnly, s.requireSignIn(s.coachProfileSave)},
		{"POST /coach/trainings", coachesOnly, s.requireSignIn(s.coachTrainingAdd)},
		{"GET /coaches/suggestions", clientsOnly, s.requireSignIn(s.coachSuggestions)},
		{"POST /admin/coaches/assign", adminsOnly.Writes("client", policy.Roster).In("body:client_id"), s.requireSignIn(s.coachAssign)},
		{"GET /coach/requests", coachesOnly, s.requireSignIn(s.coachRequests)},
		{"POST /coach/requests/{id}", coachesOnly.On("coach_request"), s.requireSignIn(s.coachRespond)},
		{"GET /admin/coaches", adminsOnly, s.requireSignIn(s.coachAdmin)},
		{"POST /admin/coaches/{id}/review", adminsOnly.On("coach"), s.requireSignIn(s.coachReview)},
		{"POST /admin/trainings/{id}", adminsOnly.On("training"), s.requireSignIn(s.trainingDecide)},
		{"GET /trainings/{id}/certificate", staff.On("certificate"), s.requireSignIn(s.trainingCertificate)},
		{"GET /records", clientsOnly, s.requireSignIn(s.recordsShow)},
		{"POST /records/{id}/addenda", clientsOnly.Writes("signed_note", policy.Notes), s.requireSignIn(s.addendumCreate)},
		{"POST /records/forms/{id}/addenda", clientsOnly.Writes("regulated_form", policy.Regulated), s.requireSignIn(s.regulatedAddendumCreate(regulated.FormRecord))},
		{"POST /records/sessions/{id}/addenda", clientsOnly.Writes("session_log", policy.Regulated), s.requireSignIn(s.regulatedAddendumCreate(regulated.SessionRecord))},
		{"GET /agreement", clientsOnly, s.requireSignIn(s.agreementShow)},
		{"POST /agreement", clientsOnly, s.requireSignIn(s.agreementSign)},
		{"GET /agreement/signatures/{id}/pdf", staffAndClients.Reads("agreement_signature", policy.Agreements), s.requireSignIn(s.agreementPDF)},
		{"GET /clients/{client}/agreement", staff.Reads("client", policy.Agreements), s.requireSignIn(s.clientAgreement)},
		{"GET /clients/{client}/adverse", staff.Reads("client", policy.Adverse), s.requireSignIn(s.adverseShow)},
		{"POST /clients/{client}/adverse", coachesOnly.Writes("client", policy.Adverse), s.requireSignIn(s.adverseCreate)},
		{"GET /forms", clientsOnly, s.requireSignIn(s.formsShow)},
		{"GET /forms/{form}", clientsOnly, s.requireSignIn(s.formShow)},
		{"POST /forms/{form}", clientsOnly, s.requireSignIn(s.formSign)},
		{"GET /forms/signed/{id}/pdf", staffAndClients.Reads("regulated_form", policy.Regulated), s.requireSignIn(s.formPDF)},
		{"GET /clients/{client}/regulated", staff.Reads("client", policy.Regulated), s.requireSignIn(s.regulatedClientShow)},
		{"POST /clients/{client}/regulated/sessions", coachesOnly.Writes("client", policy.Regulated), s.requireSignIn(s.sessionLogCreate)},
		{"POST /clients/{client}/regulated/denials", coachesOnly.Writes("client", policy.Regulated), s.requireSignIn(s.denialCreate)},
		{"POST /regulated/sessions/{id}", coachesOnly.Writes("session_log", policy.Regulated), s.requireSignIn(s.sessionLogUpdate)},
		{"GET /reports/regulated", adminsOnly, s.requireSignIn(s.adminOnly(s.regulatedReports))},
		{"GET /reports/regulated/oregon.csv", adminsOnly, s.requireSignIn(s.adminOnly(s.oregonQuarterCSV))},
		{"GET /reports/regulated/colorado.csv", adminsOnly, s.requireSignIn(s.adminOnly(s.coloradoYearCSV))},
		{"GET /admin/instruments", adminsOnly, s.requireSignIn(s.adminOnly(s.licencesShow))},
		{"POST /admin/instruments/{instrument}/enable", adminsOnly, s.requireSignIn(s.adminOnly(s.licenceEnable))},
		{"POST /admin/instruments/{instrument}/disable", adminsOnly, s.requireSignIn(s.adminOnly(s.licenceDisable))},
		{"GET /settings/programme", adminsOnly, s.requireSignIn(s.adminOnly(s.programmeShow))},
		{"POST /settings/programme", adminsOnly, s.requireSignIn(s.adminOnly(s.programmeSave))},
		{"GET /settings/agreement", adminsOnly, s.requireSignIn(s.adminOnly(s.agreementSettingsShow))},
		{"POST /settings/agreement", adminsOnly, s.requireSignIn(s.adminOnly(s.agreementSettingsSave))},
		{"GET /sessions", anyone, s.requireSignIn(s.sessionsList)},
		{"POST /sessions", staffAndClients, s.requireSignIn(s.sessionCreate)},
		{"GET /sessions/{id}", anyone.Reads("session", policy.Attendance), s.requireSignIn(s.sessionShow)},
		{"POST /sessions/{id}/reschedule", staffAndClients.Writes("booked_session", policy.Attendance), s.requireSignIn(s.sessionReschedule)},
		{"POST /sessions/{id}/cancel", staffAndClients.Writes("booked_session", policy.Attendance), s.requireSignIn(s.sessionCancel)},
		{"POST /sessions/{id}/attendance", staff.Writes("session", policy.Attendance), s.requireSignIn(s.sessionAttendance)},
		{"GET /sessions/{id}/note", coachesOnly.Reads("session", policy.Notes), s.requireSignIn(s.noteEdit)},
		{"POST /sessions/{id}/note", coachesOnly.Writes("session", policy.Notes), s.requireSignIn(s.noteSave)},
		{"POST /actions/{id}", coachesAndClients.Writes("action", policy.Plan), s.requireSignIn(s.actionCheck)},
		{"GET /circles", anyone, s.requireSignIn(s.circlesList)},
		{"POST /circles", coachesOnly, s.requireSignIn(s.circleCreate)},
		{"POST /circles/{id}/join", clientsOnly.On("circle"), s.requireSignIn(s.circleJoin)},
		{"GET /calendar", anyone, s.requireSignIn(s.calendarShow)},
		{"POST /calendar", anyone, s.requireSignIn(s.calendarCreate)},
		{"POST /calendar/revoke", anyone, s.requireSignIn(s.calendarRevoke)},
		{"POST /calendar/names", coachesOnly, s.requireSignIn(s.calendarNames)},
		{"GET /calendar/feed/{file}", Public, http.HandlerFunc(s.calendarFeed)},
		{"GET /billing", billingRoles, s.requireSignIn(s.billingHome)},
		{"POST /billing/sessions", staff.Writes("client", policy.Attendance).In("body:client_id"), s.requireSignIn(s.billingSessionCreate)},
		{"POST /billing/periods", adminsOnly, s.requireSignIn(s.adminOnly(s.billingPeriodCreate))},
		{"GET /billing/invoices/{invoice}", billingRoles.Reads("invoice", policy.Billing), s.requireSignIn(s.invoiceShow)},
		{"GET /billing/invoices/{invoice}/pdf", billingRoles.Reads("invoice", policy.Billing), s.requireSignIn(s.invoicePDF)},
		{"POST /billing/invoices/{invoice}/payments", adminsOnly.Writes("invoice", policy.Billing), s.requireSignIn(s.adminOnly(s.paymentCreate))},
		{"POST /billing/invoices/{invoice}/credit-notes", adminsOnly.Writes("invoice", policy.Billing), s.requireSignIn(s.adminOnly(s.creditNoteCreate))},
		{"POST /billing/invoices/{invoice}/checkout", payers.Reads("invoice", policy.Billing), s.requireSignIn(s.checkoutStart)},
		{"GET /billing/invoices/{invoice}/checkout", billingRoles.Reads("invoice", policy.Billing), s.requireSignIn(s.checkoutReturn)},
		{"GET /billing/payments/{payment}/receipt", billingRoles.Reads("payment", policy.Billing), s.requireSignIn(s.receiptPDF)},
		{"POST /billing/payments/{payment}/refunds", adminsOnly.Writes("payment", policy.Billing), s.requireSignIn(s.adminOnly(s.refundCreate))},
		{"POST /billing/fees/{fee}/waive", adminsOnly.Writes("fee", policy.Billing), s.requireSignIn(s.adminOnly(s.feeWaive))},
		{"GET /billing/statement", payers.Reads("client", policy.Billing).In("query:client"), s.requireSignIn(s.statementShow)},
		{"GET /billing/reports", adminsOnly, s.requireSignIn(s.adminOnly(s.billingReports))},
		{"GET /billing/reports/csv", adminsOnly, s.requireSignIn(s.adminOnly(s.billingReportCSV))},
		{"GET /billing/setup", adminsOnly, s.requireSignIn(s.adminOnly(s.billingSetup))},
		{"POST /billing/setup/settings", adminsOnly, s.requireSignIn(s.adminOnly(s.billingSettingsSave))},
		{"POST /billing/setup/fees", adminsOnly, s.requireSignIn(s.adminOnly(s.billingFeeSave))},
		{"POST /billing/setup/tiers", adminsOnly, s.requireSignIn(s.adminOnly(s.billingTierSave))},
		{"POST /billing/setup/assignments", adminsOnly.Writes("client", policy.Billing).In("body:client_id"), s.requireSignIn(s.adminOnly(s.billingTierAssign))},
		{"POST /billing/setup/packages", adminsOnly.Writes("client", policy.Billing).In("body:client_id"), s.requireSignIn(s.adminOnly(s.billingPackageSell))},
		{"GET /measures", clientsOnly, s.requireSignIn(s.measuresShow)},
		{"GET /measures/{instrument}", clientsOnly, s.requireSignIn(s.questionnaireShow)},
		{"POST /measures/{instrument}", clientsOnly, s.requireSignIn(s.questionnaireSubmit)},
		{"GET /clients/{client}/scores", anyone.Reads("client", policy.Scores), s.requireSignIn(s.scoresShow)},
		{"GET /clients/{client}/scores.pdf", anyone.Reads("client", policy.Scores), s.requireSignIn(s.scoresPDF)},
		{"GET /admin/outcomes", adminsOnly, s.requireSignIn(s.outcomesShow)},
		{"GET /admin/outcomes/export.csv", adminsOnly, s.requireSignIn(s.outcomesExport)},
	}
	for i, rt := range routes {
		routes[i].Handler = httpx.LimitBody(bodyLimit(rt.Pattern), httpx.Gate(rt.Access, s.refusals(), httpx.CheckText(s.renderError, rt.Handler)))
	}
	return routes
}

// bodyLimit is the largest body a route accepts: uploads and long journal
// entries get room, every other form httpx.MaxFormBody.
func bodyLimit(pattern string) int64 {
	switch pattern {
	case "POST /journal/{id}/attachments", "POST /messages", "POST /clients/{client}/messages":
		return attachment.MaxUpload
	case "POST /coach/trainings":
		return coach.MaxCertificateBytes + 64<<10
	case "POST /journal":
		return 4*journal.MaxBody + 64<<10
	}
	return httpx.MaxFormBody
}
