// Package note keeps the coach's structured note for each session, in the
// four parts of the integration model — processing the experience,
// connecting insights to patterns, implementing changes, creative
// expression — plus free notes and a section private to the coach. There
// are no diagnosis fields: coaching is not clinical care, and the template
// asks the coach to refer out when clinical issues come up.
//
// Every save is a new version, so amendments never overwrite the original.
// The coach signs a note off; a note is locked once signed or 7 days after
// the session, and from then on changes only by a dated amendment with a
// reason. Bodies are sealed before they reach the database.
package note

import (
	"strings"
	"time"

	"github.com/afterward/afterward/internal/errs"
)

// LockAfter is how long after a session its note stays editable.
const LockAfter = 7 * 24 * time.Hour

// OverdueAfter is when an unsigned note of a held session counts as overdue.
const OverdueAfter = 24 * time.Hour

// Sections is the body of a note.
type Sections struct {
	Processing   string `json:"processing"`   // the experience: visions, emotions, insights
	Patterns     string `json:"patterns"`     // connecting insights to patterns in daily life
	Implementing string `json:"implementing"` // practical support for changes
	Creative     string `json:"creative"`     // journaling, art, movement
	Free         string `json:"free"`
	Private      string `json:"private"` // the coach's own; never shown to anyone else
}

// Validate trims and checks the sections.
func (s *Sections) Validate() error {
	v := errs.Validation{}
	for name, p := range map[string]*string{"processing": &s.Processing, "patterns": &s.Patterns, "implementing": &s.Implementing,
		"creative": &s.Creative, "free": &s.Free, "private": &s.Private} {
		*p = strings.TrimSpace(*p)
		v.Check(len(*p) <= 20000, name, "use at most 20000 characters")
	}
	return v.Err()
}

// Empty reports whether every section is blank (after Validate trims).
func (s Sections) Empty() bool {
	return s.Processing == "" && s.Patterns == "" && s.Implementing == "" && s.Creative == "" && s.Free == "" && s.Private == ""
}

// Kind of a version.
type Kind string

const (
	Draft     Kind = "draft"
	Signed    Kind = "signed"
	Amendment Kind = "amendment"
)

// Version is one saved state of a note.
type Version struct {
	Number    int
	Kind      Kind
	Reason    string
	Author    string
	CreatedAt time.Time
	Sections  Sections
}

// Note is a session's note with its history.
type Note struct {
	ID            int64
	AppointmentID int64
	ClientID      int64
	CoachID       int64
	SignedAt      *time.Time
	Locked        bool
	Current       Sections
	Versions      []Version  // oldest first
	Addenda       []Addendum // the client's, beside the note; oldest first
}

// Overdue is a held session whose note is not signed yet.
type Overdue struct {
	AppointmentID int64
	ClientName    string
	SessionAt     time.Time
}
