package app_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"github.com/afterward/afterward/internal/practice"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/alert"
	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/careteam"
	coachsvc "github.com/afterward/afterward/internal/coach"
	"github.com/afterward/afterward/internal/journal"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/privacy"
	"github.com/afterward/afterward/internal/safety"
	"github.com/afterward/afterward/internal/store"
)

// TestErasureLeavesNoCanary plants a unique canary in every free-text field
// and identifier of one client — through the services where they exist and
// as legacy plaintext rows where a column used to hold text — erases the
// client, and then searches every table, the raw SQLite file and its WAL,
// a fresh `afterward backup`, and on PostgreSQL a pg_dump, for the canary.
// Before the erasure the same search must find it (the search works);
// after, zero hits, and the client's scores, check-ins and intake are gone.
func TestErasureLeavesNoCanary(t *testing.T) {
	for _, engine := range apptest.Engines {
		t.Run(string(engine), func(t *testing.T) { canaryErasure(t, engine) })
	}
}

func canaryErasure(t *testing.T, engine store.Dialect) {
	if engine == store.Postgres {
		if _, err := exec.LookPath("pg_dump"); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatal("pg_dump is required in CI (Debian package postgresql-client)")
			}
			t.Skip("pg_dump not installed")
		}
	}
	clock := &apptest.Clock{}
	srv := apptest.NewServerWith(t, engine, apptest.Options{Clock: clock})
	a := srv.App
	ctx := context.Background()
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	canary := "CANARY" + strings.ToUpper(hex.EncodeToString(b))
	c := plantCanaries(t, srv, canary, b)

	if hits := tableHits(t, a.DB, canary); len(hits) == 0 {
		t.Fatal("before erasure the table scan finds no canary: the scan does not work")
	}
	if engine == store.SQLite {
		if n := fileHits(t, canary, a.Cfg.DatabaseURL, a.Cfg.DatabaseURL+"-wal"); n == 0 {
			t.Fatal("before erasure the database files hold no canary: the file scan does not work")
		}
	}

	// A job that is running at the moment of erasure keeps its arguments
	// until it finishes (River's cleaner then removes finished jobs within
	// a day); let the queued email leave the running state first.
	// Text sealed under the practice's key (referrals in) is emptied by the
	// erasure, as the client's key does not cover it.
	var referralsIn []int64
	rows, err := a.DB.Reader().Query(ctx, `SELECT id FROM referrals WHERE direction = 'in' AND reason_sealed IS NOT NULL AND email = (SELECT email FROM users WHERE id = ?)`, c.UserID)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		referralsIn = append(referralsIn, id)
	}
	rows.Close()
	if len(referralsIn) == 0 {
		t.Fatal("no sealed referral in names the client before erasure")
	}
	waitForJobs(t, a.DB, strings.ToLower(canary))
	if _, err := a.Privacy.RequestErasure(ctx, c, true); err != nil {
		t.Fatalf("request erasure: %v", err)
	}
	clock.Advance(31 * 24 * time.Hour)
	if _, err := a.Privacy.RunDueErasures(ctx); err != nil {
		t.Fatalf("run erasures: %v", err)
	}

	if hits := tableHits(t, a.DB, canary); len(hits) > 0 {
		t.Errorf("after erasure the canary is still in %s", strings.Join(hits, ", "))
	}
	for _, q := range []string{
		`SELECT COUNT(*) FROM measure_responses WHERE client_id = ?`,
		`SELECT COUNT(*) FROM checkins WHERE client_id = ?`,
		`SELECT COUNT(*) FROM intakes WHERE client_id = ?`,
		`SELECT COUNT(*) FROM adverse_reactions WHERE client_id = ?`,
		`SELECT COUNT(*) FROM safety_alerts WHERE client_id = ? AND (reason <> '' OR kinds <> '' OR reason_sealed IS NOT NULL OR kinds_sealed IS NOT NULL OR reason_digest IS NOT NULL)`,
		`SELECT COUNT(*) FROM audit_events WHERE client_id = ? AND (detail LIKE '%phq9%' OR detail LIKE '%reason=%')`,
		`SELECT COUNT(*) FROM users WHERE id = ? AND (name <> 'Erased client' OR email NOT LIKE '%@erased.invalid')`,
	} {
		var n int
		if err := a.DB.Reader().QueryRow(ctx, q, c.UserID).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if n != 0 {
			t.Errorf("after erasure %q counts %d; want 0", q, n)
		}
	}
	for _, id := range referralsIn {
		var sealed []byte
		if err := a.DB.Reader().QueryRow(ctx, `SELECT reason_sealed FROM referrals WHERE id = ?`, id).Scan(&sealed); err != nil || sealed != nil {
			t.Errorf("after erasure referral in %d keeps its sealed reason (%v); want it emptied", id, err)
		}
	}
	var certs int
	if err := a.DB.Reader().QueryRow(ctx, `SELECT COUNT(*) FROM destruction_certificates WHERE client_id = ? AND requested_by = 'client'`, c.UserID).Scan(&certs); err != nil || certs != 1 {
		t.Errorf("destruction certificates for the erased client: %d (%v); want 1", certs, err)
	}

	switch engine {
	case store.SQLite:
		for _, f := range []string{a.Cfg.DatabaseURL, a.Cfg.DatabaseURL + "-wal"} {
			if n := fileHits(t, canary, f); n > 0 {
				t.Errorf("after erasure %s holds the canary %d times", filepath.Base(f), n)
			}
		}
		out := filepath.Join(t.TempDir(), "after-erasure.tar")
		if code, _, stderr := run(t, "", nil, "backup", "--db", a.Cfg.DatabaseURL, "--data-dir", a.Cfg.DataDir, "--out", out); code != 0 {
			t.Fatalf("backup: %s", stderr)
		}
		if n := fileHits(t, canary, out); n > 0 {
			t.Errorf("a fresh backup holds the canary %d times", n)
		}
	case store.Postgres:
		dump, err := exec.Command("pg_dump", "--format=plain", a.Cfg.DatabaseURL).Output()
		if err != nil {
			t.Fatalf("pg_dump: %v", err)
		}
		if !bytes.Contains(dump, []byte("CREATE TABLE")) {
			t.Fatal("pg_dump wrote no schema")
		}
		if n := bytes.Count(dump, []byte(canary)); n > 0 {
			t.Errorf("pg_dump after erasure holds the canary %d times", n)
		}
	}
}

// plantCanaries creates a client of the demo practice, assigned to a demo
// coach, and writes the canary into every field that holds text about
// them; it returns the client.
func plantCanaries(t *testing.T, srv *apptest.Server, canary string, b []byte) policy.Actor {
	t.Helper()
	a := srv.App
	ctx := context.Background()
	now := a.Now().UTC()
	lower := strings.ToLower(canary)
	email := lower + "@client.example.org"
	var coach, clinician, admin policy.Actor
	for _, x := range []struct {
		email string
		to    *policy.Actor
	}{{"jonah@riverbend.example.org", &coach}, {"rachel.green@clinic.example.org", &clinician}, {"maya@riverbend.example.org", &admin}} {
		var role string
		if err := a.DB.Reader().QueryRow(ctx, `SELECT id, practice_id, role FROM users WHERE email = ?`, x.email).Scan(&x.to.UserID, &x.to.PracticeID, &role); err != nil {
			t.Fatalf("finding %s: %v", x.email, err)
		}
		x.to.Role = account.Role(role)
	}
	// The demo practice works under Oregon's programme, whose 5-year
	// retention refuses erasure (TestRetentionAndDestruction tests that);
	// this test is about what erasure leaves, so the practice has none.
	if err := a.Practices.SetProgramme(ctx, admin, practice.NoProgramme); err != nil {
		t.Fatalf("setting no programme: %v", err)
	}
	client := policy.Actor{Role: account.Client, PracticeID: coach.PracticeID}
	f := func(field string) string { return canary + " " + field }
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("planting %s: %v", what, err)
		}
	}
	must("the client and plaintext rows", a.DB.InTx(ctx, func(tx *store.Tx) error {
		id, err := store.InsertID(ctx, tx, `INSERT INTO users (practice_id, email, name, role, created_at) VALUES (?, ?, ?, 'client', ?) RETURNING id`,
			client.PracticeID, email, f("name"), now.Add(-60*24*time.Hour))
		if err != nil {
			return err
		}
		client.UserID = id
		exec := func(q string, args ...any) {
			if err == nil {
				_, err = tx.Exec(ctx, q, args...)
				if err != nil {
					err = errWith(q, err)
				}
			}
		}
		ins := func(q string, args ...any) int64 {
			if err != nil {
				return 0
			}
			var rid int64
			rid, err = store.InsertID(ctx, tx, q, args...)
			if err != nil {
				err = errWith(q, err)
			}
			return rid
		}
		exec(`INSERT INTO clients (user_id, practice_id, coach_id, stage, substance, context, experience_at, created_at) VALUES (?, ?, ?, 'active', ?, ?, ?, ?)`,
			id, client.PracticeID, coach.UserID, f("substance"), f("context"), now.Add(-50*24*time.Hour), now.Add(-60*24*time.Hour))
		exec(`INSERT INTO client_contacts (client_id, phone, emergency_name, emergency_relation, emergency_phone, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
			id, f("phone"), f("emergency name"), f("relation"), f("emergency phone"), now)
		exec(`INSERT INTO invitations (practice_id, token_hash, email, name, role, invited_by, created_at, expires_at, accepted_at, user_id) VALUES (?, ?, ?, ?, 'client', ?, ?, ?, ?, ?)`,
			client.PracticeID, hex.EncodeToString(b[:4])+"-invitation-token-digest", email, f("invited name"), coach.UserID, now, now.Add(time.Hour), now, id)
		// Legacy plaintext, as rows written before the free text was sealed.
		exec(`INSERT INTO plans (client_id, experience_at, cadence, planned_sessions, session_minutes, intentions, updated_by, updated_at, created_at) VALUES (?, ?, 'weekly', 6, 60, ?, ?, ?, ?)`,
			id, now.Add(-50*24*time.Hour), f("plan intentions"), coach.UserID, now, now)
		exec(`INSERT INTO plan_history (plan_id, version, snapshot, changed_by, changed_at) VALUES ((SELECT id FROM plans WHERE client_id = ?), 1, ?, ?, ?)`,
			id, `{"intentions":"`+f("plan snapshot")+`"}`, coach.UserID, now)
		insight := ins(`INSERT INTO insights (client_id, body, created_by, created_at) VALUES (?, ?, ?, ?) RETURNING id`, id, f("legacy insight"), coach.UserID, now)
		intention := ins(`INSERT INTO intentions (client_id, insight_id, body, created_by, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id`, id, insight, f("legacy intention"), coach.UserID, now)
		exec(`INSERT INTO actions (intention_id, client_id, body, due_on, created_by, created_at) VALUES (?, ?, ?, '2030-01-01', ?, ?)`, intention, id, f("legacy action"), coach.UserID, now)
		consent := ins(`INSERT INTO consents (client_id, recipient_id, purpose, starts_at, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id`, id, clinician.UserID, f("consent purpose"), now, now)
		exec(`INSERT INTO consent_categories (consent_id, category) VALUES (?, 'summaries')`, consent)
		exec(`INSERT INTO break_glass (admin_id, client_id, reason, starts_at, expires_at) VALUES (?, ?, ?, ?, ?)`, admin.UserID, id, f("break-glass reason"), now, now.Add(time.Hour))
		exec(`INSERT INTO care_summaries (client_id, coach_id, recipient_id, title, status, created_at) VALUES (?, ?, ?, ?, 'pending', ?)`, id, coach.UserID, clinician.UserID, f("summary title"), now)
		exec(`INSERT INTO referrals (practice_id, direction, referrer_id, person_name, email, client_id, source, experience_on, reason, urgency, status, created_at, updated_at)
			VALUES (?, 'in', ?, ?, ?, ?, 'clinician', ?, ?, 'routine', 'accepted', ?, ?)`, client.PracticeID, clinician.UserID, f("referred person"), email, id, f("experience on"), f("referral in reason"), now, now)
		exec(`INSERT INTO referrals (practice_id, direction, referrer_id, client_id, partner_name, source, reason, urgency, status, created_at, updated_at)
			VALUES (?, 'out', ?, ?, 'Riverbend psychiatry', 'note', ?, 'soon', 'open', ?, ?)`, client.PracticeID, coach.UserID, id, f("referral out reason"), now, now)
		exec(`INSERT INTO coach_reports (coach_id, reporter_id, happened_on, what, created_at) VALUES (?, ?, ?, ?, ?)`, coach.UserID, id, now, f("coach report"), now)
		appt := ins(`INSERT INTO appointments (uid, practice_id, coach_id, client_id, starts_at, minutes, format, location, status, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, 60, 'video', 'https://meet.example.org/x', 'held', ?, ?) RETURNING id`, hex.EncodeToString(b[:4])+"-appointment-uid", client.PracticeID, coach.UserID, id, now.Add(-40*24*time.Hour), now, now)
		note := ins(`INSERT INTO session_notes (appointment_id, client_id, coach_id, created_at) VALUES (?, ?, ?, ?) RETURNING id`, appt, id, coach.UserID, now)
		exec(`INSERT INTO session_note_versions (note_id, version, kind, body, reason, author_id, created_at) VALUES (?, 1, 'amendment', ?, ?, ?, ?)`, note, []byte{0}, f("amendment reason"), coach.UserID, now)
		exec(`INSERT INTO intakes (client_id, step, submitted_at, disposition, reasons, created_at, updated_at) VALUES (?, 'done', ?, 'refer_clinical', ?, ?, ?)`, id, now, f("triage reasons"), now, now)
		exec(`INSERT INTO measure_responses (client_id, practice_id, instrument, answered_at, total, severity, risk, created_at) VALUES (?, ?, 'phq9', ?, 23, 'severe', 'item9', ?)`, id, client.PracticeID, now, now)
		exec(`INSERT INTO checkins (client_id, cadence, mood, anxiety, sleep, connection, safety_level, created_at) VALUES (?, 'daily', 1, 5, 1, 1, 'urgent', ?)`, id, now)
		inv := ins(`INSERT INTO invoices (practice_id, kind, number, client_id, coach_id, reason, currency, total, issued_at, due_at, practice_name, practice_address, practice_tax_id, client_name)
			VALUES (?, 'invoice', 90001, ?, ?, ?, 'USD', 15000, ?, ?, 'Riverbend', 'Main St', 'T1', ?) RETURNING id`, client.PracticeID, id, coach.UserID, f("invoice reason"), now, now, f("invoice name"))
		exec(`INSERT INTO billing_lines (practice_id, client_id, coach_id, source_kind, description, occurred_at, list_amount, amount, currency, invoice_id, waive_reason, created_at)
			VALUES (?, ?, ?, 'credit', ?, ?, 15000, 15000, 'USD', ?, ?, ?)`, client.PracticeID, id, coach.UserID, f("credit description"), now, inv, f("waive reason"), now)
		return err
	}))
	// Through the services: sealed content, the alert's reason code, and a
	// sign-in link email queued with the address in its job.
	_, err := a.Journal.Save(ctx, client, client.UserID, journal.Input{Key: hex.EncodeToString(b[:4]) + "-journal-entry-key", Title: f("journal title"), Body: f("journal body")})
	must("a journal entry", err)
	insight, err := a.Plans.AddInsight(ctx, coach, client.UserID, f("insight"))
	must("an insight", err)
	intention, err := a.Plans.AddIntention(ctx, coach, client.UserID, insight, f("intention"))
	must("an intention", err)
	_, err = a.Plans.AddAction(ctx, coach, intention, f("action"), now.AddDate(0, 0, 7).Format("2006-01-02"))
	must("an action", err)
	_, err = a.CareTeam.Grant(ctx, client, "UTC", careteam.Grant{RecipientID: clinician.UserID, Purpose: f("granted purpose"), Categories: []policy.Category{policy.Summaries}})
	must("a consent", err)
	must("a safety alert", a.DB.InTx(ctx, func(tx *store.Tx) error {
		_, err := a.Alerts.Raise(ctx, tx, client.UserID, alert.Source{Kind: "questionnaire", ID: 1}, safety.Concern, alert.ReasonPHQ9Item9)
		return err
	}))
	must("a sign-in link", a.Auth.RequestSignInLink(ctx, email))
	// Sealed free text written through the services: under the client's
	// key, or (a referral in) the practice's, which erasure empties.
	summary, err := a.CareTeam.WriteSummary(ctx, coach, careteam.NewSummary{ClientID: client.UserID, Title: f("written summary title"), Body: f("written summary body")})
	must("a summary", err)
	must("approving the summary", a.CareTeam.DecideSummary(ctx, client, summary, true))
	var partner int64
	must("a partner", a.DB.Reader().QueryRow(ctx, `SELECT MIN(id) FROM referral_partners WHERE practice_id = ?`, client.PracticeID).Scan(&partner))
	_, err = a.CareTeam.ReferOut(ctx, coach, careteam.NewReferralOut{ClientID: client.UserID, PartnerID: partner, SummaryID: summary, Reason: f("written referral out"), Urgency: "soon"})
	must("a referral out", err)
	_, err = a.CareTeam.ReferIn(ctx, clinician, careteam.NewReferralIn{Name: f("written referred name"), Email: email, Reason: f("written referral in"), Urgency: "routine"})
	must("a referral in", err)
	_, err = a.Coaches.ReportCoach(ctx, client, coachsvc.Report{CoachID: coach.UserID, HappenedOn: now.Add(-24 * time.Hour), What: f("written coach report")})
	must("a report about the coach", err)
	return client
}

// waitForJobs waits up to 30 s until no queued or running job names text.
func waitForJobs(t *testing.T, db *store.DB, text string) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); ; {
		var n int
		if err := db.Reader().QueryRow(context.Background(), `SELECT COUNT(*) FROM river_job WHERE state IN ('available', 'running', 'retryable', 'scheduled', 'pending') AND CAST(args AS TEXT) LIKE ?`,
			"%"+text+"%").Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d jobs naming the client still queued or running after 30 s", n)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func errWith(q string, err error) error {
	return &queryError{q: strings.Join(strings.Fields(q), " "), err: err}
}

type queryError struct {
	q   string
	err error
}

func (e *queryError) Error() string { return e.q + ": " + e.err.Error() }

// tableHits reads every row of every table and names the columns whose
// value holds the canary.
func tableHits(t *testing.T, db *store.DB, canary string) []string {
	t.Helper()
	ctx := context.Background()
	list := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`
	if db.Dialect == store.Postgres {
		list = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`
	}
	rows, err := db.Reader().Query(ctx, list)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, n)
	}
	rows.Close()
	if len(tables) < 50 {
		t.Fatalf("found %d tables; the schema has more", len(tables))
	}
	var hits []string
	needle := []byte(canary)
	for _, table := range tables {
		r, err := db.Read.QueryContext(ctx, `SELECT * FROM "`+table+`"`)
		if err != nil {
			t.Fatalf("reading %s: %v", table, err)
		}
		cols, _ := r.Columns()
		vals := make([]sql.RawBytes, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		seen := map[string]bool{}
		for r.Next() {
			if err := r.Scan(ptrs...); err != nil {
				t.Fatalf("reading %s: %v", table, err)
			}
			for i, v := range vals {
				if bytes.Contains(bytes.ToUpper(v), needle) && !seen[cols[i]] {
					seen[cols[i]] = true
					hits = append(hits, table+"."+cols[i])
				}
			}
		}
		r.Close()
	}
	return hits
}

// fileHits counts the canary in files (absent files count nothing), in
// either case, as text is stored as written.
func fileHits(t *testing.T, canary string, files ...string) int {
	t.Helper()
	n := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		n += bytes.Count(b, []byte(canary)) + bytes.Count(b, []byte(strings.ToLower(canary)))
	}
	return n
}

// TestFreeTextIsSealed: consent purposes, break-glass reasons, insights,
// intentions and actions written
// through the services, and a consent purpose left in plaintext by an
// earlier version then sealed at start-up, are nowhere in the database as
// text, and still read back through the services.
func TestFreeTextIsSealed(t *testing.T) {
	for _, engine := range apptest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			srv := apptest.NewServer(t, engine)
			a := srv.App
			ctx := context.Background()
			canary := newCanary()
			people := demoActors(t, a.DB, "elena@client.example.org", "maya@riverbend.example.org", "rachel.green@clinic.example.org", "jonah@riverbend.example.org")
			elena, maya, green, jonah := people[0], people[1], people[2], people[3]
			if _, err := a.CareTeam.Grant(ctx, elena, "UTC", careteam.Grant{RecipientID: green.UserID, Purpose: canary + " purpose", Categories: []policy.Category{policy.Attendance}}); err != nil {
				t.Fatal(err)
			}
			if _, err := a.Privacy.StartBreakGlass(ctx, maya, privacy.BreakGlassRequest{ClientID: elena.UserID, Reason: canary + " break-glass reason", Minutes: 15}); err != nil {
				t.Fatal(err)
			}
			insight, err := a.Plans.AddInsight(ctx, jonah, elena.UserID, canary+" insight")
			if err != nil {
				t.Fatal(err)
			}
			intention, err := a.Plans.AddIntention(ctx, jonah, elena.UserID, insight, canary+" intention")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := a.Plans.AddAction(ctx, jonah, intention, canary+" action", time.Now().UTC().AddDate(0, 0, 3).Format("2006-01-02")); err != nil {
				t.Fatal(err)
			}
			// A row as an earlier version wrote it, sealed by the start-up step.
			if _, err := a.DB.Write.Exec(a.DB.Rebind(`INSERT INTO consents (client_id, recipient_id, purpose, starts_at, created_at) VALUES (?, ?, ?, ?, ?)`),
				elena.UserID, green.UserID, canary+" legacy purpose", time.Now().UTC(), time.Now().UTC()); err != nil {
				t.Fatal(err)
			}
			if hits := tableHits(t, a.DB, canary); len(hits) != 1 || hits[0] != "consents.purpose" {
				t.Fatalf("before sealing the legacy row, the canary is in %v; want only consents.purpose", hits)
			}
			n, err := privacy.SealLegacyText(ctx, a.DB, a.Vault)
			if err != nil || n != 1 {
				t.Fatalf("SealLegacyText: %d rows, %v; want 1", n, err)
			}
			if hits := tableHits(t, a.DB, canary); len(hits) > 0 {
				t.Errorf("after sealing the canary is still in %v", hits)
			}
			consents, err := a.CareTeam.ClientConsents(ctx, elena)
			if err != nil {
				t.Fatal(err)
			}
			var purposes []string
			for _, c := range consents {
				purposes = append(purposes, c.Purpose)
			}
			all := strings.Join(purposes, "|")
			if !strings.Contains(all, canary+" purpose") || !strings.Contains(all, canary+" legacy purpose") {
				t.Errorf("purposes read back: %q; want both sealed purposes opened", all)
			}
			work, err := a.Plans.WorkOf(ctx, jonah, elena.UserID)
			if err != nil {
				t.Fatal(err)
			}
			var texts []string
			for _, in := range work.Insights {
				texts = append(texts, in.Body)
			}
			for _, it := range work.Intentions {
				texts = append(texts, it.Body)
				for _, ac := range it.Actions {
					texts = append(texts, ac.Body)
				}
			}
			for _, want := range []string{canary + " insight", canary + " intention", canary + " action"} {
				if !strings.Contains(strings.Join(texts, "|"), want) {
					t.Errorf("plan work read back lacks %q", want)
				}
			}
			grants, err := a.Privacy.ActiveBreakGlass(ctx, elena.UserID)
			if err != nil || len(grants) != 1 || grants[0].Reason != canary+" break-glass reason" {
				t.Errorf("break-glass read back: %+v, %v", grants, err)
			}
		})
	}
}

// TestErasedClientAnonymisedAgain: a client whose key was destroyed but
// whose plaintext is back (a backup from before the erasure, restored, and
// the erasure ledger re-applied) is anonymised by the start-up step.
func TestErasedClientAnonymisedAgain(t *testing.T) {
	for _, engine := range apptest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			srv := apptest.NewServer(t, engine)
			a := srv.App
			ctx := context.Background()
			var id int64
			if err := a.DB.Reader().QueryRow(ctx, `SELECT id FROM users WHERE email = 'sofia@client.example.org'`).Scan(&id); err != nil {
				t.Fatal(err)
			}
			// The ledger's part: only the key is destroyed.
			if err := a.DB.InTx(ctx, func(tx *store.Tx) error { return a.Vault.Shred(ctx, tx, id) }); err != nil {
				t.Fatal(err)
			}
			n, err := privacy.AnonymiseErased(ctx, a.DB, time.Now())
			if err != nil || n != 1 {
				t.Fatalf("AnonymiseErased: %d, %v; want 1", n, err)
			}
			var name, email string
			if err := a.DB.Reader().QueryRow(ctx, `SELECT name, email FROM users WHERE id = ?`, id).Scan(&name, &email); err != nil {
				t.Fatal(err)
			}
			if name != privacy.ErasedName || !strings.HasSuffix(email, "@erased.invalid") {
				t.Errorf("after the start-up step: %q <%s>; want anonymised", name, email)
			}
			if n, err := privacy.AnonymiseErased(ctx, a.DB, time.Now()); err != nil || n != 0 {
				t.Errorf("a second run: %d, %v; want 0", n, err)
			}
		})
	}
}
