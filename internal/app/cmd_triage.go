package app

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/afterward/afterward/internal/triage"
)

// runTriage reads one intake on standard input and prints its triage result.
// Invalid input names the field on standard error and prints nothing on
// standard output; the input itself is never echoed, as it is clinical.
func runTriage(_ context.Context, env Env, args []string) error {
	if len(args) > 0 {
		return usagef("triage takes no arguments; it reads one intake as JSON on standard input")
	}
	intake, err := triage.Decode(env.Stdin, env.now())
	var fieldErr *triage.FieldError
	if errors.As(err, &fieldErr) {
		return usagef("%s", fieldErr.Error())
	}
	if err != nil {
		return err
	}
	return writeTriageJSON(env, triage.Assess(intake))
}

// writeTriageJSON encodes v before writing anything, so a failure leaves
// standard output empty, and ends the line. The safety command shares it.
func writeTriageJSON(env Env, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = env.Stdout.Write(append(data, '\n'))
	return err
}
