// Package policy answers one question for every page, API route, export,
// feed and email: may this actor do this to this client's data? Rules:
//
//   - a client sees only their own records;
//   - a coach sees only the clients assigned to them, in their practice;
//   - a clinician sees only the categories a client has shared with them,
//     while that consent is active;
//   - an admin manages accounts, assignments and billing in their practice,
//     but reads clinical content only through audited, time-limited
//     break-glass access.
//
// Deny by default. Someone else's record answers NotFound, never Forbidden,
// so ids cannot be probed for existence.
package policy

import (
	"github.com/afterward/afterward/internal/account"
)

// Actor is who is asking.
type Actor struct {
	UserID     int64
	PracticeID int64
	Role       account.Role
}

// ActorOf is the actor for a signed-in account.
func ActorOf(u account.User) Actor {
	return Actor{UserID: u.ID, PracticeID: u.PracticeID, Role: u.Role}
}

// Category is a kind of client data; consent and break-glass are granted
// per category.
type Category string

const (
	Roster       Category = "roster"     // name, stage, coach assignment, contact
	Attendance   Category = "attendance" // sessions booked and held
	Scores       Category = "scores"     // questionnaire scores and charts
	Summaries    Category = "summaries"  // coach-to-clinician summaries the client approved
	SafetyAlerts Category = "safety_alerts"
	Journal      Category = "journal"   // entries the client chose to share
	CheckIns     Category = "check_ins" // check-in ratings and the line written with them
	Intake       Category = "intake"    // screening answers
	Notes        Category = "notes"     // session notes
	Messages     Category = "messages"  // client–coach messages
	Plan         Category = "plan"      // integration plan, intentions, actions
	Billing      Category = "billing"
	Agreements   Category = "agreements" // signed coaching agreements (the practice's terms, signed)
	Adverse      Category = "adverse_reactions"
	Regulated    Category = "regulated_records" // Oregon/Colorado forms and the regulated session log
)

// Clinical categories are never visible to admins without break-glass.
func (c Category) Clinical() bool {
	switch c {
	case Roster, Attendance, Billing, Agreements:
		return false
	}
	return true
}

// Shareable lists what a client can share with a clinician.
var Shareable = []Category{Attendance, Scores, Summaries, SafetyAlerts, Journal, CheckIns}

// Action is what the actor wants to do.
type Action string

const (
	Read  Action = "read"
	Write Action = "write"
)
