package audit

import "context"

// Request is the request-scoped metadata every event records.
type Request struct {
	ClientIP  string
	RequestID string
}

type requestKey struct{}

// WithRequest puts the request's address and id on the context; the HTTP
// layer does this for every request so services need not pass them.
func WithRequest(ctx context.Context, r Request) context.Context {
	return context.WithValue(ctx, requestKey{}, r)
}

// RequestFrom returns the request metadata, empty outside a request (a
// command or a job).
func RequestFrom(ctx context.Context) Request {
	r, _ := ctx.Value(requestKey{}).(Request)
	return r
}

// Stamp fills the request fields of ev from ctx.
func Stamp(ctx context.Context, ev Event) Event {
	r := RequestFrom(ctx)
	if ev.ClientIP == "" {
		ev.ClientIP = r.ClientIP
	}
	if ev.RequestID == "" {
		ev.RequestID = r.RequestID
	}
	return ev
}
