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
	"github.com/afterward/afterward/internal/policy"
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

// Route is one API route and its declared access (see httpx.Access): the
// roles are enforced here, and the route access test sends every route as
// every role.
type Route struct {
	Pattern string
	Access  httpx.Access
	Handler http.Handler
}

var (
	anyone       = httpx.Only(account.Admin, account.Coach, account.Client, account.Clinician)
	staff        = httpx.Only(account.Admin, account.Coach)
	adminsOnly   = httpx.Only(account.Admin)
	billingRoles = httpx.Only(account.Admin, account.Coach, account.Client) // clinicians see no billing
)

// Routes lists every API route. Keep it on one screen.
func (s *Server) Routes() []Route {
	routes := []Route{
		{"GET /api/v1/openapi.json", httpx.Public, http.HandlerFunc(s.openapi)},
		{"GET /api/v1/me", anyone, s.signedIn(s.meShow)},
		{"GET /api/v1/clients", staff, s.signedIn(s.clientsList)},
		{"GET /api/v1/coaches", httpx.Public, http.HandlerFunc(s.coachesSearch)},
		{"GET /api/v1/coaches/{id}", httpx.Public.On("coach"), http.HandlerFunc(s.coachShow)},
		{"GET /api/v1/billing/invoices", billingRoles, s.signedIn(s.billingInvoices)},
		{"POST /api/v1/billing/invoices/{invoice}/payments", adminsOnly.Writes("invoice", policy.Billing), s.signedIn(s.billingPaymentCreate)},
		{"POST /api/v1/billing/stripe/webhook/{practice}", httpx.Public.On("practice"), http.HandlerFunc(s.stripeWebhook)},
		{"GET /api/v1/outcomes", adminsOnly, s.signedIn(s.outcomesShow)},
		{"GET /api/v1/sessions", anyone, s.signedIn(s.sessionsList)},
		{"POST /api/v1/sessions", anyone, s.signedIn(s.sessionCreate)},
		{"/api/", httpx.Public, http.HandlerFunc(s.notFound)},
	}
	refuse := httpx.Refusals{
		SignIn: func(w http.ResponseWriter, r *http.Request) {
			writeError(s.Log, w, r, errs.E(errs.Unauthorized, "sign in first"))
		},
		WrongRole: func(w http.ResponseWriter, r *http.Request) {
			writeError(s.Log, w, r, errs.E(errs.Forbidden, "this endpoint is not available to your account"))
		},
	}
	for i, rt := range routes {
		routes[i].Handler = httpx.LimitBody(httpx.MaxFormBody, httpx.Gate(rt.Access, refuse, httpx.CheckText(s.problem, rt.Handler)))
	}
	return routes
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

// problem answers an error as problem+json (for the route wrappers).
func (s *Server) problem(w http.ResponseWriter, r *http.Request, err error) {
	writeError(s.Log, w, r, err)
}

func (s *Server) openapi(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(openAPI)
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	writeError(s.Log, w, r, errs.NotFoundf("no such API endpoint"))
}
