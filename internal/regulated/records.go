package regulated

import (
	"context"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/addendum"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/practice"
	"github.com/afterward/afterward/internal/store"
)

// A client reads their own regulated records — every form they signed,
// as signed, and every session their facilitator logged about them — and
// may add an addendum to any of them in their own words
// (internal/addendum): sealed under their key, audited, shown to the
// facilitator beside the record, never changing it.

var (
	formAddenda    = addendum.Table{Name: "regulated_addenda", Parent: "form_id"}
	sessionAddenda = addendum.Table{Name: "regulated_addenda", Parent: "session_id"}
)

// RecordKind is which kind of regulated record an addendum is for.
type RecordKind string

const (
	FormRecord    RecordKind = "form"    // a signed form
	SessionRecord RecordKind = "session" // a logged session
)

// ClientRecords is what a client reads of their regulated records.
type ClientRecords struct {
	Programme practice.Programme // the practice's programme today
	Forms     []Signed           // every signature, newest first, each with its addenda
	Sessions  []Entry            // the session log about them, oldest first, each with its addenda
}

// Empty reports whether the client has no regulated record at all.
func (c ClientRecords) Empty() bool { return len(c.Forms) == 0 && len(c.Sessions) == 0 }

// ClientRecords returns the actor's (a client's) own regulated records, in
// one audited read. Records stay readable if the practice later leaves
// its programme: the retention period still applies to them.
func (s *Service) ClientRecords(ctx context.Context, a policy.Actor) (ClientRecords, error) {
	var out ClientRecords
	if a.Role != account.Client {
		return out, errs.E(errs.Forbidden, "clients read their own records here")
	}
	acc := policy.Access{ClientID: a.UserID, Action: policy.Read, ResourceType: "regulated_record", Detail: "own_records"}
	err := s.do(ctx, a, acc, func(tx *store.Tx) error {
		var err error
		if out.Programme, err = practice.ProgrammeOf(ctx, tx, a.PracticeID); err != nil {
			return err
		}
		out.Forms, out.Sessions, err = s.records(ctx, tx, a.UserID)
		return err
	})
	return out, err
}

// AddAddendum adds the client's addendum to one of their signed forms or
// logged sessions, sealed and audited in one transaction. It never edits
// the record; bad text is named on the addendum field.
func (s *Service) AddAddendum(ctx context.Context, a policy.Actor, kind RecordKind, id int64, text string) (addendum.Addendum, error) {
	if a.Role != account.Client {
		return addendum.Addendum{}, errs.E(errs.Forbidden, "only the client adds an addendum to their records")
	}
	t, table := formAddenda, "regulated_forms"
	switch kind {
	case FormRecord:
	case SessionRecord:
		t, table = sessionAddenda, "regulated_sessions"
	default:
		return addendum.Addendum{}, errs.NotFoundf("record not found")
	}
	var clientID int64
	if err := s.db.Reader().QueryRow(ctx, `SELECT client_id FROM `+table+` WHERE id = ?`, id).Scan(&clientID); err != nil {
		return addendum.Addendum{}, store.NotFound(err, "record")
	}
	var out addendum.Addendum
	acc := policy.Access{ClientID: clientID, Action: policy.Write, ResourceType: "regulated_addendum", ResourceID: id, Detail: "record=" + string(kind)}
	err := s.do(ctx, a, acc, func(tx *store.Tx) error {
		clean, err := addendum.Clean(text)
		if err != nil {
			return err
		}
		out, err = t.Add(ctx, tx, s.vault, id, clientID, a.UserID, s.now(), clean)
		return err
	})
	return out, err
}
