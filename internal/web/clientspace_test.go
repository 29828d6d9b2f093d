package web_test

import (
	"bytes"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/demo"
	"github.com/afterward/afterward/internal/store"
)

const (
	aisha = "aisha@client.example.org" // Jonah's client with shared entries
	tom   = "tom@client.example.org"   // Priya's client
)

// TestClientSpaceScenarios walks the client space as each visitor.
func TestClientSpaceScenarios(t *testing.T) {
	srv := apptest.NewServer(t, store.SQLite)
	key := "scenario-key-0000001"
	tests := []struct {
		name       string
		as, method string
		path, body string
		wantStatus int
		want       []string
		notWant    []string
	}{
		{name: "journal needs sign-in", method: "GET", path: "/journal", wantStatus: 303},
		{name: "client journal lists own entries", as: aisha, method: "GET", path: "/journal", wantStatus: 200, want: []string{"The second night", "Small promise", "Shared with your coach", "Private", "not for emergencies"}},
		{name: "journal form has a key and draft hook", as: aisha, method: "GET", path: "/journal/new", wantStatus: 200, want: []string{`name="key"`, `data-draft="journal-new"`}},
		{name: "empty entry names the field", as: aisha, method: "POST", path: "/journal", body: "key=" + key + "&title=T&body=", wantStatus: 422, want: []string{"write something before saving", `aria-invalid="true"`, `value="T"`}},
		{name: "entry with script is saved", as: aisha, method: "POST", path: "/journal", body: "key=" + key + "&title=%3Cscript%3Ealert(1)%3C%2Fscript%3E&body=" + url.QueryEscape("hello <img src=x onerror=alert(1)> [x](javascript:alert(2))"), wantStatus: 303},
		{name: "autosave answers JSON", as: aisha, method: "POST", path: "/journal", body: "key=scenario-key-0000002&body=draft&draft=1", wantStatus: 200, want: []string{`"saved":true`}},
		{name: "urgent entry shows crisis resources", as: aisha, method: "POST", path: "/journal", body: "key=scenario-key-0000003&body=" + url.QueryEscape("I want to kill myself"), wantStatus: 303},
		{name: "coach sees shared entries only", as: jonah, method: "GET", path: "/clients/{aisha}/space", wantStatus: 200, want: []string{"The second night", "Small promise", "Check-ins over the last eight weeks"}, notWant: []string{"Body"}},
		{name: "other coach cannot open the space", as: priya, method: "GET", path: "/clients/{aisha}/space", wantStatus: 404, notWant: []string{"The second night"}},
		{name: "client cannot open another client's files", as: tom, method: "GET", path: "/files/{aisha}/journal/1", wantStatus: 404},
		{name: "check-in page has chart and table", as: aisha, method: "GET", path: "/checkin", wantStatus: 200, want: []string{`role="img"`, "<title id=\"chart-title\">", "<desc id=\"chart-desc\">", "<caption>"}},
		{name: "check-in out of range", as: aisha, method: "POST", path: "/checkin", body: "mood=9&anxiety=3&sleep=3&connection=3&cadence=daily", wantStatus: 422, want: []string{"choose a number from 1 to 5"}},
		{name: "check-in saved", as: aisha, method: "POST", path: "/checkin", body: "mood=4&anxiety=2&sleep=4&connection=4&cadence=daily&note=fine", wantStatus: 303},
		{name: "messages show response time and the emergency note", as: aisha, method: "GET", path: "/messages", wantStatus: 200, want: []string{"within one working day", "Mon–Thu", "not for emergencies", "Could we move Thursday"}},
		{name: "empty message names the field", as: aisha, method: "POST", path: "/messages", body: "body=", wantStatus: 422, want: []string{"write a message or attach a file"}},
		{name: "coach sees the thread", as: jonah, method: "GET", path: "/clients/{aisha}/messages", wantStatus: 200, want: []string{"Could we move Thursday", "Read "}},
		{name: "other coach cannot see the thread", as: priya, method: "GET", path: "/clients/{aisha}/messages", wantStatus: 404},
		{name: "journey timeline", as: aisha, method: "GET", path: "/progress", wantStatus: 200, want: []string{"Your experience", "Journal entry", "Check-in"}, notWant: []string{"shoulders"}},
		{name: "journey as PDF", as: aisha, method: "GET", path: "/progress.pdf", wantStatus: 200, want: []string{"%PDF-"}},
		{name: "prompt library by theme", as: aisha, method: "GET", path: "/prompts", wantStatus: 200, want: []string{"The experience itself", "Emotions", "Body", "Relationships", "Work and purpose", "Habits", "Meaning"}},
		{name: "coach adds a prompt with a bad theme", as: jonah, method: "POST", path: "/prompts", body: "theme=nope&text=", wantStatus: 422, want: []string{"choose a theme", "write the prompt"}},
		{name: "office hours need an away message", as: jonah, method: "POST", path: "/settings/messaging", body: "away=1&away_message=", wantStatus: 422, want: []string{"say when you are back"}},
		{name: "client cannot set office hours", as: aisha, method: "GET", path: "/settings/messaging", wantStatus: 403}, // refused by role, before any record
	}
	ids := demoIDs(t, srv)
	clients := map[string]*http.Client{}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, ok := clients[tc.as]
			if !ok {
				c = srv.SignIn(t, tc.as)
				clients[tc.as] = c
			}
			path := strings.ReplaceAll(tc.path, "{aisha}", ids[aisha])
			resp := apptest.Do(t, c, tc.method, srv.URL+path, tc.body, nil)
			if resp.Status != tc.wantStatus {
				t.Fatalf("status = %d, want %d; body: %.400s", resp.Status, tc.wantStatus, resp.Body)
			}
			for _, w := range tc.want {
				if !strings.Contains(resp.Body, w) {
					t.Errorf("body lacks %q", w)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(resp.Body, w) {
					t.Errorf("body contains %q", w)
				}
			}
		})
	}
	t.Run("stored XSS never reaches the coach or the client", func(t *testing.T) {
		c := clients[aisha]
		list := apptest.Do(t, c, "GET", srv.URL+"/journal", "", nil)
		id := regexp.MustCompile(`href="/journal/(\d+)">&lt;script&gt;`).FindStringSubmatch(list.Body)
		if id == nil {
			t.Fatalf("entry with the script title not listed: %.600s", list.Body)
		}
		apptest.Do(t, c, "POST", srv.URL+"/journal/"+id[1]+"/share", "shared=1", nil)
		for who, path := range map[string]string{aisha: "/journal/" + id[1], jonah: "/clients/" + ids[aisha] + "/journal/" + id[1]} {
			body := strings.ToLower(apptest.Do(t, clients[who], "GET", srv.URL+path, "", nil).Body)
			for _, bad := range []string{"<script>alert", "onerror=", "javascript:alert"} {
				if strings.Contains(body, bad) {
					t.Errorf("%s sees %q", who, bad)
				}
			}
			if !strings.Contains(body, "&lt;script&gt;") {
				t.Errorf("%s: the title is not shown escaped", who)
			}
		}
		space := apptest.Do(t, clients[jonah], "GET", srv.URL+"/clients/"+ids[aisha]+"/space", "", nil)
		if strings.Contains(strings.ToLower(space.Body), "<script>alert") {
			t.Error("the coach's list shows a raw script tag")
		}
	})
	t.Run("urgent entry page shows crisis resources", func(t *testing.T) {
		c := srv.SignIn(t, aisha)
		c.CheckRedirect = nil
		resp := apptest.Do(t, c, "POST", srv.URL+"/journal", "key=scenario-key-0000004&body="+url.QueryEscape("I am going to kill myself tonight"), nil)
		for _, w := range []string{"You do not have to wait for your coach", "988", `href="/crisis"`, "not a diagnosis"} {
			if !strings.Contains(resp.Body, w) {
				t.Errorf("urgent response lacks %q", w)
			}
		}
	})
}

func demoIDs(t *testing.T, srv *apptest.Server) map[string]string {
	t.Helper()
	rows, err := srv.App.DB.Reader().Query(t.Context(), `SELECT email, CAST(id AS TEXT) FROM users`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var email, id string
		_ = rows.Scan(&email, &id)
		out[email] = id
	}
	return out
}

// TestDemoJournalIsEncrypted greps the SQLite files for a demo sentence.
func TestDemoJournalIsEncrypted(t *testing.T) {
	srv := apptest.NewServer(t, store.SQLite)
	ctx := t.Context()
	// Wait until the server is up, so stopping it at the end is orderly.
	if resp := apptest.Do(t, apptest.Client(t), "GET", srv.URL+"/readyz", "", nil); resp.Status != 200 {
		t.Fatalf("readyz = %d", resp.Status)
	}
	if _, err := srv.App.DB.Write.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Dir(srv.App.Cfg.DatabaseURL)
	files, _ := filepath.Glob(filepath.Join(dir, "*.db*"))
	if len(files) == 0 {
		t.Fatalf("no database files in %s", dir)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte("The river kept moving")) || bytes.Contains(b, []byte(demo.JournalSentence)) {
			t.Errorf("%s contains the demo journal sentence in the clear", f)
		}
		// The regulated records' free text: a form's answer and a
		// transportation deviation.
		for _, sealed := range []string{"Talk therapy every other week", "His ride-share cancelled"} {
			if bytes.Contains(b, []byte(sealed)) {
				t.Errorf("%s contains the demo's regulated text %q in the clear", f, sealed)
			}
		}
	}
	var n int
	if err := srv.App.DB.Reader().QueryRow(ctx, `SELECT COUNT(*) FROM journal_entries`).Scan(&n); err != nil || n == 0 {
		t.Errorf("demo journal entries = %d (%v), want some", n, err)
	}
	if err := srv.App.DB.Reader().QueryRow(ctx, `SELECT COUNT(*) FROM regulated_forms`).Scan(&n); err != nil || n == 0 {
		t.Errorf("demo regulated forms = %d (%v), want some", n, err)
	}
}
