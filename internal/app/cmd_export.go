package app

import (
	"context"
	"flag"
	"fmt"
	"strconv"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/audit"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
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
	body, err := a.exportFHIR(ctx, email)
	if errs.Is(err, errs.NotFound) {
		return usagef("--client %q: no client with that email address", email)
	}
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(env.Stdout, "%s\n", body)
	return err
}

// exportFHIR builds the bundle for the client with email, as an operator
// export: audited with no actor.
func (a *App) exportFHIR(ctx context.Context, email string) ([]byte, error) {
	var body []byte
	err := a.DB.InTx(ctx, func(tx *store.Tx) error {
		var id int64
		err := tx.QueryRow(ctx, `SELECT u.id FROM users u JOIN clients c ON c.user_id = u.id WHERE u.email = ?`,
			account.NormalizeEmail(email)).Scan(&id)
		if err != nil {
			return store.NotFound(err, "client")
		}
		if body, err = a.FHIR.Export(ctx, tx, id); err != nil {
			return err
		}
		_, err = audit.Append(ctx, tx, audit.Event{At: a.Now(), Action: audit.ActionExport, ResourceType: "fhir_bundle",
			ResourceID: strconv.FormatInt(id, 10), ClientID: id, Outcome: audit.OutcomeOK, Detail: "channel=cli"})
		return err
	})
	return body, err
}
