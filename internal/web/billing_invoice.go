package web

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/billing"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/httpx"
)

type billingAdminPage struct {
	Invoices    []billing.InvoiceSummary
	Owed        billing.Money
	Overdue     int
	PerPeriod   bool
	Form        formState
	Notice      string
	PeriodStart string
	PeriodEnd   string
}

func (s *Server) billingAdmin(w http.ResponseWriter, r *http.Request, sess account.Session, status int, form formState, notice string) {
	a := actor(sess)
	invs, err := s.Billing.Invoices(r.Context(), a, 0)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	st, err := s.Billing.Settings(r.Context(), a)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	now := s.Now()
	localSummaries(invs, location(sess.User.TimeZone))
	page := billingAdminPage{Invoices: invs, Owed: billing.Money{Currency: st.Currency}, PerPeriod: st.Invoicing == billing.PerPeriod,
		Form: form, Notice: notice, PeriodEnd: now.Format("2006-01-02"), PeriodStart: now.AddDate(0, -1, 0).Format("2006-01-02")}
	for _, inv := range invs {
		page.Owed.Amount += inv.Balance.Owed()
		if inv.Status == billing.StatusOverdue {
			page.Overdue++
		}
	}
	render(s, w, r, status, "billing_admin", "Billing", page)
}

// billingPeriodCreate invoices every uninvoiced charge of a period.
func (s *Server) billingPeriodCreate(w http.ResponseWriter, r *http.Request, sess account.Session) {
	fields := map[string]string{}
	from := formDate(r, "from", sess.User.TimeZone, fields)
	to := formDate(r, "to", sess.User.TimeZone, fields)
	err := fieldsErr(fields)
	if err == nil {
		_, err = s.Billing.InvoicePeriod(r.Context(), actor(sess), from, to.AddDate(0, 0, 1))
	}
	if form, ok := invalidForm(err, "period", r); ok {
		s.billingAdmin(w, r, sess, http.StatusUnprocessableEntity, form, "")
		return
	}
	s.redirectOr(w, r, err, "/billing?done=period")
}

func (s *Server) redirectOr(w http.ResponseWriter, r *http.Request, err error, to string) {
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

type invoicePage struct {
	billing.InvoiceView
	Admin     bool
	Methods   []billing.Method
	Form      formState
	Notice    string
	Today     string
	PayOnline bool // the client can pay what is owed by card online
}

func (s *Server) invoiceShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	invoiceID, err := httpx.PathID(r, "invoice")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.renderInvoice(w, r, sess, invoiceID, http.StatusOK, formState{}, doneNotice(r))
}

func (s *Server) renderInvoice(w http.ResponseWriter, r *http.Request, sess account.Session, id int64, status int, form formState, notice string) {
	v, err := s.Billing.Invoice(r.Context(), actor(sess), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	localInvoiceView(&v, location(sess.User.TimeZone))
	page := invoicePage{InvoiceView: v, Admin: sess.User.Role == account.Admin, Methods: billing.Methods, Form: form, Notice: notice,
		Today: s.Now().In(location(sess.User.TimeZone)).Format("2006-01-02")}
	page.PayOnline = v.Kind == billing.KindInvoice && v.Balance.Owed() > 0 && sess.User.Role == account.Client && s.Billing.OnlineCards(r.Context(), actor(sess))
	render(s, w, r, status, "billing_invoice", v.DisplayNumber(), page)
}

func (s *Server) invoicePDF(w http.ResponseWriter, r *http.Request, sess account.Session) {
	invoiceID, err := httpx.PathID(r, "invoice")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	v, err := s.Billing.Invoice(r.Context(), actor(sess), invoiceID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	localInvoiceView(&v, location(sess.User.TimeZone))
	s.writePDF(w, r, v.DisplayNumber()+".pdf", func(b *bytes.Buffer) error { return billing.InvoicePDF(b, v, location(sess.User.TimeZone)) })
}

func (s *Server) receiptPDF(w http.ResponseWriter, r *http.Request, sess account.Session) {
	paymentID, err := httpx.PathID(r, "payment")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	rv, err := s.Billing.Receipt(r.Context(), actor(sess), paymentID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	rv.ReceivedAt = rv.ReceivedAt.In(location(sess.User.TimeZone))
	rv.Invoice.IssuedAt = rv.Invoice.IssuedAt.In(location(sess.User.TimeZone))
	s.writePDF(w, r, rv.ReceiptNumber()+".pdf", func(b *bytes.Buffer) error { return billing.ReceiptPDF(b, rv, location(sess.User.TimeZone)) })
}

// writePDF renders into memory first so a failure is still a clean error
// page, then sends the file as a download.
func (s *Server) writePDF(w http.ResponseWriter, r *http.Request, name string, build func(*bytes.Buffer) error) {
	var buf bytes.Buffer
	if err := build(&buf); err != nil {
		s.renderError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", name))
	w.Header().Set("Cache-Control", "private, no-store")
	_, _ = buf.WriteTo(w)
}

func (s *Server) paymentCreate(w http.ResponseWriter, r *http.Request, sess account.Session) {
	invoiceID, err := httpx.PathID(r, "invoice")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	fields := map[string]string{}
	amount := formAmount(r, "amount", fields)
	received := formDate(r, "received_on", sess.User.TimeZone, fields)
	if received.Equal(localDay(s.Now(), sess.User.TimeZone)) {
		received = s.Now() // today: now, so it sorts after earlier payments
	}
	err = fieldsErr(fields)
	if err == nil {
		_, err = s.Billing.RecordPayment(r.Context(), actor(sess), billing.NewPayment{InvoiceID: invoiceID,
			Method: billing.Method(r.PostFormValue("method")), Amount: amount, ReceivedAt: received, Reference: r.PostFormValue("reference")})
	}
	s.afterInvoiceForm(w, r, sess, err, "payment", invoiceID)
}

func (s *Server) creditNoteCreate(w http.ResponseWriter, r *http.Request, sess account.Session) {
	invoiceID, err := httpx.PathID(r, "invoice")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	fields := map[string]string{}
	amount := formAmount(r, "credit_amount", fields)
	err = fieldsErr(fields)
	if err == nil {
		_, err = s.Billing.IssueCreditNote(r.Context(), actor(sess), invoiceID, amount, r.PostFormValue("reason"))
		err = renameField(err, "amount", "credit_amount")
	}
	s.afterInvoiceForm(w, r, sess, err, "credit", invoiceID)
}

func (s *Server) refundCreate(w http.ResponseWriter, r *http.Request, sess account.Session) {
	paymentID, err := httpx.PathID(r, "payment")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	paid, err := s.Billing.Receipt(r.Context(), actor(sess), paymentID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	fields := map[string]string{}
	amount := formAmount(r, "refund_amount", fields)
	err = fieldsErr(fields)
	if err == nil {
		_, err = s.Billing.Refund(r.Context(), actor(sess), paid.ID, amount, r.PostFormValue("refund_reason"))
		err = renameField(err, "amount", "refund_amount")
		err = renameField(err, "reason", "refund_reason")
	}
	s.afterInvoiceForm(w, r, sess, err, fmt.Sprintf("refund-%d", paid.ID), paid.InvoiceID)
}

func (s *Server) feeWaive(w http.ResponseWriter, r *http.Request, sess account.Session) {
	feeID, err := httpx.PathID(r, "fee")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	l, err := s.Billing.WaiveFee(r.Context(), actor(sess), feeID, r.PostFormValue("waive_reason"))
	err = renameField(err, "reason", "waive_reason")
	if l.InvoiceID == 0 {
		s.redirectOr(w, r, err, "/billing?done=waive")
		return
	}
	s.afterInvoiceForm(w, r, sess, err, fmt.Sprintf("waive-%d", l.ID), l.InvoiceID)
}

// afterInvoiceForm re-renders the invoice with the form's errors, or
// redirects back to it.
func (s *Server) afterInvoiceForm(w http.ResponseWriter, r *http.Request, sess account.Session, err error, form string, invoiceID int64) {
	if f, ok := invalidForm(err, form, r); ok {
		s.renderInvoice(w, r, sess, invoiceID, http.StatusUnprocessableEntity, f, "")
		return
	}
	done, _, _ := strings.Cut(form, "-")
	s.redirectOr(w, r, err, fmt.Sprintf("/billing/invoices/%d?done=%s", invoiceID, done))
}

// renameField maps a service field name onto the form's, where one page
// has several forms with an amount or a reason.
func renameField(err error, from, to string) error {
	var e *errs.Error
	if errors.As(err, &e) && e.Kind == errs.Invalid {
		if msg, ok := e.Fields[from]; ok {
			delete(e.Fields, from)
			e.Fields[to] = msg
		}
	}
	return err
}

// checkoutStart sends the client to the card processor's payment page.
func (s *Server) checkoutStart(w http.ResponseWriter, r *http.Request, sess account.Session) {
	invoiceID, err := httpx.PathID(r, "invoice")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	back := fmt.Sprintf("%s/billing/invoices/%d", s.Settings.BaseURL, invoiceID)
	url, err := s.Billing.StartCardPayment(r.Context(), actor(sess), invoiceID, back+"/checkout?session_id={CHECKOUT_SESSION_ID}", back)
	s.redirectOr(w, r, err, url)
}

// checkoutReturn is where the processor sends the client back: record the
// payment if it went through.
func (s *Server) checkoutReturn(w http.ResponseWriter, r *http.Request, sess account.Session) {
	invoiceID, err := httpx.PathID(r, "invoice")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	paid, err := s.Billing.CompleteCardPayment(r.Context(), actor(sess), invoiceID, r.URL.Query().Get("session_id"))
	done := "card-pending"
	if paid {
		done = "payment"
	}
	s.redirectOr(w, r, err, fmt.Sprintf("/billing/invoices/%d?done=%s", invoiceID, done))
}
