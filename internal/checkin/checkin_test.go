package checkin_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/checkin"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/safety"
	"github.com/afterward/afterward/internal/store"
)

type scanner struct{}

func (scanner) ScanText(_ context.Context, _ *store.Tx, _ int64, _ string, _ int64, text string) (safety.Level, error) {
	return safety.Scan(text).Level, nil
}

func (scanner) Signal(context.Context, *store.Tx, int64, int64, checkin.Signal) error { return nil }

func TestRecordAndTrend(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
		clock := func() time.Time { return now }
		p := apptest.MustPeople(t, db, now)
		svc := checkin.NewService(checkin.Deps{Policy: policy.New(db, clock, nil), Vault: apptest.MustVault(t, clock), Scan: scanner{}, Now: clock})
		for i, mood := range []checkin.Scale{2, 3, 4} {
			now = now.Add(24 * time.Hour)
			note := ""
			if i == 2 {
				note = "slept well,   walked by the river"
			}
			if _, err := svc.Record(ctx, p.Client, p.Client.UserID, checkin.Input{Mood: mood, Anxiety: 3, Sleep: 4, Connection: 2, Note: note}); err != nil {
				t.Fatal(err)
			}
		}
		urgent, err := svc.Record(ctx, p.Client, p.Client.UserID, checkin.Input{Cadence: checkin.Weekly, Mood: 1, Anxiety: 5, Sleep: 1, Connection: 1, Note: "I am going to kill myself"})
		if err != nil || urgent.SafetyLevel != safety.Urgent {
			t.Fatalf("urgent note: level %v, err %v", urgent.SafetyLevel, err)
		}
		var raw []byte
		_ = db.Reader().QueryRow(ctx, `SELECT note FROM checkins WHERE id = ?`, urgent.ID).Scan(&raw)
		if bytes.Contains(raw, []byte("kill")) || len(raw) == 0 {
			t.Errorf("note stored in the clear: %q", raw)
		}
		got, err := svc.List(ctx, p.Coach, p.Client.UserID, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 4 || got[1].Note != "slept well, walked by the river" {
			t.Fatalf("coach's list = %+v", got)
		}
		trend := checkin.Trend(got)
		if v := trend[0].Points; v[0].Value != 2 || v[3].Value != 1 {
			t.Errorf("mood trend = %+v, want oldest first", v)
		}
		if d := checkin.Describe(trend); !strings.Contains(d, "mood from 2 to 1") {
			t.Errorf("description = %q", d)
		}
		if _, err := svc.List(ctx, p.OtherCoach, p.Client.UserID, time.Time{}); !errs.Is(err, errs.NotFound) {
			t.Errorf("another coach: got %v, want not found", err)
		}
		if _, err := svc.List(ctx, p.Clinician, p.Client.UserID, time.Time{}); !errs.Is(err, errs.NotFound) {
			t.Errorf("clinician without consent: got %v, want not found", err)
		}
		grant(t, db, p.Client.UserID, p.Clinician.UserID, now, policy.Scores, policy.Journal)
		if _, err := svc.List(ctx, p.Clinician, p.Client.UserID, time.Time{}); !errs.Is(err, errs.NotFound) {
			t.Errorf("clinician with consent to scores and the journal: got %v, want not found (check-ins are not shared)", err)
		}
		grant(t, db, p.Client.UserID, p.Clinician.UserID, now, policy.CheckIns)
		if got, err := svc.List(ctx, p.Clinician, p.Client.UserID, time.Time{}); err != nil || len(got) != 4 {
			t.Errorf("clinician with consent to check-ins: %d check-ins, %v", len(got), err)
		}
		if _, err := svc.Record(ctx, p.Coach, p.Client.UserID, checkin.Input{Mood: 3, Anxiety: 3, Sleep: 3, Connection: 3}); !errs.Is(err, errs.Forbidden) {
			t.Errorf("coach checks in for a client: got %v, want forbidden", err)
		}
	})
}

func TestValidate(t *testing.T) {
	ok := checkin.Input{Cadence: checkin.Daily, Mood: 1, Anxiety: 5, Sleep: 3, Connection: 3}
	tests := []struct {
		name  string
		edit  func(*checkin.Input)
		field string
	}{
		{"valid at the bounds", func(*checkin.Input) {}, ""},
		{"mood zero", func(i *checkin.Input) { i.Mood = 0 }, "mood"},
		{"anxiety six", func(i *checkin.Input) { i.Anxiety = 6 }, "anxiety"},
		{"sleep missing", func(i *checkin.Input) { i.Sleep = 0 }, "sleep"},
		{"connection negative", func(i *checkin.Input) { i.Connection = -1 }, "connection"},
		{"cadence unknown", func(i *checkin.Input) { i.Cadence = "hourly" }, "cadence"},
		{"note at limit", func(i *checkin.Input) { i.Note = strings.Repeat("é", checkin.MaxNote) }, ""},
		{"note over limit", func(i *checkin.Input) { i.Note = strings.Repeat("a", checkin.MaxNote+1) }, "note"},
		{"note invalid utf-8", func(i *checkin.Input) { i.Note = "\xff" }, "note"},
		{"safe answered no", func(i *checkin.Input) { i.Safe = checkin.SafeNo }, ""},
		{"safe answered maybe", func(i *checkin.Input) { i.Safe = "maybe" }, "safe"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := ok
			tc.edit(&in)
			err := in.Validate()
			if tc.field == "" {
				if err != nil {
					t.Errorf("got %v, want valid", err)
				}
				return
			}
			e, _ := err.(*errs.Error)
			if e == nil || e.Fields[tc.field] == "" {
				t.Errorf("got %v, want a problem with %s", err, tc.field)
			}
		})
	}
}

func TestChart(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	series := []checkin.Series{{Name: "Mood", Key: "mood", Points: []checkin.Point{{At: t0, Value: 1}, {At: t0.Add(48 * time.Hour), Value: 5}}}}
	c := checkin.NewChart(series, 320, 180)
	l := c.Lines[0]
	if l.Dots[0].X != 28 || l.Dots[1].X != 312 || l.Dots[0].Y != 156 || l.Dots[1].Y != 10 {
		t.Errorf("dots = %+v, want the plot's corners", l.Dots)
	}
	if l.Points != "28,156 312,10" {
		t.Errorf("points = %q", l.Points)
	}
	one := checkin.NewChart([]checkin.Series{{Name: "Mood", Points: []checkin.Point{{At: t0, Value: 3}}}}, 320, 180)
	if one.Lines[0].Dots[0].X != 170 || len(one.XTicks) != 1 {
		t.Errorf("single point: %+v, want centred with one x label", one)
	}
	if !checkin.NewChart(nil, 320, 180).Empty {
		t.Error("no series should be an empty chart")
	}
}

// recorder is a RiskScanner that keeps the signals raised.
type recorder struct {
	scanner
	got []checkin.Signal
}

func (r *recorder) Signal(_ context.Context, _ *store.Tx, _, _ int64, sig checkin.Signal) error {
	r.got = append(r.got, sig)
	return nil
}

func TestStructuredSignals(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		// 8:00 in New York, the test users' default zone.
		now := time.Date(2026, 3, 2, 13, 0, 0, 0, time.UTC)
		clock := func() time.Time { return now }
		p := apptest.MustPeople(t, db, now)
		rec := &recorder{}
		svc := checkin.NewService(checkin.Deps{Policy: policy.New(db, clock, nil), Vault: apptest.MustVault(t, clock), Scan: rec, Now: clock})
		record := func(mood checkin.Scale, safe checkin.Safe) checkin.CheckIn {
			t.Helper()
			c, err := svc.Record(ctx, p.Client, p.Client.UserID, checkin.Input{Mood: mood, Anxiety: 3, Sleep: 3, Connection: 3, Safe: safe})
			if err != nil {
				t.Fatal(err)
			}
			return c
		}
		if c := record(3, checkin.SafeNo); c.SafetyLevel != safety.Urgent || len(rec.got) != 1 || rec.got[0] != checkin.NotSafe {
			t.Fatalf("not safe: level %v, signals %v; want urgent and not_safe", c.SafetyLevel, rec.got)
		}
		rec.got = nil
		// Very low mood on day 1 and day 2 (twice, one better): no run yet.
		record(1, checkin.SafeYes)
		now = now.Add(24 * time.Hour)
		record(4, checkin.SafeUnanswered)
		record(1, checkin.SafeUnanswered)
		if len(rec.got) != 0 {
			t.Fatalf("two low days raised %v", rec.got)
		}
		// Day 3: the third low day in a row.
		now = now.Add(24 * time.Hour)
		if c := record(1, checkin.SafeYes); c.SafetyLevel != safety.Concern || len(rec.got) != 1 || rec.got[0] != checkin.LowMood {
			t.Fatalf("third low day: level %v, signals %v; want concern and low_mood", c.SafetyLevel, rec.got)
		}
		// A gap breaks the run: day 5 low after no check-in on day 4.
		rec.got = nil
		now = now.Add(48 * time.Hour)
		record(1, checkin.SafeUnanswered)
		if len(rec.got) != 0 {
			t.Errorf("a run with a missing day raised %v", rec.got)
		}
	})
}

// grant records a consent from client to recipient for the categories.
func grant(t *testing.T, db *store.DB, client, recipient int64, at time.Time, cats ...policy.Category) {
	t.Helper()
	ctx := context.Background()
	err := db.InTx(ctx, func(tx *store.Tx) error {
		id, err := store.InsertID(ctx, tx, `INSERT INTO consents (client_id, recipient_id, purpose, starts_at, created_at) VALUES (?, ?, 'test', ?, ?) RETURNING id`,
			client, recipient, at.Add(-time.Hour), at.Add(-time.Hour))
		if err != nil {
			return err
		}
		for _, c := range cats {
			if _, err := tx.Exec(ctx, `INSERT INTO consent_categories (consent_id, category) VALUES (?, ?)`, id, string(c)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
