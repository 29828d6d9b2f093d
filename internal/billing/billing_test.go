package billing_test

import (
	"context"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/billing"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

var ctx = context.Background()

func TestBillSessionPricing(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		f := newPractice(t, db, 2, 4, 15000)
		tier, err := f.svc.SaveTier(ctx, f.admin, billing.Tier{Name: "Community", DiscountBP: 2500})
		mustNil(t, err)
		mustNil(t, f.svc.AssignTier(ctx, f.admin, billing.TierAssignment{ClientID: f.clients[1].UserID, TierID: tier.ID, ReviewOn: t0.AddDate(0, 6, 0)}))
		pkg, pkgInv, err := f.svc.SellPackage(ctx, f.admin, billing.NewPackage{ClientID: f.clients[2].UserID, Name: "Eight sessions", SessionsTotal: 8, Price: 96000, ExpiresAt: t0.AddDate(0, 6, 0)})
		mustNil(t, err)
		if pkgInv.Total != 96000 || pkgInv.Number != 1 {
			t.Errorf("package invoice total %d number %d, want 96000 and 1", pkgInv.Total, pkgInv.Number)
		}
		f.clock.t = t0.Add(time.Hour)

		tests := []struct {
			name       string
			client     int
			wantAmount int64
			wantList   int64
			wantDesc   string
		}{
			{"full fee", 0, 15000, 15000, "Integration coaching session, 60 min"},
			{"sliding scale 25%", 1, 11250, 15000, "Integration coaching session, 60 min, sliding scale 25% off"},
			{"package covers it", 2, 0, 15000, "Integration coaching session, 60 min, Eight sessions session 1 of 8"},
		}
		for i, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				l := f.bill(t, tc.client, int64(100+i), f.clock.t)
				if l.Amount != tc.wantAmount || l.ListAmount != tc.wantList || l.Description != tc.wantDesc {
					t.Errorf("line = %d (list %d) %q, want %d (list %d) %q", l.Amount, l.ListAmount, l.Description, tc.wantAmount, tc.wantList, tc.wantDesc)
				}
				if l.InvoiceID == 0 {
					t.Fatal("per-session invoicing left the line uninvoiced")
				}
				v, err := f.svc.Invoice(ctx, f.admin, l.InvoiceID)
				mustNil(t, err)
				if v.Total != tc.wantAmount || len(v.Lines) != 1 {
					t.Errorf("invoice total %d with %d lines, want %d with 1", v.Total, len(v.Lines), tc.wantAmount)
				}
			})
		}
		pkgs, err := f.svc.Packages(ctx, f.admin)
		mustNil(t, err)
		if len(pkgs) != 1 || pkgs[0].ID != pkg.ID || pkgs[0].SessionsUsed != 1 {
			t.Errorf("packages = %+v, want one with 1 session used", pkgs)
		}
	})
}

func TestBillSessionRefusals(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		f := newPractice(t, db, 1, 1, 12000)
		f.bill(t, 0, 7, t0)
		tests := []struct {
			name string
			sb   billing.SessionBilled
			want errs.Kind
		}{
			{"same session twice", billing.SessionBilled{ClientID: f.clients[0].UserID, CoachID: f.coaches[0].UserID, SessionID: 7, HeldAt: t0, LengthMinutes: 60}, errs.Conflict},
			{"no fee for 90 minutes", billing.SessionBilled{ClientID: f.clients[0].UserID, CoachID: f.coaches[0].UserID, SessionID: 8, HeldAt: t0, LengthMinutes: 90}, errs.Conflict},
			{"length too short", billing.SessionBilled{ClientID: f.clients[0].UserID, CoachID: f.coaches[0].UserID, HeldAt: t0, LengthMinutes: 14}, errs.Invalid},
			{"no date", billing.SessionBilled{ClientID: f.clients[0].UserID, CoachID: f.coaches[0].UserID, LengthMinutes: 60}, errs.Invalid},
			{"unknown client", billing.SessionBilled{ClientID: 99999, CoachID: f.coaches[0].UserID, HeldAt: t0, LengthMinutes: 60}, errs.NotFound},
			{"coach is not a coach", billing.SessionBilled{ClientID: f.clients[0].UserID, CoachID: f.admin.UserID, HeldAt: t0, LengthMinutes: 60}, errs.NotFound},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				err := db.InTx(ctx, func(tx *store.Tx) error {
					_, err := f.svc.BillSession(ctx, tx, tc.sb)
					return err
				})
				if got := errs.KindOf(err); got != tc.want || err == nil {
					t.Errorf("error = %v (%v), want %v", err, got, tc.want)
				}
			})
		}
	})
}

func TestPolicyFeesAndWaivers(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		f := newPractice(t, db, 1, 2, 15001)
		st, err := f.svc.Settings(ctx, f.admin)
		mustNil(t, err)
		st.LateCancelBP, st.NoShowBP = 5000, 10000
		mustNil(t, f.svc.SaveSettings(ctx, f.admin, st))
		sb := billing.SessionBilled{ClientID: f.clients[0].UserID, CoachID: f.coaches[0].UserID, SessionID: 1, HeldAt: t0, LengthMinutes: 60}
		var late, noShow billing.Line
		mustNil(t, db.InTx(ctx, func(tx *store.Tx) error {
			late, err = f.svc.ChargeLateCancellation(ctx, tx, sb)
			if err != nil {
				return err
			}
			sb.SessionID = 2
			noShow, err = f.svc.ChargeNoShow(ctx, tx, sb)
			return err
		}))
		if late.Amount != 7501 { // 50% of 150.01 = 75.005, half up
			t.Errorf("late-cancellation fee = %d, want 7501", late.Amount)
		}
		if noShow.Amount != 15001 {
			t.Errorf("no-show fee = %d, want 15001", noShow.Amount)
		}
		// Waiving an invoiced fee issues a credit note; the balance returns to 0.
		_, err = f.svc.WaiveFee(ctx, f.admin, late.ID, "")
		if !errs.Is(err, errs.Invalid) {
			t.Errorf("waive without a reason: %v, want invalid", err)
		}
		_, err = f.svc.WaiveFee(ctx, f.coaches[0], late.ID, "family emergency")
		if !errs.Is(err, errs.Forbidden) {
			t.Errorf("coach waives: %v, want forbidden", err)
		}
		_, err = f.svc.WaiveFee(ctx, f.admin, late.ID, "family emergency")
		mustNil(t, err)
		v, err := f.svc.Invoice(ctx, f.admin, late.InvoiceID)
		mustNil(t, err)
		if v.Balance.Owed() != 0 || v.Status != billing.StatusCredited || len(v.Credits) != 1 || v.Credits[0].Number != 1 {
			t.Errorf("after waiver: owed %d status %q credits %d, want 0, credited, one CN-000001", v.Balance.Owed(), v.Status, len(v.Credits))
		}
		if _, err := f.svc.WaiveFee(ctx, f.admin, late.ID, "again"); !errs.Is(err, errs.Conflict) {
			t.Errorf("second waiver: %v, want conflict", err)
		}

		// Per-period invoicing: a waived fee is never invoiced.
		st.Invoicing = billing.PerPeriod
		mustNil(t, f.svc.SaveSettings(ctx, f.admin, st))
		sb = billing.SessionBilled{ClientID: f.clients[1].UserID, CoachID: f.coaches[0].UserID, SessionID: 3, HeldAt: t0, LengthMinutes: 60}
		var fee billing.Line
		mustNil(t, db.InTx(ctx, func(tx *store.Tx) (err error) { fee, err = f.svc.ChargeNoShow(ctx, tx, sb); return err }))
		sb.SessionID, sb.HeldAt = 4, t0.Add(48*time.Hour)
		mustNil(t, db.InTx(ctx, func(tx *store.Tx) error { _, err := f.svc.BillSession(ctx, tx, sb); return err }))
		_, err = f.svc.WaiveFee(ctx, f.admin, fee.ID, "first time")
		mustNil(t, err)
		invs, err := f.svc.InvoicePeriod(ctx, f.admin, t0.Add(-time.Hour), t0.AddDate(0, 1, 0))
		mustNil(t, err)
		if len(invs) != 1 || invs[0].Total != 15001 {
			t.Fatalf("period invoices = %+v, want one of 150.01 (the waived fee left out)", invs)
		}
		again, err := f.svc.InvoicePeriod(ctx, f.admin, t0.Add(-time.Hour), t0.AddDate(0, 1, 0))
		mustNil(t, err)
		if len(again) != 0 {
			t.Errorf("invoicing the same period twice made %d more invoices", len(again))
		}
	})
}

func TestPaymentsRefundsAndCredits(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		f := newPractice(t, db, 1, 2, 20000)
		l := f.bill(t, 0, 1, t0)
		inv := l.InvoiceID
		pay := func(amount int64, m billing.Method) (billing.Payment, error) {
			return f.svc.RecordPayment(ctx, f.admin, billing.NewPayment{InvoiceID: inv, Method: m, Amount: amount, Reference: "terminal 4411"})
		}
		p1, err := pay(5000, billing.CardTerminal)
		mustNil(t, err)
		steps := []struct {
			name    string
			do      func() error
			want    errs.Kind
			wantOwe int64
			status  billing.Status
		}{
			{"overpayment refused", func() error { _, err := pay(15001, billing.Cash); return err }, errs.Invalid, 15000, billing.StatusPartlyPaid},
			{"zero refused", func() error { _, err := pay(0, billing.Cash); return err }, errs.Invalid, 15000, billing.StatusPartlyPaid},
			{"unknown method refused", func() error { _, err := pay(100, "bitcoin"); return err }, errs.Invalid, 15000, billing.StatusPartlyPaid},
			{"package credit without a package refused", func() error { _, err := pay(100, billing.PackageCredit); return err }, errs.Invalid, 15000, billing.StatusPartlyPaid},
			{"coach cannot record payments", func() error {
				_, err := f.svc.RecordPayment(ctx, f.coaches[0], billing.NewPayment{InvoiceID: inv, Method: billing.Cash, Amount: 1})
				return err
			}, errs.Forbidden, 15000, billing.StatusPartlyPaid},
			{"rest paid exactly", func() error { _, err := pay(15000, billing.Transfer); return err }, 0, 0, billing.StatusPaid},
			{"refund more than the payment refused", func() error { _, err := f.svc.Refund(ctx, f.admin, p1.ID, 5001, "duplicate"); return err }, errs.Invalid, 0, billing.StatusPaid},
			{"refund needs a reason", func() error { _, err := f.svc.Refund(ctx, f.admin, p1.ID, 100, " "); return err }, errs.Invalid, 0, billing.StatusPaid},
			{"partial refund", func() error { _, err := f.svc.Refund(ctx, f.admin, p1.ID, 3000, "session shortened"); return err }, 0, 3000, billing.StatusPartlyPaid},
			{"refund the rest of the payment", func() error { _, err := f.svc.Refund(ctx, f.admin, p1.ID, 2000, "goodwill"); return err }, 0, 5000, billing.StatusPartlyPaid},
			{"nothing left to refund", func() error { _, err := f.svc.Refund(ctx, f.admin, p1.ID, 1, "again"); return err }, errs.Invalid, 5000, billing.StatusPartlyPaid},
			{"credit more than invoiced refused", func() error { _, err := f.svc.IssueCreditNote(ctx, f.admin, inv, 20001, "x"); return err }, errs.Invalid, 5000, billing.StatusPartlyPaid},
			{"credit the rest", func() error { _, err := f.svc.IssueCreditNote(ctx, f.admin, inv, 5000, "hardship"); return err }, 0, 0, billing.StatusPaid},
		}
		for _, st := range steps {
			t.Run(st.name, func(t *testing.T) {
				err := st.do()
				if st.want == 0 && err != nil || st.want != 0 && !errs.Is(err, st.want) {
					t.Fatalf("error = %v, want kind %v", err, st.want)
				}
				v, err := f.svc.Invoice(ctx, f.admin, inv)
				mustNil(t, err)
				if v.Balance.Owed() != st.wantOwe || v.Status != st.status {
					t.Errorf("owed %d status %q, want %d %q", v.Balance.Owed(), v.Status, st.wantOwe, st.status)
				}
			})
		}
	})
}

func TestVisibility(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		f := newPractice(t, db, 2, 2, 10000)
		l := f.bill(t, 0, 1, t0) // client 0, coach 0
		p, err := f.svc.RecordPayment(ctx, f.admin, billing.NewPayment{InvoiceID: l.InvoiceID, Method: billing.Cash, Amount: 100})
		mustNil(t, err)
		other := newPractice(t, db, 1, 1, 10000)
		tests := []struct {
			name string
			who  string
			want errs.Kind
		}{
			{"client sees own", "client0", 0},
			{"other client does not", "client1", errs.NotFound},
			{"client's coach sees their session", "coach0", 0},
			{"other coach does not", "coach1", errs.NotFound},
			{"admin sees", "admin", 0},
			{"other practice's admin does not", "otherAdmin", errs.NotFound},
		}
		actors := map[string]policy.Actor{"client0": f.clients[0], "client1": f.clients[1], "coach0": f.coaches[0], "coach1": f.coaches[1], "admin": f.admin, "otherAdmin": other.admin}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				a := actors[tc.who]
				_, err := f.svc.Invoice(ctx, a, l.InvoiceID)
				_, rerr := f.svc.Receipt(ctx, a, p.ID)
				for _, e := range []error{err, rerr} {
					if tc.want == 0 && e != nil || tc.want != 0 && !errs.Is(e, tc.want) {
						t.Errorf("error = %v, want kind %v", e, tc.want)
					}
				}
				list, err := f.svc.Invoices(ctx, a, 0)
				if err == nil && tc.want != 0 && len(list) != 0 {
					t.Errorf("list shows %d invoices to someone who may not see them", len(list))
				}
			})
		}
	})
}
