package note

import (
	"context"
	"encoding/json"
	"strings"
	"unicode/utf8"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// Template is a practice's prompts for a session note, section by section.
// They are shown as placeholders in the empty fields, never saved as the
// note's text: a note is only what the coach wrote, so an untouched
// template cannot be signed.
type Template struct {
	ID       int64
	Name     string
	Sections Sections
}

// Templates lists the templates of the actor's practice, by name.
func (s *Service) Templates(ctx context.Context, a policy.Actor) ([]Template, error) {
	if a.Role != account.Coach && a.Role != account.Admin {
		return nil, nil
	}
	rows, err := s.reader().Query(ctx, `SELECT id, name, sections FROM note_templates WHERE practice_id = ? ORDER BY name, id`, a.PracticeID)
	if err != nil {
		return nil, errs.Wrap(err, "reading note templates")
	}
	defer rows.Close()
	var out []Template
	for rows.Next() {
		var t Template
		var js string
		if err := rows.Scan(&t.ID, &t.Name, &js); err != nil {
			return nil, errs.Wrap(err, "reading note templates")
		}
		if err := json.Unmarshal([]byte(js), &t.Sections); err != nil {
			return nil, errs.Wrap(err, "reading note templates")
		}
		out = append(out, t)
	}
	return out, errs.Wrap(rows.Err(), "reading note templates")
}

// AddTemplate adds a template to the practice (admins only).
func (s *Service) AddTemplate(ctx context.Context, a policy.Actor, t Template) (int64, error) {
	if a.Role != account.Admin {
		return 0, errs.E(errs.Forbidden, "the practice admin manages note templates")
	}
	t.Name = strings.Join(strings.Fields(t.Name), " ")
	v := errs.Validation{}
	v.Check(t.Name != "" && utf8.RuneCountInString(t.Name) <= 80, "name", "name the template (up to 80 characters)")
	if err := t.Sections.Validate(); err != nil {
		return 0, err
	}
	v.Check(!t.Sections.Empty(), "processing", "write a prompt in at least one section")
	if err := v.Err(); err != nil {
		return 0, err
	}
	js, err := json.Marshal(t.Sections)
	if err != nil {
		return 0, errs.Wrap(err, "saving the template")
	}
	var id int64
	err = store.Scope{DB: s.db, Tx: s.tx}.InTx(ctx, func(tx *store.Tx) error {
		id, err = store.InsertID(ctx, tx, `INSERT INTO note_templates (practice_id, name, sections, created_by, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id`,
			a.PracticeID, t.Name, string(js), a.UserID, s.now().UTC())
		if store.IsUniqueViolation(err) {
			return errs.Validation{"name": "the practice already has a template with this name"}.Err()
		}
		return errs.Wrap(err, "saving the template")
	})
	return id, err
}
