package web_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/afterward/afterward/internal/web"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
)

// TestErrorPagesUseLayout: every error answer a person can land on is a
// page in the layout, with the crisis resources in its footer.
func TestErrorPagesUseLayout(t *testing.T) {
	srv := apptest.NewServer(t, apptest.Engines[0])
	crisis := []string{"In crisis or danger?", "988", "All crisis resources"}
	tests := []scenario{
		{name: "unknown path", method: "GET", path: "/no-such-page", wantStatus: 404, wantType: "text/html", want: append([]string{"Page not found"}, crisis...)},
		{name: "unknown path signed in", as: elena, method: "GET", path: "/coaches", wantStatus: 404, wantType: "text/html", want: append([]string{"Page not found", "Sign out"}, crisis...)},
		{name: "wrong method", method: "GET", path: "/signout", wantStatus: 405, wantType: "text/html", want: append([]string{"This page cannot do that"}, crisis...)},
		{name: "record not found", as: elena, method: "GET", path: "/sessions/999999", wantStatus: 404, wantType: "text/html", want: crisis},
		{name: "cross-site form", method: "POST", path: "/signin", body: "email=a&password=b",
			header: map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"}, wantStatus: 403, wantType: "text/html",
			want: append([]string{"That form could not be sent", "nothing has been changed"}, crisis...)},
		{name: "api keeps problem json", method: "GET", path: "/api/v1/nothing-here", wantStatus: 404, wantType: "application/problem+json"},
	}
	runScenarios(t, srv, tests)
}

// TestPanicBecomesErrorPage: a panicking page answers with the layout's
// error page (status 500, crisis resources), not a stack trace or plain text.
func TestPanicBecomesErrorPage(t *testing.T) {
	pages, err := web.New(web.Deps{Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /boom", func(http.ResponseWriter, *http.Request) { panic("boom") })
	rec := httptest.NewRecorder()
	pages.ErrorPages(mux).ServeHTTP(rec, httptest.NewRequest("GET", "/boom", nil))
	if rec.Code != http.StatusInternalServerError {
		t.Fatalf("status = %d, want 500", rec.Code)
	}
	for _, want := range []string{"Something went wrong", "In crisis or danger?", "988"} {
		if !strings.Contains(rec.Body.String(), want) {
			t.Errorf("body lacks %q", want)
		}
	}
	if strings.Contains(rec.Body.String(), "boom") {
		t.Error("the panic's value reached the page")
	}
}
