package e2e_test

import (
	"context"
	"sort"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/httpx"
)

// recordKinds finds the records a route can name (httpx.Access.Record):
// one per owner, as (id, client, coach, practice). A kind a route declares
// but this table lacks fails the test.
var recordKinds = map[string]string{
	"client":           `SELECT user_id, user_id, 0, practice_id FROM clients`,
	"session":          `SELECT MIN(id), client_id, 0, practice_id FROM appointments GROUP BY client_id, practice_id`,
	"signed_note":      `SELECT MIN(a.id), a.client_id, 0, a.practice_id FROM appointments a JOIN session_notes n ON n.appointment_id = a.id WHERE n.signed_at IS NOT NULL GROUP BY a.client_id, a.practice_id`,
	"booked_session":   `SELECT MIN(id), client_id, 0, practice_id FROM appointments WHERE status = 'booked' GROUP BY client_id, practice_id`,
	"action":           `SELECT MIN(a.id), a.client_id, 0, c.practice_id FROM actions a JOIN clients c ON c.user_id = a.client_id GROUP BY a.client_id, c.practice_id`,
	"journal":          `SELECT MIN(e.id), e.client_id, 0, c.practice_id FROM journal_entries e JOIN clients c ON c.user_id = e.client_id GROUP BY e.client_id, c.practice_id`,
	"shared_journal":   `SELECT MIN(e.id), e.client_id, 0, c.practice_id FROM journal_entries e JOIN clients c ON c.user_id = e.client_id WHERE e.shared_at IS NOT NULL GROUP BY e.client_id, c.practice_id`,
	"shared_file":      `SELECT MIN(a.id), a.client_id, 0, c.practice_id FROM attachments a JOIN journal_entries e ON e.id = a.owner_id AND a.owner_kind = 'journal_entry' JOIN clients c ON c.user_id = a.client_id WHERE e.shared_at IS NOT NULL GROUP BY a.client_id, c.practice_id`,
	"alert":            `SELECT MIN(id), client_id, 0, practice_id FROM safety_alerts GROUP BY client_id, practice_id`,
	"consent":          `SELECT MIN(x.id), x.client_id, 0, c.practice_id FROM consents x JOIN clients c ON c.user_id = x.client_id GROUP BY x.client_id, c.practice_id`,
	"referral_out":     `SELECT MIN(id), client_id, 0, practice_id FROM referrals WHERE direction = 'out' AND client_id IS NOT NULL GROUP BY client_id, practice_id`,
	"summary":          `SELECT MIN(s.id), s.client_id, 0, c.practice_id FROM care_summaries s JOIN clients c ON c.user_id = s.client_id GROUP BY s.client_id, c.practice_id`,
	"approved_summary": `SELECT MIN(s.id), s.client_id, 0, c.practice_id FROM care_summaries s JOIN clients c ON c.user_id = s.client_id WHERE s.status = 'approved' GROUP BY s.client_id, c.practice_id`,
	"invoice":          `SELECT MIN(id), client_id, 0, practice_id FROM invoices WHERE kind = 'invoice' GROUP BY client_id, practice_id`,
	"payment":          `SELECT MIN(id), client_id, 0, practice_id FROM payments WHERE kind = 'payment' GROUP BY client_id, practice_id`,
	"fee":              `SELECT MIN(id), client_id, 0, practice_id FROM billing_lines WHERE source_kind = 'fee' GROUP BY client_id, practice_id`,
	"partner":          `SELECT MIN(id), 0, 0, practice_id FROM referral_partners GROUP BY practice_id`,
	"circle":           `SELECT MIN(id), 0, 0, practice_id FROM circles GROUP BY practice_id`,
	"coach":            `SELECT user_id, 0, user_id, practice_id FROM coach_profiles WHERE status = 'published'`,
	"coach_request":    `SELECT MIN(r.id), 0, r.coach_id, u.practice_id FROM coach_requests r JOIN users u ON u.id = r.coach_id GROUP BY r.coach_id, u.practice_id`,
	"training":         `SELECT MIN(t.id), 0, t.coach_id, u.practice_id FROM coach_trainings t JOIN users u ON u.id = t.coach_id GROUP BY t.coach_id, u.practice_id`,
	// Each practice's admin: the access test deactivates no one it signs
	// in as (deactivating oneself is refused), yet tries both practices.
	"account": `SELECT id, 0, 0, practice_id FROM users WHERE role = 'admin'`,
	// The clinician of an open-ended consent, with its client: the other
	// party of the coach-clinician thread about that client.
	"consent_clinician":       `SELECT MIN(x.recipient_id), x.client_id, 0, c.practice_id FROM consents x JOIN clients c ON c.user_id = x.client_id WHERE x.revoked_at IS NULL AND x.ends_at IS NULL GROUP BY x.client_id, c.practice_id`,
	"practice":                `SELECT id, 0, 0, id FROM practices`,
	"agreement_signature":     `SELECT MIN(s.id), s.client_id, 0, c.practice_id FROM agreement_signatures s JOIN clients c ON c.user_id = s.client_id GROUP BY s.client_id, c.practice_id`,
	"regulated_form":          `SELECT MIN(f.id), f.client_id, 0, f.practice_id FROM regulated_forms f GROUP BY f.client_id, f.practice_id`,
	"session_log":             `SELECT MIN(e.id), e.client_id, 0, e.practice_id FROM regulated_sessions e GROUP BY e.client_id, e.practice_id`,
	"destruction_certificate": `SELECT MIN(id), 0, 0, practice_id FROM destruction_certificates GROUP BY practice_id`,
	"certificate":             `SELECT MIN(t.id), 0, t.coach_id, u.practice_id FROM coach_trainings t JOIN users u ON u.id = t.coach_id WHERE t.certificate IS NOT NULL GROUP BY t.coach_id, u.practice_id`,
}

// preferredOwners are tried first, in this order: clients of one coach,
// a client with no coach, another coach's client, and the other practice.
var preferredOwners = []string{"elena@client.example.org", "david@client.example.org", "omar@client.example.org", "tom@client.example.org",
	"kenji@client.example.org", "jonah@riverbend.example.org", "priya@riverbend.example.org", "sam@riverbend.example.org",
	apptest.OtherClient, apptest.OtherCoach}

const perPractice = 3

// loadTargets finds, for every kind of record the routes name, up to
// perPractice records in each practice. A kind with no record in either
// practice, or a query that fails, fails the test: no case is skipped.
func loadTargets(t *testing.T, srv *apptest.Server, routes []httpx.Declared, actors []actor) map[string][]target {
	t.Helper()
	checkDeclarations(t, routes)
	rank := map[int64]int{}
	for i, email := range preferredOwners {
		rank[lookupUser(t, srv, email).ID] = i + 1
	}
	practices := map[int64]bool{}
	for _, a := range actors {
		if a.email != "" {
			practices[a.who.PracticeID] = true
		}
	}
	out := map[string][]target{}
	for _, rt := range routes {
		kind := rt.Access.Record
		if _, done := out[kind]; done || kind == "" {
			continue
		}
		out[kind] = pickTargets(t, kind, queryTargets(t, srv, kind), rank, practices)
	}
	return out
}

func queryTargets(t *testing.T, srv *apptest.Server, kind string) []target {
	t.Helper()
	rows, err := srv.App.DB.Reader().Query(context.Background(), recordKinds[kind])
	if err != nil {
		t.Fatalf("finding %s records: %v", kind, err)
	}
	defer rows.Close()
	var all []target
	for rows.Next() {
		var tg target
		if err := rows.Scan(&tg.id, &tg.client, &tg.coach, &tg.practice); err != nil {
			t.Fatalf("reading %s records: %v", kind, err)
		}
		all = append(all, tg)
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("reading %s records: %v", kind, err)
	}
	return all
}

// pickTargets keeps, per practice, the preferred owners' records (up to
// perPractice), or the first record when no preferred owner has one.
func pickTargets(t *testing.T, kind string, all []target, rank map[int64]int, practices map[int64]bool) []target {
	t.Helper()
	owner := func(tg target) int64 {
		if tg.client != 0 {
			return tg.client
		}
		return tg.coach
	}
	sort.SliceStable(all, func(i, j int) bool {
		ri, rj := rank[owner(all[i])], rank[owner(all[j])]
		if (ri == 0) != (rj == 0) {
			return ri != 0
		}
		if ri != rj {
			return ri < rj
		}
		return all[i].id < all[j].id
	})
	var out []target
	taken := map[int64]int{}
	for _, tg := range all {
		preferred := rank[owner(tg)] != 0
		if taken[tg.practice] < perPractice && (preferred || taken[tg.practice] == 0) {
			out = append(out, tg)
			taken[tg.practice]++
		}
	}
	for p := range practices {
		if taken[p] == 0 {
			t.Fatalf("no %s record in practice %d: seed one (apptest.SeedRecordsOfEveryKind) so other practices' ids are tried", kind, p)
		}
	}
	return out
}

// routeBodies are form bodies that get past validation far enough to be
// meaningful; a route without one is sent with an empty body.
var routeBodies = map[string]string{
	"POST /signin":                                     "email=x%40example.org&password=wrong-password-1",
	"POST /inbox/{client}":                             "body=Thinking+of+you",
	"POST /settings/notifications":                     "topic_messages=1",
	"POST /settings/contact":                           "phone=%2B1+555+0100",
	"POST /settings/profile":                           "name=&time_zone=Nowhere",
	"POST /settings/password":                          "current_password=wrong&password=x",
	"POST /settings/email":                             "email=not-an-address",
	"POST /calendar/names":                             "client_label=none",
	"POST /settings/note-templates":                    "name=",
	"POST /privacy/erasure":                            "confirm=",
	"POST /care-team/consents":                         "purpose=x",
	"POST /referrals":                                  "reason=",
	"POST /referrals/{id}/status":                      "status=bogus",
	"POST /summaries":                                  "title=",
	"POST /summaries/{id}/decision":                    "decision=decline",
	"POST /admin/retention":                            "requested_by=",
	"POST /admin/break-glass":                          "reason=Access+test+with+a+long+enough+reason&minutes=15",
	"POST /invitations":                                "email=&role=",
	"POST /settings/two-step":                          "code=",
	"POST /settings/two-step/off":                      "password=",
	"POST /safety/{id}/close":                          "note=Called+the+client%2C+safety+plan+reviewed",
	"POST /prompts/assign":                             "prompt_id=1",
	"POST /clients/{client}/plan":                      "experience_at=2026-01-10&cadence=weekly&planned_sessions=8&session_minutes=60&follow_up_months=3%2C6%2C12",
	"POST /clients/{client}/work":                      "add=insight&insight=Rest+is+allowed",
	"POST /clients/{client}/messages":                  "body=Thinking+of+you",
	"POST /settings/availability":                      "action=place&room_url=https%3A%2F%2Fmeet.example.org%2Faccess&address=1+River+St",
	"POST /settings/notice":                            "min_booking=2&cancel_notice=24&late_cancel_fee=0&no_show_fee=0&currency=USD",
	"POST /coach/profile":                              "name=Access+Test",
	"POST /coach/trainings":                            "training_name=Course",
	"POST /admin/coaches/assign":                       "coach_id=0",
	"POST /billing/sessions":                           "length_minutes=60&held_on=2026-01-05",
	"POST /billing/periods":                            "from=2020-01-01&to=2020-01-31",
	"POST /billing/invoices/{invoice}/payments":        "amount=0.01&method=cash&received_on=2026-01-05",
	"POST /billing/invoices/{invoice}/credit-notes":    "credit_amount=0.01&reason=access+test",
	"POST /billing/payments/{payment}/refunds":         "refund_amount=0.01&refund_reason=access+test",
	"POST /billing/fees/{fee}/waive":                   "waive_reason=access+test",
	"POST /billing/setup/settings":                     "currency=USD&payment_terms_days=14&invoicing=session&late_cancel_percent=50&no_show_percent=100&circle_fee=40",
	"POST /billing/setup/fees":                         "coach_id=0&length_minutes=60&amount=100",
	"POST /billing/setup/tiers":                        "name=Access+test&discount_percent=10",
	"POST /billing/setup/assignments":                  "tier_id=0",
	"POST /billing/setup/packages":                     "name=Two&sessions=2&price=1&expires_on=2099-01-01",
	"POST /admin/coaches/{id}/review":                  "decision=approve",
	"POST /coach/requests/{id}":                        "decision=decline",
	"POST /coaches/{id}/report":                        "what=Suggested+a+second+substance&happened_on=2026-11-01",
	"POST /measures/{instrument}":                      "item1=0",
	"POST /clients/{client}/regulated/sessions":        "kind=preparation&started_at=2026-11-01T10%3A00&ended_at=2026-11-01T11%3A00",
	"POST /clients/{client}/regulated/denials":         "reason=Other",
	"POST /regulated/sessions/{id}":                    "action=offer",
	"POST /api/v1/billing/invoices/{invoice}/payments": `{"amount": 1, "method": "cash"}`,
	// A booking without client_id is the caller's own (clients) or a 422
	// (staff); booking for a named client is checked in internal/api.
	"POST /api/v1/sessions": `{"start": "not a time", "minutes": 60, "format": "video"}`,
}
