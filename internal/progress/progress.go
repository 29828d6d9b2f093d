// Package progress assembles a client's journey into one timeline — the
// experience, intake, sessions, questionnaires, intentions met, journal
// entries and check-ins — that the client can read, print or save as PDF.
//
// Each part of Afterward that knows about a kind of event implements
// TimelineSource; app passes the sources in. This package owns only the
// experience source (from the client's record); the others live in the
// packages that own the records: journal, checkin, intake, schedule
// (sessions), questionnaire and plan (intentions met).
//
// Events are content-free summaries ("You wrote in your journal"), never the
// sealed text itself, so a printed timeline does not expose what the client
// wrote.
package progress

import (
	"context"
	"sort"
	"time"

	"github.com/afterward/afterward/internal/store"
)

// Kind names a kind of event; the web layer picks an icon and a label.
type Kind string

// Kinds the owned sources produce; other packages add their own.
const (
	Experience    Kind = "experience"
	JournalEntry  Kind = "journal"
	CheckIn       Kind = "checkin"
	Intake        Kind = "intake"
	Session       Kind = "session"
	Questionnaire Kind = "questionnaire"
	Intention     Kind = "intention"
)

// Event is one moment in the journey.
type Event struct {
	At     time.Time
	Kind   Kind
	Title  string // short, content-free: "Check-in", "Journal entry"
	Detail string // e.g. "mood 4 of 5 · sleep 3 of 5"; never free text
	Link   string // a path in the client's space, or empty
}

// TimelineSource lists the events of one kind for a client, inside the
// caller's transaction (which has already been authorised and audited).
type TimelineSource interface {
	Timeline(ctx context.Context, tx *store.Tx, clientID int64) ([]Event, error)
}

// SourceFunc adapts a function to TimelineSource.
type SourceFunc func(ctx context.Context, tx *store.Tx, clientID int64) ([]Event, error)

// Timeline calls f.
func (f SourceFunc) Timeline(ctx context.Context, tx *store.Tx, clientID int64) ([]Event, error) {
	return f(ctx, tx, clientID)
}

// Merge sorts events from all sources newest first (stable for equal
// times, so sources keep their own order).
func Merge(lists ...[]Event) []Event {
	var all []Event
	for _, l := range lists {
		all = append(all, l...)
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].At.After(all[j].At) })
	return all
}
