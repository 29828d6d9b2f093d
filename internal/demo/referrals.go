package demo

import (
	"time"

	"github.com/afterward/afterward/internal/careteam"
)

// referrals: Dr. Green referred Elena (who shares attendance with her, so
// she sees Elena's progress) and a dietitian referred a new person through
// the public link; Jonah referred Ben to the psychiatric partner with a
// summary Ben approved; Elena approved a summary shared with Dr. Green.
func (s *seeder) referrals() error {
	if s.svc.Sealer == nil || s.svc.Intakes == nil {
		return nil
	}
	jonah, green := s.staffIDs[1], s.staffIDs[4]
	elena, ben := s.clientIDs["elena@client.example.org"], s.clientIDs["ben@client.example.org"]
	in := func(referrer any, name, email, referrerName, referrerEmail, experience, reason, urgency string, ago time.Duration) error {
		at := s.now.Add(-ago)
		id, err := insertID(s, `INSERT INTO referrals (practice_id, direction, referrer_id, referrer_name, referrer_email, person_name, email, experience_on, reason, urgency, status, created_at, updated_at)
			VALUES (?, 'in', ?, ?, ?, ?, ?, ?, '', ?, 'invited', ?, ?) RETURNING id`, s.practice.ID, referrer, referrerName, referrerEmail, name, email, experience, urgency, at, at)
		if err != nil {
			return err
		}
		return careteam.SealReferralReason(s.ctx, s.tx, s.svc.Sealer, id, careteam.ReferralSubject("in", 0, s.practice.ID), reason)
	}
	if err := in(green, "Elena Marsh", "elena@client.example.org", "Dr. Rachel Green", "", "", "Preparing for a psilocybin session at a licensed service centre; we agreed integration coaching alongside therapy.", "soon", 10*24*time.Hour); err != nil {
		return err
	}
	if err := in(nil, "Lena Park", "lena.park@example.org", "Sam Rivera, RD", "sam.rivera@nourish.example.org", s.now.AddDate(0, 0, -5).Format("2006-01-02"),
		"Client mentioned a recent ketamine-assisted session and wants support with changes to eating routines.", "routine", 2*24*time.Hour); err != nil {
		return err
	}
	summary := func(client, coach int64, recipient any, title, body string, ago time.Duration) (int64, error) {
		at := s.now.Add(-ago)
		id, err := insertID(s, `INSERT INTO care_summaries (client_id, coach_id, recipient_id, title, status, created_at, decided_at)
			VALUES (?, ?, ?, '', 'approved', ?, ?) RETURNING id`, client, coach, recipient, at, at.Add(3*time.Hour))
		if err != nil {
			return 0, err
		}
		return id, s.svc.Sealer.SealInto(s.ctx, s.tx, client, "care_summaries", id, careteam.SummaryFields(title, body))
	}
	if _, err := summary(elena, jonah, green, "First weeks of integration",
		"Elena has attended her sessions and is journaling most days. She is working on two intentions: more time outdoors and clearer boundaries at work. No safety concerns raised in coaching.", 6*time.Hour); err != nil {
		return err
	}
	benSummary, err := summary(ben, jonah, nil, "Referral summary",
		"Ben reports an unintended experience a week ago with ongoing distress and poor sleep. Coaching is not appropriate until a clinical assessment; Ben agreed to this referral.", 3*24*time.Hour)
	if err != nil {
		return err
	}
	var partner int64
	var partnerName string
	if err := s.tx.QueryRow(s.ctx, `SELECT id, name FROM referral_partners WHERE practice_id = ? AND kind = 'psychiatric' ORDER BY id LIMIT 1`, s.practice.ID).Scan(&partner, &partnerName); err != nil {
		return err
	}
	at := s.now.Add(-2 * 24 * time.Hour)
	out, err := insertID(s, `INSERT INTO referrals (practice_id, direction, referrer_id, client_id, partner_id, partner_name, summary_id, source, reason, urgency, status, created_at, updated_at)
		VALUES (?, 'out', ?, ?, ?, ?, ?, 'intake', '', 'soon', 'open', ?, ?) RETURNING id`, s.practice.ID, jonah, ben, partner, partnerName, benSummary, at, at)
	if err != nil {
		return err
	}
	return careteam.SealReferralReason(s.ctx, s.tx, s.svc.Sealer, out, careteam.ReferralSubject("out", ben, s.practice.ID),
		"Unintended experience with ongoing distress: clinical assessment before any coaching.")
}
