package billing

import (
	"context"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// nextNumber takes the next document number of a kind for a practice from
// its counter row, inside the document's transaction: a rolled-back invoice
// gives its number back, so numbers have no gaps. The UPDATE locks the row
// on PostgreSQL; SQLite has one writer at a time.
func nextNumber(ctx context.Context, tx *store.Tx, practiceID int64, kind DocKind) (int, error) {
	if _, err := tx.Exec(ctx, `INSERT INTO billing_counters (practice_id, kind, next_number) VALUES (?, ?, 1)
		ON CONFLICT (practice_id, kind) DO NOTHING`, practiceID, string(kind)); err != nil {
		return 0, errs.Wrap(err, "creating invoice counter")
	}
	var n int
	err := tx.QueryRow(ctx, `UPDATE billing_counters SET next_number = next_number + 1 WHERE practice_id = ? AND kind = ?
		RETURNING next_number - 1`, practiceID, string(kind)).Scan(&n)
	return n, errs.Wrap(err, "numbering invoice")
}

// issueInvoice numbers and stores an invoice for lines already inserted,
// snapshotting the practice's and client's details, and attaches the lines.
func (s *Service) issueInvoice(ctx context.Context, tx *store.Tx, st Settings, clientID, coachID int64, lines []Line) (Invoice, error) {
	c, err := loadClient(ctx, tx, clientID)
	if err != nil {
		return Invoice{}, err
	}
	now := s.now()
	inv := Invoice{PracticeID: st.PracticeID, Kind: KindInvoice, ClientID: clientID, ClientName: c.name, CoachID: coachID,
		Currency: st.Currency, IssuedAt: now, DueAt: now.AddDate(0, 0, st.PaymentTermsDays),
		PracticeName: st.LegalName, PracticeAddress: st.Address, PracticeTaxID: st.TaxID}
	for _, l := range lines {
		inv.Total += l.Amount
	}
	if inv.Number, err = nextNumber(ctx, tx, st.PracticeID, KindInvoice); err != nil {
		return Invoice{}, err
	}
	if inv.ID, err = insertInvoice(ctx, tx, inv); err != nil {
		return Invoice{}, err
	}
	for _, l := range lines {
		res, err := tx.Exec(ctx, `UPDATE billing_lines SET invoice_id = ? WHERE id = ? AND invoice_id IS NULL`, inv.ID, l.ID)
		if err != nil {
			return Invoice{}, errs.Wrap(err, "attaching lines")
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return Invoice{}, errs.E(errs.Conflict, "a charge was invoiced by someone else at the same time; try again")
		}
	}
	return inv, nil
}

func insertInvoice(ctx context.Context, tx *store.Tx, inv Invoice) (int64, error) {
	id, err := store.InsertID(ctx, tx, `INSERT INTO invoices (practice_id, kind, number, client_id, coach_id, credits_invoice_id, reason,
		currency, total, issued_at, due_at, practice_name, practice_address, practice_tax_id, client_name)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		inv.PracticeID, string(inv.Kind), inv.Number, inv.ClientID, nullID(inv.CoachID), nullID(inv.CreditsInvoiceID), inv.Reason,
		inv.Currency, inv.Total, inv.IssuedAt, inv.DueAt, inv.PracticeName, inv.PracticeAddress, inv.PracticeTaxID, inv.ClientName)
	return id, errs.Wrap(err, "saving invoice")
}

// InvoicePeriod invoices every charge not yet invoiced or waived that
// happened in [from, to): one invoice per client and coach.
func (s *Service) InvoicePeriod(ctx context.Context, a policy.Actor, from, to time.Time) ([]Invoice, error) {
	if err := requireAdmin(a); err != nil {
		return nil, err
	}
	if from.IsZero() || to.IsZero() || !to.After(from) {
		return nil, &errs.Error{Kind: errs.Invalid, Msg: "please correct the highlighted fields", Fields: map[string]string{"to": "the period must end after it starts"}}
	}
	var out []Invoice
	err := s.inTx(ctx, func(tx *store.Tx) error {
		st, err := loadSettings(ctx, tx, a.PracticeID)
		if err != nil {
			return err
		}
		lines, err := listLines(ctx, tx, `practice_id = ? AND invoice_id IS NULL AND waived_at IS NULL AND occurred_at >= ? AND occurred_at < ?`,
			a.PracticeID, from.UTC(), to.UTC())
		if err != nil {
			return err
		}
		type key struct{ client, coach int64 }
		groups := map[key][]Line{}
		var order []key
		for _, l := range lines {
			k := key{l.ClientID, l.CoachID}
			if _, seen := groups[k]; !seen {
				order = append(order, k)
			}
			groups[k] = append(groups[k], l)
		}
		for _, k := range order {
			inv, err := s.issueInvoice(ctx, tx, st, k.client, k.coach, groups[k])
			if err != nil {
				return err
			}
			out = append(out, inv)
		}
		return nil
	})
	return out, err
}

// IssueCreditNote credits part or all of an issued invoice with a reason:
// the way to correct an invoice, which is never edited.
func (s *Service) IssueCreditNote(ctx context.Context, a policy.Actor, invoiceID, amount int64, reason string) (Invoice, error) {
	if err := requireAdmin(a); err != nil {
		return Invoice{}, err
	}
	var cn Invoice
	err := s.inTx(ctx, func(tx *store.Tx) error {
		var err error
		cn, err = s.creditNote(ctx, tx, a, invoiceID, amount, reason)
		return err
	})
	return cn, err
}

func (s *Service) creditNote(ctx context.Context, tx *store.Tx, a policy.Actor, invoiceID, amount int64, reason string) (Invoice, error) {
	orig, err := getInvoice(ctx, tx, invoiceID)
	if err != nil {
		return Invoice{}, err
	}
	if orig.PracticeID != a.PracticeID || orig.Kind != KindInvoice {
		return Invoice{}, errs.NotFoundf("invoice not found")
	}
	if err := s.authorize(ctx, tx, a, orig.ClientID, policy.Write); err != nil {
		return Invoice{}, err
	}
	credited, err := creditedTotal(ctx, tx, orig.ID)
	if err != nil {
		return Invoice{}, err
	}
	reason = strings.TrimSpace(reason)
	v := errs.Validation{}
	v.Check(amount > 0 && amount <= orig.Total-credited, "amount", "enter an amount above 0 and at most "+Money{orig.Total - credited, orig.Currency}.String())
	v.Check(reason != "" && len(reason) <= 500, "reason", "say why the invoice is credited (at most 500 characters)")
	if err := v.Err(); err != nil {
		return Invoice{}, err
	}
	st, err := loadSettings(ctx, tx, orig.PracticeID)
	if err != nil {
		return Invoice{}, err
	}
	now := s.now()
	cn := orig
	cn.Kind, cn.CreditsInvoiceID, cn.Reason, cn.Total, cn.IssuedAt, cn.DueAt = KindCreditNote, orig.ID, reason, amount, now, now
	cn.PracticeName, cn.PracticeAddress, cn.PracticeTaxID = st.LegalName, st.Address, st.TaxID
	if cn.Number, err = nextNumber(ctx, tx, orig.PracticeID, KindCreditNote); err != nil {
		return Invoice{}, err
	}
	if cn.ID, err = insertInvoice(ctx, tx, cn); err != nil {
		return Invoice{}, err
	}
	l := Line{ClientID: orig.ClientID, CoachID: orig.CoachID, SourceKind: SourceCredit, SourceID: orig.ID,
		Description: "Credit for " + orig.DisplayNumber() + ": " + reason, OccurredAt: now, ListAmount: amount, Amount: amount,
		Currency: orig.Currency, InvoiceID: cn.ID}
	_, err = insertLine(ctx, tx, orig.PracticeID, l, now)
	return cn, err
}

func creditedTotal(ctx context.Context, q store.Querier, invoiceID int64) (int64, error) {
	var n int64
	err := q.QueryRow(ctx, `SELECT COALESCE(SUM(total), 0) FROM invoices WHERE credits_invoice_id = ?`, invoiceID).Scan(&n)
	return n, errs.Wrap(err, "summing credit notes")
}

// InvoiceView is an invoice (or credit note) with everything about it.
type InvoiceView struct {
	Invoice
	Lines    []Line
	Credits  []Invoice // credit notes against this invoice
	Original *Invoice  // for a credit note, the invoice it credits
	Payments []Payment // payments and refunds
	Balance  Balance
	Status   Status
	Client   string
	Coach    string
}

// Balance is what is owed on one invoice, or on a client's account:
// Owed = Invoiced − Credited − Paid + Refunded.
type Balance struct {
	Invoiced, Credited, Paid, Refunded int64
	Currency                           string
}

// Owed is what the client still owes (negative: in credit).
func (b Balance) Owed() int64 { return b.Invoiced - b.Credited - b.Paid + b.Refunded }

// PaidNet is what was paid less what was refunded.
func (b Balance) PaidNet() Money { return Money{b.Paid - b.Refunded, b.Currency} }

// OwedMoney is Owed as Money.
func (b Balance) OwedMoney() Money { return Money{b.Owed(), b.Currency} }

// Status is where an invoice stands.
type Status string

const (
	StatusOpen       Status = "open"
	StatusPartlyPaid Status = "partly paid"
	StatusPaid       Status = "paid"
	StatusOverdue    Status = "overdue"
	StatusCredited   Status = "credited"
	StatusCreditNote Status = "credit note"
)

func statusOf(inv Invoice, b Balance, now time.Time) Status {
	switch {
	case inv.Kind == KindCreditNote:
		return StatusCreditNote
	case b.Credited >= inv.Total && inv.Total > 0:
		return StatusCredited
	case b.Owed() <= 0:
		return StatusPaid
	case now.After(inv.DueAt):
		return StatusOverdue
	case b.Paid-b.Refunded > 0:
		return StatusPartlyPaid
	}
	return StatusOpen
}

// Invoice returns one invoice with its lines, credit notes and payments,
// if the actor may see it: the client it is for, the coach whose session it
// bills, or an admin of the practice.
func (s *Service) Invoice(ctx context.Context, a policy.Actor, id int64) (InvoiceView, error) {
	var v InvoiceView
	err := s.inTx(ctx, func(tx *store.Tx) error { // a transaction for the audit event
		inv, err := getInvoice(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := s.canSee(ctx, tx, a, inv); err != nil {
			return err
		}
		v, err = s.view(ctx, tx, inv)
		return err
	})
	return v, err
}

// canSee applies the policy, and narrows coaches to their own sessions'
// billing.
func (s *Service) canSee(ctx context.Context, q store.Querier, a policy.Actor, inv Invoice) error {
	if a.Role == account.Coach && inv.CoachID != a.UserID {
		return errs.NotFoundf("invoice not found")
	}
	return s.authorize(ctx, q, a, inv.ClientID, policy.Read)
}

func (s *Service) view(ctx context.Context, q store.Querier, inv Invoice) (InvoiceView, error) {
	v := InvoiceView{Invoice: inv, Client: inv.ClientName}
	var err error
	if v.Lines, err = listLines(ctx, q, `invoice_id = ?`, inv.ID); err != nil {
		return v, err
	}
	if inv.CoachID != 0 {
		_ = q.QueryRow(ctx, `SELECT name FROM users WHERE id = ?`, inv.CoachID).Scan(&v.Coach)
	}
	if inv.Kind == KindCreditNote {
		orig, err := getInvoice(ctx, q, inv.CreditsInvoiceID)
		v.Original, v.Status = &orig, StatusCreditNote
		return v, err
	}
	if v.Credits, err = listInvoices(ctx, q, `credits_invoice_id = ?`, inv.ID); err != nil {
		return v, err
	}
	if v.Payments, err = listPayments(ctx, q, `invoice_id = ?`, inv.ID); err != nil {
		return v, err
	}
	v.Balance = balanceOf(inv, v.Credits, v.Payments)
	v.Status = statusOf(inv, v.Balance, s.now())
	return v, nil
}

func balanceOf(inv Invoice, credits []Invoice, payments []Payment) Balance {
	b := Balance{Invoiced: inv.Total, Currency: inv.Currency}
	for _, c := range credits {
		b.Credited += c.Total
	}
	for _, p := range payments {
		if p.Refund {
			b.Refunded += p.Amount
		} else {
			b.Paid += p.Amount
		}
	}
	return b
}
