package web

import (
	"context"
	"net/http"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/auth"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/httpx"
)

// accountsPage lists staff and clinicians first; clients (often hundreds)
// sit in a closed section below.
type accountsPage struct {
	Staff, Clients []accountRow
	Notice         string
}

type accountRow struct {
	auth.AccountRow
	LastSignIn string
	Self       bool
}

var accountNotices = map[string]string{
	"verified":    "Verified: every client of the practice may now share with this clinician.",
	"deactivated": "Deactivated: the account's sessions, sign-in links and open invitations ended at once. If it was a coach, reassign their clients on the Coaches page.",
}

func (s *Server) accountsShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	rows, err := s.People.Auth.Accounts(r.Context(), sess.User)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page := accountsPage{Notice: accountNotices[r.URL.Query().Get("done")]}
	for _, a := range rows {
		row := accountRow{AccountRow: a, LastSignIn: "never", Self: a.ID == sess.User.ID}
		if a.LastSignIn != nil {
			row.LastSignIn = formatTime(*a.LastSignIn, sess.User.TimeZone)
		}
		if a.Role == account.Client {
			page.Clients = append(page.Clients, row)
		} else {
			page.Staff = append(page.Staff, row)
		}
	}
	render(s, w, r, http.StatusOK, "admin_accounts", "Accounts", page)
}

func (s *Server) accountVerify(w http.ResponseWriter, r *http.Request, sess account.Session) {
	s.accountChange(w, r, sess, s.People.Auth.VerifyAccount, "verified")
}

func (s *Server) accountDeactivate(w http.ResponseWriter, r *http.Request, sess account.Session) {
	s.accountChange(w, r, sess, s.People.Auth.DeactivateAccount, "deactivated")
}

// accountChange runs one admin action on an account named in the path and
// returns to the list.
func (s *Server) accountChange(w http.ResponseWriter, r *http.Request, sess account.Session,
	change func(context.Context, account.User, int64, auth.Meta) error, done string) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		s.renderError(w, r, errs.NotFoundf("account not found"))
		return
	}
	if err := change(r.Context(), sess.User, id, requestMeta(r)); err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/accounts?done="+done, http.StatusSeeOther)
}
