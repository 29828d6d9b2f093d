package careteam

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/audit"
	"github.com/afterward/afterward/internal/dates"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/ratelimit"
	"github.com/afterward/afterward/internal/store"
)

// Urgencies a referral can have, in the order forms show them.
var Urgencies = []string{"routine", "soon", "urgent"}

// Invite sends a referred person an invitation to join the practice as a
// client, in the caller's transaction (auth.Service.InviteReferred).
type Invite func(ctx context.Context, tx *store.Tx, practiceID, invitedBy int64, referrer, practiceName, email, name string) error

// NewReferralIn is a clinician's (or a public) referral of a person.
type NewReferralIn struct {
	Name, Email  string
	ExperienceOn string // YYYY-MM-DD if known
	Reason       string
	Urgency      string
	// ReferrerName and ReferrerEmail identify a referrer who is not signed
	// in (the public practice link).
	ReferrerName, ReferrerEmail string
}

// Validate normalises and checks the form; public forms need the referrer.
func (n *NewReferralIn) Validate(public bool, now time.Time) error {
	v := errs.Validation{}
	n.Name, n.Reason = strings.TrimSpace(n.Name), strings.TrimSpace(n.Reason)
	n.Email, n.ReferrerEmail = account.NormalizeEmail(n.Email), account.NormalizeEmail(n.ReferrerEmail)
	n.ReferrerName, n.ExperienceOn = strings.TrimSpace(n.ReferrerName), strings.TrimSpace(n.ExperienceOn)
	v.Check(n.Name != "" && len(n.Name) <= 200, "name", "enter the person's name")
	v.Check(looksLikeEmail(n.Email), "email", "enter an email address like name@example.org")
	v.Check(n.Reason != "" && len(n.Reason) <= 2000, "reason", "say briefly why you are referring them (up to 2,000 characters)")
	v.Check(validUrgency(n.Urgency), "urgency", "choose routine, soon or urgent")
	if n.ExperienceOn != "" {
		d, err := time.Parse("2006-01-02", n.ExperienceOn)
		v.Check(err == nil && !d.After(now), "experience_on", "enter a date that has passed, or leave it empty")
		v.Check(err != nil || dates.Plausible(d), "experience_on", dates.PlausibleMessage)
	}
	if public {
		v.Check(n.ReferrerName != "" && len(n.ReferrerName) <= 200, "referrer_name", "enter your name")
		v.Check(looksLikeEmail(n.ReferrerEmail), "referrer_email", "enter your email address")
	}
	return v.Err()
}

func looksLikeEmail(s string) bool {
	at := strings.LastIndexByte(s, '@')
	return at > 0 && at < len(s)-3 && strings.Contains(s[at:], ".") && len(s) <= 254 && !strings.ContainsAny(s, " <>\"")
}

func validUrgency(u string) bool {
	for _, x := range Urgencies {
		if u == x {
			return true
		}
	}
	return false
}

// ReferIn records a signed-in clinician's referral and invites the person.
func (s *Service) ReferIn(ctx context.Context, a policy.Actor, n NewReferralIn) (int64, error) {
	if a.Role != account.Clinician {
		return 0, errs.E(errs.Forbidden, "only clinicians refer people in")
	}
	n.ReferrerName, n.ReferrerEmail = "", ""
	if err := n.Validate(false, s.now()); err != nil {
		return 0, err
	}
	var id int64
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		var name, practiceName string
		if err := tx.QueryRow(ctx, `SELECT u.name, p.name FROM users u JOIN practices p ON p.id = u.practice_id WHERE u.id = ?`, a.UserID).Scan(&name, &practiceName); err != nil {
			return errs.Wrap(err, "reading referrer")
		}
		var err error
		id, err = s.insertIn(ctx, tx, a.PracticeID, a.UserID, name, practiceName, n)
		return err
	})
	return id, err
}

// ReferInPublic records a referral made through the practice's public
// link (/refer/{slug}); the practice's first admin sends the invitation.
func (s *Service) ReferInPublic(ctx context.Context, slug string, n NewReferralIn) (int64, error) {
	var practiceID, adminID int64
	var practiceName string
	err := s.db.Reader().QueryRow(ctx, `SELECT p.id, p.name, (SELECT MIN(u.id) FROM users u WHERE u.practice_id = p.id AND u.role = 'admin')
		FROM practices p WHERE p.slug = ?`, slug).Scan(&practiceID, &practiceName, &adminID)
	if err != nil {
		return 0, store.NotFound(err, "practice")
	}
	if err := n.Validate(true, s.now()); err != nil {
		return 0, err
	}
	var id int64
	err = s.db.InTx(ctx, func(tx *store.Tx) error {
		if err := s.throttlePublic(ctx, tx, practiceID); err != nil {
			return err
		}
		var err error
		id, err = s.insertIn(ctx, tx, practiceID, adminID, n.ReferrerName, practiceName, n)
		return err
	})
	return id, err
}

// Public referrals send email to an address a stranger typed: a few an
// hour from one network, and a ceiling per practice a day.
var (
	publicReferralsPerAddress  = ratelimit.Limit{Name: "public_referral_address", Max: 5, Per: time.Hour, Message: "many referrals came from your network in the last hour"}
	publicReferralsPerPractice = ratelimit.Limit{Name: "public_referral_practice", Max: 100, Per: 24 * time.Hour, Message: "this practice has received many referrals today"}
)

func (s *Service) throttlePublic(ctx context.Context, tx *store.Tx, practiceID int64) error {
	now := s.now()
	if ip := audit.RequestFrom(ctx).ClientIP; ip != "" {
		if err := ratelimit.Take(ctx, tx, publicReferralsPerAddress, ip, now); err != nil {
			return err
		}
	}
	return ratelimit.Take(ctx, tx, publicReferralsPerPractice, strconv.FormatInt(practiceID, 10), now)
}

func (s *Service) insertIn(ctx context.Context, tx *store.Tx, practiceID, inviter int64, referrer, practiceName string, n NewReferralIn) (int64, error) {
	var referrerID any
	if n.ReferrerEmail == "" {
		referrerID = inviter
	}
	now := s.now()
	id, err := store.InsertID(ctx, tx, `INSERT INTO referrals (practice_id, direction, referrer_id, referrer_name, referrer_email, person_name, email,
		experience_on, reason, urgency, status, created_at, updated_at) VALUES (?, 'in', ?, ?, ?, ?, ?, ?, '', ?, 'invited', ?, ?) RETURNING id`,
		practiceID, referrerID, referrer, n.ReferrerEmail, n.Name, n.Email, n.ExperienceOn, n.Urgency, now, now)
	if err != nil {
		return 0, errs.Wrap(err, "saving referral")
	}
	if err := SealReferralReason(ctx, tx, s.vault, id, ReferralSubject("in", 0, practiceID), n.Reason); err != nil {
		return 0, err
	}
	if s.invite != nil {
		if err := s.invite(ctx, tx, practiceID, inviter, referrer, practiceName, n.Email, n.Name); err != nil {
			return 0, err
		}
	}
	return id, nil
}

// Referral progress a referrer may see, in order.
const (
	StatusInvited      = "invited"
	StatusJoined       = "joined"
	StatusIntakeDone   = "intake done"
	StatusMatched      = "matched with a coach"
	StatusFirstSession = "first session held"
	// StatusPrivate is shown until the client shares attendance with the
	// referrer: whether they even joined is theirs to tell.
	StatusPrivate = "invited; progress is shared once they consent"
)

// ReferralIn is one referral as its referrer sees it.
type ReferralIn struct {
	ID        int64
	Name      string
	Urgency   string
	CreatedAt time.Time
	ClientID  int64 // set only when the client shares attendance with the referrer
	Status    string
}

// ReferralsIn lists a clinician's referrals. Progress beyond "invited" is
// shown only when the client has an active consent with category
// attendance to the referrer (we chose the existing category over a
// dedicated one: progress is attendance); each such read is audited.
func (s *Service) ReferralsIn(ctx context.Context, a policy.Actor) ([]ReferralIn, error) {
	if a.Role != account.Clinician {
		return nil, errs.E(errs.Forbidden, "only clinicians refer people in")
	}
	type row struct {
		ReferralIn
		client          sql.NullInt64
		intake, matched bool
		held            int
	}
	var rows []row
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		return each(ctx, tx, `SELECT r.id, r.person_name, r.urgency, r.created_at, u.id,
			EXISTS (SELECT 1 FROM intakes i WHERE i.client_id = u.id AND i.submitted_at IS NOT NULL),
			EXISTS (SELECT 1 FROM clients c WHERE c.user_id = u.id AND c.coach_id IS NOT NULL),
			(SELECT COUNT(*) FROM appointments ap WHERE ap.client_id = u.id AND ap.status = 'held')
			FROM referrals r LEFT JOIN users u ON u.email = r.email AND u.practice_id = r.practice_id AND u.role = 'client'
			WHERE r.direction = 'in' AND r.referrer_id = ? ORDER BY r.created_at DESC, r.id DESC`, []any{a.UserID}, func(rs *sql.Rows) error {
			var r row
			err := rs.Scan(&r.ID, &r.Name, &r.Urgency, &r.CreatedAt, &r.client, &r.intake, &r.matched, &r.held)
			rows = append(rows, r)
			return err
		})
	})
	if err != nil {
		return nil, errs.Wrap(err, "listing referrals")
	}
	out := make([]ReferralIn, 0, len(rows))
	for _, r := range rows {
		r.Status = StatusPrivate
		if r.client.Valid && policy.Decide(ctx, s.db.Reader(), a, r.client.Int64, policy.Attendance, policy.Read, s.now()) == nil {
			if err := s.policy.Check(ctx, a, policy.Access{ClientID: r.client.Int64, Category: policy.Attendance, Action: policy.Read, ResourceType: "referral_status", ResourceID: r.ID}); err != nil {
				return nil, err
			}
			r.ClientID, r.Status = r.client.Int64, progress(r.intake, r.matched, r.held)
		}
		out = append(out, r.ReferralIn)
	}
	return out, nil
}

func progress(intake, matched bool, held int) string {
	switch {
	case held > 0:
		return StatusFirstSession
	case matched:
		return StatusMatched
	case intake:
		return StatusIntakeDone
	}
	return StatusJoined
}
