package web_test

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

// clientRowRE is one row of the coach dashboard's client table.
var clientRowRE = regexp.MustCompile(`<tr><td><a href="/clients/(\d+)">([^<]*)</a></td><td><span class="badge">([^<]*)</span></td>` +
	`<td class="hide-narrow">([^<]*)</td><td class="hide-narrow">([^<]*)</td><td>([^<]*)</td></tr>`)

// TestCoachDashboardRoster: with a large roster (the bench's 200 active
// clients, fewer here), the coach dashboard lists every assigned client
// once, with stage, experience, days since and action progress, most
// recent experience first; reading the roster, sessions and plans in the
// audited lists' snapshot adds no audit event, and the lists' events are
// still one per listed client — on both engines.
func TestCoachDashboardRoster(t *testing.T) {
	const added = 40
	for _, engine := range apptest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			srv := apptest.NewServer(t, engine)
			addClients(t, srv.App.DB, jonah, added)
			ctx := context.Background()
			var assigned int
			if err := srv.App.DB.Reader().QueryRow(ctx, `SELECT COUNT(*) FROM clients c JOIN users u ON u.id = c.user_id
				WHERE c.coach_id = (SELECT id FROM users WHERE email = ?) AND u.disabled_at IS NULL`, jonah).Scan(&assigned); err != nil {
				t.Fatal(err)
			}
			c := srv.SignIn(t, jonah)
			before := auditCounts(t, srv.App.DB)
			resp := apptest.Do(t, c, "GET", srv.URL+"/dashboard", "", nil)
			if resp.Status != 200 {
				t.Fatalf("status %d", resp.Status)
			}
			after := auditCounts(t, srv.App.DB)
			rows := clientRowRE.FindAllStringSubmatch(resp.Body, -1)
			if len(rows) != assigned {
				t.Fatalf("%d client rows, want the %d assigned clients", len(rows), assigned)
			}
			seen, bench, lastDays := map[string]bool{}, 0, -1
			for _, r := range rows {
				if seen[r[1]] {
					t.Errorf("client %s listed twice", r[1])
				}
				seen[r[1]] = true
				var i int
				if _, err := fmt.Sscanf(r[2], "Bench Client %03d", &i); err != nil {
					continue // a demo client
				}
				bench++
				days, err := strconv.Atoi(r[5])
				if err != nil || days != i%60 {
					t.Errorf("%s: days since %q, want %d", r[2], r[5], i%60)
				}
				if days < lastDays {
					t.Errorf("%s (%d days) listed after a client with %d: not most recent first", r[2], days, lastDays)
				}
				lastDays = days
				if r[3] != "In integration" || r[4] == "" || r[4] == "not yet recorded" || r[6] != "1 of 2 actions done" {
					t.Errorf("%s: stage %q, experience %q, progress %q", r[2], r[3], r[4], r[6])
				}
			}
			if bench != added {
				t.Errorf("%d bench clients listed, want %d", bench, added)
			}
			for resource, n := range after {
				if resource != "safety_queue" && resource != "intake_list" && n != before[resource] {
					t.Errorf("the page added %d %s events; only its audited lists record any", n-before[resource], resource)
				}
			}
			if after["safety_queue"] == before["safety_queue"] || after["intake_list"] == before["intake_list"] {
				t.Errorf("the audited lists recorded no events: %v → %v", before, after)
			}
		})
	}
}

// auditCounts is the number of audit events per resource type.
func auditCounts(t *testing.T, db *store.DB) map[string]int {
	t.Helper()
	rows, err := db.Reader().Query(context.Background(), `SELECT resource_type, COUNT(*) FROM audit_events GROUP BY resource_type`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var r string
		var n int
		if err := rows.Scan(&r, &n); err != nil {
			t.Fatal(err)
		}
		out[r] = n
	}
	return out
}
