package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/billing"
)

type billingSetupPage struct {
	Settings                  billing.Settings // with the Stripe secrets blanked: they never go back to the browser
	StripeSaved, WebhookSaved bool
	WebhookURL                string // where Stripe must send this practice's events
	LatePct                   string
	NoShowPct                 string
	CircleFee                 string
	Fees                      []billing.Fee
	Tiers                     []billing.Tier
	Coaches                   []optionRow
	Clients                   []optionRow
	Currencies                []string
	Form                      formState
	Notice                    string
}

func (s *Server) billingSetup(w http.ResponseWriter, r *http.Request, sess account.Session) {
	s.renderSetup(w, r, sess, http.StatusOK, formState{}, doneNotice(r))
}

func (s *Server) renderSetup(w http.ResponseWriter, r *http.Request, sess account.Session, status int, form formState, notice string) {
	a := actor(sess)
	st, err := s.Billing.Settings(r.Context(), a)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page := billingSetupPage{StripeSaved: st.StripeEnabled(), WebhookSaved: st.StripeWebhookSecret != "",
		WebhookURL: fmt.Sprintf("%s/api/v1/billing/stripe/webhook/%d", s.Settings.BaseURL, a.PracticeID),
		LatePct:    billing.FormatPercent(st.LateCancelBP), NoShowPct: billing.FormatPercent(st.NoShowBP),
		CircleFee: billing.FormatAmount(st.CircleFee), Form: form, Notice: notice,
		Currencies: []string{"USD", "CAD", "AUD", "NZD", "EUR", "GBP", "CHF"}}
	st.StripeSecretKey, st.StripeWebhookSecret = "", ""
	page.Settings = st
	if page.Fees, err = s.Billing.Fees(r.Context(), a); err == nil {
		page.Tiers, err = s.Billing.Tiers(r.Context(), a)
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	clients, err := s.People.Practices.ClientsOfPractice(r.Context(), a)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	coachSeen := map[int64]bool{}
	for _, c := range clients {
		page.Clients = append(page.Clients, optionRow{c.UserID, c.Name})
		if c.CoachID != 0 && !coachSeen[c.CoachID] {
			coachSeen[c.CoachID] = true
			page.Coaches = append(page.Coaches, optionRow{c.CoachID, c.CoachName})
		}
	}
	for _, f := range page.Fees {
		if !coachSeen[f.CoachID] {
			coachSeen[f.CoachID] = true
			page.Coaches = append(page.Coaches, optionRow{f.CoachID, f.CoachName})
		}
	}
	render(s, w, r, status, "billing_setup", "Billing setup", page)
}

// afterSetupForm re-renders the setup page with the form's errors, or
// redirects back to it.
func (s *Server) afterSetupForm(w http.ResponseWriter, r *http.Request, sess account.Session, err error, form string) {
	if f, ok := invalidForm(err, form, r); ok {
		s.renderSetup(w, r, sess, http.StatusUnprocessableEntity, f, "")
		return
	}
	s.redirectOr(w, r, err, "/billing/setup?done="+form)
}

func (s *Server) billingSettingsSave(w http.ResponseWriter, r *http.Request, sess account.Session) {
	fields := map[string]string{}
	st := billing.Settings{Currency: r.PostFormValue("currency"), LegalName: r.PostFormValue("legal_name"),
		Address: r.PostFormValue("address"), TaxID: r.PostFormValue("tax_id"), Invoicing: billing.Invoicing(r.PostFormValue("invoicing")),
		StripeSecretKey: r.PostFormValue("stripe_secret_key"), StripeWebhookSecret: r.PostFormValue("stripe_webhook_secret"),
		RemoveStripe: r.PostFormValue("stripe_remove") != ""}
	var err error
	if st.PaymentTermsDays, err = strconv.Atoi(r.PostFormValue("payment_terms_days")); err != nil {
		fields["payment_terms_days"] = "enter a number of days"
	}
	for name, dst := range map[string]*int{"late_cancel_percent": &st.LateCancelBP, "no_show_percent": &st.NoShowBP} {
		if *dst, err = billing.ParsePercent(r.PostFormValue(name)); err != nil {
			fields[name] = err.Error()
		}
	}
	st.CircleFee = formAmount(r, "circle_fee", fields)
	err = fieldsErr(fields)
	if err == nil {
		err = s.Billing.SaveSettings(r.Context(), actor(sess), st)
	}
	s.afterSetupForm(w, r, sess, err, "settings")
}

func (s *Server) billingFeeSave(w http.ResponseWriter, r *http.Request, sess account.Session) {
	fields := map[string]string{}
	minutes, _ := strconv.Atoi(r.PostFormValue("length_minutes"))
	amount := formAmount(r, "amount", fields)
	err := fieldsErr(fields)
	if err == nil {
		_, err = s.Billing.SetFee(r.Context(), actor(sess), billing.Fee{CoachID: formID(r, "coach_id"), LengthMinutes: minutes, Price: billing.Money{Amount: amount}})
	}
	s.afterSetupForm(w, r, sess, err, "fee")
}

func (s *Server) billingTierSave(w http.ResponseWriter, r *http.Request, sess account.Session) {
	bp, err := billing.ParsePercent(r.PostFormValue("discount_percent"))
	if err != nil {
		err = fieldsErr(map[string]string{"discount_percent": err.Error()})
	} else {
		_, err = s.Billing.SaveTier(r.Context(), actor(sess), billing.Tier{Name: r.PostFormValue("name"), DiscountBP: bp})
	}
	s.afterSetupForm(w, r, sess, err, "tier")
}

func (s *Server) billingTierAssign(w http.ResponseWriter, r *http.Request, sess account.Session) {
	fields := map[string]string{}
	var review time.Time
	if r.PostFormValue("review_on") != "" || r.PostFormValue("tier_id") != "0" {
		review = formDate(r, "review_on", sess.User.TimeZone, fields)
	}
	err := fieldsErr(fields)
	if err == nil {
		err = s.Billing.AssignTier(r.Context(), actor(sess), billing.TierAssignment{ClientID: formID(r, "client_id"), TierID: formID(r, "tier_id"), ReviewOn: review})
	}
	s.afterSetupForm(w, r, sess, err, "assign")
}

func (s *Server) billingPackageSell(w http.ResponseWriter, r *http.Request, sess account.Session) {
	fields := map[string]string{}
	sessions, err := strconv.Atoi(r.PostFormValue("sessions"))
	if err != nil {
		fields["sessions"] = "enter a number of sessions"
	}
	price := formAmount(r, "price", fields)
	expires := formDate(r, "expires_on", sess.User.TimeZone, fields)
	err = fieldsErr(fields)
	if err == nil {
		_, _, err = s.Billing.SellPackage(r.Context(), actor(sess), billing.NewPackage{ClientID: formID(r, "client_id"),
			Name: r.PostFormValue("name"), SessionsTotal: sessions, Price: price, ExpiresAt: expires})
	}
	s.afterSetupForm(w, r, sess, err, "package")
}

type billingReportsPage struct {
	From, To string
	Tables   []billing.Table
}

// billingReports shows every report for a period (default: this year).
func (s *Server) billingReports(w http.ResponseWriter, r *http.Request, sess account.Session) {
	from, to, err := s.reportPeriod(r, sess)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	tables, err := s.reportTables(r, sess, from, to)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	loc := location(sess.User.TimeZone)
	render(s, w, r, http.StatusOK, "billing_reports", "Billing reports", billingReportsPage{
		From: from.In(loc).Format("2006-01-02"), To: to.In(loc).AddDate(0, 0, -1).Format("2006-01-02"), Tables: tables})
}

// billingReportCSV exports one report as CSV.
func (s *Server) billingReportCSV(w http.ResponseWriter, r *http.Request, sess account.Session) {
	from, to, err := s.reportPeriod(r, sess)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	tables, err := s.reportTables(r, sess, from, to)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	report := r.FormValue("report")
	if report == "" {
		report = "revenue"
	}
	for _, t := range tables {
		if t.Name == report {
			var buf bytes.Buffer
			if err := billing.WriteCSV(&buf, t); err != nil {
				s.renderError(w, r, err)
				return
			}
			w.Header().Set("Content-Type", "text/csv; charset=utf-8")
			w.Header().Set("Content-Disposition", `attachment; filename="`+t.Name+`.csv"`)
			_, _ = buf.WriteTo(w)
			return
		}
	}
	http.NotFound(w, r)
}

// reportPeriod reads ?from=&to= (inclusive dates); default is this year.
func (s *Server) reportPeriod(r *http.Request, sess account.Session) (time.Time, time.Time, error) {
	loc := location(sess.User.TimeZone)
	now := s.Now().In(loc)
	from, to := time.Date(now.Year(), 1, 1, 0, 0, 0, 0, loc).UTC(), time.Date(now.Year()+1, 1, 1, 0, 0, 0, 0, loc).UTC()
	fields := map[string]string{}
	if r.FormValue("from") != "" {
		from = formDate(r, "from", sess.User.TimeZone, fields)
	}
	if r.FormValue("to") != "" {
		to = formDate(r, "to", sess.User.TimeZone, fields).AddDate(0, 0, 1)
	}
	return from, to, fieldsErr(fields)
}

func (s *Server) reportTables(r *http.Request, sess account.Session, from, to time.Time) ([]billing.Table, error) {
	a := actor(sess)
	st, err := s.Billing.Settings(r.Context(), a)
	if err != nil {
		return nil, err
	}
	revenue, err := s.Billing.Revenue(r.Context(), a, from, to)
	if err != nil {
		return nil, err
	}
	outstanding, err := s.Billing.Outstanding(r.Context(), a)
	if err != nil {
		return nil, err
	}
	tiers, err := s.Billing.SlidingScaleUse(r.Context(), a)
	if err != nil {
		return nil, err
	}
	pkgs, err := s.Billing.Packages(r.Context(), a)
	if err != nil {
		return nil, err
	}
	return []billing.Table{billing.RevenueTable(revenue, st.Currency), billing.OutstandingTable(outstanding),
		billing.SlidingScaleTable(tiers), billing.PackageTable(pkgs, s.Now())}, nil
}
