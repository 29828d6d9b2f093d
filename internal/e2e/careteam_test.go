package e2e_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/audit"
	"github.com/afterward/afterward/internal/store"
)

var inviteRE = regexp.MustCompile(`https?://[^\s]+/invite/[A-Za-z0-9_-]+`)

// TestCareTeamReferringClinician: the demo has no dietitian login, so Dr.
// Green (the referring clinician) refers a new person; the person accepts
// the emailed invitation, completes a low-risk intake and shares attendance
// and scores with her; she sees exactly those two sections and no journal
// or notes; the client stops sharing, and her next request is refused and
// audited after the revocation.
func TestCareTeamReferringClinician(t *testing.T) {
	mail := apptest.StartMailpit(t)
	srv := apptest.NewServerWith(t, store.SQLite, apptest.Options{SMTPURL: mail.SMTPURL})
	// Two browsers: Dr. Green stays signed in (a second two-step sign-in
	// within the same minute would reuse a TOTP code), Maya uses the other.
	doctor, ctx := apptest.Browser(t), apptest.Browser(t)
	out := apptest.OutputDir(t, "careteam-referral")
	const (
		green    = "rachel.green@clinic.example.org"
		person   = "maya.okafor@example.org"
		name     = "Maya Okafor"
		password = "quiet harbour, twelve lanterns 41"
	)

	// 1. Dr. Green refers Maya through the signed-in form.
	signIn(t, doctor, srv.URL, green)
	do(t, doctor, chromedp.Navigate(srv.URL+"/referrals/new"), chromedp.WaitVisible(`#name`),
		chromedp.SendKeys(`#name`, name), chromedp.SendKeys(`#email`, person),
		chromedp.SetValue(`#experience_on`, time.Now().AddDate(0, 0, -3).Format("2006-01-02")),
		chromedp.SendKeys(`#reason`, "Recent psilocybin session at a licensed centre; wants integration support alongside nutrition work."),
		chromedp.Click(`input[name=urgency][value=routine]`))
	apptest.Screenshot(t, doctor, out, "1-referral-form")
	do(t, doctor, chromedp.Click(`main form button[type=submit]`))
	if loc := waitLeave(t, doctor, srv.URL+"/referrals/new"); loc != srv.URL+"/referrals" {
		t.Fatalf("after referring: at %s, want /referrals", loc)
	}
	waitText(t, doctor, "main", name)
	apptest.Screenshot(t, doctor, out, "2-referrals-in")

	// 2. Maya accepts the emailed invitation (her name comes filled in).
	link := waitForInvite(t, mail, person)
	do(t, ctx, chromedp.Navigate(link), chromedp.WaitVisible(`#name`))
	if got := value(t, ctx, `#name`); got != name {
		t.Errorf("invitation name field = %q, want the referred name %q", got, name)
	}
	do(t, ctx, chromedp.SetValue(`#name`, name), chromedp.SendKeys(`#password`, password), chromedp.SendKeys(`#confirm`, password),
		chromedp.SetValue(`#time_zone`, "America/New_York"))
	apptest.Screenshot(t, ctx, out, "3-accept-invitation")
	do(t, ctx, chromedp.Click(`main form button[type=submit]`), chromedp.WaitReady(`details.more`))
	if loc := waitLeave(t, ctx, link); !strings.HasSuffix(loc, "/dashboard") {
		t.Fatalf("after accepting: at %s, want the dashboard", loc)
	}
	maya := userID(t, srv, person)

	// 3. A low-risk intake ends in coaching.
	completeLowRiskIntake(t, ctx, srv.URL)
	apptest.Screenshot(t, ctx, out, "4-intake-result")
	if got, want := disposition(t, srv, maya), "coaching"; got != want {
		t.Fatalf("intake disposition = %q, want %q", got, want)
	}

	// 4. Maya shares attendance and scores with Dr. Green.
	do(t, ctx, chromedp.Navigate(srv.URL+"/care-team"), chromedp.WaitVisible(`#recipient`),
		chromedp.SetValue(`#recipient`, fmt.Sprint(userID(t, srv, green))),
		chromedp.Click(`input[name=categories][value=attendance]`), chromedp.Click(`input[name=categories][value=scores]`),
		chromedp.SendKeys(`#purpose`, "coordinating care with the clinician who referred me"))
	apptest.Screenshot(t, ctx, out, "5-consent-form")
	do(t, ctx, chromedp.Click(`form[action="/care-team/consents"] button[type=submit]`),
		chromedp.WaitVisible(`form[action$="/revoke"] button`))
	apptest.Screenshot(t, ctx, out, "6-sharing")

	// 5. Dr. Green sees exactly attendance and scores.
	record := fmt.Sprintf("%s/care-team/clients/%d", srv.URL, maya)
	do(t, doctor, chromedp.Navigate(record), chromedp.WaitVisible(`main section.card`))
	apptest.Screenshot(t, doctor, out, "7-clinician-view")
	if h := text(t, doctor, "main h1"); h != name {
		t.Errorf("shared record heading = %q, want %q", h, name)
	}
	sections := headings(t, doctor, `main section h2`)
	if len(sections) != 2 || !strings.HasPrefix(sections[0], "Sessions") || !strings.HasPrefix(sections[1], "Questionnaire scores") {
		t.Errorf("shared sections = %q, want Sessions… then Questionnaire scores… only", sections)
	}
	page := strings.ToLower(text(t, doctor, "main"))
	for _, hidden := range []string{"journal", "notes", "intentions"} {
		if strings.Contains(page, hidden) {
			t.Errorf("clinician view mentions %q; only attendance and scores were shared", hidden)
		}
	}

	// 6. Maya stops sharing.
	do(t, ctx, chromedp.Navigate(srv.URL+"/care-team"),
		chromedp.WaitVisible(`form[action$="/revoke"] button`), chromedp.Click(`form[action$="/revoke"] button`),
		chromedp.WaitVisible(`.badge.warn`))
	apptest.Screenshot(t, ctx, out, "8-stopped")
	if got := text(t, ctx, "main table"); !strings.Contains(got, "stopped") || strings.Contains(got, "Stop sharing") {
		t.Errorf("after stopping, sharing table = %q, want it marked stopped with no button", got)
	}

	// 7. Dr. Green's next request is refused.
	do(t, doctor, chromedp.Navigate(record))
	waitText(t, doctor, "main h1", "Not found")
	apptest.Screenshot(t, doctor, out, "9-clinician-refused")
	if page := text(t, doctor, "main"); strings.Contains(page, "Attendance") || strings.Contains(page, "Questionnaire scores") {
		t.Errorf("refused page still shows shared data: %q", page)
	}

	checkRevocationAudit(t, srv, maya, userID(t, srv, green))
}

// completeLowRiskIntake answers every intake step with the lowest-risk
// answers and submits the review.
func completeLowRiskIntake(t *testing.T, ctx context.Context, base string) {
	t.Helper()
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	y := time.Now().In(ny).AddDate(0, 0, -1)
	answerLowRiskIntake(t, ctx, base, time.Date(y.Year(), y.Month(), y.Day(), 19, 0, 0, 0, ny), nil)
}

// answerLowRiskIntake answers every step with the lowest-risk answers, the
// experience at the given instant (in its location's zone), and submits;
// shot, when set, is called with each step's heading once it is filled in,
// before it is sent.
func answerLowRiskIntake(t *testing.T, ctx context.Context, base string, experience time.Time, shot func(step string)) {
	t.Helper()
	steps := []struct {
		heading, next string
		values        []string // name=value for inputs, selects and textareas
		radios        []string // name=value
	}{
		{"Your experience", "/intake/intentions",
			[]string{"experience_date=" + experience.Format("2006-01-02"), "experience_time=" + experience.Format("15:04"),
				"experience_tz=" + experience.Location().String(), "substance=psilocybin"},
			[]string{"context=legal_service"}},
		{"Your intentions", "/intake/coach", []string{"intentions=To understand a sense of grief that came up."}, nil},
		{"Finding your coach", "/intake/care", []string{"language=en"}, []string{"format=video", "budget=usual"}},
		{"Your current care", "/intake/history", nil, []string{"has_therapist=no", "has_psychiatrist=no"}},
		{"Your history", "/intake/current", nil, []string{"psychosis=none", "bipolar=none", "mood_episode_now=no", "substance_use=none"}},
		{"How you are now", "/intake/cssrs", nil, []string{"medical_symptoms=no", "adverse_effects=no"}},
		// C-SSRS: questions 3 to 5 are asked only after a yes to 2.
		{"", "/intake/phq9", nil, []string{"cssrs_q1=0", "cssrs_q2=0", "cssrs_q6=0"}},
		{"", "/intake/gad7", nil, scale("phq9", 9, "0")},
		{"", "/intake/pcl5", nil, scale("gad7", 7, "0")},
		{"", "/intake/submit", nil, nil}, // PCL-5 is optional
	}
	do(t, ctx, chromedp.Navigate(base+"/intake"), chromedp.WaitVisible(`form.intake-form`))
	for i, st := range steps {
		if st.heading != "" {
			if h := text(t, ctx, "h1"); h != st.heading {
				t.Fatalf("intake step %d heading = %q, want %q", i, h, st.heading)
			}
		}
		for _, nv := range st.values {
			n, v, _ := strings.Cut(nv, "=")
			do(t, ctx, chromedp.SetValue(fmt.Sprintf(`[name=%q]`, n), v))
		}
		for _, r := range st.radios {
			n, v, _ := strings.Cut(r, "=")
			sel := fmt.Sprintf(`input[name=%q][value=%q]`, n, v)
			do(t, ctx, chromedp.WaitVisible(sel), chromedp.Click(sel))
		}
		if shot != nil {
			shot(st.heading)
		}
		do(t, ctx, chromedp.Click(`form.intake-form button[type=submit]`), chromedp.WaitVisible(fmt.Sprintf(`form[action=%q]`, st.next)))
	}
	if h := text(t, ctx, "h1"); h != "Review your intake" {
		t.Fatalf("after the last step: %q, want the review", h)
	}
	do(t, ctx, chromedp.Click(`main form button[type=submit]`))
	waitText(t, ctx, "main h1", "here is what happens next")
	if page := text(t, ctx, "main"); !strings.Contains(page, "You are ready to start integration coaching") {
		t.Errorf("intake result = %q, want ready for coaching", page)
	}
}

// checkRevocationAudit: the clinician's views before revocation were
// allowed, and a denied care_team_view by her follows consent_revoked.
func checkRevocationAudit(t *testing.T, srv *apptest.Server, client, clinician int64) {
	t.Helper()
	events, err := audit.ListForClient(context.Background(), srv.App.DB.Reader(), client, 50)
	if err != nil {
		t.Fatal(err)
	}
	var revokedID, deniedID, allowed int64
	for _, e := range events {
		switch {
		case e.Action == "consent_revoked" && e.ActorID == client:
			revokedID = max(revokedID, e.ID)
		case e.ResourceType == "care_team_view" && e.ActorID == clinician && e.Outcome == audit.OutcomeDenied:
			deniedID = max(deniedID, e.ID)
		case e.ResourceType == "care_team_view" && e.ActorID == clinician && e.Outcome == audit.OutcomeOK:
			allowed++
		}
	}
	if revokedID == 0 || deniedID == 0 {
		t.Fatalf("audit: consent_revoked id %d, denied care_team_view id %d; want both", revokedID, deniedID)
	}
	if deniedID < revokedID {
		t.Errorf("denied care_team_view (id %d) comes before consent_revoked (id %d), want after", deniedID, revokedID)
	}
	if got, want := allowed, int64(2); got != want {
		t.Errorf("allowed care_team_view events = %d, want %d (attendance and scores)", got, want)
	}
}

func value(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Value(sel))
	if err != nil {
		t.Fatalf("value of %s: %v", sel, err)
	}
	return v
}

func headings(t *testing.T, ctx context.Context, sel string) []string {
	t.Helper()
	hs, err := chromedp.Run(ctx, chromedp.EvaluateAsDevTools[[]string](fmt.Sprintf(`[...document.querySelectorAll(%q)].map(h => h.textContent.trim())`, sel)))
	if err != nil {
		t.Fatal(err)
	}
	return hs
}

func disposition(t *testing.T, srv *apptest.Server, client int64) string {
	t.Helper()
	var d string
	if err := srv.App.DB.Reader().QueryRow(context.Background(), `SELECT COALESCE(disposition, '') FROM intakes WHERE client_id = ?`, client).Scan(&d); err != nil {
		t.Fatal(err)
	}
	return d
}

// waitForInvite returns the invitation link emailed to the address.
func waitForInvite(t *testing.T, mail *apptest.Mailpit, to string) string {
	t.Helper()
	for _, msg := range mail.WaitFor(t, to, 1, 20*time.Second) {
		if m := inviteRE.FindString(mail.Text(t, msg.ID)); m != "" {
			return m
		}
	}
	t.Fatalf("no invitation email reached %s", to)
	return ""
}
