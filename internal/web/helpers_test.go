package web_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
)

type httpClient = http.Client

// clientID looks up a demo client's id by email.
func clientID(t testing.TB, srv *apptest.Server, email string) string {
	t.Helper()
	var id int64
	if err := srv.App.DB.Reader().QueryRow(context.Background(), `SELECT id FROM users WHERE email = ?`, email).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return strconv.FormatInt(id, 10)
}

func mustInt(s string) int64 {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		panic(err)
	}
	return n
}

// scenario is one request in an HTTP scenario table: who sends it, what
// comes back, and what the body must and must not contain.
type scenario struct {
	name, as, method, path, body string
	header                       map[string]string
	json                         bool // send the body as application/json
	wantStatus                   int
	wantType                     string
	want, notWant                []string
}

// runScenarios sends each request as its actor (signed in once each) and
// checks status, content type and body, in order.
func runScenarios(t *testing.T, srv *apptest.Server, tests []scenario) {
	t.Helper()
	clients := map[string]*http.Client{}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, ok := clients[tc.as]
			if !ok {
				c = srv.SignIn(t, tc.as)
				clients[tc.as] = c
			}
			header := tc.header
			if tc.json {
				header = map[string]string{"Content-Type": "application/json"}
			}
			resp := apptest.Do(t, c, tc.method, srv.URL+tc.path, tc.body, header)
			if resp.Status != tc.wantStatus {
				t.Fatalf("status = %d, want %d; body: %.400s", resp.Status, tc.wantStatus, resp.Body)
			}
			checkSecurityHeaders(t, resp.Header)
			if tc.wantType != "" && !strings.HasPrefix(resp.Header.Get("Content-Type"), tc.wantType) {
				t.Errorf("content type = %q, want %q", resp.Header.Get("Content-Type"), tc.wantType)
			}
			for _, w := range tc.want {
				if !strings.Contains(resp.Body, w) {
					t.Errorf("body lacks %q", w)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(resp.Body, w) {
					t.Errorf("body contains %q, which this visitor must not see", w)
				}
			}
		})
	}
}
