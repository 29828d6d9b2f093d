package web

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/auth"
)

// Form decoders for the sign-in, code, link, reset and invitation forms:
// pure functions from url.Values to a typed form plus per-field messages
// (empty when valid), so they can be fuzzed without a server.

// maxFormBytes bounds every auth form body.
const maxFormBytes = 16 << 10

// readForm parses a POST body of at most maxFormBytes; a malformed or
// oversized body reads as an empty form, which fails validation per field.
func readForm(w http.ResponseWriter, r *http.Request) url.Values {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		return url.Values{}
	}
	return r.PostForm
}

type fieldErrors map[string]string

func (f fieldErrors) add(ok bool, field, msg string) {
	if !ok {
		if _, seen := f[field]; !seen {
			f[field] = msg
		}
	}
}

const maxField = 1024

type signinForm struct{ Email, Password string }

func parseSigninForm(v url.Values) (signinForm, fieldErrors) {
	f := signinForm{Email: strings.TrimSpace(v.Get("email")), Password: v.Get("password")}
	fe := fieldErrors{}
	fe.add(f.Email != "", "email", "enter your email address")
	fe.add(len(f.Email) <= 254, "email", "use at most 254 characters")
	fe.add(f.Password != "", "password", "enter your password")
	fe.add(len(f.Password) <= maxField, "password", "use at most 1024 characters")
	return f, fe
}

type codeForm struct{ Code string }

func parseCodeForm(v url.Values) (codeForm, fieldErrors) {
	f := codeForm{Code: strings.TrimSpace(v.Get("code"))}
	fe := fieldErrors{}
	fe.add(f.Code != "", "code", "enter the 6-digit code from your app, or a recovery code")
	if f.Code != "" {
		kind, _ := auth.ParseCode(f.Code)
		fe.add(kind != auth.CodeInvalid, "code", "enter the 6-digit code from your app, or a 10-character recovery code")
	}
	return f, fe
}

type emailForm struct{ Email string }

func parseEmailForm(v url.Values) (emailForm, fieldErrors) {
	f := emailForm{Email: account.NormalizeEmail(v.Get("email"))}
	fe := fieldErrors{}
	fe.add(f.Email != "", "email", "enter your email address")
	fe.add(f.Email == "" || auth.ValidEmail(f.Email), "email", "enter an email address like name@example.org")
	return f, fe
}

type passwordForm struct{ Password, Confirm string }

func parsePasswordForm(v url.Values) (passwordForm, fieldErrors) {
	f := passwordForm{Password: v.Get("password"), Confirm: v.Get("confirm")}
	fe := fieldErrors{}
	if msg := account.PasswordProblem(f.Password); msg != "" {
		fe.add(false, "password", msg)
	}
	fe.add(f.Confirm == f.Password, "confirm", "the two passwords differ")
	return f, fe
}

type acceptForm struct {
	Name     string
	TimeZone string
	passwordForm
}

func parseAcceptForm(v url.Values) (acceptForm, fieldErrors) {
	pf, fe := parsePasswordForm(v)
	f := acceptForm{Name: strings.TrimSpace(v.Get("name")), TimeZone: strings.TrimSpace(v.Get("time_zone")), passwordForm: pf}
	fe.add(f.Name != "", "name", "enter your name")
	fe.add(len(f.Name) <= 200, "name", "use at most 200 characters")
	if f.TimeZone == "" {
		f.TimeZone = "UTC"
	}
	_, err := time.LoadLocation(f.TimeZone)
	fe.add(err == nil && len(f.TimeZone) <= 64, "time_zone", "choose a time zone such as Europe/London")
	return f, fe
}

type inviteForm struct {
	Email, Name string
	Role        account.Role
}

func parseInviteForm(v url.Values, inviter account.Role) (inviteForm, fieldErrors) {
	f := inviteForm{Email: account.NormalizeEmail(v.Get("email")), Name: strings.TrimSpace(v.Get("name")), Role: account.Role(v.Get("role"))}
	fe := fieldErrors{}
	fe.add(auth.ValidEmail(f.Email), "email", "enter an email address like name@example.org")
	fe.add(len(f.Name) <= 200, "name", "use at most 200 characters")
	fe.add(auth.CanInvite(inviter, f.Role), "role", "choose who you are inviting")
	return f, fe
}

func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}
