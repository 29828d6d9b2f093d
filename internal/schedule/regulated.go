package schedule

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/practice"
	"github.com/afterward/afterward/internal/store"
)

// SessionType is a regulated session's type; the zero value is ordinary
// integration coaching. The types apply in practices under a regulated
// programme (practice.Programme).
type SessionType string

const (
	Coaching       SessionType = ""
	Preparation    SessionType = "preparation"
	Administration SessionType = "administration"
	Integration    SessionType = "integration"
)

// SessionTypes are the regulated types in the order a form offers them.
var SessionTypes = []SessionType{Preparation, Administration, Integration}

// Label is the type in plain words.
func (t SessionType) Label() string {
	switch t {
	case Preparation:
		return "Preparation session"
	case Administration:
		return "Administration session"
	case Integration:
		return "Integration session"
	}
	return "Coaching session"
}

func (t SessionType) valid() bool {
	return t == Coaching || t == Preparation || t == Administration || t == Integration
}

// The Oregon preparation window: the preparation session is held at least
// 24 hours and at most 90 days before the administration session.
const (
	PrepMinBefore = 24 * time.Hour
	PrepMaxBefore = 90 * 24 * time.Hour
)

// OregonPrepRule is the rule's words, shown when a booking breaks it.
const OregonPrepRule = "Oregon's rule: the preparation session must be held at least 24 hours and at most 90 days before the administration session."

// checkProgramme applies the practice's programme to a booking: regulated
// types only under a regulated programme, and in Oregon the preparation
// window, checked against the client's live or held sessions in q.
func checkProgramme(ctx context.Context, q store.Querier, practiceID int64, b Booking) error {
	if !b.SessionType.valid() {
		return errs.Validation{"session_type": "choose preparation, administration or integration"}.Err()
	}
	if b.SessionType == Coaching {
		return nil
	}
	prog, err := practice.ProgrammeOf(ctx, q, practiceID)
	if err != nil {
		return err
	}
	if !prog.Regulated() {
		return errs.Validation{"session_type": "regulated session types apply only when the practice works under Oregon's or Colorado's programme"}.Err()
	}
	if prog != practice.Oregon {
		return nil
	}
	switch b.SessionType {
	case Preparation:
		// Against the next administration already booked, if any.
		next, ok, err := typedSession(ctx, q, b.ClientID, Administration, `a.starts_at > ? ORDER BY a.starts_at LIMIT 1`, b.Start)
		if err != nil || !ok {
			return err
		}
		return prepWindow(b.Start, next)
	case Administration:
		// A preparation within the window before it must exist.
		prep, ok, err := typedSession(ctx, q, b.ClientID, Preparation, `a.starts_at < ? ORDER BY a.starts_at DESC LIMIT 1`, b.Start)
		if err != nil {
			return err
		}
		if !ok {
			return errs.Validation{"start": "book the preparation session first. " + OregonPrepRule}.Err()
		}
		return prepWindow(prep, b.Start)
	}
	return nil
}

func prepWindow(prep, admin time.Time) error {
	gap := admin.Sub(prep)
	if gap < PrepMinBefore || gap > PrepMaxBefore {
		return errs.Validation{"start": OregonPrepRule}.Err()
	}
	return nil
}

// typedSession finds the start of the client's booked or held session of a
// type, by the condition given (which orders and limits).
func typedSession(ctx context.Context, q store.Querier, clientID int64, t SessionType, cond string, at time.Time) (time.Time, bool, error) {
	var start time.Time
	err := q.QueryRow(ctx, `SELECT a.starts_at FROM appointments a WHERE a.client_id = ? AND a.session_type = ? AND a.status IN ('booked', 'held') AND `+cond,
		clientID, string(t), at).Scan(&start)
	if err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return time.Time{}, false, nil
		}
		return time.Time{}, false, errs.Wrap(err, "checking the preparation window")
	}
	return start.UTC(), true, nil
}
