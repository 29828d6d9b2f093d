package web_test

import (
	"net/url"
	"regexp"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
)

var suggestedStart = regexp.MustCompile(`action="(/coaches/\d+/request)"><input type="hidden" name="from" value="result"><input type="hidden" name="start" value="([^"]+)"`)

// TestRequestFromResult: a client awaiting a coach requests one from the
// result page at the time shown; a time that is no longer open sends them
// back to fresh suggestions with a plain notice, not an error page.
func TestRequestFromResult(t *testing.T) {
	for _, engine := range apptest.Engines {
		t.Run(string(engine), func(t *testing.T) { testRequestFromResult(t, apptest.NewServer(t, engine)) })
	}
}

func testRequestFromResult(t *testing.T, srv *apptest.Server) {
	c := srv.SignIn(t, kenji)
	page := apptest.Do(t, c, "GET", srv.URL+"/intake/result", "", nil)
	m := suggestedStart.FindStringSubmatch(page.Body)
	if m == nil {
		t.Fatalf("no suggestion with a time on the result page: %.500s", page.Body)
	}
	gone := apptest.Do(t, c, "POST", srv.URL+m[1], url.Values{"from": {"result"}, "start": {"2031-01-01T03:17:00Z"}}.Encode(), nil)
	if gone.Status != 303 || gone.Header.Get("Location") != "/intake/result?done=slot-taken" {
		t.Fatalf("a time not open: status %d to %q", gone.Status, gone.Header.Get("Location"))
	}
	notice := apptest.Do(t, c, "GET", srv.URL+"/intake/result?done=slot-taken", "", nil)
	if !regexp.MustCompile(`That time was taken a moment ago`).MatchString(notice.Body) {
		t.Error("no notice about the taken time")
	}
	ok := apptest.Do(t, c, "POST", srv.URL+m[1], url.Values{"from": {"result"}, "start": {m[2]}}.Encode(), nil)
	if ok.Status != 303 || ok.Header.Get("Location") != "/intake/result?done=requested" {
		t.Fatalf("request: status %d to %q", ok.Status, ok.Header.Get("Location"))
	}
	var wanted time.Time
	if err := srv.App.DB.Reader().QueryRow(t.Context(), `SELECT wanted_at FROM coach_requests r JOIN users u ON u.id = r.client_id WHERE u.email = ? AND r.status = 'pending'`, kenji).Scan(&wanted); err != nil {
		t.Fatalf("the pending request: %v", err)
	}
	if shown, _ := time.Parse(time.RFC3339, m[2]); !wanted.Equal(shown) {
		t.Errorf("the request asks for %s, want the time shown (%s)", wanted.UTC(), m[2])
	}
	after := apptest.Do(t, c, "GET", srv.URL+"/intake/result?done=requested", "", nil)
	for _, want := range []string{"Your request was sent", "You asked"} {
		if !regexp.MustCompile(regexp.QuoteMeta(want)).MatchString(after.Body) {
			t.Errorf("after requesting, the result page lacks %q", want)
		}
	}
}
