package web

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/coach"
	"github.com/afterward/afterward/internal/httpx"
	"github.com/afterward/afterward/internal/humantime"
	"github.com/afterward/afterward/internal/policy"
)

type coachRequestsPage struct {
	Requests      []requestRow
	Notice, Error string
}

type requestRow struct {
	ID                                         int64
	Client, Substance, Context, Due, RespondBy string
}

func (s *Server) coachRequests(w http.ResponseWriter, r *http.Request, sess account.Session) {
	page := coachRequestsPage{Notice: map[string]string{"decline": "Declined: the client will be offered another coach."}[r.URL.Query().Get("done")]}
	if r.URL.Query().Get("done") == "accept" {
		page.Notice = "Accepted: the client is now yours. " + s.bookedNotice(r, sess.User)
	}
	s.renderRequests(w, r, sess, http.StatusOK, page)
}

func (s *Server) renderRequests(w http.ResponseWriter, r *http.Request, sess account.Session, status int, page coachRequestsPage) {
	rs, err := s.Coaching.Coaches.PendingForCoach(r.Context(), policy.ActorOf(sess.User))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	for _, rq := range rs {
		row := requestRow{ID: rq.ID, Client: rq.ClientName, Substance: rq.Substance, Context: coach.Label(coach.FacetContext, rq.Context),
			RespondBy: formatTime(rq.RespondBy, sess.User.TimeZone)}
		if rq.DueAt != nil {
			row.Due = formatTime(*rq.DueAt, sess.User.TimeZone)
		}
		page.Requests = append(page.Requests, row)
	}
	render(s, w, r, status, "coach_requests", "Requests", page)
}

func (s *Server) coachRespond(w http.ResponseWriter, r *http.Request, sess account.Session) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	decision := r.PostFormValue("decision")
	req, err := s.Coaching.Coaches.Answer(r.Context(), policy.ActorOf(sess.User), id, decision)
	if fields := fieldsOf(err); fields != nil {
		s.renderRequests(w, r, sess, http.StatusUnprocessableEntity, coachRequestsPage{Error: fields["decision"]})
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/coach/requests?done="+decision+sessionParam(req.AppointmentID), http.StatusSeeOther)
}

type coachAdminPage struct {
	Queue       []reviewItem
	Credentials []credentialRow
	Reports     []reportRow
	Waits       []waitRow
	Assign      assignForm
}

type reviewItem struct {
	CoachID int64
	Name    string
	Flags   []flagView
	Note    fieldValue // the note to the coach, kept with its error when refused
}

// fieldValue is one form field's typed value and its inline error.
type fieldValue struct{ Value, Error string }

// decisionRetry is an admin decision refused for its field (a return
// without a note): the page shows it again, the typed text kept.
type decisionRetry struct {
	ID    int64
	Field fieldValue
}

type flagView struct {
	Field, Category, Before, Excerpt, After string
}

type credentialRow struct {
	ID                                 int64
	Coach, Name, Provider, Hours, Year string
	HasCertificate                     bool
}

type reportRow struct{ Coach, Reporter, When, What string }

type waitRow struct{ Client, Coach, Intake, FirstSession, Wait string }

func (s *Server) coachAdmin(w http.ResponseWriter, r *http.Request, sess account.Session) {
	form := assignForm{}
	if r.URL.Query().Get("done") == "assigned" {
		form.Notice = "Assigned. " + s.bookedNotice(r, sess.User)
	}
	s.renderCoachAdmin(w, r, sess, http.StatusOK, form, decisionRetry{})
}

// renderCoachAdmin shows the admin's coach page; form keeps the assign
// form's choice and errors, retry a refused review's note.
func (s *Server) renderCoachAdmin(w http.ResponseWriter, r *http.Request, sess account.Session, status int, form assignForm, retry decisionRetry) {
	a := policy.ActorOf(sess.User)
	ctx := r.Context()
	queue, err := s.Coaching.Coaches.ReviewQueue(ctx, a)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	creds, err := s.Coaching.Coaches.PendingCredentials(ctx, a)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	reports, err := s.Coaching.Coaches.OpenReports(ctx, a)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	waits, err := s.Coaching.Coaches.Waits(ctx, a)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	choices, err := s.assignChoices(r, a)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	choices.ClientID, choices.CoachID, choices.Fields, choices.Notice = form.ClientID, form.CoachID, form.Fields, form.Notice
	tz := sess.User.TimeZone
	page := coachAdminPage{Assign: choices}
	for _, p := range queue {
		item := reviewItem{CoachID: p.CoachID, Name: p.Name, Flags: flagViews(p)}
		if retry.ID == p.CoachID {
			item.Note = retry.Field
		}
		page.Queue = append(page.Queue, item)
	}
	for _, t := range creds {
		page.Credentials = append(page.Credentials, credentialRow{ID: t.ID, Coach: t.CoachName, Name: t.Name, Provider: t.Provider,
			Hours: strconv.Itoa(t.Hours), Year: strconv.Itoa(t.Year), HasCertificate: t.CertificateName != ""})
	}
	for _, rp := range reports {
		page.Reports = append(page.Reports, reportRow{Coach: rp.CoachName, Reporter: rp.ReporterName, When: humantime.Day(rp.HappenedOn, time.UTC), What: rp.What})
	}
	for _, rq := range waits {
		row := waitRow{Client: rq.ClientName, Coach: rq.CoachName, Intake: formatTime(rq.IntakeAt, tz)}
		if d, ok := rq.Wait(); ok {
			row.FirstSession, row.Wait = formatTime(*rq.FirstSessionAt, tz), durationLabel(d)
		}
		page.Waits = append(page.Waits, row)
	}
	render(s, w, r, status, "coach_admin", "Coaches", page)
}

// flagViews splits each flagged field around its excerpt for highlighting.
func flagViews(p coach.Profile) []flagView {
	texts := map[string]string{"headline": p.Headline, "bio": p.Bio, "answer_training": p.Answers.Training,
		"answer_experience": p.Answers.Experience, "answer_crisis": p.Answers.Crisis, "answer_therapy": p.Answers.Therapy}
	var out []flagView
	for _, f := range p.Flags {
		text := texts[f.Field]
		v := flagView{Field: f.Field, Category: f.Category, Excerpt: f.Excerpt}
		if f.End > f.Start && f.End <= len(text) && text[f.Start:f.End] == f.Excerpt {
			v.Before, v.After = text[:f.Start], text[f.End:]
		}
		out = append(out, v)
	}
	return out
}

func (s *Server) coachReview(w http.ResponseWriter, r *http.Request, sess account.Session) {
	c := s.Coaching.Coaches
	s.adminDecision(w, r, sess, adminChoice{yes: "approve", yesDo: c.Approve, noDo: c.Return, noField: "note"})
}

func (s *Server) trainingDecide(w http.ResponseWriter, r *http.Request, sess account.Session) {
	c := s.Coaching.Coaches
	s.adminDecision(w, r, sess, adminChoice{yes: "verify", yesDo: c.VerifyTraining, noDo: c.RejectTraining, noField: "reason"})
}

// adminChoice is a two-way admin decision on the record named in the
// path: yesDo when the form's decision is yes, otherwise noDo with the
// form's noField (a note or reason for the coach).
type adminChoice struct {
	yes     string
	yesDo   func(context.Context, policy.Actor, int64) error
	noDo    func(context.Context, policy.Actor, int64, string) error
	noField string
}

// adminDecision carries out c and returns to the coach list.
func (s *Server) adminDecision(w http.ResponseWriter, r *http.Request, sess account.Session, c adminChoice) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	a := policy.ActorOf(sess.User)
	if r.PostFormValue("decision") == c.yes {
		err = c.yesDo(r.Context(), a, id)
	} else {
		err = c.noDo(r.Context(), a, id, r.PostFormValue(c.noField))
	}
	if msg, ok := fieldsOf(err)[c.noField]; ok {
		retry := decisionRetry{ID: id, Field: fieldValue{Value: r.PostFormValue(c.noField), Error: msg}}
		s.renderCoachAdmin(w, r, sess, http.StatusUnprocessableEntity, assignForm{}, retry)
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/coaches", http.StatusSeeOther)
}

// trainingCertificate serves an uploaded certificate to its coach or an
// admin of the practice, as a download (never rendered inline).
func (s *Server) trainingCertificate(w http.ResponseWriter, r *http.Request, sess account.Session) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	t, err := s.Coaching.Coaches.Certificate(r.Context(), policy.ActorOf(sess.User), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", t.CertificateType)
	w.Header().Set("Content-Disposition", "attachment; filename=\"certificate-"+strconv.FormatInt(t.ID, 10)+"\"")
	_, _ = w.Write(t.Certificate)
}
