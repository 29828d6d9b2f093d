package web

import (
	"fmt"
	"html/template"
	"net/http"
	"strconv"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/httpx"
	"github.com/afterward/afterward/internal/humantime"
	"github.com/afterward/afterward/internal/measure"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/questionnaire"
)

type measuresPage struct {
	Due          []dueItem
	ProgressHref string
}

type dueItem struct{ Href, Title, Timepoint, Until string }

// measuresShow is the client's list of questionnaires waiting for them.
func (s *Server) measuresShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	if sess.User.Role != account.Client {
		s.renderError(w, r, errs.E(errs.Forbidden, "questionnaires are answered by clients"))
		return
	}
	due, err := s.Measures.Questionnaires.DueFor(r.Context(), policy.ActorOf(sess.User), sess.User.ID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page := measuresPage{ProgressHref: fmt.Sprintf("/clients/%d/scores", sess.User.ID)}
	for _, d := range due {
		page.Due = append(page.Due, dueItem{"/measures/" + d.Instrument, d.Title, questionnaire.TimepointLabel(d.Timepoint), formatTime(d.ExpiresAt, sess.User.TimeZone)})
	}
	render(s, w, r, http.StatusOK, "measures", "Your check-ins", page)
}

type questionnairePage struct {
	ID, Title, Preamble, Notice string
	Items                       []itemView
	Invalid                     int
}

type itemView struct {
	N             int
	Name, Text    string
	Options       []answerOption
	Error         string
	ConditionNote string
}

type answerOption struct {
	ID, Label, Value string
	Checked          bool
}

func (s *Server) questionnaireShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	s.renderQuestionnaire(w, r, sess, http.StatusOK, nil, nil)
}

func (s *Server) questionnaireSubmit(w http.ResponseWriter, r *http.Request, sess account.Session) {
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, errs.E(errs.Invalid, "the form could not be read"))
		return
	}
	values := map[string]string{}
	for k := range r.PostForm {
		values[k] = r.PostForm.Get(k)
	}
	res, err := s.Measures.Questionnaires.Submit(r.Context(), policy.ActorOf(sess.User), r.PathValue("instrument"), values)
	if fields := fieldsOf(err); fields != nil {
		s.renderQuestionnaire(w, r, sess, http.StatusUnprocessableEntity, values, fields)
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	def, _ := s.Measures.Questionnaires.Questionnaire(r.PathValue("instrument"))
	render(s, w, r, http.StatusOK, "measures_done", "Thank you", doneView(def, res, sess.User.ID))
}

type donePage struct {
	Title, Score, ProgressHref string
	Risk                       bool
}

func doneView(def *measure.Definition, res questionnaire.Result, clientID int64) donePage {
	p := donePage{Title: def.Title, Risk: res.Risk != "", ProgressHref: fmt.Sprintf("/clients/%d/scores", clientID)}
	if res.Total != nil {
		p.Score = fmt.Sprintf("%d (%s)", *res.Total, questionnaire.BandLabel(res.Severity))
	}
	return p
}

func (s *Server) renderQuestionnaire(w http.ResponseWriter, r *http.Request, sess account.Session, status int, values, fields map[string]string) {
	if sess.User.Role != account.Client {
		s.renderError(w, r, errs.E(errs.Forbidden, "questionnaires are answered by clients"))
		return
	}
	def, err := s.Measures.Questionnaires.Questionnaire(r.PathValue("instrument"))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page := questionnairePage{ID: def.ID, Title: def.Title, Preamble: def.SelfReport(), Notice: def.CopyrightNotice, Invalid: len(fields)}
	for i, it := range def.Items {
		name := "item" + strconv.Itoa(i+1)
		iv := itemView{N: i + 1, Name: name, Text: it.SelfReport(), Error: fields[name], ConditionNote: conditionNote(def, it.Key)}
		opts := it.Options
		if len(opts) == 0 {
			opts = def.Options
		}
		for _, o := range opts {
			v := strconv.Itoa(o.Value)
			iv.Options = append(iv.Options, answerOption{ID: name + "-" + v, Label: o.Label, Value: v, Checked: values[name] == v})
		}
		page.Items = append(page.Items, iv)
	}
	render(s, w, r, status, "questionnaire", def.Title, page)
}

// conditionNote explains the C-SSRS skip rules, since without JavaScript
// every question is on the page.
func conditionNote(def *measure.Definition, key string) string {
	switch key {
	case "q3", "q4", "q5":
		return "Answer only if you answered yes to question 2."
	case "q6_within_3_months":
		return "Answer only if you answered yes to question 6."
	}
	return ""
}

type scoresPage struct {
	Name    string
	Charts  []chartView
	PDFHref string
}

type chartView struct {
	ID, Title, Scale string
	SVG              template.HTML
	Rows             []scoreRow
	MCID             string
}

type scoreRow struct{ Date, Timepoint, Total, Severity, Change string }

// scoresShow shows a client's scores over time to whoever the policy
// allows (the client, their coach, a consented clinician).
func (s *Server) scoresShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	clientID, name, series, ok := s.clientScores(w, r, sess)
	if !ok {
		return
	}
	page := scoresPage{Name: name, PDFHref: fmt.Sprintf("/clients/%d/scores.pdf", clientID)}
	for _, sr := range series {
		page.Charts = append(page.Charts, chartOf(sr, sess.User.TimeZone))
	}
	render(s, w, r, http.StatusOK, "questionnaire_progress", "Progress", page)
}

// clientScores reads the client named in the path and their score
// history, as the policy allows the reader; on failure it has answered.
func (s *Server) clientScores(w http.ResponseWriter, r *http.Request, sess account.Session) (int64, string, []questionnaire.Series, bool) {
	clientID, err := httpx.PathID(r, "client")
	if err != nil {
		s.renderError(w, r, err)
		return 0, "", nil, false
	}
	a := policy.ActorOf(sess.User)
	series, err := s.Measures.Questionnaires.History(r.Context(), a, clientID)
	if err != nil {
		s.renderError(w, r, err)
		return 0, "", nil, false
	}
	c, err := s.People.Practices.Client(r.Context(), a, clientID)
	if err != nil {
		s.renderError(w, r, err)
		return 0, "", nil, false
	}
	return clientID, c.Name, series, true
}

func chartOf(sr questionnaire.Series, tz string) chartView {
	cv := chartView{ID: "chart-" + sr.Instrument, Title: sr.Title, SVG: questionnaire.SVG(sr, "chart-"+sr.Instrument, humantime.In(tz)), Scale: "Lower scores are better."}
	if sr.HigherIsBetter {
		cv.Scale = "Higher scores are better."
	}
	if sr.MCID > 0 {
		cv.MCID = fmt.Sprintf("A change of %g points or more is clinically important.", sr.MCID)
	}
	for i, p := range sr.Points {
		change := "–"
		if i > 0 {
			change = fmt.Sprintf("%+d: %s", p.Total-sr.Points[0].Total, questionnaire.ChangeLabel(p))
		}
		cv.Rows = append(cv.Rows, scoreRow{formatDate(p.At, tz), questionnaire.TimepointLabel(p.Timepoint), strconv.Itoa(p.Total), questionnaire.BandLabel(p.Severity), change})
	}
	return cv
}

func (s *Server) scoresPDF(w http.ResponseWriter, r *http.Request, sess account.Session) {
	clientID, name, series, ok := s.clientScores(w, r, sess)
	if !ok {
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`inline; filename="progress-%d.pdf"`, clientID))
	if err := questionnaire.WriteReport(w, name, series, s.Now(), humantime.In(sess.User.TimeZone)); err != nil {
		s.log.Error("writing progress report", "err", err)
	}
}
