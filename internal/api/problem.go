package api

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/httpx"
)

// Problem is an RFC 9457 problem details document. Fields lists the invalid
// input fields (an extension member).
type Problem struct {
	Type      string            `json:"type"`
	Title     string            `json:"title"`
	Status    int               `json:"status"`
	Detail    string            `json:"detail,omitempty"`
	Instance  string            `json:"instance,omitempty"`
	RequestID string            `json:"request_id,omitempty"`
	Fields    map[string]string `json:"fields,omitempty"`
}

var kindStatus = map[errs.Kind]int{
	errs.Invalid:      http.StatusUnprocessableEntity,
	errs.Unauthorized: http.StatusUnauthorized,
	errs.Forbidden:    http.StatusForbidden,
	errs.NotFound:     http.StatusNotFound,
	errs.Conflict:     http.StatusConflict,
	errs.Unavailable:  http.StatusServiceUnavailable,
	errs.TooMany:      http.StatusTooManyRequests,
	errs.Internal:     http.StatusInternalServerError,
}

// writeError is the one place an error becomes problem+json.
func writeError(log *slog.Logger, w http.ResponseWriter, r *http.Request, err error) {
	if errs.Gone(r.Context(), err) {
		log.Info("client went away", "request_id", httpx.RequestID(r.Context()))
		return
	}
	kind := errs.KindOf(err)
	p := Problem{
		Type:      "https://afterward.dev/problems/" + kind.String(),
		Title:     http.StatusText(kindStatus[kind]),
		Status:    kindStatus[kind],
		Instance:  r.URL.Path,
		RequestID: httpx.RequestID(r.Context()),
	}
	var e *errs.Error
	if kind != errs.Internal && errors.As(err, &e) {
		p.Detail, p.Fields = e.Msg, e.Fields
	} else {
		log.Error("api request failed", "request_id", p.RequestID, "err", err)
		p.Detail = "Something went wrong on our side."
	}
	writeProblem(w, p)
}

func writeProblem(w http.ResponseWriter, p Problem) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(p.Status)
	_ = json.NewEncoder(w).Encode(p)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
