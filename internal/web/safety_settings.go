package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/crisis"
	"github.com/afterward/afterward/internal/policy"
)

// safetySettingsPage is the admin's crisis help and safety-queue rules:
// the region, each line that overrides the region's default, the practice's
// same-day clinician contact, and when unacknowledged urgent alerts go to
// the admin.
type safetySettingsPage struct {
	Regions    []regionOption
	Lines      []overrideRow
	AckMinutes string
	Days       []dayOption
	Start, End string
	Preview    crisis.Region
	Fields     map[string]string
	Notice     string
}

type regionOption struct {
	Code, Name string
	Selected   bool
}

type overrideRow struct {
	Key, Label, Hint, Default string
	Name, Phone               string
}

type dayOption struct {
	Key, Name string
	On        bool
}

var overrideLabels = []struct{ key, label, hint string }{
	{"emergency", "Emergency number", "Replaces the emergency number."},
	{"crisis", "Crisis line", "Shown first for thoughts of suicide or self-harm."},
	{"poison", "Poison control", "Shown right after the emergency number for overdoses and physical symptoms after a substance."},
	{"violence", "Domestic-violence line", "Shown right after the emergency number for violence or an unsafe home."},
	{"clinician", "Same-day clinician", "A clinician your clients can reach the same day (during office hours), shown first for voices, paranoia, days without sleep, panic, relapse, eating problems and hopelessness. Without one, the crisis line is shown."},
}

func (s *Server) safetySettingsShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	set, err := s.Safety.Crisis.Settings(r.Context(), policy.ActorOf(sess.User))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page := s.safetySettingsModel(r, sess, set)
	if r.URL.Query().Get("done") == "saved" {
		page.Notice = "Saved. Clients see this help from now on."
	}
	render(s, w, r, http.StatusOK, "safety_settings", "Crisis help and safety alerts", page)
}

func (s *Server) safetySettingsModel(r *http.Request, sess account.Session, set crisis.Settings) safetySettingsPage {
	practiceRegion := ""
	if p, err := s.People.Practices.Get(r.Context(), sess.User.PracticeID); err == nil {
		practiceRegion = p.Region
	}
	code := set.Region
	if code == "" {
		code = practiceRegion
	}
	page := safetySettingsPage{AckMinutes: strconv.Itoa(int(set.AckWithin / time.Minute)), Start: clock(set.Office.Start), End: clock(set.Office.End),
		Preview: set.Apply(practiceRegion), Fields: map[string]string{}}
	for _, c := range crisis.Codes() {
		page.Regions = append(page.Regions, regionOption{Code: c, Name: crisis.For(c).Name, Selected: c == code})
	}
	defaults := crisis.For(code)
	for _, o := range overrideLabels {
		row := overrideRow{Key: o.key, Label: o.label, Hint: o.hint}
		row.Name, row.Phone = overrideOf(set, o.key)
		row.Default = defaultLine(defaults, o.key)
		page.Lines = append(page.Lines, row)
	}
	for _, d := range weekdays {
		page.Days = append(page.Days, dayOption{Key: dayKey(d), Name: d.String(), On: set.Office.Days[d]})
	}
	return page
}

func overrideOf(set crisis.Settings, key string) (string, string) {
	o := map[string]crisis.Override{"emergency": set.Emergency, "crisis": set.Crisis, "poison": set.Poison, "violence": set.Violence, "clinician": set.Clinician}[key]
	return o.Name, o.Phone
}

// defaultLine says in words what the region shows without an override.
func defaultLine(r crisis.Region, key string) string {
	var l []crisis.Line
	switch key {
	case "emergency":
		l = []crisis.Line{r.Emergency}
	case "crisis":
		l = r.Lines
	case "poison":
		l = r.Poison
	case "violence":
		l = r.Violence
	}
	if len(l) == 0 {
		return "none"
	}
	return l[0].Name + ": " + l[0].Contact
}

// safetySettingsSave saves the settings (admins; the service checks).
// Everything typed is kept on the page when a field is wrong.
func (s *Server) safetySettingsSave(w http.ResponseWriter, r *http.Request, sess account.Session) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	fields := map[string]string{}
	set := crisis.Settings{Region: r.PostFormValue("region")}
	over := func(key string) crisis.Override {
		return crisis.Override{Name: r.PostFormValue(key + "_name"), Phone: r.PostFormValue(key + "_phone")}
	}
	set.Emergency, set.Crisis, set.Poison, set.Violence, set.Clinician = over("emergency"), over("crisis"), over("poison"), over("violence"), over("clinician")
	ack := strings.TrimSpace(r.PostFormValue("ack_minutes"))
	if n, err := strconv.Atoi(ack); err == nil {
		set.AckWithin = time.Duration(n) * time.Minute
	} else {
		fields["ack_minutes"] = "enter minutes between 5 and 1440"
		set.AckWithin = crisis.DefaultAckWithin
	}
	for _, d := range weekdays {
		set.Office.Days[d] = r.PostFormValue("day_"+dayKey(d)) == "1"
	}
	var ok bool
	if set.Office.Start, ok = parseClock(r.PostFormValue("office_start")); !ok {
		fields["office_start"] = "enter a time such as 09:00"
	}
	if set.Office.End, ok = parseClock(r.PostFormValue("office_end")); !ok {
		fields["office_end"] = "enter a time such as 17:00"
	}
	var err error
	if len(fields) == 0 {
		if err = s.Safety.Crisis.Save(r.Context(), policy.ActorOf(sess.User), set); err == nil {
			http.Redirect(w, r, "/settings/safety?done=saved", http.StatusSeeOther)
			return
		}
		var msg string
		if !s.formError(err, &fields, &msg) {
			s.renderError(w, r, err)
			return
		}
	}
	page := s.safetySettingsModel(r, sess, set)
	page.AckMinutes, page.Start, page.End = ack, r.PostFormValue("office_start"), r.PostFormValue("office_end")
	page.Fields = fields
	render(s, w, r, http.StatusUnprocessableEntity, "safety_settings", "Crisis help and safety alerts", page)
}
