package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

// TestAvailabilityAndNoticePages: the coach sets weekly hours, a day off
// and the meeting place, with inline errors; the admin sets the notice
// policy; other roles are refused before any field error.
func TestAvailabilityAndNoticePages(t *testing.T) {
	srv := apptest.NewServer(t, store.SQLite)
	admin := maya
	clients := map[string]*http.Client{jonah: srv.SignIn(t, jonah), admin: srv.SignIn(t, admin), "client": srv.SignIn(t, "aisha@client.example.org")}
	week := "action=week&from_mon=09%3A00&to_mon=17%3A00&from_wed=10%3A00&to_wed=14%3A30"
	notice := "min_booking=3&cancel_notice=48"
	for _, tc := range []struct {
		name, as, method, path, body string
		wantStatus                   int
		want, notWant                []string
	}{
		{"coach saves the week", jonah, "POST", "/settings/availability", week, 303, nil, nil},
		{"coach adds a day off", jonah, "POST", "/settings/availability", "action=dayoff&day=2031-05-02&note=away", 303, nil, nil},
		{"coach sets the place", jonah, "POST", "/settings/availability", "action=place&room_url=https%3A%2F%2Fmeet.example.org%2Fjonah&address=1+River+St", 303, nil, nil},
		{"coach sees the setup", jonah, "GET", "/settings/availability", "", 200,
			[]string{`id="from_mon" name="from_mon" type="time" step="900" value="09:00"`, `value="14:30"`, "2031-05-02", "https://meet.example.org/jonah"}, nil},
		{"end before start inline", jonah, "POST", "/settings/availability", "action=week&from_tue=17%3A00&to_tue=09%3A00", 422, []string{"day_tue-error"}, nil},
		{"half-filled day inline", jonah, "POST", "/settings/availability", "action=week&from_thu=09%3A00", 422, []string{"day_thu-error"}, nil},
		{"bad day off inline", jonah, "POST", "/settings/availability", "action=dayoff&day=soon", 422, []string{"day-error", "enter a date like"}, nil},
		{"plain http room inline", jonah, "POST", "/settings/availability", "action=place&room_url=http%3A%2F%2Fmeet.example.org", 422, []string{"room_url-error"}, nil},
		{"client refused", "client", "POST", "/settings/availability", "action=dayoff&day=soon", 403, nil, []string{"field-error"}},
		{"admin saves the notice", admin, "POST", "/settings/notice", notice, 303, nil, nil},
		{"admin sees the notice with billing's fees", admin, "GET", "/settings/notice", "", 200,
			[]string{`value="48"`, "Cancelling less than 48 hours before a session costs 50% of its fee; a missed session costs 100%.", `href="/billing/setup"`}, []string{`name="late_cancel_fee"`}},
		{"bad hours inline", admin, "POST", "/settings/notice", strings.Replace(notice, "cancel_notice=48", "cancel_notice=a+day", 1), 422, []string{"cancel_notice-error"}, nil},
		{"coach refused the notice", jonah, "POST", "/settings/notice", "currency=x", 403, nil, []string{"field-error"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := apptest.Do(t, clients[tc.as], tc.method, srv.URL+tc.path, tc.body, nil)
			if resp.Status != tc.wantStatus {
				t.Fatalf("status = %d, want %d", resp.Status, tc.wantStatus)
			}
			for _, w := range tc.want {
				if !strings.Contains(resp.Body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(resp.Body, w) {
					t.Errorf("page shows %q", w)
				}
			}
		})
	}
}
