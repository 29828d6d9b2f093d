package e2e_test

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// rule is a route's access policy as the test knows it. Every registered
// route must have one: a route without an entry fails this test.
type rule struct {
	public bool           // anyone, signed in or not
	roles  []account.Role // signed-in roles that may use it (nil with public)
	// idIn names where a client id goes ("path:client", "body:client",
	// "query:client"); the test swaps in ids of clients the actor may and
	// may not see, and the answer must follow policy.Decide.
	idIn     string
	category policy.Category
	action   policy.Action
	body     string // form body to send (the id is appended when idIn is body:)
	// fixed is a query for the {id} in the path when it is not a client's
	// record (a coach, a training, a request); no row skips the route.
	fixed string
	// owner: of the listed coaches, only this one may use the record;
	// other coaches must get 404.
	owner string
	// practiceOwned: the path id is a record of the demo practice (such as
	// a referral partner): staff of the other practice must get 404.
	practiceOwned bool
	// signsOut: the route ends the session; it is called with a session of
	// its own and must succeed.
	signsOut bool
}

var everyone = []account.Role{account.Admin, account.Coach, account.Client, account.Clinician}

var (
	admins       = []account.Role{account.Admin}
	billingRoles = []account.Role{account.Admin, account.Coach, account.Client} // not clinicians
)

// routeRules: one line per route. Keep in the order of routes.go.
var routeRules = map[string]rule{
	"GET /static/{hash}/{name}":                 {public: true},
	"GET /{$}":                                  {public: true},
	"GET /crisis":                               {public: true},
	"GET /signin":                               {public: true},
	"POST /signin":                              {public: true, body: "email=x%40example.org&password=wrong-password-1"},
	"POST /signout":                             {roles: everyone},
	"GET /dashboard":                            {roles: everyone},
	"GET /privacy":                              {roles: []account.Role{account.Client}},
	"GET /privacy/export":                       {roles: []account.Role{account.Client}},
	"GET /privacy/fhir":                         {roles: []account.Role{account.Client}},
	"POST /privacy/erasure":                     {roles: []account.Role{account.Client}, body: "confirm="},
	"POST /privacy/erasure/cancel":              {roles: []account.Role{account.Client}},
	"GET /care-team":                            {roles: []account.Role{account.Client}},
	"POST /care-team/consents":                  {roles: []account.Role{account.Client}, body: "purpose=x"},
	"POST /care-team/consents/{consent}/revoke": {roles: []account.Role{account.Client}, idIn: "path:consent", category: policy.Roster, action: policy.Write},
	"GET /care-team/clients/{client}":           {roles: []account.Role{account.Clinician}, idIn: "path:client", category: policy.Attendance, action: policy.Read},
	"GET /care-team/clients/{client}/summaries/{id}/pdf": {roles: []account.Role{account.Clinician}, idIn: "path:client", category: policy.Summaries, action: policy.Read, fixed: `SELECT MIN(id) FROM care_summaries WHERE status = 'approved'`},
	"GET /referrals":                                   {roles: []account.Role{account.Coach, account.Clinician}},
	"GET /referrals/new":                               {roles: []account.Role{account.Coach, account.Clinician}, idIn: "query:client", category: policy.Notes, action: policy.Read},
	"POST /referrals":                                  {roles: []account.Role{account.Coach, account.Clinician}, idIn: "body:client", category: policy.Notes, action: policy.Write, body: "reason="},
	"POST /referrals/{id}/status":                      {roles: []account.Role{account.Coach}, idIn: "path:id=referral_out", category: policy.Notes, action: policy.Write, body: "status=bogus"},
	"GET /refer/{slug}":                                {public: true},
	"POST /refer/{slug}":                               {public: true},
	"GET /summaries":                                   {roles: []account.Role{account.Client}},
	"GET /summaries/new":                               {roles: []account.Role{account.Coach}, idIn: "query:client", category: policy.Summaries, action: policy.Read},
	"POST /summaries":                                  {roles: []account.Role{account.Coach}, idIn: "body:client", category: policy.Summaries, action: policy.Write, body: "title="},
	"POST /summaries/{id}/decision":                    {roles: []account.Role{account.Client}, idIn: "path:id=summary", category: policy.Summaries, action: policy.Write, body: "decision=decline"},
	"GET /admin/break-glass":                           {roles: []account.Role{account.Admin}},
	"POST /admin/break-glass":                          {roles: []account.Role{account.Admin}, idIn: "body:client", category: policy.Roster, action: policy.Write, body: "reason=Access+test+with+a+long+enough+reason&minutes=15"},
	"GET /signin/code":                                 {public: true},
	"POST /signin/code":                                {public: true},
	"GET /signin/enrol":                                {public: true},
	"POST /signin/enrol":                               {public: true},
	"GET /signin/link":                                 {public: true},
	"POST /signin/link":                                {public: true},
	"GET /signin/link/{token}":                         {public: true},
	"POST /signin/link/{token}":                        {public: true},
	"GET /reset":                                       {public: true},
	"POST /reset":                                      {public: true},
	"GET /reset/{token}":                               {public: true},
	"POST /reset/{token}":                              {public: true},
	"GET /invite/{token}":                              {public: true},
	"POST /invite/{token}":                             {public: true},
	"GET /invitations":                                 {roles: []account.Role{account.Admin, account.Coach, account.Client}},
	"POST /invitations":                                {roles: []account.Role{account.Admin, account.Coach, account.Client}, body: "email=&role="},
	"GET /settings":                                    {roles: everyone},
	"POST /settings/signout-everywhere":                {roles: everyone, signsOut: true},
	"GET /settings/two-step":                           {roles: everyone},
	"POST /settings/two-step":                          {roles: everyone, body: "code="},
	"POST /settings/two-step/off":                      {roles: []account.Role{account.Client}, body: "code="}, // staff must keep two-step sign-in
	"GET /emergency":                                   {public: true},
	"POST /not-safe":                                   {roles: []account.Role{account.Client}},
	"GET /intake":                                      {roles: []account.Role{account.Client}},
	"GET /intake/result":                               {roles: []account.Role{account.Client}},
	"POST /intake/submit":                              {roles: []account.Role{account.Client}},
	"GET /intake/{step}":                               {roles: []account.Role{account.Client}},
	"POST /intake/{step}":                              {roles: []account.Role{account.Client}},
	"GET /intakes":                                     {roles: []account.Role{account.Coach, account.Admin}},
	"POST /intakes/{client}/clearance":                 {roles: []account.Role{account.Coach, account.Admin}, idIn: "path:client", category: policy.Roster, action: policy.Write},
	"POST /intakes/{client}/clinician":                 {roles: []account.Role{account.Coach, account.Admin, account.Client}, idIn: "path:client", category: policy.Roster, action: policy.Write},
	"GET /safety":                                      {roles: []account.Role{account.Coach, account.Admin}},
	"POST /safety/{id}/close":                          {roles: []account.Role{account.Coach, account.Admin}, idIn: "path:id=alert", category: policy.SafetyAlerts, action: policy.Write, body: "note=Called+the+client%2C+safety+plan+reviewed"},
	"POST /safety/{id}/acknowledge":                    {roles: []account.Role{account.Coach, account.Admin}, idIn: "path:id=alert", category: policy.SafetyAlerts, action: policy.Write},
	"GET /safety/{id}/source":                          {roles: []account.Role{account.Coach, account.Admin}, idIn: "path:id=alert", category: policy.SafetyAlerts, action: policy.Read},
	"GET /admin/partners":                              {roles: []account.Role{account.Admin}},
	"POST /admin/partners":                             {roles: []account.Role{account.Admin}},
	"POST /admin/partners/{id}/delete":                 {roles: []account.Role{account.Admin}, practiceOwned: true},
	"GET /journal":                                     {roles: []account.Role{account.Client}},
	"GET /journal/new":                                 {roles: []account.Role{account.Client}},
	"POST /journal":                                    {roles: []account.Role{account.Client}},
	"GET /journal/{id}":                                {roles: []account.Role{account.Client}, idIn: "path:id=journal", category: policy.Journal, action: policy.Read},
	"POST /journal/{id}/share":                         {roles: []account.Role{account.Client}, idIn: "path:id=journal", category: policy.Journal, action: policy.Write},
	"POST /journal/{id}/attachments":                   {roles: []account.Role{account.Client}, idIn: "path:id=journal", category: policy.Journal, action: policy.Write},
	"GET /files/{client}/{kind}/{id}":                  {roles: []account.Role{account.Client, account.Coach}, idIn: "path:client,path:id=shared_file", category: policy.Journal, action: policy.Read},
	"GET /prompts":                                     {roles: everyone},
	"POST /prompts":                                    {roles: []account.Role{account.Coach, account.Admin}},
	"POST /prompts/assign":                             {roles: []account.Role{account.Coach}, idIn: "body:client_id=client", category: policy.Journal, action: policy.Write, body: "prompt_id=1"},
	"GET /checkin":                                     {roles: []account.Role{account.Client}},
	"POST /checkin":                                    {roles: []account.Role{account.Client}},
	"GET /messages":                                    {roles: []account.Role{account.Client}},
	"POST /messages":                                   {roles: []account.Role{account.Client}},
	"GET /progress":                                    {roles: []account.Role{account.Client}},
	"GET /progress.pdf":                                {roles: []account.Role{account.Client}},
	"GET /clients/{client}/space":                      {roles: []account.Role{account.Coach, account.Client}, idIn: "path:client", category: policy.Plan, action: policy.Read},
	"GET /clients/{client}/plan":                       {roles: []account.Role{account.Coach, account.Client}, idIn: "path:client", category: policy.Plan, action: policy.Read},
	"POST /clients/{client}/plan":                      {roles: []account.Role{account.Coach}, idIn: "path:client", category: policy.Plan, action: policy.Write, body: "experience_at=2026-01-10&cadence=weekly&planned_sessions=8&session_minutes=60&follow_up_months=3%2C6%2C12"},
	"GET /clients/{client}/work":                       {roles: []account.Role{account.Coach, account.Client}, idIn: "path:client", category: policy.Plan, action: policy.Read},
	"POST /clients/{client}/work":                      {roles: []account.Role{account.Coach, account.Client}, idIn: "path:client", category: policy.Plan, action: policy.Write, body: "add=insight&insight=Rest+is+allowed"},
	"GET /clients/{client}/journal/{id}":               {roles: []account.Role{account.Coach, account.Client}, idIn: "path:client,path:id=shared_journal", category: policy.Journal, action: policy.Read},
	"GET /clients/{client}/messages":                   {roles: []account.Role{account.Coach, account.Client}, idIn: "path:client", category: policy.Messages, action: policy.Read},
	"POST /clients/{client}/messages":                  {roles: []account.Role{account.Coach, account.Client}, idIn: "path:client", category: policy.Messages, action: policy.Write, body: "body=Thinking+of+you"},
	"GET /settings/messaging":                          {roles: []account.Role{account.Coach}},
	"POST /settings/messaging":                         {roles: []account.Role{account.Coach}},
	"GET /settings/availability":                       {roles: []account.Role{account.Coach}},
	"POST /settings/availability":                      {roles: []account.Role{account.Coach}, body: "action=place&room_url=https%3A%2F%2Fmeet.example.org%2Faccess&address=1+River+St"},
	"GET /settings/notice":                             {roles: admins},
	"POST /settings/notice":                            {roles: admins, body: "min_booking=2&cancel_notice=24&late_cancel_fee=0&no_show_fee=0&currency=USD"},
	"GET /settings/safety":                             {roles: admins},
	"POST /settings/safety":                            {roles: admins, body: "region=US&ack_minutes=30&day_mon=1&office_start=09%3A00&office_end=17%3A00"},
	"GET /directory":                                   {public: true},
	"GET /coaches/{id}":                                {public: true, fixed: `SELECT SELECT id FROM users WHERE email = 'jonah@riverbend.example.org'`},
	"POST /coaches/{id}/request":                       {roles: []account.Role{account.Client}, fixed: `SELECT SELECT id FROM users WHERE email = 'jonah@riverbend.example.org'`, practiceOwned: true},
	"POST /coaches/{id}/report":                        {roles: []account.Role{account.Client}, fixed: `SELECT SELECT id FROM users WHERE email = 'jonah@riverbend.example.org'`, practiceOwned: true},
	"GET /coach/profile":                               {roles: []account.Role{account.Coach}},
	"POST /coach/profile":                              {roles: []account.Role{account.Coach}, body: "name=Access+Test"},
	"POST /coach/trainings":                            {roles: []account.Role{account.Coach}, body: "training_name=Course"},
	"GET /coaches/suggestions":                         {roles: []account.Role{account.Client}},
	"POST /admin/coaches/assign":                       {roles: []account.Role{account.Admin}, idIn: "body:client_id=client", category: policy.Roster, action: policy.Write, body: "coach_id=0"},
	"GET /coach/requests":                              {roles: []account.Role{account.Coach}},
	"POST /coach/requests/{id}":                        {roles: []account.Role{account.Coach}, fixed: `SELECT MIN(id) FROM coach_requests WHERE coach_id = (SELECT id FROM users WHERE email = 'jonah@riverbend.example.org')`, owner: "jonah@riverbend.example.org", practiceOwned: true},
	"GET /admin/coaches":                               {roles: []account.Role{account.Admin}},
	"POST /admin/coaches/{id}/review":                  {roles: []account.Role{account.Admin}, fixed: `SELECT SELECT id FROM users WHERE email = 'jonah@riverbend.example.org'`, practiceOwned: true},
	"POST /admin/trainings/{id}":                       {roles: []account.Role{account.Admin}, fixed: `SELECT MIN(id) FROM coach_trainings WHERE coach_id = (SELECT id FROM users WHERE email = 'jonah@riverbend.example.org')`, practiceOwned: true},
	"GET /trainings/{id}/certificate":                  {roles: []account.Role{account.Coach, account.Admin}, fixed: `SELECT MIN(id) FROM coach_trainings WHERE certificate IS NOT NULL AND coach_id = (SELECT id FROM users WHERE email = 'jonah@riverbend.example.org')`, owner: "jonah@riverbend.example.org", practiceOwned: true},
	"GET /api/v1/coaches":                              {public: true},
	"GET /api/v1/coaches/{id}":                         {public: true, fixed: `SELECT SELECT id FROM users WHERE email = 'jonah@riverbend.example.org'`},
	"GET /sessions":                                    {roles: everyone}, // clinicians see attendance that was shared,
	"POST /sessions":                                   {roles: []account.Role{account.Client, account.Coach, account.Admin}},
	"GET /sessions/{id}":                               {roles: everyone, idIn: "path:id=session", category: policy.Attendance, action: policy.Read},
	"POST /sessions/{id}/reschedule":                   {roles: []account.Role{account.Client, account.Coach, account.Admin}, idIn: "path:id=booked_session", category: policy.Attendance, action: policy.Write},
	"POST /sessions/{id}/cancel":                       {roles: []account.Role{account.Client, account.Coach, account.Admin}, idIn: "path:id=booked_session", category: policy.Attendance, action: policy.Write},
	"POST /sessions/{id}/attendance":                   {roles: []account.Role{account.Coach, account.Admin}, idIn: "path:id=session", category: policy.Attendance, action: policy.Write},
	"GET /sessions/{id}/note":                          {roles: []account.Role{account.Coach}, idIn: "path:id=session", category: policy.Notes, action: policy.Read},
	"POST /sessions/{id}/note":                         {roles: []account.Role{account.Coach}, idIn: "path:id=session", category: policy.Notes, action: policy.Write},
	"POST /actions/{id}":                               {roles: []account.Role{account.Client, account.Coach}, idIn: "path:id=action", category: policy.Plan, action: policy.Write},
	"GET /circles":                                     {roles: everyone},
	"POST /circles":                                    {roles: []account.Role{account.Coach}},
	"POST /circles/{id}/join":                          {roles: []account.Role{account.Client}, fixed: `SELECT MIN(id) FROM circles`, practiceOwned: true},
	"GET /calendar":                                    {roles: everyone},
	"POST /calendar":                                   {roles: everyone},
	"POST /calendar/revoke":                            {roles: everyone},
	"GET /calendar/feed/{file}":                        {public: true},
	"GET /api/v1/openapi.json":                         {public: true},
	"GET /api/v1/me":                                   {roles: everyone},
	"GET /api/v1/clients":                              {roles: []account.Role{account.Admin, account.Coach}},
	"/api/":                                            {public: true},
	"GET /healthz":                                     {public: true},
	"GET /readyz":                                      {public: true},
	"GET /metrics":                                     {public: true},
	"GET /billing":                                     {roles: billingRoles},
	"POST /billing/sessions":                           {roles: []account.Role{account.Admin, account.Coach}, idIn: "body:client_id", category: policy.Attendance, action: policy.Write, body: "length_minutes=60&held_on=2026-01-05"},
	"POST /billing/periods":                            {roles: admins, body: "from=2020-01-01&to=2020-01-31"},
	"GET /billing/invoices/{invoice}":                  {roles: billingRoles, idIn: "path:invoice", category: policy.Billing, action: policy.Read},
	"GET /billing/invoices/{invoice}/pdf":              {roles: billingRoles, idIn: "path:invoice", category: policy.Billing, action: policy.Read},
	"POST /billing/invoices/{invoice}/payments":        {roles: admins, idIn: "path:invoice", category: policy.Billing, action: policy.Write, body: "amount=0.01&method=cash&received_on=2026-01-05"},
	"POST /billing/invoices/{invoice}/credit-notes":    {roles: admins, idIn: "path:invoice", category: policy.Billing, action: policy.Write, body: "credit_amount=0.01&reason=access+test"},
	"POST /billing/invoices/{invoice}/checkout":        {roles: []account.Role{account.Admin, account.Client}, idIn: "path:invoice", category: policy.Billing, action: policy.Read},
	"GET /billing/invoices/{invoice}/checkout":         {roles: billingRoles, idIn: "path:invoice", category: policy.Billing, action: policy.Read},
	"GET /billing/payments/{payment}/receipt":          {roles: billingRoles, idIn: "path:payment", category: policy.Billing, action: policy.Read},
	"POST /billing/payments/{payment}/refunds":         {roles: admins, idIn: "path:payment", category: policy.Billing, action: policy.Write, body: "refund_amount=0.01&refund_reason=access+test"},
	"POST /billing/fees/{fee}/waive":                   {roles: admins, idIn: "path:fee", category: policy.Billing, action: policy.Write, body: "waive_reason=access+test"},
	"GET /billing/statement":                           {roles: []account.Role{account.Admin, account.Client}, idIn: "query:client", category: policy.Billing, action: policy.Read},
	"GET /billing/reports":                             {roles: admins},
	"GET /billing/reports/csv":                         {roles: admins},
	"GET /billing/setup":                               {roles: admins},
	"POST /billing/setup/settings":                     {roles: admins, body: "currency=USD&payment_terms_days=14&invoicing=session&late_cancel_percent=50&no_show_percent=100&circle_fee=40"},
	"POST /billing/setup/fees":                         {roles: admins, body: "coach_id=0&length_minutes=60&amount=100"},
	"POST /billing/setup/tiers":                        {roles: admins, body: "name=Access+test&discount_percent=10"},
	"POST /billing/setup/assignments":                  {roles: admins, idIn: "body:client_id", category: policy.Billing, action: policy.Write, body: "tier_id=0"},
	"POST /billing/setup/packages":                     {roles: admins, idIn: "body:client_id", category: policy.Billing, action: policy.Write, body: "name=Two&sessions=2&price=1&expires_on=2099-01-01"},
	"GET /api/v1/billing/invoices":                     {roles: billingRoles},
	"POST /api/v1/billing/invoices/{invoice}/payments": {roles: admins, idIn: "path:invoice", category: policy.Billing, action: policy.Write, body: `{"amount": 1, "method": "cash"}`},
	"GET /measures":                                    {roles: []account.Role{account.Client}},
	"GET /measures/{instrument}":                       {roles: []account.Role{account.Client}},
	"POST /measures/{instrument}":                      {roles: []account.Role{account.Client}, body: "item1=0"},
	"GET /clients/{client}/scores":                     {roles: everyone, idIn: "path:client", category: policy.Scores, action: policy.Read},
	"GET /clients/{client}/scores.pdf":                 {roles: everyone, idIn: "path:client", category: policy.Scores, action: policy.Read},
	"GET /admin/outcomes":                              {roles: []account.Role{account.Admin}},
	"GET /admin/outcomes/export.csv":                   {roles: []account.Role{account.Admin}},
	"GET /api/v1/outcomes":                             {roles: []account.Role{account.Admin}},
	"GET /api/v1/sessions":                             {roles: everyone},
	// A booking without client_id is the caller's own (clients) or a 422
	// (staff); booking for a named client is checked in internal/api.
	"POST /api/v1/sessions": {roles: everyone, body: `{"start": "not a time", "minutes": 60, "format": "video"}`},
}

type actor struct {
	email string
	role  account.Role
	id    int64
	who   policy.Actor
	http  *http.Client
}

// TestRouteAccess checks every registered route against every role and
// against records owned by someone else (IDOR), in two practices.
func TestRouteAccess(t *testing.T) {
	srv := apptest.NewServer(t, store.SQLite)
	srv.SeedOtherPractice(t)
	mergeDailyRules()
	for _, pattern := range srv.App.Routes {
		if _, ok := routeRules[pattern]; !ok {
			t.Errorf("route %q has no access rule: add it to routeRules with the roles that may use it", pattern)
		}
	}
	actors := signInAll(t, srv)
	clients := []string{"elena@client.example.org", "david@client.example.org", "omar@client.example.org", apptest.OtherClient}
	cases := 0
	patterns := append([]string(nil), srv.App.Routes...)
	// Routes that end sessions run last, so they do not sign the shared
	// actors out before the other routes are checked; POST /signout ends
	// the shared actors' own sessions, so it runs after every other route
	// that uses them.
	rank := func(p string) int {
		switch {
		case routeRules[p].signsOut:
			return 2
		case p == "POST /signout":
			return 1
		}
		return 0
	}
	sort.Slice(patterns, func(i, j int) bool {
		if ri, rj := rank(patterns[i]), rank(patterns[j]); ri != rj {
			return ri < rj
		}
		return patterns[i] < patterns[j]
	})
	for _, pattern := range patterns {
		r := routeRules[pattern]
		for _, a := range actors {
			targets := []string{""}
			if r.idIn != "" {
				targets = clients
			}
			for _, target := range targets {
				cases++
				checkAccess(t, srv, pattern, r, a, target, actors)
			}
		}
	}
	t.Logf("route × role × ownership cases tested: %d (%d routes, %d actors incl. anonymous, 2 practices)", cases, len(patterns), len(actors))
}

func signInAll(t *testing.T, srv *apptest.Server) []actor {
	emails := []string{"", "elena@client.example.org", "david@client.example.org", "jonah@riverbend.example.org", "priya@riverbend.example.org",
		"maya@riverbend.example.org", "rachel.green@clinic.example.org", apptest.OtherAdmin, apptest.OtherCoach, apptest.OtherClient}
	var out []actor
	for _, email := range emails {
		a := actor{email: email, http: srv.SignIn(t, email)}
		if email != "" {
			u := lookupUser(t, srv, email)
			a.role, a.id, a.who = u.Role, u.ID, policy.ActorOf(u)
		}
		out = append(out, a)
	}
	return out
}

func lookupUser(t *testing.T, srv *apptest.Server, email string) account.User {
	t.Helper()
	var id int64
	if err := srv.App.DB.Reader().QueryRow(context.Background(), `SELECT id FROM users WHERE email = ?`, email).Scan(&id); err != nil {
		t.Fatalf("user %s: %v", email, err)
	}
	u, err := srv.App.Accounts.Get(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func checkAccess(t *testing.T, srv *apptest.Server, pattern string, r rule, a actor, target string, actors []actor) {
	t.Helper()
	method, path := splitPattern(pattern)
	var targetID int64
	body := r.body
	if target != "" {
		targetID = lookupUser(t, srv, target).ID
		for _, spec := range strings.Split(r.idIn, ",") {
			where, name, _ := strings.Cut(spec, ":")
			name, kind, ok := strings.Cut(name, "=")
			if !ok {
				kind = name
			}
			id, found := resourceOf(t, srv, kind, targetID)
			if !found {
				return // this client has no such record
			}
			switch where {
			case "path":
				path = strings.ReplaceAll(path, "{"+name+"}", id)
			case "query":
				path += "?" + name + "=" + id
			case "body":
				body = strings.TrimPrefix(body+"&"+name+"="+id, "&")
			}
		}
	}
	// Ids no rule swaps (such as a practice's referral partner) get a
	// record of the demo practice.
	if r.fixed != "" {
		var id int64
		if err := srv.App.DB.Reader().QueryRow(context.Background(), r.fixed).Scan(&id); err != nil || id == 0 {
			return
		}
		path = strings.ReplaceAll(path, "{id}", strconv.FormatInt(id, 10))
	}
	path = strings.ReplaceAll(path, "{id}", "1")
	client := a.http
	if r.signsOut && a.email != "" {
		client = srv.SignIn(t, a.email)
	}
	resp := apptest.Do(t, client, method, srv.URL+path, body, nil)
	if r.signsOut && a.email != "" {
		if resp.Status >= 400 {
			t.Errorf("%s as %q: status %d, want signing out to succeed", pattern, a.email, resp.Status)
		}
		return
	}
	label := fmt.Sprintf("%s as %q on client %q", pattern, a.email, target)
	if resp.Status >= 500 {
		t.Errorf("%s: status %d (a server error)", label, resp.Status)
		return
	}
	if r.public {
		// Public routes answer anyone; a 401 for a wrong password or a 404
		// for an unknown file is their normal answer, so only refusals by
		// role (403) and server errors are wrong here.
		if resp.Status == 403 {
			t.Errorf("%s: status 403 on a public route", label)
		}
		return
	}
	allowed := hasRole(r.roles, a.role)
	if r.owner != "" && allowed && a.role == account.Coach && a.email != r.owner {
		if resp.Status != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404 for another coach's record", label, resp.Status)
		}
		return
	}
	if r.practiceOwned && allowed && a.who.PracticeID != demoPracticeID(t, srv) {
		if resp.Status != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404 for another practice's record", label, resp.Status)
		}
		return
	}
	if allowed && target != "" {
		allowed = policy.Decide(context.Background(), srv.App.DB.Reader(), a.who, targetID, r.category, r.action, time.Now().UTC()) == nil
	}
	denied := resp.Status == 401 || resp.Status == 403 || resp.Status == 404 ||
		(resp.Status == 303 && resp.Header.Get("Location") == "/signin")
	switch {
	case allowed && denied:
		t.Errorf("%s: status %d, want the route to be allowed", label, resp.Status)
	case !allowed && !denied:
		t.Errorf("%s: status %d, want it refused", label, resp.Status)
	case !allowed && target != "" && a.email != "" && hasRole(r.roles, a.role) && resp.Status != 404 && !sameTenantAdmin(a, srv, targetID):
		t.Errorf("%s: status %d, want 404 (another person's record must not reveal that it exists)", label, resp.Status)
	}
}

func demoPracticeID(t *testing.T, srv *apptest.Server) int64 {
	var id int64
	if err := srv.App.DB.Reader().QueryRow(context.Background(), `SELECT id FROM practices WHERE slug = 'riverbend'`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// sameTenantAdmin: an admin may be told "forbidden" about their own
// practice's client (they manage the roster and know the client exists).
func sameTenantAdmin(a actor, srv *apptest.Server, clientID int64) bool {
	if a.role != account.Admin {
		return false
	}
	var practiceID int64
	_ = srv.App.DB.Reader().QueryRow(context.Background(), `SELECT practice_id FROM clients WHERE user_id = ?`, clientID).Scan(&practiceID)
	return practiceID == a.who.PracticeID
}

// resourceOf returns the id to put in the request for a client: the client
// id itself, or the id of a record the client owns (kind from idIn).
func resourceOf(t *testing.T, srv *apptest.Server, kind string, clientID int64) (string, bool) {
	query, ok := ownedBy[kind]
	if !ok {
		return strconv.FormatInt(clientID, 10), true
	}
	var id int64
	if err := srv.App.DB.Reader().QueryRow(context.Background(), query, clientID).Scan(&id); err != nil {
		return "", false
	}
	return strconv.FormatInt(id, 10), true
}

// ownedBy finds one record of a kind owned by a client.
var ownedBy = map[string]string{
	"session":        `SELECT MIN(id) FROM appointments WHERE client_id = ? HAVING MIN(id) IS NOT NULL`,
	"booked_session": `SELECT MIN(id) FROM appointments WHERE client_id = ? AND status = 'booked' HAVING MIN(id) IS NOT NULL`,
	"action":         `SELECT MIN(a.id) FROM actions a JOIN intentions i ON i.id = a.intention_id WHERE i.client_id = ? HAVING MIN(a.id) IS NOT NULL`,
	"journal":        `SELECT MIN(id) FROM journal_entries WHERE client_id = ? HAVING MIN(id) IS NOT NULL`,
	"shared_journal": `SELECT MIN(id) FROM journal_entries WHERE client_id = ? AND shared_at IS NOT NULL HAVING MIN(id) IS NOT NULL`,
	"shared_file": `SELECT MIN(a.id) FROM attachments a JOIN journal_entries e ON e.id = a.owner_id AND a.owner_kind = 'journal_entry'
		WHERE a.client_id = ? AND e.shared_at IS NOT NULL HAVING MIN(a.id) IS NOT NULL`,
	"alert":        `SELECT MIN(id) FROM safety_alerts WHERE client_id = ? HAVING MIN(id) IS NOT NULL`,
	"consent":      `SELECT MIN(id) FROM consents WHERE client_id = ? HAVING MIN(id) IS NOT NULL`,
	"referral_out": `SELECT MIN(id) FROM referrals WHERE client_id = ? AND direction = 'out' HAVING MIN(id) IS NOT NULL`,
	"summary":      `SELECT MIN(id) FROM care_summaries WHERE client_id = ? HAVING MIN(id) IS NOT NULL`,
	"invoice":      `SELECT MIN(id) FROM invoices WHERE client_id = ? AND kind = 'invoice' HAVING MIN(id) IS NOT NULL`,
	"payment":      `SELECT MIN(id) FROM payments WHERE client_id = ? AND kind = 'payment' HAVING MIN(id) IS NOT NULL`,
	"fee":          `SELECT MIN(id) FROM billing_lines WHERE client_id = ? AND source_kind = 'fee' HAVING MIN(id) IS NOT NULL`,
}

func splitPattern(p string) (method, path string) {
	method, path, ok := strings.Cut(p, " ")
	if !ok {
		return "GET", p
	}
	path = strings.TrimSuffix(path, "{$}")
	path = strings.ReplaceAll(path, "{hash}", "0000")
	path = strings.ReplaceAll(path, "{name}", "app.css")
	path = strings.ReplaceAll(path, "{step}", "experience")
	path = strings.ReplaceAll(path, "{kind}", "journal")
	path = strings.ReplaceAll(path, "{file}", "nothing.ics")
	path = strings.ReplaceAll(path, "{instrument}", "phq9")
	return method, path
}

func hasRole(roles []account.Role, r account.Role) bool {
	for _, x := range roles {
		if x == r {
			return true
		}
	}
	return false
}
