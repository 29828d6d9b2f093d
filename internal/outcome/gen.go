package outcome

import (
	"encoding/csv"
	"io"
	"math"
	"math/rand/v2"
	"sort"
	"strconv"
)

// GenOptions shapes synthetic outcome data.
type GenOptions struct {
	Seed    uint64
	Clients int
	// LostRate is the share of rows without a 12-month score.
	LostRate float64
	// DoseEffect is the log-odds added to "maintained" for high dose.
	DoseEffect float64
}

// GenerateRows makes synthetic, reproducible rows (one per client and
// instrument in rules) for tests, fixtures, benchmarks and demos. It is not
// a model of real outcomes: it only produces plausible shapes.
func GenerateRows(opt GenOptions, rules map[string]Rule) []Row {
	rng := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9E3779B97F4A7C15))
	names := make([]string, 0, len(rules))
	for name := range rules {
		names = append(names, name)
	}
	sort.Strings(names)
	rows := make([]Row, 0, opt.Clients*len(names))
	for c := range opt.Clients {
		sessions := rng.IntN(15)
		for _, name := range names {
			rows = append(rows, generateRow(rng, opt, c, sessions, name, rules[name]))
		}
	}
	return rows
}

func generateRow(rng *rand.Rand, opt GenOptions, client, sessions int, name string, rule Rule) Row {
	span := rule.Max - rule.Min
	baseline := math.Round(rule.Min + span*(0.2+0.8*rng.Float64()))
	row := Row{ClientID: "c" + strconv.Itoa(client), Sessions90: sessions, Instrument: name, Baseline: baseline}
	if rng.Float64() < opt.LostRate {
		return row
	}
	eta := -0.6 + 3*(baseline-rule.Min)/span - 1.5
	if row.HighDose() {
		eta += opt.DoseEffect
	}
	drop := math.Floor(rng.Float64() * rule.MCID) // below the MCID
	if rng.Float64() < 1/(1+math.Exp(-eta)) {
		drop = rule.MCID + math.Floor(rng.Float64()*rule.MCID)
	}
	if rng.Float64() < 0.1 {
		drop = -drop / 2 // some get worse
	}
	row.Month12 = math.Max(rule.Min, math.Min(rule.Max, math.Round(baseline-drop)))
	row.FollowedUp = true
	return row
}

// WriteCSV writes rows with the outcomes header; rows lost to follow-up get
// an empty month12.
func WriteCSV(w io.Writer, rows []Row) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(requiredColumns); err != nil {
		return err
	}
	for _, r := range rows {
		m12 := ""
		if r.FollowedUp {
			m12 = strconv.FormatFloat(r.Month12, 'g', -1, 64)
		}
		rec := []string{r.ClientID, strconv.Itoa(r.Sessions90), r.Instrument,
			strconv.FormatFloat(r.Baseline, 'g', -1, 64), m12}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
