package questionnaire

import (
	"context"
	"database/sql"
	"maps"
	"slices"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/audit"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/measure"
	"github.com/afterward/afterward/internal/outcome"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// DoseWindow is the window after the experience in which sessions count
// towards the integration dose.
const DoseWindow = 90 * 24 * time.Hour

// FollowUp12 is the timepoint of the maintained-benefit comparison.
const FollowUp12 = "m12"

// Summary is the practice's outcomes, per instrument with an MCID.
type Summary struct {
	Instruments []InstrumentOutcome
	// Clients counts clients with a baseline score on any instrument.
	Clients int
}

// InstrumentOutcome is one instrument's figures. Figures computed from
// fewer than outcome.MinReportable clients must be hidden (Hidden*).
type InstrumentOutcome struct {
	Instrument, Title string
	MCID              float64
	Rates             outcome.Rates
	// Maintained counts clients whose baseline − 12-month score ≥ MCID.
	Maintained int
	Dose       outcome.Report
	// InProgress counts clients with a baseline whose 12 months are not up.
	InProgress int
}

// RatesHidden reports whether the rates come from too few clients to show.
func (o InstrumentOutcome) RatesHidden() bool { return outcome.Hidden(o.Rates.N) }

// DoseHidden reports whether the dose comparison must be hidden: fewer than
// MinReportable analysed clients in either dose group.
func (o InstrumentOutcome) DoseHidden() bool {
	t := o.Dose.Table
	return outcome.Hidden(t.HighYes+t.HighNo) || outcome.Hidden(t.LowYes+t.LowNo)
}

// Rules takes the thresholds from every enabled summed instrument that
// records an MCID (PHQ-9, GAD-7, PCL-5 as shipped).
func Rules(reg *measure.Registry) map[string]outcome.Rule {
	rules := map[string]outcome.Rule{}
	for _, id := range reg.IDs() {
		def, _ := reg.Lookup(id)
		mcid, ok := measure.MCIDValue(def)
		if !ok || !def.Enabled || def.Scoring.Method != measure.MethodSum {
			continue
		}
		rule := outcome.Rule{Min: float64(def.Scoring.Total.Min), Max: float64(def.Scoring.Total.Max), MCID: mcid}
		if def.RemissionBelow != nil {
			rule.RemissionBelow = float64(*def.RemissionBelow)
		}
		rules[id] = rule
	}
	return rules
}

// PracticeOutcomes computes the practice's outcomes for an admin. They are
// aggregates over the practice's own records; reading them is audited.
func (s *Service) PracticeOutcomes(ctx context.Context, a policy.Actor) (Summary, error) {
	if a.Role != account.Admin {
		return Summary{}, errs.E(errs.Forbidden, "practice outcomes are for the practice admin")
	}
	// A snapshot beside the writer: a long computation must not hold the
	// single writer; it is shared by the requests that arrive while it
	// runs; and each request's event is durable before its figures return.
	sum, err := s.outcomes.do(a.PracticeID, func() (Summary, error) {
		var sum Summary
		shared := context.WithoutCancel(ctx) // others wait on it: one leaving must not cancel it
		err := s.db.InReadTx(shared, func(tx *store.Tx) error {
			var err error
			sum, err = s.computeOutcomes(shared, tx, a.PracticeID)
			return err
		})
		return sum, err
	})
	if err != nil {
		return Summary{}, err
	}
	ev := audit.Stamp(ctx, audit.Event{At: s.now(), ActorID: a.UserID, ActorRole: string(a.Role), Action: audit.ActionRead,
		ResourceType: "practice_outcomes", ResourceID: itoa(a.PracticeID), Outcome: audit.OutcomeOK})
	if err := audit.Record(ctx, s.db, ev); err != nil {
		return Summary{}, errs.Wrap(err, "writing audit event")
	}
	return sum, nil
}

// computeOutcomes is the query and analysis path (benchmarked).
func (s *Service) computeOutcomes(ctx context.Context, q store.Querier, practiceID int64) (Summary, error) {
	rules := Rules(s.measures)
	sessions, err := s.sessionsWithin(ctx, q, practiceID, DoseWindow)
	if err != nil {
		return Summary{}, err
	}
	// A baseline answered before the cutoff had its 12-month window close:
	// without a 12-month score that client is lost to follow-up.
	cutoff := s.now().AddDate(-1, 0, 0).Add(-Window)
	names := slices.Sorted(maps.Keys(rules))
	pairs, clients, err := loadPairs(ctx, q, practiceID, names, cutoff)
	if err != nil {
		return Summary{}, err
	}
	// Rows are built per instrument at their final size, and each
	// instrument's are dropped once analysed: the page's peak memory is
	// what bounds the server's (issue 17: resident memory under 200 MB).
	count := make([]int, len(names))
	inProgress := make([]int, len(names))
	for k, p := range pairs {
		switch {
		case !p.hasBase:
		case !p.has12 && !p.baseClosed:
			inProgress[k.instrument]++
		default:
			count[k.instrument]++
		}
	}
	rows := make([][]outcome.Row, len(names))
	for i, n := range count {
		rows[i] = make([]outcome.Row, 0, n)
	}
	for k, p := range pairs {
		if p.hasBase && (p.has12 || p.baseClosed) {
			rows[k.instrument] = append(rows[k.instrument], outcome.Row{Sessions90: sessions[k.client], Instrument: names[k.instrument],
				Baseline: float64(p.base), Month12: float64(p.m12), FollowedUp: p.has12})
		}
	}
	sum := Summary{Clients: clients}
	for _, id := range s.measures.IDs() {
		i, ok := slices.BinarySearch(names, id)
		if !ok || (len(rows[i]) == 0 && inProgress[i] == 0) {
			continue
		}
		rule := rules[id]
		def, _ := s.measures.Lookup(id)
		o := InstrumentOutcome{Instrument: id, Title: def.Title, MCID: rule.MCID, InProgress: inProgress[i]}
		o.Rates = outcome.ResponseRemission(rows[i], rule)
		for _, r := range rows[i] {
			if outcome.Maintained(r, rule) {
				o.Maintained++
			}
		}
		if len(rows[i]) > 0 {
			o.Dose = outcome.AnalyzeOne(id, rows[i], rule)
		}
		rows[i] = nil
		sum.Instruments = append(sum.Instruments, o)
	}
	return sum, nil
}

// pairKey is a client and an instrument (its index in the sorted rule
// names): a small key, so the map of 300,000 pairs stays small.
type pairKey struct {
	client     int64
	instrument int
}

// pair is held by value in the map: no object per pair for the collector.
type pair struct {
	base, m12      int32
	hasBase, has12 bool
	// baseClosed: the baseline is old enough for the 12-month window to
	// have closed.
	baseClosed bool
}

// loadPairs reads each client's baseline and 12-month totals in one pass
// over a covering index (no table or join lookups: 1,000,000 responses must
// be analysed in well under 2 seconds). names are the instruments with a
// rule, sorted; other instruments are skipped. The text columns are read
// without a string per row.
func loadPairs(ctx context.Context, q store.Querier, practiceID int64, names []string, cutoff time.Time) (map[pairKey]pair, int, error) {
	rows, err := q.Query(ctx, `SELECT client_id, instrument, timepoint, total, CASE WHEN answered_at <= ? THEN 1 ELSE 0 END
		FROM measure_responses WHERE practice_id = ? AND timepoint IN ('baseline', 'm12') AND total IS NOT NULL`, cutoff, practiceID)
	if err != nil {
		return nil, 0, errs.Wrap(err, "reading outcome scores")
	}
	defer rows.Close()
	index := make(map[string]int, len(names))
	for i, n := range names {
		index[n] = i
	}
	pairs := map[pairKey]pair{}
	clients := map[int64]struct{}{}
	var instrument, tp sql.RawBytes
	for rows.Next() {
		var k pairKey
		var total, closed int
		if err := rows.Scan(&k.client, &instrument, &tp, &total, &closed); err != nil {
			return nil, 0, errs.Wrap(err, "reading outcome scores")
		}
		i, ok := index[string(instrument)]
		if !ok {
			continue
		}
		k.instrument = i
		p := pairs[k]
		if string(tp) == Baseline {
			p.base, p.hasBase, p.baseClosed = int32(total), true, closed == 1
			clients[k.client] = struct{}{}
		} else {
			p.m12, p.has12 = int32(total), true
		}
		pairs[k] = p
	}
	return pairs, len(clients), errs.Wrap(rows.Err(), "reading outcome scores")
}
