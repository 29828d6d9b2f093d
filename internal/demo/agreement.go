package demo

import (
	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/practice"
	"github.com/afterward/afterward/internal/store"
)

// unsignedClient has not signed the coaching agreement yet: her sessions
// page asks her to sign before booking, and booking for her is refused.
const unsignedClient = "grace@client.example.org"

// agreements has every other client who has an account sign the
// practice's coaching agreement, through the agreement service as they
// would in the browser (after the roster and fees are committed, so the
// text signed states the practice's real fees).
func (s *seeder) agreements() error {
	if s.svc.Agreements == nil {
		return nil
	}
	var practiceID int64
	if err := s.db.Reader().QueryRow(s.ctx, `SELECT id FROM practices WHERE slug = ?`, Slug).Scan(&practiceID); err != nil {
		return store.NotFound(err, "demo practice")
	}
	doc, err := s.svc.Agreements.Current(s.ctx, practiceID)
	if err != nil {
		return err
	}
	for _, c := range clients {
		if c.email == unsignedClient || c.stage == practice.StageInvited {
			continue
		}
		var id int64
		if err := s.db.Reader().QueryRow(s.ctx, `SELECT id FROM users WHERE email = ?`, c.email).Scan(&id); err != nil {
			return errs.Wrap(err, "finding a demo client")
		}
		a := s.actor(id, account.Client)
		a.PracticeID = practiceID
		if _, err := s.svc.Agreements.Sign(s.ctx, a, doc.Version, c.name, doc.Hash); err != nil {
			return err
		}
	}
	return nil
}
