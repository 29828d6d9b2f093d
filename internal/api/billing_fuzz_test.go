package api

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/errs"
)

// FuzzDecodePayment: any body either decodes or is refused as invalid
// input, never a panic or an internal error.
func FuzzDecodePayment(f *testing.F) {
	for _, s := range []string{`{"amount": 100, "method": "cash"}`, `{"amount": "1"}`, `{"x": 1}`, `{} {}`, ``, `[`, `{"amount": 1e99}`,
		`{"amount": 100, "method": "cash", "reference": "a", "received_at": "2026-03-02T17:00:00Z"}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		var req paymentRequest
		err := decodeStrict(httptest.NewRequest("POST", "/", strings.NewReader(body)), &req)
		if err != nil && !errs.Is(err, errs.Invalid) {
			t.Fatalf("decode(%q) = %v, want nil or an invalid-input error", body, err)
		}
	})
}
