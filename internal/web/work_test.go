package web_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// TestWorkPage: coach and client add insights, intentions and actions;
// bad input comes back inline; another coach gets 404 before validation.
func TestWorkPage(t *testing.T) {
	srv := apptest.NewServer(t, store.SQLite)
	ctx := context.Background()
	var client int64
	if err := srv.App.DB.Reader().QueryRow(ctx, `SELECT id FROM users WHERE email = 'elena@client.example.org'`).Scan(&client); err != nil {
		t.Fatal(err)
	}
	path := srv.URL + "/clients/" + strconv.FormatInt(client, 10) + "/work"
	users := map[string]*http.Client{jonah: srv.SignIn(t, jonah), priya: srv.SignIn(t, priya), "client": srv.SignIn(t, "elena@client.example.org")}
	// Intentions are sealed: find one by its text through the service.
	intentionOf := func(body string) string {
		var coach policy.Actor
		var role string
		if err := srv.App.DB.Reader().QueryRow(ctx, `SELECT id, practice_id, role FROM users WHERE email = ?`, jonah).Scan(&coach.UserID, &coach.PracticeID, &role); err != nil {
			t.Fatal(err)
		}
		coach.Role = account.Role(role)
		work, err := srv.App.Plans.WorkOf(ctx, coach, client)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range work.Intentions {
			if it.Body == body {
				return strconv.FormatInt(it.ID, 10)
			}
		}
		t.Fatalf("no intention %q", body)
		return ""
	}
	for _, tc := range []struct {
		name, as, method string
		body             func() string
		wantStatus       int
		want, notWant    []string
	}{
		{"client adds an insight", "client", "POST", func() string { return "add=insight&insight=I+can+ask+for+help" }, 303, nil, nil},
		{"coach adds an intention", jonah, "POST", func() string { return "add=intention&insight_id=0&intention=Ask+one+friend+a+week" }, 303, nil, nil},
		{"client adds an action", "client", "POST", func() string {
			return "add=action&intention_id=" + intentionOf("Ask one friend a week") + "&action_body=Call+Mira&due_on=2031-01-05"
		}, 303, nil, nil},
		{"both see the chain", jonah, "GET", nil, 200, []string{"I can ask for help", "Ask one friend a week", "Call Mira", "by Sun 5 Jan"}, nil},
		{"empty insight inline", "client", "POST", func() string { return "add=insight&insight=+" }, 422, []string{"insight-error"}, nil},
		{"bad date inline", jonah, "POST", func() string {
			return "add=action&intention_id=" + intentionOf("Ask one friend a week") + "&action_body=Walk&due_on=soon"
		}, 422, []string{"due_on-error", `value="Walk"`}, nil},
		{"no choice inline", jonah, "POST", func() string { return "insight=x" }, 422, []string{"choose what to add"}, nil},
		{"other coach 404 before validation", priya, "POST", func() string { return "add=insight&insight=+" }, 404, nil, []string{"field-error"}},
		{"other coach cannot read", priya, "GET", nil, 404, nil, []string{"Call Mira"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := ""
			if tc.body != nil {
				body = tc.body()
			}
			resp := apptest.Do(t, users[tc.as], tc.method, path, body, nil)
			if resp.Status != tc.wantStatus {
				t.Fatalf("status = %d, want %d", resp.Status, tc.wantStatus)
			}
			for _, w := range tc.want {
				if !strings.Contains(resp.Body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(resp.Body, w) {
					t.Errorf("page shows %q", w)
				}
			}
		})
	}
}
