package alert

import (
	"context"

	"github.com/afterward/afterward/internal/adverse"
	"github.com/afterward/afterward/internal/checkin"
	"github.com/afterward/afterward/internal/measure"
	"github.com/afterward/afterward/internal/safety"
	"github.com/afterward/afterward/internal/store"
)

// Responder is the alert service as the packages that raise alerts see it,
// each in its own transaction: the client space's RiskScanner (journal,
// messages, check-ins), the questionnaires' RiskResponder and the
// adverse-reaction log's Raiser. The rules mapping each signal to a level
// live here, beside the queue they feed.
type Responder struct{ Alerts *Service }

// ScanText scans what the client wrote and, for concern or urgent, raises
// an alert for the coach.
func (r Responder) ScanText(ctx context.Context, tx *store.Tx, clientID int64, kind string, id int64, text string) (safety.Level, error) {
	return r.Alerts.ScanText(ctx, tx, clientID, Source{Kind: kind, ID: id}, text)
}

// RaiseScanned raises the alert for a scan the caller ran before its
// transaction, so the scan does not hold the single writer.
func (r Responder) RaiseScanned(ctx context.Context, tx *store.Tx, clientID int64, kind string, id int64, res safety.Result) (safety.Level, error) {
	return r.Alerts.RaiseScanned(ctx, tx, clientID, Source{Kind: kind, ID: id}, res)
}

// RaiseFormHarm is the regulated forms' Raiser: a yes to current thoughts
// of harm on a signed form is a concern in the safety queue.
func (r Responder) RaiseFormHarm(ctx context.Context, tx *store.Tx, clientID, formID int64) error {
	_, err := r.Alerts.RaiseWith(ctx, tx, clientID, Source{Kind: "regulated_form", ID: formID}, safety.Concern, ReasonFormHarmThoughts,
		[]safety.Kind{safety.KindSuicide, safety.KindSelfHarm, safety.KindViolence})
	return err
}

// Signal raises a check-in's structured signal: "not safe right now" is
// urgent at once; a run of very low mood is a concern raised once while it
// stays open.
func (r Responder) Signal(ctx context.Context, tx *store.Tx, clientID, checkinID int64, sig checkin.Signal) error {
	src := Source{Kind: "checkin", ID: checkinID}
	var err error
	switch sig {
	case checkin.NotSafe:
		_, err = r.Alerts.Raise(ctx, tx, clientID, src, safety.Urgent, ReasonClientNotSafe)
	case checkin.LowMood:
		_, err = r.Alerts.RaiseOnce(ctx, tx, clientID, src, safety.Concern, ReasonLowMood)
	}
	return err
}

// QuestionnaireRisk answers risky questionnaire answers as at intake: PHQ-9
// item 9 ≥ 1 or a moderate C-SSRS raises a concern, a high C-SSRS an
// urgent alert.
func (r Responder) QuestionnaireRisk(ctx context.Context, tx *store.Tx, clientID int64, instrument string, responseID int64, risk string) error {
	level, reason := safety.Concern, ReasonPHQ9Item9
	switch risk {
	case measure.RiskHigh:
		level, reason = safety.Urgent, ReasonCSSRSHigh
	case measure.RiskModerate:
		reason = ReasonCSSRSModerate
	}
	_, err := r.Alerts.Raise(ctx, tx, clientID, Source{Kind: "questionnaire", ID: responseID}, level, reason)
	return err
}

// RaiseAdverse is the adverse-reaction log's Raiser: a severe reaction is
// a concern in the safety queue, a life-threatening one urgent.
func (r Responder) RaiseAdverse(ctx context.Context, tx *store.Tx, clientID, reactionID int64, s adverse.Severity) (int64, error) {
	level, reason := safety.Concern, ReasonAdverseSevere
	if s == adverse.LifeThreatening {
		level, reason = safety.Urgent, ReasonAdverseLifeThreatening
	}
	return r.Alerts.Raise(ctx, tx, clientID, Source{Kind: "adverse_reaction", ID: reactionID}, level, reason)
}
