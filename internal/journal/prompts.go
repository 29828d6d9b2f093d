package journal

import (
	"context"
	"strconv"
	"strings"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// Prompts lists the library and the practice's own prompts. With a client
// id, Assigned marks the prompts assigned to that client (a read of the
// client's journal plan, so it goes through the policy).
func (s *Service) Prompts(ctx context.Context, actor policy.Actor, clientID int64) ([]Prompt, error) {
	if clientID == 0 {
		return listPrompts(ctx, s.db.Reader(), actor.PracticeID, 0)
	}
	var out []Prompt
	err := s.authorize(ctx, actor, clientID, policy.Read, 0, "prompts", func(tx *store.Tx) error {
		var err error
		out, err = listPrompts(ctx, tx, actor.PracticeID, clientID)
		return err
	})
	return out, err
}

// AddPrompt extends the practice's library (coaches and admins).
func (s *Service) AddPrompt(ctx context.Context, actor policy.Actor, theme Theme, text string) (Prompt, error) {
	if actor.Role != account.Coach && actor.Role != account.Admin {
		return Prompt{}, errs.E(errs.Forbidden, "only coaches add prompts")
	}
	text = strings.TrimSpace(text)
	if err := ValidatePrompt(theme, text); err != nil {
		return Prompt{}, err
	}
	p := Prompt{PracticeID: actor.PracticeID, Theme: theme, Text: text}
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		now := s.stamp()
		var err error
		p.ID, err = store.InsertID(ctx, tx, `INSERT INTO journal_prompts (practice_id, theme, text, created_by, created_at)
			VALUES (?, ?, ?, ?, ?) RETURNING id`, actor.PracticeID, string(theme), text, actor.UserID, now)
		if err != nil {
			return errs.Wrap(err, "adding prompt")
		}
		return audited(ctx, tx, actor, "journal_prompt_add", "journal_prompt", p.ID, now)
	})
	return p, err
}

// Assign suggests a prompt to a client (their coach). Assigning twice is
// not an error.
func (s *Service) Assign(ctx context.Context, actor policy.Actor, clientID, promptID int64) error {
	if actor.Role != account.Coach {
		return errs.E(errs.Forbidden, "only the client's coach assigns prompts")
	}
	return s.authorize(ctx, actor, clientID, policy.Write, 0, "assign_prompt", func(tx *store.Tx) error {
		if err := promptVisible(ctx, tx, actor.PracticeID, promptID); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO journal_prompt_assignments (prompt_id, client_id, assigned_by, assigned_at)
			VALUES (?, ?, ?, ?) ON CONFLICT (prompt_id, client_id) DO NOTHING`, promptID, clientID, actor.UserID, s.stamp())
		return errs.Wrap(err, "assigning prompt")
	})
}

func itoa(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}
