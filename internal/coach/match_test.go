package coach_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/coach"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/jobs"
	"github.com/afterward/afterward/internal/store"
)

func matchFor(w *world, client int64) coach.MatchRequest {
	return coach.MatchRequest{ClientID: client, PracticeID: w.practice, IntakeAt: now.Add(-2 * time.Hour), ExperienceAt: now.Add(-20 * time.Hour),
		Substance: "psilocybin", Context: "legal_service", Language: "en", Format: "video", BudgetMinor: 130_00, Disposition: coach.DispositionCoaching}
}

func TestSuggestRanksAndExplains(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		soon := validProfile("Soon Coach") // Monday 14:00 UTC: today, within 72 h
		late := validProfile("Late Coach")
		late.Weekly = []coach.Window{{Weekday: time.Friday, Start: 9 * 60, End: 10 * 60}} // after the due time
		spanish := validProfile("Spanish Only")
		spanish.Languages = []string{"es"}
		unverified := validProfile("Unverified")
		a := w.verifiedCoach(t, "soon", soon, 120)
		b := w.verifiedCoach(t, "late", late, 120)
		w.verifiedCoach(t, "spanish", spanish, 120)
		w.verifiedCoach(t, "unverified", unverified, 20)
		client := w.client(t, "client")

		got, err := w.svc.Suggest(ctx, matchFor(w, client.UserID))
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0].Coach.CoachID != a.UserID || got[1].Coach.CoachID != b.UserID {
			t.Fatalf("suggestions = %v, want soon then late (language and verification are required)", names(got))
		}
		if !got[0].BeforeDue || got[1].BeforeDue {
			t.Errorf("before due = %v, %v; want true, false", got[0].BeforeDue, got[1].BeforeDue)
		}
		if want := time.Date(2026, 6, 1, 14, 0, 0, 0, time.UTC); !got[0].Slot.Equal(want) {
			t.Errorf("slot = %v, want %v", got[0].Slot, want)
		}
		if len(got[0].Reasons) < 4 {
			t.Errorf("reasons = %v, want slot, substance, context, language, format, budget", got[0].Reasons)
		}
		m := matchFor(w, client.UserID)
		m.Disposition = "refer_clinical"
		if _, err := w.svc.Suggest(ctx, m); !errs.Is(err, errs.Conflict) {
			t.Errorf("referred-out intake: got %v, want conflict", err)
		}
	})
}

func names(ss []coach.Suggestion) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.Coach.Name)
	}
	return out
}

func TestRequestAcceptDeclineExpire(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		w.use(coach.Deps{RespondWithin: 4 * time.Hour})
		ctx := context.Background()
		first := w.verifiedCoach(t, "first", validProfile("First Coach"), 120)
		second := w.verifiedCoach(t, "second", validProfile("Second Coach"), 120)
		client := w.client(t, "client")
		stranger := w.client(t, "stranger")
		m := matchFor(w, client.UserID)

		if _, err := w.svc.RequestCoach(ctx, stranger, m, first.UserID); !errs.Is(err, errs.NotFound) {
			t.Errorf("another client requests for this client: got %v, want not found", err)
		}
		r, err := w.svc.RequestCoach(ctx, client, m, first.UserID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.RequestCoach(ctx, client, m, second.UserID); !errs.Is(err, errs.Conflict) {
			t.Errorf("second waiting request: got %v, want conflict", err)
		}
		if _, err := w.svc.Respond(ctx, second, r.ID, true); !errs.Is(err, errs.NotFound) {
			t.Errorf("other coach answers: got %v, want not found", err)
		}
		w.clock = now.Add(5 * time.Hour) // past the answer time
		if n, err := w.svc.ExpireRequests(ctx); err != nil || n != 1 {
			t.Fatalf("expired %d (%v), want 1", n, err)
		}
		if _, err := w.svc.Respond(ctx, first, r.ID, true); !errs.Is(err, errs.Conflict) {
			t.Errorf("answer after expiry: got %v, want conflict", err)
		}
		got, _ := w.svc.Suggest(ctx, m)
		if len(got) != 1 || got[0].Coach.CoachID != second.UserID {
			t.Fatalf("after expiry suggestions = %v, want only the second coach", names(got))
		}
		r2, err := w.svc.RequestCoach(ctx, client, m, second.UserID)
		if err != nil {
			t.Fatal(err)
		}
		pending, _ := w.svc.PendingForCoach(ctx, second)
		if len(pending) != 1 || pending[0].ClientName != "client" {
			t.Fatalf("pending = %+v, want the client's request", pending)
		}
		accepted, err := w.svc.Respond(ctx, second, r2.ID, true)
		if err != nil {
			t.Fatal(err)
		}
		if accepted.Status != coach.RequestAccepted || accepted.FirstSessionAt == nil || accepted.AppointmentID == 0 {
			t.Fatalf("accepted = %+v; want a booked first session", accepted)
		}
		checkBooked(t, w, accepted)
		var coachID int64
		if err := db.Reader().QueryRow(ctx, `SELECT coach_id FROM clients WHERE user_id = ?`, client.UserID).Scan(&coachID); err != nil || coachID != second.UserID {
			t.Errorf("client's coach = %d (%v), want %d", coachID, err, second.UserID)
		}
		waits, err := w.svc.Waits(ctx, w.admin)
		if err != nil || len(waits) != 1 {
			t.Fatalf("waits = %v, %v", waits, err)
		}
		if wait, ok := waits[0].Wait(); !ok || wait != accepted.FirstSessionAt.Sub(m.IntakeAt) {
			t.Errorf("wait = %v, want first session minus intake", wait)
		}
	})
}

func TestAssignDirect(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		c := w.verifiedCoach(t, "direct", validProfile("Direct Coach"), 0) // admins may assign coaches in training
		client := w.client(t, "client")
		if _, err := w.svc.AssignDirect(ctx, c, client.UserID, c.UserID, now); !errs.Is(err, errs.Forbidden) {
			t.Errorf("coach assigns: got %v, want forbidden", err)
		}
		if _, err := w.svc.AssignDirect(ctx, w.otherPrac, client.UserID, c.UserID, now); !errs.Is(err, errs.NotFound) {
			t.Errorf("other practice assigns: got %v, want not found", err)
		}
		if _, err := w.svc.AssignDirect(ctx, w.admin, client.UserID, 0, now); !errs.Is(err, errs.Invalid) {
			t.Errorf("unknown coach: got %v, want a field error", err)
		}
		r, err := w.svc.AssignDirect(ctx, w.admin, client.UserID, c.UserID, now.Add(-time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if r.Status != coach.RequestAccepted || r.FirstSessionAt == nil {
			t.Fatalf("got %+v, want accepted with a first session", r)
		}
		checkBooked(t, w, r)
	})
}

// checkBooked: an accepted request's first session is a live appointment
// row of that client with that coach at that time, not just a claim.
func checkBooked(t *testing.T, w *world, r coach.Request) {
	t.Helper()
	var clientID, coachID int64
	var start time.Time
	var status string
	err := w.db.Reader().QueryRow(context.Background(), `SELECT client_id, coach_id, starts_at, status FROM appointments WHERE id = ?`, r.AppointmentID).
		Scan(&clientID, &coachID, &start, &status)
	if err != nil || clientID != r.ClientID || coachID != r.CoachID || !start.Equal(*r.FirstSessionAt) || status != "booked" {
		t.Fatalf("appointment %d: client %d coach %d at %v %q (%v); want the request's client, coach and time, booked",
			r.AppointmentID, clientID, coachID, start, status, err)
	}
}

// TestAcceptBooksChosenEarliestOrNothing: accepting books the client's
// chosen time when it is still open, else the earliest open time before
// the first session is due; with no open time before then, nothing is
// assigned or booked, the coach is told plainly and the admins alerted.
func TestAcceptBooksChosenEarliestOrNothing(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if err := jobs.Migrate(ctx, db); err != nil {
			t.Fatal(err)
		}
		queue, err := jobs.New(db, jobs.Config{})
		if err != nil {
			t.Fatal(err)
		}
		w := newWorld(t, db)
		w.use(coach.Deps{Queue: queue, BaseURL: "https://care.example.org"})
		soon := w.verifiedCoach(t, "soon", validProfile("Soon Coach"), 120) // Mon 14–18, Wed 9–12 UTC
		late := validProfile("Late Coach")
		late.Weekly = []coach.Window{{Weekday: time.Friday, Start: 9 * 60, End: 10 * 60}} // after the due time (Wed 16:00)
		lateCoach := w.verifiedCoach(t, "late", late, 120)
		chooser, earliest, unlucky := w.client(t, "chooser"), w.client(t, "earliest"), w.client(t, "unlucky")

		wanted := time.Date(2026, 6, 1, 16, 0, 0, 0, time.UTC)
		if _, err := w.svc.RequestCoachAt(ctx, chooser, matchFor(w, chooser.UserID), soon.UserID, wanted.Add(5*time.Minute)); !errs.Is(err, errs.Invalid) {
			t.Errorf("a time that is not offered: %v, want a field error", err)
		}
		r1, err := w.svc.RequestCoachAt(ctx, chooser, matchFor(w, chooser.UserID), soon.UserID, wanted)
		if err != nil {
			t.Fatal(err)
		}
		r2, err := w.svc.RequestCoach(ctx, earliest, matchFor(w, earliest.UserID), soon.UserID)
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			id   int64
			want time.Time
		}{{r1.ID, wanted}, {r2.ID, time.Date(2026, 6, 1, 14, 0, 0, 0, time.UTC)}} {
			got, err := w.svc.Respond(ctx, soon, tc.id, true)
			if err != nil {
				t.Fatal(err)
			}
			if !got.FirstSessionAt.Equal(tc.want) {
				t.Errorf("%s's first session at %v, want %v", got.ClientName, got.FirstSessionAt, tc.want)
			}
			checkBooked(t, w, got)
		}

		r3, err := w.svc.RequestCoach(ctx, unlucky, matchFor(w, unlucky.UserID), lateCoach.UserID)
		if err != nil {
			t.Fatal(err)
		}
		_, err = w.svc.Respond(ctx, lateCoach, r3.ID, true)
		if !errs.Is(err, errs.Conflict) || !strings.Contains(err.Error(), "Nothing was booked") || !strings.Contains(err.Error(), "before the first session is due") {
			t.Fatalf("accept without an open time: %v; want a plain conflict", err)
		}
		var appts, pending, emails int
		var coachID sql.NullInt64
		q := db.Reader()
		_ = q.QueryRow(ctx, `SELECT COUNT(*) FROM appointments WHERE client_id = ?`, unlucky.UserID).Scan(&appts)
		_ = q.QueryRow(ctx, `SELECT COUNT(*) FROM coach_requests WHERE id = ? AND status = 'pending'`, r3.ID).Scan(&pending)
		_ = q.QueryRow(ctx, `SELECT coach_id FROM clients WHERE user_id = ?`, unlucky.UserID).Scan(&coachID)
		_ = q.QueryRow(ctx, `SELECT COUNT(*) FROM river_job WHERE kind = 'email'`).Scan(&emails)
		if appts != 0 || pending != 1 || coachID.Valid || emails != 1 {
			t.Errorf("after a refused accept: %d appointments, pending %d, coach %v, %d emails; want 0, 1, none, 1 (the admin's alert)", appts, pending, coachID, emails)
		}
	})
}
