package practice_test

import (
	"context"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/audit"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/practice"
	"github.com/afterward/afterward/internal/store"
)

var now = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)

// allowed marks a case that succeeds (errs has no kind for "no error").
const allowed errs.Kind = -1

// TestClientIsAuthorized: one client's roster entry goes to the client,
// their coach and the practice admin, audited; anyone else gets not found
// and nothing — on both engines.
func TestClientIsAuthorized(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		clock := func() time.Time { return now }
		p := apptest.MustPeople(t, db, now, policy.Scores) // Client shares scores with Clinician
		svc := practice.NewService(db, policy.New(db, clock, nil), clock)
		for _, tc := range []struct {
			name     string
			actor    policy.Actor
			of       policy.Actor // the client read; Client unless set
			wantKind errs.Kind
		}{
			{"the client", p.Client, policy.Actor{}, allowed},
			{"their coach", p.Coach, policy.Actor{}, allowed},
			{"the practice admin", p.Admin, policy.Actor{}, allowed},
			{"a clinician the client shares with", p.Clinician, policy.Actor{}, allowed},
			{"another coach", p.OtherCoach, policy.Actor{}, errs.NotFound},
			{"another client", p.OtherClient, policy.Actor{}, errs.NotFound},
			{"a clinician the client shares nothing with", p.Clinician, p.OtherClient, errs.NotFound},
		} {
			t.Run(tc.name, func(t *testing.T) {
				if tc.of.UserID == 0 {
					tc.of = p.Client
				}
				before := countEvents(t, db, tc.of.UserID)
				c, err := svc.Client(ctx, tc.actor, tc.of.UserID)
				if tc.wantKind != allowed {
					if !errs.Is(err, tc.wantKind) || c.Name != "" {
						t.Fatalf("Client = (%+v, %v), want %s and nothing", c, err, tc.wantKind)
					}
					return
				}
				if err != nil || c.UserID != p.Client.UserID || c.Name != "Client One" || c.CoachID != p.Coach.UserID {
					t.Fatalf("Client = (%+v, %v), want Client One coached by %d", c, err, p.Coach.UserID)
				}
				if got := countEvents(t, db, tc.of.UserID); got != before+1 {
					t.Errorf("audit events for the client = %d, want %d (the read recorded)", got, before+1)
				}
			})
		}
	})
}

// TestRosterLists: a coach lists only their own clients (anyone else has
// none), an admin the practice; other roles are refused the practice
// roster — on both engines.
func TestRosterLists(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		clock := func() time.Time { return now }
		p := apptest.MustPeople(t, db, now)
		svc := practice.NewService(db, policy.New(db, clock, nil), clock)
		names := func(cs []practice.Client) map[string]bool {
			m := map[string]bool{}
			for _, c := range cs {
				m[c.Name] = true
			}
			return m
		}
		for _, tc := range []struct {
			name     string
			list     func() ([]practice.Client, error)
			want     []string
			wantKind errs.Kind
		}{
			{"coach's own clients", func() ([]practice.Client, error) { return svc.ClientsOfCoach(ctx, p.Coach) }, []string{"Client One", "Client Two"}, allowed},
			{"other coach's clients", func() ([]practice.Client, error) { return svc.ClientsOfCoach(ctx, p.OtherCoach) }, []string{"Other Client"}, allowed},
			{"admin has no clients of their own", func() ([]practice.Client, error) { return svc.ClientsOfCoach(ctx, p.Admin) }, nil, allowed},
			{"coach's own roster", func() ([]practice.Client, error) { return svc.Roster(ctx, p.Coach) }, []string{"Client One", "Client Two"}, allowed},
			{"other coach's roster", func() ([]practice.Client, error) { return svc.Roster(ctx, p.OtherCoach) }, []string{"Other Client"}, allowed},
			{"admin has no roster", func() ([]practice.Client, error) { return svc.Roster(ctx, p.Admin) }, nil, allowed},
			{"admin's practice roster", func() ([]practice.Client, error) { return svc.ClientsOfPractice(ctx, p.Admin) }, []string{"Client One", "Client Two", "Other Client"}, allowed},
			{"coach has no practice roster", func() ([]practice.Client, error) { return svc.ClientsOfPractice(ctx, p.Coach) }, nil, errs.Forbidden},
			{"client has no practice roster", func() ([]practice.Client, error) { return svc.ClientsOfPractice(ctx, p.Client) }, nil, errs.Forbidden},
		} {
			t.Run(tc.name, func(t *testing.T) {
				got, err := tc.list()
				if tc.wantKind != allowed {
					if !errs.Is(err, tc.wantKind) || len(got) != 0 {
						t.Fatalf("list = (%d clients, %v), want %s", len(got), err, tc.wantKind)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				if g := names(got); len(g) != len(tc.want) {
					t.Fatalf("listed %v, want %v", g, tc.want)
				} else {
					for _, n := range tc.want {
						if !g[n] {
							t.Errorf("listed %v, lacks %q", g, n)
						}
					}
				}
			})
		}
	})
}

func countEvents(t *testing.T, db *store.DB, clientID int64) int {
	t.Helper()
	events, err := audit.ListForClient(context.Background(), db.Reader(), clientID, 500)
	if err != nil {
		t.Fatal(err)
	}
	return len(events)
}
