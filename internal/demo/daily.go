package demo

// contacts: most active clients have given a phone number and an emergency
// contact, so the coach's client chart has them; Sofia has not yet.
func (s *seeder) contacts() error {
	rows := []struct{ email, phone, name, relation, emergency string }{
		{"elena@client.example.org", "+1 415 555 0142", "Mara Marsh", "sister", "+1 415 555 0199"},
		{"david@client.example.org", "+1 212 555 0117", "Lin Chen", "partner", "+1 212 555 0180"},
		{"aisha@client.example.org", "+1 312 555 0163", "Yusuf Rahman", "husband", "+1 312 555 0107"},
		{"tom@client.example.org", "+1 303 555 0121", "Anna Becker", "mother", "+1 303 555 0154"},
		{"grace@client.example.org", "+1 510 555 0138", "", "", ""},
	}
	for _, r := range rows {
		_, err := s.tx.Exec(s.ctx, `INSERT INTO client_contacts (client_id, phone, emergency_name, emergency_relation, emergency_phone, updated_at)
			VALUES (?, ?, ?, ?, ?, ?)`, s.clientIDs[r.email], r.phone, r.name, r.relation, r.emergency, s.now)
		if err != nil {
			return err
		}
	}
	return nil
}
