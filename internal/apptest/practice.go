package apptest

import (
	"context"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/demo"
	"github.com/afterward/afterward/internal/practice"
	"github.com/afterward/afterward/internal/store"
)

// Other practice accounts, for tests that need a second tenant: every id in
// a path, query or body is swapped for one of these and must answer "not
// found".
const (
	OtherAdmin     = "admin@northside.example.org"
	OtherCoach     = "coach@northside.example.org"
	OtherClient    = "client@northside.example.org"
	OtherClinician = "clinician@northside.example.org"
)

// SeedOtherPractice adds a second practice with an admin, a coach, a
// client and a clinician (password demo.Password) to the server's database.
func (s *Server) SeedOtherPractice(tb testing.TB) {
	tb.Helper()
	ctx := context.Background()
	a := s.App
	err := a.DB.InTx(ctx, func(tx *store.Tx) error {
		p, err := a.Practices.Create(ctx, tx, practice.Practice{Name: "Northside Integration", Slug: "northside", Region: "UK", TimeZone: "Europe/London"})
		if err != nil {
			return err
		}
		var coachID int64
		for _, u := range []struct {
			email string
			role  account.Role
		}{{OtherAdmin, account.Admin}, {OtherCoach, account.Coach}, {OtherClient, account.Client}, {OtherClinician, account.Clinician}} {
			created, err := a.Accounts.Create(ctx, tx, account.NewUser{PracticeID: p.ID, Email: u.email, Name: "Northside " + string(u.role),
				Role: u.role, Password: demo.Password, TimeZone: "Europe/London"})
			if err != nil {
				return err
			}
			if u.role.Staff() {
				if err := a.Auth.InstallDemoTOTP(ctx, tx, created.ID); err != nil {
					return err
				}
			}
			switch u.role {
			case account.Coach:
				coachID = created.ID
			case account.Client:
				exp := time.Now().UTC().Add(-30 * time.Hour)
				if err := a.Practices.AddClient(ctx, tx, practice.NewClient{UserID: created.ID, PracticeID: p.ID, CoachID: coachID,
					Stage: practice.StageActive, ExperienceAt: &exp, Substance: "psilocybin", Context: "legal_service"}); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatalf("seeding the other practice: %v", err)
	}
}
