package message_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/attachment"
	"github.com/afterward/afterward/internal/blob"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/message"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/safety"
	"github.com/afterward/afterward/internal/store"
)

type scanner struct{ calls int }

func (s *scanner) ScanText(_ context.Context, _ *store.Tx, _ int64, _ string, _ int64, text string) (safety.Level, error) {
	s.calls++
	return safety.Scan(text).Level, nil
}

func TestThreadAndReceipts(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
		clock := func() time.Time { now = now.Add(time.Minute); return now }
		p := apptest.MustPeople(t, db, now, policy.Messages)
		bs, _ := blob.NewLocal(t.TempDir())
		v := apptest.MustVault(t, clock)
		sc := &scanner{}
		svc := message.NewService(message.Deps{DB: db, Policy: policy.New(db, clock, nil), Vault: v, Files: attachment.NewFiles(v, bs, clock), Scan: sc, Now: clock})

		first, err := svc.Send(ctx, p.Client, p.Client.UserID, "Can we talk about the dream?", nil)
		if err != nil {
			t.Fatal(err)
		}
		if n, _ := svc.Unread(ctx, p.Coach); n != 1 {
			t.Errorf("coach unread = %d, want 1", n)
		}
		var img bytes.Buffer
		_ = png.Encode(&img, image.NewGray(image.Rect(0, 0, 4, 4)))
		if _, err := svc.Send(ctx, p.Coach, p.Client.UserID, "Of course. Thursday?", img.Bytes()); err != nil {
			t.Fatal(err)
		}
		if sc.calls != 1 {
			t.Errorf("scans = %d, want 1 (client messages only)", sc.calls)
		}
		thread, err := svc.Thread(ctx, p.Coach, p.Client.UserID)
		if err != nil {
			t.Fatal(err)
		}
		if len(thread) != 2 || thread[0].ID != first.ID || thread[0].ReadAt == nil || thread[1].ReadAt != nil {
			t.Fatalf("thread = %+v; want the client's message read, the coach's unread", thread)
		}
		if len(thread[1].Attachments) != 1 || thread[1].FromClient {
			t.Errorf("attachments = %+v", thread[1].Attachments)
		}
		_, data, err := svc.File(ctx, p.Client, p.Client.UserID, thread[1].Attachments[0].ID, false)
		if err != nil || len(data) == 0 {
			t.Errorf("client reads the coach's attachment: %v", err)
		}
		if n, _ := svc.Unread(ctx, p.Client); n != 1 {
			t.Errorf("client unread = %d, want 1", n)
		}
		var raw []byte
		_ = db.Reader().QueryRow(ctx, `SELECT body FROM messages WHERE id = ?`, first.ID).Scan(&raw)
		if bytes.Contains(raw, []byte("dream")) {
			t.Error("message stored in the clear")
		}
		tests := []struct {
			name  string
			actor policy.Actor
			want  errs.Kind
		}{
			{"another coach", p.OtherCoach, errs.NotFound},
			{"another client", p.Client2, errs.NotFound},
			{"clinician even with consent", p.Clinician, errs.NotFound},
			{"admin", p.Admin, errs.NotFound},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				if _, err := svc.Thread(ctx, tc.actor, p.Client.UserID); !errs.Is(err, tc.want) {
					t.Errorf("got %v, want %s", err, tc.want)
				}
			})
		}
		if _, err := svc.Send(ctx, p.Client, p.Client.UserID, "   ", nil); !errs.Is(err, errs.Invalid) {
			t.Errorf("empty message: got %v, want invalid", err)
		}
		if m, err := svc.Send(ctx, p.Client, p.Client.UserID, "I want to kill myself tonight", nil); err != nil || m.SafetyLevel != safety.Urgent {
			t.Errorf("urgent message: level %v err %v", m.SafetyLevel, err)
		}
	})
}

func TestSettings(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
		clock := func() time.Time { return now }
		p := apptest.MustPeople(t, db, now)
		v := apptest.MustVault(t, clock)
		svc := message.NewService(message.Deps{DB: db, Policy: policy.New(db, clock, nil), Vault: v, Scan: &scanner{}, Now: clock})
		st, err := svc.SettingsFor(ctx, p.Client.UserID)
		if err != nil || st.Shown() != message.DefaultResponseTime || st.CoachName != "Coach" {
			t.Fatalf("defaults = %+v, %v", st, err)
		}
		want := message.Settings{OfficeHours: "Mon–Thu 9–5", ResponseTime: "within two working days", Away: true, AwayMessage: "Back on Monday."}
		for i := 0; i < 2; i++ {
			if err := svc.SaveSettings(ctx, p.Coach, want); err != nil {
				t.Fatal(err)
			}
		}
		st, _ = svc.SettingsFor(ctx, p.Client.UserID)
		if st.OfficeHours != want.OfficeHours || !st.Away || st.AwayMessage != want.AwayMessage || st.Shown() != want.ResponseTime {
			t.Errorf("settings = %+v", st)
		}
		if err := svc.SaveSettings(ctx, p.Coach, message.Settings{Away: true}); !errs.Is(err, errs.Invalid) {
			t.Errorf("away without message: got %v, want invalid", err)
		}
		if err := svc.SaveSettings(ctx, p.Client, want); !errs.Is(err, errs.Forbidden) {
			t.Errorf("client sets office hours: got %v, want forbidden", err)
		}
	})
}
