package web

import (
	"net/http"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/alert"
	"github.com/afterward/afterward/internal/crisis"
	"github.com/afterward/afterward/internal/httpx"
	"github.com/afterward/afterward/internal/safety"
)

// Crisis help as people see it: the lines of their practice's region (with
// the practice's overrides), ordered for the kind of risk.

// regionFor is the region a practice's people see; the deployment's
// default region for everyone else, or when the practice cannot be read
// (crisis lines must show even when the database does not answer).
func (s *Server) regionFor(r *http.Request, practiceID int64) crisis.Region {
	if practiceID == 0 || s.Safety.Crisis == nil {
		return crisis.For(s.region)
	}
	region, err := s.Safety.Crisis.ForPractice(r.Context(), practiceID)
	if err != nil {
		s.log.Warn("crisis region fell back to the default", "practice_id", practiceID, "err", err, "request_id", httpx.RequestID(r.Context()))
		return crisis.For(s.region)
	}
	return region
}

// notice is the safety notice a client sees after saving something that
// raised an alert: the help ordered for the kinds of risk of the alert
// raised on src. The level is the higher of the record's own (from the
// scan when it was saved) and the alert's; none shows nothing.
func (s *Server) notice(r *http.Request, sess account.Session, l safety.Level, src alert.Source) *safetyNotice {
	if sess.User.Role != account.Client {
		// Staff writing (a coach's message) get the plain notice.
		if l == safety.None {
			return nil
		}
		return &safetyNotice{Urgent: l == safety.Urgent, Concern: l == safety.Concern, Help: crisis.HelpFor(s.regionFor(r, sess.User.PracticeID), nil)}
	}
	help, kinds, alertLevel, err := s.Safety.Alerts.ClientHelp(r.Context(), actor(sess), src)
	if err != nil {
		s.log.Warn("safety notice without kinds", "err", err, "request_id", httpx.RequestID(r.Context()))
		help = crisis.HelpFor(s.regionFor(r, sess.User.PracticeID), nil)
	}
	l = max(l, alertLevel)
	if l == safety.None {
		return nil
	}
	return &safetyNotice{Urgent: l == safety.Urgent, Concern: l == safety.Concern, Help: help, Kinds: crisis.KindLabels(kinds)}
}

// notSafeCreate is the "I'm not safe right now" button on every client
// page: it raises an urgent alert (the coach and admins are emailed without
// content) and shows crisis help at once. It answers the POST with the page
// itself, so help shows even if a redirect were lost; pressing again (or
// reloading) does not raise a second alert while the first is open.
func (s *Server) notSafeCreate(w http.ResponseWriter, r *http.Request, sess account.Session) {
	if err := clientOnly(sess); err != nil {
		s.renderError(w, r, err)
		return
	}
	if _, err := s.Safety.Alerts.NotSafe(r.Context(), actor(sess)); err != nil {
		// Help first: show the numbers even when the alert could not be
		// saved, and say so.
		s.log.Error("not-safe alert failed", "user_id", sess.User.ID, "err", err, "request_id", httpx.RequestID(r.Context()))
		s.renderEmergencyPage(w, r, sess.User.PracticeID, emergencyNotSafeFailed)
		return
	}
	s.renderEmergencyPage(w, r, sess.User.PracticeID, emergencyNotSafe)
}
