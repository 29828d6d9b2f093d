// Package careteam lets a client share parts of their record with the
// clinicians who care for them — a therapist, psychiatrist, physician or
// dietitian — and take it back. Consent is per recipient and per category,
// with a purpose and an end date; revocation takes effect at once because
// every read asks the policy, which reads these rows.
package careteam

import (
	"strings"
	"time"

	"github.com/afterward/afterward/internal/dates"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
)

// Consent is one grant from a client to a recipient.
type Consent struct {
	ID            int64
	ClientID      int64
	ClientName    string
	RecipientID   int64
	RecipientName string
	Categories    []policy.Category
	Purpose       string
	StartsAt      time.Time
	EndsAt        *time.Time
	RevokedAt     *time.Time

	sealedPurpose []byte
}

// Active reports whether the consent allows reads at now.
func (c Consent) Active(now time.Time) bool {
	return c.RevokedAt == nil && !c.StartsAt.After(now) && (c.EndsAt == nil || c.EndsAt.After(now))
}

// Has reports whether the consent covers category cat.
func (c Consent) Has(cat policy.Category) bool {
	for _, x := range c.Categories {
		if x == cat {
			return true
		}
	}
	return false
}

// Grant is the client's form.
type Grant struct {
	RecipientID int64
	Categories  []policy.Category
	Purpose     string
	EndsOn      string // YYYY-MM-DD in the client's time zone; empty = until revoked
}

// CategoryLabels names each shareable category for people.
var CategoryLabels = map[policy.Category]string{
	policy.Attendance:   "Attendance: which sessions were booked and held",
	policy.Scores:       "Questionnaire scores and charts",
	policy.Summaries:    "Summaries your coach wrote and you approved",
	policy.SafetyAlerts: "Safety alerts",
	policy.Journal:      "Journal entries you choose to share",
	policy.CheckIns:     "Check-ins: your daily ratings and the line you wrote with them",
}

// ClinicianLabels name the categories for the clinician reading them
// (CategoryLabels speak to the client who shares).
var ClinicianLabels = map[policy.Category]string{
	policy.Attendance:   "Sessions: booked, held and missed",
	policy.Scores:       "Questionnaire scores",
	policy.Summaries:    "Care summaries by the coach, approved by the client",
	policy.SafetyAlerts: "Safety alerts raised and how they were closed",
	policy.Journal:      "Journal entries the client shared",
}

// Validate checks the grant and returns the end time in UTC.
func (g *Grant) Validate(tz string, now time.Time) (*time.Time, error) {
	v := errs.Validation{}
	g.Purpose = strings.TrimSpace(g.Purpose)
	v.Check(g.RecipientID > 0, "recipient", "choose who to share with")
	v.Check(len(g.Categories) > 0, "categories", "choose at least one thing to share")
	for _, c := range g.Categories {
		if _, ok := CategoryLabels[c]; !ok {
			v.Add("categories", "choose from the listed categories")
		}
	}
	v.Check(g.Purpose != "", "purpose", "say why you are sharing, for example “coordinating care with my therapist”")
	v.Check(len(g.Purpose) <= 300, "purpose", "use at most 300 characters")
	var ends *time.Time
	if g.EndsOn != "" {
		loc, err := time.LoadLocation(tz)
		if err != nil {
			loc = time.UTC
		}
		d, err := time.ParseInLocation("2006-01-02", g.EndsOn, loc)
		switch {
		case err != nil:
			v.Add("ends_on", "enter a date like 2027-03-31")
		case !d.After(now):
			v.Add("ends_on", "choose a date in the future")
		case !dates.Near(d, now):
			v.Add("ends_on", dates.NearMessage)
		default:
			end := d.AddDate(0, 0, 1).UTC() // through the end of that day
			ends = &end
		}
	}
	return ends, v.Err()
}
