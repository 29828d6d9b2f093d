package apptest

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/alert"
	"github.com/afterward/afterward/internal/billing"
	"github.com/afterward/afterward/internal/coach"
	"github.com/afterward/afterward/internal/journal"
	"github.com/afterward/afterward/internal/note"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/practice"
	"github.com/afterward/afterward/internal/regulated"
	"github.com/afterward/afterward/internal/safety"
	"github.com/afterward/afterward/internal/schedule"
	"github.com/afterward/afterward/internal/store"
)

// SeedRecordsOfEveryKind gives the other practice (SeedOtherPractice first)
// one record of every kind a route can name — sessions, plan actions,
// journal entries and a shared file, a safety alert, a consent, a referral,
// summaries, an invoice, a payment, a fee, a partner, a circle, a coach
// request and a training certificate — and adds to the demo practice the
// kinds its demo data lacks, so the access test tries every id of one
// practice from the other. Any failure fails the test.
func (s *Server) SeedRecordsOfEveryKind(tb testing.TB) {
	tb.Helper()
	r := &recordSeeder{tb: tb, ctx: context.Background(), s: s}
	admin, coachA, client, clinician := r.actor(OtherAdmin), r.actor(OtherCoach), r.actor(OtherClient), r.actor(OtherClinician)
	r.coachProfile(coachA)
	r.sessions(coachA, client)
	r.signedNote(coachA, client)
	r.plan(coachA, client)
	r.journal(client, true)
	r.alert(client)
	r.careTeam(coachA, client, clinician)
	r.billing(admin, coachA, client)
	r.practiceRecords(admin, coachA, client)
	r.agreement(client)
	r.regulated(admin, coachA, client)
	// The demo practice has no shared file, certificate or coach request.
	r.journal(r.actor("elena@client.example.org"), true)
	jonah := r.actor("jonah@riverbend.example.org")
	r.certificate(jonah)
	r.coachRequest(r.actor("kenji@client.example.org"), jonah)
	r.destructionCertificate(admin.PracticeID)
	r.destructionCertificate(jonah.PracticeID)
}

// destructionCertificate adds a certificate of a destruction to the
// practice, as privacy.Destroy writes one (of a client id no account has:
// destroying a real one would take records other kinds need).
func (r *recordSeeder) destructionCertificate(practiceID int64) {
	now := time.Now().UTC()
	r.tx("a destruction certificate", func(tx *store.Tx) error {
		r.insert(tx, "a destruction certificate", `INSERT INTO destruction_certificates (practice_id, client_id, programme, requested_by, destroyed_by,
			destroyed_at, retention_until, records, records_sha256, certificate_sha256) VALUES (?, ?, 'none', 'practice', NULL, ?, NULL, '{"appointments":1}', ?, ?) RETURNING id`,
			practiceID, 9_000_000+practiceID, now, strings.Repeat("a", 64), strings.Repeat("b", 64))
		return nil
	})
}

type recordSeeder struct {
	tb  testing.TB
	ctx context.Context
	s   *Server
}

func (r *recordSeeder) check(err error, what string) {
	r.tb.Helper()
	if err != nil {
		r.tb.Fatalf("seeding %s: %v", what, err)
	}
}

func (r *recordSeeder) actor(email string) policy.Actor {
	r.tb.Helper()
	var a policy.Actor
	var role string
	err := r.s.App.DB.Reader().QueryRow(r.ctx, `SELECT id, practice_id, role FROM users WHERE email = ?`, email).Scan(&a.UserID, &a.PracticeID, &role)
	r.check(err, "finding "+email)
	a.Role = account.Role(role)
	return a
}

func (r *recordSeeder) tx(what string, fn func(tx *store.Tx) error) {
	r.tb.Helper()
	r.check(r.s.App.DB.InTx(r.ctx, fn), what)
}

func (r *recordSeeder) insert(tx *store.Tx, what, query string, args ...any) int64 {
	r.tb.Helper()
	id, err := store.InsertID(r.ctx, tx, query, args...)
	r.check(err, what)
	return id
}

func (r *recordSeeder) coachProfile(c policy.Actor) {
	now := time.Now().UTC()
	r.tx("a coach profile", func(tx *store.Tx) error {
		_, err := tx.Exec(r.ctx, `INSERT INTO coach_profiles (user_id, practice_id, display_name, status, updated_at) VALUES (?, ?, 'Northside coach', 'published', ?)`,
			c.UserID, c.PracticeID, now)
		return err
	})
}

// sessions books one session to come and one held a week ago, through the
// scheduling rules (availability, place), on a clock set before each.
func (r *recordSeeder) sessions(c, client policy.Actor) {
	clock := time.Now().UTC()
	r.tx("sessions", func(tx *store.Tx) error {
		svc := schedule.NewService(schedule.Deps{Policy: policy.New(nil, func() time.Time { return clock }, nil), Now: func() time.Time { return clock }}).Within(tx)
		var week []schedule.Window
		for d := time.Sunday; d <= time.Saturday; d++ {
			week = append(week, schedule.Window{Weekday: d, Start: 0, End: 24*60 - 15})
		}
		if err := svc.SetAvailability(r.ctx, c, week); err != nil {
			return err
		}
		if err := svc.SetPlace(r.ctx, c, schedule.Place{RoomURL: "https://meet.example.org/northside", Address: "2 Mill Lane, Leeds"}); err != nil {
			return err
		}
		base := time.Now().UTC().Truncate(time.Hour)
		for _, start := range []time.Time{base.Add(-7 * 24 * time.Hour), base.Add(5 * 24 * time.Hour)} {
			clock = start.Add(-3 * 24 * time.Hour)
			a, err := svc.Book(r.ctx, c, schedule.Booking{ClientID: client.UserID, Start: start, Minutes: 60, Format: schedule.Video})
			if err != nil {
				return err
			}
			if start.Before(base) {
				clock = start.Add(2 * time.Hour)
				if _, err := svc.MarkAttendance(r.ctx, c, a.ID, schedule.Held); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

func (r *recordSeeder) plan(c, client policy.Actor) {
	plans := r.s.App.Plans
	insight, err := plans.AddInsight(r.ctx, c, client.UserID, "Mornings outside help")
	r.check(err, "an insight")
	intention, err := plans.AddIntention(r.ctx, c, client.UserID, insight, "Walk before work")
	r.check(err, "an intention")
	_, err = plans.AddAction(r.ctx, c, intention, "Walk three mornings", time.Now().UTC().AddDate(0, 0, 7).Format("2006-01-02"))
	r.check(err, "an action")
}

// journal saves one private entry and one shared entry with a picture.
func (r *recordSeeder) journal(client policy.Actor, withFile bool) {
	j := r.s.App.Journal
	_, err := j.Save(r.ctx, client, client.UserID, journal.Input{Key: "access-private-entry-1", Title: "Private", Body: "Kept to myself."})
	r.check(err, "a private journal entry")
	shared, err := j.Save(r.ctx, client, client.UserID, journal.Input{Key: "access-shared-entry-1", Title: "Shared", Body: "For my coach."})
	r.check(err, "a shared journal entry")
	r.check(j.Share(r.ctx, client, client.UserID, shared.ID, true), "sharing an entry")
	if withFile {
		var buf bytes.Buffer
		r.check(png.Encode(&buf, image.NewGray(image.Rect(0, 0, 4, 4))), "a picture")
		_, err = j.Attach(r.ctx, client, client.UserID, shared.ID, buf.Bytes())
		r.check(err, "a shared file")
	}
}

func (r *recordSeeder) alert(client policy.Actor) {
	r.tx("a safety alert", func(tx *store.Tx) error {
		_, err := r.s.App.Alerts.Raise(r.ctx, tx, client.UserID, alert.Source{Kind: "questionnaire", ID: 1}, safety.Concern, alert.ReasonPHQ9Item9)
		return err
	})
}

// careTeam: a consent to the practice's clinician, a pending and an
// approved summary, and a referral out.
func (r *recordSeeder) careTeam(c, client, clinician policy.Actor) {
	now := time.Now().UTC()
	r.tx("a consent, summaries and a referral", func(tx *store.Tx) error {
		consent := r.insert(tx, "a consent", `INSERT INTO consents (client_id, recipient_id, purpose, starts_at, created_at) VALUES (?, ?, 'Care with my GP', ?, ?) RETURNING id`,
			client.UserID, clinician.UserID, now.Add(-time.Hour), now.Add(-time.Hour))
		if _, err := tx.Exec(r.ctx, `INSERT INTO consent_categories (consent_id, category) VALUES (?, 'summaries'), (?, 'attendance')`, consent, consent); err != nil {
			return err
		}
		for _, status := range []string{"pending", "approved"} {
			var decided any
			if status == "approved" {
				decided = now
			}
			id := r.insert(tx, "a summary", `INSERT INTO care_summaries (client_id, coach_id, recipient_id, title, status, created_at, decided_at) VALUES (?, ?, ?, 'Summary', ?, ?, ?) RETURNING id`,
				client.UserID, c.UserID, clinician.UserID, status, now, decided)
			if err := r.s.App.Vault.SealInto(r.ctx, tx, client.UserID, "care_summaries", id, map[string][]byte{"body": []byte("Attending; no concerns.")}); err != nil {
				return err
			}
		}
		r.insert(tx, "a referral out", `INSERT INTO referrals (practice_id, direction, referrer_id, client_id, partner_name, source, reason, urgency, status, created_at, updated_at)
			VALUES (?, 'out', ?, ?, 'Leeds psychiatry', 'intake', 'Assessment first', 'soon', 'open', ?, ?) RETURNING id`, c.PracticeID, c.UserID, client.UserID, now, now)
		return nil
	})
}

// billing: settings and a fee, one session billed and paid, and a late
// cancellation fee.
func (r *recordSeeder) billing(admin, c, client policy.Actor) {
	b := r.s.App.Billing
	r.check(b.SaveSettings(r.ctx, admin, billing.Settings{Currency: "GBP", LegalName: "Northside Integration Ltd", Address: "2 Mill Lane, Leeds",
		PaymentTermsDays: 14, Invoicing: billing.PerSession, LateCancelBP: 5000, NoShowBP: 10000}), "billing settings")
	_, err := b.SetFee(r.ctx, admin, billing.Fee{CoachID: c.UserID, LengthMinutes: 60, Price: billing.Money{Amount: 9000}})
	r.check(err, "a fee")
	var line billing.Line
	held := time.Now().UTC().Add(-48 * time.Hour).Truncate(time.Hour)
	r.tx("billed sessions", func(tx *store.Tx) error {
		sb := billing.SessionBilled{ClientID: client.UserID, CoachID: c.UserID, HeldAt: held, LengthMinutes: 60}
		if line, err = b.BillSession(r.ctx, tx, sb); err != nil {
			return err
		}
		sb.HeldAt = held.Add(24 * time.Hour)
		_, err = b.ChargeLateCancellation(r.ctx, tx, sb)
		return err
	})
	_, err = b.RecordPayment(r.ctx, admin, billing.NewPayment{InvoiceID: line.InvoiceID, Method: billing.Cash, Amount: line.Amount})
	r.check(err, "a payment")
}

// practiceRecords: a referral partner, a circle, a training certificate
// and a coach request.
func (r *recordSeeder) practiceRecords(admin, c, client policy.Actor) {
	now := time.Now().UTC()
	r.tx("a partner and a circle", func(tx *store.Tx) error {
		r.insert(tx, "a partner", `INSERT INTO referral_partners (practice_id, kind, name, created_at) VALUES (?, 'psychiatric', 'Leeds psychiatry', ?) RETURNING id`, admin.PracticeID, now)
		r.insert(tx, "a circle", `INSERT INTO circles (practice_id, coach_id, topic, capacity, fee_minor, currency, location, created_at) VALUES (?, ?, 'Northside circle', 8, 0, 'GBP', 'https://meet.example.org/circle', ?) RETURNING id`,
			admin.PracticeID, c.UserID, now)
		return nil
	})
	r.certificate(c)
	r.coachRequest(client, c)
}

func (r *recordSeeder) certificate(c policy.Actor) {
	_, err := r.s.App.Coaches.AddTraining(r.ctx, c, coach.Training{Name: "Integration course", Provider: "School", Hours: 120, Year: 2024,
		CertificateName: "certificate.pdf", CertificateType: "application/pdf", Certificate: []byte("%PDF-1.4\n%access test\n")})
	r.check(err, "a training certificate")
}

func (r *recordSeeder) coachRequest(client, c policy.Actor) {
	now := time.Now().UTC()
	r.tx("a coach request", func(tx *store.Tx) error {
		r.insert(tx, "a coach request", `INSERT INTO coach_requests (client_id, coach_id, status, intake_at, created_at, respond_by) VALUES (?, ?, 'pending', ?, ?, ?) RETURNING id`,
			client.UserID, c.UserID, now, now, now.Add(48*time.Hour))
		return nil
	})
}

// signedNote signs the note of the client's held session (the record a
// client reads and adds an addendum to).
func (r *recordSeeder) signedNote(c, client policy.Actor) {
	var id int64
	r.check(r.s.App.DB.Reader().QueryRow(r.ctx, `SELECT MIN(id) FROM appointments WHERE client_id = ? AND status = 'held'`, client.UserID).Scan(&id), "the held session")
	_, err := r.s.App.Notes.SignOff(r.ctx, c, id, note.Sections{Processing: "Talked through the week after the retreat."})
	r.check(err, "a signed note")
}

// agreement signs the practice's current coaching agreement as the client,
// through the service (name and the hash of the text shown).
func (r *recordSeeder) agreement(client policy.Actor) {
	svc := r.s.App.Agreements
	doc, err := svc.Current(r.ctx, client.PracticeID)
	r.check(err, "the current agreement")
	var name string
	r.check(r.s.App.DB.Reader().QueryRow(r.ctx, `SELECT name FROM users WHERE id = ?`, client.UserID).Scan(&name), "the client's name")
	_, err = svc.Sign(r.ctx, client, doc.Version, name, doc.Hash)
	r.check(err, "an agreement signature")
}

// regulated puts the other practice under Colorado's programme, has its
// client sign the demographic form and its coach log a preparation
// session, so the access test tries regulated records of both practices
// (the demo practice's come from the demo, under Oregon's).
func (r *recordSeeder) regulated(admin, c, client policy.Actor) {
	r.check(r.s.App.Practices.SetProgramme(r.ctx, admin, practice.Colorado), "the Colorado programme")
	f, err := regulated.Lookup(practice.Colorado, "demographics")
	r.check(err, "the demographic form")
	var name string
	r.check(r.s.App.DB.Reader().QueryRow(r.ctx, `SELECT name FROM users WHERE id = ?`, client.UserID).Scan(&name), "the client's name")
	_, err = r.s.App.Regulated.Sign(r.ctx, client, regulated.Filled{Key: f.Key, Version: f.Version, Hash: f.Hash(), Name: name,
		Answers: map[string]string{"age": "30–39", "county": "Denver"}})
	r.check(err, "a signed demographic form")
	start := time.Now().UTC().Add(-72 * time.Hour).Truncate(time.Hour)
	_, err = r.s.App.Regulated.Log(r.ctx, c, client.UserID, regulated.Entry{Kind: regulated.Preparation, StartedAt: start, EndedAt: start.Add(time.Hour)})
	r.check(err, "a logged preparation session")
}
