package billing

import (
	"context"
	"encoding/csv"
	"io"
	"regexp"
	"sort"
	"time"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// Table is a report as rows of text: shown as an HTML table and exported
// as CSV from the same data, so the two never disagree.
type Table struct {
	Name   string // file name stem, e.g. "revenue"
	Title  string
	Header []string
	Rows   [][]string
}

// WriteCSV writes t as RFC 4180 CSV. Text cells that a spreadsheet would
// run as a formula are prefixed with an apostrophe.
func WriteCSV(w io.Writer, t Table) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(t.Header); err != nil {
		return err
	}
	for _, row := range t.Rows {
		safe := make([]string, len(row))
		for i, cell := range row {
			safe[i] = defuseFormula(cell)
		}
		if err := cw.Write(safe); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func defuseFormula(cell string) string {
	if cell == "" {
		return cell
	}
	switch cell[0] {
	case '=', '+', '@', '\t', '\r', '\n':
		return "'" + cell
	case '-':
		// Only a plain decimal amount keeps its sign; anything else
		// (-cmd, -1+1, -0x1p3, -Inf) is text a spreadsheet may evaluate.
		if !plainNegative.MatchString(cell) {
			return "'" + cell
		}
	}
	return cell
}

var plainNegative = regexp.MustCompile(`^-[0-9]+(\.[0-9]+)?$`)

// RevenueRow is one coach's month. Invoiced and Credited are by issue
// date; Collected and Refunded are money received and returned (cash
// basis), by date received; PackageCredit is sessions settled from
// packages, which is not new money (the package was invoiced when sold).
type RevenueRow struct {
	Month                                                  string // YYYY-MM in the practice's time zone
	CoachID                                                int64
	Coach                                                  string
	Invoiced, Credited, Collected, Refunded, PackageCredit int64
}

// Net is money kept: collected less refunded.
func (r RevenueRow) Net() int64 { return r.Collected - r.Refunded }

// Revenue reports revenue by coach and month for documents and payments
// dated in [from, to).
func (s *Service) Revenue(ctx context.Context, a policy.Actor, from, to time.Time) ([]RevenueRow, error) {
	if err := requireAdmin(a); err != nil {
		return nil, err
	}
	q := s.reader()
	loc, err := practiceLocation(ctx, q, a.PracticeID)
	if err != nil {
		return nil, err
	}
	invs, err := listInvoices(ctx, q, `practice_id = ? AND issued_at >= ? AND issued_at < ?`, a.PracticeID, from.UTC(), to.UTC())
	if err != nil {
		return nil, err
	}
	pays, err := listPayments(ctx, q, `practice_id = ? AND received_at >= ? AND received_at < ?`, a.PracticeID, from.UTC(), to.UTC())
	if err != nil {
		return nil, err
	}
	coachOf, err := invoiceCoaches(ctx, q, a.PracticeID)
	if err != nil {
		return nil, err
	}
	names, err := coachNames(ctx, q)
	if err != nil {
		return nil, err
	}
	rows := map[[2]any]*RevenueRow{}
	row := func(t time.Time, coach int64) *RevenueRow {
		k := [2]any{t.In(loc).Format("2006-01"), coach}
		if rows[k] == nil {
			rows[k] = &RevenueRow{Month: k[0].(string), CoachID: coach, Coach: coachLabel(names, coach)}
		}
		return rows[k]
	}
	for _, inv := range invs {
		if inv.Kind == KindCreditNote {
			row(inv.IssuedAt, inv.CoachID).Credited += inv.Total
		} else {
			row(inv.IssuedAt, inv.CoachID).Invoiced += inv.Total
		}
	}
	for _, p := range pays {
		r := row(p.ReceivedAt, coachOf[p.InvoiceID])
		switch {
		case p.Refund:
			r.Refunded += p.Amount
		case p.Method == PackageCredit:
			r.PackageCredit += p.Amount
		default:
			r.Collected += p.Amount
		}
	}
	out := make([]RevenueRow, 0, len(rows))
	for _, r := range rows {
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Month != out[j].Month {
			return out[i].Month < out[j].Month
		}
		return out[i].Coach < out[j].Coach
	})
	return out, nil
}

func coachLabel(names map[int64]string, id int64) string {
	if n, ok := names[id]; ok {
		return n
	}
	return "Practice (no coach)"
}

func practiceLocation(ctx context.Context, q store.Querier, practiceID int64) (*time.Location, error) {
	var tz string
	if err := q.QueryRow(ctx, `SELECT time_zone FROM practices WHERE id = ?`, practiceID).Scan(&tz); err != nil {
		return nil, store.NotFound(err, "practice")
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return time.UTC, nil
	}
	return loc, nil
}

func invoiceCoaches(ctx context.Context, q store.Querier, practiceID int64) (map[int64]int64, error) {
	rows, err := q.Query(ctx, `SELECT id, COALESCE(coach_id, 0) FROM invoices WHERE practice_id = ?`, practiceID)
	if err != nil {
		return nil, errs.Wrap(err, "listing invoice coaches")
	}
	defer rows.Close()
	out := map[int64]int64{}
	for rows.Next() {
		var id, coach int64
		if err := rows.Scan(&id, &coach); err != nil {
			return nil, errs.Wrap(err, "reading invoice coaches")
		}
		out[id] = coach
	}
	return out, errs.Wrap(rows.Err(), "reading invoice coaches")
}

// RevenueTable is the revenue report as a table, with a total row.
func RevenueTable(rows []RevenueRow, currency string) Table {
	t := Table{Name: "revenue", Title: "Revenue by coach and month (" + currency + ")",
		Header: []string{"month", "coach", "invoiced", "credited", "collected", "refunded", "net_collected", "package_credit"}}
	var total RevenueRow
	for _, r := range rows {
		t.Rows = append(t.Rows, revenueCells(r.Month, r.Coach, r))
		total.Invoiced += r.Invoiced
		total.Credited += r.Credited
		total.Collected += r.Collected
		total.Refunded += r.Refunded
		total.PackageCredit += r.PackageCredit
	}
	t.Rows = append(t.Rows, revenueCells("total", "", total))
	return t
}

func revenueCells(month, coach string, r RevenueRow) []string {
	return []string{month, coach, FormatAmount(r.Invoiced), FormatAmount(r.Credited), FormatAmount(r.Collected),
		FormatAmount(r.Refunded), FormatAmount(r.Net()), FormatAmount(r.PackageCredit)}
}
