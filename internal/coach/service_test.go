package coach_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/coach"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

func TestSaveProfileScreensBeforePublishing(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		tests := []struct {
			name       string
			bio        string
			wantStatus coach.Status
			wantFlags  int
		}{
			{"clean bio is published", "I help you connect insights to daily patterns.", coach.Published, 0},
			{"guarantee waits for review", "I guarantee you will feel better. Book now.", coach.PendingReview, 1},
		}
		for i, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				a := w.coachUser(t, "c"+string(rune('a'+i)))
				p := validProfile("Coach " + tc.name)
				p.Bio = tc.bio
				got, err := w.svc.SaveProfile(ctx, a, p)
				if err != nil {
					t.Fatal(err)
				}
				if got.Status != tc.wantStatus || len(got.Flags) != tc.wantFlags {
					t.Fatalf("got status %s with %d flags, want %s with %d", got.Status, len(got.Flags), tc.wantStatus, tc.wantFlags)
				}
				_, err = w.svc.Public(ctx, a.UserID)
				if public := err == nil; public != (tc.wantStatus == coach.Published) {
					t.Errorf("public = %v (err %v), want %v", public, err, tc.wantStatus == coach.Published)
				}
				if tc.wantFlags > 0 {
					f := got.Flags[0]
					if f.Field != "bio" || tc.bio[f.Start:f.End] != f.Excerpt {
						t.Errorf("flag = %+v, want a bio excerpt matching its offsets", f)
					}
				}
			})
		}
	})
}

func TestReviewQueue(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		a := w.coachUser(t, "flagged")
		p := validProfile("Flagged Coach")
		p.Answers.Crisis = "I can sit with you during your journey."
		if _, err := w.svc.SaveProfile(ctx, a, p); err != nil {
			t.Fatal(err)
		}
		queue, err := w.svc.ReviewQueue(ctx, w.admin)
		if err != nil || len(queue) != 1 || queue[0].CoachID != a.UserID {
			t.Fatalf("queue = %v, %v; want the flagged coach", queue, err)
		}
		if other, _ := w.svc.ReviewQueue(ctx, w.otherPrac); len(other) != 0 {
			t.Errorf("another practice's admin sees %d profiles, want 0", len(other))
		}
		if err := w.svc.Return(ctx, w.admin, a.UserID, "  "); !errs.Is(err, errs.Invalid) {
			t.Errorf("return without note: got %v, want invalid", err)
		}
		if err := w.svc.Approve(ctx, w.otherPrac, a.UserID); !errs.Is(err, errs.NotFound) {
			t.Errorf("other practice approves: got %v, want not found", err)
		}
		if err := w.svc.Approve(ctx, a, a.UserID); !errs.Is(err, errs.Forbidden) {
			t.Errorf("coach approves self: got %v, want forbidden", err)
		}
		if err := w.svc.Return(ctx, w.admin, a.UserID, "Please remove the offer to sit with clients."); err != nil {
			t.Fatal(err)
		}
		own, err := w.svc.Own(ctx, a)
		if err != nil || own.Status != coach.Returned || own.ReviewNote == "" {
			t.Fatalf("own = %s %q, %v; want returned with the note", own.Status, own.ReviewNote, err)
		}
		if err := w.svc.Approve(ctx, w.admin, a.UserID); !errs.Is(err, errs.Conflict) {
			t.Errorf("approve a returned profile: got %v, want conflict", err)
		}
	})
}

func TestVerificationAndInTraining(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		noEthics := validProfile("No Ethics")
		noEthics.EthicsCode = ""
		noSupervision := validProfile("No Supervision")
		noSupervision.Supervision = coach.Supervision{}
		tests := []struct {
			name         string
			profile      coach.Profile
			hours        int
			wantVerified bool
		}{
			{"99 verified hours is in training", validProfile("Ninety Nine"), 99, false},
			{"100 verified hours is verified", validProfile("One Hundred"), 100, true},
			{"no code of ethics is in training", noEthics, 200, false},
			{"no supervision is in training", noSupervision, 200, false},
			{"no training is in training", validProfile("Nothing Yet"), 0, false},
		}
		for i, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				a := w.verifiedCoach(t, "v"+string(rune('a'+i)), tc.profile, tc.hours)
				p, err := w.svc.Public(ctx, a.UserID)
				if err != nil {
					t.Fatal(err)
				}
				if got := p.VerifiedAt(now); got != tc.wantVerified {
					t.Errorf("verified = %v (hours %d), want %v", got, p.VerifiedHours, tc.wantVerified)
				}
				if p.InTraining(now) == tc.wantVerified {
					t.Errorf("in training = %v, want %v", p.InTraining(now), !tc.wantVerified)
				}
			})
		}
	})
}

func TestCredentialDecisions(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		a := w.verifiedCoach(t, "cred", validProfile("Cred Coach"), 0)
		expires := now.Add(24 * time.Hour)
		tr, err := w.svc.AddTraining(ctx, a, coach.Training{Name: "Certificate", Provider: "School", Hours: 120, Year: 2025, ExpiresAt: &expires})
		if err != nil {
			t.Fatal(err)
		}
		pending, err := w.svc.PendingCredentials(ctx, w.admin)
		if err != nil || len(pending) != 1 {
			t.Fatalf("pending = %v, %v; want one", pending, err)
		}
		if err := w.svc.RejectTraining(ctx, w.admin, tr.ID, ""); !errs.Is(err, errs.Invalid) {
			t.Errorf("reject without reason: got %v, want invalid", err)
		}
		if err := w.svc.VerifyTraining(ctx, w.otherPrac, tr.ID); !errs.Is(err, errs.NotFound) {
			t.Errorf("other practice verifies: got %v, want not found", err)
		}
		if err := w.svc.VerifyTraining(ctx, w.admin, tr.ID); err != nil {
			t.Fatal(err)
		}
		p, _ := w.svc.Public(ctx, a.UserID)
		if !p.VerifiedAt(now) || p.Trainings[0].Status != coach.Verified || p.Trainings[0].VerifiedByName != "admin" || p.Trainings[0].VerifiedAt == nil {
			t.Fatalf("after verify: verified=%v training=%+v; want verified by admin with a date", p.VerifiedAt(now), p.Trainings[0])
		}
		if p.VerifiedAt(expires) {
			t.Error("verification still holds once the certificate expired")
		}
		if err := w.svc.RejectTraining(ctx, w.admin, tr.ID, "Certificate could not be confirmed with the school"); err != nil {
			t.Fatal(err)
		}
		p, _ = w.svc.Public(ctx, a.UserID)
		if p.VerifiedAt(now) || p.Trainings[0].RejectionReason == "" {
			t.Errorf("after reject: verified=%v reason=%q; want in training with a reason", p.VerifiedAt(now), p.Trainings[0].RejectionReason)
		}
	})
}

func TestReportCoach(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		a := w.verifiedCoach(t, "reported", validProfile("Reported Coach"), 0)
		client := w.client(t, "reporter")
		tests := []struct {
			name     string
			report   coach.Report
			wantKind errs.Kind
			wantOK   bool
		}{
			{"empty text", coach.Report{CoachID: a.UserID, HappenedOn: now.Add(-time.Hour)}, errs.Invalid, false},
			{"future date", coach.Report{CoachID: a.UserID, HappenedOn: now.Add(time.Hour), What: "x"}, errs.Invalid, false},
			{"unknown coach", coach.Report{CoachID: 999999, HappenedOn: now.Add(-time.Hour), What: "x"}, errs.NotFound, false},
			{"valid", coach.Report{CoachID: a.UserID, HappenedOn: now.Add(-48 * time.Hour), What: "The coach offered to supply a substance."}, 0, true},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				_, err := w.svc.ReportCoach(ctx, client, tc.report)
				if tc.wantOK != (err == nil) || (!tc.wantOK && !errs.Is(err, tc.wantKind)) {
					t.Fatalf("got %v, want ok=%v kind=%v", err, tc.wantOK, tc.wantKind)
				}
			})
		}
		reports, err := w.svc.OpenReports(ctx, w.admin)
		if err != nil || len(reports) != 1 || reports[0].ReporterName != "reporter" || reports[0].What != "The coach offered to supply a substance." {
			t.Fatalf("reports = %+v, %v; want the one valid report, its text opened", reports, err)
		}
		// The text is sealed under the reporter's key (issue 15 finding 4).
		var raw string
		var sealed []byte
		if err := db.Reader().QueryRow(ctx, `SELECT what, what_sealed FROM coach_reports WHERE id = ?`, reports[0].ID).Scan(&raw, &sealed); err != nil {
			t.Fatal(err)
		}
		if raw != "" || sealed == nil || strings.Contains(string(sealed), "substance") {
			t.Errorf("stored report text %q, sealed %q; want the text only sealed", raw, sealed)
		}
		var events int
		if err := db.Reader().QueryRow(ctx, `SELECT COUNT(*) FROM audit_events WHERE resource_type = 'coach_report'`).Scan(&events); err != nil || events != 2 {
			t.Errorf("audit events = %d (%v), want 2 (filed, read)", events, err)
		}
	})
}
