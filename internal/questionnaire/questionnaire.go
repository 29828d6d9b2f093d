// Package questionnaire administers validated questionnaires to clients and
// turns their scores into evidence: each client's scores over time (with
// severity bands, reliable change and the minimal clinically important
// difference), a printable progress report, and the practice's outcomes
// (response and remission rates, benefit maintained at 12 months and the
// integration-dose comparison) with a de-identified research export.
//
// Questionnaire definitions and scoring come from internal/measure, the
// statistics from internal/outcome. Every access to a client's answers or
// scores goes through policy.Policy (category Scores), which audits it in
// the same transaction; item answers are sealed with the vault. Totals and
// severity bands are stored in the clear so practice figures can be computed
// over a hundred thousand clients without decrypting every answer.
//
// Answers and scores are clinical content: nothing here logs them, and
// invitation emails only say that a questionnaire is waiting.
package questionnaire

import (
	"context"
	"time"

	"github.com/afterward/afterward/internal/store"
)

// Timepoints of the default schedule. Follow-ups are named "m<months>".
const (
	Baseline = "baseline" // at intake (the experience date)
	Post     = "post"     // after the last planned session
)

// DefaultBattery is what a practice administers unless it chooses otherwise:
// depression, anxiety and wellbeing (WHO-5 suits non-clinical coaching).
var DefaultBattery = []string{"phq9", "gad7", "who5"}

// DefaultFollowUpMonths are the follow-ups after the experience.
var DefaultFollowUpMonths = []int{3, 6, 12}

// PostFallback is when the "after the last planned session" questionnaires
// are due when no plan says otherwise: 8 weeks after the experience.
const PostFallback = 8 * 7 * 24 * time.Hour

// Window is how long a due questionnaire stays open before it expires;
// reminders go out every ReminderEvery until then.
const (
	Window        = 28 * 24 * time.Hour
	ReminderEvery = 7 * 24 * time.Hour
)

// Risk levels passed to a RiskResponder. C-SSRS levels are measure's
// (moderate, high); a positive PHQ-9 item 9 is its own level.
const RiskPHQ9Item9 = "phq9_item9_positive"

// PlanDates tells when a client's last planned integration session is; the
// plans work implements it. ok is false when no plan has one.
type PlanDates interface {
	LastPlannedSession(ctx context.Context, q store.Querier, clientID int64) (at time.Time, ok bool, err error)
}

// RiskResponder is the safety response to a questionnaire answer that
// signals risk (PHQ-9 item 9 ≥ 1, C-SSRS moderate or high). It runs in the
// transaction that stores the response, so the response and the alert
// commit together.
type RiskResponder interface {
	QuestionnaireRisk(ctx context.Context, tx *store.Tx, clientID int64, instrument string, responseID int64, level string) error
}

// SessionCounter counts each client's sessions in the window after their
// experience (client id → sessions), for the integration-dose comparison.
type SessionCounter interface {
	SessionsWithin(ctx context.Context, q store.Querier, practiceID int64, window time.Duration) (map[int64]int, error)
}

// SessionCountFunc adapts a function (schedule.HeldWithin) to SessionCounter.
type SessionCountFunc func(ctx context.Context, q store.Querier, practiceID int64, window time.Duration) (map[int64]int, error)

// SessionsWithin implements SessionCounter.
func (f SessionCountFunc) SessionsWithin(ctx context.Context, q store.Querier, practiceID int64, window time.Duration) (map[int64]int, error) {
	return f(ctx, q, practiceID, window)
}

// Response is one answered questionnaire as stored (answers stay sealed).
type Response struct {
	ID         int64
	ClientID   int64
	Instrument string
	Timepoint  string
	AnsweredAt time.Time
	// Total is nil for instruments without a summed score (C-SSRS).
	Total    *int
	Severity string
	Risk     string
}

// Due is a questionnaire waiting for a client.
type Due struct {
	Instrument, Title, Timepoint string
	DueAt, ExpiresAt             time.Time
}

// Schedule is a practice's battery and follow-up months.
type Schedule struct {
	Battery        []string
	FollowUpMonths []int
}

// TimepointLabel is a timepoint in plain words.
func TimepointLabel(tp string) string {
	switch tp {
	case Baseline:
		return "Baseline"
	case Post:
		return "After sessions"
	case "":
		return "Extra check-in"
	}
	if len(tp) > 1 && tp[0] == 'm' {
		return tp[1:] + " months"
	}
	return tp
}
