package httpx_test

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/httpx"
)

// TestAccessLogHasNoTokens: reset, invitation, sign-in link and calendar
// feed tokens never reach the access log.
func TestAccessLogHasNoTokens(t *testing.T) {
	var buf bytes.Buffer
	h := httpx.Logging(slog.New(slog.NewTextHandler(&buf, nil)), http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	const secret = "s3cr3t-token-AbCdEf0123456789"
	for _, p := range []string{"/reset/", "/invite/", "/signin/link/", "/calendar/feed/"} {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", p+secret+".ics", nil))
	}
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/journal/42", nil))
	if strings.Contains(buf.String(), secret) {
		t.Errorf("access log holds a token:\n%s", buf.String())
	}
	if !strings.Contains(buf.String(), "path=/reset/REDACTED") || !strings.Contains(buf.String(), "path=/journal/42") {
		t.Errorf("access log lost the paths:\n%s", buf.String())
	}
}

// TestSecureSessionCookie: over https the sign-in cookie is __Host- (Secure,
// Path=/, no Domain), and a plain cookie of the old name is not a session.
func TestSecureSessionCookie(t *testing.T) {
	rec := httptest.NewRecorder()
	httpx.SetSessionCookie(rec, "tok", true)
	c := rec.Result().Cookies()[0]
	if c.Name != "__Host-afterward_session" || !c.Secure || c.Path != "/" || c.Domain != "" || !c.HttpOnly {
		t.Errorf("cookie over https = %+v", c)
	}
	r := httptest.NewRequest("GET", "/", nil)
	r.AddCookie(&http.Cookie{Name: httpx.SessionCookie, Value: "planted"})
	if got := httpx.SessionToken(r, true); got != "" {
		t.Errorf("over https a plain cookie gave session token %q, want none", got)
	}
	r.AddCookie(&http.Cookie{Name: httpx.SecureSessionCookie, Value: "tok"})
	if got := httpx.SessionToken(r, true); got != "tok" {
		t.Errorf("session token = %q, want tok", got)
	}
}
