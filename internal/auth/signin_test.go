package auth_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/auth"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

// TestStaffEnrolAndTwoStep: a coach without TOTP is sent to enrol before any
// session exists; after enrolment every sign-in needs a code, codes cannot
// be replayed, and recovery codes work once each.
func TestStaffEnrolAndTwoStep(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		coach := f.user("coach@example.org", account.Coach)

		res, err := f.svc.SignIn(ctx, "coach@example.org", testPassword, f.meta)
		if err != nil || res.Step != auth.StepEnrol || res.Session != "" || res.Pending == "" {
			t.Fatalf("first sign-in = (%+v, %v), want auth.StepEnrol with a pending token and no session", res, err)
		}
		e, err := f.svc.PendingEnrolment(ctx, res.Pending)
		if err != nil || len(e.Secret) != 32 || !strings.HasPrefix(e.URL, "otpauth://totp/") || len(e.PNG) == 0 {
			t.Fatalf("PendingEnrolment = (%q, %q, %d bytes, %v)", e.Secret, e.URL, len(e.PNG), err)
		}
		again, _ := f.svc.PendingEnrolment(ctx, res.Pending)
		if again.Secret != e.Secret {
			t.Error("reloading the enrolment page changed the secret")
		}
		var sealed []byte
		if err := db.Reader().QueryRow(ctx, `SELECT secret_sealed FROM totp_credentials WHERE user_id = ?`, coach.ID).Scan(&sealed); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(sealed), e.Secret) {
			t.Error("the TOTP secret is stored in plaintext")
		}
		if _, err := f.svc.CompleteEnrolment(ctx, res.Pending, "000000", f.meta); !errs.Is(err, errs.Invalid) {
			t.Errorf("wrong enrolment code: got %v, want invalid", err)
		}
		done, err := f.svc.CompleteEnrolment(ctx, res.Pending, f.code(e.Secret, 0), f.meta)
		if err != nil || done.Step != auth.StepDone || done.Session == "" || len(done.RecoveryCodes) != auth.RecoveryCodeCount {
			t.Fatalf("CompleteEnrolment = (%+v, %v)", done, err)
		}
		if _, err := f.accounts.SessionByToken(ctx, done.Session); err != nil {
			t.Errorf("session after enrolment: %v", err)
		}
		if _, err := f.svc.CompleteEnrolment(ctx, res.Pending, f.code(e.Secret, 30*time.Second), f.meta); err == nil {
			t.Error("the pending token worked twice")
		}

		// Same 30-second step: the code already used must be refused.
		next, err := f.svc.SignIn(ctx, "coach@example.org", testPassword, f.meta)
		if err != nil || next.Step != auth.StepTOTP {
			t.Fatalf("second sign-in = (%+v, %v), want auth.StepTOTP", next, err)
		}
		if _, err := f.svc.SecondFactor(ctx, next.Pending, f.code(e.Secret, 0), f.meta); !errs.Is(err, errs.Invalid) {
			t.Errorf("replayed code: got %v, want invalid", err)
		}
		f.now = f.now.Add(30 * time.Second)
		signed, err := f.svc.SecondFactor(ctx, next.Pending, f.code(e.Secret, 0), f.meta)
		if err != nil || signed.Session == "" {
			t.Fatalf("fresh code: (%+v, %v)", signed, err)
		}

		third, _ := f.svc.SignIn(ctx, "coach@example.org", testPassword, f.meta)
		rc := strings.ToUpper(done.RecoveryCodes[3])
		if r, err := f.svc.SecondFactor(ctx, third.Pending, rc, f.meta); err != nil || r.Session == "" {
			t.Fatalf("recovery code: (%+v, %v)", r, err)
		}
		fourth, _ := f.svc.SignIn(ctx, "coach@example.org", testPassword, f.meta)
		if _, err := f.svc.SecondFactor(ctx, fourth.Pending, rc, f.meta); !errs.Is(err, errs.Invalid) {
			t.Errorf("recovery code used twice: got %v, want invalid", err)
		}
		st, err := f.svc.Status(ctx, coach)
		if err != nil || !st.Enabled || st.RecoveryLeft != auth.RecoveryCodeCount-1 || st.CanTurnOff {
			t.Errorf("Status = (%+v, %v), want on, 9 codes left, not removable by staff", st, err)
		}
		f.now = f.now.Add(auth.PendingTTL + time.Second)
		if _, err := f.svc.SecondFactor(ctx, fourth.Pending, f.code(e.Secret, 0), f.meta); err != auth.ErrStepExpired {
			t.Errorf("pending sign-in after 5 minutes: got %v, want auth.ErrStepExpired", err)
		}
	})
}

// TestClientSignIn: clients without TOTP are signed in by the password;
// with TOTP turned on they get the code step; they may turn it off again.
func TestClientSignIn(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		client := f.user("client@example.org", account.Client)
		res, err := f.svc.SignIn(ctx, "Client@Example.org", testPassword, f.meta)
		if err != nil || res.Step != auth.StepDone || res.Session == "" {
			t.Fatalf("client sign-in = (%+v, %v), want signed in", res, err)
		}
		e, err := f.svc.StartEnrolment(ctx, client)
		if err != nil {
			t.Fatal(err)
		}
		codes, err := f.svc.ConfirmEnrolment(ctx, client, f.code(e.Secret, 0))
		if err != nil || len(codes) != auth.RecoveryCodeCount {
			t.Fatalf("ConfirmEnrolment = (%d codes, %v)", len(codes), err)
		}
		if res, _ := f.svc.SignIn(ctx, "client@example.org", testPassword, f.meta); res.Step != auth.StepTOTP {
			t.Errorf("with TOTP on: step %q, want totp", res.Step)
		}
		if err := f.svc.TurnOff(ctx, client, client.ID, "", f.meta); !errs.Is(err, errs.Invalid) {
			t.Errorf("turning two-step off without the password: got %v, want invalid", err)
		}
		if err := f.svc.TurnOff(ctx, client, client.ID, "not the password", f.meta); !errs.Is(err, errs.Invalid) {
			t.Errorf("turning two-step off with a wrong password: got %v, want invalid", err)
		}
		if err := f.svc.TurnOff(ctx, client, client.ID, testPassword, f.meta); err != nil {
			t.Fatalf("client turning two-step off: %v", err)
		}
		if res, _ := f.svc.SignIn(ctx, "client@example.org", testPassword, f.meta); res.Step != auth.StepDone {
			t.Errorf("after turning off: step %q, want done", res.Step)
		}
	})
}

// TestTurnOffRules: staff cannot remove their own second factor; an admin
// can reset it for staff of their practice (who must enrol again), and
// nobody else can.
func TestTurnOffRules(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		admin := f.user("admin@example.org", account.Admin)
		coach := f.user("coach@example.org", account.Coach)
		other := f.user("coach2@example.org", account.Coach)
		client := f.user("client@example.org", account.Client)
		if err := db.InTx(ctx, func(tx *store.Tx) error { return f.svc.InstallDemoTOTP(ctx, tx, coach.ID) }); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name  string
			actor account.User
			kind  errs.Kind
		}{
			{"coach on self", coach, errs.Forbidden},
			{"other coach", other, errs.NotFound},
			{"client on coach", client, errs.NotFound},
			{"admin on coach", admin, -1},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				err := f.svc.TurnOff(ctx, tc.actor, coach.ID, testPassword, f.meta)
				if tc.kind == -1 {
					if err != nil {
						t.Fatalf("got %v, want success", err)
					}
					return
				}
				if !errs.Is(err, tc.kind) {
					t.Errorf("got %v, want %v", err, tc.kind)
				}
			})
		}
		if res, _ := f.svc.SignIn(ctx, "coach@example.org", testPassword, f.meta); res.Step != auth.StepEnrol {
			t.Errorf("after admin reset: step %q, want enrol", res.Step)
		}
	})
}

// TestThrottle: five failures lock the account for 15 minutes whether or
// not it exists, with the same message as a wrong password even for the
// right one; the owner is emailed once; the lock passes, and doubles the
// next time.
func TestThrottle(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		f.user("client@example.org", account.Client)
		for _, email := range []string{"client@example.org", "ghost@example.org"} {
			for i := 0; i < auth.AccountFailures; i++ {
				if _, err := f.svc.SignIn(ctx, email, "wrong password here", f.meta); err != auth.ErrSignIn {
					t.Fatalf("%s attempt %d: got %v, want auth.ErrSignIn", email, i+1, err)
				}
			}
		}
		_, lockedRight := f.svc.SignIn(ctx, "client@example.org", testPassword, f.meta)
		_, lockedGhost := f.svc.SignIn(ctx, "ghost@example.org", testPassword, f.meta)
		if lockedRight != auth.ErrSignIn || lockedGhost != auth.ErrSignIn {
			t.Errorf("locked: right password got %v, unknown got %v; want auth.ErrSignIn for both", lockedRight, lockedGhost)
		}
		mails := f.emails("client@example.org")
		if len(mails) != 1 || !strings.Contains(mails[0].Text, "https://care.example.org/reset") {
			t.Fatalf("lockout emails = %+v, want one with the reset link", mails)
		}
		f.now = f.now.Add(auth.FirstLockout + time.Second)
		if res, err := f.svc.SignIn(ctx, "client@example.org", testPassword, f.meta); err != nil || res.Step != auth.StepDone {
			t.Fatalf("after the lockout: (%+v, %v), want signed in", res, err)
		}
		for i := 0; i < auth.AccountFailures; i++ {
			_, _ = f.svc.SignIn(ctx, "ghost@example.org", "wrong password here", f.meta)
		}
		f.now = f.now.Add(auth.FirstLockout + time.Second)
		if !auth.AccountLocked(ctx, db, "ghost@example.org", f.meta.ClientIP, f.now) {
			t.Error("second lockout did not last longer than the first")
		}
	})
}

// TestLockoutIsPerClientAddress: wrong passwords from one network pause
// sign-in to that account from that network only; the owner (staff
// included) signs in from elsewhere, so nobody can lock a person out.
func TestLockoutIsPerClientAddress(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		f.user("client@example.org", account.Client)
		for i := 0; i < auth.AccountFailures; i++ {
			_ = f.failedAttempt(ctx, "client@example.org")
		}
		if _, err := f.svc.SignIn(ctx, "client@example.org", testPassword, f.meta); err != auth.ErrSignIn {
			t.Errorf("from the attacking address: got %v, want paused (auth.ErrSignIn)", err)
		}
		home := auth.Meta{ClientIP: "203.0.113.50"}
		if res, err := f.svc.SignIn(ctx, "client@example.org", testPassword, home); err != nil || res.Step != auth.StepDone {
			t.Errorf("the owner from their own network: (%+v, %v), want signed in", res, err)
		}
	})
}

// TestAddressThrottle: one client address that fails auth.AddressFailures times
// across many accounts is refused for a while.
func TestAddressThrottle(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		f.user("client@example.org", account.Client)
		for i := 0; i < auth.AddressFailures; i++ {
			email := strings.Repeat("x", i%20+1) + "@example.org"
			if i%2 == 1 {
				email = "y" + email
			}
			_ = f.failedAttempt(ctx, email)
		}
		if _, err := f.svc.SignIn(ctx, "client@example.org", testPassword, f.meta); err != auth.ErrTooMany {
			t.Errorf("after %d failures from one address: got %v, want auth.ErrTooMany", auth.AddressFailures, err)
		}
		other := auth.Meta{ClientIP: "198.51.100.9"}
		if _, err := f.svc.SignIn(ctx, "client@example.org", testPassword, other); err != nil {
			t.Errorf("another address: %v", err)
		}
	})
}

// failedAttempt records a failure without paying for argon2 fifty times.
func (f *fixture) failedAttempt(ctx context.Context, email string) error {
	return f.svc.Failed(ctx, email, f.meta)
}
