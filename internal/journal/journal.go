// Package journal is the client's private journal: entries written in
// simple Markdown (rendered, then sanitised, before anyone sees them), a
// library of integration prompts grouped by theme that coaches can extend
// and assign, per-entry sharing with the coach (revocable), and attachments
// (drawings, photos, short audio or video notes) kept encrypted in the blob
// store.
//
// Entries are private by default. A coach — and a clinician the client gave
// consent for the journal category — sees an entry only while it is shared.
// Titles, bodies and attachment bytes are sealed by the vault; the database
// holds ids, times, the safety level and the sharing state in the clear.
//
// Saving is idempotent per entry key: the form carries a key made when it
// was shown, so a resubmission after a dropped connection or a restarted
// server updates the same entry instead of writing it twice.
package journal

import (
	"context"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/afterward/afterward/internal/attachment"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/safety"
	"github.com/afterward/afterward/internal/store"
)

// RiskScanner passes text a client wrote through the crisis-language scan
// (and, once the alert service is wired, raises an alert for the coach).
type RiskScanner interface {
	ScanText(ctx context.Context, tx *store.Tx, clientID int64, kind string, id int64, text string) (safety.Level, error)
	// RaiseScanned raises the alert for a scan already run (outside the
	// transaction: the scan is CPU work the single writer need not wait
	// for) and returns its level.
	RaiseScanned(ctx context.Context, tx *store.Tx, clientID int64, kind string, id int64, res safety.Result) (safety.Level, error)
}

// Theme groups prompts.
type Theme string

// Themes of the prompt library, in the order they are shown.
const (
	ThemeExperience    Theme = "experience"
	ThemeEmotions      Theme = "emotions"
	ThemeBody          Theme = "body"
	ThemeRelationships Theme = "relationships"
	ThemeWorkPurpose   Theme = "work_purpose"
	ThemeHabits        Theme = "habits"
	ThemeMeaning       Theme = "meaning"
)

// Themes lists every theme in display order.
var Themes = []Theme{ThemeExperience, ThemeEmotions, ThemeBody, ThemeRelationships, ThemeWorkPurpose, ThemeHabits, ThemeMeaning}

var themeLabels = map[Theme]string{
	ThemeExperience: "The experience itself", ThemeEmotions: "Emotions", ThemeBody: "Body",
	ThemeRelationships: "Relationships", ThemeWorkPurpose: "Work and purpose", ThemeHabits: "Habits", ThemeMeaning: "Meaning",
}

// Label is the theme's heading.
func (t Theme) Label() string { return themeLabels[t] }

// Valid reports whether t is a known theme.
func (t Theme) Valid() bool { _, ok := themeLabels[t]; return ok }

// Prompt is one journaling prompt. PracticeID 0 = the shipped library.
type Prompt struct {
	ID         int64
	PracticeID int64
	Theme      Theme
	Text       string
	Assigned   bool // assigned to the client the list was made for
}

// Limits on what a client writes.
const (
	MaxTitle      = 200
	MaxBody       = 50_000
	MaxPromptText = 500
	keyMin        = 16
	keyMax        = 64
)

// Status of an entry: drafts are autosaved and not yet submitted.
type Status string

const (
	Draft Status = "draft"
	Saved Status = "saved"
)

// Entry is a journal entry, opened.
type Entry struct {
	ID          int64
	ClientID    int64
	Key         string
	PromptID    int64
	PromptText  string
	Status      Status
	Title, Body string
	SafetyLevel safety.Level
	SharedAt    *time.Time
	CreatedAt   time.Time
	UpdatedAt   time.Time
	Attachments []attachment.Attachment
}

// Shared reports whether the coach can see the entry.
func (e Entry) Shared() bool { return e.SharedAt != nil }

// Input is what a client submits.
type Input struct {
	Key      string // from the form; see the package doc
	PromptID int64  // 0 = no prompt
	Title    string
	Body     string
	Draft    bool // an autosave, not a submission
}

var keyPattern = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// ValidKey reports whether an entry key is well formed.
func ValidKey(k string) bool {
	return len(k) >= keyMin && len(k) <= keyMax && keyPattern.MatchString(k)
}

// Normalize trims the input and turns CRLF into LF.
func (in *Input) Normalize() {
	in.Key = strings.TrimSpace(in.Key)
	in.Title = strings.TrimSpace(in.Title)
	in.Body = strings.TrimSpace(strings.ReplaceAll(in.Body, "\r\n", "\n"))
}

// Validate names each field that is wrong.
func (in Input) Validate() error {
	v := errs.Validation{}
	v.Check(ValidKey(in.Key), "key", "this form has expired; reload the page (your text is kept)")
	v.Check(utf8.ValidString(in.Title) && utf8.RuneCountInString(in.Title) <= MaxTitle, "title", "keep the title under 200 characters")
	v.Check(utf8.ValidString(in.Body), "body", "contains characters we cannot store")
	v.Check(len(in.Body) <= MaxBody, "body", "this entry is too long; split it into two (at most 50,000 characters)")
	v.Check(in.Draft || in.Body != "", "body", "write something before saving")
	v.Check(!strings.ContainsRune(in.Title+in.Body, 0), "body", "contains characters we cannot store")
	v.Check(in.PromptID >= 0, "prompt_id", "unknown prompt")
	return v.Err()
}

// ValidatePrompt checks a coach's new prompt.
func ValidatePrompt(theme Theme, text string) error {
	v := errs.Validation{}
	v.Check(theme.Valid(), "theme", "choose a theme")
	text = strings.TrimSpace(text)
	v.Check(text != "", "text", "write the prompt")
	v.Check(utf8.RuneCountInString(text) <= MaxPromptText, "text", "keep the prompt under 500 characters")
	return v.Err()
}
