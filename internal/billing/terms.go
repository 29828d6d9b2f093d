package billing

import (
	"context"
	"fmt"
	"time"
)

// Terms are a practice's late-cancellation and no-show fees: the one
// setting (on the billing settings page) that billing charges and that
// every page offering or changing a booking states. They are the
// practice's public terms, so reading them needs no actor.
type Terms struct {
	LateCancelBP int // basis points of the session's price
	NoShowBP     int
}

// Terms returns the practice's fee terms (the defaults before its admin
// saved any).
func (s *Service) Terms(ctx context.Context, practiceID int64) (Terms, error) {
	st, err := loadSettings(ctx, s.reader(), practiceID)
	if err != nil {
		return Terms{}, err
	}
	return Terms{LateCancelBP: st.LateCancelBP, NoShowBP: st.NoShowBP}, nil
}

// Text states the terms for clients, given the cancellation notice: for
// example "Cancelling less than 24 hours before a session costs 50% of its
// fee; a missed session costs 100%."
func (t Terms) Text(notice time.Duration) string {
	window := fmt.Sprintf("%d hours", int(notice.Hours()))
	if notice%time.Hour != 0 {
		window = fmt.Sprintf("%d minutes", int(notice.Minutes()))
	}
	late := "costs nothing"
	if t.LateCancelBP > 0 {
		late = "costs " + FormatPercent(t.LateCancelBP) + " of its fee"
	}
	missed := "costs nothing"
	if t.NoShowBP > 0 {
		missed = "costs " + FormatPercent(t.NoShowBP)
	}
	return "Cancelling less than " + window + " before a session " + late + "; a missed session " + missed + "."
}
