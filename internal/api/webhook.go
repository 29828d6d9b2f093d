package api

import (
	"io"
	"net/http"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/httpx"
)

// maxWebhookBytes bounds a processor event; Stripe's are a few kilobytes.
const maxWebhookBytes = 64 << 10

// stripeWebhook receives Stripe's events for one practice: the signature
// is checked against the practice's signing secret before anything in the
// body is used, and a paid Checkout Session records its payment once.
func (s *Server) stripeWebhook(w http.ResponseWriter, r *http.Request) {
	practiceID, err := httpx.PathID(r, "practice")
	if err != nil || practiceID <= 0 {
		writeError(s.Log, w, r, errs.NotFoundf("no such practice"))
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxWebhookBytes))
	if err != nil {
		writeError(s.Log, w, r, errs.E(errs.Invalid, "the event is larger than %d bytes", maxWebhookBytes))
		return
	}
	recorded, err := s.Billing.HandleCardWebhook(r.Context(), practiceID, body, r.Header.Get("Stripe-Signature"))
	if err != nil {
		writeError(s.Log, w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]bool{"recorded": recorded})
}
