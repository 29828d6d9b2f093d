package e2e_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/audit"
	"github.com/afterward/afterward/internal/store"
)

// TestIntakeEmergency: Omar (intake in progress) finishes his intake and
// answers yes to C-SSRS question 4; he lands on the emergency page with no
// booking offered, his coach sees the alert in the safety queue, and the
// audit trail records it.
func TestIntakeEmergency(t *testing.T) {
	srv := apptest.NewServer(t, store.SQLite)
	ctx := apptest.Browser(t)
	out := apptest.OutputDir(t, "intake-emergency")
	// Omar has no coach in the demo; Jonah takes him so the alert has a coach.
	assignCoach(t, srv, "omar@client.example.org", "jonah@riverbend.example.org")

	signIn(t, ctx, srv.URL, "omar@client.example.org")
	do(t, ctx, chromedp.Navigate(srv.URL+"/intake"), chromedp.WaitVisible(`form.intake-form`))
	if h := text(t, ctx, "h1"); h != "Your history" {
		t.Fatalf("intake resumes at %q, want the saved place (Your history)", h)
	}
	// Submitting the step empty names each problem inline.
	do(t, ctx, chromedp.Click(`form.intake-form button[type=submit]`), chromedp.WaitVisible(`.field-error`))
	apptest.Screenshot(t, ctx, out, "1-history-errors")
	if got := text(t, ctx, "#q-psychosis-error"); !strings.Contains(got, "choose an answer") {
		t.Errorf("psychosis error = %q", got)
	}
	steps := []struct {
		heading, next string
		radios        []string // name=value
	}{
		{"Your history", "/intake/current", []string{"psychosis=none", "bipolar=none", "mood_episode_now=no", "substance_use=none"}},
		{"How you are now", "/intake/cssrs", []string{"medical_symptoms=no", "adverse_effects=no"}},
		{"", "/intake/phq9", []string{"cssrs_q1=1", "cssrs_q2=1", "cssrs_q3=1", "cssrs_q4=1", "cssrs_q5=0", "cssrs_q6=0"}},
		{"", "/intake/gad7", scale("phq9", 9, "1")},
		{"", "/intake/pcl5", scale("gad7", 7, "1")},
		{"", "/intake/submit", nil}, // PCL-5 left blank: optional
	}
	for i, st := range steps {
		if st.heading != "" {
			if h := text(t, ctx, "h1"); h != st.heading {
				t.Fatalf("step %d heading = %q, want %q", i, h, st.heading)
			}
		}
		for _, r := range st.radios {
			name, value, _ := strings.Cut(r, "=")
			sel := fmt.Sprintf(`input[name=%q][value=%q]`, name, value)
			do(t, ctx, chromedp.WaitVisible(sel), chromedp.Click(sel))
		}
		if i == 2 {
			apptest.Screenshot(t, ctx, out, "2-cssrs")
		}
		do(t, ctx, chromedp.Click(`form.intake-form button[type=submit]`), chromedp.WaitVisible(fmt.Sprintf(`form[action=%q]`, st.next)))
	}
	if h := text(t, ctx, "h1"); h != "Review your intake" {
		t.Fatalf("after the last step: %q, want the review", h)
	}
	do(t, ctx, chromedp.Click(`main form button[type=submit]`), chromedp.WaitVisible(`.safety-response`))
	do(t, ctx, chromedp.EmulateViewport(360, 740))
	apptest.Screenshot(t, ctx, out, "3-emergency-phone")
	page := text(t, ctx, "main")
	for _, want := range []string{"Call 911", "Call or text 988", "Text HOME to 741741", "A person will look", "not a diagnosis"} {
		if !strings.Contains(page, want) {
			t.Errorf("emergency page lacks %q", want)
		}
	}
	if strings.Contains(page, "Find your coach") {
		t.Error("emergency page offers booking")
	}
	hrefs, err := chromedp.Run(ctx, chromedp.EvaluateAsDevTools[[]string](`[...document.querySelectorAll('.safety-response a')].map(a => a.getAttribute('href'))`))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(hrefs, " ") != "tel:911 tel:988 sms:741741?body=HOME" {
		t.Errorf("crisis links = %v", hrefs)
	}

	// The coach sees the alert.
	coach := ctx
	do(t, ctx, chromedp.EmulateViewport(1280, 900), chromedp.Click(`details.more summary`), chromedp.Click(`header form[action="/signout"] button`), chromedp.WaitVisible(`a[href="/signin"]`))
	signIn(t, coach, srv.URL, "jonah@riverbend.example.org")
	do(t, coach, chromedp.Navigate(srv.URL+"/safety"), chromedp.WaitVisible(`#open-alerts`))
	apptest.Screenshot(t, coach, apptest.OutputDir(t, "intake-emergency"), "4-coach-safety-queue")
	queue := text(t, coach, "ul.alerts")
	if !strings.Contains(queue, "Omar Haddad") || !strings.Contains(queue, "Intake triage: emergency") || !strings.Contains(queue, "Urgent") {
		t.Errorf("safety queue = %q, want Omar's urgent intake alert", queue)
	}

	// The audit trail records the submission and the alert.
	omar := userID(t, srv, "omar@client.example.org")
	events, err := audit.ListForClient(context.Background(), srv.App.DB.Reader(), omar, 50)
	if err != nil {
		t.Fatal(err)
	}
	var submitted, raised bool
	for _, e := range events {
		submitted = submitted || (e.ResourceType == "intake" && e.Detail == "submit" && e.ActorID == omar)
		raised = raised || (e.Action == "safety_alert_raised" && strings.Contains(e.Detail, "level=urgent"))
	}
	if !submitted || !raised {
		t.Errorf("audit: submitted %v, alert raised %v; want both", submitted, raised)
	}
}

func scale(prefix string, n int, value string) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s_%d=%s", prefix, i+1, value)
	}
	return out
}

func do(t *testing.T, ctx context.Context, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(tctx, actions...); err != nil {
		t.Fatal(err)
	}
}

func userID(t *testing.T, srv *apptest.Server, email string) int64 {
	t.Helper()
	var id int64
	if err := srv.App.DB.Reader().QueryRow(context.Background(), `SELECT id FROM users WHERE email = ?`, email).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

func assignCoach(t *testing.T, srv *apptest.Server, client, coach string) {
	t.Helper()
	err := srv.App.DB.InTx(context.Background(), func(tx *store.Tx) error {
		_, err := tx.Exec(context.Background(), `UPDATE clients SET coach_id = (SELECT id FROM users WHERE email = ?) WHERE user_id = (SELECT id FROM users WHERE email = ?)`, coach, client)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
