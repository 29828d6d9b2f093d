package auth_test

import (
	"context"
	"encoding/json"
	"regexp"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/auth"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/vault"

	"github.com/pquerna/otp/totp"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/jobs"
	"github.com/afterward/afterward/internal/notify"
	"github.com/afterward/afterward/internal/practice"
	"github.com/afterward/afterward/internal/store"
)

const testPassword = "a river of stones 42"

// fixture is a practice on a real database with a real (insert-only) job
// queue; emails are read back from the queued jobs.
type fixture struct {
	t         *testing.T
	db        *store.DB
	now       time.Time
	accounts  *account.Service
	practices *practice.Service
	svc       *auth.Service
	practice  int64
	meta      auth.Meta
}

func newFixture(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	if err := jobs.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	q, err := jobs.New(db, jobs.Config{})
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, db: db, now: time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC), meta: auth.Meta{ClientIP: "192.0.2.7", UserAgent: "test"}}
	clock := func() time.Time { return f.now }
	f.accounts = account.NewService(db, clock)
	f.practices = practice.NewService(db, policy.New(db, clock, nil), clock)
	master, err := vault.NewMasterKey()
	if err != nil {
		t.Fatal(err)
	}
	ring, err := vault.NewKeyring(master)
	if err != nil {
		t.Fatal(err)
	}
	v, err := vault.New(vault.Config{Keys: vault.StaticKeys(ring)})
	if err != nil {
		t.Fatal(err)
	}
	sealer := auth.VaultSealer{Vault: v}
	f.svc = auth.NewService(auth.Deps{DB: db, Now: clock, Accounts: f.accounts, Practices: f.practices, Queue: q, Sealer: sealer,
		BaseURL: "https://care.example.org", Demo: true})
	err = db.InTx(ctx, func(tx *store.Tx) error {
		p, err := f.practices.Create(ctx, tx, practice.Practice{Name: "Test Practice", Slug: "test", TimeZone: "UTC"})
		f.practice = p.ID
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *fixture) user(email string, role account.Role) account.User {
	f.t.Helper()
	var u account.User
	err := f.db.InTx(context.Background(), func(tx *store.Tx) error {
		var err error
		u, err = f.accounts.Create(context.Background(), tx, account.NewUser{PracticeID: f.practice, Email: email,
			Name: "Test " + string(role), Role: role, Password: testPassword})
		if err == nil && role == account.Client {
			err = f.practices.AddClient(context.Background(), tx, practice.NewClient{UserID: u.ID, PracticeID: f.practice})
		}
		return err
	})
	if err != nil {
		f.t.Fatalf("create %s: %v", email, err)
	}
	return u
}

// code is the TOTP code for secret at the fixture's clock plus offset.
func (f *fixture) code(secret string, offset time.Duration) string {
	f.t.Helper()
	c, err := totp.GenerateCodeCustom(secret, f.now.Add(offset), auth.TOTPOpts)
	if err != nil {
		f.t.Fatal(err)
	}
	return c
}

// emails returns the queued emails to an address, oldest first.
func (f *fixture) emails(to string) []notify.Email {
	f.t.Helper()
	args := "json(args)" // riversqlite stores JSONB
	if f.db.Dialect == store.Postgres {
		args = "args::text"
	}
	rows, err := f.db.Reader().Query(context.Background(), `SELECT `+args+` FROM river_job WHERE kind = 'email' ORDER BY id`)
	if err != nil {
		f.t.Fatal(err)
	}
	defer rows.Close()
	var out []notify.Email
	for rows.Next() {
		var raw []byte
		if err := rows.Scan(&raw); err != nil {
			f.t.Fatal(err)
		}
		var args notify.EmailArgs
		if err := json.Unmarshal(raw, &args); err != nil {
			f.t.Fatalf("email job args %s: %v", raw, err)
		}
		if args.Email.To == to {
			out = append(out, args.Email)
		}
	}
	return out
}

var linkRE = regexp.MustCompile(`https://care\.example\.org(/[a-z/]+/)([A-Za-z0-9_-]{20,})`)

// tokenFrom finds the link of the given path prefix in an email and returns
// its token.
func (f *fixture) tokenFrom(e notify.Email, path string) string {
	f.t.Helper()
	for _, m := range linkRE.FindAllStringSubmatch(e.Text, -1) {
		if m[1] == path {
			return m[2]
		}
	}
	f.t.Fatalf("no %s link in email %q", path, e.Subject)
	return ""
}
