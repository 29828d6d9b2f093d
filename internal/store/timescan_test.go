package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

// TestTimeTextReadsWhatTheDriverReads: a timestamp read through TimeText
// into a store.Time is the instant the driver's own time.Time scan of the
// same column gives, on both engines, for whole seconds, fractions, zones
// east and west of UTC, the end of a leap day and NULL.
func TestTimeTextReadsWhatTheDriverReads(t *testing.T) {
	nz := time.FixedZone("NZDT", 13*3600)
	ny := time.FixedZone("EST", -5*3600)
	india := time.FixedZone("IST", 5*3600+30*60)
	cases := []struct {
		name string
		at   *time.Time
	}{
		{"whole seconds in UTC", ptr(time.Date(2026, 12, 4, 23, 0, 0, 0, time.UTC))},
		{"nanoseconds", ptr(time.Date(2026, 1, 2, 3, 4, 5, 123456789, time.UTC))},
		{"milliseconds", ptr(time.Date(2026, 1, 2, 3, 4, 5, 120000000, time.UTC))},
		{"east of UTC across midnight", ptr(time.Date(2027, 1, 1, 0, 30, 0, 0, nz))},
		{"west of UTC", ptr(time.Date(2026, 6, 30, 22, 15, 59, 999000000, ny))},
		{"half-hour zone", ptr(time.Date(2026, 3, 8, 2, 0, 0, 1000, india))},
		{"end of a leap day", ptr(time.Date(2028, 2, 29, 23, 59, 59, 0, time.UTC))},
		{"null", nil},
	}
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		for i, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				var id int64
				err := db.InTx(ctx, func(tx *store.Tx) error {
					var err error
					id, err = store.InsertID(ctx, tx, `INSERT INTO practices (name, slug, region, time_zone, created_at) VALUES (?, ?, 'US', 'UTC', ?) RETURNING id`,
						"Times", fmt.Sprintf("times-%d", i), time.Now())
					if err != nil {
						return err
					}
					// clients.experience_at is nullable; practices only carry the row.
					_, err = tx.Exec(ctx, `INSERT INTO users (practice_id, email, name, role, created_at) VALUES (?, ?, 'T', 'client', ?)`,
						id, fmt.Sprintf("times-%d@example.org", i), time.Now())
					if err != nil {
						return err
					}
					_, err = tx.Exec(ctx, `INSERT INTO clients (user_id, practice_id, experience_at, created_at)
						SELECT id, practice_id, ?, created_at FROM users WHERE email = ?`, c.at, fmt.Sprintf("times-%d@example.org", i))
					return err
				})
				if err != nil {
					t.Fatal(err)
				}
				var want sql.NullTime
				var got store.Time
				q := `SELECT c.experience_at, ` + store.TimeText(db.Dialect, "c.experience_at") + ` FROM clients c WHERE c.practice_id = ?`
				if err := db.Reader().QueryRow(ctx, q, id).Scan(&want, &got); err != nil {
					t.Fatal(err)
				}
				if got.Valid != want.Valid || !got.Time.Equal(want.Time) {
					t.Fatalf("TimeText read %v (valid %v), the driver %v (valid %v)", got.Time, got.Valid, want.Time, want.Valid)
				}
				if c.at == nil {
					if got.Ptr() != nil {
						t.Fatalf("NULL read as %v", got.Ptr())
					}
					return
				}
				stored := c.at.Truncate(time.Microsecond) // PostgreSQL keeps microseconds
				if !got.Time.Truncate(time.Microsecond).Equal(stored) || got.Time.Location() != time.UTC || !got.Ptr().Equal(got.Time) {
					t.Fatalf("read %v, stored %v (want the same instant in UTC)", got.Time, *c.at)
				}
			})
		}
	})
}

func ptr(t time.Time) *time.Time { return &t }
