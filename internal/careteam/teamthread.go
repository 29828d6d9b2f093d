package careteam

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/audit"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/notify"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/vault"
)

// A team thread is the conversation between a client's coach and one
// clinician the client shared their record with, about that client. It
// exists only while the client's consent to that clinician is active:
// withdrawing the consent closes it for both.

// TeamMessage is one message of a team thread, opened.
type TeamMessage struct {
	SenderName string
	Mine       bool
	Body       string
	At         time.Time
}

// TeamThread is the conversation and who is in it.
type TeamThread struct {
	ClientID, ClinicianID, CoachID   int64
	ClientName, ClinicianName, Coach string
	Messages                         []TeamMessage
}

// authorizeTeam lets in the clinician the client consented to, and the
// client's coach, while a consent from the client to that clinician is
// active. Anyone else gets NotFound. The access is audited.
func (s *Service) authorizeTeam(ctx context.Context, tx *store.Tx, a policy.Actor, clientID, clinicianID int64, action string) (TeamThread, error) {
	t := TeamThread{ClientID: clientID, ClinicianID: clinicianID}
	var coachID sql.NullInt64
	err := tx.QueryRow(ctx, `SELECT cu.name, c.coach_id, COALESCE(co.name, ''), ku.name FROM clients c JOIN users cu ON cu.id = c.user_id
		LEFT JOIN users co ON co.id = c.coach_id JOIN users ku ON ku.id = ? AND ku.role = 'clinician' WHERE c.user_id = ?`,
		clinicianID, clientID).Scan(&t.ClientName, &coachID, &t.Coach, &t.ClinicianName)
	if err != nil {
		return t, policy.ErrNotFound
	}
	t.CoachID = coachID.Int64
	party := (a.Role == account.Clinician && a.UserID == clinicianID) || (a.Role == account.Coach && coachID.Valid && coachID.Int64 == a.UserID)
	if !party {
		return t, policy.ErrNotFound
	}
	now := s.now()
	var n int
	err = tx.QueryRow(ctx, `SELECT COUNT(*) FROM consents WHERE client_id = ? AND recipient_id = ? AND revoked_at IS NULL
		AND starts_at <= ? AND (ends_at IS NULL OR ends_at > ?)`, clientID, clinicianID, now, now).Scan(&n)
	if err != nil {
		return t, errs.Wrap(err, "checking consent")
	}
	if n == 0 {
		return t, policy.ErrNotFound
	}
	err = audit.Append(ctx, tx, audit.Stamp(ctx, audit.Event{At: now, ActorID: a.UserID, ActorRole: string(a.Role), Action: action,
		ResourceType: "care_team_message", ResourceID: strconv.FormatInt(clinicianID, 10), ClientID: clientID, Outcome: audit.OutcomeOK}))
	return t, errs.Wrap(err, "writing audit event")
}

// TeamThread returns the conversation about clientID between the coach
// and clinicianID, oldest first.
func (s *Service) TeamThread(ctx context.Context, a policy.Actor, clientID, clinicianID int64) (TeamThread, error) {
	var t TeamThread
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		var err error
		if t, err = s.authorizeTeam(ctx, tx, a, clientID, clinicianID, audit.ActionRead); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `SELECT m.id, m.sender_id, u.name, m.body, m.created_at FROM care_team_messages m JOIN users u ON u.id = m.sender_id
			WHERE m.client_id = ? AND m.clinician_id = ? ORDER BY m.created_at, m.id`, clientID, clinicianID)
		if err != nil {
			return errs.Wrap(err, "reading the team thread")
		}
		type sealed struct {
			id   int64
			body []byte
		}
		var raw []sealed
		for rows.Next() {
			var m TeamMessage
			var sc sealed
			var sender int64
			if err := rows.Scan(&sc.id, &sender, &m.SenderName, &sc.body, &m.At); err != nil {
				rows.Close()
				return errs.Wrap(err, "reading the team thread")
			}
			m.Mine, m.At = sender == a.UserID, m.At.UTC()
			t.Messages, raw = append(t.Messages, m), append(raw, sc)
		}
		rows.Close()
		for i, sc := range raw {
			pt, err := s.vault.Open(ctx, tx, clientID, vault.AAD{Table: "care_team_messages", RecordID: sc.id, Field: "body"}, sc.body)
			if err != nil {
				return err
			}
			t.Messages[i].Body = string(pt)
		}
		return rows.Err()
	})
	return t, err
}

// SendTeamMessage adds a message to the thread.
func (s *Service) SendTeamMessage(ctx context.Context, a policy.Actor, clientID, clinicianID int64, body string) error {
	body = strings.TrimSpace(strings.ReplaceAll(body, "\r\n", "\n"))
	return s.db.InTx(ctx, func(tx *store.Tx) error {
		t, err := s.authorizeTeam(ctx, tx, a, clientID, clinicianID, audit.ActionWrite)
		if err != nil {
			return err
		}
		v := errs.Validation{}
		v.Check(body != "", "body", "write a message")
		v.Check(len(body) <= 10_000 && utf8.ValidString(body), "body", "keep it under 10,000 characters")
		if err := v.Err(); err != nil {
			return err
		}
		id, err := store.InsertID(ctx, tx, `INSERT INTO care_team_messages (client_id, clinician_id, sender_id, created_at) VALUES (?, ?, ?, ?) RETURNING id`,
			clientID, clinicianID, a.UserID, s.now().UTC().Truncate(time.Microsecond))
		if err != nil {
			return errs.Wrap(err, "sending the message")
		}
		if err := s.vault.SealInto(ctx, tx, clientID, "care_team_messages", id, map[string][]byte{"body": []byte(body)}); err != nil {
			return err
		}
		return s.tellTeam(ctx, tx, a, t, id)
	})
}

// tellTeam emails the other member of the thread that a message is
// waiting: no text, no client name, only the link (their preferences and
// quiet hours decide whether and when).
func (s *Service) tellTeam(ctx context.Context, tx *store.Tx, from policy.Actor, t TeamThread, messageID int64) error {
	if s.notices == nil {
		return nil
	}
	to := t.ClinicianID
	if from.UserID == t.ClinicianID {
		to = t.CoachID
	}
	path := "/care-team/clients/" + strconv.FormatInt(t.ClientID, 10) + "/with/" + strconv.FormatInt(t.ClinicianID, 10)
	return s.notices.Tell(ctx, tx, notify.Notice{UserID: to, Kind: notify.TeamMessage, Path: path,
		Event: "care_team_message:" + strconv.FormatInt(messageID, 10)}, s.now())
}
