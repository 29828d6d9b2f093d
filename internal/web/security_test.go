package web_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

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
