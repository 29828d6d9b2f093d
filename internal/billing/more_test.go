package billing_test

import (
	"bytes"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/billing"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

func TestCirclesAndPackageCredit(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		f := newPractice(t, db, 1, 2, 15000)
		st, err := f.svc.Settings(ctx, f.admin)
		mustNil(t, err)
		st.CircleFee = 4001
		mustNil(t, f.svc.SaveSettings(ctx, f.admin, st))
		tier, err := f.svc.SaveTier(ctx, f.admin, billing.Tier{Name: "Access", DiscountBP: 5000})
		mustNil(t, err)
		mustNil(t, f.svc.AssignTier(ctx, f.admin, billing.TierAssignment{ClientID: f.clients[1].UserID, TierID: tier.ID, ReviewOn: t0.AddDate(0, 1, 0)}))
		tests := []struct {
			name   string
			client int
			want   int64
		}{
			{"full circle fee", 0, 4001},
			{"sliding scale halves it, discount rounded half up", 1, 2000}, // 4001 − round(2000.5) = 4001 − 2001
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				var l billing.Line
				mustNil(t, db.InTx(ctx, func(tx *store.Tx) (err error) {
					l, err = f.svc.ChargeCircle(ctx, tx, billing.CircleAttended{ClientID: f.clients[tc.client].UserID, CircleID: 9, HeldAt: t0})
					return err
				}))
				if l.Amount != tc.want || l.InvoiceID == 0 {
					t.Errorf("circle line %d (invoice %d), want %d and invoiced", l.Amount, l.InvoiceID, tc.want)
				}
			})
		}
		err = db.InTx(ctx, func(tx *store.Tx) error {
			_, err := f.svc.ChargeCircle(ctx, tx, billing.CircleAttended{ClientID: f.clients[0].UserID, CircleID: 9, HeldAt: t0})
			return err
		})
		if !errs.Is(err, errs.Conflict) {
			t.Errorf("same seat twice: %v, want conflict", err)
		}

		// Package credit settles an invoice and uses a session.
		l := f.bill(t, 0, 1, t0)
		if _, err := f.svc.RecordPayment(ctx, f.admin, billing.NewPayment{InvoiceID: l.InvoiceID, Method: billing.PackageCredit, Amount: l.Amount}); !errs.Is(err, errs.Invalid) {
			t.Errorf("package credit without a package: %v, want invalid", err)
		}
		pkg, _, err := f.svc.SellPackage(ctx, f.admin, billing.NewPackage{ClientID: f.clients[0].UserID, Name: "Four", SessionsTotal: 4, Price: 50000, ExpiresAt: t0.AddDate(0, 3, 0)})
		mustNil(t, err)
		p, err := f.svc.RecordPayment(ctx, f.admin, billing.NewPayment{InvoiceID: l.InvoiceID, Method: billing.PackageCredit, Amount: l.Amount})
		mustNil(t, err)
		if p.PackageID != pkg.ID {
			t.Errorf("package credit used package %d, want %d", p.PackageID, pkg.ID)
		}
		if _, err := f.svc.Refund(ctx, f.admin, p.ID, 100, "x"); !errs.Is(err, errs.Invalid) {
			t.Errorf("refund of package credit: %v, want invalid", err)
		}
		pkgs, err := f.svc.Packages(ctx, f.admin)
		mustNil(t, err)
		if len(pkgs) != 1 || pkgs[0].SessionsUsed != 1 {
			t.Errorf("packages = %+v, want one session used", pkgs)
		}
	})
}

func TestSellPackageValidation(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		f := newPractice(t, db, 1, 1, 15000)
		good := billing.NewPackage{ClientID: f.clients[0].UserID, Name: "Eight", SessionsTotal: 8, Price: 88000, ExpiresAt: t0.AddDate(0, 6, 0)}
		tests := []struct {
			name   string
			change func(*billing.NewPackage)
			field  string
		}{
			{"no name", func(p *billing.NewPackage) { p.Name = " " }, "name"},
			{"no sessions", func(p *billing.NewPackage) { p.SessionsTotal = 0 }, "sessions"},
			{"too many sessions", func(p *billing.NewPackage) { p.SessionsTotal = 101 }, "sessions"},
			{"negative price", func(p *billing.NewPackage) { p.Price = -1 }, "price"},
			{"expired already", func(p *billing.NewPackage) { p.ExpiresAt = t0 }, "expires_on"},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				np := good
				tc.change(&np)
				_, _, err := f.svc.SellPackage(ctx, f.admin, np)
				e, ok := err.(*errs.Error)
				if !ok || e.Kind != errs.Invalid || e.Fields[tc.field] == "" {
					t.Errorf("error = %v, want invalid %s", err, tc.field)
				}
			})
		}
		if _, _, err := f.svc.SellPackage(ctx, f.coaches[0], good); !errs.Is(err, errs.Forbidden) {
			t.Errorf("coach sells a package: %v, want forbidden", err)
		}
	})
}

func TestStatementOpeningBalance(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		f := newPractice(t, db, 1, 1, 10000)
		first := f.bill(t, 0, 1, t0) // invoiced at t0: before the period
		f.clock.t = t0.AddDate(0, 1, 0)
		f.bill(t, 0, 2, f.clock.t)
		_, err := f.svc.RecordPayment(ctx, f.admin, billing.NewPayment{InvoiceID: first.InvoiceID, Method: billing.Cash, Amount: 4000})
		mustNil(t, err)
		stmt, err := f.svc.Statement(ctx, f.clients[0], 0, t0.AddDate(0, 0, 14), t0.AddDate(0, 2, 0))
		mustNil(t, err)
		if stmt.Opening != 10000 || stmt.Closing != 16000 || len(stmt.Entries) != 2 || stmt.ChargedInPeriod != 10000 || stmt.PaidInPeriod != 4000 {
			t.Errorf("statement opening %d closing %d entries %d charged %d paid %d; want 10000 16000 2 10000 4000",
				stmt.Opening, stmt.Closing, len(stmt.Entries), stmt.ChargedInPeriod, stmt.PaidInPeriod)
		}
		if _, err := f.svc.Statement(ctx, f.coaches[0], f.clients[0].UserID, t0, t0.AddDate(0, 1, 0)); !errs.Is(err, errs.Forbidden) {
			t.Errorf("coach asks for a statement: %v, want forbidden", err)
		}
		if _, err := f.svc.Statement(ctx, f.clients[0], 0, t0, t0); !errs.Is(err, errs.Invalid) {
			t.Errorf("empty range: %v, want invalid", err)
		}
	})
}

func TestWriteCSV(t *testing.T) {
	tests := []struct {
		name string
		cell string
		want string
	}{
		{"plain text", "Elena Marsh", "Elena Marsh"},
		{"formula defused and quoted", "=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""},
		{"plus defused", "+1", "'+1"},
		{"at defused", "@SUM(A1)", "'@SUM(A1)"},
		{"negative amount kept", "-12.50", "-12.50"},
		{"dash text defused", "-cmd", "'-cmd"},
		{"dash sum defused", "-1+1", "'-1+1"},
		{"dash hex float defused", "-0x1p3", "'-0x1p3"},
		{"dash infinity defused", "-Inf", "'-Inf"},
		{"comma quoted", "Liu, Grace", "\"Liu, Grace\""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			mustNil(t, billing.WriteCSV(&buf, billing.Table{Header: []string{"h"}, Rows: [][]string{{tc.cell}}}))
			if got, want := buf.String(), "h\n"+tc.want+"\n"; got != want {
				t.Errorf("csv = %q, want %q", got, want)
			}
		})
	}
}

// TestAccessIsAudited: reads and writes of a client's billing append audit
// events (ids only) in the same transaction; refused reads leave none.
func TestAccessIsAudited(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		f := newPractice(t, db, 1, 2, 10000)
		l := f.bill(t, 0, 1, t0)
		count := func(action string, client int64) int {
			var n int
			mustNil(t, db.Reader().QueryRow(ctx, `SELECT COUNT(*) FROM audit_events WHERE action = ? AND client_id = ? AND resource_type = 'billing'`,
				action, client).Scan(&n))
			return n
		}
		c0, c1 := f.clients[0].UserID, f.clients[1].UserID
		steps := []struct {
			name   string
			do     func() error
			action string
			client int64
			want   int
		}{
			{"client reads own invoice", func() error { _, err := f.svc.Invoice(ctx, f.clients[0], l.InvoiceID); return err }, "read", c0, 1},
			{"admin records a payment", func() error {
				_, err := f.svc.RecordPayment(ctx, f.admin, billing.NewPayment{InvoiceID: l.InvoiceID, Method: billing.Cash, Amount: 100})
				return err
			}, "write", c0, 1},
			{"refused read leaves no success event", func() error {
				if _, err := f.svc.Invoice(ctx, f.clients[1], l.InvoiceID); !errs.Is(err, errs.NotFound) {
					return err
				}
				return nil
			}, "read", c1, 0},
			{"client reads own statement", func() error { _, err := f.svc.Statement(ctx, f.clients[0], 0, t0, t0.AddDate(0, 1, 0)); return err }, "read", c0, 2},
		}
		for _, st := range steps {
			t.Run(st.name, func(t *testing.T) {
				mustNil(t, st.do())
				if got := count(st.action, st.client); got != st.want {
					t.Errorf("%s events for client %d = %d, want %d", st.action, st.client, got, st.want)
				}
			})
		}
	})
}
