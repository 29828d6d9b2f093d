package web_test

import (
	"context"
	"net/http"
	"strconv"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
)

type httpClient = http.Client

// clientID looks up a demo client's id by email.
func clientID(t *testing.T, srv *apptest.Server, email string) string {
	t.Helper()
	var id int64
	if err := srv.App.DB.Reader().QueryRow(context.Background(), `SELECT id FROM users WHERE email = ?`, email).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return strconv.FormatInt(id, 10)
}

func mustInt(s string) int64 {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		panic(err)
	}
	return n
}
