package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/httpx"
	"github.com/afterward/afterward/internal/tz"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/schedule"
)

type circlesPage struct {
	IsCoach, IsClient bool
	Circles           []circleRow
	Form              circleForm
	Fields            map[string]string
	Error, Notice     string
}

type circleRow struct {
	ID                                 int64
	Topic, Coach, Fee, Location, Seats string
	Dates                              []string
	Joined, Full, Mine                 bool
	Members                            []string
}

type circleForm struct {
	Topic, Capacity, Fee, Location, Dates, Minutes string
}

func (s *Server) circlesList(w http.ResponseWriter, r *http.Request, sess account.Session) {
	page := circlesPage{Form: circleForm{Capacity: "8", Fee: "35.00", Minutes: "90"}}
	if r.URL.Query().Get("done") == "joined" {
		page.Notice = "You joined the circle. Its dates are in your calendar feed."
	}
	s.renderCircles(w, r, sess, http.StatusOK, page)
}

func (s *Server) renderCircles(w http.ResponseWriter, r *http.Request, sess account.Session, status int, page circlesPage) {
	actor := policy.ActorOf(sess.User)
	circles, err := s.Coaching.Schedule.Circles(r.Context(), actor)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page.IsCoach, page.IsClient = sess.User.Role == account.Coach, sess.User.Role == account.Client
	for _, c := range circles {
		row := circleRow{ID: c.ID, Topic: c.Topic, Coach: c.CoachName, Fee: money(c.FeeMinor, c.Currency), Location: c.Location,
			Seats: fmt.Sprintf("%d of %d places taken", c.Members, c.Capacity), Joined: c.Joined, Full: c.Members >= c.Capacity, Mine: c.CoachID == sess.User.ID}
		for _, m := range c.Meetings {
			row.Dates = append(row.Dates, formatTime(m.Start, sess.User.TimeZone))
		}
		if row.Mine {
			members, err := s.Coaching.Schedule.Members(r.Context(), actor, c.ID)
			if err != nil {
				s.renderError(w, r, err)
				return
			}
			for _, m := range members {
				row.Members = append(row.Members, m.Name)
			}
		}
		page.Circles = append(page.Circles, row)
	}
	render(s, w, r, status, "schedule_circles", "Integration circles", page)
}

// circleCreate opens a circle from the coach's form. Dates are one per
// line, "2026-07-04 18:00", in the coach's time zone.
func (s *Server) circleCreate(w http.ResponseWriter, r *http.Request, sess account.Session) {
	if sess.User.Role != account.Coach {
		s.renderError(w, r, errs.E(errs.Forbidden, "only coaches open circles"))
		return
	}
	f := circleForm{Topic: r.PostFormValue("topic"), Capacity: r.PostFormValue("capacity"), Fee: r.PostFormValue("fee"),
		Location: r.PostFormValue("location"), Dates: r.PostFormValue("dates"), Minutes: r.PostFormValue("minutes")}
	page := circlesPage{Form: f, Fields: map[string]string{}}
	n := schedule.NewCircle{Topic: f.Topic, Location: f.Location, Currency: "USD"}
	var err error
	if n.Capacity, err = strconv.Atoi(strings.TrimSpace(f.Capacity)); err != nil {
		page.Fields["capacity"] = "enter a number of places"
	}
	if n.Minutes, err = strconv.Atoi(strings.TrimSpace(f.Minutes)); err != nil {
		page.Fields["minutes"] = "enter minutes"
	}
	if n.FeeMinor, err = parseMoney(f.Fee); err != nil {
		page.Fields["fee"] = "enter an amount like 35.00"
	}
	loc, _ := tz.Load(sess.User.TimeZone)
	for _, line := range strings.Split(f.Dates, "\n") {
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		t, err := time.ParseInLocation("2006-01-02 15:04", line, loc)
		if err != nil {
			page.Fields["dates"] = "write one date per line, like 2026-07-04 18:00"
			break
		}
		n.Starts = append(n.Starts, t)
	}
	if len(page.Fields) == 0 {
		if _, err := s.Coaching.Schedule.OpenCircle(r.Context(), policy.ActorOf(sess.User), n); err != nil {
			if !s.formError(err, &page.Fields, &page.Error) {
				s.renderError(w, r, err)
				return
			}
		}
	}
	if len(page.Fields) > 0 || page.Error != "" {
		s.renderCircles(w, r, sess, http.StatusUnprocessableEntity, page)
		return
	}
	http.Redirect(w, r, "/circles", http.StatusSeeOther)
}

func (s *Server) circleJoin(w http.ResponseWriter, r *http.Request, sess account.Session) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := s.Coaching.Schedule.JoinCircle(r.Context(), policy.ActorOf(sess.User), id); err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/circles?done=joined", http.StatusSeeOther)
}

// money shows minor units as "USD 35.00".
func money(minor int64, currency string) string {
	return fmt.Sprintf("%s %d.%02d", currency, minor/100, minor%100)
}

// parseMoney reads "35", "35.5" or "35.00" into minor units.
func parseMoney(s string) (int64, error) {
	s = strings.TrimSpace(s)
	whole, frac, _ := strings.Cut(s, ".")
	if len(frac) > 2 {
		return 0, fmt.Errorf("too many decimals")
	}
	for len(frac) < 2 {
		frac += "0"
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w < 0 {
		return 0, fmt.Errorf("not an amount")
	}
	f, err := strconv.ParseInt(frac, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("not an amount")
	}
	return w*100 + f, nil
}
