package httpx_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/afterward/afterward/internal/httpx"
)

func TestClientAddress(t *testing.T) {
	trusted, err := httpx.ParseProxies("10.0.0.0/8, 192.0.2.10")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, remote, forwarded string
		trusted                 bool
		want                    string
	}{
		{"no proxy configured: the header is ignored", "198.51.100.7:4000", "203.0.113.9", false, "198.51.100.7"},
		{"an untrusted sender cannot forge it", "198.51.100.7:4000", "203.0.113.9", true, "198.51.100.7"},
		{"from a trusted proxy", "10.1.2.3:4000", "203.0.113.9", true, "203.0.113.9"},
		{"forged left entries are skipped", "10.1.2.3:4000", "1.1.1.1, 203.0.113.9", true, "203.0.113.9"},
		{"through two trusted hops", "192.0.2.10:4000", "203.0.113.9, 10.9.9.9", true, "203.0.113.9"},
		{"garbage ends the walk", "10.1.2.3:4000", "203.0.113.9, not-an-ip", true, "10.1.2.3"},
		{"no header", "10.1.2.3:4000", "", true, "10.1.2.3"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got string
			h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got = httpx.ClientIP(r) })
			nets := trusted
			if !tc.trusted {
				nets = nil
			}
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = tc.remote
			if tc.forwarded != "" {
				r.Header.Set("X-Forwarded-For", tc.forwarded)
			}
			httpx.ClientAddress(nets, h).ServeHTTP(httptest.NewRecorder(), r)
			if got != tc.want {
				t.Errorf("client address = %q, want %q", got, tc.want)
			}
		})
	}
	if _, err := httpx.ParseProxies("10.0.0.0/33"); err == nil {
		t.Error("a bad range was accepted")
	}
}
