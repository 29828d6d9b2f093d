package careteam_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/careteam"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/vault"
)

var now = time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)

type fixture struct {
	svc   *careteam.Service
	p     apptest.People
	db    *store.DB
	vault *vault.Vault
}

func newFixture(t *testing.T, db *store.DB, consented ...policy.Category) fixture {
	t.Helper()
	clock := func() time.Time { return now }
	f := fixture{p: apptest.MustPeople(t, db, now, consented...), db: db, vault: apptest.MustVault(t, clock)}
	f.svc = f.service(nil)
	f.seed(t)
	return f
}

// service builds the care-team service on the fixture's database and vault,
// sending referral invitations through invite (nil: none).
func (f fixture) service(invite careteam.Invite) *careteam.Service {
	clock := func() time.Time { return now }
	return careteam.NewService(careteam.Deps{DB: f.db, Policy: policy.New(f.db, clock, nil), Now: clock, Vault: f.vault,
		Invite: invite, Sources: careteam.Sources(f.vault)})
}

// seed gives Client One something in every shareable category.
func (f fixture) seed(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	c, coach := f.p.Client.UserID, f.p.Coach.UserID
	err := f.db.InTx(ctx, func(tx *store.Tx) error {
		exec := func(q string, args ...any) {
			if _, err := tx.Exec(ctx, q, args...); err != nil {
				t.Fatal(err)
			}
		}
		exec(`INSERT INTO appointments (uid, practice_id, coach_id, client_id, starts_at, minutes, format, location, status, created_at, updated_at)
			VALUES ('a1', ?, ?, ?, ?, 90, 'video', 'x', 'held', ?, ?)`, f.p.Client.PracticeID, coach, c, now.Add(-48*time.Hour), now, now)
		exec(`INSERT INTO measure_responses (client_id, practice_id, instrument, answered_at, total, severity, created_at)
			VALUES (?, ?, 'phq9', ?, 7, 'mild', ?)`, c, f.p.Client.PracticeID, now.Add(-24*time.Hour), now)
		exec(`INSERT INTO safety_alerts (practice_id, client_id, level, reason, source_kind, created_at) VALUES (?, ?, 'concern', 'SECRET-REASON', 'journal', ?)`,
			f.p.Client.PracticeID, c, now)
		id, err := store.InsertID(ctx, tx, `INSERT INTO journal_entries (client_id, entry_key, status, shared_at, created_at, updated_at)
			VALUES (?, 'k123456789012345', 'saved', ?, ?, ?) RETURNING id`, c, now, now, now)
		if err != nil {
			t.Fatal(err)
		}
		return f.vault.SealInto(ctx, tx, c, "journal_entries", id, map[string][]byte{"title": []byte("Morning walk"), "body": []byte("SECRET-BODY")})
	})
	if err != nil {
		t.Fatal(err)
	}
	sid, err := f.svc.WriteSummary(ctx, f.p.Coach, careteam.NewSummary{ClientID: c, Title: "Progress so far", Body: "Summary text"})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.svc.DecideSummary(ctx, f.p.Client, sid, true); err != nil {
		t.Fatal(err)
	}
}

func TestClinicianViewShowsExactlyTheConsentedCategories(t *testing.T) {
	cases := []struct {
		name     string
		shared   []policy.Category
		want     []string
		wantNot  []string
		sections int
	}{
		{"scores only", []policy.Category{policy.Scores}, []string{"PHQ9", "total 7, mild"}, []string{"Session", "Morning walk", "Safety alert", "Progress so far"}, 1},
		{"attendance only", []policy.Category{policy.Attendance}, []string{"Session: Held", "90 minutes"}, []string{"PHQ9", "Morning walk"}, 1},
		{"alerts without their reason", []policy.Category{policy.SafetyAlerts}, []string{"Safety alert: concern", "open"}, []string{"SECRET-REASON", "PHQ9"}, 1},
		{"journal titles, never bodies", []policy.Category{policy.Journal}, []string{"Morning walk"}, []string{"SECRET-BODY", "PHQ9"}, 1},
		{"approved summaries", []policy.Category{policy.Summaries}, []string{"Progress so far", "Summary text"}, []string{"PHQ9"}, 1},
		{"everything", policy.Shareable, []string{"PHQ9", "Session: Held", "Safety alert", "Morning walk", "Progress so far"}, []string{"SECRET"}, 6},
	}
	for _, engine := range apptest.Engines {
		for _, tc := range cases {
			t.Run(string(engine)+"/"+tc.name, func(t *testing.T) {
				f := newFixture(t, apptest.MustOpenDB(t, engine), tc.shared...)
				v, err := f.svc.ClinicianView(context.Background(), f.p.Clinician, f.p.Client.UserID)
				if err != nil {
					t.Fatal(err)
				}
				if got := len(v.Sections); got != tc.sections {
					t.Errorf("sections = %d, want %d", got, tc.sections)
				}
				var text strings.Builder
				for _, s := range v.Sections {
					for _, it := range s.Items {
						text.WriteString(it.Title + " | " + it.Detail + "\n")
					}
				}
				for _, w := range tc.want {
					if !strings.Contains(text.String(), w) {
						t.Errorf("view lacks %q:\n%s", w, text.String())
					}
				}
				for _, w := range tc.wantNot {
					if strings.Contains(text.String(), w) {
						t.Errorf("view has %q:\n%s", w, text.String())
					}
				}
			})
		}
	}
}

func TestClinicianViewRefusesOtherClients(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, policy.Scores)
		for _, tc := range []struct {
			name   string
			actor  policy.Actor
			client int64
		}{
			{"client who shared nothing", f.p.Clinician, f.p.Client2.UserID},
			{"coach is not a clinician", f.p.Coach, f.p.Client.UserID},
		} {
			_, err := f.svc.ClinicianView(context.Background(), tc.actor, tc.client)
			if got, want := errs.KindOf(err), errs.NotFound; got != want {
				t.Errorf("%s: kind %v, want %v (%v)", tc.name, got, want, err)
			}
		}
	})
}
