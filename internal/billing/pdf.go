package billing

import (
	"io"
	"time"

	"github.com/afterward/afterward/internal/humantime"
	"github.com/afterward/afterward/internal/pdfdoc"
)

// doc is a one-column A4 billing document in the shared PDF setup
// (Unicode fonts: any client's or practice's name prints as written).
type doc struct {
	pdf *pdfdoc.Doc
}

func newDoc(title string, at time.Time) *doc {
	return &doc{pdf: pdfdoc.New(title, at, 20)}
}

func (d *doc) text(size float64, style, s string) {
	d.pdf.Font(style, size)
	d.pdf.MultiCell(0, size*0.5, d.pdf.T(s), "", "L", false)
}

func (d *doc) gap(h float64) { d.pdf.Ln(h) }

// header prints the practice's details on the left and the document's
// title and number on the right.
func (d *doc) header(practice, address, taxID, title string, facts [][2]string) {
	top := d.pdf.GetY()
	d.pdf.Font("B", 13)
	d.pdf.CellFormat(95, 7, d.pdf.T(practice), "", 2, "L", false, 0, "")
	d.pdf.Font("", 9)
	if address != "" {
		d.pdf.MultiCell(95, 4.5, d.pdf.T(address), "", "L", false)
	}
	if taxID != "" {
		d.pdf.CellFormat(95, 4.5, d.pdf.T("Tax ID: "+taxID), "", 2, "L", false, 0, "")
	}
	bottom := d.pdf.GetY()
	d.pdf.SetXY(115, top)
	d.pdf.Font("B", 18)
	d.pdf.CellFormat(75, 9, d.pdf.T(title), "", 2, "R", false, 0, "")
	d.pdf.Font("", 9)
	for _, f := range facts {
		d.pdf.CellFormat(75, 5, d.pdf.T(f[0]+": "+f[1]), "", 2, "R", false, 0, "")
	}
	if d.pdf.GetY() < bottom {
		d.pdf.SetY(bottom)
	}
	d.pdf.SetX(20)
	d.gap(8)
}

// table prints rows with a shaded header; the last column is right-aligned
// (amounts).
func (d *doc) table(widths []float64, header []string, rows [][]string) {
	d.pdf.Font("B", 9)
	d.pdf.SetFillColor(232, 238, 236)
	for i, h := range header {
		d.pdf.CellFormat(widths[i], 7, d.pdf.T(h), "B", 0, align(i, len(header)), true, 0, "")
	}
	d.pdf.Ln(-1)
	d.pdf.Font("", 9)
	for _, r := range rows {
		for i, c := range r {
			d.pdf.CellFormat(widths[i], 6.5, d.pdf.T(c), "B", 0, align(i, len(r)), false, 0, "")
		}
		d.pdf.Ln(-1)
	}
}

func align(i, n int) string {
	if i == n-1 || (n > 3 && i >= n-2) {
		return "R"
	}
	return "L"
}

// totals prints label–amount pairs right-aligned under a table.
func (d *doc) totals(pairs [][2]string) {
	d.gap(2)
	for i, p := range pairs {
		style := ""
		if i == len(pairs)-1 {
			style = "B"
		}
		d.pdf.Font(style, 10)
		d.pdf.CellFormat(130, 6, d.pdf.T(p[0]), "", 0, "R", false, 0, "")
		d.pdf.CellFormat(40, 6, d.pdf.T(p[1]), "", 1, "R", false, 0, "")
	}
}

func (d *doc) footer(s string) {
	d.gap(10)
	d.pdf.SetTextColor(90, 90, 90)
	d.text(8, "", s)
	d.pdf.SetTextColor(0, 0, 0)
}

func (d *doc) write(w io.Writer) error {
	if err := d.pdf.Error(); err != nil {
		return err
	}
	return d.pdf.Output(w)
}

// dayIn writes dates on the reader's calendar (humantime is the one
// formatter for people).
func dayIn(loc *time.Location) func(time.Time) string {
	return func(t time.Time) string { return humantime.Day(t, loc) }
}

// InvoicePDF writes an invoice or credit note. It carries the practice's
// details as they were at issue, the client's name, and each line's
// non-clinical description.
// Dates are written in loc, the reader's time zone.
func InvoicePDF(w io.Writer, v InvoiceView, loc *time.Location) error {
	day := dayIn(loc)
	title := "Invoice"
	facts := [][2]string{{"Number", v.DisplayNumber()}, {"Issued", day(v.IssuedAt)}, {"Due", day(v.DueAt)}}
	if v.Kind == KindCreditNote {
		title = "Credit note"
		facts = [][2]string{{"Number", v.DisplayNumber()}, {"Issued", day(v.IssuedAt)}}
		if v.Original != nil {
			facts = append(facts, [2]string{"Credits invoice", v.Original.DisplayNumber()})
		}
	}
	d := newDoc(title+" "+v.DisplayNumber(), v.IssuedAt)
	d.header(v.PracticeName, v.PracticeAddress, v.PracticeTaxID, title, facts)
	d.text(10, "B", "Billed to")
	d.text(10, "", v.ClientName)
	if v.Coach != "" {
		d.text(9, "", "Coach: "+v.Coach)
	}
	d.gap(6)
	var rows [][]string
	for _, l := range v.Lines {
		rows = append(rows, []string{day(l.OccurredAt), l.Description, Money{l.Amount, l.Currency}.String()})
	}
	d.table([]float64{28, 112, 30}, []string{"Date", "Description", "Amount"}, rows)
	pairs := [][2]string{{"Total", v.TotalMoney().String()}}
	if v.Kind == KindInvoice {
		b := v.Balance
		pairs = [][2]string{{"Total", v.TotalMoney().String()}}
		if b.Credited > 0 {
			pairs = append(pairs, [2]string{"Credited", Money{-b.Credited, v.Currency}.String()})
		}
		if b.Paid-b.Refunded != 0 {
			pairs = append(pairs, [2]string{"Paid", Money{-(b.Paid - b.Refunded), v.Currency}.String()})
		}
		pairs = append(pairs, [2]string{"Balance due", b.OwedMoney().String()})
	}
	d.totals(pairs)
	if v.Kind == KindCreditNote && v.Reason != "" {
		d.gap(4)
		d.text(9, "", "Reason: "+v.Reason)
	}
	d.footer("Integration coaching is a non-clinical service. Keep this document for your records; " +
		"an account statement for any period is available in your Afterward billing page.")
	return d.write(w)
}

// ReceiptPDF writes the receipt for a payment or a refund.
func ReceiptPDF(w io.Writer, r ReceiptView, loc *time.Location) error {
	day := dayIn(loc)
	title := "Receipt"
	if r.Refund {
		title = "Refund receipt"
	}
	d := newDoc(title+" "+r.ReceiptNumber(), r.ReceivedAt)
	d.header(r.Invoice.PracticeName, r.Invoice.PracticeAddress, r.Invoice.PracticeTaxID, title,
		[][2]string{{"Receipt", r.ReceiptNumber()}, {"Date", day(r.ReceivedAt)}, {"Invoice", r.Invoice.DisplayNumber()}})
	verb := "Received from"
	if r.Refund {
		verb = "Refunded to"
	}
	d.text(10, "B", verb)
	d.text(10, "", r.Invoice.ClientName)
	d.gap(6)
	row := []string{day(r.ReceivedAt), r.Method.Label(), r.Reference, r.Money().String()}
	d.table([]float64{28, 40, 72, 30}, []string{"Date", "Method", "Reference", "Amount"}, [][]string{row})
	d.totals([][2]string{{"Invoice total", r.Invoice.TotalMoney().String()}, {"Balance due on the invoice", r.Balance.OwedMoney().String()}})
	d.footer("Thank you. This receipt confirms a payment for integration coaching, a non-clinical service.")
	return d.write(w)
}

// StatementPDF writes a client's statement for a period.
func StatementPDF(w io.Writer, s Statement, loc *time.Location) error {
	day := dayIn(loc)
	d := newDoc("Statement "+day(s.From), s.To)
	last := s.To.AddDate(0, 0, -1)
	d.header(s.PracticeName, s.PracticeAddr, "", "Statement", [][2]string{{"From", day(s.From)}, {"To", day(last)}})
	d.text(10, "B", "Account of")
	d.text(10, "", s.ClientName)
	d.gap(6)
	rows := [][]string{{day(s.From), "", "Opening balance", "", Money{s.Opening, s.Currency}.String()}}
	for _, e := range s.Entries {
		amt := Money{e.Charge, s.Currency}.String()
		if e.Credit != 0 {
			amt = Money{-e.Credit, s.Currency}.String()
		}
		rows = append(rows, []string{day(e.At), e.Document, e.Description, amt, Money{e.Balance, s.Currency}.String()})
	}
	d.table([]float64{26, 26, 68, 25, 25}, []string{"Date", "Document", "Description", "Amount", "Balance"}, rows)
	d.totals([][2]string{{"Charged in the period", Money{s.ChargedInPeriod, s.Currency}.String()},
		{"Paid in the period", Money{s.PaidInPeriod, s.Currency}.String()}, {"Closing balance", Money{s.Closing, s.Currency}.String()}})
	d.footer("Integration coaching is a non-clinical service. This statement lists invoices, credit notes, payments and refunds on your account.")
	return d.write(w)
}
