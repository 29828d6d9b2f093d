package billing

import (
	"context"
	"database/sql"
	"time"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

// nullID stores 0 as NULL for optional references.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

type scanner interface{ Scan(...any) error }

// loadSettings returns a practice's billing settings, or the defaults when
// the admin has not saved any (the practice name stands in for the legal
// name).
func loadSettings(ctx context.Context, q store.Querier, practiceID int64) (Settings, error) {
	st := Settings{PracticeID: practiceID}
	var inv string
	err := q.QueryRow(ctx, `SELECT currency, legal_name, address, tax_id, payment_terms_days, invoicing,
		late_cancel_bp, no_show_bp, circle_fee, stripe_secret_key, stripe_secret_sealed, stripe_webhook_sealed
		FROM billing_settings WHERE practice_id = ?`, practiceID).
		Scan(&st.Currency, &st.LegalName, &st.Address, &st.TaxID, &st.PaymentTermsDays, &inv,
			&st.LateCancelBP, &st.NoShowBP, &st.CircleFee, &st.StripeSecretKey, &st.sealedKey, &st.sealedWebhook)
	st.Invoicing = Invoicing(inv)
	if err == sql.ErrNoRows {
		st = DefaultSettings(practiceID)
		err = nil
	}
	if err != nil {
		return st, errs.Wrap(err, "reading billing settings")
	}
	if st.LegalName == "" {
		if err := q.QueryRow(ctx, `SELECT name FROM practices WHERE id = ?`, practiceID).Scan(&st.LegalName); err != nil {
			return st, store.NotFound(err, "practice")
		}
	}
	return st, nil
}

// DefaultSettings are what a practice bills with before its admin saves any.
func DefaultSettings(practiceID int64) Settings {
	return Settings{PracticeID: practiceID, Currency: "USD", PaymentTermsDays: 14, Invoicing: PerSession,
		LateCancelBP: 5000, NoShowBP: 10000}
}

// saveSettings writes the settings with the Stripe secrets as sealed in
// st (sealedKey, sealedWebhook); the plaintext column is always emptied.
func saveSettings(ctx context.Context, tx *store.Tx, st Settings, now time.Time) error {
	_, err := tx.Exec(ctx, `INSERT INTO billing_settings (practice_id, currency, legal_name, address, tax_id, payment_terms_days,
		invoicing, late_cancel_bp, no_show_bp, circle_fee, stripe_secret_key, stripe_secret_sealed, stripe_webhook_sealed, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?)
		ON CONFLICT (practice_id) DO UPDATE SET currency = excluded.currency, legal_name = excluded.legal_name,
		address = excluded.address, tax_id = excluded.tax_id, payment_terms_days = excluded.payment_terms_days,
		invoicing = excluded.invoicing, late_cancel_bp = excluded.late_cancel_bp, no_show_bp = excluded.no_show_bp,
		circle_fee = excluded.circle_fee, stripe_secret_key = '', stripe_secret_sealed = excluded.stripe_secret_sealed,
		stripe_webhook_sealed = excluded.stripe_webhook_sealed, updated_at = excluded.updated_at`,
		st.PracticeID, st.Currency, st.LegalName, st.Address, st.TaxID, st.PaymentTermsDays, string(st.Invoicing),
		st.LateCancelBP, st.NoShowBP, st.CircleFee, st.sealedKey, st.sealedWebhook, now)
	return errs.Wrap(err, "saving billing settings")
}

// clientInfo is what billing needs to know about a client.
type clientInfo struct {
	practiceID int64
	coachID    int64
	name       string
}

func loadClient(ctx context.Context, q store.Querier, clientID int64) (clientInfo, error) {
	var c clientInfo
	var coach sql.NullInt64
	err := q.QueryRow(ctx, `SELECT c.practice_id, c.coach_id, u.name FROM clients c JOIN users u ON u.id = c.user_id WHERE c.user_id = ?`,
		clientID).Scan(&c.practiceID, &coach, &c.name)
	c.coachID = coach.Int64
	return c, store.NotFound(err, "client")
}

func coachInPractice(ctx context.Context, q store.Querier, coachID, practiceID int64) (string, error) {
	var name string
	err := q.QueryRow(ctx, `SELECT name FROM users WHERE id = ? AND practice_id = ? AND role = 'coach'`, coachID, practiceID).Scan(&name)
	return name, store.NotFound(err, "coach")
}

func feeFor(ctx context.Context, q store.Querier, coachID int64, minutes int) (int64, bool, error) {
	var amount int64
	err := q.QueryRow(ctx, `SELECT amount FROM fee_schedules WHERE coach_id = ? AND length_minutes = ?`, coachID, minutes).Scan(&amount)
	if err == sql.ErrNoRows {
		return 0, false, nil
	}
	return amount, err == nil, errs.Wrap(err, "reading fee schedule")
}

// tierOf returns the client's sliding-scale tier, if any.
func tierOf(ctx context.Context, q store.Querier, clientID int64) (Tier, bool, error) {
	var t Tier
	err := q.QueryRow(ctx, `SELECT t.id, t.name, t.discount_bp FROM client_tiers ct JOIN sliding_tiers t ON t.id = ct.tier_id
		WHERE ct.client_id = ?`, clientID).Scan(&t.ID, &t.Name, &t.DiscountBP)
	if err == sql.ErrNoRows {
		return t, false, nil
	}
	return t, err == nil, errs.Wrap(err, "reading sliding-scale tier")
}

const packageColumns = `p.id, p.client_id, u.name, p.name, p.sessions_total, p.sessions_used, p.price, p.currency, p.purchased_at, p.expires_at`

func scanPackage(r scanner) (Package, error) {
	var p Package
	err := r.Scan(&p.ID, &p.ClientID, &p.ClientName, &p.Name, &p.SessionsTotal, &p.SessionsUsed, &p.Price.Amount, &p.Price.Currency, &p.PurchasedAt, &p.ExpiresAt)
	p.PurchasedAt, p.ExpiresAt = p.PurchasedAt.UTC(), p.ExpiresAt.UTC()
	return p, err
}

func listPackages(ctx context.Context, q store.Querier, where string, args ...any) ([]Package, error) {
	rows, err := q.Query(ctx, `SELECT `+packageColumns+` FROM client_packages p JOIN users u ON u.id = p.client_id WHERE `+where+
		` ORDER BY p.expires_at, p.id`, args...)
	if err != nil {
		return nil, errs.Wrap(err, "listing packages")
	}
	defer rows.Close()
	var out []Package
	for rows.Next() {
		p, err := scanPackage(rows)
		if err != nil {
			return nil, errs.Wrap(err, "reading packages")
		}
		out = append(out, p)
	}
	return out, errs.Wrap(rows.Err(), "reading packages")
}

// usablePackage is the client's package that covers a session at t: the
// one expiring soonest, so prepaid sessions are not lost.
func usablePackage(ctx context.Context, q store.Querier, clientID int64, t time.Time) (Package, bool, error) {
	pkgs, err := listPackages(ctx, q, `p.client_id = ? AND p.sessions_used < p.sessions_total AND p.purchased_at <= ? AND p.expires_at > ?`, clientID, t, t)
	if err != nil || len(pkgs) == 0 {
		return Package{}, false, err
	}
	return pkgs[0], true, nil
}

// usePackageSession takes one session from a package; the CHECK constraint
// and the WHERE clause together make over-use impossible even under
// concurrency.
func usePackageSession(ctx context.Context, tx *store.Tx, packageID int64) error {
	res, err := tx.Exec(ctx, `UPDATE client_packages SET sessions_used = sessions_used + 1 WHERE id = ? AND sessions_used < sessions_total`, packageID)
	if err != nil {
		return errs.Wrap(err, "using package session")
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return errs.E(errs.Conflict, "the package has no sessions left")
	}
	return nil
}

const lineColumns = `id, client_id, COALESCE(coach_id, 0), source_kind, COALESCE(source_id, 0), description, occurred_at,
	list_amount, amount, currency, COALESCE(tier_id, 0), COALESCE(package_id, 0), COALESCE(invoice_id, 0), waived_at IS NOT NULL, waive_reason`

func scanLine(r scanner) (Line, error) {
	var l Line
	var kind string
	err := r.Scan(&l.ID, &l.ClientID, &l.CoachID, &kind, &l.SourceID, &l.Description, &l.OccurredAt,
		&l.ListAmount, &l.Amount, &l.Currency, &l.TierID, &l.PackageID, &l.InvoiceID, &l.Waived, &l.WaiveReason)
	l.SourceKind, l.OccurredAt = SourceKind(kind), l.OccurredAt.UTC()
	return l, err
}

func listLines(ctx context.Context, q store.Querier, where string, args ...any) ([]Line, error) {
	rows, err := q.Query(ctx, `SELECT `+lineColumns+` FROM billing_lines WHERE `+where+` ORDER BY occurred_at, id`, args...)
	if err != nil {
		return nil, errs.Wrap(err, "listing billing lines")
	}
	defer rows.Close()
	var out []Line
	for rows.Next() {
		l, err := scanLine(rows)
		if err != nil {
			return nil, errs.Wrap(err, "reading billing lines")
		}
		out = append(out, l)
	}
	return out, errs.Wrap(rows.Err(), "reading billing lines")
}

func insertLine(ctx context.Context, tx *store.Tx, practiceID int64, l Line, now time.Time) (Line, error) {
	var err error
	l.ID, err = store.InsertID(ctx, tx, `INSERT INTO billing_lines (practice_id, client_id, coach_id, source_kind, source_id,
		description, occurred_at, list_amount, amount, currency, tier_id, package_id, invoice_id, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		practiceID, l.ClientID, nullID(l.CoachID), string(l.SourceKind), nullID(l.SourceID), l.Description, l.OccurredAt.UTC(),
		l.ListAmount, l.Amount, l.Currency, nullID(l.TierID), nullID(l.PackageID), nullID(l.InvoiceID), now)
	if store.IsUniqueViolation(err) {
		return l, errs.E(errs.Conflict, "this has already been billed")
	}
	return l, errs.Wrap(err, "adding billing line")
}

const invoiceColumns = `id, practice_id, kind, number, client_id, client_name, COALESCE(coach_id, 0), COALESCE(credits_invoice_id, 0),
	reason, currency, total, issued_at, due_at, practice_name, practice_address, practice_tax_id`

func scanInvoice(r scanner) (Invoice, error) {
	var i Invoice
	var kind string
	err := r.Scan(&i.ID, &i.PracticeID, &kind, &i.Number, &i.ClientID, &i.ClientName, &i.CoachID, &i.CreditsInvoiceID,
		&i.Reason, &i.Currency, &i.Total, &i.IssuedAt, &i.DueAt, &i.PracticeName, &i.PracticeAddress, &i.PracticeTaxID)
	i.Kind, i.IssuedAt, i.DueAt = DocKind(kind), i.IssuedAt.UTC(), i.DueAt.UTC()
	return i, err
}

func getInvoice(ctx context.Context, q store.Querier, id int64) (Invoice, error) {
	i, err := scanInvoice(q.QueryRow(ctx, `SELECT `+invoiceColumns+` FROM invoices WHERE id = ?`, id))
	return i, store.NotFound(err, "invoice")
}

func listInvoices(ctx context.Context, q store.Querier, where string, args ...any) ([]Invoice, error) {
	rows, err := q.Query(ctx, `SELECT `+invoiceColumns+` FROM invoices WHERE `+where+` ORDER BY issued_at, id`, args...)
	if err != nil {
		return nil, errs.Wrap(err, "listing invoices")
	}
	defer rows.Close()
	var out []Invoice
	for rows.Next() {
		i, err := scanInvoice(rows)
		if err != nil {
			return nil, errs.Wrap(err, "reading invoices")
		}
		out = append(out, i)
	}
	return out, errs.Wrap(rows.Err(), "reading invoices")
}

const paymentColumns = `id, invoice_id, client_id, kind, method, amount, currency, received_at, reference, COALESCE(refund_of, 0), COALESCE(package_id, 0)`

func scanPayment(r scanner) (Payment, error) {
	var p Payment
	var kind, method string
	err := r.Scan(&p.ID, &p.InvoiceID, &p.ClientID, &kind, &method, &p.Amount, &p.Currency, &p.ReceivedAt, &p.Reference, &p.RefundOf, &p.PackageID)
	p.Refund, p.Method, p.ReceivedAt = kind == "refund", Method(method), p.ReceivedAt.UTC()
	return p, err
}

func getPayment(ctx context.Context, q store.Querier, id int64) (Payment, error) {
	p, err := scanPayment(q.QueryRow(ctx, `SELECT `+paymentColumns+` FROM payments WHERE id = ?`, id))
	return p, store.NotFound(err, "payment")
}

func listPayments(ctx context.Context, q store.Querier, where string, args ...any) ([]Payment, error) {
	rows, err := q.Query(ctx, `SELECT `+paymentColumns+` FROM payments WHERE `+where+` ORDER BY received_at, id`, args...)
	if err != nil {
		return nil, errs.Wrap(err, "listing payments")
	}
	defer rows.Close()
	var out []Payment
	for rows.Next() {
		p, err := scanPayment(rows)
		if err != nil {
			return nil, errs.Wrap(err, "reading payments")
		}
		out = append(out, p)
	}
	return out, errs.Wrap(rows.Err(), "reading payments")
}
