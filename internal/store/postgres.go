package store

import (
	"database/sql"
	"fmt"

	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL through pgx's database/sql driver
)

func openPostgres(url string) (*DB, error) {
	db, err := sql.Open("pgx", url)
	if err != nil {
		return nil, fmt.Errorf("opening PostgreSQL database %s: %w", redact(url), err)
	}
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(10)
	return &DB{Dialect: Postgres, Write: db, Read: db}, nil
}
