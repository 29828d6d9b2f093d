package app

import (
	"context"
	"errors"
	"flag"
	"io"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/careteam"
	"github.com/afterward/afterward/internal/errs"
)

// maxImportBytes bounds standard input: one QuestionnaireResponse is small.
const maxImportBytes = 1 << 20

// importResult is what `afterward import fhir` prints.
type importResult struct {
	Client     string `json:"client"`
	Instrument string `json:"instrument"`
	ResponseID int64  `json:"response_id"`
	AnsweredAt string `json:"answered_at"`
	Total      *int   `json:"total"`
	Severity   string `json:"severity"`
}

// runImport: `afterward import fhir --client EMAIL < response.json` reads a
// FHIR R4 QuestionnaireResponse from another system, checks it is valid
// R4 (careteam.ValidateQuestionnaireResponseR4), scores it and adds it to the client's
// questionnaire history. Bad input is one line on stderr and exit 2; the
// answers are never echoed.
func runImport(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 || args[0] != "fhir" {
		return usagef("usage: afterward import fhir --client EMAIL [--db URL] [--data-dir DIR] < questionnaire-response.json")
	}
	var email string
	cfg, err := parseFlags("import fhir", env, args[1:], func(fs *flag.FlagSet) {
		fs.StringVar(&email, "client", "", "the client's email address")
	})
	if err != nil {
		return err
	}
	cfg.Existing = true
	if email == "" {
		return usagef("--client is required: the email address of the client the response belongs to")
	}
	data, err := io.ReadAll(io.LimitReader(env.Stdin, maxImportBytes+1))
	if err != nil {
		return usagef("reading standard input: %v", err)
	}
	if len(data) > maxImportBytes {
		return usagef("standard input is larger than %d bytes; send one QuestionnaireResponse", maxImportBytes)
	}
	if err := validateR4(data); err != nil {
		return err
	}
	reg, err := loadInstruments(env)
	if err != nil {
		return err
	}
	resp, err := careteam.ParseQuestionnaireResponse(data, reg.Lookup)
	if err != nil {
		return usagef("not an importable QuestionnaireResponse: %v", err)
	}
	now := env.now()
	if resp.At.IsZero() {
		resp.At = now
	}
	if resp.At.After(now) {
		return usagef("the response was authored in the future (%s)", resp.At.Format(time.RFC3339))
	}
	a, err := Build(ctx, cfg, newLogger(env.Stderr, cfg.LogFormat), env.now)
	if err != nil {
		return err
	}
	defer a.Close()
	res, err := a.Questionnaires.OperatorImport(ctx, email, resp.Instrument, resp.At, resp.Answers)
	if errs.Is(err, errs.NotFound) {
		return usagef("--client %q: no client with that email address", email)
	}
	if errs.Is(err, errs.Invalid) {
		return usagef("the answers do not fit %s: %s", resp.Instrument, oneLine(err.Error()))
	}
	if err != nil {
		return err
	}
	return writeJSON(env.Stdout, importResult{Client: account.NormalizeEmail(email), Instrument: resp.Instrument,
		ResponseID: res.ResponseID, AnsweredAt: resp.At.UTC().Format(time.RFC3339), Total: res.Total, Severity: res.Severity})
}

// validateR4 checks the input is valid FHIR R4 JSON and a
// QuestionnaireResponse.
func validateR4(data []byte) error {
	err := careteam.ValidateQuestionnaireResponseR4(data)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, careteam.ErrNotQuestionnaireResponse):
		return usagef("not a QuestionnaireResponse: send one resource, not a Bundle or another type")
	default:
		return usagef("%s", oneLine(err.Error()))
	}
}
