package web

import (
	"bytes"
	"fmt"
	"net/http"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/outcome"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/questionnaire"
)

type outcomesPage struct {
	Demo        bool // the demo's past clients are generated, and the page says so
	Clients     int
	MinN        int
	Instruments []outcomeView
}

type outcomeView struct {
	Title, MCID                            string
	N, InProgress, Lost                    string
	RatesHidden                            bool
	Response, Remission, Maintained        string
	DoseHidden                             bool
	HighN, HighYes, LowN, LowYes           string
	OddsRatio, PFisher, RiskDiff, Adjusted string
}

func (s *Server) outcomesShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	sum, err := s.Measures.Questionnaires.PracticeOutcomes(r.Context(), policy.ActorOf(sess.User))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page := outcomesPage{Demo: s.Settings.Demo, Clients: sum.Clients, MinN: outcome.MinReportable}
	for _, o := range sum.Instruments {
		page.Instruments = append(page.Instruments, outcomeViewOf(o))
	}
	render(s, w, r, http.StatusOK, "outcomes", "Practice outcomes", page)
}

// outcomeViewOf formats one instrument's figures, hiding every figure
// computed from fewer than outcome.MinReportable clients.
func outcomeViewOf(o questionnaire.InstrumentOutcome) outcomeView {
	t := o.Dose.Table
	v := outcomeView{Title: o.Title, MCID: fmt.Sprintf("%g", o.MCID), N: count(o.Rates.N), InProgress: count(o.InProgress),
		Lost: count(o.Dose.LostToFollowUp), RatesHidden: o.RatesHidden(), DoseHidden: o.DoseHidden()}
	if !v.RatesHidden {
		v.Response = pct(o.Rates.ResponseRate)
		v.Remission = pct(o.Rates.RemissionRate)
		v.Maintained = pct(float64(o.Maintained) / float64(o.Rates.N))
	}
	if v.DoseHidden {
		return v
	}
	v.HighN, v.HighYes, v.LowN, v.LowYes = fmt.Sprint(t.HighYes+t.HighNo), fmt.Sprint(t.HighYes), fmt.Sprint(t.LowYes+t.LowNo), fmt.Sprint(t.LowYes)
	or := o.Dose.OddsRatio
	v.OddsRatio = fmt.Sprintf("%.2f (95%% CI %.2f–%.2f)", or.OR, or.Lo, or.Hi)
	if or.Corrected {
		v.OddsRatio += ", 0.5 added to each cell"
	}
	v.PFisher = pValue(o.Dose.PFisher)
	if o.Dose.RiskDiffOK {
		v.RiskDiff = fmt.Sprintf("%+.1f percentage points", 100*o.Dose.RiskDiff)
	}
	if o.Dose.AdjustedErr != nil {
		v.Adjusted = "not reported: " + o.Dose.AdjustedErr.Error()
	} else {
		a := o.Dose.Adjusted
		v.Adjusted = fmt.Sprintf("%.2f (95%% CI %.2f–%.2f)", a.OR, a.Lo, a.Hi)
	}
	return v
}

// count shows a number of clients, or "<10" for a small cell.
func count(n int) string {
	if n > 0 && outcome.Hidden(n) {
		return questionnaire.Suppressed
	}
	return fmt.Sprint(n)
}

func pct(f float64) string { return fmt.Sprintf("%.0f%%", 100*f) }

func pValue(p float64) string {
	if p < 0.001 {
		return "< 0.001"
	}
	return fmt.Sprintf("%.3f", p)
}

func (s *Server) outcomesExport(w http.ResponseWriter, r *http.Request, sess account.Session) {
	var buf bytes.Buffer
	if err := s.Measures.Questionnaires.ResearchExport(r.Context(), policy.ActorOf(sess.User), &buf); err != nil {
		s.renderError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="afterward-research-export.csv"`)
	_, _ = buf.WriteTo(w)
}
