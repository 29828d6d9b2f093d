package web

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/httpx"
	"github.com/afterward/afterward/internal/humantime"
	"github.com/afterward/afterward/internal/practice"
	"github.com/afterward/afterward/internal/regulated"
	"github.com/afterward/afterward/internal/schedule"
)

// formsPage lists the regulated forms the client's practice asks for.
type formsPage struct {
	Programme practice.Programme
	Forms     []formRow
	Notice    string
}

type formRow struct {
	regulated.FormStatus
	SignedAt string        // in the viewer's zone
	Addenda  []addendumRow // the client's, beside the signature
}

func (s *Server) formsShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	prog, forms, err := s.Coaching.Regulated.Forms(r.Context(), actor(sess), sess.User.ID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page := formsPage{Programme: prog, Forms: formRows(forms, sess.User.TimeZone)}
	switch r.URL.Query().Get("done") {
	case "signed":
		page.Notice = "Signed. Your facilitator can see it now, and you can download your copy."
	case "missing":
		page.Notice = "That form is not one your practice uses; these are the forms that apply to you."
	}
	render(s, w, r, http.StatusOK, "regulated_forms", "Forms", page)
}

func formRows(forms []regulated.FormStatus, zone string) []formRow {
	out := make([]formRow, 0, len(forms))
	for _, f := range forms {
		row := formRow{FormStatus: f}
		if f.Signed != nil {
			row.SignedAt, row.Addenda = formatTime(f.Signed.SignedAt, zone), addendumRows(f.Signed.Addenda, zone)
		}
		out = append(out, row)
	}
	return out
}

// formPage is one form to fill and sign.
type formPage struct {
	Form          regulated.Form
	Hash          string
	Fields        []formField
	Name          string
	Errors        map[string]string
	Error         string
	Signed        *regulated.Signature // the latest signature of this form
	SignedAt      string
	ErrorSummary  []string
	SubmittedOnce bool
}

// formField is one question with what the client answered and its error.
type formField struct {
	regulated.Field
	Value, DetailsValue      string
	Error, DetailsError      string
	DetailsShown, IsRequired bool
}

func (s *Server) formShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	s.renderForm(w, r, sess, http.StatusOK, map[string]string{}, "", map[string]string{}, "")
}

func (s *Server) renderForm(w http.ResponseWriter, r *http.Request, sess account.Session, status int, answers map[string]string, name string, fieldErrs map[string]string, msg string) {
	f, err := s.Coaching.Regulated.Form(r.Context(), actor(sess), r.PathValue("form"))
	if errs.Is(err, errs.NotFound) { // a form of another programme, or none: the list says which apply
		http.Redirect(w, r, "/forms?done=missing", http.StatusSeeOther)
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	_, forms, err := s.Coaching.Regulated.Forms(r.Context(), actor(sess), sess.User.ID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page := formPage{Form: f, Hash: f.Hash(), Name: name, Errors: fieldErrs, Error: msg, SubmittedOnce: status != http.StatusOK}
	for _, st := range forms {
		if st.Key == f.Key && st.Signed != nil {
			page.Signed = st.Signed
			page.SignedAt = formatTime(st.Signed.SignedAt, sess.User.TimeZone)
		}
	}
	for _, fd := range f.Fields {
		ff := formField{Field: fd, Value: answers[fd.Name], DetailsValue: answers[fd.DetailsName()], Error: fieldErrs[fd.Name], DetailsError: fieldErrs[fd.DetailsName()],
			IsRequired: fd.Required || fd.Kind == regulated.YesNo || fd.Kind == regulated.Agree}
		ff.DetailsShown = fd.Details != ""
		if ff.Error != "" {
			page.ErrorSummary = append(page.ErrorSummary, fd.Label+": "+ff.Error)
		}
		if ff.DetailsError != "" {
			page.ErrorSummary = append(page.ErrorSummary, fd.Details+": "+ff.DetailsError)
		}
		page.Fields = append(page.Fields, ff)
	}
	if e := fieldErrs["name"]; e != "" {
		page.ErrorSummary = append(page.ErrorSummary, "Your name: "+e)
	}
	render(s, w, r, status, "regulated_form", f.Title, page)
}

// formSign records the client's answers and signature of the version
// they were shown (the form carries its number and hash).
func (s *Server) formSign(w http.ResponseWriter, r *http.Request, sess account.Session) {
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, errs.E(errs.Invalid, "the form could not be read"))
		return
	}
	answers := map[string]string{}
	for k, v := range r.PostForm {
		if len(v) > 0 && k != "name" && k != "version" && k != "hash" {
			answers[k] = v[0]
		}
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	in := regulated.Filled{Key: r.PathValue("form"), Version: version, Hash: r.PostFormValue("hash"), Answers: answers, Name: r.PostFormValue("name")}
	_, err := s.Coaching.Regulated.Sign(r.Context(), actor(sess), in)
	if err == nil {
		http.Redirect(w, r, "/forms?done=signed", http.StatusSeeOther)
		return
	}
	if errs.Is(err, errs.NotFound) {
		http.Redirect(w, r, "/forms?done=missing", http.StatusSeeOther)
		return
	}
	fields, msg := map[string]string{}, ""
	if !s.formError(err, &fields, &msg) {
		s.renderError(w, r, err)
		return
	}
	s.renderForm(w, r, sess, http.StatusUnprocessableEntity, answers, in.Name, fields, msg)
}

// formPDF downloads a signed form for its client or their facilitator.
func (s *Server) formPDF(w http.ResponseWriter, r *http.Request, sess account.Session) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	g, err := s.Coaching.Regulated.Signed(r.Context(), actor(sess), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	b, err := regulated.PDF(g, humantime.In(sess.User.TimeZone))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="`+g.FormKey+`-v`+strconv.Itoa(g.Version)+`.pdf"`)
	w.Header().Set("Cache-Control", "private, no-store")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	_, _ = w.Write(b)
}

// regulatedClientPage is a client's regulated records for their
// facilitator: signed forms, the session log with its forms, denials.
type regulatedClientPage struct {
	ClientID      int64
	Programme     practice.Programme
	Forms         []formRow
	Log           []logRow
	Denials       []string
	Appointments  []apptOption
	Reactions     []reactionOption
	Kinds         []regulated.Kind
	Intentions    []string
	Reasons       []string
	IsCoach       bool
	Form          logForm
	Fields        map[string]string
	Error, Notice string
}

type logRow struct {
	regulated.Entry
	Start, End, Certified string
	Addenda               []addendumRow // the client's, beside the entry
}

// TransportText says whether the signed transportation plan was followed.
func (l logRow) TransportText() string {
	switch {
	case l.TransportFollowed == nil:
		return "not recorded"
	case *l.TransportFollowed:
		return "as planned"
	}
	return "deviation — " + l.Deviation
}

type apptOption struct {
	ID    int64
	Label string
}

type reactionOption struct {
	ID    int64
	Label string
}

// logForm is what the facilitator typed.
type logForm struct {
	Kind, AppointmentID, StartedAt, EndedAt, Group, ProductID, Amount, Dose, Intention, Transport, Deviation, Offered, Reason string
}

func (s *Server) regulatedClientShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	page := regulatedClientPage{Fields: map[string]string{}}
	switch r.URL.Query().Get("done") {
	case "logged":
		page.Notice = "Session logged."
	case "updated":
		page.Notice = "Recorded."
	case "denied":
		page.Notice = "Denial recorded."
	}
	s.renderRegulatedClient(w, r, sess, http.StatusOK, page)
}

func (s *Server) renderRegulatedClient(w http.ResponseWriter, r *http.Request, sess account.Session, status int, page regulatedClientPage) {
	id, err := httpx.PathID(r, "client")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	a, zone := actor(sess), sess.User.TimeZone
	prog, forms, err := s.Coaching.Regulated.Forms(r.Context(), a, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	entries, err := s.Coaching.Regulated.SessionLog(r.Context(), a, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	denials, err := s.Coaching.Regulated.Denials(r.Context(), a, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	loc := location(zone)
	for _, d := range denials {
		page.Denials = append(page.Denials, humantime.Day(d.DeniedAt, loc)+": "+d.Reason)
	}
	for _, e := range entries {
		row := logRow{Entry: e, Start: formatTime(e.StartedAt, zone), End: e.EndedAt.In(loc).Format("15:04"), Addenda: addendumRows(e.Addenda, zone)}
		if e.CertifiedAt != nil {
			row.Certified = formatTime(*e.CertifiedAt, zone)
		}
		page.Log = append(page.Log, row)
	}
	page.IsCoach = sess.User.Role == account.Coach
	if page.IsCoach {
		appts, err := s.Coaching.Schedule.OfClient(r.Context(), a, id)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		for _, ap := range appts {
			if ap.SessionType != schedule.Coaching {
				page.Appointments = append(page.Appointments, apptOption{ap.ID, ap.SessionType.Label() + ", " + formatTime(ap.Start, zone)})
			}
		}
		reactions, err := s.Safety.Adverse.List(r.Context(), a, id)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		for _, x := range reactions {
			page.Reactions = append(page.Reactions, reactionOption{x.ID, x.Severity.Label() + ", " + formatTime(x.OccurredAt, zone)})
		}
	}
	page.ClientID, page.Programme, page.Forms = id, prog, formRows(forms, zone)
	page.Kinds, page.Intentions, page.Reasons = regulated.Kinds, regulated.ReasonOptions, regulated.DenialReasons
	render(s, w, r, status, "regulated_client", "Regulated records", page)
}

// sessionLogCreate logs a session the facilitator held.
func (s *Server) sessionLogCreate(w http.ResponseWriter, r *http.Request, sess account.Session) {
	id, err := httpx.PathID(r, "client")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f := logForm{Kind: r.PostFormValue("kind"), AppointmentID: r.PostFormValue("appointment_id"), StartedAt: r.PostFormValue("started_at"), EndedAt: r.PostFormValue("ended_at"),
		Group: r.PostFormValue("group"), ProductID: r.PostFormValue("product_id"), Amount: r.PostFormValue("amount"), Dose: r.PostFormValue("dose"),
		Intention: r.PostFormValue("intention"), Transport: r.PostFormValue("transport"), Deviation: r.PostFormValue("deviation"), Offered: r.PostFormValue("integration_offered")}
	page := regulatedClientPage{Form: f, Fields: map[string]string{}}
	loc := location(sess.User.TimeZone)
	parse := func(v, field, msg string) time.Time {
		if strings.TrimSpace(v) == "" {
			return time.Time{}
		}
		t, err := time.ParseInLocation("2006-01-02T15:04", strings.TrimSpace(v), loc)
		if err != nil {
			page.Fields[field] = msg
		}
		return t
	}
	e := regulated.Entry{Kind: regulated.Kind(f.Kind), StartedAt: parse(f.StartedAt, "started_at", "enter the date and time it started"),
		EndedAt: parse(f.EndedAt, "ended_at", "enter the date and time it ended"), Group: f.Group != "", ProductID: f.ProductID, Amount: f.Amount, Dose: f.Dose,
		Intention: f.Intention, Deviation: f.Deviation, IntegrationOffered: f.Offered != ""}
	e.AppointmentID, _ = strconv.ParseInt(f.AppointmentID, 10, 64)
	switch f.Transport {
	case "yes", "no":
		followed := f.Transport == "yes"
		e.TransportFollowed = &followed
	}
	if len(page.Fields) == 0 {
		_, err = s.Coaching.Regulated.Log(r.Context(), actor(sess), id, e)
		if err == nil {
			http.Redirect(w, r, "/clients/"+strconv.FormatInt(id, 10)+"/regulated?done=logged", http.StatusSeeOther)
			return
		}
		if !s.formError(err, &page.Fields, &page.Error) {
			s.renderError(w, r, err)
			return
		}
	}
	s.renderRegulatedClient(w, r, sess, http.StatusUnprocessableEntity, page)
}

// sessionLogUpdate offers integration, links an adverse reaction or
// certifies an integration session's completion.
func (s *Server) sessionLogUpdate(w http.ResponseWriter, r *http.Request, sess account.Session) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	adverseID, _ := strconv.ParseInt(r.PostFormValue("adverse_id"), 10, 64)
	err = s.Coaching.Regulated.Update(r.Context(), actor(sess), id, regulated.Change(r.PostFormValue("action")), adverseID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	clientID, _ := strconv.ParseInt(r.PostFormValue("client"), 10, 64)
	if clientID <= 0 {
		http.Redirect(w, r, "/dashboard", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/clients/"+strconv.FormatInt(clientID, 10)+"/regulated?done=updated", http.StatusSeeOther)
}

// denialCreate records that services were denied, with the reason.
func (s *Server) denialCreate(w http.ResponseWriter, r *http.Request, sess account.Session) {
	id, err := httpx.PathID(r, "client")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page := regulatedClientPage{Form: logForm{Reason: r.PostFormValue("reason")}, Fields: map[string]string{}}
	err = s.Coaching.Regulated.Deny(r.Context(), actor(sess), id, r.PostFormValue("reason"))
	if err == nil {
		http.Redirect(w, r, "/clients/"+strconv.FormatInt(id, 10)+"/regulated?done=denied", http.StatusSeeOther)
		return
	}
	if !s.formError(err, &page.Fields, &page.Error) {
		s.renderError(w, r, err)
		return
	}
	s.renderRegulatedClient(w, r, sess, http.StatusUnprocessableEntity, page)
}

// regulatedReportsPage offers the programme's reports.
type regulatedReportsPage struct {
	Programme practice.Programme
	Quarter   string
	Year      int
	Suppress  int
	// SuppressMax is the largest count shown as "<Suppress".
	SuppressMax int
	Fields      map[string]string
}

func (s *Server) regulatedReports(w http.ResponseWriter, r *http.Request, sess account.Session) {
	s.renderReports(w, r, sess, http.StatusOK, nil)
}

// renderReports shows the reports page, with a bad quarter or year named
// inline.
func (s *Server) renderReports(w http.ResponseWriter, r *http.Request, sess account.Session, status int, bad error) {
	prog, err := s.People.Practices.Programme(r.Context(), actor(sess))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	now := s.Now()
	page := regulatedReportsPage{Programme: prog, Quarter: regulated.QuarterOf(now).String(), Year: now.UTC().Year(),
		Suppress: regulated.SuppressBelow, SuppressMax: regulated.SuppressBelow - 1, Fields: map[string]string{}}
	if bad != nil {
		var msg string
		if !s.formError(bad, &page.Fields, &msg) {
			s.renderError(w, r, bad)
			return
		}
		page.Quarter, page.Year = r.URL.Query().Get("quarter"), 0
		if y, err := strconv.Atoi(r.URL.Query().Get("year")); err == nil {
			page.Year = y
		}
	}
	render(s, w, r, status, "regulated_reports", "Regulated reports", page)
}

// oregonQuarterCSV downloads the SB 303 quarterly aggregate.
func (s *Server) oregonQuarterCSV(w http.ResponseWriter, r *http.Request, sess account.Session) {
	raw := r.URL.Query().Get("quarter")
	if raw == "" {
		raw = regulated.QuarterOf(s.Now()).String()
	}
	q, err := regulated.ParseQuarter(raw)
	if err != nil {
		s.renderReports(w, r, sess, http.StatusUnprocessableEntity, err)
		return
	}
	rows, err := s.Coaching.Regulated.OregonQuarter(r.Context(), actor(sess), q)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	p, err := s.People.Practices.Get(r.Context(), sess.User.PracticeID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := regulated.WriteQuarterCSV(&buf, p.Name, q, rows); err != nil {
		s.renderError(w, r, err)
		return
	}
	writeCSV(w, "sb303-"+q.String()+".csv", buf)
}

// coloradoYearCSV downloads the healing centre's administration log.
func (s *Server) coloradoYearCSV(w http.ResponseWriter, r *http.Request, sess account.Session) {
	year := s.Now().UTC().Year()
	if v := r.URL.Query().Get("year"); v != "" {
		var err error
		if year, err = strconv.Atoi(v); err != nil {
			s.renderReports(w, r, sess, http.StatusUnprocessableEntity, errs.Validation{"year": "choose a year such as 2026"}.Err())
			return
		}
	}
	rows, err := s.Coaching.Regulated.ColoradoYear(r.Context(), actor(sess), year)
	if errs.Is(err, errs.Invalid) {
		s.renderReports(w, r, sess, http.StatusUnprocessableEntity, err)
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := regulated.WriteYearCSV(&buf, rows); err != nil {
		s.renderError(w, r, err)
		return
	}
	writeCSV(w, "administration-log-"+strconv.Itoa(year)+".csv", buf)
}

func writeCSV(w http.ResponseWriter, name string, buf bytes.Buffer) {
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "private, no-store")
	_, _ = buf.WriteTo(w)
}
