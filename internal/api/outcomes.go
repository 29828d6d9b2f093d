package api

import (
	"net/http"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/outcome"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/questionnaire"
)

// outcomesResponse mirrors the admin's outcomes page. Every figure computed
// from fewer than min_reportable clients is null and listed as hidden.
type outcomesResponse struct {
	Observational string              `json:"observational"`
	MinReportable int                 `json:"min_reportable"`
	Clients       int                 `json:"clients"`
	Instruments   []instrumentOutcome `json:"instruments"`
}

type instrumentOutcome struct {
	Instrument     string       `json:"instrument"`
	MCID           float64      `json:"mcid"`
	N              *int         `json:"n"`
	LostToFollowUp *int         `json:"lost_to_follow_up"`
	InProgress     *int         `json:"in_progress"`
	ResponseRate   *float64     `json:"response_rate"`
	RemissionRate  *float64     `json:"remission_rate"`
	MaintainedRate *float64     `json:"maintained_rate"`
	Dose           *doseOutcome `json:"dose"`
	Hidden         []string     `json:"hidden"`
}

type doseOutcome struct {
	HighDose       doseGroup   `json:"high_dose"`
	LowDose        doseGroup   `json:"low_dose"`
	OddsRatio      float64     `json:"odds_ratio"`
	CI95           [2]float64  `json:"ci95"`
	Corrected      bool        `json:"continuity_corrected"`
	PFisher        float64     `json:"p_fisher"`
	RiskDifference *float64    `json:"risk_difference"`
	AdjustedOR     *float64    `json:"adjusted_odds_ratio"`
	AdjustedCI95   *[2]float64 `json:"adjusted_ci95"`
	AdjustedReason *string     `json:"adjusted_reason"`
}

type doseGroup struct {
	N          int `json:"n"`
	Maintained int `json:"maintained"`
}

const observational = "Observational figures from the practice's own records; they show associations, not causes."

func (s *Server) outcomesShow(w http.ResponseWriter, r *http.Request, sess account.Session) {
	sum, err := s.Questionnaires.PracticeOutcomes(r.Context(), policy.ActorOf(sess.User))
	if err != nil {
		writeError(s.Log, w, r, err)
		return
	}
	out := outcomesResponse{Observational: observational, MinReportable: outcome.MinReportable, Clients: sum.Clients, Instruments: []instrumentOutcome{}}
	for _, o := range sum.Instruments {
		out.Instruments = append(out.Instruments, instrumentJSON(o))
	}
	writeJSON(w, http.StatusOK, out)
}

func instrumentJSON(o questionnaire.InstrumentOutcome) instrumentOutcome {
	j := instrumentOutcome{Instrument: o.Instrument, MCID: o.MCID, Hidden: []string{}}
	j.N = small(o.Rates.N, "n", &j.Hidden)
	j.LostToFollowUp = small(o.Dose.LostToFollowUp, "lost_to_follow_up", &j.Hidden)
	j.InProgress = small(o.InProgress, "in_progress", &j.Hidden)
	if o.RatesHidden() {
		j.Hidden = append(j.Hidden, "response_rate", "remission_rate", "maintained_rate")
	} else {
		resp, rem, kept := o.Rates.ResponseRate, o.Rates.RemissionRate, float64(o.Maintained)/float64(o.Rates.N)
		j.ResponseRate, j.RemissionRate, j.MaintainedRate = &resp, &rem, &kept
	}
	if o.DoseHidden() {
		j.Hidden = append(j.Hidden, "dose")
		return j
	}
	t, d := o.Dose.Table, o.Dose
	dj := doseOutcome{HighDose: doseGroup{t.HighYes + t.HighNo, t.HighYes}, LowDose: doseGroup{t.LowYes + t.LowNo, t.LowYes},
		OddsRatio: d.OddsRatio.OR, CI95: [2]float64{d.OddsRatio.Lo, d.OddsRatio.Hi}, Corrected: d.OddsRatio.Corrected, PFisher: d.PFisher}
	if d.RiskDiffOK {
		rd := d.RiskDiff
		dj.RiskDifference = &rd
	}
	if d.AdjustedErr != nil {
		reason := d.AdjustedErr.Error()
		dj.AdjustedReason = &reason
	} else {
		or := d.Adjusted.OR
		dj.AdjustedOR, dj.AdjustedCI95 = &or, &[2]float64{d.Adjusted.Lo, d.Adjusted.Hi}
	}
	j.Dose = &dj
	return j
}

// small returns n, or nil (and records the field as hidden) for a count
// of 1 to 9 clients.
func small(n int, field string, hidden *[]string) *int {
	if n > 0 && outcome.Hidden(n) {
		*hidden = append(*hidden, field)
		return nil
	}
	return &n
}
