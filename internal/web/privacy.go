package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/privacy"
)

type privacyPage struct {
	History    []accessRow
	BreakGlass []breakGlassRow
	ErasureDue string // empty when no erasure is scheduled
	// ErasureError is the inline message when the box was not ticked.
	ErasureError string
}

type accessRow struct {
	When, What string
	Refused    bool
}

type breakGlassRow struct{ Admin, Reason, Until string }

func (s *Server) privacyShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	s.privacyPage(w, r, sess, http.StatusOK, "")
}

func (s *Server) privacyPage(w http.ResponseWriter, r *http.Request, sess account.Session, status int, erasureError string) {
	a := policy.ActorOf(sess.User)
	history, err := s.People.Privacy.AccessHistory(r.Context(), a, 200)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	grants, err := s.People.Privacy.ActiveBreakGlass(r.Context(), a.UserID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	erasure, err := s.People.Privacy.ErasureStatus(r.Context(), a)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	tz := sess.User.TimeZone
	page := privacyPage{ErasureError: erasureError}
	for _, h := range history {
		page.History = append(page.History, accessRow{When: formatTime(h.At, tz), What: describeAccess(h.ActorName, h.ActorRole, h.Action, h.Resource, h.Outcome), Refused: h.Outcome != "ok"})
	}
	for _, g := range grants {
		page.BreakGlass = append(page.BreakGlass, breakGlassRow{g.AdminName, g.Reason, formatTime(g.ExpiresAt, tz)})
	}
	if erasure != nil {
		page.ErasureDue = formatTime(erasure.DueAt, tz)
	}
	render(s, w, r, status, "privacy", "Your data and privacy", page)
}

// describeAccess turns an audit event into a plain sentence: "Jonah
// Reyes, your coach, read your journal entry."
func describeAccess(who, role, action, resource, outcome string) string {
	noun := map[string]string{"client": "your record", "journal": "your journal", "journal_entry": "a journal entry of yours",
		"notes": "your session notes", "note": "a session note", "intake": "your intake answers", "scores": "your questionnaire scores",
		"measure_assignment": "your questionnaires", "measure_response": "your questionnaire answers", "messages": "your messages",
		"message": "your messages", "attendance": "your sessions", "appointment": "a session of yours", "account": "your account",
		"roster": "your contact details", "contact": "your contact details", "plan": "your integration plan",
		"plan_history": "your plan's history", "checkin": "your check-ins", "checkins": "your check-ins", "consent": "your sharing choices",
		"safety_alerts": "your safety alerts", "safety_alert": "a safety alert", "billing": "your billing", "summaries": "your care summaries",
		"work": "your insights and intentions", "attachment": "an attachment of yours"}[resource]
	if noun == "" {
		noun = "your " + label(resource)
	}
	verb := map[string]string{"read": "read", "write": "changed", "export": "exported", "break_glass": "used emergency access to",
		"sign_in": "signed in to", "sign_in_failed": "failed to sign in to", "erasure_requested": "asked to erase",
		"erasure_cancelled": "cancelled the erasure of", "delete": "deleted", "journal_entry_deleted": "deleted",
		"permission_change": "changed the access settings of"}[action]
	if verb == "" {
		verb = label(action)
	}
	subject := who
	if rolePhrase := map[string]string{"coach": "your coach", "admin": "a practice admin", "clinician": "a clinician on your care team"}[role]; rolePhrase != "" && who != "You" && who != "Afterward" {
		subject += ", " + rolePhrase + ","
	}
	if outcome != "ok" {
		return subject + " tried to open " + noun + " and was refused."
	}
	return subject + " " + verb + " " + noun + "."
}

func (s *Server) privacyExport(w http.ResponseWriter, r *http.Request, sess account.Session) {
	body, err := s.People.Privacy.Export(r.Context(), policy.ActorOf(sess.User))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="afterward-export-%d.json"`, sess.User.ID))
	_, _ = w.Write(body)
}

func (s *Server) privacyFHIR(w http.ResponseWriter, r *http.Request, sess account.Session) {
	body, err := s.Clinicians.FHIR.ClientBundle(r.Context(), policy.ActorOf(sess.User), sess.User.ID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/fhir+json")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="afterward-fhir-%d.json"`, sess.User.ID))
	_, _ = w.Write(body)
}

func (s *Server) erasureCreate(w http.ResponseWriter, r *http.Request, sess account.Session) {
	confirmed := r.PostFormValue("confirm") == "yes"
	_, err := s.People.Privacy.RequestErasure(r.Context(), policy.ActorOf(sess.User), confirmed)
	if errs.Is(err, errs.Invalid) {
		s.privacyPage(w, r, sess, http.StatusUnprocessableEntity, "tick the box to confirm that you want your content erased")
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/privacy", http.StatusSeeOther)
}

func (s *Server) erasureCancel(w http.ResponseWriter, r *http.Request, sess account.Session) {
	if err := s.People.Privacy.CancelErasure(r.Context(), policy.ActorOf(sess.User)); err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/privacy", http.StatusSeeOther)
}

type breakGlassPage struct {
	Clients []breakGlassClient
	Minutes []int
	Form    breakGlassForm
	Fields  map[string]string
	Granted string
}

type breakGlassClient struct {
	ID       int64
	Name     string
	Selected bool
}

type breakGlassForm struct {
	Reason  string
	Minutes int
}

func (s *Server) breakGlassShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	s.renderBreakGlass(w, r, sess, http.StatusOK, privacy.BreakGlassRequest{Minutes: 15}, nil, r.URL.Query().Get("granted"))
}

func (s *Server) breakGlassCreate(w http.ResponseWriter, r *http.Request, sess account.Session) {
	req := privacy.BreakGlassRequest{Reason: r.PostFormValue("reason")}
	req.ClientID, _ = strconv.ParseInt(r.PostFormValue("client"), 10, 64)
	req.Minutes, _ = strconv.Atoi(r.PostFormValue("minutes"))
	b, err := s.People.Privacy.StartBreakGlass(r.Context(), policy.ActorOf(sess.User), req)
	if fields := fieldsOf(err); fields != nil {
		s.renderBreakGlass(w, r, sess, http.StatusUnprocessableEntity, req, fields, "")
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/break-glass?granted="+url.QueryEscape(formatTime(b.ExpiresAt, sess.User.TimeZone)), http.StatusSeeOther)
}

func (s *Server) renderBreakGlass(w http.ResponseWriter, r *http.Request, sess account.Session, status int, req privacy.BreakGlassRequest, fields map[string]string, granted string) {
	if sess.User.Role != account.Admin {
		s.renderError(w, r, errs.E(errs.Forbidden, "only practice admins can use break-glass access"))
		return
	}
	clients, err := s.People.Practices.ClientsOfPractice(r.Context(), policy.ActorOf(sess.User))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page := breakGlassPage{Minutes: privacy.BreakGlassMinutes, Form: breakGlassForm{req.Reason, req.Minutes}, Fields: fields, Granted: granted}
	for _, c := range clients {
		page.Clients = append(page.Clients, breakGlassClient{c.UserID, c.Name, c.UserID == req.ClientID})
	}
	render(s, w, r, status, "break_glass", "Break-glass access", page)
}
