package web_test

import (
	"testing"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

// BenchmarkClientChart renders Aisha's chart for her coach: every section,
// each read through its service with its audit event (target: under 150 ms
// on a 2-core machine). Run: go test ./internal/web -run '^$' -bench ClientChart -benchtime 30x
func BenchmarkClientChart(b *testing.B) {
	srv := apptest.NewServer(b, store.SQLite)
	c := srv.SignIn(b, jonah)
	url := srv.URL + "/clients/" + clientID(b, srv, aisha)
	b.ResetTimer()
	for b.Loop() {
		if resp := apptest.Do(b, c, "GET", url, "", nil); resp.Status != 200 {
			b.Fatalf("status %d", resp.Status)
		}
	}
}

// BenchmarkInbox lists Jonah's threads with unread counts.
func BenchmarkInbox(b *testing.B) {
	srv := apptest.NewServer(b, store.SQLite)
	c := srv.SignIn(b, jonah)
	b.ResetTimer()
	for b.Loop() {
		if resp := apptest.Do(b, c, "GET", srv.URL+"/inbox", "", nil); resp.Status != 200 {
			b.Fatalf("status %d", resp.Status)
		}
	}
}
