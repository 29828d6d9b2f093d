// Command genmeasures fills a database with synthetic past clients and their
// questionnaire scores (10 responses per client), in the database itself,
// for load tests of the practice outcomes page. It creates a practice with
// the given slug unless it exists. Never point it at a live database.
//
//	go run ./scripts/genmeasures -db /tmp/load.db -clients 100000
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/afterward/afterward/internal/measure"
	"github.com/afterward/afterward/internal/questionnaire"
	"github.com/afterward/afterward/internal/store"
)

func main() {
	url := flag.String("db", "", "database: a SQLite path or postgres://…")
	clients := flag.Int("clients", 100000, "synthetic clients to add")
	seed := flag.Uint64("seed", 1, "random seed")
	slug := flag.String("practice", "loadtest", "practice slug")
	flag.Parse()
	if err := run(*url, *slug, *clients, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "genmeasures:", err)
		os.Exit(1)
	}
}

func run(url, slug string, clients int, seed uint64) error {
	if url == "" || clients < 1 {
		return fmt.Errorf("give -db and a positive -clients")
	}
	ctx := context.Background()
	db, err := store.Open(ctx, url)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		return err
	}
	reg, err := measure.Builtin()
	if err != nil {
		return err
	}
	now := time.Now().UTC()
	start := time.Now()
	var n int
	err = db.InTx(ctx, func(tx *store.Tx) error {
		var id int64
		if err := tx.QueryRow(ctx, `SELECT id FROM practices WHERE slug = ?`, slug).Scan(&id); err != nil {
			if id, err = store.InsertID(ctx, tx, `INSERT INTO practices (name, slug, created_at) VALUES (?, ?, ?) RETURNING id`, "Load test "+slug, slug, now); err != nil {
				return err
			}
		}
		n, err = questionnaire.Generate(ctx, tx, reg, questionnaire.GenOptions{PracticeID: id, Clients: clients, Seed: seed, Now: now, LostRate: 0.15, DoseEffect: 0.7})
		return err
	})
	if err != nil {
		return err
	}
	fmt.Printf("added %d clients and %d responses in %s\n", clients, n, time.Since(start).Round(time.Millisecond))
	return nil
}
