package crisis_test

import (
	"context"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/crisis"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

func TestSettingsValidate(t *testing.T) {
	ok := crisis.DefaultSettings(1)
	tests := []struct {
		name  string
		edit  func(*crisis.Settings)
		field string // "" when valid
	}{
		{"defaults", func(*crisis.Settings) {}, ""},
		{"a full override", func(s *crisis.Settings) {
			s.Poison = crisis.Override{Name: "Poison line", Phone: "+44 (0)20 7188 0600"}
		}, ""},
		{"unknown region", func(s *crisis.Settings) { s.Region = "XX" }, "region"},
		{"name without phone", func(s *crisis.Settings) { s.Crisis = crisis.Override{Name: "Line"} }, "crisis_phone"},
		{"phone without name", func(s *crisis.Settings) { s.Violence = crisis.Override{Phone: "0800 123"} }, "violence_name"},
		{"letters in the phone", func(s *crisis.Settings) { s.Clinician = crisis.Override{Name: "Dr", Phone: "call me"} }, "clinician_phone"},
		{"a script in the phone", func(s *crisis.Settings) { s.Clinician = crisis.Override{Name: "Dr", Phone: "javascript:1"} }, "clinician_phone"},
		{"too few digits", func(s *crisis.Settings) { s.Emergency = crisis.Override{Name: "E", Phone: "1"} }, "emergency_phone"},
		{"a name over two lines", func(s *crisis.Settings) { s.Emergency = crisis.Override{Name: "E\nF", Phone: "112"} }, "emergency_name"},
		{"escalation too soon", func(s *crisis.Settings) { s.AckWithin = time.Minute }, "ack_minutes"},
		{"escalation too late", func(s *crisis.Settings) { s.AckWithin = 25 * time.Hour }, "ack_minutes"},
		{"no office days", func(s *crisis.Settings) { s.Office.Days = [7]bool{} }, "office_days"},
		{"office ends before it starts", func(s *crisis.Settings) { s.Office.Start, s.Office.End = 600, 540 }, "office_end"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := ok
			tc.edit(&s)
			err := s.Validate()
			if tc.field == "" {
				if err != nil {
					t.Fatalf("got %v, want valid", err)
				}
				return
			}
			var e *errs.Error
			if !errs.Is(err, errs.Invalid) || !asErr(err, &e) || e.Fields[tc.field] == "" {
				t.Errorf("got %v, want a message on %s", err, tc.field)
			}
		})
	}
}

func asErr(err error, e **errs.Error) bool {
	x, ok := err.(*errs.Error)
	*e = x
	return ok
}

func TestOverridesReplaceTheFirstLineOfTheirRole(t *testing.T) {
	s := crisis.Settings{Crisis: crisis.Override{Name: "Riverbend crisis team", Phone: "+1 (555) 010-0199"}}
	r := s.Apply("US")
	if r.Lines[0].Name != "Riverbend crisis team" || r.Lines[0].Href != "tel:+15550100199" || r.Lines[1].Name != "Crisis Text Line" {
		t.Errorf("crisis lines = %+v", r.Lines)
	}
	if crisis.For("US").Lines[0].Name != "988 Suicide & Crisis Lifeline" {
		t.Error("applying an override changed the defaults")
	}
	eu := crisis.Settings{Region: "EU", Poison: crisis.Override{Name: "Giftnotruf Berlin", Phone: "030 19240"}}.Apply("US")
	if eu.Code != "EU" || len(eu.Poison) != 1 || eu.Poison[0].Contact != "Call 030 19240" {
		t.Errorf("EU with a poison line = %+v", eu)
	}
}

func TestOfficeHoursElapsed(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	at := func(day, hour, min int) time.Time { return time.Date(2026, 3, day, hour, min, 0, 0, ny) } // 2 March 2026 is a Monday
	o := crisis.DefaultOfficeHours
	tests := []struct {
		name     string
		from, to time.Time
		want     time.Duration
	}{
		{"inside one morning", at(2, 10, 0), at(2, 10, 31), 31 * time.Minute},
		{"before opening counts from 9:00", at(2, 7, 0), at(2, 9, 20), 20 * time.Minute},
		{"overnight counts only the open hours", at(2, 16, 50), at(3, 9, 25), 35 * time.Minute},
		{"the weekend does not count", at(7, 11, 0), at(9, 9, 30), 30 * time.Minute},
		{"Saturday to Sunday is nothing", at(7, 11, 0), at(8, 18, 0), 0},
		{"backwards is nothing", at(2, 11, 0), at(2, 10, 0), 0},
	}
	for _, tc := range tests {
		if got := o.Elapsed(tc.from, tc.to, ny); got != tc.want {
			t.Errorf("%s: got %s, want %s", tc.name, got, tc.want)
		}
	}
}

func TestSettingsSaveAndLoad(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2026, 3, 2, 15, 0, 0, 0, time.UTC)
		p := apptest.MustPeople(t, db, now)
		svc := crisis.NewService(db, func() time.Time { return now })
		got, err := svc.Settings(ctx, p.Admin)
		if err != nil || got.AckWithin != 30*time.Minute || got.Office != crisis.DefaultOfficeHours {
			t.Fatalf("defaults = %+v, %v", got, err)
		}
		want := crisis.DefaultSettings(p.Admin.PracticeID)
		want.Region, want.AckWithin = "UK", 45*time.Minute
		want.Clinician = crisis.Override{Name: "Dr Okafor, on call", Phone: "020 7946 0000"}
		want.Office = crisis.OfficeHours{Days: [7]bool{time.Saturday: true, time.Monday: true}, Start: 8 * 60, End: 20 * 60}
		if err := svc.Save(ctx, p.Admin, want); err != nil {
			t.Fatal(err)
		}
		got, err = svc.Settings(ctx, p.Admin)
		if err != nil || got != want {
			t.Errorf("saved %+v, read %+v (%v)", want, got, err)
		}
		r, err := svc.ForPractice(ctx, p.Admin.PracticeID)
		if err != nil || r.Code != "UK" || r.Clinician == nil || r.Clinician.Name != "Dr Okafor, on call" {
			t.Errorf("region = %+v, %v", r, err)
		}
		bad := want
		bad.Crisis = crisis.Override{Name: "Line"}
		if err := svc.Save(ctx, p.Admin, bad); !errs.Is(err, errs.Invalid) {
			t.Errorf("saving a name without a number: got %v, want invalid", err)
		}
		if err := svc.Save(ctx, p.Coach, want); !errs.Is(err, errs.Forbidden) {
			t.Errorf("a coach saves: got %v, want forbidden", err)
		}
		var audited int
		_ = db.Reader().QueryRow(ctx, `SELECT COUNT(*) FROM audit_events WHERE action = 'safety_settings_saved'`).Scan(&audited)
		if audited != 1 {
			t.Errorf("audit events = %d, want 1", audited)
		}
	})
}

// ForPractice keeps a practice's region for crisis.RegionTTL; a save
// through the same service shows at once, and another server's service
// (a cluster) reads it again once its copy is older than the TTL.
func TestForPracticeCachedUntilSaved(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2026, 3, 2, 15, 0, 0, 0, time.UTC)
		p := apptest.MustPeople(t, db, now)
		svc := crisis.NewService(db, func() time.Time { return now })
		other := crisis.NewService(db, func() time.Time { return now })
		before, err := svc.ForPractice(ctx, p.Admin.PracticeID)
		if err != nil || before.Clinician != nil {
			t.Fatalf("before: %+v, %v", before, err)
		}
		if _, err := other.ForPractice(ctx, p.Admin.PracticeID); err != nil {
			t.Fatal(err)
		}
		set := crisis.DefaultSettings(p.Admin.PracticeID)
		set.Region = "UK"
		set.Clinician = crisis.Override{Name: "Dr Okafor, on call", Phone: "020 7946 0000"}
		if err := svc.Save(ctx, p.Admin, set); err != nil {
			t.Fatal(err)
		}
		r, err := svc.ForPractice(ctx, p.Admin.PracticeID)
		if err != nil || r.Code != "UK" || r.Clinician == nil {
			t.Errorf("after a save through the same service: %+v, %v", r, err)
		}
		if r, _ := other.ForPractice(ctx, p.Admin.PracticeID); r.Code == "UK" {
			t.Log("the other service read again already (the test was slower than the TTL)")
		}
		if testing.Short() {
			return
		}
		time.Sleep(crisis.RegionTTL + 100*time.Millisecond)
		if r, err := other.ForPractice(ctx, p.Admin.PracticeID); err != nil || r.Code != "UK" || r.Clinician == nil {
			t.Errorf("another server after the TTL: %+v, %v", r, err)
		}
	})
}
