package web

import (
	"net/http"

	"github.com/afterward/afterward/internal/account"
)

// Settings: name and time zone, sign-in email (confirmed by a link to the
// new address) and password.

type accountForm struct {
	Name, TimeZone, NewEmail string
	Filled                   bool // set from the account (or a refused form)
}

func accountFormOf(u account.User) accountForm {
	return accountForm{Name: u.Name, TimeZone: u.TimeZone, Filled: true}
}

func (s *Server) profileSave(w http.ResponseWriter, r *http.Request, sess account.Session) {
	name, tz := r.PostFormValue("name"), r.PostFormValue("time_zone")
	err := s.People.Auth.UpdateProfile(r.Context(), sess.User, name, tz)
	if f := fieldsOf(err); f != nil {
		form := accountFormOf(sess.User)
		form.Name, form.TimeZone = name, tz
		s.settingsPage(w, r, sess, http.StatusUnprocessableEntity, settingsPage{Account: form, Fields: f})
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/settings?saved=details#details", http.StatusSeeOther)
}

func (s *Server) emailChange(w http.ResponseWriter, r *http.Request, sess account.Session) {
	email := r.PostFormValue("email")
	err := s.People.Auth.RequestEmailChange(r.Context(), sess.User, email)
	if f := fieldsOf(err); f != nil {
		form := accountFormOf(sess.User)
		form.NewEmail = email
		s.settingsPage(w, r, sess, http.StatusUnprocessableEntity, settingsPage{Account: form, Fields: f})
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/settings?saved=email#email", http.StatusSeeOther)
}

// emailConfirmShow asks for a click rather than changing on GET, so a mail
// scanner that follows links does not use the link up.
func (s *Server) emailConfirmShow(w http.ResponseWriter, r *http.Request) {
	render(s, w, r, http.StatusOK, "email_confirm", "Confirm your new email address", struct{ Token string }{r.PathValue("token")})
}

func (s *Server) emailConfirm(w http.ResponseWriter, r *http.Request) {
	if err := s.People.Auth.ConfirmEmailChange(r.Context(), r.PathValue("token")); err != nil {
		s.renderError(w, r, err)
		return
	}
	render(s, w, r, http.StatusOK, "auth_message", "Email address changed", messagePage{Heading: "Your email address is changed",
		Message: "From now on, sign in with your new address.", LinkHref: "/dashboard", LinkText: "Go to your dashboard"})
}

func (s *Server) passwordChange(w http.ResponseWriter, r *http.Request, sess account.Session) {
	err := s.People.Auth.ChangePassword(r.Context(), sess.User, r.PostFormValue("current_password"), r.PostFormValue("password"))
	if f := fieldsOf(err); f != nil {
		s.settingsPage(w, r, sess, http.StatusUnprocessableEntity, settingsPage{Fields: f})
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/settings?saved=password#password", http.StatusSeeOther)
}
