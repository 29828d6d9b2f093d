// Package billing is the practice's money: fee schedules per coach and
// session length, sliding-scale tiers, session packages, circle fees,
// late-cancellation and no-show fees, invoices and credit notes, payments
// and refunds, receipts, statements and reports.
//
// Rules (stated once, tested in billing_test.go):
//
//   - Money is integer minor units with a currency code (Money); a practice
//     bills in one currency. Percentages are basis points; a percentage of
//     an amount is rounded half up to the minor unit (Percent).
//   - A sliding-scale discount is the rounded percentage of the coach's fee;
//     the client pays the fee less that discount (Discounted).
//   - A late-cancellation or no-show fee is the practice's percentage of what
//     the session would have cost the client (after any sliding scale).
//   - A session covered by a package is a line of amount 0 that uses one of
//     the package's sessions; the package itself was invoiced when sold.
//   - An invoice's total is the sum of its lines. Issued invoices are never
//     edited: a credit note (its own gap-free number series) reduces what is
//     owed. A client's balance = invoices − credit notes − payments + refunds.
//   - Payments may be partial but never exceed what is owed on the invoice;
//     refunds never exceed what was paid by that payment.
//   - Invoices carry no clinical content: only "Integration coaching session,
//     60 min" and the like.
//
// Scheduling calls BillSession, ChargeLateCancellation and ChargeNoShow in
// its own transaction when a session is held, cancelled late or missed.
package billing

import (
	"fmt"
	"time"
)

// Settings are a practice's billing details and policy.
type Settings struct {
	PracticeID       int64
	Currency         string
	LegalName        string // shown on invoices; defaults to the practice name
	Address          string
	TaxID            string
	PaymentTermsDays int
	Invoicing        Invoicing
	LateCancelBP     int   // late-cancellation fee, basis points of the session price
	NoShowBP         int   // no-show fee, basis points of the session price
	CircleFee        int64 // per seat, minor units
	StripeSecretKey  string
	// StripeWebhookSecret (whsec_…) verifies the events Stripe sends to
	// the practice's webhook endpoint.
	StripeWebhookSecret string
	// RemoveStripe, on input only, forgets both saved Stripe secrets; an
	// empty key field otherwise keeps the saved one.
	RemoveStripe bool
	// sealedKey and sealedWebhook are the two secrets as stored, sealed by
	// the vault; Service.settings opens them.
	sealedKey, sealedWebhook []byte
}

// StripeEnabled reports whether online card payments are configured.
func (s Settings) StripeEnabled() bool { return s.StripeSecretKey != "" }

// Invoicing is when invoices are generated.
type Invoicing string

const (
	PerSession Invoicing = "session" // an invoice as soon as something is billable
	PerPeriod  Invoicing = "period"  // charges collect until the admin invoices a period
)

// SourceKind is what a billing line is for.
type SourceKind string

const (
	SourceSession SourceKind = "session"
	SourceCircle  SourceKind = "circle"
	SourcePackage SourceKind = "package"
	SourceFee     SourceKind = "fee"
	SourceCredit  SourceKind = "credit"
)

// Fee is a coach's price for a session of a given length.
type Fee struct {
	ID            int64
	CoachID       int64
	CoachName     string
	LengthMinutes int
	Price         Money
}

// Tier is a sliding-scale tier the admin defines.
type Tier struct {
	ID         int64
	Name       string
	DiscountBP int
}

// Label is "Community (25% off)".
func (t Tier) Label() string { return fmt.Sprintf("%s (%s off)", t.Name, FormatPercent(t.DiscountBP)) }

// TierAssignment puts a client on a tier until a review date.
type TierAssignment struct {
	ClientID int64
	TierID   int64
	ReviewOn time.Time
}

// Package is a number of prepaid sessions with an expiry.
type Package struct {
	ID            int64
	ClientID      int64
	ClientName    string
	Name          string
	SessionsTotal int
	SessionsUsed  int
	Price         Money
	PurchasedAt   time.Time
	ExpiresAt     time.Time
}

// Remaining is how many sessions are left.
func (p Package) Remaining() int { return p.SessionsTotal - p.SessionsUsed }

// Usable reports whether the package covers a session held at t.
func (p Package) Usable(t time.Time) bool {
	return p.Remaining() > 0 && !t.Before(p.PurchasedAt) && t.Before(p.ExpiresAt)
}

// NewPackage is the input for selling a package.
type NewPackage struct {
	ClientID      int64
	Name          string
	SessionsTotal int
	Price         int64
	ExpiresAt     time.Time
}

// SessionBilled is what scheduling reports about a session.
type SessionBilled struct {
	ClientID      int64
	CoachID       int64
	SessionID     int64 // scheduling's id; 0 when billed by hand
	HeldAt        time.Time
	LengthMinutes int
}

// CircleAttended is a client's seat at a group integration circle.
type CircleAttended struct {
	ClientID int64
	CoachID  int64 // facilitator; 0 if none
	CircleID int64
	HeldAt   time.Time
}

// Line is one billable item: on an invoice, waiting for one, or waived.
type Line struct {
	ID          int64
	ClientID    int64
	CoachID     int64
	SourceKind  SourceKind
	SourceID    int64
	Description string
	OccurredAt  time.Time
	ListAmount  int64 // before sliding scale or package
	Amount      int64 // what the client is charged
	Currency    string
	TierID      int64
	PackageID   int64
	InvoiceID   int64
	Waived      bool
	WaiveReason string
}

// Price is the line's amount as Money.
func (l Line) Price() Money { return Money{l.Amount, l.Currency} }

// DocKind tells invoices from credit notes.
type DocKind string

const (
	KindInvoice    DocKind = "invoice"
	KindCreditNote DocKind = "credit_note"
)

// Invoice is an issued invoice or credit note, with the practice's and
// client's details as they were when it was issued.
type Invoice struct {
	ID               int64
	PracticeID       int64
	Kind             DocKind
	Number           int
	ClientID         int64
	ClientName       string
	CoachID          int64
	CreditsInvoiceID int64
	Reason           string
	Currency         string
	Total            int64
	IssuedAt         time.Time
	DueAt            time.Time
	PracticeName     string
	PracticeAddress  string
	PracticeTaxID    string
}

// DisplayNumber is "INV-000042" or "CN-000007".
func (i Invoice) DisplayNumber() string { return DisplayNumber(i.Kind, i.Number) }

// DisplayNumber formats a document number.
func DisplayNumber(k DocKind, n int) string {
	if k == KindCreditNote {
		return fmt.Sprintf("CN-%06d", n)
	}
	return fmt.Sprintf("INV-%06d", n)
}

// TotalMoney is the total as Money.
func (i Invoice) TotalMoney() Money { return Money{i.Total, i.Currency} }

// Method is how a payment was made.
type Method string

const (
	CardTerminal  Method = "card_terminal"
	CardOnline    Method = "card_online"
	Transfer      Method = "transfer"
	Cash          Method = "cash"
	PackageCredit Method = "package_credit"
)

// Methods lists the methods an admin can record by hand.
var Methods = []Method{CardTerminal, Transfer, Cash, PackageCredit}

// Label is the method in plain words.
func (m Method) Label() string {
	switch m {
	case CardTerminal:
		return "Card (terminal)"
	case CardOnline:
		return "Card (online)"
	case Transfer:
		return "Bank transfer"
	case Cash:
		return "Cash"
	case PackageCredit:
		return "Package credit"
	}
	return string(m)
}

// Valid reports whether m is a known method.
func (m Method) Valid() bool { return m.Label() != string(m) }

// Payment is money received for an invoice, or a refund of a payment.
type Payment struct {
	ID         int64
	InvoiceID  int64
	ClientID   int64
	Refund     bool
	RefundOf   int64
	Method     Method
	Amount     int64
	Currency   string
	ReceivedAt time.Time
	Reference  string
	PackageID  int64
}

// ReceiptNumber is "R-000042" (refunds: "RF-000043").
func (p Payment) ReceiptNumber() string {
	if p.Refund {
		return fmt.Sprintf("RF-%06d", p.ID)
	}
	return fmt.Sprintf("R-%06d", p.ID)
}

// Money is the payment's amount.
func (p Payment) Money() Money { return Money{p.Amount, p.Currency} }

// NewPayment is the input for recording a payment.
type NewPayment struct {
	InvoiceID  int64
	Method     Method
	Amount     int64
	ReceivedAt time.Time // zero: now
	Reference  string
	PackageID  int64 // for package credit
}

// sessionDescription is the only text an invoice carries about a session:
// never anything clinical.
func sessionDescription(minutes int) string {
	return fmt.Sprintf("Integration coaching session, %d min", minutes)
}
