// Package errs is Afterward's one error taxonomy. Domain services return
// *Error values with a Kind and a message that is safe to show to the person
// who made the request; the web and API layers render them in exactly one
// place each. Anything else that escapes is treated as internal and its
// details are logged, never shown.
package errs

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Kind classifies an error by what the caller can do about it.
type Kind int

const (
	Internal     Kind = iota // a bug or an outage: log it, show a generic message
	Invalid                  // the input is wrong: say which field and why
	Unauthorized             // not signed in, or the sign-in failed
	Forbidden                // signed in, but not allowed (use NotFound for others' records)
	NotFound                 // no such thing, or not visible to this actor
	Conflict                 // the request clashes with the current state
	Unavailable              // a service we depend on (card payments, mail) cannot be reached now: try again later
	TooMany                  // too many requests in a while: wait and try again
)

func (k Kind) String() string {
	switch k {
	case Invalid:
		return "invalid"
	case Unauthorized:
		return "unauthorized"
	case Forbidden:
		return "forbidden"
	case NotFound:
		return "not_found"
	case Conflict:
		return "conflict"
	case Unavailable:
		return "unavailable"
	case TooMany:
		return "too_many"
	default:
		return "internal"
	}
}

// Error is an error with a kind, a safe message and, for Invalid, the
// problems per field (keyed by the field's form or JSON name).
type Error struct {
	Kind   Kind
	Msg    string
	Fields map[string]string
	Err    error // the cause; never shown
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Msg + ": " + e.Err.Error()
	}
	if len(e.Fields) > 0 {
		return e.Msg + ": " + e.FieldSummary()
	}
	return e.Msg
}

func (e *Error) Unwrap() error { return e.Err }

// FieldSummary lists the field problems in a stable order on one line.
func (e *Error) FieldSummary() string {
	names := make([]string, 0, len(e.Fields))
	for name := range e.Fields {
		names = append(names, name)
	}
	sort.Strings(names)
	parts := make([]string, len(names))
	for i, name := range names {
		parts[i] = name + ": " + e.Fields[name]
	}
	return strings.Join(parts, "; ")
}

// E builds an error of the given kind with a safe message.
func E(kind Kind, format string, args ...any) *Error {
	return &Error{Kind: kind, Msg: fmt.Sprintf(format, args...)}
}

// Wrap marks err as internal with a description of what was being done.
func Wrap(err error, doing string) error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	return &Error{Kind: Internal, Msg: doing, Err: err}
}

// KindOf reports the kind of err; errors outside the taxonomy are Internal.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Internal
}

// Is reports whether err is of kind k.
func Is(err error, k Kind) bool { return err != nil && KindOf(err) == k }

// Validation collects field problems and becomes an Invalid error.
type Validation map[string]string

// Add records a problem with a field; the first problem per field wins.
func (v Validation) Add(field, msg string) {
	if _, ok := v[field]; !ok {
		v[field] = msg
	}
}

// Check records msg for field when ok is false.
func (v Validation) Check(ok bool, field, msg string) {
	if !ok {
		v.Add(field, msg)
	}
}

// Err returns nil when there are no problems, else an Invalid error.
func (v Validation) Err() error {
	if len(v) == 0 {
		return nil
	}
	return &Error{Kind: Invalid, Msg: "please correct the highlighted fields", Fields: map[string]string(v)}
}

// Gone reports whether err is the caller going away: the request's context
// was cancelled because the client disconnected. Nothing can be shown to
// anyone, and it is not a failure of ours to log as one.
func Gone(ctx context.Context, err error) bool {
	return ctx.Err() != nil && errors.Is(err, context.Canceled)
}

// NotFoundf is shorthand for a NotFound error.
func NotFoundf(format string, args ...any) *Error { return E(NotFound, format, args...) }
