package demo

import (
	"sort"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/billing"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
)

// billedSession is a session held some days ago, and what happened to its
// invoice afterwards.
type billedSession struct {
	client     string // email
	ago        time.Duration
	minutes    int
	settle     func(b *billingSeed, l billing.Line) error
	lateCancel bool // cancelled too late: the practice's fee instead of the session
}

// billingSeed runs the billing service on a clock it moves through the
// past, inside the seed transaction, so invoices have believable dates and
// states (paid, partly paid, overdue).
type billingSeed struct {
	s     *seeder
	clock time.Time
	svc   *billing.Service
	admin policy.Actor
}

func (s *seeder) billing() error {
	b := &billingSeed{s: s, admin: policy.Actor{UserID: s.staffIDs[0], PracticeID: s.practice.ID, Role: account.Admin}}
	b.svc = billing.NewService(billing.Deps{Now: func() time.Time { return b.clock }}).Within(s.tx)
	b.clock = s.now.Add(-90 * day)
	if err := b.setup(); err != nil {
		return err
	}
	sessions := billedSessions()
	sort.SliceStable(sessions, func(i, j int) bool { return sessions[i].ago > sessions[j].ago })
	for _, ds := range sessions {
		if err := b.session(ds); err != nil {
			return err
		}
	}
	return nil
}

func (b *billingSeed) setup() error {
	ctx, svc, a := b.s.ctx, b.svc, b.admin
	err := svc.SaveSettings(ctx, a, billing.Settings{Currency: "USD", LegalName: "Riverbend Integration Collective LLC",
		Address: "418 Alder Street, Suite 3\nPortland, OR 97204", TaxID: "93-4417205", PaymentTermsDays: 14,
		Invoicing: billing.PerSession, LateCancelBP: 5000, NoShowBP: 10000, CircleFee: 4000})
	if err != nil {
		return err
	}
	fees := []struct {
		coach, minutes int
		amount         int64
	}{{1, 60, 15000}, {1, 90, 21000}, {2, 60, 12000}, {2, 90, 17500}, {3, 60, 22000}}
	for _, f := range fees {
		if _, err := svc.SetFee(ctx, a, billing.Fee{CoachID: b.s.staffIDs[f.coach], LengthMinutes: f.minutes, Price: billing.Money{Amount: f.amount}}); err != nil {
			return err
		}
	}
	community, err := svc.SaveTier(ctx, a, billing.Tier{Name: "Community", DiscountBP: 2500})
	if err != nil {
		return err
	}
	access, err := svc.SaveTier(ctx, a, billing.Tier{Name: "Access", DiscountBP: 5000})
	if err != nil {
		return err
	}
	for email, tier := range map[string]int64{"aisha@client.example.org": community.ID, "tom@client.example.org": access.ID} {
		if err := svc.AssignTier(ctx, a, billing.TierAssignment{ClientID: b.id(email), TierID: tier, ReviewOn: b.s.now.AddDate(0, 3, 0)}); err != nil {
			return err
		}
	}
	b.clock = b.s.now.Add(-62 * day)
	_, inv, err := svc.SellPackage(ctx, a, billing.NewPackage{ClientID: b.id("grace@client.example.org"), Name: "Eight-session package",
		SessionsTotal: 8, Price: 88000, ExpiresAt: b.s.now.AddDate(0, 4, 0)})
	if err != nil {
		return err
	}
	b.clock = b.clock.Add(day)
	_, err = svc.RecordPayment(ctx, a, billing.NewPayment{InvoiceID: inv.ID, Method: billing.Transfer, Amount: 88000, Reference: "ACH 20931"})
	return err
}

func (b *billingSeed) id(email string) int64 {
	var id int64
	_ = b.s.tx.QueryRow(b.s.ctx, `SELECT id FROM users WHERE email = ?`, email).Scan(&id)
	return id
}

// session bills one demo session through BillSession, the way scheduling
// will, then settles its invoice.
func (b *billingSeed) session(ds billedSession) error {
	clientID := b.id(ds.client)
	var coachID int64
	if err := b.s.tx.QueryRow(b.s.ctx, `SELECT coach_id FROM clients WHERE user_id = ?`, clientID).Scan(&coachID); err != nil {
		return errs.Wrap(err, "demo billing: "+ds.client)
	}
	held := b.s.now.Add(-ds.ago).Truncate(time.Hour)
	b.clock = held.Add(time.Hour)
	bill := b.svc.BillSession
	if ds.lateCancel {
		bill = b.svc.ChargeLateCancellation
	}
	l, err := bill(b.s.ctx, b.s.tx, billing.SessionBilled{ClientID: clientID, CoachID: coachID, HeldAt: held, LengthMinutes: ds.minutes})
	if err != nil || ds.settle == nil {
		return err
	}
	b.clock = b.clock.Add(2 * day)
	if b.clock.After(b.s.now) {
		b.clock = b.s.now
	}
	return ds.settle(b, l)
}

func pay(m billing.Method, amount int64, ref string) func(*billingSeed, billing.Line) error {
	return func(b *billingSeed, l billing.Line) error {
		if amount == 0 {
			amount = l.Amount
		}
		_, err := b.svc.RecordPayment(b.s.ctx, b.admin, billing.NewPayment{InvoiceID: l.InvoiceID, Method: m, Amount: amount, Reference: ref})
		return err
	}
}

func payThenRefund(refund int64, reason string) func(*billingSeed, billing.Line) error {
	return func(b *billingSeed, l billing.Line) error {
		p, err := b.svc.RecordPayment(b.s.ctx, b.admin, billing.NewPayment{InvoiceID: l.InvoiceID, Method: billing.CardTerminal, Amount: l.Amount, Reference: "Terminal 2"})
		if err != nil {
			return err
		}
		// A shortfall is credited (the invoice is never edited) and the
		// credit paid back.
		b.clock = b.clock.Add(day)
		if _, err := b.svc.IssueCreditNote(b.s.ctx, b.admin, l.InvoiceID, refund, reason); err != nil {
			return err
		}
		_, err = b.svc.Refund(b.s.ctx, b.admin, p.ID, refund, reason)
		return err
	}
}

func credit(amount int64, reason string) func(*billingSeed, billing.Line) error {
	return func(b *billingSeed, l billing.Line) error {
		_, err := b.svc.IssueCreditNote(b.s.ctx, b.admin, l.InvoiceID, amount, reason)
		return err
	}
}

func billedSessions() []billedSession {
	card := pay(billing.CardTerminal, 0, "Terminal 1")
	return []billedSession{
		{"grace@client.example.org", 60 * day, 60, nil, false}, // covered by the package
		{"grace@client.example.org", 53 * day, 60, nil, false},
		{"grace@client.example.org", 46 * day, 60, nil, false},
		{"tom@client.example.org", 34 * day, 60, pay(billing.Cash, 0, ""), false},
		{"tom@client.example.org", 20 * day, 60, pay(billing.Cash, 0, ""), false},
		{"tom@client.example.org", 27 * day, 60, nil, true}, // late cancellation, not yet paid or waived
		{"marcus@client.example.org", 45 * day, 60, credit(5000, "Session cut short by a video outage"), false},
		{"marcus@client.example.org", 31 * day, 60, nil, false}, // unpaid past due: overdue
		{"sofia@client.example.org", 20 * day, 90, card, false},
		{"sofia@client.example.org", 13 * day, 60, payThenRefund(5000, "Started 30 minutes late; partial refund"), false},
		{"aisha@client.example.org", 9 * day, 90, pay(billing.Transfer, 0, "Zelle 88412"), false},
		{"aisha@client.example.org", 2 * day, 60, pay(billing.Cash, 5000, ""), false}, // partly paid
		{"grace@client.example.org", 4 * day, 60, nil, false},
		{"david@client.example.org", 30 * time.Hour, 90, card, false},
	}
}
