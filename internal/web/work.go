package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/httpx"
	"github.com/afterward/afterward/internal/plan"
	"github.com/afterward/afterward/internal/policy"
)

// workPage is the chain from insight to intention to small dated actions,
// for the client and their coach.
type workPage struct {
	ClientID             int64
	Insights             []plan.Insight
	Intentions           []plan.Intention
	Done, Total, Percent int
	Form                 workForm
	Fields               map[string]string
	Error, Notice        string
}

// workForm keeps what was typed when a form comes back with errors.
type workForm struct {
	Insight, Intention, Action, DueOn string
	InsightID, IntentionID            int64
}

func (s *Server) workShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	page := workPage{Fields: map[string]string{}}
	if r.URL.Query().Get("done") == "added" {
		page.Notice = "Added."
	}
	s.renderWork(w, r, sess, http.StatusOK, page)
}

func (s *Server) renderWork(w http.ResponseWriter, r *http.Request, sess account.Session, status int, page workPage) {
	clientID, err := httpx.PathID(r, "client")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	work, err := s.Coaching.Plans.WorkOf(r.Context(), policy.ActorOf(sess.User), clientID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page.ClientID, page.Insights, page.Intentions = clientID, work.Insights, work.Intentions
	page.Done, page.Total, page.Percent = work.Done, work.Total, work.Percent()
	render(s, w, r, status, "work", "Insights and intentions", page)
}

// workAdd adds an insight, an intention or an action, by the button
// pressed. The service authorizes before it validates.
func (s *Server) workAdd(w http.ResponseWriter, r *http.Request, sess account.Session) {
	clientID, err := httpx.PathID(r, "client")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	ctx, actor := r.Context(), policy.ActorOf(sess.User)
	form := workForm{Insight: r.PostFormValue("insight"), Intention: r.PostFormValue("intention"), Action: r.PostFormValue("action_body"),
		DueOn: r.PostFormValue("due_on"), InsightID: formNum(r, "insight_id"), IntentionID: formNum(r, "intention_id")}
	switch r.PostFormValue("add") {
	case "insight":
		_, err = s.Coaching.Plans.AddInsight(ctx, actor, clientID, form.Insight)
	case "intention":
		_, err = s.Coaching.Plans.AddIntention(ctx, actor, clientID, form.InsightID, form.Intention)
	case "action":
		err = s.addAction(r, actor, clientID, form)
	default:
		err = s.badChoice(r, actor, clientID)
	}
	if err != nil {
		page := workPage{Form: form, Fields: map[string]string{}}
		if !s.formError(err, &page.Fields, &page.Error) {
			s.renderError(w, r, err)
			return
		}
		s.renderWork(w, r, sess, http.StatusUnprocessableEntity, page)
		return
	}
	http.Redirect(w, r, "/clients/"+strconv.FormatInt(clientID, 10)+"/work?done=added", http.StatusSeeOther)
}

// addAction adds a step to one of this client's intentions (an intention
// of another client the actor may see is refused as a field error).
func (s *Server) addAction(r *http.Request, actor policy.Actor, clientID int64, form workForm) error {
	work, err := s.Coaching.Plans.WorkOf(r.Context(), actor, clientID)
	if err != nil {
		return err
	}
	for _, it := range work.Intentions {
		if it.ID == form.IntentionID {
			_, err = s.Coaching.Plans.AddAction(r.Context(), actor, form.IntentionID, strings.TrimSpace(form.Action), strings.TrimSpace(form.DueOn))
			return err
		}
	}
	return errs.Validation{"intention_id": "choose one of the intentions above"}.Err()
}

// badChoice authorizes first (a stranger gets 404), then reports the
// missing choice.
func (s *Server) badChoice(r *http.Request, actor policy.Actor, clientID int64) error {
	if _, err := s.Coaching.Plans.WorkOf(r.Context(), actor, clientID); err != nil {
		return err
	}
	return errs.Validation{"add": "choose what to add"}.Err()
}

func formNum(r *http.Request, name string) int64 {
	n, _ := strconv.ParseInt(strings.TrimSpace(r.PostFormValue(name)), 10, 64)
	return n
}
