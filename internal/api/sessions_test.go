package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

// TestSessionsAPI: list the caller's sessions and book one, with
// problem+json errors (400 malformed, 401, 404 for a stranger's client
// before any field error, 422 fields).
func TestSessionsAPI(t *testing.T) {
	srv := apptest.NewServer(t, store.SQLite)
	var aisha int64
	if err := srv.App.DB.Reader().QueryRow(context.Background(), `SELECT id FROM users WHERE email = 'aisha@client.example.org'`).Scan(&aisha); err != nil {
		t.Fatal(err)
	}
	users := map[string]*http.Client{
		"jonah": srv.SignIn(t, "jonah@riverbend.example.org"), "priya": srv.SignIn(t, "priya@riverbend.example.org"),
		"aisha": srv.SignIn(t, "aisha@client.example.org"), "nobody": apptest.Client(t),
	}
	start := time.Now().UTC().Add(40 * 24 * time.Hour).Truncate(time.Hour)
	book := func(start string) string {
		return `{"client_id": ` + strconv.FormatInt(aisha, 10) + `, "start": "` + start + `", "minutes": 60, "format": "in_person", "address": "1 River St"}`
	}
	jsonType, problem := "application/json", "application/problem+json"
	for _, tc := range []struct {
		name, as, method, path, body string
		wantStatus                   int
		wantType                     string
		want                         []string
	}{
		{"coach books", "jonah", "POST", "/api/v1/sessions", book(start.Format(time.RFC3339)), 201, jsonType, []string{`"status":"booked"`, `"client_id":` + strconv.FormatInt(aisha, 10)}},
		{"client sees it", "aisha", "GET", "/api/v1/sessions?to=" + start.Add(time.Hour).Format(time.RFC3339), "", 200, jsonType, []string{`"start":"` + start.Format(time.RFC3339) + `"`, `"location":"1 River St"`}},
		{"bad from", "aisha", "GET", "/api/v1/sessions?from=yesterday", "", 422, problem, []string{`"from":`}},
		{"to before from", "aisha", "GET", "/api/v1/sessions?from=2031-01-02T00:00:00Z&to=2031-01-01T00:00:00Z", "", 422, problem, []string{`"to":`}},
		{"signed out", "nobody", "GET", "/api/v1/sessions", "", 401, problem, nil},
		{"malformed body", "jonah", "POST", "/api/v1/sessions", `{"start": 5}`, 400, problem, []string{"malformed"}},
		{"unknown field", "jonah", "POST", "/api/v1/sessions", `{"when": "x"}`, 400, problem, nil},
		{"stranger's client before fields", "priya", "POST", "/api/v1/sessions", book("not a time"), 404, problem, nil},
		{"bad start", "jonah", "POST", "/api/v1/sessions", book("next week"), 422, problem, []string{`"start":"use an RFC 3339 time`}},
		{"staff must name the client", "jonah", "POST", "/api/v1/sessions", `{"start": "2031-01-01T10:00:00Z", "minutes": 60, "format": "video"}`, 422, problem, []string{`"client_id":"choose a client"`}},
		{"client books for themself", "aisha", "POST", "/api/v1/sessions", `{"start": "next week", "minutes": 60, "format": "video"}`, 422, problem, []string{`"start":`}},
		{"time taken", "jonah", "POST", "/api/v1/sessions", book(start.Format(time.RFC3339)), 409, problem, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			header := map[string]string{}
			if tc.body != "" {
				header["Content-Type"] = "application/json"
			}
			resp := apptest.Do(t, users[tc.as], tc.method, srv.URL+tc.path, tc.body, header)
			if resp.Status != tc.wantStatus {
				t.Fatalf("status = %d, want %d (%s)", resp.Status, tc.wantStatus, resp.Body)
			}
			if got := resp.Header.Get("Content-Type"); !strings.HasPrefix(got, tc.wantType) {
				t.Errorf("content type = %q, want %q", got, tc.wantType)
			}
			body := strings.ReplaceAll(resp.Body, " ", "")
			for _, w := range tc.want {
				if !strings.Contains(body, strings.ReplaceAll(w, " ", "")) {
					t.Errorf("body lacks %q: %s", w, resp.Body)
				}
			}
		})
	}
	t.Run("window before it is empty", func(t *testing.T) {
		resp := apptest.Do(t, users["aisha"], "GET", srv.URL+"/api/v1/sessions?from="+start.Add(-2*time.Hour).Format(time.RFC3339)+"&to="+start.Add(-time.Hour).Format(time.RFC3339), "", nil)
		var got struct {
			Sessions []map[string]any `json:"sessions"`
		}
		if err := jsonDecode(resp.Body, &got); err != nil || len(got.Sessions) != 0 {
			t.Errorf("sessions = %v (%v), want none", got.Sessions, err)
		}
	})
}

func jsonDecode(s string, v any) error { return json.Unmarshal([]byte(s), v) }
