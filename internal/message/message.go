// Package message is secure messaging between a client and their coach:
// one thread per client, read receipts, attachments, and the coach's office
// hours, stated response time and away message. Bodies are sealed by the
// vault; the client's messages pass through the crisis-language scan.
// Messaging is not for emergencies, and every surface that shows a thread
// says so and links to crisis resources.
package message

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/afterward/afterward/internal/attachment"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/safety"
	"github.com/afterward/afterward/internal/store"
)

// RiskScanner passes text a client wrote through the crisis-language scan.
type RiskScanner interface {
	ScanText(ctx context.Context, tx *store.Tx, clientID int64, kind string, id int64, text string) (safety.Level, error)
}

// MaxBody is the longest message, in bytes.
const MaxBody = 10_000

// DefaultResponseTime is shown when the coach has not stated one.
const DefaultResponseTime = "within one working day"

// Message is one message, opened.
type Message struct {
	ID          int64
	ClientID    int64
	SenderID    int64
	SenderName  string
	FromClient  bool
	Body        string
	SafetyLevel safety.Level
	At          time.Time
	ReadAt      *time.Time
	Attachments []attachment.Attachment
}

// Settings are a coach's messaging settings.
type Settings struct {
	CoachID      int64
	CoachName    string
	OfficeHours  string // "Mon–Thu, 9:00–17:00 Pacific"
	ResponseTime string // "within one working day"
	Away         bool
	AwayMessage  string
}

// Normalize trims and fills defaults.
func (st *Settings) Normalize() {
	st.OfficeHours = strings.TrimSpace(st.OfficeHours)
	st.ResponseTime = strings.TrimSpace(st.ResponseTime)
	st.AwayMessage = strings.TrimSpace(st.AwayMessage)
}

// Validate names each wrong field.
func (st Settings) Validate() error {
	v := errs.Validation{}
	v.Check(utf8.RuneCountInString(st.OfficeHours) <= 200, "office_hours", "keep it under 200 characters")
	v.Check(utf8.RuneCountInString(st.ResponseTime) <= 100, "response_time", "keep it under 100 characters")
	v.Check(utf8.RuneCountInString(st.AwayMessage) <= 500, "away_message", "keep it under 500 characters")
	v.Check(!st.Away || st.AwayMessage != "", "away_message", "say when you are back, or turn the away message off")
	return v.Err()
}

// Shown is the response time to show, with the default.
func (st Settings) Shown() string {
	if st.ResponseTime == "" {
		return DefaultResponseTime
	}
	return st.ResponseTime
}

func validateBody(body string, hasFile bool) error {
	v := errs.Validation{}
	v.Check(body != "" || hasFile, "body", "write a message or attach a file")
	v.Check(len(body) <= MaxBody, "body", "this message is too long (at most 10,000 characters)")
	v.Check(utf8.ValidString(body) && !strings.ContainsRune(body, 0), "body", "contains characters we cannot store")
	return v.Err()
}
