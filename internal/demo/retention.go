package demo

import (
	"time"

	"github.com/afterward/afterward/internal/practice"
)

// pastRetention adds a client whose coaching ended more than five years
// ago, so the admin's Retention page has a record past its retention
// period to destroy (and, once destroyed, a certificate to show).
func (s *seeder) pastRetention() error {
	c := demoClient{"Ruth Ellison", "ruth@client.example.org", "America/Los_Angeles", 1, practice.StageCompleted, 0, "psilocybin", "legal_service"}
	if err := s.client(c); err != nil {
		return err
	}
	id := s.clientIDs[c.email]
	opened := s.now.AddDate(-6, -4, 0).Truncate(time.Hour)
	last := s.now.AddDate(-5, -3, 0).Truncate(time.Hour)
	if _, err := s.tx.Exec(s.ctx, `UPDATE users SET created_at = ?, disabled_at = ? WHERE id = ?`, opened, last.Add(30*24*time.Hour), id); err != nil {
		return err
	}
	if _, err := s.tx.Exec(s.ctx, `UPDATE clients SET created_at = ? WHERE user_id = ?`, opened, id); err != nil {
		return err
	}
	_, err := insertID(s, `INSERT INTO appointments (uid, practice_id, coach_id, client_id, starts_at, minutes, format, location, status, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, 60, 'video', 'https://meet.example.org/riverbend-jonah', 'held', ?, ?) RETURNING id`,
		"demo-ruth-last-session@riverbend", s.practice.ID, s.staffIDs[1], id, last, last.Add(-7*24*time.Hour), last)
	return err
}
