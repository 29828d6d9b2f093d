package app

import (
	"context"

	"github.com/afterward/afterward/internal/licence"
	"github.com/afterward/afterward/internal/measure"
)

// startLicences wires the licence switch over the registry and applies it:
// the configured instruments are recorded (who: the configuration), then
// every switch left on, by configuration or admin, is enabled.
func (a *App) startLicences(ctx context.Context, reg *measure.Registry) error {
	licensed, err := configuredLicences(Env{Getenv: a.Cfg.Getenv}, reg)
	if err != nil {
		return err
	}
	a.Licences = licence.NewService(licence.Deps{DB: a.DB, Registry: reg, Now: a.Now})
	return a.Licences.Start(ctx, licensed)
}
