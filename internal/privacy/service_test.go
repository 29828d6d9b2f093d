package privacy_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/jobs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/privacy"
	"github.com/afterward/afterward/internal/store"
)

var now = time.Date(2026, 3, 2, 15, 0, 0, 0, time.UTC)

type fixture struct {
	svc *privacy.Service
	p   apptest.People
}

// newFixture builds the service on db with a practice of people (no
// regulated programme, so nothing is held back by retention).
func newFixture(t *testing.T, db *store.DB) fixture {
	t.Helper()
	clock := func() time.Time { return now }
	if err := jobs.Migrate(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	queue, err := jobs.New(db, jobs.Config{}) // enqueues only
	if err != nil {
		t.Fatal(err)
	}
	svc := privacy.NewService(privacy.Deps{DB: db, Vault: apptest.MustVault(t, clock), Jobs: queue, Now: clock, BaseURL: "https://care.example.org",
		Exporters: []privacy.Exporter{privacy.AccountExporter{}, privacy.AccessExporter{}}})
	return fixture{svc: svc, p: apptest.MustPeople(t, db, now)}
}

// fieldOf is the field an Invalid error names ("" for any other error).
func fieldOf(err error) string {
	var e *errs.Error
	if !errors.As(err, &e) || e.Kind != errs.Invalid {
		return ""
	}
	for f := range e.Fields {
		return f
	}
	return ""
}

// TestOnlyTheClientActsOnTheirOwnRecord: erasure, export and the access
// history are the client's own; staff are refused.
func TestOnlyTheClientActsOnTheirOwnRecord(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		calls := []struct {
			name string
			call func(a policy.Actor) error
		}{
			{"erasure status", func(a policy.Actor) error { _, err := f.svc.ErasureStatus(ctx, a); return err }},
			{"access history", func(a policy.Actor) error { _, err := f.svc.AccessHistory(ctx, a, 10); return err }},
			{"export", func(a policy.Actor) error { _, err := f.svc.Export(ctx, a); return err }},
			{"cancel erasure", func(a policy.Actor) error { return f.svc.CancelErasure(ctx, a) }},
		}
		actors := []struct {
			name    string
			actor   policy.Actor
			allowed bool
		}{
			{"client", f.p.Client, true},
			{"coach", f.p.Coach, false},
			{"admin", f.p.Admin, false},
			{"clinician", f.p.Clinician, false},
		}
		for _, c := range calls {
			for _, a := range actors {
				t.Run(c.name+" as "+a.name, func(t *testing.T) {
					err := c.call(a.actor)
					if a.allowed && err != nil {
						t.Fatalf("got %v, want allowed", err)
					}
					if !a.allowed && !errs.Is(err, errs.Forbidden) {
						t.Fatalf("got %v, want forbidden", err)
					}
				})
			}
		}
	})
}

// TestErasureNeedsConfirmationAndCanBeCancelled: an unconfirmed request
// names the confirm field; a confirmed one is scheduled after the grace
// period, and cancelling it leaves nothing open.
func TestErasureNeedsConfirmationAndCanBeCancelled(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		if _, err := f.svc.RequestErasure(ctx, f.p.Client, false); fieldOf(err) != "confirm" {
			t.Fatalf("unconfirmed: got %v, want an error naming confirm", err)
		}
		e, err := f.svc.RequestErasure(ctx, f.p.Client, true)
		if err != nil {
			t.Fatal(err)
		}
		if !e.DueAt.After(now) {
			t.Errorf("due %v, want after the request at %v (grace period)", e.DueAt, now)
		}
		if open, err := f.svc.ErasureStatus(ctx, f.p.Client); err != nil || open == nil {
			t.Fatalf("status after the request: %v, %v; want the open request", open, err)
		}
		if err := f.svc.CancelErasure(ctx, f.p.Client); err != nil {
			t.Fatal(err)
		}
		if open, err := f.svc.ErasureStatus(ctx, f.p.Client); err != nil || open != nil {
			t.Fatalf("status after cancelling: %v, %v; want none", open, err)
		}
	})
}

// TestBreakGlass: only an admin, with a real reason and an allowed
// duration, for a client of their practice; the grant is then active.
func TestBreakGlass(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		reason := "Urgent safety alert and the coach cannot be reached"
		for _, tc := range []struct {
			name      string
			actor     policy.Actor
			req       privacy.BreakGlassRequest
			wantKind  errs.Kind
			wantField string
		}{
			{"a coach is refused", f.p.Coach, privacy.BreakGlassRequest{ClientID: f.p.Client.UserID, Reason: reason, Minutes: 30}, errs.Forbidden, ""},
			{"no client", f.p.Admin, privacy.BreakGlassRequest{Reason: reason, Minutes: 30}, errs.Invalid, "client"},
			{"a short reason", f.p.Admin, privacy.BreakGlassRequest{ClientID: f.p.Client.UserID, Reason: "  safety  ", Minutes: 30}, errs.Invalid, "reason"},
			{"a long reason", f.p.Admin, privacy.BreakGlassRequest{ClientID: f.p.Client.UserID, Reason: strings.Repeat("x", 1001), Minutes: 30}, errs.Invalid, "reason"},
			{"45 minutes", f.p.Admin, privacy.BreakGlassRequest{ClientID: f.p.Client.UserID, Reason: reason, Minutes: 45}, errs.Invalid, "minutes"},
			{"a user who is not a client", f.p.Admin, privacy.BreakGlassRequest{ClientID: f.p.Coach.UserID, Reason: reason, Minutes: 30}, errs.NotFound, ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := f.svc.StartBreakGlass(ctx, tc.actor, tc.req)
				if !errs.Is(err, tc.wantKind) {
					t.Fatalf("got %v, want %v", err, tc.wantKind)
				}
				if got := fieldOf(err); got != tc.wantField {
					t.Errorf("field %q, want %q", got, tc.wantField)
				}
			})
		}
		b, err := f.svc.StartBreakGlass(ctx, f.p.Admin, privacy.BreakGlassRequest{ClientID: f.p.Client.UserID, Reason: reason, Minutes: 15})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := b.ExpiresAt.Sub(b.StartsAt), 15*time.Minute; got != want {
			t.Errorf("grant lasts %v, want %v", got, want)
		}
		active, err := f.svc.ActiveBreakGlass(ctx, f.p.Client.UserID)
		if err != nil || len(active) != 1 || active[0].Reason != reason {
			t.Fatalf("active grants: %+v, %v; want the one with its reason", active, err)
		}
	})
}
