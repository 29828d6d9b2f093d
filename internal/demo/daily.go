package demo

import (
	"encoding/json"
	"time"
)

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
	// Grace holds emails overnight (quiet hours 22:00–07:00 in her zone)
	// and does not want questionnaire reminders by email.
	if _, err := s.tx.Exec(s.ctx, `INSERT INTO notify_prefs (user_id, muted, quiet_start, quiet_end, updated_at) VALUES (?, 'questionnaires', ?, ?, ?)`,
		s.clientIDs["grace@client.example.org"], 22*60, 7*60, s.now); err != nil {
		return err
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

// teamThread: Dr. Green and Jonah have written to each other about Elena,
// who shares her record with Dr. Green.
func (s *seeder) teamThread() error {
	if s.svc.Sealer == nil {
		return nil
	}
	elena, jonah, rachel := s.clientIDs["elena@client.example.org"], s.staffIDs[1], s.staffIDs[4]
	for _, m := range []struct {
		from int64
		ago  time.Duration
		text string
	}{
		{rachel, 10 * time.Hour, "Elena mentioned in our session that sleep has been hard since the retreat. Is this coming up with you too?"},
		{jonah, 8 * time.Hour, "Yes, a little. We agreed on a wind-down routine; I will let you know if it does not settle within two weeks."},
	} {
		id, err := insertID(s, `INSERT INTO care_team_messages (client_id, clinician_id, sender_id, created_at) VALUES (?, ?, ?, ?) RETURNING id`,
			elena, rachel, m.from, s.now.Add(-m.ago))
		if err != nil {
			return err
		}
		if err := s.svc.Sealer.SealInto(s.ctx, s.tx, elena, "care_team_messages", id, map[string][]byte{"body": []byte(m.text)}); err != nil {
			return err
		}
	}
	return nil
}

// noteTemplates: the practice's prompts for first and follow-up sessions.
func (s *seeder) noteTemplates() error {
	for _, t := range []struct{ name, processing, patterns, implementing string }{
		{"First session after the experience", "What stood out most? Body, emotions, images, insights.", "Where does this meet daily life or old patterns?", "One small step agreed for this week."},
		{"Follow-up session", "What has stayed with them since last time?", "What changed, and what got in the way?", "Next step, and when we check in on it."},
	} {
		js := `{"processing":` + quote(t.processing) + `,"patterns":` + quote(t.patterns) + `,"implementing":` + quote(t.implementing) + `}`
		if _, err := s.tx.Exec(s.ctx, `INSERT INTO note_templates (practice_id, name, sections, created_by, created_at) VALUES (?, ?, ?, ?, ?)`,
			s.practice.ID, t.name, js, s.staffIDs[0], s.now); err != nil {
			return err
		}
	}
	return nil
}

func quote(s string) string { b, _ := json.Marshal(s); return string(b) }
