package billing_test

import (
	"errors"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/billing"
	"github.com/afterward/afterward/internal/store"
)

// TestNumbersHaveNoGapsUnderConcurrency bills sessions from many goroutines
// at once, a third of them in transactions that then fail and roll back;
// the invoices that remain must be numbered 1…n exactly.
func TestNumbersHaveNoGapsUnderConcurrency(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		const workers = 24
		f := newPractice(t, db, 3, workers, 12000)
		errRollback := errors.New("scheduling failed after billing")
		var wg sync.WaitGroup
		results := make([]error, workers)
		for i := range workers {
			wg.Go(func() {
				results[i] = db.InTx(ctx, func(tx *store.Tx) error {
					_, err := f.svc.BillSession(ctx, tx, billing.SessionBilled{ClientID: f.clients[i].UserID, CoachID: f.coachOf(i).UserID,
						SessionID: int64(i + 1), HeldAt: t0, LengthMinutes: 60})
					if err == nil && i%3 == 0 {
						return errRollback
					}
					return err
				})
			})
		}
		wg.Wait()
		committed := 0
		for i, err := range results {
			switch {
			case err == nil:
				committed++
			case !errors.Is(err, errRollback):
				t.Fatalf("worker %d: %v", i, err)
			}
		}
		if committed != workers-workers/3 {
			t.Fatalf("committed %d, want %d", committed, workers-workers/3)
		}
		checkNumbering(t, db, f.admin.PracticeID)
	})
}

// checkNumbering asserts each kind of document is numbered 1…n.
func checkNumbering(t *testing.T, db *store.DB, practiceID int64) {
	t.Helper()
	for _, kind := range []string{"invoice", "credit_note"} {
		rows, err := db.Reader().Query(ctx, `SELECT number FROM invoices WHERE practice_id = ? AND kind = ? ORDER BY number`, practiceID, kind)
		mustNil(t, err)
		want := 1
		for rows.Next() {
			var n int
			mustNil(t, rows.Scan(&n))
			if n != want {
				t.Fatalf("%s numbers: got %d where %d was expected (a gap or a duplicate)", kind, n, want)
			}
			want++
		}
		mustNil(t, rows.Err())
		rows.Close()
	}
}

// ledger is the test's own account of what each client owes, kept while
// the year is generated, to check the service against.
type ledger map[int64]int64

// TestReconcileGeneratedYear generates a year of a 10-coach practice —
// weekly and fortnightly sessions, sliding scale, packages, late
// cancellations and no-shows (some waived), partial payments, refunds and
// credit notes — and checks that every invoice total equals its lines,
// every balance equals invoices − credit notes − payments + refunds (by SQL,
// by the service and by the test's own ledger), the revenue report adds up
// to the payments, and numbers have no gaps.
func TestReconcileGeneratedYear(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		const coaches, clients = 10, 40
		f := newPractice(t, db, coaches, clients, 0)
		rng := rand.New(rand.NewPCG(2026, 9))
		for i, c := range f.coaches {
			_, err := f.svc.SetFee(ctx, f.admin, billing.Fee{CoachID: c.UserID, LengthMinutes: 60, Price: billing.Money{Amount: 12000 + int64(i)*1000 + 33}})
			mustNil(t, err)
		}
		tiers := []int{2500, 5000, 3333}
		for i, bp := range tiers {
			tier, err := f.svc.SaveTier(ctx, f.admin, billing.Tier{Name: "Tier " + string(rune('A'+i)), DiscountBP: bp})
			mustNil(t, err)
			for c := i; c < clients; c += 9 {
				mustNil(t, f.svc.AssignTier(ctx, f.admin, billing.TierAssignment{ClientID: f.clients[c].UserID, TierID: tier.ID, ReviewOn: t0.AddDate(1, 0, 0)}))
			}
		}
		want := ledger{}
		for c := 0; c < clients; c += 7 {
			_, inv, err := f.svc.SellPackage(ctx, f.admin, billing.NewPackage{ClientID: f.clients[c].UserID, Name: "Package", SessionsTotal: 8, Price: 88000, ExpiresAt: t0.AddDate(0, 9, 0)})
			mustNil(t, err)
			want[f.clients[c].UserID] += inv.Total
		}
		g := &yearGen{f: f, rng: rng, want: want}
		for week := range 52 {
			g.week(t, week)
		}
		reconcile(t, db, f, want)
	})
}

type yearGen struct {
	f       *practiceFixture
	rng     *rand.Rand
	want    ledger
	session int64
}

// week bills each client's sessions of one week and records some
// payments, refunds and credit notes.
func (g *yearGen) week(t *testing.T, week int) {
	f := g.f
	for c := range f.clients {
		if (c%2 == 1 && week%2 == 1) || g.rng.IntN(10) == 0 { // fortnightly clients, and some weeks off
			continue
		}
		g.session++
		at := t0.AddDate(0, 0, 7*week).Add(time.Duration(c) * time.Hour)
		f.clock.t = at.Add(time.Hour)
		sb := billing.SessionBilled{ClientID: f.clients[c].UserID, CoachID: f.coachOf(c).UserID, SessionID: g.session, HeldAt: at, LengthMinutes: 60}
		var l billing.Line
		err := f.db.InTx(ctx, func(tx *store.Tx) (err error) {
			switch g.rng.IntN(20) {
			case 0:
				l, err = f.svc.ChargeLateCancellation(ctx, tx, sb)
			case 1:
				l, err = f.svc.ChargeNoShow(ctx, tx, sb)
			default:
				l, err = f.svc.BillSession(ctx, tx, sb)
			}
			return err
		})
		mustNil(t, err)
		g.want[sb.ClientID] += l.Amount
		g.settle(t, l, sb.ClientID)
	}
}

// settle pays, part-pays, refunds, credits or waives a fresh charge at
// random, tracking what should be owed.
func (g *yearGen) settle(t *testing.T, l billing.Line, client int64) {
	f, svc := g.f, g.f.svc
	if l.Amount == 0 {
		return
	}
	if l.SourceKind == billing.SourceFee && g.rng.IntN(3) == 0 {
		_, err := svc.WaiveFee(ctx, f.admin, l.ID, "first missed session")
		mustNil(t, err)
		g.want[client] -= l.Amount
		return
	}
	switch r := g.rng.IntN(10); {
	case r < 6: // paid in full, sometimes later refunded in part
		p, err := svc.RecordPayment(ctx, f.admin, billing.NewPayment{InvoiceID: l.InvoiceID, Method: billing.Methods[g.rng.IntN(3)], Amount: l.Amount})
		mustNil(t, err)
		g.want[client] -= l.Amount
		if r == 0 {
			amt := 1 + g.rng.Int64N(l.Amount)
			_, err := svc.Refund(ctx, f.admin, p.ID, amt, "partial refund")
			mustNil(t, err)
			g.want[client] += amt
		}
	case r < 8: // partly paid
		amt := 1 + g.rng.Int64N(l.Amount)
		_, err := svc.RecordPayment(ctx, f.admin, billing.NewPayment{InvoiceID: l.InvoiceID, Method: billing.Cash, Amount: amt})
		mustNil(t, err)
		g.want[client] -= amt
	case r == 8: // credited in part
		amt := 1 + g.rng.Int64N(l.Amount)
		_, err := svc.IssueCreditNote(ctx, f.admin, l.InvoiceID, amt, "hardship")
		mustNil(t, err)
		g.want[client] -= amt
	}
}

func reconcile(t *testing.T, db *store.DB, f *practiceFixture, want ledger) {
	t.Helper()
	q := db.Reader()
	var mismatched, invoices int
	mustNil(t, q.QueryRow(ctx, `SELECT COUNT(*) FROM invoices i WHERE i.total <> (SELECT COALESCE(SUM(l.amount), 0) FROM billing_lines l WHERE l.invoice_id = i.id)`).Scan(&mismatched))
	mustNil(t, q.QueryRow(ctx, `SELECT COUNT(*) FROM invoices WHERE kind = 'invoice'`).Scan(&invoices))
	if mismatched != 0 {
		t.Errorf("%d invoices whose total differs from their lines", mismatched)
	}
	t.Logf("generated year: %d invoices", invoices)
	checkNumbering(t, db, f.admin.PracticeID)

	rows, err := f.svc.Outstanding(ctx, f.admin)
	mustNil(t, err)
	got := map[int64]int64{}
	for _, r := range rows {
		got[r.ClientID] = r.Balance.Owed()
	}
	for _, c := range f.clients {
		var bySQL int64
		mustNil(t, q.QueryRow(ctx, `SELECT
			(SELECT COALESCE(SUM(total), 0) FROM invoices WHERE client_id = ? AND kind = 'invoice')
		  - (SELECT COALESCE(SUM(total), 0) FROM invoices WHERE client_id = ? AND kind = 'credit_note')
		  - (SELECT COALESCE(SUM(amount), 0) FROM payments WHERE client_id = ? AND kind = 'payment')
		  + (SELECT COALESCE(SUM(amount), 0) FROM payments WHERE client_id = ? AND kind = 'refund')`,
			c.UserID, c.UserID, c.UserID, c.UserID).Scan(&bySQL))
		acct, err := f.svc.ClientAccount(ctx, c, 0)
		mustNil(t, err)
		stmt, err := f.svc.Statement(ctx, c, 0, t0.AddDate(-1, 0, 0), t0.AddDate(2, 0, 0))
		mustNil(t, err)
		w := want[c.UserID]
		if bySQL != w || got[c.UserID] != w || acct.Balance.Owed() != w || stmt.Closing != w {
			t.Errorf("client %d owes: ledger %d, SQL %d, report %d, account %d, statement %d", c.UserID, w, bySQL, got[c.UserID], acct.Balance.Owed(), stmt.Closing)
		}
	}
	revenue, err := f.svc.Revenue(ctx, f.admin, t0.AddDate(-1, 0, 0), t0.AddDate(2, 0, 0))
	mustNil(t, err)
	var collected, refunded, invoiced, credited, paySQL, refSQL, invSQL, cnSQL int64
	for _, r := range revenue {
		collected, refunded, invoiced, credited = collected+r.Collected, refunded+r.Refunded, invoiced+r.Invoiced, credited+r.Credited
	}
	mustNil(t, q.QueryRow(ctx, `SELECT COALESCE(SUM(CASE WHEN kind = 'payment' AND method <> 'package_credit' THEN amount ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN kind = 'refund' THEN amount ELSE 0 END), 0) FROM payments`).Scan(&paySQL, &refSQL))
	mustNil(t, q.QueryRow(ctx, `SELECT COALESCE(SUM(CASE WHEN kind = 'invoice' THEN total ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN kind = 'credit_note' THEN total ELSE 0 END), 0) FROM invoices`).Scan(&invSQL, &cnSQL))
	if collected != paySQL || refunded != refSQL || invoiced != invSQL || credited != cnSQL {
		t.Errorf("revenue report: collected %d refunded %d invoiced %d credited %d; payments say %d %d, invoices %d %d",
			collected, refunded, invoiced, credited, paySQL, refSQL, invSQL, cnSQL)
	}
}
