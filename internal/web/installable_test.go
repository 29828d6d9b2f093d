package web_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

// TestInstallable: the manifest names real icons, the service worker is
// served from the root, the offline page carries nobody's data, and a
// signed-in person is not offered "Sign in" on the home page.
func TestInstallable(t *testing.T) {
	srv := apptest.NewServer(t, store.SQLite)
	guest := apptest.Client(t)
	resp := apptest.Do(t, guest, "GET", srv.URL+"/manifest.webmanifest", "", nil)
	var m struct {
		Name     string
		StartURL string `json:"start_url"`
		Display  string
		Icons    []struct{ Src, Sizes, Type string }
	}
	if err := json.Unmarshal([]byte(resp.Body), &m); err != nil || m.StartURL != "/dashboard" || len(m.Icons) < 2 {
		t.Fatalf("manifest %q: %+v %v", resp.Body, m, err)
	}
	for _, ic := range m.Icons {
		if r := apptest.Do(t, guest, "GET", srv.URL+ic.Src, "", nil); r.Status != 200 || !strings.HasPrefix(r.Header.Get("Content-Type"), ic.Type) {
			t.Errorf("icon %s: %d %s", ic.Src, r.Status, r.Header.Get("Content-Type"))
		}
	}
	runScenarios(t, srv, []scenario{
		{name: "service worker from the root", method: "GET", path: "/sw.js", wantStatus: 200, wantType: "text/javascript", want: []string{"self.ASSETS", "/offline"}},
		{name: "offline page", method: "GET", path: "/offline", wantStatus: 200, want: []string{"You are offline", "emergency"}},
		{name: "offline page shows nobody's name", as: aisha, method: "GET", path: "/offline", wantStatus: 200, want: []string{`href="/signin"`}, notWant: []string{"Aisha", "I&#8217;m not safe"}},
		{name: "home links the manifest and icon", method: "GET", path: "/", wantStatus: 200, want: []string{`rel="manifest"`, `rel="icon"`, `href="/signin"`}},
		{name: "signed-in home offers the dashboard", as: aisha, method: "GET", path: "/", wantStatus: 200, want: []string{"Go to your dashboard"}, notWant: []string{">Sign in<"}},
	})
}
