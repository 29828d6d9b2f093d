package billing

import (
	"context"
	"sort"
	"strconv"
	"time"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
)

// BalanceRow is one client's account in the outstanding-balances report.
type BalanceRow struct {
	ClientID     int64
	Client       string
	Balance      Balance
	OverdueSince time.Time // due date of the oldest overdue invoice; zero if none
}

// Outstanding lists every client of the practice whose balance is not zero,
// largest first.
func (s *Service) Outstanding(ctx context.Context, a policy.Actor) ([]BalanceRow, error) {
	if err := requireAdmin(a); err != nil {
		return nil, err
	}
	sums, err := s.summaries(ctx, s.reader(), "kind = 'invoice' AND practice_id = ?", a.PracticeID)
	if err != nil {
		return nil, err
	}
	byClient := map[int64]*BalanceRow{}
	for _, inv := range sums {
		r := byClient[inv.ClientID]
		if r == nil {
			r = &BalanceRow{ClientID: inv.ClientID, Client: inv.ClientName, Balance: Balance{Currency: inv.Currency}}
			byClient[inv.ClientID] = r
		}
		r.Balance.Invoiced += inv.Balance.Invoiced
		r.Balance.Credited += inv.Balance.Credited
		r.Balance.Paid += inv.Balance.Paid
		r.Balance.Refunded += inv.Balance.Refunded
		if inv.Status == StatusOverdue && (r.OverdueSince.IsZero() || inv.DueAt.Before(r.OverdueSince)) {
			r.OverdueSince = inv.DueAt
		}
	}
	var out []BalanceRow
	for _, r := range byClient {
		if r.Balance.Owed() != 0 {
			out = append(out, *r)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Balance.Owed() != out[j].Balance.Owed() {
			return out[i].Balance.Owed() > out[j].Balance.Owed()
		}
		return out[i].Client < out[j].Client
	})
	return out, nil
}

// OutstandingTable is the outstanding-balances report as a table.
func OutstandingTable(rows []BalanceRow) Table {
	t := Table{Name: "outstanding", Title: "Outstanding balances",
		Header: []string{"client", "invoiced", "credited", "paid", "refunded", "owed", "overdue_since"}}
	for _, r := range rows {
		since := ""
		if !r.OverdueSince.IsZero() {
			since = r.OverdueSince.Format("2006-01-02")
		}
		b := r.Balance
		t.Rows = append(t.Rows, []string{r.Client, FormatAmount(b.Invoiced), FormatAmount(b.Credited), FormatAmount(b.Paid),
			FormatAmount(b.Refunded), FormatAmount(b.Owed()), since})
	}
	return t
}

// TierUse is one sliding-scale tier's use.
type TierUse struct {
	Tier
	Clients     int   // clients on the tier now
	ReviewsDue  int   // of them, whose review date has passed
	Charges     int   // lines billed at the tier's discount
	ListTotal   int64 // what those would have cost at full fee
	Charged     int64
	DiscountSum int64
}

// SlidingScaleUse reports each tier's clients, reviews due and discounts
// given.
func (s *Service) SlidingScaleUse(ctx context.Context, a policy.Actor) ([]TierUse, error) {
	if err := requireAdmin(a); err != nil {
		return nil, err
	}
	q := s.reader()
	rows, err := q.Query(ctx, `SELECT t.id, t.name, t.discount_bp,
		(SELECT COUNT(*) FROM client_tiers ct WHERE ct.tier_id = t.id),
		(SELECT COUNT(*) FROM client_tiers ct WHERE ct.tier_id = t.id AND ct.review_on <= ?),
		(SELECT COUNT(*) FROM billing_lines l WHERE l.tier_id = t.id AND l.waived_at IS NULL),
		(SELECT COALESCE(SUM(l.list_amount), 0) FROM billing_lines l WHERE l.tier_id = t.id AND l.waived_at IS NULL),
		(SELECT COALESCE(SUM(l.amount), 0) FROM billing_lines l WHERE l.tier_id = t.id AND l.waived_at IS NULL)
		FROM sliding_tiers t WHERE t.practice_id = ? ORDER BY t.discount_bp, t.name`, s.now(), a.PracticeID)
	if err != nil {
		return nil, errs.Wrap(err, "reporting sliding scale")
	}
	defer rows.Close()
	var out []TierUse
	for rows.Next() {
		var u TierUse
		if err := rows.Scan(&u.ID, &u.Name, &u.DiscountBP, &u.Clients, &u.ReviewsDue, &u.Charges, &u.ListTotal, &u.Charged); err != nil {
			return nil, errs.Wrap(err, "reading sliding scale")
		}
		u.DiscountSum = u.ListTotal - u.Charged
		out = append(out, u)
	}
	return out, errs.Wrap(rows.Err(), "reading sliding scale")
}

// SlidingScaleTable is the sliding-scale report as a table.
func SlidingScaleTable(rows []TierUse) Table {
	t := Table{Name: "sliding-scale", Title: "Sliding-scale use",
		Header: []string{"tier", "discount", "clients", "reviews_due", "charges", "full_fee_total", "charged", "discount_given"}}
	for _, u := range rows {
		t.Rows = append(t.Rows, []string{u.Name, FormatPercent(u.DiscountBP), strconv.Itoa(u.Clients), strconv.Itoa(u.ReviewsDue),
			strconv.Itoa(u.Charges), FormatAmount(u.ListTotal), FormatAmount(u.Charged), FormatAmount(u.DiscountSum)})
	}
	return t
}

// Packages lists every package of the practice (admins), soonest expiry
// first.
func (s *Service) Packages(ctx context.Context, a policy.Actor) ([]Package, error) {
	if err := requireAdmin(a); err != nil {
		return nil, err
	}
	return listPackages(ctx, s.reader(), `p.practice_id = ?`, a.PracticeID)
}

// PackageTable is the package-utilisation report as a table.
func PackageTable(pkgs []Package, now time.Time) Table {
	t := Table{Name: "packages", Title: "Package utilisation",
		Header: []string{"client", "package", "sessions", "used", "remaining", "utilisation", "price", "expires", "status"}}
	for _, p := range pkgs {
		status := "active"
		switch {
		case p.Remaining() == 0:
			status = "used up"
		case !now.Before(p.ExpiresAt):
			status = "expired"
		}
		t.Rows = append(t.Rows, []string{p.ClientName, p.Name, strconv.Itoa(p.SessionsTotal), strconv.Itoa(p.SessionsUsed),
			strconv.Itoa(p.Remaining()), FormatPercent(p.SessionsUsed * 10000 / p.SessionsTotal), p.Price.Plain(),
			p.ExpiresAt.Format("2006-01-02"), status})
	}
	return t
}
