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

// noticePage is the admin's booking and cancellation rules.
type noticePage struct {
	MinBooking, CancelNotice, LateFee, NoShowFee, Currency string
	Fields                                                 map[string]string
	Error, Notice                                          string
}

func (s *Server) noticeShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	p, err := s.Schedule.Notice(r.Context(), policy.ActorOf(sess.User))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page := noticePage{MinBooking: hoursOf(p.MinBooking), CancelNotice: hoursOf(p.CancelNotice), LateFee: amountText(p.LateCancelFee),
		NoShowFee: amountText(p.NoShowFee), Currency: p.Currency, Fields: map[string]string{}}
	if r.URL.Query().Get("done") == "saved" {
		page.Notice = "Saved. New bookings and cancellations follow these rules."
	}
	render(s, w, r, http.StatusOK, "notice_policy", "Booking and cancellation", page)
}

func hoursOf(d time.Duration) string { return strconv.FormatFloat(d.Hours(), 'f', -1, 64) }

// noticeSave saves the practice's notice policy (admins; the route is
// adminOnly, so others never see field errors).
func (s *Server) noticeSave(w http.ResponseWriter, r *http.Request, sess account.Session) {
	page := noticePage{MinBooking: r.PostFormValue("min_booking"), CancelNotice: r.PostFormValue("cancel_notice"),
		LateFee: r.PostFormValue("late_cancel_fee"), NoShowFee: r.PostFormValue("no_show_fee"),
		Currency: strings.ToUpper(strings.TrimSpace(r.PostFormValue("currency"))), Fields: map[string]string{}}
	hours := func(field, v string) time.Duration {
		h, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil || h < 0 || h > 24*30 {
			page.Fields[field] = "enter hours between 0 and 720"
		}
		return time.Duration(h * float64(time.Hour)).Round(time.Minute)
	}
	amount := func(field, v string) int64 {
		n, err := parseMoney(v)
		if err != nil || n < 0 {
			page.Fields[field] = "enter an amount like 25 or 25.50"
		}
		return n
	}
	p := schedule.NoticePolicy{MinBooking: hours("min_booking", page.MinBooking), CancelNotice: hours("cancel_notice", page.CancelNotice),
		LateCancelFee: amount("late_cancel_fee", page.LateFee), NoShowFee: amount("no_show_fee", page.NoShowFee), Currency: page.Currency}
	if len(page.Fields) == 0 {
		err := s.Schedule.SetNoticePolicy(r.Context(), policy.ActorOf(sess.User), p)
		if err == nil {
			http.Redirect(w, r, "/settings/notice?done=saved", http.StatusSeeOther)
			return
		}
		if !s.formError(err, &page.Fields, &page.Error) {
			s.renderError(w, r, err)
			return
		}
	}
	render(s, w, r, http.StatusUnprocessableEntity, "notice_policy", "Booking and cancellation", page)
}
