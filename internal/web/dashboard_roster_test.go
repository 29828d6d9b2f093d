package web_test

import (
	"context"
	"fmt"
	"html"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/practice"
	"github.com/afterward/afterward/internal/store"
)

// clientRowRE is one row of the coach dashboard's client table.
var clientRowRE = regexp.MustCompile(`<tr><td><a href="/clients/(\d+)">([^<]*)</a></td><td><span class="badge">([^<]*)</span></td>` +
	`<td class="hide-narrow">([^<]*)</td><td class="hide-narrow">([^<]*)</td><td>([^<]*)</td></tr>`)

// TestCoachDashboardRoster: with a large roster (the bench's 200 active
// clients, fewer here), the coach dashboard lists the assigned clients in
// pages of practice.RosterPageSize, most recent experience first, each
// client on exactly one page with stage, experience, days since and
// action progress, and counts the whole roster (and the navigation the
// unread messages) on every page; reading the roster, sessions, plans and
// unread count in the audited lists' snapshot adds no
// audit event, and the lists still record theirs — on both engines.
func TestCoachDashboardRoster(t *testing.T) {
	const added = 120 // with the demo's clients: three pages
	for _, engine := range apptest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			srv := apptest.NewServer(t, engine)
			addClients(t, srv.App.DB, jonah, added)
			ctx := context.Background()
			var assigned, active int
			if err := srv.App.DB.Reader().QueryRow(ctx, `SELECT COUNT(*), COUNT(CASE WHEN c.stage IN ('active', 'matching') THEN 1 END)
				FROM clients c JOIN users u ON u.id = c.user_id
				WHERE c.coach_id = (SELECT id FROM users WHERE email = ?) AND u.disabled_at IS NULL`, jonah).Scan(&assigned, &active); err != nil {
				t.Fatal(err)
			}
			var unread int
			if err := srv.App.DB.Reader().QueryRow(ctx, `SELECT COUNT(*) FROM messages m JOIN clients c ON c.user_id = m.client_id
				WHERE c.coach_id = (SELECT id FROM users WHERE email = ?) AND m.sender_id = m.client_id AND m.read_at IS NULL`, jonah).Scan(&unread); err != nil || unread == 0 {
				t.Fatalf("the demo's unread messages for the coach: %d (%v), want some", unread, err)
			}
			pages := (assigned + practice.RosterPageSize - 1) / practice.RosterPageSize
			c := srv.SignIn(t, jonah)
			seen, bench, lastDays := map[string]bool{}, 0, -1
			path := "/dashboard"
			for page := 1; path != ""; page++ {
				before := auditCounts(t, srv.App.DB)
				resp := apptest.Do(t, c, "GET", srv.URL+path, "", nil)
				if resp.Status != 200 {
					t.Fatalf("%s: status %d", path, resp.Status)
				}
				after := auditCounts(t, srv.App.DB)
				for resource, n := range after {
					if resource != "safety_queue" && resource != "intake_list" && n != before[resource] {
						t.Errorf("%s added %d %s events; only its audited lists record any", path, n-before[resource], resource)
					}
				}
				if after["safety_queue"] == before["safety_queue"] || after["intake_list"] == before["intake_list"] {
					t.Errorf("%s: the audited lists recorded no events: %v → %v", path, before, after)
				}
				rows := clientRowRE.FindAllStringSubmatch(resp.Body, -1)
				from := (page-1)*practice.RosterPageSize + 1
				want := min(practice.RosterPageSize, assigned-from+1)
				if len(rows) != want {
					t.Fatalf("page %d: %d client rows, want %d", page, len(rows), want)
				}
				for _, s := range []string{fmt.Sprintf("Clients %d–%d of %d", from, from+want-1, assigned), fmt.Sprintf(`<p class="stat">%d</p>`, active),
					fmt.Sprintf(`aria-label="%d unread">`, unread)} {
					if !strings.Contains(resp.Body, s) {
						t.Errorf("page %d does not say %q", page, s)
					}
				}
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
				path = ""
				if m := regexp.MustCompile(`<a href="([^"]*)" rel="next">`).FindStringSubmatch(resp.Body); m != nil {
					path = html.UnescapeString(m[1])
				}
				if page > pages {
					t.Fatalf("more than %d pages", pages)
				}
			}
			if len(seen) != assigned || bench != added {
				t.Errorf("listed %d clients (%d bench), want %d (%d)", len(seen), bench, assigned, added)
			}
			past := apptest.Do(t, c, "GET", srv.URL+fmt.Sprintf("/dashboard?clients=%d", pages+5), "", nil)
			if past.Status != 200 || !strings.Contains(past.Body, fmt.Sprintf("of %d", assigned)) || !strings.Contains(past.Body, `rel="prev"`) || strings.Contains(past.Body, `rel="next"`) {
				t.Errorf("a page past the last: status %d, want the last page", past.Status)
			}
			for _, bad := range []string{"0", "-1", "two", "1.5"} {
				if r := apptest.Do(t, c, "GET", srv.URL+"/dashboard?clients="+bad, "", nil); r.Status != 400 || !strings.Contains(r.Body, "clients: the page of your client list") {
					t.Errorf("clients=%s: status %d, want 400 naming the field", bad, r.Status)
				}
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
