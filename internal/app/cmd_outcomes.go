package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/afterward/afterward/internal/outcome"
	"github.com/afterward/afterward/internal/questionnaire"
)

// runOutcomes implements `afterward outcomes analyze FILE.csv`: the
// integration-dose comparison per instrument, as JSON. Every figure is
// printed whatever n is; hiding figures from fewer than outcome.MinReportable
// clients is the product page's job.
func runOutcomes(_ context.Context, env Env, args []string) error {
	if len(args) != 2 || args[0] != "analyze" {
		return usagef("usage: afterward outcomes analyze FILE.csv")
	}
	reg, err := loadInstruments(env)
	if err != nil {
		return err
	}
	rules := questionnaire.Rules(reg)
	f, err := os.Open(args[1])
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return usagef("cannot open %s: no such file", args[1])
		}
		return usagef("cannot open %s: %v", args[1], err)
	}
	defer f.Close()
	rows, err := outcome.ReadCSV(f, rules)
	if err != nil {
		return usagef("%s: %v", args[1], err)
	}
	out := outcomesOutput{Instruments: map[string]instrumentOutcome{}}
	for _, rep := range outcome.Analyze(rows, rules) {
		out.Instruments[rep.Instrument] = toInstrumentOutcome(rep)
	}
	return writeJSON(env.Stdout, out)
}

type outcomesOutput struct {
	Instruments map[string]instrumentOutcome `json:"instruments"`
}

type doseGroup struct {
	N          int `json:"n"`
	Maintained int `json:"maintained"`
}

type instrumentOutcome struct {
	N              int        `json:"n"`
	LostToFollowUp int        `json:"lost_to_follow_up"`
	HighDose       doseGroup  `json:"high_dose"`
	LowDose        doseGroup  `json:"low_dose"`
	OddsRatio      float64    `json:"odds_ratio"`
	CI95           [2]float64 `json:"ci95"`
	PFisher        float64    `json:"p_fisher"`
	// Corrected says 0.5 was added to every cell for the OR and CI.
	Corrected      bool            `json:"continuity_corrected"`
	RiskDifference *float64        `json:"risk_difference"`
	Adjusted       adjustedOutcome `json:"adjusted"`
}

type adjustedOutcome struct {
	OddsRatio *float64    `json:"odds_ratio"`
	CI95      *[2]float64 `json:"ci95"`
	Reason    *string     `json:"reason"`
}

func toInstrumentOutcome(rep outcome.Report) instrumentOutcome {
	t := rep.Table
	out := instrumentOutcome{
		N:              rep.N,
		LostToFollowUp: rep.LostToFollowUp,
		HighDose:       doseGroup{N: t.HighYes + t.HighNo, Maintained: t.HighYes},
		LowDose:        doseGroup{N: t.LowYes + t.LowNo, Maintained: t.LowYes},
		OddsRatio:      rep.OddsRatio.OR,
		CI95:           [2]float64{rep.OddsRatio.Lo, rep.OddsRatio.Hi},
		PFisher:        rep.PFisher,
		Corrected:      rep.OddsRatio.Corrected,
	}
	if rep.RiskDiffOK {
		rd := rep.RiskDiff
		out.RiskDifference = &rd
	}
	if rep.AdjustedErr != nil {
		reason := fmt.Sprint(rep.AdjustedErr)
		out.Adjusted.Reason = &reason
	} else {
		or := rep.Adjusted.OR
		out.Adjusted.OddsRatio = &or
		out.Adjusted.CI95 = &[2]float64{rep.Adjusted.Lo, rep.Adjusted.Hi}
	}
	return out
}
