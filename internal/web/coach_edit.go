package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/coach"
	"github.com/afterward/afterward/internal/dates"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/httpx"
	"github.com/afterward/afterward/internal/humantime"
)

// profileForm is the coach's profile as typed: every field is kept as text
// so that nothing is lost when the page comes back with errors.
type profileForm struct {
	Values    map[string]string
	Sections  []formSection
	Facets    []facetChoice
	Fields    map[string]string
	Notice    string
	Status    string
	Review    string
	Trainings []trainingRow
	Training  map[string]string // the add-training form as typed
	// TrainingInputs lists the add-training form's text inputs.
	TrainingInputs []inputSpec
}

type facetChoice struct {
	Name, Label string
	Options     []optionChoice
}

type optionChoice struct {
	Value, Label string
	Checked      bool
}

// profileTextFields are the single-valued inputs, by form name.
var profileTextFields = []string{"name", "headline", "bio", "answer_training", "answer_experience", "answer_crisis", "answer_therapy",
	"supervision_kind", "supervision_frequency", "ethics_code", "years_practice", "location", "fee", "currency",
	"sliding_min", "sliding_max", "sliding_spots", "packages", "time_zone", "availability", "accepting"}

func (s *Server) coachProfileEdit(w http.ResponseWriter, r *http.Request, sess account.Session) {
	p, ok := s.ownProfile(w, r, sess)
	if !ok {
		return
	}
	if p.CoachID == 0 {
		p = coach.Profile{Name: sess.User.Name, Currency: "USD", TimeZone: sess.User.TimeZone, Accepting: true}
	}
	form := profileFormFrom(p, s.Now(), humantime.In(sess.User.TimeZone))
	form.Notice = profileNotice(r.URL.Query().Get("done"), p)
	s.renderProfileForm(w, r, http.StatusOK, form, p)
}

func profileNotice(done string, p coach.Profile) string {
	switch {
	case done == "saved" && p.Status == coach.PendingReview:
		return "Saved. Some wording needs a second look, so an admin will review your profile before it appears in the directory. You will see their decision here."
	case done == "saved":
		return "Saved and published: your profile is live in the directory."
	case done == "training":
		return "Training added. An admin will check the certificate; it counts towards your verified hours once verified."
	}
	return ""
}

// ownProfile is the coach's own profile (empty before the first save); it
// also refuses anyone who is not a coach before any input is looked at.
func (s *Server) ownProfile(w http.ResponseWriter, r *http.Request, sess account.Session) (coach.Profile, bool) {
	p, err := s.Coaching.Coaches.Own(r.Context(), actor(sess))
	if err != nil && !errs.Is(err, errs.NotFound) {
		s.renderError(w, r, err)
		return p, false
	}
	return p, true
}

func (s *Server) coachProfileSave(w http.ResponseWriter, r *http.Request, sess account.Session) {
	own, ok := s.ownProfile(w, r, sess)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, errs.E(errs.Invalid, "the form could not be read"))
		return
	}
	p, problems := profileFromForm(r)
	if len(problems) == 0 {
		_, err := s.Coaching.Coaches.SaveProfile(r.Context(), actor(sess), p)
		if fields := fieldsOf(err); fields != nil {
			problems = fields
		} else if err != nil {
			s.renderError(w, r, err)
			return
		}
	}
	if len(problems) > 0 {
		form := profileForm{Values: map[string]string{}, Fields: problems}
		for _, name := range profileTextFields {
			form.Values[name] = r.PostFormValue(name)
		}
		form.Status, form.Review, form.Trainings = statusLabel(own.Status), own.ReviewNote, trainingRows(own.Trainings, s.Now(), humantime.In(sess.User.TimeZone))
		s.renderProfileForm(w, r, http.StatusUnprocessableEntity, form, tagsFromForm(r))
		return
	}
	http.Redirect(w, r, "/coach/profile?done=saved", http.StatusSeeOther)
}

// profileFromForm reads the form into a profile; problems are the fields
// that are not even numbers or windows (the service checks the rest).
func profileFromForm(r *http.Request) (coach.Profile, map[string]string) {
	f := r.PostFormValue
	problems := map[string]string{}
	p := coach.Profile{Name: f("name"), Headline: f("headline"), Bio: f("bio"), EthicsCode: strings.TrimSpace(f("ethics_code")),
		Answers:     coach.Answers{Training: f("answer_training"), Experience: f("answer_experience"), Crisis: f("answer_crisis"), Therapy: f("answer_therapy")},
		Supervision: coach.Supervision{Kind: f("supervision_kind"), Frequency: strings.TrimSpace(f("supervision_frequency"))},
		Location:    f("location"), Currency: f("currency"), TimeZone: strings.TrimSpace(f("time_zone")), Accepting: f("accepting") == "yes",
		Substances: r.PostForm[coach.FacetSubstance], Contexts: r.PostForm[coach.FacetContext], Modalities: r.PostForm[coach.FacetModality],
		Languages: r.PostForm[coach.FacetLanguage], Formats: r.PostForm[coach.FacetFormat], Lengths: r.PostForm[coach.FacetLength]}
	whole := func(name string, dst *int) {
		if v := strings.TrimSpace(f(name)); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil {
				problems[name] = "enter a whole number"
			}
			*dst = n
		}
	}
	amount := func(name string, dst *int64) {
		if v := strings.TrimSpace(f(name)); v != "" {
			n, err := parseMoney(v)
			if err != nil {
				problems[name] = "enter an amount such as 120 or 120.50"
			}
			*dst = n
		}
	}
	whole("years_practice", &p.YearsActive)
	whole("sliding_spots", &p.Sliding.Spots)
	amount("fee", &p.FeeMinor)
	amount("sliding_min", &p.Sliding.MinMinor)
	amount("sliding_max", &p.Sliding.MaxMinor)
	var err error
	if p.Packages, err = parsePackages(f("packages")); err != nil {
		problems["packages"] = err.Error()
	}
	return p, problems
}

// parsePackages reads one package per line: "name; sessions; price".
func parsePackages(text string) ([]coach.Package, error) {
	var out []coach.Package
	for _, line := range strings.Split(text, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		parts := strings.Split(line, ";")
		bad := fmt.Errorf("write each package like \"Five sessions; 5; 500\" (could not read %q)", strings.TrimSpace(line))
		if len(parts) != 3 {
			return nil, bad
		}
		n, err := strconv.Atoi(strings.TrimSpace(parts[1]))
		if err != nil {
			return nil, bad
		}
		price, err := parseMoney(parts[2])
		if err != nil {
			return nil, bad
		}
		out = append(out, coach.Package{Name: strings.TrimSpace(parts[0]), Sessions: n, PriceMinor: price})
	}
	return out, nil
}

func formatPackages(ps []coach.Package) string {
	lines := make([]string, len(ps))
	for i, pk := range ps {
		lines[i] = fmt.Sprintf("%s; %d; %s", pk.Name, pk.Sessions, amountText(pk.PriceMinor))
	}
	return strings.Join(lines, "\n")
}

func amountText(minor int64) string {
	if minor == 0 {
		return ""
	}
	if minor%100 == 0 {
		return strconv.FormatInt(minor/100, 10)
	}
	return fmt.Sprintf("%d.%02d", minor/100, minor%100)
}

func profileFormFrom(p coach.Profile, now time.Time, loc *time.Location) profileForm {
	v := map[string]string{"name": p.Name, "headline": p.Headline, "bio": p.Bio, "answer_training": p.Answers.Training,
		"answer_experience": p.Answers.Experience, "answer_crisis": p.Answers.Crisis, "answer_therapy": p.Answers.Therapy,
		"supervision_kind": p.Supervision.Kind, "supervision_frequency": p.Supervision.Frequency, "ethics_code": p.EthicsCode,
		"years_practice": strconv.Itoa(p.YearsActive), "location": p.Location, "fee": amountText(p.FeeMinor), "currency": p.Currency,
		"sliding_min": amountText(p.Sliding.MinMinor), "sliding_max": amountText(p.Sliding.MaxMinor), "packages": formatPackages(p.Packages),
		"time_zone": p.TimeZone, "accepting": map[bool]string{true: "yes"}[p.Accepting]}
	if p.Sliding.Spots > 0 {
		v["sliding_spots"] = strconv.Itoa(p.Sliding.Spots)
	}
	return profileForm{Values: v, Status: statusLabel(p.Status), Review: p.ReviewNote, Trainings: trainingRows(p.Trainings, now, loc)}
}

func statusLabel(st coach.Status) string {
	return map[coach.Status]string{coach.Published: "Published", coach.PendingReview: "Waiting for an admin's review (not public yet)",
		coach.Returned: "Returned by an admin: see the note, change your profile and save again", coach.Draft: "Draft"}[st]
}

// trainingRows are the coach's own credentials, on the reader's calendar (loc).
func trainingRows(ts []coach.Training, now time.Time, loc *time.Location) []trainingRow {
	var out []trainingRow
	for _, t := range ts {
		out = append(out, trainingRowFor(t, now, loc))
	}
	return out
}

// tagsFromForm keeps the ticked boxes as typed when the page comes back.
func tagsFromForm(r *http.Request) coach.Profile {
	return coach.Profile{Substances: r.PostForm[coach.FacetSubstance], Contexts: r.PostForm[coach.FacetContext], Modalities: r.PostForm[coach.FacetModality],
		Languages: r.PostForm[coach.FacetLanguage], Formats: r.PostForm[coach.FacetFormat], Lengths: r.PostForm[coach.FacetLength]}
}

func (s *Server) renderProfileForm(w http.ResponseWriter, r *http.Request, status int, form profileForm, checked coach.Profile) {
	for _, f := range coach.TagFacets() {
		fc := facetChoice{Name: f.Name, Label: f.Label}
		for _, o := range f.Options {
			fc.Options = append(fc.Options, optionChoice{Value: o.Value, Label: o.Label, Checked: checked.Has(f.Name, o.Value)})
		}
		form.Facets = append(form.Facets, fc)
	}
	form.Sections, form.TrainingInputs = form.sections(), trainingInputs
	if form.Training == nil {
		form.Training = map[string]string{}
	}
	render(s, w, r, status, "coach_edit", "Your coach profile", form)
}

// coachTrainingAdd records a training with its certificate. The upload is
// bounded before it is read; its type is decided by content in the service.
func (s *Server) coachTrainingAdd(w http.ResponseWriter, r *http.Request, sess account.Session) {
	p, ok := s.ownProfile(w, r, sess)
	if !ok {
		return
	}
	data, err := certificateUpload(w, r)
	t := coach.Training{Name: r.PostFormValue("training_name"), Provider: r.PostFormValue("training_provider"), Certificate: data}
	t.Hours, _ = strconv.Atoi(strings.TrimSpace(r.PostFormValue("training_hours")))
	t.Year, _ = strconv.Atoi(strings.TrimSpace(r.PostFormValue("training_year")))
	if exp, msg := trainingExpiry(r.PostFormValue("training_expires")); msg != "" {
		if err == nil {
			err = errs.Validation{"training_expires": msg}.Err()
		}
	} else {
		t.ExpiresAt = exp
	}
	if len(data) > 0 {
		t.CertificateName = "certificate"
	}
	if err == nil {
		_, err = s.Coaching.Coaches.AddTraining(r.Context(), actor(sess), t)
	}
	if fields := fieldsOf(err); fields != nil || errs.Is(err, errs.Conflict) {
		form := profileFormFrom(p, s.Now(), humantime.In(sess.User.TimeZone))
		form.Fields = fields
		if fields == nil {
			form.Fields = map[string]string{"training_name": safeMessage(err)}
		}
		form.Training = map[string]string{}
		for _, name := range []string{"training_name", "training_provider", "training_hours", "training_year", "training_expires"} {
			form.Training[name] = r.PostFormValue(name)
		}
		s.renderProfileForm(w, r, http.StatusUnprocessableEntity, form, p)
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/coach/profile?done=training#trainings", http.StatusSeeOther)
}

// trainingExpiry reads the optional date a certificate expires: empty is
// none; anything else must be a plausible date, or msg says what to enter
// (a date typed wrongly is never dropped silently).
func trainingExpiry(v string) (exp *time.Time, msg string) {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil, ""
	}
	d, err := time.Parse("2006-01-02", v)
	switch {
	case err != nil:
		return nil, "enter the date the certificate expires as year-month-day, such as 2027-06-30, or leave it empty"
	case !dates.Plausible(d):
		return nil, dates.PlausibleMessage
	}
	return &d, ""
}

// certificateUpload reads the optional "certificate" file, refusing more
// than coach.MaxCertificateBytes without reading further.
func certificateUpload(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	const formOverhead = 64 << 10 // the text fields and multipart framing
	r.Body = http.MaxBytesReader(w, r.Body, coach.MaxCertificateBytes+formOverhead)
	tooBig := errs.Validation{"certificate": "upload a file of at most 5 MB"}.Err()
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var mbe *http.MaxBytesError
		switch {
		case errors.As(err, &mbe):
			return nil, tooBig
		case errors.Is(err, http.ErrNotMultipart):
			return nil, r.ParseForm()
		}
		return nil, errs.Validation{"certificate": "the upload was interrupted; please try again"}.Err()
	}
	if bad := httpx.TextProblem(r.MultipartForm.Value); bad != "" {
		return nil, httpx.TextError(bad)
	}
	f, _, err := r.FormFile("certificate")
	if errors.Is(err, http.ErrMissingFile) {
		return nil, nil
	}
	if err != nil {
		return nil, errs.Validation{"certificate": "the upload was interrupted; please try again"}.Err()
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, coach.MaxCertificateBytes+1))
	if err != nil {
		return nil, errs.Validation{"certificate": "the upload was interrupted; please try again"}.Err()
	}
	if len(data) > coach.MaxCertificateBytes {
		return nil, tooBig
	}
	return data, nil
}
