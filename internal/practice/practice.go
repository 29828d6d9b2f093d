// Package practice holds the practice itself and its roster: which clients
// belong to it, which coach each client is assigned to, and where each client
// is in their integration journey.
package practice

import (
	"time"
)

// Practice is one coaching practice.
type Practice struct {
	ID       int64
	Name     string
	Slug     string
	Region   string // crisis resources default to this region
	TimeZone string
	SignUp   SignUpMode // who may sign up without an invitation
}

// SignUpMode is the practice's "who may sign up" setting.
type SignUpMode string

const (
	SignUpOpen       SignUpMode = "open"       // anyone may sign up as a client
	SignUpInvitation SignUpMode = "invitation" // clients join by invitation or referral only
)

// Stage is where a client is in their journey.
type Stage string

const (
	StageInvited     Stage = "invited"
	StageIntake      Stage = "intake"
	StageMatching    Stage = "matching"
	StageActive      Stage = "active"
	StageFollowUp    Stage = "follow_up"
	StageCompleted   Stage = "completed"
	StageReferredOut Stage = "referred_out"
	StageOnHold      Stage = "on_hold"
)

// Label is the stage in plain words.
func (s Stage) Label() string {
	switch s {
	case StageInvited:
		return "Invited"
	case StageIntake:
		return "Intake in progress"
	case StageMatching:
		return "Finding a coach"
	case StageActive:
		return "In integration"
	case StageFollowUp:
		return "Follow-up"
	case StageCompleted:
		return "Completed"
	case StageReferredOut:
		return "Referred to clinical care"
	case StageOnHold:
		return "On hold"
	}
	return string(s)
}

// FirstSessionWindow is the care model's target: the first integration
// session within 72 hours of the experience.
const FirstSessionWindow = 72 * time.Hour

// Client is a client as the roster shows them.
type Client struct {
	UserID       int64
	Name         string
	Email        string
	CoachID      int64 // 0 when not yet matched
	CoachName    string
	Stage        Stage
	ExperienceAt *time.Time
	Substance    string
	Context      string
}

// FirstSessionDue is 72 hours after the experience, if the date is known.
func (c Client) FirstSessionDue() (time.Time, bool) {
	if c.ExperienceAt == nil {
		return time.Time{}, false
	}
	return c.ExperienceAt.Add(FirstSessionWindow), true
}

// DaysSinceExperience is whole days since the experience at now.
func (c Client) DaysSinceExperience(now time.Time) int {
	if c.ExperienceAt == nil {
		return -1
	}
	return int(now.Sub(*c.ExperienceAt).Hours() / 24)
}
