package measure

import (
	"errors"
	"fmt"
)

// ErrDisabled is returned when scoring an instrument a deployment has not
// switched on (it needs a licence).
var ErrDisabled = errors.New("disabled until licensed")

// Result is a scored questionnaire.
type Result struct {
	Instrument string
	Total      int
	Severity   string
	// Flags lists raised flag names in definition order; never nil.
	Flags []string
	// Percent is set when the definition has a percent multiplier (WHO-5).
	Percent *int
	// Clusters maps cluster name to its sub-score; nil when none defined.
	Clusters map[string]int
}

// Score sums the answers of a summed instrument and applies its bands,
// flags and clusters. answers are item values in item order.
func Score(def *Definition, answers []int) (Result, error) {
	if !def.Enabled {
		return Result{}, fmt.Errorf("%s is %w (a deployment must switch it on to confirm it holds permission)", def.ID, ErrDisabled)
	}
	if def.Scoring.Method != MethodSum {
		return Result{}, fmt.Errorf("%s has no summed score", def.ID)
	}
	if len(answers) != def.ItemCount {
		return Result{}, fmt.Errorf("%s needs %d answers, got %d", def.ID, def.ItemCount, len(answers))
	}
	total := 0
	for i, v := range answers {
		if v < def.AnswerRange.Min || v > def.AnswerRange.Max {
			return Result{}, fmt.Errorf("%s item %d: %d is outside %d..%d", def.ID, i+1, v, def.AnswerRange.Min, def.AnswerRange.Max)
		}
		total += v
	}
	res := Result{Instrument: def.ID, Total: total, Severity: SeverityOf(def, total), Flags: flagsRaised(def, answers, total)}
	if m := def.Scoring.PercentMultiplier; m > 0 {
		p := total * m
		res.Percent = &p
	}
	if len(def.Clusters) > 0 {
		res.Clusters = make(map[string]int, len(def.Clusters))
		for _, c := range def.Clusters {
			sum := 0
			for _, v := range answers[c.First-1 : c.Last] {
				sum += v
			}
			res.Clusters[c.Name] = sum
		}
	}
	return res, nil
}

// SeverityOf returns the label of the band holding total, or "" when none does
// (only possible for a total outside the validated range).
func SeverityOf(def *Definition, total int) string {
	for _, b := range def.Bands {
		if total >= b.Min && total <= b.Max {
			return b.Label
		}
	}
	return ""
}

func flagsRaised(def *Definition, answers []int, total int) []string {
	flags := []string{}
	for _, f := range def.Flags {
		v := total
		if f.Item != 0 {
			v = answers[f.Item-1]
		}
		if v >= f.Min && v <= f.Max {
			flags = append(flags, f.Name)
		}
	}
	return flags
}

// CSSRSAnswers are the yes/no answers to the C-SSRS screener ("past month"
// for q1–q5; q6 lifetime, qualified by Q6Within3Months).
type CSSRSAnswers struct {
	Q1, Q2, Q3, Q4, Q5, Q6 bool
	Q6Within3Months        bool
}

// Risk levels of the C-SSRS screener triage.
const (
	RiskNone     = "none"
	RiskLow      = "low"
	RiskModerate = "moderate"
	RiskHigh     = "high"
)

// CSSRSRisk triages screener answers: high when item 4 or 5 is yes or item 6
// is yes within 3 months; moderate when item 3 is yes or item 6 is yes
// earlier; low when item 1 or 2 is yes; otherwise none. Q6Within3Months
// only qualifies a yes to item 6: on its own it raises nothing.
func CSSRSRisk(a CSSRSAnswers) string {
	switch {
	case a.Q4 || a.Q5 || (a.Q6 && a.Q6Within3Months):
		return RiskHigh
	case a.Q3 || a.Q6:
		return RiskModerate
	case a.Q1 || a.Q2:
		return RiskLow
	}
	return RiskNone
}
