package auth_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/auth"
	"github.com/afterward/afterward/internal/careteam"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// A client may invite their own clinician, under any name; until an admin
// verifies that account, only that client is offered it to share with.
func TestClientInvitedClinicianNeedsVerifying(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		admin := f.user("admin@example.org", account.Admin)
		inviter := f.user("inviter@example.org", account.Client)
		other := f.user("other@example.org", account.Client)
		clock := func() time.Time { return f.now }
		team := careteam.NewService(careteam.Deps{DB: db, Policy: policy.New(db, clock, nil), Now: clock})

		if err := f.svc.Invite(ctx, inviter, auth.NewInvitation{Email: "fake@example.org", Name: "Dr. Rachel Green", Role: account.Clinician}); err != nil {
			t.Fatal(err)
		}
		res, err := f.svc.AcceptInvitation(ctx, f.tokenFrom(f.emails("fake@example.org")[0], "/invite/"),
			auth.Acceptance{Name: "Dr. Rachel Green", Password: testPassword}, f.meta)
		if err != nil {
			t.Fatal(err)
		}
		clinician := res.User.ID
		offered := func(c account.User) (ids []int64) {
			rs, err := team.Recipients(ctx, policy.ActorOf(c))
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rs {
				ids = append(ids, r.ID)
			}
			return ids
		}
		if got := offered(other); len(got) != 0 {
			t.Errorf("another client is offered %v, want nobody before an admin verifies the clinician", got)
		}
		if got := offered(inviter); len(got) != 1 || got[0] != clinician {
			t.Errorf("the inviting client is offered %v, want their own clinician %d", got, clinician)
		}
		grant := careteam.Grant{RecipientID: clinician, Categories: []policy.Category{policy.Attendance}, Purpose: "x"}
		if _, err := team.Grant(ctx, policy.ActorOf(other), "UTC", grant); !errs.Is(err, errs.Invalid) {
			t.Errorf("another client sharing with the unverified clinician: got %v, want invalid", err)
		}
		rows, err := f.svc.Accounts(ctx, admin)
		if err != nil {
			t.Fatal(err)
		}
		row := findAccount(rows, clinician)
		if row.Status != auth.StatusUnverified || row.InvitedBy != inviter.Name || row.InviterRole != account.Client {
			t.Errorf("admin sees %+v, want unverified, invited by %s (client)", row, inviter.Name)
		}
		if err := f.svc.VerifyAccount(ctx, admin, clinician, f.meta); err != nil {
			t.Fatal(err)
		}
		if got := offered(other); len(got) != 1 {
			t.Errorf("after verifying, another client is offered %v, want the clinician", got)
		}
	})
}

// Deactivation ends the account's sessions, sign-in links and
// invitations at once; another practice's accounts are not found.
func TestDeactivateAccount(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		admin := f.user("admin@example.org", account.Admin)
		coach := f.user("coach@example.org", account.Coach)
		session, err := f.accounts.StartSession(ctx, coach, "192.0.2.1", "test")
		if err != nil {
			t.Fatal(err)
		}
		if err := f.svc.Invite(ctx, coach, auth.NewInvitation{Email: "invitee@example.org", Role: account.Client}); err != nil {
			t.Fatal(err)
		}
		invitation := f.tokenFrom(f.emails("invitee@example.org")[0], "/invite/")
		if err := f.svc.RequestSignInLink(ctx, coach.Email); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.DeactivateAccount(ctx, admin, admin.ID, f.meta); !errs.Is(err, errs.Conflict) {
			t.Errorf("deactivating oneself: got %v, want conflict", err)
		}
		if err := f.svc.DeactivateAccount(ctx, coach, admin.ID, f.meta); !errs.Is(err, errs.Forbidden) {
			t.Errorf("a coach deactivating: got %v, want forbidden", err)
		}
		if err := f.svc.DeactivateAccount(ctx, admin, coach.ID, f.meta); err != nil {
			t.Fatal(err)
		}
		if _, err := f.accounts.SessionByToken(ctx, session); !errs.Is(err, errs.Unauthorized) {
			t.Errorf("the deactivated coach's session: got %v, want it ended", err)
		}
		if _, err := f.svc.InvitationByToken(ctx, invitation); err != auth.ErrInviteClosed {
			t.Errorf("the deactivated coach's invitation: got %v, want it revoked", err)
		}
		var openTokens int
		if err := db.Reader().QueryRow(ctx, `SELECT COUNT(*) FROM auth_tokens WHERE user_id = ? AND used_at IS NULL`, coach.ID).Scan(&openTokens); err != nil || openTokens != 0 {
			t.Errorf("open sign-in links after deactivation: %d (%v), want 0", openTokens, err)
		}
		rows, _ := f.svc.Accounts(ctx, admin)
		if row := findAccount(rows, coach.ID); row.Status != auth.StatusDeactivated {
			t.Errorf("the coach's row = %+v, want deactivated", row)
		}
		var otherPractice int64
		err = db.InTx(ctx, func(tx *store.Tx) error {
			return tx.QueryRow(ctx, `INSERT INTO practices (name, slug, region, time_zone, created_at) VALUES ('Other', 'other', 'US', 'UTC', ?) RETURNING id`, f.now).Scan(&otherPractice)
		})
		if err != nil {
			t.Fatal(err)
		}
		stranger := admin
		stranger.PracticeID = otherPractice
		if err := f.svc.VerifyAccount(ctx, stranger, coach.ID, f.meta); !errs.Is(err, errs.NotFound) {
			t.Errorf("another practice's admin: got %v, want not found", err)
		}
	})
}

func findAccount(rows []auth.AccountRow, id int64) auth.AccountRow {
	for _, r := range rows {
		if r.ID == id {
			return r
		}
	}
	return auth.AccountRow{}
}

// A referral (anonymous, through the public form) never replaces someone
// else's open invitation, and the email's subject carries no text the
// referrer typed. A signed-in inviter replaces only their own.
func TestReferralKeepsOthersInvitations(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		admin := f.user("admin@example.org", account.Admin)
		client := f.user("client@example.org", account.Client)
		if err := f.svc.Invite(ctx, admin, auth.NewInvitation{Email: "new.coach@example.org", Role: account.Coach}); err != nil {
			t.Fatal(err)
		}
		coachInvite := f.tokenFrom(f.emails("new.coach@example.org")[0], "/invite/")
		err := db.InTx(ctx, func(tx *store.Tx) error {
			return f.svc.InviteReferred(ctx, tx, f.practice, admin.ID, "URGENT: verify your bank account now", "Test Practice",
				auth.NewInvitation{Email: "new.coach@example.org", Name: "X"})
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.InvitationByToken(ctx, coachInvite); err != nil {
			t.Errorf("the coach invitation after a referral to the same address: %v, want still open", err)
		}
		if err := f.svc.Invite(ctx, client, auth.NewInvitation{Email: "new.coach@example.org", Role: account.Clinician}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.InvitationByToken(ctx, coachInvite); err != nil {
			t.Errorf("the coach invitation after a client's invitation to the same address: %v, want still open", err)
		}
		err = db.InTx(ctx, func(tx *store.Tx) error {
			return f.svc.InviteReferred(ctx, tx, f.practice, admin.ID, "URGENT: verify your bank account now", "Test Practice",
				auth.NewInvitation{Email: "referred@example.org", Name: "Ria"})
		})
		if err != nil {
			t.Fatal(err)
		}
		mails := f.emails("referred@example.org")
		if len(mails) != 1 || strings.Contains(mails[0].Subject, "URGENT") {
			t.Errorf("referral emails = %+v, want one whose subject has no referrer text", mails)
		}
	})
}

// Clients may send a handful of invitations a day.
func TestInvitationRateLimit(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		client := f.user("client@example.org", account.Client)
		var err error
		for i := range 6 {
			err = f.svc.Invite(ctx, client, auth.NewInvitation{Email: fmt.Sprintf("doc%d@example.org", i), Role: account.Clinician})
		}
		if !errs.Is(err, errs.TooMany) {
			t.Errorf("sixth invitation in a day: got %v, want too many", err)
		}
	})
}
