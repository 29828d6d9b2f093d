package web_test

import (
	"fmt"
	"net/http"
	"testing"

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
