package app

import (
	"context"
	"fmt"

	"github.com/afterward/afterward/internal/alert"
	"github.com/afterward/afterward/internal/store"
)

// registerAlertSources tells the alert service how to open the records that
// raise alerts from text, so the safety queue can link each alert to what
// raised it (an audited read; see alert.Service.OpenSource).
func (a *App) registerAlertSources() {
	a.Alerts.AddSource("journal_entry", func(ctx context.Context, tx *store.Tx, clientID, id int64) (alert.SourceText, error) {
		e, err := a.Journal.OpenInTx(ctx, tx, clientID, id)
		return alert.SourceText{Title: e.Title, Body: e.Body, At: e.CreatedAt}, err
	})
	a.Alerts.AddSource("message", func(ctx context.Context, tx *store.Tx, clientID, id int64) (alert.SourceText, error) {
		m, err := a.Messages.OpenInTx(ctx, tx, clientID, id)
		return alert.SourceText{Title: "Message from " + m.SenderName, Body: m.Body, At: m.At}, err
	})
	a.Alerts.AddSource("checkin", func(ctx context.Context, tx *store.Tx, clientID, id int64) (alert.SourceText, error) {
		c, err := a.CheckIns.OpenInTx(ctx, tx, clientID, id)
		body := fmt.Sprintf("Mood %d of 5 · anxiety %d of 5 · sleep %d of 5 · connection %d of 5", c.Mood, c.Anxiety, c.Sleep, c.Connection)
		if c.Safe != "" {
			body += "\nFeels safe right now: " + string(c.Safe)
		}
		if c.Note != "" {
			body += "\n\n" + c.Note
		}
		return alert.SourceText{Title: "Check-in", Body: body, At: c.At}, err
	})
	a.Alerts.AddSource("adverse_reaction", func(ctx context.Context, tx *store.Tx, clientID, id int64) (alert.SourceText, error) {
		r, err := a.Adverse.OpenForAlert(ctx, tx, clientID, id)
		body := "What happened: " + r.What + "\n\nResponse: " + r.Response
		if r.FollowUp != "" {
			body += "\n\nFollow-up: " + r.FollowUp
		}
		return alert.SourceText{Title: r.Severity.Label() + " adverse reaction", Body: body, At: r.OccurredAt}, err
	})
	a.Alerts.AddSource("regulated_form", func(ctx context.Context, tx *store.Tx, clientID, id int64) (alert.SourceText, error) {
		f, err := a.Regulated.OpenForAlert(ctx, tx, clientID, id)
		return alert.SourceText{Title: "Signed form", Body: f.Text, At: f.SignedAt}, err
	})
}
