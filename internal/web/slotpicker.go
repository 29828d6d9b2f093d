package web

import (
	"net/http"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/coach"
	"github.com/afterward/afterward/internal/policy"
)

// slotDay is one day of open start times, in the viewer's time zone: the
// slot picker shows days as groups of buttons rather than one long list.
type slotDay struct {
	Label  string
	Slots  []timeOption
	Chosen bool // one of its slots is selected (a later day opens)
}

// slotDays groups open times by the viewer's calendar day; each slot's
// label is the time of day only (the day is the group's heading).
func slotDays(times []time.Time, tz, selected string) []slotDay {
	loc := location(tz)
	var out []slotDay
	for _, t := range times {
		local := t.In(loc)
		day := local.Format("Monday 2 January")
		if len(out) == 0 || out[len(out)-1].Label != day {
			out = append(out, slotDay{Label: day})
		}
		v := t.UTC().Format(time.RFC3339)
		d := &out[len(out)-1]
		d.Slots = append(d.Slots, timeOption{Value: v, Label: local.Format("15:04"), Selected: v == selected})
		d.Chosen = d.Chosen || v == selected
	}
	return out
}

// bookingTerms is what a client sees before choosing a time: how long,
// how, how much, and what cancelling costs.
type bookingTerms struct {
	Lengths []string // "60", "90"
	Formats []string // "video", "in_person"
	Fee     string
	Sliding string
	Policy  string
}

// termsFor reads the client's coach's lengths, formats and fee and the
// practice's cancellation terms (billing's one fee setting). Missing coach
// details fall back to the usual 60 or 90 minutes by video or in person.
func (s *Server) termsFor(r *http.Request, u account.User) (bookingTerms, error) {
	t := bookingTerms{Lengths: []string{"60", "90"}, Formats: []string{"video", "in_person"}}
	var err error
	if t.Policy, err = s.cancellationTerms(r, u.PracticeID); err != nil {
		return t, err
	}
	ctx := r.Context()
	c, err := s.People.Practices.Client(ctx, policy.ActorOf(u), u.ID)
	if err != nil || c.CoachID == 0 {
		return t, err
	}
	prof, err := s.Coaching.Coaches.Public(ctx, c.CoachID)
	if err != nil {
		return t, nil // a coach without a public profile: the defaults stand
	}
	t.Fee = coach.Money(prof.FeeMinor, prof.Currency) + " per session"
	if prof.Sliding.Spots > 0 {
		t.Sliding = "Sliding scale from " + coach.Money(prof.Sliding.MinMinor, prof.Currency) + ": ask your coach."
	}
	if len(prof.Lengths) > 0 {
		t.Lengths = prof.Lengths
	}
	if len(prof.Formats) > 0 {
		t.Formats = prof.Formats
	}
	return t, nil
}
