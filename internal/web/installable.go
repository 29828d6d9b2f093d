package web

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/afterward/afterward/internal/httpx"
)

// The installable web app: a manifest, the service worker (served from the
// root so its scope is the whole site) and the offline page it keeps.

func (s *Server) manifest(w http.ResponseWriter, r *http.Request) {
	type icon struct {
		Src     string `json:"src"`
		Sizes   string `json:"sizes"`
		Type    string `json:"type"`
		Purpose string `json:"purpose,omitempty"`
	}
	m := struct {
		Name            string `json:"name"`
		ShortName       string `json:"short_name"`
		Description     string `json:"description"`
		StartURL        string `json:"start_url"`
		Scope           string `json:"scope"`
		Display         string `json:"display"`
		ThemeColor      string `json:"theme_color"`
		BackgroundColor string `json:"background_color"`
		Icons           []icon `json:"icons"`
	}{Name: "Afterward", ShortName: "Afterward", Description: "Integration coaching after a psychedelic experience",
		StartURL: "/dashboard", Scope: "/", Display: "standalone", ThemeColor: "#2f6f62", BackgroundColor: "#fbfaf7",
		Icons: []icon{{s.assets.url("icon-192.png"), "192x192", "image/png", "any"}, {s.assets.url("icon-512.png"), "512x512", "image/png", "any"},
			{s.assets.url("icon.svg"), "any", "image/svg+xml", "any"}}}
	w.Header().Set("Content-Type", "application/manifest+json")
	w.Header().Set("Cache-Control", "no-cache")
	_ = json.NewEncoder(w).Encode(m)
}

// serviceWorker serves static/sw.js from the root, with the hashed asset
// URLs the offline page needs, so they are cached on install.
func (s *Server) serviceWorker(w http.ResponseWriter, r *http.Request) {
	body, err := staticFS.ReadFile("static/sw.js")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	assets, _ := json.Marshal([]string{s.assets.url("app.css"), s.assets.url("icon.svg")})
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	_, _ = w.Write([]byte("self.ASSETS = " + string(assets) + ";\n" + strings.TrimSpace(string(body)) + "\n"))
}

type offlinePage struct{}

// offline is what the service worker shows when there is no network. It
// is rendered signed out (no name, no menu), so caching it keeps nothing
// about anyone.
func (s *Server) offline(w http.ResponseWriter, r *http.Request) {
	r = r.WithContext(httpx.WithoutSession(r.Context()))
	render(s, w, r, http.StatusOK, "offline", "Offline", offlinePage{})
}
