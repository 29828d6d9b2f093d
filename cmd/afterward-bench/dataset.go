package main

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/afterward/afterward/internal/app"
	"github.com/afterward/afterward/internal/coach"
	"github.com/afterward/afterward/internal/demo"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/measure"
	"github.com/afterward/afterward/internal/questionnaire"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/vault"
)

// dataVersion keys the cache: change it whenever the generated practice
// (or a migration it depends on) changes shape, and the next run rebuilds.
const dataVersion = "v2"

// The size of the benchmark practice (issue 17).
const (
	benchClients      = 100_000
	benchCoaches      = 2_000
	directoryProfiles = 50_000
	targetResponses   = 1_000_000
	journalEntries    = 500_000
	coachRoster       = 200 // active clients of the signed-in coach
	clientJournal     = 50  // entries of the signed-in client
)

// Accounts the scenarios sign in as: demo accounts, so their pages carry the
// demo's believable content on top of the bulk data.
const (
	clientEmail = "elena@client.example.org"
	writerEmail = "david@client.example.org" // journal-save and questionnaire-submit write here
	coachEmail  = "jonah@riverbend.example.org"
	adminEmail  = "maya@riverbend.example.org"
)

// practiceCache is one engine's cached practice: a data directory (master
// key, SQLite file) and the database URL.
type practiceCache struct {
	Dir, DatabaseURL string
}

func cacheRoot() string {
	if d := os.Getenv("XDG_CACHE_HOME"); d != "" {
		return filepath.Join(d, "afterward-bench")
	}
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, ".cache", "afterward-bench")
	}
	return filepath.Join(os.TempDir(), "afterward-bench")
}

func cacheFor(engine, pgURL string) practiceCache {
	dir := filepath.Join(cacheRoot(), dataVersion, engine)
	c := practiceCache{Dir: dir, DatabaseURL: filepath.Join(dir, "afterward.db")}
	if engine == "postgres" {
		c.DatabaseURL = withDatabase(pgURL, "afterward_bench_"+dataVersion)
	}
	return c
}

func (c practiceCache) readyFile() string { return filepath.Join(c.Dir, "ready") }

func (c practiceCache) ready() bool {
	_, err := os.Stat(c.readyFile())
	return err == nil
}

// ensurePractice builds the cached practice unless a complete one exists.
func ensurePractice(ctx context.Context, c practiceCache, engine, pgURL string, log *slog.Logger) error {
	if c.ready() {
		return nil
	}
	if err := os.RemoveAll(c.Dir); err != nil {
		return err
	}
	if err := os.MkdirAll(c.Dir, 0o700); err != nil {
		return err
	}
	if engine == "postgres" {
		if err := recreatePostgres(ctx, pgURL, "afterward_bench_"+dataVersion); err != nil {
			return err
		}
	}
	start := time.Now()
	fmt.Fprintf(os.Stderr, "afterward-bench: building the %s practice in %s (once per data version)\n", engine, c.Dir)
	a, err := app.Build(ctx, serverConfig(c, "127.0.0.1:0"), log, now)
	if err != nil {
		return err
	}
	defer a.Close()
	if _, err := demo.Seed(ctx, a.DB, a.DemoServices(), now()); err != nil {
		return fmt.Errorf("seeding the demo practice: %w", err)
	}
	g := &generator{ctx: ctx, db: a.DB, vault: a.Vault, now: now(), rng: rand.New(rand.NewPCG(17, 2026))}
	if err := g.run(); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "afterward-bench: built in %s\n", time.Since(start).Round(time.Second))
	return os.WriteFile(c.readyFile(), []byte(dataVersion+"\n"), 0o600)
}

func now() time.Time { return time.Now().UTC() }

// generator adds the bulk of the practice to the seeded demo with
// multi-row INSERTs in a few large transactions.
type generator struct {
	ctx        context.Context
	db         *store.DB
	vault      *vault.Vault
	now        time.Time
	rng        *rand.Rand
	practiceID int64
	coaches    []int64
	clients    []int64
}

func (g *generator) run() error {
	steps := []struct {
		name string
		fn   func(tx *store.Tx) error
	}{
		{"clients and questionnaire responses", g.clientsAndResponses},
		{"coaches and their rosters", g.coachesAndRosters},
		{"directory profiles", g.directory},
		{"journal entries", g.journals},
	}
	err := g.db.Reader().QueryRow(g.ctx, `SELECT id FROM practices WHERE slug = ?`, demo.Slug).Scan(&g.practiceID)
	if err != nil {
		return errs.Wrap(err, "finding the demo practice")
	}
	for _, st := range steps {
		t := time.Now()
		if err := g.db.InTx(g.ctx, st.fn); err != nil {
			return fmt.Errorf("generating %s: %w", st.name, err)
		}
		fmt.Fprintf(os.Stderr, "afterward-bench:   %s: %s\n", st.name, time.Since(t).Round(100*time.Millisecond))
	}
	// Fresh statistics, as a long-running practice would have.
	_, err = g.db.Write.ExecContext(g.ctx, `ANALYZE`)
	return err
}

// clientsAndResponses makes past clients with scores at five timepoints on
// two instruments (the questionnaire package's own generator): about ten
// responses each, so the target count sets the number of clients.
func (g *generator) clientsAndResponses(tx *store.Tx) error {
	reg, err := measure.Builtin()
	if err != nil {
		return err
	}
	clients := targetResponses * 103 / 1000 // ≈ 9.7 responses each (15% lost before 12 months)
	if _, err := questionnaire.Generate(g.ctx, tx, reg, questionnaire.GenOptions{PracticeID: g.practiceID, Clients: clients,
		Seed: 17, Now: g.now, LostRate: 0.15, DoseEffect: 0.8}); err != nil {
		return err
	}
	rows, err := tx.Query(g.ctx, `SELECT user_id FROM clients WHERE practice_id = ? AND stage = 'completed' ORDER BY user_id DESC LIMIT ?`,
		g.practiceID, benchClients)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return err
		}
		g.clients = append(g.clients, id)
	}
	return rows.Err()
}

// coachesAndRosters adds coaches and gives each a share of the clients; the
// signed-in coach gets coachRoster active, enabled clients.
func (g *generator) coachesAndRosters(tx *store.Tx) error {
	rows := make([][]any, benchCoaches)
	for i := range rows {
		rows[i] = []any{g.practiceID, fmt.Sprintf("bench-coach-%05d@coach.invalid", i), fmt.Sprintf("%s %s", pick(g.rng, firstNames), pick(g.rng, lastNames)), "coach", g.now}
	}
	if err := batchInsert(g.ctx, tx, `INSERT INTO users (practice_id, email, name, role, created_at) VALUES `, rows); err != nil {
		return err
	}
	ids, err := idsWhere(g.ctx, tx, `SELECT id FROM users WHERE email LIKE 'bench-coach-%' ORDER BY id`)
	if err != nil {
		return err
	}
	g.coaches = ids
	var jonah int64
	if err := tx.QueryRow(g.ctx, `SELECT id FROM users WHERE email = ?`, coachEmail).Scan(&jonah); err != nil {
		return err
	}
	roster := g.clients[:coachRoster]
	for start := 0; start < len(roster); start += 100 {
		chunk := roster[start:min(start+100, len(roster))]
		if _, err := tx.Exec(g.ctx, `UPDATE clients SET coach_id = ?, stage = 'active' WHERE user_id IN (`+idList(chunk)+`)`, jonah); err != nil {
			return err
		}
		if _, err := tx.Exec(g.ctx, `UPDATE users SET disabled_at = NULL WHERE id IN (`+idList(chunk)+`)`); err != nil {
			return err
		}
	}
	// Everyone else: round-robin over the bench coaches, in one statement per coach block.
	first, n := g.coaches[0], int64(len(g.coaches))
	_, err = tx.Exec(g.ctx, `UPDATE clients SET coach_id = ? + (user_id % ?) WHERE practice_id = ? AND coach_id IS NULL AND stage = 'completed'`,
		first, n, g.practiceID)
	return err
}

// directory publishes directoryProfiles coach profiles: the bench coaches
// and, for the rest, coaches of a second practice (the directory is
// shared across practices).
func (g *generator) directory(tx *store.Tx) error {
	var other int64
	err := tx.QueryRow(g.ctx, `INSERT INTO practices (name, slug, created_at) VALUES (?, ?, ?) RETURNING id`,
		"Integration Network", "bench-network", g.now).Scan(&other)
	if err != nil {
		return err
	}
	extra := directoryProfiles - len(g.coaches)
	users := make([][]any, extra)
	for i := range users {
		users[i] = []any{other, fmt.Sprintf("bench-dir-%06d@coach.invalid", i), fmt.Sprintf("%s %s", pick(g.rng, firstNames), pick(g.rng, lastNames)), "coach", g.now}
	}
	if err := batchInsert(g.ctx, tx, `INSERT INTO users (practice_id, email, name, role, created_at) VALUES `, users); err != nil {
		return err
	}
	ids, err := idsWhere(g.ctx, tx, `SELECT id FROM users WHERE email LIKE 'bench-dir-%' ORDER BY id`)
	if err != nil {
		return err
	}
	all := append(append([]int64(nil), g.coaches...), ids...)
	var profiles, fts [][]any
	for i, id := range all {
		practice := g.practiceID
		if i >= len(g.coaches) {
			practice = other
		}
		p := g.profile(id, practice)
		profiles = append(profiles, p.row)
		fts = append(fts, []any{id, p.search})
	}
	if err := batchInsert(g.ctx, tx, `INSERT INTO coach_profiles (user_id, practice_id, display_name, headline, bio, tags, location,
		fee_minor, currency, sliding_min_minor, sliding_max_minor, sliding_spots, time_zone, accepting, status, verified,
		next_open_at, search_text, name_text, headline_text, updated_at) VALUES `, profiles); err != nil {
		return err
	}
	if tx.Dialect() == store.SQLite {
		return batchInsert(g.ctx, tx, `INSERT INTO coach_fts (rowid, search_text) VALUES `, fts)
	}
	return nil
}

type profileRow struct {
	row    []any
	search string
}

func (g *generator) profile(id, practice int64) profileRow {
	name := pick(g.rng, firstNames) + " " + pick(g.rng, lastNames)
	headline := pick(g.rng, headlines)
	bio := fmt.Sprintf("%s %s", pick(g.rng, bios), pick(g.rng, bios))
	var tags int64
	for range 5 {
		tags |= 1 << g.rng.IntN(40)
	}
	tags |= 1 << (24 + g.rng.IntN(3)) // every coach speaks English, Spanish or French
	fee := int64(6000 + 500*g.rng.IntN(20))
	spots, slMin, slMax := 0, int64(0), int64(0)
	if g.rng.IntN(3) == 0 {
		spots, slMin, slMax = 1+g.rng.IntN(4), fee/3, fee
	}
	next := g.now.Add(time.Duration(1+g.rng.IntN(240)) * time.Hour).Truncate(time.Hour)
	search := normalised(name, headline, bio)
	return profileRow{search: search, row: []any{id, practice, name, headline, bio, tags, pick(g.rng, locations),
		fee, "USD", slMin, slMax, spots, "America/New_York", true, "published", g.rng.IntN(2) == 0,
		next, search, normalised(name), normalised(headline), g.now}}
}

// journals writes journalEntries sealed entries: clientJournal for the
// signed-in client and five each for the others. Each title and body is
// sealed by the vault with its real client key and record id, so any page
// that opens one sees a genuine ciphertext.
func (g *generator) journals(tx *store.Tx) error {
	var elena int64
	if err := tx.QueryRow(g.ctx, `SELECT id FROM users WHERE email = ?`, clientEmail).Scan(&elena); err != nil {
		return err
	}
	var have, nextID int64
	if err := tx.QueryRow(g.ctx, `SELECT COUNT(*) FROM journal_entries WHERE client_id = ?`, elena).Scan(&have); err != nil {
		return err
	}
	if err := tx.QueryRow(g.ctx, `SELECT COALESCE(MAX(id), 0) + 1 FROM journal_entries`).Scan(&nextID); err != nil {
		return err
	}
	type plan struct {
		client int64
		n      int
	}
	plans := []plan{{elena, clientJournal - int(have)}}
	left := journalEntries - plans[0].n
	for i := 0; left > 0; i++ {
		n := min(5, left)
		plans = append(plans, plan{g.clients[i%len(g.clients)], n})
		left -= n
	}
	var batch [][]any
	for _, p := range plans {
		for k := range p.n {
			id := nextID
			nextID++
			at := g.now.Add(-time.Duration(k*37+g.rng.IntN(30)) * time.Hour)
			title, body := pick(g.rng, journalTitles), pick(g.rng, journalBodies)
			ct, err := g.seal(tx, p.client, id, title, body)
			if err != nil {
				return err
			}
			batch = append(batch, []any{id, p.client, fmt.Sprintf("bench-%012d-%04d", p.client, k), "saved", ct[0], ct[1], "none", at, at})
			if len(batch) == 2000 {
				if err := batchInsert(g.ctx, tx, journalInsert, batch); err != nil {
					return err
				}
				batch = batch[:0]
			}
		}
	}
	if err := batchInsert(g.ctx, tx, journalInsert, batch); err != nil {
		return err
	}
	if tx.Dialect() == store.Postgres {
		_, err := tx.Exec(g.ctx, `SELECT setval(pg_get_serial_sequence('journal_entries', 'id'), (SELECT MAX(id) FROM journal_entries))`)
		return err
	}
	return nil
}

const journalInsert = `INSERT INTO journal_entries (id, client_id, entry_key, status, title, body, safety_level, created_at, updated_at) VALUES `

func (g *generator) seal(tx *store.Tx, client, id int64, title, body string) ([2][]byte, error) {
	var out [2][]byte
	for i, f := range []struct{ name, v string }{{"title", title}, {"body", body}} {
		ct, err := g.vault.Seal(g.ctx, tx, client, vault.AAD{Table: "journal_entries", RecordID: id, Field: f.name}, []byte(f.v))
		if err != nil {
			return out, err
		}
		out[i] = ct
	}
	return out, nil
}

// batchInsert writes rows with multi-row VALUES statements, at most 60,000
// parameters each (PostgreSQL's limit is 65,535).
func batchInsert(ctx context.Context, tx *store.Tx, prefix string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	per := max(1, min(500, 60000/len(rows[0])))
	ph := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(rows[0])), ", ") + ")"
	for start := 0; start < len(rows); start += per {
		chunk := rows[start:min(start+per, len(rows))]
		args := make([]any, 0, len(chunk)*len(chunk[0]))
		for _, r := range chunk {
			args = append(args, r...)
		}
		if _, err := tx.Exec(ctx, prefix+strings.TrimSuffix(strings.Repeat(ph+", ", len(chunk)), ", "), args...); err != nil {
			return err
		}
	}
	return nil
}

func idsWhere(ctx context.Context, q store.Querier, query string, args ...any) ([]int64, error) {
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

func idList(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = fmt.Sprint(id)
	}
	return strings.Join(parts, ",")
}

// normalised is the stored search form the coach service writes: each
// token with a leading space.
func normalised(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		for _, t := range coach.Tokens(p) {
			b.WriteString(" " + t)
		}
	}
	return b.String()
}

func pick(rng *rand.Rand, list []string) string { return list[rng.IntN(len(list))] }

var (
	firstNames = []string{"Ava", "Noah", "Mia", "Liam", "Zoe", "Omar", "Lena", "Kai", "Iris", "Theo", "Nora", "Ravi", "Hana", "Luca", "Maya", "Eli", "Ines", "Jae", "Sana", "Owen"}
	lastNames  = []string{"Hart", "Moreno", "Kim", "Okafor", "Silva", "Novak", "Dubois", "Tanaka", "Weber", "Costa", "Haddad", "Lund", "Price", "Iyer", "Brooks", "Quinn"}
	headlines  = []string{"Somatic integration after ceremony", "Trauma-informed integration coach", "Grounding after difficult journeys",
		"Integration for clinical-trial participants", "Art and journaling for meaning-making", "Nature-based integration walks",
		"Couples integration support", "Integration for veterans and first responders", "Mindfulness-based integration"}
	bios = []string{"I help people make sense of what surfaced and bring it into daily life.", "Ten years of somatic practice and peer support.",
		"Trained in harm reduction and motivational interviewing.", "I work gently with grief, fear and awe.",
		"Sessions combine talk, movement and time outdoors.", "I supervise with a licensed therapist monthly."}
	locations     = []string{"Portland, OR", "Denver, CO", "Austin, TX", "Oakland, CA", "Brooklyn, NY", "Toronto, ON", "London, UK", "Berlin, DE"}
	journalTitles = []string{"Morning pages", "After the session", "What the forest said", "A harder day", "Small changes", "Dream notes"}
	journalBodies = []string{"I woke up early and sat with the feeling from the ceremony for a while before checking my phone.",
		"Talked with my sister today. It was easier than I expected, and I noticed I was not bracing.",
		"Walked by the river. The image of the open door came back and I let it stay.",
		"Anxious most of the afternoon, but I used the breathing we practised and it passed.",
		"Wrote down three things I want to keep from this month. Sleep is better."}
)

// withDatabase replaces the database name of a PostgreSQL URL.
func withDatabase(raw, name string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	u.Path = "/" + name
	return u.String()
}

// recreatePostgres drops and creates the bench database on the server.
func recreatePostgres(ctx context.Context, serverURL, name string) error {
	db, err := sql.Open("pgx", serverURL)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`); err != nil {
		return fmt.Errorf("PostgreSQL at %s: %w", store.Redact(serverURL), err)
	}
	_, err = db.ExecContext(ctx, `CREATE DATABASE `+name)
	return err
}
