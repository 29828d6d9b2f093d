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
		{"GET /privacy/fhir", SignedIn, s.requireSignIn(s.privacyFHIR)},
		{"POST /privacy/erasure", SignedIn, s.requireSignIn(s.erasureCreate)},
		{"POST /privacy/erasure/cancel", SignedIn, s.requireSignIn(s.erasureCancel)},
		{"GET /care-team", SignedIn, s.requireSignIn(s.careTeamShow)},
		{"POST /care-team/consents", SignedIn, s.requireSignIn(s.consentCreate)},
		{"POST /care-team/consents/{consent}/revoke", SignedIn, s.requireSignIn(s.consentRevoke)},
		{"GET /care-team/clients/{client}", SignedIn, s.requireSignIn(s.sharedRecordShow)},
		{"GET /admin/break-glass", SignedIn, s.requireSignIn(s.breakGlassShow)},
		{"POST /admin/break-glass", SignedIn, s.requireSignIn(s.breakGlassCreate)},
		{"GET /billing", SignedIn, s.requireSignIn(s.billingHome)},
		{"POST /billing/sessions", SignedIn, s.requireSignIn(s.billingSessionCreate)},
		{"POST /billing/periods", SignedIn, s.requireSignIn(s.adminOnly(s.billingPeriodCreate))},
		{"GET /billing/invoices/{invoice}", SignedIn, s.requireSignIn(s.invoiceShow)},
		{"GET /billing/invoices/{invoice}/pdf", SignedIn, s.requireSignIn(s.invoicePDF)},
		{"POST /billing/invoices/{invoice}/payments", SignedIn, s.requireSignIn(s.adminOnly(s.paymentCreate))},
		{"POST /billing/invoices/{invoice}/credit-notes", SignedIn, s.requireSignIn(s.adminOnly(s.creditNoteCreate))},
		{"POST /billing/invoices/{invoice}/checkout", SignedIn, s.requireSignIn(s.checkoutStart)},
		{"GET /billing/invoices/{invoice}/checkout", SignedIn, s.requireSignIn(s.checkoutReturn)},
		{"GET /billing/payments/{payment}/receipt", SignedIn, s.requireSignIn(s.receiptPDF)},
		{"POST /billing/payments/{payment}/refunds", SignedIn, s.requireSignIn(s.adminOnly(s.refundCreate))},
		{"POST /billing/fees/{fee}/waive", SignedIn, s.requireSignIn(s.adminOnly(s.feeWaive))},
		{"GET /billing/statement", SignedIn, s.requireSignIn(s.statementShow)},
		{"GET /billing/reports", SignedIn, s.requireSignIn(s.adminOnly(s.billingReports))},
		{"GET /billing/reports/csv", SignedIn, s.requireSignIn(s.adminOnly(s.billingReportCSV))},
		{"GET /billing/setup", SignedIn, s.requireSignIn(s.adminOnly(s.billingSetup))},
		{"POST /billing/setup/settings", SignedIn, s.requireSignIn(s.adminOnly(s.billingSettingsSave))},
		{"POST /billing/setup/fees", SignedIn, s.requireSignIn(s.adminOnly(s.billingFeeSave))},
		{"POST /billing/setup/tiers", SignedIn, s.requireSignIn(s.adminOnly(s.billingTierSave))},
		{"POST /billing/setup/assignments", SignedIn, s.requireSignIn(s.adminOnly(s.billingTierAssign))},
		{"POST /billing/setup/packages", SignedIn, s.requireSignIn(s.adminOnly(s.billingPackageSell))},
	}
}
