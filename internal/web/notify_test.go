package web_test

import (
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

// TestMessageEmails: a new message tells the other party by a content-free
// email through the queue, once per run of unread messages, and never
// when they turned message emails off on Settings.
func TestMessageEmails(t *testing.T) {
	mail := apptest.StartMailpit(t)
	srv := apptest.NewServerWith(t, store.SQLite, apptest.Options{SMTPURL: mail.SMTPURL})
	coach, client := srv.SignIn(t, jonah), srv.SignIn(t, aisha)
	thread := srv.URL + "/inbox/" + clientID(t, srv, aisha)
	send := func(body string) {
		t.Helper()
		if r := apptest.Do(t, coach, "POST", thread, "body="+body, nil); r.Status != 303 {
			t.Fatalf("sending: status %d", r.Status)
		}
	}
	read := func() { apptest.Do(t, client, "GET", srv.URL+"/messages", "", nil) }

	read()
	send("Private+words+about+the+ceremony")
	const subject = "You have a new message in Afterward"
	msgs := withSubject(t, mail, aisha, subject)
	if len(msgs) != 1 {
		t.Fatalf("%d emails to the client, want 1", len(msgs))
	}
	if msgs[0].Subject != "You have a new message in Afterward" {
		t.Errorf("subject = %q", msgs[0].Subject)
	}
	text := mail.Text(t, msgs[0].ID)
	if strings.Contains(text, "Private") || strings.Contains(text, "ceremony") {
		t.Errorf("the email carries the message: %q", text)
	}
	if !strings.Contains(text, "/messages") || !strings.Contains(text, "/settings#notifications") {
		t.Errorf("the email lacks the links: %q", text)
	}

	send("A+second+one") // unread run: no second email
	read()
	send("After+reading") // a new run: emailed
	waitCount(t, mail, aisha, subject, 2)

	if r := apptest.Do(t, client, "POST", srv.URL+"/settings/notifications", "topic_sessions=1&topic_matching=1&topic_questionnaires=1", nil); r.Status != 303 {
		t.Fatalf("saving preferences: status %d", r.Status)
	}
	settings := apptest.Do(t, client, "GET", srv.URL+"/settings", "", nil).Body
	if !strings.Contains(settings, `id="topic_messages" name="topic_messages" value="1">`) {
		t.Errorf("settings do not show message emails off")
	}
	read()
	send("Muted+now")
	time.Sleep(3 * time.Second) // the queue polls every second
	if got := len(withSubject(t, mail, aisha, subject)); got != 2 {
		t.Errorf("%d emails after muting, want still 2", got)
	}
}

// TestSettingsSections: quiet hours and contact details are validated by
// field and saved.
func TestSettingsSections(t *testing.T) {
	srv := apptest.NewServer(t, store.SQLite)
	runScenarios(t, srv, []scenario{
		{name: "quiet hours need times", as: aisha, method: "POST", path: "/settings/notifications", body: "quiet=1&quiet_start=nine&quiet_end=08:00", wantStatus: 422, want: []string{"enter a time like 21:00", `id="quiet_start-error"`}},
		{name: "quiet hours save", as: aisha, method: "POST", path: "/settings/notifications", body: "quiet=1&quiet_start=22:00&quiet_end=07:00&topic_messages=1", wantStatus: 303},
		{name: "quiet hours shown", as: aisha, method: "GET", path: "/settings", wantStatus: 200, want: []string{`value="22:00"`, `value="07:00"`, `name="quiet" value="1" checked`}},
		{name: "a bad phone names the field", as: aisha, method: "POST", path: "/settings/contact", body: "phone=call+me&emergency_name=Yusuf", wantStatus: 422, want: []string{"enter a phone number", "add a phone number for your emergency contact", `value="call me"`}},
		{name: "contact saves", as: aisha, method: "POST", path: "/settings/contact", body: "phone=%2B1+312+555+0100&emergency_name=Yusuf+Rahman&emergency_relation=husband&emergency_phone=%2B1+312+555+0107", wantStatus: 303},
		{name: "staff have no contact section", as: jonah, method: "GET", path: "/settings", wantStatus: 200, want: []string{"Emails"}, notWant: []string{"Emergency contact"}},
		{name: "staff cannot save a client contact", as: jonah, method: "POST", path: "/settings/contact", body: "phone=1", wantStatus: 403},
	})
}

// TestCoachRequestEmails: a request tells the coach, and the answer tells
// the client, each by a content-free email, once.
func TestCoachRequestEmails(t *testing.T) {
	mail := apptest.StartMailpit(t)
	srv := apptest.NewServerWith(t, store.SQLite, apptest.Options{SMTPURL: mail.SMTPURL})
	client, coach := srv.SignIn(t, kenji), srv.SignIn(t, jonah)
	jonahID := clientID(t, srv, jonah)
	// The demo's own request (Sara asks Jonah) sends Jonah one email first.
	const subject = "A client would like you as their coach"
	waitCount(t, mail, jonah, subject, 1)
	if r := apptest.Do(t, client, "POST", srv.URL+"/coaches/"+jonahID+"/request", "", nil); r.Status != 303 {
		t.Fatalf("request: %d", r.Status)
	}
	waitCount(t, mail, jonah, subject, 2)
	time.Sleep(time.Second) // a duplicate would arrive within the queue's poll
	msgs := withSubject(t, mail, jonah, subject)
	if len(msgs) != 2 {
		t.Fatalf("%d request emails to the coach (one from the demo), want 2", len(msgs))
	}
	if body := mail.Text(t, msgs[0].ID); strings.Contains(body, "Kenji") || !strings.Contains(body, "/coach/requests") {
		t.Errorf("coach email names the client or lacks the link: %q", body)
	}
	var reqID string
	if err := srv.App.DB.Reader().QueryRow(t.Context(), `SELECT CAST(MAX(id) AS TEXT) FROM coach_requests WHERE coach_id = ?`, mustInt(jonahID)).Scan(&reqID); err != nil {
		t.Fatal(err)
	}
	if r := apptest.Do(t, coach, "POST", srv.URL+"/coach/requests/"+reqID, "decision=decline", nil); r.Status != 303 {
		t.Fatalf("answer: %d %.300s", r.Status, r.Body)
	}
	if got := withSubject(t, mail, kenji, "News about your coach in Afterward"); len(got) != 1 {
		t.Fatalf("%d answer emails to the client, want 1", len(got))
	}
}

// withSubject waits up to 20 s for mail to to with the subject (other
// mail, such as the demo's safety alerts, may arrive too).
func withSubject(t *testing.T, mail *apptest.Mailpit, to, subject string) []apptest.Message {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		var out []apptest.Message
		for _, m := range mail.WaitFor(t, to, 1, time.Second) {
			if m.Subject == subject {
				out = append(out, m)
			}
		}
		if len(out) > 0 || time.Now().After(deadline) {
			return out
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// waitCount waits until n emails with the subject reached to.
func waitCount(t *testing.T, mail *apptest.Mailpit, to, subject string, n int) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for len(withSubject(t, mail, to, subject)) < n {
		if time.Now().After(deadline) {
			t.Fatalf("fewer than %d emails %q to %s", n, subject, to)
		}
		time.Sleep(200 * time.Millisecond)
	}
	if got := len(withSubject(t, mail, to, subject)); got != n {
		t.Fatalf("%d emails %q to %s, want %d", got, subject, to, n)
	}
}
