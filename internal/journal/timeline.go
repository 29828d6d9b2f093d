package journal

import (
	"context"

	"github.com/afterward/afterward/internal/progress"
	"github.com/afterward/afterward/internal/store"
)

// Timeline is the journal's progress.TimelineSource: one content-free event
// per saved entry (whether it was shared, never what it says).
func (s *Service) Timeline(ctx context.Context, tx *store.Tx, clientID int64) ([]progress.Event, error) {
	rows, err := listTimeline(ctx, tx, clientID)
	if err != nil {
		return nil, err
	}
	out := make([]progress.Event, 0, len(rows))
	for _, e := range rows {
		detail := "Private"
		if e.Shared {
			detail = "Shared with your coach"
		}
		if e.WithPrompt {
			detail += " · written with a prompt"
		}
		out = append(out, progress.Event{At: e.CreatedAt, Kind: progress.JournalEntry, Title: "Journal entry", Detail: detail, Link: "/journal/" + itoa(e.ID)})
	}
	return out, nil
}
