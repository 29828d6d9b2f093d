package questionnaire

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/measure"
	"github.com/afterward/afterward/internal/outcome"
	"github.com/afterward/afterward/internal/store"
)

// GenOptions shapes synthetic past clients.
type GenOptions struct {
	PracticeID int64
	Clients    int
	Seed       uint64
	Now        time.Time
	// Instruments default to phq9 and gad7.
	Instruments []string
	// LostRate is the share without a 12-month score; DoseEffect the
	// log-odds added to "maintained" for high dose (see outcome.GenOptions).
	LostRate, DoseEffect float64
}

// genTimepoints are the five scored timepoints of a synthetic client.
var genTimepoints = []string{Baseline, Post, "m3", "m6", FollowUp12}

// Generate adds synthetic past clients to a practice, in the database: each
// a disabled account (no sign-in) with stage completed, an experience 13 to
// 36 months ago, a 90-day session count, and scores at baseline, after
// sessions and at 3, 6 and 12 months on each instrument (totals only: no
// item answers are stored). It returns the number of responses written.
// The shapes come from outcome.GenerateRows: plausible, not a model of real
// outcomes; the demo labels them as such.
func Generate(ctx context.Context, tx *store.Tx, reg *measure.Registry, opt GenOptions) (int, error) {
	if len(opt.Instruments) == 0 {
		opt.Instruments = []string{"phq9", "gad7"}
	}
	rules := map[string]outcome.Rule{}
	all := Rules(reg)
	for _, id := range opt.Instruments {
		r, ok := all[id]
		if !ok {
			return 0, errs.E(errs.Invalid, "%s has no outcome rule", id)
		}
		rules[id] = r
	}
	rows := outcome.GenerateRows(outcome.GenOptions{Seed: opt.Seed, Clients: opt.Clients, LostRate: opt.LostRate, DoseEffect: opt.DoseEffect}, rules)
	rng := rand.New(rand.NewPCG(opt.Seed+1, opt.Seed^0xA5A5))
	exps := make([]time.Time, opt.Clients)
	for i := range exps {
		exps[i] = opt.Now.AddDate(0, -13-rng.IntN(24), -rng.IntN(28)).Truncate(time.Hour).UTC()
	}
	ids, err := insertSyntheticClients(ctx, tx, opt, exps)
	if err != nil {
		return 0, err
	}
	doses := make([][]any, 0, opt.Clients)
	var resp [][]any
	perClient := len(rules)
	for i, r := range rows {
		c := i / perClient
		if i%perClient == 0 {
			doses = append(doses, []any{ids[c], r.Sessions90})
		}
		def, _ := reg.Lookup(r.Instrument)
		for j, tp := range genTimepoints {
			if tp == FollowUp12 && !r.FollowedUp {
				continue
			}
			total := interpolate(r, j, len(genTimepoints), rng)
			due := slotDue(exps[c], tp)
			resp = append(resp, []any{ids[c], opt.PracticeID, r.Instrument, tp, due.Add(time.Duration(rng.IntN(10*24)) * time.Hour),
				total, measure.SeverityOf(def, total), opt.Now})
		}
	}
	if err := batchInsert(ctx, tx, `INSERT INTO outcome_doses (client_id, sessions_90d) VALUES `, doses); err != nil {
		return 0, err
	}
	return len(resp), batchInsert(ctx, tx, `INSERT INTO measure_responses (client_id, practice_id, instrument, timepoint, answered_at, total, severity, created_at) VALUES `, resp)
}

// interpolate walks from baseline towards the 12-month score (or, when
// lost, towards a partial improvement) with a little noise.
func interpolate(r outcome.Row, j, n int, rng *rand.Rand) int {
	end := r.Month12
	if !r.FollowedUp {
		end = r.Baseline * 0.8
	}
	if j == 0 {
		return int(r.Baseline)
	}
	if j == n-1 {
		return int(r.Month12)
	}
	v := r.Baseline + (end-r.Baseline)*float64(j)/float64(n-1) + float64(rng.IntN(3)-1)
	return int(math.Max(0, math.Round(v)))
}

func slotDue(experience time.Time, tp string) time.Time {
	for _, s := range Slots(experience, nil, []int{3, 6, 12}) {
		if s.Timepoint == tp {
			return s.DueAt
		}
	}
	return experience
}

func insertSyntheticClients(ctx context.Context, tx *store.Tx, opt GenOptions, exps []time.Time) ([]int64, error) {
	tag := fmt.Sprintf("past-%d-%d", opt.PracticeID, opt.Seed)
	users := make([][]any, opt.Clients)
	for i := range users {
		users[i] = []any{opt.PracticeID, fmt.Sprintf("%s-%06d@synthetic.invalid", tag, i), fmt.Sprintf("Past client %d", i+1), "client", opt.Now, opt.Now}
	}
	if err := batchInsert(ctx, tx, `INSERT INTO users (practice_id, email, name, role, created_at, disabled_at) VALUES `, users); err != nil {
		return nil, err
	}
	rows, err := tx.Query(ctx, `SELECT id, email FROM users WHERE practice_id = ? AND email LIKE ?`, opt.PracticeID, tag+"-%")
	if err != nil {
		return nil, errs.Wrap(err, "reading synthetic clients")
	}
	byEmail := map[string]int64{}
	for rows.Next() {
		var id int64
		var email string
		if err := rows.Scan(&id, &email); err != nil {
			rows.Close()
			return nil, errs.Wrap(err, "reading synthetic clients")
		}
		byEmail[email] = id
	}
	rows.Close()
	ids := make([]int64, opt.Clients)
	clients := make([][]any, opt.Clients)
	subs := []string{"psilocybin", "mdma", "ketamine", "ayahuasca", "lsd"}
	ctxs := []string{"legal_service", "clinical_trial", "ceremonial", "personal"}
	for i := range ids {
		ids[i] = byEmail[users[i][1].(string)]
		clients[i] = []any{ids[i], opt.PracticeID, "completed", exps[i], subs[i%len(subs)], ctxs[i%len(ctxs)], opt.Now}
	}
	return ids, batchInsert(ctx, tx, `INSERT INTO clients (user_id, practice_id, stage, experience_at, substance, context, created_at) VALUES `, clients)
}

// batchInsert writes rows with multi-row VALUES statements (far faster than
// one statement per row on both engines; PostgreSQL allows 65535 parameters).
func batchInsert(ctx context.Context, tx *store.Tx, prefix string, rows [][]any) error {
	const perStatement = 500
	for start := 0; start < len(rows); start += perStatement {
		chunk := rows[start:min(start+perStatement, len(rows))]
		ph := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(chunk[0])), ", ") + ")"
		args := make([]any, 0, len(chunk)*len(chunk[0]))
		for _, r := range chunk {
			args = append(args, r...)
		}
		if _, err := tx.Exec(ctx, prefix+strings.TrimSuffix(strings.Repeat(ph+", ", len(chunk)), ", "), args...); err != nil {
			return errs.Wrap(err, "writing synthetic data")
		}
	}
	return nil
}

// GenerateSynthetic is Generate with the service's instruments.
func (s *Service) GenerateSynthetic(ctx context.Context, tx *store.Tx, opt GenOptions) (int, error) {
	return Generate(ctx, tx, s.measures, opt)
}
