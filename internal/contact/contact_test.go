package contact_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/contact"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// TestContact: the client saves their contact (checked field by field),
// their coach reads it (audited), and nobody else does.
func TestContact(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)
		clock := func() time.Time { return now }
		p := apptest.MustPeople(t, db, now, policy.Roster)
		svc := contact.NewService(db, policy.New(db, clock, nil), clock)
		id := p.Client.UserID

		if c, err := svc.Get(ctx, p.Coach, id); err != nil || !c.Empty() {
			t.Fatalf("before anything is given: %+v %v, want empty", c, err)
		}
		_, err := svc.Save(ctx, p.Client, id, contact.Contact{Phone: "call me", EmergencyName: "Mara"})
		if f := fields(err); f["phone"] == "" || f["emergency_phone"] == "" {
			t.Errorf("bad contact: fields %v, want phone and emergency_phone", f)
		}
		want := contact.Contact{Phone: "+1 415 555 0142", EmergencyName: "Mara Marsh", EmergencyRelation: "sister", EmergencyPhone: "(415) 555-0199"}
		if _, err := svc.Save(ctx, p.Client, id, contact.Contact{Phone: " +1 415  555 0142 ", EmergencyName: "Mara Marsh", EmergencyRelation: "sister", EmergencyPhone: "(415) 555-0199"}); err != nil {
			t.Fatal(err)
		}
		got, err := svc.Get(ctx, p.Coach, id)
		if err != nil || got.Phone != want.Phone || got.EmergencyName != want.EmergencyName || got.EmergencyPhone != want.EmergencyPhone {
			t.Errorf("coach reads %+v (%v), want %+v", got, err, want)
		}
		if _, err := svc.Get(ctx, p.OtherCoach, id); !errs.Is(err, errs.NotFound) {
			t.Errorf("another coach: %v, want not found", err)
		}
		if _, err := svc.Save(ctx, p.Coach, id, want); !errs.Is(err, errs.NotFound) {
			t.Errorf("the coach saving the client's contact: %v, want not found", err)
		}
		var reads int
		if err := db.Reader().QueryRow(ctx, `SELECT COUNT(*) FROM audit_events WHERE resource_type = 'contact' AND action = 'read' AND client_id = ? AND outcome = 'ok'`, id).Scan(&reads); err != nil || reads != 2 {
			t.Errorf("audited reads = %d (%v), want 2", reads, err)
		}
	})
}

func fields(err error) map[string]string {
	var e *errs.Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}
