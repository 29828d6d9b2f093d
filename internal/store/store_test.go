package store_test

import (
	"context"
	"errors"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

func TestMigrationsMatchAcrossEngines(t *testing.T) {
	names := func(d store.Dialect) []string {
		entries, err := fs.ReadDir(store.MigrationFS(d), ".")
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range entries {
			out = append(out, e.Name())
		}
		return out
	}
	sqlite, pg := names(store.SQLite), names(store.Postgres)
	if !slices.Equal(sqlite, pg) {
		t.Fatalf("migration names differ:\nsqlite:   %v\npostgres: %v", sqlite, pg)
	}
	if len(sqlite) == 0 {
		t.Fatal("no migrations found")
	}
}

func TestRebind(t *testing.T) {
	db := &store.DB{Dialect: store.Postgres}
	tests := []struct{ name, in, want string }{
		{"none", "SELECT 1", "SELECT 1"},
		{"two", "SELECT * FROM t WHERE a = ? AND b = ?", "SELECT * FROM t WHERE a = $1 AND b = $2"},
		{"quoted question mark stays", "SELECT '?' FROM t WHERE a = ?", "SELECT '?' FROM t WHERE a = $1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := db.Rebind(tc.in); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
	if got := (&store.DB{Dialect: store.SQLite}).Rebind("a = ?"); got != "a = ?" {
		t.Errorf("sqlite rebind changed the query: %q", got)
	}
}

func TestRedact(t *testing.T) {
	got := store.Redact("postgres://user:secret@host:5432/db")
	if want := "postgres://user:***@host:5432/db"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestRoundTrip checks that the same SQL behaves the same on both engines:
// RETURNING ids, UTC times, booleans, NULLs, not-found and rollback.
func TestRoundTrip(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		created := time.Date(2026, 3, 8, 9, 30, 15, 0, time.UTC)
		var id int64
		err := db.InTx(ctx, func(tx *store.Tx) error {
			var err error
			id, err = store.InsertID(ctx, tx,
				`INSERT INTO practices (name, slug, created_at) VALUES (?, ?, ?) RETURNING id`,
				"Riverbend Integration", "riverbend", created)
			return err
		})
		if err != nil {
			t.Fatalf("insert: %v", err)
		}
		var name string
		var at time.Time
		err = db.Reader().QueryRow(ctx, `SELECT name, created_at FROM practices WHERE id = ?`, id).Scan(&name, &at)
		if err != nil {
			t.Fatalf("select: %v", err)
		}
		if name != "Riverbend Integration" || !at.Equal(created) {
			t.Errorf("got (%q, %v), want (%q, %v)", name, at, "Riverbend Integration", created)
		}

		err = db.Reader().QueryRow(ctx, `SELECT name FROM practices WHERE id = ?`, id+1000).Scan(&name)
		if got := store.NotFound(err, "practice"); !errs.Is(got, errs.NotFound) {
			t.Errorf("missing row: got %v, want a NotFound error", got)
		}

		boom := errors.New("boom")
		err = db.InTx(ctx, func(tx *store.Tx) error {
			if _, err := tx.Exec(ctx, `UPDATE practices SET name = ? WHERE id = ?`, "changed", id); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("InTx error: got %v, want %v", err, boom)
		}
		_ = db.Reader().QueryRow(ctx, `SELECT name FROM practices WHERE id = ?`, id).Scan(&name)
		if name != "Riverbend Integration" {
			t.Errorf("rollback: name is %q, want the original", name)
		}

		err = db.InTx(ctx, func(tx *store.Tx) error {
			_, err := tx.Exec(ctx, `INSERT INTO practices (name, slug, created_at) VALUES (?, ?, ?)`, "Dup", "riverbend", created)
			return err
		})
		if err == nil {
			t.Error("duplicate slug: got no error, want a unique-constraint violation")
		}
		if !store.IsUniqueViolation(err) {
			t.Errorf("duplicate slug: IsUniqueViolation(%v) = false", err)
		}
	})
}

func TestOpenUnreachablePostgres(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := store.Open(ctx, "postgres://nobody:pw@127.0.0.1:1/x?connect_timeout=2")
	if err == nil {
		t.Fatal("got no error for an unreachable server")
	}
	if got := err.Error(); !strings.Contains(got, "not reachable") || strings.Contains(got, "pw@") {
		t.Errorf("error %q should say 'not reachable' and hide the password", got)
	}
}

// TestBeforeCommitRunsLastAndFailsTheTransaction holds the contract the
// audit trail relies on: BeforeCommit work runs after the transaction's
// own work, in order, inside it; an error there rolls everything back and
// is returned; and a read-only transaction with such work fails, as does
// a write in it.
func TestBeforeCommitRunsLastAndFailsTheTransaction(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		count := func() int {
			var n int
			if err := db.Reader().QueryRow(ctx, `SELECT COUNT(*) FROM practices`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		before := count()
		var order []string
		err := db.InTx(ctx, func(tx *store.Tx) error {
			tx.BeforeCommit(func(ctx context.Context) error {
				order = append(order, "first")
				tx.BeforeCommit(func(context.Context) error { order = append(order, "added by first"); return nil })
				_, err := tx.Exec(ctx, `INSERT INTO practices (name, slug, created_at) VALUES (?, ?, ?)`, "Hooked", "hooked", time.Now().UTC())
				return err
			})
			tx.BeforeCommit(func(context.Context) error { order = append(order, "second"); return nil })
			order = append(order, "work")
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{"work", "first", "second", "added by first"}; !slices.Equal(order, want) {
			t.Errorf("order %v, want %v", order, want)
		}
		if got := count(); got != before+1 {
			t.Errorf("practices after a committed hook: got %d, want %d", got, before+1)
		}

		boom := errors.New("boom")
		err = db.InTx(ctx, func(tx *store.Tx) error {
			if _, err := tx.Exec(ctx, `INSERT INTO practices (name, slug, created_at) VALUES (?, ?, ?)`, "Rolled", "rolled", time.Now().UTC()); err != nil {
				return err
			}
			tx.BeforeCommit(func(context.Context) error { return boom })
			return nil
		})
		if !errors.Is(err, boom) {
			t.Errorf("InTx with a failing hook: got %v, want boom", err)
		}
		if got := count(); got != before+1 {
			t.Errorf("practices after a failed hook: got %d, want %d (rolled back)", got, before+1)
		}

		err = db.InReadTx(ctx, func(tx *store.Tx) error {
			tx.BeforeCommit(func(context.Context) error { return nil })
			return nil
		})
		if err == nil {
			t.Error("InReadTx with queued work: got nil, want an error")
		}

		// A read refuses a write outright (query_only on SQLite; on
		// PostgreSQL, where it is one connection without a transaction,
		// Exec itself) and still reads.
		var read int
		err = db.InReadTx(ctx, func(tx *store.Tx) error {
			if _, err := tx.Exec(ctx, `INSERT INTO practices (name, slug, created_at) VALUES (?, ?, ?)`, "Read", "read-only", time.Now().UTC()); err == nil {
				t.Error("Exec in InReadTx: got nil, want an error")
			}
			return tx.QueryRow(ctx, `SELECT COUNT(*) FROM practices`).Scan(&read)
		})
		if err != nil {
			t.Fatal(err)
		}
		if got := count(); got != before+1 || read != before+1 {
			t.Errorf("practices after a refused write in a read: %d (read %d), want %d", got, read, before+1)
		}
	})
}

// TestMigrateDropsStat4Samples: after an ANALYZE (an operator's, or the
// bench harness's), Migrate leaves SQLite's row counts but no STAT4
// samples, which would make every statement planned with them re-prepare
// on each execution.
func TestMigrateDropsStat4Samples(t *testing.T) {
	ctx := context.Background()
	db := apptest.MustOpenDB(t, store.SQLite)
	if err := db.InTx(ctx, func(tx *store.Tx) error {
		for i := range 50 {
			if _, err := tx.Exec(ctx, `INSERT INTO practices (name, slug, created_at) VALUES (?, ?, ?)`,
				"Practice", "p-"+strings.Repeat("x", i+1), time.Now().UTC()); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Write.ExecContext(ctx, `ANALYZE`); err != nil {
		t.Fatal(err)
	}
	count := func(table string) int {
		var n int
		if err := db.Write.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if count("sqlite_stat4") == 0 {
		t.Skip("this SQLite build keeps no STAT4 samples")
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if got := count("sqlite_stat4"); got != 0 {
		t.Errorf("sqlite_stat4 rows after Migrate = %d, want 0", got)
	}
	if count("sqlite_stat1") == 0 {
		t.Error("Migrate removed sqlite_stat1's row counts too")
	}
}

// TestShortReadTx: InShortReadTx reads as InReadTx does (one snapshot,
// writes refused) and still honours its context between statements: a
// context done before it starts runs nothing, and one cancelled during it
// fails the next statement with the context's error.
func TestShortReadTx(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		var want int
		if err := db.Reader().QueryRow(ctx, `SELECT COUNT(*) FROM practices`).Scan(&want); err != nil {
			t.Fatal(err)
		}
		var got int
		err := db.InShortReadTx(ctx, func(tx *store.Tx) error {
			if _, err := tx.Exec(ctx, `INSERT INTO practices (name, slug, created_at) VALUES (?, ?, ?)`, "Short", "short-read", time.Now().UTC()); err == nil {
				t.Error("Exec in InShortReadTx: got nil, want an error")
			}
			rows, err := tx.Query(ctx, `SELECT id FROM practices`)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				got++
			}
			return rows.Err()
		})
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("rows read: got %d, want %d", got, want)
		}

		err = db.InShortReadTx(ctx, func(tx *store.Tx) error {
			tx.BeforeCommit(func(context.Context) error { return nil })
			return nil
		})
		if err == nil {
			t.Error("InShortReadTx with queued work: got nil, want an error")
		}

		done, cancel := context.WithCancel(ctx)
		cancel()
		ran := false
		err = db.InShortReadTx(done, func(tx *store.Tx) error { ran = true; return nil })
		if !errors.Is(err, context.Canceled) || ran {
			t.Errorf("a done context: got %v (fn ran: %v), want context.Canceled and fn not run", err, ran)
		}

		live, cancel := context.WithCancel(ctx)
		defer cancel()
		var first, second error
		err = db.InShortReadTx(live, func(tx *store.Tx) error {
			var n int
			first = tx.QueryRow(live, `SELECT COUNT(*) FROM practices`).Scan(&n)
			cancel()
			second = tx.QueryRow(live, `SELECT COUNT(*) FROM practices`).Scan(&n)
			// (PostgreSQL's connection is spent by then: any error.)
			if rows, err := tx.Query(live, `SELECT id FROM practices`); err == nil {
				rows.Close()
				t.Error("Query after cancel: got nil, want an error")
			}
			return second
		})
		if first != nil {
			t.Errorf("statement before cancel: %v", first)
		}
		if !errors.Is(second, context.Canceled) || !errors.Is(err, context.Canceled) {
			t.Errorf("statement after cancel: got %v (InShortReadTx %v), want context.Canceled", second, err)
		}
	})
}
