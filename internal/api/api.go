// Package api serves the JSON API under /api/v1, documented by the OpenAPI
// 3.1 document at /api/v1/openapi.json. Errors are RFC 9457 problem details.
package api

import (
	_ "embed"
	"log/slog"
	"net/http"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/billing"
	"github.com/afterward/afterward/internal/coach"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/httpx"
	"github.com/afterward/afterward/internal/practice"
	"github.com/afterward/afterward/internal/questionnaire"
	"github.com/afterward/afterward/internal/schedule"
)

//go:embed openapi.json
var openAPI []byte

// OpenAPI returns the API description (for tests).
func OpenAPI() []byte { return openAPI }

// Deps is what the API needs.
type Deps struct {
	Log            *slog.Logger
	Accounts       *account.Service
	Practices      *practice.Service
	Coaches        *coach.Service
	Billing        *billing.Service
	Questionnaires *questionnaire.Service
	Schedule       *schedule.Service
	Now            func() time.Time
}

// Server is the JSON surface.
type Server struct{ Deps }

// New returns the API server.
func New(d Deps) *Server { return &Server{Deps: d} }

// Route is one API route and who may call it.
type Route struct {
	Pattern string
	Public  bool
	Handler http.Handler
}

// Routes lists every API route. Keep it on one screen.
func (s *Server) Routes() []Route {
	return []Route{
		{"GET /api/v1/openapi.json", true, http.HandlerFunc(s.openapi)},
		{"GET /api/v1/me", false, s.signedIn(s.meShow)},
		{"GET /api/v1/clients", false, s.signedIn(s.clientsList)},
		{"GET /api/v1/coaches", true, http.HandlerFunc(s.coachesSearch)},
		{"GET /api/v1/coaches/{id}", true, http.HandlerFunc(s.coachShow)},
		{"GET /api/v1/billing/invoices", false, s.signedIn(s.billingInvoices)},
		{"POST /api/v1/billing/invoices/{invoice}/payments", false, s.signedIn(s.billingPaymentCreate)},
		{"POST /api/v1/billing/stripe/webhook/{practice}", true, http.HandlerFunc(s.stripeWebhook)},
		{"GET /api/v1/outcomes", false, s.signedIn(s.outcomesShow)},
		{"GET /api/v1/sessions", false, s.signedIn(s.sessionsList)},
		{"POST /api/v1/sessions", false, s.signedIn(s.sessionCreate)},
		{"/api/", true, http.HandlerFunc(s.notFound)},
	}
}

// Register adds the API routes to mux.
func (s *Server) Register(mux *http.ServeMux) {
	for _, rt := range s.Routes() {
		mux.Handle(rt.Pattern, rt.Handler)
	}
}

func (s *Server) signedIn(h func(http.ResponseWriter, *http.Request, account.Session)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sess, ok := httpx.SessionFrom(r.Context())
		if !ok {
			writeError(s.Log, w, r, errs.E(errs.Unauthorized, "sign in first"))
			return
		}
		h(w, r, sess)
	})
}

func (s *Server) openapi(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(openAPI)
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	writeError(s.Log, w, r, errs.NotFoundf("no such API endpoint"))
}
