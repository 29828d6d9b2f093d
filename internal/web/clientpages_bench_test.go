package web_test

import (
	"fmt"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/journal"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// BenchmarkClientPages reads the client's own pages, as cmd/afterward-bench
// does (client-journal, client-dashboard, client-timeline, fhir-export),
// with 50 journal entries. Run:
// go test ./internal/web -run '^$' -bench ClientPages -benchtime 300x -benchmem
func BenchmarkClientPages(b *testing.B) {
	srv := apptest.NewServer(b, store.SQLite)
	ctx := b.Context()
	var id int64
	if err := srv.App.DB.Reader().QueryRow(ctx, `SELECT id FROM users WHERE email = ?`, elena).Scan(&id); err != nil {
		b.Fatal(err)
	}
	client := policy.Actor{UserID: id, Role: "client"}
	if err := srv.App.DB.Reader().QueryRow(ctx, `SELECT practice_id FROM users WHERE id = ?`, id).Scan(&client.PracticeID); err != nil {
		b.Fatal(err)
	}
	var have int
	if err := srv.App.DB.Reader().QueryRow(ctx, `SELECT COUNT(*) FROM journal_entries WHERE client_id = ?`, id).Scan(&have); err != nil {
		b.Fatal(err)
	}
	for i := have; i < 50; i++ {
		in := journal.Input{Key: fmt.Sprintf("bench-entry-%04d", i), Title: "After the walk",
			Body: "I noticed the light on the water and felt calmer than this morning. Talked with my brother for an hour."}
		if _, err := srv.App.Journal.Save(ctx, client, id, in); err != nil {
			b.Fatal(err)
		}
	}
	c := srv.SignIn(b, elena)
	for _, path := range []string{"/journal", "/dashboard", "/progress", "/privacy/fhir"} {
		b.Run(path[1:], func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if resp := apptest.Do(b, c, "GET", srv.URL+path, "", nil); resp.Status != 200 {
					b.Fatalf("status %d", resp.Status)
				}
			}
		})
	}
}
