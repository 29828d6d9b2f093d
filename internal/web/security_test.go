package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/alert"
	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

// TestPublicReferralThrottle: the anonymous referral form sends email to
// addresses strangers type, so one network gets a few an hour.
func TestPublicReferralThrottle(t *testing.T) {
	srv := apptest.NewServer(t, store.SQLite)
	anon := &http.Client{}
	var last apptest.Response
	for i := range 6 {
		body := fmt.Sprintf("name=Person+%d&email=person%d%%40example.org&reason=Wants+support&urgency=routine&referrer_name=Sam&referrer_email=sam%%40example.org", i, i)
		last = apptest.Do(t, anon, "POST", srv.URL+"/refer/riverbend", body, nil)
		if i < 5 && last.Status != 200 {
			t.Fatalf("referral %d: status %d, want 200; body %.300s", i+1, last.Status, last.Body)
		}
	}
	if last.Status != http.StatusTooManyRequests {
		t.Errorf("sixth referral in an hour from one address: status %d, want 429", last.Status)
	}
}

// TestAdminListsWithholdClinicalDetail: the safety queue and the intakes
// list show an admin that alerts and outcomes exist, not their clinical
// reasons (break-glass opens those), and every read of either list is
// audited for each client on it.
func TestAdminListsWithholdClinicalDetail(t *testing.T) {
	srv := apptest.NewServer(t, store.SQLite)
	reason := alert.ReasonLabel(alert.ReasonCrisisLanguage)
	runScenarios(t, srv, []scenario{
		{name: "coach sees the reason", as: jonah, method: "GET", path: "/safety", wantStatus: 200, want: []string{reason}},
		{name: "admin sees the alert, not its reason", as: maya, method: "GET", path: "/safety", wantStatus: 200,
			want: []string{"Sofia Rossi", "Reason withheld"}, notWant: []string{reason}},
		{name: "admin sees intakes, not outcomes", as: maya, method: "GET", path: "/intakes", wantStatus: 200,
			want: []string{"Withheld: clinical detail"}, notWant: []string{"Clinical referral first", "Coaching alongside a clinician"}},
	})
	for _, resource := range []string{"safety_queue", "intake_list"} {
		var n int
		err := srv.App.DB.Reader().QueryRow(context.Background(), `SELECT COUNT(*) FROM audit_events WHERE resource_type = ? AND actor_id = ? AND client_id > 0`,
			resource, mustInt(clientID(t, srv, maya))).Scan(&n)
		if err != nil || n == 0 {
			t.Errorf("audit events for the admin's read of %s: %d (%v), want one per client shown", resource, n, err)
		}
	}
}

// TestImplausibleDates: a year-9999 or year-1 date is refused with a
// message naming its field, is never stored, and every page that lists
// such dates keeps working.
func TestImplausibleDates(t *testing.T) {
	for _, engine := range apptest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			srv := apptest.NewServer(t, engine)
			green := clientID(t, srv, "rachel.green@clinic.example.org")
			elenaID := clientID(t, srv, elena)
			runScenarios(t, srv, []scenario{
				{name: "consent ending in 9999", as: elena, method: "POST", path: "/care-team/consents",
					body: "recipient=" + green + "&categories=attendance&purpose=Therapy&ends_on=9999-12-31", wantStatus: 422, want: []string{"within 5 years"}},
				{name: "care team still loads", as: elena, method: "GET", path: "/care-team", wantStatus: 200},
				{name: "FHIR export still loads", as: elena, method: "GET", path: "/privacy/fhir", wantStatus: 200},
				{name: "circle in 9999", as: jonah, method: "POST", path: "/circles",
					body: "topic=Year+end&capacity=8&fee=0&location=https%3A%2F%2Fmeet.example.org%2Fx&minutes=90&dates=9999-12-31+23%3A00", wantStatus: 422, want: []string{"within 5 years"}},
				{name: "circles still load", as: elena, method: "GET", path: "/circles", wantStatus: 200},
				{name: "API session in 9999", as: jonah, method: "POST", path: "/api/v1/sessions", json: true,
					body: `{"client_id": ` + elenaID + `, "start": "9999-12-31T23:00:00Z", "minutes": 60, "format": "video"}`, wantStatus: 422, want: []string{"within 5 years"}},
				{name: "billed session held in year 1", as: jonah, method: "POST", path: "/billing/sessions",
					body: "client_id=" + elenaID + "&length_minutes=60&held_on=0001-01-01", wantStatus: 422, want: []string{"between 1900 and 2100"}},
			})
			var far int
			err := srv.App.DB.Reader().QueryRow(context.Background(), `SELECT (SELECT COUNT(*) FROM consents WHERE ends_at > ?) + (SELECT COUNT(*) FROM circle_meetings WHERE starts_at > ?)`,
				farFuture, farFuture).Scan(&far)
			if err != nil || far != 0 {
				t.Errorf("dates past 2100 stored: %d (%v)", far, err)
			}
		})
	}
}

var farFuture = time.Date(2101, 1, 1, 0, 0, 0, 0, time.UTC)

// TestTextThatCannotBeStored: a NUL byte or invalid UTF-8 in any field is
// refused naming the field (PostgreSQL refused it with a 500 before), and
// a form too large for its page says so instead of "write something".
func TestTextThatCannotBeStored(t *testing.T) {
	for _, engine := range apptest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			srv := apptest.NewServer(t, engine)
			green := clientID(t, srv, "rachel.green@clinic.example.org")
			runScenarios(t, srv, []scenario{
				{name: "NUL in a consent's purpose", as: elena, method: "POST", path: "/care-team/consents",
					body: "recipient=" + green + "&categories=attendance&purpose=a%00b", wantStatus: 400, want: []string{"purpose", "cannot be stored"}},
				{name: "invalid UTF-8 in a prompt", as: jonah, method: "POST", path: "/prompts",
					body: "theme=body&text=%FF%FE", wantStatus: 400, want: []string{"text", "cannot be stored"}},
				{name: "NUL in a messaging setting", as: jonah, method: "POST", path: "/settings/messaging",
					body: "office_hours=Mon%00&response_time=a+day", wantStatus: 400, want: []string{"office_hours", "cannot be stored"}},
				{name: "NUL through the API", as: maya, method: "POST", path: "/api/v1/sessions", json: true,
					body: `{"start": "2030-01-01T10:00:00Z", "minutes": 60, "format": "video", "address": "a\u0000b"}`, wantStatus: 422, want: []string{`"address"`}},
				{name: "a journal entry too large for the page", as: elena, method: "POST", path: "/journal",
					body: "key=too-large-entry-0001&title=Long&body=" + strings.Repeat("a", 300<<10), wantStatus: 400, want: []string{"“body” is too long", "nothing was saved"}},
			})
		})
	}
}

// TestClinicianSeesNoSessionChanges: a clinician sees a shared session
// but is not offered the move or cancel forms, which are not theirs.
func TestClinicianSeesNoSessionChanges(t *testing.T) {
	srv := apptest.NewServer(t, store.SQLite)
	booked := sessionOf(t, srv, elena, "booked")
	runScenarios(t, srv, []scenario{
		{name: "clinician views the session", as: rachel, method: "GET", path: "/sessions/" + booked, wantStatus: 200,
			notWant: []string{"/reschedule", "Cancel this session"}},
		{name: "the client is offered both", as: elena, method: "GET", path: "/sessions/" + booked, wantStatus: 200, want: []string{"Cancel this session"}},
	})
}

// TestPrivacyPageNamesNoOtherClient: when one client tries another's
// record, the other sees the refused attempt but not who made it.
func TestPrivacyPageNamesNoOtherClient(t *testing.T) {
	srv := apptest.NewServer(t, store.SQLite)
	runScenarios(t, srv, []scenario{
		{name: "David tries Elena's scores", as: "david@client.example.org", method: "GET", path: "/clients/" + clientID(t, srv, elena) + "/scores", wantStatus: 404},
		{name: "Elena sees an attempt, not David", as: elena, method: "GET", path: "/privacy", wantStatus: 200,
			want: []string{"Another client"}, notWant: []string{"David Chen"}},
	})
}
