// Package web serves Afterward's HTML pages: html/template pages in one
// layout, htmx for enhancement, embedded assets under content-hash URLs.
// Handlers are short: parse the request, call one service method, render a
// typed page model.
package web

import (
	"context"
	"html/template"
	"log/slog"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/adverse"
	"github.com/afterward/afterward/internal/agreement"
	"github.com/afterward/afterward/internal/alert"
	"github.com/afterward/afterward/internal/auth"
	"github.com/afterward/afterward/internal/billing"
	"github.com/afterward/afterward/internal/careteam"
	"github.com/afterward/afterward/internal/checkin"
	"github.com/afterward/afterward/internal/coach"
	"github.com/afterward/afterward/internal/contact"
	"github.com/afterward/afterward/internal/crisis"
	"github.com/afterward/afterward/internal/intake"
	"github.com/afterward/afterward/internal/journal"
	"github.com/afterward/afterward/internal/licence"
	"github.com/afterward/afterward/internal/message"
	"github.com/afterward/afterward/internal/note"
	"github.com/afterward/afterward/internal/notify"
	"github.com/afterward/afterward/internal/plan"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/practice"
	"github.com/afterward/afterward/internal/privacy"
	"github.com/afterward/afterward/internal/progress"
	"github.com/afterward/afterward/internal/questionnaire"
	"github.com/afterward/afterward/internal/regulated"
	"github.com/afterward/afterward/internal/schedule"
)

// Deps is what the pages need, grouped as the product is: the people and
// their sign-in, safety, coaching, the client space, clinicians, measures
// and billing. Handlers read e.g. s.Safety.Intakes or s.Coaching.Schedule.
type Deps struct {
	Log         *slog.Logger
	Now         func() time.Time
	Settings    Settings
	People      People
	Safety      Safety
	Coaching    Coaching
	ClientSpace ClientSpace
	Clinicians  Clinicians
	Measures    Measures
	Billing     *billing.Service
}

// Settings are the deployment's settings the pages read.
type Settings struct {
	BaseURL       string // for calendar links
	SecureCookies bool
	Demo          bool   // demo mode: the TOTP page mentions the demo secret
	Region        string // default crisis-resources region
}

// People are accounts and sign-in, the practice and its roster, privacy,
// clients' contact details and email preferences.
type People struct {
	Accounts  *account.Service
	Auth      *auth.Service
	Practices *practice.Service
	Privacy   *privacy.Service
	Contacts  *contact.Service
	Prefs     notify.PrefStore // email preferences and quiet hours
}

// Safety is the intake with its triage, safety alerts and the safety
// queue, crisis help and the adverse-reaction log.
type Safety struct {
	Intakes *intake.Service
	Alerts  *alert.Service
	Crisis  *crisis.Service // practices' crisis help; nil uses the region defaults
	Adverse *adverse.Service
}

// Coaching is the coach directory and matching, sessions and availability,
// integration plans, session notes, the coaching agreement and the
// regulated programmes' records.
type Coaching struct {
	Coaches    *coach.Service
	Schedule   *schedule.Service
	Plans      *plan.Service
	Notes      *note.Service
	Agreements *agreement.Service
	Regulated  *regulated.Service
}

// ClientSpace is the client's private space: journal, check-ins, messages
// and the journey timeline.
type ClientSpace struct {
	Journal  *journal.Service
	CheckIns *checkin.Service
	Messages *message.Service
	Progress *progress.Service
}

// Clinicians is consent-based collaboration with clinicians: the care team
// and FHIR export.
type Clinicians struct {
	CareTeam *careteam.Service
	FHIR     FHIRBundles
}

// Measures are the questionnaires and the licence switches of
// licence-gated instruments.
type Measures struct {
	Questionnaires *questionnaire.Service
	Licences       *licence.Service
}

// FHIRBundles exports a client's FHIR bundle for an authorized actor.
type FHIRBundles interface {
	ClientBundle(ctx context.Context, actor policy.Actor, clientID int64) ([]byte, error)
}

// Server is the HTML surface.
type Server struct {
	Deps
	log       *slog.Logger
	region    string
	assets    *assets
	templates map[string]*template.Template
	head      template.HTML // the layout's asset links (headHTML)
}

// New parses templates and indexes assets; it fails fast on a broken
// template.
func New(d Deps) (*Server, error) {
	a, err := loadAssets()
	if err != nil {
		return nil, err
	}
	funcs := template.FuncMap{"asset": a.url, "dial": dialURL, "inc": func(i int) int { return i + 1 }, "dict": dict,
		"zones": func() []string { return zones }, "label": label, "heading": heading, "dueday": dueDay, "when": formatTime, "day": dayAsIs}
	t, err := parseTemplates(funcs)
	if err != nil {
		return nil, err
	}
	region := d.Settings.Region
	if region == "" {
		region = "US"
	}
	return &Server{Deps: d, log: d.Log, region: region, assets: a, templates: t, head: headHTML(a)}, nil
}

// dialURL lets tel: and sms: links through html/template, which otherwise
// rewrites every non-http URL to #ZgotmplZ. Anything else becomes "#".
func dialURL(href string) template.URL {
	if strings.HasPrefix(href, "tel:") || strings.HasPrefix(href, "sms:") {
		return template.URL(href)
	}
	return "#"
}
