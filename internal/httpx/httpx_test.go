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
