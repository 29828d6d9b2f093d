package app_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/alert"
	"github.com/afterward/afterward/internal/app"
	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/careteam"
	"github.com/afterward/afterward/internal/coach"
	"github.com/afterward/afterward/internal/demo"
	"github.com/afterward/afterward/internal/plan"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/privacy"
	"github.com/afterward/afterward/internal/safety"
	"github.com/afterward/afterward/internal/store"
)

// TestRemainingFreeTextIsSealed (issue 15 finding 4): each free-text field
// sealed in session 4, written through its service, is in no table as
// text, and reads back through the service; a row of each left in
// plaintext by an earlier version is sealed at start-up and its plaintext
// overwritten. One case per field, on both engines.
func TestRemainingFreeTextIsSealed(t *testing.T) {
	for _, engine := range apptest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			srv := apptest.NewServer(t, engine)
			a := srv.App
			ctx := context.Background()
			canary := newCanary()
			people := demoActors(t, a.DB, "elena@client.example.org", "jonah@riverbend.example.org", "maya@riverbend.example.org", "rachel.green@clinic.example.org")
			elena, jonah, maya, green := people[0], people[1], people[2], people[3]
			var partner int64
			if err := a.DB.Reader().QueryRow(ctx, `SELECT MIN(id) FROM referral_partners WHERE practice_id = ?`, elena.PracticeID).Scan(&partner); err != nil {
				t.Fatal(err)
			}
			approvedSummary := func(title string) int64 {
				t.Helper()
				id, err := a.CareTeam.WriteSummary(ctx, jonah, careteam.NewSummary{ClientID: elena.UserID, Title: title, Body: "Attending; no concerns."})
				if err != nil {
					t.Fatal(err)
				}
				if err := a.CareTeam.DecideSummary(ctx, elena, id, true); err != nil {
					t.Fatal(err)
				}
				return id
			}
			fhirBundle := func() (string, error) {
				out, err := a.FHIR.ClientBundle(ctx, elena, elena.UserID)
				return string(out), err
			}
			savePlan := func(intentions string) error {
				_, err := a.Plans.Save(ctx, jonah, elena.UserID, plan.Input{ExperienceAt: time.Now().UTC().AddDate(0, 0, -20), Intentions: intentions})
				return err
			}
			for _, tc := range []struct {
				name  string
				write func(text string) error
				read  func() (string, error) // every text the service shows
			}{
				{"plan intentions", savePlan, func() (string, error) {
					p, err := a.Plans.Get(ctx, jonah, elena.UserID)
					return p.Intentions, err
				}},
				{"plan history snapshot", func(text string) error {
					if err := savePlan(text); err != nil {
						return err
					}
					return savePlan("Walk every morning.") // the canary is now only in history
				}, func() (string, error) {
					h, err := a.Plans.History(ctx, jonah, elena.UserID)
					var all []string
					for _, c := range h {
						all = append(all, c.Plan.Intentions)
					}
					return strings.Join(all, "|"), err
				}},
				{"summary title", func(text string) error {
					approvedSummary(text)
					return nil
				}, func() (string, error) {
					list, err := a.CareTeam.ClientSummaries(ctx, elena, elena.UserID)
					var all []string
					for _, s := range list {
						all = append(all, s.Title)
					}
					out, err2 := a.CareTeam.ReferralsOut(ctx, jonah)
					for _, r := range out {
						all = append(all, r.SummaryTitle)
					}
					opts, err3 := a.CareTeam.ReferralOptions(ctx, jonah, elena.UserID)
					for _, s := range opts.Summaries {
						all = append(all, s.Name)
					}
					return strings.Join(all, "|"), firstErr(err, err2, err3)
				}},
				{"referral out reason", func(text string) error {
					_, err := a.CareTeam.ReferOut(ctx, jonah, careteam.NewReferralOut{ClientID: elena.UserID, PartnerID: partner,
						SummaryID: approvedSummary("For the referral"), Reason: text, Urgency: "routine"})
					return err
				}, fhirBundle},
				{"referral in reason (clinician)", func(text string) error {
					_, err := a.CareTeam.ReferIn(ctx, green, careteam.NewReferralIn{Name: "Elena Marsh", Email: "elena@client.example.org", Reason: text, Urgency: "soon"})
					return err
				}, fhirBundle},
				{"referral in reason (public link)", func(text string) error {
					_, err := a.CareTeam.ReferInPublic(ctx, demo.Slug, careteam.NewReferralIn{Name: "Elena Marsh", Email: "elena@client.example.org", Reason: text,
						Urgency: "routine", ReferrerName: "Sam Rivera", ReferrerEmail: "sam@nourish.example.org"})
					return err
				}, fhirBundle},
				{"report about a coach", func(text string) error {
					_, err := a.Coaches.ReportCoach(ctx, elena, coach.Report{CoachID: jonah.UserID, HappenedOn: time.Now().UTC().Add(-24 * time.Hour), What: text})
					return err
				}, func() (string, error) {
					list, err := a.Coaches.OpenReports(ctx, maya)
					var all []string
					for _, r := range list {
						all = append(all, r.What)
					}
					return strings.Join(all, "|"), err
				}},
				{"safety alert reason code", func(text string) error {
					return a.DB.InTx(ctx, func(tx *store.Tx) error {
						_, err := a.Alerts.Raise(ctx, tx, elena.UserID, alert.Source{Kind: "questionnaire", ID: 4242}, safety.Concern, strings.ToLower(text))
						return err
					})
				}, func() (string, error) {
					list, err := a.Alerts.ForClient(ctx, jonah, elena.UserID)
					var all []string
					for _, al := range list {
						all = append(all, al.Reason)
					}
					return strings.ToUpper(strings.Join(all, "|")), err
				}},
			} {
				t.Run(tc.name, func(t *testing.T) {
					text := canary + strings.ToUpper(strings.NewReplacer(" ", "_", "(", "", ")", "").Replace(tc.name))
					if err := tc.write(text); err != nil {
						t.Fatalf("writing: %v", err)
					}
					if hits := tableHits(t, a.DB, text); len(hits) > 0 {
						t.Errorf("stored as text in %v; want it sealed", hits)
					}
					got, err := tc.read()
					if err != nil {
						t.Fatalf("reading back: %v", err)
					}
					if !strings.Contains(got, text) {
						t.Errorf("read back %q; want it to hold %q", got, text)
					}
				})
			}
			t.Run("rows of an earlier version", func(t *testing.T) { sealsLegacyRows(t, a, canary+"LEGACY", elena, jonah) })
		})
	}
}

// sealsLegacyRows writes a plaintext row into every column sealed in
// session 4, as an earlier version did, runs the start-up step, and finds
// the text in no table and still readable through the services.
func sealsLegacyRows(t *testing.T, a *app.App, canary string, elena, jonah policy.Actor) {
	ctx := context.Background()
	now := time.Now().UTC()
	f := func(field string) string { return canary + " " + field }
	exec := func(q string, args ...any) int64 {
		t.Helper()
		var id int64
		err := a.DB.InTx(ctx, func(tx *store.Tx) error {
			var err error
			id, err = store.InsertID(ctx, tx, q+` RETURNING id`, args...)
			return err
		})
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return id
	}
	var planID int64
	if err := a.DB.Reader().QueryRow(ctx, `SELECT id FROM plans WHERE client_id = ?`, elena.UserID).Scan(&planID); err != nil {
		t.Fatal(err)
	}
	if _, err := a.DB.Write.ExecContext(ctx, a.DB.Rebind(`UPDATE plans SET intentions = ?, intentions_sealed = NULL WHERE id = ?`), f("plan intentions"), planID); err != nil {
		t.Fatal(err)
	}
	if _, err := a.DB.Write.ExecContext(ctx, a.DB.Rebind(`INSERT INTO plan_history (plan_id, version, snapshot, changed_by, changed_at) VALUES (?, 99, ?, ?, ?)`),
		planID, `{"Version":99,"Intentions":"`+f("plan snapshot")+`"}`, jonah.UserID, now); err != nil {
		t.Fatal(err)
	}
	exec(`INSERT INTO care_summaries (client_id, coach_id, title, status, created_at) VALUES (?, ?, ?, 'pending', ?)`, elena.UserID, jonah.UserID, f("summary title"), now)
	exec(`INSERT INTO referrals (practice_id, direction, referrer_name, referrer_email, person_name, email, reason, urgency, status, created_at, updated_at)
		VALUES (?, 'in', 'Sam', 'sam@example.org', 'Elena', 'elena@client.example.org', ?, 'routine', 'invited', ?, ?)`, elena.PracticeID, f("referral in reason"), now, now)
	exec(`INSERT INTO referrals (practice_id, direction, referrer_id, client_id, partner_name, source, reason, urgency, status, created_at, updated_at)
		VALUES (?, 'out', ?, ?, 'Riverbend psychiatry', 'note', ?, 'soon', 'open', ?, ?)`, elena.PracticeID, jonah.UserID, elena.UserID, f("referral out reason"), now, now)
	exec(`INSERT INTO coach_reports (coach_id, reporter_id, happened_on, what, created_at) VALUES (?, ?, ?, ?, ?)`, jonah.UserID, elena.UserID, now, f("coach report"), now)
	alertID := exec(`INSERT INTO safety_alerts (practice_id, client_id, level, reason, kinds, source_kind, source_id, created_at) VALUES (?, ?, 'concern', ?, 'suicide', 'legacy', 1, ?)`,
		elena.PracticeID, elena.UserID, strings.ToLower(f("reason")), now)

	n, err := privacy.SealLegacyText(ctx, a.DB, a.Vault)
	if err != nil || n < 8 {
		t.Fatalf("SealLegacyText: %d rows, %v; want at least the 8 planted", n, err)
	}
	if hits := tableHits(t, a.DB, canary); len(hits) > 0 {
		t.Errorf("after sealing the text is still in %v", hits)
	}
	var reason, kinds, digest string
	if err := a.DB.Reader().QueryRow(ctx, `SELECT reason, kinds, reason_digest FROM safety_alerts WHERE id = ?`, alertID).Scan(&reason, &kinds, &digest); err != nil {
		t.Fatal(err)
	}
	if reason != "" || kinds != "" || len(digest) != 64 {
		t.Errorf("sealed legacy alert: reason %q kinds %q digest %q; want both emptied and a digest", reason, kinds, digest)
	}
	p, err := a.Plans.Get(ctx, jonah, elena.UserID)
	if err != nil || p.Intentions != f("plan intentions") {
		t.Errorf("plan intentions read back %q, %v", p.Intentions, err)
	}
	history, err := a.Plans.History(ctx, jonah, elena.UserID)
	if err != nil || len(history) == 0 || history[0].Version != 99 || history[0].Plan.Intentions != f("plan snapshot") {
		t.Errorf("plan history read back %+v, %v; want version 99 first with its snapshot", history, err)
	}
	alerts, err := a.Alerts.ForClient(ctx, jonah, elena.UserID)
	found := false
	for _, al := range alerts {
		found = found || (al.ID == alertID && al.Reason == strings.ToLower(f("reason")) && len(al.Kinds) == 1)
	}
	if err != nil || !found {
		t.Errorf("the sealed legacy alert is not in the coach's list with its reason and kind (%v)", err)
	}
	bundle, err := a.FHIR.ClientBundle(ctx, elena, elena.UserID)
	if err != nil || !strings.Contains(string(bundle), f("referral in reason")) || !strings.Contains(string(bundle), f("referral out reason")) {
		t.Errorf("the FHIR export lacks the sealed legacy referral reasons (%v)", err)
	}
}

// demoActors are the demo accounts of emails, as actors.
func demoActors(t *testing.T, db *store.DB, emails ...string) []policy.Actor {
	t.Helper()
	out := make([]policy.Actor, len(emails))
	for i, email := range emails {
		var role string
		if err := db.Reader().QueryRow(context.Background(), `SELECT id, practice_id, role FROM users WHERE email = ?`, email).
			Scan(&out[i].UserID, &out[i].PracticeID, &role); err != nil {
			t.Fatalf("finding %s: %v", email, err)
		}
		out[i].Role = account.Role(role)
	}
	return out
}

// newCanary is a random marker that cannot occur in the database unless
// a test wrote it there.
func newCanary() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return "SEALED" + strings.ToUpper(hex.EncodeToString(b))
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
