package privacy

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/audit"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/notify"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/vault"
)

// Service is the privacy use cases.
type Service struct {
	db        *store.DB
	vault     *vault.Vault
	jobs      notify.Enqueuer
	now       func() time.Time
	exporters []Exporter
	baseURL   string
}

// Deps are the service's collaborators, all given at construction.
type Deps struct {
	DB    *store.DB
	Vault *vault.Vault
	Jobs  notify.Enqueuer // queues the email telling a client an admin opened their record
	Now   func() time.Time
	// BaseURL is the practice's public address, for the link in that email.
	BaseURL string
	// Exporters each add their part of the client's data export.
	Exporters []Exporter
}

// NewService returns the privacy service.
func NewService(d Deps) *Service {
	return &Service{db: d.DB, vault: d.Vault, jobs: d.Jobs, now: d.Now, baseURL: d.BaseURL, exporters: d.Exporters}
}

// own checks that a is the client whose record this is.
func own(a policy.Actor) error {
	if a.Role != account.Client {
		return errs.E(errs.Forbidden, "only the client can do this for their own record")
	}
	return nil
}

// AccessHistory lists who accessed the client's record, newest first.
func (s *Service) AccessHistory(ctx context.Context, a policy.Actor, limit int) ([]AccessEntry, error) {
	if err := own(a); err != nil {
		return nil, err
	}
	events, err := audit.ListForClient(ctx, s.db.Reader(), a.UserID, limit)
	if err != nil {
		return nil, err
	}
	names, err := s.actorNames(ctx, events)
	if err != nil {
		return nil, err
	}
	out := make([]AccessEntry, 0, len(events))
	for _, e := range events {
		name := names[e.ActorID]
		switch {
		case e.ActorID == a.UserID:
			name = "You"
		case e.ActorID == 0:
			name = "Afterward"
		case e.ActorRole == string(account.Client):
			// Another client who tried to reach this record (always
			// refused): the attempt is shown, their name is theirs.
			name = "Another client"
		}
		out = append(out, AccessEntry{At: e.At, ActorName: name, ActorRole: e.ActorRole, Action: e.Action,
			Resource: e.ResourceType, Outcome: e.Outcome})
	}
	return out, nil
}

func (s *Service) actorNames(ctx context.Context, events []audit.Event) (map[int64]string, error) {
	names := map[int64]string{}
	for _, e := range events {
		if _, ok := names[e.ActorID]; ok || e.ActorID == 0 {
			continue
		}
		var name string
		err := s.db.Reader().QueryRow(ctx, `SELECT name FROM users WHERE id = ?`, e.ActorID).Scan(&name)
		if err != nil {
			name = "A former account"
		}
		names[e.ActorID] = name
	}
	return names, nil
}

// ActiveBreakGlass lists current break-glass grants on the client.
func (s *Service) ActiveBreakGlass(ctx context.Context, clientID int64) ([]BreakGlass, error) {
	now := s.now()
	rows, err := s.db.Reader().Query(ctx, `SELECT b.id, b.admin_id, u.name, b.client_id, b.reason, b.reason_sealed, b.starts_at, b.expires_at
		FROM break_glass b JOIN users u ON u.id = b.admin_id
		WHERE b.client_id = ? AND b.ended_at IS NULL AND b.expires_at > ? ORDER BY b.starts_at DESC`, clientID, now)
	if err != nil {
		return nil, errs.Wrap(err, "listing break-glass")
	}
	defer rows.Close()
	var out []BreakGlass
	for rows.Next() {
		var b BreakGlass
		if err := rows.Scan(&b.ID, &b.AdminID, &b.AdminName, &b.ClientID, &b.Reason, &b.sealed, &b.StartsAt, &b.ExpiresAt); err != nil {
			return nil, errs.Wrap(err, "reading break-glass")
		}
		out = append(out, b)
	}
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, "reading break-glass")
	}
	// The reason is about the client: sealed under their key.
	open := s.vault.OpenerFor(ctx, s.db.Reader(), clientID)
	for i, b := range out {
		if b.sealed == nil {
			continue
		}
		plain, err := open.Open(vault.AAD{Table: "break_glass", RecordID: b.ID, Field: "reason_sealed"}, b.sealed)
		if err != nil && !errors.Is(err, vault.ErrErased) {
			return nil, err
		}
		out[i].Reason = string(plain)
	}
	return out, nil
}

// StartBreakGlass grants an admin time-limited read access to a client's
// clinical content, audited, and tells the client by email.
func (s *Service) StartBreakGlass(ctx context.Context, a policy.Actor, r BreakGlassRequest) (BreakGlass, error) {
	if a.Role != account.Admin {
		return BreakGlass{}, errs.E(errs.Forbidden, "only practice admins can use break-glass access")
	}
	if err := r.Validate(); err != nil {
		return BreakGlass{}, err
	}
	now := s.now()
	b := BreakGlass{AdminID: a.UserID, ClientID: r.ClientID, Reason: r.Reason, StartsAt: now, ExpiresAt: now.Add(time.Duration(r.Minutes) * time.Minute)}
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		var email string
		err := tx.QueryRow(ctx, `SELECT u.email FROM clients c JOIN users u ON u.id = c.user_id WHERE c.user_id = ? AND c.practice_id = ?`,
			r.ClientID, a.PracticeID).Scan(&email)
		if err != nil {
			return store.NotFound(err, "client")
		}
		b.ID, err = store.InsertID(ctx, tx, `INSERT INTO break_glass (admin_id, client_id, reason, starts_at, expires_at)
			VALUES (?, ?, '', ?, ?) RETURNING id`, b.AdminID, b.ClientID, b.StartsAt, b.ExpiresAt)
		if err != nil {
			return errs.Wrap(err, "recording break-glass")
		}
		if err := s.vault.SealInto(ctx, tx, b.ClientID, "break_glass", b.ID, map[string][]byte{"reason_sealed": []byte(b.Reason)}); err != nil {
			return err
		}
		if err := audit.Append(ctx, tx, audit.Stamp(ctx, audit.Event{At: now, ActorID: a.UserID, ActorRole: string(a.Role),
			Action: audit.ActionBreakGlass, ResourceType: "client", ResourceID: strconv.FormatInt(r.ClientID, 10),
			ClientID: r.ClientID, Outcome: audit.OutcomeOK, Detail: "minutes=" + strconv.Itoa(r.Minutes)})); err != nil {
			return err
		}
		return notify.Queue(ctx, s.jobs, tx, notify.Email{To: email, Subject: "A practice admin opened your record",
			Text: "A practice administrator used emergency (break-glass) access to your Afterward record, with a written reason.\n\n" +
				"You can see the reason and every access in your access history: " + s.baseURL + "/privacy\n",
			DedupeKey: "break-glass:" + strconv.FormatInt(b.ID, 10)}, time.Time{})
	})
	return b, err
}
