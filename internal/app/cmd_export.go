package app

import (
	"context"
	"flag"
	"fmt"

	"github.com/afterward/afterward/internal/errs"
)

// runExport: `afterward export fhir --client EMAIL` prints the client's
// FHIR R4 Bundle (type collection) on standard output.
func runExport(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 || args[0] != "fhir" {
		return usagef("usage: afterward export fhir --client EMAIL [--db URL] [--data-dir DIR]")
	}
	var email string
	cfg, err := parseFlags("export fhir", env, args[1:], func(fs *flag.FlagSet) {
		fs.StringVar(&email, "client", "", "the client's email address")
	})
	if err != nil {
		return err
	}
	cfg.Existing = true
	if email == "" {
		return usagef("--client is required: the email address of the client to export")
	}
	a, err := Build(ctx, cfg, newLogger(env.Stderr, cfg.LogFormat), env.now)
	if err != nil {
		return err
	}
	defer a.Close()
	body, err := a.FHIR.OperatorExport(ctx, email)
	if errs.Is(err, errs.NotFound) {
		return usagef("--client %q: no client with that email address", email)
	}
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(env.Stdout, "%s\n", body)
	return err
}
