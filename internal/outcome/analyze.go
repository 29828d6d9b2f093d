package outcome

import "sort"

// Report is the dose comparison for one instrument.
type Report struct {
	Instrument string
	// N counts rows with a 12-month score (analysed); LostToFollowUp counts
	// rows without one. N = Table high + low totals.
	N, LostToFollowUp int
	Table             Table
	OddsRatio         OddsRatio
	PFisher           float64
	RiskDiff          float64
	RiskDiffOK        bool
	Adjusted          Logistic
	// AdjustedErr says why the adjusted model is not reported; nil when it is.
	AdjustedErr error
}

// Analyze runs the dose comparison for every instrument present in rows.
// rules must hold a Rule for each instrument in rows (ReadCSV guarantees it).
func Analyze(rows []Row, rules map[string]Rule) []Report {
	groups := map[string][]Row{}
	for _, r := range rows {
		groups[r.Instrument] = append(groups[r.Instrument], r)
	}
	names := make([]string, 0, len(groups))
	for name := range groups {
		names = append(names, name)
	}
	sort.Strings(names)
	reports := make([]Report, 0, len(names))
	for _, name := range names {
		reports = append(reports, analyzeOne(name, groups[name], rules[name]))
	}
	return reports
}

// AnalyzeOne is Analyze for rows of the one instrument name, without
// grouping them first (a copy of every row) when the caller has them apart.
func AnalyzeOne(name string, rows []Row, rule Rule) Report { return analyzeOne(name, rows, rule) }

func analyzeOne(name string, rows []Row, rule Rule) Report {
	rep := Report{Instrument: name}
	y := make([]bool, 0, len(rows))
	high := make([]bool, 0, len(rows))
	baseline := make([]float64, 0, len(rows))
	for _, r := range rows {
		if !r.FollowedUp {
			rep.LostToFollowUp++
			continue
		}
		y = append(y, Maintained(r, rule))
		high = append(high, r.HighDose())
		baseline = append(baseline, r.Baseline)
	}
	rep.N = len(y)
	rep.Table = tabulate(y, high)
	rep.OddsRatio = WoolfOddsRatio(rep.Table)
	rep.PFisher = FisherExact(rep.Table)
	rep.RiskDiff, rep.RiskDiffOK = RiskDifference(rep.Table)
	rep.Adjusted, rep.AdjustedErr = FitLogistic(y, high, baseline)
	return rep
}

func tabulate(y, high []bool) Table {
	var t Table
	for i := range y {
		switch {
		case high[i] && y[i]:
			t.HighYes++
		case high[i]:
			t.HighNo++
		case y[i]:
			t.LowYes++
		default:
			t.LowNo++
		}
	}
	return t
}
