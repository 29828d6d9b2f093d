package demo

import (
	"time"

	"github.com/afterward/afterward/internal/account"
)

// careTeam: Elena shares attendance, scores and summaries with her therapist, Dr.
// Green; Aisha shared her journal once and then stopped.
func (s *seeder) careTeam() error {
	clinician := s.staffIDs[4]
	elena, aisha := s.clientIDs["elena@client.example.org"], s.clientIDs["aisha@client.example.org"]
	grant := func(client int64, purpose string, revoked *time.Time, cats ...string) error {
		id, err := insertID(s, `INSERT INTO consents (client_id, recipient_id, purpose, starts_at, revoked_at, created_at)
			VALUES (?, ?, '', ?, ?, ?) RETURNING id`, client, clinician, s.now.Add(-12*time.Hour), revoked, s.now.Add(-12*time.Hour))
		if err != nil {
			return err
		}
		if err := s.svc.Vault.SealInto(s.ctx, s.tx, client, "consents", id, map[string][]byte{"purpose_sealed": []byte(purpose)}); err != nil {
			return err
		}
		for _, c := range cats {
			if _, err := s.tx.Exec(s.ctx, `INSERT INTO consent_categories (consent_id, category) VALUES (?, ?)`, id, c); err != nil {
				return err
			}
		}
		return nil
	}
	if err := grant(elena, "Coordinating care with my therapist", nil, "attendance", "scores", "summaries"); err != nil {
		return err
	}
	stopped := s.now.Add(-2 * time.Hour)
	if err := grant(aisha, "Sharing one reflection before our next appointment", &stopped, "journal"); err != nil {
		return err
	}
	return s.clientInvitedClinician()
}

// clientInvitedClinician: Sofia invited her own psychiatrist; until Maya
// verifies the account on the Accounts page, only Sofia is offered it.
func (s *seeder) clientInvitedClinician() error {
	sofia := s.clientIDs["sofia@client.example.org"]
	at := s.now.Add(-26 * time.Hour)
	u, err := s.user(person{account.Clinician, "Dr. Luca Bianchi", "luca.bianchi@psichiatria.example.org", "Europe/Rome"})
	if err != nil {
		return err
	}
	if _, err := s.tx.Exec(s.ctx, `UPDATE users SET verified_at = NULL WHERE id = ?`, u.ID); err != nil {
		return err
	}
	_, err = insertID(s, `INSERT INTO invitations (practice_id, token_hash, email, name, role, invited_by, created_at, expires_at, accepted_at, user_id)
		VALUES (?, ?, ?, 'Dr. Luca Bianchi', 'clinician', ?, ?, ?, ?, ?) RETURNING id`,
		s.practice.ID, "demo-accepted-invitation-luca", u.Email, sofia, at, at.Add(7*24*time.Hour), at.Add(time.Hour), u.ID)
	return err
}
