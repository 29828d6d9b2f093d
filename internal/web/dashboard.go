package web

import (
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/humantime"
	"github.com/afterward/afterward/internal/intake"
	"github.com/afterward/afterward/internal/plan"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/practice"
	"github.com/afterward/afterward/internal/schedule"
)

func (s *Server) dashboard(w http.ResponseWriter, r *http.Request, sess account.Session) {
	switch sess.User.Role {
	case account.Coach:
		s.coachDashboard(w, r, sess.User)
	case account.Client:
		s.clientDashboard(w, r, sess.User)
	case account.Admin:
		s.adminDashboard(w, r, sess.User)
	default:
		s.clinicianDashboard(w, r, sess.User)
	}
}

type coachDashboardPage struct {
	FirstName   string
	ActiveCount int
	firstSessions
	Clients []clientRow
	// The roster's page: clients From–To of Total, and the links to the
	// pages before and after ("" on the first and the last).
	From, To, Total    int
	PrevHref, NextHref string
	// Rows is the clients table's body, written once by clientRowsHTML:
	// the template engine's reflection and escaper calls for 200 rows × 6
	// values were 40% of the page's CPU (issue 17's profile).
	Rows template.HTML
	Week coachWeek
	// WeekHTML is the week's lists, written by weekHTMLOf (as Rows).
	WeekHTML weekHTML
}

// firstSessions is the 72-hour promise on a staff dashboard: clients whose
// first session is not booked yet, due and already missed.
type firstSessions struct {
	DueSoon, Missed []dueRow
}

// firstSessionsOf reads the lists from the schedule (the one place that
// knows who has a booked session).
func (s *Server) firstSessionsOf(r *http.Request, u account.User) (firstSessions, error) {
	due, missed, err := s.Coaching.Schedule.FirstSessionsDue(r.Context(), policy.ActorOf(u))
	if err != nil {
		return firstSessions{}, err
	}
	return s.firstSessionRows(due, missed, u.TimeZone), nil
}

// firstSessionRows is the lists' rows, times in the viewer's zone tz.
func (s *Server) firstSessionRows(due, missed []schedule.Waiting, tz string) firstSessions {
	now := s.Now()
	var out firstSessions
	for _, w := range due {
		left := w.DueAt.Sub(now)
		out.DueSoon = append(out.DueSoon, dueRow{Name: w.Name, Coach: w.CoachName, Experience: formatTime(w.ExperienceAt, tz),
			Due: formatTime(w.DueAt, tz), Left: durationLabel(left), Urgent: left < 24*time.Hour})
	}
	for _, w := range missed {
		out.Missed = append(out.Missed, dueRow{Name: w.Name, Coach: w.CoachName, Experience: formatTime(w.ExperienceAt, tz),
			Due: formatTime(w.DueAt, tz), Left: durationLabel(now.Sub(w.DueAt)) + " ago", Urgent: true})
	}
	return out
}

type dueRow struct {
	Name, Coach, Experience, Due, Left string
	Urgent                             bool
}

type clientRow struct {
	ID                                           int64
	Name, Stage, Experience, DaysSince, Progress string
}

func (s *Server) coachDashboard(w http.ResponseWriter, r *http.Request, u account.User) {
	page, err := rosterPageParam(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	d := coachReads{page: page}
	week, err := s.coachWeekOf(r, u, &d)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	now, roster := s.Now(), d.roster
	out := coachDashboardPage{FirstName: firstName(u.Name), Week: week, firstSessions: s.firstSessionRows(d.due, d.missed, u.TimeZone),
		ActiveCount: roster.Active, Total: roster.Total}
	out.Clients = make([]clientRow, 0, len(roster.Clients))
	for _, c := range roster.Clients {
		out.Clients = append(out.Clients, clientRow{ID: c.UserID, Name: c.Name, Stage: c.Stage.Label(),
			Experience: experienceLabel(c, u.TimeZone), DaysSince: daysLabel(c, now), Progress: progressLabel(d.progress[c.UserID])})
	}
	if len(out.Clients) > 0 {
		out.From = (roster.Page-1)*practice.RosterPageSize + 1
		out.To = out.From + len(out.Clients) - 1
	}
	if roster.Page > 1 {
		out.PrevHref = rosterPageHref(roster.Page - 1)
	}
	if roster.Page < roster.Pages {
		out.NextHref = rosterPageHref(roster.Page + 1)
	}
	out.Rows, out.WeekHTML = clientRowsHTML(out.Clients), weekHTMLOf(week)
	render(s, w, withUnreadRead(r, d.unread), http.StatusOK, "dashboard_coach", "Dashboard", out)
}

// rosterPageParam is the roster page the dashboard was asked for
// (?clients=N, 1 when absent).
func rosterPageParam(r *http.Request) (int, error) {
	v := r.URL.Query().Get("clients")
	if v == "" {
		return 1, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, errs.E(errs.Invalid, "clients: the page of your client list must be a whole number from 1")
	}
	return n, nil
}

func rosterPageHref(page int) string {
	return "/dashboard?clients=" + strconv.Itoa(page) + "#my-clients"
}

// clientRowsHTML writes the coach's client table rows, every value
// escaped for HTML text or attribute content (the same escaping the
// template would apply; the id is a number).
func clientRowsHTML(rows []clientRow) template.HTML {
	var b strings.Builder
	b.Grow(len(rows) * 260)
	for _, c := range rows {
		b.WriteString(`<tr><td><a href="/clients/`)
		b.WriteString(strconv.FormatInt(c.ID, 10))
		b.WriteString(`">`)
		escInto(&b, c.Name)
		b.WriteString(`</a></td><td><span class="badge">`)
		escInto(&b, c.Stage)
		b.WriteString(`</span></td><td class="hide-narrow">`)
		escInto(&b, c.Experience)
		b.WriteString(`</td><td class="hide-narrow">`)
		escInto(&b, c.DaysSince)
		b.WriteString(`</td><td>`)
		escInto(&b, c.Progress)
		b.WriteString("</td></tr>\n")
	}
	return template.HTML(b.String()) // every value above is escaped
}

type clientDashboardPage struct {
	FirstName, CoachName, Stage, Experience string
	IntakeOpen                              bool // the intake is still to be completed
	Hold                                    holdView
	Work                                    clientWork
}

func (s *Server) clientDashboard(w http.ResponseWriter, r *http.Request, u account.User) {
	ctx := r.Context()
	var h intake.Hold
	var planned plan.Work
	var unread unreadCount
	// The client's record, hold and work: one snapshot and one group
	// commit for the page's three audited reads, not three of each; the
	// navigation's unread count is read in the same snapshot.
	c, err := s.People.Practices.ClientWith(ctx, policy.ActorOf(u), u.ID,
		intake.HoldPart(ctx, u.ID, &h), s.Coaching.Plans.WorkPart(ctx, u.ID, &planned), s.unreadPart(r, u, &unread))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	work, err := s.clientWorkOf(r, u, planned)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	hold := holdViewOf(h)
	page := clientDashboardPage{
		FirstName: firstName(u.Name), CoachName: c.CoachName, Stage: c.Stage.Label(), Experience: experienceLabel(c, u.TimeZone),
		IntakeOpen: c.Stage == practice.StageInvited || c.Stage == practice.StageIntake, Hold: hold, Work: work,
	}
	if hold.On {
		page.Stage = "On hold"
	}
	render(s, w, unread.with(r), http.StatusOK, "dashboard_client", "Your space", page)
}

type adminDashboardPage struct {
	Practice   string
	CoachCount int
	Unassigned int
	firstSessions
	Caseloads []practice.Caseload
	Clients   []adminClientRow
}

type adminClientRow struct{ Name, Coach, Stage string }

func (s *Server) adminDashboard(w http.ResponseWriter, r *http.Request, u account.User) {
	p, err := s.People.Practices.Get(r.Context(), u.PracticeID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	clients, err := s.People.Practices.ClientsOfPractice(r.Context(), policy.ActorOf(u))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	coaches, err := s.People.Accounts.CountByRole(r.Context(), u.PracticeID, account.Coach)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page := adminDashboardPage{Practice: p.Name, CoachCount: coaches}
	if page.firstSessions, err = s.firstSessionsOf(r, u); err != nil {
		s.renderError(w, r, err)
		return
	}
	if page.Caseloads, err = s.People.Practices.Caseloads(r.Context(), policy.ActorOf(u)); err != nil {
		s.renderError(w, r, err)
		return
	}
	for _, c := range clients {
		page.Clients = append(page.Clients, adminClientRow{Name: c.Name, Coach: c.CoachName, Stage: c.Stage.Label()})
		if c.CoachID == 0 {
			page.Unassigned++
		}
	}
	render(s, w, r, http.StatusOK, "dashboard_admin", "Practice", page)
}

func firstName(name string) string {
	if f := strings.Fields(name); len(f) > 0 {
		return f[0]
	}
	return name
}

func experienceLabel(c practice.Client, tz string) string {
	if c.ExperienceAt == nil {
		return "not yet recorded"
	}
	if c.Substance == "" {
		return formatTime(*c.ExperienceAt, tz)
	}
	// One allocation per roster row, not the time's and the sum's.
	var buf [96]byte
	b := humantime.AppendWhen(buf[:0], *c.ExperienceAt, humantime.In(tz), time.Now())
	b = append(b, " · "...)
	return string(append(b, c.Substance...))
}

func daysLabel(c practice.Client, now time.Time) string {
	d := c.DaysSinceExperience(now)
	if d < 0 {
		return "–"
	}
	return strconv.Itoa(d) // no allocation below 100
}

// durationLabel is "2 d 5 h" or "7 h 30 min".
func durationLabel(d time.Duration) string {
	h := int(d.Hours())
	if h >= 24 {
		return fmt.Sprintf("%d d %d h", h/24, h%24)
	}
	return fmt.Sprintf("%d h %02d min", h, int(d.Minutes())%60)
}
