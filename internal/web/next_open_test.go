package web_test

import (
	"context"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/schedule"
)

// TestNextOpenSlotIsBookable: the directory's next open slot for a coach
// is the first time booking offers, and once a client books it the
// directory moves on to the next one (one source of availability).
func TestNextOpenSlotIsBookable(t *testing.T) {
	for _, engine := range apptest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			srv := apptest.NewServer(t, engine)
			ctx := context.Background()
			jonahID, aishaID := mustInt(clientID(t, srv, jonah)), mustInt(clientID(t, srv, aisha))
			practice := mustInt(scalar(t, srv.App.DB, `SELECT practice_id FROM users WHERE id = ?`, jonahID))
			client := policy.Actor{UserID: aishaID, PracticeID: practice, Role: "client"}
			for round := 0; round < 2; round++ {
				p, err := srv.App.Coaches.Public(ctx, jonahID)
				if err != nil || p.NextOpenAt == nil {
					t.Fatalf("round %d: directory's next open slot: %v, %v", round, p.NextOpenAt, err)
				}
				offered, err := srv.App.Schedule.CoachOpenTimes(ctx, jonahID, 21, 60)
				if err != nil || len(offered) == 0 || !offered[0].Equal(*p.NextOpenAt) {
					t.Fatalf("round %d: the directory says %v, booking first offers %v (%v)", round, *p.NextOpenAt, offered, err)
				}
				mine, err := srv.App.Schedule.OpenTimes(ctx, client, aishaID, 21, 60)
				if err != nil || len(mine) == 0 {
					t.Fatalf("round %d: Aisha's open times: %v, %v", round, mine, err)
				}
				// Aisha books the earliest time open to both; the directory
				// must not keep advertising it.
				a, err := srv.App.Schedule.Book(ctx, client, schedule.Booking{ClientID: aishaID, Start: mine[0], Minutes: 60, Format: schedule.Video})
				if err != nil {
					t.Fatal(err)
				}
				// The schedule tells the directory through the job queue,
				// which polls every second.
				deadline := time.Now().Add(15 * time.Second)
				for {
					after, err := srv.App.Coaches.Public(ctx, jonahID)
					if err != nil {
						t.Fatal(err)
					}
					if after.NextOpenAt == nil || !after.NextOpenAt.Equal(a.Start) {
						break
					}
					if time.Now().After(deadline) {
						t.Fatalf("round %d: the directory still advertises %v, which is booked, 15 s later", round, a.Start)
					}
					time.Sleep(100 * time.Millisecond)
				}
			}
		})
	}
}
