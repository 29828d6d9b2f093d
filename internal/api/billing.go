package api

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/billing"
	"github.com/afterward/afterward/internal/dates"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/httpx"
	"github.com/afterward/afterward/internal/policy"
)

type invoiceJSON struct {
	ID       int64     `json:"id"`
	Number   string    `json:"number"`
	ClientID int64     `json:"client_id"`
	CoachID  *int64    `json:"coach_id"`
	IssuedAt time.Time `json:"issued_at"`
	DueAt    time.Time `json:"due_at"`
	Currency string    `json:"currency"`
	Total    int64     `json:"total"`
	Owed     int64     `json:"owed"`
	Status   string    `json:"status"`
}

type invoicesResponse struct {
	Invoices []invoiceJSON `json:"invoices"`
}

// billingInvoices lists the invoices the caller may see (amounts in minor
// units): a client's own, a coach's own sessions', or the practice's.
func (s *Server) billingInvoices(w http.ResponseWriter, r *http.Request, sess account.Session) {
	list, err := s.Billing.Invoices(r.Context(), policy.ActorOf(sess.User), 0)
	if err != nil {
		writeError(s.Log, w, r, err)
		return
	}
	out := invoicesResponse{Invoices: []invoiceJSON{}}
	for _, inv := range list {
		j := invoiceJSON{ID: inv.ID, Number: inv.DisplayNumber(), ClientID: inv.ClientID, IssuedAt: inv.IssuedAt, DueAt: inv.DueAt,
			Currency: inv.Currency, Total: inv.Total, Owed: inv.Balance.Owed(), Status: string(inv.Status)}
		if inv.CoachID != 0 {
			coach := inv.CoachID
			j.CoachID = &coach
		}
		out.Invoices = append(out.Invoices, j)
	}
	writeJSON(w, http.StatusOK, out)
}

type paymentRequest struct {
	Amount     int64   `json:"amount"`
	Method     string  `json:"method"`
	Reference  string  `json:"reference"`
	ReceivedAt *string `json:"received_at"`
}

type paymentJSON struct {
	ID         int64     `json:"id"`
	InvoiceID  int64     `json:"invoice_id"`
	Receipt    string    `json:"receipt"`
	Method     string    `json:"method"`
	Amount     int64     `json:"amount"`
	Currency   string    `json:"currency"`
	ReceivedAt time.Time `json:"received_at"`
}

// maxBody bounds JSON request bodies.
const maxBody = 16 << 10

// decodeStrict reads one JSON object, refusing unknown fields, trailing
// data and oversized bodies with an Invalid error.
func decodeStrict(r *http.Request, dst any) error {
	dec := json.NewDecoder(io.LimitReader(r.Body, maxBody+1))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return &errs.Error{Kind: errs.Invalid, Msg: "the request body is not valid JSON for this endpoint: " + jsonProblem(err)}
	}
	if dec.More() {
		return &errs.Error{Kind: errs.Invalid, Msg: "the request body must be a single JSON object"}
	}
	return nil
}

func jsonProblem(err error) string {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		return "field " + typeErr.Field + " must be " + typeErr.Type.String()
	}
	return err.Error()
}

// billingPaymentCreate records a payment on an invoice (admins).
func (s *Server) billingPaymentCreate(w http.ResponseWriter, r *http.Request, sess account.Session) {
	if sess.User.Role != account.Admin {
		// Refuse before reading the body, so only admins see input errors.
		writeError(s.Log, w, r, errs.E(errs.Forbidden, "billing is managed by the practice admin"))
		return
	}
	id, err := httpx.PathID(r, "invoice")
	if err != nil {
		writeError(s.Log, w, r, errs.NotFoundf("invoice not found"))
		return
	}
	var req paymentRequest
	if err := decodeStrict(r, &req); err != nil {
		writeProblem(w, Problem{Type: "https://afterward.dev/problems/malformed", Title: "Bad Request", Status: http.StatusBadRequest,
			Detail: err.Error(), Instance: r.URL.Path, RequestID: httpx.RequestID(r.Context())})
		return
	}
	np := billing.NewPayment{InvoiceID: id, Method: billing.Method(req.Method), Amount: req.Amount, Reference: req.Reference}
	if req.ReceivedAt != nil {
		if np.ReceivedAt, err = time.Parse(time.RFC3339, *req.ReceivedAt); err != nil || !dates.Plausible(np.ReceivedAt) {
			writeError(s.Log, w, r, &errs.Error{Kind: errs.Invalid, Msg: "please correct the highlighted fields",
				Fields: map[string]string{"received_at": "use an RFC 3339 time such as 2026-03-02T17:00:00Z"}})
			return
		}
	}
	p, err := s.Billing.RecordPayment(r.Context(), policy.ActorOf(sess.User), np)
	if err != nil {
		writeError(s.Log, w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, paymentJSON{ID: p.ID, InvoiceID: p.InvoiceID, Receipt: p.ReceiptNumber(), Method: string(p.Method),
		Amount: p.Amount, Currency: p.Currency, ReceivedAt: p.ReceivedAt})
}
