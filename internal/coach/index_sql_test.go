package coach

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

// TestIndexMatchesSQLSearch holds the in-memory directory index to the SQL
// search it replaced (kept here as the oracle): the same candidates with
// the same scores for every query, and a change to a profile is seen by
// the next search.
func TestIndexMatchesSQLSearch(t *testing.T) {
	ctx := context.Background()
	db := generatedDirectory(t, 300)
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	ix := &directoryIndex{}
	check := func() {
		for _, text := range []string{"", "grief", "somat", "ceremony aftercare", "rivera", "integration support", "zzzzqqq", "a"} {
			terms := queryTerms(text)
			want, err := loadCandidates(ctx, db.Reader(), terms, now)
			if err != nil {
				t.Fatal(err)
			}
			got, err := ix.candidates(ctx, db, terms, now)
			if err != nil {
				t.Fatal(err)
			}
			if a, b := summary(got), summary(want); a != b {
				t.Errorf("%q: index gives %d candidates, SQL %d\n%s\n%s", text, len(got), len(want), a, b)
			}
		}
	}
	check()
	// Unpublish one coach and rename another: the next search sees both.
	if _, err := db.Write.ExecContext(ctx, `UPDATE coach_profiles SET status = 'returned' WHERE user_id = (SELECT MIN(user_id) FROM coach_profiles)`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Write.ExecContext(ctx, `DELETE FROM coach_fts WHERE rowid = (SELECT MIN(user_id) FROM coach_profiles)`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Write.ExecContext(ctx, `UPDATE coach_profiles SET name_text = ' zzzzqqq', search_text = search_text || ' zzzzqqq' WHERE user_id = (SELECT MAX(user_id) FROM coach_profiles)`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Write.ExecContext(ctx, `UPDATE coach_fts SET search_text = search_text || ' zzzzqqq' WHERE rowid = (SELECT MAX(user_id) FROM coach_profiles)`); err != nil {
		t.Fatal(err)
	}
	check()
	if got, _ := ix.candidates(ctx, db, queryTerms("zzzzqqq"), now); len(got) != 1 || got[0].score != 1+3 {
		t.Errorf("renamed coach: got %+v, want one candidate scored 4", got)
	}
}

// generatedDirectory is a migrated SQLite database with n generated
// published coaches.
func generatedDirectory(t *testing.T, n int) *store.DB {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "a.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	err = db.InTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO practices (id, name, slug, created_at) VALUES (1, 'P', 'p', ?)`, now); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO users (id, practice_id, email, name, role, created_at) VALUES (1, 1, 'a@x.org', 'A', 'admin', ?)`, now)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := Generate(ctx, db, GenOptions{PracticeID: 1, Coaches: n, Seed: 7, VerifierID: 1}, now); err != nil {
		t.Fatal(err)
	}
	return db
}

func summary(cs []candidate) string {
	out := make([]string, len(cs))
	for i, c := range cs {
		next := ""
		if c.next != nil {
			next = c.next.Format(time.RFC3339)
		}
		out[i] = fmt.Sprintf("%d:%d:%d:%d:%t:%t:%s", c.id, c.score, c.tags, c.fee, c.sliding, c.verified, next)
	}
	slices.Sort(out)
	return strings.Join(out, " ")
}

// loadCandidates is the SQL search the index replaced: the oracle.
func loadCandidates(ctx context.Context, q store.Querier, terms []string, now time.Time) ([]candidate, error) {
	score, args := scoreSQL(terms)
	from := ` FROM coach_profiles p WHERE p.status = 'published'`
	if len(terms) > 0 {
		if q.Dialect() == store.Postgres {
			from += ` AND p.search_tsv @@ to_tsquery('simple', ?)`
			args = append(args, tsQuery(terms))
		} else {
			from = ` FROM coach_fts f JOIN coach_profiles p ON p.user_id = f.rowid WHERE coach_fts MATCH ? AND p.status = 'published'`
			args = append(args, ftsQuery(terms))
		}
	}
	rows, err := q.Query(ctx, `SELECT p.user_id, p.tags, p.fee_minor, p.sliding_spots, p.verified, p.verified_until, p.next_open_at, `+
		score+from, args...)
	if err != nil {
		return nil, errs.Wrap(err, "searching the directory")
	}
	defer rows.Close()
	var out []candidate
	for rows.Next() {
		var c candidate
		var spots int
		var until, next sql.NullTime
		if err := rows.Scan(&c.id, &c.tags, &c.fee, &spots, &c.verified, &until, &next, &c.score); err != nil {
			return nil, errs.Wrap(err, "reading search results")
		}
		c.sliding = spots > 0
		c.verified = c.verified && (!until.Valid || until.Time.After(now))
		if next.Valid && !next.Time.Before(now) {
			t := next.Time.UTC()
			c.next = &t // a passed slot is stale until the refresh job runs: unknown
		}
		c.score += len(terms) // every term matched somewhere
		singleValues(&c, now)
		out = append(out, c)
	}
	return out, errs.Wrap(rows.Err(), "reading search results")
}

// scoreSQL is the portable relevance: per term, 3 when it starts a word of
// the name and 2 when it starts a word of the headline (the last term as a
// prefix, the others whole words, as in the full-text query).
func scoreSQL(terms []string) (string, []any) {
	if len(terms) == 0 {
		return "0", nil
	}
	var parts []string
	var args []any
	for i, t := range terms {
		pattern := "% " + t + " %"
		if i == len(terms)-1 {
			pattern = "% " + t + "%"
		}
		parts = append(parts, `(CASE WHEN p.name_text || ' ' LIKE ? THEN 3 ELSE 0 END) + (CASE WHEN p.headline_text || ' ' LIKE ? THEN 2 ELSE 0 END)`)
		args = append(args, pattern, pattern)
	}
	return strings.Join(parts, " + "), args
}

// ftsQuery is the FTS5 MATCH expression: every term, the last one as a
// prefix (people type word beginnings).
func ftsQuery(terms []string) string {
	parts := make([]string, len(terms))
	for i, t := range terms {
		parts[i] = `"` + t + `"`
		if i == len(terms)-1 {
			parts[i] += "*"
		}
	}
	return strings.Join(parts, " ")
}

// tsQuery is the same query for PostgreSQL's to_tsquery('simple', …).
func tsQuery(terms []string) string {
	parts := make([]string, len(terms))
	for i, t := range terms {
		parts[i] = t
		if i == len(terms)-1 {
			parts[i] += ":*"
		}
	}
	return strings.Join(parts, " & ")
}
