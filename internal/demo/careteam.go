package demo

import "time"

// careTeam: Elena shares attendance, scores and summaries with her therapist, Dr.
// Green; Aisha shared her journal once and then stopped.
func (s *seeder) careTeam() error {
	clinician := s.staffIDs[4]
	elena, aisha := s.clientIDs["elena@client.example.org"], s.clientIDs["aisha@client.example.org"]
	grant := func(client int64, purpose string, revoked *time.Time, cats ...string) error {
		id, err := insertID(s, `INSERT INTO consents (client_id, recipient_id, purpose, starts_at, revoked_at, created_at)
			VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, client, clinician, purpose, s.now.Add(-12*time.Hour), revoked, s.now.Add(-12*time.Hour))
		if err != nil {
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
	return grant(aisha, "Sharing one reflection before our next appointment", &stopped, "journal")
}
