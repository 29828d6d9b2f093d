package e2e_test

import (
	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/policy"
)

// dailyRules are the access rules of the routes added for issue 16 (the
// client chart, inbox, notifications and settings, journal editing, the
// installable app, calendar names, the care-team thread, note templates),
// kept apart from routeRules so the table merges cleanly; ruleFor reads
// both.
var dailyRules = map[string]rule{
	"GET /clients/{client}":                             {roles: []account.Role{account.Coach}, idIn: "path:client", category: policy.Roster, action: policy.Read},
	"GET /inbox":                                        {roles: []account.Role{account.Coach}},
	"GET /inbox/{client}":                               {roles: []account.Role{account.Coach}, idIn: "path:client", category: policy.Messages, action: policy.Read},
	"POST /inbox/{client}":                              {roles: []account.Role{account.Coach}, idIn: "path:client", category: policy.Messages, action: policy.Write, body: "body=Thinking+of+you"},
	"POST /settings/notifications":                      {roles: everyone, body: "topic_messages=1"},
	"POST /settings/contact":                            {roles: []account.Role{account.Client}, body: "phone=%2B1+555+0100"},
	"POST /settings/profile":                            {roles: everyone, body: "name=&time_zone=Nowhere"},
	"POST /settings/password":                           {roles: everyone, body: "current_password=wrong&password=x"},
	"POST /settings/email":                              {roles: everyone, body: "email=not-an-address"},
	"GET /settings/email/{token}":                       {public: true},
	"POST /settings/email/{token}":                      {public: true},
	"GET /journal/{id}/edit":                            {roles: []account.Role{account.Client}, idIn: "path:id=journal", category: policy.Journal, action: policy.Write},
	"POST /journal/{id}/edit":                           {roles: []account.Role{account.Client}, idIn: "path:id=journal", category: policy.Journal, action: policy.Write},
	"POST /journal/{id}/delete":                         {roles: []account.Role{account.Client}, idIn: "path:id=journal", category: policy.Journal, action: policy.Write},
	"GET /manifest.webmanifest":                         {public: true},
	"GET /sw.js":                                        {public: true},
	"GET /offline":                                      {public: true},
	"POST /calendar/names":                              {roles: []account.Role{account.Coach}, body: "client_label=none"},
	"GET /care-team/clients/{client}/with/{clinician}":  {roles: []account.Role{account.Coach, account.Clinician}, idIn: "path:client,path:clinician=consent_clinician", category: policy.Attendance, action: policy.Read},
	"POST /care-team/clients/{client}/with/{clinician}": {roles: []account.Role{account.Coach, account.Clinician}, idIn: "path:client,path:clinician=consent_clinician", category: policy.Attendance, action: policy.Read, body: "body="}, // writing to the coach needs only read access to the shared record
	"GET /settings/note-templates":                      {roles: admins},
	"POST /settings/note-templates":                     {roles: admins, body: "name="},
}

// dailyOwnedBy extends ownedBy: the clinician of an open-ended consent
// (the care-team thread's other party).
var dailyOwnedBy = map[string]string{
	"consent_clinician": `SELECT MIN(recipient_id) FROM consents WHERE client_id = ? AND revoked_at IS NULL AND ends_at IS NULL HAVING MIN(recipient_id) IS NOT NULL`,
}

// mergeDailyRules adds dailyRules and dailyOwnedBy to the tables the
// access test reads (once, at the start of TestRouteAccess).
func mergeDailyRules() {
	for k, v := range dailyRules {
		routeRules[k] = v
	}
	for k, v := range dailyOwnedBy {
		ownedBy[k] = v
	}
}
