package intake

import (
	"context"
	"strings"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/triage"
)

// Hold is why a client may not start or continue coaching sessions yet:
// the intake referred them out, found an emergency, or asked for a
// clinician alongside coaching and none is recorded. A client on hold
// cannot book or be booked, be assigned or accepted by a coach, or join a
// circle; this file is the one place that decides it, and the schedule and
// coach services ask here before each of those.
type Hold string

const (
	NoHold          Hold = ""
	HoldReferredOut Hold = "referred_out"
	HoldEmergency   Hold = "emergency"
	HoldClinician   Hold = "clinician_needed"
)

// HoldOf is the hold an outcome puts the client on (NoHold when coaching
// may go ahead).
func (o Outcome) HoldOf() Hold {
	switch {
	case o.SubmittedAt.IsZero():
		return NoHold
	case o.Disposition == triage.Emergency && o.ClearedAt == nil:
		return HoldEmergency
	case o.Disposition == triage.ReferClinical && o.ClearedAt == nil:
		return HoldReferredOut
	case o.ClinicianNeeded():
		return HoldClinician
	}
	return NoHold
}

// Label is the hold in a few words, as staff lists and the demo print it.
func (h Hold) Label() string {
	switch h {
	case HoldReferredOut:
		return "on hold: referred out"
	case HoldEmergency:
		return "on hold: emergency"
	case HoldClinician:
		return "needs a clinician"
	}
	return ""
}

// Why says to the client, kindly, why sessions wait.
func (h Hold) Why() string {
	switch h {
	case HoldReferredOut:
		return "From your intake, a clinician is the right first step before coaching, so sessions are on hold for now."
	case HoldEmergency:
		return "From your intake, your safety comes first: coaching sessions are on hold until you have had medical or emergency care."
	case HoldClinician:
		return "Coaching can go ahead alongside a clinician, such as a therapist. Sessions wait until your coach or the practice has recorded that a clinician is involved."
	}
	return ""
}

// NextStep says what to do next; the pages link it to the next-steps page
// with the practice's referral partners and the crisis lines.
func (h Hold) NextStep() string {
	switch h {
	case HoldReferredOut:
		return "Contact one of the services on your next-steps page. When a clinician says coaching is a good fit, tell the practice: they record it and you can book straight away."
	case HoldEmergency:
		return "If you are in danger now, call your local emergency number or a crisis line. When you are safe and have been seen, the practice can reopen coaching with you."
	case HoldClinician:
		return "Find a clinician (your next-steps page lists therapists the practice works with), then tell the practice who it is so they can record it."
	}
	return ""
}

// Err is the refusal a service returns for a client on this hold: a
// conflict whose message says why and what to do next.
func (h Hold) Err() error {
	if h == NoHold {
		return nil
	}
	return errs.E(errs.Conflict, "%s %s", h.Why(), h.NextStep())
}

// HoldOn is the client's current hold, read in q (the caller's
// transaction when it is about to book, assign or add a member).
func HoldOn(ctx context.Context, q store.Querier, clientID int64) (Hold, error) {
	in, _, err := loadIntake(ctx, q, clientID)
	if errs.Is(err, errs.NotFound) {
		return NoHold, nil
	}
	if err != nil {
		return NoHold, err
	}
	return in.Outcome.HoldOf(), nil
}

// CheckNotOnHold returns the hold's refusal when the client is on hold,
// nil otherwise. The schedule and coach services call it, inside their
// transaction, before booking, assigning, accepting or adding to a circle.
func CheckNotOnHold(ctx context.Context, q store.Querier, clientID int64) error {
	h, err := HoldOn(ctx, q, clientID)
	if err != nil {
		return err
	}
	return h.Err()
}

// Hold returns the client's hold for the client themselves or their staff
// (an audited read of the roster). It reads in a snapshot and records its
// event in a group commit (policy.View): every client dashboard asks, and a
// write transaction each put every page view through the single writer.
func (s *Service) Hold(ctx context.Context, a policy.Actor, clientID int64) (Hold, error) {
	var h Hold
	err := s.policy.ViewParts(ctx, a, HoldPart(ctx, clientID, &h))
	return h, err
}

// HoldPart is Hold as a part of a page that reads several in one snapshot
// (policy.ViewParts; the client's dashboard): the same access and event,
// the hold written to out.
func HoldPart(ctx context.Context, clientID int64, out *Hold) policy.Part {
	return policy.Part{
		Access: policy.Access{ClientID: clientID, Category: policy.Roster, Action: policy.Read, ResourceType: "intake", Detail: "hold"},
		Read: func(tx *store.Tx) (err error) {
			*out, err = HoldOn(ctx, tx, clientID)
			return err
		},
	}
}

// maxReason bounds a written reason.
const maxReason = 2000

// LiftHold lets the client's coach or a practice admin lift the client's
// hold with a written reason: clinical clearance after a referral or an
// emergency, or that a clinician is now involved. The reason is sealed
// (it may name a clinician or a diagnosis); the audit event says which
// hold was lifted, never the reason.
func (s *Service) LiftHold(ctx context.Context, a policy.Actor, clientID int64, reason string) error {
	if a.Role != account.Coach && a.Role != account.Admin {
		return policy.ErrNotFound // clients and clinicians never lift a hold
	}
	reason = strings.TrimSpace(reason)
	var lifted Hold
	acc := policy.Access{ClientID: clientID, Category: policy.Roster, Action: policy.Write, ResourceType: "intake", Detail: "hold_lifted"}
	err := s.policy.Do(ctx, a, acc, func(tx *store.Tx) error {
		// Checked once authorized, so a stranger learns nothing.
		v := errs.Validation{}
		v.Check(reason != "", "reason", "write why the hold can be lifted (for example who cleared the client, and when)")
		v.Check(len(reason) <= maxReason, "reason", "use at most 2000 characters")
		if err := v.Err(); err != nil {
			return err
		}
		in, _, err := loadIntake(ctx, tx, clientID)
		if err != nil && !errs.Is(err, errs.NotFound) {
			return err
		}
		lifted = in.Outcome.HoldOf()
		if lifted == NoHold {
			return errs.E(errs.Conflict, "this client is not on hold")
		}
		return s.lift(ctx, tx, in, lifted, a.UserID, reason)
	})
	return err
}

func (s *Service) lift(ctx context.Context, tx *store.Tx, in Intake, h Hold, by int64, reason string) error {
	now := s.now().UTC()
	if h != HoldClinician {
		if err := recordClearance(ctx, tx, in.ClientID, by, now); err != nil {
			return err
		}
	}
	// A clinical clearance is itself a clinician's involvement, so it also
	// records the clinician that triage asked for.
	if in.Outcome.ClinicianNeeded() {
		if err := recordClinician(ctx, tx, in.ClientID, by, now); err != nil {
			return err
		}
	}
	if err := s.vault.SealInto(ctx, tx, in.ClientID, "intakes", in.ID, map[string][]byte{"hold_lift_reason": []byte(reason)}); err != nil {
		return err
	}
	_, err := tx.Exec(ctx, `UPDATE intakes SET hold_lifted_at = ?, hold_lifted_by = ? WHERE id = ?`, now, by, in.ID)
	return errs.Wrap(err, "recording the lifted hold")
}
