package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/alert"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/httpx"
	"github.com/afterward/afterward/internal/intake"
	"github.com/afterward/afterward/internal/policy"
)

// safetyQueuePage is the coach's (or admin's) list of safety alerts.
type safetyQueuePage struct {
	CanClose bool // coaches close alerts; admins see them without text
	Open     []alertRow
	Closed   []alertRow
}

type alertRow struct {
	ID, ClientID                          int64
	Client, Level, Reason, Source, Raised string
	Kinds                                 []string // kinds of risk in plain words
	ClientHref, SourceHref                string   // the client's page; what raised the alert (an audited read)
	Waited                                string   // "waiting 42 minutes"
	Acknowledged, Escalated               string   // when, or empty
	Urgent, CanAck                        bool
	ClosedBy, Closed, FollowUp            string
	Note, NoteError                       string // a note that failed validation, kept
}

func (s *Server) safetyQueue(w http.ResponseWriter, r *http.Request, sess account.Session) {
	s.renderSafetyQueue(w, r, sess.User, 0, "", "")
}

func (s *Server) renderSafetyQueue(w http.ResponseWriter, r *http.Request, u account.User, failedID int64, note, problem string) {
	alerts, err := s.Safety.Alerts.Queue(r.Context(), policy.ActorOf(u))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page := safetyQueuePage{CanClose: u.Role == account.Coach}
	for _, a := range alerts {
		row := s.alertRow(a, u)
		if a.ID == failedID {
			row.Note, row.NoteError = note, problem
		}
		if a.Open() {
			page.Open = append(page.Open, row)
			continue
		}
		row.Closed = formatTime(*a.ClosedAt, u.TimeZone)
		page.Closed = append(page.Closed, row)
	}
	status := http.StatusOK
	if problem != "" {
		status = http.StatusUnprocessableEntity
	}
	render(s, w, r, status, "safety_queue", "Safety queue", page)
}

// alertRow is one alert as the queue shows it to u.
func (s *Server) alertRow(a alert.Alert, u account.User) alertRow {
	id := strconv.FormatInt(a.ID, 10)
	client := strconv.FormatInt(a.ClientID, 10)
	row := alertRow{ID: a.ID, ClientID: a.ClientID, Client: a.ClientName, Level: levelLabel(a.Level.String()), Reason: a.ReasonLabel(),
		Urgent: a.Level.String() == "urgent", Kinds: a.KindLabels(), Source: sourceLabel(a.Source), Raised: formatTime(a.CreatedAt, u.TimeZone),
		ClosedBy: a.ClosedBy, ClientHref: "/clients/" + client, SourceHref: "/safety/" + id + "/source",
		Waited: waitedLabel(a.Waited(s.Now())), CanAck: u.Role == account.Coach && a.Open() && a.AcknowledgedAt == nil}
	if u.Role == account.Admin {
		// Admins have no client page; clinical records need break-glass.
		row.ClientHref = "/admin/break-glass?client=" + client
	}
	if a.AcknowledgedAt != nil {
		row.Acknowledged = formatTime(*a.AcknowledgedAt, u.TimeZone)
	}
	if a.EscalatedAt != nil {
		row.Escalated = formatTime(*a.EscalatedAt, u.TimeZone)
	}
	return row
}

func levelLabel(level string) string {
	if level == "urgent" {
		return "Urgent"
	}
	return "Concern"
}

// waitedLabel says how long an alert has waited, in plain words.
func waitedLabel(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "less than a minute"
	case d < time.Hour:
		return plural(int(d/time.Minute), "minute")
	case d < 48*time.Hour:
		h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
		if m == 0 {
			return plural(h, "hour")
		}
		return plural(h, "hour") + " " + plural(m, "minute")
	}
	return plural(int(d/(24*time.Hour)), "day")
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return strconv.Itoa(n) + " " + unit + "s"
}

func sourceLabel(src alert.Source) string {
	switch src.Kind {
	case "intake":
		return "Intake"
	case "journal_entry":
		return "Journal entry"
	case "message":
		return "Message"
	case "questionnaire":
		return "Questionnaire"
	case "checkin":
		return "Check-in"
	case alert.SourceNotSafeButton:
		return "\u201cI\u2019m not safe right now\u201d button"
	}
	return src.Kind
}

func (s *Server) safetyClose(w http.ResponseWriter, r *http.Request, sess account.Session) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		s.renderError(w, r, errs.NotFoundf("no such alert"))
		return
	}
	note := r.PostFormValue("note")
	err = s.Safety.Alerts.Close(r.Context(), policy.ActorOf(sess.User), id, note)
	var e *errs.Error
	if errs.Is(err, errs.Invalid) && asError(err, &e) {
		s.renderSafetyQueue(w, r, sess.User, id, note, e.Fields["note"])
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/safety", http.StatusSeeOther)
}

// intakesPage lists intakes with their triage outcome (no answers).
type intakesPage struct {
	Admin bool
	Rows  []intakeRow
}

type intakeRow struct {
	ClientID                                int64
	Client, Coach, Status, Disposition, Due string
	LateStart, ClinicianNeeded, OnHold      bool
	Submitted                               bool
	Hold                                    string // "on hold: referred out", …; empty when none
	Reason, ReasonError                     string // a refused lift, shown again
}

func (s *Server) intakesList(w http.ResponseWriter, r *http.Request, sess account.Session) {
	s.renderIntakes(w, r, sess, http.StatusOK, liftForm{})
}

// liftForm is a refused "lift the hold" form, shown again on its row.
type liftForm struct {
	ClientID      int64
	Reason, Error string
}

func (s *Server) renderIntakes(w http.ResponseWriter, r *http.Request, sess account.Session, status int, lift liftForm) {
	list, err := s.Safety.Intakes.List(r.Context(), policy.ActorOf(sess.User))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page := intakesPage{Admin: sess.User.Role == account.Admin}
	for _, in := range list {
		row := intakeRow{ClientID: in.ClientID, Client: in.ClientName, Coach: in.CoachName, Submitted: in.Submitted, Status: "In progress"}
		if in.Submitted {
			o := in.Outcome
			row.Status, row.Disposition = "Submitted "+formatTime(o.SubmittedAt, sess.User.TimeZone), dispositionLabel(string(o.Disposition))
			if in.Withheld {
				row.Disposition = "Withheld: clinical detail needs break-glass access"
			}
			row.Due, row.LateStart = formatTime(o.FirstSessionDue, sess.User.TimeZone), o.LateStart
			row.ClinicianNeeded = o.ClinicianNeeded()
		}
		// OnHold: clinical clearance is due (referred out or an emergency);
		// a client who needs a clinician has a hold of their own kind.
		row.OnHold, row.Hold = in.Hold == intake.HoldReferredOut || in.Hold == intake.HoldEmergency, in.Hold.Label()
		row.ClinicianNeeded = row.ClinicianNeeded || in.Hold == intake.HoldClinician
		if in.Withheld && in.Hold != intake.NoHold {
			row.Hold = "on hold (why needs break-glass access)"
		}
		if lift.ClientID == in.ClientID {
			row.Reason, row.ReasonError = lift.Reason, lift.Error
		}
		page.Rows = append(page.Rows, row)
	}
	render(s, w, r, status, "intakes_list", "Intakes", page)
}

func dispositionLabel(d string) string {
	switch d {
	case "emergency":
		return "Emergency"
	case "refer_clinical":
		return "Clinical referral first"
	case "coaching_with_clinician":
		return "Coaching alongside a clinician"
	case "coaching":
		return "Coaching"
	}
	return d
}

// intakeClearance and intakeClinician lift a client's hold (clinical
// clearance, or a clinician now involved) with the staff member's written
// reason; the intake service decides who may and which hold it lifts.
func (s *Server) intakeClearance(w http.ResponseWriter, r *http.Request, sess account.Session) {
	s.liftHold(w, r, sess)
}

func (s *Server) intakeClinician(w http.ResponseWriter, r *http.Request, sess account.Session) {
	s.liftHold(w, r, sess)
}

func (s *Server) liftHold(w http.ResponseWriter, r *http.Request, sess account.Session) {
	id, err := httpx.PathID(r, "client")
	if err != nil {
		s.renderError(w, r, errs.NotFoundf("no such client"))
		return
	}
	reason := r.PostFormValue("reason")
	err = s.Safety.Intakes.LiftHold(r.Context(), policy.ActorOf(sess.User), id, reason)
	if fields := fieldsOf(err); fields != nil {
		s.renderIntakes(w, r, sess, http.StatusUnprocessableEntity, liftForm{ClientID: id, Reason: reason, Error: fields["reason"]})
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/intakes", http.StatusSeeOther)
}

// partnersPage is the admin page of referral partners.
type partnersPage struct {
	Partners []intake.Partner
	Kinds    []string
	Form     intake.Partner
	Fields   map[string]string
}

func (s *Server) partnersShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	s.renderPartners(w, r, sess.User, intake.Partner{Kind: "psychiatric"}, nil)
}

func (s *Server) renderPartners(w http.ResponseWriter, r *http.Request, u account.User, form intake.Partner, fields map[string]string) {
	if u.Role != account.Admin {
		s.renderError(w, r, errs.E(errs.Forbidden, "only practice admins manage referral partners"))
		return
	}
	list, err := s.Safety.Intakes.Partners(r.Context(), u.PracticeID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	status := http.StatusOK
	if len(fields) > 0 {
		status = http.StatusUnprocessableEntity
	}
	render(s, w, r, status, "partners", "Referral partners", partnersPage{Partners: list, Kinds: intake.PartnerKinds, Form: form, Fields: fields})
}

func (s *Server) partnerCreate(w http.ResponseWriter, r *http.Request, sess account.Session) {
	p := intake.Partner{Kind: r.PostFormValue("kind"), Name: r.PostFormValue("name"), Phone: r.PostFormValue("phone"),
		URL: r.PostFormValue("url"), Note: r.PostFormValue("note")}
	_, err := s.Safety.Intakes.AddPartner(r.Context(), policy.ActorOf(sess.User), p)
	var e *errs.Error
	if errs.Is(err, errs.Invalid) && asError(err, &e) {
		s.renderPartners(w, r, sess.User, p, e.Fields)
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/partners", http.StatusSeeOther)
}

func (s *Server) partnerDelete(w http.ResponseWriter, r *http.Request, sess account.Session) {
	id, err := httpx.PathID(r, "id")
	if err == nil {
		err = s.Safety.Intakes.RemovePartner(r.Context(), policy.ActorOf(sess.User), id)
	} else {
		err = errs.NotFoundf("no such partner")
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/partners", http.StatusSeeOther)
}
