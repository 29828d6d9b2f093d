package account_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/practice"
	"github.com/afterward/afterward/internal/store"
)

func TestPasswordHash(t *testing.T) {
	h, err := account.HashPassword("correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q does not record OWASP argon2id parameters", h)
	}
	tests := []struct {
		name, hash, password string
		want                 bool
	}{
		{"right password", h, "correct horse battery staple", true},
		{"wrong password", h, "correct horse battery stapler", false},
		{"empty password", h, "", false},
		{"malformed hash", "$argon2id$nonsense", "correct horse battery staple", false},
		{"other algorithm", "$2b$10$abcdefghijklmnopqrstuv", "x", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := account.VerifyPassword(tc.hash, tc.password); got != tc.want {
				t.Errorf("VerifyPassword = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestPasswordRules(t *testing.T) {
	t.Logf("common-password list: %d entries", account.CommonPasswordCount())
	if n := account.CommonPasswordCount(); n < 10000 {
		t.Fatalf("common-password list has %d entries, want at least 10000", n)
	}
	tests := []struct {
		name, password, want string
	}{
		{"too short", "short-pass1", "at least 12"},
		{"exactly 12", "tidal-moss-9", ""},
		{"common", "qwertyuiop123", "too common"},
		{"common, other case", "QWERTYUIOP123", "too common"},
		{"long and rare", "after the rain the river slows", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := account.PasswordProblem(tc.password)
			if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
				t.Errorf("PasswordProblem(%q) = %q, want %q", tc.password, got, tc.want)
			}
		})
	}
}

type fixture struct {
	db       *store.DB
	svc      *account.Service
	now      time.Time
	practice int64
}

func newFixture(t *testing.T, db *store.DB) *fixture {
	f := &fixture{db: db, now: time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)}
	f.svc = account.NewService(db, func() time.Time { return f.now })
	err := db.InTx(context.Background(), func(tx *store.Tx) error {
		p, err := practice.NewService(db, policy.New(db, func() time.Time { return f.now }, nil), func() time.Time { return f.now }).Create(context.Background(), tx,
			practice.Practice{Name: "Test Practice", Slug: "test", TimeZone: "UTC"})
		f.practice = p.ID
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *fixture) create(t *testing.T, email string, role account.Role) account.User {
	t.Helper()
	var u account.User
	err := f.db.InTx(context.Background(), func(tx *store.Tx) error {
		var err error
		u, err = f.svc.Create(context.Background(), tx, account.NewUser{
			PracticeID: f.practice, Email: email, Name: "Test Person", Role: role, Password: "a river of stones 42"})
		return err
	})
	if err != nil {
		t.Fatalf("create %s: %v", email, err)
	}
	return u
}

func TestCreateAndAuthenticate(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		u := f.create(t, "Coach@Example.org ", account.Coach)
		if u.Email != "coach@example.org" {
			t.Errorf("email stored as %q, want it normalised", u.Email)
		}
		got, err := f.svc.Authenticate(ctx, "COACH@example.org", "a river of stones 42")
		if err != nil || got.ID != u.ID {
			t.Fatalf("Authenticate: got (%v, %v), want user %d", got.ID, err, u.ID)
		}
		_, wrongPassword := f.svc.Authenticate(ctx, "coach@example.org", "a river of stones 43")
		_, noAccount := f.svc.Authenticate(ctx, "nobody@example.org", "a river of stones 42")
		if wrongPassword == nil || noAccount == nil || wrongPassword.Error() != noAccount.Error() {
			t.Errorf("wrong password (%v) and unknown account (%v) must fail with the same error", wrongPassword, noAccount)
		}
		err = db.InTx(ctx, func(tx *store.Tx) error {
			_, err := f.svc.Create(ctx, tx, account.NewUser{PracticeID: f.practice, Email: "coach@example.org",
				Name: "Dup", Role: account.Coach, Password: "a river of stones 42"})
			return err
		})
		if !errs.Is(err, errs.Conflict) {
			t.Errorf("duplicate email: got %v, want a conflict", err)
		}
	})
}

func TestNewUserValidation(t *testing.T) {
	tests := []struct {
		name  string
		in    account.NewUser
		field string
	}{
		{"bad email", account.NewUser{Email: "not-an-email", Name: "A", Role: account.Client, Password: "a river of stones 42"}, "email"},
		{"no name", account.NewUser{Email: "a@example.org", Name: " ", Role: account.Client, Password: "a river of stones 42"}, "name"},
		{"bad role", account.NewUser{Email: "a@example.org", Name: "A", Role: "owner", Password: "a river of stones 42"}, "role"},
		{"short password", account.NewUser{Email: "a@example.org", Name: "A", Role: account.Client, Password: "short"}, "password"},
		{"bad zone", account.NewUser{Email: "a@example.org", Name: "A", Role: account.Client, Password: "a river of stones 42", TimeZone: "Mars/Olympus"}, "time_zone"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.in.Validate()
			var e *errs.Error
			if !errs.Is(err, errs.Invalid) {
				t.Fatalf("got %v, want invalid", err)
			}
			e = err.(*errs.Error)
			if _, ok := e.Fields[tc.field]; !ok {
				t.Errorf("fields %v do not name %q", e.Fields, tc.field)
			}
		})
	}
}

func TestSessionTimeouts(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		coach := f.create(t, "coach@example.org", account.Coach)
		client := f.create(t, "client@example.org", account.Client)
		coachToken, err := f.svc.StartSession(ctx, coach, "127.0.0.1", "test")
		if err != nil {
			t.Fatal(err)
		}
		clientToken, _ := f.svc.StartSession(ctx, client, "127.0.0.1", "test")

		f.now = f.now.Add(29 * time.Minute)
		if _, err := f.svc.SessionByToken(ctx, coachToken); err != nil {
			t.Fatalf("coach session after 29 min idle: %v", err)
		}
		f.now = f.now.Add(29 * time.Minute) // 29 min since last use: still alive (sliding)
		if _, err := f.svc.SessionByToken(ctx, coachToken); err != nil {
			t.Fatalf("coach session used 29 min ago: %v", err)
		}
		f.now = f.now.Add(31 * time.Minute)
		if _, err := f.svc.SessionByToken(ctx, coachToken); !errs.Is(err, errs.Unauthorized) {
			t.Errorf("coach session idle 31 min: got %v, want unauthorized", err)
		}
		if _, err := f.svc.SessionByToken(ctx, clientToken); err != nil {
			t.Errorf("client session after 89 min: %v (clients get longer)", err)
		}
		if _, err := f.svc.SessionByToken(ctx, "forged-token"); !errs.Is(err, errs.Unauthorized) {
			t.Errorf("forged token: got %v, want unauthorized", err)
		}
		n, err := f.svc.ExpireSessions(ctx)
		if err != nil || n != 1 {
			t.Errorf("ExpireSessions = (%d, %v), want 1 expired", n, err)
		}
		if err := f.svc.EndAllSessions(ctx, client.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.SessionByToken(ctx, clientToken); !errs.Is(err, errs.Unauthorized) {
			t.Errorf("after sign-out everywhere: got %v, want unauthorized", err)
		}
	})
}
