package web_test

import (
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
	page, problem := "text/html", "application/problem+json"
	runScenarios(t, srv, []scenario{
		{name: "session word", as: jonah, method: "GET", path: "/sessions/abc", wantStatus: 404, wantType: page},
		{name: "session note zero", as: jonah, method: "GET", path: "/sessions/0/note", wantStatus: 404, wantType: page},
		{name: "client plan negative", as: jonah, method: "GET", path: "/clients/-4/plan", wantStatus: 404, wantType: page},
		{name: "client chart overflow", as: jonah, method: "GET", path: "/clients/99999999999999999999", wantStatus: 404, wantType: page},
		{name: "invoice word", as: maya, method: "GET", path: "/billing/invoices/first", wantStatus: 404, wantType: page},
		{name: "journal entry word", as: elena, method: "GET", path: "/journal/latest", wantStatus: 404, wantType: page},
		{name: "safety source word", as: jonah, method: "GET", path: "/safety/x1/source", wantStatus: 404, wantType: page},
		{name: "api coach word", as: elena, method: "GET", path: "/api/v1/coaches/jonah", json: true, wantStatus: 404, wantType: problem},
		{name: "api payment on a word", as: maya, method: "POST", path: "/api/v1/billing/invoices/abc/payments", json: true, wantStatus: 404, wantType: problem},
	})
}
