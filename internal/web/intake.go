package web

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/coach"
	"github.com/afterward/afterward/internal/crisis"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/intake"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/triage"
)

// intakeStepPage is one step of the intake form.
type intakeStepPage struct {
	Step         intake.Step
	Index, Total int
	Fields       []fieldView
	HasErrors    bool
	Back         string
}

type fieldView struct {
	ID, Name, Label, Why, Kind, Value, Error string
	Required                                 bool
	Options                                  []optionView
}

type optionView struct {
	Value, Label string
	Checked      bool
}

func (s *Server) intakeStart(w http.ResponseWriter, r *http.Request, sess account.Session) {
	in, err := s.Safety.Intakes.Get(r.Context(), policy.ActorOf(sess.User), sess.User.ID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if in.Submitted {
		http.Redirect(w, r, "/intake/result", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/intake/"+in.Step, http.StatusSeeOther)
}

func (s *Server) intakeStepShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	stepID := r.PathValue("step")
	in, err := s.Safety.Intakes.Get(r.Context(), policy.ActorOf(sess.User), sess.User.ID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if in.Submitted {
		http.Redirect(w, r, "/intake/result", http.StatusSeeOther)
		return
	}
	if stepID == intake.StepReview {
		s.intakeReview(w, r, in)
		return
	}
	var problems errs.Validation
	if r.URL.Query().Get("check") == "1" {
		problems = s.Safety.Intakes.Form().ValidateStep(stepID, in.Answers, s.Now())
	}
	s.renderIntakeStep(w, r, sess.User, stepID, in.Answers, problems)
}

func (s *Server) intakeStepSave(w http.ResponseWriter, r *http.Request, sess account.Session) {
	stepID := r.PathValue("step")
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, errs.E(errs.Invalid, "the form could not be read"))
		return
	}
	answers := s.Safety.Intakes.Form().DecodeStep(stepID, r.PostForm)
	next, err := s.Safety.Intakes.SaveStep(r.Context(), policy.ActorOf(sess.User), sess.User.ID, stepID, answers)
	var e *errs.Error
	if errs.Is(err, errs.Invalid) && asError(err, &e) {
		s.renderIntakeStep(w, r, sess.User, stepID, answers, e.Fields)
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/intake/"+next, http.StatusSeeOther)
}

func (s *Server) renderIntakeStep(w http.ResponseWriter, r *http.Request, u account.User, stepID string, a intake.Answers, problems map[string]string) {
	form := s.Safety.Intakes.Form()
	step, ok := form.Step(stepID)
	if !ok {
		s.renderError(w, r, errs.NotFoundf("no such step"))
		return
	}
	page := intakeStepPage{Step: step, Index: form.Index(stepID), Total: len(form.Steps), HasErrors: len(problems) > 0}
	if page.Index > 1 {
		page.Back = "/intake/" + form.Steps[page.Index-2].ID
	}
	for _, q := range step.Questions {
		page.Fields = append(page.Fields, fieldFor(q, a[q.Name], problems[q.Name], u.TimeZone))
	}
	status := http.StatusOK
	if page.HasErrors && r.Method == http.MethodPost {
		status = http.StatusUnprocessableEntity
	}
	render(s, w, r, status, "intake_step", step.Title+" · Intake", page)
}

func fieldFor(q intake.Question, value, problem, userTZ string) fieldView {
	f := fieldView{ID: "q-" + q.Name, Name: q.Name, Label: q.Label, Why: q.Why, Kind: q.Kind, Value: value, Error: problem, Required: q.Required}
	if q.SaidOnce {
		f.Why = ""
	}
	options := q.Options
	if q.Kind == intake.KindTimeZone {
		if f.Value == "" {
			f.Value = userTZ
		}
		options = timeZoneOptions(f.Value)
	}
	for _, o := range options {
		f.Options = append(f.Options, optionView{Value: o.Value, Label: o.Label, Checked: o.Value == f.Value})
	}
	return f
}

type intakeReviewPage struct {
	Steps []reviewStep
	Ready bool
}

type reviewStep struct {
	Title, Href string
	Done        bool
}

func (s *Server) intakeReview(w http.ResponseWriter, r *http.Request, in intake.Intake) {
	form := s.Safety.Intakes.Form()
	page := intakeReviewPage{Ready: true}
	for _, st := range form.Steps {
		done := form.ValidateStep(st.ID, in.Answers, s.Now()) == nil
		page.Ready = page.Ready && done
		page.Steps = append(page.Steps, reviewStep{Title: st.Title, Href: "/intake/" + st.ID, Done: done})
	}
	render(s, w, r, http.StatusOK, "intake_review", "Review your intake", page)
}

func (s *Server) intakeSubmit(w http.ResponseWriter, r *http.Request, sess account.Session) {
	_, err := s.Safety.Intakes.Submit(r.Context(), policy.ActorOf(sess.User), sess.User.ID)
	var e *errs.Error
	if errs.Is(err, errs.Invalid) && asError(err, &e) && e.Fields["step"] != "" {
		http.Redirect(w, r, "/intake/"+url.PathEscape(e.Fields["step"])+"?check=1", http.StatusSeeOther)
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/intake/result", http.StatusSeeOther)
}

// intakeResultPage explains the triage outcome to the client.
type intakeResultPage struct {
	Disposition     string
	NeedsClinician  bool
	OnHold          bool
	Partners        []intake.Partner
	FirstSessionDue string
	LateStart       bool
	Hold            holdView        // sessions wait (e.g. for a clinician): no coaches yet
	Match           suggestionsPage // coaches, for an outcome that allows coaching
	Request         *requestView    // the open or accepted request to a coach, if any
	Notice          string
}

func (s *Server) intakeResult(w http.ResponseWriter, r *http.Request, sess account.Session) {
	in, err := s.Safety.Intakes.Get(r.Context(), policy.ActorOf(sess.User), sess.User.ID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if !in.Submitted {
		http.Redirect(w, r, "/intake", http.StatusSeeOther)
		return
	}
	o := in.Outcome
	if o.Disposition == triage.Emergency && o.OnHold() {
		s.renderEmergency(w, r, sess.User.PracticeID, true)
		return
	}
	page := intakeResultPage{Disposition: string(o.Disposition), NeedsClinician: o.ClinicianNeeded(), OnHold: o.OnHold(),
		FirstSessionDue: formatTime(o.FirstSessionDue, sess.User.TimeZone), LateStart: o.LateStart}
	if page.OnHold || page.NeedsClinician {
		if page.Partners, err = s.Safety.Intakes.Partners(r.Context(), sess.User.PracticeID); err != nil {
			s.renderError(w, r, err)
			return
		}
	}
	if page.Hold, err = s.holdOf(r, sess.User); err != nil {
		s.renderError(w, r, err)
		return
	}
	if !page.OnHold && !page.Hold.On {
		if err := s.resultMatching(r, sess.User, in, &page); err != nil {
			s.renderError(w, r, err)
			return
		}
	}
	render(s, w, r, http.StatusOK, "intake_result", "Your next steps", page)
}

// nextSession fills in the client's next booked session, if any.
func (s *Server) nextSession(r *http.Request, u account.User, v *requestView) error {
	all, err := s.Coaching.Schedule.OfClient(r.Context(), policy.ActorOf(u), u.ID)
	if err != nil {
		return err
	}
	now := s.Now()
	for _, a := range all {
		if a.Live() && a.Start.After(now) && (v.FirstSession == "" || a.Start.Before(v.next)) {
			v.FirstSession, v.next = formatTime(a.Start, u.TimeZone), a.Start
		}
	}
	return nil
}

// requestView is a client's request to a coach, in their time zone.
type requestView struct {
	CoachName, CoachURL, RespondBy, FirstSession string
	Pending                                      bool
	next                                         time.Time
}

// resultMatching puts the client's coach request, or else the suggested
// coaches, on the result page, so the next step is right there.
func (s *Server) resultMatching(r *http.Request, u account.User, in intake.Intake, page *intakeResultPage) error {
	switch r.URL.Query().Get("done") {
	case "requested":
		page.Notice = noticeText("requested")
	case "slot-taken":
		page.Notice = "That time was taken a moment ago. Here are the coaches' open times now."
	}
	if c, err := s.People.Practices.Client(r.Context(), policy.ActorOf(u), u.ID); err != nil {
		return err
	} else if c.CoachID != 0 {
		page.Request = &requestView{CoachName: c.CoachName, CoachURL: "/coaches/" + strconv.FormatInt(c.CoachID, 10)}
		return s.nextSession(r, u, page.Request)
	}
	reqs, err := s.Coaching.Coaches.ClientRequests(r.Context(), policy.ActorOf(u), u.ID)
	if err != nil {
		return err
	}
	for _, rq := range reqs {
		if rq.Status == coach.RequestPending || rq.Status == coach.RequestAccepted {
			page.Request = &requestView{CoachName: rq.CoachName, CoachURL: "/coaches/" + strconv.FormatInt(rq.CoachID, 10),
				Pending: rq.Status == coach.RequestPending, RespondBy: formatTime(rq.RespondBy, u.TimeZone)}
			if rq.FirstSessionAt != nil {
				page.Request.FirstSession = formatTime(*rq.FirstSessionAt, u.TimeZone)
			}
			return nil
		}
	}
	page.Match, err = s.suggestionsFor(r.Context(), in, u, "result")
	return err
}

// emergencyPage is the page a client sees at once when their answers or
// words say they may be in danger, or when they pressed "I'm not safe
// right now". It works without JavaScript.
type emergencyPage struct {
	Region   crisis.Region
	Others   []crisis.Region
	Alerted  bool // intake answers put coaching on hold
	NotSafe  bool // the client pressed "I'm not safe right now"
	Failed   bool // …and the alert could not be saved
	Response SafetyResponse
}

// Why the emergency page is shown.
type emergencyReason int

const (
	emergencyAsked emergencyReason = iota
	emergencyIntake
	emergencyNotSafe
	emergencyNotSafeFailed
)

func (s *Server) emergencyShow(w http.ResponseWriter, r *http.Request) {
	var practiceID int64
	if u, ok := signedInUser(r); ok {
		practiceID = u.PracticeID
	}
	s.renderEmergencyPage(w, r, practiceID, emergencyAsked)
}

func (s *Server) renderEmergency(w http.ResponseWriter, r *http.Request, practiceID int64, alerted bool) {
	why := emergencyAsked
	if alerted {
		why = emergencyIntake
	}
	s.renderEmergencyPage(w, r, practiceID, why)
}

func (s *Server) renderEmergencyPage(w http.ResponseWriter, r *http.Request, practiceID int64, why emergencyReason) {
	region := s.regionFor(r, practiceID)
	var others []crisis.Region
	for _, o := range crisis.All(region.Code) {
		if o.Code != region.Code {
			others = append(others, o)
		}
	}
	page := emergencyPage{Region: region, Others: others, Alerted: why == emergencyIntake,
		NotSafe: why == emergencyNotSafe || why == emergencyNotSafeFailed, Failed: why == emergencyNotSafeFailed,
		Response: SafetyResponse{Urgent: true, Region: region, Help: crisis.HelpFor(region, nil), Told: why == emergencyIntake}}
	render(s, w, r, http.StatusOK, "emergency", "Get help now", page)
}

// SafetyResponse is the model of the reusable "safety_response" partial
// (templates/_safety_response.html) that a page shows the client after
// alert.Service.ScanText returned concern or urgent: put it in the page
// model and write {{template "safety_response" .Response}}. Help holds the
// lines in the order for the kind of risk (crisis.HelpFor); Kinds names
// the kinds in plain words. Both say that a person will look, and that
// this is not a diagnosis.
type SafetyResponse struct {
	Urgent bool
	Region crisis.Region
	Help   crisis.Help
	Kinds  []string
	Told   bool // an alert reached the coach
}

func timeZoneOptions(current string) []intake.Option {
	zones := []string{"America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles", "America/Anchorage",
		"Pacific/Honolulu", "America/Toronto", "America/Vancouver", "America/Halifax", "America/Mexico_City", "America/Sao_Paulo",
		"Europe/London", "Europe/Dublin", "Europe/Lisbon", "Europe/Paris", "Europe/Berlin", "Europe/Amsterdam", "Europe/Madrid",
		"Europe/Rome", "Europe/Stockholm", "Europe/Athens", "Africa/Johannesburg", "Asia/Jerusalem", "Asia/Kolkata", "Asia/Singapore",
		"Asia/Tokyo", "Australia/Perth", "Australia/Adelaide", "Australia/Brisbane", "Australia/Sydney", "Pacific/Auckland", "UTC"}
	out := []intake.Option{}
	found := false
	for _, z := range zones {
		found = found || z == current
		out = append(out, intake.Option{Value: z, Label: z})
	}
	if !found && current != "" {
		if _, err := time.LoadLocation(current); err == nil {
			out = append([]intake.Option{{Value: current, Label: current}}, out...)
		}
	}
	return out
}
