package web

import (
	"net/url"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/account"
)

func TestParseAuthForms(t *testing.T) {
	long := strings.Repeat("x", 1100)
	tests := []struct {
		name   string
		parse  func(url.Values) fieldErrors
		in     string
		fields []string // fields that must have a problem; none = valid
	}{
		{"signin ok", sig, "email=a@example.org&password=pw", nil},
		{"signin empty", sig, "", []string{"email", "password"}},
		{"signin long password", sig, "email=a@example.org&password=" + long, []string{"password"}},
		{"code totp", code, "code=123+456", nil},
		{"code recovery", code, "code=abcde-fghjk", nil},
		{"code empty", code, "code=", []string{"code"}},
		{"code junk", code, "code=hello", []string{"code"}},
		{"email ok", email, "email=+A@Example.org", nil},
		{"email bad", email, "email=nope", []string{"email"}},
		{"email empty", email, "", []string{"email"}},
		{"password ok", pass, "password=after+the+rain+42&confirm=after+the+rain+42", nil},
		{"password short", pass, "password=short&confirm=short", []string{"password"}},
		{"password mismatch", pass, "password=after+the+rain+42&confirm=after+the+rain+43", []string{"confirm"}},
		{"accept ok", accept, "name=Nia&password=after+the+rain+42&confirm=after+the+rain+42&time_zone=Europe/London", nil},
		{"accept bad zone", accept, "name=Nia&password=after+the+rain+42&confirm=after+the+rain+42&time_zone=Mars/Base", []string{"time_zone"}},
		{"accept no name", accept, "password=after+the+rain+42&confirm=after+the+rain+42", []string{"name"}},
		{"invite ok", invite, "email=c@example.org&role=client", nil},
		{"invite coach as coach", invite, "email=c@example.org&role=coach", []string{"role"}},
		{"invite bad email", invite, "email=c&role=client", []string{"email"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, err := url.ParseQuery(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			got := tc.parse(v)
			if len(tc.fields) == 0 && len(got) != 0 {
				t.Errorf("got problems %v, want none", got)
			}
			for _, f := range tc.fields {
				if got[f] == "" {
					t.Errorf("problems %v do not name %q", got, f)
				}
			}
		})
	}
}

func sig(v url.Values) fieldErrors    { _, fe := parseSigninForm(v); return fe }
func code(v url.Values) fieldErrors   { _, fe := parseCodeForm(v); return fe }
func email(v url.Values) fieldErrors  { _, fe := parseEmailForm(v); return fe }
func pass(v url.Values) fieldErrors   { _, fe := parsePasswordForm(v); return fe }
func accept(v url.Values) fieldErrors { _, fe := parseAcceptForm(v); return fe }
func invite(v url.Values) fieldErrors { _, fe := parseInviteForm(v, account.Coach); return fe }

// FuzzAuthForms: no form body makes a decoder panic, and every problem
// names a field the form has.
func FuzzAuthForms(f *testing.F) {
	for _, s := range []string{"", "email=a@example.org&password=x", "code=123456", "code=%ff%00", "time_zone=../../etc/passwd",
		"role=admin&email=%40", "name=" + strings.Repeat("é", 300), "password=a&password=b&confirm=a"} {
		f.Add(s)
	}
	known := map[string]bool{"email": true, "password": true, "code": true, "confirm": true, "name": true, "time_zone": true, "role": true}
	f.Fuzz(func(t *testing.T, body string) {
		v, err := url.ParseQuery(body)
		if err != nil {
			return
		}
		for _, parse := range []func(url.Values) fieldErrors{sig, code, email, pass, accept, invite} {
			for field, msg := range parse(v) {
				if !known[field] || msg == "" {
					t.Errorf("problem %q: %q for body %q", field, msg, body)
				}
			}
		}
	})
}
