package web

import (
	"bytes"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/billing"
	"github.com/afterward/afterward/internal/dates"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/humantime"
	"github.com/afterward/afterward/internal/tz"
)

// formState is a submitted form that failed validation: which form, what
// was typed, and the message per field.
type formState struct {
	Form   string
	Values url.Values
	Fields map[string]string
}

// Err returns the message for a field of the named form, or "".
func (f formState) Err(form, field string) string {
	if f.Form != form {
		return ""
	}
	return f.Fields[field]
}

// Val returns what was typed in a field of the named form, or "".
func (f formState) Val(form, field string) string {
	if f.Form != form {
		return ""
	}
	return f.Values.Get(field)
}

// invalidForm reports err as a formState when it is a validation error.
func invalidForm(err error, form string, r *http.Request) (formState, bool) {
	var e *errs.Error
	if !errors.As(err, &e) || e.Kind != errs.Invalid {
		return formState{}, false
	}
	return formState{Form: form, Values: r.PostForm, Fields: e.Fields}, true
}

func formID(r *http.Request, name string) int64 {
	id, _ := strconv.ParseInt(r.FormValue(name), 10, 64)
	return id
}

// adminOnly refuses everyone but admins before a form is even read, so a
// non-admin learns nothing from validation messages. The service checks
// again (and checks the record).
func (s *Server) adminOnly(h func(http.ResponseWriter, *http.Request, account.Session)) func(http.ResponseWriter, *http.Request, account.Session) {
	return func(w http.ResponseWriter, r *http.Request, sess account.Session) {
		if sess.User.Role != account.Admin {
			s.renderError(w, r, errs.E(errs.Forbidden, "billing is managed by the practice admin"))
			return
		}
		h(w, r, sess)
	}
}

// formAmount parses a money field, recording a problem in fields.
func formAmount(r *http.Request, name string, fields map[string]string) int64 {
	a, err := billing.ParseAmount(r.PostFormValue(name))
	if err != nil {
		fields[name] = err.Error()
	}
	return a
}

func location(zone string) *time.Location {
	loc, err := tz.Load(zone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// localDay is midnight (as UTC) of the day t falls on in tz.
func localDay(t time.Time, tz string) time.Time {
	l := t.In(location(tz))
	return time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, l.Location()).UTC()
}

// formDate parses a yyyy-mm-dd field as midnight in tz.
func formDate(r *http.Request, name, tz string, fields map[string]string) time.Time {
	t, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(r.FormValue(name)), location(tz))
	switch {
	case err != nil:
		fields[name] = "enter a date"
	case !dates.Plausible(t):
		fields[name] = dates.PlausibleMessage
	}
	return t.UTC()
}

func fieldsErr(fields map[string]string) error {
	if len(fields) == 0 {
		return nil
	}
	return &errs.Error{Kind: errs.Invalid, Msg: "please correct the highlighted fields", Fields: fields}
}

// billingHome is /billing: the client's account, the coach's sessions to
// bill, or the admin's overview.
func (s *Server) billingHome(w http.ResponseWriter, r *http.Request, sess account.Session) {
	switch sess.User.Role {
	case account.Client:
		s.billingClient(w, r, sess)
	case account.Coach:
		s.billingCoach(w, r, sess, http.StatusOK, formState{}, doneNotice(r))
	case account.Admin:
		s.billingAdmin(w, r, sess, http.StatusOK, formState{}, doneNotice(r))
	default:
		s.renderError(w, r, errs.E(errs.Forbidden, "billing is not shared with clinicians"))
	}
}

type billingClientPage struct {
	Account  billing.Account
	Owed     billing.Money
	From, To string
}

func (s *Server) billingClient(w http.ResponseWriter, r *http.Request, sess account.Session) {
	acct, err := s.Billing.ClientAccount(r.Context(), actor(sess), 0)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	localAccount(&acct, location(sess.User.TimeZone))
	now := s.Now()
	page := billingClientPage{Account: acct, Owed: acct.Balance.OwedMoney(),
		From: time.Date(now.Year(), 1, 1, 0, 0, 0, 0, time.UTC).Format("2006-01-02"), To: now.Format("2006-01-02")}
	render(s, w, r, http.StatusOK, "billing_client", "Billing", page)
}

type billingCoachPage struct {
	Clients  []optionRow
	Lengths  []int
	Today    string
	Invoices []billing.InvoiceSummary
	Form     formState
	Notice   string
}

type optionRow struct {
	ID   int64
	Name string
}

func (s *Server) billingCoach(w http.ResponseWriter, r *http.Request, sess account.Session, status int, form formState, notice string) {
	a := actor(sess)
	clients, err := s.People.Practices.ClientsOfCoach(r.Context(), a)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	fees, err := s.Billing.Fees(r.Context(), a)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	invs, err := s.Billing.Invoices(r.Context(), a, 0)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	localSummaries(invs, location(sess.User.TimeZone))
	page := billingCoachPage{Invoices: invs, Form: form, Notice: notice, Today: s.Now().In(location(sess.User.TimeZone)).Format("2006-01-02")}
	for _, c := range clients {
		page.Clients = append(page.Clients, optionRow{c.UserID, c.Name})
	}
	for _, f := range fees {
		page.Lengths = append(page.Lengths, f.LengthMinutes)
	}
	render(s, w, r, status, "billing_coach", "Billing", page)
}

// billingSessionCreate is the coach marking a session held, which bills it.
func (s *Server) billingSessionCreate(w http.ResponseWriter, r *http.Request, sess account.Session) {
	fields := map[string]string{}
	minutes, _ := strconv.Atoi(r.PostFormValue("length_minutes"))
	held := formDate(r, "held_on", sess.User.TimeZone, fields)
	today := localDay(s.Now(), sess.User.TimeZone)
	switch {
	case held.After(today):
		fields["held_on"] = "a session cannot be held in the future"
	case held.Equal(today):
		held = s.Now() // today: the session has just ended
	default:
		held = held.Add(12 * time.Hour)
	}
	err := fieldsErr(fields)
	if err == nil {
		_, err = s.Billing.MarkSessionHeld(r.Context(), actor(sess), billing.SessionBilled{
			ClientID: formID(r, "client_id"), HeldAt: held, LengthMinutes: minutes})
	}
	if form, ok := invalidForm(err, "session", r); ok {
		s.billingCoach(w, r, sess, http.StatusUnprocessableEntity, form, "")
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/billing?done=session", http.StatusSeeOther)
}

// doneNotice confirms the action a redirect came from (?done=…).
func doneNotice(r *http.Request) string {
	return map[string]string{
		"session":      "Session recorded and billed.",
		"payment":      "Payment recorded.",
		"refund":       "Refund recorded.",
		"credit":       "Credit note issued.",
		"period":       "Invoices issued for the period.",
		"settings":     "Billing settings saved.",
		"fee":          "Fee saved.",
		"tier":         "Tier saved.",
		"assign":       "Sliding-scale assignment saved.",
		"package":      "Package sold and invoiced.",
		"waive":        "Fee waived.",
		"card-pending": "Your card payment is still being processed; it will appear here once it clears.",
	}[r.URL.Query().Get("done")]
}

type statementPage struct {
	ClientName, PracticeName string
	From, To                 string // the inclusive dates asked for
	Opening, Closing         billing.Money
	Rows                     []statementRow
	PDFQuery                 string
}

type statementRow struct {
	Date, Document, Description, Charge, Credit string
	Balance                                     billing.Money
}

func newStatementPage(st billing.Statement, from, to, pdfQuery string, loc *time.Location) statementPage {
	m := func(a int64) billing.Money { return billing.Money{Amount: a, Currency: st.Currency} }
	page := statementPage{ClientName: st.ClientName, PracticeName: st.PracticeName, From: from, To: to,
		Opening: m(st.Opening), Closing: m(st.Closing), PDFQuery: pdfQuery}
	for _, e := range st.Entries {
		row := statementRow{Date: humantime.Day(e.At, loc), Document: e.Document, Description: e.Description, Balance: m(e.Balance)}
		if e.Charge != 0 {
			row.Charge = m(e.Charge).String()
		}
		if e.Credit != 0 {
			row.Credit = m(e.Credit).String()
		}
		page.Rows = append(page.Rows, row)
	}
	return page
}

// statementShow is a client's statement for a date range, as a page or
// (format=pdf) a PDF. Admins pass client=ID.
func (s *Server) statementShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	from, end, err := s.reportPeriod(r, sess) // default: this year
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	stmt, err := s.Billing.Statement(r.Context(), actor(sess), formID(r, "client"), from, end)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	loc := location(sess.User.TimeZone)
	for i := range stmt.Entries {
		stmt.Entries[i].At = stmt.Entries[i].At.In(loc)
	}
	stmt.From, stmt.To = stmt.From.In(loc), stmt.To.In(loc)
	first, last := stmt.From.Format("2006-01-02"), stmt.To.AddDate(0, 0, -1).Format("2006-01-02")
	if r.FormValue("format") == "pdf" {
		s.writePDF(w, r, "statement-"+first+"-"+last+".pdf", func(b *bytes.Buffer) error { return billing.StatementPDF(b, stmt, loc) })
		return
	}
	q := r.URL.Query()
	q.Set("format", "pdf")
	render(s, w, r, http.StatusOK, "billing_statement", "Statement", newStatementPage(stmt, first, last, q.Encode(), loc))
}

// Billing dates are stored in UTC; these show them on the viewer's
// calendar (a session at 6 pm in Portland is not "tomorrow").

func localSummaries(list []billing.InvoiceSummary, loc *time.Location) {
	for i := range list {
		list[i].IssuedAt, list[i].DueAt = list[i].IssuedAt.In(loc), list[i].DueAt.In(loc)
	}
}

func localPayments(list []billing.Payment, loc *time.Location) {
	for i := range list {
		list[i].ReceivedAt = list[i].ReceivedAt.In(loc)
	}
}

func localInvoiceView(v *billing.InvoiceView, loc *time.Location) {
	v.IssuedAt, v.DueAt = v.IssuedAt.In(loc), v.DueAt.In(loc)
	for i := range v.Lines {
		v.Lines[i].OccurredAt = v.Lines[i].OccurredAt.In(loc)
	}
	for i := range v.Credits {
		v.Credits[i].IssuedAt = v.Credits[i].IssuedAt.In(loc)
	}
	localPayments(v.Payments, loc)
}

func localAccount(a *billing.Account, loc *time.Location) {
	localSummaries(a.Invoices, loc)
	localPayments(a.Payments, loc)
	for i := range a.Packages {
		a.Packages[i].ExpiresAt = a.Packages[i].ExpiresAt.In(loc)
	}
	a.ReviewOn = a.ReviewOn.In(loc)
}
