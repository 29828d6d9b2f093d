package alert

import (
	"context"
	"time"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// SourceText is the record that raised an alert, opened for the person
// following it up.
type SourceText struct {
	Title string
	Body  string
	At    time.Time
}

// SourceOpener opens one kind of source record (a journal entry, a message,
// a check-in's note) inside the transaction that authorized and audited
// the read. Openers are registered by the app, so this package needs none
// of the packages that own the records.
type SourceOpener func(ctx context.Context, tx *store.Tx, clientID, id int64) (SourceText, error)

// AddSource registers how to open sources of a kind. Call it while wiring,
// before serving. It is the one registration after construction, kept
// because the cycle is real and synchronous: the journal, messages,
// check-ins, adverse reactions and regulated forms raise alerts inside
// their own transactions (so they are built with the alert service), and
// opening an alert's source reads those same records inside the alert's
// audited transaction (so the openers need them built). A job cannot
// stand in for a read the coach is waiting on.
func (s *Service) AddSource(kind string, open SourceOpener) {
	if s.openers == nil {
		s.openers = map[string]SourceOpener{}
	}
	s.openers[kind] = open
}

// HasText reports whether the alert's source has text that OpenSource can
// show (journal entries, messages, check-in notes); other sources (a
// questionnaire, the intake, the "not safe" button) are shown elsewhere or
// have none.
func (s *Service) HasText(src Source) bool {
	_, ok := s.openers[src.Kind]
	return ok && src.ID != 0
}

// OpenSource opens what raised an alert for someone who may read the
// client's safety alerts (the assigned coach; an admin only under
// break-glass): an audited read, recorded whether the text is private to
// the client or was shared, since the alert gives the coach a reason to
// read it.
func (s *Service) OpenSource(ctx context.Context, a policy.Actor, id int64) (Alert, SourceText, error) {
	if err := followsUp(a); err != nil {
		return Alert{}, SourceText{}, err
	}
	clientID, err := alertClient(ctx, s.db.Reader(), id)
	if err != nil {
		return Alert{}, SourceText{}, err
	}
	var al Alert
	var text SourceText
	err = s.policy.Do(ctx, a, policy.Access{ClientID: clientID, Category: policy.SafetyAlerts, Action: policy.Read, ResourceType: "safety_alert_source", ResourceID: id},
		func(tx *store.Tx) error {
			var err error
			if al, _, err = s.getAlert(ctx, tx, id); err != nil {
				return err
			}
			open, ok := s.openers[al.Source.Kind]
			if !ok || al.Source.ID == 0 {
				return nil
			}
			text, err = open(ctx, tx, clientID, al.Source.ID)
			if errs.Is(err, errs.NotFound) {
				// Erased or deleted since: the alert stays, the text is gone.
				return nil
			}
			return err
		})
	return al, text, err
}
