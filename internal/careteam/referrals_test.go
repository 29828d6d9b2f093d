package careteam_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/careteam"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

func TestReferralInValidate(t *testing.T) {
	good := func() careteam.NewReferralIn {
		return careteam.NewReferralIn{Name: "A Person", Email: "a@example.org", Reason: "why", Urgency: "routine", ReferrerName: "R", ReferrerEmail: "r@example.org"}
	}
	cases := []struct {
		name   string
		edit   func(*careteam.NewReferralIn)
		public bool
		field  string
	}{
		{"valid", func(*careteam.NewReferralIn) {}, true, ""},
		{"no name", func(n *careteam.NewReferralIn) { n.Name = "  " }, false, "name"},
		{"bad email", func(n *careteam.NewReferralIn) { n.Email = "nope" }, false, "email"},
		{"no reason", func(n *careteam.NewReferralIn) { n.Reason = "" }, false, "reason"},
		{"unknown urgency", func(n *careteam.NewReferralIn) { n.Urgency = "whenever" }, false, "urgency"},
		{"experience today is fine", func(n *careteam.NewReferralIn) { n.ExperienceOn = now.Format("2006-01-02") }, false, ""},
		{"experience in the future", func(n *careteam.NewReferralIn) { n.ExperienceOn = now.AddDate(0, 0, 1).Format("2006-01-02") }, false, "experience_on"},
		{"experience not a date", func(n *careteam.NewReferralIn) { n.ExperienceOn = "last week" }, false, "experience_on"},
		{"public needs the referrer", func(n *careteam.NewReferralIn) { n.ReferrerName = "" }, true, "referrer_name"},
		{"signed-in referrer needs no name", func(n *careteam.NewReferralIn) { n.ReferrerName, n.ReferrerEmail = "", "" }, false, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			n := good()
			tc.edit(&n)
			err := n.Validate(tc.public, now)
			got := ""
			if e, ok := err.(*errs.Error); ok {
				for f := range e.Fields {
					got = f
				}
			} else if err != nil {
				t.Fatalf("unexpected error %v", err)
			}
			if got != tc.field {
				t.Errorf("invalid field %q, want %q (%v)", got, tc.field, err)
			}
		})
	}
}

// TestReferralStatusNeedsConsent: the referrer sees progress only once the
// client shares attendance with them.
func TestReferralStatusNeedsConsent(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		var invited []string
		f.svc = f.service(func(ctx context.Context, tx *store.Tx, practiceID, invitedBy int64, referrer, practice, email, name string) error {
			invited = append(invited, email)
			return nil
		})
		err := db.InTx(ctx, func(tx *store.Tx) error {
			_, err := tx.Exec(ctx, `UPDATE users SET email = 'one@example.org' WHERE id = ?`, f.p.Client.UserID)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.ReferIn(ctx, f.p.Clinician, careteam.NewReferralIn{Name: "Client One", Email: " One@Example.org", Reason: "support", Urgency: "soon"}); err != nil {
			t.Fatal(err)
		}
		if len(invited) != 1 {
			t.Fatalf("invitations = %v, want one", invited)
		}
		if _, err := f.svc.ReferIn(ctx, f.p.Coach, careteam.NewReferralIn{}); !errs.Is(err, errs.Forbidden) {
			t.Errorf("coach referring in: %v, want forbidden", err)
		}
		list, err := f.svc.ReferralsIn(ctx, f.p.Clinician)
		if err != nil || len(list) != 1 {
			t.Fatalf("referrals %v, %v", list, err)
		}
		if got, want := list[0].Status, careteam.StatusPrivate; got != want {
			t.Errorf("before consent: status %q, want %q", got, want)
		}
		err = db.InTx(ctx, func(tx *store.Tx) error {
			id, err := store.InsertID(ctx, tx, `INSERT INTO consents (client_id, recipient_id, starts_at, created_at) VALUES (?, ?, ?, ?) RETURNING id`,
				f.p.Client.UserID, f.p.Clinician.UserID, now.Add(-time.Minute), now)
			if err != nil {
				return err
			}
			_, err = tx.Exec(ctx, `INSERT INTO consent_categories (consent_id, category) VALUES (?, 'attendance')`, id)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		list, _ = f.svc.ReferralsIn(ctx, f.p.Clinician)
		if got, want := list[0].Status, careteam.StatusFirstSession; got != want {
			t.Errorf("after consent: status %q, want %q", got, want)
		}
	})
}

func TestReferralOut(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		var partner, summary int64
		_ = db.InTx(ctx, func(tx *store.Tx) error {
			partner, _ = store.InsertID(ctx, tx, `INSERT INTO referral_partners (practice_id, kind, name, created_at) VALUES (?, 'psychiatric', 'Cedar', ?) RETURNING id`, f.p.Coach.PracticeID, now)
			return tx.QueryRow(ctx, `SELECT id FROM care_summaries WHERE client_id = ?`, f.p.Client.UserID).Scan(&summary)
		})
		good := careteam.NewReferralOut{ClientID: f.p.Client.UserID, PartnerID: partner, SummaryID: summary, Reason: "assessment", Urgency: "soon", Source: "note"}
		cases := []struct {
			name  string
			actor policy.Actor
			edit  func(*careteam.NewReferralOut)
			kind  errs.Kind
		}{
			{"another coach, even with a bad form, gets 404", f.p.OtherCoach, func(n *careteam.NewReferralOut) { n.Reason = "" }, errs.NotFound},
			{"clinician", f.p.Clinician, func(*careteam.NewReferralOut) {}, errs.NotFound},
			{"summary not approved by this client", f.p.Coach, func(n *careteam.NewReferralOut) { n.SummaryID = summary + 99 }, errs.Invalid},
			{"unknown partner", f.p.Coach, func(n *careteam.NewReferralOut) { n.PartnerID = partner + 99 }, errs.Invalid},
			{"unknown source", f.p.Coach, func(n *careteam.NewReferralOut) { n.Source = "hallway" }, errs.Invalid},
			{"valid", f.p.Coach, func(*careteam.NewReferralOut) {}, 0},
		}
		for _, tc := range cases {
			n := good
			tc.edit(&n)
			_, err := f.svc.ReferOut(ctx, tc.actor, n)
			if got := errs.KindOf(err); err != nil && got != tc.kind || err == nil && tc.kind != 0 {
				t.Errorf("%s: %v, want kind %v", tc.name, err, tc.kind)
			}
		}
		list, err := f.svc.ReferralsOut(ctx, f.p.Coach)
		if err != nil || len(list) != 1 || list[0].Status != "open" || list[0].Partner != "Cedar" {
			t.Fatalf("open referrals %+v, %v", list, err)
		}
		if err := f.svc.SetReferralStatus(ctx, f.p.OtherCoach, list[0].ID, "accepted"); !errs.Is(err, errs.NotFound) {
			t.Errorf("other coach updating: %v, want not found", err)
		}
		if err := f.svc.SetReferralStatus(ctx, f.p.Coach, list[0].ID, "accepted"); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.SetReferralStatus(ctx, f.p.Coach, list[0].ID, "closed"); !errs.Is(err, errs.Conflict) {
			t.Errorf("closing an accepted referral: %v, want conflict", err)
		}
	})
}

func TestSummaries(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db, policy.Summaries)
		if _, err := f.svc.WriteSummary(ctx, f.p.OtherCoach, careteam.NewSummary{ClientID: f.p.Client.UserID}); !errs.Is(err, errs.NotFound) {
			t.Errorf("other coach with an empty form: %v, want not found", err)
		}
		if _, err := f.svc.WriteSummary(ctx, f.p.Coach, careteam.NewSummary{ClientID: f.p.Client.UserID, Title: "t"}); !errs.Is(err, errs.Invalid) {
			t.Errorf("empty body: %v, want invalid", err)
		}
		id, err := f.svc.WriteSummary(ctx, f.p.Coach, careteam.NewSummary{ClientID: f.p.Client.UserID, Title: "Pending one", Body: "not yet"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.SharedSummary(ctx, f.p.Clinician, f.p.Client.UserID, id); !errs.Is(err, errs.NotFound) {
			t.Errorf("pending summary to clinician: %v, want not found", err)
		}
		if err := f.svc.DecideSummary(ctx, f.p.Client2, id, true); !errs.Is(err, errs.NotFound) {
			t.Errorf("another client approving: %v, want not found", err)
		}
		if err := f.svc.DecideSummary(ctx, f.p.Client, id, false); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.DecideSummary(ctx, f.p.Client, id, true); !errs.Is(err, errs.Conflict) {
			t.Errorf("deciding twice: %v, want not found", err)
		}
		list, err := f.svc.ClientSummaries(ctx, f.p.Client, f.p.Client.UserID)
		if err != nil || len(list) != 2 {
			t.Fatalf("summaries %+v, %v", list, err)
		}
		var approved careteam.Summary
		for _, x := range list {
			if x.Status == careteam.SummaryApproved {
				approved = x
			}
		}
		got, err := f.svc.SharedSummary(ctx, f.p.Clinician, f.p.Client.UserID, approved.ID)
		if err != nil || got.Body != "Summary text" {
			t.Fatalf("shared summary %+v, %v", got, err)
		}
		pdf, err := careteam.SummaryPDF(got, time.UTC)
		if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
			t.Errorf("PDF: %v, starts %q", err, pdf[:min(8, len(pdf))])
		}
	})
}
