// Package plan holds a client's integration plan — experience date,
// cadence, number and length of sessions, follow-up check-ins and the
// intentions set at intake, with every change kept in history — the
// adherence figures that show whether the plan is being kept, and the work
// between sessions: insights turned into intentions, broken into small
// dated actions the client checks off.
package plan

import (
	"slices"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/errs"
)

// Cadence is how often sessions happen.
type Cadence string

const (
	Weekly   Cadence = "weekly"
	Biweekly Cadence = "biweekly"
)

// Interval is the time between two sessions at this cadence.
func (c Cadence) Interval() time.Duration {
	if c == Biweekly {
		return 14 * 24 * time.Hour
	}
	return 7 * 24 * time.Hour
}

// Defaults from the care model.
const (
	DefaultSessions = 8
	DefaultMinutes  = 60
)

// DefaultFollowUps are months after the experience.
var DefaultFollowUps = []int{3, 6, 12}

// Plan is a client's integration plan.
type Plan struct {
	ID              int64
	ClientID        int64
	ExperienceAt    time.Time
	Cadence         Cadence
	PlannedSessions int
	SessionMinutes  int
	FollowUpMonths  []int
	Intentions      string
	Version         int
	UpdatedAt       time.Time
}

// Input is what a coach sets; zero fields take the defaults.
type Input struct {
	ExperienceAt    time.Time
	Cadence         Cadence
	PlannedSessions int
	SessionMinutes  int
	FollowUpMonths  []int
	Intentions      string
}

// Normalize fills defaults and checks every field.
func (in *Input) Normalize() error {
	if in.Cadence == "" {
		in.Cadence = Weekly
	}
	if in.PlannedSessions == 0 {
		in.PlannedSessions = DefaultSessions
	}
	if in.SessionMinutes == 0 {
		in.SessionMinutes = DefaultMinutes
	}
	if in.FollowUpMonths == nil {
		in.FollowUpMonths = slices.Clone(DefaultFollowUps)
	}
	in.Intentions = strings.TrimSpace(in.Intentions)
	in.ExperienceAt = in.ExperienceAt.UTC()
	slices.Sort(in.FollowUpMonths)
	in.FollowUpMonths = slices.Compact(in.FollowUpMonths)
	v := errs.Validation{}
	v.Check(!in.ExperienceAt.IsZero(), "experience_at", "enter the date of the experience")
	v.Check(in.Cadence == Weekly || in.Cadence == Biweekly, "cadence", "choose weekly or every other week")
	v.Check(in.PlannedSessions >= 4 && in.PlannedSessions <= 12, "planned_sessions", "plan between 4 and 12 sessions")
	v.Check(in.SessionMinutes == 60 || in.SessionMinutes == 90, "session_minutes", "choose 60 or 90 minutes")
	v.Check(len(in.FollowUpMonths) <= 6, "follow_up_months", "use at most 6 check-ins")
	for _, m := range in.FollowUpMonths {
		v.Check(m >= 1 && m <= 24, "follow_up_months", "use months between 1 and 24")
	}
	v.Check(len(in.Intentions) <= 4000, "intentions", "use at most 4000 characters")
	return v.Err()
}

// Change is one version of a plan in its history.
type Change struct {
	Version   int
	ChangedBy string
	ChangedAt time.Time
	Plan      Plan
}
