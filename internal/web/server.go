// Package web serves Afterward's HTML pages: html/template pages in one
// layout, htmx for enhancement, embedded assets under content-hash URLs.
// Handlers are short: parse the request, call one service method, render a
// typed page model.
package web

import (
	"html/template"
	"log/slog"
	"net/http"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/practice"
	"github.com/afterward/afterward/internal/privacy"
	"github.com/afterward/afterward/internal/questionnaire"
)

// Deps is what the pages need.
type Deps struct {
	Log           *slog.Logger
	Accounts      *account.Service
	Practices     *practice.Service
	Privacy       *privacy.Service
	Progress      *questionnaire.Service
	SecureCookies bool
	Region        string // default crisis-resources region
	Now           func() time.Time
}

// Server is the HTML surface.
type Server struct {
	Deps
	log       *slog.Logger
	region    string
	assets    *assets
	templates map[string]*template.Template
}

// New parses templates and indexes assets; it fails fast on a broken
// template.
func New(d Deps) (*Server, error) {
	a, err := loadAssets()
	if err != nil {
		return nil, err
	}
	funcs := template.FuncMap{"asset": a.url}
	t, err := parseTemplates(funcs)
	if err != nil {
		return nil, err
	}
	region := d.Region
	if region == "" {
		region = "US"
	}
	return &Server{Deps: d, log: d.Log, region: region, assets: a, templates: t}, nil
}

// Register adds the page routes to mux.
func (s *Server) Register(mux *http.ServeMux) {
	for _, rt := range s.Routes() {
		mux.Handle(rt.Pattern, rt.Handler)
	}
}
