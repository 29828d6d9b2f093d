// Package checkin is the client's 30-second check-in: mood, anxiety, sleep
// and connection on simple 1–5 scales, and one optional line of text,
// daily or weekly. The line is sealed by the vault and passes through the
// crisis-language scan; the scales are plain so trends can be charted.
package checkin

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/safety"
	"github.com/afterward/afterward/internal/store"
)

// RiskScanner passes text a client wrote through the crisis-language scan,
// and raises the check-in's structured safety signals.
type RiskScanner interface {
	ScanText(ctx context.Context, tx *store.Tx, clientID int64, kind string, id int64, text string) (safety.Level, error)
	Signal(ctx context.Context, tx *store.Tx, clientID, checkinID int64, sig Signal) error
}

// Signal is a safety signal a check-in raises without reading any text.
type Signal string

const (
	// NotSafe: the client answered "No" to "Do you feel safe right now?"
	// (an urgent alert).
	NotSafe Signal = "not_safe"
	// LowMood: the lowest mood score on LowMoodDays days running (a
	// concern alert, raised once while it stays open).
	LowMood Signal = "low_mood"
)

// The low-mood rule: a mood of LowestMood (1, "very low") as the lowest
// mood of each of LowMoodDays consecutive calendar days in the client's
// time zone, ending today. A single bad day is ordinary after a hard
// experience; three in a row is worth a coach's call. Days without a
// check-in break the run, so the rule never guesses.
const (
	LowestMood  Scale = 1
	LowMoodDays int   = 3
)

// Safe is the answer to "Do you feel safe right now?".
type Safe string

const (
	SafeUnanswered Safe = ""
	SafeYes        Safe = "yes"
	SafeNo         Safe = "no"
)

// Cadence is how often the client checks in.
type Cadence string

const (
	Daily  Cadence = "daily"
	Weekly Cadence = "weekly"
)

// MaxNote is the one line of text, in characters.
const MaxNote = 280

// Scale is a 1–5 answer; for anxiety higher means more anxious, for the
// others higher means better.
type Scale int

// Input is one check-in as submitted.
type Input struct {
	Cadence                          Cadence
	Mood, Anxiety, Sleep, Connection Scale
	Note                             string
	// Safe is optional; "no" raises an urgent alert at once.
	Safe Safe
}

// CheckIn is a stored check-in, opened.
type CheckIn struct {
	ID       int64
	ClientID int64
	Input
	SafetyLevel safety.Level
	At          time.Time
}

// Normalize trims the note to one line.
func (in *Input) Normalize() {
	in.Note = strings.Join(strings.Fields(in.Note), " ")
	if in.Cadence == "" {
		in.Cadence = Daily
	}
}

// Validate names each wrong field.
func (in Input) Validate() error {
	v := errs.Validation{}
	v.Check(in.Cadence == Daily || in.Cadence == Weekly, "cadence", "choose daily or weekly")
	for name, s := range map[string]Scale{"mood": in.Mood, "anxiety": in.Anxiety, "sleep": in.Sleep, "connection": in.Connection} {
		v.Check(s >= 1 && s <= 5, name, "choose a number from 1 to 5")
	}
	v.Check(utf8.ValidString(in.Note) && !strings.ContainsRune(in.Note, 0), "note", "contains characters we cannot store")
	v.Check(utf8.RuneCountInString(in.Note) <= MaxNote, "note", "keep it to one line (280 characters)")
	v.Check(in.Safe == SafeUnanswered || in.Safe == SafeYes || in.Safe == SafeNo, "safe", "choose yes or no, or leave it unanswered")
	return v.Err()
}

// Point is one value of one measure on a chart.
type Point struct {
	At    time.Time
	Value int
}

// Series is one measure over time, oldest first.
type Series struct {
	Name   string // "Mood"
	Key    string // "mood"
	Points []Point
}

// Trend turns check-ins (any order) into one series per scale, oldest
// first.
func Trend(cs []CheckIn) []Series {
	out := []Series{{Name: "Mood", Key: "mood"}, {Name: "Anxiety", Key: "anxiety"}, {Name: "Sleep", Key: "sleep"}, {Name: "Connection", Key: "connection"}}
	for i := len(cs) - 1; i >= 0; i-- {
		c := cs[i]
		for j, v := range []Scale{c.Mood, c.Anxiety, c.Sleep, c.Connection} {
			out[j].Points = append(out[j].Points, Point{At: c.At, Value: int(v)})
		}
	}
	return out
}
