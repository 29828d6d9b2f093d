package outcome_test

import (
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/afterward/afterward/internal/outcome"
)

// benchInstrument describes how one instrument is administered in the
// benchmark's synthetic practice.
type benchInstrument struct {
	name   string
	items  int
	hi     int8
	months []uint8
}

// Per client: PHQ-9 and GAD-7 at 0, 3, 6 and 12 months, PCL-5 at 0 and 12:
// 10 questionnaire responses, so 100,000 clients give 1,000,000 responses.
var benchInstruments = []benchInstrument{
	{"phq9", 9, 3, []uint8{0, 3, 6, 12}},
	{"gad7", 7, 3, []uint8{0, 3, 6, 12}},
	{"pcl5", 20, 4, []uint8{0, 12}},
}

// response is one completed questionnaire; answers index into a shared slab.
type response struct {
	client     int32
	instrument uint8
	month      uint8
	start      int32
}

type practice struct {
	sessions  []int
	responses []response
	answers   []int8
}

// newPractice builds the in-memory data set. A lost client's last response is
// at month 9 instead of 12, so the response count stays exact.
func newPractice(clients int) practice {
	rng := rand.New(rand.NewPCG(42, 7))
	p := practice{sessions: make([]int, clients)}
	for c := range clients {
		p.sessions[c] = rng.IntN(15)
		lost := rng.Float64() < 0.15
		for i, inst := range benchInstruments {
			level := rng.Float64()
			for _, month := range inst.months {
				if month == 12 && lost {
					month = 9
				}
				p.responses = append(p.responses, response{int32(c), uint8(i), month, int32(len(p.answers))})
				if month > 0 {
					level *= 0.6 + 0.5*rng.Float64()
				}
				for range inst.items {
					p.answers = append(p.answers, int8(min(float64(inst.hi), level*float64(inst.hi+1)*rng.Float64()*1.6)))
				}
			}
		}
	}
	return p
}

// rows scores every response and keeps each client's baseline and 12-month
// totals per instrument: the step from questionnaires to analysis rows.
func (p practice) rows() []outcome.Row {
	rows := make([]outcome.Row, len(p.sessions)*len(benchInstruments))
	for i := range rows {
		c, inst := i/len(benchInstruments), i%len(benchInstruments)
		rows[i] = outcome.Row{ClientID: strconv.Itoa(c), Sessions90: p.sessions[c], Instrument: benchInstruments[inst].name}
	}
	for _, r := range p.responses {
		inst := benchInstruments[r.instrument]
		total := 0
		for _, v := range p.answers[r.start : int(r.start)+inst.items] {
			total += int(v)
		}
		row := &rows[int(r.client)*len(benchInstruments)+int(r.instrument)]
		switch r.month {
		case 0:
			row.Baseline = float64(total)
		case 12:
			row.Month12, row.FollowedUp = float64(total), true
		}
	}
	return rows
}

// BenchmarkOutcomes times the whole computation over 100,000 clients and
// 1,000,000 questionnaire responses held in memory: scoring every response,
// then the dose comparison (2×2, Woolf OR, Fisher, risk difference, logistic
// regression) and response/remission rates for each instrument. Target: under
// 2 s per operation on 2 cores.
func BenchmarkOutcomes(b *testing.B) {
	p := newPractice(100_000)
	if len(p.responses) != 1_000_000 {
		b.Fatalf("%d responses, want 1,000,000", len(p.responses))
	}
	b.Run("score_and_analyze", func(b *testing.B) {
		for b.Loop() {
			rows := p.rows()
			reports := outcome.Analyze(rows, rules)
			for _, rep := range reports {
				if rep.AdjustedErr != nil {
					b.Fatalf("%s: %v", rep.Instrument, rep.AdjustedErr)
				}
			}
			for name, rule := range rules {
				_ = outcome.ResponseRemission(filter(rows, name), rule)
			}
		}
	})
	rows := p.rows()
	b.Run("analyze_rows", func(b *testing.B) {
		for b.Loop() {
			_ = outcome.Analyze(rows, rules)
		}
	})
}

func filter(rows []outcome.Row, instrument string) []outcome.Row {
	var out []outcome.Row
	for _, r := range rows {
		if r.Instrument == instrument {
			out = append(out, r)
		}
	}
	return out
}
