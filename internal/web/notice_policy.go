package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/schedule"
)

// noticePage is the admin's booking and cancellation rules. The fees are
// billing's one setting: stated here, changed on the billing page.
type noticePage struct {
	MinBooking, CancelNotice string
	Terms                    string // the fees as clients read them
	Fields                   map[string]string
	Error, Notice            string
}

func (s *Server) noticeShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	p, err := s.Coaching.Schedule.Notice(r.Context(), policy.ActorOf(sess.User))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page := noticePage{MinBooking: hoursOf(p.MinBooking), CancelNotice: hoursOf(p.CancelNotice), Fields: map[string]string{}}
	if r.URL.Query().Get("done") == "saved" {
		page.Notice = "Saved. New bookings and cancellations follow these rules."
	}
	s.renderNotice(w, r, sess, http.StatusOK, page)
}

func (s *Server) renderNotice(w http.ResponseWriter, r *http.Request, sess account.Session, status int, page noticePage) {
	var err error
	if page.Terms, err = s.cancellationTerms(r, sess.User.PracticeID); err != nil {
		s.renderError(w, r, err)
		return
	}
	render(s, w, r, status, "notice_policy", "Booking and cancellation", page)
}

// cancellationTerms states the practice's cancellation rules with billing's
// fees, as every page that books or changes a session shows them: the same
// sentence the coaching agreement states (one source, the app's feeTerms).
func (s *Server) cancellationTerms(r *http.Request, practiceID int64) (string, error) {
	return s.Coaching.Agreements.FeeTerms(r.Context(), practiceID)
}

func hoursOf(d time.Duration) string { return strconv.FormatFloat(d.Hours(), 'f', -1, 64) }

// noticeSave saves the practice's notice policy (admins; the route is
// adminOnly, so others never see field errors).
func (s *Server) noticeSave(w http.ResponseWriter, r *http.Request, sess account.Session) {
	page := noticePage{MinBooking: r.PostFormValue("min_booking"), CancelNotice: r.PostFormValue("cancel_notice"), Fields: map[string]string{}}
	hours := func(field, v string) time.Duration {
		h, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil || h < 0 || h > 24*30 {
			page.Fields[field] = "enter hours between 0 and 720"
		}
		return time.Duration(h * float64(time.Hour)).Round(time.Minute)
	}
	p := schedule.NoticePolicy{MinBooking: hours("min_booking", page.MinBooking), CancelNotice: hours("cancel_notice", page.CancelNotice)}
	if len(page.Fields) == 0 {
		err := s.Coaching.Schedule.SetNoticePolicy(r.Context(), policy.ActorOf(sess.User), p)
		if err == nil {
			http.Redirect(w, r, "/settings/notice?done=saved", http.StatusSeeOther)
			return
		}
		if !s.formError(err, &page.Fields, &page.Error) {
			s.renderError(w, r, err)
			return
		}
	}
	s.renderNotice(w, r, sess, http.StatusUnprocessableEntity, page)
}
