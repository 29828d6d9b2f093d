package coach_test

import (
	"context"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/coach"
	"github.com/afterward/afterward/internal/store"
)

// BenchmarkSearch50k: a faceted search with a text query over 50,000
// generated profiles (target: first page under 50 ms on 2 cores).
// AFTERWARD_BENCH_ENGINE=postgres runs it on PostgreSQL.
func BenchmarkSearch50k(b *testing.B) {
	engine := store.SQLite
	if os.Getenv("AFTERWARD_BENCH_ENGINE") == "postgres" {
		engine = store.Postgres
	}
	db := apptest.MustOpenDB(b, engine)
	ctx := context.Background()
	var practice, admin int64
	err := db.InTx(ctx, func(tx *store.Tx) error {
		var err error
		practice, err = store.InsertID(ctx, tx, `INSERT INTO practices (name, slug, created_at) VALUES ('Network', 'network', ?) RETURNING id`, now)
		if err != nil {
			return err
		}
		admin, err = store.InsertID(ctx, tx, `INSERT INTO users (practice_id, email, name, role, created_at) VALUES (?, 'admin@network.example.org', 'Admin', 'admin', ?) RETURNING id`, practice, now)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	if err := coach.Generate(ctx, db, coach.GenOptions{PracticeID: practice, Coaches: 50_000, Seed: 1, VerifierID: admin}, now); err != nil {
		b.Fatal(err)
	}
	svc := coach.NewService(coach.Deps{DB: db, Now: func() time.Time { return now }})
	vals, _ := url.ParseQuery("q=trauma+informed&substance=psilocybin&substance=mdma&format=video")
	q, err := coach.ParseQuery(vals)
	if err != nil {
		b.Fatal(err)
	}
	res, err := svc.Search(ctx, q)
	if err != nil || res.Total == 0 {
		b.Fatalf("search found %d (%v); the benchmark needs matches", res.Total, err)
	}
	b.ReportMetric(float64(res.Total), "matches")
	b.ResetTimer()
	for b.Loop() {
		if _, err := svc.Search(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
}
