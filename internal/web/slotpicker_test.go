package web_test

import (
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
)

var firstSlot = regexp.MustCompile(`name="start" value="([^"]+)"`)

// TestSlotPicker: the booking form groups open times by day as buttons,
// shows length, format, fee and the cancellation rules, keeps the chosen
// time on an error, and confirms a booking.
func TestSlotPicker(t *testing.T) {
	for _, engine := range apptest.Engines {
		t.Run(string(engine), func(t *testing.T) { testSlotPicker(t, apptest.NewServer(t, engine)) })
	}
}

func testSlotPicker(t *testing.T, srv *apptest.Server) {
	c := srv.SignIn(t, aisha)
	page := apptest.Do(t, c, "GET", srv.URL+"/sessions", "", nil)
	for _, want := range []string{`class="slot-day"`, `type="radio" name="start"`, "Length:", "Format:", "Fee:", "per session", "Cancelling:", "Cancelling less than 24 hours before a session"} {
		if !strings.Contains(page.Body, want) {
			t.Errorf("sessions page lacks %q", want)
		}
	}
	if strings.Contains(page.Body, `<select id="start"`) {
		t.Error("open times are still one long dropdown")
	}
	m := firstSlot.FindStringSubmatch(page.Body)
	if m == nil {
		t.Fatal("no open time offered")
	}
	bad := apptest.Do(t, c, "POST", srv.URL+"/sessions", url.Values{"start": {m[1]}, "minutes": {"45"}, "format": {"video"}}.Encode(), nil)
	if bad.Status != 422 || !strings.Contains(bad.Body, `value="`+m[1]+`" checked`) {
		t.Errorf("bad length: status %d; the chosen time must stay chosen", bad.Status)
	}
	ok := apptest.Do(t, c, "POST", srv.URL+"/sessions", url.Values{"start": {m[1]}, "minutes": {"60"}, "format": {"video"}}.Encode(), nil)
	if ok.Status != 303 {
		t.Fatalf("booking: status %d, want 303; body %.300s", ok.Status, ok.Body)
	}
	shown := apptest.Do(t, c, "GET", srv.URL+ok.Header.Get("Location"), "", nil)
	if !strings.Contains(shown.Body, "Booked. Your session is confirmed") {
		t.Errorf("after booking, %s lacks the confirmation", ok.Header.Get("Location"))
	}
}
