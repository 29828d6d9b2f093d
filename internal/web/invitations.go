package web

import (
	"net/http"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/auth"
	"github.com/afterward/afterward/internal/errs"
)

type roleOption struct {
	Value, Label string
	Selected     bool
}

type invitationsPage struct {
	Roles  []roleOption
	Email  string
	Name   string
	Fields map[string]string
	Sent   []sentRow
	Notice string
}

type sentRow struct{ Email, Name, Role, Status, Sent string }

var roleLabels = map[account.Role]string{account.Coach: "Coach", account.Client: "Client", account.Clinician: "Clinician (therapist, physician, dietitian…)"}

func (s *Server) invitationsPageFor(r *http.Request, u account.User, f inviteForm) (invitationsPage, error) {
	page := invitationsPage{Email: f.Email, Name: f.Name}
	for _, role := range auth.InvitableRoles(u.Role) {
		page.Roles = append(page.Roles, roleOption{string(role), roleLabels[role], role == f.Role})
	}
	sent, err := s.People.Auth.SentBy(r.Context(), u)
	for _, si := range sent {
		page.Sent = append(page.Sent, sentRow{si.Email, si.Name, string(si.Role), si.Status, formatTime(si.CreatedAt, u.TimeZone)})
	}
	return page, err
}

func (s *Server) invitationsShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	page, err := s.invitationsPageFor(r, sess.User, inviteForm{})
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if len(page.Roles) == 0 {
		s.renderError(w, r, errs.E(errs.Forbidden, "your role does not invite people"))
		return
	}
	render(s, w, r, http.StatusOK, "auth_invitations", "Invite", page)
}

func (s *Server) invitationsCreate(w http.ResponseWriter, r *http.Request, sess account.Session) {
	if len(auth.InvitableRoles(sess.User.Role)) == 0 {
		s.renderError(w, r, errs.E(errs.Forbidden, "your role does not invite people"))
		return
	}
	form, fields := parseInviteForm(readForm(w, r), sess.User.Role)
	if len(fields) == 0 {
		err := s.People.Auth.Invite(r.Context(), sess.User, auth.NewInvitation{Email: form.Email, Name: form.Name, Role: form.Role})
		if err != nil && !errs.Is(err, errs.Invalid) {
			s.renderError(w, r, err)
			return
		}
		fields = fieldsOf(err)
	}
	status, keep := http.StatusUnprocessableEntity, form
	if len(fields) == 0 {
		status, keep = http.StatusOK, inviteForm{}
	}
	page, err := s.invitationsPageFor(r, sess.User, keep)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page.Fields = fields
	if len(fields) == 0 {
		page.Notice = "Invitation sent to " + form.Email + " (unless that address already has an account). The link works once, for 7 days."
	}
	render(s, w, r, status, "auth_invitations", "Invite", page)
}

type acceptPage struct {
	Invitation auth.Invitation
	Action     string
	Name       string
	TimeZone   string
	Fields     map[string]string
	Staff      bool
}

func (s *Server) acceptShow(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	inv, err := s.People.Auth.InvitationByToken(r.Context(), token)
	if err != nil {
		s.inviteClosed(w, r, err)
		return
	}
	render(s, w, r, http.StatusOK, "auth_accept", "Accept your invitation", acceptPage{Invitation: inv, Action: "/invite/" + token,
		Name: inv.Name, TimeZone: "UTC", Staff: inv.Role.Staff()})
}

func (s *Server) acceptCreate(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	inv, err := s.People.Auth.InvitationByToken(r.Context(), token)
	if err != nil {
		s.inviteClosed(w, r, err)
		return
	}
	form, fields := parseAcceptForm(readForm(w, r))
	page := acceptPage{Invitation: inv, Action: "/invite/" + token, Name: form.Name, TimeZone: form.TimeZone, Fields: fields, Staff: inv.Role.Staff()}
	if len(fields) == 0 {
		res, err := s.People.Auth.AcceptInvitation(r.Context(), token, auth.Acceptance{Name: form.Name, Password: form.Password, TimeZone: form.TimeZone}, requestMeta(r))
		switch {
		case err == nil:
			s.continueSignIn(w, r, res)
			return
		case errs.Is(err, errs.Invalid):
			page.Fields = fieldsOf(err)
		default:
			s.inviteClosed(w, r, err)
			return
		}
	}
	render(s, w, r, http.StatusUnprocessableEntity, "auth_accept", "Accept your invitation", page)
}

func (s *Server) inviteClosed(w http.ResponseWriter, r *http.Request, err error) {
	if err != auth.ErrInviteClosed {
		s.renderError(w, r, err)
		return
	}
	render(s, w, r, http.StatusNotFound, "auth_message", "Invitation closed", messagePage{Heading: "That invitation no longer works",
		Message: auth.ErrInviteClosed.Msg, LinkHref: "/signin", LinkText: "Sign in"})
}
