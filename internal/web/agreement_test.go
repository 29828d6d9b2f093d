package web_test

import (
	"testing"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

const aishaEmail = "aisha@client.example.org"

// TestAgreementScenarios: the demo's signed and unsigned clients, the
// practice's views and the admin's editor, on both engines.
func TestAgreementScenarios(t *testing.T) {
	for _, engine := range apptest.Engines {
		t.Run(string(engine), func(t *testing.T) { agreementScenarios(t, engine) })
	}
}

func agreementScenarios(t *testing.T, engine store.Dialect) {
	srv := apptest.NewServer(t, engine)
	grace := "grace@client.example.org"
	graceID := clientID(t, srv, grace)
	var aishaSig string
	if err := srv.App.DB.Reader().QueryRow(t.Context(), `SELECT MIN(s.id) FROM agreement_signatures s JOIN users u ON u.id = s.client_id WHERE u.email = ?`, aishaEmail).Scan(&aishaSig); err != nil {
		t.Fatal(err)
	}
	pdf := "/agreement/signatures/" + aishaSig + "/pdf"
	runScenarios(t, srv, []scenario{
		{name: "unsigned client is asked to sign before booking", as: grace, method: "GET", path: "/sessions", wantStatus: 200,
			want: []string{`id="agreement-due"`, `href="/agreement"`}},
		{name: "unsigned client's booking is refused by the schedule", as: grace, method: "POST", path: "/sessions", body: "start=2030-01-07T17:00:00Z&minutes=60&format=video", wantStatus: 422,
			want: []string{"read and sign your practice&#39;s current coaching agreement at /agreement"}},
		{name: "unsigned client reads the agreement with its fees", as: grace, method: "GET", path: "/agreement", wantStatus: 200,
			want: []string{"not therapy", "Cancelling less than", `name="hash"`, "Sign the agreement"}},
		{name: "a wrong name is refused inline", as: grace, method: "POST", path: "/agreement", body: "version=1&hash=x&name=Someone+Else", wantStatus: 422,
			want: []string{`aria-invalid="true"`, "type your full name exactly as on your account (Grace Liu)"}},
		{name: "a stale text is refused with what to do", as: grace, method: "POST", path: "/agreement", body: "version=1&hash=x&name=Grace+Liu", wantStatus: 422,
			want: []string{"the agreement changed while you were reading it"}},
		{name: "an empty name is refused inline", as: grace, method: "POST", path: "/agreement", body: "version=1&name=", wantStatus: 422,
			want: []string{"type your full name to sign", `id="name-error"`}},
		{name: "coach sees the client has not signed", as: priya, method: "GET", path: "/clients/" + graceID + "/agreement", wantStatus: 200,
			want: []string{`id="agreement-unsigned"`}},
		{name: "another coach cannot look", as: jonah, method: "GET", path: "/clients/" + graceID + "/agreement", wantStatus: 404},
		{name: "signed client sees their copy", as: aishaEmail, method: "GET", path: "/agreement", wantStatus: 200,
			want: []string{`id="agreement-signed"`, pdf}, notWant: []string{"Sign the agreement"}},
		{name: "signed client downloads the PDF", as: aishaEmail, method: "GET", path: pdf, wantStatus: 200, wantType: "application/pdf"},
		{name: "their coach downloads it", as: jonah, method: "GET", path: pdf, wantStatus: 200, wantType: "application/pdf"},
		{name: "the admin downloads it", as: maya, method: "GET", path: pdf, wantStatus: 200, wantType: "application/pdf"},
		{name: "another client cannot", as: grace, method: "GET", path: pdf, wantStatus: 404},
		{name: "another coach cannot", as: priya, method: "GET", path: pdf, wantStatus: 404},
		{name: "admin edits the agreement", as: maya, method: "GET", path: "/settings/agreement", wantStatus: 200, want: []string{"Save as a new version", "Cancelling less than"}},
		{name: "coach cannot edit it", as: jonah, method: "GET", path: "/settings/agreement", wantStatus: 403},
		{name: "an edit without fees is refused inline", as: maya, method: "POST", path: "/settings/agreement", body: "body=Just+this.", wantStatus: 422,
			want: []string{"keep {{fees}}", `id="body-error"`}},
		{name: "an edit saves a new version", as: maya, method: "POST", path: "/settings/agreement", body: "body=We+coach.+%7B%7Bfees%7D%7D", wantStatus: 303},
		{name: "the signed client must sign the new version", as: aishaEmail, method: "GET", path: "/sessions", wantStatus: 200, want: []string{`id="agreement-due"`}},
	})
}
