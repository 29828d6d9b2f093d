package app

import (
	"context"
	"strconv"

	"github.com/afterward/afterward/internal/alert"
	"github.com/afterward/afterward/internal/intake"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/web"
)

// careSignals is the coach dashboard's web.CareSignals: open safety alerts
// (from the safety queue) and clients whose intake asked for a clinician
// that is not recorded yet. Summaries are short labels, never answers or
// text.
type careSignals struct {
	alerts  *alert.Service
	intakes *intake.Service
}

func (c careSignals) OpenSafetyAlerts(ctx context.Context, coach policy.Actor) ([]web.Signal, error) {
	list, err := c.alerts.Queue(ctx, coach)
	if err != nil {
		return nil, err
	}
	var out []web.Signal
	for _, a := range list {
		if !a.Open() {
			continue
		}
		out = append(out, web.Signal{ClientName: a.ClientName, Summary: a.Level.String() + ": " + a.ReasonLabel(),
			Href: "/safety#alert-" + strconv.FormatInt(a.ID, 10), Since: a.CreatedAt})
	}
	return out, nil
}

func (c careSignals) ClinicianNeeded(ctx context.Context, coach policy.Actor) ([]web.Signal, error) {
	list, err := c.intakes.List(ctx, coach)
	if err != nil {
		return nil, err
	}
	var out []web.Signal
	for _, s := range list {
		if !s.Submitted || !s.Outcome.ClinicianNeeded() {
			continue
		}
		out = append(out, web.Signal{ClientName: s.ClientName, Summary: "a clinician alongside coaching is needed",
			Href: "/intakes", Since: s.Outcome.SubmittedAt})
	}
	return out, nil
}
