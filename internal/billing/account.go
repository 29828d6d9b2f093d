package billing

import (
	"context"
	"sort"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// InvoiceSummary is an invoice in a list, with its balance and status.
type InvoiceSummary struct {
	Invoice
	Coach   string
	Balance Balance
	Status  Status
}

// Invoices lists the invoices the actor may see, newest first: a client's
// own, a coach's own sessions', or every invoice of the practice for an
// admin. ClientID narrows the list to one client (0: all).
func (s *Service) Invoices(ctx context.Context, a policy.Actor, clientID int64) ([]InvoiceSummary, error) {
	q := s.reader()
	where, args := "kind = 'invoice' AND practice_id = ?", []any{a.PracticeID}
	switch a.Role {
	case account.Admin:
	case account.Coach:
		where, args = where+" AND coach_id = ?", append(args, a.UserID)
	case account.Client:
		clientID = a.UserID
	default:
		return nil, errs.E(errs.Forbidden, "billing is not shared with clinicians")
	}
	if clientID != 0 {
		err := s.inTx(ctx, func(tx *store.Tx) error { return s.authorize(ctx, tx, a, clientID, policy.Read) })
		if err != nil {
			return nil, err
		}
		where, args = where+" AND client_id = ?", append(args, clientID)
	}
	return s.summaries(ctx, q, where, args...)
}

// summaries lists invoices matching where with their balances, computed by
// two grouped queries rather than one query per invoice.
func (s *Service) summaries(ctx context.Context, q store.Querier, where string, args ...any) ([]InvoiceSummary, error) {
	invs, err := listInvoices(ctx, q, where, args...)
	if err != nil {
		return nil, err
	}
	credited, err := sumsBy(ctx, q, `SELECT credits_invoice_id, 'credit', SUM(total) FROM invoices
		WHERE credits_invoice_id IN (SELECT id FROM invoices WHERE `+where+`) GROUP BY credits_invoice_id`, args...)
	if err != nil {
		return nil, err
	}
	paid, err := sumsBy(ctx, q, `SELECT invoice_id, kind, SUM(amount) FROM payments
		WHERE invoice_id IN (SELECT id FROM invoices WHERE `+where+`) GROUP BY invoice_id, kind`, args...)
	if err != nil {
		return nil, err
	}
	names, err := coachNames(ctx, q)
	if err != nil {
		return nil, err
	}
	now := s.now()
	out := make([]InvoiceSummary, 0, len(invs))
	for i := len(invs) - 1; i >= 0; i-- {
		inv := invs[i]
		b := Balance{Invoiced: inv.Total, Currency: inv.Currency, Credited: credited[sumKey{inv.ID, "credit"}],
			Paid: paid[sumKey{inv.ID, "payment"}], Refunded: paid[sumKey{inv.ID, "refund"}]}
		out = append(out, InvoiceSummary{Invoice: inv, Coach: names[inv.CoachID], Balance: b, Status: statusOf(inv, b, now)})
	}
	return out, nil
}

type sumKey struct {
	id   int64
	kind string
}

func sumsBy(ctx context.Context, q store.Querier, query string, args ...any) (map[sumKey]int64, error) {
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return nil, errs.Wrap(err, "summing billing")
	}
	defer rows.Close()
	out := map[sumKey]int64{}
	for rows.Next() {
		var k sumKey
		var n int64
		if err := rows.Scan(&k.id, &k.kind, &n); err != nil {
			return nil, errs.Wrap(err, "reading sums")
		}
		out[k] = n
	}
	return out, errs.Wrap(rows.Err(), "reading sums")
}

func coachNames(ctx context.Context, q store.Querier) (map[int64]string, error) {
	rows, err := q.Query(ctx, `SELECT id, name FROM users WHERE role = 'coach'`)
	if err != nil {
		return nil, errs.Wrap(err, "listing coaches")
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, errs.Wrap(err, "reading coaches")
		}
		out[id] = name
	}
	return out, errs.Wrap(rows.Err(), "reading coaches")
}

// Account is a client's billing at a glance.
type Account struct {
	ClientID int64
	Balance  Balance
	Invoices []InvoiceSummary
	Payments []Payment
	Packages []Package
	Tier     *Tier
	ReviewOn time.Time
}

// ClientAccount returns a client's invoices, payments, packages and
// balance. Coaches see only their own sessions' invoices.
func (s *Service) ClientAccount(ctx context.Context, a policy.Actor, clientID int64) (Account, error) {
	invs, err := s.Invoices(ctx, a, clientID)
	if err != nil {
		return Account{}, err
	}
	if a.Role == account.Client {
		clientID = a.UserID
	}
	q := s.reader()
	acct := Account{ClientID: clientID, Invoices: invs}
	visible := map[int64]bool{}
	for _, inv := range invs {
		acct.Balance.Currency = inv.Currency
		acct.Balance.Invoiced += inv.Balance.Invoiced
		acct.Balance.Credited += inv.Balance.Credited
		acct.Balance.Paid += inv.Balance.Paid
		acct.Balance.Refunded += inv.Balance.Refunded
		visible[inv.ID] = true
	}
	payments, err := listPayments(ctx, q, `client_id = ?`, clientID)
	if err != nil {
		return acct, err
	}
	for _, p := range payments {
		if visible[p.InvoiceID] {
			acct.Payments = append(acct.Payments, p)
		}
	}
	sort.SliceStable(acct.Payments, func(i, j int) bool { return acct.Payments[i].ReceivedAt.After(acct.Payments[j].ReceivedAt) })
	if acct.Packages, err = listPackages(ctx, q, `p.client_id = ?`, clientID); err != nil {
		return acct, err
	}
	var t Tier
	var review time.Time
	err = q.QueryRow(ctx, `SELECT t.id, t.name, t.discount_bp, ct.review_on FROM client_tiers ct JOIN sliding_tiers t ON t.id = ct.tier_id
		WHERE ct.client_id = ?`, clientID).Scan(&t.ID, &t.Name, &t.DiscountBP, &review)
	if err == nil {
		acct.Tier, acct.ReviewOn = &t, review.UTC()
	}
	if acct.Balance.Currency == "" {
		st, err := loadSettings(ctx, q, a.PracticeID)
		if err != nil {
			return acct, err
		}
		acct.Balance.Currency = st.Currency
	}
	return acct, nil
}

// Statement is a client's account over a date range: what was invoiced,
// credited, paid and refunded, with running balances (clients use it for
// health savings accounts and reimbursement).
type Statement struct {
	ClientID        int64
	ClientName      string
	PracticeName    string
	PracticeAddr    string
	From, To        time.Time // [From, To)
	Opening         int64
	Closing         int64
	Currency        string
	Entries         []StatementEntry
	PaidInPeriod    int64 // payments less refunds in the period
	ChargedInPeriod int64 // invoices less credit notes in the period
}

// StatementEntry is one movement on the account.
type StatementEntry struct {
	At          time.Time
	Document    string // INV-…, CN-…, R-…, RF-…
	Description string
	Charge      int64 // increases what is owed
	Credit      int64 // decreases it
	Balance     int64 // after this entry
}
