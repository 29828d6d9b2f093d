package auth_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/auth"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/practice"
	"github.com/afterward/afterward/internal/store"
)

func (f *fixture) openSignUp() {
	f.t.Helper()
	admin := f.user("admin@example.org", account.Admin)
	if err := f.svc.SetSignUpMode(context.Background(), admin, practice.SignUpOpen); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) signUp(email string) auth.NewSignUp {
	return auth.NewSignUp{Name: "Rowan Vale", Email: email, TimeZone: "Europe/Lisbon", AgreeTerms: true, AgreeNotTherapy: true, PracticeID: f.practice}
}

// deliverSignUps runs every queued sign-up job, as the worker would.
func (f *fixture) deliverSignUps() {
	f.t.Helper()
	ctx := context.Background()
	args := "json(args)"
	if f.db.Dialect == store.Postgres {
		args = "args::text"
	}
	rows, err := f.db.Reader().Query(ctx, `SELECT `+args+` FROM river_job WHERE kind = 'auth_signup' ORDER BY id`)
	if err != nil {
		f.t.Fatal(err)
	}
	var jobs []auth.SignUpArgs
	for rows.Next() {
		var raw []byte
		var a auth.SignUpArgs
		if err := rows.Scan(&raw); err != nil || json.Unmarshal(raw, &a) != nil {
			f.t.Fatalf("sign-up job %s: %v", raw, err)
		}
		jobs = append(jobs, a)
	}
	rows.Close()
	if err := f.db.InTx(ctx, func(tx *store.Tx) error {
		_, err := tx.Exec(ctx, `DELETE FROM river_job WHERE kind = 'auth_signup'`)
		return err
	}); err != nil {
		f.t.Fatal(err)
	}
	for _, a := range jobs {
		if err := f.svc.DeliverSignUp(ctx, a); err != nil {
			f.t.Fatal(err)
		}
	}
}

// TestSignUp: a new address gets a link that creates a client at intake and
// signs them in, once; a known address gets a sign-in link instead; the
// answer is the same for both; invitation-only practices refuse.
func TestSignUp(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		if err := f.svc.SignUp(ctx, f.signUp("new@example.org"), f.meta); err != auth.ErrSignUpClosed {
			t.Fatalf("invitation-only practice: got %v, want ErrSignUpClosed", err)
		}
		f.openSignUp()
		f.user("known@example.org", account.Client)
		f.user("staff@example.org", account.Coach)
		for _, email := range []string{"new@example.org", "known@example.org", "staff@example.org"} {
			if err := f.svc.SignUp(ctx, f.signUp(email), f.meta); err != nil {
				t.Fatalf("sign-up for %s: %v", email, err)
			}
		}
		f.deliverSignUps()
		known := f.emails("known@example.org")
		if len(known) != 1 || known[0].Subject != "Your Afterward sign-in link" {
			t.Fatalf("known address got %+v, want one sign-in link", known)
		}
		if staff := f.emails("staff@example.org"); len(staff) != 1 || staff[0].Subject != "You already have an Afterward account" || strings.Contains(staff[0].Text, "/signin/link/") {
			t.Errorf("staff address got %+v, want a note to sign in with password and code, no link", staff)
		}
		mails := f.emails("new@example.org")
		if len(mails) != 1 {
			t.Fatalf("new address got %d emails, want 1", len(mails))
		}
		token := f.tokenFrom(mails[0], "/signup/")
		if _, err := f.accounts.FindByEmail(ctx, "new@example.org"); !errs.Is(err, errs.NotFound) {
			t.Fatalf("account exists before the link was followed: %v", err)
		}
		res, err := f.svc.CompleteSignUp(ctx, token, f.meta)
		if err != nil || res.Step != auth.StepDone || res.Session == "" {
			t.Fatalf("CompleteSignUp = (%+v, %v)", res, err)
		}
		if res.User.Role != account.Client || res.User.TimeZone != "Europe/Lisbon" || res.User.Name != "Rowan Vale" {
			t.Errorf("new account = %+v", res.User)
		}
		c, err := f.practices.Client(ctx, policy.ActorOf(res.User), res.User.ID)
		if err != nil || c.Stage != practice.StageIntake || c.CoachID != 0 {
			t.Errorf("care record = (%+v, %v), want stage intake, no coach", c, err)
		}
		if _, err := f.svc.CompleteSignUp(ctx, token, f.meta); err != auth.ErrLinkInvalid {
			t.Errorf("second use: got %v, want ErrLinkInvalid", err)
		}
	})
}

// TestSignUpChecks: each missing agreement or bad field is named; the
// throttles stop a burst per address and per network; links expire.
func TestSignUpChecks(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		f.openSignUp()
		bad := auth.NewSignUp{Name: " ", Email: "nope", TimeZone: "Mars/Olympus", PracticeID: f.practice}
		err := f.svc.SignUp(ctx, bad, f.meta)
		var e *errs.Error
		if !errors.As(err, &e) {
			t.Fatalf("bad form: got %v", err)
		}
		for _, field := range []string{"name", "email", "time_zone", "agree_terms", "agree_not_therapy"} {
			if e.Fields[field] == "" {
				t.Errorf("no message for %s in %v", field, e.Fields)
			}
		}
		for i := range auth.SignUpsPerAddress {
			if err := f.svc.SignUp(ctx, f.signUp("burst@example.org"), f.meta); err != nil {
				t.Fatalf("request %d: %v", i+1, err)
			}
		}
		if err := f.svc.SignUp(ctx, f.signUp("burst@example.org"), f.meta); err != auth.ErrTooManySignUps {
			t.Errorf("request past the address limit: got %v, want ErrTooManySignUps", err)
		}
		other := auth.Meta{ClientIP: "198.51.100.9"}
		for i := range auth.SignUpsPerNetwork {
			if err := f.svc.SignUp(ctx, f.signUp(fmt.Sprintf("n%d@example.org", i)), other); err != nil {
				t.Fatalf("network request %d: %v", i+1, err)
			}
		}
		if err := f.svc.SignUp(ctx, f.signUp("fresh@example.org"), other); err != auth.ErrTooManySignUps {
			t.Errorf("request past the network limit: got %v, want ErrTooManySignUps", err)
		}
		f.deliverSignUps()
		token := f.tokenFrom(f.emails("burst@example.org")[0], "/signup/")
		f.now = f.now.Add(auth.SignUpTTL + time.Second)
		if _, err := f.svc.CompleteSignUp(ctx, token, f.meta); err != auth.ErrLinkInvalid {
			t.Errorf("expired link: got %v, want ErrLinkInvalid", err)
		}
	})
}
