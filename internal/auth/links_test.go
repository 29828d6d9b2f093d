package auth_test

import (
	"context"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/auth"
	"github.com/afterward/afterward/internal/policy"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/practice"
	"github.com/afterward/afterward/internal/store"
)

// TestSignInLink: clients get a 15-minute single-use link; staff and
// unknown addresses get nothing, and the request answers the same for all.
func TestSignInLink(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		f.user("client@example.org", account.Client)
		f.user("coach@example.org", account.Coach)
		for _, email := range []string{"client@example.org", "coach@example.org", "ghost@example.org"} {
			if err := f.svc.RequestSignInLink(ctx, email); err != nil {
				t.Fatalf("request for %s: %v", email, err)
			}
			if err := f.svc.DeliverLink(ctx, auth.PurposeLink, email); err != nil {
				t.Fatalf("deliver for %s: %v", email, err)
			}
		}
		if err := f.svc.RequestSignInLink(ctx, "not an address"); !errs.Is(err, errs.Invalid) {
			t.Errorf("malformed address: got %v, want invalid", err)
		}
		if n := len(f.emails("coach@example.org")); n != 0 {
			t.Errorf("staff got %d sign-in links, want none", n)
		}
		mails := f.emails("client@example.org")
		if len(mails) != 1 {
			t.Fatalf("client got %d emails, want 1", len(mails))
		}
		token := f.tokenFrom(mails[0], "/signin/link/")
		res, err := f.svc.SignInWithLink(ctx, token, f.meta)
		if err != nil || res.Step != auth.StepDone || res.Session == "" {
			t.Fatalf("SignInWithLink = (%+v, %v)", res, err)
		}
		if _, err := f.svc.SignInWithLink(ctx, token, f.meta); err != auth.ErrLinkInvalid {
			t.Errorf("second use: got %v, want auth.ErrLinkInvalid", err)
		}
		if err := f.svc.DeliverLink(ctx, auth.PurposeLink, "client@example.org"); err != nil {
			t.Fatal(err)
		}
		late := f.tokenFrom(f.emails("client@example.org")[1], "/signin/link/")
		f.now = f.now.Add(auth.SignInLinkTTL + time.Second)
		if _, err := f.svc.SignInWithLink(ctx, late, f.meta); err != auth.ErrLinkInvalid {
			t.Errorf("after 15 minutes: got %v, want auth.ErrLinkInvalid", err)
		}
		for range 5 {
			_ = f.svc.DeliverLink(ctx, auth.PurposeLink, "client@example.org")
		}
		if n := len(f.emails("client@example.org")); n != 2+auth.MaxLinksPerWindow {
			t.Errorf("after a burst of requests: %d emails, want %d (capped)", n, 2+auth.MaxLinksPerWindow)
		}
	})
}

// TestPasswordReset: the link works once within 30 minutes, signs out every
// session, lifts a lockout and leaves the second factor in place.
func TestPasswordReset(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		u := f.user("client@example.org", account.Client)
		session, err := f.accounts.StartSession(ctx, u, "", "")
		if err != nil {
			t.Fatal(err)
		}
		for range auth.AccountFailures {
			_, _ = f.svc.SignIn(ctx, "client@example.org", "wrong password here", f.meta)
		}
		if err := f.svc.DeliverLink(ctx, auth.PurposeReset, "client@example.org"); err != nil {
			t.Fatal(err)
		}
		mails := f.emails("client@example.org")
		token := f.tokenFrom(mails[len(mails)-1], "/reset/")
		if err := f.svc.CheckResetToken(ctx, token); err != nil {
			t.Fatalf("CheckResetToken: %v", err)
		}
		if err := f.svc.ResetPassword(ctx, token, "short"); !errs.Is(err, errs.Invalid) {
			t.Errorf("weak new password: got %v, want invalid", err)
		}
		const newPassword = "a brand new river song 7"
		if err := f.svc.ResetPassword(ctx, token, newPassword); err != nil {
			t.Fatalf("ResetPassword: %v", err)
		}
		if _, err := f.accounts.SessionByToken(ctx, session); !errs.Is(err, errs.Unauthorized) {
			t.Errorf("old session after reset: got %v, want signed out", err)
		}
		if err := f.svc.ResetPassword(ctx, token, newPassword); err != auth.ErrLinkInvalid {
			t.Errorf("reset link used twice: got %v, want auth.ErrLinkInvalid", err)
		}
		if res, err := f.svc.SignIn(ctx, "client@example.org", newPassword, f.meta); err != nil || res.Step != auth.StepDone {
			t.Errorf("sign-in with new password while previously locked: (%+v, %v)", res, err)
		}
		_ = f.svc.DeliverLink(ctx, auth.PurposeReset, "client@example.org")
		mails = f.emails("client@example.org")
		late := f.tokenFrom(mails[len(mails)-1], "/reset/")
		f.now = f.now.Add(auth.ResetTTL + time.Second)
		if err := f.svc.CheckResetToken(ctx, late); err != auth.ErrLinkInvalid {
			t.Errorf("reset link after 30 minutes: got %v, want auth.ErrLinkInvalid", err)
		}
	})
}

// TestInvitations: who may invite whom, single use, seven days, and what
// accepting creates.
func TestInvitations(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		admin := f.user("admin@example.org", account.Admin)
		coach := f.user("coach@example.org", account.Coach)
		client := f.user("client@example.org", account.Client)

		if err := f.svc.Invite(ctx, coach, auth.NewInvitation{Email: "new@example.org", Role: account.Coach}); !errs.Is(err, errs.Invalid) {
			t.Errorf("coach inviting a coach: got %v, want invalid role", err)
		}
		if err := f.svc.Invite(ctx, coach, auth.NewInvitation{Email: "client@example.org", Role: account.Client}); err != nil {
			t.Errorf("inviting an existing account: got %v, want the same quiet success", err)
		}
		if n := len(f.emails("client@example.org")); n != 0 {
			t.Errorf("existing account was emailed an invitation (%d)", n)
		}
		if err := f.svc.Invite(ctx, coach, auth.NewInvitation{Email: "New@Example.org", Name: "Nia", Role: account.Client}); err != nil {
			t.Fatal(err)
		}
		mails := f.emails("new@example.org")
		if len(mails) != 1 {
			t.Fatalf("invitee got %d emails, want 1", len(mails))
		}
		token := f.tokenFrom(mails[0], "/invite/")
		inv, err := f.svc.InvitationByToken(ctx, token)
		if err != nil || inv.Role != account.Client || inv.InviterName != coach.Name {
			t.Fatalf("InvitationByToken = (%+v, %v)", inv, err)
		}
		if _, err := f.svc.AcceptInvitation(ctx, token, auth.Acceptance{Name: "Nia", Password: "short"}, f.meta); !errs.Is(err, errs.Invalid) {
			t.Errorf("weak password: got %v, want invalid", err)
		}
		res, err := f.svc.AcceptInvitation(ctx, token, auth.Acceptance{Name: "Nia Okoro", Password: testPassword}, f.meta)
		if err != nil || res.Step != auth.StepDone || res.Session == "" {
			t.Fatalf("client accepting = (%+v, %v), want signed in", res, err)
		}
		c, err := f.practices.Client(ctx, policy.ActorOf(res.User), res.User.ID)
		if err != nil || c.CoachID != coach.ID || c.Stage != practice.StageIntake {
			t.Errorf("care record = (%+v, %v), want coach %d at intake", c, err, coach.ID)
		}
		if _, err := f.svc.AcceptInvitation(ctx, token, auth.Acceptance{Name: "X", Password: testPassword}, f.meta); err != auth.ErrInviteClosed {
			t.Errorf("invitation used twice: got %v, want auth.ErrInviteClosed", err)
		}

		if err := f.svc.Invite(ctx, admin, auth.NewInvitation{Email: "doc@example.org", Role: account.Clinician}); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.Invite(ctx, client, auth.NewInvitation{Email: "doc2@example.org", Role: account.Clinician}); err != nil {
			t.Fatalf("client inviting their clinician: %v", err)
		}
		staffToken := f.tokenFrom(f.emails("doc@example.org")[0], "/invite/")
		res, err = f.svc.AcceptInvitation(ctx, staffToken, auth.Acceptance{Name: "Dr Doc", Password: testPassword}, f.meta)
		if err != nil || res.Step != auth.StepEnrol || res.Session != "" {
			t.Errorf("clinician accepting = (%+v, %v), want auth.StepEnrol and no session", res, err)
		}

		late := f.tokenFrom(f.emails("doc2@example.org")[0], "/invite/")
		f.now = f.now.Add(auth.InvitationTTL + time.Second)
		if _, err := f.svc.InvitationByToken(ctx, late); err != auth.ErrInviteClosed {
			t.Errorf("after 7 days: got %v, want auth.ErrInviteClosed", err)
		}
		// The invitation to an existing account is listed like any other
		// (never sent), so the list does not tell who has an account.
		sent, err := f.svc.SentBy(ctx, coach)
		if err != nil || len(sent) != 2 || sent[0].Status != "accepted" || sent[1].Email != "client@example.org" {
			t.Errorf("SentBy = (%+v, %v), want both invitations listed", sent, err)
		}
	})
}
