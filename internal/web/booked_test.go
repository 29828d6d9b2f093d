package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

// TestNothingSaysBookedWithoutAnAppointment: after a coach accepts a
// request, an admin assigns a coach and a client books, every page each of
// them can open and every email they receive is read, and each time one
// says a session is "booked" the session must be a live appointment row
// that this page or email names (by its /sessions/{id} link, or the
// ?session= of the notice). Explanations of what will happen are listed
// below; any other "booked" fails. On both engines.
func TestNothingSaysBookedWithoutAnAppointment(t *testing.T) {
	for _, engine := range apptest.Engines {
		t.Run(string(engine), func(t *testing.T) { runBookedClaims(t, engine) })
	}
}

// notClaims are sentences that use "booked" without saying that a session
// is: instructions, hints and negations.
var notClaims = []string{
	"your first session is booked at their earliest open slot", // the profile's request hint: what happens on accepting
	"the first session is booked at the coach's earliest open time before it is due",
	"Clients whose first session is not booked yet",
	"No sessions can be booked while coaching is on hold",
	"No client is waiting for a first session",
	"Nothing was booked",
	"nothing is booked",
	"has no first session booked",
	"was not booked within 72 hours",
	"which sessions were booked and held", // what a clinician may be shown
}

var (
	bookedWord = regexp.MustCompile(`(?i)\bbooked\b`)
	sessionRef = regexp.MustCompile(`/sessions/(\d+)`)
	tagRE      = regexp.MustCompile(`<[^>]*>`)
)

// bookedClaims checks one page or email: each "booked" outside notClaims
// must sit in a block (table row, list item, card, notice or paragraph)
// that names a live appointment, or be on a page about one session (its
// own page, or a notice page naming it by ?session=). It returns the
// problems found.
func bookedClaims(body, pageSession string, live func(id string) bool) []string {
	var problems []string
	text := body
	for _, ok := range notClaims {
		text = strings.ReplaceAll(text, ok, strings.Repeat("_", len(ok)))
	}
	for _, loc := range bookedWord.FindAllStringIndex(text, -1) {
		if insideTag(text, loc[0]) || insideScript(text, loc[0]) {
			continue
		}
		block := enclosing(body, loc[0])
		ids := sessionRef.FindAllStringSubmatch(block, -1)
		if len(ids) == 0 && pageSession != "" {
			ids = [][]string{{"", pageSession}}
		}
		if len(ids) == 0 {
			problems = append(problems, fmt.Sprintf("says booked without naming a session: %q", strip(block)))
			continue
		}
		found := false
		for _, m := range ids {
			found = found || live(m[1])
		}
		if !found {
			problems = append(problems, fmt.Sprintf("says booked but no live appointment %v exists: %q", ids, strip(block)))
		}
	}
	return problems
}

func insideTag(s string, i int) bool {
	return strings.LastIndex(s[:i], "<") > strings.LastIndex(s[:i], ">")
}

// insideScript skips the word in a <script> body.
func insideScript(s string, i int) bool {
	open := strings.LastIndex(s[:i], "<script")
	return open >= 0 && open > strings.LastIndex(s[:i], "</script>")
}

// enclosing is the smallest block element around i: a table row, list
// item, section, notice div or paragraph (the whole text for an email).
func enclosing(s string, i int) string {
	best := s
	for _, tag := range []string{"tr", "li", "section", "div", "p"} {
		start := strings.LastIndex(s[:i], "<"+tag)
		if start < 0 {
			continue
		}
		end := strings.Index(s[i:], "</"+tag+">")
		if end < 0 {
			continue
		}
		if block := s[start : i+end]; len(block) < len(best) {
			best = block
		}
	}
	return best
}

func strip(s string) string {
	s = strings.Join(strings.Fields(tagRE.ReplaceAllString(s, " ")), " ")
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// TestBookedClaimsChecker: the checker itself fails a page that claims a
// booking it cannot show, so the walk below can fail.
func TestBookedClaimsChecker(t *testing.T) {
	live := func(id string) bool { return id == "7" }
	for _, tc := range []struct {
		name, body, session string
		bad                 bool
	}{
		{"a bare claim", `<div class="notice info">Accepted: the first session is booked.</div>`, "", true},
		{"a claim naming a missing row", `<div class="notice info">The first session with Ann is booked for Mon.</div>`, "8", true},
		{"a row for a missing session", `<table><tr><td><a href="/sessions/9">Mon</a></td><td>Booked</td></tr></table>`, "", true},
		{"a row for a live session", `<table><tr><td><a href="/sessions/7">Mon</a></td><td>Booked</td></tr></table>`, "", false},
		{"a notice naming a live session", `<div class="notice info">The first session with Ann is booked for Mon.</div>`, "7", false},
		{"a cancelled session's own page", `<p><span class="badge">Booked</span></p>`, "8", true},
		{"an explanation", `<p>Clients whose first session is not booked yet.</p>`, "", false},
	} {
		if got := bookedClaims(tc.body, tc.session, live); (len(got) > 0) != tc.bad {
			t.Errorf("%s: problems %v, want bad=%v", tc.name, got, tc.bad)
		}
	}
}

func runBookedClaims(t *testing.T, engine store.Dialect) {
	mp := apptest.StartMailpit(t)
	srv := apptest.NewServerWith(t, engine, apptest.Options{SMTPURL: mp.SMTPURL})
	db := srv.App.DB
	clients := map[string]*http.Client{}
	as := func(email string) *http.Client { return clientFor(t, srv, clients, email) }
	kenjiID, noorID, jonahID, priyaID := clientID(t, srv, kenji), clientID(t, srv, noor), clientID(t, srv, jonah), clientID(t, srv, priya)

	// A coach accepts a request, an admin assigns, a client books.
	post := func(who, path, body string) string {
		resp := apptest.Do(t, as(who), "POST", srv.URL+path, body, nil)
		if resp.Status != http.StatusSeeOther {
			t.Fatalf("%s POST %s: %d %.300s", who, path, resp.Status, resp.Body)
		}
		return resp.Header.Get("Location")
	}
	post(jonah, "/settings/availability", apptest.EveryDayOpen)
	post(priya, "/settings/availability", apptest.EveryDayOpen)
	post(kenji, "/coaches/"+jonahID+"/request", "")
	requestID := scalar(t, db, `SELECT id FROM coach_requests WHERE client_id = ? AND status = 'pending'`, kenjiID)
	accepted := post(jonah, "/coach/requests/"+requestID, "decision=accept")
	post(maya, "/intakes/"+noorID+"/clinician", "reason=Sees+a+therapist+at+Harbor+Counseling+weekly")
	assigned := post(maya, "/admin/coaches/assign", "client_id="+noorID+"&coach_id="+priyaID)
	start := firstOpenTime(t, as(aisha), srv.URL)
	post(aisha, "/sessions", "start="+url.QueryEscape(start)+"&minutes=60&format=video")
	if !strings.Contains(accepted, "session=") || !strings.Contains(assigned, "session=") {
		t.Fatalf("accept → %q, assign → %q: each must name the session it booked", accepted, assigned)
	}

	live := func(id string) bool {
		return scalar(t, db, `SELECT COUNT(*) FROM appointments WHERE id = CAST(? AS INTEGER) AND status = 'booked'`, id) == "1"
	}
	check := func(who, where, body, session string) {
		for _, p := range bookedClaims(body, session, live) {
			t.Errorf("%s, %s: %s", who, where, p)
		}
	}
	walked := 0
	for _, who := range []string{jonah, priya, maya, kenji, noor, aisha} {
		pages := append(plainPages(srv), "/coach/requests?done=accept&session=999999", "/admin/coaches?done=assigned&session=999999")
		if who == jonah {
			pages = append(pages, accepted)
		}
		if who == maya {
			pages = append(pages, assigned)
		}
		for _, id := range sessionsOf(t, db, who) {
			pages = append(pages, "/sessions/"+id)
		}
		for _, page := range pages {
			resp := apptest.Do(t, as(who), "GET", srv.URL+page, "", nil)
			if resp.Status != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
				continue // not this person's page, or not a page (exports, feeds)
			}
			walked++
			u, _ := url.Parse(page)
			session := u.Query().Get("session")
			if id, ok := strings.CutPrefix(u.Path, "/sessions/"); ok {
				session = id
			}
			check(who, page, resp.Body, session)
		}
	}
	if walked < 60 {
		t.Errorf("walked only %d pages", walked)
	}
	for _, who := range []string{kenji, jonah, noor, priya, aisha} {
		msgs := mp.WaitFor(t, who, 1, 20*time.Second)
		if len(msgs) == 0 {
			t.Errorf("%s received no confirmation", who)
		}
		for _, m := range msgs {
			check(who, "email "+m.Subject, m.Subject+"\n"+mp.Text(t, m.ID), "")
		}
	}
	// The claims were about real sessions: Kenji's first session is with
	// Jonah, before 72 hours after his experience.
	n := scalar(t, db, `SELECT COUNT(*) FROM appointments a JOIN clients c ON c.user_id = a.client_id
		WHERE a.client_id = ? AND a.coach_id = ? AND a.status = 'booked' AND a.starts_at <= ?`, kenjiID, jonahID, experienceOf(t, db, kenjiID).Add(72*time.Hour))
	if n != "1" {
		t.Errorf("Kenji's first sessions with Jonah inside 72 hours: %s, want 1", n)
	}
}

// plainPages are the GET pages without path parameters.
func plainPages(srv *apptest.Server) []string {
	var out []string
	for _, p := range srv.App.Routes {
		method, path, _ := strings.Cut(p.Pattern, " ")
		if method == "GET" && !strings.Contains(path, "{") && !strings.HasPrefix(path, "/api/") && path != "/signout" {
			out = append(out, strings.TrimSuffix(path, "{$}"))
		}
	}
	return out
}

func sessionsOf(t *testing.T, db *store.DB, email string) []string {
	t.Helper()
	rows, err := db.Reader().Query(context.Background(), `SELECT a.id FROM appointments a JOIN users u ON u.id = a.client_id OR u.id = a.coach_id
		WHERE u.email = ? ORDER BY a.id`, email)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprint(id))
	}
	return out
}

var startOption = regexp.MustCompile(`name="start" value="(\d{4}-\d\d-\d\dT[^"]+)"`) // the slot picker's first time

func firstOpenTime(t *testing.T, c *http.Client, base string) string {
	t.Helper()
	m := startOption.FindStringSubmatch(apptest.Do(t, c, "GET", base+"/sessions", "", nil).Body)
	if m == nil {
		t.Fatal("the sessions page offers no open time")
	}
	return m[1]
}

func experienceOf(t *testing.T, db *store.DB, clientID string) time.Time {
	t.Helper()
	var at time.Time
	if err := db.Reader().QueryRow(context.Background(), `SELECT experience_at FROM clients WHERE user_id = ?`, clientID).Scan(&at); err != nil {
		t.Fatal(err)
	}
	return at
}
