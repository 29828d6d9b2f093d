package privacy

import (
	"context"
	"database/sql"
	"time"

	"github.com/afterward/afterward/internal/audit"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

// AccountExporter exports the client's account and care record.
type AccountExporter struct{}

func (AccountExporter) ExportSection() string { return "account" }

type accountExport struct {
	Name         string     `json:"name"`
	Email        string     `json:"email"`
	TimeZone     string     `json:"time_zone"`
	CreatedAt    time.Time  `json:"created_at"`
	Stage        string     `json:"stage"`
	ExperienceAt *time.Time `json:"experience_at"`
	Substance    string     `json:"substance"`
	Context      string     `json:"context"`
	CoachName    string     `json:"coach_name,omitempty"`
}

func (AccountExporter) Export(ctx context.Context, tx *store.Tx, clientID int64) (any, error) {
	var e accountExport
	var exp sql.NullTime
	err := tx.QueryRow(ctx, `SELECT u.name, u.email, u.time_zone, u.created_at, c.stage, c.experience_at, c.substance, c.context, COALESCE(co.name, '')
		FROM users u JOIN clients c ON c.user_id = u.id LEFT JOIN users co ON co.id = c.coach_id WHERE u.id = ?`, clientID).
		Scan(&e.Name, &e.Email, &e.TimeZone, &e.CreatedAt, &e.Stage, &exp, &e.Substance, &e.Context, &e.CoachName)
	if err != nil {
		return nil, store.NotFound(err, "client")
	}
	if exp.Valid {
		t := exp.Time.UTC()
		e.ExperienceAt = &t
	}
	return e, nil
}

// AccessExporter exports the access history.
type AccessExporter struct{}

func (AccessExporter) ExportSection() string { return "access_history" }

type accessExport struct {
	At       time.Time `json:"at"`
	ActorID  int64     `json:"actor_id"`
	Role     string    `json:"actor_role"`
	Action   string    `json:"action"`
	Resource string    `json:"resource"`
	Outcome  string    `json:"outcome"`
}

func (AccessExporter) Export(ctx context.Context, tx *store.Tx, clientID int64) (any, error) {
	events, err := audit.ListForClient(ctx, tx, clientID, 500)
	if err != nil {
		return nil, errs.Wrap(err, "exporting access history")
	}
	out := make([]accessExport, 0, len(events))
	for _, e := range events {
		out = append(out, accessExport{e.At, e.ActorID, e.ActorRole, e.Action, e.ResourceType, e.Outcome})
	}
	return out, nil
}
