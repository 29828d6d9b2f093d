package e2e_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/afterward/afterward/internal/apptest"
)

// journeyAfterRequest: the coach accepts in their own browser; the first
// session is booked for real (an appointment row) at the time the client
// chose, before experience + 72 hours; both people see it on their dashboards and sessions pages, both
// get the confirmation with an .ics, and the client's calendar feed lists
// it.
func journeyAfterRequest(t *testing.T, client context.Context, srv *apptest.Server, mail *apptest.Mailpit, shot func(string), experience, chosen time.Time) {
	t.Helper()
	coachCtx := apptest.Browser(t)
	out := apptest.OutputDir(t, "journey-stranger")
	coachShot := func(name string) { apptest.Screenshot(t, coachCtx, out, name) }

	signIn(t, coachCtx, srv.URL, jonahEmail)
	do(t, coachCtx, chromedp.Navigate(srv.URL+"/coach/requests"), chromedp.WaitVisible(`button[value=accept]`))
	if got := text(t, coachCtx, "table"); !strings.Contains(got, strangerName) {
		t.Fatalf("Jonah's requests = %q, want %s", got, strangerName)
	}
	coachShot("12-coach-request")
	do(t, coachCtx, chromedp.Click(`button[value=accept]`), chromedp.WaitVisible(`.notice.info`))
	if got := text(t, coachCtx, ".notice.info"); !strings.Contains(got, "is booked for") {
		t.Errorf("after accepting, the notice says %q, want the booked session", got)
	}
	coachShot("13-coach-accepted")

	// The appointment itself: booked, in the future, before experience + 72 h.
	var uid string
	var start time.Time
	err := srv.App.DB.Reader().QueryRow(context.Background(), `SELECT a.uid, a.starts_at FROM appointments a JOIN users u ON u.id = a.client_id
		WHERE u.email = ? AND a.status = 'booked'`, strangerEmail).Scan(&uid, &start)
	if err != nil {
		t.Fatalf("no booked appointment for the new client: %v", err)
	}
	if !start.Equal(chosen) {
		t.Errorf("first session starts %s, want the time chosen from the suggestions (%s)", start.UTC(), chosen)
	}
	if due := experience.Add(72 * time.Hour); !start.Before(due) || !start.After(time.Now()) {
		t.Errorf("first session starts %s; want after now and before experience + 72 h (%s)", start.UTC(), due)
	}

	// Both see it on their dashboards and sessions pages.
	do(t, coachCtx, chromedp.Navigate(srv.URL+"/dashboard"), chromedp.WaitVisible(`#my-clients`))
	if got := text(t, coachCtx, "main"); !strings.Contains(got, strangerName) {
		t.Errorf("Jonah's dashboard lacks %s", strangerName)
	}
	coachShot("14-coach-dashboard")
	do(t, coachCtx, chromedp.Navigate(srv.URL+"/sessions"), chromedp.WaitVisible(`#upcoming`))
	if got := text(t, coachCtx, "main"); !strings.Contains(got, strangerName) {
		t.Errorf("Jonah's sessions lack %s", strangerName)
	}
	coachShot("15-coach-sessions")

	do(t, client, chromedp.Navigate(srv.URL+"/dashboard"), chromedp.WaitVisible(`main h1`))
	if got := text(t, client, "main"); !strings.Contains(got, "Jonah Reyes") {
		t.Errorf("the client's dashboard lacks Jonah")
	}
	shot("16-client-dashboard")
	do(t, client, chromedp.Navigate(srv.URL+"/sessions"), chromedp.WaitVisible(`#upcoming`))
	if got := text(t, client, "main"); !strings.Contains(got, "Jonah Reyes") || strings.Contains(text(t, client, "#upcoming + *"), "None.") {
		t.Errorf("the client's sessions page lacks the first session: %q", got)
	}
	shot("17-client-sessions")
	checkA11y(t, client, "client sessions with the slot picker")

	// Both got the confirmation with the .ics.
	for _, to := range []string{strangerEmail, jonahEmail} {
		checkInvitation(t, mail, to, uid)
	}

	// The client's calendar feed lists it.
	do(t, client, chromedp.Navigate(srv.URL+"/calendar"), chromedp.Click(`main form[action="/calendar"] button`), chromedp.WaitVisible(`#feed-url`))
	shot("18-client-calendar")
	feed := fetch(t, text(t, client, "#feed-url"))
	if !strings.Contains(feed, "BEGIN:VEVENT") || !strings.Contains(feed, uid) {
		t.Errorf("calendar feed lacks the first session (uid %s)", uid)
	}
}

// checkInvitation: to received the booking confirmation with the session's
// .ics attached.
func checkInvitation(t *testing.T, mail *apptest.Mailpit, to, uid string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		for _, msg := range mail.WaitFor(t, to, 1, time.Second) {
			if !strings.Contains(msg.Subject, "booked") {
				continue
			}
			for _, a := range mail.Attachments(t, msg.ID) {
				if strings.HasSuffix(a.FileName, ".ics") && strings.Contains(string(mail.Part(t, msg.ID, a.PartID)), uid) {
					return
				}
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Errorf("%s got no booking confirmation with the session's .ics", to)
}

// fetch GETs a URL and returns the body.
func fetch(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(strings.TrimSpace(url))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
