package e2e_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/regulated"
	"github.com/afterward/afterward/internal/schedule"
	"github.com/afterward/afterward/internal/store"
)

// TestOregonRegulatedJourney: in the demo practice (Oregon's programme) a
// client fills the client information form (an empty submission is
// refused with a message on every question), signs it and the
// transportation plan; books a preparation session, is refused an
// administration inside 24 hours with the rule's words, and books one a
// day or more later. Two weeks on, the facilitator logs the
// administration with product and dose, logs an adverse reaction that
// needed medical care and links it, records that integration was offered,
// logs the integration session and certifies its completion. The client
// reads that log on his Records page and adds an addendum. The admin
// downloads the SB 303 quarterly report: the journey added one client
// served, one individual administration and one severe reaction, and the
// CSV shows them through the small-cell rule.
func TestOregonRegulatedJourney(t *testing.T) {
	clock := &apptest.Clock{}
	srv := apptest.NewServerWith(t, store.SQLite, apptest.Options{Clock: clock})
	ctx := apptest.Browser(t)
	out := apptest.OutputDir(t, "regulated-oregon")
	shot := func(name string) {
		t.Helper()
		apptest.Screenshot(t, ctx, out, name)
		checkA11y(t, ctx, name)
	}
	const client, coach, admin = "david@client.example.org", "jonah@riverbend.example.org", "maya@riverbend.example.org"
	david := userID(t, srv, client)

	// 1. The client information form: refused empty, field by field.
	signIn(t, ctx, srv.URL, client)
	visit(t, ctx, srv.URL+"/forms", "#regulated-forms")
	shot("01-forms-to-do")
	do(t, ctx, chromedp.Click(`#form-client-information h2 a`), chromedp.WaitVisible(`form.regulated-form`))
	do(t, ctx, chromedp.Click(`form.regulated-form button[type=submit]`), chromedp.WaitVisible(`#form-errors`))
	for _, id := range []string{"lithium-error", "current_treatment-error", "mushroom_allergy-error", "session_medications-error", "interpreter-error",
		"harm_thoughts-error", "harm_history-error", "diagnoses-error", "name-error"} {
		if n := countOf(t, ctx, "#"+id); n != 1 {
			t.Errorf("empty client information form: #%s shown %d times, want once", id, n)
		}
	}
	shot("02-client-information-errors")
	for _, name := range []string{"lithium", "mushroom_allergy", "session_medications", "interpreter", "harm_thoughts", "harm_history", "diagnoses"} {
		do(t, ctx, chromedp.Click(`input[name=`+name+`][value=no]`))
	}
	do(t, ctx, chromedp.Click(`input[name=current_treatment][value=yes]`), chromedp.SendKeys(`#name`, "David Chen"),
		chromedp.Click(`form.regulated-form button[type=submit]`), chromedp.WaitVisible(`#current_treatment_details-error`))
	if got := text(t, ctx, "#current_treatment_details-error"); !strings.Contains(got, "describe the treatment") {
		t.Errorf("a yes without details: %q", got)
	}
	do(t, ctx, chromedp.SendKeys(`#current_treatment_details`, "Psychiatrist for the trial, monthly"), // the answers and the name are kept

		chromedp.Click(`form.regulated-form button[type=submit]`))
	waitText(t, ctx, "main", "Signed.")

	// 2. The transportation plan, signed.
	do(t, ctx, chromedp.Click(`#form-transportation-plan h2 a`), chromedp.WaitVisible(`form.regulated-form`),
		chromedp.Click(`input[name=method][value="Picked up by a support person"]`), chromedp.SendKeys(`#who`, "My brother Wei, 212-555-0178"),
		chromedp.SendKeys(`#backup`, "Taxi booked by the centre"), chromedp.Click(`#no_driving`), chromedp.SendKeys(`#name`, "David Chen"))
	shot("03-transportation-plan")
	do(t, ctx, chromedp.Click(`form.regulated-form button[type=submit]`))
	waitText(t, ctx, "main", "Signed.")
	waitText(t, ctx, "#form-transportation-plan", "download your copy")
	shot("04-forms-signed")

	// 3. Preparation booked; an administration inside 24 hours refused.
	visit(t, ctx, srv.URL+"/sessions", ".slot-picker")
	slots, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('form[action="/sessions"] input[name=start]')].map(i => i.value)`))
	must(t, err)
	prep, soon, later := pickSlots(t, slots)
	book := func(kind string, at time.Time) {
		t.Helper()
		visit(t, ctx, srv.URL+"/sessions", ".slot-picker")
		do(t, ctx, chromedp.SetValue(`#session_type`, kind),
			chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector('form[action="/sessions"] input[name=start][value="%s"]').checked = true`, at.Format(time.RFC3339))),
			chromedp.Click(`form[action="/sessions"] button[type=submit]`))
	}
	book("preparation", prep)
	do(t, ctx, chromedp.WaitVisible(`#when`))
	book("administration", soon)
	do(t, ctx, chromedp.WaitVisible(`#start-error`))
	if got := text(t, ctx, "#start-error"); got != schedule.OregonPrepRule {
		t.Errorf("administration inside 24 h: %q, want the rule's words", got)
	}
	shot("05-administration-inside-24h-refused")
	book("administration", later)
	do(t, ctx, chromedp.WaitVisible(`#when`))
	signOut(t, ctx)
	var adminAppt int64
	must(t, srv.App.DB.Reader().QueryRow(context.Background(), `SELECT id FROM appointments WHERE client_id = ? AND session_type = 'administration' AND status = 'booked'`, david).Scan(&adminAppt))

	// 4. Two weeks later the facilitator logs what happened.
	q := regulated.QuarterOf(later)
	maya := actorOf(t, srv, admin)
	before := quarterCounts(t, srv, maya, q)
	clock.Advance(time.Until(later) + 3*24*time.Hour)
	signInAt(t, ctx, srv.URL, coach, clock.Now)
	la, err := time.LoadLocation("America/Los_Angeles") // Jonah's zone: the form's times are his
	must(t, err)
	local := func(at time.Time) string { return at.In(la).Format("2006-01-02T15:04") }
	page := fmt.Sprintf("%s/clients/%d/regulated", srv.URL, david)
	visit(t, ctx, page, "#log-form")
	do(t, ctx, chromedp.SetValue(`#kind`, "administration"), chromedp.SetValue(`#appointment_id`, strconv.FormatInt(adminAppt, 10)),
		chromedp.SetValue(`#started_at`, local(later)), chromedp.SetValue(`#ended_at`, local(later.Add(6*time.Hour))),
		chromedp.SendKeys(`#product_id`, "OR-PSI-24-02210"), chromedp.SendKeys(`#amount`, "25 mg psilocybin"),
		chromedp.Click(`#log-form input[name=transport][value=yes]`), chromedp.Click(`#log-form button[type=submit]`))
	do(t, ctx, chromedp.WaitVisible(`#dose-error`)) // the dose was forgotten: refused inline, the rest kept
	if got := text(t, ctx, "#dose-error"); !strings.Contains(got, "single or multiple") {
		t.Errorf("dose error = %q", got)
	}
	shot("06-log-dose-missing")
	do(t, ctx, chromedp.Click(`#log-form input[name=dose][value=single]`), chromedp.Click(`#log-form button[type=submit]`))
	waitText(t, ctx, "main", "Session logged.")
	waitText(t, ctx, "#session-log .log-administration", "OR-PSI-24-02210")
	waitText(t, ctx, "#session-log .log-administration", "single dose")

	// 5. An adverse reaction that needed medical care, linked to it.
	visit(t, ctx, fmt.Sprintf("%s/clients/%d/adverse", srv.URL, david), "#what")
	do(t, ctx, chromedp.SetValue(`#occurred_at`, local(later.Add(4*time.Hour))), chromedp.Click(`input[name=severity][value=severe]`),
		chromedp.SendKeys(`#what`, "Chest tightness and a racing heart four hours in."),
		chromedp.SendKeys(`#response`, "Paramedics called; assessed on site and released."), chromedp.Click(`form[action$="/adverse"] button[type=submit]`))
	waitText(t, ctx, "main", "safety alert was raised")
	visit(t, ctx, page, "#session-log")
	do(t, ctx, chromedp.Click(`#session-log .log-administration form.inline button`))
	waitText(t, ctx, "#session-log .log-administration", "Adverse reaction needed medical care")

	// 6. Integration offered, held and certified.
	do(t, ctx, chromedp.Click(`#session-log .log-administration form:not(.inline) button`))
	waitText(t, ctx, "#session-log .log-administration .integration-offer", "Integration session offered.")
	integ := later.Add(2 * 24 * time.Hour)
	do(t, ctx, chromedp.SetValue(`#kind`, "integration"), chromedp.SetValue(`#started_at`, local(integ)), chromedp.SetValue(`#ended_at`, local(integ.Add(time.Hour))),
		chromedp.Click(`#log-form button[type=submit]`))
	waitText(t, ctx, "main", "Session logged.")
	do(t, ctx, chromedp.Click(`#session-log .log-integration form button`))
	waitText(t, ctx, "#session-log .log-integration .certified", "Completion certified by Jonah Reyes")
	shot("07-session-log-certified")
	signOut(t, ctx)

	// 7. The client reads the log about him and adds an addendum (an
	// empty one is named beside that session).
	var logged int64
	must(t, srv.App.DB.Reader().QueryRow(context.Background(), `SELECT id FROM regulated_sessions WHERE client_id = ? AND session_type = 'administration'`, david).Scan(&logged))
	entry := fmt.Sprintf("#regulated-session-%d", logged)
	signInAt(t, ctx, srv.URL, client, clock.Now)
	visit(t, ctx, srv.URL+"/records", entry)
	for _, want := range []string{"OR-PSI-24-02210", "25 mg psilocybin", "Single dose", "severity: Severe"} {
		waitText(t, ctx, entry, want)
	}
	do(t, ctx, chromedp.Click(entry+` form button[type=submit]`), chromedp.WaitVisible(fmt.Sprintf(`#addendum-session-%d-error`, logged)))
	do(t, ctx, chromedp.SendKeys(fmt.Sprintf(`#addendum-session-%d`, logged), "The tightness started after the second hour, not the fourth."),
		chromedp.Click(entry+` form button[type=submit]`))
	waitText(t, ctx, "main", "Your addendum is kept with the record")
	waitText(t, ctx, entry+" blockquote", "not the fourth")
	shot("08-client-records-addendum")
	signOut(t, ctx)

	// 8. The admin downloads the quarterly report.
	signInAt(t, ctx, srv.URL, admin, clock.Now)
	visit(t, ctx, srv.URL+"/reports/regulated", "#quarter")
	shot("09-admin-reports")
	body, err := chromedp.Run(ctx, chromedp.Evaluate[string](`fetch("/reports/regulated/oregon.csv?quarter=`+q.String()+`").then(async r => r.status + " " + r.headers.get("Content-Type") + "\n" + await r.text())`,
		chromedp.EvalAwaitPromise))
	must(t, err)
	status, csvText, _ := strings.Cut(body, "\n")
	if !strings.HasPrefix(status, "200 text/csv") {
		t.Fatalf("report download: %q", status)
	}
	recs, err := csv.NewReader(strings.NewReader(csvText)).ReadAll()
	must(t, err)
	after := quarterCounts(t, srv, maya, q)
	for _, k := range []string{"clients_served/all", "administration_sessions/individual", "adverse_reactions/Severe"} {
		if after[k] != before[k]+1 {
			t.Errorf("%s: %d before the journey, %d after; want one more", k, before[k], after[k])
		}
	}
	shown := map[string]string{}
	for _, r := range recs[1:] {
		shown[r[2]+"/"+r[3]] = r[4]
	}
	for k, n := range after {
		if shown[k] != regulated.Cell(n) {
			t.Errorf("CSV %s = %q, want %q (count %d through the small-cell rule)", k, shown[k], regulated.Cell(n), n)
		}
	}
	t.Logf("SB 303 report %s: %v", q, recs)
}

// pickSlots chooses, from the open times, a preparation, a time inside 24
// hours after it, and one a day or more after it.
func pickSlots(t *testing.T, slots []string) (prep, soon, later time.Time) {
	t.Helper()
	var times []time.Time
	for _, s := range slots {
		at, err := time.Parse(time.RFC3339, s)
		must(t, err)
		times = append(times, at)
	}
	if len(times) < 3 {
		t.Fatalf("open times = %d", len(times))
	}
	// The first open time that has both (late on a Saturday the first open
	// time may have no other within a day: the pick must not depend on
	// when the test runs).
	for _, p := range times {
		prep, soon, later = p, time.Time{}, time.Time{}
		for _, at := range times {
			d := at.Sub(prep)
			if soon.IsZero() && d >= 2*time.Hour && d < 24*time.Hour {
				soon = at
			}
			if later.IsZero() && d >= 26*time.Hour {
				later = at
			}
		}
		if !soon.IsZero() && !later.IsZero() {
			break
		}
	}
	if soon.IsZero() || later.IsZero() {
		t.Fatalf("no open time within a day of %s and a day after it: %v", prep, times)
	}
	return prep, soon, later
}

func actorOf(t *testing.T, srv *apptest.Server, email string) policy.Actor {
	t.Helper()
	u := lookupUser(t, srv, email)
	return policy.ActorOf(u)
}

// quarterCounts are the quarter's unsuppressed counts, by measure/category.
func quarterCounts(t *testing.T, srv *apptest.Server, a policy.Actor, q regulated.Quarter) map[string]int {
	t.Helper()
	rows, err := srv.App.Regulated.OregonQuarter(context.Background(), a, q)
	must(t, err)
	out := map[string]int{}
	for _, r := range rows {
		out[r.Measure+"/"+r.Category] = r.Count
	}
	return out
}

func countOf(t *testing.T, ctx context.Context, sel string) int {
	t.Helper()
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(`+strconv.Quote(sel)+`).length`))
	must(t, err)
	return n
}
