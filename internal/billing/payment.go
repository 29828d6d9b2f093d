package billing

import (
	"context"
	"strings"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// RecordPayment records money received for an invoice (admins only). A
// payment may be partial but never more than is owed; package credit takes
// one session from one of the client's usable packages.
func (s *Service) RecordPayment(ctx context.Context, a policy.Actor, np NewPayment) (Payment, error) {
	if err := requireAdmin(a); err != nil {
		return Payment{}, err
	}
	if np.Method == CardOnline {
		return Payment{}, &errs.Error{Kind: errs.Invalid, Msg: "please correct the highlighted fields",
			Fields: map[string]string{"method": "online card payments are recorded when the client pays"}}
	}
	var p Payment
	err := s.inTx(ctx, func(tx *store.Tx) error {
		inv, err := getInvoice(ctx, tx, np.InvoiceID)
		if err != nil {
			return err
		}
		if err := s.authorize(ctx, tx, a, inv.ClientID, policy.Write); err != nil {
			return err
		}
		p, err = s.recordPayment(ctx, tx, a.PracticeID, &a.UserID, np)
		return err
	})
	return p, err
}

// recordPayment is shared by admins and by online card payments (no
// recording user).
func (s *Service) recordPayment(ctx context.Context, tx *store.Tx, practiceID int64, by *int64, np NewPayment) (Payment, error) {
	inv, err := getInvoice(ctx, tx, np.InvoiceID)
	if err != nil {
		return Payment{}, err
	}
	if inv.PracticeID != practiceID || inv.Kind != KindInvoice {
		return Payment{}, errs.NotFoundf("invoice not found")
	}
	view, err := s.view(ctx, tx, inv)
	if err != nil {
		return Payment{}, err
	}
	owed := view.Balance.Owed()
	np.Reference = strings.TrimSpace(np.Reference)
	if np.ReceivedAt.IsZero() {
		np.ReceivedAt = s.now()
	}
	v := errs.Validation{}
	v.Check(np.Method.Valid(), "method", "choose how the client paid")
	v.Check(owed > 0, "amount", "nothing is owed on this invoice")
	v.Check(np.Amount > 0 && np.Amount <= owed, "amount", "enter an amount above 0 and at most "+Money{owed, inv.Currency}.String())
	v.Check(len(np.Reference) <= 200, "reference", "use at most 200 characters")
	v.Check(!np.ReceivedAt.After(s.now()), "received_on", "a payment cannot be received in the future")
	if np.Method != PackageCredit {
		np.PackageID = 0
	}
	if err := v.Err(); err != nil {
		return Payment{}, err
	}
	if np.Method == PackageCredit {
		if err := s.usePackageFor(ctx, tx, inv.ClientID, &np); err != nil {
			return Payment{}, err
		}
	}
	p := Payment{InvoiceID: inv.ID, ClientID: inv.ClientID, Method: np.Method, Amount: np.Amount, Currency: inv.Currency,
		ReceivedAt: np.ReceivedAt.UTC(), Reference: np.Reference, PackageID: np.PackageID}
	p.ID, err = insertPayment(ctx, tx, practiceID, p, by, s.now())
	return p, err
}

// usePackageFor picks the client's package (the one named, or the one that
// expires first) and takes a session from it.
func (s *Service) usePackageFor(ctx context.Context, tx *store.Tx, clientID int64, np *NewPayment) error {
	pkg, ok, err := usablePackage(ctx, tx, clientID, s.now())
	if err != nil {
		return err
	}
	if np.PackageID != 0 {
		pkgs, err := listPackages(ctx, tx, `p.id = ? AND p.client_id = ?`, np.PackageID, clientID)
		if err != nil {
			return err
		}
		ok = len(pkgs) == 1 && pkgs[0].Usable(s.now())
		if ok {
			pkg = pkgs[0]
		}
	}
	if !ok {
		return &errs.Error{Kind: errs.Invalid, Msg: "please correct the highlighted fields",
			Fields: map[string]string{"method": "the client has no package with sessions left"}}
	}
	np.PackageID = pkg.ID
	return usePackageSession(ctx, tx, pkg.ID)
}

func insertPayment(ctx context.Context, tx *store.Tx, practiceID int64, p Payment, by *int64, now any) (int64, error) {
	kind := "payment"
	if p.Refund {
		kind = "refund"
	}
	var recorder any
	if by != nil {
		recorder = *by
	}
	id, err := store.InsertID(ctx, tx, `INSERT INTO payments (practice_id, invoice_id, client_id, kind, method, amount, currency,
		received_at, reference, refund_of, package_id, recorded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		practiceID, p.InvoiceID, p.ClientID, kind, string(p.Method), p.Amount, p.Currency, p.ReceivedAt, p.Reference,
		nullID(p.RefundOf), nullID(p.PackageID), recorder, now)
	if store.IsUniqueViolation(err) {
		return 0, errs.E(errs.Conflict, "this payment is already recorded")
	}
	return id, errs.Wrap(err, "saving payment")
}

// Refund returns part or all of a payment to the client, by the same
// method. Refunds of one payment never add up to more than it.
func (s *Service) Refund(ctx context.Context, a policy.Actor, paymentID, amount int64, reason string) (Payment, error) {
	if err := requireAdmin(a); err != nil {
		return Payment{}, err
	}
	var r Payment
	err := s.inTx(ctx, func(tx *store.Tx) error {
		orig, err := getPayment(ctx, tx, paymentID)
		if err != nil {
			return err
		}
		inv, err := getInvoice(ctx, tx, orig.InvoiceID)
		if err != nil {
			return err
		}
		if inv.PracticeID != a.PracticeID || orig.Refund {
			return errs.NotFoundf("payment not found")
		}
		if err := s.authorize(ctx, tx, a, orig.ClientID, policy.Write); err != nil {
			return err
		}
		var refunded int64
		if err := tx.QueryRow(ctx, `SELECT COALESCE(SUM(amount), 0) FROM payments WHERE refund_of = ?`, orig.ID).Scan(&refunded); err != nil {
			return errs.Wrap(err, "summing refunds")
		}
		left := orig.Amount - refunded
		reason = strings.TrimSpace(reason)
		v := errs.Validation{}
		v.Check(orig.Method != PackageCredit, "amount", "package credit is not money; issue a credit note instead")
		v.Check(amount > 0 && amount <= left, "amount", "enter an amount above 0 and at most "+Money{left, orig.Currency}.String())
		v.Check(reason != "" && len(reason) <= 200, "reason", "say why the payment is refunded (at most 200 characters)")
		if err := v.Err(); err != nil {
			return err
		}
		r = Payment{InvoiceID: orig.InvoiceID, ClientID: orig.ClientID, Refund: true, RefundOf: orig.ID, Method: orig.Method,
			Amount: amount, Currency: orig.Currency, ReceivedAt: s.now(), Reference: reason}
		r.ID, err = insertPayment(ctx, tx, a.PracticeID, r, &a.UserID, s.now())
		return err
	})
	return r, err
}

// ReceiptView is a payment or refund with its invoice, for the receipt.
type ReceiptView struct {
	Payment
	Invoice Invoice
	Balance Balance // the invoice's balance after every payment so far
}

// Receipt returns a payment for its receipt, if the actor may see the
// invoice it was for.
func (s *Service) Receipt(ctx context.Context, a policy.Actor, paymentID int64) (ReceiptView, error) {
	var rv ReceiptView
	err := s.inTx(ctx, func(tx *store.Tx) error { // a transaction for the audit event
		p, err := getPayment(ctx, tx, paymentID)
		if err != nil {
			return err
		}
		inv, err := getInvoice(ctx, tx, p.InvoiceID)
		if err != nil {
			return err
		}
		if err := s.canSee(ctx, tx, a, inv); err != nil {
			return err
		}
		v, err := s.view(ctx, tx, inv)
		rv = ReceiptView{Payment: p, Invoice: inv, Balance: v.Balance}
		return err
	})
	return rv, err
}
