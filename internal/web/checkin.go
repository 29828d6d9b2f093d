package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/alert"
	"github.com/afterward/afterward/internal/checkin"
	"github.com/afterward/afterward/internal/humantime"
)

// chartWindow is how far back the chart and table reach.
const chartWindow = 8 * 7 * 24 * time.Hour

type checkinRow struct {
	Date                             string
	Mood, Anxiety, Sleep, Connection int
	Note                             string
}

type trendView struct {
	Chart       checkin.Chart
	Description string
	Rows        []checkinRow
}

type checkinPage struct {
	Form   checkin.Input
	Fields map[string]string
	Scales []scaleField
	Trend  trendView
	Safety *safetyNotice
	Done   bool
}

// scaleField is one 1–5 question as a radio group.
type scaleField struct {
	Name, Legend, Low, High string
	Value                   int
	Error                   string
	Options                 []int
}

func scaleFields(in checkin.Input, fields map[string]string) []scaleField {
	opts := []int{1, 2, 3, 4, 5}
	return []scaleField{
		{"mood", "Mood", "very low", "very good", int(in.Mood), fields["mood"], opts},
		{"anxiety", "Anxiety", "calm", "very anxious", int(in.Anxiety), fields["anxiety"], opts},
		{"sleep", "Sleep", "very poor", "very good", int(in.Sleep), fields["sleep"], opts},
		{"connection", "Connection with others", "alone", "very connected", int(in.Connection), fields["connection"], opts},
	}
}

func (s *Server) trend(r *http.Request, sess account.Session, clientID int64) (trendView, []checkin.CheckIn, error) {
	cs, err := s.ClientSpace.CheckIns.List(r.Context(), actor(sess), clientID, s.Now().Add(-chartWindow))
	if err != nil {
		return trendView{}, nil, err
	}
	series := checkin.Trend(cs)
	tv := trendView{Chart: checkin.NewChart(series, 640, 240), Description: checkin.Describe(series)}
	for i, tick := range tv.Chart.XTicks { // the reader's day, as in the table
		tv.Chart.XTicks[i].Label = humantime.Short(tick.At, humantime.In(sess.User.TimeZone))
	}
	for _, c := range cs {
		tv.Rows = append(tv.Rows, checkinRow{formatTime(c.At, sess.User.TimeZone), int(c.Mood), int(c.Anxiety), int(c.Sleep), int(c.Connection), c.Note})
	}
	return tv, cs, nil
}

func (s *Server) checkinShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	s.checkinPage(w, r, sess, http.StatusOK, checkinPage{Form: checkin.Input{Cadence: checkin.Daily}, Done: r.URL.Query().Get("done") == "1"})
}

func (s *Server) checkinPage(w http.ResponseWriter, r *http.Request, sess account.Session, status int, page checkinPage) {
	if err := clientOnly(sess); err != nil {
		s.renderError(w, r, err)
		return
	}
	tv, cs, err := s.trend(r, sess, sess.User.ID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page.Trend, page.Scales = tv, scaleFields(page.Form, page.Fields)
	if page.Done && len(cs) > 0 {
		page.Safety = s.notice(r, sess, cs[0].SafetyLevel, alert.Source{Kind: "checkin", ID: cs[0].ID})
	}
	render(s, w, r, status, "checkin", "Check-in", page)
}

func (s *Server) checkinCreate(w http.ResponseWriter, r *http.Request, sess account.Session) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	scale := func(name string) checkin.Scale {
		n, _ := strconv.Atoi(r.PostFormValue(name))
		return checkin.Scale(n)
	}
	in := checkin.Input{Cadence: checkin.Cadence(r.PostFormValue("cadence")), Mood: scale("mood"), Anxiety: scale("anxiety"),
		Sleep: scale("sleep"), Connection: scale("connection"), Note: r.PostFormValue("note"), Safe: checkin.Safe(r.PostFormValue("safe"))}
	_, err := s.ClientSpace.CheckIns.Record(r.Context(), actor(sess), sess.User.ID, in)
	if fields := fieldsOf(err); fields != nil {
		s.checkinPage(w, r, sess, http.StatusUnprocessableEntity, checkinPage{Form: in, Fields: fields})
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if in.Safe == checkin.SafeNo {
		// The same as the "I'm not safe right now" button: help at once.
		s.renderEmergencyPage(w, r, sess.User.PracticeID, emergencyNotSafe)
		return
	}
	http.Redirect(w, r, "/checkin?done=1", http.StatusSeeOther)
}
