package schedule

import (
	"context"
	"time"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/intake"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// FirstSessionMinutes is the length of a first session booked when a coach
// takes a client on.
const FirstSessionMinutes = 60

// BookFirstSession books the client's first session with their newly
// assigned coach at start, inside the caller's transaction (the coach
// service's accept or assign), so the assignment and the appointment
// commit together or not at all. The actor is the coach who accepted or
// the admin who assigned; the access is authorized and audited like any
// booking, and refused like any booking for a client who has not signed
// the practice's current coaching agreement. The session is by video in the coach's room, or in person at
// the coach's address when there is no room. Both people get the
// confirmation with an .ics. It returns the appointment's id.
func (s *Service) BookFirstSession(ctx context.Context, tx *store.Tx, actor policy.Actor, clientID, coachID int64, start time.Time) (int64, error) {
	var out Appointment
	acc := policy.Access{ClientID: clientID, Category: policy.Attendance, Action: policy.Write, ResourceType: "appointment", Detail: "first_session"}
	err := s.policy.DoIn(ctx, tx, actor, acc, func(tx *store.Tx) error {
		if err := intake.CheckNotOnHold(ctx, tx, clientID); err != nil {
			return err
		}
		if err := s.checkAgreement(ctx, tx, actor, clientID); err != nil {
			return err
		}
		assigned, practiceID, err := clientCoach(ctx, tx, clientID)
		if err != nil {
			return err
		}
		if assigned != coachID {
			return errs.E(errs.Conflict, "the client is not assigned to this coach")
		}
		b, location, err := firstSessionPlace(ctx, tx, coachID)
		if err != nil {
			return err
		}
		b.ClientID, b.Start, b.Minutes = clientID, start.UTC(), FirstSessionMinutes
		if err := b.Validate(s.now()); err != nil {
			return err
		}
		out, err = s.insert(ctx, tx, practiceID, coachID, b, location)
		return err
	})
	return out.ID, err
}

// firstSessionPlace: the coach's video room, else their address.
func firstSessionPlace(ctx context.Context, q store.Querier, coachID int64) (Booking, string, error) {
	place, err := placeOf(ctx, q, coachID)
	if err != nil {
		return Booking{}, "", err
	}
	switch {
	case place.RoomURL != "":
		return Booking{Format: Video}, place.RoomURL, nil
	case place.Address != "":
		return Booking{Format: InPerson, Address: place.Address}, place.Address, nil
	}
	return Booking{}, "", errs.E(errs.Conflict, "the coach has no video room or address yet, so the first session cannot be booked: add one on the availability page first")
}
