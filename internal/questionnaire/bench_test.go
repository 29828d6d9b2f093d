package questionnaire_test

import (
	"context"
	"os"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/questionnaire"
	"github.com/afterward/afterward/internal/store"
)

// BenchmarkOutcomesPage times the outcomes page's query and analysis path
// (PracticeOutcomes: audit event, session counts, one pass over baseline
// and 12-month scores, rates and the dose comparison) over data generated
// in the database: 100,000 clients with 10 responses each (1,000,000) on
// SQLite, 20,000 clients (200,000) on PostgreSQL. Override the client
// counts with AFTERWARD_BENCH_CLIENTS and AFTERWARD_BENCH_PG_CLIENTS.
//
//	go test -run '^$' -bench BenchmarkOutcomesPage -benchtime 3x ./internal/progress/
func BenchmarkOutcomesPage(b *testing.B) {
	for _, tc := range []struct {
		engine  store.Dialect
		clients int
	}{
		{store.SQLite, envInt("AFTERWARD_BENCH_CLIENTS", 100_000)},
		{store.Postgres, envInt("AFTERWARD_BENCH_PG_CLIENTS", 20_000)},
	} {
		b.Run(string(tc.engine)+"-"+strconv.Itoa(tc.clients), func(b *testing.B) {
			ctx := context.Background()
			db := apptest.MustOpenDB(b, tc.engine)
			w := newWorld(b, db)
			var responses int
			err := db.InTx(ctx, func(tx *store.Tx) error {
				var err error
				responses, err = questionnaire.Generate(ctx, tx, w.reg, questionnaire.GenOptions{PracticeID: w.practiceID, Clients: tc.clients, Seed: 1, Now: t0, DoseEffect: 0.7})
				return err
			})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(responses), "responses")
			cpu0 := cpuTime()
			b.ResetTimer()
			for b.Loop() {
				sum, err := w.svc.PracticeOutcomes(ctx, w.admin)
				if err != nil || len(sum.Instruments) != 2 || sum.Clients != tc.clients {
					b.Fatalf("outcomes: %d instruments, %d clients, %v", len(sum.Instruments), sum.Clients, err)
				}
			}
			// CPU time of the process per page (user+system, all threads;
			// for SQLite that includes the in-process database engine): on a
			// shared 2-core machine it is steadier than wall time.
			b.ReportMetric(float64((cpuTime()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
		})
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func envInt(key string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(key)); err == nil && n > 0 {
		return n
	}
	return def
}
