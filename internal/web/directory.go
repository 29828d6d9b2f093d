package web

import (
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/agreement"
	"github.com/afterward/afterward/internal/coach"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/httpx"
	"github.com/afterward/afterward/internal/humantime"
	"github.com/afterward/afterward/internal/policy"
)

type directoryPage struct {
	Text, Sort string
	Total      int
	Hits       []coachCard
	Facets     []facetView
	Sorts      []facetLink
	Prev, Next string
	PageLabel  string
	Fields     map[string]string
	Selected   int // filters chosen: the phone's collapsed "Filters" names how many
	// FacetsHTML and HitsHTML are Facets and Hits written by facetsHTML
	// and hitsHTML (directory_html.go).
	FacetsHTML, HitsHTML template.HTML
}

type coachCard struct {
	URL, Name, Headline, Fee, Sliding, NextOpen string
	Verified                                    bool
	Tags                                        []string
}

type facetView struct {
	Name, Label string
	Links       []facetLink
}

type facetLink struct {
	Label, URL string
	Count      int
	Selected   bool
}

func (s *Server) directory(w http.ResponseWriter, r *http.Request) {
	q, err := coach.ParseQuery(r.URL.Query())
	if err != nil {
		page := directoryPage{Text: q.Text, Fields: formProblems(err)}
		render(s, w, r, http.StatusUnprocessableEntity, "coach_directory", "Find a coach", page)
		return
	}
	res, err := s.Coaching.Coaches.Search(r.Context(), q)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	render(s, w, r, http.StatusOK, "coach_directory", "Find a coach", directoryModel(res, s.Now()))
}

func directoryModel(res coach.Results, now time.Time) directoryPage {
	q := res.Query
	page := directoryPage{Text: q.Text, Sort: q.Sort, Total: res.Total}
	for _, h := range res.Hits {
		page.Hits = append(page.Hits, cardFor(h, now))
	}
	for _, f := range res.Facets {
		fv := facetView{Name: f.Name, Label: f.Label}
		for _, v := range f.Values {
			if v.Count == 0 && !v.Selected {
				continue
			}
			fv.Links = append(fv.Links, facetLink{Label: v.Label, URL: directoryURL(q.Toggle(f.Name, v.Value)), Count: v.Count, Selected: v.Selected})
			if v.Selected {
				page.Selected++
			}
		}
		page.Facets = append(page.Facets, fv)
	}
	for _, so := range []struct{ v, label string }{{coach.SortRelevance, "Relevance"}, {coach.SortAvailability, "Earliest availability"}, {coach.SortFee, "Fee"}} {
		c := q
		c.Sort, c.Page = so.v, 1
		page.Sorts = append(page.Sorts, facetLink{Label: so.label, URL: directoryURL(c), Selected: q.Sort == so.v})
	}
	if q.Page > 1 {
		c := q
		c.Page--
		page.Prev = directoryURL(c)
	}
	if q.Page < res.Pages {
		c := q
		c.Page++
		page.Next = directoryURL(c)
	}
	if res.Pages > 0 {
		page.PageLabel = fmt.Sprintf("Page %d of %d", q.Page, res.Pages)
	}
	page.FacetsHTML, page.HitsHTML = facetsHTML(page.Facets), hitsHTML(page.Hits)
	return page
}

func directoryURL(q coach.Query) string {
	if enc := q.Encode(); enc != "" {
		return "/directory?" + enc
	}
	return "/directory"
}

func cardFor(p coach.Profile, now time.Time) coachCard {
	c := coachCard{URL: "/coaches/" + strconv.FormatInt(p.CoachID, 10), Name: p.Name, Headline: p.Headline,
		Fee: coach.Money(p.FeeMinor, p.Currency), Verified: p.VerifiedAt(now)}
	if p.Sliding.Spots > 0 {
		c.Sliding = fmt.Sprintf("sliding scale %s–%s", coach.Money(p.Sliding.MinMinor, p.Currency), coach.Money(p.Sliding.MaxMinor, p.Currency))
	}
	if p.NextOpenAt != nil {
		c.NextOpen = formatTime(*p.NextOpenAt, p.TimeZone)
	}
	for _, v := range p.Substances {
		c.Tags = append(c.Tags, coach.Label(coach.FacetSubstance, v))
	}
	return c
}

type profilePage struct {
	Card        coachCard
	Bio         string
	Answers     coach.Answers
	Supervision string
	Ethics      string
	Years       int
	Facts       []fact
	Trainings   []trainingRow
	Packages    []string
	CanRequest  bool
	CanReport   bool
	StartURL    string // "Start with this coach", for visitors not signed in
	Notice      string
	Error       string
	Fields      map[string]string
	ReportWhat  string
	ReportDate  string
}

type fact struct{ Label, Value string }

type trainingRow struct {
	Name, Provider, Hours, Status, Detail string
	Verified                              bool
}

func (s *Server) coachShow(w http.ResponseWriter, r *http.Request) {
	s.renderProfile(w, r, http.StatusOK, profilePage{Notice: noticeText(r.URL.Query().Get("done"))})
}

func noticeText(done string) string {
	switch done {
	case "requested":
		return "Your request was sent. The coach will answer soon; if they cannot, you will be offered the next suggestion."
	case "reported":
		return "Thank you. Your report went to the practice's admins."
	}
	return ""
}

func (s *Server) renderProfile(w http.ResponseWriter, r *http.Request, status int, page profilePage) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		s.renderError(w, r, errs.NotFoundf("coach not found"))
		return
	}
	p, err := s.Coaching.Coaches.Public(r.Context(), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	now := s.Now()
	sess, signedIn := httpx.SessionFrom(r.Context())
	loc := humantime.In(p.TimeZone) // a visitor not signed in reads the coach's calendar, as the card does
	if signedIn {
		loc = humantime.In(sess.User.TimeZone)
	}
	page.Card, page.Bio, page.Answers, page.Ethics, page.Years = cardFor(p, now), p.Bio, p.Answers, p.EthicsCode, p.YearsActive
	page.Supervision = supervisionLabel(p.Supervision)
	page.Facts = profileFacts(p)
	for _, t := range p.Trainings {
		page.Trainings = append(page.Trainings, trainingRowFor(t, now, loc))
	}
	for _, pk := range p.Packages {
		page.Packages = append(page.Packages, fmt.Sprintf("%s: %d sessions for %s", pk.Name, pk.Sessions, coach.Money(pk.PriceMinor, p.Currency)))
	}
	if signedIn && sess.User.Role == account.Client && sess.User.PracticeID == p.PracticeID {
		page.CanRequest, page.CanReport = p.Accepting, true
	}
	if !signedIn && p.Accepting {
		page.StartURL = "/signup?coach=" + strconv.FormatInt(p.CoachID, 10)
	}
	render(s, w, r, status, "coach_profile", p.Name, page)
}

func supervisionLabel(sv coach.Supervision) string {
	switch sv.Kind {
	case coach.SupervisionSupervisor:
		return strings.TrimSpace("A supervisor, " + sv.Frequency)
	case coach.SupervisionPeerGroup:
		return strings.TrimSpace("A peer supervision group, " + sv.Frequency)
	}
	return "None recorded"
}

func profileFacts(p coach.Profile) []fact {
	join := func(facet string, vals []string) string {
		labels := make([]string, len(vals))
		for i, v := range vals {
			labels[i] = coach.Label(facet, v)
		}
		return strings.Join(labels, ", ")
	}
	facts := []fact{
		{"Substances", join(coach.FacetSubstance, p.Substances)},
		{"Contexts", join(coach.FacetContext, p.Contexts)},
		{"Modalities", join(coach.FacetModality, p.Modalities)},
		{"Languages", join(coach.FacetLanguage, p.Languages)},
		{"Formats", join(coach.FacetFormat, p.Formats)},
		{"Session lengths", join(coach.FacetLength, p.Lengths)},
		{"Fee per session", coach.Money(p.FeeMinor, p.Currency)},
		{"Time zone", p.TimeZone},
		{"Accepting new clients", map[bool]string{true: "Yes", false: "Not at the moment"}[p.Accepting]},
	}
	if p.Location != "" {
		facts = append(facts, fact{"In-person location", p.Location})
	}
	if p.Sliding.Spots > 0 {
		facts = append(facts, fact{"Sliding scale", fmt.Sprintf("%s to %s, %d places", coach.Money(p.Sliding.MinMinor, p.Currency), coach.Money(p.Sliding.MaxMinor, p.Currency), p.Sliding.Spots)})
	}
	return facts
}

// trainingRowFor writes a credential's status; the verification is a moment
// shown on the reader's calendar (loc), the expiry a calendar date as the
// coach entered it.
func trainingRowFor(t coach.Training, now time.Time, loc *time.Location) trainingRow {
	row := trainingRow{Name: t.Name, Provider: t.Provider, Hours: strconv.Itoa(t.Hours), Status: "Not yet verified"}
	switch {
	case t.Status == coach.Verified && t.Expired(now):
		row.Status = "Expired"
		row.Detail = "expired " + humantime.Day(*t.ExpiresAt, time.UTC)
	case t.Status == coach.Verified:
		row.Status, row.Verified = "Verified", true
		row.Detail = "by " + t.VerifiedByName
		if t.VerifiedAt != nil {
			row.Detail += " on " + humantime.Day(*t.VerifiedAt, loc)
		}
		if t.ExpiresAt != nil {
			row.Detail += ", valid until " + humantime.Day(*t.ExpiresAt, time.UTC)
		}
	case t.Status == coach.Rejected:
		row.Status = "Not accepted"
	}
	return row
}

// coachRequest: a signed-in client asks this coach to take them on.
func (s *Server) coachRequest(w http.ResponseWriter, r *http.Request, sess account.Session) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	m, err := s.matchRequestFor(r, sess.User)
	if err == nil {
		// A time chosen from the suggestions; none means the earliest.
		at, _ := time.Parse(time.RFC3339, r.PostFormValue("start"))
		_, err = s.Coaching.Coaches.RequestCoachAt(r.Context(), policy.ActorOf(sess.User), m, id, at)
	}
	if fieldsOf(err)["start"] != "" && r.PostFormValue("from") == "result" {
		http.Redirect(w, r, "/intake/result?done=slot-taken", http.StatusSeeOther)
		return
	}
	if errors.Is(err, agreement.ErrUnsigned) { // sign first, then come back to ask
		back := "/coaches/" + strconv.FormatInt(id, 10)
		if r.PostFormValue("from") == "result" {
			back = "/intake/result"
		}
		http.Redirect(w, r, "/agreement?next="+url.QueryEscape(back), http.StatusSeeOther)
		return
	}
	if err != nil {
		if errs.Is(err, errs.Conflict) {
			s.renderProfile(w, r, http.StatusConflict, profilePage{Error: safeMessage(err)})
			return
		}
		s.renderError(w, r, err)
		return
	}
	if r.PostFormValue("from") == "result" {
		http.Redirect(w, r, "/intake/result?done=requested", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/coaches/"+strconv.FormatInt(id, 10)+"?done=requested", http.StatusSeeOther)
}

// matchRequestFor builds the matching facts from the client's submitted
// intake. Without one (clients imported before the intake existed), a
// client in the "finding a coach" stage counts as a completed intake that
// allows coaching.
func (s *Server) matchRequestFor(r *http.Request, u account.User) (coach.MatchRequest, error) {
	if in, err := s.Safety.Intakes.Get(r.Context(), policy.ActorOf(u), u.ID); err == nil && in.Submitted {
		m, why := matchFromIntake(in, u)
		if why != "" {
			return m, errs.E(errs.Conflict, "%s", why)
		}
		return m, nil
	}
	c, err := s.People.Practices.Client(r.Context(), policy.ActorOf(u), u.ID)
	if err != nil {
		return coach.MatchRequest{}, err
	}
	m := coach.MatchRequest{ClientID: u.ID, PracticeID: u.PracticeID, IntakeAt: s.Now(), Substance: c.Substance, Context: c.Context}
	if c.ExperienceAt != nil {
		m.ExperienceAt = *c.ExperienceAt
	}
	if c.Stage == "matching" {
		m.Disposition = coach.DispositionCoaching
	}
	return m, nil
}

func (s *Server) coachReport(w http.ResponseWriter, r *http.Request, sess account.Session) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	rep := coach.Report{CoachID: id, What: r.PostFormValue("what")}
	date := r.PostFormValue("happened_on")
	if d, err := time.Parse("2006-01-02", date); err == nil {
		rep.HappenedOn = d
	}
	_, err = s.Coaching.Coaches.ReportCoach(r.Context(), policy.ActorOf(sess.User), rep)
	if errs.Is(err, errs.Invalid) {
		s.renderProfile(w, r, http.StatusUnprocessableEntity, profilePage{Fields: formProblems(err), ReportWhat: rep.What, ReportDate: date})
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/coaches/"+strconv.FormatInt(id, 10)+"?done=reported", http.StatusSeeOther)
}

// formProblems returns an error's per-field messages, or the whole
// message under "form".
func formProblems(err error) map[string]string {
	var e *errs.Error
	if errors.As(err, &e) && e.Fields != nil {
		return e.Fields
	}
	return map[string]string{"form": safeMessage(err)}
}
