// Package contact keeps a client's phone number and emergency contact:
// roster data the client edits on Settings and their coach reads on the
// client chart, both through the policy (every read audited).
package contact

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// Contact is how to reach a client, and whom to call for them.
type Contact struct {
	Phone             string
	EmergencyName     string
	EmergencyRelation string // "sister", "partner", …
	EmergencyPhone    string
	UpdatedAt         time.Time // zero: never given
}

// Empty reports whether nothing has been given yet.
func (c Contact) Empty() bool {
	return c.Phone == "" && c.EmergencyName == "" && c.EmergencyPhone == ""
}

// Normalize trims every field.
func (c *Contact) Normalize() {
	for _, f := range []*string{&c.Phone, &c.EmergencyName, &c.EmergencyRelation, &c.EmergencyPhone} {
		*f = strings.Join(strings.Fields(*f), " ")
	}
}

// Validate names each wrong field.
func (c Contact) Validate() error {
	v := errs.Validation{}
	v.Check(validPhone(c.Phone), "phone", "enter a phone number with digits, spaces, +, - or brackets (up to 30 characters)")
	v.Check(validPhone(c.EmergencyPhone), "emergency_phone", "enter a phone number with digits, spaces, +, - or brackets (up to 30 characters)")
	v.Check(utf8.RuneCountInString(c.EmergencyName) <= 100, "emergency_name", "keep the name under 100 characters")
	v.Check(utf8.RuneCountInString(c.EmergencyRelation) <= 60, "emergency_relation", "keep it under 60 characters")
	v.Check(c.EmergencyName == "" || c.EmergencyPhone != "", "emergency_phone", "add a phone number for your emergency contact")
	v.Check(c.EmergencyPhone == "" || c.EmergencyName != "", "emergency_name", "add the name of your emergency contact")
	return v.Err()
}

func validPhone(p string) bool {
	if len(p) > 30 {
		return false
	}
	for _, r := range p {
		if !strings.ContainsRune("0123456789 +-().", r) {
			return false
		}
	}
	return true
}

// Service reads and saves contacts.
type Service struct {
	db     *store.DB
	policy *policy.Policy
	now    func() time.Time
}

// NewService wires the contact service.
func NewService(db *store.DB, p *policy.Policy, now func() time.Time) *Service {
	return &Service{db: db, policy: p, now: now}
}

func access(clientID int64, act policy.Action) policy.Access {
	return policy.Access{ClientID: clientID, Category: policy.Roster, Action: act, ResourceType: "contact", ResourceID: clientID}
}

// Get returns the client's contact (empty when never given), audited.
func (s *Service) Get(ctx context.Context, actor policy.Actor, clientID int64) (Contact, error) {
	var c Contact
	err := s.policy.Do(ctx, actor, access(clientID, policy.Read), func(tx *store.Tx) error {
		err := tx.QueryRow(ctx, `SELECT phone, emergency_name, emergency_relation, emergency_phone, updated_at
			FROM client_contacts WHERE client_id = ?`, clientID).Scan(&c.Phone, &c.EmergencyName, &c.EmergencyRelation, &c.EmergencyPhone, &c.UpdatedAt)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		c.UpdatedAt = c.UpdatedAt.UTC()
		return errs.Wrap(err, "reading contact")
	})
	return c, err
}

// Save replaces the client's contact. Only the client edits their own.
func (s *Service) Save(ctx context.Context, actor policy.Actor, clientID int64, c Contact) (Contact, error) {
	if actor.UserID != clientID {
		return Contact{}, errs.NotFoundf("not found")
	}
	c.Normalize()
	if err := c.Validate(); err != nil {
		return c, err
	}
	c.UpdatedAt = s.now().UTC().Truncate(time.Microsecond)
	err := s.policy.Do(ctx, actor, access(clientID, policy.Write), func(tx *store.Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO client_contacts (client_id, phone, emergency_name, emergency_relation, emergency_phone, updated_at)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (client_id) DO UPDATE SET phone = excluded.phone, emergency_name = excluded.emergency_name,
			emergency_relation = excluded.emergency_relation, emergency_phone = excluded.emergency_phone, updated_at = excluded.updated_at`,
			clientID, c.Phone, c.EmergencyName, c.EmergencyRelation, c.EmergencyPhone, c.UpdatedAt)
		return errs.Wrap(err, "saving contact")
	})
	return c, err
}
