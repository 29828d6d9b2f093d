package careteam

import (
	"bytes"
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/humantime"
	"github.com/afterward/afterward/internal/pdfdoc"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/vault"
)

// Sealer seals and opens fields (the vault).
type Sealer interface {
	Opener
	SealInto(ctx context.Context, tx *store.Tx, clientID int64, table string, recordID int64, fields map[string][]byte) error
}

// SummaryStatus is where a summary is in the client's approval.
type SummaryStatus string

const (
	SummaryPending  SummaryStatus = "pending"
	SummaryApproved SummaryStatus = "approved"
	SummaryDeclined SummaryStatus = "declined"
)

// Summary is a coach's summary for the client's clinicians. Its body is
// sealed; it leaves the practice only once the client approves it.
type Summary struct {
	ID, ClientID, CoachID int64
	ClientName, CoachName string
	Title, Body           string
	Status                SummaryStatus
	CreatedAt             time.Time
	DecidedAt             *time.Time
}

// NewSummary is the coach's form.
type NewSummary struct {
	ClientID    int64
	RecipientID int64 // 0: any clinician the client shares summaries with
	Title, Body string
}

// Validate trims and checks the form.
func (n *NewSummary) Validate() error {
	v := errs.Validation{}
	n.Title, n.Body = strings.TrimSpace(n.Title), strings.TrimSpace(n.Body)
	v.Check(n.Title != "" && len(n.Title) <= 200, "title", "give the summary a short title")
	v.Check(n.Body != "" && len(n.Body) <= 20000, "body", "write the summary (up to 20,000 characters)")
	return v.Err()
}

// WriteSummary records a coach's summary, pending the client's approval.
// The policy decides before the form is validated, so a coach of another
// client sees 404, never a validation message.
func (s *Service) WriteSummary(ctx context.Context, a policy.Actor, n NewSummary) (int64, error) {
	if a.Role != account.Coach {
		return 0, policy.ErrNotFound
	}
	var id int64
	err := s.policy.Do(ctx, a, policy.Access{ClientID: n.ClientID, Category: policy.Summaries, Action: policy.Write, ResourceType: "care_summary"},
		func(tx *store.Tx) error {
			if err := n.Validate(); err != nil {
				return err
			}
			var recipient any
			if n.RecipientID > 0 {
				recipient = n.RecipientID
			}
			var err error
			id, err = store.InsertID(ctx, tx, `INSERT INTO care_summaries (client_id, coach_id, recipient_id, title, created_at) VALUES (?, ?, ?, '', ?) RETURNING id`,
				n.ClientID, a.UserID, recipient, s.now())
			if err != nil {
				return errs.Wrap(err, "saving summary")
			}
			return s.vault.SealInto(ctx, tx, n.ClientID, "care_summaries", id, SummaryFields(n.Title, n.Body))
		})
	return id, err
}

// SummaryFields are a summary's sealed columns: its title ("Referral
// summary for psychiatric assessment" says much) and its text.
func SummaryFields(title, body string) map[string][]byte {
	return map[string][]byte{"title_sealed": []byte(title), "body": []byte(body)}
}

// SummaryTitle opens a summary's title (plain: a row not yet sealed at
// start-up).
func SummaryTitle(o *vault.Opener, id int64, plain string, sealed []byte) (string, error) {
	return o.Text(vault.AAD{Table: "care_summaries", RecordID: id, Field: "title_sealed"}, plain, sealed)
}

// DecideSummary is the client's approval (or refusal) of a pending summary.
func (s *Service) DecideSummary(ctx context.Context, a policy.Actor, id int64, approve bool) error {
	status := SummaryDeclined
	if approve {
		status = SummaryApproved
	}
	return s.policy.Do(ctx, a, policy.Access{ClientID: a.UserID, Category: policy.Summaries, Action: policy.Write, ResourceType: "care_summary", ResourceID: id, Detail: "decision=" + string(status)},
		func(tx *store.Tx) error {
			if a.Role != account.Client {
				return policy.ErrNotFound
			}
			res, err := tx.Exec(ctx, `UPDATE care_summaries SET status = ?, decided_at = ? WHERE id = ? AND client_id = ? AND status = 'pending'`,
				string(status), s.now(), id, a.UserID)
			if err != nil {
				return errs.Wrap(err, "recording decision")
			}
			if n, _ := res.RowsAffected(); n > 0 {
				return nil
			}
			var status string
			if err := tx.QueryRow(ctx, `SELECT status FROM care_summaries WHERE id = ? AND client_id = ?`, id, a.UserID).Scan(&status); err != nil {
				return errs.NotFoundf("summary not found")
			}
			return errs.E(errs.Conflict, "you have already decided about this summary")
		})
}

// ClientSummaries lists a client's summaries, opened, for the client (to
// approve) or their coach.
func (s *Service) ClientSummaries(ctx context.Context, a policy.Actor, clientID int64) ([]Summary, error) {
	if a.Role != account.Client && a.Role != account.Coach {
		return nil, policy.ErrNotFound
	}
	var out []Summary
	err := s.policy.Do(ctx, a, policy.Access{ClientID: clientID, Category: policy.Summaries, Action: policy.Read, ResourceType: "care_summary"},
		func(tx *store.Tx) error {
			var err error
			out, err = s.summaries(ctx, tx, `s.client_id = ?`, clientID)
			return err
		})
	return out, err
}

// SharedSummary is one approved summary for a clinician with the
// Summaries consent (audited; 404 otherwise).
func (s *Service) SharedSummary(ctx context.Context, a policy.Actor, clientID, id int64) (Summary, error) {
	if a.Role != account.Clinician {
		return Summary{}, policy.ErrNotFound
	}
	var out Summary
	err := s.policy.Do(ctx, a, policy.Access{ClientID: clientID, Category: policy.Summaries, Action: policy.Read, ResourceType: "care_summary", ResourceID: id},
		func(tx *store.Tx) error {
			list, err := s.summaries(ctx, tx, `s.client_id = ? AND s.status = 'approved' AND (s.recipient_id IS NULL OR s.recipient_id = ?) AND s.id = ?`, clientID, a.UserID, id)
			if err != nil {
				return err
			}
			if len(list) == 0 {
				return errs.NotFoundf("summary not found")
			}
			out = list[0]
			return nil
		})
	return out, err
}

func (s *Service) summaries(ctx context.Context, tx *store.Tx, where string, args ...any) ([]Summary, error) {
	return readSummaries(ctx, tx, s.vault, where, args...)
}

func readSummaries(ctx context.Context, tx *store.Tx, v Opener, where string, args ...any) ([]Summary, error) {
	rows, err := tx.Query(ctx, `SELECT s.id, s.client_id, s.coach_id, cu.name, co.name, s.title, s.title_sealed, s.body, s.status, s.created_at, s.decided_at
		FROM care_summaries s JOIN users cu ON cu.id = s.client_id JOIN users co ON co.id = s.coach_id
		WHERE `+where+` ORDER BY s.created_at DESC, s.id DESC`, args...)
	if err != nil {
		return nil, errs.Wrap(err, "listing summaries")
	}
	type sealed struct {
		Summary
		title, body []byte
	}
	var list []sealed
	var clients []int64
	for rows.Next() {
		var x sealed
		var status string
		var decided sql.NullTime
		if err := rows.Scan(&x.ID, &x.ClientID, &x.CoachID, &x.ClientName, &x.CoachName, &x.Title, &x.title, &x.body, &status, &x.CreatedAt, &decided); err != nil {
			rows.Close()
			return nil, errs.Wrap(err, "reading summaries")
		}
		x.Status, x.DecidedAt, x.CreatedAt = SummaryStatus(status), timePtr(decided), x.CreatedAt.UTC()
		list = append(list, x)
		clients = append(clients, x.ClientID)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, "reading summaries")
	}
	open, err := v.OpenersFor(ctx, tx, clients)
	if err != nil {
		return nil, err
	}
	out := make([]Summary, 0, len(list))
	for _, x := range list {
		o := open.For(x.ClientID)
		if x.Summary.Title, err = SummaryTitle(o, x.ID, x.Title, x.title); err != nil {
			return nil, err
		}
		if len(x.body) > 0 {
			if x.Summary.Body, err = o.Text(vault.AAD{Table: "care_summaries", RecordID: x.ID, Field: "body"}, "", x.body); err != nil {
				return nil, err
			}
		}
		out = append(out, x.Summary)
	}
	return out, nil
}

// Summaries is the view's source: approved summaries, title and text.
type Summaries struct{ Vault Opener }

func (Summaries) Category() policy.Category { return policy.Summaries }

func (src Summaries) Shared(ctx context.Context, tx *store.Tx, clientID int64) ([]SharedItem, error) {
	list, err := readSummaries(ctx, tx, src.Vault, `s.client_id = ? AND s.status = 'approved'`, clientID)
	out := make([]SharedItem, 0, len(list))
	for _, x := range list {
		when := x.CreatedAt
		if x.DecidedAt != nil {
			when = *x.DecidedAt
		}
		out = append(out, SharedItem{When: when, Title: x.Title, Detail: x.Body, SummaryID: x.ID})
	}
	return out, err
}

// SummaryPDF renders an approved summary as a one-page A4 PDF, its dates on
// the reader's calendar (loc).
func SummaryPDF(x Summary, loc *time.Location) ([]byte, error) {
	pdf := pdfdoc.New(x.Title, x.CreatedAt, 18)
	pdf.SetAuthor("Afterward", true)
	pdf.Font("B", 16)
	pdf.MultiCell(0, 8, pdf.T((x.Title)), "", "L", false)
	pdf.Font("", 10)
	pdf.SetTextColor(85, 101, 107)
	line := "Client: " + x.ClientName + " · Coach: " + x.CoachName + " · written " + humantime.Day(x.CreatedAt, loc)
	if x.DecidedAt != nil {
		line += ", approved by the client " + humantime.Day(*x.DecidedAt, loc)
	}
	pdf.MultiCell(0, 6, pdf.T((line)), "", "L", false)
	pdf.Ln(4)
	pdf.SetTextColor(31, 42, 46)
	pdf.Font("", 11)
	pdf.MultiCell(0, 6, pdf.T((x.Body)), "", "L", false)
	pdf.Ln(6)
	pdf.Font("", 9)
	pdf.SetTextColor(85, 101, 107)
	pdf.MultiCell(0, 5, pdf.T("Integration coaching is not therapy or medical treatment. Shared with the client's consent; do not pass on without it."), "", "L", false)
	var buf bytes.Buffer
	err := pdf.Output(&buf)
	return buf.Bytes(), err
}
