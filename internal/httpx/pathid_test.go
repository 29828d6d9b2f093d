package httpx_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/httpx"
)

func TestPathID(t *testing.T) {
	for _, tc := range []struct {
		name, path string
		want       int64
		wantErr    bool
	}{
		{"plain id", "/things/42", 42, false},
		{"largest id", "/things/9223372036854775807", 9223372036854775807, false},
		{"zero", "/things/0", 0, true},
		{"negative", "/things/-3", 0, true},
		{"word", "/things/abc", 0, true},
		{"overflow", "/things/9223372036854775808", 0, true},
		{"trailing text", "/things/4x", 0, true},
		{"plus sign", "/things/+4", 4, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got int64
			var err error
			mux := http.NewServeMux()
			mux.HandleFunc("GET /things/{id}", func(w http.ResponseWriter, r *http.Request) { got, err = httpx.PathID(r, "id") })
			mux.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", tc.path, nil))
			if tc.wantErr {
				if !errs.Is(err, errs.NotFound) {
					t.Fatalf("PathID(%q) err = %v, want not found", tc.path, err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("PathID(%q) = %d, %v; want %d", tc.path, got, err, tc.want)
			}
		})
	}
}
