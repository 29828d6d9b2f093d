package httpx_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/httpx"
)

func TestCheckText(t *testing.T) {
	cases := []struct {
		name, path, contentType, body string
		wantField                     string // "" when the handler runs
	}{
		{"plain form", "/x", "application/x-www-form-urlencoded", "purpose=Therapy&note=caf%C3%A9", ""},
		{"NUL in a form", "/x", "application/x-www-form-urlencoded", "purpose=ok&note=a%00b", "note"},
		{"invalid UTF-8 in a form", "/x", "application/x-www-form-urlencoded", "name=%FF%FE", "name"},
		{"NUL in the query", "/x?q=a%00", "", "", "q"},
		{"JSON fine", "/x", "application/json", `{"reason":"ok","items":[{"n":"é"}]}`, ""},
		{"JSON NUL", "/x", "application/json", `{"amount":1,"reference":"a\u0000b"}`, "reference"},
		{"JSON NUL nested", "/x", "application/json", `{"a":{"b":[1,"x"]},"c":"y\u0000"}`, "c"},
		{"JSON invalid UTF-8", "/x", "application/json", "{\"reason\":\"\xff\"}", "body"},
		{"malformed JSON is the handler's", "/x", "application/json", `{"reason":`, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var refused error
			ran := false
			h := httpx.CheckText(func(w http.ResponseWriter, r *http.Request, err error) { refused = err },
				http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { ran = true }))
			r := httptest.NewRequest("POST", tc.path, strings.NewReader(tc.body))
			if tc.contentType != "" {
				r.Header.Set("Content-Type", tc.contentType)
			}
			h.ServeHTTP(httptest.NewRecorder(), r)
			if tc.wantField == "" {
				if !ran || refused != nil {
					t.Errorf("refused %v, want the handler to run", refused)
				}
				return
			}
			var e *errs.Error
			if ran || !errors.As(refused, &e) || e.Fields[tc.wantField] == "" || !strings.Contains(e.Msg, tc.wantField) {
				t.Errorf("refusal %v (handler ran %v), want one naming %q", refused, ran, tc.wantField)
			}
		})
	}
}
