package audit_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/audit"
	"github.com/afterward/afterward/internal/store"
)

// Each database handle guesses where the chain ends and writes a batch
// with the head in one conditional step; these are the ways the guess
// goes wrong, and the chain must stay whole through each.
func TestChainStaysWholeWhenTheGuessedTipIsWrong(t *testing.T) {
	ctx := context.Background()
	boom := errors.New("the batch's transaction fails after its events were written")
	for _, tc := range []struct {
		name string
		// bothPaths: run is sequential, so some batches must be written
		// at a guessed tip and some guesses must be wrong.
		bothPaths bool
		// run appends through db and other, two handles on one database,
		// and returns how many events it committed.
		run func(t *testing.T, db, other *store.DB) int
	}{
		{"another handle appends between this one's batches", true, func(t *testing.T, db, other *store.DB) int {
			// db's second and third batches guess right; its fourth
			// guesses wrong, and every later one is written by the
			// locked path while the handle pauses its guessing.
			for i, h := range []*store.DB{db, db, db, other, db, other, db, db} {
				appendOne(t, h, i+1)
			}
			return 8
		}},
		{"a batch rolls back after writing its events", true, func(t *testing.T, db, _ *store.DB) int {
			appendOne(t, db, 1)
			err := db.InTx(ctx, func(tx *store.Tx) error {
				if err := audit.Append(ctx, tx, event(2)); err != nil {
					return err
				}
				tx.BeforeCommit(func(context.Context) error { return boom })
				return nil
			})
			if !errors.Is(err, boom) {
				t.Fatalf("got %v, want %v", err, boom)
			}
			for i := 3; i <= 12; i++ {
				appendOne(t, db, i)
			}
			return 11
		}},
		{"a batch's later insert fails after the head moved", false, func(t *testing.T, db, _ *store.DB) int {
			refuseDetail(t, db, "refuse-me")
			for i := 1; i <= 3; i++ {
				appendOne(t, db, i)
			}
			// 70 events: the first 64 go with the head, the rest in a
			// second insert, which the trigger refuses.
			err := db.InTx(ctx, func(tx *store.Tx) error {
				for i := 4; i < 74; i++ {
					ev := event(i)
					if i == 70 {
						ev.Detail = "refuse-me"
					}
					if err := audit.Append(ctx, tx, ev); err != nil {
						return err
					}
				}
				return nil
			})
			if err == nil {
				t.Fatal("a batch whose insert failed committed")
			}
			for i := 74; i <= 78; i++ {
				appendOne(t, db, i)
			}
			return 8
		}},
		{"two handles append at once", false, func(t *testing.T, db, other *store.DB) int {
			var wg sync.WaitGroup
			for w, h := range []*store.DB{db, other, db, other} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := range 10 {
						appendOne(t, h, 100*w+i)
					}
				}()
			}
			wg.Wait()
			return 40
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, engine := range apptest.Engines {
				t.Run(string(engine), func(t *testing.T) {
					url := apptest.NewDatabaseURL(t, engine)
					db, other := apptest.MustOpenURL(t, url), apptest.MustOpenURL(t, url)
					guessed0, missed0 := audit.GuessCounts()
					want := tc.run(t, db, other)
					guessed, missed := audit.GuessCounts()
					if tc.bothPaths && (guessed == guessed0 || missed == missed0) {
						t.Errorf("%d batches at a guessed tip and %d wrong guesses: want both paths taken", guessed-guessed0, missed-missed0)
					}
					if res := mustVerify(t, db); !res.OK() || res.Events != want || res.Head.Seq != int64(want) {
						t.Errorf("got %+v, want an intact chain of %d events", res, want)
					}
				})
			}
		})
	}
}

func appendOne(t *testing.T, db *store.DB, i int) {
	t.Helper()
	ctx := context.Background()
	if err := db.InTx(ctx, func(tx *store.Tx) error { return audit.Append(ctx, tx, event(i)) }); err != nil {
		t.Errorf("append %d: %v", i, err)
	}
}

// refuseDetail makes the database refuse to insert an event with detail,
// as a failing statement would.
func refuseDetail(t *testing.T, db *store.DB, detail string) {
	t.Helper()
	ddl := []string{`CREATE TRIGGER test_refuse BEFORE INSERT ON audit_events WHEN NEW.detail = '` + detail + `'
		BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`}
	if db.Dialect == store.Postgres {
		ddl = []string{`CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN IF NEW.detail = '` + detail + `' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$`,
			`CREATE TRIGGER test_refuse BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION test_refuse()`}
	}
	err := db.InTx(context.Background(), func(tx *store.Tx) error {
		for _, q := range ddl {
			if _, err := tx.Exec(context.Background(), q); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
