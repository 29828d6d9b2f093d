package web

import (
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/billing"
	"github.com/afterward/afterward/internal/contact"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/httpx"
	"github.com/afterward/afterward/internal/intake"
	"github.com/afterward/afterward/internal/journal"
	"github.com/afterward/afterward/internal/plan"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/practice"
)

// The client chart: everything a coach needs about one client on one page,
// in sections with a contents list. Each section comes from its domain
// service, so each read is authorized and audited as it is elsewhere.

type chartPage struct {
	ClientID                   int64
	Base                       string // /clients/{id}
	Name, Email, Stage, Coach  string
	TimeZone                   string
	Contact                    contact.Contact
	Experience                 string
	Intake                     []chartAnswerGroup
	IntakeStatus               string
	IntakeReasons              []string
	Plan                       string
	Intentions                 string
	Work                       plan.Work
	Insights                   []chartInsight
	Sessions                   []chartSession
	Scores                     []chartView
	Trend                      trendView
	Entries                    []chartEntry
	Messages                   []messageRow
	Unread                     int
	Alerts                     []chartAlert
	Consents                   []chartConsent
	Balance, Invoices, Package string
}

type chartAnswerGroup struct {
	Title   string
	Answers []chartAnswer
}

type chartAnswer struct{ Question, Answer string }

// chartInsight is one insight with the intentions drawn from it (the
// first has an empty Body: intentions set directly).
type chartInsight struct {
	Body       string
	Intentions []chartIntention
}

type chartIntention struct {
	Body    string
	Actions []chartAction
}

type chartAction struct {
	Body, Due string
	Done      bool
}

type chartSession struct {
	When, Status, Format, Href, NoteHref string
}

type chartEntry struct {
	Title, Date, Href string
	HTML              template.HTML
	Files             []attRow
}

type chartAlert struct {
	Raised, Level, Reason, Status, SourceHref string
	Open                                      bool
}

type chartConsent struct {
	Recipient, Categories, Purpose, Status string
	Thread                                 string // messages with the clinician while the consent is active
}

// clientChart is GET /clients/{client}: the coach's chart of one client.
func (s *Server) clientChart(w http.ResponseWriter, r *http.Request, sess account.Session) {
	clientID, err := httpx.PathID(r, "client")
	if err == nil && sess.User.Role != account.Coach {
		err = errNotFound
	}
	var page chartPage
	if err == nil {
		page, err = s.chart(r, sess, clientID)
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	render(s, w, r, http.StatusOK, "client_chart", page.Name, page)
}

// chart gathers the sections; the contact read comes first, so a client
// who is not the coach's own is refused before anything else is read.
func (s *Server) chart(r *http.Request, sess account.Session, clientID int64) (chartPage, error) {
	ctx, a, tz := r.Context(), actor(sess), sess.User.TimeZone
	page := chartPage{ClientID: clientID, Base: "/clients/" + strconv.FormatInt(clientID, 10)}
	var err error
	if page.Contact, err = s.People.Contacts.Get(ctx, a, clientID); err != nil {
		return page, err
	}
	c, err := s.People.Practices.Client(ctx, policy.ActorOf(sess.User), clientID)
	if err != nil {
		return page, err
	}
	u, err := s.People.Accounts.Get(ctx, clientID)
	if err != nil {
		return page, err
	}
	page.Name, page.Email, page.Stage, page.Coach, page.TimeZone = c.Name, c.Email, c.Stage.Label(), c.CoachName, u.TimeZone
	page.Experience = experienceLine(c, tz)
	steps := []func(*chartPage) error{
		func(p *chartPage) error { return s.chartIntake(r, sess, p) },
		func(p *chartPage) error { return s.chartPlan(r, sess, p) },
		func(p *chartPage) error { return s.chartSessions(r, sess, p) },
		func(p *chartPage) error { return s.chartScores(r, sess, p) },
		func(p *chartPage) error { return s.chartJournal(r, sess, p) },
		func(p *chartPage) error { return s.chartMessages(r, sess, p) },
		func(p *chartPage) error { return s.chartSafety(r, sess, p) },
		func(p *chartPage) error { return s.chartCareTeam(r, sess, p) },
		func(p *chartPage) error { return s.chartBilling(r, sess, p) },
	}
	for _, step := range steps {
		if err := step(&page); err != nil {
			return page, err
		}
	}
	return page, nil
}

func experienceLine(c practice.Client, tz string) string {
	var parts []string
	if c.ExperienceAt != nil {
		parts = append(parts, formatTime(*c.ExperienceAt, tz))
	}
	if c.Substance != "" {
		parts = append(parts, label(c.Substance))
	}
	if c.Context != "" {
		parts = append(parts, label(c.Context))
	}
	return strings.Join(parts, " · ")
}

func (s *Server) chartIntake(r *http.Request, sess account.Session, p *chartPage) error {
	in, err := s.Safety.Intakes.Get(r.Context(), actor(sess), p.ClientID)
	if err != nil {
		return err
	}
	p.Intake = answerGroups(s.Safety.Intakes.Form(), in.Answers)
	switch {
	case in.Submitted:
		p.IntakeStatus = "Sent " + formatTime(in.Outcome.SubmittedAt, sess.User.TimeZone) + " · " + dispositionLabel(string(in.Outcome.Disposition))
		p.IntakeReasons = in.Outcome.Reasons
	case len(in.Answers) > 0:
		p.IntakeStatus = "Started, not sent yet"
	default:
		p.IntakeStatus = "Not started"
	}
	return nil
}

// answerGroups pairs each answered question with its wording, and each
// chosen option with its label, step by step.
func answerGroups(f *intake.Form, answers intake.Answers) []chartAnswerGroup {
	var out []chartAnswerGroup
	for _, st := range f.Steps {
		g := chartAnswerGroup{Title: st.Title}
		for _, q := range st.Questions {
			v, ok := answers[q.Name]
			if !ok || v == "" {
				continue
			}
			for _, o := range q.Options {
				if o.Value == v {
					v = o.Label
				}
			}
			g.Answers = append(g.Answers, chartAnswer{q.Label, v})
		}
		if len(g.Answers) > 0 {
			out = append(out, g)
		}
	}
	return out
}

func (s *Server) chartPlan(r *http.Request, sess account.Session, p *chartPage) error {
	pl, err := s.Coaching.Plans.Get(r.Context(), actor(sess), p.ClientID)
	switch {
	case errs.Is(err, errs.NotFound):
	case err != nil:
		return err
	default:
		p.Plan = strconv.Itoa(pl.PlannedSessions) + " sessions of " + strconv.Itoa(pl.SessionMinutes) + " minutes, " + strings.ToLower(label(string(pl.Cadence)))
		p.Intentions = pl.Intentions
	}
	if p.Work, err = s.Coaching.Plans.WorkOf(r.Context(), actor(sess), p.ClientID); err != nil {
		return err
	}
	p.Insights = workTree(p.Work)
	return nil
}

// workTree arranges insight → intention → action, with due days in words.
func workTree(w plan.Work) []chartInsight {
	byInsight := map[int64][]chartIntention{}
	for _, in := range w.Intentions {
		ci := chartIntention{Body: in.Body}
		for _, a := range in.Actions {
			ci.Actions = append(ci.Actions, chartAction{Body: a.Body, Due: dueDay(a.DueOn), Done: a.Done})
		}
		byInsight[in.InsightID] = append(byInsight[in.InsightID], ci)
	}
	var out []chartInsight
	if direct := byInsight[0]; len(direct) > 0 {
		out = append(out, chartInsight{Intentions: direct})
	}
	for _, ins := range w.Insights {
		out = append(out, chartInsight{Body: ins.Body, Intentions: byInsight[ins.ID]})
	}
	return out
}

func (s *Server) chartSessions(r *http.Request, sess account.Session, p *chartPage) error {
	as, err := s.Coaching.Schedule.OfClient(r.Context(), actor(sess), p.ClientID)
	if err != nil {
		return err
	}
	for _, a := range as {
		href := "/sessions/" + strconv.FormatInt(a.ID, 10)
		row := chartSession{When: formatTime(a.Start, sess.User.TimeZone), Status: a.Status.Label(), Format: label(string(a.Format)), Href: href}
		if a.Status == "held" {
			row.NoteHref = href + "/note"
		}
		p.Sessions = append(p.Sessions, row)
	}
	return nil
}

func (s *Server) chartScores(r *http.Request, sess account.Session, p *chartPage) error {
	series, err := s.Measures.Questionnaires.History(r.Context(), actor(sess), p.ClientID)
	if err != nil {
		return err
	}
	for _, sr := range series {
		p.Scores = append(p.Scores, chartOf(sr, sess.User.TimeZone))
	}
	p.Trend, _, err = s.trend(r, sess, p.ClientID)
	return err
}

func (s *Server) chartJournal(r *http.Request, sess account.Session, p *chartPage) error {
	entries, err := s.ClientSpace.Journal.List(r.Context(), actor(sess), p.ClientID)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !e.Shared() {
			continue
		}
		title := e.Title
		if title == "" {
			title = "Untitled entry"
		}
		p.Entries = append(p.Entries, chartEntry{Title: title, Date: formatTime(e.CreatedAt, sess.User.TimeZone),
			Href: p.Base + "/journal/" + strconv.FormatInt(e.ID, 10), HTML: template.HTML(journal.RenderMarkdown(e.Body)),
			Files: attRows(p.ClientID, "journal", e.Attachments)})
	}
	return nil
}

func (s *Server) chartMessages(r *http.Request, sess account.Session, p *chartPage) error {
	ms, err := s.ClientSpace.Messages.Recent(r.Context(), actor(sess), p.ClientID, 3)
	if err != nil {
		return err
	}
	for _, m := range ms {
		p.Messages = append(p.Messages, messageRow{Mine: m.SenderID == sess.User.ID, Sender: m.SenderName, Body: m.Body,
			Date: formatTime(m.At, sess.User.TimeZone), Files: attRows(p.ClientID, "message", m.Attachments)})
		if m.FromClient && m.ReadAt == nil {
			p.Unread++
		}
	}
	return nil
}

func (s *Server) chartSafety(r *http.Request, sess account.Session, p *chartPage) error {
	as, err := s.Safety.Alerts.ForClient(r.Context(), actor(sess), p.ClientID)
	if err != nil {
		return err
	}
	for _, a := range as {
		row := chartAlert{Raised: formatTime(a.CreatedAt, sess.User.TimeZone), Level: levelLabel(a.Level.String()), Reason: a.ReasonLabel(),
			Open: a.Open(), Status: "Open", SourceHref: "/safety/" + strconv.FormatInt(a.ID, 10) + "/source"}
		if k := a.KindLabels(); len(k) > 0 {
			row.Reason = strings.Join(k, "; ")
		}
		if !a.Open() {
			row.Status = "Closed " + formatTime(*a.ClosedAt, sess.User.TimeZone) + " by " + a.ClosedBy
		}
		p.Alerts = append(p.Alerts, row)
	}
	return nil
}

func (s *Server) chartCareTeam(r *http.Request, sess account.Session, p *chartPage) error {
	cs, err := s.Clinicians.CareTeam.ConsentsOf(r.Context(), actor(sess), p.ClientID)
	if err != nil {
		return err
	}
	now := s.Now()
	for _, c := range cs {
		cats := make([]string, len(c.Categories))
		for i, k := range c.Categories {
			cats[i] = label(string(k))
		}
		row := chartConsent{Recipient: c.RecipientName, Categories: strings.Join(cats, ", "), Purpose: c.Purpose, Status: "Active"}
		if c.Active(now) {
			row.Thread = "/care-team/clients/" + strconv.FormatInt(p.ClientID, 10) + "/with/" + strconv.FormatInt(c.RecipientID, 10)
		}
		switch {
		case c.RevokedAt != nil:
			row.Status = "Withdrawn " + formatDate(*c.RevokedAt, sess.User.TimeZone)
		case !c.Active(now):
			row.Status = "Not active"
		}
		p.Consents = append(p.Consents, row)
	}
	return nil
}

func (s *Server) chartBilling(r *http.Request, sess account.Session, p *chartPage) error {
	acct, err := s.Billing.ClientAccount(r.Context(), actor(sess), p.ClientID)
	if err != nil {
		return err
	}
	owed := acct.Balance.Owed()
	switch {
	case acct.Balance.Currency == "":
		p.Balance = "Nothing invoiced yet"
	case owed > 0:
		p.Balance = billing.Money{Amount: owed, Currency: acct.Balance.Currency}.String() + " owed"
	case owed < 0:
		p.Balance = billing.Money{Amount: -owed, Currency: acct.Balance.Currency}.String() + " in credit"
	default:
		p.Balance = "Paid up"
	}
	p.Invoices = strconv.Itoa(len(acct.Invoices)) + " invoices"
	if len(acct.Invoices) == 1 {
		p.Invoices = "1 invoice"
	}
	if acct.Tier != nil {
		p.Package = "Sliding scale: " + acct.Tier.Label()
	}
	return nil
}
