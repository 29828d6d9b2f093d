package web

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/note"
	"github.com/afterward/afterward/internal/plan"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/practice"
	"github.com/afterward/afterward/internal/schedule"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/tz"
)

type signalRow struct{ Name, Summary, Href, Since string }

// coachWeek is the scheduling part of the coach dashboard.
type coachWeek struct {
	Today, ThisWeek []appointmentRow
	Overdue         []overdueRow
	Alerts, Needs   []signalRow
	FollowUps       []followUpRow
	Progress        map[string]string // client name → "2 of 3 actions done"
}

type overdueRow struct {
	ID         int64
	Name, When string
}

type followUpRow struct{ Name, Check, Due string }

// coachReads is what the coach dashboard reads besides its audited lists
// (open safety alerts, clients who need a clinician): the coach's own
// roster, sessions, notes, plans, first-session lists and unread count,
// which the services read without the policy. They are read in the audited lists'
// snapshot (policy.Also): one read transaction for the page instead of
// one per query, and on PostgreSQL one pooled connection.
type coachReads struct {
	page        int // of the roster, 1-based
	roster      practice.RosterPage
	progress    map[int64]plan.Progress
	sessions    []schedule.Appointment
	overdue     []note.Overdue
	followUps   []plan.FollowUp
	due, missed []schedule.Waiting
	unread      int // the navigation's count of unread messages
}

// read reads them in tx for actor, sessions from dayStart for a week.
func (d *coachReads) read(s *Server, actor policy.Actor, dayStart time.Time) *policy.List {
	return policy.Also(func(ctx context.Context, tx *store.Tx) error {
		var err error
		if d.roster, err = s.People.Practices.RosterIn(ctx, tx, actor, d.page); err != nil {
			return err
		}
		plans, sched := s.Coaching.Plans.Within(tx), s.Coaching.Schedule.Within(tx)
		ids := make([]int64, len(d.roster.Clients))
		for i, c := range d.roster.Clients {
			ids[i] = c.UserID
		}
		if d.progress, err = plans.ProgressOfClients(ctx, actor, ids); err != nil {
			return err
		}
		if d.followUps, err = plans.FollowUpsDue(ctx, actor, followUpsAhead); err != nil {
			return err
		}
		if d.sessions, err = sched.Upcoming(ctx, actor, dayStart, dayStart.AddDate(0, 0, 7)); err != nil {
			return err
		}
		if d.due, d.missed, err = sched.FirstSessionsDue(ctx, actor); err != nil {
			return err
		}
		if d.overdue, err = s.Coaching.Notes.Within(tx).OverdueFor(ctx, actor); err != nil {
			return err
		}
		if s.ClientSpace.Messages != nil {
			d.unread, err = s.ClientSpace.Messages.UnreadIn(ctx, tx, actor)
		}
		return err
	})
}

// followUpsAhead: the dashboard lists follow-up check-ins due within it.
const followUpsAhead = 14 * 24 * time.Hour

// coachWeekOf reads the coach dashboard: d, and the audited lists in the
// same snapshot; it returns the week's part of the page.
func (s *Server) coachWeekOf(r *http.Request, u account.User, d *coachReads) (coachWeek, error) {
	ctx, actor, now := r.Context(), policy.ActorOf(u), s.Now()
	var wk coachWeek
	loc, err := tz.Load(u.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	y, m, day := now.In(loc).Date()
	dayStart := time.Date(y, m, day, 0, 0, 0, 0, loc)
	if wk.Alerts, wk.Needs, err = s.signals(ctx, actor, u.TimeZone, d.read(s, actor, dayStart)); err != nil {
		return wk, err
	}
	for _, a := range d.sessions {
		if a.CoachID != u.ID {
			continue
		}
		if a.Start.Before(dayStart.AddDate(0, 0, 1)) {
			wk.Today = append(wk.Today, sessionRowOf(a, u))
		} else {
			wk.ThisWeek = append(wk.ThisWeek, sessionRowOf(a, u))
		}
	}
	for _, o := range d.overdue {
		wk.Overdue = append(wk.Overdue, overdueRow{ID: o.AppointmentID, Name: o.ClientName, When: formatTime(o.SessionAt, u.TimeZone)})
	}
	for _, f := range d.followUps {
		wk.FollowUps = append(wk.FollowUps, followUpRow{Name: f.ClientName, Check: itoa(f.Months) + "-month check-in", Due: formatDate(f.Due, u.TimeZone)})
	}
	return wk, nil
}

// signals is the dashboard's open safety alerts and clients who need a
// clinician but have none; summaries are short labels, never answers or
// text. also is read in the same snapshot.
func (s *Server) signals(ctx context.Context, actor policy.Actor, tz string, also *policy.List) (alerts, needs []signalRow, err error) {
	// Both audited lists in one snapshot and one group commit.
	needList, needed, err := s.Safety.Intakes.ClinicianNeededList(actor)
	if err != nil {
		return nil, nil, err
	}
	open, err := s.Safety.Alerts.OpenQueue(ctx, actor, needList, also)
	if err != nil {
		return nil, nil, err
	}
	for _, a := range open {
		alerts = append(alerts, signalRow{Name: a.ClientName, Summary: a.Level.String() + ": " + a.ReasonLabel(),
			Href: "/safety#alert-" + strconv.FormatInt(a.ID, 10), Since: formatTime(a.CreatedAt, tz)})
	}
	need := needed()
	for _, n := range need {
		needs = append(needs, signalRow{Name: n.ClientName, Summary: "a clinician alongside coaching is needed",
			Href: "/intakes", Since: formatTime(n.Outcome.SubmittedAt, tz)})
	}
	return alerts, needs, nil
}

func progressLabel(p plan.Progress) string {
	if p.Total == 0 {
		return "no actions yet"
	}
	return itoa(p.Done) + " of " + itoa(p.Total) + " actions done"
}

// clientWork is the client dashboard's sessions and progress.
type clientWork struct {
	Next       []appointmentRow
	Intentions []intentionRow
	Done       int
	Total      int
	Percent    int
}

type intentionRow struct {
	Body    string
	Actions []actionRow
}

type actionRow struct {
	ID        int64
	Body, Due string
	Done      bool
}

func (s *Server) clientWorkOf(r *http.Request, u account.User, work plan.Work) (clientWork, error) {
	ctx, actor, now := r.Context(), policy.ActorOf(u), s.Now()
	var cw clientWork
	sessions, err := s.Coaching.Schedule.Upcoming(ctx, actor, now, now.AddDate(0, 1, 0))
	if err != nil {
		return cw, err
	}
	for _, a := range sessions {
		if a.Live() && a.End().After(now) {
			cw.Next = append(cw.Next, sessionRowOf(a, u))
		}
	}
	cw.Done, cw.Total, cw.Percent = work.Done, work.Total, work.Percent()
	for _, it := range work.Intentions {
		row := intentionRow{Body: it.Body}
		for _, a := range it.Actions {
			row.Actions = append(row.Actions, actionRow{ID: a.ID, Body: a.Body, Due: dueDay(a.DueOn), Done: a.Done})
		}
		cw.Intentions = append(cw.Intentions, row)
	}
	return cw, nil
}

func itoa(n int) string { return formatInt(int64(n)) }
