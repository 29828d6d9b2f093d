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

// Statement returns a client's statement for [from, to). Clients get their
// own; admins any client's; coaches none (a statement covers every coach).
func (s *Service) Statement(ctx context.Context, a policy.Actor, clientID int64, from, to time.Time) (Statement, error) {
	if a.Role == account.Client {
		if clientID != 0 && clientID != a.UserID {
			return Statement{}, errs.NotFoundf("client not found")
		}
		clientID = a.UserID
	} else if a.Role != account.Admin {
		return Statement{}, errs.E(errs.Forbidden, "statements are for clients and the practice admin")
	}
	if from.IsZero() || to.IsZero() || !to.After(from) {
		return Statement{}, &errs.Error{Kind: errs.Invalid, Msg: "please correct the highlighted fields", Fields: map[string]string{"to": "the end date must be after the start date"}}
	}
	q := s.reader()
	if err := s.inTx(ctx, func(tx *store.Tx) error { return s.authorize(ctx, tx, a, clientID, policy.Read) }); err != nil {
		return Statement{}, err
	}
	c, err := loadClient(ctx, q, clientID)
	if err != nil {
		return Statement{}, err
	}
	st, err := loadSettings(ctx, q, c.practiceID)
	if err != nil {
		return Statement{}, err
	}
	invs, err := listInvoices(ctx, q, `client_id = ?`, clientID)
	if err != nil {
		return Statement{}, err
	}
	pays, err := listPayments(ctx, q, `client_id = ?`, clientID)
	if err != nil {
		return Statement{}, err
	}
	stmt := Statement{ClientID: clientID, ClientName: c.name, PracticeName: st.LegalName, PracticeAddr: st.Address,
		From: from.UTC(), To: to.UTC(), Currency: st.Currency}
	entries := movements(invs, pays)
	for _, e := range entries {
		delta := e.Charge - e.Credit
		switch {
		case e.At.Before(stmt.From):
			stmt.Opening += delta
		case e.At.Before(stmt.To):
			stmt.Entries = append(stmt.Entries, e)
			if e.Document[0] == 'R' {
				stmt.PaidInPeriod += e.Credit - e.Charge
			} else {
				stmt.ChargedInPeriod += delta
			}
		}
	}
	running := stmt.Opening
	for i := range stmt.Entries {
		running += stmt.Entries[i].Charge - stmt.Entries[i].Credit
		stmt.Entries[i].Balance = running
	}
	stmt.Closing = running
	return stmt, nil
}

// movements turns documents and payments into dated account entries.
func movements(invs []Invoice, pays []Payment) []StatementEntry {
	var out []StatementEntry
	for _, inv := range invs {
		e := StatementEntry{At: inv.IssuedAt, Document: inv.DisplayNumber()}
		if inv.Kind == KindCreditNote {
			e.Description, e.Credit = "Credit note: "+inv.Reason, inv.Total
		} else {
			e.Description, e.Charge = "Invoice", inv.Total
		}
		out = append(out, e)
	}
	for _, p := range pays {
		e := StatementEntry{At: p.ReceivedAt, Document: p.ReceiptNumber()}
		if p.Refund {
			e.Description, e.Charge = "Refund, "+p.Method.Label(), p.Amount
		} else {
			e.Description, e.Credit = "Payment, "+p.Method.Label(), p.Amount
		}
		out = append(out, e)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.Before(out[j].At) })
	return out
}
