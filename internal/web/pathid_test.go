package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

// TestMalformedPathIDs: an id in the path that is not a positive number is
// a not found on every surface — the 404 page for pages, problem+json for
// the API — never a 500 or a read of record 0. Handlers read ids through
// httpx.PathID.
func TestMalformedPathIDs(t *testing.T) {
	srv := apptest.NewServer(t, store.SQLite)
	tests := []struct {
		name, as, method, path string
		wantType               string
	}{
		{"session word", jonah, "GET", "/sessions/abc", "text/html"},
		{"session note zero", jonah, "GET", "/sessions/0/note", "text/html"},
		{"client plan negative", jonah, "GET", "/clients/-4/plan", "text/html"},
		{"client chart overflow", jonah, "GET", "/clients/99999999999999999999", "text/html"},
		{"invoice word", maya, "GET", "/billing/invoices/first", "text/html"},
		{"journal entry word", elena, "GET", "/journal/latest", "text/html"},
		{"safety source word", jonah, "GET", "/safety/x1/source", "text/html"},
		{"api coach word", "", "GET", "/api/v1/coaches/jonah", "application/problem+json"},
		{"api payment on a word", maya, "POST", "/api/v1/billing/invoices/abc/payments", "application/problem+json"},
	}
	clients := map[string]*http.Client{"": {}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, ok := clients[tc.as]
			if !ok {
				c = srv.SignIn(t, tc.as)
				clients[tc.as] = c
			}
			header := map[string]string{}
			if strings.HasPrefix(tc.path, "/api/") {
				header["Content-Type"] = "application/json"
			}
			resp := apptest.Do(t, c, tc.method, srv.URL+tc.path, "", header)
			if resp.Status != http.StatusNotFound {
				t.Fatalf("status = %d, want 404; body: %.300s", resp.Status, resp.Body)
			}
			if got := resp.Header.Get("Content-Type"); !strings.HasPrefix(got, tc.wantType) {
				t.Errorf("content type = %q, want %s", got, tc.wantType)
			}
		})
	}
}
