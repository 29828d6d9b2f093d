package demo

import (
	"fmt"
	"time"

	"github.com/afterward/afterward/internal/alert"
	"github.com/afterward/afterward/internal/crisis"
	"github.com/afterward/afterward/internal/journal"
	"github.com/afterward/afterward/internal/safety"
	"github.com/afterward/afterward/internal/store"
)

// safetySignals seeds the safety net that does not depend on reading text:
// the practice's own crisis help (a same-day clinician and longer office
// hours), an open urgent alert with a kind (Sofia's journal entry about
// chest pain after MDMA: medical), and an urgent alert nobody acknowledged
// that was escalated to Maya (Tom pressed "I'm not safe right now").
func (s *seeder) safetySignals() error {
	if s.svc.Alerts == nil {
		return nil
	}
	ids, err := s.userIDs()
	if err != nil {
		return err
	}
	if s.svc.Crisis != nil {
		set := crisis.DefaultSettings(0)
		set.Clinician = crisis.Override{Name: "Cedar Psychiatric Associates, same-day line", Phone: "+1 503 555 0142"}
		set.Office = crisis.OfficeHours{Days: crisis.DefaultOfficeHours.Days, Start: 8 * 60, End: 19 * 60}
		set.Office.Days[time.Saturday] = true
		if err := s.svc.Crisis.Save(s.ctx, ids["maya@riverbend.example.org"], set); err != nil {
			return err
		}
	}
	if s.svc.ClientSpace != nil {
		at := s.now.Add(-50 * time.Minute)
		cs := s.svc.ClientSpace(func() time.Time { return at })
		sofia := ids["sofia@client.example.org"]
		e, err := cs.Journal.Save(s.ctx, sofia, sofia.UserID, journal.Input{Key: fmt.Sprintf("demo-entry-%d-medical", sofia.UserID), Title: "This morning",
			Body: "I took MDMA at a friend's place last night and my chest still feels tight. My heart is racing and I can't cool down, even after a cold shower."})
		if err != nil {
			return err
		}
		alerts := s.svc.Alerts.WithClock(func() time.Time { return at })
		if err := s.db.InTx(s.ctx, func(tx *store.Tx) error {
			// If the scanner already flagged the entry, this finds that alert.
			_, err := alerts.RaiseWith(s.ctx, tx, sofia.UserID, alert.Source{Kind: "journal_entry", ID: e.ID}, safety.Urgent,
				alert.ReasonCrisisLanguage, []safety.Kind{safety.KindMedical})
			return err
		}); err != nil {
			return err
		}
	}
	tom := ids["tom@client.example.org"]
	earlier := s.svc.Alerts.WithClock(func() time.Time { return s.now.Add(-3 * time.Hour) })
	return s.db.InTx(s.ctx, func(tx *store.Tx) error {
		id, err := earlier.Raise(s.ctx, tx, tom.UserID, alert.Source{Kind: alert.SourceNotSafeButton}, safety.Urgent, alert.ReasonClientNotSafe)
		if err != nil {
			return err
		}
		return s.svc.Alerts.WithClock(func() time.Time { return s.now.Add(-150 * time.Minute) }).EscalateInTx(s.ctx, tx, id)
	})
}
