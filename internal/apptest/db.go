// Package apptest holds helpers shared by tests: real databases on both
// engines, fixtures and servers. It is imported only from _test files.
package apptest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/store"
)

// DefaultPostgres is where tests look for PostgreSQL unless
// AFTERWARD_TEST_POSTGRES says otherwise; scripts/test starts one there.
const DefaultPostgres = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

// Engines lists the engines every store test runs on.
var Engines = []store.Dialect{store.SQLite, store.Postgres}

// EachEngine runs fn as a subtest once per engine, each with a fresh,
// migrated database.
func EachEngine(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	for _, engine := range Engines {
		t.Run(string(engine), func(t *testing.T) {
			fn(t, MustOpenDB(t, engine))
		})
	}
}

// MustOpenDB returns a fresh, migrated database of the given engine that is
// removed when the test ends. PostgreSQL gets a new database on the test
// server; when none is reachable the test is skipped locally and fails when
// CI=true (a missing database is never a silent pass in CI).
func MustOpenDB(tb testing.TB, engine store.Dialect) *store.DB {
	tb.Helper()
	return MustOpenURL(tb, NewDatabaseURL(tb, engine))
}

// MustOpenURL opens url's database, migrated and with the test audit key,
// closed when the test ends. Two handles on one URL are as two servers.
func MustOpenURL(tb testing.TB, url string) *store.DB {
	tb.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, url)
	if err != nil {
		tb.Fatalf("open %s: %v", store.Redact(url), err)
	}
	tb.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		tb.Fatalf("migrate %s: %v", store.Redact(url), err)
	}
	db.SetAuditKey(AuditKey)
	return db
}

// AuditKey keys the audit chain of test databases (a server keeps its key
// outside the database; tests set this one).
var AuditKey = []byte("afterward-test-audit-key-32bytes")

// NewDatabaseURL creates an empty database and returns its URL.
func NewDatabaseURL(tb testing.TB, engine store.Dialect) string {
	tb.Helper()
	if engine == store.SQLite {
		return filepath.Join(tb.TempDir(), "test.db")
	}
	return newPostgresDatabase(tb)
}

// PostgresURL is the server the tests use.
func PostgresURL() string {
	if u := os.Getenv("AFTERWARD_TEST_POSTGRES"); u != "" {
		return u
	}
	return DefaultPostgres
}

func newPostgresDatabase(tb testing.TB) string {
	tb.Helper()
	admin, err := sql.Open("pgx", PostgresURL())
	if err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err = admin.PingContext(ctx)
		cancel()
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("PostgreSQL is required in CI but not reachable at %s: %v", PostgresURL(), err)
		}
		tb.Skipf("PostgreSQL not reachable at %s (run ./scripts/test to start one): %v", PostgresURL(), err)
	}
	name := "aw_test_" + randomHex(6)
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		tb.Fatalf("create database: %v", err)
	}
	tb.Cleanup(func() {
		_, _ = admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
		admin.Close()
	})
	return withDatabase(PostgresURL(), name)
}

func withDatabase(raw, name string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	u.Path = "/" + name
	return u.String()
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return strings.ToLower(hex.EncodeToString(b))
}
