package schedule_test

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/calendar"
	"github.com/afterward/afterward/internal/schedule"
	"github.com/afterward/afterward/internal/store"
)

func TestCircles(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, 6)
		ctx := context.Background()
		valid := schedule.NewCircle{Topic: "Returning to work after a retreat", Capacity: 3, FeeMinor: 4500, Currency: "usd",
			Location: "https://meet.example.org/circle", Starts: []time.Time{la(5, 17, 0), la(12, 17, 0)}, Minutes: 90}
		invalid := []struct {
			name  string
			edit  func(n *schedule.NewCircle)
			field string
		}{
			{"no topic", func(n *schedule.NewCircle) { n.Topic = " " }, "topic"},
			{"capacity 1", func(n *schedule.NewCircle) { n.Capacity = 1 }, "capacity"},
			{"capacity 41", func(n *schedule.NewCircle) { n.Capacity = 41 }, "capacity"},
			{"negative fee", func(n *schedule.NewCircle) { n.FeeMinor = -1 }, "fee"},
			{"no dates", func(n *schedule.NewCircle) { n.Starts = nil }, "dates"},
			{"past date", func(n *schedule.NewCircle) { n.Starts = []time.Time{monday.Add(-time.Hour)} }, "dates"},
			{"too short", func(n *schedule.NewCircle) { n.Minutes = 20 }, "minutes"},
		}
		for _, tc := range invalid {
			t.Run(tc.name, func(t *testing.T) {
				n := valid
				tc.edit(&n)
				_, err := f.svc.OpenCircle(ctx, f.coach, n)
				if kindOf(err) != "invalid" || !strings.Contains(err.Error(), tc.field) {
					t.Errorf("got %v, want invalid %s", err, tc.field)
				}
			})
		}
		if _, err := f.svc.OpenCircle(ctx, f.clients[0], valid); kindOf(err) != "forbidden" {
			t.Errorf("client opens a circle: got %v, want forbidden", err)
		}
		id, err := f.svc.OpenCircle(ctx, f.coach, valid)
		if err != nil {
			t.Fatal(err)
		}
		// Six clients race for three places.
		var wg sync.WaitGroup
		errsOf := make([]error, len(f.clients))
		for i, c := range f.clients {
			wg.Add(1)
			go func() { defer wg.Done(); errsOf[i] = f.svc.JoinCircle(ctx, c, id) }()
		}
		wg.Wait()
		joined := 0
		for _, err := range errsOf {
			switch kindOf(err) {
			case "ok":
				joined++
			case "conflict":
			default:
				t.Errorf("join: %v", err)
			}
		}
		if joined != 3 {
			t.Errorf("%d clients joined, want 3 (the capacity)", joined)
		}
		if err := f.svc.JoinCircle(ctx, f.coach, id); kindOf(err) != "forbidden" {
			t.Errorf("coach joins: got %v, want forbidden", err)
		}
		members, err := f.svc.Members(ctx, f.coach, id)
		if err != nil || len(members) != 3 {
			t.Fatalf("members = %d (%v), want 3", len(members), err)
		}
		circles, err := f.svc.Circles(ctx, f.coach)
		if err != nil || len(circles) != 1 || circles[0].Members != 3 || len(circles[0].Meetings) != 2 {
			t.Fatalf("circles = %+v (%v)", circles, err)
		}
		meeting := circles[0].Meetings[0]
		must(t, f.svc.RecordAttendance(ctx, f.coach, meeting.ID, members[0].ClientID, true))
		must(t, f.svc.RecordAttendance(ctx, f.coach, meeting.ID, members[1].ClientID, false))
		must(t, f.svc.RecordAttendance(ctx, f.coach, meeting.ID, members[1].ClientID, true))
		if err := f.svc.RecordAttendance(ctx, f.other, meeting.ID, members[0].ClientID, true); kindOf(err) != "not_found" {
			t.Errorf("other coach records: got %v, want not_found", err)
		}
		att, err := f.svc.Attendance(ctx, f.coach, id)
		if err != nil {
			t.Fatal(err)
		}
		if got := att[meeting.ID]; len(got) != 2 || !got[members[0].ClientID] || !got[members[1].ClientID] {
			t.Errorf("attendance = %v, want both present", got)
		}
	})
}

func TestFeedForUser(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, 2)
		ctx := context.Background()
		before := f.book(t, f.coach, f.clients[0], la(6, 10, 0), 60) // PST
		after := f.book(t, f.coach, f.clients[1], la(9, 10, 0), 90)  // PDT
		cancelled, err := f.svc.Cancel(ctx, f.coach, after.ID)
		must(t, err)
		token, err := f.svc.NewFeedToken(ctx, f.coach)
		must(t, err)
		feed, err := f.svc.FeedByToken(ctx, token)
		must(t, err)
		var buf bytes.Buffer
		must(t, calendar.Write(&buf, feed, f.now))
		cal, err := ics.ParseCalendar(&buf)
		if err != nil {
			t.Fatal(err)
		}
		events := cal.Events()
		if len(events) != 2 {
			t.Fatalf("got %d events, want 2", len(events))
		}
		for i, want := range []schedule.Appointment{before, cancelled} {
			e := events[i]
			start, err := e.GetStartAt()
			if err != nil || !start.Equal(want.Start) {
				t.Errorf("event %d start = %s (%v), want %s", i, start, err, want.Start)
			}
			if got := e.GetProperty(ics.ComponentPropertyUniqueId).Value; got != want.UID {
				t.Errorf("event %d UID = %s, want %s", i, got, want.UID)
			}
			if strings.Contains(e.GetProperty(ics.ComponentPropertySummary).Value, "Test") {
				t.Errorf("event %d summary shows the client's full name", i)
			}
		}
		if got := events[1].GetProperty(ics.ComponentPropertyStatus).Value; got != "CANCELLED" {
			t.Errorf("cancelled status = %s", got)
		}
		if got := events[1].GetProperty(ics.ComponentPropertySequence).Value; got != "1" {
			t.Errorf("cancelled sequence = %s, want 1", got)
		}
		// A new token revokes the old one; revoking stops the new one.
		token2, err := f.svc.NewFeedToken(ctx, f.coach)
		must(t, err)
		if _, err := f.svc.FeedByToken(ctx, token); kindOf(err) != "not_found" {
			t.Errorf("old token: got %v, want not_found", err)
		}
		must(t, f.svc.RevokeFeed(ctx, f.coach))
		if _, err := f.svc.FeedByToken(ctx, token2); kindOf(err) != "not_found" {
			t.Errorf("revoked token: got %v, want not_found", err)
		}
	})
}
